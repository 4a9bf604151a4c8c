"""The two rules repaired in the vendored GN 11(o) source, decided on goods end to end.

- PSR-8414.59-8414.80: the transcription's line is garbled; the text restored from CBP ruling
  HQ H316187 (supplement, block 2) reads "(A) A change to subheadings 8414.59 through 8414.80
  from any other heading; or (B) A change to subheadings 8414.59 through 8414.80 from subheading
  8414.90, whether or not there is also a change from any other heading, provided there is a
  regional value content of not less than: (1) 60 percent where the transaction value method is
  used; or (2) 50 percent where the net cost method is used."
- 8708.99: the rules "for any other good" printed as subdivisions of their own are read as
  continuing the tariff-item rules before them (see the header of gn11_o_ch86-89.txt): one rule
  for use in a passenger vehicle, light truck or heavy truck (70 percent), one for any other good
  (50 percent), each with "(D) A change to subheading 8708.99 from any other heading; or (E) No
  change in tariff classification to a good of subheading 8708.99, provided there is a regional
  value content of not less than ... percent under the net cost method" for goods not of the
  tariff items 8708.99.03, .27, .55, .06, .31, .58 that (A)-(C) are for.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from roo_check.engine.evaluate import evaluate_good
from roo_check.models import BomLine, Good
from roo_check.models.findings import Determination, Status
from roo_check.rulebook.index import Rulebook
from roo_check.rulebook.load import load_rulebook
from tests.unit.builders import good, line

DAY = dt.date(2026, 12, 2)


@cache
def rulebook() -> Rulebook:
    return load_rulebook()


def decide(g: Good, *bom: BomLine) -> Determination:
    return evaluate_good(g, list(bom), rulebook(), DAY)


def met(result: Determination) -> list[str]:
    return [a.label for a in result.alternatives if a.passed]


def _words(rule_id: str) -> str:
    rule = rulebook().rule(rule_id)
    assert rule is not None, rule_id
    return rule.text


# ------------------------------------------------------------------- 8414.59-8414.80

FAN = {"description": "industrial axial fan", "transaction_value": "1000.00", "net_cost": "900.00"}


def test_8414_59_to_80_change_from_any_other_heading() -> None:
    assert "(A) A change to subheadings 8414.59 through 8414.80 from any other heading" in (
        _words("PSR-8414.59-8414.80")
    )
    result = decide(good("8414.59", **FAN), line("MOTOR", "8501.52", "300.00"))
    assert result.status is Status.originating
    assert result.rule is not None and result.rule.id == "PSR-8414.59-8414.80"
    assert "A" in met(result)


def test_8414_59_to_80_from_8414_90_with_60_percent_transaction_value() -> None:
    """Fan parts of 8414.90 do not change heading: only (B) can qualify the fan, and the RVC
    is (1000 - 300) / 1000 = 70 % >= 60 % (transaction value)."""
    assert (
        "from subheading 8414.90, whether or not there is also a change from any other heading"
        in (_words("PSR-8414.59-8414.80"))
    )
    result = decide(good("8414.59", **FAN), line("IMPELLER", "8414.90", "300.00"))
    assert result.status is Status.originating
    assert met(result) == ["B"]


def test_8414_59_to_80_from_8414_90_under_both_thresholds() -> None:
    """VNM 550: RVC 45 % (transaction value) < 60 % and 38.9 % (net cost) < 50 %."""
    result = decide(
        good("8414.59", **FAN),
        line("IMPELLER", "8414.90", "450.00"),
        line("MOTOR", "8501.52", "100.00"),
    )
    assert result.status is Status.not_originating
    assert result.rule is not None and result.rule.id == "PSR-8414.59-8414.80"
    assert met(result) == []


def test_8414_70_new_in_hs2022_lies_within_8414_59_through_8414_80() -> None:
    """HS2022 made 8414.70 (gas-tight biological safety cabinets) inside the printed range."""
    cabinet = good("8414.70", **{**FAN, "description": "gas-tight biological safety cabinet"})
    passing = decide(cabinet, line("MOTOR", "8501.52", "200.00"), line("GLASS", "7007.19", "50.00"))
    assert passing.status is Status.originating
    assert passing.rule is not None and passing.rule.id == "PSR-8414.59-8414.80"
    # a fan of 8414.59 is of the same heading and not of 8414.90: neither (A) nor (B)
    failing = decide(cabinet, line("FAN", "8414.59", "300.00"))
    assert failing.status is Status.not_originating


# --------------------------------------------------------------------------- 8708.99

SHAFT = {
    "description": "drive shaft",
    "product_kind": "drive shaft",
    "transaction_value": "1100.00",
    "net_cost": "1000.00",
}


def test_8708_99_any_other_good_for_any_other_use_by_change_of_heading() -> None:
    """Before the repair three rules 'For any other good of subheading 8708.99' governed this
    good and none could be chosen; now (D) of PSR-8708.99-OTHER: 'A change to subheading
    8708.99 from any other heading'."""
    assert (
        "For any other good of subheading 8708.99: (A) A change to subheading 8708.99 from any other heading"
        in (_words("PSR-8708.99-OTHER"))
    )
    part = good("8708.99", tariff_item="8708.99.68", end_use="other", **SHAFT)
    result = decide(part, line("BAR", "7228.30", "300.00"))
    assert result.status is Status.originating
    assert result.rule is not None and result.rule.id == "PSR-8708.99-OTHER"
    assert "D" in met(result)


def test_8708_99_any_other_use_no_change_needs_50_percent_net_cost() -> None:
    """(E) 'No change in tariff classification to a good of subheading 8708.99, provided there
    is a regional value content of not less than 50 percent under the net cost method'."""
    part = good("8708.99", tariff_item="8708.99.68", end_use="other", **SHAFT)
    passing = decide(part, line("YOKE", "8708.99", "400.00"))  # RVC NC 60 %
    assert passing.status is Status.originating and met(passing) == ["E"]
    failing = decide(part, line("YOKE", "8708.99", "600.00"))  # RVC NC 40 %
    assert failing.status is Status.not_originating
    assert failing.rule is not None and failing.rule.id == "PSR-8708.99-OTHER"


def test_8708_99_vehicle_use_needs_70_percent() -> None:
    """The continuation of the passenger vehicle, light truck or heavy truck rule: 'No change
    in tariff classification to a good of subheading 8708.99, provided there is a regional value
    content of not less than 70 percent under the net cost method'; 60 % is not enough."""
    part = good("8708.99", tariff_item="8708.99.68", end_use="passenger_vehicle", **SHAFT)
    result = decide(part, line("YOKE", "8708.99", "400.00"))
    assert result.status is Status.not_originating
    assert result.rule is not None and result.rule.id == "PSR-8708.99-PVLTHT"
    truck = good("8708.99", tariff_item="8708.99.68", end_use="heavy_truck", **SHAFT)
    by_heading = decide(truck, line("BAR", "7228.30", "300.00"))
    assert by_heading.status is Status.originating and "D" in met(by_heading)
    assert by_heading.rule is not None and by_heading.rule.id == "PSR-8708.99-PVLTHT"


def test_8708_99_named_tariff_items_keep_their_own_alternatives() -> None:
    """'(A) A change to tariff items 8708.99.03, 8708.99.27 and 8708.99.55 from any other
    subheading, provided there is a regional value content of not less than 50 percent under
    the net cost method': for a half-shaft of 8708.99.55 the change of heading of (D) alone is
    not enough."""
    half_shaft = good(
        "8708.99",
        tariff_item="8708.99.55",
        end_use="other",
        description="half-shaft",
        product_kind="half-shaft",
        transaction_value="1100.00",
        net_cost="1000.00",
    )
    passing = decide(half_shaft, line("BAR", "7228.30", "300.00"))  # RVC NC 70 %
    assert passing.status is Status.originating and met(passing) == ["A"]
    failing = decide(half_shaft, line("BAR", "7228.30", "600.00"))  # RVC NC 40 %
    assert failing.status is Status.not_originating
    reasons = {a.label: a.reason for a in failing.alternatives}
    assert reasons["D"].startswith("not for goods of 8708.99.03, 8708.99.27, 8708.99.55")


def test_8708_99_without_its_tariff_item_cannot_be_decided() -> None:
    part = good("8708.99", end_use="other", **SHAFT)
    result = decide(part, line("BAR", "7228.30", "300.00"))
    assert result.status is Status.cannot_decide
    assert result.rule is not None and result.rule.id == "PSR-8708.99-OTHER"
    assert all("give the tariff item" in a.reason for a in result.alternatives)
