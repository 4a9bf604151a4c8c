"""Which product-specific rule governs a good on a date.

GN 11 prints a tariff-item rule before the subheading rule it carves out of, a rule per
vehicle use, and rules for kinds of goods named in words. The most specific rule in force
wins; when the good's data cannot say which applies, we say so and name the data needed,
rather than pick one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

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


def good_code(good: Good) -> str:
    return good.tariff_item or good.hs_code


def select_rule(good: Good, rulebook: Rulebook, on: dt.date) -> Selection:
    code = good_code(good)
    in_force = [r for r in rulebook.in_chapter(code[:2]) if r.in_force(on)]
    sure = [r for r in in_force if match_any(r.scope, code) is True]
    maybe = [r for r in in_force if match_any(r.scope, code) is None]
    if not sure and not maybe:
        return Selection(
            None,
            reason=f"no product-specific rule for {dotted(code)} in force on {on.isoformat()} "
            "in the rule set",
        )
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
    candidates = [r for r in sure if r.specificity == best]
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
