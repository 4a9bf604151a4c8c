"""Reading the phrases of a GN 11(o) rule: alternatives, sources, exclusions and provisos.

The words of one alternative ("A change to ... from ..., except from ..., provided ...") become
the schema's ``Alternative``: a ``shift`` (sources and exclusions read item by item), ``rvc``,
``weight_requirement``, ``process`` and ``conditions`` in the law's words for what the engine
cannot compute. Readings that are not word for word are returned as notes. See
:mod:`roo_check.rulegen.gn11` for how rules and files are made of them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from roo_check.rulegen.common import (
    CODE,
    CODELIST,
    GROUP,
    LEVEL,
    Gn11ParseError,
    inside,
    level_name,
    level_word_of,
    parse_codes,
    same_codes,
    unique,
)

KIND_SYNONYMS: dict[str, str] = {
    # 8507.60 (A) prints "a battery of subheading 8507.60, of a kind used as ...", (B) prints
    # "a battery of subheading 8507.60, used as ...": one kind of good, named once, so that a
    # good's product_kind meets both alternatives.
    "battery used as the primary source of electrical power for the propulsion of an electric "
    "passenger vehicle or light truck": "battery of a kind used as the primary source of "
    "electrical power for the propulsion of an electric passenger vehicle or light truck",
}


# --------------------------------------------------------------------------------------------
# Source and exclusion lists ("from ...", "except from ...")
# --------------------------------------------------------------------------------------------

_LEVEL_ORDER = ("chapter", "heading", "subheading", "tariff_item")


@dataclass
class Sources:
    """What one list of sources (or exclusions) names, before it becomes a shift."""

    any_other: str | None = None
    outside_group: bool = False
    within_good: bool = False
    codes: list[str] = field(default_factory=list)
    goods: list[dict[str, Any]] = field(default_factory=list)
    groups: list[list[str]] = field(default_factory=list)
    other_subheading_within: list[str] = field(default_factory=list)
    within_chapter: list[tuple[str, str]] = field(default_factory=list)
    """("heading", "89") for "any other heading within chapter 89"."""
    other_good_of: list[str] = field(default_factory=list)
    """Codes of "any other good of heading 5108" when that is not the good's own code."""
    excluded_goods: list[dict[str, Any]] = field(default_factory=list)
    """Goods a source itself leaves out ("any other good of heading 7002 except pre-forms")."""

    def merge(self, other: Sources, notes: list[str]) -> None:
        """Add the sources of a "whether or not there is also a change from" clause."""
        if other.any_other and self.any_other and other.any_other != self.any_other:
            coarse, fine = sorted((self.any_other, other.any_other), key=_LEVEL_ORDER.index)
            notes.append(
                f'"any other {fine.replace("_", " ")}" and "any other {coarse}" together are '
                f'read as "any other {fine.replace("_", " ")}" (a material of another {coarse} '
                f"is also of another {fine.replace('_', ' ')})"
            )
            self.any_other = fine
        self.any_other = self.any_other or other.any_other
        self.outside_group = self.outside_group or other.outside_group
        self.within_good = self.within_good or other.within_good
        self.codes += other.codes
        self.goods += other.goods
        self.groups += other.groups
        self.other_subheading_within += other.other_subheading_within
        self.within_chapter += other.within_chapter
        self.other_good_of += other.other_good_of
        self.excluded_goods += other.excluded_goods


_SEPS = re.compile(r"(?:\s+|,|;|\bor\b|\band\b|\bfrom\b)+")
_ANY_OTHER_WITHIN = re.compile(
    rf"any other subheading within (?:that group|heading (?P<heading>{CODE}))", re.I
)
_WITHIN_CHAPTER = re.compile(
    r"any other (?P<level>heading|subheading) within chapter (?P<chapter>\d{2})"
    r"(?:, including another (?P=level) within that group)?"
)
_EXCEPT_WITHIN_GROUP = re.compile(r"except from any (?:sub)?heading within that group")
_ANY_OTHER = re.compile(
    r"any other (?P<level>chapter|heading|subheading|tariff item)"
    r"(?:,? including another (?P<level2>chapter|heading|subheading) within that\s*group)?"
)
_ANY = re.compile(r"any (?P<level>chapter|heading|subheading)\b(?! outside| within)")
_OUTSIDE = re.compile(r"(?P<any>any )?(?P<level>heading|subheading) outside that group")
_OTHER_GOOD_WITHIN = re.compile(
    r"any other good within (?:that|the same|those|these) (?:subheading|heading)s?"
)
_OTHER_GOOD_WITHIN_CODE = re.compile(rf"any other good within (?P<group>{GROUP.pattern})", re.I)
_OTHER_GOOD_OF = re.compile(
    rf"any other good of (?P<group>{GROUP.pattern})(?: except (?P<but>[a-z][\w -]*))?", re.I
)
_BARE_WITHIN = re.compile(r"within (?:that|those) (?P<level>subheading|heading)s?")
_BARE_CODES = re.compile(rf"(?=\d{{4}})(?P<codes>{CODELIST})")
_MORE_THAN_ONE = re.compile(r"more than one of the following:\s*(?P<items>.+)$", re.S)
_ITEM_LABEL = re.compile(r"\s*\((?:[A-Za-z]|\d+|[ivx]+)\)\s*")
_KIND_END = re.compile(
    rf"\s+of\s+(?:(?P<level>{LEVEL})\s+)?(?=\d{{4}})(?P<codes>{CODELIST})"
    r"|\s+(?P<within>within (?:that|those) (?:sub)?headings?)"
    r"|\s+of\s+(?P<that>that (?:sub)?heading)\b",
    re.I,
)
_DEFINITION = re.compile(r"\s*\((?P<words>[^()]+? means (?:[^()]|\([^()]*\))*)\)")
_OTHER_THAN = re.compile(
    rf",\s*(?P<words>other than [^,]+? which,? but for their width,? would be classified in "
    rf"{LEVEL} {CODELIST})"
)
_TRAILING = re.compile(r"(?:[\s,;.:]|\bor\b|\band\b)+$")


def _tidy(text: str) -> str:
    return _TRAILING.sub("", text).strip()


def kind_words(words: str) -> str:
    """The kind of good as the law names it, without article or enclosing quotes."""
    words = re.sub(r"^(?:a|an)\s+", "", words.strip().rstrip(",").strip())
    if re.fullmatch(r'"[^"]+"', words):
        words = words[1:-1]
    return words


def parse_sources(text: str, own: Sequence[str], notes: list[str]) -> Sources:
    """Read a list of sources such as "tariff item 8415.90.40 or assemblies ... or any other
    heading".

    ``own`` are the codes of the good the alternative is for ("within that subheading" refers
    to them). Items are read left to right; text that is neither a code list nor one of the
    fixed phrases is a kind of good named in words, up to its "of <codes>" (or the end).
    """
    src = Sources()
    text = _tidy(text)
    pos = 0
    while pos < len(text):
        sep = _SEPS.match(text, pos)
        if sep and sep.end() > pos:
            pos = sep.end()
            continue
        end = _read_source(text, pos, src, own, notes)
        if end is None:
            break
        pos = end
    return src


def _read_source(
    text: str, pos: int, src: Sources, own: Sequence[str], notes: list[str]
) -> int | None:
    """Read the source item at ``pos`` into ``src``; where it ends, or None at the text's end.

    The fixed phrases are tried in order, most specific first ("any other subheading within
    that group" before "any other subheading"); what none of them reads is a kind of good.
    """
    for pattern, read in _SOURCE_PHRASES:
        if m := pattern.match(text, pos):
            read(m, src, own, notes)
            return m.end()
    return _read_kind_source(text, pos, src, own, notes)


_SourceReader = Callable[[re.Match[str], Sources, Sequence[str], list[str]], None]
"""Adds what one fixed phrase of a source list names to the sources read so far."""


def _source_other_subheading_within(
    m: re.Match[str], src: Sources, own: Sequence[str], notes: list[str]
) -> None:
    src.other_subheading_within += [m.group("heading")] if m.group("heading") else own


def _source_within_chapter(
    m: re.Match[str], src: Sources, own: Sequence[str], notes: list[str]
) -> None:
    src.within_chapter.append((m.group("level"), m.group("chapter")))


def _source_except_within_group(
    m: re.Match[str], src: Sources, own: Sequence[str], notes: list[str]
) -> None:
    src.outside_group = True


def _source_any_other(m: re.Match[str], src: Sources, own: Sequence[str], notes: list[str]) -> None:
    src.any_other = level_name(m.group("level"))
    if m.group("level2") and m.group("level2") != m.group("level"):
        notes.append(
            f'"any other {m.group("level")}, including another {m.group("level2")} '
            f'within that group" is read as "any other {m.group("level")}"'
        )


def _source_outside(m: re.Match[str], src: Sources, own: Sequence[str], notes: list[str]) -> None:
    src.any_other = level_name(m.group("level"))
    src.outside_group = True
    if not m.group("any"):
        notes.append(f'"{m.group(0)}" (printed without "any") is read as "any {m.group(0)}"')


def _source_any(m: re.Match[str], src: Sources, own: Sequence[str], notes: list[str]) -> None:
    # "from any heading" would let a material of the good's own heading count as a
    # change: read as the stricter "any other heading", and say so.
    src.any_other = level_name(m.group("level"))
    notes.append(
        f'"{m.group(0)}" is read as "any other {m.group("level")}" (suspected '
        "transcription error; the stricter reading)"
    )


def _source_other_good_within(
    m: re.Match[str], src: Sources, own: Sequence[str], notes: list[str]
) -> None:
    src.within_good = True


def _source_other_good_within_code(
    m: re.Match[str], src: Sources, own: Sequence[str], notes: list[str]
) -> None:
    src.within_good = True
    named = parse_codes(m.group("level"), m.group("codes"), notes)
    if not same_codes(named, own):
        notes.append(
            f'"any other good within {m.group("group")}" is read as within_good '
            "(another good of the same code)"
        )


def _source_other_good_of(
    m: re.Match[str], src: Sources, own: Sequence[str], notes: list[str]
) -> None:
    named = parse_codes(m.group("level"), m.group("codes"), notes)
    others = [c for c in named if not same_codes([c], own)]
    src.within_good = src.within_good or len(others) < len(named)
    src.codes += others
    src.other_good_of += others
    if m.group("but"):
        src.excluded_goods.append({"kind": m.group("but").strip(), "codes": named})
        notes.append(
            f'the source "{m.group(0)}" is read as {m.group("group")} with '
            f"{m.group('but').strip()} excluded"
        )


def _source_bare_within(
    m: re.Match[str], src: Sources, own: Sequence[str], notes: list[str]
) -> None:
    src.within_good = True
    notes.append(
        f'"from {m.group(0)}" is read as "from any other good {m.group(0)}" '
        "(within_good: another good of the same code)"
    )


def _source_more_than_one(
    m: re.Match[str], src: Sources, own: Sequence[str], notes: list[str]
) -> None:
    src.groups.append([])  # placeholder replaced below
    src.groups[-1:] = _more_than_one(m.group("items"), notes)


def _source_group(m: re.Match[str], src: Sources, own: Sequence[str], notes: list[str]) -> None:
    src.codes += parse_codes(m.group("level"), m.group("codes"), notes)


def _source_bare_codes(
    m: re.Match[str], src: Sources, own: Sequence[str], notes: list[str]
) -> None:
    codes = parse_codes(None, m.group("codes"), notes)
    src.codes += codes
    notes.append(
        f'"{m.group("codes")}" printed without its level is read as '
        f"{level_word_of(codes[0])} {m.group('codes')}"
    )


_SOURCE_PHRASES: tuple[tuple[re.Pattern[str], _SourceReader], ...] = (
    (_ANY_OTHER_WITHIN, _source_other_subheading_within),
    (_WITHIN_CHAPTER, _source_within_chapter),
    (_EXCEPT_WITHIN_GROUP, _source_except_within_group),
    (_ANY_OTHER, _source_any_other),
    (_OUTSIDE, _source_outside),
    (_ANY, _source_any),
    (_OTHER_GOOD_WITHIN, _source_other_good_within),
    (_OTHER_GOOD_WITHIN_CODE, _source_other_good_within_code),
    (_OTHER_GOOD_OF, _source_other_good_of),
    (_BARE_WITHIN, _source_bare_within),
    (_MORE_THAN_ONE, _source_more_than_one),
    (GROUP, _source_group),
    (_BARE_CODES, _source_bare_codes),
)


def _read_kind_source(
    text: str, pos: int, src: Sources, own: Sequence[str], notes: list[str]
) -> int | None:
    """Read a kind of good named in words, up to its "of <codes>"; None when it runs to the end.

    A definition ("(... means ...)") or an "other than ... which, but for their width, ..."
    right after the codes belongs to the kind, so the next item starts after them.
    """
    end = _KIND_END.search(text, pos)
    if end is None:
        src.goods.append({"kind": kind_words(text[pos:])})
        return None
    kind = kind_words(text[pos : end.start()])
    if end.group("within") or end.group("that"):
        codes = list(own)
    else:
        codes = parse_codes(end.group("level"), end.group("codes"), notes)
    m = end
    if d := _DEFINITION.match(text, m.end()):
        notes.append(f'"{kind}" is defined in the rule: ({d.group("words")})')
        m = d
    if q := _OTHER_THAN.match(text, m.end()):
        kind = f"{kind}, {q.group('words')}"
        m = q
    src.goods.append({"kind": kind, "codes": codes})
    return m.end()


def _more_than_one(items: str, notes: list[str]) -> list[list[str]]:
    """Read "(A) subheadings 8413.50 through 8413.60, (B) tariff items ..." into code groups."""
    if not _ITEM_LABEL.match(items):
        raise Gn11ParseError(f"'more than one of the following' without a list: {items!r}")
    groups = []
    for item in _ITEM_LABEL.split(items)[1:]:
        m = GROUP.fullmatch(_tidy(item))
        if not m:
            raise Gn11ParseError(f"cannot read list item {item!r}")
        groups.append(parse_codes(m.group("level"), m.group("codes"), notes))
    if len(groups) < 2:
        raise Gn11ParseError(f"'more than one of the following' needs two groups: {items!r}")
    return groups


# --------------------------------------------------------------------------------------------
# Regional value content and other provisos
# --------------------------------------------------------------------------------------------

_PROVISO = re.compile(r",?\s*\bprovided (?:that|there|the)\b")
_RVC_LEAD = re.compile(
    r"^provided (?:that )?(?:there is (?:also )?(?:a )?regional value content of "
    r"(?:not less than|at least)|the regional value content is)\s*:?\s*"
)
_PERCENT = re.compile(
    r"(?P<pct>\d+(?:\.\d+)?) percent (?:where|under) the "
    r"(?P<method>transaction value|net cost)(?P<word> method)?(?: is used)?"
)
_RVC_FILLER = re.compile(r"(?:\(?(?:\d+|[A-Za-z]|[ivx]+)\)|[\s;,.:]|\bor\b|\band\b)*")
_WEIGHT = re.compile(
    r"^provided that at least (?P<pct>\d+(?:\.\d+)?) percent by weight of the materials of "
    r"(?P<materials>.+) is originating$"
)
_POLYMER = re.compile(
    rf"^provided that the originating polymer content of (?P<level>{LEVEL}) (?P<codes>{CODELIST}) "
    r"is not less than (?P<pct>\d+(?:\.\d+)?) percent by weight of the total polymer content$"
)
_PROCESS_PROVISOS: tuple[tuple[re.Pattern[str], list[str]], ...] = (
    (
        re.compile(
            r"^provided that the good resulting from such change is the product of a "
            r"chemical reaction$"
        ),
        ["chemical reaction"],
    ),
    (
        re.compile(
            r"^provided that the nonoriginating materials undergo electrolytic, thermal "
            r"or chemical separation or alloying$"
        ),
        ["electrolytic separation", "thermal separation", "chemical separation", "alloying"],
    ),
)
_TERRITORY = "in the territory of one or more of the USMCA countries"
_ASSEMBLY: tuple[tuple[str, list[str]], ...] = (
    (
        f"the good is both cut (or knit to shape) and sewn or otherwise assembled {_TERRITORY}",
        ["cut and sewn or otherwise assembled", "knit to shape and sewn or otherwise assembled"],
    ),
    (
        f"the good is cut or knit to shape, or both, and sewn or otherwise assembled {_TERRITORY}",
        ["cut and sewn or otherwise assembled", "knit to shape and sewn or otherwise assembled"],
    ),
    (
        f"the good is both cut and sewn or otherwise assembled {_TERRITORY}",
        ["cut and sewn or otherwise assembled"],
    ),
)
_EXEMPTION = re.compile(
    r"(?:,? and such goods will not be subject to chapter rules? [^.]+? of this chapter"
    r"|\. Such (?:apparel )?goods shall not be subject to rules [^.]+? of this chapter)$"
)


@dataclass
class Proviso:
    """What a proviso ("provided that ...") requires, as far as the schema can say it."""

    rvc: dict[str, str] | None = None
    weight: dict[str, Any] | None = None
    process: list[str] = field(default_factory=list)
    conditions: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def parse_proviso(text: str) -> tuple[dict[str, str] | None, list[str]]:
    """Read "provided there is a regional value content of not less than ..." into an rvc.

    Returns ``(rvc, conditions)``: an RVC requirement when the proviso says nothing else, else
    no rvc and the proviso's words as a condition (e.g. the PCA rule of 8525.50-8525.60).
    Percentages stay text ("62.5"), never floats. See :func:`read_proviso` for the other
    requirements (by weight, processes).
    """
    result = read_proviso(text)
    if result.weight or result.process:
        return None, [_tidy(text.strip().lstrip(",").strip())]
    return result.rvc, result.conditions


def read_proviso(text: str) -> Proviso:
    """Read a proviso into rvc, a by-weight requirement, processes or conditions (law's words).

    - "regional value content of not less than ..." -> ``rvc``;
    - "at least 70 percent by weight of the materials of headings ... is originating" ->
      ``weight`` (``weight_requirement``);
    - "the good resulting from such change is the product of a chemical reaction", "the
      nonoriginating materials undergo electrolytic, thermal or chemical separation or
      alloying", "the good is both cut (or knit to shape) and sewn or otherwise assembled in
      the territory ..." -> ``process``;
    - anything else (shares by volume, by weight of the good, uses) -> ``conditions``.
    """
    text = _tidy(text.strip().lstrip(",").strip())
    result = Proviso()
    for read in (_rvc_proviso, _weight_proviso, _polymer_proviso, _process_proviso):
        if read(text, result):
            return result
    return _assembly_proviso(text, result)


def _rvc_proviso(text: str, result: Proviso) -> bool:
    """Read an RVC requirement, only if the proviso says nothing but its thresholds.

    A proviso that says more is not an RVC requirement, so the notes of its reading are
    dropped.
    """
    lead = _RVC_LEAD.match(text)
    if not lead:
        return False
    rest = text[lead.end() :]
    rvc: dict[str, str] = {}
    for m in _PERCENT.finditer(rest):
        key = "transaction_value" if m.group("method") == "transaction value" else "net_cost"
        if key in rvc:
            raise Gn11ParseError(f"two {key} thresholds in {text!r}")
        rvc[key] = m.group("pct")
        if not m.group("word"):
            result.notes.append(
                f'"{m.group(0)}" (without "method") is read as the {m.group("method")} method'
            )
    leftover = _PERCENT.sub(" ", rest)
    if rvc and _RVC_FILLER.fullmatch(leftover):
        result.rvc = {k: rvc[k] for k in ("transaction_value", "net_cost") if k in rvc}
        return True
    result.notes = []
    return False


def _weight_proviso(text: str, result: Proviso) -> bool:
    """Read "at least N percent by weight of the materials of <codes> is originating"."""
    m = _WEIGHT.match(text)
    if not m:
        return False
    materials: list[str] = []
    for g in GROUP.finditer(m.group("materials")):
        materials += parse_codes(g.group("level"), g.group("codes"), result.notes)
    if materials and GROUP.sub("", m.group("materials")).strip(" ,") in ("", "or", "and"):
        result.weight = {
            "materials": unique(materials),
            "min_originating_percent": m.group("pct"),
        }
        return True
    return False


def _polymer_proviso(text: str, result: Proviso) -> bool:
    """Read the originating polymer content as a by-weight requirement on the polymers."""
    m = _POLYMER.match(text)
    if not m:
        return False
    materials = parse_codes(m.group("level"), m.group("codes"), result.notes)
    result.weight = {"materials": materials, "min_originating_percent": m.group("pct")}
    result.notes.append(
        '"the total polymer content" is read as the polymers of the materials of '
        f"{m.group('level')} {m.group('codes')} (the polymers of chapter 39 in primary forms "
        "and their waste)"
    )
    return True


def _process_proviso(text: str, result: Proviso) -> bool:
    """Read a proviso that names processes the engine can check."""
    for pattern, processes in _PROCESS_PROVISOS:
        if pattern.match(text):
            result.process = list(processes)
            return True
    return False


def _assembly_proviso(text: str, result: Proviso) -> Proviso:
    """Textile provisos: where the good must be cut and sewn, plus what else they require."""
    words = text
    if exemption := _EXEMPTION.search(words):
        result.notes.append(
            f'the rule exempts these goods: "{exemption.group(0).lstrip(",. ").strip()}"'
        )
        words = words[: exemption.start()]
    for clause, processes in _ASSEMBLY:
        if clause not in words:
            continue
        result.process = list(processes)
        rest = re.sub(r"^provided (?:that )?", "", words.replace(clause, "")).strip()
        rest = re.sub(r"\s+and$", "", rest).strip(" ,")
        if rest:
            result.conditions.append(rest)
        return result
    result.conditions.append(text)
    return result


# --------------------------------------------------------------------------------------------
# Alternatives
# --------------------------------------------------------------------------------------------

_OPENERS = r"A change|No change|No required|Production of"
_LABEL = re.compile(rf"(?:^|(?<=[\s;:,.]))(?P<open>\()?(?P<label>[A-Za-z])\)\s+(?={_OPENERS})")
_WHETHER = re.compile(
    r"[,;]?\s*(?:\([A-Za-z]\)\s*)?[Ww]hether or not there is also a change from\s+"
)
_EXCEPT = re.compile(
    r",?\s*\b(?:except from|excluding|except(?P<bare>)(?= (?:chapters?|headings?|subheadings?"
    r"|tariff items?) \d))\s+(?!any (?:sub)?heading within that group)"
)
_EXCEPT_CHANGES = re.compile(r",?\s*(?P<words>except for changes resulting from .+)$", re.S)
_A_CHANGE = re.compile(r"^A change (?:(?:to|of) (?P<target>.+?) )?from (?P<rest>.+)$", re.S)
_NO_CHANGE = re.compile(
    r"^No (?:change in tariff classification|required change in tariff classification"
    r"|required tariff change)(?: required|(?: to)? (?P<target>.+))?$"
)
_PRODUCTION = re.compile(r"^Production of (?P<target>.+?) as the result of (?P<processes>.+)$")
_NO_CHANGE_TAIL = re.compile(
    r"(?P<except>, except for a good of (?:sub)?headings? [\d.]+(?: through [\d.]+)?)?"
    r"(?P<whether>,? whether or not there is also a change from (?:any other|another) "
    r"(?:chapter|heading|subheading))?(?P<required> is required)?$"
)

_T_CODES = re.compile(
    rf"(?:(?:a|any) good of (?:any of )?)?(?P<level>{LEVEL})\s+(?P<codes>{CODELIST})", re.I
)
_T_BARE = re.compile(rf"a good of (?P<codes>{CODE})")
_T_OTHER = re.compile(rf"any other good(?: of)?\s+(?P<level>{LEVEL})\s+(?P<codes>{CODELIST})", re.I)
_T_OTHER_ITEM = re.compile(
    rf"any other tariff item within (?P<level>subheading) (?P<codes>{CODELIST})"
)
_T_KIND = re.compile(
    rf"(?P<kind>.+),?\s+of\s+(?P<level>{LEVEL})\s+(?P<codes>{CODELIST})(?P<post>,\s+.+)?", re.I
)
_T_OF = re.compile(rf",?\s+of\s+(?P<level>{LEVEL})\s+(?P<codes>{CODELIST})", re.I)

KIND_FIXES: tuple[tuple[str, str], ...] = (
    # 4009.32 (A) and 4009.42 (B) print "tariff items 8702.10.6 [sic]" where their sibling
    # alternatives print 8702.10.60: one kind of good.
    ("tariff items 8702.10.6, ", "tariff items 8702.10.60, "),
)


def split_alternatives(
    body: str, notes: list[str] | None = None
) -> tuple[str, list[tuple[str, str]]]:
    """Split a rule's legal text into (preamble, [(label, alternative text), ...]).

    A label is an alternative only when it opens "A change", "No change" (or "No required
    change") or "Production of", so numbered RVC clauses and "more than one of the following"
    items stay inside their alternative. A rule without letters is one alternative labelled
    "A". A letter printed without its opening parenthesis ("or c) No change") is read as the
    label and noted.
    """
    labels = list(_LABEL.finditer(body))
    if not labels:
        start = re.search(rf"(?:^|:\s+)(?={_OPENERS})", body)
        if start is None:
            raise Gn11ParseError(f"no 'A change' / 'No change' in {body!r}")
        return body[: start.start()].strip(), [("A", _tidy(body[start.end() :]))]
    first = ord(labels[0].group("label"))
    for i, m in enumerate(labels):
        if ord(m.group("label")) != first + i:
            raise Gn11ParseError(f"alternative letters out of order at {m.group(0)!r}")
        if m.group("open") is None and notes is not None:
            notes.append(
                f'the letter printed as "{m.group(0).strip()}" is read as ({m.group("label")})'
            )
    alternatives = []
    for m, nxt in zip(labels, [*labels[1:], None], strict=True):
        end = nxt.start() if nxt else len(body)
        alternatives.append((m.group("label"), _tidy(body[m.end() : end])))
    return body[: labels[0].start()].strip(), alternatives


@dataclass
class Target:
    """What "A change to <target>" says about the goods an alternative is for."""

    codes: list[str] = field(default_factory=list)
    words: str = ""
    good: str | None = None
    other_goods: bool = False


def parse_target(text: str, notes: list[str], scope: Sequence[str] = ()) -> Target:
    """Read the "to" part: codes, "any other good of ...", or a kind of good named in words.

    A kind of good is named by the words around the first "of <codes>" that lies within the
    rule's ``scope`` ("sweaters of subheading 6110.30 classified as part of an ensemble of
    subheading 6103.23" is a kind of good of 6103.23).
    """
    text = text.strip()
    for printed, read in KIND_FIXES:
        if printed in text:
            notes.append(f'"{printed.strip(", ")}" is read as "{read.strip(", ")}"')
            text = text.replace(printed, read)
    if m := _T_OTHER.fullmatch(text):
        return Target(parse_codes(m.group("level"), m.group("codes"), notes), text, None, True)
    if m := _T_OTHER_ITEM.fullmatch(text):
        return Target(parse_codes(m.group("level"), m.group("codes"), notes), text)
    if m := _T_CODES.fullmatch(text):
        return Target(
            parse_codes(m.group("level"), m.group("codes"), notes),
            f"{m.group('level')} {m.group('codes')}",
        )
    if m := _T_BARE.fullmatch(text):
        codes = parse_codes(None, m.group("codes"), notes)
        word = level_word_of(codes[0])
        notes.append(f'"{text}" (level word missing) is read as a good of {word} {codes[0]}')
        return Target(codes, f"{word} {m.group('codes')}")
    kind, level, codes_text = _kind_target(text, scope)
    codes = parse_codes(level, codes_text, notes)
    good = kind_words(kind)
    if good.startswith("any other good of "):
        notes.append(f'"{good}" is named as the kind "{good[len("any other ") :]}"')
        good = good[len("any other ") :]
    if good in KIND_SYNONYMS:
        notes.append(f'the good printed as "{good}" is named "{KIND_SYNONYMS[good]}"')
        good = KIND_SYNONYMS[good]
    return Target(codes, f"{level} {codes_text}", good)


def _kind_target(text: str, scope: Sequence[str]) -> tuple[str, str, str]:
    """(kind words, level word, codes) of "<kind> of <level> <codes> <more words>".

    The kind is the words around the first "of <codes>" within the rule's scope; when no codes
    are within it (a suspected transcription error, flagged by the caller), the last "of
    <codes>" is taken.
    """
    m = _T_KIND.fullmatch(text)
    plain = m is not None and (not scope or " of " not in m.group("kind"))
    if m and plain and (not scope or inside(parse_codes(m["level"], m["codes"], []), scope)):
        return _join_kind(m["kind"], m["post"] or ""), m["level"], m["codes"]
    for of in _T_OF.finditer(text):
        try:
            codes = parse_codes(of.group("level"), of.group("codes"), [])
        except Gn11ParseError:
            continue
        before = text[: of.start()].rstrip(", ")
        if before and inside(codes, scope):
            return _join_kind(before, text[of.end() :]), of.group("level"), of.group("codes")
    if m:
        return (
            _join_kind(m.group("kind"), m.group("post") or ""),
            m.group("level"),
            m.group("codes"),
        )
    raise Gn11ParseError(f"cannot read the goods of {text!r}")


def _join_kind(before: str, after: str) -> str:
    """Join the words before and after "of <codes>" into the name of a kind of good."""
    after = _tidy(after).lstrip(", ")
    return f"{before} {after}" if after else before


def _cut(text: str) -> tuple[str, list[tuple[str, str]]]:
    """Cut "sources, whether or not ... from X, except from Y" into (sources, [(kind, text)])."""
    marks = sorted(
        [(m.start(), m.end(), "whether") for m in _WHETHER.finditer(text)]
        + [
            (m.start(), m.end(), "except" if m.group("bare") is None else "except-bare")
            for m in _EXCEPT.finditer(text)
        ]
    )
    if not marks:
        return text, []
    head = text[: marks[0][0]]
    clauses = []
    for (_, end, kind), nxt in zip(marks, [*marks[1:], None], strict=True):
        clauses.append((kind, text[end : nxt[0] if nxt else len(text)]))
    return head, clauses


def parse_alternative(
    label: str, text: str, scope: Sequence[str], notes: list[str]
) -> dict[str, Any]:
    """Read one alternative into the schema's ``Alternative`` (as a plain dict).

    ``scope`` are the codes of the rule; notes about readings that are not word-for-word (a
    typo read one way, a source the schema cannot name exactly) are appended to ``notes``.
    """
    own_notes: list[str] = []
    body, proviso, conditions = _body_and_proviso(text, own_notes)
    target, shift, process = _read_body(body, text, scope, proviso, own_notes, conditions)
    only_for = _only_for(target, scope, conditions)
    if re.search(r"\([A-Za-z]\)\s*Whether or not", text):
        own_notes.append(
            'the lettered "Whether or not there is also a change ..." continues this alternative '
            "(it is not a further alternative)"
        )
    alternative: dict[str, Any] = {"label": label}
    if target.good:
        alternative["good"] = target.good
    if target.other_goods:
        alternative["other_goods"] = True
    alternative.update(_requirements(shift, proviso, process))
    alternative.update(_limits(only_for, conditions))
    alternative["text"] = text
    notes += [f"({label}) {n}" for n in own_notes]
    return alternative


def _body_and_proviso(text: str, notes: list[str]) -> tuple[str, Proviso, list[str]]:
    """Cut the alternative's proviso off its body: (body, proviso, conditions so far).

    "except for changes resulting from the following processes ...: (i) ...; (iv) ...,
    provided that ..." is one exception with its own proviso inside: the alternative's
    proviso (if any) is before it.
    """
    changes = _EXCEPT_CHANGES.search(text)
    head = text[: changes.start()] if changes else text
    found = _PROVISO.search(head)
    body = head[: found.start()] if found else head
    proviso = read_proviso(head[found.start() :]) if found else Proviso()
    notes += proviso.notes
    conditions = list(proviso.conditions)
    if changes:
        conditions.insert(0, changes.group("words"))
    return body, proviso, conditions


def _read_body(
    body: str,
    text: str,
    scope: Sequence[str],
    proviso: Proviso,
    notes: list[str],
    conditions: list[str],
) -> tuple[Target, dict[str, Any] | None, list[str]]:
    """Read "A change ...", "No change ..." or "Production of ...": (target, shift, process).

    The processes of "Production of ... as the result of ..." come before the proviso's.
    """
    process = list(proviso.process)
    shift: dict[str, Any] | None = None
    if m := _A_CHANGE.match(body):
        target = _change_target(m.group("target"), scope, notes)
        shift = _shift(m.group("rest"), target.codes or list(scope), notes, conditions)
    elif m := _NO_CHANGE.match(body):
        target = Target()
        if m.group("target"):
            target_text = _no_change_target(m.group("target"), notes, conditions)
            target = parse_target(target_text, notes, scope)
    elif m := _PRODUCTION.match(body):
        target = parse_target(m.group("target"), notes, scope)
        process = [*re.split(r", | or ", m.group("processes")), *process]
    else:
        raise Gn11ParseError(f"an alternative must say 'A change' or 'No change': {text!r}")
    return target, shift, process


def _change_target(target: str | None, scope: Sequence[str], notes: list[str]) -> Target:
    """The goods of "A change to <target> from ...", read as the rule's provision if missing."""
    if target is not None:
        return parse_target(target, notes, scope)
    notes.append(
        '"to <the good>" is missing in the transcription ("A change from ..."): read as '
        "a change to a good of the rule's provision"
    )
    return Target(list(scope), f"the rule's provision {', '.join(scope)}")


def _only_for(target: Target, scope: Sequence[str], conditions: list[str]) -> list[str]:
    """The codes an alternative is limited to when it names fewer goods than its rule.

    Goods outside the rule's provision suggest a transcription error, which only the USITC
    print can settle: the mismatch becomes a condition for a person to check.
    """
    if not target.codes or same_codes(target.codes, scope):
        return []
    if inside(target.codes, scope):
        return list(target.codes)
    conditions.insert(
        0,
        f"the alternative names {target.words}, not the rule's provision "
        f"{', '.join(scope)} (suspected transcription error): check the USITC print",
    )
    return []


def _requirements(
    shift: dict[str, Any] | None, proviso: Proviso, process: list[str]
) -> dict[str, Any]:
    """The schema's requirement keys of an alternative, leaving out the ones it lacks."""
    requirements: dict[str, Any] = {}
    if shift:
        requirements["shift"] = shift
    if proviso.rvc:
        requirements["rvc"] = proviso.rvc
    if process:
        requirements["process"] = process
    if proviso.weight:
        requirements["weight_requirement"] = proviso.weight
    return requirements


def _limits(only_for: list[str], conditions: list[str]) -> dict[str, Any]:
    """The goods an alternative is (not) for, and what is left for a person to check."""
    limits: dict[str, Any] = {}
    not_for = _goods_taken_out(conditions)
    if only_for:
        limits["only_for"] = only_for
    if not_for:
        limits["not_for"] = not_for
    if conditions:
        limits["conditions"] = conditions
    return limits


_GOODS_OUT = re.compile(
    r"^except for a good of (?:sub)?headings? (?P<start>[\d.]+)(?: through (?P<end>[\d.]+))?$"
)


def _goods_taken_out(conditions: list[str]) -> list[str]:
    """Move "except for a good of subheading X" from the words into codes the engine checks."""
    out = []
    for condition in list(conditions):
        if m := _GOODS_OUT.match(condition):
            out.append(m["start"] + (f"-{m['end']}" if m["end"] else ""))
            conditions.remove(condition)
    return out


def _no_change_target(target: str, notes: list[str], conditions: list[str]) -> str:
    """Cut what follows the goods of "No change in tariff classification to a good of ..."."""
    tail = _NO_CHANGE_TAIL.search(target)
    if tail is None or not tail.group(0):
        return target
    if tail.group("whether"):
        notes.append(
            f'"{tail.group("whether").lstrip(", ")}" has no effect where no change in tariff '
            "classification is required"
        )
    if tail.group("required"):
        notes.append(
            '"is required" after the goods is read as "No change in tariff classification required"'
        )
    if tail.group("except"):
        # Decidable from the good's code: _goods_taken_out turns it into `not_for` codes.
        conditions.append(tail.group("except").lstrip(", "))
    return target[: tail.start()]


def _shift(rest: str, own: list[str], notes: list[str], conditions: list[str]) -> dict[str, Any]:
    """Build the ``shift`` of "A change to ... from <rest>"."""
    src, excluded = _sources_and_exclusions(rest, own, notes)
    if src.within_chapter:
        _within_chapter(src, own, notes)
    _settle_exclusions(src, excluded, rest, notes, conditions)
    if src.other_subheading_within:
        _other_subheading_within(src, own, notes, conditions)
    codes = src.codes + [c for group in src.groups for c in group]
    if src.within_good and src.any_other is None and not codes and not src.goods:
        # The schema wants a named source, and the engine tests `from` before within_good:
        # the good's own code in `from` would let even the same good pass. Naming the source
        # in the law's words ("any other good" of the own code) keeps the check on product_kind.
        src.goods.append({"kind": "any other good", "codes": list(own)})
        notes.append(
            "the only source is another good of the same code: it is named in from_goods as "
            '"any other good" of that code, together with within_good'
        )
    shift = _shift_entries(src, excluded, codes)
    if not ({"from_any_other", "from", "from_goods"} & shift.keys()):
        raise Gn11ParseError(f"no source in {rest!r}")
    return shift


def _sources_and_exclusions(rest: str, own: list[str], notes: list[str]) -> tuple[Sources, Sources]:
    """Read the sources of "from <rest>" and what its "except from" clauses take out.

    A "whether or not there is also a change from" clause names further sources.
    """
    head, clauses = _cut(rest)
    src = parse_sources(head, own, notes)
    excluded = Sources()
    for kind, clause in clauses:
        if kind == "whether":
            src.merge(parse_sources(clause, own, notes), notes)
        else:
            excluded.merge(parse_sources(clause, own, notes), notes)
            if kind == "except-bare":
                notes.append('"except" followed by codes is read as "except from"')
    return src, excluded


def _settle_exclusions(
    src: Sources, excluded: Sources, rest: str, notes: list[str], conditions: list[str]
) -> None:
    """Turn the exclusions into what the schema can say, or refuse the ones it cannot."""
    if excluded.other_good_of:
        # "except from ... any other good of heading 5108": the named source (a yarn of
        # 5108.20) stays allowed, every other good of the heading is excluded. The schema tests
        # exclusions before sources, so it cannot say this: the law's words are a condition.
        codes = ", ".join(excluded.other_good_of)
        conditions.append(f"not from any other good of {level_word_of(codes)} {codes}")
        excluded.codes = [c for c in excluded.codes if c not in excluded.other_good_of]
        excluded.within_good = False
    excluded.goods += src.excluded_goods
    if excluded.any_other:
        # 8523.52 (B): "except from parts of ... or any other heading" - "any other heading"
        # cannot be an exclusion (it would exclude almost everything); it is a further source.
        src.any_other = src.any_other or excluded.any_other
        notes.append(
            f'"or any other {excluded.any_other.replace("_", " ")}" after "except from" is read '
            "as a further source, not an exclusion"
        )
    if excluded.within_good or excluded.other_subheading_within or excluded.outside_group:
        raise Gn11ParseError(f"cannot read the exclusion in {rest!r}")


def _shift_entries(src: Sources, excluded: Sources, codes: list[str]) -> dict[str, Any]:
    """The schema's ``shift`` keys for the sources and exclusions, leaving out empty ones."""
    shift: dict[str, Any] = {}
    if src.any_other:
        shift["from_any_other"] = src.any_other
    if src.outside_group:
        shift["outside_group"] = True
    if src.within_good:
        shift["within_good"] = True
    if codes:
        shift["from"] = unique(codes)
    if src.goods:
        shift["from_goods"] = src.goods
    if excluded.codes:
        shift["except"] = unique(excluded.codes)
    if excluded.goods:
        shift["except_goods"] = excluded.goods
    if excluded.groups:
        shift["except_more_than_one_of"] = {"groups": excluded.groups}
    return shift


def _within_chapter(src: Sources, own: list[str], notes: list[str]) -> None:
    """Map "from any other heading within chapter 89, whether or not ... any other chapter"."""
    for level, chapter in src.within_chapter:
        if not all(code[:2] == chapter for code in own):
            raise Gn11ParseError(f"'any other {level} within chapter {chapter}' of another chapter")
        if src.any_other == "chapter":
            src.any_other = level
            notes.append(
                f'"any other {level} within chapter {chapter}" with "any other chapter" is read '
                f'as "any other {level}"'
            )
        elif src.any_other != level:
            raise Gn11ParseError(
                f"'any other {level} within chapter {chapter}' without 'any other chapter'"
            )
    src.within_chapter = []


def _other_subheading_within(
    src: Sources, own: list[str], notes: list[str], conditions: list[str]
) -> None:
    """Map "from any other subheading within that group / within heading H".

    The schema has no "other subheading, but only inside this group". Exact readings are used
    where they exist; otherwise the group goes into ``from`` and the part the schema cannot
    say (a material of the good's own subheading does not qualify) becomes a condition.
    """
    within = src.other_subheading_within
    src.other_subheading_within = []
    own_headings = {c[:4] for c in own}
    if src.any_other == "subheading":
        notes.append(
            '"any other subheading within that group" is already covered by "any other subheading"'
        )
        return
    if (
        src.any_other == "heading"
        and all(len(c) == 4 for c in within)
        and ({c[:4] for c in within} == own_headings)
    ):
        src.any_other = "subheading"
        notes.append(
            f'"any other subheading within heading {", ".join(within)}" together with '
            '"any other heading" is read as "any other subheading"'
        )
        return
    src.codes[:0] = within
    if src.within_good:
        conditions.append(
            "no non-originating material of the good's own subheading is the same good as the "
            'good (the law allows "any other good within those subheadings" and "any other '
            'subheading within that group"; from lists the whole group)'
        )
        return
    conditions.append(
        "no non-originating material is of the good's own subheading (the law allows only "
        '"any other subheading within that group"; from lists the whole group)'
    )
