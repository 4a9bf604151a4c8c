"""One product-specific rule, alternative by alternative (a good needs to meet only one)."""

from __future__ import annotations

from decimal import Decimal

from roo_check.engine.de_minimis import evaluate_de_minimis
from roo_check.engine.kinds import same_kind
from roo_check.engine.logic import Tri, all3
from roo_check.engine.process import process_met, weight_met
from roo_check.engine.rvc import evaluate_rvc
from roo_check.engine.tariff_shift import evaluate_shift
from roo_check.hs.codes import match_any
from roo_check.models.findings import AlternativeResult, DeMinimisResult, RvcResult, ShiftResult
from roo_check.models.goods import BomLine, Good
from roo_check.models.stages import MissingDatum
from roo_check.rulebook.schema import Alternative, DeMinimisRule, ProductRule


def _applicable(alt: Alternative, rule: ProductRule, good: Good) -> tuple[Tri, str]:
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
    return _applicable_kind(alt, rule, good)


def _applicable_kind(alt: Alternative, rule: ProductRule, good: Good) -> tuple[Tri, str]:
    if alt.good is not None:
        hit = same_kind(good.product_kind, alt.good)
        if hit is None:
            return None, f"applies only to {alt.good}: give the good's product_kind"
        return hit, "" if hit else f"applies only to {alt.good}"
    if alt.other_goods:
        named = [a.good for a in rule.alternatives if a.good]
        if not named:
            return True, ""
        hits = [same_kind(good.product_kind, kind) for kind in named]
        if any(h is None for h in hits):
            return None, f"applies to goods other than {', '.join(named)}: give product_kind"
        return not any(hits), "" if not any(hits) else "the good is of a kind named elsewhere"
    return True, ""


def evaluate_alternative(
    alt: Alternative,
    rule: ProductRule,
    good: Good,
    non_originating: list[BomLine],
    vnm: Decimal,
    de_minimis: DeMinimisRule | None,
    direct: list[BomLine] | None = None,
) -> AlternativeResult:
    applicable, why = _applicable(alt, rule, good)
    shift: ShiftResult | None = None
    dm: DeMinimisResult | None = None
    rvc: list[RvcResult] = []
    parts: list[Tri] = [applicable]
    reasons: list[str] = [why] if why else []

    if alt.shift is not None:
        shift = evaluate_shift(alt.shift, rule, good, non_originating)
        shift_ok: Tri = shift.passed
        if shift.passed is not True and de_minimis is not None:
            dm = evaluate_de_minimis(de_minimis, good, shift.materials, non_originating, direct)
            if dm.passed:
                shift_ok = True
            elif shift_ok is False and dm.passed is None:
                shift_ok = None
        parts.append(shift_ok)
        if dm and dm.passed:
            reasons.append(f"tariff shift met through de minimis ({shift.reason}): {dm.reason}")
        else:
            reasons.append(
                f"tariff shift: {shift.reason}" + (f"; de minimis: {dm.reason}" if dm else "")
            )
    if alt.rvc is not None:
        rvc, rvc_ok, rvc_reason = evaluate_rvc(alt.rvc, good, vnm)
        parts.append(rvc_ok)
        reasons.append(rvc_reason)
    missing: list[MissingDatum] = []
    subject = f"good {good.part_number}"
    if alt.process:
        process_ok, process_reason = process_met(alt.process, good)
        parts.append(process_ok)
        reasons.append(process_reason)
        if process_ok is None:
            missing.append(
                MissingDatum(field="production_steps", subject=subject, why=process_reason)
            )
    if alt.weight_requirement is not None:
        weight_ok, weight_reason = weight_met(alt.weight_requirement, direct or non_originating)
        parts.append(weight_ok)
        reasons.append(weight_reason)
        if weight_ok is None:
            missing.append(MissingDatum(field="weight_kg", subject=subject, why=weight_reason))
    if dm is not None and dm.passed is None and dm.measure == "weight":
        missing.append(
            MissingDatum(
                field="weight_kg", subject=subject, why=f"de minimis by weight: {dm.reason}"
            )
        )
    if alt.conditions:
        parts.append(None)
        reasons.append("condition not computable from the input: " + "; ".join(alt.conditions))
    passed = all3(parts)
    return AlternativeResult(
        label=alt.label,
        text=alt.text,
        applicable=applicable,
        shift=shift,
        de_minimis=dm,
        rvc=rvc,
        conditions=list(alt.conditions),
        passed=passed,
        reason="; ".join(reasons) or "no change in tariff classification required",
        missing=missing,
    )
