"""The value of a non-originating material as Chapter 4 counts it (Art. 4.6, 4.7, 4.11).

Two figures come out of one BOM line: the value after the costs Art. 4.7 lets the producer
deduct (what de minimis weighs, 19 U.S.C. 4531(d)(8), (d)(10)), and what is left of it for
VNM once the regional value its supplier's statement attributes to production in a Party is
taken off (Art. 4.11(3); 19 U.S.C. 4531(d)(4)(B); SOR/2020-155 s. 9(2)(b)). A deduction is
made only with documentary evidence (SOR/2020-155 s. 8(3)).
"""

from __future__ import annotations

from decimal import Decimal

from roo_check.models.goods import VALUE_DEDUCTIONS, BomLine
from roo_check.models.stages import Adjustment
from roo_check.rulebook.chapter4_schema import Chapter4File

ZERO = Decimal(0)

_LABELS = {
    "freight_insurance_packing": "freight, insurance, packing and transport to the producer",
    "duties_taxes_brokerage": "non-recoverable duties and taxes, and customs brokerage fees",
    "waste_spoilage": "waste and spoilage, net of reusable scrap or by-product",
}
_MONEY_FIELDS = ("unit_value", "extended_value", *VALUE_DEDUCTIONS, "regional_value", "net_cost")


def adjusted_value(
    line: BomLine, articles: Chapter4File
) -> tuple[Decimal, Decimal, list[Adjustment]]:
    """(value after Art. 4.7 deductions, what it adds to VNM, the steps taken)."""
    steps = _deductions(line, articles)
    value = max(line.value - sum((s.amount for s in steps if s.applied), ZERO), ZERO)
    vnm = value
    if line.regional_value is not None:
        taken = min(line.regional_value, value)
        steps.append(
            Adjustment(
                label="value added by production in a Party and originating inputs, per the "
                "supplier's statement",
                amount=taken,
                citation=articles.accumulation.citation,
                applied=True,
                evidence=line.regional_value_evidence,
                reason="" if taken == line.regional_value else "limited to the value left",
            )
        )
        vnm = value - taken
    return value, vnm, steps


def _deductions(line: BomLine, articles: Chapter4File) -> list[Adjustment]:
    evidence = line.deductions_evidence
    steps = []
    for name in VALUE_DEDUCTIONS:
        amount = getattr(line, name)
        if amount is None:
            continue
        steps.append(
            Adjustment(
                label=_LABELS[name],
                amount=amount,
                citation=articles.value_adjustments.citation,
                applied=bool(evidence),
                evidence=evidence,
                reason=""
                if evidence
                else "not deducted: no documentary evidence given (SOR/2020-155 s. 8(3))",
            )
        )
    return steps


def scaled(line: BomLine, factor: Decimal, value: Decimal | None = None) -> BomLine:
    """``line`` for ``factor`` times its quantity (a supplier's BOM is per unit of the material
    it makes), or with its value replaced by ``value``."""
    update: dict[str, object] = {}
    if factor != 1:
        update["quantity"] = line.quantity * factor
        for name in _MONEY_FIELDS:
            amount = getattr(line, name)
            if amount is not None and name != "unit_value":
                update[name] = amount * factor
        update["extended_value"] = line.value * factor
    if value is not None:
        update["extended_value"] = value
    if update:
        update["unit_value"] = None
    return line.model_copy(update=update)
