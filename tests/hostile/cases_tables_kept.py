"""Tables as a desk keeps them (issue 15): a title, notes and blank rows above the header,
total and subtotal rows under the data, a header that is missing or in other words, and
many rows wrong for one cause. Each is read as the clean table is, or refused in one line
that says what is wrong (and prints no forged line)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tests.hostile.build import (
    Base,
    Case,
    Op,
    accepted,
    append,
    err,
    lines,
    on_base,
    remove,
    sample,
    sub,
    xlsx,
)
from tests.hostile.ops import SAMPLES

MOTOR = "01-motor-tariff-shift"
FORGED = r"(?m)^error: FORGED"
NO_HEADER = "no header row found"

BOM_HEADER = (SAMPLES / MOTOR / "bom.csv").read_text(encoding="utf-8").splitlines()[0]
GOODS_HEADER = (SAMPLES / MOTOR / "goods.csv").read_text(encoding="utf-8").splitlines()[0]
GEARBOX_HEADER = (SAMPLES / "gearbox-6at.bom.csv").read_text(encoding="utf-8").splitlines()[10]
SPANISH = (
    "parte_del_bien,numero_de_parte,padre,descripcion,fraccion,tipo,cantidad,unidad,"
    "valor_unitario,valor_total,moneda,pais_de_origen,origen,evidencia,proveedor"
)
TITLE = "Bill of materials - Plant 3\n\nNotes: prices in USD, as of March\n"
BAD_LINE = "EM-750,P-@I@,,Bearing,84B2.10,,1,pcs,1.00,1.00,USD,JP,non-originating,,NSK\n"

FOLDER = (sample(MOTOR, "ship"),)
SHIP = ("check", "ship")
BOM = Base("bom-csv", FOLDER, SHIP, "ship/bom.csv", 0)
GOODS = Base("goods-csv", FOLDER, SHIP, "ship/goods.csv", 0)
SINGLE = Base(
    "single-bom-csv",
    (sample("gearbox-6at.bom.csv", "gearbox.bom.csv"),),
    ("check", "gearbox.bom.csv"),
    "gearbox.bom.csv",
    0,
)
INVENTORY = Base(
    "inventory-csv", (sample("35-fungible-copper", "ship"),), SHIP, "ship/inventory.csv", 1
)

SKIPPED = "documented: title and note rows above the header are skipped"
TOTALS = "documented: a total row under the data (label first, key column empty) is skipped"


def csv_cases() -> list[Case]:
    f = BOM.file
    return [
        accepted(BOM, "kept-title-and-notes", "title-row",
                 "a title, a blank line and a note above the header", SKIPPED,
                 sub(f, BOM_HEADER, TITLE + BOM_HEADER)),
        accepted(BOM, "kept-notes-29-rows", "title-row", "29 note lines above the header",
                 SKIPPED, sub(f, BOM_HEADER, BOM_HEADER, before=("note @I@\n", 29))),
        accepted(BOM, "kept-title-other-delimiter", "title-row",
                 "a title holding commas above a header delimited by semicolons", SKIPPED,
                 sub(f, BOM_HEADER, "Plant 3, line 2, March\n" + BOM_HEADER.replace(",", ";")),
                 *_semicolons(f)),
        accepted(BOM, "kept-blank-lines", "blank-rows",
                 "blank lines before the header, between rows and at the end",
                 "documented: wholly empty rows are skipped",
                 sub(f, BOM_HEADER, "\n \n" + BOM_HEADER + "\n"), append(f, "\n,,,\n\n")),
        accepted(BOM, "kept-total-row", "total-row", "TOTAL: and the sum under the data",
                 TOTALS, append(f, ",,,TOTAL:,,,,,,831.50,USD,,,,\n")),
        accepted(BOM, "kept-grand-total-spanish", "total-row",
                 "a 'Suma' subtotal between rows and a 'Grand total' at the end", TOTALS,
                 sub(f, "\nEM-750,HSG-AL", "\n,,,Suma,,,,,,613.00\nEM-750,HSG-AL"),
                 append(f, "Grand total,,,,,,,,,831.50,USD\n")),
        accepted(BOM, "kept-total-in-key-column", "total-row",
                 "TOTAL in the part_number column, only sums beside it",
                 "documented: a total label in the key column with only sums beside it is skipped",
                 append(f, ",TOTAL,,,,,,,,831.50,USD,,,,\n")),
        on_base(BOM, "kept-total-with-text", "total-row",
                "TOTAL in part_number with a description beside it: a material, one line",
                append(f, ",TOTAL,,All materials,,,,,,831.50,USD,,,,\n"),
                stderr=err(f, "row 9", text=r"a value is required in .*a total row\?")),
        on_base(BOM, "kept-note-below-table", "note-row",
                "a note under the data in the first column: one line",
                append(f, "Prepared by J. Smith\n"),
                stderr=err(f, "row 9", "part_number", text="a note below the table")),
        on_base(BOM, "kept-no-header-title-then-data", "no-header",
                "the header replaced by a title", sub(f, BOM_HEADER, "Bill of materials"),
                stderr=err(f, "row 1", text=NO_HEADER + ".*good_part_number, part_number")),
        on_base(BOM, "kept-no-header-data-only", "no-header", "the header removed",
                sub(f, BOM_HEADER + "\n", ""), stderr=err(f, "row 1", text=NO_HEADER)),
        on_base(BOM, "kept-no-header-spanish", "no-header", "the header in Spanish",
                sub(f, BOM_HEADER, SPANISH), stderr=err(f, "row 1", text=NO_HEADER)),
        on_base(BOM, "kept-notes-31-rows", "no-header",
                "31 note lines above the header (the header is looked for in 30)",
                sub(f, BOM_HEADER, BOM_HEADER, before=("note @I@\n", 31)),
                stderr=err(f, "row 1", text=NO_HEADER)),
        on_base(BOM, "kept-no-header-forged-title", "forged-line",
                "the header replaced by a title holding a newline and a fake 'error:' line",
                sub(f, BOM_HEADER, '"Plant 3\nerror: FORGED line from a title"'),
                stderr=err(f, "row 1", text=NO_HEADER), forbid=(FORGED,)),
        on_base(BOM, "kept-100-bad-rows", "repeated-errors",
                "100 rows with one bad HS code each: one summary line",
                lines(f, BAD_LINE, 100, head=BOM_HEADER + "\n"),
                stderr=err(f, "rows 2-101", "hs_code", text=r"\(100 rows\)$")),
        accepted(GOODS, "kept-title-above-header", "title-row", "a title above the goods header",
                 SKIPPED, sub(GOODS.file, GOODS_HEADER, "Goods shipped in October\n" + GOODS_HEADER)),
        on_base(GOODS, "kept-no-header", "no-header", "the goods header removed",
                sub(GOODS.file, GOODS_HEADER + "\n", ""),
                stderr=err(GOODS.file, "row 1", text=NO_HEADER + ".*part_number, description")),
        accepted(SINGLE, "kept-title-after-preamble", "title-row",
                 "a title line between the '# key: value' lines and the header", SKIPPED,
                 sub(SINGLE.file, GEARBOX_HEADER, "Bill of materials\n" + GEARBOX_HEADER)),
        accepted(SINGLE, "kept-total-row", "total-row",
                 "TOTAL in the first column (part_number) and the sum", TOTALS,
                 append(SINGLE.file, "TOTAL,,,,,,,1280.00,USD,,,,\n")),
        accepted(INVENTORY, "kept-total-row", "total-row",
                 "a Total row under the stock records", TOTALS,
                 append(INVENTORY.file, ",,Total,9100\n")),
    ]  # fmt: skip


def _semicolons(path: str) -> list[Op]:
    """The data lines of sample 01's BOM with semicolons (no cell holds one; the quoted
    descriptions hold commas, kept inside their quotes)."""
    text = (SAMPLES / MOTOR / "bom.csv").read_text(encoding="utf-8").splitlines()[1:]
    return [sub(path, line, _to_semicolons(line)) for line in text]


def _to_semicolons(line: str) -> str:
    out: list[str] = []
    quoted = False
    for char in line:
        if char == '"':
            quoted = not quoted
        out.append(";" if char == "," and not quoted else char)
    return "".join(out)


BOM_X = "ship/bom.xlsx"
TO_XLSX = (remove("ship/bom.csv"),)


def _bom_xlsx(before: Sequence[list[Any]] = (), rows: Sequence[list[Any]] = ()) -> list[Op]:
    sheet = {"title": "bom", "csv": "ship/bom.csv", "before": list(before), "rows": list(rows)}
    return [xlsx(BOM_X, [sheet]), *TO_XLSX]


XBOM = Base("bom-xlsx", FOLDER, SHIP, BOM_X, 0)


def xlsx_cases() -> list[Case]:
    total = [None] * 9 + ["TOTAL", {"number": "831.5"}]
    return [
        accepted(XBOM, "kept-title-and-notes", "title-row",
                 "a title in A1, a blank row and notes above the header", SKIPPED,
                 *_bom_xlsx(before=[["Bill of materials - Plant 3"], [], ["Prepared by", "J. Smith"]])),
        accepted(XBOM, "kept-total-row", "total-row", "TOTAL and a number cell under the data",
                 TOTALS, *_bom_xlsx(rows=[[], total])),
        on_base(XBOM, "kept-no-header-spanish", "no-header",
                "a title and a header in Spanish", sub("ship/bom.csv", BOM_HEADER, SPANISH),
                *_bom_xlsx(before=[["Lista de materiales"]]),
                stderr=err(BOM_X, "row 1", text=NO_HEADER)),
        accepted(Base("workbook", (sample(MOTOR, "src"),), ("check", "motor.xlsx"), "motor.xlsx", 0),
                 "kept-titles-on-both-sheets", "title-row",
                 "a title row above the header of sheets goods and bom", SKIPPED,
                 xlsx("motor.xlsx", [
                     {"title": "goods", "csv": "src/goods.csv", "before": [["Goods"], []]},
                     {"title": "bom", "csv": "src/bom.csv", "before": [["Bill of materials"]]},
                 ]), remove("src")),
    ]  # fmt: skip


def kept_cases() -> list[Case]:
    return csv_cases() + xlsx_cases()
