"""Which product-specific rule governs a good on a date.

GN 11 prints a tariff-item rule before the subheading rule it carves out of, a rule per
vehicle use, and rules for kinds of goods named in words. The most specific rule in force
wins. When the good's data cannot say which applies (no tariff item, end use or product
kind), the rules it may fall under are its ``candidates``: every one is tried, and the good
is decided when they all give the same answer (``by_agreement``); when they differ, we say
so and name the data needed, rather than pick one.

A good declared in HS2017 is first read in HS2022 (``engine.editions``); a rule GN 11 still
keys to an older number reaches the HS2022 codes that number became (``rulebook.editions``).
Either way the selection's ``note`` says how the rule was reached.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Generic, Protocol, TypeVar

from roo_check.engine.editions import good_in_hs2022
from roo_check.engine.kinds import match_kind, match_kinds
from roo_check.engine.logic import Tri
from roo_check.hs.codes import dotted, match_any
from roo_check.models.goods import EndUse, Good
from roo_check.rulebook.index import Rulebook
from roo_check.rulebook.kinds_schema import KindTable
from roo_check.rulebook.schema import ProductRule


@dataclass(frozen=True)
class Selection:
    rule: ProductRule | None
    missing: list[str] = field(default_factory=list)
    reason: str = ""
    note: str = ""
    """How the rule was reached (HS editions, a product_kind no rule names); empty when
    plainly by number."""
    candidates: tuple[ProductRule, ...] = ()
    """With no rule chosen: every rule that may govern the good, whichever way the missing
    data turn out. Empty when some way leaves the good with no rule, or when the rules were
    reached only through older HS numbers."""


def good_code(good: Good) -> str:
    return good.tariff_item or good.hs_code


def _joined(*parts: str) -> str:
    return "; ".join(p for p in parts if p)


def _unique(rules: Iterable[ProductRule]) -> list[ProductRule]:
    return list({r.id: r for r in rules}.values())


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
        in_force = [r for r in rulebook.for_code(code) if r.in_force(on)]
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


# ------------------------------------------------------------------ narrowing by the good's data


@dataclass(frozen=True)
class _Narrowed:
    """The rules left after the good's data; where a datum is missing, those of every way it
    may turn out (``complete`` is False when some way leaves no rule)."""

    rules: list[ProductRule]
    missing: list[str] = field(default_factory=list)
    reason: str = ""
    note: str = ""
    complete: bool = True


def _narrow(rules: list[ProductRule], good: Good, kinds: KindTable) -> _Narrowed:
    by_use = _by_end_use(_by_trade(rules, good), good)
    by_kind = _by_kind(by_use.rules, good, kinds)
    return _Narrowed(
        by_kind.rules,
        [*by_use.missing, *by_kind.missing],
        _joined(by_use.reason, by_kind.reason),
        by_kind.note,
        by_use.complete and by_kind.complete,
    )


def _by_trade(rules: list[ProductRule], good: Good) -> list[ProductRule]:
    """GN 11's trade-direction rules ("trade between Canada and the United States"): the one
    for the producing Party wins over the general rule; rules for other Parties drop out."""
    mine = [r for r in rules if r.trade and good.country_of_production in r.trade]
    if mine:
        return mine
    return [r for r in rules if not r.trade]


def _for_end_use(rules: list[ProductRule], use: EndUse) -> list[ProductRule]:
    specific = [r for r in rules if r.end_use and use in r.end_use]
    if specific and use is not EndUse.other:
        return specific
    others = [r for r in rules if r.end_use and EndUse.other in r.end_use]
    unconditioned = [r for r in rules if r.end_use is None]
    return specific or others or unconditioned


def _by_end_use(rules: list[ProductRule], good: Good) -> _Narrowed:
    if all(r.end_use is None for r in rules):
        return _Narrowed(rules)
    if good.end_use is None:
        readings = [_for_end_use(rules, use) for use in EndUse]
        uses = sorted({u.value for r in rules for u in (r.end_use or [])})
        return _Narrowed(
            _unique(r for reading in readings for r in reading),
            ["end_use"],
            f"the rule depends on the vehicle the good is for ({', '.join(uses)}): give end_use",
            complete=all(readings),
        )
    chosen = _for_end_use(rules, good.end_use)
    return _Narrowed(chosen, reason="" if chosen else f"no rule for end use {good.end_use.value}")


def _by_kind(rules: list[ProductRule], good: Good, kinds: KindTable) -> _Narrowed:
    """Rules for goods named in words: the good's product_kind must be one of the kinds a
    rule names; one that is none of them is said, and the other rules of the code apply."""
    named = [r for r in rules if r.good is not None]
    if not named:
        return _Narrowed(rules)
    unnamed = [r for r in rules if r.good is None]
    phrases = [r.good for r in named if r.good]
    if good.product_kind is None or not good.product_kind.strip():
        listed = "; ".join(f"'{p}'" for p in phrases)
        return _Narrowed(
            rules,
            ["product_kind"],
            f"the rule depends on what the good is ({listed}): give product_kind",
            complete=bool(unnamed),
        )
    chosen = [r for r in named if match_kind(good.product_kind, r.good or "", kinds).matched]
    if chosen:
        return _Narrowed(chosen)
    note = match_kinds(good.product_kind, phrases, kinds).note.replace(
        "the rule names", "the rules for this code name"
    )
    if unnamed:
        return _Narrowed(unnamed, note=note)
    return _Narrowed([], reason=note)


# ------------------------------------------------------------------ choosing


def _select(good: Good, rulebook: Rulebook, on: dt.date) -> Selection:
    code = good_code(good)
    in_force = [r for r in rulebook.for_code(code) if r.in_force(on)]
    sure = [r for r in in_force if match_any(r.scope, code) is True]
    maybe = [r for r in in_force if match_any(r.scope, code) is None]
    if not sure and not maybe:
        return _through_older_numbers(good, code, rulebook, on)
    best = max((r.specificity for r in sure), default=0)
    base = _narrow([r for r in sure if r.specificity == best], good, rulebook.kinds)
    finer = [r for r in maybe if r.specificity > best]
    if finer:
        return _by_tariff_item(base, finer, good, rulebook.kinds)
    return _chosen(base)


def _chosen(narrowed: _Narrowed) -> Selection:
    rules = narrowed.rules
    if len(rules) == 1 and (narrowed.complete or not narrowed.missing):
        # One rule whichever way any missing datum turns out: it governs.
        return Selection(rules[0], note=narrowed.note)
    if not rules:
        return Selection(None, missing=narrowed.missing, reason=narrowed.reason)
    reason = narrowed.reason
    if not narrowed.missing:
        ids = ", ".join(r.id for r in rules)
        reason = f"rules {ids} all cover this good; state its product_kind to choose"
    return Selection(
        None,
        missing=narrowed.missing or ["product_kind"],
        reason=reason,
        candidates=tuple(rules) if narrowed.complete else (),
    )


def _by_tariff_item(
    base: _Narrowed, finer: list[ProductRule], good: Good, kinds: KindTable
) -> Selection:
    """Rules for tariff items finer than the good's code: the good falls under one of them
    or, in any other tariff item, under the rule its code surely falls under (``base``)."""
    scopes: dict[tuple[str, ...], list[ProductRule]] = {}
    for rule in finer:
        scopes.setdefault(tuple(str(s) for s in rule.scope), []).append(rule)
    readings = [base, *(_narrow(rules, good, kinds) for rules in scopes.values())]
    complete = all(r.complete and r.rules for r in readings)
    items = ", ".join(sorted({str(s) for r in finer for s in r.scope}))
    missing = ["tariff_item", *dict.fromkeys(m for r in readings for m in r.missing)]
    return Selection(
        None,
        missing=list(dict.fromkeys(missing)),
        reason=_joined(
            f"rules for tariff items {items} may govern this good: "
            "give its 8-digit HTSUS tariff item",
            *dict.fromkeys(r.reason for r in readings),
        ),
        candidates=tuple(_unique(r for n in readings for r in n.rules)) if complete else (),
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
    narrowed = _narrow([r for r in rules if r is not None], good, rulebook.kinds)
    if narrowed.missing or not narrowed.rules:
        return Selection(None, missing=narrowed.missing, reason=narrowed.reason)
    candidates = narrowed.rules
    kept = {r.id for r in candidates}
    via = "; ".join(d.note for d in derivations if d.rule_id in kept)
    if len(candidates) == 1 or _same_requirements(candidates):
        agree = "" if len(candidates) == 1 else " (the rules reached say the same)"
        note = _joined(via + agree, narrowed.note)
        return Selection(candidates[0], reason=note, note=note)
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


# ------------------------------------------------------------------ deciding by agreement


class Decided(Protocol):
    """What deciding a good under one rule gives (``engine.psr.Psr``)."""

    @property
    def met(self) -> Tri: ...

    @property
    def reason(self) -> str: ...


D = TypeVar("D", bound=Decided)

_DATA = {"tariff_item": "tariff item", "product_kind": "product kind", "end_use": "end use"}


@dataclass(frozen=True)
class Agreement(Generic[D]):
    """Each candidate rule's answer; ``met`` when they all give the same definite one."""

    results: list[tuple[ProductRule, D]]
    reason: str

    @property
    def met(self) -> Tri:
        answers = {d.met for _, d in self.results}
        return answers.pop() if len(answers) == 1 else None

    @property
    def decided(self) -> bool:
        return bool(self.results) and self.met is not None


def by_agreement(selection: Selection, decide: Callable[[Selection], D]) -> Agreement[D]:
    """The good decided under every candidate rule. The same definite answer from all of them
    is the answer whatever the missing data are; otherwise those data are needed."""
    results = [
        (rule, decide(Selection(rule, note=selection.note))) for rule in selection.candidates
    ]
    ids = ", ".join(r.id for r, _ in results)
    given = ", ".join(_DATA.get(m, m) for m in selection.missing)
    answers = {d.met for _, d in results}
    if len(answers) == 1 and None not in answers:
        return Agreement(results, f"{given} not given: rules {ids} were considered and agree")
    how = "differ" if len(answers) > 1 else "leave it open"
    shown = "; ".join(d.reason for _, d in results)
    return Agreement(
        results, f"{selection.reason}; rules {ids} were considered and {how} ({shown})"
    )
