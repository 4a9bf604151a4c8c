"""Labour value content of a vehicle (SOR/2020-155, s. 18; s. 19(4)(d) under an ASR).

s. 18(6): LVC = (HWLC + HWM) / NC x 100 + HWTC + HWAC (net cost formula), or
(APV + HWLC) / (TAPV + HWLC) x 100 + HWTC + HWAC (annual purchase value formula, HWLC in
both or neither). Only the labour of a qualifying wage-rate vehicle assembly plant and the
materials of a qualifying wage-rate production plant count: an average base hourly wage of
US$16 in the US, CA$20.88 in Canada, MXN$294.22 in Mexico (s. 12). The technology credit is
R&D and IT wages over direct production wages x 100 (s. 18(9)-(10)); the assembly credit is
5 points for a high-wage engine, transmission or battery plant of the s. 12 capacity that
the producer operates or has a contract of three years or more with (s. 18(12)-(14)). The
high-wage material and labour points must reach the floor, and the total the LVC threshold.

A plant whose wage cannot be judged is left out; the check then passes or fails only if the
result is the same with and without that plant's amounts, and is "cannot decide" otherwise.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from roo_check.engine.automotive.schedule import describe, fixed, threshold
from roo_check.engine.logic import Tri
from roo_check.models.automotive import Lvc, Plant, PlantAmount, PlantRole
from roo_check.models.automotive_result import AutoCheck
from roo_check.money import display_money, display_percent, percent
from roo_check.rulebook.automotive import Automotive

CHECK_ID = "AUTO-LVC"
NAME = "Labour value content"
WAGE_MEASURES = {"US": ("wage_usd", "USD"), "CA": ("wage_cad", "CAD"), "MX": ("wage_mxn", "MXN")}
CAPACITIES = (
    ("capacity_engines", "engines of 84.07 or 84.08"),
    ("capacity_transmissions", "transmissions of 8708.40"),
    ("capacity_battery_packs", "advanced battery packs"),
)
MEASURES = ("lvc_total", "high_wage_floor", "technology_cap", "assembly_cap")


def plant_check(plant: Plant, auto: Automotive, on: dt.date) -> AutoCheck:
    """Whether a plant is a qualifying wage-rate plant (s. 12 definitions)."""
    figures = {"country": plant.country, "role": plant.role.value}
    if plant.country not in WAGE_MEASURES:
        return AutoCheck(
            id="AUTO-LVC-WAGE",
            name=f"plant {plant.id} ({plant.name})",
            passed=False,
            figures=figures,
            thresholds=[],
            citation="SOR/2020-155, s. 12",
            reason=f"in {plant.country}, outside the CUSMA countries",
        )
    measure, currency = WAGE_MEASURES[plant.country]
    t = threshold(auto, "AUTO-LVC-WAGE", measure, on)
    thresholds = [t] if t else []
    if plant.average_base_hourly_wage is None or plant.wage_currency != currency:
        given = (
            "no average base hourly wage"
            if plant.average_base_hourly_wage is None
            else f"a wage in {plant.wage_currency}, not {currency}"
        )
        return AutoCheck(
            id="AUTO-LVC-WAGE",
            name=f"plant {plant.id} ({plant.name})",
            passed=None,
            figures=figures,
            thresholds=thresholds,
            citation="SOR/2020-155, s. 12",
            reason=f"{given}: the rate for {plant.country} is stated in {currency}",
            missing=[f"plant {plant.id} average_base_hourly_wage in {currency}"],
        )
    figures["average base hourly wage"] = (
        f"{display_money(plant.average_base_hourly_wage)} {currency}"
    )
    assert t is not None and t.value is not None
    qualifies = plant.average_base_hourly_wage >= t.value
    return AutoCheck(
        id="AUTO-LVC-WAGE",
        name=f"plant {plant.id} ({plant.name})",
        passed=qualifies,
        figures=figures,
        thresholds=thresholds,
        citation=t.citation,
        reason=f"average base wage {display_money(plant.average_base_hourly_wage)} {currency} "
        f"{'>=' if qualifies else '<'} {t.value} {currency}: "
        + ("a qualifying wage-rate plant" if qualifies else "not a qualifying wage-rate plant"),
    )


def _sum(amounts: list[PlantAmount], ok: dict[str, Tri], want: Tri) -> Decimal:
    return sum((a.amount for a in amounts if ok.get(a.plant) is want), Decimal(0))


def _assembly_credit(
    lvc: Lvc,
    plants: dict[str, Plant],
    ok: dict[str, Tri],
    auto: Automotive,
    on: dt.date,
    plant_schedule: str,
) -> tuple[Tri, str]:
    if not lvc.assembly_credit_plant:
        return False, "no high-wage assembly plant claimed"
    plant = plants[lvc.assembly_credit_plant]
    if ok.get(plant.id) is not True:
        state = "cannot be judged" if ok.get(plant.id) is None else "is not"
        return ok.get(plant.id), f"plant {plant.id} {state} a qualifying wage-rate plant"
    if plant.operated_by == "supplier" and (plant.contract_years or 0) < 3:
        return False, f"plant {plant.id}: supply contract under three years (s. 18(12)-(13))"
    for measure, label in CAPACITIES:
        capacity = getattr(plant, measure)
        t = threshold(auto, plant_schedule, measure, on)
        if capacity is not None and t is not None and t.value is not None and capacity >= t.value:
            return True, f"plant {plant.id} can make {capacity:,} {label} (at least {t.value:,.0f})"
    return False, f"plant {plant.id} lacks the s. 12 capacity ({plant_schedule})"


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
    schedule = "AUTO-ASR-LVC" if asr else lvc_schedule
    found = {
        m: (fixed(auto, schedule, m) if asr else threshold(auto, schedule, m, on)) for m in MEASURES
    }
    thresholds = [t for t in found.values() if t is not None]
    citation = "SOR/2020-155, s. 19(4)(d)" if asr else "SOR/2020-155, s. 18"

    def result(
        passed: Tri, reason: str, figures: dict[str, str], missing: list[str], subs: list[AutoCheck]
    ) -> AutoCheck:
        return AutoCheck(
            id=CHECK_ID,
            name=NAME,
            passed=passed,
            figures=figures,
            thresholds=thresholds,
            citation=citation,
            reason=reason,
            missing=missing if passed is None else [],
            parts=subs,
        )

    if lvc is None:
        return result(
            None,
            "the producer gives no LVC figures",
            {},
            [
                "automotive.yaml vehicles[].lvc (the s. 18 figures: high-wage labour and "
                "materials by plant, net cost or annual purchase values)"
            ],
            [],
        )
    by_id = {p.id: p for p in plants}
    named = sorted(
        {a.plant for a in (*lvc.high_wage_labour, *lvc.high_wage_materials)}
        | ({lvc.assembly_credit_plant} if lvc.assembly_credit_plant else set())
    )
    subs = [plant_check(by_id[p], auto, on) for p in named]
    ok: dict[str, Tri] = {s_id: s.passed for s_id, s in zip(named, subs, strict=True)}
    for amount in lvc.high_wage_labour:
        if by_id[amount.plant].role is not PlantRole.vehicle_assembly:
            ok[amount.plant] = False
    missing = [m for s in subs for m in s.missing]
    figures: dict[str, str] = {"method": lvc.method}
    if lvc.period:
        figures["period"] = str(lvc.period) + (
            f" ({lvc.period_basis.value})" if lvc.period_basis else ""
        )
    if lvc.averaging:
        figures["averaging"] = lvc.averaging.value
    transport = lvc.high_wage_transport or Decimal(0)

    def points(with_undecided: bool) -> Decimal | None:
        labour = _sum(lvc.high_wage_labour, ok, True)
        materials = _sum(lvc.high_wage_materials, ok, True) + transport
        if with_undecided:
            labour += _sum(lvc.high_wage_labour, ok, None)
            materials += _sum(lvc.high_wage_materials, ok, None)
        if lvc.method == "net cost":
            base = lvc.net_cost or vehicle_net_cost
            return None if not base else percent(labour + materials, base)
        if not lvc.total_annual_purchase_value:
            return None
        if lvc.include_labour_in_apv:
            return percent(materials + labour, lvc.total_annual_purchase_value + labour)
        return percent(materials, lvc.total_annual_purchase_value)

    low, high = points(False), points(True)
    if low is None or high is None:
        need = (
            "lvc.net_cost or the good's net_cost (NC, s. 18(6)(a))"
            if lvc.method == "net cost"
            else "lvc.total_annual_purchase_value (TAPV, s. 18(6)(b))"
        )
        return result(None, "the LVC formula lacks its base", figures, [need], subs)
    labour = _sum(lvc.high_wage_labour, ok, True)
    materials = _sum(lvc.high_wage_materials, ok, True)
    base = (
        (lvc.net_cost or vehicle_net_cost)
        if lvc.method == "net cost"
        else (lvc.total_annual_purchase_value)
    )
    figures.update(
        {
            "high-wage labour (HWLC)": display_money(labour),
            (
                "high-wage materials (HWM)"
                if lvc.method == "net cost"
                else "high-wage annual purchase value (APV)"
            ): display_money(materials),
            (
                "net cost (NC)"
                if lvc.method == "net cost"
                else "total annual purchase value (TAPV)"
            ): display_money(base or Decimal(0)),
        }
    )
    if transport:
        figures["high-wage transport"] = display_money(transport)
    tech_cap = found["technology_cap"].percent if found["technology_cap"] else Decimal(10)
    assembly_cap = found["assembly_cap"].percent if found["assembly_cap"] else Decimal(5)
    tech_raw = (
        percent(lvc.rd_it_wages, lvc.direct_production_wages)
        if lvc.rd_it_wages is not None and lvc.direct_production_wages
        else None
    )
    tech = min(tech_raw, tech_cap) if tech_raw is not None else Decimal(0)
    credit_ok, credit_why = _assembly_credit(lvc, by_id, ok, auto, on, plant_schedule)
    credit_row = threshold(auto, credit_schedule, "assembly_credit", on)
    credit_points = credit_row.percent if credit_row and credit_row.percent else Decimal(5)
    assembly = min(credit_points, assembly_cap) if credit_ok else Decimal(0)
    if credit_ok is None:
        missing.append(credit_why)
    figures.update(
        {
            "high-wage points": display_percent(low),
            "technology credit (HWTC)": (
                f"{display_percent(tech)}"
                + (
                    f" of {display_percent(tech_raw)} (cap {tech_cap})"
                    if tech_raw is not None and tech_raw > tech_cap
                    else ""
                )
                if tech_raw is not None
                else "0 (no R&D/IT wage figures)"
            ),
            "assembly credit (HWAC)": f"{display_percent(assembly)} ({credit_why})",
        }
    )
    total_t, floor_t = found["lvc_total"], found["high_wage_floor"]
    if total_t is None or floor_t is None or total_t.percent is None or floor_t.percent is None:
        return result(None, f"no LVC threshold in force on {on}", figures, ["LVC threshold"], subs)
    lvc_low = low + tech + assembly
    lvc_high = high + tech + (min(credit_points, assembly_cap) if credit_ok is None else assembly)
    figures["LVC"] = display_percent(lvc_low)

    def meets(pts: Decimal, value: Decimal) -> bool:
        return pts >= floor_t.percent and value >= total_t.percent

    passed: Tri = True if meets(low, lvc_low) else False if not meets(high, lvc_high) else None
    formula = (
        f"({display_money(labour)} + {display_money(materials + transport)}) / "
        f"{display_money(base or Decimal(0))} x 100"
        if lvc.method == "net cost"
        else f"annual purchase value formula on TAPV {display_money(base or Decimal(0))}"
    )
    reason = (
        f"LVC {display_percent(lvc_low)}% = high-wage material and labour "
        f"{display_percent(low)} points ({formula}) + technology {display_percent(tech)} + "
        f"assembly {display_percent(assembly)}; needs {describe(total_t)} with at least "
        f"{floor_t.percent} points of high-wage material and labour"
    )
    if passed is False:
        short = []
        if low < floor_t.percent:
            short.append(f"high-wage points {display_percent(low)} < {floor_t.percent}")
        if lvc_low < total_t.percent:
            short.append(f"LVC {display_percent(lvc_low)}% < {total_t.percent}%")
        reason += ": not met (" + "; ".join(short) + ")"
    elif passed is None:
        reason += ": depends on plants whose wage cannot be judged"
    return result(passed, reason, figures, missing, subs)
