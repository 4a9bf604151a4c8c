"""Minimal processing: a foreign good passed through a Party with little or no production."""

from __future__ import annotations

from decimal import Decimal

from roo_check.engine.flags.context import ShipmentContext, flag
from roo_check.engine.process import step_words
from roo_check.models.findings import Evidence, Finding
from roo_check.money import display_money, display_percent, percent
from roo_check.rulebook.flag_params import (
    ConversionParams,
    DominantMaterialParams,
    SimpleStepsParams,
)
from roo_check.rulebook.schema import FlagRule


def dominant_material(
    rule: FlagRule, params: DominantMaterialParams, ctx: ShipmentContext
) -> list[Finding]:
    findings = []
    for g in ctx.goods:
        base = g.value
        same = [
            m
            for m in g.direct
            if m.incorporated and not m.counts_as_originating and m.hs_code[:6] == g.good.hs_code
        ]
        if not base or not same:
            continue
        top = max(same, key=lambda m: (m.value, m.part_number))
        share = percent(top.value, base)
        if share < params.min_share:
            continue
        findings.append(
            flag(
                rule,
                good=g.good.part_number,
                subject=f"material {top.part_number}",
                message=(
                    f"{top.part_number} ({top.description}), non-originating from "
                    f"{top.country_of_origin or 'an unknown country'}, is classified in the good's "
                    "own "
                    f"subheading {g.good.hs_code[:4]}.{g.good.hs_code[4:]} and makes up "
                    f"{display_percent(share)}% of its {g.value_basis}: the good looks like a "
                    "finished "
                    "foreign good relabelled or repackaged."
                ),
                figures={
                    "material_value": display_money(top.value),
                    "base": display_money(base),
                    "share": display_percent(share),
                },
                threshold=f"{params.min_share}%",
                evidence=[ctx.material_evidence(top, "same 6-digit subheading as the good")],
            )
        )
    return findings


def simple_steps(rule: FlagRule, params: SimpleStepsParams, ctx: ShipmentContext) -> list[Finding]:
    simple = {step_words(s) for s in params.simple_steps}
    findings = []
    for g in ctx.goods:
        steps = [step_words(s) for s in g.good.production_steps]
        if not steps or any(s not in simple for s in steps):
            continue
        findings.append(
            flag(
                rule,
                good=g.good.part_number,
                subject=f"good {g.good.part_number}",
                message=(
                    f"The only production steps stated for {g.good.part_number} are "
                    f"{', '.join(g.good.production_steps)}: simple operations confer no origin "
                    "unless "
                    "the product-specific rule is met, and are the classic circumvention signal."
                ),
                figures={"steps": "; ".join(g.good.production_steps)},
                evidence=[
                    Evidence(
                        source=ctx.goods_file,
                        location=f"good {g.good.part_number}",
                        field="production_steps",
                        value="; ".join(g.good.production_steps),
                        supplier=g.good.producer,
                    )
                ],
            )
        )
    return findings


def low_conversion(rule: FlagRule, params: ConversionParams, ctx: ShipmentContext) -> list[Finding]:
    findings = []
    for g in ctx.goods:
        tv = g.good.transaction_value
        materials = [m for m in g.direct if m.incorporated]
        if not tv or not materials:
            continue
        cost = sum((m.value for m in materials), Decimal(0))
        share = percent(tv - cost, tv)
        if share >= params.max_share:
            continue
        findings.append(
            flag(
                rule,
                good=g.good.part_number,
                subject=f"good {g.good.part_number}",
                message=(
                    f"Transaction value {display_money(tv)} {g.good.currency} leaves "
                    f"{display_money(tv - cost)} ({display_percent(share)}%) above the "
                    f"{display_money(cost)} of materials: little production is paid for."
                ),
                figures={
                    "transaction_value": display_money(tv),
                    "materials": display_money(cost),
                    "conversion_share": display_percent(share),
                },
                threshold=f"{params.max_share}%",
                evidence=[
                    Evidence(
                        source=ctx.goods_file,
                        location=f"good {g.good.part_number}",
                        field="transaction_value",
                        value=display_money(tv),
                        supplier=g.good.producer,
                    ),
                    Evidence(
                        source=ctx.bom_file,
                        field="extended_value",
                        value=f"{len(materials)} materials, {display_money(cost)}",
                    ),
                ],
            )
        )
    return findings


CHECKS = {
    "processing_dominant_material": dominant_material,
    "processing_simple_steps": simple_steps,
    "processing_low_conversion": low_conversion,
}
