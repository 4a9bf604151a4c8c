"""Schema of ``rules/usmca/processes.yaml``: the production processes the rules name, as words.

A rule alternative may require a process in the territory ("chemical reaction", "mixing or
blending", "cut and sewn or otherwise assembled"); the producer states its production steps in
its own words. Comparing the two word for word told a producer who wrote "blending" that it had
not mixed or blended. The vocabulary says which words are which legal process, quoting the law
for each, lists the steps that are no legal process (with why), and records the readings that
are judgements (is vulcanisation a chemical reaction?) so that a company can change them in its
configuration. It is data beside the rules and fails closed like them: unknown keys, a word
with two meanings, a reference to a process that does not exist, or a rule naming a process the
vocabulary does not know all stop the run.

``ProcessVocabulary`` is the compiled form the engine reads: ``read`` turns a stated step into
the segments it names and what each means; ``in_scope`` says whether a process exists for a good.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache, cached_property, lru_cache
from typing import Literal

from pydantic import Field, model_validator

from roo_check.errors import RuleError
from roo_check.hs.codes import CodeRange, match_any
from roo_check.rulebook.schema import Codes, PsrFile, RuleModel

NOT_A_PROCESS = "not-a-process"
"""The meaning of a step that is no legal process (packing, testing, ...)."""

_ID = r"^[a-z0-9]+(-[a-z0-9]+)*$"

# ------------------------------------------------------------------------------- words

_SEPARATORS = re.compile(r"\s*(?:[,;/+]|\band\b|\bthen\b|\bfollowed by\b)\s*")
_CONNECTORS = frozenset(
    {
        "with", "of", "in", "into", "to", "for", "by", "from", "at", "under", "using", "on",
        "onto", "through", "via", "within", "as", "per", "after", "before", "over", "without",
    }
)  # fmt: skip
_ARTICLES = ("the ", "a ", "an ")
# British and American spellings read alike; applied to both sides, so only consistency matters.
_SPELLINGS = (
    (re.compile(r"(?<=[a-z]{2})is(ation|ations|ing|ed|e|es|er|ers)\b"), r"iz\1"),
    (re.compile(r"(?<=[a-z])ys(e|ed|es|ing)\b"), r"yz\1"),
    (re.compile(r"mould"), "mold"),
    (re.compile(r"sulph"), "sulf"),
    (re.compile(r"colour"), "color"),
    (re.compile(r"\b(label|enamel|model|fuel|cancel)l(ing|ed|er)\b"), r"\1\2"),
)


def process_words(text: str) -> str:
    """A step or a vocabulary word as compared: case, spacing, hyphens, underscores, quotes,
    brackets, a leading article and British/American spelling ignored."""
    if type(text) is str and len(text) <= _REMEMBERED_CHARS:
        return _remembered_words(text)
    return _process_words(text)


_REMEMBERED_CHARS = 200
"""Longest text whose words are remembered (a step or a process name is a few words)."""


@lru_cache(maxsize=4096)
def _remembered_words(text: str) -> str:
    """Remembered: every good states the same few steps, and every rule names the same
    processes; each is read once (a pure function of the text)."""
    return _process_words(text)


def _process_words(text: str) -> str:
    words = text.casefold().replace("-", " ").replace("_", " ").replace("&", " and ")
    words = re.sub(r"[()\[\]\"'.:!?]", " ", words)
    words = " ".join(words.split())
    for pattern, spelling in _SPELLINGS:
        words = pattern.sub(spelling, words)
    for article in _ARTICLES:
        if words.startswith(article):
            words = words[len(article) :]
    return words


def _segments(words: str) -> list[str]:
    return [s for s in _SEPARATORS.split(words) if s]


def _compact(lexicon: Iterable[str]) -> dict[str, str]:
    """Lexicon phrases by their letters alone: a word written as one or as several is the same
    word ("hydro-treating" is "hydrotreating", "re-bagging" is "rebagging")."""
    return {w.replace(" ", ""): w for w in sorted(lexicon)}


def _with_object(words: str, lexicon: Mapping[str, object]) -> str | None:
    """The lexicon phrase a step opens with, followed by a preposition and its object
    ("blending with corrosion inhibitor package", "assembly of the set")."""
    tokens = words.split()
    for n in range(len(tokens) - 1, 0, -1):
        head = " ".join(tokens[:n])
        if head in lexicon and tokens[n] in _CONNECTORS:
            return head
    return None


def _head(words: str, lexicon: Mapping[str, object]) -> str | None:
    """The longest lexicon phrase a step ends with (its head noun: "stretch blow moulding" is a
    moulding) or opens with (a verb and its object: "filling tubes")."""
    tokens = words.split()
    for n in range(len(tokens) - 1, 0, -1):
        for phrase in (" ".join(tokens[-n:]), " ".join(tokens[:n])):
            if phrase in lexicon:
                return phrase
    return None


# ------------------------------------------------------------------------------- schema


class LawText(RuleModel):
    citation: str = Field(min_length=1, description="Where the law says it.")
    text: str = Field(min_length=1, description="The law's words, quoted.")


class NotCounted(RuleModel):
    """What the law says is not the process ("dissolution in water ... not a chemical reaction")."""

    citation: str = Field(min_length=1)
    text: str = Field(min_length=1, description="The law's words, quoted.")
    words: list[str] = Field(min_length=1, description="Step words that are this exclusion.")


class Part(RuleModel):
    """One part of a process made of two ("cut" and "sewn or otherwise assembled")."""

    name: str = Field(min_length=1)
    words: list[str] = Field(min_length=1)


class Process(RuleModel):
    """A process some rule names: the law's term, its words, and the goods it exists for."""

    id: str = Field(pattern=_ID)
    term: str = Field(min_length=1, description="The term as the rules write it (`process:`).")
    goods: Codes = Field(
        min_length=1, description="The goods the law names or defines the process for."
    )
    defined: bool = Field(description="Whether the law defines the term (or only names it).")
    law: LawText
    words: list[str] = Field(min_length=1, description="Words that are this process.")
    also: list[str] = Field(
        default_factory=list, description="Processes this one always also is (by definition)."
    )
    also_reason: str | None = None
    note: str | None = None
    not_counted: list[NotCounted] = Field(default_factory=list)
    parts: list[Part] = Field(
        default_factory=list, description="A process of several parts, each may be one step."
    )

    @model_validator(mode="after")
    def _checks(self) -> Process:
        if process_words(self.term) not in {process_words(w) for w in self.words}:
            raise ValueError(f"{self.id}: the term {self.term!r} must be among its words")
        if bool(self.also) != bool(self.also_reason):
            raise ValueError(f"{self.id}: `also` and `also_reason` go together")
        if len(self.parts) == 1:
            raise ValueError(f"{self.id}: a process of parts has at least two")
        return self


class NonQualifying(RuleModel):
    """Common production steps that are no legal process."""

    group: str = Field(min_length=1, description="A short name shown in reasons: 'packing'.")
    words: list[str] = Field(min_length=1)
    why: str = Field(min_length=1)


class Reading(RuleModel):
    """A judgement: what a step is taken to mean, and why. A company may change it."""

    id: str = Field(pattern=_ID)
    words: list[str] = Field(min_length=1)
    means: list[str] | None = Field(
        default=None, description="What the step is: processes (all at once) or not-a-process."
    )
    may_mean: list[str] | None = Field(
        default=None,
        description="What the step may be, one of them: the producer must say which.",
        min_length=2,
    )
    reading: str = Field(min_length=1, description="The reason for the reading.")

    @model_validator(mode="after")
    def _one_meaning(self) -> Reading:
        if (self.means is None) == (self.may_mean is None):
            raise ValueError(f"{self.id}: give either `means` or `may_mean`")
        if self.means is not None and not self.means:
            raise ValueError(f"{self.id}: `means` names at least one process or not-a-process")
        if self.means is not None and NOT_A_PROCESS in self.means and len(self.means) > 1:
            raise ValueError(f"{self.id}: {NOT_A_PROCESS} goes alone in `means`")
        return self


class ProcessesFile(RuleModel):
    schema_version: Literal[1]
    kind: Literal["production_processes"]
    title: str
    citation: str
    processes: list[Process] = Field(min_length=1)
    non_qualifying: list[NonQualifying] = Field(default_factory=list)
    readings: list[Reading] = Field(default_factory=list)

    @model_validator(mode="after")
    def _references(self) -> ProcessesFile:
        ids = [p.id for p in self.processes]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise ValueError(f"process id {twice[0]!r} is given twice")
        known = set(ids)
        for process in self.processes:
            _known_ids(process.also, known, f"{process.id}: also")
        for reading in self.readings:
            _known_ids(reading.means or reading.may_mean or [], known | {NOT_A_PROCESS}, reading.id)
        ProcessVocabulary.build(self)  # a word with two meanings is an error
        return self


def _known_ids(names: Iterable[str], known: set[str], where: str) -> None:
    for name in names:
        if name not in known:
            raise ValueError(f"{where}: unknown process id {name!r}")


# ------------------------------------------------------------------------------- compiled

Source = Literal["process", "not-counted", "non-qualifying", "reading", "configuration"]
Option = frozenset[str]
"""One possible meaning of a step: the processes it is (empty: no legal process)."""


@dataclass(frozen=True)
class Sense:
    """What the vocabulary says a word means, and how to say so in a reason."""

    options: tuple[Option, ...]
    """One option: the step is that. Several: it is one of them, the producer must say which."""
    source: Source
    label: str
    """The process term, the exclusion, the group of steps or the reading id."""
    citation: str = ""


@dataclass(frozen=True)
class Segment:
    """One operation a stated step names ("dilution with water, blending" names two)."""

    words: str
    """The operation's words as compared (``process_words``)."""
    sense: Sense | None
    shown: str = ""
    """The words as stated, for reasons."""
    parts: frozenset[tuple[str, int]] = frozenset()
    """(process id, part index) of the parts of a process this operation is."""
    continues: bool = False
    """An unknown tail of the object list of the segment before ("..., dye and surfactant")."""

    @property
    def known(self) -> bool:
        return self.sense is not None or bool(self.parts) or self.continues


@dataclass(frozen=True)
class ProcessVocabulary:
    processes: dict[str, Process]
    senses: dict[str, Sense] = field(repr=False)
    parts: dict[str, frozenset[tuple[str, int]]] = field(repr=False)
    terms: dict[str, str] = field(default_factory=dict, repr=False)
    """The words of each process (a rule's term among them): word -> process id."""
    readings: dict[str, Reading] = field(default_factory=dict, repr=False)
    scoped: dict[tuple[Sense, str], tuple[frozenset[str], ...]] = field(
        default_factory=dict, repr=False, compare=False
    )
    """The engine's memo of each sense's meanings for a good's code (``engine.process``):
    the vocabulary never changes, so neither does the answer."""

    @classmethod
    def build(cls, data: ProcessesFile) -> ProcessVocabulary:
        builder = _Builder({p.id: p for p in data.processes})
        for process in data.processes:
            builder.add_process(process)
        for group in data.non_qualifying:
            builder.add(group.words, Sense((frozenset(),), "non-qualifying", group.group))
        for reading in data.readings:
            options = (
                (builder.option(reading.means),)
                if reading.means is not None
                else tuple(builder.option([m]) for m in reading.may_mean or ())
            )
            builder.add(reading.words, Sense(options, "reading", reading.id))
        return cls(
            processes=builder.processes,
            senses=builder.senses,
            parts={w: frozenset(p) for w, p in builder.parts.items()},
            terms=builder.terms,
            readings={r.id: r for r in data.readings},
        )

    # -- the rules' side

    def process_id(self, term: str) -> str | None:
        """The process a rule's ``process:`` term names (its exact words), or None."""
        return self.terms.get(process_words(term))

    def rule_problems(self, files: Iterable[PsrFile]) -> list[str]:
        """Every process a rule names must be known, and exist for the goods of the rule."""
        problems = []
        for psr in files:
            for rule in (*psr.rules, *psr.general_rules):
                for alt in rule.alternatives:
                    for term in alt.process:
                        problems += self._rule_problem(rule.id, alt.label, term, rule.scope)
        return problems

    def _rule_problem(
        self, rule_id: str, label: str, term: str, scope: tuple[CodeRange, ...]
    ) -> list[str]:
        pid = self.process_id(term)
        if pid is None:
            return [f"{rule_id} ({label}) names the process {term!r}, not in the vocabulary"]
        goods = self.processes[pid].goods
        if not all(_covers(goods, rng) for rng in scope):
            codes = ", ".join(str(r) for r in scope)
            return [f"{rule_id} ({label}): {term!r} is not defined for all of {codes}"]
        return []

    # -- the goods' side

    def in_scope(self, process_id: str, code: str) -> bool:
        """Whether the process exists for a good of ``code`` (too coarse a code: it may)."""
        process = self.processes.get(process_id)
        return process is None or match_any(process.goods, code) is not False

    def read(self, step: str) -> list[Segment]:
        """The operations a stated step names, each with what the vocabulary says it is."""
        words = process_words(step)
        if not words:
            return []
        whole = self._exact(words, self._senses_compact) or self._exact(words, self._parts_compact)
        parts = [whole] if whole else _segments(words)
        if len(parts) == 1:
            return [replace(self._segment(parts[0]), shown=" ".join(step.split()))]
        found: list[Segment] = []
        for part in parts:
            segment = self._segment(part)
            previous = found[-1] if found else None
            if (
                not segment.known
                and previous is not None
                and (previous.continues or _with_object(previous.words, self.senses))
            ):
                segment = replace(segment, continues=True)
            found.append(segment)
        return found

    @cached_property
    def _senses_compact(self) -> dict[str, str]:
        return _compact(self.senses)

    @cached_property
    def _parts_compact(self) -> dict[str, str]:
        return _compact(self.parts)

    @staticmethod
    def _exact(words: str, compact: dict[str, str]) -> str | None:
        return compact.get(words.replace(" ", ""))

    def _segment(self, words: str) -> Segment:
        key = self._exact(words, self._senses_compact) or _with_object(words, self.senses)
        key = key or _head(words, self.senses)
        part_key = self._exact(words, self._parts_compact) or _with_object(words, self.parts)
        part_key = part_key or _head(words, self.parts)
        return Segment(
            words=words,
            shown=words,
            sense=self.senses.get(key) if key else None,
            parts=self.parts.get(part_key, frozenset()) if part_key else frozenset(),
        )

    # -- the configuration's side

    def with_overrides(self, overrides: Mapping[str, str | list[str]]) -> ProcessVocabulary:
        """The vocabulary with a company's readings: a word (or a reading id, for all its
        words) set to one or more process ids, or to not-a-process. ValueError names the key."""
        senses = dict(self.senses)
        for key, value in overrides.items():
            names = [value] if isinstance(value, str) else list(value)
            words = self._override_words(key)
            option = _Builder(self.processes).option(self._override_ids(key, names))
            for word in words:
                senses[word] = Sense((option,), "configuration", ", ".join(names))
        return replace(self, senses=senses)

    def _override_ids(self, key: str, names: list[str]) -> list[str]:
        if not names:
            raise ValueError(f"{key!r}: give a process id or {NOT_A_PROCESS!r}")
        for name in names:
            if name != NOT_A_PROCESS and name not in self.processes:
                raise ValueError(
                    f"{key!r}: unknown process id {name!r} (known: {NOT_A_PROCESS}, "
                    f"{', '.join(sorted(self.processes))})"
                )
        if NOT_A_PROCESS in names and len(names) > 1:
            raise ValueError(f"{key!r}: {NOT_A_PROCESS!r} goes alone")
        return names

    def _override_words(self, key: str) -> list[str]:
        """The words a key sets: a reading's words, or the key itself as a step word."""
        reading = self.readings.get(key) or self.readings.get(key.replace("_", "-"))
        words = [process_words(w) for w in reading.words] if reading else [process_words(key)]
        if not any(words):
            raise ValueError(f"{key!r}: an empty step")
        terms = {process_words(p.term): p.id for p in self.processes.values()}
        law = sorted(w for w in words if w in terms)
        if law:
            raise ValueError(f"{key!r}: {law[0]!r} is the law's own term for a process")
        return words


def _covers(goods: tuple[CodeRange, ...], rng: CodeRange) -> bool:
    if rng.start[:2] != rng.end[:2]:
        chapters = range(int(rng.start[:2]), int(rng.end[:2]) + 1)
        return all(match_any(goods, f"{c:02d}") is True for c in chapters)
    return match_any(goods, rng.start) is True and match_any(goods, rng.end) is True


@dataclass
class _Builder:
    processes: dict[str, Process]
    senses: dict[str, Sense] = field(default_factory=dict)
    origin: dict[str, str] = field(default_factory=dict)
    parts: dict[str, set[tuple[str, int]]] = field(default_factory=dict)
    terms: dict[str, str] = field(default_factory=dict)

    def option(self, names: Iterable[str]) -> Option:
        """The processes a meaning stands for, with those each always also is."""
        found: set[str] = set()
        todo = [n for n in names if n != NOT_A_PROCESS]
        while todo:
            name = todo.pop()
            if name not in found:
                found.add(name)
                todo += self.processes[name].also
        return frozenset(found)

    def add(self, words: Iterable[str], sense: Sense) -> None:
        for word in {process_words(w) for w in words}:
            if word in self.senses:
                raise ValueError(
                    f"the word {word!r} has two meanings ({self.origin[word]}, {sense.label})"
                )
            self.senses[word] = sense
            self.origin[word] = sense.label

    def add_process(self, process: Process) -> None:
        option = self.option([process.id])
        self.add(process.words, Sense((option,), "process", process.term, process.law.citation))
        self.terms.update({process_words(w): process.id for w in process.words})
        for excluded in process.not_counted:
            sense = Sense((frozenset(),), "not-counted", process.term, excluded.citation)
            self.add(excluded.words, sense)
        for index, part in enumerate(process.parts):
            for word in {process_words(w) for w in part.words}:
                self.parts.setdefault(word, set()).add((process.id, index))


@cache
def bundled_vocabulary() -> ProcessVocabulary:
    """The vocabulary shipped with the rules: for a rule set that has none of its own, and for
    rulebooks built by hand."""
    from roo_check.rulebook.load import default_rules_dir, load_file

    root = default_rules_dir()
    path = root / "usmca" / "processes.yaml"
    if not path.is_file():
        raise RuleError("the bundled process vocabulary was not found; reinstall roo-check")
    data = load_file(path, "usmca/processes.yaml", within=root)
    assert isinstance(data, ProcessesFile)
    return ProcessVocabulary.build(data)


def vocabulary_for(
    found: list[tuple[str, ProcessesFile]], psr_files: Iterable[PsrFile]
) -> ProcessVocabulary:
    """The rule set's vocabulary (the bundled one if it has none), checked against its rules:
    a rule naming a process the vocabulary does not know stops the run."""
    if len(found) > 1:
        raise RuleError(
            f"a second production_processes file (the first is {found[0][0]})",
            file=found[1][0],
            field="kind",
        )
    if found:
        display, vocabulary = found[0][0], ProcessVocabulary.build(found[0][1])
    else:
        display, vocabulary = "usmca/processes.yaml (bundled)", bundled_vocabulary()
    problems = vocabulary.rule_problems(psr_files)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise RuleError(problems[0] + more, file=display, field="process")
    return vocabulary
