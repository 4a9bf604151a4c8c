"""What the engine concludes: a determination per good and findings, with every figure shown.

Amounts and percentages stay ``Decimal``; reporters format them (see roo_check.money for
the one rounding rule). Three-valued results use ``None`` for "cannot decide".
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum

from pydantic import Field

from roo_check.models.automotive_result import AutomotiveResult
from roo_check.models.common import Out
from roo_check.models.declarations import ClaimCheck
from roo_check.models.stages import (
    ArticleCheck,
    Criterion,
    FungibleResult,
    MaterialTreatment,
    MissingDatum,
    NetCostResult,
    SetResult,
)


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
    measure: str = Field(default="value", description="value (money) or weight (kg).")
    failing_value: Decimal = Field(
        description="Value (or weight, in kg) of non-shifting materials."
    )
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
    missing: list[MissingDatum] = Field(
        default_factory=list, description="Data that would decide this alternative."
    )


NOT_NEEDED = "not needed"
"""How a criterion's reason begins when the engine did not need it (the rule was met first)."""


class CriterionResult(Out):
    criterion: Criterion
    met: bool | None
    reason: str

    @property
    def not_needed(self) -> bool:
        """Not considered because an earlier criterion was met: not a failure to report."""
        return self.met is False and self.reason.startswith(NOT_NEEDED)

    @property
    def why(self) -> str:
        """The reason, without the words "not needed" its mark already says."""
        if self.not_needed:
            return self.reason.removeprefix(NOT_NEEDED).lstrip(": ") or self.reason
        return self.reason


class RuleRef(Out):
    id: str
    provision: str
    citation: str
    text: str
    effective_from: dt.date
    effective_to: dt.date | None
    notes: list[str] = Field(
        default_factory=list,
        description="The rule data's notes on its own text: transcription notes ([sic], "
        "gaps in the source) and repairs, so a reader knows where the legal text is damaged.",
    )


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


class Headroom(Out):
    """How much more non-originating value an originating good can take before it fails."""

    method: str = Field(description="The RVC method with the most room, of those the rule allows.")
    rvc: Decimal
    threshold: Decimal
    points: Decimal = Field(description="RVC minus threshold, in percentage points.")
    value: Decimal = Field(description="Extra non-originating value the good can absorb.")
    critical_materials: list[str] = Field(
        description="Originating materials that would, each alone, make the good fail if "
        "sourced from China (non-originating) instead."
    )


class IntermediateResult(Out):
    """A self-produced sub-assembly designated as an intermediate material (Art. 4.8), decided
    under its own rule, and what that did to the good it went into."""

    part_number: str
    row: int | None
    determination: Determination
    counted_as_originating: bool = Field(
        description="It qualified: it is an originating material of the good (SOR s. 7(4)(b))."
    )
    vnm_removed: Decimal = Field(
        description="Value of its non-originating inputs that leaves the good's VNM."
    )
    reason: str


class MaterialsResult(Out):
    """The good's materials as Chapter 4 counts them (Art. 4.5-4.16), line by line."""

    lines: list[MaterialTreatment]
    vnm: Decimal
    net_cost: NetCostResult | None = None
    fungibles: list[FungibleResult] = Field(default_factory=list)
    intermediates: list[IntermediateResult] = Field(default_factory=list)
    missing: list[MissingDatum] = Field(default_factory=list)


class WayCost(Out):
    way: str
    materials: list[str] | None = Field(description="None when the way cannot be met.")
    cost: Decimal | None


class FixFound(Out):
    way: str
    materials: list[str]
    cost: Decimal = Field(description="Their value, or the premiums the scenario gives.")
    value: Decimal = Field(description="Their value, which leaves the VNM.")
    message: str = Field(description="The good decided again with them originating.")


class FixResult(Out):
    """The cheapest fix of a good that is not originating (the non-originating materials to
    obtain as originating at least cost, solved exactly over every way its rule allows), or,
    for an originating good, the materials whose loss alone would make it fail."""

    fix: FixFound | None = None
    ways: list[WayCost] = Field(default_factory=list)
    falls: dict[str, Decimal] = Field(
        default_factory=dict, description="Way -> how much the VNM must fall, whoever's value."
    )
    unreached: list[str] = Field(default_factory=list)
    refused: str | None = Field(
        default=None, description="No fix confirmed: the good decided again, and why it fails."
    )
    single_points_of_failure: list[str] = Field(default_factory=list)


class ClaimedAnswer(Out):
    """The determination as the BOM claims it, beside the one made with every unsupported
    claim treated as non-originating (``--strict-evidence``)."""

    status: Status
    criterion: Criterion | None
    message: str
    set_aside: list[str] = Field(
        description="The materials whose originating claim was set aside (treated as "
        "non-originating)."
    )


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
    criterion: Criterion | None = Field(
        description="The criterion relied on (A, B, C or D), if any."
    )
    criteria: list[CriterionResult]
    rule: RuleRef | None
    alternatives: list[AlternativeResult]
    figures: Figures
    missing: list[MissingDatum] = Field(
        description="Data that would let a 'cannot decide' be decided."
    )
    message: str
    headroom: Headroom | None = Field(
        default=None, description="For originating goods: room left before they fail."
    )
    automotive: AutomotiveResult | None = Field(
        default=None,
        description="Automotive goods (SOR/2020-155 Part 6): category, staged thresholds, "
        "core parts, steel and aluminum, LVC, and US/USMCA content figures.",
    )
    materials: MaterialsResult | None = Field(
        default=None,
        description="How Chapter 4 counts the BOM (Art. 4.5-4.16), where it differs from the "
        "BOM as declared: material types, value adjustments, accumulation, fungible stock, "
        "intermediate materials, net cost from total cost.",
    )
    set_result: SetResult | None = Field(
        default=None, description="A GRI 3 set, decided under Art. 4.17."
    )
    conditions: list[ArticleCheck] = Field(
        default_factory=list,
        description="Chapter 4 conditions applied after the criteria: transit (Art. 4.18), "
        "non-qualifying operations (Art. 4.19).",
    )
    evidence: list[ClaimCheck] = Field(
        default_factory=list,
        description="Each originating claim of the BOM and the supplier's declaration behind "
        "it (USMCA Art. 5.2, 5.8).",
    )
    fixes: FixResult | None = Field(
        default=None,
        description="With --fixes: the cheapest fix if the good is not originating, its single "
        "points of failure if it is.",
    )
    as_claimed: ClaimedAnswer | None = Field(
        default=None,
        description="With --strict-evidence, when a claim was set aside: the answer the BOM as "
        "claimed gives (this determination treats those materials as non-originating).",
    )


class Evidence(Out):
    """Where a finding comes from: a file and the row, element, leg or field in it."""

    source: str = Field(description="The input file (or document) the evidence is in.")
    location: str | None = Field(default=None, description="Row, element path or routing leg.")
    field: str | None = Field(default=None, description="The field concerned.")
    value: str | None = Field(default=None, description="The value found there.")
    note: str | None = Field(default=None, description="What this piece of evidence shows.")
    supplier: str | None = Field(default=None, description="Supplier or party concerned, if any.")


class Suppression(Out):
    """An accepted finding: who accepted it and why. Suppressed findings stay in reports."""

    rule: str
    good: str | None = None
    supplier: str | None = None
    reason: str
    owner: str


class FindingKind(StrEnum):
    determination = "determination"
    flag = "flag"


class Finding(Out):
    """One line an analyst acts on: what was checked, what was decided, on which figures."""

    rule_id: str
    kind: FindingKind = FindingKind.determination
    severity: Severity
    good_part_number: str | None = Field(description="None for a shipment- or batch-wide flag.")
    subject: str = Field(description="What the finding concerns: the good, a material, a field.")
    decision: str
    figures: dict[str, str]
    threshold: str | None = Field(default=None, description="The threshold compared against.")
    citation: str
    message: str
    evidence: list[Evidence] = Field(default_factory=list)
    suppressed: Suppression | None = Field(
        default=None, description="Set when configuration accepts this finding; never dropped."
    )

    def fails(self, fail_on: str) -> bool:
        """Whether this finding, unless suppressed, fails a run at this fail level."""
        return fails_at(self.kind, self.severity, fail_on)


def fails_at(kind: FindingKind, severity: Severity, fail_on: str) -> bool:
    """Whether a finding of this kind and severity fails a run at this fail level: at or above
    the level, except an originating good's determination (info), which is a recorded pass,
    not a finding. The exit code, JUnit, SARIF and ``roo-check diff`` all use this one rule."""
    if fail_on == "never":
        return False
    if kind is FindingKind.determination and severity is Severity.info:
        return False
    return severity.rank >= Severity(fail_on).rank


INTERNAL_ERROR_KIND = "InternalError"
"""The ``kind`` of an error record that is a bug of roo-check (exit code 3), not bad input."""


class ErrorRecord(Out):
    """A problem with one input (``kind`` InputError, RuleError...) or a bug met on it
    (``kind`` InternalError): the input's findings are missing, the others' are not."""

    kind: str
    file: str | None
    location: str | None
    field: str | None
    message: str


class InputRecord(Out):
    path: str
    sha256: str


class RouteLeg(Out):
    """A routing leg as the shipment file states it, for the report's routing strip."""

    from_place: str
    from_country: str
    to_place: str
    to_country: str
    departure: dt.date | None = None
    arrival: dt.date | None = None
    under_customs_control: bool | None = None
    operations: list[str] = Field(default_factory=list)
    party: bool = Field(description="Whether to_country is a USMCA Party.")


class ShipmentResult(Out):
    name: str
    inputs: list[InputRecord]
    routing: list[RouteLeg] = Field(default_factory=list, description="Routing legs, in order.")
    determinations: list[Determination]
    findings: list[Finding]
    errors: list[ErrorRecord]
    notes: list[str] = Field(
        default_factory=list,
        description="Rows of the input tables skipped, and why (titles above the header, "
        "total rows): no error, but a reader should know.",
    )


class ConfigRecord(Out):
    path: str
    sha256: str


class Report(Out):
    tool: str = "roo-check"
    version: str
    ruleset_hash: str
    config: ConfigRecord | None = Field(
        default=None, description="The configuration file applied (thresholds, suppressions)."
    )
    batch_findings: list[Finding] = Field(
        default_factory=list, description="Flags that look across every shipment of the run."
    )
    evaluation_date: dt.date | None = Field(
        description="The --date given; otherwise each good's date is in its determination."
    )
    date_source: str
    declarations: list[InputRecord] = Field(
        default_factory=list,
        description="The register of suppliers' declarations given for the batch "
        "(--declarations); a shipment's own register is among its inputs.",
    )
    strict_evidence: bool = Field(
        default=False,
        description="Claims no declaration supports were set aside (--strict-evidence).",
    )
    fixes: bool = Field(
        default=False,
        description="Each good's cheapest fix or single points of failure was computed (--fixes).",
    )
    shipments: list[ShipmentResult]


IntermediateResult.model_rebuild()
