"""Steps for the transit (TRANS) and economic plausibility (ECON) flag scenarios.

Each scenario copies a bundled sample into a scratch folder, edits its shipment documents
(routing, invoice) or goods table, loads it as the command line would and checks it. Only
the TRANS and ECON flags are run: the other flag families have their own scenarios.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import re
import shutil
from pathlib import Path

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from roo_check.engine.evaluate import evaluate_shipment
from roo_check.engine.flags import batch_flags
from roo_check.engine.flags.context import ShipmentContext
from roo_check.loaders import load_path
from roo_check.models.findings import Finding, FindingKind
from roo_check.rulebook.load import load_rulebook

scenarios("flags/transshipment.feature")
scenarios("flags/plausibility.feature")

SAMPLES = Path(__file__).resolve().parents[3] / "samples"
MINE = ("TRANS", "ECON")
_STOP = re.compile(r"^(?P<place>.+) \((?P<country>[A-Z]{2})\)$")


@pytest.fixture(scope="module")
def transit_rulebook():
    rulebook = load_rulebook()
    return dataclasses.replace(
        rulebook, flags=tuple(f for f in rulebook.flags if f.id.startswith(MINE))
    )


@pytest.fixture
def docs(tmp_path: Path, transit_rulebook) -> dict:
    """The scratch copies of samples and the rule book the scenario runs with."""
    return {"folders": [], "rulebook": transit_rulebook, "root": tmp_path}


def _copy(docs: dict, sample: str, name: str) -> Path:
    target = docs["root"] / name
    shutil.copytree(SAMPLES / sample, target)
    docs["folders"].append(target)
    return target


def _shipment_json(docs: dict) -> Path:
    [folder] = docs["folders"]
    return folder / "shipment.json"


def _edit_shipment(docs: dict, change) -> None:
    path = _shipment_json(docs)
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")


def _amount(text: str) -> str:
    return text.replace(",", "")


# ---- given ------------------------------------------------------------------------------


@given(parsers.parse('a copy of sample "{sample}"'))
def a_copy(docs, sample):
    _copy(docs, sample, sample)


@given("the shipment is routed:")
def routed(docs, datatable):
    header, *rows = datatable
    legs = []
    for row in rows:
        cell = dict(zip(header, (c.strip() for c in row), strict=True))
        start, end = _STOP.match(cell["from"]), _STOP.match(cell["to"])
        assert start and end, f"write places as 'Colon (PA)': {cell}"
        leg: dict[str, object] = {
            "from_place": start["place"],
            "from_country": start["country"],
            "to_place": end["place"],
            "to_country": end["country"],
            "operations": [op.strip() for op in cell["operations"].split(";") if op.strip()],
        }
        for field in ("departure", "arrival"):
            if cell[field]:
                leg[field] = cell[field]
        control = {"yes": True, "no": False, "not stated": None}[cell["customs control"]]
        if control is not None:
            leg["under_customs_control"] = control
        legs.append(leg)
    _edit_shipment(docs, lambda data: data.update(routing=legs))


@given(parsers.parse('the invoice is issued by "{name}" in {country}'))
def invoice_issuer(docs, name, country):
    _edit_shipment(
        docs, lambda data: data["invoice"].update(issuer={"name": name, "country": country})
    )


@given(
    parsers.re(
        r"the invoice prices (?P<part>\S+) at (?P<price>[\d,.]+) (?P<currency>[A-Z]{3}) a unit"
    )
)
def invoice_price(docs, part, price, currency):
    def change(data):
        lines = [line for line in data["invoice"]["lines"] if line["good_part_number"] == part]
        assert lines, f"the invoice has no line for {part}"
        for line in lines:
            line.update(unit_price=_amount(price), currency=currency)

    _edit_shipment(docs, change)


@given(
    parsers.re(r"the company sets (?P<param>\w+) to (?P<value>[\d.]+) for (?P<rule_id>[A-Z]+\d{3})")
)
def company_sets(docs, param, value, rule_id):
    rulebook = docs["rulebook"]
    flags = tuple(
        f.model_copy(update={"params": {**f.params, param: value}}) if f.id == rule_id else f
        for f in rulebook.flags
    )
    assert any(f.id == rule_id for f in flags), rule_id
    docs["rulebook"] = dataclasses.replace(rulebook, flags=flags)


@given(
    parsers.re(r'copies of sample "(?P<sample>[^"]+)" with the good classified in (?P<codes>.+)')
)
def classified_copies(docs, sample, codes):
    for number, code in enumerate(re.split(r",\s*|\s+and\s+", codes), start=1):
        _edit_goods(_copy(docs, sample, f"copy-{number}"), hs_code=code.strip(), tariff_item="")


@given(parsers.parse('the producer in {copy} is written "{name}"'))
def producer_written(docs, copy, name):
    _edit_goods(docs["root"] / copy, producer=name)


def _edit_goods(folder: Path, **values: str) -> None:
    path = folder / "goods.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        fields = list(reader.fieldnames or [])
        rows = [{**row, **values} for row in reader]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


# ---- when -------------------------------------------------------------------------------


def _flags(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.kind is FindingKind.flag]


@when("roo-check checks the shipment", target_fixture="raised")
def check_shipment(docs) -> list[Finding]:
    [folder] = docs["folders"]
    return _flags(evaluate_shipment(load_path(folder), docs["rulebook"]).findings)


@when("roo-check checks the batch", target_fixture="raised")
def check_batch(docs) -> list[Finding]:
    rulebook = docs["rulebook"]
    contexts = []
    for folder in docs["folders"]:
        shipment = load_path(folder)
        result = evaluate_shipment(shipment, rulebook)
        contexts.append(
            ShipmentContext.build(
                shipment, result.determinations, rulebook.parties, rulebook.chapter4.transit
            )
        )
    first = min(d.evaluation_date for c in contexts for d in (g.determination for g in c.goods))
    return _flags(batch_flags(contexts, rulebook, first))


# ---- then -------------------------------------------------------------------------------

RULE = r"(?P<rule_id>(?:TRANS|ECON)\d{3})"


def _of(raised: list[Finding], rule_id: str) -> list[Finding]:
    found = [f for f in raised if f.rule_id == rule_id]
    assert found, f"{rule_id} was not raised; raised: {[(f.rule_id, f.message) for f in raised]}"
    return found


@then(parsers.re(RULE + r' is raised with evidence "(?P<where>[^"]+)"'))
def raised_with_evidence(raised, rule_id, where):
    found = _of(raised, rule_id)
    locations = [e.location for f in found for e in f.evidence]
    assert where in locations, locations
    assert all(e.source for f in found for e in f.evidence)


@then(parsers.re(RULE + r" is raised for good (?P<part>\S+)"))
def raised_for_good(raised, rule_id, part):
    assert part in [f.good_part_number for f in _of(raised, rule_id)]


@then(parsers.re(RULE + r" is not raised"))
def not_raised(raised, rule_id):
    assert not [f for f in raised if f.rule_id == rule_id], [f.message for f in raised]


@then(parsers.re(RULE + r' says "(?P<words>.+)"'))
def says(raised, rule_id, words):
    messages = [f.message for f in _of(raised, rule_id)]
    assert any(words in m for m in messages), messages


@then(parsers.re(RULE + r" shows:"))
def shows(raised, rule_id, datatable):
    header, *rows = datatable
    figures = [f.figures for f in _of(raised, rule_id)]
    for row in rows:
        wanted = {h.strip().replace(" ", "_"): v.strip() for h, v in zip(header, row, strict=True)}
        assert any(wanted.items() <= f.items() for f in figures), figures


@then(parsers.re(RULE + r' is compared with "(?P<threshold>[^"]+)"'))
def compared_with(raised, rule_id, threshold):
    assert {f.threshold for f in _of(raised, rule_id)} == {threshold}


@then("none of the transit or price flags is raised")
def none_raised(raised):
    assert raised == [], [(f.rule_id, f.message) for f in raised]


@then("the transit flags concern the whole shipment, not one good")
def shipment_wide(raised):
    transit = [f for f in raised if f.rule_id.startswith("TRANS")]
    assert transit and all(f.good_part_number is None for f in transit)
    assert len({(f.rule_id, f.subject) for f in transit}) == len(transit), "one finding per stop"


@then(parsers.re(RULE + r' is raised once, for producer "(?P<producer>[^"]+)"'))
def raised_once_for(raised, rule_id, producer):
    [finding] = _of(raised, rule_id)
    assert finding.good_part_number is None
    assert finding.subject == f"producer {producer}"


@then(
    parsers.re(
        r"the " + RULE + r" evidence lists (?P<part>\S+) in chapter (?P<chapter>\d{2}) "
        r'from shipment "(?P<shipment>[^"]+)"'
    )
)
def evidence_lists(raised, rule_id, part, chapter, shipment):
    evidence = [e for f in _of(raised, rule_id) for e in f.evidence]
    assert any(
        e.location == f"good {part}"
        and e.value.endswith(f"(chapter {chapter})")
        and e.note == f"shipment {shipment}"
        and e.source.endswith("goods.csv")
        for e in evidence
    ), evidence
