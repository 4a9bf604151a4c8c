"""Hostile workbooks: goods.xlsx and bom.xlsx in a folder, and a single workbook with sheets
goods and bom. Cells (formulas, dates, absurd numbers), then the archive itself (macros, zip
bombs, DTDs and external entities in its XML parts, damage).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tests.hostile.build import (
    SECRET,
    Case,
    Op,
    case,
    err,
    remove,
    sample,
    truncate,
    write,
    xlsx,
    zip_lie,
    zip_op,
)

MiB = 1024 * 1024
FORGED = r"(?m)^error: FORGED"


@dataclass(frozen=True)
class XlsxSpec:
    """A workbook role: how its file is built from sample 01, and where its cells are."""

    role: str
    file: str
    argv: tuple[str, ...]
    sheets: tuple[tuple[str, str], ...]
    """(sheet title, CSV it is made from), in order."""
    setup: tuple[Op, ...]
    cleanup: tuple[Op, ...]
    sheet: str
    """The sheet the cell cases edit."""
    prefix: str
    """How a location in that sheet starts: ``row`` or ``sheet 'goods' row``."""
    number: tuple[str, str]
    """(cell, field) of a number."""
    required: tuple[str, str]
    """(cell, field) of a required value."""
    hs: tuple[str, str, int]
    """(cell, field, row) of an HS code of 8482.10 or 8501.52."""
    date: tuple[str, str] | None = None

    def loc(self, row: int) -> str:
        return f"{self.prefix} {row}"

    def ops(
        self, cells: Sequence[dict[str, Any]] = (), before: Sequence[list[Any]] = ()
    ) -> list[Op]:
        sheets = []
        for title, csv_path in self.sheets:
            sheet: dict[str, Any] = {"title": title, "csv": csv_path}
            if before and title == self.sheet:
                sheet["before"] = list(before)
            sheets.append(sheet)
        return [*self.setup, xlsx(self.file, sheets, list(cells)), *self.cleanup]


GOODS_X = XlsxSpec(
    role="goods-xlsx",
    file="ship/goods.xlsx",
    argv=("check", "ship"),
    sheets=(("goods", "ship/goods.csv"),),
    setup=(sample("01-motor-tariff-shift", "ship"),),
    cleanup=(remove("ship/goods.csv"),),
    sheet="goods",
    prefix="row",
    number=("H2", "transaction_value"),
    required=("G2", "currency"),
    hs=("C2", "hs_code", 2),
    date=("L2", "shipment_date"),
)
BOM_X = XlsxSpec(
    role="bom-xlsx",
    file="ship/bom.xlsx",
    argv=("check", "ship"),
    sheets=(("bom", "ship/bom.csv"),),
    setup=(sample("01-motor-tariff-shift", "ship"),),
    cleanup=(remove("ship/bom.csv"),),
    sheet="bom",
    prefix="row",
    number=("J2", "extended_value"),
    required=("G2", "quantity"),
    hs=("E4", "hs_code", 4),
)
WORKBOOK = XlsxSpec(
    role="workbook",
    file="motor.xlsx",
    argv=("check", "motor.xlsx"),
    sheets=(("goods", "src/goods.csv"), ("bom", "src/bom.csv")),
    setup=(sample("01-motor-tariff-shift", "src"),),
    cleanup=(remove("src"),),
    sheet="goods",
    prefix="sheet 'goods' row",
    number=("H2", "transaction_value"),
    required=("G2", "currency"),
    hs=("C2", "hs_code", 2),
    date=("L2", "shipment_date"),
)
XLSX_SPECS = (GOODS_X, BOM_X, WORKBOOK)


def _xcase(
    spec: XlsxSpec,
    variant: str,
    klass: str,
    description: str,
    *,
    cells: Sequence[dict[str, Any]] = (),
    then: Sequence[Op] = (),
    before: Sequence[list[Any]] = (),
    **expect: Any,
) -> Case:
    build = [*spec.ops(cells, before), *then]
    expect.setdefault("exit", 2)
    return case(spec.role, variant, klass, description, build, list(spec.argv), **expect)


def _cell(spec: XlsxSpec, ref: str, value: Any) -> dict[str, Any]:
    return {"sheet": spec.sheet, "ref": ref, "value": value}


def cell_cases(spec: XlsxSpec) -> list[Case]:
    """What a cell can hold that a CSV field cannot: formulas, dates, floats, booleans."""
    f, (num_ref, num_field), (req_ref, req_field) = spec.file, spec.number, spec.required
    at2 = spec.loc(2)
    cases = [
        _xcase(spec, "control-valid", "control", "sample 01 as a workbook: read as the CSV is",
               exit=0),
        _xcase(spec, "formula-no-cached-value", "formula-cell",
               f"{req_field} a formula saved without its computed value",
               cells=[_cell(spec, req_ref, {"formula": '="USD"'})], stderr=err(f, at2, req_field)),
        _xcase(spec, "formula-division-by-zero", "formula-cell", f"{num_field} =1/0",
               cells=[_cell(spec, num_ref, {"formula": "=1/0"}), _cell(spec, req_ref, {"formula": "=1/0"})],
               stderr=err(f, at2, f"({num_field}|{req_field})")),
        _xcase(spec, "number-cell-1e300", "absurd-number", f"{num_field} a number cell 1E+300",
               cells=[_cell(spec, num_ref, {"number": "1E+300"})], stderr=err(f, at2, num_field)),
        _xcase(spec, "number-cell-1e-300", "absurd-number", f"{num_field} a number cell 1E-300",
               cells=[_cell(spec, num_ref, {"number": "1E-300"})], stderr=err(f, at2, num_field)),
        _xcase(spec, "number-text-1e999999", "absurd-number", f"{num_field} the text '1e999999'",
               cells=[_cell(spec, num_ref, "1e999999")], stderr=err(f, at2, num_field)),
        _xcase(spec, "number-text-nan", "nan-infinity", f"{num_field} the text 'NaN'",
               cells=[_cell(spec, num_ref, "NaN")], stderr=err(f, at2, num_field)),
        _xcase(spec, "date-in-number-cell", "wrong-cell-type", f"{num_field} a date cell",
               cells=[_cell(spec, num_ref, {"date": "2026-10-12"})], stderr=err(f, at2, num_field)),
        _xcase(spec, "bool-in-number-cell", "wrong-cell-type", f"{req_field} a TRUE cell",
               cells=[_cell(spec, num_ref, {"bool": 1})], stderr=err(f, at2, num_field)),
        _xcase(spec, "long-text-cell", "long-field", "a 40,000-character text cell",
               cells=[_cell(spec, "D2" if spec is BOM_X else "B2", {"repeat": ["L", 40_000]})],
               stderr=err(f, at2)),
        _xcase(spec, "newline-forged-cell", "forged-line",
               "a code cell holding CR, LF, a tab and a fake 'error:' line",
               cells=[_cell(spec, spec.hs[0], "85\r\nerror: FORGED line\t01.52")],
               stderr=err(f, spec.loc(spec.hs[2]), spec.hs[1]), forbid=(FORGED,)),
        _xcase(spec, "escape-char-reference", "control-chars",
               "an ESC character reference (&#x1b;, not allowed in XML 1.0) in a cell",
               cells=[_cell(spec, spec.hs[0], "85@ESC@01.52")],
               then=[zip_op(f, base=f, patch=[{"name": "xl/worksheets/sheet1.xml",
                                               "old": "@ESC@", "new": "&#x1b;[2J"}])],
               stderr=err(f)),
        _xcase(spec, "stray-cell-last-row", "huge-dimension",
               "one value in row 1,048,576 (the sheet's dimension is the whole grid)",
               cells=[_cell(spec, "A1048576", "stray")], stderr=err(f, spec.loc(1048576)),
               timeout=30.0),
        _xcase(spec, "stray-cell-last-column", "huge-dimension",
               "a header cell in column XFD (16,384), empty columns between",
               cells=[_cell(spec, "XFD1", "stray")], stderr=err(f, spec.loc(1))),
    ]  # fmt: skip
    if spec.date:
        ref, field = spec.date
        cases += [
            _xcase(spec, "date-cell-9999", "far-date", f"{field} a date cell 9999-12-31",
                   cells=[_cell(spec, ref, {"date": "9999-12-31"})], stderr=err(f, at2, field)),
            _xcase(spec, "date-cell-1900", "far-date", f"{field} a date cell 1899-12-31",
                   cells=[_cell(spec, ref, {"date": "1899-12-31"})], stderr=err(f, at2, field)),
            _xcase(spec, "date-text-impossible", "impossible-date", f"{field} the text 2026-02-30",
                   cells=[_cell(spec, ref, "2026-02-30")], stderr=err(f, at2, field)),
        ]  # fmt: skip
    ref, field, row = spec.hs
    if spec is BOM_X:
        cases.append(
            _xcase(spec, "hs-number-cell-lost-zero", "hs-number-cell",
                   "8482.10 typed as the number 8482.1 (documented: format HS codes as text)",
                   cells=[_cell(spec, ref, {"number": "8482.1"})], stderr=err(f, spec.loc(row), field))
        )  # fmt: skip
    else:
        cases.append(
            _xcase(spec, "hs-number-cell", "hs-number-cell", "8501.52 typed as a number cell",
                   cells=[_cell(spec, ref, {"number": "8501.52"})], exit=0,
                   accepted_because="documented: a number cell is read as the text it shows")
        )  # fmt: skip
    return cases


def _bomb_members(total: int) -> list[dict[str, Any]]:
    return [{"name": "xl/media/image1.bin", "zeros": total}]


DTD = '<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">]><worksheet'
LAUGHS = (
    '<!DOCTYPE worksheet [<!ENTITY l0 "lol">'
    + "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    + "]><worksheet"
)
XXE = f'<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file://{SECRET}">]><worksheet'


def archive_cases(spec: XlsxSpec) -> list[Case]:
    """The zip archive and its XML parts."""
    f = spec.file
    sheet = "xl/worksheets/sheet1.xml"
    content_types = "[Content_Types].xml"
    main = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
    macro_main = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
    return [
        _xcase(spec, "truncated-archive", "truncated", "the workbook cut 2,000 bytes short",
               then=[truncate(f, -2000)], stderr=err(f)),
        _xcase(spec, "first-half-only", "truncated", "the first 1,000 bytes of the workbook",
               then=[truncate(f, 1000)], stderr=err(f)),
        _xcase(spec, "not-a-zip", "wrong-format", "a CSV text renamed .xlsx",
               then=[write(f, "part_number,description\nEM-750,motor\n")], stderr=err(f)),
        _xcase(spec, "empty-file", "empty-file", "a zero-byte .xlsx", then=[write(f, "")],
               stderr=err(f)),
        _xcase(spec, "macro-vba-project", "macro-workbook", "a vbaProject.bin part added",
               then=[zip_op(f, base=f, add=[{"name": "xl/vbaProject.bin", "text": "Attribute VB_Name"}])],
               stderr=err(f, text="macro")),
        _xcase(spec, "xlsm-renamed-xlsx", "macro-workbook",
               "a macro-enabled workbook (.xlsm content type and VBA part) named .xlsx",
               then=[zip_op(f, base=f, patch=[{"name": content_types, "old": main, "new": macro_main}],
                            add=[{"name": "xl/vbaProject.bin", "text": "Attribute VB_Name"}])],
               stderr=err(f, text="macro")),
        _xcase(spec, "zip-bomb-210mib", "zip-bomb", "a part of 210 MiB of zeros (limit 200 MiB)",
               then=[zip_op(f, base=f, add=_bomb_members(210 * MiB))], stderr=err(f), timeout=30.0),
        _xcase(spec, "zip-bomb-lying-sizes", "zip-bomb",
               "a 64 MiB part whose headers declare 1,000 bytes",
               then=[zip_op(f, base=f, add=_bomb_members(64 * MiB)), zip_lie(f, 1000)],
               stderr=err(f), timeout=30.0),
        _xcase(spec, "parts-10001", "zip-bomb", "10,001 parts (limit 10,000)",
               then=[zip_op(f, base=f, add=[{"name": "xl/media/p@I@.bin", "count": 10_001, "text": "x"}])],
               stderr=err(f, text="10,000")),
        _xcase(spec, "doctype-in-sheet", "xml-doctype", "a DOCTYPE with an entity in the sheet XML",
               then=[zip_op(f, base=f, patch=[{"name": sheet, "old": "<worksheet", "new": DTD}])],
               stderr=err(f, text="DTD|entit")),
        _xcase(spec, "billion-laughs-in-sheet", "xml-bomb", "nested entities (billion laughs) in the sheet",
               then=[zip_op(f, base=f, patch=[
                   {"name": sheet, "old": "<worksheet", "new": LAUGHS},
                   {"name": sheet, "old": "<t>", "new": "<t>&l9;"}])],
               stderr=err(f, text="DTD|entit")),
        _xcase(spec, "external-entity-secret", "xml-external-entity",
               "an external entity reading the secret file into a cell",
               then=[zip_op(f, base=f, patch=[
                   {"name": sheet, "old": "<worksheet", "new": XXE},
                   {"name": sheet, "old": "<t>", "new": "<t>&xxe;"}])],
               stderr=err(f, text="DTD|entit")),
    ]  # fmt: skip


def workbook_only_cases() -> list[Case]:
    """Sheets of a single workbook: missing, doubled, with '# key: value' rows."""
    spec = WORKBOOK
    only_goods = [
        *spec.setup,
        xlsx(spec.file, [{"title": "goods", "csv": "src/goods.csv"}]),
        *spec.cleanup,
    ]
    return [
        case("workbook", "missing-bom-sheet", "missing-sheet", "a workbook without sheet 'bom'",
             only_goods, list(spec.argv), exit=2, stderr=err(spec.file, text="bom")),
        _xcase(spec, "preamble-row", "preamble-in-table", "a '# key: value' row above the goods header",
               before=[["# part_number: EM-750"]], stderr=err(spec.file, "sheet 'goods' row 1")),
    ]  # fmt: skip


def xlsx_cases() -> list[Case]:
    cases: list[Case] = []
    for spec in XLSX_SPECS:
        cases += cell_cases(spec) + archive_cases(spec)
    return cases + workbook_only_cases()
