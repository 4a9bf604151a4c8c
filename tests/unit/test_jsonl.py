"""The JSON Lines report: one compact record per line, in the report's order, holding exactly
the JSON report's values."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from roo_check.cli import cli
from roo_check.models.findings import (
    Determination,
    Finding,
    Report,
    ShipmentResult,
)
from roo_check.reporters import json as json_report
from roo_check.reporters.jsonl import RECORD, SHIPMENT, lines, render
from tests.golden.regenerate import HERE, JSONL_CASES
from tests.unit.report_support import BATCH_FINDING, ROOT, check

BATCH = BATCH_FINDING

PATHS = [
    "samples/01-motor-tariff-shift",
    "samples/99-broken-bom",
    "samples/12-certificate-mismatch",
    "samples/32-accumulation-bearings",
]


@pytest.fixture(scope="module")
def report(rulebook) -> Report:
    """Shipments with one and several determinations, flags, an unreadable input, and a
    batch-wide finding."""
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        checked = check(rulebook, *PATHS)
    return checked.model_copy(update={"batch_findings": [BATCH]})


def records(text: str) -> list[dict[str, Any]]:
    """Each line parsed; JSON Lines splits on "\\n" only, and ends the last line with it."""
    assert text.endswith("\n")
    return [json.loads(line) for line in text.split("\n")[:-1]]


def reassemble(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The JSON report's data, rebuilt from the records: what a data tool can recover."""
    rows = [dict(row) for row in rows]
    header = rows[0]
    assert header.pop(RECORD) == "report"
    data: dict[str, Any] = {**header, "shipments": [], "batch_findings": []}
    for row in rows[1:]:
        kind = row.pop(RECORD)
        if kind == "batch_finding":
            data["batch_findings"].append(row)
            continue
        name = row.pop(SHIPMENT)
        if kind == "shipment":
            data["shipments"].append({"name": name, **row, "determinations": [], "findings": []})
            continue
        assert data["shipments"][-1]["name"] == name, "a record outside its shipment's block"
        data["shipments"][-1][f"{kind}s"].append(row)
    return data


def test_every_line_is_one_compact_json_object_with_sorted_keys(report) -> None:
    text = render(report)
    assert "\r" not in text
    for line, row in zip(text.split("\n")[:-1], records(text), strict=True):
        assert isinstance(row, dict)
        assert line == json.dumps(row, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def test_records_come_in_the_reports_order(report) -> None:
    expected = [("report", None)]
    for shipment in report.shipments:
        expected.append(("shipment", shipment.name))
        expected += [("determination", shipment.name)] * len(shipment.determinations)
        expected += [("finding", shipment.name)] * len(shipment.findings)
    expected += [("batch_finding", None)] * len(report.batch_findings)
    got = [(row[RECORD], row.get(SHIPMENT)) for row in records(render(report))]
    assert got == expected
    parts = [
        row["good_part_number"] for row in records(render(report)) if row[RECORD] == "determination"
    ]
    assert parts == [d.good_part_number for s in report.shipments for d in s.determinations]


def test_the_records_hold_exactly_the_json_reports_values(report) -> None:
    """Determinations, findings, errors, the header: nothing lost, nothing added, each
    value as the JSON report writes it (Decimals as the same strings)."""
    expected = json.loads(json_report.render(report))
    assert reassemble(records(render(report))) == expected


def test_the_determinations_concatenated_are_the_json_reports(report) -> None:
    expected = [
        d for s in json.loads(json_report.render(report))["shipments"] for d in s["determinations"]
    ]
    got = [
        {k: v for k, v in row.items() if k not in (RECORD, SHIPMENT)}
        for row in records(render(report))
        if row[RECORD] == "determination"
    ]
    assert max(len(s.determinations) for s in report.shipments) > 1
    assert got == expected


def test_a_shipment_that_could_not_be_read_has_its_errors_and_no_determinations(report) -> None:
    rows = [row for row in records(render(report)) if row.get(SHIPMENT) == "samples/99-broken-bom"]
    assert [row[RECORD] for row in rows] == ["shipment"]
    (error,) = rows[0]["errors"]
    assert error == {
        "field": "hs_code",
        "file": "samples/99-broken-bom/bom.csv",
        "kind": "InputError",
        "location": "row 4",
        "message": error["message"],
    }
    assert "'84B2.10' is not an HS code" in error["message"]


def test_a_batch_finding_is_the_last_line_with_no_shipment(report) -> None:
    last = records(render(report))[-1]
    assert last[RECORD] == "batch_finding" and SHIPMENT not in last
    assert last["rule_id"] == "ECON003" and last["figures"] == {"chapters": "4", "goods": "5"}
    assert last["good_part_number"] is None


def test_a_report_with_no_shipments_is_its_header_alone(report) -> None:
    empty = report.model_copy(update={"shipments": [], "batch_findings": []})
    (header,) = records(render(empty))
    assert header == {
        RECORD: "report",
        "config": None,
        "date_source": report.date_source,
        "declarations": [],
        "fixes": False,
        "strict_evidence": False,
        "evaluation_date": None,
        "ruleset_hash": report.ruleset_hash,
        "tool": "roo-check",
        "version": report.version,
    }


def test_lines_are_made_one_at_a_time(report) -> None:
    """A streaming writer can take the lines as they come: a generator, each line whole."""
    stream = lines(report)
    assert isinstance(stream, Iterator)
    first = next(stream)
    assert first.endswith("\n") and first.count("\n") == 1
    assert first + "".join(stream) == render(report)


@pytest.mark.parametrize("model", [Report, ShipmentResult, Determination, Finding])
def test_the_record_and_shipment_keys_shadow_no_model_field(model) -> None:
    assert RECORD not in model.model_fields
    assert SHIPMENT not in model.model_fields


@pytest.mark.parametrize(("name", "args"), JSONL_CASES, ids=[c[0] for c in JSONL_CASES])
def test_each_golden_jsonl_holds_its_json_twin(name: str, args: list[str]) -> None:
    jsonl = (HERE / name).read_text(encoding="utf-8")
    twin = json.loads((HERE / name.replace(".jsonl", ".json")).read_text(encoding="utf-8"))
    assert reassemble(records(jsonl)) == twin


def test_the_command_line_writes_json_lines(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.chdir(ROOT)
    sample = "samples/01-motor-tariff-shift"
    target = tmp_path / "report.jsonl"
    run = CliRunner().invoke(cli, ["check", sample, "-f", "jsonl", "--date", "2026-03-01"])
    assert run.exit_code == 0, run.output
    rows = records(run.stdout)
    assert [row[RECORD] for row in rows[:3]] == ["report", "shipment", "determination"]
    assert {row[RECORD] for row in rows[3:]} == {"finding"}
    assert rows[0]["evaluation_date"] == "2026-03-01"
    assert rows[2]["status"] == "originating"
    assert {row[SHIPMENT] for row in rows[1:]} == {rows[1][SHIPMENT]}
    as_json = CliRunner().invoke(cli, ["check", sample, "-f", "json", "--date", "2026-03-01"])
    assert reassemble(rows) == json.loads(as_json.stdout)
    written = CliRunner().invoke(
        cli, ["check", sample, "--date", "2026-03-01", "-o", f"jsonl={target}"]
    )
    assert written.exit_code == 0, written.output
    assert target.read_text(encoding="utf-8") == run.stdout
