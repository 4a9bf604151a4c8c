"""Loaders: each format's happy path, each kind of input error, and fuzzing with random bytes."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import shutil
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from roo_check import limits as limits_module
from roo_check.errors import InputError, InputErrors, RooCheckError
from roo_check.limits import InputLimits
from roo_check.loaders import load_path
from roo_check.loaders.certificate import certificate_from_json, certificate_from_xml
from roo_check.loaders.declarations import load_register
from roo_check.loaders.goods import BOM_COLUMNS, GOOD_COLUMNS, bom_from_table, goods_from_table
from roo_check.loaders.limits import MAX_FILE_BYTES
from roo_check.loaders.safe_xml import parse_xml
from roo_check.loaders.shipment import parse_json, parse_yaml, shipment_from_bytes
from roo_check.loaders.tabular import normalize_header, read_csv, read_xlsx
from roo_check.models import OriginStatus
from roo_check.money import round_percent

FIXTURES = Path(__file__).parent / "fixtures"
SHIPMENT_OK = FIXTURES / "shipment_ok"

GOODS_CSV = (
    "part_number,description,hs_code,producer,country_of_production,currency,transaction_value\n"
    "G-1,Electric motor,8501.52,Motores SA,MX,USD,100.00\n"
)
BOM_CSV = (
    "good_part_number,part_number,parent_part_number,description,hs_code,quantity,unit,"
    "unit_value,currency,origin_status\n"
    "G-1,M-1,,Stator,8503.00,1,pcs,10.00,USD,originating\n"
    "G-1,M-2,M-1,Copper wire,8544.11,2,kg,3.00,USD,non-originating\n"
    "G-1,M-3,,Bearing,8482.10,2,pcs,1.50,USD,unknown\n"
)

CERTIFICATE_JSON = {
    "certifier_role": "exporter",
    "certifier": {"name": "Motores SA", "country": "MX"},
    "goods": [{"description": "Electric motor", "hs_code": "8501.52", "origin_criterion": "B"}],
    "signature": {"name": "Ana Torres", "date": "2025-01-10"},
}


def errors_of(exc: RooCheckError) -> list[RooCheckError]:
    return list(exc.errors) if isinstance(exc, InputErrors) else [exc]


def folder(tmp_path: Path, **files: str | bytes) -> Path:
    """A shipment folder holding ``files`` (name with '_' for '.': goods_csv -> goods.csv)."""
    root = tmp_path / "shipment"
    root.mkdir()
    for key, content in files.items():
        name = key.replace("_", ".", 1) if "." not in key else key
        target = root / name
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return root


def workbook_bytes(sheets: dict[str, list[list[object]]]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


GOODS_ROWS: list[list[object]] = [
    [
        "Part Number",
        "Description",
        "HS Code",
        "Producer",
        "Country of Production",
        "Currency",
        "Transaction Value",
        "Net Cost",
        "Shipment Date",
    ],
    [1001, "Pump", "8413.70", "Bombas SA", "MX", "USD", 1234.56, 0.1, dt.date(2025, 3, 14)],
]
BOM_ROWS: list[list[object]] = [
    [
        "good_part_number",
        "part_number",
        "description",
        "hs_code",
        "quantity",
        "unit",
        "unit_value",
        "extended_value",
        "currency",
        "origin_status",
        "material_type",
    ],
    [1001, "IMP-1", "Impeller", "8413.91", 3, "pcs", 0.1, 0.3, "USD", "Originating", None],
    [1001, "SEAL-1", "Seal", "8484.20", 1, "pcs", 0.2, None, "USD", "non_originating", "Indirect"],
]


# ------------------------------------------------------------------------------ happy paths


def test_folder_happy_path() -> None:
    shipment = load_path(SHIPMENT_OK)
    assert shipment.name == "shipment_ok"
    assert [g.part_number for g in shipment.goods] == ["MTR-750"]
    good = shipment.goods[0]
    assert good.transaction_value == Decimal("1250.00")
    assert good.shipment_date == dt.date(2025, 3, 14)
    assert good.imported_unassembled is False
    assert [line.row for line in shipment.bom] == [2, 3, 4, 5, 6, 7, 8]
    statuses = [line.origin_status for line in shipment.bom]
    assert statuses[2] is OriginStatus.non_originating  # written non_originating
    assert statuses[3] is OriginStatus.originating  # written Originating
    assert shipment.bom[-1].indirect is True
    assert shipment.bom[1].parent_part_number == "ST-01"
    assert shipment.certificate is not None
    assert shipment.certificate.goods[0].hs_code == "850152"
    assert shipment.shipment is not None
    assert shipment.shipment.invoice is not None
    assert shipment.shipment.invoice.lines[0].unit_price == Decimal("1250.00")
    assert shipment.bom_source == str(SHIPMENT_OK / "bom.csv")
    names = [Path(s.path).name for s in shipment.sources]
    assert names == ["goods.csv", "bom.csv", "certificate.xml", "shipment.yaml"]
    for source in shipment.sources:
        assert source.sha256 == hashlib.sha256(Path(source.path).read_bytes()).hexdigest()


def test_single_file_bom_csv() -> None:
    shipment = load_path(FIXTURES / "bom_single.csv")
    (good,) = shipment.goods
    assert good.part_number == "PMP-200"
    assert good.hs_code == "841370"
    assert good.transaction_value == Decimal("420.00")
    assert {line.good_part_number for line in shipment.bom} == {"PMP-200"}
    assert [line.row for line in shipment.bom] == [9, 10, 11, 12]
    assert len(shipment.sources) == 1


def test_single_workbook_reads_money_exactly(tmp_path: Path) -> None:
    path = tmp_path / "supplier.xlsx"
    path.write_bytes(workbook_bytes({"goods": GOODS_ROWS, "BOM": BOM_ROWS}))
    shipment = load_path(path)
    (good,) = shipment.goods
    assert good.part_number == "1001"  # an int cell read as the text it shows
    assert good.transaction_value == Decimal("1234.56")
    assert good.net_cost == Decimal("0.1")
    assert good.shipment_date == dt.date(2025, 3, 14)  # a datetime cell -> date
    first, second = shipment.bom
    assert first.unit_value == Decimal("0.1")
    assert first.extended_value == Decimal("0.3")
    assert second.unit_value == Decimal("0.2")
    assert first.unit_value + second.unit_value == Decimal("0.3")
    assert (first.indirect, second.indirect) == (False, True)
    assert [first.row, second.row] == [2, 3]
    assert shipment.sources[0].sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_folder_with_xlsx_goods_and_json_documents(tmp_path: Path) -> None:
    shipment_json = {
        "shipment_id": "S-1",
        "invoice": {
            "number": "INV-1",
            "date": "2025-03-14",
            "issuer": {"name": "Bombas SA", "country": "MX"},
            "lines": [
                {"good_part_number": "1001", "quantity": 2, "unit_price": 0.1, "currency": "USD"}
            ],
        },
    }
    bom = BOM_CSV.replace("G-1", "1001")
    root = folder(
        tmp_path,
        bom_csv=bom,
        certificate_json=json.dumps(CERTIFICATE_JSON),
        shipment_json=json.dumps(shipment_json),
    )
    (root / "goods.xlsx").write_bytes(workbook_bytes({"Sheet1": GOODS_ROWS}))
    shipment = load_path(root)
    assert shipment.goods[0].part_number == "1001"
    assert shipment.certificate is not None
    assert shipment.shipment is not None and shipment.shipment.invoice is not None
    assert shipment.shipment.invoice.lines[0].unit_price == Decimal("0.1")


def test_csv_semicolons_byte_order_mark_and_header_spelling() -> None:
    text = "\ufeffPart Number;HS-Code ;  Transaction value\nP-1;8501.52;12.5\n\n"
    table = read_csv(text.encode("utf-8"), file="goods.csv")
    assert table.headers == ("part_number", "hs_code", "transaction_value")
    assert table.rows[0].values == {
        "part_number": "P-1",
        "hs_code": "8501.52",
        "transaction_value": "12.5",
    }
    assert table.rows[0].number == 2


def test_csv_tabs_and_empty_cells_are_absent() -> None:
    table = read_csv(b"a\tb\tc\n1\t\t3\n", file="x.csv")
    assert table.rows[0].values == {"a": "1", "c": "3"}


def test_normalize_header() -> None:
    assert normalize_header("  Country-of  Origin ") == "country_of_origin"


def test_column_lists_match_the_models() -> None:
    assert "row" not in BOM_COLUMNS
    assert GOOD_COLUMNS[0] == "part_number"


def test_good_without_bom_is_allowed_when_wholly_obtained(tmp_path: Path) -> None:
    goods = (
        GOODS_CSV.replace("transaction_value", "wholly_obtained_basis").replace(
            "100.00", "4.3(a) mineral extracted in Mexico"
        )
        + "G-2,Ore,2601.11,Minera SA,MX,USD,4.3(a)\n"
    )
    shipment = load_path(folder(tmp_path, goods_csv=goods, bom_csv=BOM_CSV))
    assert [g.part_number for g in shipment.goods] == ["G-1", "G-2"]
    assert shipment.materials_of("G-2") == []


# ------------------------------------------------------------------------------ row errors


def test_bad_hs_code_names_the_row_and_field(tmp_path: Path) -> None:
    bom = BOM_CSV.replace("8482.10", "84B2.10")  # the third data row: spreadsheet row 4
    with pytest.raises(InputError) as caught:
        load_path(folder(tmp_path, goods_csv=GOODS_CSV, bom_csv=bom))
    error = caught.value
    assert error.file == str(tmp_path / "shipment" / "bom.csv")
    assert error.location == "row 4"
    assert error.field == "hs_code"
    assert str(error) == (
        f"{error.file}:row 4 [hs_code]: '84B2.10' is not an HS code "
        "(expected 2, 4, 6, 8 or 10 digits, e.g. 8501.52)"
    )


def test_all_problems_of_a_file_are_reported(tmp_path: Path) -> None:
    bom = BOM_CSV.replace("8503.00", "85").replace("non-originating", "maybe").replace("3.00", "x")
    with pytest.raises(InputErrors) as caught:
        load_path(folder(tmp_path, goods_csv=GOODS_CSV, bom_csv=bom))
    found = {(e.location, e.field) for e in caught.value.errors}
    assert found == {("row 2", "hs_code"), ("row 3", "origin_status"), ("row 3", "unit_value")}
    for error in caught.value.errors:
        assert "\n" not in str(error)
        assert "Value error" not in error.message


def test_unknown_column_is_an_error(tmp_path: Path) -> None:
    goods = GOODS_CSV.replace("transaction_value", "transaction_valeu")
    with pytest.raises(InputError) as caught:
        load_path(folder(tmp_path, goods_csv=goods, bom_csv=BOM_CSV))
    assert caught.value.field == "transaction_valeu"
    assert caught.value.location == "row 1"
    assert "unknown column 'transaction_valeu'" in caught.value.message
    assert "did you mean 'transaction_value'" in caught.value.message


def test_missing_required_column(tmp_path: Path) -> None:
    bom = BOM_CSV.replace("origin_status", "supplier")
    with pytest.raises(InputError) as caught:
        load_path(folder(tmp_path, goods_csv=GOODS_CSV, bom_csv=bom))
    assert caught.value.field == "origin_status"
    assert caught.value.message == "required column 'origin_status' is missing"


def test_bom_needs_a_value_column() -> None:
    table = read_csv(BOM_CSV.replace("unit_value", "supplier").encode(), file="bom.csv")
    with pytest.raises(InputError, match="unit_value or an extended_value column"):
        bom_from_table(table)


def test_empty_required_cell() -> None:
    table = read_csv(GOODS_CSV.replace("Motores SA", "").encode(), file="goods.csv")
    with pytest.raises(InputError) as caught:
        goods_from_table(table)
    assert (caught.value.location, caught.value.field) == ("row 2", "producer")
    assert caught.value.message == "a value is required"


def test_decimal_comma_is_refused_not_misread() -> None:
    table = read_csv(GOODS_CSV.replace("100.00", '"1.234,56"').encode(), file="goods.csv")
    with pytest.raises(InputError, match="decimal comma") as caught:
        goods_from_table(table)
    assert caught.value.field == "transaction_value"


def test_unquoted_comma_makes_a_stray_cell() -> None:
    table = read_csv(GOODS_CSV.replace("Electric motor", "Motor, 3-phase").encode(), file="g.csv")
    with pytest.raises(InputError, match="which has no header; quote values"):
        goods_from_table(table)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("yes", True), ("No", False), ("TRUE", True), ("false", False), ("1", True), ("0", False)],
)
def test_booleans(text: str, expected: bool) -> None:
    csv_text = GOODS_CSV.replace("transaction_value", "imported_unassembled").replace(
        "100.00", text
    )
    (good,) = goods_from_table(read_csv(csv_text.encode(), file="g.csv"))
    assert good.imported_unassembled is expected


def test_bad_boolean_and_bad_date() -> None:
    csv_text = GOODS_CSV.replace(
        "transaction_value", "imported_unassembled,production_date"
    ).replace("100.00", "perhaps,14/03/2025")
    with pytest.raises(InputErrors) as caught:
        goods_from_table(read_csv(csv_text.encode(), file="g.csv"))
    messages = {e.field: e.message for e in caught.value.errors}
    assert messages["imported_unassembled"].startswith("'perhaps' is not a yes/no value")
    assert messages["production_date"] == "expected a date as YYYY-MM-DD, got '14/03/2025'"


def test_numeric_hs_code_cell_gets_a_hint() -> None:
    rows = [row[:] for row in GOODS_ROWS]
    rows[1][2] = 8413.7  # typed as a number, the trailing zero is gone
    table = read_xlsx(workbook_bytes({"goods": rows}), file="g.xlsx", sheet="goods")
    with pytest.raises(InputError, match="format the column as text") as caught:
        goods_from_table(table)
    assert caught.value.location == "sheet 'goods' row 2"


def test_csv_that_is_not_utf8() -> None:
    with pytest.raises(InputError, match="not UTF-8") as caught:
        read_csv("a,b\n1,caf\u00e9\n".encode("latin-1"), file="x.csv")
    assert caught.value.location == "row 2"


def test_too_many_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits_module, "_ACTIVE", [InputLimits(rows=3)])
    data = b"a\n" + b"1\n" * 4
    with pytest.raises(InputError, match="more than 3 data rows"):
        read_csv(data, file="x.csv")
    monkeypatch.setattr(limits_module, "_ACTIVE", [InputLimits(rows=4)])
    assert len(read_csv(data, file="x.csv").rows) == 4  # a pipeline raised the limit


def test_duplicate_header() -> None:
    with pytest.raises(InputError, match="appears more than once") as caught:
        read_csv(b"a,b,A\n1,2,3\n", file="x.csv")
    assert caught.value.field == "a"


def test_preamble_is_refused_in_a_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="only read in a single-file BOM"):
        load_path(folder(tmp_path, goods_csv=GOODS_CSV, bom_csv="# note: x\n" + BOM_CSV))


def test_single_file_bom_with_a_missing_good_field(tmp_path: Path) -> None:
    text = (FIXTURES / "bom_single.csv").read_text().replace("# hs_code: 8413.70\n", "")
    path = tmp_path / "bom.csv"
    path.write_text(text)
    with pytest.raises(InputError) as caught:
        load_path(path)
    assert caught.value.field == "hs_code"
    assert "add a '# hs_code: ...' line" in caught.value.message


def test_single_file_bom_bad_good_value_names_its_line(tmp_path: Path) -> None:
    text = (FIXTURES / "bom_single.csv").read_text().replace("# currency: USD", "# currency: usd$")
    path = tmp_path / "bom.csv"
    path.write_text(text)
    with pytest.raises(InputError) as caught:
        load_path(path)
    assert (caught.value.location, caught.value.field) == ("row 6", "currency")


# ---------------------------------------------------------------------- folder and formats


def test_two_files_for_one_role(tmp_path: Path) -> None:
    root = folder(tmp_path, goods_csv=GOODS_CSV, bom_csv=BOM_CSV)
    (root / "goods.xlsx").write_bytes(workbook_bytes({"goods": GOODS_ROWS}))
    with pytest.raises(InputError) as caught:
        load_path(root)
    assert caught.value.message == (
        "two files for the goods role (goods.csv and goods.xlsx); keep exactly one"
    )
    assert caught.value.file == str(root)


def test_missing_roles_are_named(tmp_path: Path) -> None:
    root = folder(tmp_path, certificate_json="{}", notes_txt="ignored")
    with pytest.raises(InputErrors) as caught:
        load_path(root)
    assert [e.field for e in caught.value.errors] == ["goods", "bom"]
    assert all(e.file == str(root) for e in caught.value.errors)


@pytest.mark.parametrize("suffix", [".xlsm", ".xls"])
def test_macro_and_old_workbooks_are_refused(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"supplier{suffix}"
    path.write_bytes(b"whatever")
    with pytest.raises(InputError, match=r"save the workbook as \.xlsx"):
        load_path(path)
    root = folder(tmp_path, bom_csv=BOM_CSV)
    (root / f"goods{suffix}").write_bytes(b"whatever")
    with pytest.raises(InputErrors, match=r"save the workbook as \.xlsx"):
        load_path(root)


def test_workbook_with_macros_inside_is_refused(tmp_path: Path) -> None:
    import zipfile

    data = io.BytesIO(workbook_bytes({"goods": GOODS_ROWS, "bom": BOM_ROWS}))
    with zipfile.ZipFile(data, "a") as archive:
        archive.writestr("xl/vbaProject.bin", b"\x00macro")
    with pytest.raises(InputError, match="contains macros"):
        read_xlsx(data.getvalue(), file="x.xlsx")


def test_workbook_part_with_a_doctype_is_refused() -> None:
    import zipfile

    data = io.BytesIO(workbook_bytes({"goods": GOODS_ROWS}))
    with zipfile.ZipFile(data, "a") as archive:
        archive.writestr("xl/evil.xml", b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>')
    with pytest.raises(InputError, match="DTDs and entities are not allowed"):
        read_xlsx(data.getvalue(), file="x.xlsx")


def test_workbook_missing_a_sheet(tmp_path: Path) -> None:
    path = tmp_path / "supplier.xlsx"
    path.write_bytes(workbook_bytes({"goods": GOODS_ROWS}))
    with pytest.raises(InputError, match="no sheet named 'bom'"):
        load_path(path)


def test_oversize_file_is_refused_without_reading(tmp_path: Path) -> None:
    root = folder(tmp_path, goods_csv=GOODS_CSV)
    with open(root / "bom.csv", "wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: nothing is written or read
    with pytest.raises(InputError, match="the limit is 20,971,520 bytes") as caught:
        load_path(root)
    assert caught.value.file == str(root / "bom.csv")


def test_path_that_does_not_exist(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or folder"):
        load_path(tmp_path / "nope")


# ----------------------------------------------------------------------- cross-file checks


def test_cross_file_checks(tmp_path: Path) -> None:
    goods = GOODS_CSV + "G-1,Duplicate,8501.52,Motores SA,MX,USD,1\nG-3,No BOM,8501.52,M,MX,USD,1\n"
    bom = (
        BOM_CSV
        + "G-9,X-1,,Orphan,8503.00,1,pcs,1,USD,unknown\n"
        + "G-1,X-2,NOPE,Lost child,8503.00,1,pcs,1,USD,unknown\n"
        + "G-1,X-3,,Priced in pesos,8503.00,1,pcs,1,MXN,unknown\n"
    )
    with pytest.raises(InputErrors) as caught:
        load_path(folder(tmp_path, goods_csv=goods, bom_csv=bom))
    found = {(Path(e.file or "").name, e.location, e.field) for e in caught.value.errors}
    assert found == {
        ("goods.csv", "row 3", "part_number"),  # duplicate good
        ("goods.csv", "row 4", "part_number"),  # good without BOM lines
        ("bom.csv", "row 5", "good_part_number"),  # unknown good
        ("bom.csv", "row 6", "parent_part_number"),  # unknown parent
        ("bom.csv", "row 7", "currency"),  # currency differs
    }
    currency = next(e for e in caught.value.errors if e.field == "currency")
    assert "roo-check does no currency conversion" in currency.message


def test_sub_assembly_loop(tmp_path: Path) -> None:
    bom = BOM_CSV.replace("G-1,M-1,,", "G-1,M-1,M-2,")
    with pytest.raises(InputError, match="loop back on themselves: ") as caught:
        load_path(folder(tmp_path, goods_csv=GOODS_CSV, bom_csv=bom))
    assert caught.value.field == "parent_part_number"


# ------------------------------------------------------------------- certificate and shipment


def test_certificate_xsd_violation_names_the_line() -> None:
    data = (SHIPMENT_OK / "certificate.xml").read_bytes().replace(b"8501.52", b"8501.5")
    with pytest.raises(InputError) as caught:
        certificate_from_xml(data, file="certificate.xml")
    error = caught.value
    assert error.location == "line 25, /certificate/goods/good/hsCode"
    assert error.field == "hsCode"
    assert "does not match the certificate schema" in error.message
    assert "'8501.5'" in error.message
    assert "{urn:" not in error.message


def test_certificate_xml_wrong_element_and_bad_country() -> None:
    data = (
        (SHIPMENT_OK / "certificate.xml")
        .read_bytes()
        .replace(b"<country>US</country>", b"<country>ZZ</country>")
    )
    with pytest.raises(InputError) as caught:
        certificate_from_xml(data, file="certificate.xml")
    assert caught.value.location == "line 20, /certificate/importer/country"
    assert "'ZZ' is not an ISO 3166 country code" in caught.value.message


def test_certificate_json_happy_path_and_error_path() -> None:
    certificate = certificate_from_json(json.dumps(CERTIFICATE_JSON).encode(), file="c.json")
    assert certificate.goods[0].hs_code == "850152"
    bad = json.loads(json.dumps(CERTIFICATE_JSON))
    bad["goods"][0]["hs_code"] = "8501"
    with pytest.raises(InputError) as caught:
        certificate_from_json(json.dumps(bad).encode(), file="c.json")
    assert (caught.value.location, caught.value.field) == ("$.goods[0].hs_code", "hs_code")


def test_json_duplicate_key_is_refused() -> None:
    data = b'{"shipment_id": "A", "invoice": {"number": "1", "number": "2"}}'
    with pytest.raises(InputError) as caught:
        parse_json(data, file="shipment.json")
    assert caught.value.message == "duplicate key 'number'"
    assert caught.value.location == "$.invoice"


def test_json_floats_become_decimals() -> None:
    document = parse_json(b'{"a": 0.1, "b": [1.10, 2], "c": 1e-3}', file="x.json")
    assert document == {"a": Decimal("0.1"), "b": [Decimal("1.10"), 2], "c": Decimal("0.001")}
    assert isinstance(document["a"], Decimal) and str(document["b"][0]) == "1.10"
    with pytest.raises(InputError, match="NaN is not a number JSON allows"):
        parse_json(b'{"a": NaN}', file="x.json")


def test_malformed_json_names_line() -> None:
    with pytest.raises(InputError) as caught:
        parse_json(b'{\n"a": 1,\n}', file="x.json")
    assert caught.value.location == "line 3 column 1"


def test_shipment_yaml_errors_name_line_and_path() -> None:
    text = (SHIPMENT_OK / "shipment.yaml").read_text().replace("quantity: 40", "quantity: -4")
    with pytest.raises(InputError) as caught:
        shipment_from_bytes(text.encode(), file="shipment.yaml", suffix=".yaml")
    assert caught.value.location == "line 15, $.invoice.lines[0].quantity"
    assert caught.value.field == "quantity"


def test_yaml_numbers_are_exact_and_decimal() -> None:
    document, _ = parse_yaml(b"a: 0.1\nb: 1_000.50\nc: 010\n", file="x.yaml")
    assert document == {"a": Decimal("0.1"), "b": Decimal("1000.50"), "c": 10}
    with pytest.raises(InputError, match="plain decimal digits"):
        parse_yaml(b"a: 0x1F\n", file="x.yaml")


def test_yaml_alias_bomb_is_refused() -> None:
    bomb = b'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n'
    bomb += b"c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
    with pytest.raises(InputError, match="anchors and aliases are not allowed") as caught:
        parse_yaml(bomb, file="bomb.yaml")
    assert caught.value.location == "line 2"


def test_yaml_duplicate_key_and_unsafe_tag() -> None:
    with pytest.raises(InputError) as caught:
        parse_yaml(b"a: 1\nb: 2\na: 3\n", file="x.yaml")
    assert (caught.value.message, caught.value.location) == ("duplicate key 'a'", "line 3, $")
    with pytest.raises(InputError, match="malformed YAML"):
        parse_yaml(b"a: !!python/object/apply:os.system ['true']\n", file="x.yaml")


def test_top_level_must_be_an_object() -> None:
    with pytest.raises(InputError, match="expected an object"):
        shipment_from_bytes(b"[1, 2]", file="s.json", suffix=".json")


# ----------------------------------------------------------------------------------- fuzzing


def _valid_workbook() -> bytes:
    return workbook_bytes({"goods": GOODS_ROWS, "bom": BOM_ROWS})


VALID = {
    "csv": BOM_CSV.encode(),
    "single_csv": (FIXTURES / "bom_single.csv").read_bytes(),
    "xlsx": _valid_workbook(),
    "xml": (SHIPMENT_OK / "certificate.xml").read_bytes(),
    "json": json.dumps(CERTIFICATE_JSON).encode(),
    "yaml": (SHIPMENT_OK / "shipment.yaml").read_bytes(),
}


def _load_file(data: bytes, name: str) -> object:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        return load_path(path)


def _load_folder(data: bytes, name: str) -> object:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shutil.copy(SHIPMENT_OK / "goods.csv", root / "goods.csv")
        shutil.copy(SHIPMENT_OK / "bom.csv", root / "bom.csv")
        (root / name).write_bytes(data)
        return load_path(root)


LOADERS = {
    "csv": lambda data: bom_from_table(read_csv(data, file="x.csv")),
    "single_csv": lambda data: _load_file(data, "bom.csv"),
    "xlsx": lambda data: _load_file(data, "supplier.xlsx"),
    "xml": lambda data: certificate_from_xml(data, file="c.xml"),
    "xml_plain": lambda data: parse_xml(data, file="c.xml"),
    "json": lambda data: certificate_from_json(data, file="c.json"),
    "shipment_json": lambda data: shipment_from_bytes(data, file="s.json", suffix=".json"),
    "yaml": lambda data: shipment_from_bytes(data, file="s.yaml", suffix=".yaml"),
    "folder_certificate": lambda data: _load_folder(data, "certificate.xml"),
    "folder_shipment": lambda data: _load_folder(data, "shipment.yml"),
}
BASE = {"xml_plain": "xml", "shipment_json": "json", "folder_certificate": "xml"}
BASE |= {"folder_shipment": "yaml"}


def _mutate(data: bytes, position: int, junk: bytes, cut: int) -> bytes:
    at = position % (len(data) + 1)
    return data[:at] + junk + data[at + cut :]


@pytest.mark.parametrize("kind", sorted(LOADERS))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.data(),
    noise=st.binary(max_size=300),
    position=st.integers(min_value=0),
    cut=st.integers(min_value=0, max_value=40),
)
def test_random_bytes_only_ever_raise_input_errors(
    kind: str, data: st.DataObject, noise: bytes, position: int, cut: int
) -> None:
    valid = VALID[BASE.get(kind, kind)]
    candidate = data.draw(
        st.sampled_from([noise, _mutate(valid, position, noise, cut), valid[: position % 400]])
    )
    try:
        LOADERS[kind](candidate)
    except (InputError, InputErrors) as exc:
        assert "\n" not in str(exc)


def test_cell_kinds_follow_the_models() -> None:
    """A field added to a model is read as the right kind of cell without touching the loader."""
    from roo_check.loaders import goods

    booleans, dates, decimals = goods._BOOL_FIELDS, goods._DATE_FIELDS, goods._DECIMAL_FIELDS
    assert booleans >= {"imported_unassembled", "intermediate", "customary"}
    assert dates == {
        "production_date",
        "shipment_date",
        "date",
        "fiscal_year_start",
        "period_start",
        "period_end",
        "signed_on",
    }
    assert decimals == {
        "transaction_value",
        "net_cost",
        "total_cost",
        "quantity",
        "unit_value",
        "extended_value",
        "weight_kg",
        "sales_promotion_costs",
        "royalties",
        "shipping_packing_costs",
        "non_allowable_interest",
        "regional_value",
        "freight_insurance_packing",
        "duties_taxes_brokerage",
        "waste_spoilage",
    }


# ------------------------------------------------------------------------------ the document

DOC = Path(__file__).resolve().parents[2] / "docs" / "input-formats.md"


def _blocks(language: str) -> list[str]:
    parts = DOC.read_text(encoding="utf-8").split("```")
    return [p.split("\n", 1)[1] for p in parts[1::2] if p.split("\n", 1)[0].strip() == language]


def _named_blocks() -> dict[str, str]:
    """The example files the document fences as ```csv <file name>."""
    parts = DOC.read_text(encoding="utf-8").split("```")
    found = {}
    for part in parts[1::2]:
        info, _, body = part.partition("\n")
        kind, _, name = info.strip().partition(" ")
        if kind == "csv" and name:
            found[name] = body
    return found


def test_the_worked_example_of_the_chapter_4_columns_gives_the_figures_it_states(
    tmp_path: Path, rulebook
) -> None:
    """docs/input-formats.md, "Example: a BOM with the Chapter 4 columns": loaded as a new user
    would save it, it gives VNM 396.55 and RVC 78.56 % / 75.82 %, line by line as its table says."""
    from roo_check.engine.evaluate import evaluate_shipment

    for name, body in _named_blocks().items():
        (tmp_path / name).write_text(body, encoding="utf-8")
    result = evaluate_shipment(load_path(tmp_path), rulebook)
    [d] = result.determinations
    assert (d.status.value, d.criterion) == ("originating", "B")
    assert d.figures.vnm == Decimal("396.55")
    assert round_percent(d.figures.rvc_transaction_value) == Decimal("78.56")
    assert round_percent(d.figures.rvc_net_cost) == Decimal("75.82")
    vnm = {
        t.part_number: t.vnm_value for t in d.materials.lines if t.counted_status != "look-through"
    }
    assert vnm["LAM-M19"] == Decimal("295.50") and vnm["FAN-160"] == Decimal("8.25")
    assert vnm["BRG-6205"] == Decimal("26.00") and vnm["CTN-750"] == Decimal("6.50")
    assert [i.part_number for i in d.materials.intermediates if i.counted_as_originating] == [
        "ROTOR-750"
    ]


def test_the_document_lists_every_column() -> None:
    text = DOC.read_text(encoding="utf-8")
    for column in (*GOOD_COLUMNS, *BOM_COLUMNS):
        assert f"| {column} |" in text or f"| **{column}** |" in text, column


def test_the_document_examples_load(tmp_path: Path) -> None:
    single, goods, bom, register = _blocks("csv")
    shipment = load_path(
        folder(
            tmp_path,
            goods_csv=goods,
            bom_csv=bom,
            certificate_xml=_blocks("xml")[0],
            shipment_yaml=_blocks("yaml")[0],
        )
    )
    assert shipment.certificate is not None and shipment.shipment is not None
    certificate_from_json(_blocks("json")[0].encode(), file="certificate.json")
    path = tmp_path / "single.csv"
    path.write_text(single, encoding="utf-8")
    assert [line.row for line in load_path(path).bom] == [9, 10]
    (tmp_path / "declarations.csv").write_text(register, encoding="utf-8")
    declarations = load_register(tmp_path / "declarations.csv").declarations
    assert [d.declaration_id for d in declarations] == ["DECL-2026-014", "DECL-2025-088"]


def test_absurdly_large_numbers_are_refused() -> None:
    """1e999999 would overflow decimal arithmetic in the engine: stop it at the door."""
    document = {
        "shipment_id": "S-1",
        "invoice": {
            "number": "1",
            "date": "2025-01-01",
            "issuer": {"name": "X"},
            "lines": [
                {
                    "good_part_number": "G",
                    "quantity": 1,
                    "unit_price": "1e999999",
                    "currency": "USD",
                }
            ],
        },
    }
    with pytest.raises(InputError) as caught:
        shipment_from_bytes(json.dumps(document).encode(), file="s.json", suffix=".json")
    assert caught.value.location == "$.invoice.lines[0].unit_price"
    assert caught.value.message == "too large a number"
    table = read_csv(GOODS_CSV.replace("100.00", "1e999999").encode(), file="g.csv")
    with pytest.raises(InputError, match="too large a number"):
        goods_from_table(table)
    with pytest.raises(InputError, match="too large a number"):
        parse_json(b'{"a": 1e999999}', file="x.json")


def test_goods_table_without_rows(tmp_path: Path) -> None:
    goods = GOODS_CSV.splitlines()[0] + "\n"
    with pytest.raises(InputErrors) as caught:
        load_path(folder(tmp_path, goods_csv=goods, bom_csv=BOM_CSV))
    first = caught.value.errors[0]
    assert first.message == "there are no goods: the table has no rows"
    assert Path(first.file or "").name == "goods.csv"
