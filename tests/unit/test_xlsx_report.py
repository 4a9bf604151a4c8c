"""The xlsx report: a sheet per table, numbers as numbers with number formats, dates as
dates, headers frozen and filtered, text neutralised, the same bytes on every run."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from roo_check.models.findings import Report
from roo_check.reporters import BINARY_FORMATS, RenderOptions, renderer
from roo_check.reporters.csv import columns as csv_columns
from roo_check.reporters.workbook import STAMP, ZIP_TIME
from roo_check.reporters.xlsx import MAX_ROWS, Table, pages, typed_figure
from tests.features.conftest import run_main
from tests.unit.report_support import BATCH_FINDING, ROOT, check

SHEETS = ["goods", "materials", "rvc", "findings", "evidence", "inputs"]
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def workbook(report: Report) -> Any:
    data = renderer("xlsx")(report, RenderOptions())
    assert isinstance(data, bytes)
    return load_workbook(io.BytesIO(data))


def records(sheet: Any) -> list[dict[str, Any]]:
    """Each data row as {header: cell}, so a test reads values and number formats."""
    header = [c.value for c in sheet[1]]
    return [dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2)]


def only(rows: list[dict[str, Any]], **wanted: Any) -> dict[str, Any]:
    (row,) = [r for r in rows if all(r[k].value == v for k, v in wanted.items())]
    return row


@pytest.fixture(scope="module")
def panel(rulebook) -> Any:
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        report = check(rulebook, "samples/03-control-panel-fails", "samples/01-motor-tariff-shift")
    return workbook(report)


def test_xlsx_is_a_binary_format_whose_renderer_gives_bytes() -> None:
    assert "xlsx" in BINARY_FORMATS


def test_one_sheet_per_table_each_with_a_frozen_filtered_header(panel) -> None:
    assert panel.sheetnames == SHEETS
    for sheet in panel:
        assert sheet.freeze_panes == "A2", sheet.title
        assert sheet.auto_filter.ref == sheet.dimensions, sheet.title
        assert all(cell.font.bold for cell in sheet[1]), sheet.title
        widths = [d.width for d in sheet.column_dimensions.values()]
        assert widths and all(6 <= w <= 60 for w in widths), sheet.title


def test_goods_hold_the_figures_of_sample_03_as_numbers(panel) -> None:
    cp = only(records(panel["goods"]), good="CP-480")
    assert (cp["status"].value, cp["criterion"].value, cp["rule"].value) == (
        "not-originating",
        None,
        "PSR-8537",
    )
    assert cp["alternatives met"].value is None
    figures = {
        "RVC TV (%)": (36.94, "0.00"),
        "RVC NC (%)": (30.18, "0.00"),
        "VNM": (3910, "#,##0.00"),
        "transaction value": (6200, "#,##0.00"),
        "net cost": (5600, "#,##0.00"),
        "value from China": (3530, "#,##0.00"),
    }
    for column, (value, number_format) in figures.items():
        cell = cp[column]
        assert isinstance(cell.value, int | float) and not isinstance(cell.value, bool), column
        assert cell.value == value and cell.number_format == number_format, column
    assert cp["evaluation date"].value == dt.datetime(2026, 11, 2)
    assert cp["evaluation date"].number_format == "yyyy-mm-dd"
    assert cp["currency"].value == "USD"
    em = only(records(panel["goods"]), good="EM-750")
    assert (em["alternatives met"].value, em["RVC TV (%)"].value) == ("A, B", 80.03)


def test_rvc_sheet_has_one_row_per_alternative_and_method(panel) -> None:
    rows = [r for r in records(panel["rvc"]) if r["good"].value == "CP-480"]
    seen = {
        (r["alternative"].value, r["method"].value): (
            r["base"].value,
            r["VNM"].value,
            r["RVC (%)"].value,
            r["threshold (%)"].value,
            r["met"].value,
        )
        for r in rows
    }
    assert seen == {
        ("B", "transaction value"): (6200, 3910, 36.94, 50, "not met"),
        ("B", "net cost"): (5600, 3910, 30.18, 40, "not met"),
    }
    row = rows[0]
    assert (row["base"].number_format, row["RVC (%)"].number_format) == ("#,##0.00", "0.00")
    assert row["threshold (%)"].number_format == "0.00"


def test_materials_carry_their_tariff_shift_under_each_alternative(panel) -> None:
    rows = records(panel["materials"])
    pca = only(rows, good="CP-480", material="PCA-MAIN")
    assert (pca["row"].value, pca["HS code"].value, pca["country of origin"].value) == (
        2,
        "8538.90",
        "CN",
    )
    assert pca["value"].value == 2150 and pca["value"].number_format == "#,##0.00"
    assert pca["tariff shift (A)"].value == "fails"
    assert pca["why (A)"].value.startswith("excluded")
    assert pca["tariff shift (B)"].value == "passes"
    vfd = only(rows, good="CP-480", material="VFD-22K")
    assert (vfd["tariff shift (A)"].value, vfd["tariff shift (B)"].value) == ("passes", "passes")


def test_materials_as_chapter_4_counts_them_when_the_report_has_them(rulebook, at_root) -> None:
    rows = records(workbook(check(rulebook, "samples/33-pump-packing-tools-manual"))["materials"])
    assert [r["material"].value for r in rows][:2] == ["MTR-30", "CASING-3"]
    crate = only(rows, material="CRATE-W")
    assert (crate["material type"].value, crate["counted as"].value) == (
        "shipping_packing",
        "disregarded",
    )
    assert crate["VNM value"].value == 0 and crate["tariff shift (A)"].value is None
    motor = only(rows, material="MTR-30")
    assert motor["VNM value"].value == 1100 and motor["tariff shift (A)"].value == "passes"


def test_findings_sheet_is_the_csv_table(rulebook, at_root) -> None:
    report = check(rulebook, "samples/03-control-panel-fails")
    report = report.model_copy(update={"batch_findings": [BATCH_FINDING]})
    sheet = workbook(report)["findings"]
    assert tuple(c.value for c in sheet[1]) == csv_columns(report)
    rows = records(sheet)
    cn001 = only(rows, rule_id="CN001")
    assert (cn001["severity"].value, cn001["figure_share"].value) == ("warning", 56.94)
    assert cn001["figure_share"].number_format == "#,##0.00"
    assert "bom.csv:row 2" in cn001["evidence"].value
    batch = only(rows, rule_id="ECON003")
    assert (batch["shipment"].value, batch["figure_goods"].value) == ("batch", 5)
    assert batch["figure_goods"].number_format == "#,##0"
    panel = only(rows, rule_id="PSR-8537")
    assert panel["figure_transaction_value"].value == 6200
    assert panel["figure_currency"].value == "USD"


@pytest.mark.parametrize(
    ("printed", "cell"),
    [
        ("1,640.00", Decimal("1640.00")),
        ("29,664,000.00", Decimal("29664000.00")),
        ("36", Decimal(36)),
        ("-5.00", Decimal("-5.00")),
        ("0.205", Decimal("0.205")),
        ("8501.53", "8501.53"),
        ("2026-10-15", "2026-10-15"),
        ("369.50 USD", "369.50 USD"),
        ("12,34", "12,34"),
        ("B", "B"),
    ],
)
def test_a_figure_is_a_number_only_when_printed_as_one(printed: str, cell: object) -> None:
    """Amounts, percentages and counts become numbers; an HS code, a date or a figure with its
    currency stays the text the report printed."""
    value = typed_figure(printed)
    assert value == cell and type(value) is type(cell)


def test_a_table_longer_than_a_sheet_continues_on_the_next() -> None:
    """Excel opens no sheet over 1,048,576 rows: a longer table continues, header repeated."""
    table = Table(
        "materials", ["part", "value"], {"value": "#,##0.00"}, [[f"P{i}", i] for i in range(7)]
    )
    parts = pages(table, rows_per_sheet=3)
    assert [p.name for p in parts] == ["materials", "materials (2)", "materials (3)"]
    assert [p.rows for p in parts][2] == [["P6", 6]] and all(
        p.header == table.header for p in parts
    )
    assert pages(table) == [table] and MAX_ROWS == 1_048_576


def test_evidence_sheet_has_one_row_per_claim(rulebook, at_root) -> None:
    rows = records(workbook(check(rulebook, "samples/40-office-chairs-declarations"))["evidence"])
    assert len(rows) == 7
    mech = only(rows, good="CHAIR-EXEC", material="MECH-SYNC")
    assert (mech["row"].value, mech["status"].value, mech["evidence"].value) == (
        3,
        "unsupported",
        "DECL-2026-021",
    )
    assert "not from the BOM line's supplier" in mech["issues"].value
    assert mech["in force on"].value == dt.datetime(2026, 11, 16)
    assert mech["in force on"].number_format == "yyyy-mm-dd"
    base = only(rows, good="CHAIR-EXEC", material="BASE-5S")
    assert base["status"].value == "supported" and base["issues"].value is None
    assert base["declaration"].value.endswith("declarations.csv:row 2")


def test_inputs_sheet_names_every_input_with_its_hash(rulebook, at_root) -> None:
    report = check(rulebook, "samples/03-control-panel-fails", "samples/01-motor-tariff-shift")
    rows = records(workbook(report)["inputs"])
    items = {r["item"].value: r for r in rows if r["item"].value != "input"}
    assert items["rule set"]["sha256"].value == report.ruleset_hash
    assert items["version"]["value"].value == report.version
    assert items["date source"]["value"].value == report.date_source
    inputs = {(r["shipment"].value, r["value"].value, r["sha256"].value) for r in rows[7:]}
    assert (
        inputs == {(s.name, i.path, i.sha256) for s in report.shipments for i in s.inputs}
        and len(inputs) == len(rows) - 7
    )


def test_the_same_report_gives_the_same_bytes(rulebook, at_root) -> None:
    report = check(rulebook, "samples/13-panama-routing", "samples/99-broken-bom")
    data = renderer("xlsx")(report, RenderOptions())
    assert data == renderer("xlsx")(report, RenderOptions())
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {info.date_time for info in archive.infolist()} == {ZIP_TIME}
    book = load_workbook(io.BytesIO(data))
    assert book.properties.created == book.properties.modified == STAMP
    assert book.properties.creator == "roo-check"


def test_a_dated_run_stamps_the_workbook_with_its_date(rulebook, at_root) -> None:
    report = check(rulebook, "samples/01-motor-tariff-shift")
    report = report.model_copy(update={"evaluation_date": dt.date(2026, 7, 1)})
    assert workbook(report).properties.created == dt.datetime(2026, 7, 1)


def test_text_cells_are_neutralised(rulebook, tmp_path: Path) -> None:
    folder = tmp_path / "hostile"
    shutil.copytree(ROOT / "samples/03-control-panel-fails", folder)
    for name in ("goods.csv", "bom.csv"):
        path = folder / name
        text = path.read_text(encoding="utf-8").replace("CP-480", '=HYPERLINK("http://x")')
        text = text.replace("PCA-MAIN", "+cmd|' /C calc'!A0")
        path.write_text(text.replace("Shenzhen Kaida Electronics Co Ltd", "@SUM(1)"), "utf-8")
    book = workbook(check(rulebook, folder))
    texts = [
        cell.value
        for sheet in book
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    ]
    assert any(t == '\'=HYPERLINK("http://x")' for t in texts)
    assert any(t == "'+cmd|' /C calc'!A0" for t in texts)
    assert not [t for t in texts if t.startswith(TRIGGERS)]
    assert all(cell.data_type != "f" for sheet in book for row in sheet.iter_rows() for cell in row)


def test_a_report_with_only_input_errors_still_has_every_sheet(rulebook, at_root) -> None:
    book = workbook(check(rulebook, "samples/99-broken-bom"))
    assert book.sheetnames == SHEETS
    assert book["goods"].max_row == 1
    (error,) = records(book["findings"])
    assert (error["rule_id"].value, error["subject"].value) == ("input-error", "hs_code")


def test_check_writes_the_workbook_to_the_file_named(tmp_path: Path) -> None:
    target = tmp_path / "report.xlsx"
    run = run_main(["check", "samples/03-control-panel-fails", "-o", str(target)], cwd=ROOT)
    assert run.returncode == 1, run.stderr
    assert run.stdout == ""
    book = load_workbook(target)
    assert book.sheetnames == SHEETS
    assert only(records(book["goods"]), good="CP-480")["RVC TV (%)"].value == 36.94
