"""Risk flags: one function per check name, run over a shipment after its goods are decided.

A flag never changes a determination; it points at a pattern an analyst must judge, with
its evidence and citation. Which flags run, with what thresholds and severities, is data
(rules/risk/ and the company's configuration).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from roo_check.engine.flags import certificate, content, plausibility, processing, transshipment
from roo_check.engine.flags.context import ShipmentContext
from roo_check.models.findings import Finding
from roo_check.rulebook.flag_params import BATCH_CHECKS
from roo_check.rulebook.index import Rulebook

CHECKS: dict[str, Callable] = {
    **certificate.CHECKS,
    **transshipment.CHECKS,
    **processing.CHECKS,
    **content.CHECKS,
    **plausibility.CHECKS,
}


def _active(rulebook: Rulebook, on: dt.date, batch: bool):
    for rule in rulebook.flags:
        if rule.enabled and rule.in_force(on) and (rule.check in BATCH_CHECKS) == batch:
            yield rule, CHECKS[rule.check], rule.typed_params()


def shipment_flags(ctx: ShipmentContext, rulebook: Rulebook, on: dt.date) -> list[Finding]:
    findings: list[Finding] = []
    for rule, check, params in _active(rulebook, on, batch=False):
        findings.extend(check(rule, params, ctx))
    return findings


def batch_flags(contexts: list[ShipmentContext], rulebook: Rulebook, on: dt.date) -> list[Finding]:
    findings: list[Finding] = []
    for rule, check, params in _active(rulebook, on, batch=True):
        findings.extend(check(rule, params, contexts))
    return findings
