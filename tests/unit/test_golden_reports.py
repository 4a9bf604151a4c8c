"""Reports are byte-identical to the reviewed golden files (regenerate: python -m tests.golden.regenerate)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.golden.cases import CASES
from tests.golden.regenerate import HERE, JSONL_CASES, render

GOLDEN = [*CASES, *JSONL_CASES]


@pytest.mark.parametrize(("name", "args"), GOLDEN, ids=[c[0] for c in GOLDEN])
def test_report_matches_golden(name: str, args: list[str]) -> None:
    expected = (HERE / name).read_text(encoding="utf-8")
    assert render(args) == expected, (
        f"{name} differs: run python -m tests.golden.regenerate and review"
    )


def test_two_runs_are_identical(tmp_path: Path) -> None:
    args = ["check", "samples/02-boiler-rvc", "--format", "json", "--output"]
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    render([*args, str(first)])
    render([*args, str(second)])
    assert first.read_bytes() == second.read_bytes()
