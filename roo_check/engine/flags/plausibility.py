"""Economic plausibility flags: do the prices and the producer look like real production?

Prices are compared only in one currency: roo-check does no conversion, so an invoice line in
another currency than the good's cost sheet is not compared at all (and not flagged).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from decimal import Decimal

from roo_check.engine.flags.context import GoodContext, ShipmentContext, flag
from roo_check.hs.codes import dotted
from roo_check.models.findings import Evidence, Finding
from roo_check.models.shipment import InvoiceLine
from roo_check.money import display_money, display_percent, percent
from roo_check.rulebook.flag_params import NoParams, ProducerSpreadParams, ValueDeviationParams
from roo_check.rulebook.schema import FlagRule

_SPACES = re.compile(r"\s+")


def _invoice_lines(ctx: ShipmentContext) -> Iterator[tuple[int, InvoiceLine, GoodContext]]:
    """Invoice lines, their index and the good they invoice (lines for unknown goods skipped)."""
    shipment = ctx.shipment.shipment
    if shipment is None or shipment.invoice is None:
        return
    for index, line in enumerate(shipment.invoice.lines):
        good = ctx.good(line.good_part_number)
        if good is not None:
            yield index, line, good


def _price_evidence(ctx: ShipmentContext, index: int, line: InvoiceLine) -> Evidence:
    return Evidence(
        source=ctx.shipment_file,
        location=f"invoice.lines[{index}]",
        field="unit_price",
        value=f"{display_money(line.unit_price)} {line.currency}",
        note="invoice unit price",
    )


def material_cost(good: GoodContext) -> Decimal | None:
    """Sum of the materials incorporated in the good (no indirect materials or packing for
    shipment); None if there are none to add up."""
    lines = [m for m in good.direct if m.incorporated]
    if not lines or any(m.currency != good.good.currency for m in lines):
        return None
    return sum((m.value for m in lines), Decimal(0))


def check_price_below_cost(rule: FlagRule, params: NoParams, ctx: ShipmentContext) -> list[Finding]:
    """ECON001: the invoice unit price is below the cost of the good's direct materials."""
    findings = []
    for index, line, good in _invoice_lines(ctx):
        if line.currency != good.good.currency:
            continue
        cost = material_cost(good)
        if cost is None or line.unit_price >= cost:
            continue
        shortfall = cost - line.unit_price
        currency = line.currency
        part = good.good.part_number
        counted = [m for m in good.direct if m.incorporated]
        findings.append(
            flag(
                rule,
                good=part,
                subject=f"invoice price of {part}",
                message=(
                    f"{part} is invoiced at {display_money(line.unit_price)} {currency} a unit, "
                    f"{display_money(shortfall)} {currency} below the "
                    f"{display_money(cost)} {currency} its bill of materials says its "
                    "materials cost."
                ),
                figures={
                    "unit_price": display_money(line.unit_price),
                    "material_cost": display_money(cost),
                    "shortfall": display_money(shortfall),
                    "currency": currency,
                },
                threshold=f"material cost {display_money(cost)} {currency}",
                evidence=[
                    _price_evidence(ctx, index, line),
                    *(ctx.material_evidence(m, note="direct material counted") for m in counted),
                ],
            )
        )
    return findings


def check_value_deviation(
    rule: FlagRule, params: ValueDeviationParams, ctx: ShipmentContext
) -> list[Finding]:
    """ECON002: the cost sheet's transaction value is far from the invoiced unit price."""
    findings = []
    for index, line, good in _invoice_lines(ctx):
        value = good.good.transaction_value
        if value is None or line.currency != good.good.currency or line.unit_price == 0:
            continue
        deviation = percent(abs(value - line.unit_price), line.unit_price)
        if deviation <= params.max_deviation:
            continue
        currency = line.currency
        part = good.good.part_number
        findings.append(
            flag(
                rule,
                good=part,
                subject=f"transaction value of {part}",
                message=(
                    f"The transaction value of {part} ({display_money(value)} {currency}) "
                    f"differs by {display_percent(deviation)}% from its invoiced unit price "
                    f"({display_money(line.unit_price)} {currency}), more than the "
                    f"{params.max_deviation}% allowed."
                ),
                figures={
                    "transaction_value": display_money(value),
                    "unit_price": display_money(line.unit_price),
                    "deviation_percent": display_percent(deviation),
                    "currency": currency,
                },
                threshold=f"{params.max_deviation}%",
                evidence=[
                    Evidence(
                        source=ctx.goods_file,
                        location=f"good {part}",
                        field="transaction_value",
                        value=f"{display_money(value)} {currency}",
                        note="transaction value on the cost sheet",
                    ),
                    _price_evidence(ctx, index, line),
                ],
            )
        )
    return findings


def normalise_producer(name: str) -> str:
    """One key per producer: case, accents, punctuation and spacing ignored.

    ``"Motores del Bajío, S.A. de C.V."`` and ``"motores del bajio sa de cv"`` are the same.
    """
    decomposed = unicodedata.normalize("NFKD", name)
    kept = "".join(
        ch
        for ch in decomposed
        if not unicodedata.combining(ch) and not unicodedata.category(ch).startswith("P")
    )
    return _SPACES.sub(" ", kept.casefold()).strip()


def check_producer_spread(
    rule: FlagRule, params: ProducerSpreadParams, contexts: list[ShipmentContext]
) -> list[Finding]:
    """ECON003 (batch): one producer's goods span more HS chapters than a real plant makes."""
    by_producer: dict[str, list[tuple[ShipmentContext, GoodContext]]] = defaultdict(list)
    for ctx in contexts:
        for good in ctx.goods:
            key = normalise_producer(good.good.producer)
            if key:
                by_producer[key].append((ctx, good))
    findings = []
    for key in sorted(by_producer):
        entries = by_producer[key]
        chapters = sorted({g.good.hs_code[:2] for _, g in entries})
        if len(chapters) <= params.max_chapters:
            continue
        spellings = Counter(g.good.producer for _, g in entries)
        names = sorted(spellings)
        producer = min(names, key=lambda name: -spellings[name])  # most used, then first
        findings.append(
            flag(
                rule,
                good=None,
                subject=f"producer {producer}",
                message=(
                    f"{producer} is named as producer of goods in {len(chapters)} HS chapters "
                    f"({', '.join(chapters)}) in this batch, more than the "
                    f"{params.max_chapters} a real plant is expected to span."
                ),
                figures={
                    "chapters": str(len(chapters)),
                    "chapter_list": ", ".join(chapters),
                    "goods": str(len(entries)),
                    "names": "; ".join(names),
                },
                threshold=f"{params.max_chapters} chapters",
                evidence=[
                    Evidence(
                        source=ctx.goods_file,
                        location=f"good {g.good.part_number}",
                        field="hs_code",
                        value=f"{dotted(g.good.hs_code)} (chapter {g.good.hs_code[:2]})",
                        note=f"shipment {ctx.shipment.name}",
                        supplier=g.good.producer,
                    )
                    for ctx, g in sorted(
                        entries, key=lambda e: (e[0].shipment.name, e[1].good.part_number)
                    )
                ],
            )
        )
    return findings


CHECKS: dict[str, Callable] = {
    "plausibility_price_below_cost": check_price_below_cost,
    "plausibility_value_deviation": check_value_deviation,
    "plausibility_producer_spread": check_producer_spread,
}
