"""Hostile CSV tables: goods.csv, bom.csv, inventory.csv, suppliers/*.csv and the
single-file BOM, each damaged in the same classes (bytes, structure, numbers, dates, enums,
HS codes), so that every table reader meets every class.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tests.hostile.build import (
    Base,
    Case,
    Op,
    accepted,
    append,
    err,
    extend,
    lines,
    on_base,
    recode,
    sample,
    sub,
    sub_bytes,
    truncate,
    write,
    write_hex,
)
from tests.hostile.ops import SAMPLES

MiB = 1024 * 1024
FORGED = r"(?m)^error: FORGED"
"""A line a hostile value tries to forge on standard error; it must never start a line."""


@dataclass(frozen=True)
class Cell:
    """One cell of a sample table, found by unique text around it: ``old`` is replaced by
    ``template`` with ``@V@`` the new value."""

    old: str
    template: str
    field: str
    row: int

    def set(self, path: str, value: str) -> Op:
        if self.old.startswith("#"):  # a '# key: value' line is raw text: no CSV quoting
            value = value.strip('"')
        return sub(path, self.old, self.template.replace("@V@", value))


@dataclass(frozen=True)
class TableSpec:
    """A sample table and the cells its cases damage."""

    base: Base
    source: str
    """The sample file the role's file is a copy of (to compute rows and byte offsets)."""
    header_row: int
    number: Cell
    """A number cell that takes the number classes."""
    positive: Cell
    """A number cell that must be more than zero."""
    coded: Cell
    """A validated code cell (an HS code or an enum) for injected control characters."""
    text_marker: str
    """Unique free text in a data row, where bytes are injected."""
    rename: tuple[str, str]
    """An optional column and a misspelling of it."""
    required: str
    """A required column."""
    duplicate: tuple[str, str]
    """An optional column renamed to the name of another column."""
    empty_error: str
    """The error expected when the table has a header and no rows."""
    dates: tuple[Cell, ...] = ()
    enums: tuple[tuple[Cell, str], ...] = ()
    hs_cells: tuple[Cell, ...] = ()
    thousands: str | None = None
    """The number cell's value written with a thousands separator (accepted), if it has one."""
    huge: bool = False
    """Whether to build the 100,001-row and 20,000-column tables for this role."""
    extra: tuple[Case, ...] = field(default=())

    @property
    def file(self) -> str:
        return self.base.file

    def text(self) -> str:
        return (SAMPLES / self.source).read_text(encoding="utf-8")

    def header_line(self) -> str:
        return self.text().splitlines()[self.header_row - 1]

    def last_line(self) -> str:
        return self.text().splitlines()[-1]

    def last_row(self) -> int:
        return len(self.text().splitlines())


# --------------------------------------------------------------------------------- bases

FOLDER = (sample("01-motor-tariff-shift", "ship"),)
SHIP = ("check", "ship")

GOODS = Base("goods-csv", FOLDER, SHIP, "ship/goods.csv", 0)
BOM = Base("bom-csv", FOLDER, SHIP, "ship/bom.csv", 0)
INVENTORY = Base(
    "inventory-csv", (sample("35-fungible-copper", "ship"),), SHIP, "ship/inventory.csv", 1
)
SUPPLIER_FILE = "ship/suppliers/anillos-del-bajio-ring-6204.csv"
SUPPLIERS = Base(
    "suppliers-csv", (sample("32-accumulation-bearings", "ship"),), SHIP, SUPPLIER_FILE, 1
)
SINGLE = Base(
    "single-bom-csv",
    (sample("gearbox-6at.bom.csv", "gearbox.bom.csv"),),
    ("check", "gearbox.bom.csv"),
    "gearbox.bom.csv",
    0,
)

SPECS = (
    TableSpec(
        GOODS,
        "01-motor-tariff-shift/goods.csv",
        header_row=1,
        number=Cell(",1850.00,1640.00,", ",@V@,1640.00,", "transaction_value", 2),
        positive=Cell(",1850.00,1640.00,", ",@V@,1640.00,", "transaction_value", 2),
        coded=Cell(",8501.52,,", ",@V@,,", "hs_code", 2),
        text_marker="Three-phase AC induction motor",
        rename=("total_cost", "totl_cost"),
        required="hs_code",
        duplicate=("total_cost", "net_cost"),
        empty_error=err("ship/goods.csv"),
        dates=(Cell(",2026-10-12\n", ",@V@\n", "shipment_date", 2),),
        enums=(
            (Cell(",MX,USD,", ",@V@,USD,", "country_of_production", 2), "ZZ"),
            (Cell(",MX,USD,", ",MX,@V@,", "currency", 2), "USX"),
        ),
        hs_cells=(Cell(",8501.52,,", ",@V@,,", "hs_code", 2),),
        thousands='"1,850.00"',
        huge=True,
    ),
    TableSpec(
        BOM,
        "01-motor-tariff-shift/bom.csv",
        header_row=1,
        number=Cell(",kg,,310.00,", ",kg,,@V@,", "extended_value", 2),
        positive=Cell(",18.5,kg,", ",@V@,kg,", "quantity", 2),
        coded=Cell(",7226.19,", ",@V@,", "hs_code", 2),
        text_marker="Silicon electrical steel laminations",
        rename=("supplier", "suplier"),
        required="hs_code",
        duplicate=("supplier", "description"),
        empty_error=err("ship/goods.csv", "row 2", "part_number"),
        enums=(
            (Cell(",CN,non-originating,,Baosteel", ",CN,@V@,,Baosteel", "origin_status", 2), "maybe"),
            (Cell(",USD,CN,non-originating,,Baosteel", ",@V@,CN,non-originating,,Baosteel", "currency", 2), "US$"),
            (Cell(",USD,CN,non-originating,,Baosteel", ",USD,@V@,non-originating,,Baosteel", "country_of_origin", 2), "XX"),
        ),
        hs_cells=(Cell(",7226.19,", ",@V@,", "hs_code", 2),),
        huge=True,
    ),
    TableSpec(
        INVENTORY,
        "35-fungible-copper/inventory.csv",
        header_row=4,
        number=Cell(",opening,2000,", ",opening,@V@,", "quantity", 5),
        positive=Cell(",opening,2000,", ",opening,@V@,", "quantity", 5),
        coded=Cell(",opening,", ",@V@,", "movement", 5),
        text_marker="Receipt R-2512-07",
        rename=("reference", "referense"),
        required="movement",
        duplicate=("reference", "date"),
        empty_error=err("ship/inventory.csv", "row 4"),
        dates=(
            Cell("CU-ROD-8,2025-12-12,", "CU-ROD-8,@V@,", "date", 5),
            Cell("# fiscal_year_start: 2026-01-01", "# fiscal_year_start: @V@", "fiscal_year_start", 2),
        ),
        enums=(
            (Cell("# method: fifo", "# method: @V@", "method", 1), "magic"),
            (Cell(",9.10,originating,", ",9.10,@V@,", "origin_status", 5), "maybe"),
            (Cell("# currency: USD", "# currency: @V@", "currency", 3), "USX"),
        ),
        thousands='"2,000"',
    ),
    TableSpec(
        SUPPLIERS,
        "32-accumulation-bearings/suppliers/anillos-del-bajio-ring-6204.csv",
        header_row=7,
        number=Cell(",8482.99.05,1,set,0.75,0.75,", ",8482.99.05,1,set,@V@,0.75,", "unit_value", 8),
        positive=Cell(",8482.99.05,1,set,", ",8482.99.05,@V@,set,", "quantity", 8),
        coded=Cell(",8482.99.05,", ",@V@,", "hs_code", 8),
        text_marker="Unfinished bearing rings",
        rename=("supplier", "suplier"),
        required="hs_code",
        duplicate=("supplier", "description"),
        empty_error=err(SUPPLIER_FILE),
        enums=(
            (Cell(",JP,non-originating,", ",JP,@V@,", "origin_status", 8), "maybe"),
            (Cell("# country_of_production: MX", "# country_of_production: @V@", "country_of_production", 4), "ZZ"),
        ),
        hs_cells=(Cell(",8482.99.05,", ",@V@,", "hs_code", 8),),
    ),
    TableSpec(
        SINGLE,
        "gearbox-6at.bom.csv",
        header_row=11,
        number=Cell("# transaction_value: 1690.00", "# transaction_value: @V@", "transaction_value", 8),
        positive=Cell(",8483.40,1,set,", ",8483.40,@V@,set,", "quantity", 12),
        coded=Cell(",8483.40,", ",@V@,", "hs_code", 12),
        text_marker="Planetary gear sets",
        rename=("supplier", "suplier"),
        required="hs_code",
        duplicate=("supplier", "description"),
        empty_error=err("gearbox.bom.csv"),
        dates=(Cell("# production_date: 2026-11-02", "# production_date: @V@", "production_date", 10),),
        enums=(
            (Cell("# country_of_production: MX", "# country_of_production: @V@", "country_of_production", 6), "ZZ"),
            (Cell("# end_use: passenger_vehicle", "# end_use: @V@", "end_use", 4), "spaceship"),
        ),
        hs_cells=(
            Cell("# hs_code: 8708.40", "# hs_code: @V@", "hs_code", 3),
            Cell(",8483.40,", ",@V@,", "hs_code", 12),
        ),
        thousands="1,690.00",
    ),
)  # fmt: skip


# ------------------------------------------------------------------------- byte classes


def byte_cases(spec: TableSpec) -> list[Case]:
    """Encodings, line endings, NUL and empty files: the file as bytes."""
    f, base = spec.file, spec.base
    text = spec.text()
    row_of_marker = text[: text.index(spec.text_marker)].count("\n") + 1
    header_end = len("\n".join(text.splitlines()[: spec.header_row]).encode()) + 1
    return [
        on_base(base, "empty-file", "empty-file", "a zero-byte file", write(f, ""),
                stderr=err(f)),
        on_base(base, "bom-only", "bom-only", "only the UTF-8 byte-order mark",
                write_hex(f, b"\xef\xbb\xbf"), stderr=err(f)),
        on_base(base, "blank-lines-only", "empty-file", "only blank lines and spaces",
                write(f, "  \n\n\t\n   \n"), stderr=err(f)),
        on_base(base, "header-only", "empty-table", "the header and no data rows",
                truncate(f, header_end), stderr=spec.empty_error),
        on_base(base, "nul-byte", "nul-byte", "a NUL byte inside a data row",
                sub_bytes(f, spec.text_marker, spec.text_marker.encode() + b"\x00"),
                stderr=err(f, f"row {row_of_marker}")),
        on_base(base, "invalid-utf8", "invalid-utf8", "a Latin-1 byte (0xE9) in a data row",
                sub_bytes(f, spec.text_marker, b"Caf\xe9 " + spec.text_marker.encode()),
                stderr=err(f, f"row {row_of_marker}")),
        on_base(base, "utf-16", "utf-16", "the table saved as UTF-16 with its BOM",
                recode(f, encoding="utf-16"), stderr=err(f)),
        on_base(base, "utf-16-le-no-bom", "utf-16", "UTF-16 little-endian without a BOM",
                recode(f, encoding="utf-16-le"), stderr=err(f)),
        accepted(base, "crlf", "crlf", "CRLF line endings",
                 "CSV from Windows ends lines with CRLF; the csv module reads it", recode(f, newline="\r\n")),
        accepted(base, "cr-only", "cr", "bare CR line endings (classic Mac)",
                 "the csv module reads a bare CR as a line end", recode(f, newline="\r")),
        accepted(base, "utf8-bom", "bom-prefix", "UTF-8 with a byte-order mark",
                 "documented: a byte-order mark is fine ('CSV UTF-8' in Excel)",
                 sub(f, text[:12], "\ufeff" + text[:12])),
        on_base(base, "truncated-mid-row", "truncated", "the file cut in the middle of its last row",
                truncate(f, -(len(spec.last_line().encode()) // 2 + 1)),
                stderr=err(f, f"row {spec.last_row()}")),
        on_base(base, "unterminated-quote", "malformed-csv", "a quoted field that never closes",
                append(f, '"OPEN-QUOTE,never closed\n'), stderr=err(f)),
        on_base(base, "oversize-file", "huge-file", "the file grown past 20 MiB (sparse zeros)",
                extend(f, 21 * MiB), stderr=err(f, text="20 MiB|limit")),
    ]  # fmt: skip


# ----------------------------------------------------------------------- structure classes


def structure_cases(spec: TableSpec) -> list[Case]:
    """Columns and rows: unknown, missing, repeated, too many, too long."""
    f, base, header = spec.file, spec.base, spec.header_line()
    last, last_row, hrow = spec.last_line(), spec.last_row(), f"row {spec.header_row}"
    old, typo = spec.rename
    dup_from, dup_to = spec.duplicate
    cells = spec.coded
    return [
        on_base(base, "unknown-column", "unknown-column", f"column {old!r} misspelt {typo!r}",
                sub(f, header, header.replace(old, typo)), stderr=err(f, hrow, typo)),
        on_base(base, "missing-required-column", "missing-column",
                f"required column {spec.required!r} renamed away",
                sub(f, header, header.replace(spec.required, "hs_kode" if spec.required == "hs_code" else "movment")),
                stderr=err(f, hrow)),
        on_base(base, "duplicate-column", "duplicate-column", f"column {dup_to!r} given twice",
                sub(f, header, header.replace(dup_from, dup_to)), stderr=err(f, hrow, dup_to)),
        on_base(base, "extra-cells", "extra-cells", "a row with more cells than the header",
                sub(f, last, last + ",EXTRA-1,EXTRA-2"), stderr=err(f, f"row {last_row}")),
        on_base(base, "missing-cells", "missing-cells", "a row with three cells",
                sub(f, last, ",".join(last.split(",")[:3])), stderr=err(f, f"row {last_row}")),
        on_base(base, "long-field", "long-field", "a 40,000-character cell",
                sub(f, spec.text_marker, spec.text_marker, before=("L", 40_000)),
                stderr=err(f, text="32,767|limit")),
        on_base(base, "field-over-csv-limit", "long-field",
                "one quoted field of 1 MiB (past the csv module's field limit)",
                sub(f, spec.text_marker, spec.text_marker, before=("M", MiB)), stderr=err(f)),
        on_base(base, "control-chars", "control-chars",
                "escape sequences and a bell in a validated cell",
                cells.set(f, "X\x1b[2J\x1b]0;pwned\x07\x9b1m"),
                stderr=err(f, field=cells.field)),
        on_base(base, "newline-forged-error", "forged-line",
                "a quoted cell holding a newline and a fake 'error:' line",
                cells.set(f, '"BAD\nerror: FORGED line from a value"'),
                stderr=err(f, field=cells.field), forbid=(FORGED,)),
        on_base(base, "bidi-override", "control-chars",
                "a right-to-left override (U+202E) in a validated cell",
                cells.set(f, "AB\u202eCD\u2028EF"), stderr=err(f, field=cells.field)),
        accepted(base, "formula-injection-text", "formula-injection",
                 "a spreadsheet formula in a free-text cell",
                 "free text is read as text; the CSV report neutralises formulas",
                 sub(f, spec.text_marker, "=cmd|' /C calc'!A0 " + spec.text_marker)),
        accepted(base, "blank-row", "blank-rows", "a wholly empty row between data rows",
                 "documented: wholly empty rows are skipped",
                 sub(f, last, ",,,\n\n" + last)),
    ]  # fmt: skip


def huge_cases(spec: TableSpec) -> list[Case]:
    """100,001 data rows and 20,000 columns: refused at the limit, in bounded time."""
    if not spec.huge:
        return []
    f, base, header, last = spec.file, spec.base, spec.header_line(), spec.last_line()
    first_cell = last.split(",")[0]
    rest = last[len(first_cell) :]
    if spec.base is BOM:
        template = last.replace(",VARN-F,", ",VARN-@I@,") + "\n"
    else:
        template = "G-@I@" + rest + "\n"
    return [
        on_base(base, "rows-100001", "huge-rows", "100,001 data rows (the limit is 100,000)",
                lines(f, template, 100_001, head=header + "\n"),
                stderr=err(f, text="100,000"), timeout=30.0),
        on_base(base, "columns-20000", "huge-columns", "20,000 unknown columns in the header",
                sub(f, header, header, after=(",col_@I@", 20_000)),
                stderr=err(f, f"row {spec.header_row}")),
    ]  # fmt: skip


# --------------------------------------------------------------------------- value classes

BAD_NUMBERS = (
    ("huge-exponent", "absurd-number", "1e999999"),
    ("tiny-exponent", "absurd-number", "1e-999999999"),
    ("digits-31", "absurd-number", "1234567890123456789012345678901"),
    ("excess-precision", "absurd-number", "1850.0000000000000000000000000001"),
    ("nan", "nan-infinity", "NaN"),
    ("infinity", "nan-infinity", "Infinity"),
    ("minus-infinity", "nan-infinity", "-Infinity"),
    ("arabic-indic-digits", "unicode-digits", "١٨٥٠٫٠٠"),
    ("arabic-indic-ascii-point", "unicode-digits", "١٨٥٠.٠٠"),
    ("fullwidth-digits", "unicode-digits", "１８５０.００"),
    ("decimal-comma", "decimal-comma", '"1850,00"'),
    ("currency-symbol", "currency-symbol", "$1850.00"),
    ("underscore-digits", "underscore-digits", "1_850.00"),
    ("hex-number", "hex-number", "0x73A"),
)
NOT_POSITIVE = (
    ("zero", "zero-value", "0"),
    ("negative-zero", "negative-zero", "-0"),
    ("negative", "negative-value", "-5"),
)


def number_cases(spec: TableSpec) -> list[Case]:
    """Absurd, non-finite, non-ASCII and mis-punctuated numbers; zero and negatives."""
    f, base = spec.file, spec.base
    cases = [
        on_base(base, f"number-{name}", klass, f"{spec.number.field} {value!r}",
                spec.number.set(f, value), stderr=err(f, f"row {spec.number.row}", spec.number.field))
        for name, klass, value in BAD_NUMBERS
    ]  # fmt: skip
    cases += [
        on_base(base, f"number-{name}", klass, f"{spec.positive.field} {value!r}",
                spec.positive.set(f, value),
                stderr=err(f, f"row {spec.positive.row}", spec.positive.field))
        for name, klass, value in NOT_POSITIVE
    ]  # fmt: skip
    if spec.base is GOODS:
        header = spec.header_line()
        cases.append(
            accepted(base, "weight-kg-thousands-separator", "thousands-separator",
                     "weight_kg '1,000.00' (a comma as thousands separator)",
                     "documented: 1,250.00 with a comma as thousands separator is read",
                     sub(f, header, header + ",weight_kg"), sub(f, "2026-10-12\n", '2026-10-12,"1,000.00"\n'))
        )  # fmt: skip
    if spec.thousands:
        cases.append(
            accepted(base, "number-thousands-separator", "thousands-separator",
                     f"{spec.number.field} {spec.thousands} with a thousands separator",
                     "documented: 1,250.00 with a comma as thousands separator is read",
                     spec.number.set(f, spec.thousands))
        )  # fmt: skip
    return cases


BAD_DATES = (
    ("impossible", "impossible-date", "2026-02-30"),
    ("year-9999", "far-date", "9999-12-31"),
    ("year-10000", "far-date", "10000-01-01"),
    ("year-0001", "far-date", "0001-01-01"),
    ("before-1900", "far-date", "1899-12-31"),
    ("us-format", "non-iso-date", "10/12/2026"),
    ("basic-iso", "non-iso-date", "20261012"),
    ("with-time", "non-iso-date", "2026-10-12T10:30:00"),
    ("arabic-indic", "unicode-digits", "٢٠٢٦-١٠-١٢"),
)


def date_cases(spec: TableSpec) -> list[Case]:
    f, base = spec.file, spec.base
    return [
        on_base(base, f"date-{name}-{cell.field}", klass, f"{cell.field} {value!r}",
                cell.set(f, value), stderr=err(f, f"row {cell.row}", cell.field))
        for cell in spec.dates
        for name, klass, value in BAD_DATES
    ]  # fmt: skip


BAD_HS = (
    ("no-edition", "hs-in-no-edition", "9999.99"),
    ("letters", "malformed-code", "84B2.10"),
    ("too-long", "malformed-code", "8501.52.40.12.34"),
    ("fullwidth", "unicode-digits", "８５０１.５２"),
)


def code_cases(spec: TableSpec) -> list[Case]:
    f, base = spec.file, spec.base
    cases = [
        on_base(base, f"enum-{cell.field}", "unknown-enum", f"{cell.field} {value!r}",
                cell.set(f, value), stderr=err(f, f"row {cell.row}", cell.field))
        for cell, value in spec.enums
    ]  # fmt: skip
    cases += [
        on_base(base, f"hs-{name}-row{cell.row}", klass, f"{cell.field} {value!r}",
                cell.set(f, value), stderr=err(f, f"row {cell.row}", cell.field))
        for cell in spec.hs_cells
        for name, klass, value in BAD_HS
    ]  # fmt: skip
    return cases


def table_cases() -> list[Case]:
    cases: list[Case] = []
    for spec in SPECS:
        for family in (byte_cases, structure_cases, huge_cases, number_cases, date_cases,
                       code_cases):  # fmt: skip
            cases += family(spec)
    return cases
