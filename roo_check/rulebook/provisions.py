"""The provisions beside the product-specific rules, indexed for the engine and the linter.

Each chapter, heading and subheading note of the PSR files is paired with its entry in the
``rule_provisions`` file (``provisions_schema``): the engine asks which provisions govern a
good on a date; the linter asks which notes have no entry and prints the inventory.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from roo_check.hs.codes import CodeRange, match_any
from roo_check.rulebook.provisions_schema import Provision
from roo_check.rulebook.schema import ChapterNote, PsrFile


def reaches(provision: Provision, scope: Iterable[CodeRange]) -> bool:
    """Whether the provision's goods reach (part of) a rule's scope."""
    return any(match_any(provision.goods, r.start) is not False for r in scope)


@dataclass(frozen=True)
class Provisions:
    entries: tuple[Provision, ...] = ()
    notes: dict[str, ChapterNote] = field(default_factory=dict)
    """The chapter notes of the PSR files, by id (the legal words of each provision)."""
    unmapped: tuple[str, ...] = ()
    """Chapter notes without an entry: the loader refuses such a rule set."""
    by_chapter: dict[str, tuple[Provision, ...]] = field(default_factory=dict)
    """The entries whose goods reach each chapter, so a good's provisions are a lookup."""

    @classmethod
    def build(cls, entries: Iterable[Provision], psr_files: Iterable[PsrFile]) -> Provisions:
        notes = {note.id: note for f in psr_files for note in f.chapter_notes}
        listed = tuple(entries)
        ids = {p.id for p in listed}
        by_chapter: dict[str, list[Provision]] = {}
        for provision in listed:
            for rng in provision.goods:
                for chapter in range(int(rng.start[:2]), int(rng.end[:2]) + 1):
                    found = by_chapter.setdefault(f"{chapter:02d}", [])
                    if provision not in found:
                        found.append(provision)
        return cls(
            entries=listed,
            notes=notes,
            unmapped=tuple(sorted(n for n in notes if n not in ids)),
            by_chapter={k: tuple(v) for k, v in by_chapter.items()},
        )

    def text(self, provision: Provision) -> str:
        """The legal words: the chapter note's own, or those the entry quotes."""
        note = self.notes.get(provision.id)
        return note.text if note is not None else provision.text or ""

    @cached_property
    def _by_effect(self) -> dict[tuple[str, str], tuple[Provision, ...]]:
        """:attr:`by_chapter` split by effect: the engine asks for one effect at a time,
        several times a good, and a chapter has many provisions of other effects."""
        split: dict[tuple[str, str], list[Provision]] = {}
        for chapter, provisions in self.by_chapter.items():
            for provision in provisions:
                split.setdefault((chapter, provision.effect), []).append(provision)
        return {key: tuple(found) for key, found in split.items()}

    def get(self, provision_id: str) -> Provision | None:
        return next((p for p in self.entries if p.id == provision_id), None)

    def governing(
        self, code: str, on: dt.date, rule_id: str | None = None, effect: str | None = None
    ) -> list[Provision]:
        """The provisions in force on ``on`` whose goods include ``code`` (certainly: a code
        too coarse to place is not governed), not left out by the provision or the rule."""
        candidates = (
            self.by_chapter.get(code[:2], ())
            if effect is None
            else self._by_effect.get((code[:2], effect), ())
        )
        return [
            p
            for p in candidates
            if p.in_force(on)
            and p.goods
            and match_any(p.goods, code) is True
            and not (p.except_goods and match_any(p.except_goods, code))
            and (rule_id is None or rule_id not in p.not_for_rules)
        ]
