"""Plants under the labour value content rules (SOR/2020-155, s. 12, 18(12)-(14)).

Whether a plant is a qualifying wage-rate plant (an average base hourly wage of US$16 in the
US, CA$20.88 in Canada, MXN$294.22 in Mexico, stated in that currency), and whether a
plant earns the producer the 5-point high-wage assembly credit (capacity of 100,000 engines
or transmissions or 25,000 battery packs, 20,000 each for heavy trucks; operated by the
producer or under a supply contract of at least three years). Each answer is True, False or
None (cannot be judged from the figures), never a guess.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from roo_check.engine.automotive.schedule import threshold
from roo_check.engine.logic import Tri
from roo_check.models.automotive import Lvc, Plant
from roo_check.models.automotive_result import AutoCheck, Threshold
from roo_check.money import display_money
from roo_check.rulebook.automotive import Automotive

WAGE_CHECK_ID = "AUTO-LVC-WAGE"
WAGE_CITATION = "SOR/2020-155, s. 12"
WAGE_MEASURES = {"US": ("wage_usd", "USD"), "CA": ("wage_cad", "CAD"), "MX": ("wage_mxn", "MXN")}
CAPACITIES = (
    ("capacity_engines", "engines of 84.07 or 84.08"),
    ("capacity_transmissions", "transmissions of 8708.40"),
    ("capacity_battery_packs", "advanced battery packs"),
)
CONTRACT_YEARS = Decimal(3)
ZERO = Decimal(0)


def plant_check(plant: Plant, auto: Automotive, on: dt.date) -> AutoCheck:
    """Whether a plant is a qualifying wage-rate plant (s. 12 definitions).

    The rate is compared in the currency the regulation states for the plant's country;
    a wage in another currency is not converted, because no exchange rate is prescribed.
    """
    name = f"plant {plant.id} ({plant.name})"
    figures = {"country": plant.country, "role": plant.role.value}

    def result(
        passed: Tri, reason: str, thresholds: list[Threshold], missing: str | None = None
    ) -> AutoCheck:
        return AutoCheck(
            id=WAGE_CHECK_ID,
            name=name,
            passed=passed,
            figures=figures,
            thresholds=thresholds,
            citation=WAGE_CITATION,
            reason=reason,
            missing=[missing] if missing else [],
        )

    if plant.country not in WAGE_MEASURES:
        return result(False, f"in {plant.country}, outside the CUSMA countries", [])
    measure, currency = WAGE_MEASURES[plant.country]
    t = threshold(auto, "AUTO-LVC-WAGE", measure, on)
    thresholds = [t] if t else []
    wage = plant.average_base_hourly_wage
    if wage is None:
        return result(
            None,
            f"no average base hourly wage: the rate for {plant.country} is stated in {currency}",
            thresholds,
            f"plant {plant.id} average_base_hourly_wage (in {currency}, s. 12)",
        )
    figures["average_base_hourly_wage"] = f"{display_money(wage)} {plant.wage_currency or '?'}"
    if plant.wage_currency != currency:
        given = f"in {plant.wage_currency}" if plant.wage_currency else "with no wage_currency"
        return result(
            None,
            f"wage given {given}: the rate for {plant.country} is stated in {currency} and "
            "roo-check does not convert wages",
            thresholds,
            f"plant {plant.id} average_base_hourly_wage in {currency} (wage_currency "
            f"{plant.wage_currency or 'missing'}, s. 12)",
        )
    if t is None or t.value is None:
        return result(
            None, f"no wage rate in force on {on}", thresholds, f"AUTO-LVC-WAGE {measure}"
        )
    figures["qualifying_rate"] = f"{t.value} {currency}"
    qualifies = wage >= t.value
    return result(
        qualifies,
        f"average base wage {display_money(wage)} {currency} "
        f"{'>=' if qualifies else '<'} {t.value} {currency}: "
        + ("a qualifying wage-rate plant" if qualifies else "not a qualifying wage-rate plant"),
        thresholds,
    )


def plant_statuses(
    lvc: Lvc, plants: dict[str, Plant], auto: Automotive, on: dt.date
) -> tuple[list[AutoCheck], dict[str, Tri], list[str]]:
    """(sub-checks, qualifies per plant id, missing) for every plant the figures name."""
    named = sorted(
        {a.plant for a in (*lvc.high_wage_labour, *lvc.high_wage_materials)}
        | ({lvc.assembly_credit_plant} if lvc.assembly_credit_plant else set())
    )
    subs: list[AutoCheck] = []
    status: dict[str, Tri] = {}
    missing: list[str] = []
    for plant_id in named:
        plant = plants.get(plant_id)
        if plant is None:
            status[plant_id] = None
            missing.append(f"plants[] entry for plant {plant_id} (s. 12)")
            continue
        sub = plant_check(plant, auto, on)
        subs.append(sub)
        status[plant_id] = sub.passed
    return subs, status, missing


@dataclass(frozen=True)
class Credit:
    points: Decimal
    state: Tri
    why: str
    missing: str | None = None
    thresholds: tuple[Threshold, ...] = ()


def assembly_credit(
    lvc: Lvc,
    plants: dict[str, Plant],
    status: dict[str, Tri],
    auto: Automotive,
    on: dt.date,
    *,
    plant_schedule: str,
    credit_schedule: str,
    cap: Decimal,
) -> Credit:
    """HWAC (s. 18(12)-(14)): granted (True), denied (False) or open (None, with its gap)."""
    row = threshold(auto, credit_schedule, "assembly_credit", on)
    granted = min(row.percent if row and row.percent is not None else ZERO, cap)
    rows = (row,) if row else ()
    plant_id = lvc.assembly_credit_plant
    if not plant_id:
        return Credit(ZERO, False, "no high-wage assembly plant claimed", thresholds=rows)
    plant = plants.get(plant_id)
    if plant is None or status.get(plant_id) is None:
        # The plant's own sub-check (or its missing plants[] entry) names the gap.
        return Credit(granted, None, f"plant {plant_id}'s wage cannot be judged", None, rows)
    if status[plant_id] is False:
        return Credit(
            ZERO, False, f"plant {plant_id} is not a qualifying wage-rate plant", thresholds=rows
        )
    if plant.operated_by == "supplier":
        if plant.contract_years is None:
            return Credit(
                granted,
                None,
                f"plant {plant_id} is a supplier's plant and the contract length is not given",
                f"plant {plant_id} contract_years (s. 18(12)-(13): at least three years)",
                rows,
            )
        if plant.contract_years < CONTRACT_YEARS:
            return Credit(
                ZERO,
                False,
                f"plant {plant_id}: supply contract of {plant.contract_years} years, under "
                "three (s. 18(12)-(13))",
                thresholds=rows,
            )
    return _capacity_credit(plant_id, plant, granted, rows, auto, on, plant_schedule)


def _capacity_credit(
    plant_id: str,
    plant: Plant,
    granted: Decimal,
    rows: tuple[Threshold, ...],
    auto: Automotive,
    on: dt.date,
    plant_schedule: str,
) -> Credit:
    """The credit of a qualifying plant the producer may count, decided by its capacity.

    Any one of the s. 12 capacities is enough; one the plant does not state is not held
    against it, but with none stated the credit stays open.
    """
    stated = [(m, label, getattr(plant, m)) for m, label in CAPACITIES]
    if all(c is None for _, _, c in stated):
        return Credit(
            granted,
            None,
            f"plant {plant_id} states no production capacity",
            f"plant {plant_id} capacity_engines, capacity_transmissions or "
            "capacity_battery_packs (s. 12 high-wage assembly plant)",
            rows,
        )
    short = []
    for measure, label, capacity in stated:
        t = threshold(auto, plant_schedule, measure, on)
        if capacity is None or t is None or t.value is None:
            continue
        rows += (t,)
        if capacity >= t.value:
            return Credit(
                granted,
                True,
                f"plant {plant_id} can make {capacity:,} {label} a year "
                f"(at least {t.value:,.0f}, {plant_schedule})",
                thresholds=rows,
            )
        short.append(f"{capacity:,} {label} (under {t.value:,.0f})")
    return Credit(
        ZERO,
        False,
        f"plant {plant_id} lacks the s. 12 capacity ({plant_schedule}): " + ", ".join(short),
        thresholds=rows,
    )
