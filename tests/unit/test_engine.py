"""Evaluators against a small rule set written in the rule schema (verbatim GN 11 texts).

Worked examples cite ../shared/reference/usmca-rules-of-origin.md section 7 ("Ex N").
"""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from roo_check.engine.evaluate import evaluate_good
from roo_check.models.findings import Status
from roo_check.rulebook.load import default_rules_dir, load_rulebook
from tests.unit.builders import good, line

DAY = dt.date(2026, 3, 1)

PSR = """
schema_version: 1
kind: product_specific_rules
chapter: 84
title: test subset of chapter 84
citation: "HTSUS General Note 11(o), chapter 84"
source: {document: GN 11, edition: test, hs_edition: HS2022, transcription: test, verified: false}
rules:
  - id: PSR-8402.11-8402.20
    provision: "8402.11-8402.20"
    scope: ["8402.11-8402.20"]
    citation: "GN 11(o) ch. 84"
    text: "(A) ... from any other heading; or (B) ... from subheading 8402.90 ..."
    alternatives:
      - {label: A, shift: {from_any_other: heading}, text: "A change ... from any other heading"}
      - label: B
        shift: {from_any_other: heading, from: ["8402.90"]}
        rvc: {transaction_value: "60", net_cost: "50"}
        text: "A change ... from subheading 8402.90 ... RVC"
  - id: PSR-8406.10
    provision: "8406.10"
    scope: ["8406.10"]
    citation: "GN 11(o) ch. 84"
    text: "A change to subheading 8406.10 from any other subheading."
    alternatives:
      - {label: A, shift: {from_any_other: subheading}, text: "A change to subheading 8406.10 from any other subheading."}
  - id: PSR-8459.29
    provision: "8459.29"
    scope: ["8459.29"]
    citation: "GN 11(o) ch. 84"
    text: "A change to subheading 8459.29 from any other heading, except from ..."
    alternatives:
      - label: A
        shift: {from_any_other: heading, except: ["8466.93.15", "8466.93.30", "8466.93.53", "8501.32", "8501.52"]}
        text: "A change to subheading 8459.29 from any other heading, except from ..."
  - id: PSR-8484
    provision: "8484"
    scope: ["8484"]
    citation: "GN 11(o) ch. 84"
    text: "A change to heading 8484 from any other heading."
    alternatives:
      - {label: A, shift: {from_any_other: heading}, text: "A change to heading 8484 from any other heading."}
  - id: PSR-8407.31-8407.34-PVLT
    provision: "8407.31-8407.34"
    scope: ["8407.31-8407.34"]
    end_use: [passenger_vehicle, light_truck]
    citation: "GN 11(o) ch. 84"
    text: "For a good ... for use in a passenger vehicle or light truck ..."
    alternatives:
      - {label: A, rvc: {net_cost: "75"}, text: "No change ... 75 percent under the net cost method."}
  - id: PSR-8407.31-8407.34-OTHER
    provision: "8407.31-8407.34"
    scope: ["8407.31-8407.34"]
    end_use: [other]
    citation: "GN 11(o) ch. 84"
    text: "For any other good ..."
    alternatives:
      - label: A
        shift: {from_any_other: heading}
        rvc: {transaction_value: "60", net_cost: "50"}
        text: "A change ... from any other heading, provided ... RVC"
"""


@pytest.fixture(scope="module")
def rulebook(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("rules")
    shutil.copy(default_rules_dir() / "usmca" / "origin-criteria.yaml", root / "criteria.yaml")
    shutil.copy(default_rules_dir() / "usmca" / "chapter-4-articles.yaml", root / "chapter4.yaml")
    (root / "ch84.yaml").write_text(PSR)
    return load_rulebook(Path(root))


def test_ex2_rvc_alternative_saves_boiler(rulebook):
    """Ex 2: 8402.11, TV 10,000, CN boiler parts of 8402.90 worth 3,500 -> (B) 65% TV."""
    g = good("8402.11", transaction_value="10000")
    d = evaluate_good(g, [line("PARTS", "8402.90", "3500")], rulebook, DAY)
    assert d.status is Status.originating and d.criterion == "B"
    assert [a.passed for a in d.alternatives] == [False, True]
    assert d.figures.rvc_transaction_value == Decimal(65)


def test_ex3_both_methods_fail(rulebook):
    """Ex 3: + KR valves 800 -> VNM 4,300: 57% TV; NC 8,200 -> 47.56% NC: not originating."""
    g = good("8402.11", transaction_value="10000", net_cost="8200")
    bom = [line("PARTS", "8402.90", "3500"), line("VALVE", "8481.80", "800", country="KR")]
    d = evaluate_good(g, bom, rulebook, DAY)
    assert d.status is Status.not_originating
    assert d.figures.rvc_transaction_value == Decimal(57)
    assert round(d.figures.rvc_net_cost, 2) == Decimal("47.56")


def test_ex3_variant_rvc_unknown_method_is_undecided(rulebook):
    """TV fails and no net cost is given: the NC method might still qualify -> cannot decide."""
    g = good("8402.11", transaction_value="10000")
    bom = [line("PARTS", "8402.90", "3500"), line("VALVE", "8481.80", "800", country="KR")]
    d = evaluate_good(g, bom, rulebook, DAY)
    assert d.status is Status.cannot_decide
    assert "net_cost" in [m.field for m in d.missing]


@pytest.mark.parametrize(
    ("motor", "status"),
    [("900", Status.not_originating), ("500", Status.originating), ("600", Status.originating)],
)
def test_ex4_except_from_decided_by_de_minimis(rulebook, motor, status):
    """Ex 4: 8459.29, TV 6,000; CN motor of excepted 8501.52: 15% fails, 8.33% and 10.00% pass."""
    g = good("8459.29", transaction_value="6000")
    bom = [line("CAST", "7325.99", "1200"), line("MOTOR", "8501.52", motor)]
    d = evaluate_good(g, bom, rulebook, DAY)
    assert d.status is status
    (alt,) = d.alternatives
    assert [m.passes for m in alt.shift.materials] == [True, False]
    assert alt.de_minimis.passed is (status is Status.originating)


@pytest.mark.parametrize(
    ("value", "status"), [("8", Status.originating), ("12", Status.not_originating)]
)
def test_ex5_de_minimis_under_pure_cth(rulebook, value, status):
    """Ex 5: 8484, TV 100: a component already of 84.84 worth 8 (8%) passes, 12 fails."""
    g = good("8484.10", transaction_value="100")
    bom = [line("GRAPHITE", "6815.19", "20"), line("GASKET", "8484.10", value)]
    assert evaluate_good(g, bom, rulebook, DAY).status is status


def test_ex10_criterion_d_same_subheading_parts(rulebook):
    """Ex 10: CTSH rule, non-originating part in the good's own subheading, TV 2,000, VNM 700."""
    g = good("8406.10", transaction_value="2000")
    d = evaluate_good(g, [line("ROTOR", "8406.10", "700", provided_as_part=True)], rulebook, DAY)
    assert d.status is Status.originating and d.criterion == "D"
    assert d.criteria[1].met is False  # B: the part does not change subheading
    undeclared = evaluate_good(g, [line("ROTOR", "8406.10", "700")], rulebook, DAY)
    assert undeclared.status is Status.not_originating  # D needs the part declared as such


def test_criterion_c_all_originating(rulebook):
    g = good("8484.10", transaction_value="100")
    d = evaluate_good(
        g, [line("SHEET", "8484.10", "50", status="originating", country="US")], rulebook, DAY
    )
    assert d.status is Status.originating and d.criterion == "C"


def test_unknown_status_counts_as_non_originating(rulebook):
    g = good("8484.10", transaction_value="100")
    d = evaluate_good(
        g, [line("SHEET", "8484.10", "50", status="unknown", country=None)], rulebook, DAY
    )
    assert d.status is Status.not_originating
    assert d.figures.vnm == Decimal(50)


def test_produced_outside_the_parties(rulebook):
    g = good("8484.10", transaction_value="100", country_of_production="CN")
    d = evaluate_good(g, [line("SHEET", "6815.19", "50")], rulebook, DAY)
    assert d.status is Status.not_originating
    assert "outside the territory" in d.message


def test_end_use_selects_the_rule_and_is_required(rulebook):
    """Without end_use the candidate rules are tried: at 70 % NC they disagree (75 % for a
    passenger vehicle), so end_use is asked for; at 77.5 % they agree (tests/unit/
    test_selection.py) and the good is decided."""
    bom = [line("BLOCK", "8409.91", "900")]
    short = [line("BLOCK", "8409.91", "1200")]
    unknown = evaluate_good(good("8407.34", net_cost="4000"), short, rulebook, DAY)
    assert unknown.status is Status.cannot_decide and "end_use" in [
        m.field for m in unknown.missing
    ]
    agreed = evaluate_good(good("8407.34", net_cost="4000"), bom, rulebook, DAY)
    assert agreed.status is Status.originating, agreed.message
    pv = evaluate_good(
        good("8407.34", net_cost="4000", end_use="passenger_vehicle"), bom, rulebook, DAY
    )
    assert pv.rule.id == "PSR-8407.31-8407.34-PVLT"
    assert pv.status is Status.originating  # 77.5% >= 75% NC, no shift required
    other = evaluate_good(good("8407.34", net_cost="4000", end_use="other"), bom, rulebook, DAY)
    assert other.rule.id == "PSR-8407.31-8407.34-OTHER"


def test_coarse_material_code_is_not_a_silent_pass(rulebook):
    """A material classified only to 8466.93 may be an excepted tariff item: cannot decide."""
    g = good("8459.29", transaction_value="1000")
    d = evaluate_good(g, [line("PART", "8466.93", "500")], rulebook, DAY)
    assert d.status is Status.cannot_decide
    assert d.alternatives[0].shift.materials[0].passes is None


def test_indirect_lines_stay_out_and_a_sub_assembly_is_looked_through(rulebook):
    """Art. 4.9: the indirect TOOL is originating wherever made. SOR/2020-155 s. 7(5)(a): the
    producer's own sub-assembly SHEET (not designated) counts by its inputs: INNER, of the
    good's own subheading, is the material that faces the shift and counts in VNM (30)."""
    g = good("8484.10", transaction_value="100")
    bom = [
        line("SHEET", "6815.19", "20"),
        line("TOOL", "8484.10", "30", material_type="indirect"),
        line("INNER", "8484.10", "30", parent_part_number="SHEET"),
    ]
    d = evaluate_good(g, bom, rulebook, DAY)
    assert d.figures.vnm == Decimal(30)
    assert d.status is Status.not_originating
    counted = {t.part_number: t.counted_status for t in d.materials.lines}
    assert counted == {"SHEET": "look-through", "TOOL": "originating", "INNER": "non-originating"}
