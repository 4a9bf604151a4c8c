"""`roo-check rules explain`: a rule as a customs specialist reads it, with worked examples.

The plain-English reading is generated from the rule's own data (never hand-written per
rule), and the passing and failing examples are computed by the engine on that rule, so the
explanation cannot drift from what the checker does.
"""

from __future__ import annotations

import datetime as dt
import difflib
import textwrap

from roo_check.engine.general import applicable_general_rules
from roo_check.errors import UsageError
from roo_check.explain_examples import example_date, examples, rule_codes
from roo_check.explain_provisions import provision_lines
from roo_check.hs import nomenclature
from roo_check.hs.codes import dotted, match_any, normalize
from roo_check.models.goods import EndUse, Good
from roo_check.rulebook.index import Rulebook
from roo_check.rulebook.schema import (
    Alternative,
    DeMinimisRule,
    GoodRef,
    ProductRule,
    Shift,
    WeightDeMinimis,
)

_LEVEL_WORDS = {
    "chapter": "chapter",
    "heading": "heading",
    "subheading": "subheading",
    "tariff_item": "tariff item",
}
_SHORT = {"chapter": "CC", "heading": "CTH", "subheading": "CTSH", "tariff_item": "CTI"}


def _codes(ranges) -> str:
    return ", ".join(str(r) for r in ranges)


def shift_words(shift: Shift, rule: ProductRule) -> str:
    parts = []
    if shift.from_any_other is not None:
        level = _LEVEL_WORDS[shift.from_any_other.value]
        if shift.outside_group:
            parts.append(
                f"every non-originating material must be classified in a {level} outside the "
                f"group {_codes(rule.scope)} ({_SHORT[shift.from_any_other.value]} outside group)"
            )
        else:
            parts.append(
                f"every non-originating material must be classified in another {level} than "
                f"the good ({_SHORT[shift.from_any_other.value]})"
            )
    if shift.within_good:
        parts.append("a material of the good's own subheading is allowed if it is another good")
    sources = [_codes(shift.from_)] if shift.from_ else []
    sources += [
        f"{ref.kind}" + (f" of {_codes(ref.codes)}" if ref.codes else "")
        for ref in shift.from_goods
    ]
    if sources and parts:
        parts[0] += ", or be of " + " or ".join(sources)
    elif sources:
        parts.append("every non-originating material must be of " + " or ".join(sources))
    if shift.except_:
        parts.append(f"but no non-originating material may be of {_codes(shift.except_)}")
    for ref in shift.except_goods:
        where = f" of {_codes(ref.codes)}" if ref.codes else ""
        parts.append(f"but no non-originating material may be {ref.kind}{where}")
    if shift.except_more_than_one_of:
        groups = "; ".join(
            f"({i + 1}) {_codes(g)}" for i, g in enumerate(shift.except_more_than_one_of.groups)
        )
        parts.append(f"and materials may not come from more than one of these groups: {groups}")
    return "; ".join(parts)


def _scope_words(alt: Alternative) -> list[str]:
    """Which goods the alternative is for, where it says so."""
    parts = []
    if alt.only_for:
        parts.append(f"only for goods of {_codes(alt.only_for)}:")
    if alt.not_for:
        parts.append(f"not for goods of {_codes(alt.not_for)}:")
    if alt.good:
        parts.append(f"for {alt.good}:")
    if alt.other_goods:
        parts.append("for other goods:")
    return parts


def _rvc_words(alt: Alternative) -> list[str]:
    if alt.rvc is None:
        return []
    methods = []
    if alt.rvc.transaction_value is not None:
        methods.append(f"{alt.rvc.transaction_value}% under the transaction value method")
    if alt.rvc.net_cost is not None:
        methods.append(f"{alt.rvc.net_cost}% under the net cost method")
    return ["and a regional value content of at least " + " or ".join(methods)]


def alternative_words(alt: Alternative, rule: ProductRule) -> str:
    parts = _scope_words(alt)
    if alt.shift is not None:
        parts.append(shift_words(alt.shift, rule))
    elif alt.rvc is not None or not (alt.process or alt.conditions):
        parts.append("no change in tariff classification is required")
    parts += _rvc_words(alt)
    if alt.process:
        joined = "and " if parts and not parts[-1].endswith(":") else ""
        parts.append(
            joined
            + "the good must result from "
            + " or ".join(alt.process)
            + " in the territory (state it in production_steps)"
        )
    if alt.weight_requirement is not None:
        w = alt.weight_requirement
        parts.append(
            f"and at least {w.min_originating_percent}% by weight of the materials of "
            f"{_codes(w.materials)} must be originating"
        )
    parts.extend(f"and: {c} (decided by a person, not computed)" for c in alt.conditions)
    return " ".join(parts)


def _in_force_lines(rule: ProductRule) -> list[str]:
    until = f" until {rule.effective_to} (exclusive)" if rule.effective_to else ""
    lines = [
        f"{rule.id}  {rule.citation}",
        f"  In force: from {rule.effective_from}{until}",
        f"  Provision: {rule.provision}; applies to {_codes(rule.scope)}",
    ]
    if rule.end_use:
        uses = ", ".join(u.value.replace("_", " ") for u in rule.end_use)
        lines.append(
            f"  Only for goods for use in: {uses}"
            if EndUse.other not in rule.end_use
            else "  For any other good (not for the vehicle uses of the sibling rules)"
        )
    if rule.good:
        lines.append(f"  Only for: {rule.good}")
    if rule.trade:
        lines.append(
            f"  Only for goods produced in: {', '.join(rule.trade)} (imported into the US)"
        )
    return lines


def _older_numbers(rule: ProductRule, rulebook: Rulebook) -> list[str]:
    """The scope codes GN 11 still prints in an older HS edition, and what they became."""
    older = [o.describe() for o in rulebook.editions.older if o.rule_id == rule.id]
    shown = [f"  Older HS number: {text}" for text in older[:3]]
    if len(older) > 3:
        shown.append(f"  ... and {len(older) - 3} more older HS numbers (`rules coverage`)")
    return shown


def _thresholds(rule: ProductRule) -> list[str]:
    thresholds = [
        f"({a.label}) TV {a.rvc.transaction_value}% / NC {a.rvc.net_cost}%".replace(
            "TV None% / ", ""
        ).replace(" / NC None%", "")
        for a in rule.alternatives
        if a.rvc
    ]
    return ["  RVC thresholds: " + "; ".join(thresholds)] if thresholds else []


def _kinds_lines(rule: ProductRule, rulebook: Rulebook) -> list[str]:
    """The kinds of good the rule and each alternative name in words, one line each: what an
    input may state as the good's (or a material's) ``product_kind``.

    ``engine.kinds.kinds_of`` splits an "or" list (with the rule set's kind table where it
    has one); without it nothing is printed rather than a guess.
    """
    from roo_check.engine import kinds

    kinds_of = getattr(kinds, "kinds_of", None)
    if kinds_of is None:
        return []
    table = getattr(rulebook, "kinds", None)

    def split(phrase: str) -> str:
        found = kinds_of(phrase, table) if table is not None else kinds_of(phrase)
        return ", ".join(f"'{k}'" for k in found)

    lines = []
    if rule.good:
        lines.append(
            f"  Kinds named by the rule (product_kind a good may state): {split(rule.good)}"
        )
    for alt in rule.alternatives:
        named = [f"good {split(alt.good)}"] if alt.good else []
        refs = [*(alt.shift.from_goods if alt.shift else []), *_excepted(alt)]
        kinds_of_materials = [split(ref.kind) for ref in refs]
        if kinds_of_materials:
            named.append("material " + ", ".join(kinds_of_materials))
        if named:
            lines.append(
                f"  Kinds named by ({alt.label}) (product_kind an input may state): "
                + "; ".join(named)
            )
    return lines


def _excepted(alt: Alternative) -> list[GoodRef]:
    return list(alt.shift.except_goods) if alt.shift else []


def explain_rule(
    rule: ProductRule, rulebook: Rulebook, on: dt.date, code: str | None = None
) -> str:
    """One rule as a specialist reads it; examples for goods under ``code`` if given."""
    lines = _in_force_lines(rule) + _older_numbers(rule, rulebook)
    lines += [
        "  Legal text:",
        f'    "{rule.text}"',
        "  In plain English (one alternative is enough):",
    ]
    lines += [f"    ({a.label}) {alternative_words(a, rule)}" for a in rule.alternatives]
    lines += _kinds_lines(rule, rulebook)
    lines += _thresholds(rule)
    codes = rule_codes(rule, rulebook, code)
    when = example_date(rule, on)
    lines += de_minimis_words(rulebook.de_minimis(when), codes or [r.start for r in rule.scope])
    lines += provision_lines(rule, rulebook, on)
    lines += [f"  Note: {note}" for note in rule.notes]
    not_in_force = "" if when == on else f"; the rule is not in force on {on}"
    lines.append(f"  Examples (computed by roo-check on {when}{not_in_force}):")
    lines += examples(rule, rulebook, when, code)
    return "\n".join(lines)


def de_minimis_words(dm: DeMinimisRule | None, codes: list[str]) -> list[str]:
    """How de minimis reads for the rule's goods: by value, or by weight for textile goods
    (the ``by_weight`` entries of the loaded de minimis rule, 19 U.S.C. 4531(f)(4))."""
    if dm is None:
        return []
    by_value = [c for c in codes if not match_any(dm.not_by_value, c[:6])]
    by_weight = [c for c in codes if c not in by_value]
    lines = []
    if by_value:
        bases = " or ".join(f"{b.replace('_', ' ')}" for b in dm.bases)
        subheading = (
            "; for goods of "
            + _codes(dm.different_subheading_chapters)
            + " only materials of another subheading than the good's"
            if any(match_any(dm.different_subheading_chapters, c[:6]) for c in by_value)
            else ""
        )
        lines.append(
            f"  De minimis: materials failing the shift are disregarded up to "
            f"{dm.max_percent}% of the good's value ({bases}){subheading} ({dm.citation})"
        )
    specs = [w for w in dm.by_weight if any(match_any(w.goods, c[:6]) for c in by_weight)]
    lines += [_weight_words(w) for w in specs]
    if any(not any(match_any(w.goods, c[:6]) for w in dm.by_weight) for c in by_weight):
        lines.append(
            "  De minimis: by weight, not value, for these goods; the rule set has no "
            f"by-weight rule for them, so roo-check cannot apply it ({dm.citation})"
        )
    return lines


def _weight_words(spec: WeightDeMinimis) -> str:
    """19 U.S.C. 4531(f)(4): (A) the good's weight; (B) apparel, the classifying component's;
    (C) the elastomeric yarn cap, of the good's weight in both."""
    if spec.measure == "classifying_component":
        measured = (
            "fibres and yarns of the component that determines the tariff classification that "
            "fail the shift are disregarded if they weigh, elastomeric yarns included, at most "
            f"{spec.max_percent}% of the total weight of that component"
        )
        elastomeric = "non-originating elastomeric yarns in that component"
    else:
        measured = (
            "materials failing the shift are disregarded if they weigh, elastomeric yarns "
            f"included, at most {spec.max_percent}% of the total weight of the good"
        )
        elastomeric = "non-originating elastomeric yarns"
    return (
        f"  De minimis (by weight, not value; goods of {_codes(spec.goods)}): {measured}; "
        f"{elastomeric} at most {spec.elastomeric_max_percent}% of the total weight of the good "
        f"({spec.id}: {spec.citation})"
    )


def explain(target: str, rulebook: Rulebook, on: dt.date) -> str:
    """Explain a rule id, or every rule (and general rule) that applies to an HS code.

    Ids are matched regardless of case. Anything else must be an HS2022 code; an unknown id
    or code is a ``UsageError`` naming the nearest ids or codes (the CLI prints one line and
    exits 2).
    """
    text = target.strip()
    ids = all_ids(rulebook)
    canonical = ids.get(text.upper())
    if canonical is not None:
        for by_id in (
            _product_rule,
            _article,
            _automotive,
            _general_rule,
            _criteria_rule,
            _flag,
            _provision,
        ):
            found = by_id(canonical, rulebook, on)
            if found is not None:
                return found
    code = _as_code(text, ids)
    _check_exists(code)
    return _for_code(code, rulebook, on)


def all_ids(rulebook: Rulebook) -> dict[str, str]:
    """Every id ``rules explain`` answers to, upper-cased, mapped to its spelling."""
    ids = [r.id for r in rulebook.rules]
    ids += [g.id for f in rulebook.files for g in f.general_rules]
    if rulebook.chapter4 is not None:
        ids += [a.id for a in rulebook.chapter4.articles()]
        ids += [e.id for e in rulebook.chapter4.transit.exceptions]
    ids += [rulebook.criteria.originating_goods.id, rulebook.criteria.criterion_d.id]
    for dm in rulebook.criteria.de_minimis:
        ids += [dm.id, *(w.id for w in dm.by_weight)]
    if rulebook.automotive is not None:
        from roo_check.explain_automotive import CHECKS, schedules

        ids += [*CHECKS, *(s for s, _, _ in schedules(rulebook.automotive))]
    ids += [f.id for f in rulebook.flags]
    ids += [p.id for p in rulebook.provisions.entries]
    return {i.upper(): i for i in ids}


def _as_code(text: str, ids: dict[str, str]) -> str:
    """The digits of an HS code; else a UsageError naming the ids ``text`` may have meant."""
    try:
        return normalize(text)
    except ValueError as exc:
        if text.replace(".", "").isdigit():
            raise UsageError(str(exc)) from None
    near = difflib.get_close_matches(text.upper(), list(ids), n=3, cutoff=0.6)
    hint = (
        f"; did you mean {', '.join(ids[n] for n in near)}?"
        if near
        else "; `roo-check rules list` shows every id"
    )
    raise UsageError(f"{text!r} is neither a rule id nor an HS code{hint}")


def _check_exists(code: str) -> None:
    """An HS code must exist in HS2022 (a tariff item: its subheading); else name the nearest."""
    hs_part = code[:6]
    if nomenclature.exists(hs_part):
        return
    level = nomenclature.level_name(hs_part)
    near = ", ".join(dotted(c) for c in nomenclature.nearest(hs_part))
    subject = dotted(code) + (f": {dotted(hs_part)}" if len(code) > 6 else "")
    message = f"{subject} is not an HS2022 {level}; nearest: {near}"
    older = nomenclature.edition_of(hs_part)
    if older is not None:
        became = nomenclature.correlate(hs_part, older, nomenclature.CURRENT)
        if became:
            message += (
                f" ({older} {dotted(hs_part)} became HS2022 "
                + ", ".join(dotted(c) for c in became)
                + ")"
            )
    raise UsageError(message)


def _product_rule(target: str, rulebook: Rulebook, on: dt.date) -> str | None:
    rule = rulebook.rule(target)
    return explain_rule(rule, rulebook, on) + "\n" if rule is not None else None


def _provision(target: str, rulebook: Rulebook, on: dt.date) -> str | None:
    provision = rulebook.provisions.get(target)
    if provision is None:
        return None
    from roo_check.explain_provisions import explain_provision

    return explain_provision(provision, rulebook, on)


def _article(target: str, rulebook: Rulebook, on: dt.date) -> str | None:
    if not target.upper().startswith("ORIG-4.") or rulebook.chapter4 is None:
        return None
    from roo_check.explain_chapter4 import explain_article

    return explain_article(target, rulebook.chapter4, on)


def _automotive(target: str, rulebook: Rulebook, on: dt.date) -> str | None:
    if not target.upper().startswith("AUTO-") or rulebook.automotive is None:
        return None
    from roo_check.explain_automotive import explain_automotive

    return explain_automotive(target.upper(), rulebook.automotive, on)


def _general_rule(target: str, rulebook: Rulebook, on: dt.date) -> str | None:
    general = next((g for f in rulebook.files for g in f.general_rules if g.id == target), None)
    if general is None:
        return None
    scope = ", ".join(str(c) for c in general.scope)
    excluded = ", ".join(str(c) for c in general.except_)
    lines = [
        f"{general.id}  {general.citation} (chapter general rule: an extra way to qualify)",
        f"  Applies to: {scope}" + (f", except {excluded}" if excluded else ""),
        "  Legal text:",
        f'    "{general.text}"',
        "  In plain English:",
    ]
    as_rule = ProductRule.model_construct(scope=general.scope, alternatives=general.alternatives)
    lines += [f"    ({a.label}) {alternative_words(a, as_rule)}" for a in general.alternatives]
    return "\n".join(lines) + "\n"


def _criteria_rule(target: str, rulebook: Rulebook, on: dt.date) -> str | None:
    """Art. 4.2, criterion D and the de minimis rules of the origin criteria file."""
    criteria = rulebook.criteria
    general, d = criteria.originating_goods, criteria.criterion_d
    entries: list[tuple[str, str, str, str | None]] = [
        (general.id, general.citation, general.text, None),
        (d.id, d.citation, d.text, f"RVC TV {d.rvc.transaction_value}% / NC {d.rvc.net_cost}%"),
    ]
    for dm in criteria.de_minimis:
        entries.append(
            (dm.id, dm.citation, dm.text, f"at most {dm.max_percent}% of {', '.join(dm.bases)}")
        )
        entries += [
            (w.id, w.citation, w.text, f"at most {w.max_percent}% by weight") for w in dm.by_weight
        ]
    found = next((e for e in entries if e[0] == target.upper()), None)
    if found is None:
        return None
    rule_id, citation, text, threshold = found
    return (
        f"{rule_id}  {citation}\n"
        + (f"  Threshold: {threshold}\n" if threshold else "")
        + "  Legal text:\n"
        + "\n".join(textwrap.wrap(f'"{text}"', 96, initial_indent="    ", subsequent_indent="    "))
        + "\n"
    )


def _flag(target: str, rulebook: Rulebook, on: dt.date) -> str | None:
    flag = rulebook.flag(target)
    if flag is None:
        return None
    params = "".join(f"\n  {k}: {v}" for k, v in flag.params.items())
    return (
        f"{flag.id}  {flag.name}  [{flag.severity}]\n  {flag.summary}\n"
        f"  Citation: {flag.citation}\n  Why: {flag.rationale}\n  Thresholds:"
        f"{params or ' none'}\n"
    )


def _rules_for(code: str, rulebook: Rulebook, on: dt.date) -> tuple[list[ProductRule], list[str]]:
    """The rules in force that may govern goods of ``code``, and how older numbers reach them."""
    found = [
        r
        for r in rulebook.in_chapter(code[:2])
        if r.in_force(on) and match_any(r.scope, code) is not False
    ]
    notes = []
    if not found:
        for derivation in rulebook.derived(code[:6]):
            rule = rulebook.rule(derivation.rule_id)
            if rule is not None and rule.in_force(on) and rule not in found:
                found.append(rule)
                notes.append(derivation.note)
    found.sort(key=lambda r: (-r.specificity, r.id))
    return found, notes


def _general_blocks(code: str, rulebook: Rulebook, on: dt.date) -> list[str]:
    fake = Good.model_construct(hs_code=code[:6], tariff_item=code if len(code) > 6 else None)
    blocks = []
    for general, _ in applicable_general_rules(fake, rulebook, on):
        as_rule = ProductRule.model_construct(
            scope=general.scope, alternatives=general.alternatives
        )
        blocks.append(
            f"{general.id}  {general.citation} (chapter general rule: an extra way "
            f'to qualify)\n    "{general.text}"\n'
            + "\n".join(
                f"    ({a.label}) {alternative_words(a, as_rule)}" for a in general.alternatives
            )
        )
    return blocks


def _for_code(code: str, rulebook: Rulebook, on: dt.date) -> str:
    found, notes = _rules_for(code, rulebook, on)
    header = f"Rules for {dotted(code)} in force on {on} ({len(found)}):"
    if notes:
        header += "\n" + "\n".join(f"  Reached through an older HS number: {n}" for n in notes)
    if not found:
        header += (
            f"\n  No product-specific rule of the rule set covers {dotted(code)} on {on}: a good "
            "of it with non-originating materials is 'cannot decide' unless a chapter general "
            "rule below qualifies it (`roo-check rules coverage` says why a code is uncovered)."
        )
    blocks = [explain_rule(r, rulebook, on, code) for r in found]
    blocks += _general_blocks(code, rulebook, on)
    return header + "".join("\n\n" + b for b in blocks) + "\n"
