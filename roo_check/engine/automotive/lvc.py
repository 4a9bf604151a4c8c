"""Labour value content of a vehicle (SOR/2020-155, s. 18; s. 19(4)(d) under an ASR).

s. 18(6): LVC = (HWLC + HWM) / NC x 100 + HWTC + HWAC (net cost formula), or
(APV + HWLC) / (TAPV + HWLC) x 100 + HWTC + HWAC (annual purchase value formula, HWLC in
both or neither). Only the labour of a qualifying wage-rate vehicle assembly plant and the
materials of a qualifying wage-rate production plant count: an average base hourly wage of
US$16 in the US, CA$20.88 in Canada, MXN$294.22 in Mexico (s. 12). High-wage transport
costs not already in the materials may be added to them (s. 18(20)). The technology credit
is R&D and IT wages over direct production wages x 100 (s. 18(9)-(10)); the assembly credit
is 5 points for a high-wage engine, transmission or battery plant of the s. 12 capacity
that the producer operates or has a contract of three years or more with (s. 18(12)-(14)).
The high-wage material and labour points must reach the floor, and the total the LVC
threshold. Both credits are optional: without their figures they count 0.

A plant whose wage cannot be judged (no wage, or a wage in another currency than the one
the regulation states for its country) is not guessed at: the check passes if it passes
without that plant's amounts, fails if it fails even with them, and is "cannot decide"
otherwise, naming the plant and the field.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from roo_check.engine.automotive.plants import assembly_credit, plant_statuses
from roo_check.engine.automotive.schedule import fixed, threshold
from roo_check.engine.logic import Tri
from roo_check.models.automotive import Lvc, Plant, PlantAmount, PlantRole
from roo_check.models.automotive_result import AutoCheck, Threshold
from roo_check.money import display_money, display_percent, percent
from roo_check.rulebook.automotive import Automotive

CHECK_ID = "AUTO-LVC"
NAME = "Labour value content"
MEASURES = ("lvc_total", "high_wage_floor", "technology_cap", "assembly_cap")
ASR_SCHEDULE = "AUTO-ASR-LVC"
ZERO = Decimal(0)


@dataclass(frozen=True)
class Counted:
    """The amounts of the formula: counted (plant qualifies) and open (plant undecided)."""

    labour: Decimal = ZERO
    materials: Decimal = ZERO
    open_labour: Decimal = ZERO
    open_materials: Decimal = ZERO
    notes: list[str] = field(default_factory=list)


def _count(
    amounts: list[PlantAmount], status: dict[str, Tri], roles: dict[str, PlantRole], labour: bool
) -> tuple[Decimal, Decimal, list[str]]:
    """(counted, open, notes): HWLC only from vehicle assembly plants (s. 12 "HWLC")."""
    counted, undecided, notes = ZERO, ZERO, []
    for a in amounts:
        if labour and a.plant in roles and roles[a.plant] is not PlantRole.vehicle_assembly:
            notes.append(
                f"labour of plant {a.plant} not counted: HWLC is wages at a vehicle assembly plant"
            )
            continue
        state = status.get(a.plant)
        if state is True:
            counted += a.amount
        elif state is None:
            undecided += a.amount
    return counted, undecided, notes


def count_amounts(lvc: Lvc, status: dict[str, Tri], plants: dict[str, Plant]) -> Counted:
    roles = {p.id: p.role for p in plants.values()}
    labour, open_labour, notes = _count(lvc.high_wage_labour, status, roles, labour=True)
    materials, open_materials, _ = _count(lvc.high_wage_materials, status, roles, labour=False)
    return Counted(labour, materials, open_labour, open_materials, notes)


def _base(lvc: Lvc, vehicle_net_cost: Decimal | None) -> Decimal | None:
    base = (
        (lvc.net_cost if lvc.net_cost is not None else vehicle_net_cost)
        if lvc.method == "net cost"
        else lvc.total_annual_purchase_value
    )
    return base if base is not None and base > 0 else None


def points(lvc: Lvc, base: Decimal, labour: Decimal, materials: Decimal) -> Decimal:
    """The high-wage material and labour points of s. 18(6), transport in the materials."""
    materials += lvc.high_wage_transport or ZERO
    if lvc.method == "net cost":
        return percent(labour + materials, base)
    if lvc.include_labour_in_apv:
        return percent(materials + labour, base + labour)
    return percent(materials, base)


def high_wage_points(
    lvc: Lvc,
    plants: list[Plant],
    vehicle_net_cost: Decimal | None,
    auto: Automotive,
    on: dt.date,
) -> Decimal | None:
    """High-wage material and labour points, unrounded, for the s. 18(22) heavy-truck credit.

    None when the formula has no base or a plant holding amounts cannot be judged: a credit
    towards the RVC must not rest on a plant that may not qualify.
    """
    by_id = {p.id: p for p in plants}
    base = _base(lvc, vehicle_net_cost)
    if base is None:
        return None
    _, status, _ = plant_statuses(lvc, by_id, auto, on)
    counted = count_amounts(lvc, status, by_id)
    if counted.open_labour or counted.open_materials:
        return None
    return points(lvc, base, counted.labour, counted.materials)


def _technology(lvc: Lvc, cap: Decimal) -> tuple[Decimal | None, Decimal, str]:
    """(raw, counted, sentence): HWTC of s. 18(9)-(10), optional, capped."""
    if lvc.rd_it_wages is None or not lvc.direct_production_wages:
        return (
            None,
            ZERO,
            "no technology credit figures (lvc.rd_it_wages, lvc.direct_production_wages): "
            "the optional credit counts 0",
        )
    raw = percent(lvc.rd_it_wages, lvc.direct_production_wages)
    counted = min(raw, cap)
    sentence = (
        f"technology credit {display_percent(raw)} points "
        f"({display_money(lvc.rd_it_wages)} / {display_money(lvc.direct_production_wages)} "
        "x 100)"
    )
    if raw > cap:
        sentence += f", capped at {cap}"
    return raw, counted, sentence


def _formula(lvc: Lvc, base: Decimal, labour: Decimal, materials: Decimal) -> str:
    transport = lvc.high_wage_transport or ZERO
    upper = f"{display_money(labour)} + {display_money(materials)}"
    if transport:
        upper += f" + {display_money(transport)}"
    if lvc.method == "net cost":
        return f"({upper}) / {display_money(base)} x 100"
    if not lvc.include_labour_in_apv:
        upper = display_money(materials) + (f" + {display_money(transport)}" if transport else "")
        return f"({upper}) / {display_money(base)} x 100"
    return f"({upper}) / ({display_money(base)} + {display_money(labour)}) x 100"


def _span(t: Threshold) -> str:
    span = f"from {t.effective_from}" if t.effective_from else "no start date"
    return span + (f" to {t.effective_to}" if t.effective_to else "")


def _setting_figures(lvc: Lvc) -> dict[str, str]:
    """The method and, where the producer gives them, the period and averaging of s. 18."""
    figures: dict[str, str] = {"method": lvc.method}
    if lvc.period:
        figures["period"] = str(lvc.period)
    if lvc.period_basis:
        figures["period_basis"] = lvc.period_basis.value
    if lvc.averaging:
        figures["averaging"] = lvc.averaging.value
    return figures


def _base_figures(lvc: Lvc, base: Decimal, counted: Counted) -> dict[str, str]:
    """The base and materials under the names of the formula the producer chose."""
    if lvc.method == "net cost":
        return {
            "net_cost": display_money(base),
            "high_wage_materials": display_money(counted.materials),
        }
    return {
        "total_annual_purchase_value": display_money(base),
        "annual_purchase_value": display_money(counted.materials),
        "include_labour_in_apv": "yes" if lvc.include_labour_in_apv else "no",
    }


def _undecided_figures(counted: Counted, credit_state: Tri, lvc_high: Decimal) -> dict[str, str]:
    """What cannot be judged and the LVC it would give, shown only when there is any."""
    if not (counted.open_labour or counted.open_materials or credit_state is None):
        return {}
    return {
        "undecided_labour": display_money(counted.open_labour),
        "undecided_materials": display_money(counted.open_materials),
        "lvc_if_undecided_qualify": display_percent(lvc_high),
    }


def _outcome(
    passed: Tri,
    counted: Counted,
    high: Decimal,
    lvc_high: Decimal,
    floor: Decimal,
    total: Decimal,
) -> str:
    """Why the LVC is not met or cannot be decided, told with the undecided amounts counted.

    A failure is judged with every undecided plant counted, so its shortfall is too.
    """
    if passed is None:
        return (
            f": cannot decide: it would be {display_percent(lvc_high)}% with "
            f"{display_percent(high)} points if the plants and credit that cannot be judged "
            "counted"
        )
    if passed is True:
        return ""
    short = []
    if high < floor:
        short.append(f"high-wage points {display_percent(high)} < {floor}")
    if lvc_high < total:
        short.append(f"LVC {display_percent(lvc_high)}% < {total}%")
    words = ": not met (" + "; ".join(short) + ")"
    if counted.open_labour or counted.open_materials:
        words += ", even counting the plants whose wage cannot be judged"
    return words


def check_lvc(
    lvc: Lvc | None,
    plants: list[Plant],
    vehicle_net_cost: Decimal | None,
    auto: Automotive,
    on: dt.date,
    *,
    lvc_schedule: str,
    plant_schedule: str,
    credit_schedule: str,
    asr: bool = False,
) -> AutoCheck:
    """The AUTO-LVC check of a vehicle, one AUTO-LVC-WAGE sub-check per plant it names."""
    schedule = ASR_SCHEDULE if asr else lvc_schedule
    found = {
        m: (fixed(auto, schedule, m) if asr else threshold(auto, schedule, m, on)) for m in MEASURES
    }
    thresholds = [t for t in found.values() if t is not None]
    citation = "SOR/2020-155, s. 19(4)(d)" if asr else "SOR/2020-155, s. 18"

    def result(
        passed: Tri,
        reason: str,
        figures: dict[str, str] | None = None,
        missing: list[str] | None = None,
        subs: list[AutoCheck] | None = None,
    ) -> AutoCheck:
        return AutoCheck(
            id=CHECK_ID,
            name=NAME,
            passed=passed,
            figures=figures or {},
            thresholds=thresholds,
            citation=citation,
            reason=reason,
            missing=sorted(set(missing or [])) if passed is None else [],
            parts=subs or [],
        )

    if lvc is None:
        return result(
            None,
            "the producer gives no LVC figures",
            missing=[
                "automotive.yaml vehicles[].lvc (s. 18 figures: high-wage labour and "
                "materials by plant, net cost or annual purchase values)"
            ],
        )
    by_id = {p.id: p for p in plants}
    subs, status, missing = plant_statuses(lvc, by_id, auto, on)
    for sub in subs:
        thresholds.extend(t for t in sub.thresholds if t not in thresholds)
    figures = _setting_figures(lvc)
    base = _base(lvc, vehicle_net_cost)
    if base is None:
        need = (
            "lvc.net_cost or the good's net_cost (s. 18(6)(a) NC)"
            if lvc.method == "net cost"
            else "lvc.total_annual_purchase_value (TAPV, s. 18(6)(b))"
        )
        return result(None, "the LVC formula lacks its base", figures, [need], subs)
    total_t, floor_t, tech_t, assembly_t = (found[m] for m in MEASURES)
    if total_t is None or floor_t is None or tech_t is None or assembly_t is None:
        return result(
            None,
            f"no LVC threshold of {schedule} in force on {on}",
            figures,
            [f"an LVC threshold of {schedule} in force on {on}"],
            subs,
        )
    total, floor = total_t.percent or ZERO, floor_t.percent or ZERO
    counted = count_amounts(lvc, status, by_id)
    low = points(lvc, base, counted.labour, counted.materials)
    high = points(
        lvc,
        base,
        counted.labour + counted.open_labour,
        counted.materials + counted.open_materials,
    )
    tech_raw, tech, tech_sentence = _technology(lvc, tech_t.percent or ZERO)
    credit = assembly_credit(
        lvc,
        by_id,
        status,
        auto,
        on,
        plant_schedule=plant_schedule,
        credit_schedule=credit_schedule,
        cap=assembly_t.percent or ZERO,
    )
    thresholds.extend(t for t in credit.thresholds if t not in thresholds)
    assembly_low = credit.points if credit.state is True else ZERO
    assembly_high = credit.points if credit.state is not False else ZERO
    lvc_low, lvc_high = low + tech + assembly_low, high + tech + assembly_high
    figures.update(_base_figures(lvc, base, counted))
    figures["high_wage_labour"] = display_money(counted.labour)
    figures["high_wage_transport"] = display_money(lvc.high_wage_transport or ZERO)
    figures["high_wage_points"] = display_percent(low)
    figures["technology_credit_raw"] = "-" if tech_raw is None else display_percent(tech_raw)
    figures["technology_credit"] = display_percent(tech)
    figures["assembly_credit"] = display_percent(assembly_low)
    figures["lvc"] = display_percent(lvc_low)
    figures["high_wage_floor"] = str(floor)
    figures["lvc_total"] = str(total)
    figures.update(_undecided_figures(counted, credit.state, lvc_high))
    if credit.missing:
        missing.append(credit.missing)
    missing.extend(m for s in subs for m in s.missing)

    meets_low = low >= floor and lvc_low >= total
    meets_high = high >= floor and lvc_high >= total
    passed: Tri = True if meets_low else (False if not meets_high else None)
    sentences = [
        f"LVC {display_percent(lvc_low)}% = high-wage material and labour "
        f"{display_percent(low)} points ({_formula(lvc, base, counted.labour, counted.materials)}) "
        f"+ technology {display_percent(tech)} + assembly {display_percent(assembly_low)}; "
        f"needs {total}% with at least {floor} points ({total_t.citation}, {_span(total_t)})"
    ]
    sentences[0] += _outcome(passed, counted, high, lvc_high, floor, total)
    sentences.append(tech_sentence)
    sentences.append(f"assembly credit: {credit.why}")
    sentences.extend(counted.notes)
    return result(passed, "; ".join(sentences), figures, missing, subs)
