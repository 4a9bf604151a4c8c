"""The heading index (``Rulebook.for_code``) finds every rule a scan of the chapter finds.

Selecting a good's rule used to scan every rule of its chapter for every good; it is now a
lookup by heading. The lookup may return a few rules that do not match (the caller still
matches each), but never leaves out one that may, and keeps the chapter's order, so the
selection, its candidates and its messages are unchanged.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from roo_check.hs import nomenclature
from roo_check.hs.codes import match_any
from roo_check.rulebook.index import Rulebook
from roo_check.rulebook.load import load_rulebook


def _scanned(rulebook: Rulebook, code: str) -> list[str]:
    return [r.id for r in rulebook.in_chapter(code[:2]) if match_any(r.scope, code) is not False]


def _looked_up(rulebook: Rulebook, code: str) -> list[str]:
    return [r.id for r in rulebook.for_code(code) if match_any(r.scope, code) is not False]


def test_every_hs2022_heading_and_subheading_finds_what_the_scan_finds() -> None:
    rulebook = load_rulebook()
    codes = [*nomenclature.headings(), *nomenclature.subheadings()]
    assert len(codes) > 6000
    differing = [c for c in codes if _looked_up(rulebook, c) != _scanned(rulebook, c)]
    assert differing == []


@settings(max_examples=400, deadline=None)
@given(st.from_regex(r"\A(0[1-9]|[1-8][0-9]|9[0-7])[0-9]{2}([0-9]{2}){0,2}\Z"))
def test_any_code_finds_what_the_scan_finds(code: str) -> None:
    """Tariff items and headings the nomenclature does not have are looked up the same way."""
    rulebook = load_rulebook()
    assert _looked_up(rulebook, code) == _scanned(rulebook, code)


def test_the_lookup_is_narrower_than_the_chapter() -> None:
    """The point of the index: a heading's rules, not the chapter's."""
    rulebook = load_rulebook()
    assert len(rulebook.for_code("850152")) < len(rulebook.in_chapter("85")) / 10
