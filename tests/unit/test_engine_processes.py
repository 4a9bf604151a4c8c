"""General rules (processes), by-weight requirements and textile de minimis by weight.

Textile figures: reference notes section 7, Ex 5 (textile variant): a fabric of 1,000 g with
80 g of non-shifting yarn, 50 g of it elastomeric, passes (8% <= 10%, 5% <= 7%); with 75 g
elastomeric it fails (7.5% > 7%).
"""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from roo_check.engine.evaluate import evaluate_good
from roo_check.models.findings import Status
from roo_check.rulebook.load import default_rules_dir, load_rulebook
from tests.unit.builders import good, line

DAY = dt.date(2026, 3, 1)

RULES = """
schema_version: 1
kind: product_specific_rules
chapter: 29
title: test rules
citation: "HTSUS General Note 11(o)"
source: {document: GN 11, edition: test, hs_edition: HS2022, transcription: test, verified: false}
general_rules:
  - id: GEN-28-38-A
    scope: ["28-38"]
    except: ["3301", "3823", "2916.32", "3502.11-3502.19"]
    citation: "GN 11(n)(iv)(A)"
    text: "A good of chapters 28 through 38 ... that results from a chemical reaction ..."
    alternatives:
      - {label: A, process: ["chemical reaction"], text: "results from a chemical reaction in the territory"}
rules:
  - id: PSR-2905.11
    provision: "2905.11"
    scope: ["2905.11"]
    citation: "GN 11(o) ch. 29"
    text: "A change to subheading 2905.11 from any other subheading."
    alternatives:
      - {label: A, shift: {from_any_other: subheading}, text: "A change to subheading 2905.11 from any other subheading."}
  - id: PSR-3301.12
    provision: "3301.12"
    scope: ["3301.12"]
    citation: "GN 11(o) ch. 33"
    text: "A change to subheading 3301.12 from any other subheading."
    alternatives:
      - {label: A, shift: {from_any_other: subheading}, text: "A change to subheading 3301.12 from any other subheading."}
  - id: PSR-8609
    provision: "8609"
    scope: ["8609"]
    citation: "GN 11(o) ch. 86"
    text: "(b) A change to heading 8609 from headings 7208 through 7229 ..., provided that at least 70 percent by weight ..."
    alternatives:
      - label: b
        shift: {from: ["7208-7229", "7301-7326"]}
        weight_requirement: {materials: ["7208-7229", "7301-7326"], min_originating_percent: "70"}
        text: "A change to heading 8609 from headings 7208 through 7229 or 7301 through 7326, provided that at least 70 percent by weight ... is originating"
  - id: PSR-5208.11
    provision: "5208.11"
    scope: ["5208.11"]
    citation: "GN 11(o) ch. 52"
    text: "A change to subheading 5208.11 from any other heading."
    alternatives:
      - {label: A, shift: {from_any_other: heading}, text: "A change to subheading 5208.11 from any other heading."}
  - id: PSR-6109.10
    provision: "6109.10"
    scope: ["6109.10"]
    citation: "GN 11(o) ch. 61"
    text: "A change to subheading 6109.10 from any other chapter."
    alternatives:
      - {label: A, shift: {from_any_other: chapter}, text: "A change to subheading 6109.10 from any other chapter."}
"""


@pytest.fixture(scope="module")
def rulebook(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("rules")
    shutil.copy(default_rules_dir() / "usmca" / "origin-criteria.yaml", root / "criteria.yaml")
    shutil.copy(default_rules_dir() / "usmca" / "chapter-4-articles.yaml", root / "chapter4.yaml")
    (root / "rules.yaml").write_text(RULES)
    return load_rulebook(root)


METHANOL = [line("CRUDE", "2905.11", "600")]


def test_chemical_reaction_qualifies_through_the_general_rule(rulebook):
    g = good(
        "2905.11", transaction_value="1000", production_steps=["synthesis", "chemical reaction"]
    )
    d = evaluate_good(g, METHANOL, rulebook, DAY)
    assert d.status is Status.originating and d.criterion == "B"
    assert [a.label for a in d.alternatives if a.passed] == ["GEN-28-38-A"]


def test_without_production_steps_the_general_rule_cannot_decide(rulebook):
    d = evaluate_good(good("2905.11", transaction_value="1000"), METHANOL, rulebook, DAY)
    assert d.status is Status.cannot_decide
    assert any("production_steps" in str(m) for m in d.missing)


def test_stated_steps_without_the_process_fail(rulebook):
    g = good("2905.11", transaction_value="1000", production_steps=["repackaging"])
    assert evaluate_good(g, METHANOL, rulebook, DAY).status is Status.not_originating


def test_general_rule_exceptions_are_respected(rulebook):
    g = good("3301.12", transaction_value="100", production_steps=["chemical reaction"])
    d = evaluate_good(g, [line("OIL", "3301.12", "60")], rulebook, DAY)
    assert d.status is Status.not_originating
    assert all(not a.label.startswith("GEN") for a in d.alternatives)


@pytest.mark.parametrize(
    ("originating_kg", "status"), [("700", Status.originating), ("690", Status.not_originating)]
)
def test_weight_requirement_70_percent_of_steel(rulebook, originating_kg, status):
    rest = str(1000 - int(originating_kg))
    bom = [
        line(
            "PLATE-MX",
            "7208.51",
            "500",
            status="originating",
            country="MX",
            weight_kg=originating_kg,
        ),
        line("PLATE-CN", "7208.51", "300", weight_kg=rest),
    ]
    d = evaluate_good(good("8609.00", transaction_value="5000"), bom, rulebook, DAY)
    assert d.status is status


def test_weight_requirement_needs_weights(rulebook):
    bom = [line("PLATE-CN", "7208.51", "300")]
    d = evaluate_good(good("8609.00", transaction_value="5000"), bom, rulebook, DAY)
    assert d.status is Status.cannot_decide and any("weight_kg" in str(m) for m in d.missing)


@pytest.mark.parametrize(
    ("elastomeric_g", "status"), [("50", Status.originating), ("75", Status.not_originating)]
)
def test_textile_de_minimis_by_weight_ex5(rulebook, elastomeric_g, status):
    plain = str(80 - int(elastomeric_g))
    bom = [
        line(
            "YARN-CN",
            "5208.19",
            "5",
            weight_kg=f"0.0{plain}" if len(plain) == 2 else f"0.00{plain}",
        ),
        line("ELASTANE", "5208.19", "3", weight_kg=f"0.0{elastomeric_g}", elastomeric=True),
        line("COTTON", "5205.11", "40", weight_kg="0.920"),
    ]
    d = evaluate_good(
        good("5208.11", transaction_value="100", weight_kg="1.000"), bom, rulebook, DAY
    )
    assert d.status is status
    assert d.alternatives[0].de_minimis.measure == "weight"


def test_textile_de_minimis_needs_weights(rulebook):
    bom = [line("YARN-CN", "5208.19", "5")]
    d = evaluate_good(good("5208.11", transaction_value="100"), bom, rulebook, DAY)
    assert d.status is Status.cannot_decide


def test_apparel_de_minimis_is_measured_on_the_classifying_component(rulebook):
    component = [
        line(
            "BODY-FABRIC",
            "6006.22",
            "2",
            status="originating",
            country="US",
            weight_kg="0.180",
            classifying_component=True,
        ),
        line("YARN-CN", "6109.10", "0.10", weight_kg="0.012", classifying_component=True),
    ]
    d = evaluate_good(
        good("6109.10", transaction_value="8", weight_kg="0.200"), component, rulebook, DAY
    )
    assert d.status is Status.originating  # 12 g of 192 g = 6.25%
    outside = [*component[:1], line("LABEL-CN", "6109.10", "0.02", weight_kg="0.002")]
    d = evaluate_good(
        good("6109.10", transaction_value="8", weight_kg="0.200"), outside, rulebook, DAY
    )
    assert d.status is Status.not_originating
