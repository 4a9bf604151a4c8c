"""The register of suppliers' declarations under good and bad input (issue 14).

A register comes as ``declarations.csv`` / ``.xlsx``, as certification files (Annex 5-A,
``.xml`` / ``.json``) each read as declarations named by its file stem, or as a folder of
them: a shipment's ``declarations/`` or ``--declarations PATH``. Whatever is wrong in it
must come back as one error per problem naming the file, the row and the field, never as
a traceback; through the command line, exit 2 with that one line.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook

from roo_check.cli import main
from roo_check.errors import InputError, InputErrors, RooCheckError
from roo_check.loaders import load_path
from roo_check.loaders.declarations import (
    DECLARATION_COLUMNS,
    declarations_from_bytes,
    load_register,
)
from roo_check.models.certificate import OriginCriterion
from roo_check.models.declarations import Declaration, DeclarationScope, Register
from roo_check.models.goods import OriginStatus
from tests.unit.report_support import ROOT

SAMPLE = ROOT / "samples" / "40-office-chairs-declarations"

HEADER = (
    "declaration_id,supplier,part_numbers,hs_codes,origin_status,criterion,scope,"
    "period_start,period_end,invoice_number,signed_on,certifier"
)
BLANKET = (
    "DECL-1,Fundiciones de Jalisco SA de CV,BASE-5S; BASE-5N,9401.99;3921,originating,B,"
    'blanket,2026-01-01,2026-12-31,,2025-12-10,"Luis Herrera, export manager"'
)
SINGLE = (
    "DECL-2,Plasticos Tonala SA,ARM-PAIR,,non-originating,,single_shipment,,,INV-77,"
    "2026-03-02,Ana Ruiz"
)

CERTIFICATE_JSON = {
    "certifier_role": "producer",
    "certifier": {
        "name": "Mecanismos del Bajio SA",
        "address": "Av. Industrial 455, Leon, GTO",
        "country": "MX",
        "title": "Export compliance",
        "phone": "+52 477 555 0190",
        "email": "export@mecbajio.example",
    },
    "producer": {
        "name": "Mecanismos del Bajio SA",
        "address": "Av. Industrial 455, Leon, GTO",
        "country": "MX",
    },
    "goods": [
        {
            "description": "Tilt mechanism, single lever, for swivel chairs",
            "hs_code": "9401.99",
            "origin_criterion": "B",
            "part_number": "MECH-TILT",
        },
        {"description": "Seat plate, steel", "hs_code": "9401.99", "origin_criterion": "A"},
    ],
    "blanket_period": {"start": "2026-07-01", "end": "2027-06-30"},
    "signature": {"name": "Rosa Medina", "date": "2026-06-20", "signed": True},
}

CERTIFICATE_XML = """<?xml version="1.0" encoding="UTF-8"?>
<certificate xmlns="urn:roo-check:usmca:certificate:1">
  <certifierRole>exporter</certifierRole>
  <certifier>
    <name>Comercializadora Atlas SA de CV</name>
    <address>Av. Insurgentes Sur 1602, Ciudad de Mexico</address>
    <country>MX</country>
    <title>Director</title>
    <phone>+52 55 5555 0160</phone>
    <email>atlas@comercializadora-atlas.example</email>
  </certifier>
  <exporter>
    <name>Comercializadora Atlas SA de CV</name>
    <address>Av. Insurgentes Sur 1602, Ciudad de Mexico</address>
    <country>MX</country>
  </exporter>
  <producer>
    <name>Motores del Bajio SA de CV</name>
    <address>Carretera Celaya-Salamanca km 4, Celaya, Gto.</address>
    <country>MX</country>
  </producer>
  <goods>
    <good>
      <description>Three-phase AC induction motor, 7.5 kW, IE3</description>
      <hsCode>8501.53</hsCode>
      <originCriterion>B</originCriterion>
      <partNumber>EM-750</partNumber>
    </good>
  </goods>
  <invoiceNumber>INV-2026-0042</invoiceNumber>
  <signature>
    <name>Hector Ruiz Vega</name>
    <date>2025-12-28</date>
    <signed>true</signed>
  </signature>
</certificate>
"""


def table(*rows: str, header: str = HEADER) -> bytes:
    return ("\n".join((header, *rows)) + "\n").encode()


def read(data: bytes, file: str = "declarations.csv") -> list[Declaration]:
    return declarations_from_bytes(data, file=file, suffix=Path(file).suffix)


def errors_of(error: RooCheckError) -> list[RooCheckError]:
    return list(error.errors) if isinstance(error, InputErrors) else [error]


def only_error(data: bytes, file: str = "declarations.csv") -> RooCheckError:
    """The one error the register gives: one line, naming its file."""
    with pytest.raises(RooCheckError) as caught:
        read(data, file)
    found = errors_of(caught.value)
    assert len(found) == 1, [str(e) for e in found]
    [error] = found
    assert "\n" not in str(error)
    assert error.file == file
    return error


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "declarations"
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


@pytest.fixture
def shipment(tmp_path: Path) -> Path:
    """A copy of sample 40 (a register and a declarations/ folder), a secret file beside it."""
    (tmp_path / "secret.json").write_text(json.dumps(CERTIFICATE_JSON), encoding="utf-8")
    return Path(shutil.copytree(SAMPLE, tmp_path / "shipment"))


# --------------------------------------------------------------------------- good registers


def test_a_good_register_csv() -> None:
    blanket, single = read(table(BLANKET, SINGLE))
    assert blanket.declaration_id == "DECL-1"
    assert blanket.part_numbers == ["BASE-5S", "BASE-5N"]
    assert blanket.hs_codes == ["940199", "3921"]
    assert blanket.origin_status is OriginStatus.originating
    assert blanket.criterion is OriginCriterion.B
    assert blanket.scope is DeclarationScope.blanket
    assert (blanket.period_start, blanket.period_end) == (
        dt.date(2026, 1, 1),
        dt.date(2026, 12, 31),
    )
    assert blanket.signed_on == dt.date(2025, 12, 10)
    assert blanket.certifier == "Luis Herrera, export manager"
    assert (blanket.source, blanket.location) == ("declarations.csv", "row 2")
    assert blanket.where == "declarations.csv:row 2"
    assert single.scope is DeclarationScope.single_shipment
    assert single.origin_status is OriginStatus.non_originating
    assert (single.criterion, single.period_start, single.invoice_number) == (None, None, "INV-77")
    assert single.location == "row 3"


def test_the_sample_register_is_read() -> None:
    register = load_register(SAMPLE / "declarations.csv")
    assert [d.declaration_id for d in register.declarations] == [
        "DECL-2026-014",
        "DECL-2026-021",
        "DECL-2025-088",
        "DECL-2026-044",
    ]
    [(path, digest)] = register.files
    assert path.endswith("declarations.csv") and len(digest) == 64


def test_a_good_register_xlsx(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "declarations.xlsx",
        [
            list(DECLARATION_COLUMNS),
            ["D-1", "Acme SA", "P-1;P-2", None, "originating", "a", "blanket",
             dt.date(2026, 1, 1), dt.date(2026, 12, 31), None, dt.date(2025, 12, 1), "Ana"],
            ["D-2", "Acme SA", None, "8501.52", "Non Originating", None, "Single Shipment",
             None, None, "INV-9", "2025-12-01", "Ana"],
        ],
    )  # fmt: skip
    register = load_register(path)
    first, second = register.declarations
    assert first.part_numbers == ["P-1", "P-2"]
    assert first.criterion is OriginCriterion.A
    assert first.period_end == dt.date(2026, 12, 31)
    assert first.where == f"{path}:row 2"
    assert second.hs_codes == ["850152"]
    assert second.origin_status is OriginStatus.non_originating
    assert second.scope is DeclarationScope.single_shipment
    assert register.files[0][0] == str(path)


def one_declaration(path: Path, *, parts: str | None = "P-1", hs_codes: object = None) -> Path:
    """A register workbook of one blanket declaration, on a sheet named ``declarations``."""
    return write_xlsx(
        path,
        [list(DECLARATION_COLUMNS),
         ["D-1", "Acme SA", parts, hs_codes, "originating", "B", "blanket",
          dt.date(2026, 1, 1), dt.date(2026, 12, 31), None, dt.date(2025, 12, 1), "Ana"]],
    )  # fmt: skip


def test_a_register_kept_on_its_own_sheet_of_a_larger_workbook(tmp_path: Path) -> None:
    """The sheet named ``declarations`` is read wherever it sits; the cover sheet in front of
    it is not mistaken for the register."""
    path = one_declaration(tmp_path / "declarations.xlsx")
    book = load_workbook(path)
    cover = book.create_sheet("cover", 0)
    cover.append(["Supplier declarations, plant 2", "kept by purchasing"])
    book.save(path)
    [declaration] = load_register(path).declarations
    assert declaration.part_numbers == ["P-1"]
    assert declaration.where == f"{path}:sheet 'declarations' row 2"


def test_hs_codes_typed_as_a_number_get_the_hint_to_format_them_as_text(tmp_path: Path) -> None:
    """Excel shows 3921.90 typed into a number cell as 3921.9: the error says why."""
    path = one_declaration(tmp_path / "declarations.xlsx", parts=None, hs_codes=3921.9)
    with pytest.raises(InputError) as caught:
        load_register(path)
    message = str(caught.value)
    assert "[hs_codes]: '3921.9' is not an HS code" in message
    assert message.endswith("drops leading and trailing zeros: format the column as text")


def test_a_workbook_without_a_declarations_sheet_is_read_from_its_first(tmp_path: Path) -> None:
    path = one_declaration(tmp_path / "declarations.xlsx")
    book = load_workbook(path)
    book["declarations"].title = "Sheet1"
    book.save(path)
    [declaration] = load_register(path).declarations
    assert declaration.where == f"{path}:row 2"


@pytest.mark.parametrize("separator", [";", "; ", " ;  "])
def test_part_numbers_and_hs_codes_are_separated_by_semicolons(separator: str) -> None:
    row = BLANKET.replace("BASE-5S; BASE-5N", separator.join(["A-1", "B-2", "C-3"]))
    row = row.replace("9401.99;3921", separator.join(["9401.99", "3921", "84"]))
    [declaration] = read(table(row))
    assert declaration.part_numbers == ["A-1", "B-2", "C-3"]
    assert declaration.hs_codes == ["940199", "3921", "84"]


def test_empty_pieces_between_semicolons_are_dropped() -> None:
    [declaration] = read(table(BLANKET.replace("BASE-5S; BASE-5N", ";A-1;;  ;B-2;")))
    assert declaration.part_numbers == ["A-1", "B-2"]


@pytest.mark.parametrize("criterion", ["a", "b", " c ", "d"])
def test_the_criterion_may_be_lower_case(criterion: str) -> None:
    [declaration] = read(table(BLANKET.replace(",B,blanket", f",{criterion},blanket")))
    assert declaration.criterion == criterion.strip().upper()


@pytest.mark.parametrize("scope", ["single shipment", "Single Shipment", "single-shipment"])
def test_single_shipment_spelled_with_a_space_is_snake_cased(scope: str) -> None:
    [declaration] = read(table(SINGLE.replace("single_shipment", scope)))
    assert declaration.scope is DeclarationScope.single_shipment


@pytest.mark.parametrize("status", ["Non-Originating", "non originating", "NON_ORIGINATING"])
def test_non_originating_spelt_loosely(status: str) -> None:
    [declaration] = read(table(SINGLE.replace("non-originating", status)))
    assert declaration.origin_status is OriginStatus.non_originating


def test_columns_in_any_order_and_optional_ones_left_out() -> None:
    header = "certifier,signed_on,scope,origin_status,part_numbers,supplier,declaration_id"
    row = "Ana,2026-03-02,single shipment,non-originating,P-9,Acme,D-9"
    [declaration] = read(table(row, header=header))
    assert (declaration.declaration_id, declaration.hs_codes, declaration.criterion) == (
        "D-9",
        [],
        None,
    )


def test_a_register_saved_with_semicolons_keeps_its_quoted_lists() -> None:
    """Excel in a comma-decimal locale saves ';'-separated CSV: a list cell is then quoted."""
    header = HEADER.replace(",", ";")
    row = (
        'DECL-1;Acme SA;"P-1;P-2";"9401.99; 3921";originating;B;blanket;2026-01-01;2026-12-31;;'
        '2025-12-10;"Ana, manager"'
    )
    [declaration] = read(table(row, header=header))
    assert (declaration.part_numbers, declaration.hs_codes) == (["P-1", "P-2"], ["940199", "3921"])
    assert declaration.certifier == "Ana, manager"


# ----------------------------------------------------------------------- one error, one cell


def _row_error(row: str, field: str, text: str) -> None:
    error = only_error(table(row))
    assert (error.location, error.field) == ("row 2", field), str(error)
    assert text in error.message, str(error)
    assert str(error).startswith(f"declarations.csv:row 2 [{field}]: ")


def test_a_missing_required_column() -> None:
    header = HEADER.replace(",signed_on", "")
    row = BLANKET.replace(",2025-12-10,", ",")
    error = only_error(table(row, header=header))
    assert (error.location, error.field) == ("row 1", "signed_on")
    assert "required column 'signed_on' is missing" in error.message


def test_every_missing_column_is_named_at_once() -> None:
    with pytest.raises(InputErrors) as caught:
        read(table("X,Y", header="declaration_id,supplier"))
    fields = [e.field for e in caught.value.errors]
    assert fields == ["origin_status", "scope", "signed_on", "certifier"]
    assert all(e.location == "row 1" for e in caught.value.errors)


def test_an_unknown_column_with_a_suggestion() -> None:
    error = only_error(table(BLANKET + ",x", header=HEADER + ",suplier"))
    assert (error.location, error.field) == ("row 1", "suplier")
    assert "unknown column 'suplier' (did you mean 'supplier'?)" in error.message


@pytest.mark.parametrize("blank", ["", "   "])
def test_a_blank_declaration_id(blank: str) -> None:
    _row_error(BLANKET.replace("DECL-1", blank, 1), "declaration_id", "a value is required")


@pytest.mark.parametrize(
    "date, text",
    [
        ("2025-13-10", "not a valid date"),
        ("10/12/2025", "expected a date as YYYY-MM-DD"),
        ("2025-12-10T10:00", "YYYY-MM-DD"),
        ("1899-12-31", "outside the dates roo-check reads"),
    ],
)
def test_a_bad_date(date: str, text: str) -> None:
    _row_error(BLANKET.replace("2025-12-10", date), "signed_on", text)


def test_a_bad_period_date_names_its_column() -> None:
    _row_error(BLANKET.replace("2026-12-31", "2026-02-30"), "period_end", "not a valid date")


@pytest.mark.parametrize(
    "period", [",", "2026-01-01,", ",2026-12-31"], ids=["none", "no-end", "no-start"]
)
def test_a_blanket_without_its_period(period: str) -> None:
    row = BLANKET.replace("2026-01-01,2026-12-31", period)
    error = only_error(table(row))
    assert error.location == "row 2"
    assert error.field in ("period_start", "period_end")
    assert "a blanket declaration needs period_start and period_end" in error.message


def test_a_period_on_a_single_shipment() -> None:
    row = BLANKET.replace("blanket", "single_shipment")
    _row_error(row, "period_start", "are for blanket declarations")


def test_a_period_ending_before_it_starts() -> None:
    row = BLANKET.replace("2026-01-01,2026-12-31", "2026-12-31,2026-01-01")
    _row_error(row, "period_end", "period_end is before period_start")


def test_an_originating_declaration_without_its_criterion() -> None:
    _row_error(BLANKET.replace(",B,blanket", ",,blanket"), "criterion", "criterion is required")


@pytest.mark.parametrize("status", ["unknown", "fungible"])
def test_origin_status_unknown_or_fungible_is_refused(status: str) -> None:
    _row_error(
        BLANKET.replace(",originating,", f",{status},"),
        "origin_status",
        "must be originating or non-originating",
    )


def test_an_unknown_origin_status() -> None:
    _row_error(BLANKET.replace(",originating,", ",maybe,"), "origin_status", "maybe")


def test_neither_part_numbers_nor_hs_codes() -> None:
    row = BLANKET.replace("BASE-5S; BASE-5N,9401.99;3921", ",")
    _row_error(row, "part_numbers", "give the materials covered")


@pytest.mark.parametrize("code", ["94X1", "9", "12345678901", "9401.99;3X"])
def test_a_bad_hs_code(code: str) -> None:
    _row_error(BLANKET.replace("9401.99;3921", code), "hs_codes", "is not an HS code")


def test_an_unknown_criterion_and_scope() -> None:
    _row_error(BLANKET.replace(",B,blanket", ",E,blanket"), "criterion", "'E'")
    _row_error(BLANKET.replace(",blanket,", ",annual,"), "scope", "'annual'")


def test_each_bad_row_gives_its_own_error() -> None:
    bad_date = BLANKET.replace("2025-12-10", "2025-13-10")
    no_criterion = BLANKET.replace(",B,blanket", ",,blanket")
    with pytest.raises(InputErrors) as caught:
        read(table(bad_date, SINGLE, no_criterion))
    assert [(e.location, e.field) for e in caught.value.errors] == [
        ("row 2", "signed_on"),
        ("row 4", "criterion"),
    ]


def test_a_register_with_no_rows() -> None:
    error = only_error(table())
    assert "the register has no declarations" in error.message


def test_an_empty_register_file() -> None:
    error = only_error(b"")
    assert "empty" in error.message


def test_a_bad_cell_of_a_workbook_names_the_row(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "declarations.xlsx",
        [list(DECLARATION_COLUMNS),
         ["D-1", "Acme", "P-1", None, "originating", "B", "blanket", dt.date(2026, 1, 1),
          dt.date(2026, 12, 31), None, 45000, "Ana"]],
    )  # fmt: skip
    with pytest.raises(InputError) as caught:
        load_register(path)
    error = caught.value
    assert (error.file, error.location, error.field) == (str(path), "row 2", "signed_on")
    assert "expected a date" in error.message


# --------------------------------------------------------------------- certification files


def test_a_json_certification_is_declarations_named_by_its_stem(tmp_path: Path) -> None:
    path = tmp_path / "DECL-2026-077.json"
    path.write_text(json.dumps(CERTIFICATE_JSON), encoding="utf-8")
    register = load_register(path)
    by_part, by_code = register.declarations
    for declaration in (by_part, by_code):
        assert declaration.declaration_id == "DECL-2026-077"
        assert declaration.supplier == "Mecanismos del Bajio SA"
        assert declaration.origin_status is OriginStatus.originating
        assert declaration.scope is DeclarationScope.blanket
        assert (declaration.period_start, declaration.period_end) == (
            dt.date(2026, 7, 1),
            dt.date(2027, 6, 30),
        )
        assert declaration.signed_on == dt.date(2026, 6, 20)
        assert "Rosa Medina" in declaration.certifier
    assert (by_part.part_numbers, by_part.hs_codes, by_part.criterion) == (["MECH-TILT"], [], "B")
    assert (by_code.part_numbers, by_code.hs_codes, by_code.criterion) == ([], ["940199"], "A")
    assert (by_part.where, by_code.where) == (f"{path}:good 1", f"{path}:good 2")
    assert register.named("decl-2026-077") == [by_part, by_code]


def test_the_sample_certification_json() -> None:
    path = SAMPLE / "declarations" / "DECL-2026-030.json"
    [declaration] = load_register(path).declarations
    assert (declaration.declaration_id, declaration.supplier) == (
        "DECL-2026-030",
        "Mecanismos del Bajio SA",
    )


def test_an_xml_certification_takes_the_producer_as_supplier(tmp_path: Path) -> None:
    path = tmp_path / "ATLAS-17.xml"
    path.write_text(CERTIFICATE_XML, encoding="utf-8")
    [declaration] = load_register(path).declarations
    assert declaration.declaration_id == "ATLAS-17"
    assert declaration.supplier == "Motores del Bajio SA de CV"  # the producer, not the exporter
    assert declaration.scope is DeclarationScope.single_shipment
    assert (declaration.period_start, declaration.invoice_number) == (None, "INV-2026-0042")
    assert declaration.part_numbers == ["EM-750"]
    assert declaration.location == "good 1"


@pytest.mark.parametrize("placeholder", ["Various", "  UNKNOWN ", "Available upon request"])
def test_a_placeholder_producer_gives_the_exporter(tmp_path: Path, placeholder: str) -> None:
    path = tmp_path / "ATLAS-18.xml"
    path.write_text(
        CERTIFICATE_XML.replace("Motores del Bajio SA de CV", placeholder), encoding="utf-8"
    )
    [declaration] = load_register(path).declarations
    assert declaration.supplier == "Comercializadora Atlas SA de CV"


@pytest.mark.parametrize("name", [" .json", "\t.xml"])
def test_a_certification_with_a_blank_name_is_an_input_error(tmp_path: Path, name: str) -> None:
    folder = tmp_path / "register"
    folder.mkdir()
    path = folder / name
    if name.endswith(".xml"):
        path.write_text(CERTIFICATE_XML, encoding="utf-8")
    else:
        path.write_text(json.dumps(CERTIFICATE_JSON), encoding="utf-8")
    error = _folder_error(folder)
    assert error.file == str(path)


def test_a_broken_certification_names_its_file(tmp_path: Path) -> None:
    path = tmp_path / "BROKEN.json"
    broken = {**CERTIFICATE_JSON, "signature": {"name": "X", "date": "2026-02-30", "signed": True}}
    path.write_text(json.dumps(broken), encoding="utf-8")
    with pytest.raises(RooCheckError) as caught:
        load_register(path)
    [error] = errors_of(caught.value)
    assert error.file == str(path)
    assert "date" in str(error)


# ----------------------------------------------------------------------------------- folders


def test_a_folder_of_a_register_and_certifications(tmp_path: Path) -> None:
    folder = tmp_path / "register"
    folder.mkdir()
    (folder / "declarations.csv").write_bytes(table(BLANKET, SINGLE))
    (folder / "DECL-3.json").write_text(json.dumps(CERTIFICATE_JSON), encoding="utf-8")
    (folder / "ATLAS-17.xml").write_text(CERTIFICATE_XML, encoding="utf-8")
    register = load_register(folder)
    assert [d.declaration_id for d in register.declarations] == [
        "ATLAS-17",
        "DECL-3",
        "DECL-3",
        "DECL-1",
        "DECL-2",
    ]  # files sorted by name
    assert [Path(path).name for path, _ in register.files] == [
        "ATLAS-17.xml",
        "DECL-3.json",
        "declarations.csv",
    ]


def test_a_stray_text_file_hidden_files_and_lock_files_are_ignored(tmp_path: Path) -> None:
    folder = tmp_path / "register"
    folder.mkdir()
    (folder / "declarations.csv").write_bytes(table(BLANKET))
    (folder / "README.txt").write_text("where the declarations come from\n")
    (folder / ".hidden.json").write_text("{not json")
    (folder / "~$declarations.xlsx").write_bytes(b"lock")
    (folder / "subfolder").mkdir()
    register = load_register(folder)
    assert [d.declaration_id for d in register.declarations] == ["DECL-1"]


def test_the_register_name_is_matched_case_insensitively(tmp_path: Path) -> None:
    folder = tmp_path / "register"
    folder.mkdir()
    (folder / "Declarations.CSV").write_bytes(table(BLANKET))
    assert len(load_register(folder).declarations) == 1


def _folder_error(folder: Path) -> RooCheckError:
    with pytest.raises(RooCheckError) as caught:
        load_register(folder)
    [error] = errors_of(caught.value)
    assert "\n" not in str(error)
    return error


def test_an_xls_in_a_folder_is_refused_with_the_usual_message(tmp_path: Path) -> None:
    folder = tmp_path / "register"
    folder.mkdir()
    (folder / "declarations.csv").write_bytes(table(BLANKET))
    (folder / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    error = _folder_error(folder)
    assert error.file == str(folder / "old.xls")
    assert error.message == "old Excel workbooks (.xls) are not read; save the workbook as .xlsx"


@pytest.mark.parametrize(
    "name, hint",
    [("notes.csv", ""), ("declaration.csv", " (did you mean 'declarations.csv'?)")],
)
def test_a_table_not_named_declarations_is_refused_with_a_hint(
    tmp_path: Path, name: str, hint: str
) -> None:
    folder = tmp_path / "register"
    folder.mkdir()
    (folder / name).write_bytes(table(BLANKET))
    error = _folder_error(folder)
    assert error.file == str(folder / name)
    assert error.message == (
        "a table in a declarations folder must be named declarations.csv or "
        "declarations.xlsx" + hint
    )


@pytest.mark.parametrize("stray", [None, "README.txt"])
def test_an_empty_folder_holds_no_declarations(tmp_path: Path, stray: str | None) -> None:
    folder = tmp_path / "register"
    folder.mkdir()
    if stray:
        (folder / stray).write_text("nothing here\n")
    error = _folder_error(folder)
    assert error.file == str(folder)
    assert "holds no declarations" in error.message


def test_a_bad_file_of_a_folder_is_named_and_the_others_still_read(tmp_path: Path) -> None:
    folder = tmp_path / "register"
    folder.mkdir()
    (folder / "declarations.csv").write_bytes(table(BLANKET.replace("2025-12-10", "2025-13-10")))
    (folder / "BAD.json").write_text("{", encoding="utf-8")
    with pytest.raises(InputErrors) as caught:
        load_register(folder)
    assert sorted(Path(e.file or "").name for e in caught.value.errors) == [
        "BAD.json",
        "declarations.csv",
    ]


def test_a_link_out_of_a_folder_given_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "register"
    folder.mkdir()
    outside = tmp_path / "outside.json"
    outside.write_text(json.dumps(CERTIFICATE_JSON), encoding="utf-8")
    (folder / "DECL-9.json").symlink_to(outside)
    error = _folder_error(folder)
    assert error.file == str(folder / "DECL-9.json")
    assert "outside" in error.message


# ------------------------------------------------------------------ a shipment's declarations


def test_a_shipment_reads_its_register_and_its_declarations_folder(shipment: Path) -> None:
    loaded = load_path(shipment)
    assert loaded.declarations is not None
    ids = [d.declaration_id for d in loaded.declarations.declarations]
    assert ids == ["DECL-2026-014", "DECL-2026-021", "DECL-2025-088", "DECL-2026-044",
                   "DECL-2026-030"]  # fmt: skip
    roles = {Path(s.path).name: s.role for s in loaded.sources}
    assert roles["declarations.csv"] == roles["DECL-2026-030.json"] == "declarations"


def test_a_shipment_without_a_register_has_none(tmp_path: Path) -> None:
    folder = Path(shutil.copytree(SAMPLE, tmp_path / "plain"))
    (folder / "declarations.csv").unlink()
    shutil.rmtree(folder / "declarations")
    assert load_path(folder).declarations is None


def _shipment_error(folder: Path) -> RooCheckError:
    with pytest.raises(RooCheckError) as caught:
        load_path(folder)
    [error] = errors_of(caught.value)
    assert "\n" not in str(error)
    return error


def test_a_link_in_the_declarations_folder_leading_outside_is_refused(shipment: Path) -> None:
    link = shipment / "declarations" / "DECL-9.json"
    link.symlink_to(shipment.parent / "secret.json")
    error = _shipment_error(shipment)
    assert error.file == str(link)
    assert "outside the folder" in error.message


def test_a_relative_link_climbing_out_is_refused(shipment: Path) -> None:
    link = shipment / "declarations" / "DECL-9.json"
    link.symlink_to(Path("..", "..", "secret.json"))
    assert _shipment_error(shipment).file == str(link)


def test_the_declarations_folder_itself_linking_outside_is_refused(shipment: Path) -> None:
    outside = shipment.parent / "elsewhere"
    shutil.move(shipment / "declarations", outside)
    (shipment / "declarations").symlink_to(outside)
    error = _shipment_error(shipment)
    assert error.file == str(shipment / "declarations")
    assert "outside" in error.message


def test_a_link_staying_inside_the_shipment_is_read(shipment: Path) -> None:
    (shipment / "declarations" / "COPY.json").symlink_to(Path("DECL-2026-030.json"))
    loaded = load_path(shipment)
    assert loaded.declarations is not None
    assert len(loaded.declarations.named("COPY")) == 1


def test_a_link_loop_in_the_declarations_folder_is_refused(shipment: Path) -> None:
    (shipment / "declarations" / "LOOP.json").symlink_to("LOOP.json")
    error = _shipment_error(shipment)
    assert "loop" in error.message


def test_a_fifo_in_place_of_the_register_is_refused_unopened(shipment: Path) -> None:
    (shipment / "declarations.csv").unlink()
    os.mkfifo(shipment / "declarations.csv")
    error = _shipment_error(shipment)
    assert "FIFO" in error.message


def test_a_bad_register_in_a_shipment_names_the_file_row_and_field(shipment: Path) -> None:
    path = shipment / "declarations.csv"
    path.write_text(path.read_text().replace("2025-12-10", "2025-12-32"))
    error = _shipment_error(shipment)
    assert (error.file, error.location, error.field) == (str(path), "row 2", "signed_on")


def test_a_stray_table_in_the_shipment_declarations_folder(shipment: Path) -> None:
    (shipment / "declarations" / "notes.csv").write_text("a,b\n")
    error = _shipment_error(shipment)
    assert error.file == str(shipment / "declarations" / "notes.csv")
    assert "must be named declarations.csv" in error.message


def test_two_declarations_folders_differing_in_case_are_refused(shipment: Path) -> None:
    other = shipment / "Declarations"
    other.mkdir()
    (other / "DECL-2026-031.json").write_text(json.dumps(CERTIFICATE_JSON), encoding="utf-8")
    error = _shipment_error(shipment)
    assert "declarations" in error.message


def test_an_empty_declarations_folder_beside_a_register_is_fine(shipment: Path) -> None:
    shutil.rmtree(shipment / "declarations")
    (shipment / "declarations").mkdir()
    loaded = load_path(shipment)
    assert loaded.declarations is not None
    assert len(loaded.declarations.declarations) == 4


# --------------------------------------------------------------------- finding by identifier


def test_rows_sharing_an_id_are_all_found_case_and_spaces_ignored() -> None:
    rows = [
        BLANKET.replace("DECL-1", "DECL 7"),
        SINGLE.replace("DECL-2", "decl   7"),
        BLANKET.replace("DECL-1", "Decl 7").replace("BASE-5S; BASE-5N", "OTHER"),
        SINGLE.replace("DECL-2", "DECL 8"),
    ]
    register = Register.of(read(table(*rows)), [])
    found = register.named("  dEcL 7 ")
    assert [d.location for d in found] == ["row 2", "row 3", "row 4"]
    assert register.named("DECL\t7") == found
    assert register.named("DECL7") == []
    assert [d.location for d in register.named("decl 8")] == ["row 5"]


def test_merged_registers_keep_both_and_their_files() -> None:
    first = Register.of(read(table(BLANKET)), [("a.csv", "0" * 64)])
    second = Register.of(read(table(SINGLE)), [("b.csv", "1" * 64)])
    merged = first.merged(second)
    assert [d.declaration_id for d in merged.declarations] == ["DECL-1", "DECL-2"]
    assert [path for path, _ in merged.files] == ["a.csv", "b.csv"]
    assert merged.named("decl-2") and merged.named("DECL-1")
    assert first.merged(None) is first
    assert first.merged(Register.of([], [("c.csv", "2" * 64)])) is first


# ---------------------------------------------------------------------------- the command line


def run_cli(*args: str, cwd: Path) -> tuple[int, str, str]:
    """``roo_check.cli.main`` in-process as the installed script runs it (the top-level guard
    maps errors to exit 2), its streams captured by click's test runner."""
    code: int | str | None = 0
    with contextlib.chdir(cwd), CliRunner().isolation() as (out, err, _):
        try:
            main(list(args))
        except SystemExit as exc:
            code = exc.code
    if not isinstance(code, int):
        code = 0 if code is None else 1
    return code, out.getvalue().decode(), err.getvalue().decode()


@pytest.fixture
def plain_shipment(tmp_path: Path) -> Iterator[Path]:
    """Sample 40 without its own register: the batch's --declarations is the only one."""
    folder = Path(shutil.copytree(SAMPLE, tmp_path / "ship"))
    (folder / "declarations.csv").unlink()
    shutil.rmtree(folder / "declarations")
    yield folder


def test_a_bad_register_given_on_the_command_line_exits_2_with_one_line(
    plain_shipment: Path, tmp_path: Path
) -> None:
    register = tmp_path / "declarations.csv"
    register.write_bytes(table(BLANKET, SINGLE.replace("single_shipment", "weekly")))
    code, out, err = run_cli(
        "check", "ship", "--declarations", "declarations.csv", "-q", cwd=tmp_path
    )
    assert code == 2, (out, err)
    assert "Traceback" not in out + err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert lines[0].startswith("error: declarations.csv:row 3 [scope]: ")
    assert "'weekly'" in lines[0]


def test_a_bad_certification_in_a_folder_given_exits_2(
    plain_shipment: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "register"
    folder.mkdir()
    (folder / "DECL-1.json").write_text('{"certifier_role": "producer"', encoding="utf-8")
    code, out, err = run_cli("check", "ship", "--declarations", "register", cwd=tmp_path)
    assert code == 2
    assert "Traceback" not in out + err
    [line] = [line for line in err.splitlines() if line.strip()]
    assert line.startswith("error: register/DECL-1.json")


def test_an_empty_folder_given_exits_2(plain_shipment: Path, tmp_path: Path) -> None:
    (tmp_path / "register").mkdir()
    code, _out, err = run_cli("check", "ship", "--declarations", "register", cwd=tmp_path)
    assert code == 2
    assert err.strip() == (
        "error: register: holds no declarations: give declarations.csv or .xlsx, or "
        "certification files (.xml, .json)"
    )


def test_a_good_register_given_checks_the_claims(plain_shipment: Path, tmp_path: Path) -> None:
    shutil.copyfile(SAMPLE / "declarations.csv", tmp_path / "declarations.csv")
    code, out, err = run_cli(
        "check", "ship", "--declarations", "declarations.csv", "-f", "json", cwd=tmp_path
    )
    assert code == 1, err  # the sample's register leaves claims unsupported (flags)
    report = json.loads(out)
    [input_record] = report["declarations"]
    assert input_record["path"].endswith("declarations.csv")
    statuses = {
        claim["part_number"]: claim["status"]
        for shipment in report["shipments"]
        for determination in shipment["determinations"]
        for claim in determination["evidence"]
    }
    assert statuses["BASE-5S"] == "supported"
    assert statuses["FOAM-SEAT"] == "unsupported"  # expired in 2025
    assert statuses["MECH-TILT"] == "unsupported"  # its certification is not given here
