"""Art. 4.17: a good classified as a set under GRI 3 is decided by the goods in it, not by the
product-specific rule of the code the set is classified in ("notwithstanding the rules set
forth in Annex 4-B", 19 U.S.C. 4531(m)).

The goods in the set are its top-level BOM lines (packing for shipment and indirect
materials aside). A good the shipment file also lists as a good is decided as a good of its
own (the caller decides those first and passes them in ``Facts.components``); any other is
taken at the status its supplier claims. The set originates if each good in it does, or if
the non-originating goods are worth at most 10 % of the value of the set, its transaction
value or net cost (SOR/2020-155 s. 6(4): valued as materials are, with the Art. 4.7
deductions, against the value of the good). A good whose status is undecided counts against
the set; the set is undecided only if the answer turns on it.
"""

from __future__ import annotations

from decimal import Decimal

from roo_check.engine.facts import Facts
from roo_check.engine.logic import Tri
from roo_check.engine.materials import Counted
from roo_check.engine.psr import Psr
from roo_check.engine.value import adjusted_value
from roo_check.models.findings import Determination, RuleRef, Status
from roo_check.models.goods import BomLine, Good, MaterialType
from roo_check.models.stages import MissingDatum, SetComponent, SetResult
from roo_check.money import display_money, display_percent, percent
from roo_check.rulebook.chapter4_schema import Chapter4File

_NOT_IN_SET = (MaterialType.shipping_packing, MaterialType.indirect)
_BASES = ("transaction_value", "net_cost")
_STATUS: dict[Status, Tri] = {
    Status.originating: True,
    Status.not_originating: False,
    Status.cannot_decide: None,
}


def _component(
    line: BomLine, decided: Determination | None, articles: Chapter4File
) -> SetComponent:
    if decided is not None:
        originating = _STATUS[decided.status]
        basis = f"decided as a good of its own: {decided.status.value}"
        if decided.criterion:
            basis += f" (criterion {decided.criterion})"
    else:
        originating = line.counts_as_originating
        basis = f"status claimed in the BOM: {line.origin_status.value}"
    value = line.value if originating else adjusted_value(line, articles)[0]
    return SetComponent(
        part_number=line.part_number,
        description=line.description,
        row=line.row,
        value=value,
        originating=originating,
        basis=basis,
    )


def set_stage(good: Good, counted: Counted, facts: Facts, articles: Chapter4File) -> Psr:
    article = articles.sets
    components = [
        _component(line, facts.components.get(line.part_number), articles)
        for line in counted.declared
        if line.material_type not in _NOT_IN_SET
    ]
    strict = sum((c.value for c in components if c.originating is not True), Decimal(0))
    sure = sum((c.value for c in components if c.originating is False), Decimal(0))
    bases = {name: getattr(good, name) for name in _BASES if getattr(good, name)}
    shares = {name: percent(strict, base) for name, base in bases.items()}
    passed, reason = _verdict(components, strict, sure, bases, shares, article.max_percent)
    missing = []
    if passed is None and not bases:
        missing.append(
            MissingDatum(
                field="transaction_value or net_cost",
                subject=f"good {good.part_number}",
                why="the value of the set, against which its non-originating goods are weighed",
            )
        )
    undecided = [c for c in components if c.originating is None]
    if passed is None and undecided:
        missing.extend(
            MissingDatum(
                field="origin of the good in the set",
                subject=f"good {c.part_number}",
                why="whether the set is originating turns on it",
            )
            for c in undecided
        )
    result = SetResult(
        components=components,
        non_originating_value=strict,
        bases=bases,
        shares=shares,
        max_percent=article.max_percent,
        passed=passed,
        reason=reason,
        citation=article.citation,
    )
    rule = RuleRef(
        id=article.id,
        provision="goods put up in sets (GRI 3)",
        citation=article.citation,
        text=article.text,
        effective_from=article.effective_from,
        effective_to=article.effective_to,
    )
    return Psr(
        met=passed,
        reason=f"{article.id}: {reason}",
        rule_ref=rule,
        missing=missing,
        set_result=result,
    )


def _verdict(
    components: list[SetComponent],
    strict: Decimal,
    sure: Decimal,
    bases: dict[str, Decimal],
    shares: dict[str, Decimal],
    limit: Decimal,
) -> tuple[Tri, str]:
    if not components:
        return False, "the set lists no goods"
    if all(c.originating for c in components):
        return True, f"each of the {len(components)} goods in the set is originating (Art. 4.17(a))"
    if not bases:
        return (
            None,
            "give the set's transaction_value or net_cost to weigh its non-originating goods",
        )
    name, share = min(shares.items(), key=lambda item: item[1])
    words = f"{display_money(strict)} = {display_percent(share)}% of the {name.replace('_', ' ')}"
    if share <= limit:
        return True, (
            f"the non-originating goods in the set are {words}, not more than {limit}% "
            "(Art. 4.17(b))"
        )
    if sure != strict and min(percent(sure, b) for b in bases.values()) <= limit:
        return None, (
            f"the goods not known to originate are {words}, more than {limit}%: it turns on "
            "the undecided goods"
        )
    return False, (
        f"not every good in the set is originating, and the non-originating goods are {words}, "
        f"more than {limit}% (Art. 4.17)"
    )
