"""roo-check template: the documented columns, one example row of sample 01, notes and lists
in the workbook, a file that loads with the project's own loaders and checks as written,
and no file replaced without --force."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from pydantic import TypeAdapter

from roo_check.errors import UsageError
from roo_check.loaders.discover import load_any
from roo_check.loaders.goods import BOM_COLUMNS, GOOD_COLUMNS
from roo_check.models.common import Country, Currency
from roo_check.models.goods import BomLine, EndUse, Good, MaterialType, OriginStatus
from roo_check.template import (
    BOM_EXAMPLE,
    GOODS_EXAMPLE,
    LISTS_SHEET,
    ROLES,
    WORKBOOK,
    closed_values,
    ordered,
    planned,
    workbook,
    write_template,
)
from tests.features.conftest import run_main
from tests.unit.report_support import ROOT

SAMPLE = ROOT / "samples/01-motor-tariff-shift"


def documented_columns(heading: str) -> list[str]:
    """The column names of a table of docs/input-formats.md, in the order it lists them."""
    text = (ROOT / "docs/input-formats.md").read_text(encoding="utf-8")
    section = text.split(heading, 1)[1]
    table = section.split("| Column | Meaning |", 1)[1].split("\n\n", 1)[0]
    return re.findall(r"^\| \**([a-z0-9_]+)\** \|", table, re.M)


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


@pytest.fixture(scope="module")
def book() -> Any:
    return load_workbook(io.BytesIO(workbook()))


# ------------------------------------------------------------------------------ columns


def test_columns_are_the_documented_ones_in_the_documented_order() -> None:
    goods, bom = ROLES
    assert list(goods.columns) == documented_columns("### goods.csv columns")
    assert list(bom.columns) == documented_columns("### bom.csv columns")


def test_columns_are_every_field_the_loaders_read() -> None:
    goods, bom = ROLES
    assert sorted(goods.columns) == sorted(GOOD_COLUMNS)
    assert sorted(bom.columns) == sorted(BOM_COLUMNS) and "row" not in bom.columns


def test_a_field_the_documentation_does_not_list_yet_comes_last() -> None:
    assert ordered(["b", "new", "a"], ["a", "b", "gone"]) == ("a", "b", "new")


# ------------------------------------------------------------------------------ example


@pytest.mark.parametrize(
    ("name", "example"), [("goods.csv", GOODS_EXAMPLE), ("bom.csv", BOM_EXAMPLE)]
)
def test_the_example_rows_are_a_row_of_sample_01(name: str, example: dict[str, Any]) -> None:
    rows = list(csv.DictReader(io.StringIO((SAMPLE / name).read_text(encoding="utf-8"))))
    key = "part_number"
    (row,) = [r for r in rows if r[key] == example[key]]
    assert {k: v for k, v in row.items() if v} == {k: cell_text(v) for k, v in example.items()}


# ------------------------------------------------------------------------------ workbook


def test_the_workbook_has_goods_bom_and_lists_sheets_with_frozen_headers(book) -> None:
    assert book.sheetnames == ["goods", "bom", LISTS_SHEET]
    for role in ROLES:
        sheet = book[role.name]
        assert tuple(c.value for c in sheet[1]) == role.columns
        assert sheet.freeze_panes == "A2" and sheet.max_row == 2


def test_each_header_carries_the_field_description_as_a_note(book) -> None:
    for role in ROLES:
        for cell in book[role.name][1]:
            info = role.model.model_fields[cell.value]
            assert cell.comment is not None, cell.value
            assert info.description in cell.comment.text
            need = "Required." if info.is_required() else "Optional."
            assert cell.comment.text.startswith(need)
    hs = next(c for c in book["goods"][1] if c.value == "hs_edition")
    assert "HS2022, HS2017" in hs.comment.text


def _validations(sheet: Any) -> dict[str, str]:
    """Column header -> the list formula its data validation names."""
    header = {c.column_letter: c.value for c in sheet[1]}
    found = {}
    for validation in sheet.data_validations.dataValidation:
        assert validation.type == "list" and validation.showErrorMessage
        (cells,) = str(validation.sqref).split()
        letter = re.match(r"[A-Z]+", cells).group(0)
        assert cells == f"{letter}2:{letter}1048576"
        found[header[letter]] = validation.formula1
    return found


def _listed(book: Any, formula: str) -> list[Any]:
    match = re.fullmatch(r"lists!\$([A-Z]+)\$2:\$\1\$(\d+)", formula)
    assert match, formula
    column, last = match.groups()
    return [c.value for (c,) in book[LISTS_SHEET][f"{column}2:{column}{last}"]]


def test_closed_fields_have_lists_to_pick_from(book) -> None:
    goods = _validations(book["goods"])
    bom = _validations(book["bom"])
    assert _listed(book, bom["origin_status"]) == [s.value for s in OriginStatus]
    assert _listed(book, bom["material_type"]) == [t.value for t in MaterialType]
    assert _listed(book, goods["end_use"]) == [u.value for u in EndUse]
    assert _listed(book, goods["hs_edition"]) == ["HS2022", "HS2017"]
    assert _listed(book, bom["intermediate"]) == [True, False]
    assert goods["currency"] == bom["currency"]
    assert "unit" not in bom and "part_number" not in bom and "hs_code" not in goods


def test_country_and_currency_lists_hold_the_codes_the_models_accept(book) -> None:
    goods = _validations(book["goods"])
    countries = _listed(book, goods["country_of_production"])
    assert countries == _listed(book, _validations(book["bom"])["country_of_origin"])
    assert {"MX", "US", "CA", "CN", "DE"} <= set(countries) and len(countries) > 240
    country = TypeAdapter(Country)
    assert all(len(c) == 2 and country.validate_python(c) == c for c in countries)
    currencies = _listed(book, goods["currency"])
    assert {"USD", "MXN", "CAD"} <= set(currencies)
    currency = TypeAdapter(Currency)
    assert all(currency.validate_python(c) == c for c in currencies)


def test_closed_values_come_from_the_models() -> None:
    assert closed_values(BomLine.model_fields["unit"]) is None
    assert closed_values(BomLine.model_fields["hs_code"]) is None
    assert closed_values(Good.model_fields["gri3_set"]) == [True, False]
    assert closed_values(BomLine.model_fields["textile_role"]) == ["sewing_thread", "pocket_bag"]


def test_codes_are_text_cells_and_dates_are_dates(book) -> None:
    goods = {c.value: c.column_letter for c in book["goods"][1]}
    sheet = book["goods"]
    hs = sheet[f"{goods['hs_code']}2"]
    assert (hs.value, hs.number_format) == ("8501.52", "@")
    assert sheet.column_dimensions[goods["tariff_item"]].number_format == "@"
    assert sheet[f"{goods['shipment_date']}2"].number_format == "yyyy-mm-dd"
    assert sheet[f"{goods['transaction_value']}2"].value == 1850


def test_the_workbook_loads_with_the_projects_loader(tmp_path: Path) -> None:
    (path,) = write_template(tmp_path)
    assert path == tmp_path / WORKBOOK
    shipment = load_any(path)
    (good,) = shipment.goods
    assert good.part_number == "EM-750" and str(good.transaction_value) == "1850"
    (line,) = shipment.bom
    assert (line.part_number, line.origin_status, line.country_of_origin) == (
        "WIRE-CU",
        OriginStatus.originating,
        "MX",
    )


def test_the_workbook_is_the_same_bytes_on_every_run() -> None:
    assert workbook() == workbook()


# ------------------------------------------------------------------------------ csv


def test_the_csv_files_have_a_byte_order_mark_and_load(tmp_path: Path) -> None:
    written = write_template(tmp_path, "csv")
    assert written == [tmp_path / "goods.csv", tmp_path / "bom.csv"]
    for path, role in zip(written, ROLES, strict=True):
        data = path.read_bytes()
        assert data.startswith(b"\xef\xbb\xbf")
        header = data.decode("utf-8-sig").splitlines()[0]
        assert header.split(",") == list(role.columns)
    shipment = load_any(tmp_path)
    assert [g.part_number for g in shipment.goods] == ["EM-750"]
    assert [line.part_number for line in shipment.bom] == ["WIRE-CU"]


def test_an_unknown_format_is_refused() -> None:
    with pytest.raises(UsageError, match="xlsx, csv"):
        planned(Path("x"), "ods")


# ------------------------------------------------------------------------------ command


@pytest.mark.parametrize(("fmt", "checked"), [("xlsx", WORKBOOK), ("csv", ".")])
def test_the_template_as_written_passes_loading(tmp_path: Path, fmt: str, checked: str) -> None:
    folder = tmp_path / "new"
    run = run_main(["template", str(folder), "--format", fmt])
    assert run.returncode == 0, run.stderr
    assert run.stderr.count("\n") == 1 and "roo-check check" in run.stderr
    result = run_main(["check", str(folder / checked)])
    assert result.returncode in (0, 1), result.stderr
    assert "input error" not in result.stderr


def test_an_existing_file_is_not_replaced_without_force(tmp_path: Path) -> None:
    (tmp_path / "bom.csv").write_text("mine\n", encoding="utf-8")
    run = run_main(["template", str(tmp_path), "-f", "csv"])
    assert run.returncode == 2
    assert run.stderr.splitlines() == [
        f"error: {tmp_path / 'bom.csv'} exists; give --force to replace it"
    ]
    assert not (tmp_path / "goods.csv").exists()  # nothing written when one file is in the way
    assert (tmp_path / "bom.csv").read_text(encoding="utf-8") == "mine\n"
    forced = run_main(["template", str(tmp_path), "-f", "csv", "--force"])
    assert forced.returncode == 0 and (tmp_path / "goods.csv").exists()
    assert (tmp_path / "bom.csv").read_text(encoding="utf-8-sig").startswith("good_part_number,")


def test_the_default_is_a_workbook_in_the_current_folder(tmp_path: Path) -> None:
    run = run_main(["template"], cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert (tmp_path / WORKBOOK).is_file()
    again = run_main(["template"], cwd=tmp_path)
    assert again.returncode == 2 and "exists" in again.stderr
