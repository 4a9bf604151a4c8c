"""Matching the kinds of good a rule names in words ('gear boxes') with what the input states.

The law names some goods in words within one HS code, often several at once: "mounted brake
linings or parts of brakes or servo-brakes" names three kinds. ``kinds_of`` splits such an
"or" list into its kinds, distributing a shared head where the English plainly does ("parts
of brakes or servo-brakes" is parts of brakes and parts of servo-brakes). Where the grammar
is not plain (an adjective list, an "or" inside a qualifier) the phrase stays whole unless
the rule set's kind table (``rules/usmca/kinds.yaml``) states its kinds with the reason.

A stated ``product_kind`` matches a phrase when it names the whole phrase or one of its kinds.
Words are compared forgiving only case, quotes, brackets, articles, hyphen or space, plural
-s/-es/-ies and British/American spelling; a near-miss must not decide origin, so anything
else is a different kind, and ``KindMatch.note`` says which kinds the rule names.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from roo_check.engine.logic import Tri
from roo_check.rulebook.kinds_schema import KindTable

# ------------------------------------------------------------------ comparing words

_ARTICLES = {"a", "an", "the"}
_QUOTES = re.compile(r"[\"'“”‘’`]")  # "men's" is "mens", a quoted "smart card" a smart card
_PUNCTUATION = re.compile(r"[()\[\],;:.]")
_OUR_KEEP = {"flour", "scour", "devour", "contour", "detour", "velour", "paramour"}
_RE_ER = re.compile(r"(fib|cent|met|lit|lust|calib|sab|spect|scept|theat|meag|goit)re(d)?$")
_OUR = re.compile(r"(?<=[a-z]{2})our(ed|ing|less|ful|ite)?$")
_ISE = re.compile(r"(?<=[a-z]{3})is(e|ed|es|ing|er|ers|ation|ations)$")
_YSE = re.compile(r"(?<=[a-z]{3})ys(e|ed|es|ing|er|ers)$")
_BRITISH = {
    "aluminium": "aluminum",
    "analogue": "analog",
    "catalogue": "catalog",
    "grey": "gray",
    "jewellery": "jewelry",
    "mould": "mold",
    "moulded": "molded",
    "moulding": "molding",
    "plough": "plow",
    "sulphur": "sulfur",
    "sulphate": "sulfate",
    "sulphide": "sulfide",
    "tyre": "tire",
    "programme": "program",
    "manoeuvre": "maneuver",
    "storey": "story",
    "kerb": "curb",
}


def _american(word: str) -> str:
    """One spelling of a word for both sides: 'colour' -> 'color', 'fibre' -> 'fiber'."""
    if word in _BRITISH:
        return _BRITISH[word]
    word = _RE_ER.sub(lambda m: m.group(1) + "er" + (m.group(2) or ""), word)
    if word not in _OUR_KEEP:
        word = _OUR.sub(lambda m: "or" + (m.group(1) or ""), word)
    word = _ISE.sub(lambda m: "iz" + m.group(1), word)
    return _YSE.sub(lambda m: "yz" + m.group(1), word)


def _singulars(word: str) -> set[str]:
    """The forms a word may have in the singular: 'assemblies' is 'assembly', 'boxes' 'box'."""
    forms = {word}
    if len(word) > 4 and word.endswith("ies"):
        forms |= {word[:-3] + "y", word[:-1]}
    elif len(word) > 3 and word.endswith("es") and word[:-2].endswith(("s", "x", "z", "ch", "sh")):
        forms |= {word[:-2], word[:-1]}
    elif len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        forms.add(word[:-1])
    return forms


@functools.lru_cache(maxsize=4096)
def _words(text: str) -> tuple[frozenset[str], ...]:
    """A phrase as its words, each the set of spellings it may stand for."""
    plain = _PUNCTUATION.sub(" ", _QUOTES.sub("", text.lower()))
    plain = plain.replace("-", " ").replace("–", " ")
    words = plain.split()
    if words and words[0] in _ARTICLES:
        words = words[1:]
    return tuple(
        frozenset(form for f in _singulars(_american(w)) for form in {f, _american(f)})
        for w in words
    )


def _same_words(one: str, other: str) -> bool:
    a, b = _words(one), _words(other)
    return bool(a) and len(a) == len(b) and all(x & y for x, y in zip(a, b, strict=True))


# ------------------------------------------------------------------ splitting "or" lists

# Words that make an "or" part of a description of one good rather than a list of goods:
# "whether or not plaited", "crushed or ground", "15 or fewer persons", "solely or
# principally for off-road use", "other than ... or ...", "of a kind used ... or ...".
_NOT_A_LIST = re.compile(
    r"\b(whether|neither|nor|not|than|except|excluding|exceeding|more|less|fewer|solely|"
    r"principally|which|that|such|used|kind|for|as|but|if|crushed|ground|incorporating)\b|\d"
)
_BRACKETED = re.compile(r"\([^()]*\)|\"[^\"]*\"|“[^”]*”")
_PREPOSITION = re.compile(r"^(with|of|in|on|from|based)\b")
_QUALIFIED = re.compile(r" (?:of|with|in|on|from|for|based) ")
_HIDDEN = 0xF0000  # private-use characters stand in for hidden text: no digits, no spaces


def _masked(phrase: str) -> tuple[str, list[str]]:
    """Brackets and quotations hidden, so an "or" inside them is not taken for the list's."""
    hidden: list[str] = []

    def hide(match: re.Match[str]) -> str:
        hidden.append(match.group(0))
        return chr(_HIDDEN + len(hidden) - 1)

    return _BRACKETED.sub(hide, phrase), hidden


def _unmasked(text: str, hidden: list[str]) -> str:
    return "".join(hidden[ord(c) - _HIDDEN] if ord(c) >= _HIDDEN else c for c in text)


def _items(masked: str) -> list[str] | None:
    """'A, B or C' -> [A, B, C]; None when commas sit anywhere but in a leading list."""
    parts = [p.strip() for p in masked.split(" or ")]
    head, rest = parts[0], parts[1:]
    if any("," in p for p in rest):
        return None
    listed = [i.strip() for i in head.split(",") if i.strip()]
    items = listed + rest
    return items if all(items) else None


def _head(item: str) -> str:
    return _QUALIFIED.split(item, maxsplit=1)[0]


def _may_share(item: str, later: list[str]) -> bool:
    """Whether an item may share words with a longer one after it ("woven or knitted fabric",
    "hides or skins of camels", "window or wall type machines"): then the table must say."""
    if len(item.split()) == 1 and any(len(other.split()) > 1 for other in later):
        return True
    return any(len(item.split()) < len(_head(other).split()) for other in later)


def _distributed(items: list[str]) -> list[str] | None:
    """Shared heads carried forward: 'parts of brakes or servo-brakes', 'mixtures with a
    basis of X or with a basis of Y'. None where the reading is not plain."""
    resolved: list[str] = []
    for index, item in enumerate(items):
        previous = resolved[-1] if resolved else ""
        start = _PREPOSITION.match(item)
        if start:
            word = f" {start.group(1)} "
            if word not in f" {previous} ":
                return None
            item = previous.split(word, 1)[0] + " " + item
        elif " of " in previous and " of " not in item:
            item = previous.split(" of ", 1)[0] + " of " + item
        elif _may_share(item, items[index + 1 :]):
            return None
        resolved.append(item)
    return resolved


@functools.lru_cache(maxsize=4096)
def _plain_split(phrase: str) -> tuple[str, ...]:
    masked, hidden = _masked(phrase)
    if " or " not in masked or _NOT_A_LIST.search(masked.lower()):
        return (phrase,)
    items = _items(masked)
    resolved = _distributed(items) if items else None
    if not resolved:
        return (phrase,)
    return tuple(_unmasked(i, hidden) for i in resolved)


def kinds_of(phrase: str, table: KindTable | None = None) -> list[str]:
    """The kinds of good a phrase of a rule names: its "or" list split, or the whole phrase.

    ``table`` is the rule set's kind table (``Rulebook.kinds``); its reading of a phrase wins
    over the plain grammar.
    """
    explicit = table.split(phrase) if table is not None else None
    if explicit is not None:
        return list(explicit)
    return list(_plain_split(phrase))


# ------------------------------------------------------------------ matching


@dataclass(frozen=True)
class KindMatch:
    """Whether a stated product_kind is one of the kinds a rule names, and which those are."""

    matched: Tri
    stated: str | None
    kinds: tuple[str, ...]

    @property
    def note(self) -> str:
        """What to tell the reader when a stated kind is none of the rule's: never silent."""
        if self.matched is not False or self.stated is None:
            return ""
        return f"product_kind '{self.stated}' is none of the kinds the rule names: " + "; ".join(
            self.kinds
        )


def _names(kind: str, table: KindTable | None) -> list[str]:
    """A kind and the other words in which the law names the same good."""
    if table is None:
        return [kind]
    found = [kind]
    for group in table.same:
        if any(_same_words(kind, name) for name in group):
            found += [n for n in group if n not in found]
    return found


def match_kinds(
    stated: str | None, phrases: Sequence[str], table: KindTable | None = None
) -> KindMatch:
    """Whether ``stated`` names one of the goods ``phrases`` name (each phrase, or a kind of
    it); None when nothing was stated, since the rule cannot be applied without it."""
    kinds: list[str] = []
    for phrase in phrases:
        kinds += [k for k in kinds_of(phrase, table) if k not in kinds]
    if stated is None or not stated.strip():
        return KindMatch(None, None, tuple(kinds))
    candidates = [*phrases, *(n for k in kinds for n in _names(k, table))]
    hit = any(_same_words(stated, c) for c in candidates)
    return KindMatch(hit, stated.strip(), tuple(kinds))


def match_kind(stated: str | None, named: str, table: KindTable | None = None) -> KindMatch:
    return match_kinds(stated, [named], table)


def same_kind(stated: str | None, named: str, table: KindTable | None = None) -> Tri:
    """None when nothing was stated: the rule cannot be applied without it."""
    return match_kind(stated, named, table).matched
