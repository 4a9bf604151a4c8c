"""`roo-check rules explain`: a rule as a customs specialist reads it, with worked examples.

The plain-English reading is generated from the rule's own data (never hand-written per
rule), and the passing and failing examples are computed by the engine on that rule, so the
explanation cannot drift from what the checker does.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from decimal import Decimal

from roo_check.engine.evaluate import evaluate_good
from roo_check.engine.general import applicable_general_rules
from roo_check.engine.selection import good_code
from roo_check.errors import UsageError
from roo_check.hs.codes import CodeRange, dotted, match_any, normalize
from roo_check.models.goods import BomLine, EndUse, Good
from roo_check.money import display_money
from roo_check.rulebook.index import Rulebook
from roo_check.rulebook.schema import Alternative, ProductRule, Shift

_LEVEL_WORDS = {
    "chapter": "chapter",
    "heading": "heading",
    "subheading": "subheading",
    "tariff_item": "tariff item",
}
_SHORT = {"chapter": "CC", "heading": "CTH", "subheading": "CTSH", "tariff_item": "CTI"}
EXAMPLE_VALUE = Decimal("1000.00")


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
        parts.append(
            "the good must result from "
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


def _example_code(rule: ProductRule) -> str:
    first: CodeRange = rule.scope[0]
    code = first.start
    if len(code) >= 6:
        return code
    try:
        from roo_check.hs.nomenclature import subheadings

        under = sorted(c for c in subheadings("HS2022") if c.startswith(code))
        if under:
            return under[0]
    except (ImportError, AttributeError, TypeError):
        pass
    return (code + "0000")[:6].replace("0000", "10", 1) if len(code) == 2 else code + "10"


def _foreign_material(rule: ProductRule) -> str:
    """A material code every shift in the rule accepts: from a distant chapter, not excluded."""
    for candidate in ("3926.90", "7326.90", "4016.99", "8544.42", "3208.90", "2710.19"):
        digits = normalize(candidate)
        if match_any(rule.scope, digits):
            continue
        excluded = any(
            alt.shift is not None
            and (
                match_any(alt.shift.except_, digits)
                or any(
                    match_any(g, digits)
                    for g in (
                        alt.shift.except_more_than_one_of.groups
                        if alt.shift.except_more_than_one_of
                        else []
                    )
                )
            )
            for alt in rule.alternatives
        )
        if not excluded:
            return digits
    return "392690"


def examples(
    rule: ProductRule, rulebook: Rulebook, on: dt.date, code: str | None = None
) -> list[str]:
    code = code or _example_code(rule)
    kinds = [a.good for a in rule.alternatives if a.good]
    fields: dict[str, object] = {
        "part_number": "EXAMPLE",
        "description": "example good",
        "hs_code": code,
        "producer": "Example Producer SA de CV",
        "country_of_production": (rule.trade or ["MX"])[0],
        "currency": "USD",
        "transaction_value": EXAMPLE_VALUE,
        "net_cost": EXAMPLE_VALUE,
        "product_kind": rule.good or (kinds[0] if kinds else None),
        "end_use": (rule.end_use or [None])[0],
    }
    if len(code) > 6:
        fields["hs_code"], fields["tariff_item"] = code[:6], code
    good = Good.model_validate(fields)

    def material(hs: str, value: str) -> BomLine:
        return BomLine.model_validate(
            {
                "good_part_number": "EXAMPLE",
                "part_number": "MAT-1",
                "description": "material",
                "hs_code": hs,
                "quantity": "1",
                "unit": "pcs",
                "extended_value": value,
                "currency": "USD",
                "country_of_origin": "CN",
                "origin_status": "non-originating",
            }
        )

    out = []
    cases = [
        ("passes", material(_foreign_material(rule), "100.00")),
        ("fails", material(good_code(good)[:6], "700.00")),
    ]
    for label, bom_line in cases:
        d = evaluate_good(good, [bom_line], rulebook, on)
        used = d.rule.id if d.rule else "no rule"
        met = [a.label for a in d.alternatives if a.passed]
        if met:
            used += f" alternative {', '.join(met)}"
        out.append(
            f"    {label}: a good of {dotted(good_code(good))} worth "
            f"{display_money(EXAMPLE_VALUE)} USD (TV = NC) with one non-originating material "
            f"of {dotted(bom_line.hs_code)} "
            f"worth {display_money(bom_line.value)} -> {d.status.value}"
            + (f" (criterion {d.criterion})" if d.criterion else "")
            + f" under {used}"
        )
    return out


def explain_rule(
    rule: ProductRule, rulebook: Rulebook, on: dt.date, code: str | None = None
) -> str:
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
    lines += [
        "  Legal text:",
        f'    "{rule.text}"',
        "  In plain English (one alternative is enough):",
    ]
    lines += [f"    ({a.label}) {alternative_words(a, rule)}" for a in rule.alternatives]
    thresholds = [
        f"({a.label}) TV {a.rvc.transaction_value}% / NC {a.rvc.net_cost}%".replace(
            "TV None% / ", ""
        ).replace(" / NC None%", "")
        for a in rule.alternatives
        if a.rvc
    ]
    if thresholds:
        lines.append("  RVC thresholds: " + "; ".join(thresholds))
    dm = rulebook.de_minimis(on)
    if dm is not None:
        lines.append(
            f"  De minimis: materials failing the shift are disregarded up to "
            f"{dm.max_percent}% of the good's value ({dm.citation})"
        )
    for note in rule.notes:
        lines.append(f"  Note: {note}")
    lines.append(f"  Examples (computed by roo-check on {on}):")
    lines += examples(rule, rulebook, on, code)
    return "\n".join(lines)


def explain(target: str, rulebook: Rulebook, on: dt.date) -> str:
    """Explain a rule id, or every rule (and general rule) that applies to an HS code."""
    for by_id in (_product_rule, _article, _automotive, _general_rule, _criteria_rule, _flag):
        found = by_id(target, rulebook, on)
        if found is not None:
            return found
    try:
        code = normalize(target)
    except ValueError:
        raise UsageError(f"{target!r} is neither a rule id nor an HS code") from None
    return _for_code(code, rulebook, on)


def _product_rule(target: str, rulebook: Rulebook, on: dt.date) -> str | None:
    rule = rulebook.rule(target)
    return explain_rule(rule, rulebook, on) + "\n" if rule is not None else None


def _article(target: str, rulebook: Rulebook, on: dt.date) -> str | None:
    if not target.upper().startswith("ORIG-4.") or rulebook.chapter4 is None:
        return None
    from roo_check.explain_chapter4 import explain_article

    return explain_article(target, rulebook.chapter4, on)


def _automotive(target: str, rulebook: Rulebook, on: dt.date) -> str | None:
    if not target.upper().startswith("AUTO-") or rulebook.automotive is None:
        return None
    from roo_check.explain_automotive import explain_automotive

    found = explain_automotive(target.upper(), rulebook.automotive, on)
    if found is None:
        raise UsageError(f"{target!r} is no automotive schedule or check")
    return found


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
    """Criterion D and the de minimis rules of the origin criteria file."""
    criteria = rulebook.criteria
    d = criteria.criterion_d
    entries = [
        (d.id, d.citation, d.text, f"RVC TV {d.rvc.transaction_value}% / NC {d.rvc.net_cost}%")
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
        f"{rule_id}  {citation}\n  Threshold: {threshold}\n  Legal text:\n"
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


def _for_code(code: str, rulebook: Rulebook, on: dt.date) -> str:
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
    if not found:
        raise UsageError(f"no product-specific rule covers {dotted(code)} on {on}")
    found.sort(key=lambda r: (-r.specificity, r.id))
    header = f"Rules for {dotted(code)} in force on {on} ({len(found)}):"
    if notes:
        header += "\n" + "\n".join(f"  Reached through an older HS number: {n}" for n in notes)
    blocks = [explain_rule(r, rulebook, on, code if len(code) >= 6 else None) for r in found]
    fake = Good.model_construct(hs_code=code[:6], tariff_item=code if len(code) > 6 else None)
    for general in applicable_general_rules(fake, rulebook, on):
        blocks.append(
            f"{general.id}  {general.citation} (chapter general rule: an extra way "
            f'to qualify)\n    "{general.text}"\n'
            + "\n".join(
                f"    ({a.label}) {alternative_words(a, found[0])}" for a in general.alternatives
            )
        )
    return header + "\n\n" + "\n\n".join(blocks) + "\n"
