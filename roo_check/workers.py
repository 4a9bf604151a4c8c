"""Worker processes for ``--jobs``: the goods of a large shipment, or the shipments of a large
batch, decided in parallel with the same results in the same order.

Each worker receives the rulebook and the shipment's facts once, when it starts (on Linux
by ``fork``, so nothing is copied until written; elsewhere pickled once per worker), then
decides partitions of goods with :func:`roo_check.engine.evaluate.decide_goods`, the same
pure function a single process, a Dask cluster or Spark runs. ``Executor.map`` returns the
partitions in the order they were given, so the report is byte-identical to a serial run.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from typing import Any

from roo_check.engine.evaluate import (
    Decided,
    GoodsMapper,
    GoodTask,
    ShipmentRun,
    decide_goods,
    serial_mapper,
)
from roo_check.limits import InputLimits, input_limits, set_input_limits
from roo_check.rulebook.index import Rulebook

LARGE_BATCH_INPUTS = 200
"""From this many inputs, a batch is large: its inputs are checked in worker processes."""

LARGE_SHIPMENT_GOODS = 5_000
"""From this many goods, a shipment with no text or HTML report is large: its goods are
decided in worker processes (see :func:`roo_check.run._mapper` for the measurements)."""

_STATE: dict[str, Any] = {}
"""What a worker process was given when it started (one per process, never shared)."""


def cores() -> int:
    """The cores this process may run on (a container's CPU set, not the whole machine)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def jobs_for(jobs: int | None, size: int, large: int) -> int:
    """``--jobs`` as given, or, when not given, all the cores for a large input and one
    process otherwise (starting workers costs more than a small input takes)."""
    if jobs is not None:
        return max(1, jobs)
    return cores() if size >= large else 1


def pool(jobs: int, initializer: Any = None, initargs: tuple[Any, ...] = ()) -> ProcessPoolExecutor:
    """A process pool that forks where the platform can (no pickling of the rulebook)."""
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    return ProcessPoolExecutor(
        max_workers=jobs, mp_context=context, initializer=initializer, initargs=initargs
    )


def _start(rulebook: Rulebook, run: ShipmentRun) -> None:
    _STATE.update(rulebook=rulebook, run=run)


def _decide(tasks: list[GoodTask]) -> Decided:
    return decide_goods(tasks, _STATE["rulebook"], _STATE["run"])


def process_mapper(rulebook: Rulebook, jobs: int) -> GoodsMapper:
    """Decide the partitions of one shipment's goods in ``jobs`` worker processes."""

    def mapper(partitions: list[list[GoodTask]], run: ShipmentRun) -> Iterator[Decided]:
        if jobs < 2 or len(partitions) < 2:
            yield from serial_mapper(rulebook)(partitions, run)
            return
        workers = min(jobs, len(partitions))
        with pool(workers, _start, (rulebook, run)) as executor:
            yield from executor.map(_decide, partitions)

    return mapper


def _check(path: Any) -> Any:
    return _STATE["check"](path)


def _start_batch(check: Any, debug: bool, limits: InputLimits) -> None:
    set_input_limits(limits)  # a spawned worker does not inherit the parent's
    _STATE.update(check=partial(check, debug=debug, jobs=1))


def check_in_workers(
    check: Callable[..., Any],
    paths: list[Any],
    jobs: int,
    progress: Callable[[int], None] | None,
    *,
    debug: bool = False,
) -> list[Any]:
    """Each input of a batch checked by ``check`` in one of ``jobs`` worker processes (its
    goods decided serially there), the results in the order of ``paths``."""
    chunk = max(1, min(64, len(paths) // (jobs * 8) or 1))
    checked = []
    with pool(jobs, _start_batch, (check, debug, input_limits())) as executor:
        for done, result in enumerate(executor.map(_check, paths, chunksize=chunk), start=1):
            checked.append(result)
            if progress:
                progress(done)
    return checked
