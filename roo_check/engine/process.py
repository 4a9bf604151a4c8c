"""Process-based and by-weight requirements of a rule alternative.

GN 11(n) lets chemicals qualify by a process performed in the territory (chemical reaction,
purification, ...), heading 2710 by refinery processes, apparel by being cut and sewn; some
rules require a share by weight of certain materials to originate. Both are decided from what
the input states: the good's production steps, read through the process vocabulary
(``rulebook.process_schema``), and the materials' weights. Nothing stated, or a step the
vocabulary does not know, means "cannot decide", naming what to state.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from roo_check.engine.logic import Tri
from roo_check.hs.codes import match_any
from roo_check.models.goods import BomLine, Good
from roo_check.money import display_percent, percent
from roo_check.rulebook.process_schema import (
    ProcessVocabulary,
    Segment,
    Sense,
    bundled_vocabulary,
    process_words,
)
from roo_check.rulebook.schema import WeightRequirement


def step_words(text: str) -> str:
    """Compare production steps and operations as words: case, spacing, hyphens, underscores
    and the American -ling/-led spelling ignored ("Re-Labeling" is "re labelling")."""
    words = " ".join(text.casefold().replace("-", " ").replace("_", " ").split())
    return words.replace("labeling", "labelling").replace("labeled", "labelled")


def process_met(
    processes: list[str], good: Good, vocabulary: ProcessVocabulary | None = None
) -> tuple[Tri, str]:
    """Whether a stated production step is one of the processes a rule names.

    Each step is read through the process vocabulary (``rules/usmca/processes.yaml``): a step
    that is one of the processes meets the requirement; steps the vocabulary knows, none of
    them qualifying, do not; a step it does not know (or one whose reading needs the producer
    to say which process it is) leaves the requirement undecided, naming the step, while no
    step qualifies. ``vocabulary`` is the rulebook's (configured) one; the bundled one if None.
    """
    names = " or ".join(processes)
    steps = [s for s in good.production_steps if s.strip()]
    if not steps:
        return None, f"give production_steps: whether the good underwent {names} in the territory"
    vocab = vocabulary or bundled_vocabulary()
    wanted = _Wanted.of(processes, vocab)
    segments = [segment for step in steps for segment in vocab.read(step)]
    code = good.tariff_item or good.hs_code
    verdicts = [_judge(s, wanted, vocab, code) for s in segments if not s.continues]
    assembled, partial = _assembled(segments, wanted, vocab)
    done = [v.note for v in verdicts if v.result is True] + assembled
    if done:
        return True, f"process performed in the territory: {'; '.join(_unique(done))}"
    notes = _unique(v.note for v in verdicts if v.note)
    if any(v.result is None for v in verdicts):
        return None, (
            f"cannot tell whether the good underwent {names}: {'; '.join(notes)}; state the "
            f"step in the law's words ({names}) or set its meaning in [processes] of "
            "roo-check.toml"
        )
    return False, f"none of the stated production steps is {names}: " + "; ".join(
        _unique([*partial, *notes])
    )


@dataclass(frozen=True)
class _Wanted:
    """The processes of the rule, as vocabulary ids (a term the vocabulary lacks: its words)."""

    ids: frozenset[str]
    literal: frozenset[str]

    @classmethod
    def of(cls, processes: list[str], vocab: ProcessVocabulary) -> _Wanted:
        ids = {vocab.process_id(p) for p in processes}
        literal = {process_words(p) for p in processes if vocab.process_id(p) is None}
        return cls(frozenset(i for i in ids if i), frozenset(literal))


@dataclass(frozen=True)
class _Verdict:
    result: Tri
    note: str


def _judge(segment: Segment, wanted: _Wanted, vocab: ProcessVocabulary, code: str) -> _Verdict:
    """What one stated operation is, for this rule and this good."""
    quoted = f"'{segment.shown}'"
    if segment.words in wanted.literal:
        return _Verdict(True, quoted)
    part_of_rule = any(pid in wanted.ids for pid, _ in segment.parts)
    if segment.sense is not None:
        verdict = _by_sense(segment.sense, quoted, wanted, vocab, code)
        if verdict.result is not False or not part_of_rule:
            return verdict
    if part_of_rule:
        return _Verdict(False, "")  # one part of a process of the rule: said by _assembled
    if segment.parts:
        return _Verdict(False, f"{quoted} is part of a process this rule does not name")
    return _Verdict(None, f"{quoted} is not in the process vocabulary")


def _by_sense(
    sense: Sense, quoted: str, wanted: _Wanted, vocab: ProcessVocabulary, code: str
) -> _Verdict:
    options = _options(sense, vocab, code)
    if not options:
        described = _describe(sense, sense.options, vocab)
        return _Verdict(
            False, f"{quoted} ({described}) is no process the law defines for this good"
        )
    hits = [bool(option & wanted.ids) for option in options]
    if all(hits):
        return _Verdict(True, f"{quoted} ({_describe(sense, options, vocab)})")
    if any(hits):
        return _Verdict(
            None, f"{quoted} may be {_terms_or(options, vocab)} (reading {sense.label})"
        )
    return _Verdict(False, f"{quoted} is {_describe(sense, options, vocab)}")


def _options(sense: Sense, vocab: ProcessVocabulary, code: str) -> list[frozenset[str]]:
    """The meanings a word can have for this good: a process the law defines only for other
    goods is no meaning here (blending is direct blending only for heading 2710). Asked for
    every step of every good, so remembered per sense and code."""
    found = vocab.scoped.get((sense, code))
    if found is None:
        found = vocab.scoped[(sense, code)] = _scoped_options(sense, vocab, code)
    return list(found)


def _scoped_options(
    sense: Sense, vocab: ProcessVocabulary, code: str
) -> tuple[frozenset[str], ...]:
    found = []
    for option in sense.options:
        scoped = frozenset(p for p in option if vocab.in_scope(p, code))
        if scoped or not option:
            found.append(scoped)
    return tuple(dict.fromkeys(found))


def _terms(option: frozenset[str], vocab: ProcessVocabulary) -> str:
    return " and ".join(sorted(vocab.processes[p].term for p in option)) or "no legal process"


def _terms_or(options: list[frozenset[str]], vocab: ProcessVocabulary) -> str:
    return " or ".join(_terms(o, vocab) for o in options)


def _describe(sense: Sense, options: Iterable[frozenset[str]], vocab: ProcessVocabulary) -> str:
    options = list(options)
    if sense.source == "not-counted":
        return f"not {sense.label} ({sense.citation.split(';')[0]})"
    if sense.source == "non-qualifying":
        return f"{sense.label}, no process the rules name"
    if sense.source == "reading" and len(options) > 1:
        return f"one of {_terms_or(options, vocab)}, reading {sense.label}"
    if sense.source == "reading":
        return f"read as {_terms_or(options, vocab)}, reading {sense.label}"
    if sense.source == "configuration":
        return f"set to {_terms_or(options, vocab)} by the configuration"
    return _terms_or(options, vocab)


def _assembled(
    segments: list[Segment], wanted: _Wanted, vocab: ProcessVocabulary
) -> tuple[list[str], list[str]]:
    """Processes of several parts ("cut" and "sewn or otherwise assembled") stated part by
    part: (those complete, what the incomplete ones lack)."""
    complete, partial = [], []
    for pid in sorted(wanted.ids):
        process = vocab.processes[pid]
        if not process.parts:
            continue
        stated = {i: s.shown for s in segments for p, i in s.parts if p == pid}
        if not stated:
            continue
        if len(stated) == len(process.parts):
            words = " + ".join(f"'{stated[i]}'" for i in sorted(stated))
            complete.append(f"{words} ({process.term})")
        else:
            lacking = [part.name for i, part in enumerate(process.parts) if i not in stated]
            done = ", ".join(f"'{w}'" for w in stated.values())
            partial.append(f"{done} without {' or '.join(lacking)} is not {process.term}")
    return complete, partial


def _unique(notes: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(notes))


def weight_met(requirement: WeightRequirement, direct: list[BomLine]) -> tuple[Tri, str]:
    materials = [
        m for m in direct if m.incorporated and match_any(requirement.materials, m.hs_code)
    ]
    codes = ", ".join(str(c) for c in requirement.materials)
    if not materials:
        return True, f"no materials of {codes}: the by-weight condition has nothing to measure"
    missing = [m.part_number for m in materials if m.weight_kg is None]
    if missing:
        return None, f"give weight_kg for {', '.join(missing)} (materials of {codes})"
    total = sum((m.weight_kg or Decimal(0) for m in materials), Decimal(0))
    if total <= 0:
        return None, f"the materials of {codes} weigh nothing"
    originating = sum(
        (m.weight_kg or Decimal(0) for m in materials if m.counts_as_originating), Decimal(0)
    )
    share = percent(originating, total)
    threshold = requirement.min_originating_percent
    verdict = share >= threshold
    return verdict, (
        f"{display_percent(share)}% by weight of the materials of {codes} is originating "
        f"({'not less than' if verdict else 'less than'} {threshold}%)"
    )
