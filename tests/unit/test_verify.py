"""`roo-check verify`: a JSON report checked against the files, rules and configuration it names.

Reports are made as `roo-check check -f json -o FILE` makes them (the CLI's own rulebook and
configuration loading, run.check_paths, the json renderer, write_atomic), in a temporary
folder that is the current folder, so the paths recorded are relative like a user's.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from roo_check import __version__
from roo_check.cli import _rulebook_and_config
from roo_check.errors import InputError, UsageError
from roo_check.reporters import RenderOptions, renderer
from roo_check.reporters.output import write_atomic
from roo_check.rulebook.load import default_rules_dir
from roo_check.run import check_paths
from roo_check.verify import Outcome, Verification, verify_report
from tests.unit.report_support import ROOT

SAMPLES = ROOT / "samples"
CONFIG = """\
countries-of-concern = ["CN", "VN"]

[flags.CN001]
severity = "error"
"""


def make_report(
    paths: list[str],
    out: str = "report.json",
    *,
    rules_dir: Path | None = None,
    config_path: Path | None = None,
    today: dt.date | None = None,
    on: dt.date | None = None,
) -> Path:
    """What `roo-check check PATHS -f json -o OUT` writes (cli.check, step for step)."""
    rulebook, config, record = _rulebook_and_config(rules_dir, config_path)
    level = config.fail_on or "warning"
    report = check_paths(
        [Path(p) for p in paths], rulebook, on, today or dt.date.today(), config, record
    )
    text = renderer("json")(report, RenderOptions(color=False, fail_on=level, quiet=False))
    write_atomic(Path(out), text)
    return Path(out)


def failed(result: Verification) -> list[str]:
    return [c.line() for c in result.checks if c.outcome is Outcome.failed]


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A current folder holding copies of samples 01 (a folder) and 05 (a workbook)."""
    shutil.copytree(SAMPLES / "01-motor-tariff-shift", tmp_path / "ship")
    shutil.copy(SAMPLES / "05-drill-workbook.xlsx", tmp_path / "drills.xlsx")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_fresh_report_verifies(work: Path) -> None:
    report = make_report(["ship", "drills.xlsx"])
    result = verify_report(report)
    assert result.ok and result.exit_code == 0, result.lines()
    outcomes = {c.what: c.outcome for c in result.checks}
    assert outcomes["report content, re-rendered"] is Outcome.ok
    assert outcomes["input ship/bom.csv"] is Outcome.ok
    assert outcomes["input drills.xlsx"] is Outcome.ok
    assert sum(1 for c in result.checks if c.what.startswith("input ")) == 5
    assert result.lines()[-1].startswith("verified: report.json")
    assert all("\n" not in line for line in result.lines())


def test_one_byte_changed_in_an_input_fails_naming_the_file(work: Path) -> None:
    report = make_report(["ship"])
    bom = work / "ship" / "bom.csv"
    data = bytearray(bom.read_bytes())
    data[-2] = ord("7") if data[-2] != ord("7") else ord("8")
    bom.write_bytes(bytes(data))
    result = verify_report(report)
    assert not result.ok and result.exit_code == 1
    [line] = failed(result)
    assert line.startswith("FAIL  input ship/bom.csv: the report records ")
    content = next(c for c in result.checks if c.what == "report content")
    assert content.outcome is Outcome.skipped
    assert result.lines()[-1].startswith("NOT VERIFIED: 1 of ")


def test_a_determination_edited_in_the_report_fails(work: Path) -> None:
    report = make_report(["ship"])
    text = report.read_text(encoding="utf-8")
    data = json.loads(text)
    status = data["shipments"][0]["determinations"][0]["status"]
    other = "not-originating" if status == "originating" else "originating"
    edited = text.replace(f'"status": "{status}"', f'"status": "{other}"', 1)
    assert edited != text
    report.write_text(edited, encoding="utf-8")
    result = verify_report(report)
    assert not result.ok
    [line] = failed(result)
    assert line.startswith("FAIL  report content, re-rendered:")
    assert "shipments[0].determinations[0].status" in line
    assert f'"{other}" in the report, "{status}" now' in line


def test_an_input_hash_edited_in_the_report_fails(work: Path) -> None:
    report = make_report(["ship"])
    text = report.read_text(encoding="utf-8")
    recorded = next(
        i["sha256"]
        for i in json.loads(text)["shipments"][0]["inputs"]
        if i["path"].endswith("goods.csv")
    )
    report.write_text(text.replace(recorded, "0" * 64), encoding="utf-8")
    result = verify_report(report)
    [line] = failed(result)
    assert line == f"FAIL  input ship/goods.csv: the report records {'0' * 64}, found {recorded}"


def test_reformatted_report_fails_as_written_differently(work: Path) -> None:
    report = make_report(["ship"])
    data = json.loads(report.read_text(encoding="utf-8"))
    report.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    [line] = failed(verify_report(report))
    assert "the same data, written differently from line 2" in line


def test_an_edited_rule_file_fails_on_the_rule_set_hash(work: Path) -> None:
    report = make_report(["ship"])
    rules = work / "rules"
    shutil.copytree(default_rules_dir(), rules)
    assert verify_report(report, rules_dir=rules).ok  # a faithful copy has the same hash
    edited = rules / "risk" / "content.yaml"
    edited.write_text(edited.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    result = verify_report(report, rules_dir=rules)
    [line] = failed(result)
    assert line.startswith(f"FAIL  rule-set hash of {rules}: the report records ")


def test_a_missing_input_fails_with_one_line(work: Path) -> None:
    report = make_report(["ship"])
    (work / "ship" / "certificate.xml").unlink()
    result = verify_report(report)
    assert failed(result) == [
        "FAIL  input ship/certificate.xml: the report records "
        + next(
            i["sha256"]
            for i in json.loads(report.read_text(encoding="utf-8"))["shipments"][0]["inputs"]
            if i["path"] == "ship/certificate.xml"
        )
        + ", found missing"
    ]


def test_the_configuration_is_hashed_and_applied(work: Path) -> None:
    config = work / "roo-check.toml"
    config.write_text(CONFIG, encoding="utf-8")
    report = make_report(["ship"], config_path=config)
    assert verify_report(report).ok  # found at the recorded path
    moved = work / "elsewhere.toml"
    config.rename(moved)
    [line] = failed(verify_report(report))
    assert line.startswith(f"FAIL  configuration {config}: the report records ")
    assert line.endswith("found missing")
    assert verify_report(report, config_path=moved).ok
    moved.write_text(CONFIG.replace('"error"', '"info"'), encoding="utf-8")
    [line] = failed(verify_report(report, config_path=moved))
    assert "configuration" in line


def test_a_configuration_given_to_a_report_made_without_one_fails(work: Path) -> None:
    report = make_report(["ship"])
    config = work / "roo-check.toml"
    config.write_text(CONFIG, encoding="utf-8")
    [line] = failed(verify_report(report, config_path=config))
    assert line == f"FAIL  configuration: the report records none, found --config {config}"


def test_the_run_date_used_for_goods_without_dates_is_used_again(work: Path) -> None:
    shutil.copy(ROOT / "tests/unit/fixtures/bom_single.csv", work / "pump.csv")
    report = make_report(["pump.csv"], today=dt.date(2025, 9, 15))
    assert '"date_source": "run date' in report.read_text(encoding="utf-8")
    assert verify_report(report).ok


def test_an_evaluation_date_given_is_used_again(work: Path) -> None:
    report = make_report(["ship"], on=dt.date(2026, 3, 1))
    assert verify_report(report).ok


def test_paths_restrict_and_locate_the_shipments(work: Path) -> None:
    report = make_report(["ship", "drills.xlsx"])
    moved = work / "moved"
    moved.mkdir()
    (work / "ship").rename(moved / "ship")
    assert failed(verify_report(report))  # not where the report says
    whole = verify_report(report, [moved / "ship", Path("drills.xlsx")])
    assert whole.ok, whole.lines()
    assert any(c.what == "report content, re-rendered" for c in whole.checks)
    some = verify_report(report, [moved / "ship"])
    assert some.ok, some.lines()
    whats = [c.what for c in some.checks]
    assert "shipment ship, re-rendered" in whats and "input drills.xlsx" not in whats
    assert next(c for c in some.checks if c.what == "batch findings").outcome is Outcome.skipped


def test_a_path_naming_no_shipment_is_a_usage_error(work: Path) -> None:
    report = make_report(["ship"])
    with pytest.raises(UsageError, match="names no shipment of the report"):
        verify_report(report, [Path("drills.xlsx")])


def test_a_report_of_another_version_is_noted(work: Path) -> None:
    report = make_report(["ship"])
    text = report.read_text(encoding="utf-8")
    report.write_text(text.replace(f'"version": "{__version__}"', '"version": "0.0.1"'), "utf-8")
    result = verify_report(report)
    version = next(c for c in result.checks if c.what == "roo-check version")
    assert version.outcome is Outcome.note
    assert version.line() == (
        f"note  roo-check version: the report was written by 0.0.1, this is {__version__}"
    )
    [line] = failed(result)  # the re-render names this version, so the content differs
    assert "this version may render it otherwise" in line


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfe", "not UTF-8 text"),
        (b"{", "not a JSON report"),
        (b"[]", "not a roo-check JSON report"),
        (
            b'{"tool": "roo-check", "version": "0.1.0"}',
            "not a roo-check JSON report: Field required",
        ),
    ],
)
def test_an_invalid_report_is_an_input_error(work: Path, content: bytes, message: str) -> None:
    report = Path("report.json")
    report.write_bytes(content)
    with pytest.raises(InputError, match=message) as caught:
        verify_report(report)
    assert caught.value.file == "report.json"


def test_a_missing_report_is_an_input_error(work: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        verify_report(work / "none.json")


def test_an_input_that_is_a_fifo_is_refused_not_waited_on(work: Path) -> None:
    import os

    report = make_report(["ship"])
    shipment = work / "ship" / "shipment.json"
    shipment.unlink()
    os.mkfifo(shipment)
    [line] = failed(verify_report(report))
    assert line.endswith("found not a regular file")


def test_two_shipments_of_the_same_name_are_told_apart_by_path(work: Path) -> None:
    (work / "a").mkdir()
    (work / "b").mkdir()
    shutil.copytree(work / "ship", work / "a" / "ship")
    shutil.copytree(SAMPLES / "02-boiler-rvc", work / "b" / "ship")
    report = make_report(["a/ship", "b/ship"])
    assert verify_report(report).ok
    only_b = verify_report(report, [Path("b/ship")])
    assert only_b.ok, only_b.lines()
    assert any(c.what == "input b/ship/bom.csv" for c in only_b.checks)
    assert not any(c.what.startswith("input a/") for c in only_b.checks)
    with pytest.raises(UsageError, match="names several shipments"):
        verify_report(report, [Path("ship")])


def test_a_report_with_a_batch_register_strict_evidence_and_fixes_verifies(work: Path) -> None:
    """The options a report records (--declarations, --strict-evidence, --fixes) are applied
    again, and the register's files are hashed like the inputs."""
    import dataclasses

    from roo_check.loaders.declarations import load_register

    shutil.copytree(SAMPLES / "40-office-chairs-declarations", work / "chairs")
    (work / "chairs" / "declarations.csv").rename(work / "register.csv")
    rulebook, config, record = _rulebook_and_config(None, None)
    rulebook = dataclasses.replace(
        rulebook,
        register=load_register(Path("register.csv")),
        strict_evidence=True,
        fixes=True,
    )
    report = check_paths([Path("chairs")], rulebook, None, dt.date.today(), config, record)
    assert report.strict_evidence and report.fixes and len(report.declarations) == 1
    write_atomic(Path("report.json"), renderer("json")(report, RenderOptions()))
    result = verify_report(Path("report.json"))
    assert result.ok, result.lines()
    assert any(line.startswith("ok    declarations register.csv: ") for line in result.lines())

    with (work / "register.csv").open("a", encoding="utf-8") as handle:
        handle.write("DECL-X,Other SA,MECH-SYNC,,originating,B,single_shipment,,,,2026-01-01,A\n")
    [line] = failed(verify_report(Path("report.json")))
    assert line.startswith("FAIL  declarations register.csv: the report records ")
