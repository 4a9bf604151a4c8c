"""Stage 2: the product-specific rule (Annex 4-B as GN 11(o) prints it), alternative by
alternative, with the chapter general rules and de minimis, on the materials as counted.

The result says whether the rule is met (criterion B), why, and which data would decide it
when it cannot be decided.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from roo_check.engine.alternatives import evaluate_alternative
from roo_check.engine.automotive.assess import Prepared
from roo_check.engine.general import general_alternatives
from roo_check.engine.logic import Tri, any3
from roo_check.engine.materials import Counted
from roo_check.engine.selection import Selection
from roo_check.models.findings import AlternativeResult, RuleRef
from roo_check.models.goods import Good
from roo_check.models.stages import MissingDatum, SetResult
from roo_check.rulebook.index import Rulebook
from roo_check.rulebook.schema import ProductRule


@dataclass(frozen=True)
class Psr:
    """Whether the good meets its product-specific rule (or, for a set, Art. 4.17)."""

    met: Tri
    reason: str
    rule_ref: RuleRef | None = None
    alternatives: list[AlternativeResult] = field(default_factory=list)
    missing: list[MissingDatum] = field(default_factory=list)
    set_result: SetResult | None = None


def rule_ref(rule: ProductRule) -> RuleRef:
    return RuleRef(
        id=rule.id,
        provision=rule.provision,
        citation=rule.citation,
        text=rule.text,
        effective_from=rule.effective_from,
        effective_to=rule.effective_to,
    )


def psr_stage(
    good: Good,
    counted: Counted,
    selection: Selection,
    rulebook: Rulebook,
    on: dt.date,
    prep: Prepared | None,
    edition_notes: list[str],
    net_cost_only: bool = False,
) -> Psr:
    """``net_cost_only``: a self-produced material (a designated intermediate) has no
    transaction value, so only the net cost method can give its RVC."""
    rule = selection.rule
    if rule is not None and net_cost_only:
        rule = _net_cost_only(rule)
    alts = _alternatives(good, rule, counted, rulebook, on, prep)
    alts += general_alternatives(good, rulebook, on, counted.shift, counted.vnm, counted.lines)
    missing = [m for a in alts if a.passed is None for m in missing_from(a, good)]
    if rule is None and not any(a.passed for a in alts):
        missing += _selection_missing(selection, good, counted)
        met: Tri = None
        reason = selection.reason
    else:
        met = any3(a.passed for a in alts)
        reason = _reason(rule, alts, met)
    if selection.note and rule is not None:
        reason = f"{reason} ({selection.note})"
    if edition_notes:
        reason = f"{reason} [{'; '.join(edition_notes)}]"
    return Psr(met, reason, rule_ref(rule) if rule else None, alts, missing)


def _alternatives(
    good: Good,
    rule: ProductRule | None,
    counted: Counted,
    rulebook: Rulebook,
    on: dt.date,
    prep: Prepared | None,
) -> list[AlternativeResult]:
    if rule is None:
        return []
    rvc_good = prep.rvc_good if prep else good
    rvc_vnm = prep.rvc_vnm if prep and prep.rvc_vnm is not None else counted.vnm
    applied = prep.staged.rule if prep and prep.staged else rule
    de_minimis = rulebook.de_minimis(on)
    return [
        evaluate_alternative(
            alt, applied, rvc_good, counted.shift, rvc_vnm, de_minimis, counted.lines
        )
        for alt in applied.alternatives
    ]


def _net_cost_only(rule: ProductRule) -> ProductRule:
    alternatives = [
        alt.model_copy(update={"rvc": alt.rvc.model_copy(update={"transaction_value": None})})
        if alt.rvc is not None
        else alt
        for alt in rule.alternatives
    ]
    return rule.model_copy(update={"alternatives": alternatives})


def _reason(rule: ProductRule | None, alts: list[AlternativeResult], met: Tri) -> str:
    name = rule.id if rule is not None else "GN 11(n) general rules"
    passed = [a.label for a in alts if a.passed]
    if met:
        return f"{name} met under alternative {', '.join(passed)}"
    shown = [a for a in alts if met is False or a.passed is None]
    return f"{name}: no alternative met; " + "; ".join(f"({a.label}) {a.reason}" for a in shown)


def _selection_missing(selection: Selection, good: Good, counted: Counted) -> list[MissingDatum]:
    subject = f"good {good.part_number}"
    found = [
        MissingDatum(field=f, subject=subject, why=selection.reason) for f in selection.missing
    ]
    if not selection.missing and counted.shift:
        found.append(
            MissingDatum(
                field="product-specific rule",
                subject=subject,
                why="no rule in the rule set covers the good, and it has non-originating materials",
            )
        )
    return found


def missing_from(alt: AlternativeResult, good: Good) -> list[MissingDatum]:
    """The data that would decide an alternative left open."""
    subject = f"good {good.part_number}"
    label = f"alternative ({alt.label})"
    found = [
        MissingDatum(field=r.method, subject=subject, why=f"the RVC of {label}")
        for r in alt.rvc
        if r.passed is None and r.base is None
    ]
    if alt.applicable is None:
        found.append(
            MissingDatum(field="product_kind", subject=subject, why=f"whether {label} applies")
        )
    if alt.shift:
        found.extend(
            MissingDatum(
                field="product_kind" if "product_kind" in check.reason else "hs_code",
                subject=f"material {check.part_number}"
                + (f" (row {check.row})" if check.row else ""),
                why=check.reason,
            )
            for check in alt.shift.materials
            if check.passes is None
        )
    dm = alt.de_minimis
    if dm is not None and dm.passed is None and dm.measure == "value" and dm.base is None:
        found.append(
            MissingDatum(
                field="transaction_value or total_cost",
                subject=subject,
                why=f"the de minimis of {label}",
            )
        )
    found.extend(
        MissingDatum(field="condition", subject=subject, why=f"{label}: {c}")
        for c in alt.conditions
    )
    found.extend(alt.missing)
    return found
