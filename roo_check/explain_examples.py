"""Worked examples for ``rules explain``: goods of real HS2022 codes, labelled by the engine.

An example is a good of a subheading the rule covers, with one non-originating material.
Every example is evaluated by the engine before it is shown, and it is shown under "passes"
only if the engine finds the good originating under the rule, under "fails" only if it finds
it not originating. Where no example with an outcome can be stated (an alternative that needs
no change at all, a condition a person must decide, a vehicle that needs its producer's Part 6
figures), one line says so and why, in the engine's words: a mislabelled example would teach
the wrong rule.

The examples state only facts a real input could state. Variants are tried from the fewest
facts up (a production step, a product kind, weights), and the first the engine agrees with is
shown, with every fact it states.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal

from pydantic import ValidationError

from roo_check.engine.evaluate import evaluate_good
from roo_check.engine.selection import select_rule
from roo_check.hs import nomenclature
from roo_check.hs.codes import CodeRange, dotted, match_any
from roo_check.models.findings import Determination, Status
from roo_check.models.goods import BomLine, EndUse, Good
from roo_check.money import display_money
from roo_check.rulebook.index import Rulebook
from roo_check.rulebook.schema import Alternative, ProductRule, Shift

GOOD_VALUE = Decimal("1000.00")
PASS_VALUE = Decimal("100.00")
"""A material worth 10 % of the good: RVC 90 %, above every threshold of the law."""
FAIL_VALUE = Decimal("900.00")
"""A material worth 90 % of the good: RVC 10 %, below every threshold, over de minimis."""
GOOD_WEIGHT, PASS_WEIGHT, FAIL_WEIGHT = Decimal("10"), Decimal("1"), Decimal("9")
NEUTRAL_STEP = "testing"
"""A production step named by no process rule: states that the listed process did not occur."""
GOOD_KIND, MATERIAL_KIND = "example good", "example material"
"""Kinds no rule names: they state that the good (material) is not of a kind named in words."""
DISTANT = ("3926.90", "7326.90", "4016.99", "8544.42", "3208.90", "2710.19", "4819.10", "7318.15")
"""Materials from chapters far apart: one of them is outside any shift's own classification."""
MAX_CODES = 4
MAX_ATTEMPTS = 16
"""Evaluations tried for one label before saying why no example could be stated."""
COUNTRIES = ("MX", "US", "CA")


@dataclass(frozen=True)
class Setting:
    """Who the example good is, apart from its materials: what the rule's selection reads."""

    code: str
    country: str
    end_use: EndUse | None = None
    product_kind: str | None = None
    production_steps: tuple[str, ...] = ()
    weighed: bool = False


@dataclass(frozen=True)
class Material:
    """The example's one non-originating material (from CN)."""

    code: str
    value: Decimal
    weight: Decimal
    kind: str | None = None


@dataclass(frozen=True)
class Attempt:
    """One example as evaluated: what it states and what the engine made of it."""

    setting: Setting
    material: Material
    determination: Determination


@dataclass(frozen=True)
class Outcome:
    """One label's answer: the attempt that earned it, or why none could."""

    label: str
    attempt: Attempt | None
    why_not: str = ""


@dataclass
class _Search:
    """The attempts made for one label, keeping the one to explain a failure with."""

    rule: ProductRule
    rulebook: Rulebook
    on: dt.date
    tried: list[Attempt] = field(default_factory=list)

    def run(self, setting: Setting, material: Material) -> Attempt | None:
        determination = _evaluate(setting, material, self.rulebook, self.on)
        if determination is None:
            return None
        attempt = Attempt(setting, material, determination)
        self.tried.append(attempt)
        return attempt


# --- the codes an example may use -------------------------------------------------------


def _in_range(rng: CodeRange) -> list[str]:
    """Real HS2022 codes inside a range: subheadings, or the range's own tariff items."""
    if rng.digits > 6:
        items = sorted({rng.start, rng.end})
        return [i for i in items if nomenclature.exists(i[:6])]
    pool = nomenclature.subheadings()
    lo = bisect.bisect_left(pool, rng.start.ljust(6, "0"))
    hi = bisect.bisect_right(pool, rng.end.ljust(6, "9"))
    found = [s for s in pool[lo:hi] if rng.start <= s[: rng.digits] <= rng.end]
    if found:
        return found
    edition = nomenclature.edition_of(rng.start)
    if edition is None or edition == nomenclature.CURRENT:
        return []
    return nomenclature.correlate(rng.start, edition, nomenclature.CURRENT)


def real_codes(ranges: tuple[CodeRange, ...] | list[CodeRange]) -> list[str]:
    """Every real HS2022 code the ranges hold (older numbers through the correlation)."""
    out: list[str] = []
    for rng in ranges:
        out += [c for c in _in_range(rng) if c not in out]
    return out


_DERIVED: dict[int, tuple[object, dict[str, list[str]]]] = {}


def _derived_codes(rulebook: Rulebook, rule_id: str) -> list[str]:
    """HS2022 subheadings a rule keyed to older numbers reaches (built once per rulebook)."""
    cached = _DERIVED.get(id(rulebook))
    if cached is None or cached[0] is not rulebook.editions:
        index: dict[str, list[str]] = {}
        for code, derivations in rulebook.editions.derived.items():
            for d in derivations:
                index.setdefault(d.rule_id, []).append(code)
        cached = (rulebook.editions, index)
        _DERIVED[id(rulebook)] = cached
    return cached[1].get(rule_id, [])


def rule_codes(rule: ProductRule, rulebook: Rulebook, within: str | None = None) -> list[str]:
    """Real HS2022 codes of goods the rule covers, those under ``within`` only if given."""
    if within is not None and len(within) >= max(6, *(r.digits for r in rule.scope)):
        return [within]
    codes = real_codes(rule.scope) + _derived_codes(rulebook, rule.id)
    if within is not None:
        codes = [c for c in codes if c.startswith(within)]
    return list(dict.fromkeys(codes))


def _for_alternative(alt: Alternative, codes: list[str]) -> list[str]:
    """The codes an alternative's "only for" and "not for" leave; an "only for" finer than
    the rule's codes (tariff items of a subheading rule) gives its own codes."""
    if alt.only_for:
        inside = [c for c in codes if match_any(alt.only_for, c)]
        finer = [c for c in real_codes(alt.only_for) if any(c.startswith(r) for r in codes)]
        codes = inside or finer
    return [c for c in codes if not (alt.not_for and match_any(alt.not_for, c) is not False)]


# --- the good: which setting makes the engine select the rule ----------------------------


def _good(setting: Setting) -> Good:
    code = setting.code
    fields: dict[str, object] = {
        "part_number": "EXAMPLE",
        "description": "example good",
        "hs_code": code[:6],
        "tariff_item": code if len(code) > 6 else None,
        "producer": "Example Producer",
        "country_of_production": setting.country,
        "currency": "USD",
        "transaction_value": GOOD_VALUE,
        "net_cost": GOOD_VALUE,
        "product_kind": setting.product_kind,
        "end_use": setting.end_use,
        "production_steps": list(setting.production_steps),
        "weight_kg": GOOD_WEIGHT if setting.weighed else None,
    }
    return Good.model_validate(fields)


def _settings(rule: ProductRule, codes: list[str], kinds: list[str | None]) -> Iterator[Setting]:
    countries = rule.trade or list(COUNTRIES)
    uses: list[EndUse | None] = [rule.end_use[0]] if rule.end_use else [None, EndUse.other]
    for code in codes[:MAX_CODES]:
        for country in countries:
            for use in uses:
                for kind in kinds:
                    yield Setting(code, country, use, kind)


def select_setting(
    rule: ProductRule, rulebook: Rulebook, on: dt.date, codes: list[str], kinds: list[str | None]
) -> tuple[Setting | None, str]:
    """The first setting for which the engine selects ``rule``; else why none does."""
    reason = _no_codes(rule, rulebook)
    for setting in _settings(rule, codes, kinds):
        try:
            selection = select_rule(_good(setting), rulebook, on)
        except ValidationError:
            continue
        if selection.rule is not None and selection.rule.id == rule.id:
            return setting, ""
        code = dotted(setting.code)
        reason = (
            f"a good of {code} falls under {selection.rule.id}"
            if selection.rule
            else f"for a good of {code}, {selection.reason}"
        )
        if "tariff_item" in selection.missing:
            reason += " (an example cannot: roo-check's nomenclature stops at the HS subheading)"
    return None, reason


def _no_codes(rule: ProductRule, rulebook: Rulebook) -> str:
    """Why a rule covers no HS2022 code an example could be given (older numbers, mostly)."""
    older = [o.describe() for o in rulebook.editions.older if o.rule_id == rule.id]
    where = "; ".join(older) if older else f"its scope {', '.join(map(str, rule.scope))}"
    return f"no HS2022 code to build a good on ({where})"


def _selection_kinds(rule: ProductRule) -> list[str | None]:
    """Kinds to state for selection: the rule's own, else none, else one no rule names."""
    return [rule.good] if rule.good else [None, GOOD_KIND]


# --- evaluating one example --------------------------------------------------------------


def _bom_line(material: Material, weighed: bool) -> BomLine:
    return BomLine.model_validate(
        {
            "good_part_number": "EXAMPLE",
            "part_number": "MAT-1",
            "description": "material",
            "hs_code": material.code,
            "product_kind": material.kind,
            "quantity": "1",
            "unit": "pcs",
            "extended_value": material.value,
            "currency": "USD",
            "country_of_origin": "CN",
            "origin_status": "non-originating",
            "weight_kg": material.weight if weighed else None,
        }
    )


def _evaluate(
    setting: Setting, material: Material, rulebook: Rulebook, on: dt.date
) -> Determination | None:
    try:
        good = _good(setting)
        line = _bom_line(material, setting.weighed)
    except ValidationError:
        return None
    return evaluate_good(good, [line], rulebook, on)


def _own_alternatives_met(rule: ProductRule, d: Determination) -> list[str]:
    labels = {a.label for a in rule.alternatives}
    return [a.label for a in d.alternatives if a.passed and a.label in labels]


def earns(label: str, rule: ProductRule, d: Determination) -> bool:
    """Whether the engine's answer is the label: under this rule, met or not met."""
    if d.rule is None or d.rule.id != rule.id:
        return False
    if label == "passes":
        return d.status is Status.originating and bool(_own_alternatives_met(rule, d))
    return d.status is Status.not_originating


def _weighed(rule: ProductRule, rulebook: Rulebook, on: dt.date, code: str) -> bool:
    """Weights are stated only where the law measures by weight: textile de minimis (goods of
    the de minimis rule's ``not_by_value`` codes) or a by-weight requirement of the rule."""
    dm = rulebook.de_minimis(on)
    textile = dm is not None and bool(match_any(dm.not_by_value, code[:6]))
    return textile or any(a.weight_requirement for a in rule.alternatives)


# --- passing -----------------------------------------------------------------------------


def _excluded(shift: Shift, code: str) -> bool:
    groups = shift.except_more_than_one_of.groups if shift.except_more_than_one_of else []
    return bool(match_any(shift.except_, code)) or any(match_any(g, code) for g in groups)


def _sources(alt: Alternative, rule: ProductRule, own: str) -> list[tuple[str, str | None]]:
    """(code, kind) of materials that should meet the alternative's shift, likeliest first."""
    shift = alt.shift
    distant = [
        c.replace(".", "")
        for c in DISTANT
        if c[:2] != own[:2] and not match_any(rule.scope, c.replace(".", ""))
    ]
    if shift is None:
        return [(c, None) for c in distant[:2]]
    found: list[tuple[str, str | None]] = []
    if shift.from_any_other is not None:
        found += [(c, None) for c in distant if not _excluded(shift, c)][:2]
    found += [(c, None) for c in real_codes(shift.from_) if not _excluded(shift, c)][:2]
    for ref in shift.from_goods:
        codes = real_codes(ref.codes) if ref.codes else distant
        found += [(c, ref.kind) for c in codes[:1]]
    return found


def _pass_attempts(
    alt: Alternative, rule: ProductRule, base: Setting
) -> Iterator[tuple[Setting, Material]]:
    """Materials that meet the shift, with the process the alternative names as the production
    step; then also stating a step that is no separation or process (chapter notes ask how the
    change came about), and kinds no rule names (of the material, of the good)."""
    setting = replace(base, production_steps=tuple(alt.process[:1]))
    if alt.good:
        setting = replace(setting, product_kind=alt.good)
    settings = [setting]
    if not setting.production_steps:
        settings.append(replace(setting, production_steps=(NEUTRAL_STEP,)))
    if setting.product_kind is None:
        settings += [replace(s, product_kind=GOOD_KIND) for s in settings]
    for code, kind in _sources(alt, rule, base.code):
        material = Material(code, PASS_VALUE, PASS_WEIGHT, kind)
        materials = [material] if kind else [material, replace(material, kind=MATERIAL_KIND)]
        for stated in settings:
            for each in materials:
                yield stated, each


def _alternative_kinds(alt: Alternative, rule: ProductRule) -> list[str | None]:
    if alt.good:
        return [alt.good]
    if alt.other_goods:
        return [rule.good or GOOD_KIND]
    return _selection_kinds(rule)


def passing(rule: ProductRule, rulebook: Rulebook, on: dt.date, codes: list[str]) -> Outcome:
    search = _Search(rule, rulebook, on)
    why = ""
    usable = [a for a in rule.alternatives if not a.conditions] or rule.alternatives
    for alt in usable:
        base, why_selection = select_setting(
            rule, rulebook, on, _for_alternative(alt, codes), _alternative_kinds(alt, rule)
        )
        if base is None:
            narrowed = alt.only_for or alt.not_for
            why = why or (f"alternative ({alt.label}): " if narrowed else "") + why_selection
            continue
        base = replace(base, weighed=_weighed(rule, rulebook, on, base.code))
        for setting, material in _pass_attempts(alt, rule, base):
            if len(search.tried) >= MAX_ATTEMPTS:
                break
            attempt = search.run(setting, material)
            if attempt is not None and earns("passes", rule, attempt.determination):
                return Outcome("passes", attempt)
    return Outcome("passes", None, _why_not("passes", rule, search, why))


# --- failing -----------------------------------------------------------------------------


def _fail_attempts(base: Setting) -> Iterator[tuple[Setting, Material]]:
    """The good's own code as its material (fails every change of classification), worth
    90 % of the good; then with a production step that is no listed process, then with the
    good and the material stated to be the same kind of good."""
    material = Material(base.code, FAIL_VALUE, FAIL_WEIGHT)
    yield base, material
    stepped = replace(base, production_steps=(NEUTRAL_STEP,))
    yield stepped, material
    kind = base.product_kind or GOOD_KIND
    yield replace(stepped, product_kind=kind), replace(material, kind=kind)


def failing(rule: ProductRule, rulebook: Rulebook, on: dt.date, codes: list[str]) -> Outcome:
    search = _Search(rule, rulebook, on)
    base, why = select_setting(rule, rulebook, on, codes, _selection_kinds(rule))
    if base is not None:
        base = replace(base, weighed=_weighed(rule, rulebook, on, base.code))
        for setting, material in _fail_attempts(base):
            attempt = search.run(setting, material)
            if attempt is not None and earns("fails", rule, attempt.determination):
                return Outcome("fails", attempt)
    return Outcome("fails", None, _why_not("fails", rule, search, why))


# --- saying why there is no example ------------------------------------------------------


def _why_not(label: str, rule: ProductRule, search: _Search, selection_why: str) -> str:
    """One line in the engine's words, from the attempt that came closest."""
    if not search.tried:
        return f"no good an example can state falls under {rule.id} on {search.on}: {selection_why}"
    last = search.tried[-1].determination
    if last.status is Status.cannot_decide:
        needs = list(dict.fromkeys(f"{m.field} ({m.why})" for m in last.missing))[:3]
        stated = "; ".join(needs) if needs else last.message
        return f"the engine cannot decide it from what an example can state: needs {stated}"
    if label == "fails" and last.status is Status.originating:
        met = ", ".join(_own_alternatives_met(rule, last)) or str(last.criterion)
        return (
            f"alternative ({met}) is met even by a good whose only non-originating material is "
            f"of its own code and worth 90% of its value"
        )
    return f"the engine finds the good {last.status.value}: {last.message}"


# --- rendering ---------------------------------------------------------------------------


def _good_facts(setting: Setting, rule: ProductRule) -> list[str]:
    facts = []
    if rule.trade or setting.country != "MX":
        facts.append(f"produced in {setting.country}")
    if setting.end_use is not None:
        facts.append(f"end use {setting.end_use.value.replace('_', ' ')}")
    if setting.product_kind is not None:
        facts.append(f"product kind '{setting.product_kind}'")
    if setting.production_steps:
        facts.append(f"production steps: {', '.join(setting.production_steps)}")
    if setting.weighed:
        facts.append(f"{GOOD_WEIGHT} kg")
    return facts


def describe(outcome: Outcome, rule: ProductRule) -> str:
    if outcome.attempt is None:
        return f"    no {'passing' if outcome.label == 'passes' else 'failing'} example: " + (
            outcome.why_not
        )
    setting, material, d = (
        outcome.attempt.setting,
        outcome.attempt.material,
        outcome.attempt.determination,
    )
    facts = _good_facts(setting, rule)
    good = f"a good of {dotted(setting.code)}" + (f" ({'; '.join(facts)})" if facts else "")
    extra = [f"{material.weight} kg"] if setting.weighed else []
    if material.kind is not None:
        extra.append(f"product kind '{material.kind}'")
    used = d.rule.id if d.rule else "no rule"
    met = [a.label for a in d.alternatives if a.passed]
    if met:
        used += f" alternative {', '.join(met)}"
    return (
        f"    {outcome.label}: {good} worth {display_money(GOOD_VALUE)} USD (TV = NC) with one "
        f"non-originating material of {dotted(material.code)} worth "
        f"{display_money(material.value)}"
        + (f" ({'; '.join(extra)})" if extra else "")
        + f" -> {d.status.value}"
        + (f" (criterion {d.criterion})" if d.criterion else "")
        + f" under {used}"
    )


def example_date(rule: ProductRule, on: dt.date) -> dt.date:
    """``on`` if the rule is in force then, else the nearest day it is."""
    if on < rule.effective_from:
        return rule.effective_from
    if rule.effective_to is not None and on >= rule.effective_to:
        return rule.effective_to - dt.timedelta(days=1)
    return on


def examples(
    rule: ProductRule, rulebook: Rulebook, on: dt.date, code: str | None = None
) -> list[str]:
    """The example lines: a passing and a failing good, each checked, or why there is none."""
    codes = rule_codes(rule, rulebook, code)
    return [
        describe(outcome, rule)
        for outcome in (passing(rule, rulebook, on, codes), failing(rule, rulebook, on, codes))
    ]
