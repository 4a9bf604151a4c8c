"""Beyond one machine: a batch of inputs, or the goods of one very large input, checked on a
Dask cluster (``pip install 'roo-check[dask]'``), with the same report as one process.

The work is split where the engine is pure. The inputs of a batch are mapped a few to a
task, each checked by :func:`roo_check.run.check_path` as ``--jobs`` does in worker
processes; a large input is loaded here, on the client, and its goods are mapped in
partitions with :func:`roo_check.engine.evaluate.decide_goods`, the function every way of
running roo-check maps. A large input's GRI 3 sets and shipment-wide flags, and the
batch-wide flags of all, are the reduce step, run here (:func:`roo_check.run.assemble`).

The rule set travels with the work (scattered once to every worker), so the workers need no
rules folder; they need the input files at the same paths (a shared file system) and the
same roo-check version, which :func:`check_on_dask` checks before it submits anything.

Dask is imported inside the functions that use it: ``import roo_check.cluster`` works
without the extra, and a missing extra is a :class:`~roo_check.errors.UsageError`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import count
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from roo_check import __version__
from roo_check.engine.evaluate import (
    PARTITION_GOODS,
    Decided,
    GoodsMapper,
    GoodTask,
    ShipmentRun,
    check_shipment,
    decide_goods,
    partitions,
)
from roo_check.errors import RooCheckError, UsageError
from roo_check.limits import InputLimits, input_limits, set_input_limits
from roo_check.models.config import Config
from roo_check.models.findings import ConfigRecord, Report
from roo_check.rulebook.index import Rulebook
from roo_check.run import (
    Checked,
    assemble,
    check_path,
    error_records,
    failed_result,
    internal_error_record,
)

if TYPE_CHECKING:
    import datetime as dt

    from distributed import Client, Future

MISSING_EXTRA = "the dask extra is not installed: pip install 'roo-check[dask]'"

LARGE_INPUT_BYTES = 2 * 1024 * 1024
"""From this size on disk (a file, or the files of a folder), an input of a batch is large:
its goods are spread over the cluster instead of being decided by one worker. Two MiB is
about a thousand goods of ten BOM lines, where ``--jobs`` starts worker processes too."""

LOCAL_HTTP_ADDRESS = "127.0.0.1:0"
"""Where a local cluster's scheduler serves its HTTP pages: this machine only, on a free
port (left to Dask, it takes port 8787 on every interface, or warns when that is taken)."""

WORKER_WAIT_SECONDS = 60
"""How long to wait for a first worker when the scheduler has none yet."""


def _distributed() -> ModuleType:
    try:
        import distributed
    except ImportError:
        raise UsageError(MISSING_EXTRA) from None
    return distributed


# ----------------------------------------------------------------------- the client


@contextmanager
def connect(address: str | None) -> Iterator[Client]:
    """A client of the scheduler at ``address`` (``tcp://host:8786``), or, for ``local`` or
    ``local:N``, of a cluster of N worker processes on this machine (all the cores when N is
    not given), closed on leaving. ``None`` means the scheduler named in Dask's own
    configuration (``DASK_SCHEDULER_ADDRESS``) if there is one, else ``local``."""
    distributed = _distributed()
    address = address or _configured_address() or "local"
    workers = _local_workers(address)
    if workers is None:
        with _remote(distributed, address) as client:
            yield client
        return
    with (
        distributed.LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=LOCAL_HTTP_ADDRESS,
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


def _configured_address() -> str | None:
    import dask.config

    return dask.config.get("scheduler-address", default=None) or None


def _local_workers(address: str) -> int | None:
    """N for ``local:N`` (all the cores for ``local``); None for a scheduler's address."""
    from roo_check.workers import cores

    name, _, count_ = address.partition(":")
    if name != "local":
        return None
    if not count_:
        return cores()
    if not count_.isdigit() or not 1 <= int(count_) <= 1024:
        raise UsageError(f"--dask {address}: local:N needs N, a number of workers from 1 to 1024")
    return int(count_)


def _remote(distributed: ModuleType, address: str) -> Client:
    try:
        return distributed.Client(address)
    except (OSError, ValueError, TypeError) as exc:
        raise UsageError(f"cannot reach the Dask scheduler at {address}: {exc}") from None


def _worker_state() -> tuple[str, str]:
    """Run on every worker: what must match the client for the report to be the same."""
    return __version__, os.getcwd()


def check_workers(client: Client, paths: Sequence[Path]) -> None:
    """Fail before any work is sent if a worker runs another roo-check version (the rule set
    and the results travel pickled), or if a relative input path would name another file
    there (a worker started in another folder)."""
    try:
        client.wait_for_workers(1, timeout=WORKER_WAIT_SECONDS)
    except TimeoutError:
        waited = f"{WORKER_WAIT_SECONDS} s"
        raise UsageError(f"the Dask scheduler has had no worker for {waited}") from None
    try:
        states: dict[str, tuple[str, str]] = client.run(_worker_state)
    except Exception as exc:
        raise UsageError(f"the Dask workers cannot run roo-check {__version__}: {exc}") from None
    for worker, (version, cwd) in sorted(states.items()):
        if version != __version__:
            raise UsageError(
                f"Dask worker {worker} runs roo-check {version}, this client {__version__}: "
                "install the same version on every worker"
            )
        if cwd != os.getcwd() and any(not Path(p).is_absolute() for p in paths):
            raise UsageError(
                f"Dask worker {worker} runs in {cwd}, not in {os.getcwd()}: give the inputs "
                "as absolute paths (on a file system the workers share)"
            )


# --------------------------------------------------------------- the goods of an input


def dask_mapper(
    client: Client,
    rulebook: Future,
    goods_per_partition: int = PARTITION_GOODS,
) -> GoodsMapper:
    """Decide the partitions of one shipment's goods on the cluster: ``rulebook`` is the
    future of the scattered rule set; what the shipment's partitions share (its facts, its
    files, the flag date) is scattered once per call. All
    the partitions are submitted at once, cut to ``goods_per_partition`` goods each, and
    each given partition's determinations come back in order, as the mapper contract asks.

    The goods are scattered to the workers in one call before the tasks that decide them are
    submitted: inside the tasks they would travel through the scheduler (on the 1,000-good
    benchmark shipment, scattering them took the client's CPU time from 1.6 s to 1.2 s), and
    one call per partition waits on workers that are busy deciding the partitions before."""

    def mapper(given: list[list[GoodTask]], run: ShipmentRun) -> Iterator[Decided]:
        if not given:
            return
        cut = [partitions(part, goods_per_partition) for part in given]
        shared = client.scatter(run, hash=False)
        goods = client.scatter([chunk for chunks in cut for chunk in chunks], hash=False)
        futures = client.map(decide_goods, goods, rulebook=rulebook, run=shared, pure=False)
        try:
            start = 0
            for chunks in cut:
                done = futures[start : start + len(chunks)]
                start += len(chunks)
                yield Decided.joined([future.result() for future in done])
        except BaseException:
            client.cancel(futures)
            raise

    return mapper


@dataclass(frozen=True)
class _Run:
    """What every input of one call shares: the client, the scattered rule set and
    configuration, the evaluation dates and the options."""

    client: Client
    rulebook: Rulebook
    rulebook_future: Future
    config: Config
    config_future: Future
    on: dt.date | None
    today: dt.date
    goods_per_partition: int
    debug: bool
    render: bool = False


def _check_spread(path: Path, run: _Run) -> Checked:
    """One large input: loaded here, its goods decided on the cluster, its sets and
    shipment-wide flags here; its errors, or a bug met on it, recorded on it alone, as
    :func:`roo_check.run.check_path` records them. A failure of the cluster itself (a
    worker lost, a task cancelled) is not the input's: it stops the call."""
    from roo_check.loaders import load_path

    try:
        shipment = load_path(path)
        mapper = dask_mapper(run.client, run.rulebook_future, run.goods_per_partition)
        return check_shipment(
            shipment,
            run.rulebook,
            run.on,
            run.today,
            run.config.suppress,
            mapper,
            render=run.render,
        )
    except RooCheckError as exc:
        return failed_result(path, error_records(exc)), None
    except Exception as exc:
        if run.debug or isinstance(exc, _cluster_failures()):
            raise
        return failed_result(path, [internal_error_record(path, exc)]), None


def _cluster_failures() -> tuple[type[BaseException], ...]:
    from concurrent.futures import CancelledError

    from distributed import KilledWorker
    from distributed.comm.core import CommClosedError

    return KilledWorker, CancelledError, CommClosedError


# -------------------------------------------------------------------------- a batch


def input_bytes(path: Path) -> int:
    """The size of an input on disk: a file's, or the sum of the files directly in a folder
    (where a shipment's goods and BOM are). An input that cannot be read counts as small:
    the worker that checks it reports why."""
    try:
        if not path.is_dir():
            return path.stat().st_size
        with os.scandir(path) as entries:
            return sum(e.stat().st_size for e in entries if e.is_file())
    except OSError:
        return 0


def _spread(paths: Sequence[Path], large_input_bytes: int | None) -> set[int]:
    """The inputs whose goods are spread over the cluster: the only input of a call, and
    each input of a batch from ``large_input_bytes`` on (None: none of a batch)."""
    if len(paths) == 1:
        return {0}
    if large_input_bytes is None:
        return set()
    return {i for i, p in enumerate(paths) if input_bytes(p) >= large_input_bytes}


def check_on_dask(
    paths: Sequence[Path],
    rulebook: Rulebook,
    on: dt.date | None,
    today: dt.date,
    config: Config | None = None,
    config_record: ConfigRecord | None = None,
    *,
    client: Client,
    goods_per_partition: int = PARTITION_GOODS,
    inputs_per_task: int | None = None,
    large_input_bytes: int | None = LARGE_INPUT_BYTES,
    progress: Callable[[int], None] | None = None,
    debug: bool = False,
    render: bool = False,
) -> Report:
    """The report :func:`roo_check.run.check_paths` gives, byte for byte, with the work done
    on the Dask cluster ``client`` is connected to.

    The inputs of a batch go ``inputs_per_task`` to a task (None: one per task for a small
    batch, more for a large one, as ``--jobs`` chunks them); an input alone, or of
    ``large_input_bytes`` or more, is loaded here and its goods are decided on the cluster,
    ``goods_per_partition`` to a task. The batch-wide flags and the report are assembled
    here (the reduce step). ``progress`` is told how many inputs are done; ``debug`` lets a
    bug met on an input reach the caller, as it does in :func:`~roo_check.run.check_paths`;
    ``render`` keeps the determinations as JSON text, as there."""
    _distributed()
    sizes = {"goods_per_partition": goods_per_partition, "inputs_per_task": inputs_per_task}
    for name, value in sizes.items():
        if value is not None and value < 1:
            raise UsageError(f"{name} must be at least 1, not {value}")
    config = config or Config()
    paths = list(paths)
    check_workers(client, paths)
    run = _Run(
        client=client,
        rulebook=rulebook,
        rulebook_future=client.scatter(rulebook, broadcast=True, hash=False),
        config=config,
        config_future=client.scatter(config, broadcast=True, hash=False),
        on=on,
        today=today,
        goods_per_partition=goods_per_partition,
        debug=debug,
        render=render,
    )
    spread = _spread(paths, large_input_bytes)
    small = [i for i in range(len(paths)) if i not in spread]
    chunk = inputs_per_task or _inputs_per_task(len(small), client)
    checked = _check_all(paths, spread, _chunks(small, chunk), run, _ticker(progress))
    return assemble(checked, rulebook, on, config, config_record)


def check_inputs(
    paths: list[Path],
    rulebook: Rulebook,
    on: dt.date | None,
    fallback: dt.date,
    config: Config,
    *,
    debug: bool = False,
    limits: InputLimits | None = None,
    render: bool = False,
) -> list[Checked]:
    """A task of a batch, run on a worker: a few small inputs one after the other, each
    with :func:`roo_check.run.check_path` (its goods decided serially there), read under
    the client's input size limits (``--limit``), which a worker process does not share."""
    set_input_limits(limits or InputLimits())
    return [
        check_path(p, rulebook, on, fallback, config, debug=debug, jobs=1, render=render)
        for p in paths
    ]


def _inputs_per_task(inputs: int, client: Client) -> int:
    """One input to a task for a small batch; for a large one, enough that a task is worth
    what the scheduler spends on it (about a millisecond), still eight tasks a thread."""
    threads = sum(client.nthreads().values()) or 1
    return max(1, min(64, inputs // (threads * 8)))


def _chunks(indexes: list[int], size: int) -> list[list[int]]:
    return [indexes[i : i + size] for i in range(0, len(indexes), size)]


def _check_all(
    paths: list[Path],
    spread: set[int],
    chunks: list[list[int]],
    run: _Run,
    tick: Callable[[], None],
) -> list[Checked]:
    """The map step, results in the order of ``paths``: the small inputs' tasks submitted
    first, so the cluster works on them while the large inputs are loaded here one by one."""
    futures = run.client.map(
        check_inputs,
        [[paths[i] for i in chunk] for chunk in chunks],
        rulebook=run.rulebook_future,
        on=run.on,
        fallback=run.today,
        config=run.config_future,
        debug=run.debug,
        limits=input_limits(),
        render=run.render,
        pure=False,
    )
    checked: dict[int, Checked] = {}
    for i in sorted(spread):
        checked[i] = _check_spread(paths[i], run)
        tick()
    for chunk, results in zip(chunks, _gather(futures, chunks, tick), strict=True):
        checked.update(zip(chunk, results, strict=True))
    return [checked[i] for i in range(len(paths))]


def _gather(futures: list[Future], chunks: list[list[int]], tick: Callable[[], None]) -> list[Any]:
    """Each task's results in the order of ``futures``, fetched as soon as the task is done
    and then released on the workers: a large batch is not held on the cluster to the end."""
    from distributed import as_completed

    position = {future.key: i for i, future in enumerate(futures)}
    results: list[Any] = [None] * len(futures)
    for future, result in as_completed(futures, with_results=True):
        i = position[future.key]
        results[i] = result
        future.release()
        for _ in chunks[i]:
            tick()
    return results


def _ticker(progress: Callable[[int], None] | None) -> Callable[[], None]:
    done = count(1)

    def tick() -> None:
        if progress is not None:
            progress(next(done))

    return tick
