"""One good through Part 6: place it, stage its rule, then check what a vehicle also needs.

``prepare`` runs before the product-specific rule is evaluated (it gives the rule with the
staged thresholds and, when the producer averages, the averaged figures the RVC is taken
on); ``conclude`` runs after it and adds the vehicle's core parts, steel and aluminum and
labour value content checks. A vehicle is originating only if all of them pass (s. 14(4),
17(1), 18(1)-(2)); one "cannot decide" makes the vehicle "cannot decide".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from roo_check.engine.automotive.category import Placement, place_part, place_vehicle
from roo_check.engine.automotive.content import content_figures
from roo_check.engine.automotive.core_parts import check_core_parts
from roo_check.engine.automotive.lvc import check_lvc, high_wage_points
from roo_check.engine.automotive.schedule import as_threshold
from roo_check.engine.automotive.staging import Staged, stage
from roo_check.engine.automotive.steel_aluminum import check_steel_aluminum
from roo_check.engine.logic import Tri, all3
from roo_check.engine.rvc import rvc_value
from roo_check.models.automotive import AlternativeStagingRegime, AutomotiveFile, Averaging, Vehicle
from roo_check.models.automotive_result import AutoCheck, AutomotiveResult
from roo_check.models.goods import BomLine, Good
from roo_check.money import display_money, display_percent
from roo_check.rulebook.automotive import Automotive
from roo_check.rulebook.automotive_schema import VehicleCategory
from roo_check.rulebook.schema import ProductRule, Rvc

ASR_CATEGORIES = ("passenger_vehicle", "light_truck")
ASR_NAME = "alternative staging regime"


@dataclass(frozen=True)
class Prepared:
    placement: Placement
    staged: Staged | None
    asr: AlternativeStagingRegime | None
    rvc_good: Good
    rvc_vnm: Decimal | None
    averaging: Averaging | None
    lvc: AutoCheck | None = None
    """The vehicle's LVC check, computed once: s. 18(22) needs it before the rule is applied."""
    notes: list[str] = field(default_factory=list)


def _asr(
    producer: AutomotiveFile | None, good: Good, placement: Placement, on: dt.date
) -> AlternativeStagingRegime | None:
    """The approved regime that covers this vehicle on this date (s. 19(1), (2))."""
    regime = producer.alternative_staging_regime if producer else None
    if regime is None or placement.category is None:
        return None
    if placement.category.id not in ASR_CATEGORIES:
        return None
    if regime.vehicles and good.part_number not in regime.vehicles:
        return None
    if not regime.period.start <= on <= regime.period.end:
        return None
    return regime


def prepare(
    good: Good,
    rule: ProductRule | None,
    auto: Automotive | None,
    producer: AutomotiveFile | None,
    on: dt.date,
) -> Prepared | None:
    """Place the good; None when Part 6 does not concern it."""
    if auto is None:
        return None
    vehicle = producer.vehicle(good.part_number) if producer else None
    part = producer.part(good.part_number) if producer else None
    placement = place_vehicle(good, vehicle, auto) or place_part(good, part, auto)
    if placement is None:
        return None
    asr = _asr(producer, good, placement, on)
    notes: list[str] = []
    staged = None
    if rule is not None and not placement.missing:
        schedule = "AUTO-ASR-RVC" if asr else placement.schedule
        staged = stage(rule, placement, auto, on, schedule=schedule, approved=asr is not None)
    lvc = None
    category = placement.category
    if placement.kind == "vehicle" and category is not None and category.lvc_schedule:
        lvc = _lvc_check(good, vehicle, producer, category, auto, on, asr=asr is not None)
    if staged is not None and vehicle is not None and producer is not None and lvc is not None:
        staged = _excess_lvc_credit(staged, lvc, good, vehicle, producer, placement, auto, on)
    averaging = vehicle.averaging if vehicle else part.averaging if part else None
    rvc_good, rvc_vnm = good, None
    if placement.category is not None and good.product_kind is None:
        # The vehicle rules name "a passenger vehicle" (or "any other good"): the s. 12
        # definition the good was placed by answers the rule's question.
        rvc_good = good.model_copy(update={"product_kind": placement.category.name})
        notes.append(f"product kind for the rule: {placement.category.name} (s. 12 definition)")
    if averaging is not None:
        rvc_good = rvc_good.model_copy(
            update={
                "net_cost": averaging.net_cost,
                "transaction_value": averaging.transaction_value,
            }
        )
        rvc_vnm = averaging.vnm
        notes.append(
            f"RVC averaged over {averaging.category.value}, {averaging.period} "
            f"({averaging.basis} goods; s. 16)"
            + (
                "; estimated costs: a year-end analysis of actual costs is due (s. 16(9))"
                if averaging.estimated
                else ""
            )
        )
    return Prepared(placement, staged, asr, rvc_good, rvc_vnm, averaging, lvc, notes)


def _lvc_check(
    good: Good,
    vehicle: Vehicle | None,
    producer: AutomotiveFile | None,
    category: VehicleCategory,
    auto: Automotive,
    on: dt.date,
    *,
    asr: bool,
) -> AutoCheck:
    assert category.lvc_schedule is not None
    heavy = category.id == "heavy_truck"
    return check_lvc(
        vehicle.lvc if vehicle else None,
        producer.plants if producer else [],
        good.net_cost,
        auto,
        on,
        lvc_schedule=category.lvc_schedule,
        plant_schedule=category.assembly_plant_schedule or "AUTO-LVC-PLANT-PVLT",
        credit_schedule="AUTO-LVC-HWAC-HT" if heavy else "AUTO-LVC-HWAC-PVLT",
        asr=asr,
    )


def _excess_lvc_credit(
    staged: Staged,
    lvc: AutoCheck,
    good: Good,
    vehicle: Vehicle,
    producer: AutomotiveFile,
    placement: Placement,
    auto: Automotive,
    on: dt.date,
) -> Staged:
    """s. 18(22): until July 1, 2027, a heavy truck whose certified LVC passes with more than
    30 points of high-wage material and manufacturing expenditures may credit the points
    above 30 towards its s. 13 RVC, the RVC not going below 60%. The credit lowers the net
    cost threshold by those points, never under the 60% floor."""
    category = placement.category
    if category is None or category.id != "heavy_truck" or vehicle.lvc is None:
        return staged
    floor = auto.in_force("AUTO-HT-LVC-EXCESS", "rvc_floor", on)
    points_floor = auto.in_force("AUTO-HT-LVC", "high_wage_floor", on)
    if floor is None or floor.percent is None or points_floor is None:
        return staged
    points = high_wage_points(vehicle.lvc, producer.plants, good.net_cost, auto, on)
    total = auto.in_force("AUTO-HT-LVC", "lvc_total", on)
    if lvc.passed is not True or points is None or points_floor.percent is None:
        return staged
    if total is None or total.percent is None or Decimal(lvc.figures["lvc"]) <= total.percent:
        return staged  # "an LVC ... higher than 45%" (compared at the reported two decimals)
    credit = points - points_floor.percent
    if credit <= 0:
        return staged
    alternatives = []
    for alt in staged.rule.alternatives:
        if alt.rvc is None or alt.rvc.net_cost is None:
            alternatives.append(alt)
            continue
        lowered = max(alt.rvc.net_cost - credit, floor.percent)
        rvc = Rvc(net_cost=lowered, transaction_value=alt.rvc.transaction_value)
        alternatives.append(alt.model_copy(update={"rvc": rvc}))
    note = (
        f"{staged.note}; s. 18(22) excess LVC credit: {display_percent(credit)} high-wage "
        f"points above {points_floor.percent} lower the net cost threshold, not below "
        f"{floor.percent}% ({floor.citation}, to {floor.effective_to})"
    )
    rule = staged.rule.model_copy(update={"alternatives": alternatives})
    return Staged(rule=rule, thresholds=[*staged.thresholds, as_threshold(floor)], note=note)


def _rvc_check(prep: Prepared, psr_met: Tri, psr_reason: str, figures: dict[str, str]) -> AutoCheck:
    placement = prep.placement
    staged = prep.staged
    schedule = (
        staged.thresholds[0].schedule
        if staged and staged.thresholds
        else (placement.schedule or "AUTO-PSR")
    )
    reason = psr_reason if staged is None else f"{staged.note}; {psr_reason}"
    return AutoCheck(
        id=schedule,
        name="Product-specific rule with the Part 6 RVC threshold",
        passed=psr_met,
        figures=figures,
        thresholds=staged.thresholds if staged else [],
        citation=placement.citation,
        reason=reason,
    )


def _rvc_figures(prep: Prepared, good: Good, vnm: Decimal) -> dict[str, str]:
    figures: dict[str, str] = {}
    base_good, base_vnm = prep.rvc_good, prep.rvc_vnm if prep.rvc_vnm is not None else vnm
    if prep.averaging is not None:
        figures["averaging"] = (
            f"{prep.averaging.category.value}, {prep.averaging.period} ({prep.averaging.basis})"
        )
    figures["vnm"] = display_money(base_vnm)
    for key, base in (
        ("net_cost", base_good.net_cost),
        ("transaction_value", base_good.transaction_value),
    ):
        if base is not None and base > 0:
            figures[key] = display_money(base)
            figures[f"rvc_{key}"] = display_percent(rvc_value(base, base_vnm))
    return figures


def conclude(
    prep: Prepared,
    good: Good,
    direct: list[BomLine],
    vnm: Decimal,
    producer: AutomotiveFile | None,
    auto: Automotive,
    on: dt.date,
    parties: frozenset[str] | set[str],
    *,
    psr_met: Tri,
    psr_reason: str,
) -> AutomotiveResult:
    placement = prep.placement
    missing = list(placement.missing)
    checks: list[AutoCheck] = []
    if not placement.missing:
        checks.append(_rvc_check(prep, psr_met, psr_reason, _rvc_figures(prep, good, vnm)))
    category = placement.category
    vehicle = producer.vehicle(good.part_number) if producer else None
    if placement.kind == "vehicle" and category is not None:
        if category.core_parts:
            exempt = (
                f"eligible vehicle under the approved {ASR_NAME} {prep.asr.reference}: exempt "
                "from the core parts requirement (s. 19(5))"
                if prep.asr
                else None
            )
            checks.append(
                check_core_parts(
                    vehicle.core_parts if vehicle else None, direct, auto, on, exempt=exempt
                )
            )
        if category.steel_aluminum:
            checks.extend(
                check_steel_aluminum(
                    producer.steel_aluminum if producer else None, auto, on, asr=prep.asr
                )
            )
        if prep.lvc is not None:
            checks.append(prep.lvc)
    for check in checks:
        if check.passed is None:
            missing.extend(check.missing)
    passed = all3([c.passed for c in checks]) if checks else None
    notes = [*placement.notes, *prep.notes]
    if prep.asr:
        notes.append(
            f"eligible vehicle under the approved {ASR_NAME} {prep.asr.reference} "
            f"({prep.asr.period}): s. 19(4) requirements replace ss. 13-18"
        )
    return AutomotiveResult(
        kind=placement.kind,
        category=placement.name,
        schedule=checks[0].id if checks and not placement.missing else placement.schedule,
        basis=placement.basis,
        citation=placement.citation,
        regime=ASR_NAME if prep.asr else "standard",
        passed=passed,
        checks=checks,
        content=content_figures(good, direct, parties),
        missing=sorted(set(missing)),
        notes=notes,
    )
