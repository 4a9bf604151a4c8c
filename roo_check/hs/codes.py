"""HS codes as the law writes them, and the ranges rules are made of.

A code is kept as its digits: 2 (chapter), 4 (heading), 6 (subheading), 8 or 10
(national tariff item, here the US HTSUS). Rules write them with dots, like the
law ("8466.93.15"); inputs may use either form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

_DOTTED = re.compile(r"^[0-9]{2}(?:[0-9]{2}(?:\.?[0-9]{2}(?:\.?[0-9]{2}(?:\.?[0-9]{2})?)?)?)?$")
"""ASCII digits only: a regex digit class would also match Arabic-Indic or fullwidth digits."""


class Level(StrEnum):
    """Classification levels, in the words of the law."""

    chapter = "chapter"
    heading = "heading"
    subheading = "subheading"
    tariff_item = "tariff_item"

    @property
    def digits(self) -> int:
        return _LEVEL_DIGITS[self]


_LEVEL_DIGITS = {Level.chapter: 2, Level.heading: 4, Level.subheading: 6, Level.tariff_item: 8}


def normalize(code: str) -> str:
    """Return the digits of an HS code, or raise ValueError naming the problem."""
    if type(code) is str and len(code) <= _REMEMBERED_CHARS:
        return _normalize_text(code)
    return _normalize(code)


_REMEMBERED_CHARS = 24
"""Longest text whose result is remembered: a code with its dots is 13 characters, and a
long cell (which is refused anyway) must not be held in the memo."""


@lru_cache(maxsize=16384)
def _normalize_text(code: str) -> str:
    """Remembered: a BOM repeats a few thousand codes over many lines, and the result (an
    immutable string, the same object for the same code) depends on the text alone."""
    return _normalize(code)


def _normalize(code: object) -> str:
    text = str(code).strip()
    if not text.isascii() and any(ch.isdigit() and not "0" <= ch <= "9" for ch in text):
        raise ValueError(f"{_shown(code)} is not an HS code: use plain digits 0-9")
    if not _DOTTED.match(text):
        raise ValueError(
            f"{_shown(code)} is not an HS code (expected 2, 4, 6, 8 or 10 digits, e.g. 8501.52)"
        )
    return text.replace(".", "")


def _shown(code: object) -> str:
    """The code as the user wrote it, quoted and cut short (a cell may hold 32,767 chars)."""
    text = repr(code)
    return text if len(text) <= 60 else text[:56] + "...'"


def level_of(digits: str) -> Level:
    return {2: Level.chapter, 4: Level.heading, 6: Level.subheading}.get(
        len(digits), Level.tariff_item
    )


def dotted(digits: str) -> str:
    """Write digits the way GN 11 does: 84, 8402, 8402.11, 8466.93.15."""
    if len(digits) <= 4:
        return digits
    parts = [digits[:4]] + [digits[i : i + 2] for i in range(4, len(digits), 2)]
    return ".".join(parts)


@dataclass(frozen=True, order=True)
class CodeRange:
    """An inclusive range of codes of one level ("headings 7208 through 7229")."""

    start: str
    end: str

    @classmethod
    def parse(cls, text: str) -> CodeRange:
        """Parse ``"8413.50"``, ``"8413.50-8413.60"`` or ``"7208-7229"``."""
        parts = [p.strip() for p in str(text).split("-")]
        if len(parts) == 1:
            start = end = normalize(parts[0])
        elif len(parts) == 2:
            start, end = normalize(parts[0]), normalize(parts[1])
        else:
            raise ValueError(f"{text!r} is not a code or a range of codes")
        if len(start) != len(end):
            raise ValueError(f"{text!r}: both ends of a range must be of the same level")
        if start > end:
            raise ValueError(f"{text!r}: the range runs backwards")
        return cls(start, end)

    @property
    def digits(self) -> int:
        return len(self.start)

    def match(self, code: str) -> bool | None:
        """Whether ``code`` (digits) falls in the range; None if the code is too coarse to say."""
        width = self.digits
        if len(code) >= width:
            return self.start <= code[:width] <= self.end
        # The code is coarser than the range: decided only if no code below it can be in range.
        lo, hi = self.start[: len(code)], self.end[: len(code)]
        if code < lo or code > hi:
            return False
        return None

    def __str__(self) -> str:
        if self.start == self.end:
            return dotted(self.start)
        return f"{dotted(self.start)}-{dotted(self.end)}"


def match_any(ranges: tuple[CodeRange, ...] | list[CodeRange], code: str) -> bool | None:
    """True if any range holds the code, None if undecidable at the code's precision."""
    undecided = False
    for rng in ranges:
        hit = rng.match(code)
        if hit:
            return True
        if hit is None:
            undecided = True
    return None if undecided else False
