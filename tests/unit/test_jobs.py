"""``--jobs``: goods of a large shipment, or inputs of a large batch, decided in worker
processes; the report is byte for byte the one a single process writes (issue 13, item 6)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from roo_check import workers
from roo_check.engine import evaluate
from roo_check.models.findings import INTERNAL_ERROR_KIND
from roo_check.reporters import renderer
from roo_check.rulebook.load import load_rulebook
from roo_check.run import check_paths
from tests.generated import generated_shipment

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted(p for p in (ROOT / "samples").iterdir() if p.is_dir())
TODAY = dt.date(2026, 6, 1)
GOODS = 600


@pytest.fixture(scope="module")
def rulebook():
    return load_rulebook()


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """600 goods, 6,000 BOM lines, certificate and routing, by the benchmark generator."""
    return generated_shipment(tmp_path_factory.mktemp("bench"), GOODS)


def _json(rulebook, paths: list[Path], jobs: int | None) -> str:
    return renderer("json")(check_paths(paths, rulebook, None, TODAY, jobs=jobs))


def test_a_large_shipment_decided_by_two_workers_is_the_one_process_report(
    rulebook, large: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pools: list[int] = []
    real = workers.pool
    monkeypatch.setattr(workers, "pool", lambda jobs, *a: pools.append(jobs) or real(jobs, *a))
    serial = _json(rulebook, [large], jobs=1)
    assert pools == []
    assert GOODS > 2 * evaluate.PARTITION_GOODS  # three partitions at least
    assert _json(rulebook, [large], jobs=2) == serial
    assert pools == [2]
    assert '"status": "originating"' in serial and '"status": "not-originating"' in serial


def test_every_sample_checked_by_two_workers_is_the_one_process_report(rulebook) -> None:
    """A batch: one input to a worker (sets, suppliers' BOMs, vehicles, broken files)."""
    assert _json(rulebook, SAMPLES, jobs=2) == _json(rulebook, SAMPLES, jobs=1)


def test_a_bug_in_a_worker_is_recorded_on_its_input(
    rulebook, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The worker is forked after the fault is planted: it strikes there, not here."""
    real = evaluate.evaluate_good

    def faulty(good, *args, **kwargs):
        if good.part_number == "WB-20":
            raise ZeroDivisionError("planted")
        return real(good, *args, **kwargs)

    monkeypatch.setattr(evaluate, "evaluate_good", faulty)
    report = check_paths(SAMPLES, rulebook, None, TODAY, jobs=2)
    hit = [s for s in report.shipments if any(e.kind == INTERNAL_ERROR_KIND for e in s.errors)]
    assert len(hit) == 1
    assert "ZeroDivisionError" in hit[0].errors[0].message
    assert renderer("json")(report) == renderer("json")(
        check_paths(SAMPLES, rulebook, None, TODAY, jobs=1)
    )


@pytest.mark.parametrize(
    "jobs, size, large, expected",
    [(None, 999, 1000, 1), (None, 1000, 1000, "cores"), (3, 1, 1000, 3), (0, 5, 1, 1)],
)
def test_the_default_is_all_the_cores_for_a_large_input_only(jobs, size, large, expected) -> None:
    wanted = workers.cores() if expected == "cores" else expected
    assert workers.jobs_for(jobs, size, large) == wanted


def test_a_large_shipment_reported_as_json_uses_every_core_unless_told(
    rulebook, large: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without --jobs: all the cores for a large shipment whose determinations come back as
    JSON text; one process when they come back as objects, or when --jobs says 1."""
    pools: list[int] = []
    real = workers.pool
    monkeypatch.setattr(workers, "pool", lambda jobs, *a: pools.append(jobs) or real(jobs, *a))
    monkeypatch.setattr(workers, "LARGE_SHIPMENT_GOODS", GOODS)
    monkeypatch.setattr(workers, "cores", lambda: 2)
    objects = check_paths([large], rulebook, None, TODAY, jobs=None)
    assert pools == []
    text = check_paths([large], rulebook, None, TODAY, jobs=None, render=True)
    assert pools == [2]
    check_paths([large], rulebook, None, TODAY, jobs=1, render=True)
    assert pools == [2]
    assert renderer("json")(text) == renderer("json")(objects)
