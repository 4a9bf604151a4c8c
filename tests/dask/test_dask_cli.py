"""``roo-check check --dask local:2``: the report written by a cluster of two worker processes
is the one a single process writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.features.conftest import run_main

pytestmark = [pytest.mark.dask, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = [str(p) for p in sorted((ROOT / "samples").iterdir()) if p.is_dir()]


def test_a_batch_on_a_local_cluster_writes_the_one_process_report(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    common = ["check", *SAMPLES, "--date", "2026-11-20", "-f", "json", "-o"]
    alone = run_main([*common, str(tmp_path / "alone.json")], cwd=ROOT)
    spread = run_main([*common, str(tmp_path / "dask.json"), "--dask", "local:2"], cwd=ROOT)
    assert spread.returncode == alone.returncode == 2  # sample 99 is a broken file
    assert (tmp_path / "dask.json").read_bytes() == (tmp_path / "alone.json").read_bytes()


def test_jobs_and_dask_together_are_a_usage_error() -> None:
    result = run_main(["check", SAMPLES[0], "--dask", "local:2", "--jobs", "2"], cwd=ROOT)
    assert result.returncode == 2
    assert "give --jobs or --dask, not both" in result.stderr


def test_raised_limits_hold_on_the_workers(tmp_path: Path) -> None:
    """A worker process reads the inputs under the client's --limit, not its own defaults."""
    pytest.importorskip("distributed")
    lowered = ["check", *SAMPLES[:3], "--dask", "local:2", "--limit", "file-size=100"]
    result = run_main(lowered, cwd=ROOT)
    assert result.returncode == 2
    assert "the limit is 100 bytes" in result.stderr
