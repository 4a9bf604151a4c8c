"""CSV report: stable columns, one row per finding and input error, no formula injection."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from roo_check.models.config import Config
from roo_check.models.findings import Report
from roo_check.reporters import RenderOptions, renderer
from roo_check.reporters.csv import COLUMNS, columns, neutralise
from tests.features.conftest import run_main
from tests.unit.report_support import BATCH_FINDING, ROOT, check

HOSTILE_GOOD = '=HYPERLINK("http://x")'
HOSTILE_PART = "+cmd|' /C calc'!A0"
HOSTILE_SUPPLIER = "@SUM(1+1)"
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def parse(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def hostile_shipment(tmp_path: Path) -> Path:
    """Sample 03 with a formula for the good, a DDE payload for a material, an @ supplier."""
    folder = tmp_path / "hostile"
    shutil.copytree(ROOT / "samples/03-control-panel-fails", folder)
    for name in ("goods.csv", "bom.csv"):
        path = folder / name
        text = path.read_text(encoding="utf-8").replace("CP-480", HOSTILE_GOOD)
        text = text.replace("PCA-MAIN", HOSTILE_PART)
        text = text.replace("Shenzhen Kaida Electronics Co Ltd", HOSTILE_SUPPLIER)
        path.write_text(text, encoding="utf-8")
    return folder


def render(report: Report, **options: object) -> str:
    return renderer("csv")(report, RenderOptions(**options))


@pytest.mark.parametrize("trigger", TRIGGERS)
def test_cells_starting_with_a_formula_trigger_get_an_apostrophe(trigger: str) -> None:
    assert neutralise(f"{trigger}1+1") == f"'{trigger}1+1"


@pytest.mark.parametrize("cell", ["", "CP-480", "'=already text", " =1", "a=b", "12.5"])
def test_other_cells_are_unchanged(cell: str) -> None:
    assert neutralise(cell) == cell


def test_header_and_rows_have_the_documented_columns(rulebook, at_root) -> None:
    report = check(rulebook, "samples/01-motor-tariff-shift", "samples/03-control-panel-fails")
    text = render(report)
    assert COLUMNS == (
        "shipment", "good", "rule_id", "kind", "severity", "decision", "subject", "message",
        "threshold", "citation", "evidence", "suppressed_by", "suppression_reason",
    )  # fmt: skip
    figures = sorted({k for s in report.shipments for f in s.findings for k in f.figures})
    header = COLUMNS + tuple(f"figure_{k}" for k in figures)
    assert columns(report) == header
    assert text.splitlines()[0] == ",".join(f'"{c}"' for c in header)
    assert "figure_vnm" in header and "figure_share" in header and "figures" not in header
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert all(len(row) == len(header) for row in rows)
    # 01 states its routing, so Art. 4.18 was checked (a finding of its own); 03 states none
    assert [(r[0], r[2], r[3]) for r in rows[1:]] == [
        ("01-motor-tariff-shift", "ORIG-4.18", "determination"),
        ("01-motor-tariff-shift", "PSR-8501", "determination"),
        ("03-control-panel-fails", "CN001", "flag"),
        ("03-control-panel-fails", "PSR-8537", "determination"),
    ]


def test_hostile_input_is_neutralised_in_every_cell(rulebook, tmp_path: Path) -> None:
    folder = hostile_shipment(tmp_path)
    config = Config.model_validate(
        {
            "suppress": [
                {
                    "rule": "CN001",
                    "good": HOSTILE_GOOD,
                    "reason": "-1 point, accepted",
                    "owner": "=owner@example.com",
                }
            ]
        }
    )
    text = render(check(rulebook, folder, config=config))
    rows = parse(text)
    assert rows, "the hostile shipment produces findings"
    for row in rows:
        for column, cell in row.items():
            assert not cell.startswith(TRIGGERS), (column, cell)
    by_rule = {row["rule_id"]: row for row in rows}
    assert by_rule["PSR-8537"]["good"] == "'" + HOSTILE_GOOD
    assert HOSTILE_PART in by_rule["PSR-8537"]["message"]  # inside a cell: inert
    assert f"{{{HOSTILE_SUPPLIER}}}" in by_rule["CN001"]["evidence"]
    assert by_rule["CN001"]["suppressed_by"] == "'=owner@example.com"
    assert by_rule["CN001"]["suppression_reason"] == "'-1 point, accepted"


def test_a_cell_cannot_open_another_cell(rulebook, tmp_path: Path) -> None:
    """Separators, quotes and line breaks inside a value stay inside its (quoted) cell."""
    report = check(rulebook, hostile_shipment(tmp_path))
    finding = report.shipments[0].findings[0]
    sneaky = finding.model_copy(update={"message": 'ok",=1+1\r\n=2+2;@x'})
    shipment = report.shipments[0].model_copy(update={"findings": [sneaky]})
    rows = parse(render(report.model_copy(update={"shipments": [shipment]})))
    assert len(rows) == 1
    assert rows[0]["message"] == 'ok",=1+1\r\n=2+2;@x'


def test_input_errors_are_rows_of_their_own(rulebook, at_root) -> None:
    rows = parse(render(check(rulebook, "samples/99-broken-bom")))
    assert rows == [
        {
            "shipment": "samples/99-broken-bom",
            "good": "",
            "rule_id": "input-error",
            "kind": "input-error",
            "severity": "error",
            "decision": "InputError",
            "subject": "hs_code",
            "message": "'84B2.10' is not an HS code (expected 2, 4, 6, 8 or 10 digits, e.g. 8501.52)",
            "threshold": "",
            "citation": "",
            "evidence": "samples/99-broken-bom/bom.csv:row 4 [hs_code]",
            "suppressed_by": "",
            "suppression_reason": "",
        }
    ]


def test_shipment_wide_flags_have_no_good_and_a_column_per_figure(rulebook, at_root) -> None:
    rows = parse(render(check(rulebook, "samples/13-panama-routing")))
    trans004 = next(r for r in rows if r["rule_id"] == "TRANS004")
    assert trans004["good"] == ""
    figures = {k: v for k, v in trans004.items() if k.startswith("figure_") and v}
    assert figures == {
        "figure_arrival": "2026-10-15",
        "figure_departure": "2026-11-20",
        "figure_dwell_days": "36",
    }
    assert trans004["threshold"] == "14 days"
    assert trans004["evidence"].count(" | ") == 1


def test_each_figure_is_in_its_own_column_and_nowhere_else(rulebook, at_root) -> None:
    report = check(rulebook, "samples/03-control-panel-fails", "samples/13-panama-routing")
    rows = parse(render(report))
    findings = [f for s in report.shipments for f in s.findings]
    assert len(rows) == len(findings)
    for row, finding in zip(rows, findings, strict=True):
        given = {k.removeprefix("figure_"): v for k, v in row.items() if k.startswith("figure_")}
        assert {k: v for k, v in given.items() if v} == finding.figures
    psr = next(r for r in rows if r["rule_id"] == "PSR-8537")
    assert (psr["figure_rvc_transaction_value"], psr["figure_vnm"]) == ("36.94", "3,910.00")
    assert psr["figure_dwell_days"] == ""


def test_batch_findings_come_last_under_shipment_batch(rulebook, at_root) -> None:
    report = check(rulebook, "samples/01-motor-tariff-shift")
    batch = BATCH_FINDING
    rows = parse(render(report.model_copy(update={"batch_findings": [batch]})))
    assert (rows[-1]["shipment"], rows[-1]["rule_id"]) == ("batch", "ECON003")
    assert (rows[-1]["figure_chapters"], rows[-1]["figure_goods"]) == ("4", "5")


@pytest.mark.parametrize("fail_on", ["error", "warning", "info", "never"])
def test_every_finding_is_listed_whatever_the_fail_level(rulebook, at_root, fail_on) -> None:
    report = check(rulebook, "samples/10-relabelled-drills")
    rows = parse(render(report, fail_on=fail_on))
    assert len(rows) == len(report.shipments[0].findings)


def test_output_is_deterministic_with_unix_line_endings(rulebook, at_root) -> None:
    paths = ["samples/13-panama-routing", "samples/99-broken-bom", "samples/10-relabelled-drills"]
    first = render(check(rulebook, *paths))
    assert first == render(check(rulebook, *reversed(paths)))
    assert "\r" not in first
    assert first.endswith('"\n')


# ------------------------------------------------------------------------ byte-order mark


def test_a_byte_order_mark_only_when_asked(rulebook, at_root) -> None:
    report = check(rulebook, "samples/03-control-panel-fails")
    plain = render(report)
    assert not plain.startswith("\ufeff") and plain == render(report, csv_bom=False)
    marked = render(report, csv_bom=True)
    assert marked == "\ufeff" + plain
    assert parse(marked.encode("utf-8").decode("utf-8-sig")) == parse(plain)


@pytest.mark.parametrize(
    ("args", "marked"),
    [
        (["-o", "{out}/report.csv"], True),
        (["-o", "csv={out}/report.CSV"], True),
        (["-o", "csv={out}/report.txt"], False),
        (["-o", "{out}/report.csv", "--no-csv-bom"], False),
        (["-o", "csv={out}/report.txt", "--csv-bom"], True),
    ],
)
def test_check_marks_a_csv_file_for_excel(tmp_path: Path, args: list[str], marked: bool) -> None:
    argv = [a.format(out=tmp_path) for a in args]
    run = run_main(["check", "samples/03-control-panel-fails", *argv], cwd=ROOT)
    assert run.returncode == 1, run.stderr
    (written,) = list(tmp_path.iterdir())
    data = written.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") is marked
    assert data.lstrip(b"\xef\xbb\xbf").startswith(b'"shipment","good"')


@pytest.mark.parametrize(("flag", "marked"), [([], False), (["--csv-bom"], True)])
def test_standard_output_has_no_mark_unless_asked(flag: list[str], marked: bool) -> None:
    run = run_main(["check", "samples/03-control-panel-fails", "-f", "csv", *flag], cwd=ROOT)
    assert run.returncode == 1, run.stderr
    assert run.stdout.startswith("\ufeff") is marked
