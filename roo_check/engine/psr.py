"""Stage 2: the product-specific rule (Annex 4-B as GN 11(o) prints it), alternative by
alternative, with the chapter general rules and de minimis, on the materials as counted.

The result says whether the rule is met (criterion B), why, and which data would decide it
when it cannot be decided.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from roo_check.engine.alternatives import evaluate_alternative
from roo_check.engine.automotive.assess import Prepared
from roo_check.engine.general import general_alternatives
from roo_check.engine.logic import Tri, all3, any3
from roo_check.engine.materials import Counted
from roo_check.engine.provisions import (
    ShiftScope,
    rvc_allowed,
    rvc_use_restrictions,
    shift_scope,
    units_result,
    with_de_minimis_provisions,
)
from roo_check.engine.selection import Agreement, Selection, by_agreement
from roo_check.models.findings import AlternativeResult, RuleRef
from roo_check.models.goods import BomLine, Good
from roo_check.models.stages import MissingDatum, SetResult
from roo_check.rulebook.index import Rulebook
from roo_check.rulebook.kinds_schema import KindTable
from roo_check.rulebook.process_schema import ProcessVocabulary
from roo_check.rulebook.schema import DeMinimisRule, ProductRule


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
        notes=list(rule.notes),
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
    units = units_result(good, counted.lines, rulebook, on)
    if units is not None and rule is None:
        return Psr(units.met, units.reason, None, [], units.missing)
    if rule is None and selection.candidates and prep is None:
        agreed = by_agreement(
            selection,
            lambda one: psr_stage(good, counted, one, rulebook, on, prep, [], net_cost_only),
        )
        if agreed.decided:
            return _agreed(agreed, edition_notes)
        selection = replace(selection, reason=agreed.reason)
    scope = shift_scope(good, counted.shift, counted.lines, rulebook, on)
    de_minimis = with_de_minimis_provisions(rulebook.de_minimis(on), good, rulebook, on)

    def every_alternative(shift: list[BomLine]) -> list[AlternativeResult]:
        return _every_alternative(good, rule, counted, rulebook, on, prep, shift, de_minimis)

    alts = every_alternative(scope.strict)
    missing = [m for a in alts if a.passed is None for m in missing_from(a, good)]
    if rule is None and not any(a.passed for a in alts):
        missing += _selection_missing(selection, good, counted)
        met: Tri = None
        reason = selection.reason
    else:
        met = any3(a.passed for a in alts)
        reason = _reason(rule, alts, met)
        if scope.open_:
            met, reason, missing = _both_ways(
                met,
                reason,
                missing,
                scope,
                every_alternative(scope.kept),
            )
    notes = [*scope.notes, *([selection.note] if selection.note and rule else [])]
    if notes:
        reason = f"{reason} ({'; '.join(notes)})"
    if edition_notes:
        reason = f"{reason} [{'; '.join(edition_notes)}]"
    return Psr(met, reason, rule_ref(rule) if rule else None, alts, missing)


def _agreed(agreed: Agreement[Psr], edition_notes: list[str]) -> Psr:
    """Every rule the good may fall under gives the same answer: that answer stands, shown
    with the first rule's alternatives and each rule's reason."""
    first = agreed.results[0][1]
    reason = f"{agreed.reason}: " + "; ".join(psr.reason for _, psr in agreed.results)
    if edition_notes:
        reason = f"{reason} [{'; '.join(edition_notes)}]"
    return Psr(agreed.met, reason, first.rule_ref, first.alternatives, first.missing)


def _both_ways(
    met: Tri,
    reason: str,
    missing: list[MissingDatum],
    scope: ShiftScope,
    favourable: list[AlternativeResult],
) -> tuple[Tri, str, list[MissingDatum]]:
    """A provision may take materials out of the tariff shift that the input cannot place:
    the rule decided with and without them; the same answer stands."""
    without = any3(a.passed for a in favourable)
    if without == met:
        return met, reason, missing
    parts = ", ".join(m.part_number for m in scope.open_)
    why = "; ".join(m.why for m in scope.missing)
    return (
        None,
        f"{reason}; the answer turns on whether {parts} face the tariff shift ({why})",
        [*missing, *scope.missing],
    )


def _every_alternative(
    good: Good,
    rule: ProductRule | None,
    counted: Counted,
    rulebook: Rulebook,
    on: dt.date,
    prep: Prepared | None,
    shift: list[BomLine],
    de_minimis: DeMinimisRule | None,
) -> list[AlternativeResult]:
    """The rule's alternatives and the chapter general rules, on the materials that face the
    shift, with de minimis as the subheading rules shape it for this good."""
    alts = _alternatives(
        good, rule, counted, prep, shift, de_minimis, rulebook.kinds, rulebook.processes
    )
    alts += general_alternatives(good, rulebook, on, shift, counted.vnm, counted.lines, de_minimis)
    return _restricted(alts, good, rulebook, on)


def _restricted(
    alts: list[AlternativeResult], good: Good, rulebook: Rulebook, on: dt.date
) -> list[AlternativeResult]:
    """RVC alternatives a provision keeps from some goods (the 8473.50 subheading rule)."""
    for provision in rvc_use_restrictions(good, rulebook, on):
        allowed, why = rvc_allowed(provision, good)
        if allowed is not True:
            alts = [_closed(a, allowed, why, good) if a.rvc else a for a in alts]
    return alts


def _closed(alt: AlternativeResult, allowed: Tri, why: str, good: Good) -> AlternativeResult:
    """An RVC alternative the restriction closes (False) or leaves open for want of used_in."""
    if alt.passed is False:
        return alt
    asked = [MissingDatum(field="used_in", subject=f"good {good.part_number}", why=why)]
    return alt.model_copy(
        update={
            "passed": all3([alt.passed, allowed]),
            "reason": f"{alt.reason}; {why}",
            "missing": [*alt.missing, *(asked if allowed is None else [])],
        }
    )


def _alternatives(
    good: Good,
    rule: ProductRule | None,
    counted: Counted,
    prep: Prepared | None,
    shift: list[BomLine],
    de_minimis: DeMinimisRule | None,
    kinds: KindTable | None = None,
    processes: ProcessVocabulary | None = None,
) -> list[AlternativeResult]:
    if rule is None:
        return []
    rvc_good = prep.rvc_good if prep else good
    rvc_vnm = prep.rvc_vnm if prep and prep.rvc_vnm is not None else counted.vnm
    applied = prep.staged.rule if prep and prep.staged else rule
    return [
        evaluate_alternative(
            alt,
            applied,
            rvc_good,
            shift,
            rvc_vnm,
            de_minimis,
            counted.lines,
            kinds=kinds,
            processes=processes,
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
        # Only for (or not for) some tariff items, or for a kind of good named in words.
        field = "tariff_item" if "give the tariff item" in alt.reason else "product_kind"
        found.append(MissingDatum(field=field, subject=subject, why=f"whether {label} applies"))
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
