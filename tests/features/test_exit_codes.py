"""Steps of exit_codes.feature: the CLI's top-level guard, run in-process with a failure
injected where a real bug could be (the rule loader, the engine)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from tests.features.conftest import ROOT, CliRun, run_main

scenarios("exit_codes.feature")


class InjectedFailure(RuntimeError):
    """Stands for any bug of roo-check: not a RooCheckError, so the guard must call it one."""


@given(parsers.parse('the supplier BOM "{sample}" without its "{key}" line in the scratch folder'))
def bom_without(scratch: Path, sample: str, key: str) -> None:
    lines = (ROOT / sample).read_text().splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith(f"# {key}:")]
    assert len(kept) == len(lines) - 1, f"{sample} has no '# {key}:' line"
    (scratch / "gearbox.bom.csv").write_text("".join(kept))


@given("roo-check has a bug that fails while evaluating any shipment")
def bug_in_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_args, **_kwargs):
        raise InjectedFailure("injected failure")

    monkeypatch.setattr("roo_check.run.check_shipment", fail)


@given("roo-check has a bug that fails while loading the rules")
def bug_in_rule_loader(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_args, **_kwargs):
        raise InjectedFailure("injected failure")

    monkeypatch.setattr("roo_check.rulebook.load.load_rulebook", fail)


@given(parsers.parse('roo-check has a bug that fails while evaluating shipment "{name}"'))
def bug_in_one_shipment(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    from roo_check import run

    real = run.check_shipment

    def fail_on_one(shipment, *args, **kwargs):
        if shipment.name == name:
            raise InjectedFailure("injected failure")
        return real(shipment, *args, **kwargs)

    monkeypatch.setattr("roo_check.run.check_shipment", fail_on_one)


@given(
    parsers.parse('a shipment folder named "{name}" holding a copy of sample "{sample}"'),
    target_fixture="folder",
)
def folder_named(scratch: Path, name: str, sample: str) -> Path:
    folder = scratch / name.replace("\\n", "\n")
    shutil.copytree(ROOT / "samples" / sample, folder)
    return folder


@when(parsers.parse('I run "roo-check {args}" through the top-level guard'), target_fixture="cli")
def run_guarded(args: str, scratch: Path, monkeypatch: pytest.MonkeyPatch, request) -> CliRun:
    """``roo_check.cli.main`` in-process, as the installed entry point runs it."""
    folder = request.getfixturevalue("folder") if "FOLDER" in args else None
    monkeypatch.chdir(ROOT)
    argv = [a.replace("SCRATCH", str(scratch)) for a in args.split()]
    if folder is not None:
        argv = [a.replace(f"{scratch}/FOLDER", str(folder)) for a in argv]
    return run_main(argv)


@then(parsers.parse('standard error shows a traceback ending in "{words}"'))
def traceback_shown(cli: CliRun, words: str) -> None:
    assert "Traceback (most recent call last)" in cli.stderr, cli.stderr
    assert cli.stderr.rstrip().endswith(words), cli.stderr


@then(parsers.parse('the JSON report decides good "{good}" as "{status}"'))
def json_decides(cli: CliRun, good: str, status: str) -> None:
    report = json.loads(cli.stdout)
    found = [d["status"] for s in report["shipments"] for d in s["determinations"]]
    decided = {
        d["good_part_number"]: d["status"] for s in report["shipments"] for d in s["determinations"]
    }
    assert decided.get(good) == status, found


@then(parsers.parse('the JSON report records an internal error on "{name}"'))
def json_internal_error(cli: CliRun, name: str) -> None:
    report = json.loads(cli.stdout)
    errors = {s["name"]: [e["kind"] for e in s["errors"]] for s in report["shipments"]}
    assert errors.get(name) == ["InternalError"], errors


@then(parsers.parse('no finding says "{words}"'))
def no_finding_says(cli: CliRun, words: str) -> None:
    assert words not in cli.stdout


@then(parsers.parse('flag {rule_id} in the JSON report cites "{words}"'))
def flag_cites(cli: CliRun, rule_id: str, words: str) -> None:
    report = json.loads(cli.stdout)
    cited = [
        f["citation"] for s in report["shipments"] for f in s["findings"] if f["rule_id"] == rule_id
    ]
    assert cited and all(words in c for c in cited), cited
