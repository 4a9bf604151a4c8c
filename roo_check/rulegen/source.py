"""Reading the vendored GN 11 text files into chapters: rule lines, notes and general rules.

A source file (``rules/usmca/source/gn11_o_*.txt``, see its README) holds, under headings:

- ``## Chapter N``: rule lines ``<provision>: <legal text>``; a provision may carry a phase
  (``, phase 2 (July 1, 2023 and thereafter)``), a trade direction (``, Canada-US trade``,
  ``, Mexico-US trade``, ``, all other trade``) or say that the line is a subheading rule
  (``, subheading rule``). A few chapter, heading or subheading rules are printed among the rule
  lines (``Subheading rule [...]: ...``, ``[subheading rule] ...``, ``Chapter rule 1: ...``).
- ``## Chapter N -- <what>``: chapter, heading and subheading rules as prose, either prefixed
  (``Chapter rule 2: ...``, ``Heading rule: ...``) or bare, the heading saying what they are.
- ``## GN 11(n)(iv) -- Chapters 28 through 38 (general rules)``: a lead-in paragraph and
  lettered items (A), (B), ... of a general rule; ``## GN 11(n)(ii) [...]``: a fragment.
- a template: ``7308.10 / 7308.20 / ... (same text with [7308.xx] substituted):`` followed by
  indented ``phase N (dates): <text>`` lines, one rule per code and phase.
- a repair (``<provision>, repair: <legal text>``, in the supplement): the legal text of a rule
  the transcription damaged, read in another public source. It takes the place of the
  transcription's line of the same provision, which must hold no legal text (only the
  extractor's note saying it is damaged); a repair that finds no such line is refused, so that a
  corrected transcription is never silently overridden.

``[bracketed]`` text is the extractor's: a line made only of a note is a remark (kept as rule
notes where it names the rule), a note inside a line is cut out of the legal text and kept.
Anything else raises :class:`Gn11ParseError` naming file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from roo_check.rulegen.common import Gn11ParseError, strip_notes

SOURCE_GLOB = "gn11_o_*.txt"
REPAIR = ", repair"
"""The provision suffix of a line that repairs a damaged line of the transcription."""


@dataclass(frozen=True)
class RuleLine:
    """One rule line of the source: ``<prefix>: <raw legal text>``.

    ``prefix`` is the provision as printed, extractor notes cut out (they are in ``notes``);
    ``template`` is the template heading a line was expanded from, if any; ``replaces`` is the
    damaged line of the transcription a repair line stands in for.
    """

    file: str
    lineno: int
    chapter: int
    prefix: str
    raw: str
    text: str
    notes: tuple[str, ...]
    template: str | None = None
    replaces: RuleLine | None = None


@dataclass(frozen=True)
class SourceNote:
    """A chapter, heading or subheading rule printed as prose, or an item of GN 11(n)."""

    id: str
    kind: str  # "chapter", "heading", "subheading" or "general"
    number: str | None
    text: str
    notes: tuple[str, ...]
    file: str
    lineno: int


@dataclass
class GeneralBlock:
    """The paragraphs printed under a ``## GN 11(n)(...)`` heading."""

    subdivision: str  # "(n)(iv)"
    first: int | None  # first chapter of the scope ("Chapters 28 through 38"), if printed
    last: int | None
    heading_notes: tuple[str, ...]
    file: str
    lines: list[tuple[int, str | None, str, tuple[str, ...]]] = field(default_factory=list)
    """(line number, printed letter or None for the lead-in, legal text, extractor notes)."""


@dataclass
class SourceChapter:
    """What the source says about one chapter, in source order."""

    chapter: int
    files: list[str] = field(default_factory=list)
    notes: list[SourceNote] = field(default_factory=list)
    general: list[GeneralBlock] = field(default_factory=list)
    lines: list[RuleLine] = field(default_factory=list)
    provision_remarks: dict[str, list[str]] = field(default_factory=dict)
    chapter_remarks: list[str] = field(default_factory=list)

    @property
    def file(self) -> str:
        return self.files[0]

    def add_note(self, kind: str, number: str | None, text: str, notes, where) -> None:
        if kind == "chapter":
            if number is None:
                raise Gn11ParseError(f"{where[0]}:{where[1]}: a chapter rule without its number")
            note_id = f"CN-{self.chapter}-{number}"
        else:
            letter = "H" if kind == "heading" else "S"
            count = sum(1 for n in self.notes if n.kind == kind) + 1
            note_id = f"CN-{self.chapter}-{letter}{count}"
        if any(n.id == note_id for n in self.notes):
            raise Gn11ParseError(f"{where[0]}:{where[1]}: {note_id} printed twice")
        self.notes.append(SourceNote(note_id, kind, number, text, tuple(notes), *where))


_CHAPTER_HEADING = re.compile(r"^## (?:GN 11\(o\) )?Chapter (?P<n>\d+)(?: -- (?P<what>.+))?$")
_GENERAL_HEADING = re.compile(
    r"^## GN 11(?P<sub>\(n\)\([ivx]+\))"
    r"(?: -- Chapters (?P<first>\d+) through (?P<last>\d+) \(general rules\))?$"
)
_NOTE_PREFIX = re.compile(
    r"^(?P<kind>Chapter|Heading|Subheading) [Rr]ule(?: (?P<number>\d+))?: (?P<text>.+)$"
)
_BRACKET_KIND = re.compile(r"^\[(?P<kind>chapter|heading|subheading) rule\]$")
_SECTION_KIND = re.compile(
    r"^(?:(?P<kind>chapter|heading|subheading) rules?(?: (?P<number>\d+))?"
    r"|chapter rule, heading rule and subheading rule)$"
)
_ITEM = re.compile(r"^\((?P<label>[A-Z])\) (?P<text>.+)$")
_TEMPLATE = re.compile(
    r"^(?P<codes>\d{4}\.\d{2}(?: / \d{4}\.\d{2})+) \((?P<what>[^)]*\[(?P<slot>[\d.x]+)\][^)]*)\):$"
)
_TEMPLATE_LINE = re.compile(r"^\s+(?P<prefix>phase \d \([^)]*\)): (?P<text>.+)$")
_REMARK_PROVISION = re.compile(r"^\[(\d{4}[\d.\-]*): (.+)\]$")


def read_source(source_dir: Path) -> dict[int, SourceChapter]:
    """Read every ``gn11_o_*.txt`` file of ``source_dir`` into chapters, in file order.

    A file without a single ``## Chapter`` heading (a supplement still being written, say) is
    skipped: it holds no rule this reader could place.
    """
    chapters: dict[int, SourceChapter] = {}
    for path in sorted(source_dir.glob(SOURCE_GLOB)):
        text = path.read_text(encoding="utf-8")
        if not any(_CHAPTER_HEADING.match(line.strip()) for line in text.splitlines()):
            continue
        _read_file(path.name, text, chapters)
    for chapter in chapters.values():
        _apply_repairs(chapter)
    return chapters


def _apply_repairs(chapter: SourceChapter) -> None:
    """Put each repair line in the place of the damaged line of its provision."""
    repairs = [line for line in chapter.lines if line.prefix.endswith(REPAIR)]
    for repair in repairs:
        chapter.lines.remove(repair)
        provision = repair.prefix.removesuffix(REPAIR)
        damaged = [
            i for i, line in enumerate(chapter.lines) if line.prefix == provision and not line.text
        ]
        if len(damaged) != 1:
            raise Gn11ParseError(
                f"{repair.file}:{repair.lineno}: the repair of {provision} finds "
                f"{len(damaged) or 'no'} damaged line(s) of that provision (a line without legal "
                "text): if the transcription was corrected, remove the repair"
            )
        (i,) = damaged
        chapter.lines[i] = replace(repair, prefix=provision, replaces=chapter.lines[i])


@dataclass
class _State:
    chapter: SourceChapter | None = None
    notes_section: tuple[str | None, str | None] | None = None  # (default kind, number)
    block: GeneralBlock | None = None
    pending: list[GeneralBlock] = field(default_factory=list)
    template: tuple[list[str], str, str] | None = None  # (codes, slot, heading)


def _chapter(chapters: dict[int, SourceChapter], number: int, file: str) -> SourceChapter:
    chapter = chapters.setdefault(number, SourceChapter(number))
    if file not in chapter.files:
        chapter.files.append(file)
    return chapter


def _read_file(name: str, text: str, chapters: dict[int, SourceChapter]) -> None:
    state = _State()
    for lineno, raw_line in enumerate(text.splitlines(), start=1):
        line = raw_line.strip()
        where = (name, lineno)
        if state.template and _TEMPLATE_LINE.match(raw_line):
            _template_line(state, raw_line, where)
            continue
        state.template = None
        if not line or (line.startswith("#") and not line.startswith("## ")):
            continue
        if line.startswith("## "):
            _heading(state, line, chapters, where)
            continue
        if state.block is not None:
            _general_line(state.block, line, where)
            continue
        if state.chapter is None:
            raise Gn11ParseError(f"{name}:{lineno}: text before the first '## Chapter' heading")
        if state.notes_section is not None:
            _note_line(state.chapter, state.notes_section, line, where)
        else:
            _rule_section_line(state, line, where)
    if state.pending:
        raise Gn11ParseError(f"{name}: general rules without a chapter to hold them")


def _heading(state: _State, line: str, chapters: dict[int, SourceChapter], where) -> None:
    heading, heading_notes = strip_notes(line)
    state.block = None
    if m := _GENERAL_HEADING.match(heading):
        first = int(m.group("first")) if m.group("first") else None
        last = int(m.group("last")) if m.group("last") else None
        block = GeneralBlock(m.group("sub"), first, last, tuple(heading_notes), where[0])
        state.block = block
        if first is not None:
            _chapter(chapters, first, where[0]).general.append(block)
        else:
            state.pending.append(block)  # held by the next chapter of the file
        return
    m = _CHAPTER_HEADING.match(heading)
    if not m:
        raise Gn11ParseError(f"{where[0]}:{where[1]}: unknown heading {line!r}")
    chapter = _chapter(chapters, int(m.group("n")), where[0])
    chapter.general += state.pending
    state.pending = []
    state.chapter = chapter
    chapter.chapter_remarks += heading_notes
    if m.group("what") is None:
        state.notes_section = None
        return
    kind = _SECTION_KIND.match(m.group("what").split(" (")[0])
    if not kind:
        raise Gn11ParseError(f"{where[0]}:{where[1]}: unknown section {m.group('what')!r}")
    state.notes_section = (kind.group("kind"), kind.group("number"))


def _general_line(block: GeneralBlock, line: str, where) -> None:
    text, notes = strip_notes(line)
    if not text:
        raise Gn11ParseError(f"{where[0]}:{where[1]}: a remark inside a general rule")
    item = _ITEM.match(text)
    if item is None and block.lines:
        raise Gn11ParseError(f"{where[0]}:{where[1]}: expected a lettered item '(A) ...'")
    label = item.group("label") if item else None
    block.lines.append((where[1], label, item.group("text") if item else text, tuple(notes)))


def _note_line(chapter: SourceChapter, section, line: str, where) -> None:
    text, notes = strip_notes(line)
    if not text:
        chapter.chapter_remarks.append(line)
        return
    if m := _NOTE_PREFIX.match(text):
        chapter.add_note(m.group("kind").lower(), m.group("number"), m.group("text"), notes, where)
        return
    kind, number = section
    if kind is None:
        raise Gn11ParseError(f"{where[0]}:{where[1]}: expected 'Chapter rule N: ...'")
    chapter.add_note(kind, number, text, notes, where)


def _rule_section_line(state: _State, line: str, where) -> None:
    chapter = state.chapter
    assert chapter is not None
    if line.startswith("["):
        text, notes = strip_notes(line)
        if not text:
            if remark := _REMARK_PROVISION.match(line):
                chapter.provision_remarks.setdefault(remark.group(1), []).append(line)
            elif not line.startswith("[coverage note:"):
                chapter.chapter_remarks.append(line)
            return
        kind = _BRACKET_KIND.match(notes[0]) if line.startswith(notes[0]) else None
        if kind is None:
            raise Gn11ParseError(f"{where[0]}:{where[1]}: legal text after a remark {line!r}")
        chapter.add_note(kind.group("kind"), None, text, notes[1:], where)
        return
    if m := _TEMPLATE.match(line):
        state.template = (m.group("codes").split(" / "), m.group("slot"), line)
        return
    prefix, sep, raw = line.partition(": ")
    if not sep:
        raise Gn11ParseError(f"{where[0]}:{where[1]}: expected '<provision>: <legal text>'")
    prefix, prefix_notes = strip_notes(prefix)
    if m := _NOTE_PREFIX.match(f"{prefix}: {raw}"):
        text, notes = strip_notes(m.group("text"))
        chapter.add_note(
            m.group("kind").lower(), m.group("number"), text, [*prefix_notes, *notes], where
        )
        return
    text, notes = strip_notes(raw)
    chapter.lines.append(
        RuleLine(where[0], where[1], chapter.chapter, prefix, raw, text, (*prefix_notes, *notes))
    )


def _template_line(state: _State, raw_line: str, where) -> None:
    """Expand one ``phase N (...): <text>`` line of a template into a rule line per code."""
    assert state.template is not None and state.chapter is not None
    codes, slot, heading = state.template
    m = _TEMPLATE_LINE.match(raw_line)
    assert m is not None
    for code in codes:
        raw = m.group("text").replace(f"[{slot}]", code)
        prefix, prefix_notes = strip_notes(f"{code}, {m.group('prefix')}")
        text, notes = strip_notes(raw)
        state.chapter.lines.append(
            RuleLine(
                where[0],
                where[1],
                state.chapter.chapter,
                prefix,
                raw,
                text,
                (*prefix_notes, *notes),
                template=heading,
            )
        )
