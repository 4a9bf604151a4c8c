"""What each stage of a good's decision found, typed so that every report shows it the same way.

A good is decided in stages (``roo_check.engine.evaluate``): the materials as Chapter 4 counts
them (Art. 4.5-4.16), the product-specific rule with de minimis, criteria A-D, the Chapter 4
conditions that can take origin away again (Art. 4.17-4.19), and the automotive overlay. These
models hold the typed results of the Chapter 4 stages; amounts stay ``Decimal`` and reporters
format them.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum

from pydantic import Field

from roo_check.models.common import Out


class Criterion(StrEnum):
    """The origin criteria of USMCA Art. 4.2, as the certification of origin names them."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"


class Outcome(StrEnum):
    """What a Chapter 4 condition found. ``not_checked``: the file gives no facts to check it
    with (the report says so); it never turns a decision either way."""

    met = "met"
    not_met = "not-met"
    cannot_decide = "cannot-decide"
    not_checked = "not-checked"

    @classmethod
    def of(cls, passed: bool | None) -> Outcome:
        return {True: cls.met, False: cls.not_met, None: cls.cannot_decide}[passed]


class MissingDatum(Out):
    """A datum that would let an open question be decided: which field, of what, and why."""

    field: str = Field(description="The input field to give, e.g. net_cost, end_use.")
    subject: str = Field(description="Whose field: 'good EM-750', 'material FAN-160 (row 7)'.")
    why: str = Field(description="What it would decide.")

    def __str__(self) -> str:
        return f"{self.subject}: {self.field} ({self.why})"

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.subject, self.field, self.why)


class Adjustment(Out):
    """One step from a material's declared value to the value Chapter 4 counts."""

    label: str = Field(description="What is taken off or added, in the law's words.")
    amount: Decimal
    citation: str
    applied: bool = Field(description="False when the law does not allow it here (reason says).")
    evidence: str | None = None
    reason: str = ""


class MaterialTreatment(Out):
    """How Chapter 4 counts one BOM line: in the tariff shift, in VNM, or not at all."""

    part_number: str
    parent_part_number: str | None = None
    row: int | None
    description: str
    hs_code: str
    material_type: str
    declared_status: str
    value: Decimal = Field(description="The value as declared in the BOM.")
    counted_status: str = Field(
        description="originating, non-originating, disregarded, or look-through (a "
        "self-produced sub-assembly whose own inputs are counted instead)."
    )
    in_shift: bool | None = Field(
        description="Whether it must undergo the tariff shift; None if a missing datum decides."
    )
    vnm_value: Decimal = Field(
        description="What it adds to the value of non-originating materials."
    )
    citation: str
    reason: str
    adjustments: list[Adjustment] = Field(default_factory=list)
    source: str | None = Field(
        default=None, description="Where the line came from when not the producer's own BOM."
    )


class NetCostResult(Out):
    """Net cost computed from total cost and the costs Art. 4.5 excludes."""

    total_cost: Decimal
    excluded: dict[str, Decimal | None] = Field(
        description="Each excluded cost as given (None: not given, counted as zero)."
    )
    net_cost: Decimal
    citation: str


class FungibleSlice(Out):
    """Units of a fungible material taken from one receipt (or the pool, for averaging)."""

    source: str = Field(description="The receipt or pool the units come from.")
    date: dt.date | None
    quantity: Decimal
    origin_status: str
    unit_value: Decimal | None
    value: Decimal | None


class FungibleResult(Out):
    """The originating share of a fungible material used, under the stated inventory method."""

    part_number: str
    method: str
    fiscal_year_start: dt.date
    withdrawal: str = Field(description="Which withdrawal was taken as this good's consumption.")
    quantity: Decimal
    originating_quantity: Decimal | None
    non_originating_quantity: Decimal | None
    originating_value: Decimal | None
    non_originating_value: Decimal | None
    ratio: Decimal | None = Field(
        default=None, description="Average method: non-originating share of the pool, 0-1."
    )
    slices: list[FungibleSlice] = Field(default_factory=list)
    passed: bool | None = Field(description="None when the records cannot decide the share.")
    reason: str
    citation: str
    missing: list[MissingDatum] = Field(default_factory=list)


class SetComponent(Out):
    part_number: str
    description: str
    row: int | None
    value: Decimal
    originating: bool | None
    basis: str = Field(description="Its own determination, or the status its supplier claims.")


class SetResult(Out):
    """Art. 4.17: a GRI 3 set originates if each good in it does, or the non-originating goods
    are at most 10 % of the set's value."""

    components: list[SetComponent]
    non_originating_value: Decimal
    bases: dict[str, Decimal] = Field(description="Value of the set under each method given.")
    shares: dict[str, Decimal] = Field(description="Non-originating share under each base, %.")
    max_percent: Decimal
    passed: bool | None
    reason: str
    citation: str


class ArticleCheck(Out):
    """A Chapter 4 article applied to a good after its criteria: transit (4.18), non-qualifying
    operations (4.19). Not met takes originating status away whatever the criteria say."""

    id: str
    name: str
    citation: str
    outcome: Outcome
    reason: str
    missing: list[MissingDatum] = Field(default_factory=list)
    evidence: list[str] = Field(
        default_factory=list, description="Where the facts are: routing legs, production steps."
    )
