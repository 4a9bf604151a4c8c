"""Regenerate the golden reports after an intended change: ``python -m tests.golden.regenerate``.

Review the diff before committing it: a golden file changes only when a report should.
"""

from __future__ import annotations

from pathlib import Path

from tests.golden.cases import CASES

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]

JSONL_OF = ("samples.json", "chapter4.json")
"""The JSON cases with a JSON Lines twin: the same run, one record per line."""

JSONL_CASES = [
    (name.removesuffix(".json") + ".jsonl", [*args[:-2], "--format", "jsonl"])
    for name, args in CASES
    if name in JSONL_OF and args[-2:] == ["--format", "json"]
]


def render(args: list[str]) -> str:
    """What ``roo-check ARGS`` prints, run in this process (the CLI's own top-level guard)."""
    from tests.features.conftest import run_main

    result = run_main(args, cwd=ROOT)
    if result.returncode not in (0, 1):
        raise SystemExit(f"roo-check {' '.join(args)} failed: {result.stderr}")
    return result.stdout


def main() -> None:
    for name, args in [*CASES, *JSONL_CASES]:
        (HERE / name).write_text(render(args), encoding="utf-8")
        print(f"wrote tests/golden/{name}")


if __name__ == "__main__":
    main()
