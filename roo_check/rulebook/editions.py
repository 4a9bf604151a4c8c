"""Rules keyed to older HS numbers, reached from the HS2022 codes those numbers became.

GN 11 is meant to be in HS2022 but still prints numbers of HS2017 (8462.10, 8701.20,
9405.10) and even HS2012 (8469, 8701.90, 2853.00). A good is classified in HS2022 today, so
a rule for "8462.10" would govern nothing if matched by number alone. At build time every
scope written in an older edition is taken through the UNSD correlation tables and the rule
is indexed also under the HS2022 subheadings it leads to, with the derivation recorded so
that explanations and coverage can say "8462.11 is covered by PSR-8462.10 via HS2017
8462.10 (UNSD correlation)". An HS2022 subheading reached by two different rules keeps both:
selection reports the ambiguity rather than pick one.

Only ranges with a bound missing from the rule file's edition are read as older numbers:
a range written wholly in HS2022 numbers is taken to be HS2022. A national tariff item of
an older subheading cannot be carried over (UNSD tables stop at 6 digits); it is recorded
as not mapping cleanly.

An older number can also still exist in HS2022 after part of it moved to a new subheading:
HS2012 8456.90 kept its number when plasma-arc and water-jet machines became 8456.40 and
8456.50, HS2017 8708.29 when 8708.22 was made of it. GN 11 prints a rule for 8456.90 and none
for 8456.40, so read by number 8456.40 would have no rule, though its goods were goods of
8456.90 when the rule was written. An HS2022 subheading that no rule reaches otherwise (by
number, even in part, or through a number that is gone) and that did not exist in an older
edition is therefore reached, through that edition's correlation, by the rules of the
subheadings it was made from that still exist ("8456.40 is covered by PSR-8456.90 via HS2012
8456.90, part of which became 8456.40"), provided all of them are of its own heading. A code
made (even in part) of goods moved in from another heading -- a new heading such as 2404 or
8549, LED modules of 8539.51 from 8543.70 and 9405 -- is not: such moves came with rules of
their own, which the transcription does not print.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import cache

from roo_check.hs import nomenclature
from roo_check.hs.codes import CodeRange, dotted, match_any
from roo_check.rulebook.schema import ProductRule

CURRENT = nomenclature.CURRENT


@dataclass(frozen=True)
class Derivation:
    """An HS2022 subheading a rule reaches through the correlation of one of its older codes."""

    code: str
    rule_id: str
    via: str
    edition: str
    relationships: tuple[str, ...]
    direct: bool = False
    """Whether the rule's scope also matches the code by number (then the mapping agrees)."""
    split: bool = False
    """Whether ``via`` still exists in HS2022 and the code was made of part of it."""

    @property
    def note(self) -> str:
        part = f", part of which became {dotted(self.code)}" if self.split else ""
        return (
            f"{dotted(self.code)} is covered by {self.rule_id} via {self.edition} "
            f"{dotted(self.via)}{part} (UNSD correlation)"
        )


@dataclass(frozen=True)
class OlderCode:
    """A code written in a rule that the rule file's edition does not have."""

    rule_id: str
    where: str
    """Which part of the rule: scope, from, except, weight materials, general rule scope ..."""
    code: str
    edition: str | None
    """The newest edition the code exists in; None if it exists in none known."""
    targets: tuple[str, ...] = ()
    set_aside: tuple[str, ...] = ()
    relationships: tuple[str, ...] = ()

    @property
    def maps(self) -> bool:
        """The code has an HS2022 meaning: a subheading (or coarser) the tables carry over."""
        return self.edition is not None and bool(self.targets) and len(self.code) <= 6

    @property
    def ambiguous(self) -> bool:
        return self.maps and len(self.targets) > 1

    def describe(self) -> str:
        shown = dotted(self.code)
        if self.edition is None:
            return f"{shown} exists in none of {', '.join(nomenclature.EDITIONS)}"
        if not self.targets:
            return f"{self.edition} {shown} has no HS2022 correlate in the UNSD table"
        became = ", ".join(dotted(t) for t in self.targets)
        if len(self.code) > 6:
            return (
                f"{shown} is a national tariff item of {self.edition} {dotted(self.code[:6])} "
                f"(now {became}): UNSD tables stop at 6 digits, so it does not map cleanly"
            )
        return f"{self.edition} {shown} maps to HS2022 {became} (UNSD correlation)"


@dataclass(frozen=True)
class EditionIndex:
    """The derived index: HS2022 subheading -> the rules it reaches through older codes."""

    derived: dict[str, tuple[Derivation, ...]] = field(default_factory=dict)
    older: tuple[OlderCode, ...] = ()
    """Every scope code written in an older edition (or in none), one entry per code."""

    def for_code(self, code: str) -> tuple[Derivation, ...]:
        return self.derived.get(code[:6], ())

    def rules_for(self, code: str) -> tuple[str, ...]:
        return tuple(sorted({d.rule_id for d in self.for_code(code)}))


def locate(code: str, edition: str = CURRENT) -> OlderCode | None:
    """None if the code exists in ``edition``; else where it does exist and what it became.

    A tariff item is located by its subheading (its national digits cannot be checked).
    """
    if nomenclature.exists(code, edition):
        return None
    found = next((e for e in nomenclature.EDITIONS if e != edition and _has(code, e)), None)
    if found is None:
        return OlderCode(rule_id="", where="", code=code, edition=None)
    return _older("", "", code, found)


def _has(code: str, edition: str) -> bool:
    return nomenclature.exists(code, edition)


def _older(rule_id: str, where: str, code: str, edition: str) -> OlderCode:
    mapping = nomenclature.correlation(code, edition, CURRENT)
    return OlderCode(
        rule_id=rule_id,
        where=where,
        code=code,
        edition=edition,
        targets=mapping.targets,
        set_aside=mapping.set_aside,
        relationships=mapping.relationships,
    )


@cache
def _only_in(edition: str) -> tuple[str, ...]:
    """Subheadings of an older edition that HS2022 (and any newer older edition) lacks."""
    newer = nomenclature.EDITIONS[: nomenclature.EDITIONS.index(edition)]
    return tuple(
        s
        for s in nomenclature.subheadings(edition)
        if not any(nomenclature.exists(s, e) for e in newer)
    )


def _older_in_range(rng: CodeRange, edition: str) -> list[str]:
    """The subheadings of ``edition`` only it has, inside a range of width 2, 4 or 6."""
    pool = _only_in(edition)
    lo = bisect.bisect_left(pool, rng.start.ljust(6, "0"))
    hi = bisect.bisect_right(pool, rng.end.ljust(6, "9"))
    return [s for s in pool[lo:hi] if rng.start <= s[: rng.digits] <= rng.end]


def _range_edition(rng: CodeRange, edition: str) -> str | None:
    """The edition a range is written in: its file's, unless a bound only exists in an older one.

    Returns None when the range reads fine in the file's edition.
    """
    bounds = {rng.start[:6], rng.end[:6]}
    missing = [b for b in bounds if not nomenclature.exists(b, edition)]
    if not missing:
        return None if edition == CURRENT else edition
    older = [nomenclature.edition_of(b) for b in missing]
    known = [e for e in older if e is not None]
    if not known:
        return None
    return max(known, key=nomenclature.EDITIONS.index)


def scope_codes(rule_id: str, scope: tuple[CodeRange, ...], edition: str) -> list[OlderCode]:
    """The older codes a rule's scope stands for, each with its HS2022 correlates."""
    found: list[OlderCode] = []
    for rng in scope:
        if rng.digits > 6:
            found.extend(_tariff_items(rule_id, rng, edition))
            continue
        range_edition = _range_edition(rng, edition)
        if range_edition is None:
            for bound in sorted({rng.start, rng.end}):
                if nomenclature.edition_of(bound) is None:
                    found.append(OlderCode(rule_id, "scope", bound, None))
            continue
        oldest = nomenclature.EDITIONS.index(range_edition)
        for older_edition in nomenclature.EDITIONS[1 : oldest + 1]:
            for code in _older_in_range(rng, older_edition):
                found.append(_older(rule_id, "scope", code, older_edition))
    return found


def _tariff_items(rule_id: str, rng: CodeRange, edition: str) -> list[OlderCode]:
    found = []
    for bound in sorted({rng.start, rng.end}):
        located = locate(bound, edition)
        if located is not None:
            found.append(replace(located, rule_id=rule_id, where="scope"))
    return found


def build_index(rules: list[tuple[ProductRule, str]]) -> EditionIndex:
    """Index ``(rule, edition of its file)`` pairs."""
    derived: dict[str, dict[tuple[str, str], Derivation]] = defaultdict(dict)
    older: list[OlderCode] = []
    for rule, edition in rules:
        for item in scope_codes(rule.id, rule.scope, edition):
            older.append(item)
            if not item.maps or item.edition is None:
                continue
            for target in item.targets:
                derived[target][(rule.id, item.code)] = Derivation(
                    code=target,
                    rule_id=rule.id,
                    via=item.code,
                    edition=item.edition,
                    relationships=item.relationships,
                    direct=match_any(rule.scope, target) is True,
                )
    for split in _split_derivations([rule for rule, _ in rules], set(derived)):
        derived[split.code].setdefault((split.rule_id, split.via), split)
    return EditionIndex(
        derived={
            code: tuple(sorted(found.values(), key=lambda d: (d.rule_id, d.via)))
            for code, found in sorted(derived.items())
        },
        older=tuple(older),
    )


def _by_chapter(rules: list[ProductRule]) -> dict[str, list[ProductRule]]:
    chapters: dict[str, list[ProductRule]] = defaultdict(list)
    for rule in rules:
        for chapter in sorted({c for r in rule.scope for c in _chapters_of(r)}):
            chapters[chapter].append(rule)
    return chapters


def _chapters_of(rng: CodeRange) -> list[str]:
    return [f"{c:02d}" for c in range(int(rng.start[:2]), int(rng.end[:2]) + 1)]


def _split_derivations(rules: list[ProductRule], reached: set[str]) -> list[Derivation]:
    """HS2022 subheadings no rule reaches, reached through older codes that still exist.

    ``reached``: the codes already reached through older numbers that are gone. Newer editions
    first, so that a link both HS2017 and HS2012 record is told as HS2017's.
    """
    chapters = _by_chapter(rules)
    found: list[Derivation] = []
    for edition in nomenclature.EDITIONS[1:]:
        for code in _new_since(edition):
            if code in reached or any(
                match_any(r.scope, code) is not False for r in chapters.get(code[:2], ())
            ):
                continue  # other rules govern it (maybe only in part): they decide
            found.extend(_from_older(code, edition, chapters))
    return found


def _from_older(
    code: str, edition: str, chapters: dict[str, list[ProductRule]]
) -> list[Derivation]:
    """The rules of the older subheadings ``code`` was made of that still exist in HS2022."""
    found: list[Derivation] = []
    sources = nomenclature.correlation(code, CURRENT, edition).targets
    if any(older[:4] != code[:4] for older in sources):
        return found  # goods moved in from another heading
    for older in sources:
        if not nomenclature.exists(older, CURRENT):
            continue  # a number that is gone: scope_codes maps it
        mapping = nomenclature.correlation(older, edition, CURRENT)
        if code not in mapping.targets:
            continue  # set aside as a slice moved to another heading
        for rule in chapters.get(older[:2], ()):
            if match_any(rule.scope, older) is True:
                found.append(
                    Derivation(
                        code=code,
                        rule_id=rule.id,
                        via=older,
                        edition=edition,
                        relationships=mapping.relationships,
                        split=True,
                    )
                )
    return found


@cache
def _new_since(edition: str) -> tuple[str, ...]:
    """HS2022 subheadings that ``edition`` does not have."""
    return tuple(s for s in nomenclature.subheadings(CURRENT) if not _has(s, edition))
