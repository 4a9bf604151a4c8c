"""``roo-check rules explain ORIG-4.18``: a Chapter 4 article as roo-check applies it.

Everything printed comes from the article's own data (rules/usmca/chapter-4-articles.yaml):
citation, period, statutory text, the readings roo-check takes, and the legal tables it
holds; the examples are computed by the engine on the spot.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from decimal import Decimal

from roo_check.engine.conditions import check_non_qualifying, check_transit, classify_operation
from roo_check.engine.facts import Facts
from roo_check.models.goods import Good
from roo_check.models.shipment import RoutingLeg
from roo_check.rulebook.chapter4_schema import (
    Article,
    Chapter4File,
    NonQualifyingArticle,
    SetsArticle,
    TransitArticle,
)
from roo_check.rulebook.schema import CriteriaFile

_PARTIES = frozenset({"US", "CA", "MX"})


def _wrap(text: str, indent: str = "    ") -> list[str]:
    """Wrapped at 96 columns; a "- " item's continuation lines align under its text."""
    rest = " " * len(indent) if indent.endswith("- ") else indent
    return textwrap.wrap(text, 96, initial_indent=indent, subsequent_indent=rest)


def list_articles(articles: Chapter4File, criteria: CriteriaFile) -> str:
    """Every Chapter 4 id ``rules explain`` answers to: the origin criteria and de minimis
    (the origin criteria file), then the articles and transit exceptions."""
    general, d = criteria.originating_goods, criteria.criterion_d
    rows = [
        (general.id, f"Originating goods (criteria A, B, C, E): {general.citation}"),
        (d.id, f"Criterion D: {d.citation}"),
    ]
    for dm in criteria.de_minimis:
        rows.append((dm.id, f"{dm.name}: {dm.citation}"))
        rows += [(w.id, f"De minimis by weight: {w.citation}") for w in dm.by_weight]
    rows += [(a.id, f"{a.name}: {a.citation}") for a in articles.articles()]
    rows += [(e.id, e.citation) for e in articles.transit.exceptions]
    width = max(len(rule_id) for rule_id, _ in rows)
    lines = ["CHAPTER 4 ARTICLES (id, name, citation)"]
    lines += [f"  {rule_id:<{width}} {text}" for rule_id, text in rows]
    return "\n".join(lines) + "\n"


def explain_article(target: str, articles: Chapter4File, on: dt.date) -> str | None:
    article = articles.article(target)
    if article is None:
        exception = next((e for e in articles.transit.exceptions if e.id == target.upper()), None)
        if exception is None:
            return None
        codes = ", ".join(str(c) for c in exception.goods)
        return (
            "\n".join(
                [
                    f"{exception.id}  {exception.citation}",
                    f"  Goods: {codes} (HS2022; printed as {exception.hs2017})"
                    + (f", only {' or '.join(exception.kinds)}" if exception.kinds else ""),
                    "  Legal text:",
                    *_wrap(f'"{exception.text}"'),
                    f"  Condition: the processing abroad {exception.condition}.",
                ]
            )
            + "\n"
        )
    in_force = "in force" if article.in_force(on) else "NOT in force"
    until = f" until {article.effective_to} (exclusive)" if article.effective_to else ""
    lines = [
        f"{article.id}  {article.name}",
        f"  Citation: {article.citation}",
        f"  Period: from {article.effective_from}{until} ({in_force} on {on})",
        "  Legal text (19 U.S.C. 4531):",
        *_wrap(f'"{article.text}"'),
    ]
    if article.readings:
        lines.append("  How roo-check applies it:")
        for reading in article.readings:
            lines += _wrap(reading, "    - ")
    lines += _tables(article)
    lines += _examples(article)
    return "\n".join(lines) + "\n"


def _tables(article: Article) -> list[str]:
    if isinstance(article, TransitArticle):
        out = ["  Operations allowed in a non-Party (Art. 4.18(a)), as routing files state them:"]
        out += [f"    {op.operation}: {', '.join(op.words)}" for op in article.permitted]
        out.append(
            f"    only when required by the importing Party: "
            f"{', '.join(article.required_by_importing_party)} "
            f"(stated with: {', '.join(article.required_words)})"
        )
        out.append("  Operations that end originating status: " + ", ".join(article.not_permitted))
        out.append("  Goods the chapter 85 notes exempt (SOR/2020-155 s. 10(3)):")
        out += [
            f"    {e.id}: {', '.join(str(c) for c in e.goods)}"
            + (f" ({' or '.join(e.kinds)})" if e.kinds else "")
            for e in article.exceptions
        ]
        return out
    if isinstance(article, NonQualifyingArticle):
        return [
            "  Production steps that state dilution: " + ", ".join(article.dilution_words),
            "  Steps that do not count as processing beside it: "
            + ", ".join(article.ancillary_steps),
        ]
    if isinstance(article, SetsArticle):
        return [f"  Threshold: non-originating goods at most {article.max_percent}% of the set"]
    return []


def _examples(article: Article) -> list[str]:
    if isinstance(article, TransitArticle):
        return _transit_examples(article)
    if isinstance(article, NonQualifyingArticle):
        return _dilution_examples(article)
    return []


def _good(**fields: object) -> Good:
    base = {
        "part_number": "EX-1",
        "description": "example good",
        "hs_code": "850152",
        "producer": "Example SA de CV",
        "country_of_production": "MX",
        "currency": "USD",
        "transaction_value": Decimal(100),
    }
    return Good.model_validate({**base, **fields})


def _transit_examples(article: TransitArticle) -> list[str]:
    def leg(control: bool | None, operations: list[str]) -> tuple[RoutingLeg, ...]:
        return (
            RoutingLeg(
                from_place="Manzanillo",
                from_country="MX",
                to_place="Colon Free Zone",
                to_country="PA",
                under_customs_control=control,
                operations=operations,
            ),
            RoutingLeg(
                from_place="Colon Free Zone",
                from_country="PA",
                to_place="Long Beach",
                to_country="US",
                under_customs_control=True,
            ),
        )

    cases = [
        ("under customs control, unloading and storage", leg(True, ["unloading", "storage"])),
        ("under customs control, relabelling", leg(True, ["relabelling"])),
        ("out of customs control", leg(False, ["storage"])),
        ("control not stated", leg(None, ["unloading"])),
    ]
    out = ["  Examples (computed by roo-check): a motor of 8501.52 routed MX -> PA -> US,"]
    for label, routing in cases:
        result = check_transit(_good(), Facts(routing=routing), article, _PARTIES)
        out += _wrap(f"{label}: {result.outcome.value.upper()}: {result.reason}", "    - ")
    kind, words = classify_operation("labelling required by the importing party", article)
    out.append(f"    - 'labelling required by the importing party' is {kind} ({words})")
    return out


def _dilution_examples(article: NonQualifyingArticle) -> list[str]:
    out = ["  Examples (computed by roo-check):"]
    for steps in (["dilution with water", "bottling"], ["blending", "dilution", "filtration"]):
        result = check_non_qualifying(_good(production_steps=steps), article)
        out += _wrap(
            f"{'; '.join(steps)}: {result.outcome.value.upper()}: {result.reason}", "    - "
        )
    return out
