"""What ``roo-check diff`` reads of a JSON report, and what it finds between two.

A report may come from another version of roo-check (an archived baseline), so only the
fields a comparison needs are read and the others are ignored; those it reads are validated
as strictly as any input. The comparison itself is typed (an enum for how a good changed,
Decimals for the figures); reporters format it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from roo_check.models.declarations import ClaimStatus
from roo_check.models.findings import (
    FindingKind,
    FixResult,
    Severity,
    Status,
    fails_at,
)


class _View(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True, defer_build=True)


class RuleView(_View):
    id: str


class FiguresView(_View):
    rvc_transaction_value: Decimal | None = None
    rvc_net_cost: Decimal | None = None


class AlternativeView(_View):
    label: str
    passed: bool | None = None


class DeterminationView(_View):
    good_part_number: str
    status: Status
    criterion: str | None = None
    rule: RuleView | None = None
    alternatives: list[AlternativeView] = Field(default_factory=list)
    figures: FiguresView = Field(default_factory=FiguresView)
    message: str = ""

    @property
    def met(self) -> str | None:
        """The alternatives of its rule that are met, by label (A, B or A, B)."""
        labels = [a.label for a in self.alternatives if a.passed]
        return ", ".join(labels) if labels else None


class FindingView(_View):
    rule_id: str
    kind: FindingKind = FindingKind.determination
    severity: Severity
    good_part_number: str | None = None
    subject: str
    message: str
    suppressed: dict[str, Any] | None = None

    def fails(self, fail_on: str) -> bool:
        """As :meth:`roo_check.models.findings.Finding.fails`: unless suppressed."""
        return self.suppressed is None and fails_at(self.kind, self.severity, fail_on)

    @property
    def key(self) -> tuple[str, str, str]:
        """What makes a finding the same one in two reports (its wording may change)."""
        return (self.good_part_number or "", self.rule_id, self.subject)


class ErrorView(_View):
    message: str


class ShipmentView(_View):
    name: str
    determinations: list[DeterminationView] = Field(default_factory=list)
    findings: list[FindingView] = Field(default_factory=list)
    errors: list[ErrorView] = Field(default_factory=list)


class ReportView(_View):
    tool: str = Field(pattern=r"^roo-check$")
    version: str
    ruleset_hash: str
    shipments: list[ShipmentView]
    batch_findings: list[FindingView] = Field(default_factory=list)


# ------------------------------------------------------------------------- the comparison


class Change(StrEnum):
    """How a good changed from the old report to the new, most serious first."""

    worse = "worse"
    """Its status fell (originating, then cannot decide, then not originating), a finding
    that fails the run appeared, or its shipment could not be checked any more."""
    better = "better"
    changed = "changed"
    added = "added"
    removed = "removed"


class Difference(BaseModel):
    """One thing that differs for a good (or a shipment, or the batch)."""

    model_config = ConfigDict(frozen=True)

    what: str = Field(description="status, criterion, rule, RVC (...), finding, good")
    old: str | None
    new: str | None
    worse: bool = False
    better: bool = False


class GoodChange(BaseModel):
    model_config = ConfigDict(frozen=True)

    shipment: str
    good: str | None = Field(description="None for a shipment-wide or batch-wide finding.")
    change: Change
    differences: list[Difference]


class Comparison(BaseModel):
    """Every good that differs, most serious first, and what was compared."""

    model_config = ConfigDict(frozen=True)

    old: str
    new: str
    old_version: str
    new_version: str
    old_ruleset: str
    new_ruleset: str
    fail_on: str
    goods_compared: int
    changes: list[GoodChange]

    @property
    def worse(self) -> bool:
        return any(c.change is Change.worse for c in self.changes)


# ------------------------------------------------------------------- two rule sets compared


class ItemKind(StrEnum):
    """What in a rule set a decision turns on, as ``roo-check rules diff`` compares it."""

    psr = "product-specific rule"
    general = "chapter general rule"
    de_minimis = "de minimis"
    automotive = "automotive threshold"
    flag = "risk flag"


class RuleChangeKind(StrEnum):
    added = "added"
    removed = "removed"
    changed = "changed"


class RuleChange(BaseModel):
    """One item added, removed or changed: each side in a few words, and the fields that
    differ (for a change)."""

    model_config = ConfigDict(frozen=True)

    kind: ItemKind
    id: str
    change: RuleChangeKind
    old: str | None
    new: str | None
    fields: tuple[str, ...] = ()


class RulesComparison(BaseModel):
    model_config = ConfigDict(frozen=True)

    old: str
    new: str
    old_date: str | None
    new_date: str | None
    changes: list[RuleChange]
    goods: Comparison | None = Field(
        default=None, description="With --check: the goods whose decision changes."
    )


# -------------------------------------------------------------------------- roo-check fix


class GoodFix(FixResult):
    """``roo-check fix`` for one good: the cheapest fix if it fails, what it hangs on if not."""

    shipment: str
    good: str
    status: Status
    currency: str


# --------------------------------------------------------------------- roo-check suppliers


class Standing(StrEnum):
    """Where a declaration stands on the run's date, against the renewal window."""

    expired = "expired"
    expiring = "expiring"
    in_force = "in_force"
    not_yet = "not_yet"


class ClaimRef(BaseModel):
    """An originating claim of a BOM: one that names a declaration covering its material, or
    one that no declaration of the register backs."""

    model_config = ConfigDict(frozen=True)

    shipment: str
    good: str
    material: str
    row: int | None
    supplier: str | None
    evidence: str | None
    status: ClaimStatus
    issues: list[str] = Field(default_factory=list)


class DependentGood(BaseModel):
    """A good that originates as claimed but not without the declaration's materials."""

    model_config = ConfigDict(frozen=True)

    shipment: str
    good: str
    description: str
    status_without: Status
    message_without: str
    value: Decimal
    currency: str
    basis: str = Field(description="Where the value comes from (invoice line, or one unit).")


class DeclarationUse(BaseModel):
    """One declaration of the register: its validity and what it protects."""

    model_config = ConfigDict(frozen=True)

    declaration_id: str
    supplier: str
    certifier: str
    scope: str
    period_start: dt.date | None
    period_end: dt.date | None
    signed_on: dt.date
    valid_until: dt.date = Field(
        description="End of its blanket period, or four years after signing if earlier."
    )
    standing: Standing
    days_left: int = Field(description="Days from the run's date to valid_until (negative: past).")
    source: str
    covers: list[str]
    claims: list[ClaimRef] = Field(default_factory=list)
    dependent: list[DependentGood] = Field(default_factory=list)
    value_at_stake: dict[str, Decimal] = Field(
        default_factory=dict, description="Currency -> the dependent goods' value."
    )


class SuppliersReport(BaseModel):
    """``roo-check suppliers``: the register, what each declaration protects, and the
    renewals due within the window, most consequential first."""

    model_config = ConfigDict(frozen=True)

    on: dt.date
    within_days: int
    declarations: list[DeclarationUse]
    renewals: list[str] = Field(
        description="Ids of the declarations expired or expiring within the window, most "
        "consequential first (value at stake, then goods depending, then earliest expiry)."
    )
    unbacked: list[ClaimRef] = Field(
        default_factory=list, description="Claims no declaration of the register backs."
    )
