"""Eight-digit tariff items against materials classified only to six digits: roo-check never
guesses. A material that may or may not be inside the items a rule names is read both ways;
the same result either way decides it, otherwise it is "cannot decide: give the tariff item".

The rules are the shipped ones (HTSUS GN 11(o), USMCA Annex 4-B), quoted in each test; where
no rule of the law has the shape a case needs, a rule is built and says so.
"""

from __future__ import annotations

import datetime as dt

import pytest

from roo_check.engine.evaluate import evaluate_good
from roo_check.engine.tariff_shift import evaluate_shift
from roo_check.models.findings import ShiftResult, Status
from roo_check.models.goods import BomLine, Good
from roo_check.rulebook.index import Rulebook
from roo_check.rulebook.schema import ProductRule, Shift
from tests.unit.builders import good, line

DAY = dt.date(2026, 3, 1)

# PSR-8540.12.10-8540.12.50-K1: "The following rule applies to a good of tariff items
# 8540.12.10 and 8540.12.50 incorporating a glass panel referred to in subparagraph (b) of
# chapter rule 4 of chapter 85 and a glass cone provided for in tariff item 7011.20.10:
# (a) A change to tariff items 8540.12.10 or 8540.12.50 from any other subheading, except
# from more than one of the following: (i) Tariff item 7011.20.10, (ii) Tariff item 8540.91.15."
K1 = "PSR-8540.12.10-8540.12.50-K1"
K1_KIND = (
    "incorporating a glass panel referred to in subparagraph (b) of chapter rule 4 of chapter "
    "85 and a glass cone provided for in tariff item 7011.20.10"
)


def _shift(rulebook: Rulebook, rule_id: str, good_: Good, bom: list[BomLine]) -> ShiftResult:
    rule = rulebook.rule(rule_id)
    assert rule is not None
    shift = rule.alternatives[0].shift
    assert shift is not None
    return evaluate_shift(shift, rule, good_, bom)


def _passes(result: ShiftResult) -> dict[str, bool | None]:
    return {m.part_number: m.passes for m in result.materials}


def _tube(**fields: object) -> Good:
    return good("8540.12", tariff_item="8540.12.10", product_kind=K1_KIND, **fields)


# ------------------------------------------------------------------ more than one of the groups


def test_a_six_digit_material_that_may_make_a_second_group_cannot_be_decided(rulebook) -> None:
    """The cone is known only as 7011.20: inside 7011.20.10, cone and gun come from both
    groups and are excluded; outside it, both pass. The readings differ: give its item."""
    bom = [line("CONE", "7011.20", "20"), line("GUN", "8540.91.15", "20")]
    result = _shift(rulebook, K1, _tube(), bom)
    assert _passes(result) == {"CONE": None, "GUN": None}
    assert "give the tariff item of CONE (7011.20)" in result.materials[0].reason
    determination = evaluate_good(_tube(transaction_value="100"), bom, rulebook, DAY)
    assert determination.status is Status.cannot_decide
    assert ("hs_code", "material CONE") in {(m.field, m.subject) for m in determination.missing}


def test_eight_digit_materials_of_both_groups_are_excluded(rulebook) -> None:
    bom = [line("CONE", "7011.20.10", "20"), line("GUN", "8540.91.15", "20")]
    result = _shift(rulebook, K1, _tube(), bom)
    assert _passes(result) == {"CONE": False, "GUN": False}
    assert "more than one of the groups" in result.materials[0].reason


def test_a_six_digit_material_that_cannot_make_a_second_group_is_decided(rulebook) -> None:
    """Only one group can be hit whatever the cone's item is (the deflection coil of 8504.50
    is in no group): both readings agree, the shift is met."""
    bom = [line("CONE", "7011.20", "20"), line("COIL", "8504.50", "10")]
    assert _passes(_shift(rulebook, K1, _tube(), bom)) == {"CONE": True, "COIL": True}


def test_a_material_outside_the_items_is_not_caught(rulebook) -> None:
    bom = [line("CONE", "7011.20.90", "20"), line("GUN", "8540.91.15", "20")]
    assert _passes(_shift(rulebook, K1, _tube(), bom)) == {"CONE": True, "GUN": True}


def test_a_material_that_fails_anyway_fails_whatever_the_groups_make_of_it() -> None:
    """No rule of the law has this shape; built: 'A change to tariff item 8540.12.10 from any
    other subheading, except from more than one of the following: (i) tariff item 8540.12.20,
    (ii) tariff item 8540.91.15'. A material of 8540.12 fails the change of subheading
    whether or not it is of 8540.12.20."""
    shift = Shift.model_validate(
        {
            "from_any_other": "subheading",
            "except_more_than_one_of": {"groups": [["8540.12.20"], ["8540.91.15"]]},
        }
    )
    rule = _built_rule("8540.12.10", shift)
    bom = [line("GLASS", "8540.12", "20"), line("GUN", "8540.91.15", "20")]
    result = evaluate_shift(shift, rule, _tube(), bom)
    assert _passes(result) == {"GLASS": False, "GUN": None}
    assert "it fails whatever the groups make of it" in result.materials[0].reason


def _built_rule(scope: str, shift: Shift) -> ProductRule:
    return ProductRule.model_validate(
        {
            "id": f"PSR-{scope}-BUILT",
            "provision": scope,
            "scope": [scope],
            "citation": "built for a test",
            "text": "built for a test",
            "alternatives": [
                {"label": "A", "shift": shift.model_dump(by_alias=True), "text": "test"}
            ],
        }
    )


# ------------------------------------------------------------------ "except from" a tariff item

# PSR-7321.11.30: "A change to tariff item 7321.11.30 from any other subheading, except from
# tariff items 7321.90.10, 7321.90.20 or 7321.90.40."
STOVE = "PSR-7321.11.30"


@pytest.mark.parametrize(
    ("code", "passes"),
    [
        ("7321.90", None),  # inside: excluded; outside: another subheading. Give its item.
        ("7321.90.20", False),
        ("7321.90.60", True),
        ("7326.90", True),  # its digits are already outside every item excepted
    ],
)
def test_an_excepted_tariff_item_against_a_coarser_material(
    rulebook, code: str, passes: bool | None
) -> None:
    stove = good("7321.11", tariff_item="7321.11.30")
    result = _shift(rulebook, STOVE, stove, [line("BURNER", code, "10")])
    assert _passes(result) == {"BURNER": passes}
    if passes is None:
        assert "classified only to 6 digits: give its tariff item" in result.materials[0].reason


def test_an_excluded_or_not_material_that_fails_anyway_is_decided() -> None:
    """No rule of the law has this shape; built: 'A change to tariff item 8504.40.40 from any
    other heading, except from tariff item 8504.90.20'. A material of 8504.90 fails the change
    of heading whether or not it is of 8504.90.20."""
    shift = Shift.model_validate({"from_any_other": "heading", "except": ["8504.90.20"]})
    rule = _built_rule("8504.40.40", shift)
    result = evaluate_shift(shift, rule, good("8504.40"), [line("CORE", "8504.90", "10")])
    assert _passes(result) == {"CORE": False}
    assert "it fails whether or not it is excluded" in result.materials[0].reason


# ------------------------------------------------------------------ a tariff item as a source

# PSR-8406.90.20-8406.90.50 (A): "A change to tariff items 8406.90.20 or 8406.90.50 from tariff
# items 8406.90.30 or 8406.90.60 or any other heading".
BLADES = "PSR-8406.90.20-8406.90.50"


@pytest.mark.parametrize(
    ("code", "passes"),
    [
        ("8406.90", None),  # inside the named items it passes; outside, same heading: open
        ("8406.90.30", True),
        ("8406.90.10", False),
        ("7218.99", True),  # another heading whatever its item
    ],
)
def test_a_source_named_by_tariff_item_against_a_coarser_material(
    rulebook, code: str, passes: bool | None
) -> None:
    rotor = good("8406.90", tariff_item="8406.90.20")
    result = _shift(rulebook, BLADES, rotor, [line("BLANK", code, "10")])
    assert _passes(result) == {"BLANK": passes}


def test_a_named_source_that_passes_either_way_is_decided() -> None:
    """No rule of the law has this shape; built: 'A change to subheading 8504.40 from tariff
    item 8504.90.20 or any other subheading'. A material of 8504.90 passes either way."""
    shift = Shift.model_validate({"from_any_other": "subheading", "from": ["8504.90.20"]})
    rule = _built_rule("8504.40", shift)
    result = evaluate_shift(shift, rule, good("8504.40"), [line("CORE", "8504.90", "10")])
    assert _passes(result) == {"CORE": True}


# ------------------------------------------------------------------ "from any other tariff item"

# PSR-7321.90.10: "A change to tariff item 7321.90.10 from any other tariff item."


@pytest.mark.parametrize(
    ("code", "passes"),
    [
        ("7326.90.86", True),  # another subheading: another tariff item whatever the good's
        ("7326.90", True),
        ("7321.90.50", None),  # the good's own item is needed to compare
        ("7321.90", None),
    ],
)
def test_a_good_known_to_six_digits_against_a_tariff_item_change(
    rulebook, code: str, passes: bool | None
) -> None:
    part = good("7321.90")  # evaluated under this rule when its item is not given
    assert _passes(_shift(rulebook, "PSR-7321.90.10", part, [line("X", code, "10")])) == {
        "X": passes
    }
