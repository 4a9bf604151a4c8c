"""The desk commands' own inputs: the JSON reports ``roo-check diff`` compares (a baseline
archived anywhere) and the what-if scenario files of ``whatif`` and ``fix``, and their
command-line changes (``--set``)."""

from __future__ import annotations

from tests.hostile.build import (
    SECRET,
    Case,
    case,
    err,
    extend,
    sample,
    sub,
    symlink,
    write,
    write_hex,
)

MOTOR = "01-motor-tariff-shift"
DEEP = 100_000
FORGED = r"(?m)^error: FORGED"
REPORT = '{"tool": "roo-check", "version": "0.1.0", "ruleset_hash": "0", "shipments": []}\n'
GOOD_REPORT = write("old.json", REPORT)


def _report(variant: str, klass: str, description: str, *ops, text: str | None = None) -> Case:
    """``roo-check diff old.json new.json`` with new.json damaged; the error names it."""
    return case(
        "report-json",
        variant,
        klass,
        description,
        [GOOD_REPORT, write("new.json", REPORT), *ops],
        ["diff", "old.json", "new.json"],
        exit=2,
        stderr=err("new.json", text=text),
    )


def report_cases() -> list[Case]:
    return [
        _report("not-json", "wrong-format", "a CSV file named .json", write("new.json", "a,b\n1,2\n")),
        _report("empty", "empty-file", "an empty file", write("new.json", "")),
        _report("another-tool", "schema", "a JSON document of another tool",
                write("new.json", '{"tool": "excel", "shipments": []}'), text="tool"),
        _report("shipments-string", "wrong-type", "shipments is a string",
                sub("new.json", '"shipments": []', '"shipments": "all"'), text="shipments"),
        _report("status-unknown", "unknown-enum", "a determination with an unknown status",
                sub("new.json", '"shipments": []', '"shipments": [{"name": "s", "determinations": '
                    '[{"good_part_number": "G", "status": "probably"}]}]'), text="status"),
        _report("deep-nesting", "deep-nesting", f"arrays nested {DEEP:,} deep",
                sub("new.json", '"shipments": []', '"shipments": [@DEEP@]'),
                sub("new.json", "@DEEP@", "", before=("[", DEEP), after=("]", DEEP))),
        _report("duplicate-key", "duplicate-key", "the key shipments given twice",
                sub("new.json", '"shipments": []', '"shipments": [], "shipments": []'), text="shipments"),
        _report("nan", "nan-infinity", "a version of NaN",
                sub("new.json", '"version": "0.1.0"', '"version": NaN')),
        _report("huge-file", "huge-file", "21 MiB of whitespace after the report",
                extend("new.json", 21 * 1024 * 1024)),
        _report("invalid-utf8", "invalid-utf8", "a byte that is no UTF-8",
                write_hex("new.json", REPORT.replace("0.1.0", "0.1.@").encode().replace(b"@", b"\xff"))),
        case("report-json", "symlink-secret", "symlink-outside", "new.json -> the secret file",
             [GOOD_REPORT, symlink("new.json", SECRET)], ["diff", "old.json", "new.json"],
             exit=2, stderr=err("new.json")),
        case("report-json", "missing", "missing-path", "new.json does not exist",
             [GOOD_REPORT], ["diff", "old.json", "new.json"], exit=2, stderr=err("new.json")),
        case("report-json", "control-same", "control", "a report compared with itself",
             [GOOD_REPORT], ["diff", "old.json", "old.json"], exit=0),
    ]  # fmt: skip


def _scenario(
    variant: str, klass: str, description: str, text: str, *, field: str | None = None
) -> Case:
    return case(
        "scenario",
        variant,
        klass,
        description,
        [sample(MOTOR, "ship"), write("scenario.yaml", text)],
        ["whatif", "ship", "--scenario", "scenario.yaml"],
        exit=2,
        stderr=err("scenario.yaml", text=field),
    )


def scenario_cases() -> list[Case]:
    return [
        _scenario("unknown-key", "unknown-key", "a key the scenario does not have",
                  "sett:\n  WIRE-CU:\n    country_of_origin: CN\n", field="sett"),
        _scenario("set-list", "wrong-shape", "set is a list", "set: [WIRE-CU]\n", field="set"),
        _scenario("date-month-13", "impossible-date", "a date in month 13", "date: 2027-13-01\n", field="date"),
        _scenario("yaml-aliases", "yaml-aliases", "a billion laughs of aliases",
                  "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                  "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nset: {X: {note: [*c, *c, *c]}}\n"),
        _scenario("python-tag", "yaml-tags", "a Python object tag",
                  "set: !!python/object/apply:os.system ['true']\n"),
        _scenario("malformed", "malformed-yaml", "an unclosed flow mapping", "set: {WIRE-CU: {\n"),
        _scenario("premium-word", "non-decimal-number", "a premium in words",
                  "premium:\n  WIRE-CU: a lot\n", field="premium"),
        case("scenario", "value-refused", "inconsistent", "a country that does not exist",
             [sample(MOTOR, "ship"), write("scenario.yaml", "set:\n  WIRE-CU:\n    country_of_origin: XX\n")],
             ["whatif", "ship", "--scenario", "scenario.yaml"], exit=2,
             stderr=err("scenario.yaml", None, "country_of_origin", "ISO 3166")),
        case("scenario", "symlink-secret", "symlink-outside", "scenario.yaml -> the secret file",
             [sample(MOTOR, "ship"), symlink("scenario.yaml", SECRET)],
             ["fix", "ship", "--scenario", "scenario.yaml"], exit=2, stderr=err("scenario.yaml")),
    ]  # fmt: skip


def set_cases() -> list[Case]:
    forged = "WIRE-CU.country_of_origin=CN\nerror: FORGED line"
    return [
        case("cli", "whatif-set-forged-newline", "forged-line", "--set whose value holds a newline and a fake 'error:' line",
             [sample(MOTOR, "ship")], ["whatif", "ship", "--set", forged], exit=2,
             stderr=r"^error: .*WIRE-CU", forbid=(FORGED,)),
        case("cli", "whatif-set-no-field", "malformed-code", "--set without PART.FIELD=",
             [sample(MOTOR, "ship")], ["whatif", "ship", "--set", "WIRE-CU"], exit=2, stderr=r"^error: .*--set"),
        case("cli", "whatif-set-identity", "unknown-key", "--set of the part number itself",
             [sample(MOTOR, "ship")], ["whatif", "ship", "--set", "WIRE-CU.part_number=X"], exit=2,
             stderr=r"^error: .*part_number"),
        case("cli", "whatif-set-unknown-part", "unknown-reference", "--set of a part no input has",
             [sample(MOTOR, "ship")], ["whatif", "ship", "--set", "NOPE.country_of_origin=CN"], exit=2,
             stderr=r"^error: .*NOPE"),
        case("cli", "whatif-set-40000-chars", "long-argument", "--set with a 40,000-character value (a cell holds 32,767)",
             [sample(MOTOR, "ship")], ["whatif", "ship", "--set", "WIRE-CU.description=" + "x" * 40_000],
             exit=2, stderr=r"^error: .*WIRE-CU.*32,767"),
        case("cli", "rules-diff-one-date", "missing-path", "rules diff with one date and no folders",
             [sample(MOTOR, "ship")], ["rules", "diff", "--date", "2027-07-01"], exit=2,
             stderr=r"^error: .*two dates"),
    ]  # fmt: skip


def desk_cases() -> list[Case]:
    return report_cases() + scenario_cases() + set_cases()
