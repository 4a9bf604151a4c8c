"""Tariff shift: does every non-originating material undergo the required change?

Annex 4-B's shift applies only to non-originating materials (unknown status counts as
non-originating). A material passes when it comes from a source the rule names, or from
outside the good's own chapter/heading/subheading/tariff item (or outside the rule's group),
and is not excluded by "except from". A material whose code is too coarse to decide is
"cannot decide" with the digits needed, never a silent pass.

Codes declared in HS2017 are compared in HS2022 (``engine.editions``): a material whose
HS2017 code became several HS2022 subheadings is "cannot decide", naming the candidates.
"""

from __future__ import annotations

from roo_check.engine.editions import current_ranges, good_in_hs2022, material_in_hs2022
from roo_check.engine.kinds import same_kind
from roo_check.engine.logic import Tri, all3
from roo_check.hs.codes import CodeRange, Level, dotted, match_any
from roo_check.models.findings import MaterialCheck, ShiftResult
from roo_check.models.goods import BomLine, Good
from roo_check.rulebook.schema import GoodRef, ProductRule, Shift


def _codes(ranges: tuple[CodeRange, ...]) -> str:
    return ", ".join(str(r) for r in ranges)


def _ref_hit(ref: GoodRef, material: BomLine) -> Tri:
    """Whether the material is the kind of good a rule names; None if the input cannot say."""
    if ref.codes:
        in_codes = match_any(ref.codes, material.hs_code)
        if in_codes is False:
            return False
        kind = same_kind(material.product_kind, ref.kind)
        if in_codes is None or kind is None:
            return None
        return kind
    # Named only in words: any non-originating material might be one, so without a stated
    # product_kind the question stays open rather than passing silently.
    return same_kind(material.product_kind, ref.kind)


def _level_change(shift: Shift, rule: ProductRule, good: Good, code: str) -> tuple[Tri, str]:
    level = shift.from_any_other
    assert level is not None
    width = level.digits
    own = good.tariff_item or good.hs_code
    if len(code) < width:
        if not shift.outside_group and code != own[: len(code)]:
            # Its digits already differ from the good's: any longer code would differ too.
            return True, f"{dotted(code)} is outside the good's {dotted(own[: len(code)])}"
        return None, f"classified only to {len(code)} digits; the rule needs its {level.value}"
    if shift.outside_group:
        inside = match_any(rule.scope, code[:width])
        if inside is None:
            return None, f"cannot place {dotted(code)} against the group {_codes(rule.scope)}"
        if inside:
            return False, f"{dotted(code)} is inside the group {_codes(rule.scope)}"
        return True, f"{dotted(code[:width])} is outside the group {_codes(rule.scope)}"
    if len(own) < width:
        return None, f"the good's {level.value} is needed (give its tariff_item)"
    if code[:width] != own[:width]:
        return (
            True,
            f"{level.value} {dotted(code[:width])} differs from the good's {dotted(own[:width])}",
        )
    return False, f"same {level.value} as the good ({dotted(own[:width])})"


def check_material(
    shift: Shift, rule: ProductRule, good: Good, material: BomLine
) -> tuple[Tri, str]:
    mapped, how = material_in_hs2022(material)
    if mapped is None:
        return None, how.note
    good = good_in_hs2022(good)[0] or good
    passes, reason = _check_material(shift, rule, good, mapped)
    return passes, f"{how.note}; {reason}" if how.note else reason


def _check_material(
    shift: Shift, rule: ProductRule, good: Good, material: BomLine
) -> tuple[Tri, str]:
    """Exclusions first ("except from" wins over any source), then the sources allowed."""
    excluded = _exclusion(shift, material)
    if excluded is not None:
        return excluded
    code = material.hs_code
    if shift.from_ and match_any(current_ranges(shift.from_), code):
        return True, f"from {_codes(shift.from_)}, a source the rule allows"
    named = [_ref_hit(ref, material) for ref in shift.from_goods]
    if any(named):
        return True, "a source the rule names in words"
    outcome: Tri = False
    reason = "not from a source the rule allows"
    if shift.from_any_other is not None:
        outcome, reason = _level_change(shift, rule, good, code)
    if outcome is not True and shift.within_good and code[:6] == good.hs_code:
        within = _within_good(good, material)
        if within is not None:
            return within
    if outcome is False and any(n is None for n in named):
        return None, "may be a source the rule names in words: give product_kind"
    return outcome, reason


def _exclusion(shift: Shift, material: BomLine) -> tuple[Tri, str] | None:
    """What "except from" makes of the material: excluded, undecidable, or nothing (None)."""
    code = material.hs_code
    excepted = current_ranges(shift.except_)
    excluded = match_any(excepted, code) if excepted else False
    if excluded:
        hit = next(r for r in excepted if r.match(code))
        within = "" if str(hit) == dotted(code) else f", which covers {dotted(code)}"
        return False, f"excluded: the rule says 'except from' {hit}{within}"
    for ref in shift.except_goods:
        hit = _ref_hit(ref, material)
        if hit:
            return False, f"excluded: the rule says 'except from' {ref.kind}"
        if hit is None:
            return None, f"state whether this material is {ref.kind} (give product_kind)"
    if excluded is None:
        return None, (
            f"the rule excludes {_codes(shift.except_)}: give the material's full tariff item"
        )
    return None


def _within_good(good: Good, material: BomLine) -> tuple[Tri, str] | None:
    """ "From any other good within that subheading": another good of the good's own code."""
    different = None
    if material.product_kind and good.product_kind:
        different = not same_kind(material.product_kind, good.product_kind)
    if different:
        return True, "another good within the good's own subheading"
    if different is None:
        return None, (
            "same subheading as the good: state product_kind of the good and the material "
            "to show it is another good"
        )
    return None


def _more_than_one_group(shift: Shift, materials: list[BomLine]) -> set[str]:
    """Part numbers caught by 'except from more than one of the following'."""
    rule = shift.except_more_than_one_of
    if rule is None:
        return set()
    hits: dict[int, set[str]] = {}
    in_hs2022 = [m for m in (material_in_hs2022(m)[0] for m in materials) if m is not None]
    for index, group in enumerate(rule.groups):
        caught = {m.part_number for m in in_hs2022 if match_any(group, m.hs_code)}
        if caught:
            hits[index] = caught
    if len(hits) < 2:
        return set()
    return set().union(*hits.values())


def evaluate_shift(
    shift: Shift, rule: ProductRule, good: Good, non_originating: list[BomLine]
) -> ShiftResult:
    grouped = _more_than_one_group(shift, non_originating)
    checks: list[MaterialCheck] = []
    for material in non_originating:
        passes, reason = check_material(shift, rule, good, material)
        if material.part_number in grouped:
            passes, reason = (
                False,
                ("excluded: materials come from more than one of the groups the rule lists"),
            )
        checks.append(
            MaterialCheck(
                part_number=material.part_number,
                description=material.description,
                hs_code=dotted(material.hs_code),
                row=material.row,
                value=material.value,
                country_of_origin=material.country_of_origin,
                origin_status=material.origin_status.value,
                passes=passes,
                reason=reason,
            )
        )
    passed = all3(c.passes for c in checks)
    if not checks:
        reason = "no non-originating materials: nothing needs to change classification"
    elif passed:
        reason = f"all {len(checks)} non-originating materials undergo the required change"
    else:
        blocking = [c.part_number for c in checks if c.passes is False]
        open_ = [c.part_number for c in checks if c.passes is None]
        parts = []
        if blocking:
            parts.append(f"blocked by {', '.join(blocking)}")
        if open_:
            parts.append(f"undecided for {', '.join(open_)}")
        reason = "; ".join(parts)
    return ShiftResult(passed=passed, materials=checks, reason=reason)


__all__ = ["Level", "evaluate_shift"]
