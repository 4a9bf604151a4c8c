"""Matching a kind of good named in a rule ('gear boxes') with what the input states.

The law names some goods in words within one HS code. Inputs state ``product_kind``; we
compare normalised words (case, quotes, articles, plural 's') and nothing fuzzier: a
near-miss must not decide origin, so it is reported as a different kind.
"""

from __future__ import annotations

import re

_ARTICLES = re.compile(r"^(a|an|the)\s+")
_NON_WORD = re.compile(r"[\"'“”‘’()]")


def normalize_kind(text: str) -> str:
    words = _NON_WORD.sub("", text.lower())
    words = " ".join(words.split())
    words = _ARTICLES.sub("", words)
    return " ".join(_singular(w) for w in words.split())


def _singular(word: str) -> str:
    """'assemblies' -> 'assembly', 'cards' -> 'card': both sides of a comparison alike."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


def same_kind(stated: str | None, named: str) -> bool | None:
    """None when nothing was stated: the rule cannot be applied without it."""
    if stated is None or not stated.strip():
        return None
    return normalize_kind(stated) == normalize_kind(named)
