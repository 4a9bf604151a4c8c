"""roo_check.cluster on a LocalCluster of two worker processes: the report is byte for byte the
one a single process writes (issue 13, item 7), for a batch mapped one task per input and for
the goods of a large input mapped in partitions; input errors and bugs are recorded on their
input as in one process; and what would make the cluster's answer differ fails first."""

from __future__ import annotations

import datetime as dt
import math
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from roo_check.cluster import MISSING_EXTRA, check_on_dask, connect, input_bytes
from roo_check.engine.evaluate import partitions
from roo_check.errors import InputError, UsageError
from roo_check.models.config import Config, SuppressionRule
from roo_check.models.findings import INTERNAL_ERROR_KIND, Report
from roo_check.reporters import RenderOptions, renderer
from roo_check.rulebook.load import load_rulebook
from roo_check.run import check_paths, exit_code
from tests.generated import generated_shipment

pytestmark = pytest.mark.dask

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "samples").iterdir())
TODAY = dt.date(2026, 6, 1)
GENERATED_GOODS = 300

FAULTS = {"WB-20": "bug", "CP-480": "input"}
"""Goods on which the planted fault strikes: a bug in sample 02, an input error in 03."""


@pytest.fixture(scope="module")
def client() -> Iterator:
    pytest.importorskip("distributed")
    with connect("local:2") as client:
        yield client


@pytest.fixture(scope="module")
def rulebook():
    return load_rulebook()


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One shipment of 300 goods (3,000 BOM lines) written by the benchmark generator."""
    return generated_shipment(tmp_path_factory.mktemp("bench"), GENERATED_GOODS)


def as_json(report: Report) -> str:
    return renderer("json")(report, RenderOptions())


def one_process(rulebook, paths: list[Path]) -> str:
    return as_json(check_paths(paths, rulebook, None, TODAY, jobs=1))


def tasks_run(client, action) -> list[dict]:
    """``action()`` run while the scheduler records every task: proof the work went out."""
    from distributed import get_task_stream

    with get_task_stream(client=client) as stream:
        action()
    return stream.data


def named(tasks: list[dict], function: str) -> list[dict]:
    return [t for t in tasks if str(t["key"]).startswith(f"{function}-")]


def test_connect_local_2_starts_two_single_threaded_workers(client) -> None:
    assert sorted(client.nthreads().values()) == [1, 1]


def test_every_sample_as_one_batch_is_the_one_process_report(client, rulebook) -> None:
    expected = one_process(rulebook, SAMPLES)
    reports: list[str] = []

    def run() -> None:
        reports.append(as_json(check_on_dask(SAMPLES, rulebook, None, TODAY, client=client)))

    tasks = tasks_run(client, run)
    assert reports == [expected]
    assert len(named(tasks, "check_inputs")) == len(SAMPLES)  # a small batch: one each
    assert not named(tasks, "decide_goods")


def test_inputs_go_several_to_a_task_in_the_order_given(client, rulebook) -> None:
    done: list[int] = []
    reports: list[str] = []

    def run() -> None:
        report = check_on_dask(
            SAMPLES, rulebook, None, TODAY, client=client, inputs_per_task=10, progress=done.append
        )
        reports.append(as_json(report))

    tasks = tasks_run(client, run)
    assert reports == [one_process(rulebook, SAMPLES)]
    assert len(named(tasks, "check_inputs")) == math.ceil(len(SAMPLES) / 10)
    assert done == list(range(1, len(SAMPLES) + 1))


def test_no_input_is_an_empty_report(client, rulebook) -> None:
    assert as_json(check_on_dask([], rulebook, None, TODAY, client=client)) == one_process(
        rulebook, []
    )


def test_every_sample_with_its_goods_spread_is_the_one_process_report(client, rulebook) -> None:
    """Every input through the large-input route, one good to a task: the GRI 3 sets, the
    suppliers' BOMs and the vehicles' Part 6 figures decided as in one process."""
    expected = one_process(rulebook, SAMPLES)
    report = check_on_dask(
        SAMPLES,
        rulebook,
        None,
        TODAY,
        client=client,
        large_input_bytes=0,
        goods_per_partition=1,
    )
    assert as_json(report) == expected


def test_a_large_shipment_is_split_over_both_workers(client, rulebook, generated) -> None:
    expected = one_process(rulebook, [generated])
    reports: list[str] = []

    def run() -> None:
        report = check_on_dask(
            [generated], rulebook, None, TODAY, client=client, goods_per_partition=16
        )
        reports.append(as_json(report))

    tasks = tasks_run(client, run)
    assert reports == [expected]
    decided = named(tasks, "decide_goods")
    parts = partitions(list(range(GENERATED_GOODS)))
    assert len(decided) == sum(math.ceil(len(p) / 16) for p in parts) > 2
    assert len({t["worker"] for t in decided}) == 2


def test_a_batch_mixing_a_large_input_and_small_ones(client, rulebook, generated) -> None:
    paths = [SAMPLES[1], generated, SAMPLES[0], SAMPLES[2]]
    done: list[int] = []
    reports: list[str] = []

    def run() -> None:
        report = check_on_dask(
            paths,
            rulebook,
            None,
            TODAY,
            client=client,
            goods_per_partition=64,
            large_input_bytes=input_bytes(generated),
            progress=done.append,
        )
        reports.append(as_json(report))

    tasks = tasks_run(client, run)
    assert reports == [one_process(rulebook, paths)]
    assert len(named(tasks, "check_inputs")) == 3
    assert len(named(tasks, "decide_goods")) == 5  # 256 goods in four, 44 in one
    assert done == [1, 2, 3, 4]


@pytest.mark.parametrize("spread", [None, 0], ids=["one task per input", "goods spread"])
def test_the_configuration_travels_to_the_workers(client, rulebook, spread) -> None:
    """A suppression is applied where the shipment is checked: on a worker, or here."""
    config = Config(
        suppress=[
            SuppressionRule(rule="CN001", good="CP-480", reason="accepted", owner="qa@example.com")
        ]
    )
    paths = [ROOT / "samples" / "03-control-panel-fails", ROOT / "samples" / "02-boiler-rvc"]
    expected = check_paths(paths, rulebook, None, TODAY, config, jobs=1)
    report = check_on_dask(
        paths, rulebook, None, TODAY, config, client=client, large_input_bytes=spread
    )
    assert as_json(report) == as_json(expected)
    suppressed = [f.rule_id for s in report.shipments for f in s.findings if f.suppressed]
    assert suppressed == ["CN001"]


# --------------------------------------------------------------- errors and bugs


def _faulty(original):
    def evaluate_good(good, *args, **kwargs):
        fault = FAULTS.get(good.part_number)
        if fault == "bug":
            raise RuntimeError(f"planted fault on {good.part_number}")
        if fault == "input":
            where = f"good {good.part_number}"
            raise InputError("planted input problem", location=where, field="hs_code")
        return original(good, *args, **kwargs)

    evaluate_good.original = original
    return evaluate_good


def _plant() -> None:
    """Run on each worker: the fault in the engine's module, as the test plants it here."""
    from roo_check.engine import evaluate

    evaluate.evaluate_good = _faulty(evaluate.evaluate_good)


def _unplant() -> None:
    from roo_check.engine import evaluate

    evaluate.evaluate_good = getattr(evaluate.evaluate_good, "original", evaluate.evaluate_good)


@pytest.fixture
def planted(client, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    from roo_check.engine import evaluate

    monkeypatch.setattr(evaluate, "evaluate_good", _faulty(evaluate.evaluate_good))
    client.run(_plant)
    try:
        yield
    finally:
        client.run(_unplant)


BROKEN = [
    ROOT / "samples" / name
    for name in (
        "01-motor-tariff-shift",
        "02-boiler-rvc",
        "03-control-panel-fails",
        "99-broken-bom",
        "no-such-shipment",
    )
]


@pytest.mark.parametrize("spread", [None, 0], ids=["one task per input", "goods spread"])
def test_input_errors_and_bugs_are_recorded_as_in_one_process(
    client, rulebook, planted, spread
) -> None:
    expected = check_paths(BROKEN, rulebook, None, TODAY, jobs=1)
    report = check_on_dask(
        BROKEN,
        rulebook,
        None,
        TODAY,
        client=client,
        large_input_bytes=spread,
        goods_per_partition=1,
    )
    assert as_json(report) == as_json(expected)
    kinds = {Path(s.name).name: [e.kind for e in s.errors] for s in report.shipments}
    assert kinds["01-motor-tariff-shift"] == []
    assert kinds["02-boiler-rvc"] == [INTERNAL_ERROR_KIND]
    assert kinds["03-control-panel-fails"] == ["InputError"]
    assert kinds["99-broken-bom"]
    assert kinds["no-such-shipment"] == ["InputError"]
    assert exit_code(report, "warning") == 3


@pytest.mark.parametrize("spread", [None, 0], ids=["one task per input", "goods spread"])
def test_debug_lets_a_bug_reach_the_caller(client, rulebook, planted, spread) -> None:
    with pytest.raises(RuntimeError, match="planted fault on WB-20"):
        check_on_dask(
            BROKEN[:2], rulebook, None, TODAY, client=client, large_input_bytes=spread, debug=True
        )


# ------------------------------------------------- what would make the answer differ


def test_relative_paths_name_the_same_files_on_the_workers(
    client, rulebook, monkeypatch: pytest.MonkeyPatch
) -> None:
    (folder,) = set(client.run(os.getcwd).values())
    monkeypatch.chdir(folder)
    paths = [Path(os.path.relpath(p, folder)) for p in SAMPLES[:3]]
    report = check_on_dask(paths, rulebook, None, TODAY, client=client)
    assert as_json(report) == one_process(rulebook, paths)


def test_relative_paths_from_another_folder_than_the_workers_are_refused(
    client, rulebook, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(UsageError, match="absolute paths"):
        check_on_dask([Path("a"), Path("b")], rulebook, None, TODAY, client=client)


def _other_version() -> None:
    import roo_check.cluster

    roo_check.cluster.__version__ = "0.0.0-other"


def _own_version() -> None:
    import roo_check
    import roo_check.cluster

    roo_check.cluster.__version__ = roo_check.__version__


def test_a_worker_of_another_version_is_refused(client, rulebook) -> None:
    client.run(_other_version)
    try:
        with pytest.raises(UsageError, match=r"runs roo-check 0\.0\.0-other"):
            check_on_dask(SAMPLES[:2], rulebook, None, TODAY, client=client)
    finally:
        client.run(_own_version)


@pytest.mark.parametrize("size", ["goods_per_partition", "inputs_per_task"])
def test_tasks_of_nothing_are_refused(client, rulebook, size: str) -> None:
    with pytest.raises(UsageError, match=f"{size} must be at least 1, not 0"):
        check_on_dask(SAMPLES[:2], rulebook, None, TODAY, client=client, **{size: 0})


def _exit_on_wb20() -> None:
    """Run on each worker: the process dies when it decides good WB-20."""
    from roo_check.engine import evaluate

    original = evaluate.evaluate_good

    def evaluate_good(good, *args, **kwargs):
        if good.part_number == "WB-20":
            os._exit(1)
        return original(good, *args, **kwargs)

    evaluate.evaluate_good = evaluate_good


@pytest.mark.parametrize("spread", [None, 0], ids=["one task per input", "goods spread"])
def test_a_lost_worker_stops_the_run_instead_of_blaming_the_input(rulebook, spread) -> None:
    from concurrent.futures import CancelledError

    import dask.config
    from distributed import KilledWorker

    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 0}),
        connect("local:1") as own,
    ):
        own.run(_exit_on_wb20)
        with pytest.raises((KilledWorker, CancelledError)):
            check_on_dask(BROKEN[:2], rulebook, None, TODAY, client=own, large_input_bytes=spread)


def test_a_scheduler_without_workers_is_refused(rulebook, monkeypatch) -> None:
    distributed = pytest.importorskip("distributed")
    monkeypatch.setattr("roo_check.cluster.WORKER_WAIT_SECONDS", 0.5)
    with (
        distributed.LocalCluster(n_workers=0, processes=False, dashboard_address=None) as empty,
        distributed.Client(empty) as own,
        pytest.raises(UsageError, match=r"no worker for 0\.5 s"),
    ):
        check_on_dask(SAMPLES[:2], rulebook, None, TODAY, client=own)


@pytest.mark.parametrize("given", ["tcp://127.0.0.1:9", None], ids=["given", "configured"])
def test_an_unreachable_scheduler_is_a_usage_error(given: str | None) -> None:
    """Given, or named in Dask's configuration (DASK_SCHEDULER_ADDRESS) when not given."""
    pytest.importorskip("distributed")
    import dask.config

    settings = {"distributed.comm.timeouts.connect": "1s", "scheduler-address": "tcp://127.0.0.1:9"}
    with (
        dask.config.set(settings),
        pytest.raises(UsageError, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:9"),
        connect(given),
    ):
        pass


# ------------------------------------------------------------ without a cluster


def test_local_means_a_worker_per_core() -> None:
    from roo_check.cluster import _local_workers
    from roo_check.workers import cores

    assert _local_workers("local") == cores()
    assert _local_workers("local:3") == 3
    assert _local_workers("tcp://10.0.0.1:8786") is None


@pytest.mark.parametrize("address", ["local:0", "local:two", "local:-1"])
def test_a_bad_local_worker_count_is_a_usage_error(address: str) -> None:
    pytest.importorskip("distributed")
    with pytest.raises(UsageError, match="local:N needs N"), connect(address):
        pass


def test_without_the_extra_the_error_says_what_to_install(
    rulebook, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(UsageError) as caught, connect("local:1"):
        pass
    assert str(caught.value) == MISSING_EXTRA
    with pytest.raises(UsageError, match="pip install 'roo-check\\[dask\\]'"):
        check_on_dask(SAMPLES[:1], rulebook, None, TODAY, client=None)
