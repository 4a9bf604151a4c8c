"""Turn determinations into findings: one per good, severity by how the analyst must act."""

from __future__ import annotations

from roo_check.models.findings import Determination, Finding, Severity, Status
from roo_check.models.stages import ArticleCheck, Outcome
from roo_check.money import display_money, display_percent
from roo_check.rulebook.schema import OriginatingGoods


def _status_severity(status: Status, undecided: Severity) -> Severity:
    """Originating: info (a recorded pass); not originating: error; cannot decide: as the
    rulebook's (configured) ``undecided_severity``, error by default."""
    if status is Status.cannot_decide:
        return undecided
    return Severity.info if status is Status.originating else Severity.error


def _figures(d: Determination) -> dict[str, str]:
    f = d.figures
    out = {"currency": f.currency, "vnm": display_money(f.vnm)}
    if f.transaction_value is not None:
        out["transaction_value"] = display_money(f.transaction_value)
    if f.net_cost is not None:
        out["net_cost"] = display_money(f.net_cost)
    if f.rvc_transaction_value is not None:
        out["rvc_transaction_value"] = display_percent(f.rvc_transaction_value)
    if f.rvc_net_cost is not None:
        out["rvc_net_cost"] = display_percent(f.rvc_net_cost)
    for alt in d.alternatives:
        for r in alt.rvc:
            out[f"threshold_{alt.label}_{r.method}"] = str(r.threshold)
        if alt.de_minimis and alt.de_minimis.share is not None:
            out[f"de_minimis_share_{alt.label}"] = display_percent(alt.de_minimis.share)
    if d.missing:
        out["missing"] = "; ".join(str(m) for m in d.missing)
    return out


def _tri_severity(passed: bool | None, undecided: Severity) -> Severity:
    return {True: Severity.info, None: undecided, False: Severity.error}[passed]


def automotive_findings(d: Determination, undecided: Severity = Severity.error) -> list[Finding]:
    """One finding per Part 6 check, so JUnit, SARIF and CSV list each requirement."""
    result = d.automotive
    if result is None:
        return []
    findings = []
    for check in result.checks:
        figures = dict(check.figures)
        if check.missing:
            figures["missing"] = "; ".join(check.missing)
        in_force = [t for t in check.thresholds if t.percent is not None]
        findings.append(
            Finding(
                rule_id=check.id,
                severity=_tri_severity(check.passed, undecided),
                good_part_number=d.good_part_number,
                subject=f"good {d.good_part_number} ({d.hs_code}): {check.name}",
                decision={True: "met", False: "not met", None: "cannot decide"}[check.passed],
                figures=figures,
                threshold="; ".join(f"{t.measure} {t.percent}%" for t in in_force) or None,
                citation=check.citation,
                message=f"{result.category}: {check.reason}",
            )
        )
    return findings


_OUTCOME_PASSED = {Outcome.met: True, Outcome.cannot_decide: None, Outcome.not_met: False}


def condition_findings(d: Determination, undecided: Severity = Severity.error) -> list[Finding]:
    """One finding per Chapter 4 condition actually checked (transit, dilution), so that
    JUnit, SARIF and CSV show the article that decided, or could not decide, the good."""
    return [
        _condition(d, c, undecided) for c in d.conditions if c.outcome is not Outcome.not_checked
    ]


def _condition(d: Determination, check: ArticleCheck, undecided: Severity) -> Finding:
    figures = {"outcome": check.outcome.value}
    if check.missing:
        figures["missing"] = "; ".join(str(m) for m in check.missing)
    return Finding(
        rule_id=check.id,
        severity=_tri_severity(_OUTCOME_PASSED[check.outcome], undecided),
        good_part_number=d.good_part_number,
        subject=f"good {d.good_part_number} ({d.hs_code}): {check.name}",
        decision={
            Outcome.met: "met",
            Outcome.not_met: "not met",
            Outcome.cannot_decide: "cannot decide",
        }[check.outcome],
        figures=figures,
        citation=check.citation,
        message=check.reason,
    )


def _rule_of(d: Determination, general: OriginatingGoods) -> tuple[str, str]:
    if d.set_result is not None:
        return "ORIG-4.17", d.set_result.citation
    if d.rule:
        return d.rule.id, d.rule.citation
    return general.id, general.citation


def findings_for(
    d: Determination, general: OriginatingGoods, undecided: Severity = Severity.error
) -> list[Finding]:
    """The good's findings; ``general`` is Art. 4.2 as the rule set states it, cited when no
    product-specific rule decided the good; ``undecided`` is the severity of whatever cannot
    be decided."""
    rule_id, citation = _rule_of(d, general)
    subject = f"good {d.good_part_number} ({d.hs_code})"
    return [
        *automotive_findings(d, undecided),
        *condition_findings(d, undecided),
        Finding(
            rule_id=rule_id,
            severity=_status_severity(d.status, undecided),
            good_part_number=d.good_part_number,
            subject=subject,
            decision=d.status.value + (f" ({d.criterion})" if d.criterion else ""),
            figures=_figures(d),
            citation=citation,
            message=d.message,
        ),
    ]
