"""US, USMCA and non-USMCA content of a good, as separate figures (issue: non-US content).

Since the 2025 Section 232 proclamations, a USMCA-qualifying vehicle or part may be tariffed
on its non-US content only; that is not the regional value content. The figures here come
from the BOM's declared countries of origin of the direct materials, the only origin data a
shipment file carries; "US content" in the proclamation's sense (parts wholly obtained,
produced entirely or substantially transformed in the US) rests on the suppliers' US-content
declarations, for which the country of origin is the proxy.
"""

from __future__ import annotations

from collections.abc import Collection
from decimal import Decimal

from roo_check.models.automotive_result import ContentFigures
from roo_check.models.goods import BomLine, Good

CITATION = (
    "Proclamation of 2025-03-26 under Section 232 of the Trade Expansion Act of 1962 "
    "(19 U.S.C. 1862), automobiles and automobile parts"
)


def _sum(lines: list[BomLine]) -> Decimal:
    return sum((line.value for line in lines), Decimal(0))


def content_figures(good: Good, direct: list[BomLine], parties: Collection[str]) -> ContentFigures:
    us = [m for m in direct if m.country_of_origin == "US"]
    usmca = [m for m in direct if m.country_of_origin in parties]
    other = [m for m in direct if m.country_of_origin and m.country_of_origin not in parties]
    unknown = [m for m in direct if not m.country_of_origin]
    if good.transaction_value is not None:
        basis, value = "transaction value", good.transaction_value
    elif good.net_cost is not None:
        basis, value = "net cost", good.net_cost
    else:
        basis, value = "no value given", None
    materials = _sum(direct)
    rest = None if value is None else value - materials
    us_content = _sum(us)
    non_us = None if value is None else value - us_content
    note = (
        "From the BOM's countries of origin of the direct materials; the value not in the "
        f"materials (assembly, overhead, profit) arises in {good.country_of_production}"
    )
    if good.country_of_production == "US" and non_us is not None and rest is not None:
        non_us -= rest
        note += ", so it is counted as US content in the non-US content figure"
    note += ". US content in the Section 232 sense needs the suppliers' US-content declarations."
    return ContentFigures(
        currency=good.currency,
        value_basis=basis,
        value=value,
        materials=materials,
        us_content=us_content,
        usmca_content=_sum(usmca),
        non_usmca_content=_sum(other),
        unknown_origin=_sum(unknown),
        not_in_materials=rest,
        non_us_content=non_us,
        note=note,
        citation=CITATION,
    )
