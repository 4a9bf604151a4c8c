"""Steps of audit.feature: reports made and verified in a scratch folder, through the CLI's
top-level guard as the installed entry point runs it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pytest_bdd import given, parsers, scenarios, when

from tests.features.conftest import ROOT, CliRun, run_main

scenarios("audit.feature")


@given(parsers.parse('a copy of sample "{sample}" in the audit folder as "{name}"'))
def copy_sample(scratch: Path, monkeypatch: pytest.MonkeyPatch, sample: str, name: str) -> None:
    shutil.copytree(ROOT / "samples" / sample, scratch / name)
    monkeypatch.chdir(scratch)


@given(parsers.parse('a JSON report "{report}" of "{name}" made in the audit folder'))
def make_report(report: str, name: str) -> None:
    run = run_main(["check", name, "-o", f"json={report}"])
    assert run.returncode == 0, run.stderr


@given(parsers.parse('the file "{relpath}" in the audit folder is edited'))
def edit_file(scratch: Path, relpath: str) -> None:
    path = scratch / relpath
    path.write_text(path.read_text().replace("310.00", "310.01", 1))


@given(parsers.parse('the report "{report}" says "{new}" where it said "{old}"'))
def edit_report(scratch: Path, report: str, new: str, old: str) -> None:
    path = scratch / report
    text = path.read_text()
    assert f'"status": "{old}"' in text
    path.write_text(text.replace(f'"status": "{old}"', f'"status": "{new}"', 1))


@given(parsers.parse('the report "{report}" is replaced by "{content}"'))
def replace_report(scratch: Path, report: str, content: str) -> None:
    (scratch / report).write_text(content)


@when(parsers.parse('the auditor runs "roo-check {args}"'), target_fixture="cli")
def auditor_runs(args: str) -> CliRun:
    return run_main(args.split())
