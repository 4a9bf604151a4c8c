"""Suppressions: an accepted finding stays in the report, marked with reason and owner."""

from __future__ import annotations

from roo_check.models.config import SuppressionRule
from roo_check.models.findings import Finding, Suppression


def _matches(rule: SuppressionRule, finding: Finding, producers: dict[str, str]) -> bool:
    if rule.rule != finding.rule_id:
        return False
    if rule.good and rule.good != finding.good_part_number:
        return False
    if rule.supplier:
        wanted = rule.supplier.casefold()
        named = {e.supplier.casefold() for e in finding.evidence if e.supplier}
        producer = producers.get(finding.good_part_number or "")
        if producer:
            named.add(producer.casefold())
        if wanted not in named:
            return False
    return True


def apply_suppressions(
    findings: list[Finding], rules: list[SuppressionRule], producers: dict[str, str]
) -> list[Finding]:
    """Mark each finding the first matching suppression accepts; drop nothing."""
    out = []
    for finding in findings:
        rule = next((r for r in rules if _matches(r, finding, producers)), None)
        if rule is not None:
            finding = finding.model_copy(update={"suppressed": Suppression(**rule.model_dump())})
        out.append(finding)
    return out
