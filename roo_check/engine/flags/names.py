"""Comparing the names of parties as people write them on certificates and invoices.

The same company appears as "Motores del Bajío, S.A. de C.V." on the certificate and
"MOTORES DEL BAJIO SA DE CV" on the invoice. Before comparing, both are reduced to the
same plain form: case folded, accents stripped, punctuation turned into spaces, the legal
form at the end dropped and spaces collapsed. What is left is compared with
``difflib.SequenceMatcher`` so that a typo still matches while another company does not.

A finding must let an auditor see why two names were (not) taken as the same party, so
:class:`NameComparison` keeps both names as written and both normalised forms.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal
from difflib import SequenceMatcher

DEFAULT_MIN_SIMILARITY = Decimal("0.85")
"""Used where a check has no threshold of its own (the certifier-role check)."""

DEFAULT_LEGAL_SUFFIXES: tuple[str, ...] = (
    "s a de c v",
    "sa de cv",
    "s de rl de cv",
    "s de r l de c v",
    "sapi de cv",
    "sa",
    "s a",
    "inc",
    "incorporated",
    "llc",
    "l l c",
    "ltd",
    "limited",
    "corp",
    "corporation",
    "co",
    "company",
    "gmbh",
    "ag",
    "ulc",
    "lp",
    "llp",
    "plc",
    "bv",
    "srl",
    "spa",
    "co ltd",
    "pvt ltd",
)
"""The legal forms of rules/risk/certificate.yaml (CERT008), for checks that take no params."""

# Stated values Annex 5-A allows in place of a party's details, in the three languages a
# certification may be written in (English, Spanish, French), in normalised form.
_VARIOUS = ("various", "varios", "varias", "divers", "diverses")
_UPON_REQUEST = (
    "available upon request",
    "available on request",
    "disponible a solicitud",
    "disponible a peticion",
    "disponible sur demande",
)
_UNKNOWN = ("unknown", "desconocido", "inconnu")


def plain(text: str) -> str:
    """Case-folded text without accents or punctuation, single spaces: for addresses too."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    spaced = "".join(c if c.isalnum() else " " for c in letters)
    return " ".join(spaced.split())


def normalise_name(name: str, legal_suffixes: Iterable[str] = DEFAULT_LEGAL_SUFFIXES) -> str:
    """The name in plain form with trailing legal forms ("SA de CV", "Co Ltd") removed.

    Suffixes are normalised the same way as the name, so "S.A. de C.V." in a configuration
    works; the longest is tried first and removal repeats ("Foo Co., Ltd." loses both). A
    name made only of a legal form is kept as it is rather than reduced to nothing.
    """
    words = plain(name).split()
    suffixes = sorted(
        {tuple(plain(s).split()) for s in legal_suffixes if plain(s)}, key=len, reverse=True
    )
    changed = True
    while changed:
        changed = False
        for suffix in suffixes:
            if len(words) > len(suffix) and tuple(words[-len(suffix) :]) == suffix:
                words = words[: -len(suffix)]
                changed = True
                break
    return " ".join(words)


def similarity(a: str, b: str) -> Decimal:
    """SequenceMatcher ratio of two normalised strings, floored to three decimals.

    The floor makes the figure shown in a finding the figure compared with the threshold
    (0.8499 shows as 0.849 and fails 0.85, never as a misleading 0.85). The pair is sorted
    first because the ratio can depend on argument order.
    """
    if not a and not b:
        return Decimal(1)
    first, second = sorted((a, b))
    ratio = SequenceMatcher(None, first, second, autojunk=False).ratio()
    return Decimal(repr(ratio)).quantize(Decimal("0.001"), rounding=ROUND_FLOOR)


@dataclass(frozen=True)
class NameComparison:
    """Two names as written, their normalised forms, and whether they name the same party."""

    left: str
    right: str
    left_normalised: str
    right_normalised: str
    similarity: Decimal
    threshold: Decimal

    @property
    def same(self) -> bool:
        return self.similarity >= self.threshold

    def explain(self) -> str:
        """What differed, for an auditor: both names and what was compared."""
        return (
            f"{self.left!r} (normalised {self.left_normalised!r}) vs {self.right!r} "
            f"(normalised {self.right_normalised!r}): similarity {self.similarity}, "
            f"{'at or above' if self.same else 'below'} {self.threshold}"
        )


def compare_names(
    left: str,
    right: str,
    threshold: Decimal = DEFAULT_MIN_SIMILARITY,
    legal_suffixes: Iterable[str] = DEFAULT_LEGAL_SUFFIXES,
) -> NameComparison:
    suffixes = tuple(legal_suffixes)
    a = normalise_name(left, suffixes)
    b = normalise_name(right, suffixes)
    return NameComparison(left, right, a, b, similarity(a, b), threshold)


def placeholder(name: str | None) -> str | None:
    """Which stated value stands in for a party: 'various', 'upon request', 'unknown' or None.

    Annex 5-A lets the producer be "Various" or "Available upon request by the importing
    authorities", and a producer certifier write "Unknown" for an exporter it does not know.
    Such a value is a statement, not a name to compare.
    """
    if not name:
        return None
    text = plain(name)
    # "Various (see list)" is common in English; "Varios ..." may begin a company name.
    if text in _VARIOUS or text.startswith("various "):
        return "various"
    if any(text.startswith(v) for v in _UPON_REQUEST):
        return "upon request"
    if text in _UNKNOWN:
        return "unknown"
    return None
