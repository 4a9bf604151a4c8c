"""Chinese and other non-market content, unknown origins, and goods that pass by a hair."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from roo_check.engine.flags.context import GoodContext, ShipmentContext, flag
from roo_check.models.findings import Evidence, Finding, Status
from roo_check.models.goods import BomLine, OriginStatus
from roo_check.money import display_money, display_percent, percent
from roo_check.rulebook.flag_params import CountryShareParams, HuggingParams, UnknownShareParams
from roo_check.rulebook.schema import FlagRule


def country_content(g: GoodContext, countries: set[str]) -> tuple[Decimal, list[BomLine]]:
    """Value of the good's materials from ``countries``, looking through sub-assemblies.

    A material made in a country of concern counts whole; a sub-assembly made elsewhere
    counts for the parts of it that come from such a country (never more than its value).
    """
    children: dict[str, list[BomLine]] = defaultdict(list)
    for line in g.materials:
        if line.parent_part_number:
            children[line.parent_part_number].append(line)

    def walk(line: BomLine) -> tuple[Decimal, list[BomLine]]:
        if line.country_of_origin in countries:
            return line.value, [line]
        total, lines = Decimal(0), []
        for child in children.get(line.part_number, []):
            value, found = walk(child)
            total += value
            lines.extend(found)
        return min(total, line.value), lines

    total, lines = Decimal(0), []
    for line in g.direct:
        if not line.incorporated:
            continue
        value, found = walk(line)
        total += value
        lines.extend(found)
    return total, lines


def _names(countries: list[str]) -> str:
    return "/".join(countries)


def country_share(
    rule: FlagRule, params: CountryShareParams, ctx: ShipmentContext
) -> list[Finding]:
    countries = set(params.countries)
    findings = []
    for g in ctx.goods:
        base = g.value
        if not base:
            continue
        value, lines = country_content(g, countries)
        share = percent(value, base)
        if share <= params.max_share:
            continue
        findings.append(
            flag(
                rule,
                good=g.good.part_number,
                subject=f"good {g.good.part_number}",
                message=(
                    f"Materials from {_names(params.countries)} are worth {display_money(value)} "
                    f"{g.good.currency}, {display_percent(share)}% of the good's {g.value_basis}, "
                    f"above the {params.max_share}% screening threshold."
                ),
                figures={
                    "content_value": display_money(value),
                    "base": display_money(base),
                    "share": display_percent(share),
                    "countries": _names(params.countries),
                },
                threshold=f"{params.max_share}%",
                evidence=[ctx.material_evidence(m) for m in lines],
            )
        )
    return findings


def _quantities(ctx: ShipmentContext) -> dict[str, Decimal]:
    invoice = ctx.shipment.shipment.invoice if ctx.shipment.shipment else None
    quantities: dict[str, Decimal] = defaultdict(Decimal)
    if invoice:
        for line in invoice.lines:
            quantities[line.good_part_number] += line.quantity
    return quantities


def country_share_shipment(
    rule: FlagRule, params: CountryShareParams, ctx: ShipmentContext
) -> list[Finding]:
    countries = set(params.countries)
    quantities = _quantities(ctx)
    content = total = Decimal(0)
    weighted = []
    for g in ctx.goods:
        if not g.value:
            continue
        qty = quantities.get(g.good.part_number) or (Decimal(0) if quantities else Decimal(1))
        value, _ = country_content(g, countries)
        content += value * qty
        total += g.value * qty
        weighted.append((g, qty, value))
    if not total or len(weighted) < 2:
        return []  # one good: the per-good flag says it all
    share = percent(content, total)
    if share <= params.max_share:
        return []
    basis = "invoiced quantities" if quantities else "one of each good (no invoice)"
    return [
        flag(
            rule,
            good=None,
            subject=f"shipment {ctx.shipment.name}",
            message=(
                f"Across the shipment ({basis}), materials from {_names(params.countries)} make up "
                f"{display_percent(share)}% of the goods' value, above {params.max_share}%."
            ),
            figures={
                "content_value": display_money(content),
                "base": display_money(total),
                "share": display_percent(share),
                "weighting": basis,
            },
            threshold=f"{params.max_share}%",
            evidence=[
                Evidence(
                    source=ctx.goods_file,
                    location=f"good {g.good.part_number}",
                    field="quantity",
                    value=f"{qty} x {display_money(v)} content",
                    supplier=g.good.producer,
                )
                for g, qty, v in weighted
            ],
        )
    ]


def unknown_share(
    rule: FlagRule, params: UnknownShareParams, ctx: ShipmentContext
) -> list[Finding]:
    findings = []
    for g in ctx.goods:
        base = g.value
        unknown = [
            m
            for m in g.direct
            if m.incorporated
            and (m.origin_status is OriginStatus.unknown or m.country_of_origin is None)
        ]
        if not base or not unknown:
            continue
        value = sum((m.value for m in unknown), Decimal(0))
        share = percent(value, base)
        if share <= params.max_share:
            continue
        findings.append(
            flag(
                rule,
                good=g.good.part_number,
                subject=f"good {g.good.part_number}",
                message=(
                    f"{len(unknown)} material(s) worth {display_money(value)} {g.good.currency} "
                    f"({display_percent(share)}% of the good's {g.value_basis}) have no known "
                    "origin status or country: they count as non-originating and cannot be "
                    "screened."
                ),
                figures={
                    "unknown_value": display_money(value),
                    "base": display_money(base),
                    "share": display_percent(share),
                },
                threshold=f"{params.max_share}%",
                evidence=[
                    ctx.material_evidence(m, "origin status or country unknown") for m in unknown
                ],
            )
        )
    return findings


def _hugs(alt, params: HuggingParams) -> tuple[bool, str, dict[str, str]]:
    """Whether a passing alternative holds only by a hair, and the figures that show it."""
    if alt.de_minimis and alt.de_minimis.passed and alt.de_minimis.share is not None:
        dm = alt.de_minimis
        margin = dm.max_percent - dm.share
        if margin < params.de_minimis_margin:
            return (
                True,
                (
                    f"de minimis at {display_percent(dm.share)}% of the "
                    f"{(dm.base_name or '').replace('_', ' ')}"
                    f" is {display_percent(margin)} points under the {dm.max_percent}% limit"
                ),
                {"de_minimis_share": display_percent(dm.share), "limit": str(dm.max_percent)},
            )
        return False, "", {}
    passing = [r for r in alt.rvc if r.passed and r.rvc is not None]
    if not passing:
        return False, "", {}
    best = max(passing, key=lambda r: r.rvc - r.threshold)
    margin = best.rvc - best.threshold
    if margin < params.rvc_margin:
        method = best.method.replace("_", " ")
        return (
            True,
            (
                f"RVC {display_percent(best.rvc)}% ({method}) is {display_percent(margin)} points "
                f"above the {best.threshold}% threshold"
            ),
            {"rvc": display_percent(best.rvc), "method": method, "threshold": str(best.threshold)},
        )
    return False, "", {}


def threshold_hugging(rule: FlagRule, params: HuggingParams, ctx: ShipmentContext) -> list[Finding]:
    findings = []
    for g in ctx.goods:
        d = g.determination
        assert d is not None, "a good check runs in the map step, on full determinations"
        if d.status is not Status.originating or d.criterion != "B":
            continue
        passing = [a for a in d.alternatives if a.passed]
        verdicts = [_hugs(a, params) for a in passing]
        if not passing or not all(v[0] for v in verdicts):
            continue
        _, why, figures = verdicts[0]
        room = ""
        if d.headroom is not None:
            room = (
                f" It can absorb only {display_money(d.headroom.value)} {g.good.currency} more "
                "non-originating value"
                + (
                    f"; any one of {', '.join(d.headroom.critical_materials)} sourced from "
                    "China instead would make it fail."
                    if d.headroom.critical_materials
                    else "."
                )
            )
        findings.append(
            flag(
                rule,
                good=g.good.part_number,
                subject=f"good {g.good.part_number}",
                message=f"Originating by a hair: {why}.{room}",
                figures=figures,
                threshold=f"RVC margin {params.rvc_margin} points; de minimis margin "
                f"{params.de_minimis_margin} points",
                evidence=[
                    Evidence(
                        source=ctx.goods_file,
                        location=f"good {g.good.part_number}",
                        field="transaction_value",
                        value=display_money(g.good.transaction_value)
                        if g.good.transaction_value
                        else None,
                        note=f"rule {d.rule.id if d.rule else '-'}",
                        supplier=g.good.producer,
                    )
                ],
            )
        )
    return findings


CHECKS = {
    "content_country_share": country_share,
    "content_country_share_shipment": country_share_shipment,
    "content_unknown_share": unknown_share,
    "content_threshold_hugging": threshold_hugging,
}
