"""General rules: GN 11(n) items and the chapter or subheading rules that let a good qualify.

GN 11(n)(iv) (chapters 28-38) and (n)(v) (chapters 39-40) let a good originate by a process
performed in the territory (a chemical reaction, purification, ...), whatever its
product-specific rule says. Such an item becomes a :class:`~roo_check.rulebook.schema.GeneralRule`
whose single alternative names the process (canonical lower-case name, ``process``); further
requirements the engine cannot compute stay in ``conditions`` in the law's words.

The engine adds a general rule's alternatives to a good's product-specific rule as further "or"
alternatives, so only rules that *permit* can be general rules. Definitions ("(B) ... a
'chemical reaction' is ...") and restrictions ("(H) ... shall not be treated as an originating
good unless ...") are kept as chapter notes, word for word.

The same holds for the few chapter and subheading rules that let a good originate otherwise
than by its product-specific rule (chapter 27 rule 1; chapter 62 rule 1 and the subheading rules
for shirts and boxer shorts): they become general rules too, and stay chapter notes where the
source prints them among the chapter rules.
"""

from __future__ import annotations

import re
from typing import Any

from roo_check.rulegen.common import CODELIST, GROUP, Gn11ParseError, parse_codes, unique
from roo_check.rulegen.source import GeneralBlock, RuleLine, SourceChapter, SourceNote

# The processes of GN 11(n), by the words that name them in an item, in canonical spelling.
PROCESS_WORDS: tuple[tuple[str, str], ...] = (
    ("results from a chemical reaction", "chemical reaction"),
    ("is the product of a chemical reaction", "chemical reaction"),
    ("is subject to purification", "purification"),
    ("mixing or blending", "mixing or blending"),
    ("modification in particle size", "change in particle size"),
    ("standards material is produced", "standards material"),
    ("isolation or separation of isomers", "isomer separation"),
    (
        "undergoes a biochemical process or one or more of the following processes",
        "biotechnological process",
    ),
)

_RESTRICTION = re.compile(r"\bshall not be treated as an originating good\b")
_DEFINITION = re.compile(r"^For the purposes of\b")
_PERMITS = re.compile(r"\b(?:shall be treated as|is) an originating good\b")
_SCOPE = re.compile(rf"^A good of (?P<group>(?:chapters?|headings?) {CODELIST})")
_EXCEPT = re.compile(
    r"^A good of [^,]+, except (?:for )?(?:a good of )?(?P<codes>.+?),? "
    r"(?:that|is an originating|shall)\b"
)
_PROVIDED = re.compile(r", provided that (?P<clause>.+?)\.?$")

# Chapter rules printed as prose that permit (see the module docstring), by note id.
PERMISSIVE_NOTES: dict[str, str] = {
    "CN-27-1": "process",  # a good of chapter 27 that is the product of a chemical reaction
    "CN-62-1": "apparel",  # apparel cut and sewn in the territory of listed fabrics
}

_APPAREL = re.compile(
    r"^(?P<subject>.+?) shall be considered to originate if (?:they are )?both "
    r"(?P<process>cut and assembled|cut and sewn or otherwise assembled) in the territory of one "
    r"or more of the USMCA countries,? and if (?P<condition>.+?)\."
    r"(?: (?P<tail>Such apparel goods shall not be subject to rules [^.]+\.))?$"
)
_APPAREL_PROCESS = {
    # "Cut and assembled" is printed for shirts; a good cut and sewn or otherwise assembled has
    # been cut and assembled, so both names of the step meet the rule.
    "cut and assembled": ["cut and assembled", "cut and sewn or otherwise assembled"],
    "cut and sewn or otherwise assembled": ["cut and sewn or otherwise assembled"],
}


def _id_part(subdivision: str) -> str:
    """'(n)(iv)' -> 'n-iv' (for chapter note ids such as GN11-n-iv-B)."""
    return "-".join(re.findall(r"\(([^)]+)\)", subdivision))


def _process(text: str) -> str | None:
    found = {name for words, name in PROCESS_WORDS if words in text}
    if len(found) > 1:
        raise Gn11ParseError(f"a general rule names several processes: {sorted(found)}")
    return found.pop() if found else None


def _scope_and_except(text: str, block: GeneralBlock) -> tuple[list[str], list[str]]:
    notes: list[str] = []
    m = _SCOPE.match(text)
    if not m:
        raise Gn11ParseError(f"cannot read the goods of general rule {text[:80]!r}")
    group = GROUP.fullmatch(m.group("group"))
    if group is None:
        raise Gn11ParseError(f"cannot read the goods of general rule {text[:80]!r}")
    scope = parse_codes(group.group("level"), group.group("codes"), notes)
    if block.first is not None:
        outer = f"{block.first:02d}-{block.last:02d}"
        if scope != [outer] and not all(outer[:2] <= c[:2] <= outer[3:5] for c in scope):
            raise Gn11ParseError(f"general rule outside its subdivision: {scope}")
    excluded: list[str] = []
    if e := _EXCEPT.match(text):
        for g in GROUP.finditer(e.group("codes")):
            excluded += parse_codes(g.group("level"), g.group("codes"), notes)
        if not excluded:
            raise Gn11ParseError(f"cannot read the exception of {text[:80]!r}")
    if notes:
        raise Gn11ParseError(f"unexpected reading in a general rule: {notes}")
    return scope, excluded


def _alternative(label: str, text: str, process: str) -> dict[str, Any]:
    alternative: dict[str, Any] = {"label": label, "process": [process]}
    if process == "purification":
        # The purification must also achieve a result (80 percent of impurities eliminated, or
        # a grade fit for the listed uses): the engine cannot see that, so it is a condition.
        proviso = _PROVIDED.search(text)
        if proviso is None:
            raise Gn11ParseError("a purification rule without its proviso")
        alternative["conditions"] = [proviso.group("clause")]
    alternative["text"] = text
    return alternative


def block_rules(block: GeneralBlock) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
    """General rules and chapter notes of one ``## GN 11(n)(...)`` block, in source order."""
    rules: list[dict[str, Any]] = []
    notes: list[dict[str, str]] = []
    base = f"GN11-{_id_part(block.subdivision)}"
    if block.first is None:
        # A fragment without its lead-in: its scope is unknown, so it is only kept as words.
        for n, (_, label, text, _) in enumerate(block.lines, start=1):
            words = f"({label}) {text}" if label else text
            suffix = "" if len(block.lines) == 1 else f"-{n}"
            notes.append({"id": f"{base}{suffix}", "text": words})
        return rules, notes
    scope_words = f"{block.first}-{block.last}"
    for lineno, label, text, _ in block.lines:
        where = f"{block.file}:{lineno}"
        if label is None:
            notes.append({"id": base, "text": text})
            continue
        process = _process(text)
        kept_as_words = bool(_DEFINITION.match(text) or _RESTRICTION.search(text))
        if kept_as_words or process is None:
            if not kept_as_words and _PERMITS.search(text):
                raise Gn11ParseError(f"{where}: a permissive general rule names no known process")
            notes.append({"id": f"{base}-{label}", "text": f"({label}) {text}"})
            continue
        try:
            scope, excluded = _scope_and_except(text, block)
        except Gn11ParseError as exc:
            raise Gn11ParseError(f"{where}: {exc}") from exc
        rule: dict[str, Any] = {"id": f"GEN-{scope_words}-{label}", "scope": scope}
        if excluded:
            rule["except"] = unique(excluded)
        rule["citation"] = (
            f"HTSUS General Note 11{block.subdivision}({label}) (chapters {block.first} through "
            f"{block.last})"
        )
        rule["text"] = text
        rule["alternatives"] = [_alternative(label, text, process)]
        rules.append(rule)
    return rules, notes


def _apparel_alternative(text: str, where: str) -> tuple[str | None, dict[str, Any]]:
    m = _APPAREL.match(text)
    if not m:
        raise Gn11ParseError(f"{where}: cannot read the apparel rule {text[:80]!r}")
    subject = re.sub(r" of (?:sub)?headings? [\d.]+$", "", m.group("subject"))
    good = None if subject.startswith("Apparel goods of this chapter") else subject
    alternative: dict[str, Any] = {"label": "A"}
    if good:
        alternative["good"] = good
    alternative["process"] = _APPAREL_PROCESS[m.group("process")]
    alternative["conditions"] = [m.group("condition")]
    # The fabrics of the outer shell are listed by subheading: a classifying component of
    # any other subheading cannot meet the condition, which the engine can then decide.
    alternative["component_codes"] = sorted(
        set(re.findall(r"\b\d{4}\.\d{2}\b", m.group("condition")))
    )
    alternative["text"] = text[: m.end("condition")]
    return good, alternative


def note_rules(chapter: SourceChapter) -> list[dict[str, Any]]:
    """General rules made from the permissive chapter rules printed as prose."""
    rules = []
    for note in chapter.notes:
        kind = PERMISSIVE_NOTES.get(note.id)
        if kind is None:
            continue
        rules.append(_note_rule(chapter.chapter, note, kind))
    return rules


def _note_rule(chapter: int, note: SourceNote, kind: str) -> dict[str, Any]:
    where = f"{note.file}:{note.lineno}"
    if kind == "process":
        process = _process(note.text)
        first = note.text.split(". ")[0] + "."
        if process is None or f"a good of chapter {chapter} " not in first:
            raise Gn11ParseError(f"{where}: {note.id} no longer reads as a process rule")
        alternative: dict[str, Any] = {"label": "A", "process": [process], "text": first}
    else:
        _, alternative = _apparel_alternative(note.text, where)
    return {
        "id": f"GEN-{chapter}-{note.number}",
        "scope": [f"{chapter:02d}"],
        "citation": f"HTSUS GN 11(o), chapter {chapter}, chapter rule {note.number}",
        "text": note.text,
        "alternatives": [alternative],
    }


def subheading_rule(line: RuleLine, provision: str, scope: list[str]) -> dict[str, Any]:
    """A subheading rule printed as a rule line ('6207.11, subheading rule: ...')."""
    where = f"{line.file}:{line.lineno}"
    text = re.sub(r"^Subheading rule: ", "", line.text)
    if text == line.text:
        raise Gn11ParseError(f"{where}: a subheading rule line without 'Subheading rule:'")
    _, alternative = _apparel_alternative(text, where)
    return {
        "id": f"GEN-{provision.replace(', ', '-')}",
        "scope": scope,
        "citation": (
            f"HTSUS GN 11(o), chapter {line.chapter}, subheading rule printed with {provision}"
        ),
        "text": text,
        "alternatives": [alternative],
    }


def chapter_general(chapter: SourceChapter) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
    """All general rules of GN 11(n) blocks held by a chapter, and the notes they leave."""
    rules: list[dict[str, Any]] = []
    notes: list[dict[str, str]] = []
    for block in chapter.general:
        block_rules_, block_notes = block_rules(block)
        rules += block_rules_
        notes += block_notes
    return rules, notes
