"""Steps shared by every feature file, worded as a compliance analyst speaks.

pytest-bdd steps are fixtures: the ``case`` dict carries the good, its BOM and the result
from one step to the next.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from pytest_bdd import given, parsers, then, when

from roo_check.engine.evaluate import evaluate_good
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


@given(parsers.parse("it is for use in a {use}"))
def end_use(case, use):
    case["good"]["end_use"] = use.replace(" ", "_")


@given(parsers.parse('it is declared wholly obtained: "{basis}"'))
def wholly_obtained(case, basis):
    case["good"]["wholly_obtained_basis"] = basis


@given("its bill of materials:")
def bill_of_materials(case, datatable):
    header, *rows = datatable
    for index, row in enumerate(rows):
        data = dict(zip(header, row, strict=True))
        case["bom"].append(
            {
                "row": index + 2,  # as a spreadsheet numbers it: the header is row 1
                "good_part_number": case["good"]["part_number"],
                "part_number": data["part"],
                "description": data.get("description") or data["part"],
                "hs_code": data["hs"],
                "quantity": "1",
                "unit": "pcs",
                "extended_value": _amount(data["value"]),
                "currency": "USD",
                "country_of_origin": data.get("origin") or None,
                "origin_status": data["status"],
                "product_kind": data.get("kind") or None,
                "provided_as_part": data.get("part of good", "") == "yes",
            }
        )


@when("the good is checked", target_fixture="result")
def checked(case) -> Determination:
    good = Good.model_validate(case["good"])
    bom = [BomLine.model_validate(line) for line in case["bom"]]
    return evaluate_good(good, bom, case["rulebook"], case["date"], case.get("producer"))


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


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    return subprocess.run(
        [sys.executable, "-m", "roo_check.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
    )


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

    shipment = ShipmentFile(
        name="scenario",
        goods=[Good.model_validate(case["good"])],
        bom=[BomLine.model_validate(line) for line in case["bom"]],
    )
    return evaluate_shipment(
        shipment, case["rulebook"], case["date"], suppressions=case.get("suppress", ())
    )


@pytest.fixture
def result(shipment_result) -> Determination:
    """The first good's determination when a scenario checked the whole shipment."""
    return shipment_result.determinations[0]


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
