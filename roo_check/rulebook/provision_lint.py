"""The provision inventory of ``rules lint``: every chapter, heading and subheading rule beside
the product-specific rules, and what the engine does with it.

A provision is either applied by the engine (naming the data that can leave it open), applied
by another rule of the rule set, or a definition the input answers by stating a datum. One that
is none of these is "stored as text only": a problem, since the engine would then decide as if
the law did not say it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from roo_check.hs.codes import CodeRange
from roo_check.rulebook.index import Rulebook
from roo_check.rulebook.provisions import reaches
from roo_check.rulebook.provisions_schema import (
    DeMinimisProvision,
    Disregard,
    Provision,
    TerritorialMaterials,
)

TEXT_ONLY = "stored as text only"
_UNQUOTED = "reports, but does not quote"
_EXEMPT = re.compile(r"will not be subject to chapter rules? (\d+) through (\d+)")


@dataclass(frozen=True, order=True)
class InventoryRow:
    chapter: str
    id: str
    effect: str
    status: str
    """'applied', 'applied by <ids>', 'definition' or 'stored as text only'."""
    data: tuple[str, ...] = ()
    """What the input must state when the provision's answer turns on it."""

    def __str__(self) -> str:
        open_ = f"; cannot decide: {', '.join(self.data)}" if self.data else ""
        return f"  {self.id:<22} chapter {self.chapter:<3} {self.effect:<22} {self.status}{open_}"


_DATA: dict[str, tuple[str, ...]] = {
    "classifying_component": ("classifying_component",),
    "units": ("origin_status of a unit",),
    "rule_as": ("product_kind",),
    "rvc_not_for_use_in": ("used_in",),
    "separation": ("production_steps",),
    "automotive": ("end_use",),
}


def _data(provision: Provision) -> tuple[str, ...]:
    if isinstance(provision, TerritorialMaterials):
        steps = ("production_steps",) if provision.only_if_steps else ()
        kinds = ("product_kind",) if provision.kind_codes else ()
        return (provision.requirement, *kinds, *steps)
    if isinstance(provision, DeMinimisProvision):
        kinds = any(p.material_kinds or p.good_kinds for p in provision.pairs)
        return ("product_kind",) if kinds else ()
    if isinstance(provision, Disregard):
        found = ("product_kind",) if provision.material_kinds or provision.not_kinds else ()
        return (*found, "condition") if provision.condition else found
    if provision.effect == "definition":
        return (getattr(provision, "datum", ""),)
    return _DATA.get(provision.effect, ())


def _status(provision: Provision, known_ids: set[str]) -> str:
    if provision.effect == "applied_by":
        by = getattr(provision, "by", [])
        return f"applied by {', '.join(by)}" if all(i in known_ids for i in by) else TEXT_ONLY
    if provision.effect == "definition":
        return "definition"
    if provision.effect == "automotive":
        return "applied by the automotive appendix"
    return "applied"


def _chapter(provision: Provision) -> str:
    found = re.match(r"^(?:CN-(\d+)|TN-(\d{2}))", provision.id)
    if found:
        return str(int(found.group(1) or found.group(2)))
    return str(int(provision.goods[0].start[:2])) if provision.goods else "-"


def known_ids(rulebook: Rulebook) -> set[str]:
    """Rule ids a provision may say it is applied by."""
    ids = {r.id for r in rulebook.rules}
    ids |= {g.id for f in rulebook.files for g in f.general_rules}
    if rulebook.chapter4 is not None:
        ids |= {a.id for a in rulebook.chapter4.articles()}
    return ids


def inventory(rulebook: Rulebook) -> list[InventoryRow]:
    known = known_ids(rulebook)
    rows = [
        InventoryRow(_chapter(p), p.id, p.effect, _status(p, known), _data(p))
        for p in rulebook.provisions.entries
    ]
    rows += [
        InventoryRow(note_id.split("-")[1], note_id, "-", TEXT_ONLY)
        for note_id in rulebook.provisions.unmapped
    ]
    return sorted(rows, key=lambda r: (int(r.chapter) if r.chapter.isdigit() else 99, r.id))


def _status_group(status: str) -> str:
    if status.startswith("applied by ") and "automotive" not in status:
        return "applied by another rule"
    return status


def render_inventory(rows: list[InventoryRow]) -> list[str]:
    by_status = Counter(_status_group(r.status) for r in rows)
    by_data = Counter(d for r in rows for d in r.data)
    by_chapter = Counter(r.chapter for r in rows)
    lines = [f"provisions beside the product-specific rules: {len(rows)}"]
    lines += [str(r) for r in rows]
    lines.append(
        "by status: "
        + ", ".join(f"{s} {n}" for s, n in sorted(by_status.items()))
        + f"; {TEXT_ONLY}: {sum(1 for r in rows if r.status == TEXT_ONLY)}"
    )
    lines.append(
        "cannot decide without: " + ", ".join(f"{d} {n}" for d, n in sorted(by_data.items()))
    )
    lines.append(
        "by chapter: "
        + ", ".join(
            f"{c}: {n}"
            for c, n in sorted(
                by_chapter.items(), key=lambda x: int(x[0]) if x[0].isdigit() else 99
            )
        )
    )
    return lines


def problems(rulebook: Rulebook) -> Iterable[tuple[str, str, str]]:
    """(rule or provision id, message, subject) for each defect of the provisions."""
    provisions = rulebook.provisions
    known = known_ids(rulebook)
    for row in inventory(rulebook):
        if row.status == TEXT_ONLY:
            yield row.id, f"provision {TEXT_ONLY}: the engine neither applies it nor asks", "text"
    for provision in provisions.entries:
        if not provision.id.startswith("TN-") and provision.id not in provisions.notes:
            yield provision.id, "no chapter note of the PSR files has this id", "provision"
        for rule_id in provision.not_for_rules:
            if rule_id not in known:
                yield provision.id, f"not_for_rules names unknown rule {rule_id}", "provision"
    yield from _rule_notes(rulebook)


def _rule_notes(rulebook: Rulebook) -> Iterable[tuple[str, str, str]]:
    """Rules that carry a provision in their notes or text must have it in the inventory."""
    reported = [p for p in rulebook.provisions.entries if p.id.startswith("TN-")]
    for rule in rulebook.rules:
        for note in rule.notes:
            if "does not apply it" in note:
                yield rule.id, f"a provision {TEXT_ONLY}: {note}", "text"
            if _UNQUOTED in note and not _covers(reported, rule.scope):
                yield rule.id, f"a reported provision has no TN- entry: {note}", "provision"
        exempt = _EXEMPT.search(rule.text)
        if exempt:
            yield from _exemption(rulebook, rule.id, rule.scope, exempt)


def _covers(reported: list[Provision], scope: tuple[CodeRange, ...]) -> bool:
    return any(reaches(p, scope) for p in reported)


def _exemption(
    rulebook: Rulebook, rule_id: str, scope: tuple[CodeRange, ...], found: re.Match[str]
) -> Iterable[tuple[str, str, str]]:
    """'such goods will not be subject to chapter rules 2 through 4': each of those chapter
    rules must list the rule in not_for_rules."""
    chapter = int(scope[0].start[:2])
    for number in range(int(found.group(1)), int(found.group(2)) + 1):
        provision = rulebook.provisions.get(f"CN-{chapter}-{number}")
        if (
            provision is not None
            and provision.effect != "classifying_component"
            and rule_id not in provision.not_for_rules
        ):
            yield (
                rule_id,
                f"its text exempts it from {provision.id}: add it to not_for_rules",
                ("provision"),
            )
