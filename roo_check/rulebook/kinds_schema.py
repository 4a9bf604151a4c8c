"""Schema of ``rules/usmca/kinds.yaml``: how the kinds of goods a rule names in words are read.

A rule that names goods in words often names several at once ("mounted brake linings or parts
of brakes or servo-brakes"). The engine splits such an "or" list into its kinds by plain
grammar (``engine.kinds``); where that grammar would read the English wrongly, this file
states the kinds, phrase by phrase, with the reason, so a reviewer can check each reading
against the law. It also records where the law itself names one good in other words (a note
or a regulation beside the rule), so both namings are one kind.

The table is data beside the rules: a split for a phrase no rule uses is an error (a typo
would otherwise silently never apply), as is a second table.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from pydantic import Field

from roo_check.errors import RuleError
from roo_check.rulebook.schema import PsrFile, RuleModel


@functools.lru_cache(maxsize=8192)
def phrase_key(text: str) -> str:
    """How a phrase is looked up: the law's words, case and spacing aside (cached: the same
    phrases are looked up for every good)."""
    return " ".join(text.split()).casefold()


class KindSplit(RuleModel):
    """The kinds one phrase of the rules names, where plain grammar cannot split it."""

    phrase: str = Field(min_length=1, description="The rule's words, verbatim.")
    kinds: list[str] = Field(min_length=1, description="Each kind the phrase names, in words.")
    reason: str = Field(min_length=1, description="Why the phrase reads this way.")


class SameKind(RuleModel):
    """Several namings of one kind of good, each in the words of the law."""

    names: list[str] = Field(min_length=2)
    reason: str = Field(min_length=1, description="Where the law names the good so.")


class KindsFile(RuleModel):
    schema_version: Literal[1]
    kind: Literal["kinds_of_goods"]
    title: str
    splits: list[KindSplit] = Field(default_factory=list)
    same: list[SameKind] = Field(default_factory=list)


@dataclass(frozen=True)
class KindTable:
    """The explicit readings of ``kinds.yaml``; empty when a rule set has none."""

    splits: dict[str, tuple[str, ...]] = field(default_factory=dict)
    same: tuple[tuple[str, ...], ...] = ()

    @classmethod
    def from_file(cls, loaded: KindsFile, display: str) -> KindTable:
        splits: dict[str, tuple[str, ...]] = {}
        for entry in loaded.splits:
            key = phrase_key(entry.phrase)
            if key in splits:
                raise RuleError(f"the phrase {entry.phrase!r} is split twice", file=display)
            splits[key] = tuple(entry.kinds)
        return cls(splits, tuple(tuple(s.names) for s in loaded.same))

    def split(self, phrase: str) -> tuple[str, ...] | None:
        return self.splits.get(phrase_key(phrase))

    def check_used(self, phrases: Iterable[str], display: str) -> None:
        """Fail closed on a split no rule uses: its phrase is misspelt or the rule changed."""
        used = {phrase_key(p) for p in phrases}
        stale = sorted(k for k in self.splits if k not in used)
        if stale:
            raise RuleError(
                f"kinds split for phrases no rule names: {'; '.join(stale)}", file=display
            )


def named_phrases(files: Iterable[PsrFile]) -> list[str]:
    """Every kind of good the product-specific rules name in words."""
    found: list[str] = []
    for psr_file in files:
        alternatives = [a for g in psr_file.general_rules for a in g.alternatives]
        for rule in psr_file.rules:
            found += [rule.good] if rule.good else []
            alternatives += rule.alternatives
        for alt in alternatives:
            found += [alt.good] if alt.good else []
            if alt.shift is not None:
                found += [g.kind for g in (*alt.shift.from_goods, *alt.shift.except_goods)]
    return found


def kind_table(found: list[tuple[str, KindsFile]], psr_files: Iterable[PsrFile]) -> KindTable:
    """The rule set's kind table (at most one file; none gives an empty table), checked
    against the phrases the rules use."""
    if not found:
        return KindTable()
    if len(found) > 1:
        raise RuleError(
            f"a second kinds_of_goods file (the first is {found[0][0]})",
            file=found[1][0],
            field="kind",
        )
    display, loaded = found[0]
    table = KindTable.from_file(loaded, display)
    phrases = named_phrases(psr_files)
    table.check_used(phrases, display)
    known = " | ".join(
        {phrase_key(p) for p in phrases} | {phrase_key(k) for v in table.splits.values() for k in v}
    )
    for group in table.same:
        # A name is the rules' when a phrase (or a stated split of one) contains its words.
        if not any(phrase_key(name) in known for name in group):
            raise RuleError(
                f"none of the names {'; '.join(group)} is a kind a rule names", file=display
            )
    return table
