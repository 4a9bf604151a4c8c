"""``rules explain`` for the provisions beside the product-specific rules (CN-..., TN-...):
the legal words, what the engine does with them, the data that can leave them open, and the
rules whose goods they govern; and, for a rule, the provisions that govern its goods."""

from __future__ import annotations

import datetime as dt

from roo_check.hs.codes import match_any
from roo_check.rulebook.index import Rulebook
from roo_check.rulebook.provision_lint import InventoryRow, inventory
from roo_check.rulebook.provisions import reaches
from roo_check.rulebook.provisions_schema import Provision
from roo_check.rulebook.schema import ProductRule

_WHAT = {
    "classifying_component": "the rule's tariff shift applies only to the materials of the "
    "component that determines classification (BOM lines marked classifying_component)",
    "territorial_materials": "a condition after the criteria: the materials it names must meet "
    "it, or the good is not originating whatever its rule says",
    "de_minimis": "changes what de minimis reaches for the materials and goods it names",
    "disregard": "the origin of the materials it names is disregarded for the tariff shift and "
    "de minimis (their value still counts in any RVC)",
    "units": "the good is decided unit by unit: originating only if every unit is",
    "rule_as": "the good is decided under another good's rule",
    "rvc_not_for_use_in": "the RVC alternative is closed to goods used in the goods it names",
    "separation": "a change in classification that results from separation confers no origin "
    "without the process it names",
    "applied_by": "carried by rules of their own",
    "definition": "defines words the rules use; the input states the datum",
    "automotive": "the automotive appendix (GN 11(k)) for goods for use in a motor vehicle",
}


def _row(provision: Provision, rulebook: Rulebook) -> InventoryRow:
    return next(r for r in inventory(rulebook) if r.id == provision.id)


def explain_provision(provision: Provision, rulebook: Rulebook, on: dt.date) -> str:
    row = _row(provision, rulebook)
    goods = ", ".join(str(c) for c in provision.goods) or "(no codes: a definition)"
    excluded = ", ".join(str(c) for c in provision.except_goods)
    until = f" until {provision.effective_to}" if provision.effective_to else ""
    lines = [
        f"{provision.id}  {provision.citation} ({provision.title})",
        f"  In force from {provision.effective_from}{until}"
        + ("" if provision.in_force(on) else f"; not in force on {on}"),
        f"  Goods: {goods}" + (f", except {excluded}" if excluded else ""),
        "  Legal text:",
        f'    "{rulebook.provisions.text(provision)}"',
        f"  What roo-check does ({provision.effect}): {_WHAT.get(provision.effect, '')}",
        f"  Status: {row.status}"
        + (f"; cannot decide without: {', '.join(row.data)}" if row.data else ""),
    ]
    lines += _details(provision)
    if provision.reading:
        lines.append(f"  Reading taken: {provision.reading}")
    if provision.not_for_rules:
        lines.append(f"  Not for the goods of: {', '.join(provision.not_for_rules)}")
    governed = _rules_governed(provision, rulebook)
    if governed:
        shown = ", ".join(governed[:12]) + (
            f" and {len(governed) - 12} more" if len(governed) > 12 else ""
        )
        lines.append(f"  Rules whose goods it governs: {shown}")
    return "\n".join(lines)


def _details(provision: Provision) -> list[str]:
    """The data of the provision in words: what it names and how."""
    found = []
    for name, label in (
        ("materials", "Materials named by code"),
        ("material_kinds", "Materials named by kind (product_kind)"),
        ("not_kinds", "Not for materials of these kinds"),
        ("terms", "Terms defined"),
        ("by", "Applied by"),
        ("only_if_steps", "Only for goods prepared merely by"),
        ("good_kinds", "For goods of these kinds"),
        ("used_in", "Not for parts used in goods of"),
    ):
        value = getattr(provision, name, None)
        if value:
            found.append(f"  {label}: {', '.join(str(v) for v in value)}")
    role = getattr(provision, "role", None)
    if role is not None:
        found.append(f"  Materials named by use (textile_role): {role.value}")
    condition = getattr(provision, "condition", None)
    if condition:
        found.append(f"  Condition the input cannot show: {condition}")
    for pair in getattr(provision, "pairs", []):
        kinds = f" ({', '.join(pair.material_kinds)})" if pair.material_kinds else ""
        found.append(
            f"  De minimis {getattr(provision, 'de_minimis', '').replace('_', ' ')}: materials "
            f"of {', '.join(str(c) for c in pair.materials)}{kinds} in goods of "
            f"{', '.join(str(c) for c in pair.goods)}"
        )
    return found


def _rules_governed(provision: Provision, rulebook: Rulebook) -> list[str]:
    if not provision.goods:
        return []
    return sorted(
        r.id
        for r in rulebook.rules
        if reaches(provision, r.scope) and r.id not in provision.not_for_rules
    )


def provision_lines(rule: ProductRule, rulebook: Rulebook, on: dt.date) -> list[str]:
    """The provisions beside the rule that govern (some of) its goods on ``on``."""
    found = [
        p
        for p in rulebook.provisions.entries
        if p.in_force(on)
        and p.goods
        and rule.id not in p.not_for_rules
        and reaches(p, rule.scope)
        and not (p.except_goods and all(match_any(p.except_goods, s.start) for s in rule.scope))
    ]
    if not found:
        return []
    lines = ["  Provisions beside the rule (rules explain <id> for each):"]
    lines += [f"    {p.id}: {p.title} [{p.effect}]" for p in found]
    return lines


def list_provisions(rulebook: Rulebook, chapter: str | None = None) -> str:
    """``rules list --kind provision``: id, effect, status, title (optionally one chapter)."""
    rows = {r.id: r for r in inventory(rulebook)}
    lines = ["PROVISIONS BESIDE THE RULES (id, effect, status, what it does)"]
    for provision in rulebook.provisions.entries:
        row = rows[provision.id]
        if chapter and row.chapter != str(int(chapter)):
            continue
        lines.append(f"  {provision.id:<20} {provision.effect:<22} {row.status}: {provision.title}")
    return "\n".join(lines) + "\n"
