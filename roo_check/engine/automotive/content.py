"""US, USMCA and non-USMCA content of a good, as separate figures (issue: non-US content).

Since the 2025 Section 232 proclamations, a USMCA-qualifying vehicle or part may be tariffed
on its non-US content only; that is not the regional value content, so it is reported as
its own figures. They come from the BOM's declared countries of origin of the direct
materials, the only origin data a shipment file carries. "US content" in the proclamation's
sense (parts wholly obtained, produced entirely or substantially transformed in the US)
rests on the suppliers' US-content declarations; the country of origin stands in for them.

The value not in the materials (assembly, overhead, profit) arises where the good is
produced. US content stays the US materials alone, so the figure reads the same for every
producer; for a good produced in the US that remaining value is taken out of the non-US
content, and the note says so.
"""

from __future__ import annotations

from decimal import Decimal

from roo_check.models.automotive_result import ContentFigures
from roo_check.models.goods import BomLine, Good

CITATION = (
    "Proclamation of 2025-03-26 under Section 232 (automobiles and automobile parts); "
    "19 U.S.C. 1862"
)
US = "US"
ZERO = Decimal(0)


def _sum(lines: list[BomLine]) -> Decimal:
    return sum((line.value for line in lines), ZERO)


def _value(good: Good) -> tuple[str, Decimal | None]:
    if good.transaction_value is not None:
        return "transaction value", good.transaction_value
    if good.net_cost is not None:
        return "net cost", good.net_cost
    return "no value given", None


def _note(good: Good, rest: Decimal | None) -> str:
    note = (
        "Separate figures from the BOM's declared countries of origin of the direct "
        "materials, not the regional value content; US content in the Section 232 sense "
        "(parts wholly obtained, produced entirely or substantially transformed in the US) "
        "needs the suppliers' US-content declarations, and the country of origin is used as "
        "its proxy."
    )
    if rest is None:
        return note + " Without a transaction value or net cost no share of the value is given."
    if rest < 0:
        return note + " The materials exceed the good's value: check the BOM and the value."
    if good.country_of_production == US:
        return note + (
            " The good is produced in the US, so the value not in the materials is taken out "
            "of the non-US content."
        )
    return note + (
        f" The value not in the materials arises in {good.country_of_production} and is "
        "non-US content."
    )


def content_figures(
    good: Good, direct: list[BomLine], parties: frozenset[str] | set[str]
) -> ContentFigures:
    """US, USMCA (``parties``), non-USMCA and unknown-origin content of the direct BOM."""
    basis, value = _value(good)
    materials = _sum(direct)
    us_content = _sum([m for m in direct if m.country_of_origin == US])
    rest = None if value is None else value - materials
    non_us = None if value is None else value - us_content
    if non_us is not None and rest is not None and rest > 0 and good.country_of_production == US:
        non_us -= rest
    return ContentFigures(
        currency=good.currency,
        value_basis=basis,
        value=value,
        materials=materials,
        us_content=us_content,
        usmca_content=_sum([m for m in direct if m.country_of_origin in parties]),
        non_usmca_content=_sum(
            [m for m in direct if m.country_of_origin and m.country_of_origin not in parties]
        ),
        unknown_origin=_sum([m for m in direct if not m.country_of_origin]),
        not_in_materials=rest,
        non_us_content=non_us,
        note=_note(good, rest),
        citation=CITATION,
    )
