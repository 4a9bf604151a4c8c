"""Steps shared by every feature file, worded as a compliance analyst speaks.

pytest-bdd steps are fixtures: the ``case`` dict carries the good, its BOM and the result
from one step to the next.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from pytest_bdd import given, parsers, then, when

from roo_check.engine.evaluate import evaluate_good
from roo_check.engine.facts import Facts
from roo_check.models import BomLine, Good
from roo_check.models.findings import Determination, Status
from roo_check.money import display_percent
from roo_check.rulebook.load import load_rulebook

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def bundled_rulebook():
    return load_rulebook()


@pytest.fixture
def case() -> dict:
    return {"good": {}, "bom": []}


def _amount(text: str) -> str:
    return text.replace(",", "")


@given(parsers.parse("the USMCA rule set in force on {day}"))
def rule_set_on(case, bundled_rulebook, day):
    case["rulebook"] = bundled_rulebook
    case["date"] = dt.date.fromisoformat(day)


@given(
    parsers.re(
        r'a good "(?P<part>[^"]+)", "(?P<desc>[^"]+)", of subheading (?P<hs>[\d.]+) '
        r"produced in (?P<country>[A-Z]{2})"
    )
)
def a_good(case, part, desc, hs, country):
    case["good"].update(
        part_number=part,
        description=desc,
        hs_code=hs,
        country_of_production=country,
        producer="Producer SA de CV",
        currency="USD",
    )


@given(parsers.parse("its tariff item is {item}"))
def tariff_item(case, item):
    case["good"]["tariff_item"] = item


@given(
    parsers.re(r"its (?P<what>transaction value|net cost|total cost) is (?P<amount>[\d,.]+) USD")
)
def a_value(case, what, amount):
    case["good"][what.replace(" ", "_")] = _amount(amount)


@given(parsers.parse("its product kind is {kind}"))
def product_kind(case, kind):
    case["good"]["product_kind"] = kind


@given(parsers.parse("it weighs {kg} kg"))
def weighs(case, kg):
    case["good"]["weight_kg"] = kg


@given(parsers.parse("it is used to produce a good of {code}"))
def used_in(case, code):
    case["good"]["used_in"] = code


@given(parsers.parse("it is for use in a {use}"))
def end_use(case, use):
    case["good"]["end_use"] = use.replace(" ", "_")


@given(parsers.parse('it is declared wholly obtained: "{basis}"'))
def wholly_obtained(case, basis):
    case["good"]["wholly_obtained_basis"] = basis


_YES_NO = {"yes": True, "no": False, "": None}

_CHAPTER4_COLUMNS = {
    # column as an analyst heads it -> BomLine field (Art. 4.7-4.16 and accumulation)
    "parent": "parent_part_number",
    "type": "material_type",
    "net cost": "net_cost",
    "regional value": "regional_value",
    "statement": "regional_value_evidence",
    "freight": "freight_insurance_packing",
    "duties": "duties_taxes_brokerage",
    "waste": "waste_spoilage",
    "deduction evidence": "deductions_evidence",
}
_MONEY_COLUMNS = {
    "net_cost",
    "regional_value",
    "freight_insurance_packing",
    "duties_taxes_brokerage",
    "waste_spoilage",
}
_YES_NO_COLUMNS = {
    "classified with good": "classified_with_good",
    "invoiced separately": "invoiced_separately",
    "customary": "customary",
    # the provisions beside the rules (chapters 20, 61-63)
    "component": "classifying_component",
    "formed and finished": "formed_and_finished",
    "wholly obtained": "wholly_obtained",
}
_PROVISION_COLUMNS = {"role": "textile_role", "weight": "weight_kg"}


def bom_lines(good_part_number: str, datatable: list[list[str]]) -> list[dict]:
    """BOM lines from a table; only the columns a scenario needs are given, the rest default."""
    header, *rows = datatable
    lines = []
    for index, row in enumerate(rows):
        data = dict(zip(header, row, strict=True))
        line = {
            "row": index + 2,  # as a spreadsheet numbers it: the header is row 1
            "good_part_number": good_part_number,
            "part_number": data["part"],
            "description": data.get("description") or data["part"],
            "hs_code": data["hs"],
            "quantity": data.get("quantity") or "1",
            "unit": data.get("unit") or "pcs",
            "extended_value": _amount(data["value"]),
            "currency": "USD",
            "country_of_origin": data.get("origin") or None,
            "origin_status": data["status"],
            "product_kind": data.get("kind") or None,
            "provided_as_part": data.get("part of good", "") == "yes",
        }
        for column, name in _CHAPTER4_COLUMNS.items():
            if data.get(column):
                line[name] = _amount(data[column]) if name in _MONEY_COLUMNS else data[column]
        for column, name in _YES_NO_COLUMNS.items():
            if column in data and (data[column] or name != "classifying_component"):
                line[name] = _YES_NO[data[column]]
        for column, name in _PROVISION_COLUMNS.items():
            if data.get(column):
                line[name] = (
                    data[column].replace(" ", "_") if name == "textile_role" else data[column]
                )
        if data.get("intermediate") == "yes":
            line["intermediate"] = True
        lines.append(line)
    return lines


@given("its bill of materials:")
def bill_of_materials(case, datatable):
    case["bom"].extend(bom_lines(case["good"]["part_number"], datatable))


def case_facts(case: dict) -> Facts:
    """What the other files of the shipment say: routing, suppliers' BOMs, stock records."""
    routing = case.get("routing")
    return Facts(
        routing=tuple(routing) if routing else None,
        supplier_boms=tuple(case.get("supplier_boms", ())),
        inventory=case.get("inventory"),
        producer=case.get("producer"),
    )


@when("the good is checked", target_fixture="result")
def checked(case) -> Determination:
    good = Good.model_validate(case["good"])
    bom = [BomLine.model_validate(line) for line in case["bom"]]
    return evaluate_good(good, bom, case["rulebook"], case["date"], facts=case_facts(case))


@then(parsers.parse("the good is originating under criterion {criterion}"))
def originating(result, criterion):
    assert result.status is Status.originating, result.message
    assert result.criterion == criterion, result.message


@then("the good is not originating")
def not_originating(result):
    assert result.status is Status.not_originating, result.message


@then(parsers.parse('the good cannot be decided for want of "{what}"'))
def cannot_decide(result, what):
    assert result.status is Status.cannot_decide, result.message
    assert any(what in str(m) for m in result.missing), result.missing


@then(parsers.parse("the rule applied is {rule_id}"))
def rule_applied(result, rule_id):
    assert result.rule is not None and result.rule.id == rule_id, result.rule


@then(parsers.re(r"alternative (?P<label>\w+) is (?P<state>met|not met|undecided)"))
def alternative_state(result, label, state):
    alt = next(a for a in result.alternatives if a.label == label)
    assert alt.passed is {"met": True, "not met": False, "undecided": None}[state], alt.reason


@then(parsers.parse("material {part} blocks the tariff shift under alternative {label}"))
def blocks(result, part, label):
    alt = next(a for a in result.alternatives if a.label == label)
    check = next(m for m in alt.shift.materials if m.part_number == part)
    assert check.passes is False, check.reason


@then(parsers.re(r"the value of non-originating materials is (?P<amount>[\d,.]+) USD"))
def vnm_is(result, amount):
    assert result.figures.vnm == Decimal(_amount(amount))


@then(
    parsers.re(
        r"the regional value content is (?P<pct>[\d.]+)% under the "
        r"(?P<method>transaction value|net cost) method"
    )
)
def rvc_is(result, pct, method):
    value = getattr(result.figures, "rvc_" + method.replace(" ", "_"))
    assert value is not None and display_percent(value) == pct, value


@then(
    parsers.re(
        r"de minimis (?P<state>saves|does not save) the good at (?P<pct>[\d.]+)% "
        r"of the transaction value"
    )
)
def de_minimis(result, state, pct):
    results = [a.de_minimis for a in result.alternatives if a.de_minimis]
    assert results, "de minimis was not needed"
    dm = results[0]
    assert display_percent(dm.share) == pct
    assert dm.passed is (state == "saves"), dm.reason


@then(parsers.parse('criterion {criterion} is not met because "{words}"'))
def criterion_not_met(result, criterion, words):
    c = next(c for c in result.criteria if c.criterion == criterion)
    assert c.met is False and words in c.reason, c.reason


# ---- the command line, as a new user runs it ------------------------------------------


def run_cli(*args: str, cwd: Path = ROOT) -> CliRun:
    """A scenario's ``roo-check ARGS``, run in-process from ``cwd`` (the repository's root
    unless the scenario says otherwise): the installed script itself is proved by the few
    tests that start it (tests/hostile/test_hostile_corpus.py::test_entry_point)."""
    return run_main(list(args), cwd=cwd)


@when(parsers.parse('I run "roo-check {args}"'), target_fixture="cli")
def i_run(args):
    return run_cli(*args.split())


@when(parsers.parse('I run "roo-check {args}" in a scratch folder'), target_fixture="cli")
def i_run_in_scratch(args, scratch):
    return run_cli(*[a.replace("SCRATCH", str(scratch)) for a in args.split()])


@then(parsers.parse("the exit code is {code:d}"))
def exit_code(cli, code):
    assert cli.returncode == code, cli.stdout + cli.stderr


@then(parsers.parse('the output says "{words}"'))
def output_says(cli, words):
    assert words in cli.stdout, cli.stdout


@then(parsers.parse('standard error is one line naming "{first}" and "{second}"'))
def one_error_line(cli, first, second):
    lines = cli.stderr.strip().splitlines()
    assert len(lines) == 1, cli.stderr
    assert first in lines[0] and second in lines[0], lines[0]
    assert "Traceback" not in cli.stderr


# ---- scratch copies for hostile-input scenarios ------------------------------------------

SECRET = "TOP-SECRET-PASSWORD-4711"


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    return tmp_path


@given(
    parsers.parse(
        'a copy of sample "{name}" whose certificate declares an external '
        "entity reading a secret file"
    )
)
def hostile_certificate(scratch, name):
    import shutil

    secret = scratch / "secret.txt"
    secret.write_text(SECRET)
    target = scratch / "shipment"
    shutil.copytree(ROOT / "samples" / name, target)
    for old in target.glob("certificate.*"):
        old.unlink()
    (target / "certificate.xml").write_text(
        '<?xml version="1.0"?>\n'
        f'<!DOCTYPE certificate [<!ENTITY leak SYSTEM "file://{secret}">]>\n'
        '<certificate xmlns="urn:roo-check:usmca:certificate:1">'
        "<certifierRole>producer</certifierRole>"
        "<certifier><name>&leak;</name></certifier></certificate>\n"
    )


@given(
    parsers.parse(
        'a copy of the bundled rules where "{relpath}" has the unknown key '
        '"{key}" in its first rule'
    )
)
def broken_rules(scratch, relpath, key):
    import shutil

    import yaml

    from roo_check.rulebook.load import default_rules_dir

    target = scratch / "rules"
    shutil.copytree(default_rules_dir(), target)
    path = target / relpath
    data = yaml.safe_load(path.read_text())
    data["rules"][0][key] = "60"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))


@then("nothing outside the input was read")
def nothing_leaked(cli):
    assert SECRET not in cli.stdout and SECRET not in cli.stderr


@then(parsers.parse('the JSON report records "{key}" for every input file'))
def json_records(cli, key):
    import json

    report = json.loads(cli.stdout)
    inputs = [i for s in report["shipments"] for i in s["inputs"]]
    assert inputs and all(len(i[key]) == 64 for i in inputs)
    assert report["version"] and len(report["ruleset_hash"]) == 64


@then(parsers.parse("the JSON report has {count:d} determinations and {errors:d} input errors"))
def json_counts(cli, count, errors):
    import json

    report = json.loads(cli.stdout)
    assert sum(len(s["determinations"]) for s in report["shipments"]) == count
    assert sum(len(s["errors"]) for s in report["shipments"]) == errors


# ---- flags --------------------------------------------------------------------------------


@given(parsers.parse('its production steps are "{steps}"'))
def production_steps(case, steps):
    case["good"]["production_steps"] = [s.strip() for s in steps.split(";")]


@given("a configuration:", target_fixture="configured")
def a_configuration(case, docstring, tmp_path):
    from roo_check.loaders.config import load_config
    from roo_check.rulebook.configure import apply_config

    path = tmp_path / "roo-check.toml"
    path.write_text(docstring)
    config, _ = load_config(path)
    case["rulebook"] = apply_config(case["rulebook"], config, str(path))
    case["suppress"] = config.suppress
    return config


@when("the shipment is checked", target_fixture="shipment_result")
def shipment_checked(case):
    from roo_check.engine.evaluate import evaluate_shipment
    from roo_check.models import ShipmentFile

    others = case.get("other_goods", [])
    shipment = ShipmentFile(
        name="scenario",
        goods=[Good.model_validate(g) for g in (case["good"], *(o["good"] for o in others))],
        bom=[
            BomLine.model_validate(line)
            for line in (*case["bom"], *(line for o in others for line in o["bom"]))
        ],
    )
    return evaluate_shipment(
        shipment, case["rulebook"], case["date"], suppressions=case.get("suppress", ())
    )


@pytest.fixture
def result(shipment_result, case) -> Determination:
    """The scenario's good's determination when a scenario checked the whole shipment (the
    first good's if the scenario named none)."""
    part = case["good"].get("part_number")
    found = [d for d in shipment_result.determinations if d.good_part_number == part]
    return found[0] if found else shipment_result.determinations[0]


def _flags(shipment_result):
    return [f for f in shipment_result.findings if f.kind.value == "flag"]


@then(parsers.parse("flag {rule_id} is raised"))
def flag_raised(shipment_result, rule_id):
    assert any(f.rule_id == rule_id for f in _flags(shipment_result)), _flags(shipment_result)


@then(parsers.parse("flag {rule_id} is not raised"))
def flag_not_raised(shipment_result, rule_id):
    assert not any(f.rule_id == rule_id for f in _flags(shipment_result))


@then(parsers.parse('flag {rule_id} says "{words}"'))
def flag_says(shipment_result, rule_id, words):
    found = [f for f in _flags(shipment_result) if f.rule_id == rule_id]
    assert found and any(words in f.message for f in found), [f.message for f in found]


@then(parsers.parse("flag {rule_id} names row {row:d} of the bill of materials as evidence"))
def flag_evidence_row(shipment_result, rule_id, row):
    found = [f for f in _flags(shipment_result) if f.rule_id == rule_id]
    assert any(e.location == f"row {row}" for f in found for e in f.evidence), found


@then(parsers.parse('flag {rule_id} is suppressed by "{owner}"'))
def flag_suppressed(shipment_result, rule_id, owner):
    found = [f for f in _flags(shipment_result) if f.rule_id == rule_id]
    assert found and all(f.suppressed and f.suppressed.owner == owner for f in found)


@then(parsers.re(r'the flags raised are exactly "(?P<ids>[^"]*)"'))
def flags_exactly(cli, ids):
    import json

    report = json.loads(cli.stdout)
    raised = sorted(
        f["rule_id"] for s in report["shipments"] for f in s["findings"] if f["kind"] == "flag"
    ) + sorted(f["rule_id"] for f in report["batch_findings"])
    expected = sorted(i.strip() for i in ids.split(",") if i.strip())
    assert raised == expected, raised


@given(parsers.parse('a configuration file "{name}" in a scratch folder:'))
def config_file_in_scratch(scratch, name, docstring):
    (scratch / name).write_text(docstring)


@when(parsers.parse('I run "roo-check {args}" in the scratch folder'), target_fixture="cli")
def i_run_in_the_scratch_folder(args, scratch):
    return run_cli(*[a.replace("ROOT", str(ROOT)) for a in args.split()], cwd=scratch)


@then(parsers.parse('the file "{name}" in the scratch folder is a JSON report'))
def json_report_file(scratch, name):
    import json

    data = json.loads((scratch / name).read_text())
    assert data["tool"] == "roo-check" and data["shipments"]


# ---- USMCA Chapter 4: what the other files of a shipment say -----------------------------


@given(
    parsers.re(
        r"its (?P<what>sales promotion, marketing and after-sales service costs|royalties|"
        r"shipping and packing costs|non-allowable interest costs) (?:are|is) "
        r"(?P<amount>[\d,.]+) USD"
    )
)
def an_excluded_cost(case, what, amount):
    name = {
        "sales promotion, marketing and after-sales service costs": "sales_promotion_costs",
        "royalties": "royalties",
        "shipping and packing costs": "shipping_packing_costs",
        "non-allowable interest costs": "non_allowable_interest",
    }[what]
    case["good"][name] = _amount(amount)


@given(parsers.parse("its production date is {day}"))
def production_date(case, day):
    case["good"]["production_date"] = day


@given("it is classified as a set under GRI 3")
def gri3_set(case):
    case["good"]["gri3_set"] = True


@given("its shipment states no routing")
def no_routing(case):
    case["routing"] = None


@given("its shipment is routed:")
def routed(case, datatable):
    from roo_check.models.shipment import RoutingLeg

    header, *rows = datatable
    legs = []
    for row in rows:
        data = dict(zip(header, row, strict=True))
        legs.append(
            RoutingLeg(
                from_place=data["from"],
                from_country=data["from country"],
                to_place=data["to"],
                to_country=data["to country"],
                under_customs_control=_YES_NO[data["under customs control"]],
                operations=[o.strip() for o in data["operations"].split(";") if o.strip()],
            )
        )
    case["routing"] = legs


@given(
    parsers.parse(
        'supplier "{supplier}" produced material {material} in {country} and lists its '
        'inputs in statement "{evidence}":'
    )
)
def supplier_bom(case, supplier, material, country, evidence, datatable):
    from roo_check.models.accumulation import SupplierBom

    lines = [BomLine.model_validate(line) for line in bom_lines(material, datatable)]
    case.setdefault("supplier_boms", []).append(
        SupplierBom(
            material=material,
            good_part_number=case["good"]["part_number"],
            supplier=supplier,
            country_of_production=country,
            currency="USD",
            evidence=evidence,
            lines=lines,
            source=f"suppliers/{material}.csv",
        )
    )


@given(parsers.parse("the stock records of material {material} for the fiscal year from {start}:"))
def stock_records(case, material, start, datatable):
    from roo_check.models.inventory import InventoryRecord

    header, *rows = datatable
    records = []
    for index, row in enumerate(rows):
        data = dict(zip(header, row, strict=True))
        records.append(
            InventoryRecord(
                part_number=material,
                date=dt.date.fromisoformat(data["date"]),
                movement=data["movement"],
                quantity=_amount(data["quantity"]),
                unit_value=_amount(data["unit value"]) or None,
                origin_status=data["origin"] or None,
                good_part_number=data.get("good") or None,
                row=index + 2,
            )
        )
    case["stock"] = (dt.date.fromisoformat(start), records)


@given(parsers.parse("the producer manages that stock by the {method} method"))
def inventory_method(case, method):
    from roo_check.models.inventory import Inventory

    methods = {
        "FIFO": "fifo",
        "LIFO": "lifo",
        "average": "average",
        "specific identification": "specific_identification",
    }
    start, records = case["stock"]
    case["inventory"] = Inventory(
        method=methods[method], fiscal_year_start=start, currency="USD", records=records
    )


@given(
    parsers.re(
        r'the shipment also holds the good "(?P<part>[^"]+)", "(?P<desc>[^"]+)", of subheading '
        r"(?P<hs>[\d.]+) produced in (?P<country>[A-Z]{2}) by \"(?P<steps>[^\"]+)\" at a "
        r"transaction value of (?P<tv>[\d,.]+) USD, made from:"
    )
)
def another_good(case, part, desc, hs, country, steps, tv, datatable):
    good = {
        "part_number": part,
        "description": desc,
        "hs_code": hs,
        "country_of_production": country,
        "producer": "Producer SA de CV",
        "currency": "USD",
        "transaction_value": _amount(tv),
        "production_steps": [s.strip() for s in steps.split(";")],
    }
    case.setdefault("other_goods", []).append({"good": good, "bom": bom_lines(part, datatable)})


@when("the good is checked for input errors", target_fixture="input_error")
def checked_for_input_errors(case):
    """The check as far as it goes; the error that stops it (None if it does not stop)."""
    from pydantic import ValidationError

    from roo_check.errors import RooCheckError

    try:
        checked(case)
    except (RooCheckError, ValidationError) as exc:
        return exc
    return None


@then(parsers.parse('the check stops with an input error on field "{field}"'))
def input_error_on(input_error, field):
    from roo_check.errors import InputError

    assert isinstance(input_error, InputError), input_error
    assert input_error.field == field, input_error


@then(parsers.parse('the input error says "{words}"'))
def input_error_says(input_error, words):
    assert words in str(input_error), str(input_error)


# ---- the command line in-process (click's CliRunner) -------------------------------------


@dataclass(frozen=True)
class CliRun:
    """What a run of the command line gave, shaped like ``subprocess.CompletedProcess``."""

    returncode: int
    stdout: str
    stderr: str


def run_main(argv: list[str], *, cwd: Path | None = None) -> CliRun:
    """``roo_check.cli.main`` in-process, as the installed entry point runs it: through the
    top-level guard that maps every outcome to its exit code, from ``cwd`` if given (where a
    ``roo-check.toml`` is looked for and relative paths start).

    A fresh interpreter per run cost about 0.9 s of imports and rule loading; in-process,
    the modules and the loaded rule set are shared by every scenario of a test worker."""
    from click.testing import CliRunner

    from roo_check.cli import main

    code: int | str | None = 0
    with (
        contextlib.chdir(cwd or Path.cwd()),
        _named_roo_check(),
        CliRunner().isolation() as (out, err, _),
    ):
        try:
            main(argv)
        except SystemExit as exc:
            code = exc.code
    if not isinstance(code, int):  # sys.exit(None) is 0, sys.exit("text") is 1
        code = 0 if code is None else 1
    return CliRun(code, out.getvalue().decode(), err.getvalue().decode())


@contextlib.contextmanager
def _named_roo_check() -> Iterator[None]:
    """Click names the program after ``sys.argv[0]`` (or ``python -m PACKAGE`` when
    ``__main__`` is a package): inside pytest that would be "pytest" in every usage hint, where
    the installed script says ``roo-check``."""
    main_module = sys.modules["__main__"]
    argv, package = sys.argv, getattr(main_module, "__package__", None)
    sys.argv = ["roo-check"]
    main_module.__package__ = None
    try:
        yield
    finally:
        sys.argv = argv
        main_module.__package__ = package


@when(parsers.parse('I run "roo-check {args}" in-process'), target_fixture="cli")
def i_run_in_process(args, scratch) -> CliRun:
    """As ``roo_check.cli.main`` runs it: a user's error is one line and exit code 2."""
    return run_main([a.replace("SCRATCH", str(scratch)) for a in args.split()], cwd=ROOT)


@given(parsers.parse('a file "{relpath}" in the scratch folder:'))
def file_in_scratch(scratch, relpath, docstring):
    path = scratch / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(docstring + "\n")


# ---- known disagreements between the engine and the law ----------------------------------

DISAGREES = "engine-disagrees-with-law"


def pytest_bdd_apply_tag(tag, function):
    """A scenario tagged @engine-disagrees-with-law states what the law says and is expected to
    fail until the engine follows it (strict: it fails the run once the engine does)."""
    if tag != DISAGREES:
        return None
    marker = pytest.mark.xfail(
        strict=True, reason="the engine disagrees with the law here (see the scenario's comment)"
    )
    marker(function)
    return True
