"""Choosing the product-specific rule when the good's data leave several: every rule the good
may fall under is tried, and the good is decided when they all give the same answer.

HTSUS GN 11(o), chapter 85: "8504.40.40: A change to tariff item 8504.40.40 from any other
subheading."; "8504.40.60: A change to tariff item 8504.40.60 from any other subheading,
except from subheading 8471.49."; "8504.40: A change to subheading 8504.40 from any other
subheading."
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from roo_check.engine.evaluate import evaluate_good
from roo_check.engine.logic import Tri
from roo_check.engine.selection import Selection, by_agreement, select_rule
from roo_check.models.findings import Status
from tests.unit.builders import good, line

DAY = dt.date(2026, 3, 1)
CONVERTERS = ["PSR-8504.40", "PSR-8504.40.40", "PSR-8504.40.60"]


def _converter(**fields: object):
    return good(
        "8504.40",
        description="static converter",
        transaction_value="100",
        net_cost="90",
        **fields,
    )


# ------------------------------------------------------------------ the tariff item not given


def test_without_a_tariff_item_every_rule_it_may_fall_under_is_a_candidate(rulebook) -> None:
    chosen = select_rule(_converter(), rulebook, DAY)
    assert chosen.rule is None and chosen.missing == ["tariff_item"]
    assert [r.id for r in chosen.candidates] == CONVERTERS


def test_rules_that_agree_decide_the_good_without_its_tariff_item(rulebook) -> None:
    """A printed circuit board of 8534.00 changes subheading under all three rules."""
    determination = evaluate_good(_converter(), [line("PCB", "8534.00", "20")], rulebook, DAY)
    assert determination.status is Status.originating
    assert determination.criterion == "B"
    assert (
        "tariff item not given: rules PSR-8504.40, PSR-8504.40.40, PSR-8504.40.60 were "
        "considered and agree"
    ) in determination.message
    assert determination.rule is not None and determination.rule.id == "PSR-8504.40"


def test_rules_that_disagree_still_need_the_tariff_item(rulebook) -> None:
    """A power supply of 8471.49 is excepted by 8504.40.60 alone: the answer turns on the
    good's tariff item."""
    determination = evaluate_good(_converter(), [line("PSU", "8471.49", "20")], rulebook, DAY)
    assert determination.status is Status.cannot_decide
    assert "tariff_item" in [m.field for m in determination.missing]
    assert "were considered and differ" in determination.message
    assert "PSR-8504.40.60: no alternative met" in determination.message


def test_the_tariff_item_given_chooses_one_rule(rulebook) -> None:
    chosen = select_rule(_converter(tariff_item="8504.40.60"), rulebook, DAY)
    assert chosen.rule is not None and chosen.rule.id == "PSR-8504.40.60"
    determination = evaluate_good(
        _converter(tariff_item="8504.40.60"), [line("PSU", "8471.49", "20")], rulebook, DAY
    )
    assert determination.status is Status.not_originating


def test_an_item_whose_rules_name_kinds_leaves_no_candidates_when_a_kind_has_no_rule(
    rulebook,
) -> None:
    """8540.12.10 and 8540.12.50 have rules only for tubes "incorporating a glass panel ..."
    (K1) and "incorporating a glass envelope ..." (K2): a tube of neither kind in those items
    has no rule, so agreement cannot stand in for the tariff item."""
    chosen = select_rule(good("8540.12", product_kind="colour picture tube"), rulebook, DAY)
    assert chosen.rule is None and chosen.candidates == ()
    assert chosen.missing == ["tariff_item"]
    assert "product_kind 'colour picture tube' is none of the kinds the rules for this code" in (
        chosen.reason
    )


# ------------------------------------------------------------------ the end use not given

# PSR-8708.40: for a passenger vehicle or light truck "(A) No change in tariff classification
# ..., provided there is a regional value content of not less than 75 percent under the net
# cost method"; for a heavy truck the same at 70 percent; "For any other good of subheading
# 8708.40: ... (A) A change to gear boxes of subheading 8708.40 from any other heading ...".


def _gear_box(net_cost: str):
    return good(
        "8708.40",
        description="gear box",
        product_kind="gear boxes",
        transaction_value="4000",
        net_cost=net_cost,
    )


def test_end_use_rules_that_agree_decide_the_good(rulebook) -> None:
    """RVC (NC) = (3600 - 900) / 3600 = 75%: every end use's rule is met."""
    gears = [line("GEARS", "8483.40", "900", country="IN")]
    determination = evaluate_good(_gear_box("3600"), gears, rulebook, DAY)
    assert determination.status is Status.originating
    assert "end use not given: rules PSR-8708.40-PVLT, PSR-8708.40-HT, PSR-8708.40-OTHER" in (
        determination.message
    )


def test_end_use_rules_that_disagree_need_the_end_use(rulebook) -> None:
    """RVC (NC) = (3000 - 900) / 3000 = 70%: below the passenger vehicle's 75%, enough for a
    heavy truck (70%) and for any other good (a change of heading)."""
    gears = [line("GEARS", "8483.40", "900", country="IN")]
    determination = evaluate_good(_gear_box("3000"), gears, rulebook, DAY)
    assert determination.status is Status.cannot_decide
    assert [m.field for m in determination.missing] == ["end_use"]


# ------------------------------------------------------------------ kinds named in words


def test_a_product_kind_no_rule_names_is_said_when_another_rule_governs(rulebook) -> None:
    """8708.99: rules for a "chassis frame" (K1) and a "chassis" (K2), and for "any other
    good of subheading 8708.99"."""
    chosen = select_rule(
        good("8708.99", end_use="passenger_vehicle", product_kind="bumper bracket"),
        rulebook,
        DAY,
    )
    assert chosen.rule is not None and chosen.rule.id == "PSR-8708.99-PVLTHT"
    assert chosen.note == (
        "product_kind 'bumper bracket' is none of the kinds the rules for this code name: "
        "chassis frame"
    )


def test_a_product_kind_named_by_a_rule_chooses_it(rulebook) -> None:
    chosen = select_rule(
        good("8708.99", end_use="passenger_vehicle", product_kind="chassis frames"), rulebook, DAY
    )
    assert chosen.rule is not None and chosen.rule.id == "PSR-8708.99-K1"
    assert chosen.note == ""


def test_without_product_kind_the_rules_for_kinds_are_candidates(rulebook) -> None:
    chosen = select_rule(good("8708.99", end_use="passenger_vehicle"), rulebook, DAY)
    assert chosen.rule is None and chosen.missing == ["product_kind"]
    assert [r.id for r in chosen.candidates] == ["PSR-8708.99-K1", "PSR-8708.99-PVLTHT"]


# ------------------------------------------------------------------ agreement itself


@dataclass(frozen=True)
class _Answer:
    met: Tri
    reason: str


def test_agreement_needs_one_definite_answer_from_every_candidate(rulebook) -> None:
    selection = select_rule(_converter(), rulebook, DAY)
    agree = by_agreement(selection, lambda s: _Answer(False, f"{s.rule.id}: not met"))
    assert agree.decided and agree.met is False
    assert [r.id for r, _ in agree.results] == CONVERTERS
    open_ = by_agreement(selection, lambda s: _Answer(None, f"{s.rule.id}: open"))
    assert not open_.decided and "leave it open" in open_.reason
    mixed = by_agreement(
        selection, lambda s: _Answer(s.rule.id == "PSR-8504.40", f"{s.rule.id}: ...")
    )
    assert not mixed.decided and "differ" in mixed.reason
    assert not by_agreement(Selection(None), lambda s: _Answer(True, "")).decided
