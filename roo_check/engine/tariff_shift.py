"""Tariff shift: does every non-originating material undergo the required change?

Annex 4-B's shift applies only to non-originating materials (unknown status counts as
non-originating). A material passes when it comes from a source the rule names, or from
outside the good's own chapter/heading/subheading/tariff item (or outside the rule's group),
and is not excluded by "except from".

roo-check never guesses a code. Where a rule names codes finer than a material is classified
to (an eight-digit tariff item, a material known only to six digits) the material is read
both ways, inside the named codes and outside them; the same result either way decides it,
otherwise it is "cannot decide" with the digits needed. The same holds for a kind of good
named in words when no product_kind is stated.

Codes declared in HS2017 are compared in HS2022 (``engine.editions``): a material whose
HS2017 code became several HS2022 subheadings is "cannot decide", naming the candidates.
"""

from __future__ import annotations

from dataclasses import dataclass

from roo_check.engine.editions import current_ranges, good_in_hs2022, material_in_hs2022
from roo_check.engine.kinds import match_kind, match_kinds, same_kind
from roo_check.engine.logic import Tri, all3
from roo_check.hs.codes import CodeRange, Level, dotted, match_any
from roo_check.models.findings import MaterialCheck, ShiftResult
from roo_check.models.goods import BomLine, Good
from roo_check.rulebook.kinds_schema import KindTable
from roo_check.rulebook.schema import GoodRef, ProductRule, Shift


def _codes(ranges: tuple[CodeRange, ...]) -> str:
    return ", ".join(str(r) for r in ranges)


def _coarse(code: str) -> str:
    return f"classified only to {len(code)} digits: give its tariff item"


@dataclass(frozen=True)
class _Test:
    """One test of a material: its result, and why (for None: what would decide it)."""

    result: Tri
    reason: str = ""


def _ref_hit(ref: GoodRef, material: BomLine, kinds: KindTable | None) -> _Test:
    """Whether the material is the kind of good a rule names; None if the input cannot say."""
    match = match_kind(material.product_kind, ref.kind, kinds)
    in_codes = match_any(ref.codes, material.hs_code) if ref.codes else True
    result = all3([in_codes, match.matched])
    if result is False:
        return _Test(False)
    if result is None:
        # Named only in words, any non-originating material might be one: without a stated
        # product_kind the question stays open rather than passing silently.
        why = "give product_kind" if match.matched is None else _coarse(material.hs_code)
        return _Test(None, f"whether it is {ref.kind} ({why})")
    return _Test(True)


def _kind_note(shift: Shift, material: BomLine, kinds: KindTable | None) -> str:
    """A stated product_kind that is none of the kinds the shift names in words is said, so
    that a near-miss ('brake pads' for 'parts of brakes') is never silently decided."""
    refs = [r.kind for r in (*shift.from_goods, *shift.except_goods)]
    if not refs:
        return ""
    return match_kinds(material.product_kind, refs, kinds).note


# ---------------------------------------------------------------- "except from"


def _exclusion(shift: Shift, material: BomLine, kinds: KindTable | None) -> _Test:
    """Whether "except from" catches the material: True, None (the reason says what would
    decide it) or False (the reason notes a stated kind the rule does not name)."""
    code = material.hs_code
    excepted = current_ranges(shift.except_)
    excluded = match_any(excepted, code) if excepted else False
    if excluded:
        hit = next(r for r in excepted if r.match(code))
        within = "" if str(hit) == dotted(code) else f", which covers {dotted(code)}"
        return _Test(True, f"excluded: the rule says 'except from' {hit}{within}")
    doubts = []
    if excluded is None:
        doubts.append(f"whether it is of {_codes(shift.except_)} ({_coarse(code)})")
    for ref in shift.except_goods:
        hit = _ref_hit(ref, material, kinds)
        if hit.result:
            return _Test(True, f"excluded: the rule says 'except from' {ref.kind}")
        if hit.result is None:
            doubts.append(hit.reason)
    if doubts:
        return _Test(None, " and ".join(doubts) + ", which the rule excludes ('except from')")
    return _Test(False)


# ---------------------------------------------------------------- the sources allowed


def _named_source(shift: Shift, material: BomLine, kinds: KindTable | None) -> _Test:
    """Whether the material is a source the rule names (by code or in words)."""
    code = material.hs_code
    sources = current_ranges(shift.from_)
    in_codes = match_any(sources, code) if sources else False
    if in_codes:
        return _Test(True, f"from {_codes(shift.from_)}, a source the rule allows")
    hits = [(ref, _ref_hit(ref, material, kinds)) for ref in shift.from_goods]
    named = next((ref for ref, hit in hits if hit.result), None)
    if named is not None:
        return _Test(True, f"a source the rule names in words ({named.kind})")
    doubts = [hit.reason for _, hit in hits if hit.result is None]
    if in_codes is None:
        doubts.insert(0, f"whether it is of {_codes(shift.from_)} ({_coarse(code)})")
    if doubts:
        return _Test(None, " and ".join(doubts) + ", a source the rule allows")
    return _Test(False)


def _level_change(shift: Shift, rule: ProductRule, good: Good, code: str) -> _Test:
    level = shift.from_any_other
    assert level is not None
    width = level.digits
    if shift.outside_group:
        return _outside_group(rule, code, width)
    own = good.tariff_item or good.hs_code
    known = min(len(code), len(own), width)
    if code[:known] != own[:known]:
        # The digits known already differ: whatever the finer codes, the level differs too.
        return _Test(
            True,
            f"{level.value} {dotted(code[:width])} differs from the good's {dotted(own[:width])}"
            if known == width
            else f"{dotted(code[:known])} is outside the good's {dotted(own[:known])}",
        )
    if len(code) < width:
        return _Test(None, f"classified only to {len(code)} digits; the rule needs its {level}")
    if len(own) < width:
        return _Test(None, f"the good's {level.value} is needed (give its tariff_item)")
    return _Test(False, f"same {level.value} as the good ({dotted(own[:width])})")


def _outside_group(rule: ProductRule, code: str, width: int) -> _Test:
    """ "Any <level> outside that group": outside every code of the rule's own scope."""
    inside = match_any(rule.scope, code[:width])
    if inside is None:
        return _Test(None, f"cannot place {dotted(code)} against the group {_codes(rule.scope)}")
    if inside:
        return _Test(False, f"{dotted(code)} is inside the group {_codes(rule.scope)}")
    return _Test(True, f"{dotted(code[:width])} is outside the group {_codes(rule.scope)}")


def _within_good(good: Good, material: BomLine, kinds: KindTable | None) -> _Test | None:
    """ "From any other good within that subheading": another good of the good's own code."""
    different = None
    if material.product_kind and good.product_kind:
        different = not same_kind(material.product_kind, good.product_kind, kinds)
    if different:
        return _Test(True, "another good within the good's own subheading")
    if different is None:
        return _Test(
            None,
            "same subheading as the good: state product_kind of the good and the material "
            "to show it is another good",
        )
    return None


def _allowed(
    shift: Shift, rule: ProductRule, good: Good, material: BomLine, kinds: KindTable | None
) -> _Test:
    """Whether the material comes from a source the rule allows, exclusions aside."""
    named = _named_source(shift, material, kinds)
    if named.result:
        return named
    test = _Test(False, "not from a source the rule allows")
    if shift.from_any_other is not None:
        test = _level_change(shift, rule, good, material.hs_code)
    if test.result is not True and shift.within_good and material.hs_code[:6] == good.hs_code:
        test = _within_good(good, material, kinds) or test
    if named.result is None and test.result is not True:
        # Inside the named source it passes, outside it does not (or is open): no agreement.
        return _Test(None, f"{named.reason}; otherwise {test.reason}")
    return _Test(test.result, "; ".join(r for r in (test.reason, named.reason) if r))


def _either_way(excluded: _Test, allowed: _Test) -> _Test:
    """An exclusion left open: the material fails whether or not it is excluded only when it
    fails as a source too; otherwise what decides the exclusion decides the material."""
    if allowed.result is False:
        return _Test(False, f"{allowed.reason}: it fails whether or not it is excluded")
    if allowed.result is None:
        return _Test(None, f"{excluded.reason}; {allowed.reason}")
    return _Test(None, excluded.reason)


# ---------------------------------------------------------------- one material


def check_material(
    shift: Shift,
    rule: ProductRule,
    good: Good,
    material: BomLine,
    kinds: KindTable | None = None,
) -> tuple[Tri, str]:
    mapped, how = material_in_hs2022(material)
    if mapped is None:
        return None, how.note
    good = good_in_hs2022(good)[0] or good
    test = _check_material(shift, rule, good, mapped, kinds)
    return test.result, f"{how.note}; {test.reason}" if how.note else test.reason


_Key = tuple[object, ...]
_REMEMBERED: dict[_Key, tuple[Shift, KindTable | None, _Test]] = {}
_REMEMBER_AT_MOST = 16384
"""Tests remembered across goods: one shift is tested against the same few hundred material
codes over and over in a large shipment. Bounded: when full, the memo starts again."""


def _check_material(
    shift: Shift, rule: ProductRule, good: Good, material: BomLine, kinds: KindTable | None
) -> _Test:
    """:func:`_test_material`, remembered for the same shift and kind table (the objects,
    held by the memo so that their ids cannot be reused) and the same values of everything
    else it reads: the rule's scope, the good's codes and kind, the material's code and kind."""
    key = (
        id(shift),
        id(kinds),
        tuple(rule.scope),
        good.hs_code,
        good.tariff_item,
        good.product_kind,
        material.hs_code,
        material.product_kind,
    )
    held = _REMEMBERED.get(key)
    if held is not None and held[0] is shift and held[1] is kinds:
        return held[2]
    test = _test_material(shift, rule, good, material, kinds)
    if len(_REMEMBERED) >= _REMEMBER_AT_MOST:
        _REMEMBERED.clear()
    _REMEMBERED[key] = (shift, kinds, test)
    return test


def _test_material(
    shift: Shift, rule: ProductRule, good: Good, material: BomLine, kinds: KindTable | None
) -> _Test:
    """Exclusions first ("except from" wins over any source), then the sources allowed."""
    test = _decided(shift, rule, good, material, kinds)
    note = _kind_note(shift, material, kinds)
    return _Test(test.result, f"{test.reason}; {note}") if note else test


def _decided(
    shift: Shift, rule: ProductRule, good: Good, material: BomLine, kinds: KindTable | None
) -> _Test:
    excluded = _exclusion(shift, material, kinds)
    if excluded.result:
        return _Test(False, excluded.reason)
    allowed = _allowed(shift, rule, good, material, kinds)
    if excluded.result is None:
        return _either_way(excluded, allowed)
    return allowed


# ---------------------------------------------------------------- "more than one of"


@dataclass(frozen=True)
class _Grouped:
    """What 'except from more than one of the following' makes of each material: caught
    (True), perhaps caught (None: the reason says which codes would decide), or not listed."""

    caught: dict[str, Tri]
    reason: str = ""


def _more_than_one_group(shift: Shift, materials: list[BomLine]) -> _Grouped:
    """Materials caught by 'except from more than one of the following'. A material known
    only to coarser digits than a group may be inside it or not: both readings are taken."""
    rule = shift.except_more_than_one_of
    if rule is None:
        return _Grouped({})
    in_hs2022 = [m for m in (material_in_hs2022(m)[0] for m in materials) if m is not None]
    sure: dict[str, set[int]] = {}
    maybe: dict[str, set[int]] = {}
    for material in in_hs2022:
        for index, group in enumerate(rule.groups):
            hit = match_any(current_ranges(group), material.hs_code)
            if hit is not False:
                (sure if hit else maybe).setdefault(material.part_number, set()).add(index)
    sure_groups = set().union(*sure.values())
    possible = sure_groups | set().union(*maybe.values())
    listed = set(sure) | set(maybe)
    if len(possible) < 2:
        return _Grouped({})
    if len(sure_groups) >= 2:
        return _Grouped(
            {p: True if p in sure else None for p in listed},
            _open_groups(rule.groups, in_hs2022, set(maybe) - set(sure)),
        )
    return _Grouped(
        dict.fromkeys(listed), _open_groups(rule.groups, in_hs2022, set(maybe) - set(sure))
    )


def _open_groups(
    groups: list[tuple[CodeRange, ...]], materials: list[BomLine], open_: set[str]
) -> str:
    coarse = [f"{m.part_number} ({dotted(m.hs_code)})" for m in materials if m.part_number in open_]
    listed = "; ".join(_codes(g) for g in groups)
    if not coarse:
        return f"materials may come from more than one of the groups the rule lists ({listed})"
    return (
        f"materials may come from more than one of the groups the rule lists ({listed}): "
        f"give the tariff item of {', '.join(coarse)}"
    )


def _grouped_result(caught: Tri, test: tuple[Tri, str], why: str) -> tuple[Tri, str]:
    """A material the groups catch fails; one perhaps caught fails only if it fails anyway."""
    passes, reason = test
    if caught:
        return False, "excluded: materials come from more than one of the groups the rule lists"
    if passes is False:
        return False, f"{reason}: it fails whatever the groups make of it"
    return None, why


# ---------------------------------------------------------------- the shift


def evaluate_shift(
    shift: Shift,
    rule: ProductRule,
    good: Good,
    non_originating: list[BomLine],
    kinds: KindTable | None = None,
) -> ShiftResult:
    """``kinds``: the rule set's kind table (``Rulebook.kinds``), for goods named in words."""
    grouped = _more_than_one_group(shift, non_originating)
    checks: list[MaterialCheck] = []
    for material in non_originating:
        passes, reason = check_material(shift, rule, good, material, kinds)
        if material.part_number in grouped.caught:
            caught = grouped.caught[material.part_number]
            passes, reason = _grouped_result(caught, (passes, reason), grouped.reason)
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
    return ShiftResult(
        passed=all3(c.passes for c in checks), materials=checks, reason=_summary(checks)
    )


def _summary(checks: list[MaterialCheck]) -> str:
    if not checks:
        return "no non-originating materials: nothing needs to change classification"
    blocking = [c.part_number for c in checks if c.passes is False]
    open_ = [c.part_number for c in checks if c.passes is None]
    if not blocking and not open_:
        return f"all {len(checks)} non-originating materials undergo the required change"
    parts = []
    if blocking:
        parts.append(f"blocked by {', '.join(blocking)}")
    if open_:
        parts.append(f"undecided for {', '.join(open_)}")
    return "; ".join(parts)


__all__ = ["Level", "check_material", "evaluate_shift"]
