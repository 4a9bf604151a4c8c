"""What the automotive checks conclude for one good (SOR/2020-155 Part 6), figures shown.

A vehicle is originating only if its product-specific rule (with the staged RVC), its core
parts, its producer's steel and aluminum purchases and its labour value content all pass;
each is one :class:`AutoCheck` with its figures, its threshold in force on the evaluation
date, the schedule that threshold comes from, and its citation.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import Field

from roo_check.models.common import Out


class Step(Out):
    """One dated step of a phase-in schedule."""

    effective_from: dt.date | None
    effective_to: dt.date | None = Field(description="Last day in force (inclusive).")
    percent: Decimal | None
    citation: str


class Threshold(Out):
    """A threshold in force on the evaluation date, with the schedule it belongs to."""

    schedule: str = Field(description="Schedule id, e.g. AUTO-B-RVC.")
    measure: str = Field(description="net_cost, transaction_value, lvc_total, ...")
    label: str = Field(description="What the threshold is, in words.")
    percent: Decimal | None
    value: Decimal | None = None
    unit: str | None = None
    effective_from: dt.date | None
    effective_to: dt.date | None
    citation: str
    steps: list[Step] = Field(description="The whole phase-in, so the step used is visible.")


class AutoCheck(Out):
    """One requirement of Part 6 checked for one good."""

    id: str = Field(description="Stable id, e.g. AUTO-CORE-PARTS.")
    name: str
    passed: bool | None
    figures: dict[str, str] = Field(description="Every figure used, formatted for display.")
    thresholds: list[Threshold]
    citation: str
    reason: str
    missing: list[str] = Field(default_factory=list)
    parts: list[AutoCheck] = Field(
        default_factory=list, description="Sub-checks (each core part, each plant)."
    )


class ContentFigures(Out):
    """US, USMCA and non-USMCA content of a good, as separate figures.

    The value tariffed under the 2025 Section 232 proclamations for USMCA-qualifying
    vehicles and parts is the non-US content; it is not the regional value content.
    """

    currency: str
    value_basis: str = Field(description="The value the shares are of (transaction value...).")
    value: Decimal | None
    materials: Decimal = Field(description="Value of the direct materials of the BOM.")
    us_content: Decimal = Field(description="Direct materials of US origin.")
    usmca_content: Decimal = Field(
        description="Direct materials of US, Mexican or Canadian origin."
    )
    non_usmca_content: Decimal = Field(description="Direct materials from outside the USMCA.")
    unknown_origin: Decimal = Field(description="Direct materials with no country of origin.")
    not_in_materials: Decimal | None = Field(
        description="Value not in the materials (assembly, overhead, profit), done in the "
        "country of production."
    )
    non_us_content: Decimal | None = Field(
        description="Value minus US content: the base of a duty on non-US content."
    )
    declared_us_content: Decimal | None = None
    note: str
    citation: str


class AutomotiveResult(Out):
    """Where Part 6 places a good and what each of its requirements gave."""

    kind: str = Field(description="vehicle, part or other")
    category: str = Field(description="e.g. passenger vehicle; Table B principal part")
    schedule: str | None = Field(description="The RVC schedule id applied, if any.")
    basis: str = Field(description="Why the good is in that category (codes, definition).")
    citation: str
    regime: str = Field(default="standard", description="standard or alternative staging regime")
    passed: bool | None
    checks: list[AutoCheck]
    content: ContentFigures | None = None
    missing: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
