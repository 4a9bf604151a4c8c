"""The rulebook in memory: product-specific rules indexed by chapter, plus Chapter 4 rules.

Rules keyed to older HS numbers (HS2017, HS2012) are indexed also under the HS2022
subheadings those numbers became (``editions``; see ``rulebook.editions``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from roo_check.errors import RuleError
from roo_check.models.declarations import Register
from roo_check.models.findings import Severity
from roo_check.rulebook.automotive import Automotive
from roo_check.rulebook.chapter4_schema import Chapter4File
from roo_check.rulebook.editions import Derivation, EditionIndex, build_index
from roo_check.rulebook.kinds_schema import KindTable
from roo_check.rulebook.process_schema import ProcessVocabulary
from roo_check.rulebook.provisions import Provisions
from roo_check.rulebook.schema import (
    CriteriaFile,
    DeMinimisRule,
    FlagRule,
    GeneralRule,
    ProductRule,
    PsrFile,
)


@dataclass(frozen=True)
class Rulebook:
    files: tuple[PsrFile, ...]
    criteria: CriteriaFile
    ruleset_hash: str
    root: Path
    _by_chapter: dict[str, tuple[ProductRule, ...]] = field(repr=False)
    _by_id: dict[str, ProductRule] = field(repr=False)
    flags: tuple[FlagRule, ...] = ()
    editions: EditionIndex = field(default_factory=EditionIndex, repr=False)
    automotive: Automotive | None = field(default=None, repr=False)
    chapter4: Chapter4File | None = field(default=None, repr=False)
    """The Chapter 4 articles; always set by ``load_rulebook`` (a rule set without them
    fails to load), None only in rulebooks built by hand in tests."""
    provisions: Provisions = field(default_factory=Provisions, repr=False)
    """What the engine does with each chapter, heading and subheading note."""
    kinds: KindTable = field(default_factory=KindTable, repr=False)
    """How the kinds of goods the rules name in words are read (``kinds.yaml``)."""
    processes: ProcessVocabulary | None = field(default=None, repr=False)
    """The production process vocabulary (``processes.yaml``), with the configuration's
    readings; None in rulebooks built by hand (the engine then uses the bundled one)."""
    _by_heading: dict[str, tuple[ProductRule, ...]] = field(default_factory=dict, repr=False)
    """The rules whose scope reaches each heading (chapter-wide rules under every heading of
    their chapter), in the order of ``_by_chapter``: selecting a good's rule is a lookup."""
    undecided_severity: Severity = Severity.error
    """Severity of a finding that cannot be decided (a good, a Chapter 4 condition, a Part 6
    requirement): ``error`` unless the configuration says otherwise (``[severity]
    cannot-decide``). A claim that the records cannot support is not a claim (19 CFR
    182.15), so an incomplete BOM fails a pipeline set to ``--fail-on error``."""
    register: Register | None = field(default=None, repr=False)
    """The batch's register of suppliers' declarations (``--declarations``): every
    shipment's originating claims are checked against it, besides its own register. Input,
    not rules (it is no part of the rule-set hash); it rides here because the rule set
    reaches every worker once."""
    fixes: bool = False
    """Give each determination its cheapest fix, or its single points of failure
    (``check --fixes``): each is a search that decides the good again several times."""
    strict_evidence: bool = False
    """Set aside every originating claim that no declaration of the register supports and
    decide the good again (``--strict-evidence``, or ``strict_evidence`` in the
    configuration); the determination keeps the answer as claimed beside it."""

    @classmethod
    def build(
        cls,
        files: list[PsrFile],
        criteria: CriteriaFile,
        digest: str,
        root: Path,
        flags: list[FlagRule] | None = None,
    ) -> Rulebook:
        by_chapter: dict[str, list[ProductRule]] = defaultdict(list)
        by_id: dict[str, ProductRule] = {}
        for psr_file in files:
            for rule in psr_file.rules:
                if rule.id in by_id:
                    raise RuleError(f"duplicate rule id {rule.id}", field="id")
                by_id[rule.id] = rule
                chapters = set()
                for rng in rule.scope:
                    for chapter in range(int(rng.start[:2]), int(rng.end[:2]) + 1):
                        chapters.add(f"{chapter:02d}")
                for chapter in chapters:
                    by_chapter[chapter].append(rule)
        seen: set[str] = set(by_id)
        for flag in flags or []:
            if flag.id in seen:
                raise RuleError(f"duplicate rule id {flag.id}", field="id")
            seen.add(flag.id)
        return cls(
            files=tuple(files),
            criteria=criteria,
            ruleset_hash=digest,
            root=root,
            _by_chapter={k: tuple(v) for k, v in by_chapter.items()},
            _by_id=by_id,
            _by_heading=_heading_index(by_chapter),
            flags=tuple(sorted(flags or [], key=lambda f: f.id)),
            editions=build_index([(r, f.source.hs_edition) for f in files for r in f.rules]),
        )

    @cached_property
    def general_rules(self) -> tuple[tuple[GeneralRule, ProductRule], ...]:
        """Every chapter general rule (GN 11(n)), with the product-specific rule the evaluators
        read it as (its id, scope and alternatives): built once, not for every good."""
        return tuple(
            (
                general,
                ProductRule.model_construct(
                    id=general.id,
                    provision=general.id,
                    scope=general.scope,
                    alternatives=general.alternatives,
                    citation=general.citation,
                    text=general.text,
                ),
            )
            for psr_file in self.files
            for general in psr_file.general_rules
        )

    def flag(self, flag_id: str) -> FlagRule | None:
        return next((f for f in self.flags if f.id == flag_id), None)

    @property
    def rules(self) -> list[ProductRule]:
        return list(self._by_id.values())

    def rule(self, rule_id: str) -> ProductRule | None:
        return self._by_id.get(rule_id)

    def chapters(self) -> list[str]:
        return sorted(self._by_chapter)

    def in_chapter(self, chapter: str) -> tuple[ProductRule, ...]:
        return self._by_chapter.get(chapter, ())

    def for_code(self, code: str) -> tuple[ProductRule, ...]:
        """The rules whose scope may hold ``code`` (digits), in chapter order: every rule of
        the chapter for which ``match_any(rule.scope, code)`` is not False, and perhaps a
        few for which it is (the caller still matches). A lookup by heading."""
        if len(code) < 4 or not self._by_heading:
            return self.in_chapter(code[:2])
        return self._by_heading.get(code[:4], ())

    def derived(self, code: str) -> tuple[Derivation, ...]:
        """Rules reaching an HS2022 subheading only through the correlation of older codes."""
        return self.editions.for_code(code)

    def de_minimis(self, on: dt.date) -> DeMinimisRule | None:
        for rule in self.criteria.de_minimis:
            if rule.effective_from <= on and (rule.effective_to is None or on < rule.effective_to):
                return rule
        return None

    @property
    def parties(self) -> frozenset[str]:
        return frozenset(self.criteria.parties)


def _heading_index(
    by_chapter: dict[str, list[ProductRule]],
) -> dict[str, tuple[ProductRule, ...]]:
    """For each heading, the rules whose scope reaches it: a range of headings, subheadings
    or tariff items reaches the headings from its start's to its end's; a range of chapters
    reaches every heading of its chapters."""
    index: dict[str, list[ProductRule]] = defaultdict(list)
    for chapter, rules in by_chapter.items():
        for rule in rules:
            for heading in _headings(rule, chapter):
                index[heading].append(rule)
    return {k: tuple({r.id: r for r in v}.values()) for k, v in index.items()}


def _headings(rule: ProductRule, chapter: str) -> list[str]:
    found: list[str] = []
    for rng in rule.scope:
        first, last = (rng.start[:4], rng.end[:4]) if rng.digits >= 4 else (rng.start, rng.end)
        low = max(int(first.ljust(4, "0")), int(chapter + "00"))
        high = min(int(last.ljust(4, "9")), int(chapter + "99"))
        found.extend(f"{h:04d}" for h in range(low, high + 1))
    return found
