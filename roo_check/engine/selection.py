"""Which product-specific rule governs a good on a date.

GN 11 prints a tariff-item rule before the subheading rule it carves out of, a rule per
vehicle use, and rules for kinds of goods named in words. The most specific rule in force
wins; when the good's data cannot say which applies, we say so and name the data needed,
rather than pick one.

A good declared in HS2017 is first read in HS2022 (``engine.editions``); a rule GN 11 still
keys to an older number reaches the HS2022 codes that number became (``rulebook.editions``).
Either way the selection's ``note`` says how the rule was reached.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from roo_check.engine.editions import good_in_hs2022
from roo_check.engine.kinds import same_kind
from roo_check.hs.codes import dotted, match_any
from roo_check.models.goods import EndUse, Good
from roo_check.rulebook.index import Rulebook
from roo_check.rulebook.schema import ProductRule


@dataclass(frozen=True)
class Selection:
    rule: ProductRule | None
    missing: list[str] = field(default_factory=list)
    reason: str = ""
    note: str = ""
    """How the rule was reached when the HS editions differ (empty when by number in HS2022)."""


def good_code(good: Good) -> str:
    return good.tariff_item or good.hs_code


def _joined(*parts: str) -> str:
    return "; ".join(p for p in parts if p)


def select_rule(good: Good, rulebook: Rulebook, on: dt.date) -> Selection:
    mapped, how = good_in_hs2022(good)
    if mapped is None:
        return Selection(
            None,
            missing=["HS2022 classification"],
            reason=_joined(how.note, _common_rule(how.candidates, rulebook, on)),
            note=how.note,
        )
    chosen = _select(mapped, rulebook, on)
    if not how.note:
        return chosen
    return replace(
        chosen, reason=_joined(how.note, chosen.reason), note=_joined(how.note, chosen.note)
    )


def _common_rule(candidates: tuple[str, ...], rulebook: Rulebook, on: dt.date) -> str:
    """Name the rule when every candidate falls under the same one (it still needs the code)."""
    if not candidates:
        return ""
    ids = set()
    for code in candidates:
        in_force = [r for r in rulebook.in_chapter(code[:2]) if r.in_force(on)]
        sure = [r for r in in_force if match_any(r.scope, code) is True]
        sure += [
            rule
            for d in rulebook.derived(code)
            if (rule := rulebook.rule(d.rule_id)) is not None and rule.in_force(on)
        ]
        ids.update(r.id for r in sure)
    if len(ids) == 1:
        return f"every candidate falls under {ids.pop()}, whose criteria need the HS2022 code"
    return ""


def _select(good: Good, rulebook: Rulebook, on: dt.date) -> Selection:
    code = good_code(good)
    in_force = [r for r in rulebook.in_chapter(code[:2]) if r.in_force(on)]
    sure = [r for r in in_force if match_any(r.scope, code) is True]
    maybe = [r for r in in_force if match_any(r.scope, code) is None]
    if not sure and not maybe:
        return _through_older_numbers(good, code, rulebook, on)
    best = max((r.specificity for r in sure), default=0)
    finer = [r for r in maybe if r.specificity > best]
    if finer:
        items = ", ".join(sorted({str(s) for r in finer for s in r.scope}))
        return Selection(
            None,
            missing=["tariff_item"],
            reason=f"rules for tariff items {items} may govern this good: "
            "give its 8-digit HTSUS tariff item",
        )
    candidates = _by_trade([r for r in sure if r.specificity == best], good)
    candidates, missing, reason = _by_end_use(candidates, good)
    if not candidates:
        return Selection(None, missing=missing, reason=reason)
    candidates, missing, reason = _by_kind(candidates, good)
    if len(candidates) == 1:
        return Selection(candidates[0])
    if not candidates:
        return Selection(None, missing=missing, reason=reason)
    ids = ", ".join(r.id for r in candidates)
    return Selection(
        None,
        missing=["product_kind"],
        reason=f"rules {ids} all cover this good; state its product_kind to choose",
    )


def _through_older_numbers(good: Good, code: str, rulebook: Rulebook, on: dt.date) -> Selection:
    """Rules GN 11 keys to HS2017/HS2012 numbers that became this HS2022 subheading."""
    derivations = [
        d
        for d in rulebook.derived(code)
        if (rule := rulebook.rule(d.rule_id)) is not None and rule.in_force(on)
    ]
    if not derivations:
        return Selection(
            None,
            reason=f"no product-specific rule for {dotted(code)} in force on {on.isoformat()} "
            "in the rule set",
        )
    rules = [rulebook.rule(i) for i in sorted({d.rule_id for d in derivations})]
    candidates = _by_trade([r for r in rules if r is not None], good)
    candidates, missing, reason = _by_end_use(candidates, good)
    if candidates:
        candidates, missing, reason = _by_kind(candidates, good)
    if not candidates:
        return Selection(None, missing=missing, reason=reason)
    kept = {r.id for r in candidates}
    via = "; ".join(d.note for d in derivations if d.rule_id in kept)
    if len(candidates) == 1 or _same_requirements(candidates):
        agree = "" if len(candidates) == 1 else " (the rules reached say the same)"
        return Selection(candidates[0], reason=via + agree, note=via + agree)
    listed = ", ".join(
        f"{d.rule_id} (via {d.edition} {dotted(d.via)})" for d in derivations if d.rule_id in kept
    )
    return Selection(
        None,
        missing=["product-specific rule"],
        reason=f"{dotted(code)} is reached only through older HS numbers (UNSD correlation), "
        f"by rules that differ: {listed}; which one governs depends on what the good was "
        "before HS2022, so it cannot be decided from the HS2022 code",
        note=via,
    )


def _same_requirements(rules: list[ProductRule]) -> bool:
    """Rules that ask the same of a good, whatever code they were written for."""

    def requirements(rule: ProductRule) -> object:
        alternatives = [a.model_dump(exclude={"text", "label"}) for a in rule.alternatives]
        return (alternatives, rule.end_use, rule.good, rule.trade)

    if any(a.shift and a.shift.outside_group for r in rules for a in r.alternatives):
        return False  # 'outside that group' depends on each rule's own scope
    first = requirements(rules[0])
    return all(requirements(r) == first for r in rules[1:])


def _by_trade(rules: list[ProductRule], good: Good) -> list[ProductRule]:
    """GN 11's trade-direction rules ("trade between Canada and the United States"): the one
    for the producing Party wins over the general rule; rules for other Parties drop out."""
    mine = [r for r in rules if r.trade and good.country_of_production in r.trade]
    if mine:
        return mine
    return [r for r in rules if not r.trade]


def _by_end_use(rules: list[ProductRule], good: Good) -> tuple[list[ProductRule], list[str], str]:
    if all(r.end_use is None for r in rules):
        return rules, [], ""
    if good.end_use is None:
        uses = sorted({u.value for r in rules for u in (r.end_use or [])})
        return (
            [],
            ["end_use"],
            f"the rule depends on the vehicle the good is for ({', '.join(uses)}): give end_use",
        )
    specific = [r for r in rules if r.end_use and good.end_use in r.end_use]
    if specific and good.end_use is not EndUse.other:
        return specific, [], ""
    others = [r for r in rules if r.end_use and EndUse.other in r.end_use]
    unconditioned = [r for r in rules if r.end_use is None]
    chosen = specific or others or unconditioned
    return chosen, [], "" if chosen else f"no rule for end use {good.end_use.value}"


def _by_kind(rules: list[ProductRule], good: Good) -> tuple[list[ProductRule], list[str], str]:
    named = [r for r in rules if r.good is not None]
    if not named:
        return rules, [], ""
    matches = [same_kind(good.product_kind, r.good or "") for r in named]
    if any(m is None for m in matches):
        kinds = "; ".join(f"'{r.good}'" for r in named)
        return (
            [],
            ["product_kind"],
            f"the rule depends on what the good is ({kinds}): give product_kind",
        )
    chosen = [r for r, m in zip(named, matches, strict=True) if m]
    return chosen or [r for r in rules if r.good is None], [], ""
