"""Generate the product-specific rule files of every HS chapter from GN 11(n) and (o).

The input is the vendored legal text in ``rules/usmca/source/`` (HTSUS General Note 11, every
``gn11_o_*.txt``: subdivision (o) one rule per line as ``<provision>: <legal text>`` under
``## Chapter N`` headings, with chapter rules and the general rules of subdivision (n); see
:mod:`roo_check.rulegen.source`). The output is one ``chapter-NN.yaml`` per chapter that
validates as :class:`roo_check.rulebook.schema.PsrFile`.

Why a generator and not hand-written YAML: every rule keeps the exact legal words it was read
from (``text``), so a test can prove that no rule was invented and no source line was
skipped, and a corrected transcription can simply be regenerated.

How it reads a rule:

1. ``[bracketed]`` extractor notes are cut out of the legal text (they are never law) and
   kept as rule ``notes``; whitespace is collapsed.
2. The provision may carry a phase (dates), a trade direction ("Canada-US trade" -> ``trade:
   [CA]``, id suffix ``-CAUS``; "Mexico-US trade" -> ``[MX]``, ``-MXUS``; "all other trade" ->
   the other Party, as the importing Party of GN 11 is always the United States) or mark a
   subheading rule (a general rule, see :mod:`roo_check.rulegen.general_rules`).
3. A rule-level preamble ("For a good of ... for use in a heavy truck:", "Beginning on July 1,
   2025, ...:", "For the purposes of trade between the territory of Canada ...:") sets
   ``end_use``, ``good``, ``trade`` and the effective dates.
4. The rest is cut into lettered alternatives: a label counts only when it opens "A change",
   "No change" (or "No required change") or "Production of", so nested "(1) 60 percent" or
   "(A) subheadings ..." list items stay inside their alternative.
5. Each alternative is cut into clauses at ", whether or not there is also a change from",
   ", except from" and ", provided"; the source and exclusion lists are read item by item
   (codes, "any other heading", kinds of goods named in words, "more than one of the
   following" lists); the proviso becomes ``rvc`` (regional value content),
   ``weight_requirement`` ("at least 70 percent by weight of the materials of ... is
   originating"), ``process`` (a chemical reaction, separation or alloying, "cut (or knit to
   shape) and sewn or otherwise assembled"), and ``conditions`` (the law's words) for what
   the engine cannot compute, so that it says "cannot decide" instead of guessing.

A line the transcription damaged is replaced by its repair from the supplement (see
:mod:`roo_check.rulegen.source`). A line whose provision is written ``<provision>, continued``
is printed as a rule of its own but read, as the source file's header explains, as continuing
the rule printed just before it (8708.99): its alternatives are added to that rule, lettered on,
and its "any other good" is a good not of the tariff items or kinds that rule is for.

Chapter, heading and subheading rules are kept word for word as ``chapter_notes``; a rule whose
codes they name says so in its notes. Anything the reader does not recognise raises
:class:`Gn11ParseError` naming the source line: the generator never drops words silently. The
few rules the reader cannot handle are fixed in the small tables below, each with the reason.

Run: ``python -m roo_check.rulegen.gn11 --source rules/usmca/source --out rules/usmca/annex-4b``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from roo_check.hs.codes import CodeRange
from roo_check.rulegen.common import (
    CODELIST,
    GROUP,
    LEVEL,
    Gn11ParseError,
    level_word_of,
    overlaps,
    parse_codes,
    strip_notes,
    unique,
)
from roo_check.rulegen.general_rules import chapter_general, note_rules, subheading_rule
from roo_check.rulegen.phrases import (
    KIND_FIXES,
    KIND_SYNONYMS,
    Proviso,
    kind_words,
    parse_alternative,
    parse_proviso,
    read_proviso,
    split_alternatives,
)
from roo_check.rulegen.source import SOURCE_GLOB, RuleLine, SourceChapter, read_source
from roo_check.rulegen.titles import TITLES

__all__ = [
    "KIND_FIXES",
    "KIND_SYNONYMS",
    "SOURCE_GLOB",
    "TITLES",
    "Gn11ParseError",
    "Proviso",
    "RuleLine",
    "SourceChapter",
    "generate",
    "parse_alternative",
    "parse_codes",
    "parse_header",
    "parse_proviso",
    "read_proviso",
    "read_source",
    "split_alternatives",
    "strip_notes",
]

SOURCE_BLOCK: dict[str, Any] = {
    "document": "HTSUS General Note 11 (USMCA), subdivision (o)",
    "edition": "2026 HTSUS Revision 15",
    "hs_edition": "HS2022",
    "verified": False,
}

TRANSCRIPTION = (
    "Third-party transcription quoted in the GitHub repository piksen-digital/origynlx "
    "(lib/usmca-thresholds/, commit c8c04ac85c127fb36f80691b721ff630688d0a95), vendored as "
    "rules/usmca/source/{file} and generated by roo_check.rulegen.gn11; not yet checked against "
    "the USITC print (see rules/usmca/source/README.md)"
)

# --------------------------------------------------------------------------------------------
# Hand-fix tables. Each entry is keyed by rule id and says why the reader cannot do it alone.
# --------------------------------------------------------------------------------------------

EXTRA_CONDITIONS: dict[tuple[str, str], str] = {
    # Conditions the transcription reports but no rule text carries. Empty: the one it had (the
    # 8473.50 subheading rule on parts used in goods of 8469 or 8471) is the provision
    # TN-8473.50 of rules/usmca/provisions.yaml, which the engine applies from the good's used_in.
}

REVIEW_NOTES: dict[str, str] = {
    # Readings a reviewer must check against the USITC print; the rule is generated as printed.
    "PSR-8468.10-8468.80": (
        "(B) rvc holds only the net cost threshold the transcription prints; the transaction "
        "value method is not offered until the missing clause is restored"
    ),
    "PSR-8708.80-HT": (
        "(A) requires 50 percent in a heavy-truck rule whose other thresholds are 70 percent: "
        "check the USITC print"
    ),
    "PSR-8418.30-8418.40": (
        'except_goods names goods by a negative description ("any good, other than '
        'absorption-type electrical household refrigerators"); a product_kind match cannot '
        "confirm it"
    ),
}

_AS_PRINTED = "kept as printed by the transcription (edition mapping is done at load time)"
_OLD_2202 = (
    "a US tariff item of HS2012 subheading 2202.90 (split into 2202.91 and 2202.99); " + _AS_PRINTED
)
_OLD_2202_ITEMS = (
    "2202.90.10",
    "2202.90.22",
    "2202.90.24",
    "2202.90.28",
    "2202.90.30",
    "2202.90.37",
)
OLDER_CODES: dict[str, str] = {
    # Reviewed exceptions for ``rules lint``: codes the transcription prints that are not codes
    # of HS2022 and that do not map cleanly. Each rule naming one gets a "lint-allow" note, so
    # the linter counts the problem as accepted instead of hiding it. Nothing is renumbered.
    **{code: _OLD_2202 for code in _OLD_2202_ITEMS},
    "4103.10": "not a subheading of HS2012, HS2017 or HS2022 (an older-edition subheading); "
    + _AS_PRINTED
    + ": check the USITC print",
    "5503.10": "not a subheading of HS2012, HS2017 or HS2022 (split into 5503.11 and 5503.19); "
    + _AS_PRINTED
    + ": check the USITC print",
    "8462.99.40": "a US tariff item of HS2017 subheading 8462.99; " + _AS_PRINTED,
    "8473.10.20": "a US tariff item of HS2012 subheading 8473.10 (now 8473.40); " + _AS_PRINTED,
    "8473.10.40": "a US tariff item of HS2012 subheading 8473.10 (now 8473.40); " + _AS_PRINTED,
    "8473.10.60": "a US tariff item of HS2012 subheading 8473.10 (now 8473.40); " + _AS_PRINTED,
    "8548.10.05": "a US tariff item of HS2017 subheading 8548.10 (split by HS2022); " + _AS_PRINTED,
    "8548.10.15": "a US tariff item of HS2017 subheading 8548.10 (split by HS2022); " + _AS_PRINTED,
}

LINT_ALLOW: dict[str, tuple[str, str]] = {
    # Reviewed exceptions for ``rules lint`` that are not codes: (check, why).
    "PSR-8607.91-P1": (
        "phases",
        "the transcription prints phase 1 until January 1, 2023 and phase 2 from July 1, 2023 "
        "([sic] noted in the source): kept as printed, see the review note",
    ),
}

# --------------------------------------------------------------------------------------------
# Rules
# --------------------------------------------------------------------------------------------

_PREFIX = re.compile(
    r"^(?P<codes>\d[\d.]*(?:-\d[\d.]*)?(?:, \d[\d.]*)*)(?: \((?P<items>tariff items?)\))?"
    r"(?:, phase (?P<phase>\d) \((?P<dates>[^)]*)\))?"
    r"(?:, (?P<trade>Canada-US|Mexico-US|all other) trade)?"
    r"(?:, (?P<subheading_rule>subheading rule))?"
    r"(?:, (?P<continued>continued))?$"
)
_DATE = r"[A-Z][a-z]+ \d{1,2}, \d{4}"
_PHASE_DATES = re.compile(rf"^(?P<start>{_DATE})(?: until (?P<end>{_DATE})| and thereafter)$")
_PHASE_HEADER = re.compile(
    rf"^Beginning on (?P<start>{_DATE})(?: until (?P<end>{_DATE}))?,?(?: and thereafter,)? the "
    rf"following rules? of origin shall apply to {LEVEL} {CODELIST}:$"
)
_FOR_HEADER = re.compile(
    rf"^(?:\((?P<printed>[A-Z])\)\s+)?For (?:(?P<other>any other good)|a good|an? (?P<kind>.+?)) "
    rf"of {LEVEL}\s+{CODELIST}(?P<use>.*):$",
    re.I,
)
_APPLIES_HEADER = re.compile(
    rf"^The following rule applies to a good of {LEVEL} {CODELIST} (?P<kind>.+):$"
)
_TRADE_HEADER = re.compile(
    r"^(?:(?P<label>Chapter rule \d+|Heading rule|Subheading rule): )?For the purposes of "
    r"(?:trade between the territory of (?P<party>Canada|Mexico) and the territory of the "
    rf"United States|(?P<all_other>all other trade)) of (?:goods of )?{LEVEL} {CODELIST}"
    r"(?: the following rules? of origin appl(?:y|ies))?:$"
)
_TRADE_PARTY = {"Canada-US": "CA", "Mexico-US": "MX", "Canada": "CA", "Mexico": "MX"}
_PARTIES = ("CA", "MX")
"""The exporting Parties of GN 11 (the importing Party is always the United States)."""
_USE = re.compile(r"^(?: for use in | used for | or for any other good of .+? for use in )")
_VEHICLES = (
    ("passenger vehicle", "passenger_vehicle"),
    ("light truck", "light_truck"),
    ("heavy truck", "heavy_truck"),
)
_END_USE_SUFFIX = {
    ("passenger_vehicle", "light_truck"): "PVLT",
    ("heavy_truck",): "HT",
    ("passenger_vehicle", "light_truck", "heavy_truck"): "PVLTHT",
    ("other",): "OTHER",
}


@dataclass
class Header:
    """What a rule's preamble says about the goods, dates and trade the rule is for."""

    end_use: list[str] | None = None
    good: str | None = None
    any_other: bool = False
    effective_from: dt.date | None = None
    effective_to: dt.date | None = None
    trade: str | None = None  # "CA", "MX" or "other" ("all other trade")
    notes: list[str] = field(default_factory=list)


def _date(text: str) -> dt.date:
    return dt.datetime.strptime(text, "%B %d, %Y").date()


def parse_header(text: str) -> Header:
    """Read a rule's preamble (the words before its first alternative)."""
    header = Header()
    if not text:
        return header
    if m := _PHASE_HEADER.match(text):
        header.effective_from = _date(m.group("start"))
        header.effective_to = _date(m.group("end")) if m.group("end") else None
        return header
    if m := _APPLIES_HEADER.match(text):
        header.good = m.group("kind")
        return header
    if m := _TRADE_HEADER.match(text):
        header.trade = "other" if m.group("all_other") else _TRADE_PARTY[m.group("party")]
        if m.group("label"):
            header.notes.append(
                f'the preamble is printed as "{m.group("label")}" of the chapter; it is this '
                "rule's own preamble"
            )
        return header
    if m := _FOR_HEADER.match(text):
        use = m.group("use")
        if use and not _USE.match(use):
            raise Gn11ParseError(f"cannot read the use in {text!r}")
        uses = [name for words, name in _VEHICLES if words in use]
        header.end_use = uses or None
        header.any_other = m.group("other") is not None
        header.good = kind_words(m.group("kind")) if m.group("kind") else None
        if m.group("printed"):
            header.notes.append(
                f"the preamble is printed as ({m.group('printed')}), continuing the lettering of "
                "the preceding rule; the alternatives keep their printed letters"
            )
        return header
    raise Gn11ParseError(f"cannot read the preamble {text!r}")


@dataclass
class Draft:
    """A rule read from one source line, before ids are made unique across its provision."""

    line: RuleLine
    provision: str
    scope: list[str]
    level_words: str
    phase: str | None
    phase_dates: str | None
    header: Header
    text: str
    alternatives: list[dict[str, Any]]
    notes: list[str]
    trade: list[str] | None = None


@dataclass(frozen=True)
class Provision:
    """What a rule line's prefix says: the provision, its phase and its trade direction."""

    provision: str
    scope: list[str]
    level_words: str
    phase: str | None
    phase_dates: str | None
    trade: str | None  # "CA", "MX", "other"
    subheading_rule: bool
    continued: bool = False
    """Printed as a rule of its own, read as continuing the rule printed before it."""


def parse_prefix(line: RuleLine) -> Provision:
    """Read '5112.11, Canada-US trade' or '7305-7307, phase 2 (July 1, 2023 and thereafter)'."""
    m = _PREFIX.match(line.prefix)
    if not m:
        raise Gn11ParseError(f"{line.file}:{line.lineno}: cannot read provision {line.prefix!r}")
    provision = m.group("codes")
    scope = [c.strip() for c in provision.split(",")]
    for code in scope:
        CodeRange.parse(code)
    word = level_word_of(scope[0])
    plural = len(scope) > 1 or "-" in provision
    trade = m.group("trade")
    return Provision(
        provision,
        scope,
        word + ("s" if plural else ""),
        m.group("phase"),
        m.group("dates"),
        _TRADE_PARTY.get(trade, "other") if trade else None,
        m.group("subheading_rule") is not None,
        m.group("continued") is not None,
    )


def read_rule(line: RuleLine) -> Draft:
    """Read one source line into a draft rule (alternatives, preamble, notes)."""
    prov = parse_prefix(line)
    provision, scope = prov.provision, prov.scope
    notes = [f"transcription note: {n}" for n in line.notes]
    if line.replaces is not None:
        notes.insert(0, _repaired(line))
    if line.template:
        notes.append(
            f'expanded from the transcription\'s template "{line.template}" (one rule per '
            "subheading)"
        )
    where = f"{line.file}:{line.lineno}"
    try:
        header_text, pieces = split_alternatives(line.text, notes) if line.text else ("", [])
        header = parse_header(header_text)
        alternatives = [parse_alternative(lb, tx, scope, notes) for lb, tx in pieces]
    except Gn11ParseError as exc:
        raise Gn11ParseError(f"{where}: {exc}") from exc
    if prov.phase:
        dates = _PHASE_DATES.match(prov.phase_dates or "")
        if not dates:
            raise Gn11ParseError(f"{where}: cannot read phase dates {prov.phase_dates!r}")
        start = _date(dates.group("start"))
        end = _date(dates.group("end")) if dates.group("end") else None
        if header.effective_from is None and header.effective_to is None:
            header.effective_from, header.effective_to = start, end
            notes.append(
                f"the rule text carries no date preamble: its dates are those of phase "
                f"{prov.phase} ({prov.phase_dates}) as the transcription heads it"
            )
        elif (header.effective_from, header.effective_to) != (start, end):
            raise Gn11ParseError(f"{where}: phase dates differ from the rule's own words")
    if header.trade and prov.trade != header.trade:
        raise Gn11ParseError(f"{where}: the preamble names another trade than the provision")
    notes += header.notes
    draft = Draft(line, provision, scope, prov.level_words, prov.phase, prov.phase_dates, header,
                  line.text, alternatives, notes)  # fmt: skip
    _same_kind_spelling(draft)
    _split_kind_lists(draft)
    if line.template:
        _template_rvc(draft)
    return draft


_NOTE_CODES = r"\d{4}\.\d{2}(?: and \d{4}\.\d{2})*"
_NOTE_RVC_PART = re.compile(rf"(?P<codes>{_NOTE_CODES}): (?P<words>.+?)(?=\s+{_NOTE_CODES}: |\]$)")
_NOTE_PERCENT = re.compile(
    r"(?P<pct>\d+(?:\.\d+)?) percent (?:where the (?P<method>transaction value|net cost) method "
    r"is used|(?P<short>TV|NC)\b)"
)


def _template_rvc(draft: Draft) -> None:
    """Thresholds of a template rule that the transcription gives per code in a note.

    The 7308 template prints "(c) No change ... provided there is a regional value content of
    not less than: [per the transcription: 7308.10 and 7308.30: (i) 75 percent ...]": the
    thresholds differ by subheading and survive only in that note. They are read from it for
    the rule's own code (never guessed) and the rule says so in a review note.
    """
    code = draft.scope[0]
    for alt in draft.alternatives:
        if alt.get("conditions") != ["provided there is a regional value content of not less than"]:
            continue
        found = None
        for note in draft.line.notes:
            for part in _NOTE_RVC_PART.finditer(note.removeprefix("[per the transcription: ")):
                if code in part.group("codes").split(" and "):
                    found = part.group("words")
        if found is None:
            raise Gn11ParseError(f"{draft.line.file}:{draft.line.lineno}: no threshold for {code}")
        rvc: dict[str, str] = {}
        for m in _NOTE_PERCENT.finditer(found):
            method = (
                m.group("method") or {"TV": "transaction value", "NC": "net cost"}[m.group("short")]
            )
            rvc["transaction_value" if method == "transaction value" else "net_cost"] = m.group(
                "pct"
            )
        if not rvc:
            raise Gn11ParseError(f"cannot read the thresholds {found!r} of {code}")
        del alt["conditions"]
        alt["rvc"] = {k: rvc[k] for k in ("transaction_value", "net_cost") if k in rvc}
        alt["text"] = alt.pop("text")
        draft.notes.append(
            f"review: ({alt['label']}) the thresholds are printed per subheading only in the "
            f'transcription\'s note ("{code}: {found}"); they are read from it: check the USITC '
            "print"
        )


def _split_kind_lists(draft: Draft) -> None:
    """Split a source list of kinds the rule names one by one elsewhere (6812.80 (F)).

    "from fabricated crocidolite fibers ..., yarn or thread, cords or string, whether or not
    plaited, or woven or knitted fabric of subheading 6812.80" names four kinds of good that
    the rule's other alternatives name as goods; each becomes its own source.
    """
    named = sorted({a["good"] for a in draft.alternatives if a.get("good")}, key=len, reverse=True)
    if not named:
        return
    for alt in draft.alternatives:
        shift = alt.get("shift") or {}
        for key in ("from_goods", "except_goods"):
            refs = []
            for ref in shift.get(key, []):
                parts = _split_kinds(ref["kind"], named)
                if len(parts) > 1:
                    draft.notes.append(
                        f'({alt["label"]}) the kinds "{ref["kind"]}" are named one by one: '
                        + "; ".join(f'"{p}"' for p in parts)
                    )
                refs += [{**ref, "kind": part} for part in parts]
            if refs:
                shift[key] = refs


def _split_kinds(words: str, named: Sequence[str]) -> list[str]:
    parts: list[str] = []
    rest = words
    while True:
        for kind in named:
            cut = next(
                (sep for sep in (", or ", ", ", " or ") if rest.endswith(f"{sep}{kind}")), None
            )
            if cut and len(rest) > len(cut) + len(kind):
                parts.insert(0, kind)
                rest = rest[: -len(cut) - len(kind)]
                break
        else:
            break
    return [rest, *parts] if parts else [words]


def _same_kind_spelling(draft: Draft) -> None:
    """Name a kind of good once when alternatives spell it with different punctuation.

    4009.12 (A) prints "tubes, pipes, or hoses ...", (B) "tubes, pipes or hoses ...": one kind
    of good, so that a good's product_kind meets both alternatives.
    """
    seen: dict[str, str] = {}
    for alt in draft.alternatives:
        kind = alt.get("good")
        if kind is None:
            continue
        key = re.sub(r"[\s,]+", " ", kind).strip().lower()
        if key in seen and seen[key] != kind:
            draft.notes.append(
                f'({alt["label"]}) the good printed as "{kind}" is named '
                f'"{seen[key]}" (the same words, other punctuation)'
            )
            alt["good"] = seen[key]
        seen.setdefault(key, kind)


def _trades(drafts: list[Draft]) -> None:
    """Trade direction of the rules of one provision: [CA], [MX], or the rest for 'all other'."""
    named = {p for d in drafts for p in [d.header.trade or _line_trade(d)] if p in _PARTIES}
    for d in drafts:
        trade = _line_trade(d)
        if trade is None:
            continue
        if trade != "other":
            d.trade = [trade]
            continue
        rest = [p for p in _PARTIES if p not in named]
        if not rest:
            raise Gn11ParseError(f"{d.line.file}:{d.line.lineno}: 'all other trade' is empty")
        d.trade = rest
        d.notes.append(
            '"all other trade": the importing Party of GN 11 is always the United States, so '
            f"the rule is for goods of {', '.join(rest)} (no other rule of this provision "
            "names that trade)"
        )


def _phase_gaps(drafts: list[Draft]) -> None:
    """Flag phases of one provision whose dates do not meet (8607.91: a half-year gap)."""
    phased = [d for d in drafts if d.phase]
    for earlier, later in itertools.pairwise(phased):
        end, start = earlier.header.effective_to, later.header.effective_from
        if end is not None and start is not None and end != start:
            for d, other in ((earlier, later), (later, earlier)):
                d.notes.append(
                    f"review: phase {earlier.phase} ends on {end.isoformat()} but phase "
                    f"{later.phase} begins on {start.isoformat()}: no rule of this provision is "
                    f"in force in between (see phase {other.phase}); check the USITC print"
                )


def _line_trade(draft: Draft) -> str | None:
    return parse_prefix(draft.line).trade


def _suffixes(drafts: list[Draft]) -> list[list[str]]:
    """Id suffixes for rules that share one provision (end use, kind of good, phase, trade)."""
    has_end_use = any(d.header.end_use for d in drafts)
    kinds = 0
    out = []
    for d in drafts:
        suffix = []
        if d.phase:
            suffix.append(f"P{d.phase}")
        if d.trade and len(d.trade) == 1:
            suffix.append(f"{d.trade[0]}US")
        if d.header.good:
            kinds += 1
            suffix.append(f"K{kinds}")
        elif d.header.end_use:
            suffix.append(_END_USE_SUFFIX[tuple(d.header.end_use)])
        elif has_end_use:
            suffix.append("OTHER")
        out.append(suffix)
    return out


def build_rules(chapter: SourceChapter) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Read a chapter's rule lines into schema rules (dicts), in source order.

    Returns (product-specific rules, general rules): a line the transcription marks as a
    subheading rule (``6207.11, subheading rule: ...``) lets a good originate besides its
    product-specific rule, so it becomes a general rule.
    """
    drafts, general = _read_lines(chapter)
    by_provision: dict[str, list[int]] = {}
    for i, d in enumerate(drafts):
        by_provision.setdefault(d.provision, []).append(i)
    ids: list[str] = [""] * len(drafts)
    for provision, indexes in by_provision.items():
        group = [drafts[i] for i in indexes]
        _trades(group)
        _phase_gaps(group)
        if len(group) > 1:
            for draft in group:
                _lift_kind(draft)
        suffixes = _suffixes(group)
        for i, rule_id in zip(indexes, _provision_ids(provision, group, suffixes), strict=True):
            ids[i] = rule_id
        _end_use_other(group, suffixes)
    return [_rule(ids[i], d, chapter) for i, d in enumerate(drafts)], general


def _read_lines(chapter: SourceChapter) -> tuple[list[Draft], list[dict[str, Any]]]:
    """(drafts of the product-specific rules, general rules made of subheading-rule lines)."""
    drafts: list[Draft] = []
    general: list[dict[str, Any]] = []
    for line in chapter.lines:
        prov = parse_prefix(line)
        if prov.subheading_rule:
            general.append(subheading_rule(line, prov.provision, prov.scope))
        elif prov.continued:
            if not drafts or drafts[-1].provision != prov.provision:
                raise Gn11ParseError(
                    f"{line.file}:{line.lineno}: a continuation of {prov.provision} must follow "
                    "a rule of that provision"
                )
            _continue(drafts[-1], read_rule(line))
        else:
            drafts.append(read_rule(line))
    return drafts, general


def _continue(rule: Draft, more: Draft) -> None:
    """Add a line printed as a rule of its own to the rule it continues (see the module doc).

    The continuation is printed "For any other good of <provision>:" and nothing else: its use,
    dates and trade are those of the rule it continues, and its "any other good" is a good not of
    the tariff items (``only_for``) or kinds (``good``) that rule's alternatives are for.
    """
    where = f"{more.line.file}:{more.line.lineno}"
    header = more.header
    if not header.any_other or header.end_use or header.good or more.phase or header.trade:
        raise Gn11ParseError(
            f'{where}: a continuation is printed "For any other good of ..." with no use, kind, '
            "phase or trade of its own"
        )
    items = unique([code for alt in rule.alternatives for code in alt.get("only_for", [])])
    kinds = unique([alt["good"] for alt in rule.alternatives if alt.get("good")])
    if not items and not kinds:
        raise Gn11ParseError(
            f"{where}: the rule it continues names no tariff items or kinds for "
            '"any other good" to be other than'
        )
    letters = _letters_after(rule.alternatives[-1]["label"], len(more.alternatives), where)
    relabel = dict(zip((a["label"] for a in more.alternatives), letters, strict=True))
    for alt in more.alternatives:
        alt["label"] = relabel[alt["label"]]
        if items:
            _put_before_conditions(alt, "not_for", unique([*alt.get("not_for", []), *items]))
        if kinds and not alt.get("good"):
            alt["other_goods"] = True
    rule.alternatives += more.alternatives
    rule.text = f"{rule.text} {more.text}"
    other_than = "; ".join(
        part
        for part in (
            f"tariff items {', '.join(items)}" if items else "",
            "; ".join(f'"{kind}"' for kind in kinds),
        )
        if part
    )
    new, printed = (", ".join(f"({x})" for x in labels) for labels in (relabel.values(), relabel))
    rule.notes += [
        f"review: {new} are printed as a rule of its own ({where}: "
        f'"{split_alternatives(more.text, [])[0]}" {printed}); the source marks that line as '
        "continuing this rule and its header gives the reasons: the same use, dates and trade, "
        f'and "any other good" is a good not of {other_than}; check the USITC print',
        *(_relabelled(note, relabel) for note in more.notes),
    ]


def _letters_after(label: str, count: int, where: str) -> list[str]:
    if len(label) != 1 or not label.isupper() or ord(label) + count > ord("Z"):
        raise Gn11ParseError(f"{where}: cannot letter on after ({label})")
    return [chr(ord(label) + i) for i in range(1, count + 1)]


def _relabelled(note: str, relabel: dict[str, str]) -> str:
    """A note about alternative "(A) ..." of a continuation, under that alternative's new letter."""
    m = re.match(r"^\(([A-Z])\) ", note)
    if m and m.group(1) in relabel:
        return f"({relabel[m.group(1)]}) {note[m.end() :]}"
    return note


def _put_before_conditions(alt: dict[str, Any], key: str, value: object) -> None:
    """Set ``alt[key]``, keeping the schema's key order (limits before conditions and text)."""
    tail = {k: alt.pop(k) for k in ("conditions", "text") if k in alt}
    alt[key] = value
    alt.update(tail)


def _provision_ids(provision: str, group: list[Draft], suffixes: list[list[str]]) -> list[str]:
    """Ids of the rules of one provision, numbered in source order where the suffixes tie."""
    base = "PSR-" + provision.replace(", ", "-")
    names = ["-".join([base, *s]) for s in suffixes]
    ids = []
    for n, (draft, name) in enumerate(zip(group, names, strict=True)):
        if names.count(name) > 1:
            ids.append(f"{name}-R{names[: n + 1].count(name)}")
            draft.notes.append(
                "several rules of the transcription share this provision and preamble; "
                "they are told apart by source order (-R1, -R2, ...)"
            )
        else:
            ids.append(name)
    return ids


def _end_use_other(group: list[Draft], suffixes: list[list[str]]) -> None:
    """Make the rule printed after a provision's end-use rules the one for any other use."""
    for draft, suffix in zip(group, suffixes, strict=True):
        if "OTHER" in suffix and draft.header.end_use is None:
            draft.header.end_use = ["other"]
            if not draft.header.any_other:
                draft.notes.append(
                    "printed without a preamble after the end-use rules of this provision: "
                    "read as the rule for any other good"
                )


def _lift_kind(draft: Draft) -> None:
    """Give a rule the kind of good all its alternatives are for (8523.52, second rule).

    When several rules share a provision, rule selection needs to know which goods each rule
    is for; a rule whose every alternative names the same kind is a rule for that kind.
    """
    kinds = {alt.get("good") for alt in draft.alternatives}
    if draft.header.good or draft.header.end_use or len(kinds) != 1 or None in kinds:
        return
    (kind,) = kinds
    draft.header.good = kind
    draft.notes.append(f'every alternative is for "{kind}": the rule is for that kind of good')


def _rule(rule_id: str, d: Draft, chapter: SourceChapter) -> dict[str, Any]:
    text, alternatives = _legal_text(d)
    _add_extra_conditions(rule_id, alternatives)
    notes = _rule_notes(rule_id, d, chapter)
    phase = f" (phase {d.phase}: {d.phase_dates})" if d.phase else ""
    rule: dict[str, Any] = {
        "id": rule_id,
        "provision": d.provision,
        "scope": d.scope,
        **_applies_to(d),
    }
    rule["citation"] = (
        f"HTSUS GN 11(o), chapter {d.line.chapter}, {d.level_words} {d.provision}{phase}; "
        "USMCA Annex 4-B"
    )
    rule["text"] = text
    notes += _lint_allowances(rule_id, d.scope, alternatives)
    if notes:
        rule["notes"] = unique(notes)
    rule["alternatives"] = alternatives
    return rule


def _legal_text(d: Draft) -> tuple[str, list[dict[str, Any]]]:
    """The rule's text and alternatives; a line without legal text (damaged) is refused.

    A damaged line is repaired in the source (a ``, repair`` line of the supplement, with the
    public source it was read in), never by guessing its words here.
    """
    if not d.alternatives:
        raise Gn11ParseError(
            f"{d.line.file}:{d.line.lineno}: rule without legal text (a damaged line needs a "
            "repair line in the supplement)"
        )
    return d.text, d.alternatives


def _repaired(line: RuleLine) -> str:
    """The note a repaired rule carries: which line was damaged, and where its text is from."""
    damaged = line.replaces
    assert damaged is not None
    said = " ".join(damaged.notes)
    return (
        f"repaired: the transcription's line {damaged.file}:{damaged.lineno} holds no legal text "
        f"({said}); the text is that of {line.file}:{line.lineno}, whose header says where it "
        "was read"
    )


def _add_extra_conditions(rule_id: str, alternatives: list[dict[str, Any]]) -> None:
    """Add the hand-fix conditions of EXTRA_CONDITIONS to the alternatives they are for."""
    for alt in alternatives:
        extra = EXTRA_CONDITIONS.get((rule_id, alt["label"]))
        if extra:
            alt["conditions"] = [*alt.get("conditions", []), extra]
            # keep the key order of the schema (conditions before text)
            alt["text"] = alt.pop("text")


def _rule_notes(rule_id: str, d: Draft, chapter: SourceChapter) -> list[str]:
    """The notes of the reading, the reviewer's and the transcription's, in that order."""
    notes = list(d.notes)
    if rule_id in REVIEW_NOTES:
        notes.append(f"review: {REVIEW_NOTES[rule_id]}")
    if d.header.any_other and d.header.end_use and d.header.end_use != ["other"]:
        notes.append("for any other good than those of the kinds named by the rules above")
    notes += [
        f"transcription note: {remark}" for remark in chapter.provision_remarks.get(d.provision, [])
    ]
    notes += [
        f"transcription note: {remark}"
        for remark in chapter.chapter_remarks
        if _remark_covers(remark, d.scope)
    ]
    return notes


def _applies_to(d: Draft) -> dict[str, Any]:
    """The rule's end use, kind of good, trade and dates, where it is limited to them.

    A start on 1 July 2020, the USMCA's entry into force, is no limit, so it is left out.
    """
    limits: dict[str, Any] = {}
    if d.header.end_use:
        limits["end_use"] = d.header.end_use
    if d.header.good:
        limits["good"] = d.header.good
    if d.trade:
        limits["trade"] = d.trade
    if d.header.effective_from and d.header.effective_from != dt.date(2020, 7, 1):
        limits["effective_from"] = d.header.effective_from
    if d.header.effective_to:
        limits["effective_to"] = d.header.effective_to
    return limits


def _lint_allowances(
    rule_id: str, scope: Sequence[str], alternatives: list[dict[str, Any]]
) -> list[str]:
    """The reviewed "lint-allow" notes of a rule (see OLDER_CODES and LINT_ALLOW)."""
    named = list(scope)
    for alt in alternatives:
        shift = alt.get("shift") or {}
        named += shift.get("from", []) + shift.get("except", [])
        for ref in shift.get("from_goods", []) + shift.get("except_goods", []):
            named += ref.get("codes", [])
        named += (alt.get("weight_requirement") or {}).get("materials", [])
    bounds = unique([end for code in named for end in code.split("-")])
    notes = [f"lint-allow: {code}: {OLDER_CODES[code]}" for code in bounds if code in OLDER_CODES]
    if rule_id in LINT_ALLOW:
        check, why = LINT_ALLOW[rule_id]
        notes.append(f"lint-allow: {check}: {why}")
    return notes


def _remark_covers(remark: str, scope: Sequence[str]) -> bool:
    """Whether a chapter-level note ("... the 8706-8708 provisions ...") names this rule."""
    for m in re.finditer(r"\b(\d{4})-(\d{4})\b", remark):
        if any(m.group(1) <= code[:4] <= m.group(2) for code in scope):
            return True
    return False


# --------------------------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------------------------


def build_chapter(chapter: SourceChapter) -> dict[str, Any]:
    """The whole ``PsrFile`` of one chapter as plain data, ready for YAML."""
    number = chapter.chapter
    general, general_notes = chapter_general(chapter)
    general += note_rules(chapter)
    rules, line_general = build_rules(chapter)
    general += line_general
    document = SOURCE_BLOCK["document"]
    if chapter.general:
        document = "HTSUS General Note 11 (USMCA), subdivisions (n) and (o)"
    data: dict[str, Any] = {
        "schema_version": 1,
        "kind": "product_specific_rules",
        "chapter": number,
        "title": f"Chapter {number} - {TITLES[number]}",
        "citation": (
            f"HTSUS General Note 11(o), chapter {number}; USMCA Annex 4-B, Section B, "
            f"chapter {number}"
        ),
        "source": {
            "document": document,
            "edition": SOURCE_BLOCK["edition"],
            "hs_edition": SOURCE_BLOCK["hs_edition"],
            "transcription": _transcription(chapter.files),
            "verified": SOURCE_BLOCK["verified"],
        },
    }
    notes = general_notes + [{"id": n.id, "text": n.text} for n in chapter.notes]
    if notes:
        data["chapter_notes"] = notes
    if general:
        data["general_rules"] = general
    _annotate(rules, chapter)
    data["rules"] = rules
    return data


def _transcription(files: Sequence[str]) -> str:
    parts = []
    third_party = [f for f in files if f.startswith("gn11_o_ch")]
    if third_party:
        parts.append(TRANSCRIPTION.format(file=", rules/usmca/source/".join(third_party)))
    for file in files:
        if file not in third_party:
            parts.append(
                f"rules/usmca/source/{file}: lines gathered to fill gaps of that transcription "
                "(the file's header says where each was read), generated by "
                "roo_check.rulegen.gn11; unverified"
            )
    return "; ".join(parts)


_CHAPTER_WIDE = re.compile(r"^For (?:the )?purposes of this (?:chapter|[Nn]ote)\b")


def _annotate(rules: list[dict[str, Any]], chapter: SourceChapter) -> None:
    """Point each rule at the chapter, heading and subheading rules that name its codes.

    Those rules (de minimis provisions, materials disregarded, restrictions, underscoring for
    GN 11(k)) are kept as words in ``chapter_notes``; what the engine does with each is in
    ``rules/usmca/provisions.yaml``, so the rule says where to look.
    """
    for note in chapter.notes:
        if _CHAPTER_WIDE.match(note.text):
            continue  # a definition for the whole chapter, not about the codes it mentions
        codes: list[str] = []
        for m in GROUP.finditer(note.text):
            try:
                codes += parse_codes(m.group("level"), m.group("codes"), [])
            except Gn11ParseError:
                continue
        own = [c for c in codes if len(c.replace(".", "")) > 2 and int(c[:2]) == chapter.chapter]
        if not own:
            continue
        for rule in rules:
            if overlaps(rule["scope"], own):
                rule["notes"] = unique(
                    [
                        *rule.get("notes", []),
                        f"chapter note {note.id} ({note.kind} rule) names this provision: "
                        "see chapter_notes, and rules/usmca/provisions.yaml for how it is "
                        "applied",
                    ]
                )
                rule["alternatives"] = rule.pop("alternatives")


def dump(data: dict[str, Any]) -> str:
    """YAML text of a rule file: source order, no wrapping, strings quoted only where needed."""
    return yaml.safe_dump(
        data, sort_keys=False, allow_unicode=True, width=1_000_000, default_flow_style=False
    )


def file_name(chapter: int) -> str:
    return f"chapter-{chapter:02d}.yaml"


_OUT_NAME = re.compile(r"^chapter-\d{2}\.yaml$")


def generate(source_dir: Path, out_dir: Path, chapters: Sequence[int] | None = None) -> list[Path]:
    """(Re)write ``chapter-NN.yaml`` for each chapter (all of the source by default).

    Returns the paths written. When all chapters are generated, a ``chapter-NN.yaml`` of
    ``out_dir`` that the source no longer yields is removed, so the folder is the source's.
    """
    source = read_source(source_dir)
    wanted = sorted(n for n, c in source.items() if c.lines) if chapters is None else chapters
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for number in wanted:
        if number not in source or not source[number].lines:
            raise Gn11ParseError(f"chapter {number} has no rules in {source_dir}")
        path = out_dir / file_name(number)
        path.write_text(dump(build_chapter(source[number])), encoding="utf-8")
        written.append(path)
    if chapters is None:
        for stale in sorted(out_dir.glob("chapter-*.yaml")):
            if _OUT_NAME.match(stale.name) and stale not in written:
                stale.unlink()
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m roo_check.rulegen.gn11",
        description="Generate the USMCA product-specific rule files (one per chapter) from "
        "the GN 11 text in the source folder.",
    )
    parser.add_argument("--source", type=Path, required=True, help="folder of gn11_o_*.txt")
    parser.add_argument("--out", type=Path, required=True, help="folder for chapter-NN.yaml")
    args = parser.parse_args(argv)
    try:
        paths = generate(args.source, args.out)
    except Gn11ParseError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for path in paths:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
