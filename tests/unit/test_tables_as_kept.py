"""Tables as a desk keeps them (issue 15, item 1): a title and notes above the header, blank
rows, total rows under the data; a table without a header refused in one line; and errors
printed once, on standard error, with the repeats of one cause summarised."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from roo_check.errors import InputError, InputErrors, RooCheckError, summarised_lines
from roo_check.loaders import load_path
from roo_check.loaders.goods import bom_from_table, goods_from_table
from roo_check.loaders.tabular import (
    HEADER_SEARCH_ROWS,
    TOTAL_ROW,
    names_columns,
    read_csv,
    read_table,
    read_xlsx,
    total_label,
)
from tests.features.conftest import run_main
from tests.unit.test_loaders import workbook_bytes

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "01-motor-tariff-shift"
SAMPLES = ROOT / "samples"


def _rows(name: str) -> list[list[str]]:
    with (SAMPLE / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


BOM = _rows("bom.csv")
GOODS = _rows("goods.csv")
BOM_LINES = len(BOM) - 1
TITLE = [
    ["Bill of materials - Plant 3"],
    [],
    ["Prices in USD, as of March"],
    ["Prepared by", "J. Smith"],
]
"""A title, a blank row and two note rows, as a desk puts them above a table."""


def _workbook(sheets: dict[str, list[list[Any]]]) -> bytes:
    return workbook_bytes(sheets)


def _csv(rows: list[list[Any]], delimiter: str = ",") -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows(rows)
    return out.getvalue()


def _shipment(
    tmp_path: Path, *, bom_xlsx: list[list[Any]] | None = None, bom_csv: str | None = None
) -> Path:
    """Sample 01 with its BOM replaced."""
    root = tmp_path / "ship"
    shutil.copytree(SAMPLE, root)
    if bom_xlsx is not None:
        (root / "bom.csv").unlink()
        (root / "bom.xlsx").write_bytes(_workbook({"bom": bom_xlsx}))
    if bom_csv is not None:
        (root / "bom.csv").write_text(bom_csv, encoding="utf-8")
    return root


def _errors(exc: RooCheckError) -> list[RooCheckError]:
    return list(exc.errors) if isinstance(exc, InputErrors) else [exc]


def _sum_row(label: str, column: int = 9) -> list[Any]:
    """A total row: ``label`` in ``column``, the sum of extended_value beside it."""
    row: list[Any] = [None] * len(BOM[0])
    row[column] = label
    row[column + 1] = 831.50
    return row


# ------------------------------------------------------------------------ header by its names


def test_a_workbook_with_a_title_and_notes_above_the_header_loads(tmp_path: Path) -> None:
    shipment = load_path(_shipment(tmp_path, bom_xlsx=[*TITLE, *BOM]))
    assert len(shipment.bom) == BOM_LINES
    header = len(TITLE) + 1
    assert [line.row for line in shipment.bom] == list(range(header + 1, header + 1 + BOM_LINES))


def test_the_rows_above_the_header_are_kept_as_notes_not_errors(tmp_path: Path) -> None:
    path = _shipment(tmp_path, bom_xlsx=[*TITLE, *BOM]) / "bom.xlsx"
    table = read_table(path)
    assert table.recognised and table.header_row == 5 and not table.problems
    assert table.notes() == [
        "row 1: skipped, above the header ('Bill of materials - Plant 3')",
        "row 3: skipped, above the header ('Prices in USD, as of March')",
        "row 4: skipped, above the header ('Prepared by')",
    ]


def test_a_single_workbook_with_titles_on_both_sheets(tmp_path: Path) -> None:
    path = tmp_path / "motor.xlsx"
    path.write_bytes(_workbook({"goods": [["Goods shipped"], [], *GOODS], "bom": [["BOM"], *BOM]}))
    shipment = load_path(path)
    assert [g.part_number for g in shipment.goods] == ["EM-750"]
    assert shipment.bom[0].row == 3


def test_a_csv_with_a_title_line_and_semicolons(tmp_path: Path) -> None:
    text = "Bill of materials, Plant 3\n\nNotes: prices in USD\n" + _csv(BOM, ";")
    shipment = load_path(_shipment(tmp_path, bom_csv=text))
    assert len(shipment.bom) == BOM_LINES
    assert shipment.bom[0].row == 5


def test_the_preamble_of_a_single_file_bom_still_works() -> None:
    shipment = load_path(SAMPLES / "gearbox-6at.bom.csv")
    assert shipment.goods[0].part_number and shipment.bom


def test_a_header_with_a_misspelt_column_under_a_title_names_the_column(tmp_path: Path) -> None:
    header = [name.replace("supplier", "suplier") for name in BOM[0]]
    with pytest.raises(InputError) as caught:
        load_path(_shipment(tmp_path, bom_xlsx=[["Plant 3"], header, *BOM[1:]]))
    assert caught.value.location == "row 2"
    assert caught.value.message == "unknown column 'suplier' (did you mean 'supplier'?)"


def test_no_data_row_of_any_sample_names_columns() -> None:
    """The header rule never takes data for a header: no data row of the samples names two
    columns."""
    tables = [path for path in SAMPLES.rglob("*.csv")]
    assert len(tables) > 20
    for path in tables:
        table = read_csv(path.read_bytes(), file=str(path))
        assert table.recognised, path
        for row in table.rows:
            assert not names_columns(row.values.values()), (path, row.number)


# --------------------------------------------------------------------------------- no header


@pytest.mark.parametrize(
    "rows",
    [
        [["Lista de materiales"], ["Parte", "Numero", "Descripcion", "Fraccion"], *BOM[1:]],
        BOM[1:],  # the data without its header
        [["Bill of materials - Plant 3"], *BOM[1:]],
    ],
    ids=["spanish-header", "no-header", "title-then-data"],
)
def test_a_sheet_without_a_recognisable_header_is_one_line(
    tmp_path: Path, rows: list[list[Any]]
) -> None:
    with pytest.raises(InputError) as caught:
        load_path(_shipment(tmp_path, bom_xlsx=rows))
    error = caught.value
    assert error.message.startswith("no header row found")
    assert "good_part_number, part_number, description, hs_code" in error.message
    assert error.location == "row 1"


def test_a_csv_without_a_header_is_one_line_naming_the_columns() -> None:
    table = read_csv(b"Inventario 2026\nP-1,Motor,8501.52\n", file="goods.csv")
    assert not table.recognised and not table.problems
    with pytest.raises(InputError) as caught:
        goods_from_table(table)
    assert caught.value.message == (
        f"no header row found: none of the first {HEADER_SEARCH_ROWS} non-empty rows names the "
        "columns part_number, description, hs_code, producer, country_of_production, currency; "
        "the first holds 'Inventario 2026': put the column names in one row above the data"
    )


def test_no_header_at_the_command_line_is_one_line_on_stderr(tmp_path: Path) -> None:
    root = _shipment(tmp_path, bom_xlsx=[["Bill of materials - Plant 3"], *BOM[1:]])
    run = run_main(["check", str(root)])
    assert run.returncode == 2
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "no header row found" in lines[0], run.stderr


# -------------------------------------------------------------------------------- blank rows


def test_a_csv_with_blank_lines_anywhere(tmp_path: Path) -> None:
    lines = _csv(BOM).splitlines()
    text = "\n  \n" + lines[0] + "\n\n" + "\n,,, ,\n".join(lines[1:]) + "\n\n\n"
    shipment = load_path(_shipment(tmp_path, bom_csv=text))
    assert len(shipment.bom) == BOM_LINES
    assert [line.row for line in shipment.bom] == [5 + 2 * i for i in range(BOM_LINES)]


def test_blank_rows_in_a_sheet(tmp_path: Path) -> None:
    rows: list[list[Any]] = [[], BOM[0], []]
    for row in BOM[1:]:
        rows += [row, [None, None, "  "]]
    shipment = load_path(_shipment(tmp_path, bom_xlsx=rows))
    assert len(shipment.bom) == BOM_LINES


# -------------------------------------------------------------------------------- total rows


@pytest.mark.parametrize(
    "label",
    ["TOTAL", "Total", "TOTAL:", "Grand total", "Subtotal", "Sub-total", "SUM", "Suma",
     "Total general", "totals"],
)  # fmt: skip
def test_a_total_row_at_the_bottom_is_skipped_with_a_note(tmp_path: Path, label: str) -> None:
    shipment = load_path(_shipment(tmp_path, bom_xlsx=[*BOM, _sum_row(label)]))
    assert len(shipment.bom) == BOM_LINES
    table = read_table(tmp_path / "ship" / "bom.xlsx")
    assert [(s.number, s.why, s.text) for s in table.skipped] == [(len(BOM) + 1, TOTAL_ROW, label)]


def test_a_total_row_gave_seven_errors_and_now_none(tmp_path: Path) -> None:
    """Before, each empty required cell of the row was an error ("a value is required")."""
    text = _csv([*BOM, _sum_row("TOTAL")])
    table = read_csv(text.encode(), file="bom.csv")
    assert len(bom_from_table(table)) == BOM_LINES


def test_subtotal_rows_between_groups_and_a_total_in_the_key_column(tmp_path: Path) -> None:
    key = BOM[0].index("part_number")
    in_key: list[Any] = [None] * len(BOM[0])
    in_key[key], in_key[9], in_key[10] = "TOTAL", "831.50", "USD"
    rows = [BOM[0], *BOM[1:4], _sum_row("Subtotal"), *BOM[4:], in_key]
    table = read_csv(_csv(rows).encode(), file="bom.csv")
    assert [s.text for s in table.skipped] == ["Subtotal", "TOTAL"]
    assert len(bom_from_table(table)) == BOM_LINES


def test_a_part_numbered_total_with_a_description_is_a_material() -> None:
    row = list(BOM[1])
    row[1] = "TOTAL"
    table = read_csv(_csv([*BOM, row]).encode(), file="bom.csv")
    assert not table.skipped
    assert [line.part_number for line in bom_from_table(table)][-1] == "TOTAL"


@pytest.mark.parametrize("text", ["Total station", "Summary", "Sum of parts", "TOTAL 2", ""])
def test_a_word_that_starts_like_total_is_no_label(text: str) -> None:
    assert not total_label(text)


def test_a_row_not_understood_is_one_line_saying_what_is_wrong() -> None:
    """A note under the table (in the first column) is one line, not one per empty cell."""
    note: list[Any] = ["Prices as of March"] + [None] * (len(BOM[0]) - 1)
    table = read_csv(_csv([*BOM, note]).encode(), file="bom.csv")
    with pytest.raises(InputError) as caught:
        bom_from_table(table)
    error = caught.value
    assert (error.location, error.field) == (f"row {len(BOM) + 1}", "part_number")
    assert error.message == (
        "a value is required in part_number, description, hs_code, quantity, unit, currency, "
        "origin_status; the row holds only good_part_number 'Prices as of March' "
        "(a note below the table? remove it)"
    )


def test_a_total_row_the_loader_keeps_says_why_in_one_line() -> None:
    row = ["EM-750", "TOTAL"] + [None] * (len(BOM[0]) - 2)
    row[9] = "831.50"
    table = read_csv(_csv([*BOM, row]).encode(), file="bom.csv")
    with pytest.raises(InputError, match=r"a total row\? one is skipped when the label"):
        bom_from_table(table)


# ------------------------------------------------------------------ one-line errors kept


def test_decimal_comma_and_hs_number_cells_are_still_one_line_each(tmp_path: Path) -> None:
    rows: list[list[Any]] = [list(row) for row in BOM]
    rows[1][9] = "310,00"  # extended_value with a decimal comma
    hs = BOM[0].index("hs_code")
    rows[3][hs] = 8482.1  # 8482.10 typed as a number
    with pytest.raises(InputErrors) as caught:
        load_path(_shipment(tmp_path, bom_xlsx=[["Plant 3"], *rows]))
    errors = _errors(caught.value)
    assert [(e.location, e.field) for e in errors] == [
        ("row 3", "extended_value"),
        ("row 5", "hs_code"),
    ]
    assert "decimal comma" in errors[0].message
    assert "format the column as text" in errors[1].message


def test_a_sheet_is_never_told_to_quote_the_delimiter() -> None:
    data = _workbook({"bom": [BOM[0], [*BOM[1], "stray"]]})
    table = read_xlsx(data, file="bom.xlsx")
    (problem,) = table.problems
    assert "which has no header" in problem.message and "delimiter" not in problem.message


# ------------------------------------------------------------------- errors printed once


def _bad_hs_rows(count: int) -> list[list[Any]]:
    hs = BOM[0].index("hs_code")
    part = BOM[0].index("part_number")
    rows = [BOM[0]]
    for i in range(count):
        row = list(BOM[1])
        row[part], row[hs] = f"P-{i}", "84B2.10"
        rows.append(row)
    return rows


def test_100_bad_rows_print_one_summary_line_once_on_stderr(tmp_path: Path) -> None:
    root = _shipment(tmp_path, bom_xlsx=[["Bill of materials - Plant 3"], *_bad_hs_rows(100)])
    run = run_main(["check", str(root)])
    assert run.returncode == 2
    assert run.stderr.splitlines() == [
        f"error: {root / 'bom.xlsx'}:rows 3-102 [hs_code]: '84B2.10' is not an HS code "
        "(expected 2, 4, 6, 8 or 10 digits, e.g. 8501.52) (100 rows)"
    ]
    assert "84B2.10" not in run.stdout
    assert "ERROR: 100 input error(s), so the shipment was not checked" in run.stdout


def test_the_json_report_keeps_every_error(tmp_path: Path) -> None:
    root = _shipment(tmp_path, bom_xlsx=_bad_hs_rows(100))
    run = run_main(["check", "--format", "json", str(root)])
    assert run.returncode == 2
    (shipment,) = json.loads(run.stdout)["shipments"]
    assert [e["location"] for e in shipment["errors"]] == [f"row {n}" for n in range(2, 102)]
    assert len(run.stderr.splitlines()) == 1


class _E:
    def __init__(self, message: str, location: str | None, field: str | None = "hs_code") -> None:
        self.message, self.file, self.location, self.field = message, "bom.csv", location, field


def test_a_handful_is_printed_one_by_one() -> None:
    errors = [("error", _E("bad", f"row {n}")) for n in range(2, 7)]
    assert summarised_lines(errors) == [
        f"error: bom.csv:row {n} [hs_code]: bad" for n in range(2, 7)
    ]


def test_more_than_a_handful_of_one_cause_is_one_line_where_the_first_was() -> None:
    errors = [("error", _E("header", "row 1", "suplier"))]
    errors += [
        ("error", _E(f"'X{n}' is not an HS code", f"row {n}")) for n in (2, 3, 4, 6, 9, 10, 11)
    ]
    errors += [("error", _E("one value", None, None))]
    assert summarised_lines(errors) == [
        "error: bom.csv:row 1 [suplier]: header",
        "error: bom.csv:rows 2-4, 6, 9-11 [hs_code]: 'X2' is not an HS code "
        "(7 rows; row 2's shown, the others quote other values)",
        "error: bom.csv: one value",
    ]


def test_causes_are_told_apart_by_field_sheet_and_wording() -> None:
    errors = [("error", _E("bad", f"sheet 'bom' row {n}")) for n in range(2, 9)]
    errors += [("error", _E("bad", f"sheet 'goods' row {n}")) for n in range(2, 4)]
    errors += [("error", _E("worse", f"sheet 'bom' row {n}")) for n in range(2, 4)]
    lines = summarised_lines(errors)
    assert lines[0] == "error: bom.csv:sheet 'bom' rows 2-8 [hs_code]: bad (7 rows)"
    assert len(lines) == 5


def test_many_ranges_are_cut_in_the_middle() -> None:
    errors = [("error", _E("bad", f"row {n}")) for n in range(2, 40, 2)]
    (line,) = summarised_lines(errors)
    assert line == "error: bom.csv:rows 2, 4, 6, 8, ..., 38 [hs_code]: bad (19 rows)"


def test_the_rows_skipped_are_noted_in_the_reports(tmp_path: Path) -> None:
    """A title above the header and a total row below the data are no errors, but the reports
    say they were skipped (JSON ``notes``, a ``note`` line of the text report)."""
    from openpyxl import load_workbook

    book = load_workbook(ROOT / "samples" / "05-drill-workbook.xlsx")
    for sheet in (book["goods"], book["bom"]):
        sheet.insert_rows(1, 2)
        sheet["A1"] = "Bill of materials - Plant 3"
    book["bom"].append(["TOTAL", None, None, None, None, None, None, 12345.0])
    path = tmp_path / "titled.xlsx"
    book.save(path)
    report = json.loads(run_main(["check", str(path), "-f", "json"], cwd=tmp_path).stdout)
    assert report["shipments"][0]["notes"] == [
        f"{path}:sheet 'goods' row 1: skipped, above the header ('Bill of materials - Plant 3')",
        f"{path}:sheet 'bom' row 1: skipped, above the header ('Bill of materials - Plant 3')",
        f"{path}:sheet 'bom' row 11: skipped, a total row ('TOTAL')",
    ]
    assert report["shipments"][0]["errors"] == []
    text = run_main(["check", str(path)], cwd=tmp_path).stdout
    assert f"  note {path}:sheet 'bom' row 11: skipped, a total row ('TOTAL')" in text
