"""The HS nomenclature itself: which codes exist in an edition, and how editions correlate.

USMCA's Annex 4-B was written in HS2017; GN 11 and the HTSUS moved to HS2022 in 2022, and
suppliers still declare either. This module answers, from vendored data (see
``data/README.md``; "Source: UNSD correspondence tables"):

- ``exists`` / ``describe``: is ``8501.59`` a subheading of HS2022, and what is ``8501.52``;
- ``nearest``: the valid codes a mistyped code most likely meant;
- ``correlate`` / ``correlation``: the HS2022 codes an HS2017 (or HS2012) code became, and
  back.

The tables are read on first use and cached: importing this module costs nothing, so the
models can import it without slowing ``roo-check --version``. Codes are digits (dots are
accepted and dropped); a national tariff item (8 or 10 digits) is not part of the HS, so it
is judged by its HS6 subheading.
"""

from __future__ import annotations

import bisect
import csv
import functools
import gzip
import io
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Literal, get_args

from roo_check.hs.codes import normalize

Edition = Literal["HS2022", "HS2017"]
"""The editions an input (a good, a BOM line) may be declared in."""
INPUT_EDITIONS: tuple[str, ...] = get_args(Edition)
EDITIONS: tuple[str, ...] = (*INPUT_EDITIONS, "HS2012")
"""Every edition known. HS2012 is here only because GN 11 still prints a few HS2012 numbers
(8469, 8701.90, 2853.00): it is known by its codes and its correlation with HS2022 alone, with
no descriptions."""
CURRENT = "HS2022"

WASTE_HEADING = "8549"
"""HS2022 heading 8549 (electrical and electronic waste and scrap), new in HS2022."""

SLICES = """\
Why some links are set aside. HS2022 made new headings and subheadings out of a slice of
many older codes: 8549 (e-waste: UNSD links it with some 1,019 HS2017 subheadings), 8524
(flat panel display modules), 8541.51 (semiconductor sensors), 8806 (drones). UNSD records
each such move as an "n:n" link from every older code that gave goods to it. Reading from an
older edition into HS2022, an "n:n" link to another heading is taken for such a slice, and
set aside, when the older code also has links within its own heading (it keeps its meaning
there) or when the target heading is new in HS2022. A code whose links would all be set
aside keeps them all.
"""

_LEVEL_NAMES = {2: "chapter", 4: "heading", 6: "subheading"}


def _edition(edition: str) -> str:
    if edition not in EDITIONS:
        raise ValueError(f"unknown HS edition {edition!r} (known: {', '.join(EDITIONS)})")
    return edition


def _read_csv(name: str) -> list[list[str]]:
    raw = files("roo_check.hs").joinpath("data", name).read_bytes()
    text = gzip.decompress(raw).decode("utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    return rows[1:]


@dataclass(frozen=True)
class _Table:
    """One edition: every chapter, heading and subheading with its description."""

    descriptions: dict[str, str]
    subheadings: tuple[str, ...]
    headings: tuple[str, ...]
    chapters: tuple[str, ...]


@cache
def _table(edition: str) -> _Table:
    if edition == "HS2012":
        old = {hs2012 for _, hs2012, _ in _read_csv("hs2022_hs2012_correlation.csv.gz")}
        descriptions = {c: "" for s in old for c in (s[:2], s[:4], s)}
    else:
        descriptions = dict(_read_csv(f"{edition.lower()}.csv.gz"))
    by_level: dict[int, list[str]] = defaultdict(list)
    for code in descriptions:
        by_level[len(code)].append(code)
    return _Table(
        descriptions=descriptions,
        subheadings=tuple(sorted(by_level[6])),
        headings=tuple(sorted(by_level[4])),
        chapters=tuple(sorted(by_level[2])),
    )


Links = dict[str, tuple[tuple[str, str], ...]]


@cache
def _links(other: str) -> tuple[Links, Links]:
    """HS2022 -> [(older code, relationship)] and older code -> [(HS2022, relationship)].

    UNSD writes the relationship from HS2022 to the older edition ("n:1": several HS2022
    codes share one older code); the reverse index stores it turned round ("1:n").
    """
    forward: dict[str, list[tuple[str, str]]] = defaultdict(list)
    backward: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for new, old, relationship in _read_csv(f"hs2022_{other.lower()}_correlation.csv.gz"):
        forward[new].append((old, relationship))
        left, _, right = relationship.partition(":")
        backward[old].append((new, f"{right}:{left}"))
    return (
        {k: tuple(sorted(v)) for k, v in forward.items()},
        {k: tuple(sorted(v)) for k, v in backward.items()},
    )


def _digits(code: str) -> str:
    return normalize(code)


def _hs_part(digits: str) -> str:
    """A national tariff item is judged by its subheading: the HS stops at 6 digits."""
    return digits[:6] if len(digits) > 6 else digits


def level_name(code: str) -> str:
    """'chapter', 'heading' or 'subheading' (a tariff item is named by its HS6 part)."""
    return _LEVEL_NAMES[len(_hs_part(_digits(code)))]


def exists(code: str, edition: str = CURRENT) -> bool:
    """Whether the chapter, heading or subheading exists in the edition.

    A tariff item (8/10 digits) is national: only its HS6 subheading can be checked.
    """
    if type(code) is str and type(edition) is str and len(code) <= _REMEMBERED_CHARS:
        return _exists(code, edition)
    return _hs_part(_digits(code)) in _table(_edition(edition)).descriptions


_REMEMBERED_CHARS = 24
"""Longest code text whose answer is remembered (a dotted tariff item has 13 characters)."""


@functools.lru_cache(maxsize=16384)
def _exists(code: str, edition: str) -> bool:
    """Remembered: every BOM line asks, and the tables it reads never change once loaded."""
    return _hs_part(_digits(code)) in _table(_edition(edition)).descriptions


def edition_of(code: str) -> str | None:
    """The newest edition the code exists in (HS2022, else HS2017, else HS2012), or None."""
    return next((e for e in EDITIONS if exists(code, e)), None)


def describe(code: str, edition: str = CURRENT) -> str | None:
    """The (UN Comtrade condensed) description of a code; None if it does not exist (or HS2012)."""
    return _table(_edition(edition)).descriptions.get(_hs_part(_digits(code))) or None


def subheadings(edition: str = CURRENT) -> tuple[str, ...]:
    """Every 6-digit subheading of the edition, sorted."""
    return _table(_edition(edition)).subheadings


def headings(edition: str = CURRENT) -> tuple[str, ...]:
    return _table(_edition(edition)).headings


def chapters(edition: str = CURRENT) -> tuple[str, ...]:
    return _table(_edition(edition)).chapters


def codes_under(code: str, edition: str = CURRENT) -> tuple[str, ...]:
    """The subheadings a chapter, heading or subheading holds in the edition (empty if none)."""
    return _codes_under(_hs_part(_digits(code)), _edition(edition))


@functools.lru_cache(maxsize=4096)
def _codes_under(digits: str, edition: str) -> tuple[str, ...]:
    """Cached: the rule index asks for the same headings many times while it is built."""
    subheadings = _table(edition).subheadings
    start = bisect.bisect_left(subheadings, digits)
    found = []
    for code in subheadings[start:]:
        if not code.startswith(digits):
            break
        found.append(code)
    return tuple(found)


def _edit_distance(a: str, b: str) -> int:
    """Optimal-string-alignment distance: a swapped pair of digits is one typo, not two."""
    rows = [list(range(len(b) + 1))]
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            row[j] = min(rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], rows[i - 2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


def nearest(code: str, edition: str = CURRENT, n: int = 3) -> list[str]:
    """The ``n`` valid codes of the same level most likely meant by ``code``, sorted.

    Likeliness: fewest digit typos (a swap counts as one), then the same parent (siblings
    in the heading, or headings in the chapter), then the numerically closest. So
    ``8501.59`` gives 8501.51, 8501.52, 8501.53. A tariff item is judged by its subheading.
    """
    return list(_nearest(_hs_part(_digits(code)), _edition(edition), n))


@cache
def _nearest(digits: str, edition: str, n: int) -> tuple[str, ...]:
    table = _table(edition)
    pool = {6: table.subheadings, 4: table.headings, 2: table.chapters}[len(digits)]
    parent = digits[:-2] if len(digits) > 2 else ""
    value = int(digits)

    def likeliness(candidate: str) -> tuple[int, int, int]:
        return (
            _edit_distance(digits, candidate),
            0 if candidate.startswith(parent) else 1,
            abs(int(candidate) - value),
        )

    ranked = sorted((c for c in pool if c != digits), key=likeliness)
    return tuple(sorted(ranked[:n]))


@dataclass(frozen=True)
class Correlation:
    """What one code of one edition became in another, per the UNSD correlation table."""

    code: str
    from_edition: str
    to_edition: str
    targets: tuple[str, ...]
    """The subheadings of ``to_edition`` the code corresponds to (after setting aside)."""
    relationships: tuple[str, ...]
    """UNSD relationship labels of the links kept, oriented from -> to ("1:1", "1:n", ...)."""
    set_aside: tuple[str, ...] = ()
    """Targets left out as slices moved to a new HS2022 heading (see ``SLICES``)."""
    unmapped: tuple[str, ...] = ()
    """Source subheadings the UNSD table does not list at all (e.g. HS2017 3002.19)."""

    @property
    def unique(self) -> bool:
        return len(self.targets) == 1

    @property
    def identical(self) -> bool:
        """The same subheading, unchanged in scope, in both editions."""
        return self.targets == (self.code,) and self.relationships == ("1:1",)


def _without_slices(
    subheading: str, edition: str, links: tuple[tuple[str, str], ...]
) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """Split an older subheading's links into HS2022 (kept, set aside); see ``SLICES``."""
    own = any(target[:4] == subheading[:4] for target, _ in links)

    def slice_(link: tuple[str, str]) -> bool:
        target, relationship = link
        if relationship != "n:n" or target[:4] == subheading[:4]:
            return False
        return own or not exists(target[:4], edition)

    kept = {link for link in links if not slice_(link)}
    if not kept:
        return set(links), set()
    return kept, set(links) - kept


def correlation(
    code: str, from_edition: str, to_edition: str, *, include_slices: bool = False
) -> Correlation:
    """The ``to_edition`` subheadings corresponding to a code of ``from_edition``.

    One of the two editions is HS2022 (UNSD publishes the tables from the current edition).
    A heading or chapter correlates as the union of its subheadings. A code that does not
    exist in ``from_edition`` has no targets. Reading into HS2022, links that only record a
    slice of goods moved to a new heading are set aside unless ``include_slices`` (see
    ``SLICES``).
    """
    source, target = _edition(from_edition), _edition(to_edition)
    digits = _hs_part(_digits(code))
    if source == target:
        found = codes_under(digits, source)
        return Correlation(digits, source, target, found, ("1:1",) if found else ())
    if CURRENT not in (source, target):
        raise ValueError(f"no correlation table between {source} and {target}; go via HS2022")
    forward, backward = _links(target if source == CURRENT else source)
    index = forward if source == CURRENT else backward
    links: set[tuple[str, str]] = set()
    aside_links: set[tuple[str, str]] = set()
    unmapped: list[str] = []
    for subheading in codes_under(digits, source):
        found = index.get(subheading)
        if not found:
            unmapped.append(subheading)
        elif target == CURRENT and not include_slices:
            kept, dropped = _without_slices(subheading, source, found)
            links |= kept
            aside_links |= dropped
        else:
            links.update(found)
    aside = tuple(sorted({t for t, _ in aside_links} - {t for t, _ in links}))
    return Correlation(
        code=digits,
        from_edition=source,
        to_edition=target,
        targets=tuple(sorted({t for t, _ in links})),
        relationships=tuple(sorted({r for _, r in links})),
        set_aside=aside,
        unmapped=tuple(unmapped),
    )


def correlate(code: str, from_edition: str, to_edition: str) -> list[str]:
    """The ``to_edition`` subheadings a code corresponds to (see ``correlation`` for why)."""
    return list(correlation(code, from_edition, to_edition).targets)
