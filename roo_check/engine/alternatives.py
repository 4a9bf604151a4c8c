"""One product-specific rule, alternative by alternative (a good needs to meet only one)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from roo_check.engine.de_minimis import evaluate_de_minimis
from roo_check.engine.kinds import match_kind, match_kinds
from roo_check.engine.logic import Tri, all3
from roo_check.engine.process import process_met, weight_met
from roo_check.engine.rvc import evaluate_rvc
from roo_check.engine.tariff_shift import evaluate_shift
from roo_check.hs.codes import dotted, match_any
from roo_check.models.findings import AlternativeResult, DeMinimisResult, RvcResult, ShiftResult
from roo_check.models.goods import BomLine, Good
from roo_check.models.stages import MissingDatum
from roo_check.rulebook.kinds_schema import KindTable
from roo_check.rulebook.process_schema import ProcessVocabulary
from roo_check.rulebook.schema import Alternative, DeMinimisRule, ProductRule


def _applicable(
    alt: Alternative, rule: ProductRule, good: Good, kinds: KindTable | None = None
) -> tuple[Tri, str]:
    code = good.tariff_item or good.hs_code
    if alt.only_for:
        inside = match_any(alt.only_for, code)
        if inside is not True:
            codes = ", ".join(str(c) for c in alt.only_for)
            if inside is None:
                return None, f"applies only to goods of {codes}: give the tariff item"
            return False, f"applies only to goods of {codes}"
    if alt.not_for:
        out = match_any(alt.not_for, code)
        if out is not False:
            codes = ", ".join(str(c) for c in alt.not_for)
            if out is None:
                return None, f"not for goods of {codes}: give the tariff item"
            return False, f"not for goods of {codes}"
    return _applicable_kind(alt, rule, good, kinds)


def _applicable_kind(
    alt: Alternative, rule: ProductRule, good: Good, kinds: KindTable | None = None
) -> tuple[Tri, str]:
    """Whether the good is of the kind the alternative names (one of the kinds of its "or"
    list), or, for "any other good", of none of the kinds the rule's other alternatives
    name. A stated product_kind that matches no kind is said, never silently decided."""
    if alt.good is not None:
        match = match_kind(good.product_kind, alt.good, kinds)
        if match.matched is None:
            return None, f"applies only to {alt.good}: give the good's product_kind"
        return match.matched, "" if match.matched else f"applies only to {alt.good} ({match.note})"
    if alt.other_goods:
        named = list(dict.fromkeys(a.good for a in rule.alternatives if a.good))
        if not named:
            return True, ""
        match = match_kinds(good.product_kind, named, kinds)
        if match.matched is None:
            return None, f"applies to goods other than {', '.join(named)}: give product_kind"
        if match.matched:
            return False, "the good is of a kind named elsewhere"
        return True, (
            f"any other good: product_kind '{match.stated}' is none of the kinds the rule "
            f"names elsewhere ({'; '.join(match.kinds)})"
        )
    return True, ""


@dataclass
class _Parts:
    """The requirements of one alternative as they are decided, in order."""

    results: list[Tri] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    missing: list[MissingDatum] = field(default_factory=list)

    def add(self, result: Tri, reason: str) -> None:
        self.results.append(result)
        if reason:
            self.reasons.append(reason)


def _shift_part(
    alt: Alternative,
    rule: ProductRule,
    good: Good,
    non_originating: list[BomLine],
    de_minimis: DeMinimisRule | None,
    direct: list[BomLine] | None,
    parts: _Parts,
    kinds: KindTable | None = None,
) -> tuple[ShiftResult, DeMinimisResult | None]:
    """The tariff shift, rescued by de minimis where the materials failing it are few."""
    assert alt.shift is not None
    shift = evaluate_shift(alt.shift, rule, good, non_originating, kinds)
    shift_ok: Tri = shift.passed
    dm = None
    if shift.passed is not True and de_minimis is not None:
        dm = evaluate_de_minimis(de_minimis, good, shift.materials, non_originating, direct)
        if dm.passed:
            shift_ok = True
        elif shift_ok is False and dm.passed is None:
            shift_ok = None
    if dm and dm.passed:
        parts.add(shift_ok, f"tariff shift met through de minimis ({shift.reason}): {dm.reason}")
    else:
        parts.add(
            shift_ok, f"tariff shift: {shift.reason}" + (f"; de minimis: {dm.reason}" if dm else "")
        )
    if dm is not None and dm.passed is None and dm.measure == "weight":
        parts.missing.append(
            MissingDatum(
                field="weight_kg",
                subject=f"good {good.part_number}",
                why=f"de minimis by weight: {dm.reason}",
            )
        )
    return shift, dm


def _stated_parts(
    alt: Alternative,
    good: Good,
    materials: list[BomLine],
    parts: _Parts,
    processes: ProcessVocabulary | None = None,
) -> None:
    """Process and by-weight requirements: decided from what the input states."""
    subject = f"good {good.part_number}"
    if alt.process:
        process_ok, process_reason = process_met(alt.process, good, processes)
        parts.add(process_ok, process_reason)
        if process_ok is None:
            parts.missing.append(
                MissingDatum(field="production_steps", subject=subject, why=process_reason)
            )
    if alt.weight_requirement is not None:
        weight_ok, weight_reason = weight_met(alt.weight_requirement, materials)
        parts.add(weight_ok, weight_reason)
        if weight_ok is None:
            parts.missing.append(
                MissingDatum(field="weight_kg", subject=subject, why=weight_reason)
            )
    if alt.component_codes and not _component_listed(alt, materials, parts):
        return
    if alt.conditions:
        parts.add(None, "condition not computable from the input: " + "; ".join(alt.conditions))


def _component_listed(alt: Alternative, materials: list[BomLine], parts: _Parts) -> bool:
    """Whether the marked classifying component may be of the fabrics the condition lists;
    when it certainly is not, the alternative is not met (and says why)."""
    marked = [m for m in materials if m.classifying_component]
    outside = [m for m in marked if not match_any(alt.component_codes, m.hs_code)]
    if not marked or not outside:
        return True
    listed = ", ".join(str(c) for c in alt.component_codes)
    shown = ", ".join(f"{m.part_number} ({dotted(m.hs_code)})" for m in outside)
    parts.add(
        False,
        f"the component that determines classification is of none of the fabrics the rule "
        f"lists ({listed}): {shown}",
    )
    return False


def evaluate_alternative(
    alt: Alternative,
    rule: ProductRule,
    good: Good,
    non_originating: list[BomLine],
    vnm: Decimal,
    de_minimis: DeMinimisRule | None,
    direct: list[BomLine] | None = None,
    kinds: KindTable | None = None,
    processes: ProcessVocabulary | None = None,
) -> AlternativeResult:
    """``kinds``: the rule set's kind table (``Rulebook.kinds``), for goods named in words;
    ``processes``: its process vocabulary (``Rulebook.processes``, as configured)."""
    parts = _Parts()
    applicable, why = _applicable(alt, rule, good, kinds)
    parts.add(applicable, why)
    shift, dm = None, None
    if alt.shift is not None:
        shift, dm = _shift_part(alt, rule, good, non_originating, de_minimis, direct, parts, kinds)
    rvc: list[RvcResult] = []
    if alt.rvc is not None:
        rvc, rvc_ok, rvc_reason = evaluate_rvc(alt.rvc, good, vnm)
        parts.add(rvc_ok, rvc_reason)
    _stated_parts(alt, good, direct or non_originating, parts, processes)
    return AlternativeResult(
        label=alt.label,
        text=alt.text,
        applicable=applicable,
        shift=shift,
        de_minimis=dm,
        rvc=rvc,
        conditions=list(alt.conditions),
        passed=all3(parts.results),
        reason="; ".join(parts.reasons) or "no change in tariff classification required",
        missing=parts.missing,
    )
