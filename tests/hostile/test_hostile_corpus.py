"""The hostile-input corpus (issue 12): every case through the CLI, each its own test.

The case files are built once per session in a temporary folder (big files, symlinks and
FIFOs cannot live in git), beside a secret file with a fresh token. One fork server runs
every case (see runner.py); each test then reads its case's result and checks the
contract: the exit code, the error line naming the file and field, one line per problem
with nothing raw in it, no traceback, no secret leaked, within time and memory.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.hostile import generate
from tests.hostile.expect import Outcome, problems
from tests.hostile.ops import ROOT, build_case, case_folder, write_secret

MANIFEST = json.loads(generate.MANIFEST.read_text(encoding="ascii"))
CASES: list[dict[str, Any]] = MANIFEST["cases"]
BY_ID = {case["id"]: case for case in CASES}

SERVER_TIMEOUT = 900
"""Seconds the whole fork-server run may take before the session gives up."""

ENTRY_POINT_CASES = (
    "folder/bom-symlink-secret",
    "bom-csv/nul-byte",
    "certificate-xml/external-entity-secret",
    "cli/date-year-9999",
    "config/found-deep-array",
)
"""Run again through the real entry point, to cover the script and ``python -m`` themselves."""


KEPT_ENV = ("ROO_CHECK_CACHE_DIR",)
"""The one roo-check variable a run keeps: the suite's compiled-rules cache (tests/conftest.py)."""


def child_env() -> dict[str, str]:
    """The environment of a run: UTF-8 streams, no colour, no debug, no progress bar."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ROO_CHECK") or k in KEPT_ENV}
    env.update(PYTHONWARNINGS="ignore", LC_ALL="C.UTF-8", NO_COLOR="1", CI="1")
    return env


@dataclass(frozen=True)
class Corpus:
    root: Path
    token: str
    summary: dict[str, Any]

    def outcome(self, case_id: str) -> Outcome:
        result = self.summary["results"].get(case_id)
        if result is None:
            pytest.fail(f"the runner has no result for {case_id}")
        return Outcome.from_result(result)


def build_corpus(root: Path, token: str) -> None:
    write_secret(root, token)
    for case in CASES:
        build_case(root, case)


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    """Every case run once by the fork server (about 20 s: the tests that read it are marked
    slow). They stay in this module, which ``--dist loadfile`` (pyproject.toml) runs on one
    xdist worker, so that the corpus is built and run once, not once per worker."""
    root = tmp_path_factory.mktemp("hostile")
    token = "ROO-SECRET-" + secrets.token_hex(12)
    build_corpus(root, token)
    jobs = [
        {
            "id": case["id"],
            "cwd": str(case_folder(root, case["id"])),
            "argv": case["argv"],
            "timeout": case["expect"]["timeout"],
        }
        for case in CASES
    ]
    jobs_file, results_file = root / "jobs.json", root / "results.json"
    jobs_file.write_text(json.dumps(jobs), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "tests.hostile.runner", str(jobs_file), str(results_file)],
        cwd=ROOT,
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=SERVER_TIMEOUT,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    summary = json.loads(results_file.read_text(encoding="utf-8"))
    assert summary["warm_error"] is None, summary["warm_error"]
    return Corpus(root, token, summary)


def test_manifest_is_generated() -> None:
    """manifest.json is exactly what the generator writes (regenerate, never hand-edit)."""
    assert generate.manifest_text() == generate.MANIFEST.read_text(encoding="ascii"), (
        "tests/hostile/manifest.json is stale: run `python -m tests.hostile.generate`"
    )


def test_corpus_covers_the_issue() -> None:
    """At least 320 cases, every role of the issue, every case expecting something checkable."""
    roles = {case["role"] for case in CASES}
    assert len(CASES) >= 320
    assert {
        "goods-csv", "goods-xlsx", "bom-csv", "bom-xlsx", "certificate-xml", "certificate-json",
        "shipment-json", "shipment-yaml", "automotive-yaml", "automotive-json", "inventory-csv",
        "suppliers-csv", "workbook", "single-bom-csv", "folder", "config", "rules", "cli",
    } <= roles  # fmt: skip
    for case in CASES:
        expect = case["expect"]
        assert (expect["exit"] == 2 and expect["stderr"]) or expect["exit"] in (0, 1), case["id"]


@pytest.mark.slow
@pytest.mark.parametrize("case_id", sorted(BY_ID))
def test_hostile_case(corpus: Corpus, case_id: str) -> None:
    case = BY_ID[case_id]
    outcome = corpus.outcome(case_id)
    found = problems(case, outcome, corpus.token, case_folder(corpus.root, case_id))
    assert not found, f"{case_id} ({case['class']}: {case['description']}):\n  " + "\n  ".join(
        found
    )


@pytest.mark.slow
@pytest.mark.parametrize("case_id", ENTRY_POINT_CASES)
@pytest.mark.parametrize("entry", ["python -m roo_check.cli", "roo-check script"])
def test_entry_point(corpus: Corpus, case_id: str, entry: str) -> None:
    """The same cases through a fresh process, as a user or a pipeline starts it.

    With the pre-commit hook (tests/integration), these are the tests that start the
    installed ``roo-check`` script and ``python -m roo_check.cli``; the feature tests run
    ``roo_check.cli.main`` in-process (tests/features/conftest.py)."""
    case = BY_ID[case_id]
    if entry == "roo-check script":
        script = shutil.which("roo-check") or str(Path(sys.executable).with_name("roo-check"))
        command = [script]
    else:
        command = [sys.executable, "-m", "roo_check.cli"]
    folder = case_folder(corpus.root, case_id)
    run = subprocess.run(
        [*command, *case["argv"]],
        cwd=folder,
        env=child_env(),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=case["expect"]["timeout"] + 30,
        check=False,
    )
    outcome = Outcome(
        exit=run.returncode if run.returncode >= 0 else None,
        signal=-run.returncode if run.returncode < 0 else None,
        stdout=run.stdout.decode("utf-8", "backslashreplace"),
        stderr=run.stderr.decode("utf-8", "backslashreplace"),
    )
    found = problems(case, outcome, corpus.token, folder)
    assert not found, f"{case_id} via {entry}:\n  " + "\n  ".join(found)
    forked = corpus.outcome(case_id)
    assert (outcome.exit, _program_free(outcome.stderr)) == (
        forked.exit,
        _program_free(forked.stderr),
    ), "the fork server and the entry point disagree"


def _program_free(stderr: str) -> str:
    """Standard error without the program's name, which differs between ``roo-check`` and
    ``python -m roo_check.cli`` in the usage hint."""
    return re.sub(r"\(see '[^']*'\)", "(see ...)", stderr)
