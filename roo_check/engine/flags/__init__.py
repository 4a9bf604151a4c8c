"""Risk flags: one function per check name, run over a shipment after its goods are decided.

A flag never changes a determination; it points at a pattern an analyst must judge, with
its evidence and citation. Which flags run, with what thresholds and severities, is data
(rules/risk/ and the company's configuration).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from roo_check.engine.flags import (
    certificate,
    content,
    evidence,
    plausibility,
    processing,
    transshipment,
)
from roo_check.engine.flags.context import ShipmentContext
from roo_check.models.findings import Finding
from roo_check.rulebook.flag_params import BATCH_CHECKS, GOOD_CHECKS
from roo_check.rulebook.index import Rulebook

CHECKS: dict[str, Callable] = {
    **certificate.CHECKS,
    **transshipment.CHECKS,
    **processing.CHECKS,
    **content.CHECKS,
    **plausibility.CHECKS,
    **evidence.CHECKS,
}


def scope_of(check: str) -> str:
    """Where a check runs: "good" (map step), "shipment" (reduce step) or "batch"."""
    if check in BATCH_CHECKS:
        return "batch"
    return "good" if check in GOOD_CHECKS else "shipment"


def _run(ctx, rulebook: Rulebook, on: dt.date, scopes: set[str]) -> list[Finding]:
    findings: list[Finding] = []
    for rule in rulebook.flags:
        if rule.enabled and rule.in_force(on) and scope_of(rule.check) in scopes:
            findings.extend(CHECKS[rule.check](rule, rule.typed_params(), ctx))
    return findings


def good_flags(ctx: ShipmentContext, rulebook: Rulebook, on: dt.date) -> list[Finding]:
    """The checks of one good at a time, over goods with their full determinations."""
    return _run(ctx, rulebook, on, {"good"})


def shipment_wide_flags(ctx: ShipmentContext, rulebook: Rulebook, on: dt.date) -> list[Finding]:
    """The checks across a shipment, over each good's outcome."""
    return _run(ctx, rulebook, on, {"shipment"})


def shipment_flags(ctx: ShipmentContext, rulebook: Rulebook, on: dt.date) -> list[Finding]:
    """Every shipment check at once, for a context whose goods carry full determinations."""
    return _run(ctx, rulebook, on, {"good", "shipment"})


def batch_flags(contexts: list[ShipmentContext], rulebook: Rulebook, on: dt.date) -> list[Finding]:
    return _run(contexts, rulebook, on, {"batch"})
