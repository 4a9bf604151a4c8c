"""What every part of the GN 11 reader shares: the error, extractor notes, HS codes in words.

Split out of :mod:`roo_check.rulegen.gn11` so that the source reader, the phrase reader and the
general-rule reader use one definition of "the legal text of a line" and of a code list.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from roo_check.hs.codes import CodeRange


class Gn11ParseError(ValueError):
    """The legal text says something the reader does not understand (never skipped silently)."""


# --------------------------------------------------------------------------------------------
# Text normalisation
# --------------------------------------------------------------------------------------------

_NOTE = re.compile(r"\s*\[([^\]]*)\]")
_WS = re.compile(r"\s+")


def strip_notes(text: str) -> tuple[str, list[str]]:
    """Cut ``[extractor notes]`` out of legal text; return (text, notes as printed).

    The notes are never legal text (the source README says so); whitespace is collapsed so that
    the same function gives the same text to the generator and to the traceability test.
    """
    notes = [f"[{m.group(1)}]" for m in _NOTE.finditer(text)]
    return _WS.sub(" ", _NOTE.sub("", text)).strip(), notes


# --------------------------------------------------------------------------------------------
# HS codes in legal text
# --------------------------------------------------------------------------------------------

LEVEL = r"(?:chapters?|headings?|subheadings?|tariff items?)"
CODE = r"(?:\d{2}(?:\d{2})?(?:\.\d{2}){0,3}|\d)(?!\d)"
"""A code as printed; a one-digit code is a chapter ("chapter 4")."""
_ONE = rf"{CODE}(?:\s+through\s+{CODE})?"
_SEP = r"(?:\s*,\s*or\s+|\s*,\s*|\s+or\s+|\s+and\s+)"
CODELIST = rf"{_ONE}(?:{_SEP}{_ONE})*"
_SEP_RE = re.compile(_SEP)
GROUP = re.compile(rf"(?P<level>{LEVEL})\s+(?P<codes>{CODELIST})", re.I)

_LEVEL_NAMES = {
    "chapter": "chapter",
    "heading": "heading",
    "subheading": "subheading",
    "tariff item": "tariff_item",
}
_LEVEL_DIGITS = {"chapter": (2,), "heading": (4,), "subheading": (6,), "tariff_item": (8, 10)}
_DIGITS_LEVEL = {2: "chapter", 4: "heading", 6: "subheading", 8: "tariff item", 10: "tariff item"}


def level_name(word: str) -> str:
    """'Tariff items' -> 'tariff_item' (the schema's spelling of a classification level)."""
    word = word.lower()
    return _LEVEL_NAMES[word[:-1] if word.endswith("s") else word]


def level_word_of(code: str) -> str:
    """The level a code is written at: '4107' -> 'heading', '9017.90.01' -> 'tariff item'."""
    digits = len(code.split("-")[0].replace(".", ""))
    if digits not in _DIGITS_LEVEL:
        raise Gn11ParseError(f"{code!r} is not an HS code")
    return _DIGITS_LEVEL[digits]


def parse_codes(level_word: str | None, text: str, notes: list[str]) -> list[str]:
    """Read "8413.50 through 8413.60, 8466.93.15 or 84.31" into codes written like the law.

    A heading printed with a dot ("heading 84.31 [sic]") is read as the heading (8431), and an
    8-digit code printed as a "subheading" ("subheading 9017.90.01") as the tariff item; both
    readings are recorded in ``notes``. Any other malformed code raises.
    """
    level = level_name(level_word) if level_word else None
    codes: list[str] = []
    for part in _SEP_RE.split(text.strip()):
        ends = []
        for end in re.split(r"\s+through\s+", part.strip()):
            if level == "heading" and re.fullmatch(r"\d{2}\.\d{2}", end):
                fixed = end.replace(".", "")
                notes.append(f'heading printed as "{end}" is read as heading {fixed}')
                end = fixed
            if level == "chapter" and re.fullmatch(r"\d", end):
                end = f"0{end}"
            digits = end.replace(".", "")
            if level == "subheading" and len(digits) == 8:
                notes.append(f'"{level_word} {end}" is read as tariff item {end} (8 digits)')
            elif level and len(digits) not in _LEVEL_DIGITS[level]:
                raise Gn11ParseError(f"{end!r} is not a {level_word}")
            ends.append(end)
        code = "-".join(ends)
        try:
            CodeRange.parse(code)
        except ValueError as exc:
            raise Gn11ParseError(str(exc)) from exc
        codes.append(code)
    return codes


def inside(inner: Sequence[str], outer: Sequence[str]) -> bool:
    """Whether every code of ``inner`` lies within one of the ranges of ``outer``."""
    outer_ranges = [CodeRange.parse(c) for c in outer]
    for code in inner:
        rng = CodeRange.parse(code)
        if not any(o.match(rng.start) and o.match(rng.end) for o in outer_ranges):
            return False
    return True


def same_codes(a: Sequence[str], b: Sequence[str]) -> bool:
    return inside(a, b) and inside(b, a)


def overlaps(a: Sequence[str], b: Sequence[str]) -> bool:
    """Whether some code of ``a`` and some code of ``b`` share a code at the coarser level."""
    for x in (CodeRange.parse(c) for c in a):
        for y in (CodeRange.parse(c) for c in b):
            width = min(x.digits, y.digits)
            if x.start[:width] <= y.end[:width] and y.start[:width] <= x.end[:width]:
                return True
    return False


def unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
