"""A good's evidence lines in the text report: its originating claims against the suppliers'
declarations, the answer as claimed when --strict-evidence set claims aside, and the cheapest
fix or single points of failure of ``check --fixes``. The wording of a fix is shared with
``roo-check fix`` (:func:`fix_phrase`, :func:`failure_points`), so both say it the same way."""

from __future__ import annotations

from roo_check.models.declarations import ClaimCheck, ClaimStatus
from roo_check.models.findings import Determination, FixFound, FixResult, Status
from roo_check.money import display_money


def fix_phrase(fix: FixFound, currency: str) -> str:
    """What to do, at what cost, under which way: 'obtain X, Y as originating (cost ...)'."""
    materials = ", ".join(fix.materials) or "nothing"
    return (
        f"obtain {materials} as originating (cost {display_money(fix.cost)} {currency}) "
        f"under {fix.way}"
    )


def failure_points(parts: list[str]) -> str:
    return ", ".join(parts) or "none"


def _claims(n: int) -> str:
    return f"{n} claim" if n == 1 else f"{n} claims"


def _unsupported(c: ClaimCheck) -> str:
    row = f" row {c.row}" if c.row else ""
    named = f" {c.evidence}" if c.evidence else ""
    said = "; ".join(i.message for i in c.issues)
    return f"    [{c.status.value}] {c.part_number}{row}{named}: {said}"


def claim_lines(claims: list[ClaimCheck]) -> list[str]:
    """A count by status, then each claim nothing supports; one line when none was checked."""
    if not claims:
        return []
    counts = {s: sum(1 for c in claims if c.status is s) for s in ClaimStatus}
    if counts[ClaimStatus.unverified] == len(claims):
        return [
            f"  Evidence: {_claims(len(claims))} named, not checked: "
            "no register of declarations given"
        ]
    shown = ", ".join(f"{n} {s.value}" for s, n in counts.items())
    out = [f"  Evidence: {_claims(len(claims))}: {shown}"]
    out.extend(_unsupported(c) for c in claims if c.status is ClaimStatus.unsupported)
    return out


def _fix_lines(d: Determination, fixes: FixResult) -> list[str]:
    if d.status is Status.originating:
        return [f"  Single points of failure: {failure_points(fixes.single_points_of_failure)}"]
    if fixes.fix is not None:
        out = [f"  Cheapest fix: {fix_phrase(fixes.fix, d.figures.currency)}"]
    else:
        out = ["  Cheapest fix: none found"]
    if fixes.refused:
        out.append(f"    decided again: {fixes.refused}")
    return out


def evidence_lines(d: Determination) -> list[str]:
    out = claim_lines(d.evidence)
    claimed = d.as_claimed
    if claimed is not None:
        criterion = f" (criterion {claimed.criterion})" if claimed.criterion else ""
        out.append(
            f"  Strict evidence: {', '.join(claimed.set_aside)} set aside; "
            f"as claimed: {claimed.status.value}{criterion}"
        )
    if d.fixes is not None:
        out.extend(_fix_lines(d, d.fixes))
    return out
