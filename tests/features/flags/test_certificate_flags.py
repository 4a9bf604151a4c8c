"""Steps for the certificate integrity (CERT) flag scenarios.

Each scenario copies a bundled clean sample into a scratch folder and changes the
certificate, the invoice, the goods file or the bill of materials the way an analyst
describes it, then loads the folder as the command line would and checks it. Only the CERT
flags are run: the other flag families have their own scenarios, and a clean sample must
raise no certificate flag whatever they do.

A changed certificate is written back as ``certificate.json`` (the XML of sample 01 is
replaced), so evidence names that file. The flag steps of tests/features/conftest.py
(``flag X says``, ``flag X is not raised``, ``flag X names row N ...``) read the
``shipment_result`` this module's When step returns.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from pytest_bdd import given, parsers, scenarios, then, when

from roo_check.engine.evaluate import evaluate_shipment
from roo_check.loaders import load_path
from roo_check.models.findings import Finding, ShipmentResult, Status
from roo_check.rulebook.index import Rulebook
from roo_check.rulebook.load import load_rulebook

scenarios("flags/certificate.feature")

SAMPLES = Path(__file__).resolve().parents[3] / "samples"
_TOKEN = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


@pytest.fixture(scope="module")
def certificate_rulebook() -> Rulebook:
    rulebook = load_rulebook()
    return dataclasses.replace(
        rulebook, flags=tuple(f for f in rulebook.flags if f.id.startswith("CERT"))
    )


@pytest.fixture
def folder() -> dict[str, Path]:
    """The scratch copy of the sample the scenario works on (set by the Given step)."""
    return {}


# ---- editing documents by the paths the analyst reads in evidence -------------------------


def _path(text: str) -> list[str | int]:
    """``goods[0].hs_code`` -> ["goods", 0, "hs_code"]."""
    return [int(index) if index else name for name, index in _TOKEN.findall(text)]


def _value(text: str) -> Any:
    return {"true": True, "false": False}.get(text.strip(), text.strip())


def _apply(data: dict[str, Any], table: list[list[str]]) -> None:
    """Set each ``element`` to ``value``; "(removed)" deletes it; missing parents are made."""
    header, *rows = table
    for row in rows:
        change = dict(zip(header, row, strict=True))
        *parents, last = _path(change["element"])
        node: Any = data
        for key in parents:
            if isinstance(key, str) and key not in node:
                node[key] = {}
            node = node[key]
        if change["value"].strip() == "(removed)":
            node.pop(last, None)
        else:
            node[last] = _value(change["value"])


def _read_table(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def _write_table(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)


def _shipment_document(root: Path) -> Path:
    return next(p for p in root.glob("shipment.*") if p.suffix in (".json", ".yaml", ".yml"))


def _edit_shipment(root: Path, change) -> None:
    path = _shipment_document(root)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))  # JSON is YAML too
    change(data)
    if path.suffix == ".json":
        path.write_text(json.dumps(data, indent=2, default=str), encoding="utf-8")
    else:
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


# ---- given --------------------------------------------------------------------------------


@given(parsers.parse('a copy of the shipment "{sample}"'))
def a_copy(folder, tmp_path, sample):
    target = tmp_path / sample
    shutil.copytree(SAMPLES / sample, target)
    folder["root"] = target


@given("the certificate is removed")
def certificate_removed(folder):
    for path in folder["root"].glob("certificate.*"):
        path.unlink()


@given("the certificate is changed:")
def certificate_changed(folder, datatable):
    root = folder["root"]
    certificate = load_path(root).certificate
    assert certificate is not None, "the sample has no certificate to change"
    data = certificate.model_dump(mode="json", exclude_none=True)
    _apply(data, datatable)
    for path in root.glob("certificate.*"):
        path.unlink()
    (root / "certificate.json").write_text(json.dumps(data, indent=2), encoding="utf-8")


@given("the invoice is changed:")
def invoice_changed(folder, datatable):
    _edit_shipment(folder["root"], lambda data: _apply(data["invoice"], datatable))


@given(parsers.parse('the invoice also bills {quantity:d} of "{part}" at {price} {currency}'))
def invoice_also_bills(folder, quantity, part, price, currency):
    line = {
        "good_part_number": part,
        "quantity": quantity,
        "unit_price": price,
        "currency": currency,
    }
    _edit_shipment(folder["root"], lambda data: data["invoice"]["lines"].append(line))


@given(parsers.parse('in the bill of materials, material "{part}" is classified in {hs}'))
def material_classified(folder, part, hs):
    path = folder["root"] / "bom.csv"
    header, rows = _read_table(path)
    matched = [row for row in rows if row["part_number"] == part]
    assert matched, f"no material {part} in {path.name}"
    for row in matched:
        row["hs_code"] = hs
    _write_table(path, header, rows)


@given(parsers.parse('the goods file gives good "{part}" no transaction value or net cost'))
def no_values(folder, part):
    path = folder["root"] / "goods.csv"
    header, rows = _read_table(path)
    for row in rows:
        if row["part_number"] == part:
            row["transaction_value"] = row["net_cost"] = ""
    _write_table(path, header, rows)


@given(
    parsers.parse('the goods file also lists good "{part}", "{description}", built like {model}')
)
def another_good(folder, part, description, model):
    root = folder["root"]
    header, goods = _read_table(root / "goods.csv")
    [original] = [g for g in goods if g["part_number"] == model]
    goods.append({**original, "part_number": part, "description": description})
    _write_table(root / "goods.csv", header, goods)
    header, bom = _read_table(root / "bom.csv")
    bom += [{**m, "good_part_number": part} for m in bom if m["good_part_number"] == model]
    _write_table(root / "bom.csv", header, bom)


# ---- when ---------------------------------------------------------------------------------


@when("its certificate is checked", target_fixture="shipment_result")
def certificate_checked(folder, certificate_rulebook) -> ShipmentResult:
    return evaluate_shipment(load_path(folder["root"]), certificate_rulebook)


# ---- then ---------------------------------------------------------------------------------


def _raised(result: ShipmentResult, rule_id: str | None = None) -> list[Finding]:
    return [
        f
        for f in result.findings
        if f.kind.value == "flag"
        and f.rule_id.startswith("CERT")
        and (rule_id is None or f.rule_id == rule_id)
    ]


def _one_kind(result: ShipmentResult, rule_id: str) -> list[Finding]:
    found = _raised(result, rule_id)
    assert found, f"{rule_id} was not raised: {[f.rule_id for f in _raised(result)]}"
    return found


@then("no certificate flag is raised")
def none_raised(shipment_result):
    assert _raised(shipment_result) == [], [f.message for f in _raised(shipment_result)]


@then(parsers.re(r'the certificate flags are "(?P<ids>[^"]*)"'))
def flags_are(shipment_result, ids):
    expected = sorted(i.strip() for i in ids.split(",") if i.strip())
    raised = sorted(f.rule_id for f in _raised(shipment_result))
    assert raised == expected, [f.message for f in _raised(shipment_result)]


@then("the goods are still originating")
def still_originating(shipment_result):
    assert all(d.status is Status.originating for d in shipment_result.determinations)


@then(parsers.re(r"(?P<rule_id>CERT\d{3}) concerns the certificate as a whole"))
def whole_certificate(shipment_result, rule_id):
    assert all(f.good_part_number is None for f in _one_kind(shipment_result, rule_id))


@then(parsers.re(r'(?P<rule_id>CERT\d{3}) concerns good "(?P<part>[^"]+)"'))
def concerns_good(shipment_result, rule_id, part):
    assert [f.good_part_number for f in _one_kind(shipment_result, rule_id)] == [part]


@then(parsers.re(r'(?P<rule_id>CERT\d{3}) names the missing elements "(?P<elements>[^"]+)"'))
def missing_elements(shipment_result, rule_id, elements):
    subjects = [f.subject for f in _one_kind(shipment_result, rule_id)]
    assert subjects == [e.strip() for e in elements.split(",")]


@then(
    parsers.re(
        r'the evidence of (?P<rule_id>CERT\d{3}) shows "(?P<location>[^"]+)" '
        r'in "(?P<file>[^"]+)" as "(?P<value>[^"]+)"'
    )
)
def evidence_shows(shipment_result, rule_id, location, file, value):
    evidence = [e for f in _one_kind(shipment_result, rule_id) for e in f.evidence]
    assert any(
        e.location == location and Path(e.source).name == file and e.value == value
        for e in evidence
    ), [(Path(e.source).name, e.location, e.value) for e in evidence]


@then(
    parsers.re(r'the figures of (?P<rule_id>CERT\d{3}) show "(?P<key>[^"]+)" as "(?P<value>[^"]+)"')
)
def figures_show(shipment_result, rule_id, key, value):
    assert any(f.figures.get(key) == value for f in _one_kind(shipment_result, rule_id))
