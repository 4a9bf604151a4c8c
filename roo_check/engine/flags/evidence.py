"""Originating claims that no supplier's declaration supports (rules/risk/evidence.yaml).

The claims are checked once, while the good is decided (:mod:`roo_check.engine.evidence`);
each check here reports one kind of problem found there, so that each has its own id and
severity and can be configured or suppressed alone.
"""

from __future__ import annotations

from collections.abc import Callable

from roo_check.engine.flags.context import GoodContext, ShipmentContext, flag
from roo_check.models.declarations import ClaimCheck, ClaimProblem
from roo_check.models.findings import Evidence, Finding
from roo_check.rulebook.flag_params import NoParams
from roo_check.rulebook.schema import FlagRule


def _consequence(g: GoodContext) -> str:
    """What setting the claims aside did to the good, when it was done (--strict-evidence)."""
    determination = g.determination
    if determination is None or determination.as_claimed is None:
        return ""
    claimed = determination.as_claimed.status.value
    return (
        f"; set aside (strict evidence): with every unsupported claim set aside the good is "
        f"{determination.status.value}, as claimed it is {claimed}"
    )


def _evidence(ctx: ShipmentContext, claim: ClaimCheck) -> list[Evidence]:
    found = [
        Evidence(
            source=ctx.bom_file,
            location=f"row {claim.row}" if claim.row else None,
            field="evidence",
            value=claim.evidence or "",
            note=f"{claim.part_number} claimed originating; in force needed on {claim.date} "
            f"({claim.date_source})",
            supplier=claim.supplier,
        )
    ]
    if claim.declaration:
        source, _, location = claim.declaration.partition(":")
        found.append(
            Evidence(source=source, location=location or None, note="the declaration found")
        )
    return found


def _check(problem: ClaimProblem) -> Callable[[FlagRule, NoParams, ShipmentContext], list[Finding]]:
    def check(rule: FlagRule, params: NoParams, ctx: ShipmentContext) -> list[Finding]:
        findings = []
        for g in ctx.goods:
            claims = g.determination.evidence if g.determination else []
            for claim in claims:
                for issue in claim.issues:
                    if issue.problem is not problem:
                        continue
                    findings.append(
                        flag(
                            rule,
                            good=g.good.part_number,
                            subject=f"material {claim.part_number}",
                            message=f"{issue.message}{_consequence(g)}",
                            figures={"date": claim.date.isoformat()},
                            evidence=_evidence(ctx, claim),
                        )
                    )
        return findings

    check.__name__ = f"evidence_{problem.value}"
    return check


CHECKS = {f"evidence_{problem.value}": _check(problem) for problem in ClaimProblem}
