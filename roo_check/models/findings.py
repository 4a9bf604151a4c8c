"""What the engine concludes: a determination per good and findings, with every figure shown.

Amounts and percentages stay ``Decimal``; reporters format them (see roo_check.money for
the one rounding rule). Three-valued results use ``None`` for "cannot decide".
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class Out(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Status(StrEnum):
    originating = "originating"
    not_originating = "not-originating"
    cannot_decide = "cannot-decide"


class Severity(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"

    @property
    def rank(self) -> int:
        return {"info": 1, "warning": 2, "error": 3}[self.value]


class MaterialCheck(Out):
    """How one non-originating material fared against a required change in classification."""

    part_number: str
    description: str
    hs_code: str
    row: int | None
    value: Decimal
    country_of_origin: str | None
    origin_status: str
    passes: bool | None
    reason: str


class ShiftResult(Out):
    passed: bool | None
    materials: list[MaterialCheck]
    reason: str


class RvcResult(Out):
    method: str = Field(description="transaction_value or net_cost")
    base: Decimal | None = Field(description="TV or NC of the good; None if not given.")
    vnm: Decimal
    rvc: Decimal | None = Field(description="Exact RVC in percent (unrounded).")
    threshold: Decimal
    passed: bool | None


class DeMinimisResult(Out):
    rule_id: str
    citation: str
    failing_value: Decimal
    base_name: str | None
    base: Decimal | None
    share: Decimal | None
    max_percent: Decimal
    passed: bool | None
    reason: str


class AlternativeResult(Out):
    label: str
    text: str
    applicable: bool | None
    shift: ShiftResult | None
    de_minimis: DeMinimisResult | None
    rvc: list[RvcResult]
    conditions: list[str]
    passed: bool | None
    reason: str


class CriterionResult(Out):
    criterion: str
    met: bool | None
    reason: str


class RuleRef(Out):
    id: str
    provision: str
    citation: str
    text: str
    effective_from: dt.date
    effective_to: dt.date | None


class Figures(Out):
    currency: str
    transaction_value: Decimal | None
    net_cost: Decimal | None
    total_cost: Decimal | None
    value_of_materials: Decimal
    vnm: Decimal = Field(description="Value of non-originating (incl. unknown) direct materials.")
    value_china: Decimal = Field(description="Value of direct materials of Chinese origin.")
    value_unknown_status: Decimal = Field(description="Value of materials of unknown status.")
    rvc_transaction_value: Decimal | None
    rvc_net_cost: Decimal | None


class Determination(Out):
    good_part_number: str
    description: str
    hs_code: str
    tariff_item: str | None
    evaluation_date: dt.date
    date_source: str = Field(
        default="given", description="Where the evaluation date came from (--date, a file field)."
    )
    status: Status
    criterion: str | None = Field(description="The criterion relied on (A, B, C or D), if any.")
    criteria: list[CriterionResult]
    rule: RuleRef | None
    alternatives: list[AlternativeResult]
    figures: Figures
    missing: list[str] = Field(description="Data that would let a 'cannot decide' be decided.")
    message: str


class Finding(Out):
    """One line an analyst acts on: what was checked, what was decided, on which figures."""

    rule_id: str
    severity: Severity
    good_part_number: str
    subject: str = Field(description="What the finding concerns: the good, a material, a field.")
    decision: str
    figures: dict[str, str]
    citation: str
    message: str


class ErrorRecord(Out):
    kind: str
    file: str | None
    location: str | None
    field: str | None
    message: str


class InputRecord(Out):
    path: str
    sha256: str


class ShipmentResult(Out):
    name: str
    inputs: list[InputRecord]
    determinations: list[Determination]
    findings: list[Finding]
    errors: list[ErrorRecord]


class Report(Out):
    tool: str = "roo-check"
    version: str
    ruleset_hash: str
    evaluation_date: dt.date | None = Field(
        description="The --date given; otherwise each good's date is in its determination."
    )
    date_source: str
    shipments: list[ShipmentResult]
