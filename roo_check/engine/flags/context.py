"""What a flag check sees: one shipment with its goods, BOM lines and determinations."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from roo_check.hs.codes import dotted
from roo_check.models.findings import (
    CriterionResult,
    Determination,
    Evidence,
    Finding,
    FindingKind,
    RuleRef,
    Severity,
    Status,
)
from roo_check.models.goods import BomLine, Good
from roo_check.models.shipment import ShipmentFile
from roo_check.money import display_money
from roo_check.rulebook.chapter4_schema import TransitArticle
from roo_check.rulebook.schema import FlagRule


@dataclass(frozen=True)
class GoodOutcome:
    """What the checks across a shipment read of a decided good: its determination without
    the per-material detail, which stays in the map step (a determination is tens of
    kilobytes in memory; a million-line shipment has a hundred thousand of them)."""

    evaluation_date: dt.date
    status: Status
    criteria: list[CriterionResult]
    rule: RuleRef | None
    failed_shift: frozenset[str]
    """Materials that failed a tariff shift of the rule, by part number."""

    @classmethod
    def of(cls, determination: Determination) -> GoodOutcome:
        return cls(
            evaluation_date=determination.evaluation_date,
            status=determination.status,
            criteria=determination.criteria,
            rule=determination.rule,
            failed_shift=frozenset(
                m.part_number
                for alt in determination.alternatives
                if alt.shift
                for m in alt.shift.materials
                if m.passes is False
            ),
        )


@dataclass(frozen=True)
class GoodContext:
    good: Good
    materials: list[BomLine]
    outcome: GoodOutcome
    determination: Determination | None = None
    """The full determination, in the map step only (see GOOD_CHECKS)."""

    @classmethod
    def of(cls, good: Good, materials: list[BomLine], determination: Determination) -> GoodContext:
        return cls(good, materials, GoodOutcome.of(determination), determination)

    @property
    def direct(self) -> list[BomLine]:
        """Materials used directly in the good (sub-assembly lines excluded), indirect ones too."""
        return [m for m in self.materials if not m.parent_part_number]

    @property
    def value(self) -> Decimal | None:
        """The good's value for shares: transaction value, else net cost, else total cost."""
        return self.good.transaction_value or self.good.net_cost or self.good.total_cost

    @property
    def value_basis(self) -> str:
        if self.good.transaction_value:
            return "transaction value"
        return "net cost" if self.good.net_cost else "total cost"


@dataclass(frozen=True)
class ShipmentContext:
    shipment: ShipmentFile
    goods: list[GoodContext]
    parties: frozenset[str]
    transit: TransitArticle | None = None
    """Art. 4.18 as the rule set states it: the operations a non-Party stop may see."""

    @classmethod
    def build(
        cls,
        shipment: ShipmentFile,
        determinations: list[Determination],
        parties: frozenset[str],
        transit: TransitArticle | None = None,
    ) -> ShipmentContext:
        by_good = shipment.lines_by_good()
        decided = {d.good_part_number: d for d in determinations}
        goods = [
            GoodContext.of(g, by_good.get(g.part_number, []), decided[g.part_number])
            for g in sorted(shipment.goods, key=lambda g: g.part_number)
            if g.part_number in decided
        ]
        return cls(shipment, goods, parties, transit)

    def good(self, part_number: str) -> GoodContext | None:
        return self._by_part_number.get(part_number)

    @cached_property
    def _by_part_number(self) -> dict[str, GoodContext]:
        """Built once: flags look goods up by part number for every certified good and line."""
        found: dict[str, GoodContext] = {}
        for good in self.goods:
            found.setdefault(good.good.part_number, good)
        return found

    @property
    def bom_file(self) -> str:
        return self.shipment.bom_source or self.shipment.file_for("bom")

    @property
    def goods_file(self) -> str:
        return self.shipment.file_for("goods")

    @property
    def certificate_file(self) -> str:
        return self.shipment.file_for("certificate")

    @property
    def shipment_file(self) -> str:
        return self.shipment.file_for("shipment")

    def material_evidence(self, line: BomLine, note: str | None = None) -> Evidence:
        return Evidence(
            source=self.bom_file,
            location=f"row {line.row}" if line.row else None,
            field="extended_value",
            value=f"{line.part_number} {dotted(line.hs_code)} {line.country_of_origin or '??'} "
            f"{line.origin_status.value} {display_money(line.value)} {line.currency}",
            note=note,
            supplier=line.supplier,
        )


def flag(
    rule: FlagRule,
    *,
    good: str | None,
    subject: str,
    message: str,
    figures: dict[str, str] | None = None,
    threshold: str | None = None,
    evidence: list[Evidence] | None = None,
    decision: str = "flagged",
) -> Finding:
    """A flag finding carrying the rule's id, severity and citation."""
    return Finding(
        rule_id=rule.id,
        kind=FindingKind.flag,
        severity=Severity(rule.severity),
        good_part_number=good,
        subject=subject,
        decision=decision,
        figures=figures or {},
        threshold=threshold,
        citation=_citation(rule),
        message=message,
        evidence=evidence or [],
    )


def _citation(rule: FlagRule) -> str:
    """The rule's citation, and what the company's configuration set, if it set anything:
    a report says "set by the company" only when the configuration did."""
    if rule.configured_by is None:
        return rule.citation
    file, keys = rule.configured_by
    return f"{rule.citation}; {', '.join(keys)} set by the company's configuration ({file})"
