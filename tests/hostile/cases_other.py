"""Hostile folders (symlinks, FIFOs, names), configuration files, rule folders and command
lines.
"""

from __future__ import annotations

import re

from tests.hostile.build import (
    SECRET,
    Base,
    Case,
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
    remove,
    rename,
    rules,
    sample,
    sub,
    sub_bytes,
    symlink,
    write,
    xlsx,
)

MiB = 1024 * 1024
DEEP = 100_000
FORGED = r"(?m)^error: FORGED"
MOTOR = "01-motor-tariff-shift"

FOLDER = Base("folder", (sample(MOTOR, "ship"),), ("check", "ship"), "ship", 0)
BOM = "ship/bom.csv"
BAD_HS = sub(BOM, ",7226.19,", ",72X6.19,")
"""Break row 2 of the BOM so that the folder's name is printed on an error line."""


# --------------------------------------------------------------------------------- folders


def _replaced_by_link(base: Base, role_file: str, variant: str, target: str, what: str) -> Case:
    return on_base(base, variant, "symlink-outside", what, remove(role_file),
                   symlink(role_file, target), stderr=err(role_file), role="folder")  # fmt: skip


def symlink_cases() -> list[Case]:
    """Role files that are links: to the secret outside the folder, in loops, dangling."""
    b = FOLDER
    accumulation = Base(
        "folder", (sample("32-accumulation-bearings", "ship"),), ("check", "ship"), "ship", 1
    )
    fungible = Base("folder", (sample("35-fungible-copper", "ship"),), ("check", "ship"), "ship", 1)
    supplier = "ship/suppliers/anillos-del-bajio-ring-6204.csv"
    return [
        _replaced_by_link(b, BOM, "bom-symlink-secret", SECRET, "bom.csv -> a secret file outside the folder"),
        _replaced_by_link(b, BOM, "bom-symlink-secret-relative", "../../../../secret.txt",
                          "bom.csv -> ../../../../secret.txt (relative, outside the folder)"),
        _replaced_by_link(b, "ship/goods.csv", "goods-symlink-secret", SECRET, "goods.csv -> the secret file"),
        _replaced_by_link(b, "ship/certificate.xml", "certificate-symlink-secret", SECRET,
                          "certificate.xml -> the secret file"),
        _replaced_by_link(b, "ship/shipment.json", "shipment-symlink-secret", SECRET,
                          "shipment.json -> the secret file"),
        _replaced_by_link(fungible, "ship/inventory.csv", "inventory-symlink-secret", SECRET,
                          "inventory.csv -> the secret file"),
        _replaced_by_link(accumulation, supplier, "supplier-symlink-secret", SECRET,
                          "a supplier BOM -> the secret file"),
        on_base(b, "automotive-symlink-secret", "symlink-outside", "automotive.yaml -> the secret file",
                symlink("ship/automotive.yaml", SECRET), stderr=err("ship/automotive.yaml")),
        on_base(accumulation, "suppliers-dir-symlink-outside", "symlink-outside",
                "suppliers/ -> a folder outside the shipment holding a link to the secret",
                mkdir("outside"), symlink("outside/ring.csv", SECRET), remove("ship/suppliers"),
                symlink("ship/suppliers", "../outside"), stderr=err("ship/suppliers")),
        _replaced_by_link(b, BOM, "bom-symlink-loop", "bom.csv", "bom.csv -> itself (a symlink loop)"),
        on_base(b, "bom-symlink-loop-pair", "symlink-loop", "bom.csv -> a.csv -> bom.csv",
                remove(BOM), symlink(BOM, "a.csv"), symlink("ship/a.csv", "bom.csv"), stderr=err(BOM)),
        _replaced_by_link(b, BOM, "bom-symlink-dangling", "missing.csv", "bom.csv -> nothing"),
        _replaced_by_link(b, BOM, "bom-symlink-dev-zero", "/dev/zero", "bom.csv -> /dev/zero (endless)"),
    ]  # fmt: skip


def fifo_cases() -> list[Case]:
    """A FIFO in a role's place must be refused at once, never opened (open() would block)."""
    b = FOLDER
    yaml_base = Base("folder", (sample("02-boiler-rvc", "ship"),), ("check", "ship"), "ship", 0)
    accumulation = Base(
        "folder", (sample("32-accumulation-bearings", "ship"),), ("check", "ship"), "ship", 1
    )
    fungible = Base("folder", (sample("35-fungible-copper", "ship"),), ("check", "ship"), "ship", 1)
    cases = [
        on_base(base, f"{name}-fifo", "fifo", f"{name} is a FIFO with no writer",
                *([remove(path)] if replace else []), fifo(path), stderr=err(path))
        for base, name, path, replace in (
            (b, "bom-csv", BOM, True),
            (b, "goods-csv", "ship/goods.csv", True),
            (b, "certificate-xml", "ship/certificate.xml", True),
            (b, "shipment-json", "ship/shipment.json", True),
            (yaml_base, "shipment-yaml", "ship/shipment.yaml", True),
            (b, "automotive-yaml", "ship/automotive.yaml", False),
            (fungible, "inventory-csv", "ship/inventory.csv", True),
            (accumulation, "supplier-csv", "ship/suppliers/pipe.csv", False),
        )
    ]  # fmt: skip
    cases.append(
        case("folder", "single-bom-fifo", "fifo", "the single-file BOM given is a FIFO",
             [fifo("pipe.bom.csv")], ["check", "pipe.bom.csv"], exit=2, stderr=err("pipe.bom.csv"))
    )  # fmt: skip
    return cases


def discovery_cases() -> list[Case]:
    """Role files doubled, refused formats, a directory in a file's place, no files."""
    b = FOLDER
    return [
        case("folder", "empty-folder", "missing-role", "a folder with no file", [mkdir("ship")],
             ["check", "ship"], exit=2, stderr=err("ship", field="(goods|bom)")),
        on_base(b, "bom-is-directory", "not-a-file", "bom.csv is a directory",
                remove(BOM), mkdir(BOM), stderr=err(BOM)),
        on_base(b, "two-goods-files-case", "duplicate-role", "goods.csv and GOODS.CSV",
                copy("ship/goods.csv", "ship/GOODS.CSV"), stderr=err("ship", field="goods")),
        on_base(b, "goods-csv-and-xlsx", "duplicate-role", "goods.csv and goods.xlsx",
                xlsx("ship/goods.xlsx", [{"title": "goods", "csv": "ship/goods.csv"}]),
                stderr=err("ship", field="goods")),
        on_base(b, "goods-xlsm", "macro-workbook", "a goods.xlsm beside goods.csv",
                copy("ship/goods.csv", "ship/goods.xlsm"), stderr=err("ship/goods.xlsm")),
        on_base(b, "bom-xls", "refused-format", "bom.xls in place of bom.csv",
                rename(BOM, "ship/bom.xls"), stderr=err("ship/bom.xls")),
        accepted(b, "upper-case-names", "case-insensitive-names", "GOODS.CSV and BOM.CSV",
                 "documented: file names are matched without regard to case",
                 rename("ship/goods.csv", "ship/GOODS.CSV"), rename(BOM, "ship/BOM.CSV")),
        case("folder", "unknown-extension", "wrong-format", "a .txt file given as the shipment",
             [write("notes.txt", "hello\n")], ["check", "notes.txt"], exit=2, stderr=err("notes.txt")),
        case("folder", "path-symlink-loop", "symlink-loop", "the path given is a symlink loop",
             [symlink("loop.csv", "loop.csv")], ["check", "loop.csv"], exit=2, stderr=r"^error: .*loop\.csv"),
    ]  # fmt: skip


def name_cases() -> list[Case]:
    """Folder names that try to forge lines or drive the terminal."""
    cases = []
    for variant, klass, name, description in (
        ("name-newline-forged-error", "forged-line", "ship\nerror: FORGED all goods originate",
         "a folder name holding a newline and a fake 'error:' line"),
        ("name-escape-sequences", "control-chars", "ship\x1b]0;pwned\x07\x1b[2J",
         "a folder name with terminal escape sequences"),
        ("name-bidi-override", "control-chars", "ship\u202egnp.exe", "a folder name with U+202E"),
    ):  # fmt: skip
        bad = sub(f"{name}/bom.csv", ",7226.19,", ",72X6.19,")
        cases.append(
            case("folder", variant, klass, description, [sample(MOTOR, name), bad], ["check", name],
                 exit=2, stderr=r"^error: ship.*/bom\.csv:row 2 \[hs_code\]", forbid=(FORGED,))
        )  # fmt: skip
    # A name that is not UTF-8 cannot be written to a UTF-8 report as it is: refused, escaped.
    name = "ship\udcff\udcfe"
    cases.append(
        case("folder", "name-invalid-utf8", "invalid-utf8", "a folder name that is not UTF-8 (bytes FF FE)",
             [sample(MOTOR, name)], ["check", name],
             exit=2, stderr=r"^error: ship\\udcff\\udcfe: the name is not valid UTF-8", forbid=(FORGED,))
    )  # fmt: skip
    return cases


def supplier_folder_cases() -> list[Case]:
    b = Base("folder", (sample("32-accumulation-bearings", "ship"),), ("check", "ship"), "ship", 1)
    return [
        on_base(b, "suppliers-1001-files", "too-many-files", "1,001 supplier BOMs (limit 1,000)",
                many("ship/suppliers/s-@I@.csv", 1001, "# material: X\n"), stderr=err("ship/suppliers", text="1,000")),
        on_base(b, "suppliers-xlsm", "macro-workbook", "a .xlsm file in suppliers/",
                write("ship/suppliers/rings.xlsm", "PK"), stderr=err("ship/suppliers/rings.xlsm")),
        accepted(b, "suppliers-hidden-and-lock-files", "ignored-files",
                 "a hidden file and an Excel lock file in suppliers/, both garbage",
                 "documented: hidden files and Excel's ~$ lock files are skipped",
                 write("ship/suppliers/.hidden.csv", "\x00garbage"), write("ship/suppliers/~$lock.csv", "\x00garbage")),
    ]  # fmt: skip


def cycle_cases() -> list[Case]:
    """Sub-assemblies 5,000 lines deep: a loop must be named in a short line; a chain is valid."""
    header = (
        "good_part_number,part_number,parent_part_number,description,hs_code,product_kind,quantity,unit,"
        "unit_value,extended_value,currency,country_of_origin,origin_status,evidence,supplier\n"
    )
    row = (
        "EM-750,P@I@,P@NEXT@,Sub-assembly @I@,7226.19,,1,pcs,1.00,1.00,USD,CN,non-originating,,S\n"
    )
    chain_row = (
        "EM-750,Q@I@,Q@NEXT@,Sub-assembly @I@,7226.19,,1,pcs,1.00,1.00,USD,CN,non-originating,,S\n"
    )
    return [
        on_base(FOLDER, "cycle-5000", "deep-cycle", "5,000 sub-assemblies each the parent of the next, in a loop",
                lines(BOM, row, 5000, head=header), stderr=err(BOM, field="parent_part_number"),
                max_line=600, role="bom-csv"),
        on_base(FOLDER, "chain-5000", "deep-chain",
                "5,000 sub-assemblies nested in a chain (no loop), past the 100 levels allowed",
                lines(BOM, chain_row, 5000, head=header),
                sub(BOM, "EM-750,Q4999,Q0,", "EM-750,Q4999,,"),
                stderr=err(BOM, field="parent_part_number"), max_line=600, role="bom-csv"),
        accepted(FOLDER, "chain-101", "deep-chain",
                 "101 sub-assemblies nested in a chain: 100 levels, the most allowed",
                 "a chain of sub-assemblies up to MAX_BOM_DEPTH (100) levels is looked through",
                 lines(BOM, chain_row, 101, head=header),
                 sub(BOM, "EM-750,Q100,Q0,", "EM-750,Q100,,"), role="bom-csv", timeout=30.0),
    ]  # fmt: skip


def single_file_cases() -> list[Case]:
    """The '# key: value' lines of a single-file BOM."""
    b = Base("single-bom-csv", (sample("gearbox-6at.bom.csv", "gearbox.bom.csv"),),
             ("check", "gearbox.bom.csv"), "gearbox.bom.csv", 0)  # fmt: skip
    f = b.file
    desc = "# description: 6-speed automatic transmission (gear box) for passenger vehicles"
    return [
        on_base(b, "description-1mib", "long-field", "a 1 MB '# description:' line",
                sub(f, desc, desc, after=("D", 1_000_000)), stderr=err(f, "row 2"),
                max_line=600),
        on_base(b, "key-twice", "duplicate-key", "'# producer:' given twice",
                sub(f, "# currency: USD\n", "# currency: USD\n# producer: Other SA\n"),
                stderr=err(f, field="producer")),
        on_base(b, "line-without-colon", "malformed-preamble", "a '#' line without a colon",
                sub(f, "# currency: USD\n", "# currency: USD\n# just a comment\n"), stderr=err(f, "row 8")),
        on_base(b, "unknown-key", "unknown-key", "'# transaction_valu:' misspelt",
                sub(f, "# transaction_value:", "# transaction_valu:"), stderr=err(f, field="transaction_valu")),
        on_base(b, "missing-part-number", "missing-key", "no '# part_number:' line",
                sub(f, "# part_number: GB-6AT\n", "#\n"), stderr=err(f)),
        on_base(b, "fungible-line", "inconsistent", "a fungible line (no inventory in a single file)",
                sub(f, ",JP,non-originating,", ",JP,fungible,"), stderr=err(f, field="origin_status")),
        on_base(b, "comment-after-header", "malformed-preamble", "a '# key: value' line among the rows",
                append(f, "# hs_code: 8501.52\n"), stderr=err(f)),
        on_base(b, "no-net-cost-fail-on-error", "ci-semantics",
                "no '# net_cost:' line, checked with --fail-on error: the good cannot be decided, "
                "and cannot decide is an error by default, so the pipeline fails",
                sub(f, "# net_cost: 1450.00\n", ""), extra_argv=("--fail-on", "error"), exit=1,
                stdout=r"GB-6AT\s+8708\.40\s+cannot-decide",
                accepted_because="the file is well formed; the finding it gives fails the run"),
    ]  # fmt: skip


def folder_cases() -> list[Case]:
    return (
        symlink_cases()
        + fifo_cases()
        + discovery_cases()
        + name_cases()
        + supplier_folder_cases()
        + cycle_cases()
        + single_file_cases()
    )


# --------------------------------------------------------------------------- configuration


def _config_case(
    variant: str, klass: str, description: str, text_ops, *, where: str, **expect
) -> Case:
    """A configuration case: ``where`` is 'given' (--config cfg.toml), 'found' (roo-check.toml
    in the working folder) or 'pyproject' (pyproject.toml in the working folder)."""
    name = {"given": "cfg.toml", "found": "roo-check.toml", "pyproject": "pyproject.toml"}[where]
    argv = ["check", "ship", *(["--config", name] if where == "given" else [])]
    build = [sample(MOTOR, "ship"), *text_ops(name)]
    expect.setdefault("exit", 2)
    if expect["exit"] == 2:
        expect.setdefault("stderr", err(name))
    return case("config", f"{where}-{variant}", klass, description, build, argv, **expect)


def _text(text: str):
    return lambda name: [write(name, text)]


def _deep_toml(opening: str, closing: str, head: str = "x = "):
    return lambda name: [
        write(name, head + "@D@\n"),
        sub(name, "@D@", "", before=(opening, DEEP), after=(closing, DEEP)),
    ]


CONFIG_ERRORS = (
    ("not-toml", "malformed-toml", "text that is not TOML", _text("this is = = not toml\n")),
    ("deep-array", "deep-nesting", f"an array nested {DEEP:,} deep", _deep_toml("[", "]")),
    ("deep-inline-table", "deep-nesting", f"inline tables nested {DEEP:,} deep", _deep_toml("{a=", "}", "x = ")),
    ("deep-table-header", "deep-nesting", "a table header 20,000 keys deep",
     lambda name: [write(name, "[a@D@]\nk = 1\n"), sub(name, "@D@", "", after=(".a", 20_000))]),
    ("unknown-key", "unknown-key", "a misspelt setting", _text('fial-on = "error"\n')),
    ("unknown-flag", "unknown-key", "a flag id that does not exist", _text('[flags.CN999]\nmax-share = "10"\n')),
    ("share-huge", "absurd-number", "max-share 1e999999", _text('[flags.CN001]\nmax-share = "1e999999"\n')),
    ("share-nan", "nan-infinity", "max-share nan", _text("[flags.CN001]\nmax-share = nan\n")),
    ("share-negative", "negative-value", "max-share -5", _text('[flags.CN001]\nmax-share = "-5"\n')),
    ("days-huge", "absurd-number", "max-days 10**30", _text("[flags.TRANS004]\nmax-days = 1000000000000000000000000000000\n")),
    ("years-10000", "far-date", "max-age-years 10000", _text("[flags.CERT005]\nmax-age-years = 10000\n")),
    ("fail-on-unknown", "unknown-enum", "fail-on 'sometimes'", _text('fail-on = "sometimes"\n')),
    ("severity-unknown", "unknown-enum", "a flag severity 'apocalyptic'", _text('[flags.CN001]\nseverity = "apocalyptic"\n')),
    ("invalid-utf8", "invalid-utf8", "a Latin-1 byte", lambda name: [write(name, 'fail-on = "error"\n'), sub_bytes(name, "error", b"err\xe9r")]),
    ("utf-16", "utf-16", "the file in UTF-16", lambda name: [write(name, 'fail-on = "error"\n', encoding="utf-16")]),
    ("nul-byte", "nul-byte", "a NUL byte", lambda name: [write(name, 'fail-on = "err\x00or"\n')]),
    ("oversize", "huge-file", "21 MiB of zeros", lambda name: [extend(name, 21 * MiB)]),
)  # fmt: skip


def config_cases() -> list[Case]:
    cases = [
        _config_case(variant, klass, description, ops, where=where)
        for variant, klass, description, ops in CONFIG_ERRORS
        for where in ("given", "found")
    ]
    cases += [
        _config_case("unknown-key", "unknown-key", "[tool.roo-check] with a misspelt setting",
                     _text('[tool.roo-check]\nfial-on = "error"\n'), where="pyproject"),
        _config_case("deep-in-roo-check-table", "deep-nesting", "[tool.roo-check] holding a deep array",
                     lambda name: [write(name, "[tool.roo-check]\nx = @D@\n"), sub(name, "@D@", "", before=("[", DEEP), after=("]", DEEP))],
                     where="pyproject"),
        _config_case("not-toml", "malformed-toml", "a pyproject.toml that is not TOML",
                     _text("this is = = not toml\n"), where="pyproject", exit=0,
                     accepted_because="a pyproject.toml that does not parse holds no [tool.roo-check] table for roo-check"),
        _config_case("deep-other-table", "deep-nesting",
                     "a pyproject.toml with a deep array in another tool's table (it may hide [tool.roo-check])",
                     lambda name: [write(name, "[tool.other]\nx = @D@\n"), sub(name, "@D@", "", before=("[", DEEP), after=("]", DEEP))],
                     where="pyproject"),
        _config_case("empty", "empty-file", "an empty roo-check.toml", _text(""), where="found", exit=0,
                     accepted_because="an empty TOML file is an empty configuration"),
        _config_case("fifo", "fifo", "roo-check.toml is a FIFO in the working folder (refused, never opened)",
                     lambda name: [fifo(name)], where="found"),
        _config_case("directory", "not-a-file", "roo-check.toml is a directory (configuration fails closed)",
                     lambda name: [mkdir(name)], where="found"),
        _config_case("fifo", "fifo", "--config names a FIFO with no writer", lambda name: [fifo(name)], where="given"),
        _config_case("symlink-secret", "symlink-outside", "--config names a link to the secret file",
                     lambda name: [symlink(name, SECRET)], where="given"),
        _config_case("symlink-secret", "symlink-outside", "roo-check.toml in the working folder links to the secret",
                     lambda name: [symlink(name, SECRET)], where="found"),
        case("config", "given-dev-zero", "endless-file", "--config /dev/zero (endless zeros)",
             [sample(MOTOR, "ship")], ["check", "ship", "--config", "/dev/zero"], exit=2,
             stderr=r"^error: .*(/dev/zero|--config)"),
        case("config", "given-directory", "not-a-file", "--config names a directory",
             [sample(MOTOR, "ship")], ["check", "ship", "--config", "ship"], exit=2, stderr=r"^error: .*(--config|ship)"),
    ]  # fmt: skip
    return cases


# ------------------------------------------------------------------------------------ rules

RULE_FILES = [
    "usmca/origin-criteria.yaml",
    "usmca/chapter-4-articles.yaml",
    "usmca/provisions.yaml",
    "usmca/annex-4b/chapter-85.yaml",
    "risk/certificate.yaml",
    "risk/content.yaml",
    "risk/plausibility.yaml",
    "risk/processing.yaml",
    "risk/transshipment.yaml",
]
"""The smallest rule set that decides sample 01: chapter 85, the criteria, Chapter 4, the
provisions its chapter notes need, and the risk flags."""

RULES = Base(
    "rules",
    (sample(MOTOR, "ship"), rules("myrules", RULE_FILES)),
    ("check", "ship", "--rules", "myrules"),
    "myrules",
    0,
)
CH85 = "myrules/usmca/annex-4b/chapter-85.yaml"
CONTENT = "myrules/risk/content.yaml"


def rule_err(name: str) -> str:
    """An error line naming a rule file, relative to the rule folder or with the folder."""
    return r"^error: (?:\S*/)?" + re.escape(name)


def rules_cases() -> list[Case]:
    b = RULES
    laughs = (
        "kind: risk_flags\nschema_version: 1\ntopic: lol\n"
        "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        + "".join(
            f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n"
            for p, c in zip("abcdefgh", "bcdefghi", strict=True)
        )
        + "rules: *i\n"
    )
    return [
        on_base(b, "control-valid", "control", "a minimal copy of the rule set", exit=0),
        on_base(b, "invalid-yaml", "malformed-yaml", "a broken line appended to a rule file",
                append(CONTENT, "  - : : [\n"), stderr=rule_err("risk/content.yaml")),
        on_base(b, "invalid-utf8", "invalid-utf8", "a Latin-1 byte in a rule file",
                sub_bytes(CONTENT, "Chinese", b"Chin\xe9se"), stderr=rule_err("risk/content.yaml")),
        on_base(b, "nul-byte", "nul-byte", "a NUL byte in a rule file",
                sub_bytes(CONTENT, "Chinese", b"Chi\x00nese"), stderr=rule_err("risk/content.yaml")),
        on_base(b, "impossible-date", "impossible-date", "effective_to: 2025-02-30 in a PSR file",
                sub(CH85, "effective_to: 2025-07-01", "effective_to: 2025-02-30"),
                stderr=rule_err("usmca/annex-4b/chapter-85.yaml")),
        on_base(b, "far-date", "far-date", "effective_to: 9999-12-31 in a PSR file",
                sub(CH85, "effective_to: 2025-07-01", "effective_to: 9999-12-31"),
                stderr=rule_err("usmca/annex-4b/chapter-85.yaml")),
        on_base(b, "rvc-threshold-huge", "absurd-number", "an RVC threshold of 1e999999",
                sub(CH85, "transaction_value: '60'", "transaction_value: '1e999999'"),
                stderr=rule_err("usmca/annex-4b/chapter-85.yaml")),
        on_base(b, "share-nan", "nan-infinity", "a flag parameter max_share .nan",
                sub(CONTENT, 'max_share: "25"', "max_share: .nan"), stderr=rule_err("risk/content.yaml")),
        on_base(b, "directory-named-yaml", "not-a-file", "a directory named x.yaml in the rule folder",
                mkdir("myrules/usmca/x.yaml"), stderr=rule_err("usmca/x.yaml")),
        on_base(b, "fifo", "fifo", "a rule file that is a FIFO", fifo("myrules/risk/pipe.yaml"),
                stderr=rule_err("risk/pipe.yaml")),
        on_base(b, "symlink-secret", "symlink-outside", "a rule file linking to the secret file",
                symlink("myrules/risk/leak.yaml", SECRET), stderr=rule_err("risk/leak.yaml")),
        on_base(b, "symlink-loop", "symlink-loop", "a rule file linking to itself",
                symlink("myrules/risk/loop.yaml", "loop.yaml"), stderr=rule_err("risk/loop.yaml")),
        on_base(b, "empty-file", "empty-file", "an empty rule file", write("myrules/risk/empty.yaml", ""),
                stderr=rule_err("risk/empty.yaml")),
        on_base(b, "deep-nesting", "deep-nesting", f"a flow sequence nested {DEEP:,} deep",
                write("myrules/risk/deep.yaml", "kind: risk_flags\nrules: @D@\n"),
                sub("myrules/risk/deep.yaml", "@D@", "", before=("[", DEEP), after=("]", DEEP)),
                stderr=rule_err("risk/deep.yaml")),
        on_base(b, "billion-laughs", "yaml-aliases", "nine levels of aliases as the rules of a file",
                write("myrules/risk/lol.yaml", laughs), stderr=rule_err("risk/lol.yaml")),
        on_base(b, "python-tag", "yaml-tags", "a !!python/object/apply tag",
                write("myrules/risk/tag.yaml", "kind: !!python/object/apply:os.system ['echo PWNED > pwned.txt']\n"),
                stderr=rule_err("risk/tag.yaml")),
        on_base(b, "unknown-kind", "unknown-enum", "kind: spells", write("myrules/risk/spells.yaml", "kind: spells\n"),
                stderr=rule_err("risk/spells.yaml")),
        on_base(b, "unknown-key", "unknown-key", "an unknown key in a rule",
                sub(CH85, "  provision: '8501'\n", "  provision: '8501'\n  evil_key: 1\n"),
                stderr=rule_err("usmca/annex-4b/chapter-85.yaml")),
        on_base(b, "no-origin-criteria", "missing-file", "the origin criteria file removed",
                remove("myrules/usmca/origin-criteria.yaml"), stderr=r"^error: .*origin_criteria"),
        on_base(b, "oversize-file", "huge-file", "a rule file of 21 MiB of zeros",
                extend("myrules/risk/big.yaml", 21 * MiB), stderr=rule_err("risk/big.yaml")),
        case("rules", "empty-folder", "missing-file", "--rules names an empty folder",
             [sample(MOTOR, "ship"), mkdir("myrules")], list(b.argv), exit=2, stderr=r"^error: .*myrules"),
    ]  # fmt: skip


# ------------------------------------------------------------------------------ command line

CLI_ERROR = r"^error: "


def _cli(variant: str, klass: str, description: str, *args: str, build=None, **expect) -> Case:
    expect.setdefault("exit", 2)
    if expect["exit"] == 2:
        expect.setdefault("stderr", CLI_ERROR)
    return case(
        "cli", variant, klass, description, build or [sample(MOTOR, "ship")], list(args), **expect
    )


def cli_cases() -> list[Case]:
    dates = (
        ("date-month-13", "impossible-date", "2027-13-01"),
        ("date-feb-30", "impossible-date", "2026-02-30"),
        ("date-year-9999", "far-date", "9999-12-31"),
        ("date-year-10000", "far-date", "10000-01-01"),
        ("date-year-0001", "far-date", "0001-01-01"),
        ("date-word", "non-iso-date", "yesterday"),
        ("date-empty", "non-iso-date", ""),
        ("date-basic-iso", "non-iso-date", "20261012"),
        ("date-week", "non-iso-date", "2026-W41-1"),
        ("date-arabic-indic", "unicode-digits", "٢٠٢٦-١٠-١٢"),
        ("date-with-time", "non-iso-date", "2026-10-12T00:00"),
    )
    cases = [
        _cli(
            variant,
            klass,
            f"--date {value!r}",
            "check",
            "ship",
            "--date",
            value,
            stderr=r"^error: .*--date",
        )
        for variant, klass, value in dates
    ]
    forged = "nope\nerror: FORGED path"
    cases += [
        _cli("fail-on-unknown", "unknown-enum", "--fail-on sometimes", "check", "ship", "--fail-on", "sometimes",
             stderr=r"^error: .*--fail-on"),
        _cli("fail-on-empty", "unknown-enum", "--fail-on ''", "check", "ship", "--fail-on", "", stderr=r"^error: .*--fail-on"),
        _cli("output-into-directory", "bad-output", "-o json=outdir where outdir is a directory",
             "check", "ship", "-o", "json=outdir", build=[sample(MOTOR, "ship"), mkdir("outdir")],
             stderr=r"^error: .*outdir"),
        _cli("output-under-file", "bad-output", "-o json=ship/bom.csv/report.json (under a regular file)",
             "check", "ship", "-o", "json=ship/bom.csv/report.json", stderr=r"^error: .*bom\.csv"),
        _cli("output-proc", "bad-output", "-o json=/proc/x", "check", "ship", "-o", "json=/proc/x",
             stderr=r"^error: .*/proc/x"),
        _cli("output-fifo", "bad-output", "-o json=out.fifo where out.fifo is a FIFO with no reader",
             "check", "ship", "-o", "json=out.fifo", build=[sample(MOTOR, "ship"), fifo("out.fifo")],
             stderr=r"^error: .*out\.fifo"),
        _cli("two-outputs-to-stdout", "bad-output", "-f text -f json, both to standard output",
             "check", "ship", "-f", "text", "-f", "json", stderr=r"^error: .*standard output"),
        _cli("output-dash-twice", "bad-output", "-o text=- -o json=-", "check", "ship", "-o", "text=-", "-o", "json=-",
             stderr=r"^error: .*standard output"),
        _cli("format-unknown", "unknown-enum", "-f pdf", "check", "ship", "-f", "pdf", stderr=r"^error: .*pdf"),
        _cli("output-format-unknown", "unknown-enum", "-o pdf=out.pdf", "check", "ship", "-o", "pdf=out.pdf",
             stderr=r"^error: .*pdf"),
        _cli("output-without-format", "bad-output", "-o out.pdf, a suffix that names no format", "check", "ship",
             "-o", "out.pdf", stderr=r"^error: .*out\.pdf"),
        _cli("path-missing", "missing-path", "a path that does not exist", "check", "nope", stderr=r"^error: .*nope"),
        _cli("path-empty", "missing-path", "an empty path", "check", ""),
        _cli("no-paths", "missing-path", "check with no path in a folder holding no shipment", "check",
             build=[mkdir("empty")], stderr=r"^error: no shipment in or below the current folder"),
        _cli("no-paths-links-and-pipes", "symlink-loop",
             "check with no path: a BOM two folders down beside a link to the corpus root (the "
             "secret and every other case), a link to its parent folder, a FIFO named *.bom.csv "
             "and a FIFO named *.xlsx", "check", "-q",
             build=[sample(MOTOR, "boms/2026/ship"), symlink("boms/root", "@ROOT@"),
                    symlink("boms/2026/up", ".."), fifo("boms/pipe.bom.csv"), fifo("boms/pipe.xlsx")],
             exit=0, stdout=r"^roo-check: 1 good\(s\) checked",
             accepted_because="the shipment below is checked; links to folders are not followed "
             "and FIFOs are not opened, so nothing outside the folder is read and nothing blocks"),
        _cli("no-paths-too-deep", "deep-nesting", "check with no path: the only shipment 30 folders down",
             "check", build=[sample(MOTOR, "/".join(["d"] * 30) + "/ship")],
             stderr=r"^error: no shipment in or below the current folder"),
        _cli("path-forged-newline", "forged-line", "a missing path holding a newline and a fake 'error:' line",
             "check", forged, forbid=(FORGED,)),
        _cli("path-5000-chars", "long-argument", "a path of 5,000 characters", "check", "x" * 5000),
        _cli("unknown-option", "unknown-option", "--frobnicate", "check", "ship", "--frobnicate"),
        _cli("unknown-command", "unknown-option", "an unknown command", "frobnicate"),
        _cli("rules-is-file", "not-a-folder", "--rules names a file", "check", "ship", "--rules", "ship/bom.csv",
             stderr=r"^error: .*--rules"),
        _cli("explain-10000-chars", "long-argument", "rules explain with a 10,000-character target",
             "rules", "explain", "Z" * 10_000, max_line=600),
        _cli("explain-escape-sequences", "control-chars", "rules explain with terminal escape sequences",
             "rules", "explain", "PSR-\x1b[2J\x1b]0;pwned\x07"),
        _cli("schema-unknown-model", "unknown-enum", "schema --model nope", "schema", "--model", "nope"),
        _cli("parse-symlink-secret", "symlink-outside", "parse on a folder whose bom.csv links to the secret",
             "parse", "ship", build=[sample(MOTOR, "ship"), remove(BOM), symlink(BOM, SECRET)], stderr=err(BOM)),
        _cli("parse-nul-byte", "nul-byte", "parse on a folder whose bom.csv holds a NUL byte",
             "parse", "ship", build=[sample(MOTOR, "ship"), sub_bytes(BOM, "Silicon", b"Sil\x00icon")], stderr=err(BOM, "row 2")),
        _cli("control-json-output", "control", "a clean run writing JSON to a file", "check", "ship",
             "-o", "json=out.json", exit=0, stderr=r"^roo-check: wrote the json report to out\.json$"),
        _cli("date-far-on-hostile-folder", "far-date", "--date 9999-12-31 with a broken folder",
             "check", "ship", "--date", "9999-12-31", build=[sample(MOTOR, "ship"), BAD_HS], stderr=r"^error: .*--date"),
    ]  # fmt: skip
    return cases
