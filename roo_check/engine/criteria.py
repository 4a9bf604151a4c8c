"""Origin criteria other than the product-specific rule: A, C and D (USMCA Art. 4.2)."""

from __future__ import annotations

from decimal import Decimal

from roo_check.engine.logic import Tri
from roo_check.engine.rvc import evaluate_rvc
from roo_check.hs.codes import match_any
from roo_check.models.findings import NOT_NEEDED, CriterionResult, RvcResult
from roo_check.models.goods import BomLine, Good
from roo_check.rulebook.schema import CriterionD


def criterion_a(good: Good, non_originating: list[BomLine]) -> CriterionResult:
    if not good.wholly_obtained_basis:
        return CriterionResult(
            criterion="A", met=False, reason="not declared wholly obtained or produced (Art. 4.3)"
        )
    if non_originating:
        parts = ", ".join(m.part_number for m in non_originating)
        return CriterionResult(
            criterion="A",
            met=False,
            reason=f"declared wholly obtained ({good.wholly_obtained_basis}) but the BOM has "
            f"non-originating materials: {parts}",
        )
    return CriterionResult(
        criterion="A", met=True, reason=f"wholly obtained: {good.wholly_obtained_basis}"
    )


def criterion_c(direct: list[BomLine], non_originating: list[BomLine]) -> CriterionResult:
    if not direct:
        return CriterionResult(criterion="C", met=False, reason="no materials declared")
    if non_originating:
        unknown = [m.part_number for m in non_originating if m.origin_status.value == "unknown"]
        text = f"{len(non_originating)} material(s) are not originating"
        if unknown:
            text += f" (of unknown status, counted as non-originating: {', '.join(unknown)})"
        return CriterionResult(criterion="C", met=False, reason=text)
    return CriterionResult(
        criterion="C", met=True, reason="produced exclusively from originating materials"
    )


def _same_code(good: Good, material: BomLine) -> Tri:
    if good.hs_code.endswith("00"):  # a heading not subdivided into subheadings
        return material.hs_code[:4] == good.hs_code[:4]
    if len(material.hs_code) < 6:
        return None if material.hs_code == good.hs_code[:4] else False
    return material.hs_code[:6] == good.hs_code


def criterion_d(
    rule: CriterionD,
    good: Good,
    non_originating: list[BomLine],
    vnm: Decimal,
    psr_met: Tri,
) -> tuple[CriterionResult, list[RvcResult]]:
    def result(met: Tri, reason: str, rvc: list[RvcResult] | None = None):
        return CriterionResult(criterion="D", met=met, reason=reason), rvc or []

    if match_any(rule.excluded_chapters, good.hs_code):
        return result(False, "not available for goods of chapters 61 through 63")
    if psr_met is True:
        return result(False, f"{NOT_NEEDED}: the product-specific rule is met")
    parts = [m for m in non_originating if m.provided_as_part]
    same = [_same_code(good, m) for m in parts]
    if not good.imported_unassembled and not any(same):
        if any(s is None for s in same):
            return result(None, "give the 6-digit subheading of parts classified to 4 digits")
        return result(
            False,
            "no non-originating material declared as provided for as a part is classified in "
            "the good's own subheading, and the good was not imported unassembled (GRI 2(a))",
        )
    rvc, ok, reason = evaluate_rvc(rule.rvc, good, vnm)
    basis = (
        "imported unassembled, classified as assembled (GRI 2(a))"
        if good.imported_unassembled
        else "non-originating parts share the good's subheading"
    )
    return result(ok, f"{basis}; {reason}", rvc)
