"""Labour value content (SOR/2020-155, s. 18, 19(4)(d)): hand-computed cases.

Every case states its arithmetic; thresholds come from the bundled rules (AUTO-PV-LVC ...).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roo_check.engine.automotive.lvc import check_lvc, high_wage_points
from roo_check.engine.automotive.plants import plant_check
from roo_check.models.automotive import Lvc, Plant
from roo_check.models.automotive_result import AutoCheck

D2026 = dt.date(2026, 3, 1)
CURRENCY = {"US": "USD", "CA": "CAD", "MX": "MXN"}


def plant(
    pid: str,
    country: str = "US",
    wage: str | None = "28.00",
    *,
    role: str = "production",
    **fields: object,
) -> Plant:
    data: dict[str, object] = {
        "id": pid,
        "name": f"plant {pid}",
        "country": country,
        "role": role,
        "average_base_hourly_wage": wage,
        "wage_currency": CURRENCY.get(country, "EUR"),
    }
    data.update(fields)
    return Plant.model_validate(data)


ASSY = plant("ASSY", "MX", "310.00", role="vehicle assembly")  # 310 >= 294.22: qualifies
ENGINE = plant("ENG", "US", "28.00", capacity_engines=100_000)  # 28 >= 16, 100,000 engines
SEATS = plant("SEAT", "CA", "25.00")  # 25 >= 20.88
PLANTS = [ASSY, ENGINE, SEATS]


def lvc(
    materials: dict[str, str] | None = None,
    labour: dict[str, str] | None = None,
    **fields: object,
) -> Lvc:
    data: dict[str, object] = {
        "method": "net cost",
        "net_cost": "30800.00",
        "high_wage_materials": [{"plant": p, "amount": a} for p, a in (materials or {}).items()],
        "high_wage_labour": [{"plant": p, "amount": a} for p, a in (labour or {}).items()],
    }
    data.update(fields)
    return Lvc.model_validate(data)


def run(
    auto,
    figures: Lvc | None,
    *,
    plants: list[Plant] = PLANTS,
    net_cost: str | None = None,
    on: dt.date = D2026,
    category: str = "PV",
    asr: bool = False,
) -> AutoCheck:
    return check_lvc(
        figures,
        plants,
        Decimal(net_cost) if net_cost else None,
        auto,
        on,
        lvc_schedule=f"AUTO-{category}-LVC",
        plant_schedule="AUTO-LVC-PLANT-HT" if category == "HT" else "AUTO-LVC-PLANT-PVLT",
        credit_schedule="AUTO-LVC-HWAC-HT" if category == "HT" else "AUTO-LVC-HWAC-PVLT",
        asr=asr,
    )


@pytest.fixture(scope="module")
def auto(rulebook):
    return rulebook.automotive


# R&D and IT wages of 50 over direct production wages of 1,000: 5 technology points.
TECH_5 = {"rd_it_wages": "50.00", "direct_production_wages": "1000.00"}
TECH_10 = {"rd_it_wages": "100.00", "direct_production_wages": "1000.00"}


def test_passenger_vehicle_passes_at_2026(auto) -> None:
    # (1,200 + 8,400) / 30,800 x 100 = 31.1688 points >= 25
    # + technology 50 / 1,000 x 100 = 5 + assembly 5 (ENG: 100,000 engines) = 41.1688 >= 40
    check = run(
        auto,
        lvc({"ENG": "8400.00"}, {"ASSY": "1200.00"}, assembly_credit_plant="ENG", **TECH_5),
    )
    assert check.id == "AUTO-LVC"
    assert check.passed is True
    assert check.reason.startswith(
        "LVC 41.17% = high-wage material and labour 31.17 points "
        "((1,200.00 + 8,400.00) / 30,800.00 x 100) + technology 5.00 + assembly 5.00; "
        "needs 40% with at least 25 points (SOR/2020-155, s. 18(1)(d), from 2023-07-01)"
    )
    assert check.figures["high_wage_points"] == "31.17"
    assert check.figures["lvc"] == "41.17"
    assert check.figures["lvc_total"] == "40"
    assert check.figures["high_wage_floor"] == "25"
    assert check.figures["net_cost"] == "30,800.00"
    assert check.figures["high_wage_labour"] == "1,200.00"
    assert check.figures["high_wage_materials"] == "8,400.00"
    assert check.figures["technology_credit"] == "5.00"
    assert check.figures["assembly_credit"] == "5.00"
    assert check.citation == "SOR/2020-155, s. 18"
    measures = {(t.schedule, t.measure) for t in check.thresholds}
    assert {
        ("AUTO-PV-LVC", "lvc_total"),
        ("AUTO-PV-LVC", "high_wage_floor"),
        ("AUTO-PV-LVC", "technology_cap"),
        ("AUTO-PV-LVC", "assembly_cap"),
        ("AUTO-LVC-WAGE", "wage_mxn"),
        ("AUTO-LVC-WAGE", "wage_usd"),
    } <= measures
    assert [p.id for p in check.parts] == ["AUTO-LVC-WAGE", "AUTO-LVC-WAGE"]
    assert [p.passed for p in check.parts] == [True, True]


def test_fails_on_total_with_the_floor_met(auto) -> None:
    # (1,200 + 7,000) / 30,800 x 100 = 26.6234 points >= 25, but no technology figures (0)
    # + assembly 5 = 31.6234 < 40
    check = run(auto, lvc({"ENG": "7000.00"}, {"ASSY": "1200.00"}, assembly_credit_plant="ENG"))
    assert check.passed is False
    assert "not met (LVC 31.62% < 40%)" in check.reason
    assert "high-wage points" not in check.reason.split("not met")[1]
    assert check.missing == []


def test_floor_short_fails_both_tests(auto) -> None:
    # 2,490 / 10,000 x 100 = 24.90 points < 25; + 10 + 5 = 39.90 < 40.
    # The floor cannot fail alone with full credits: floor + 10 + 5 = total at every step
    # (test_floor_plus_caps_is_the_total), so both shortfalls are named.
    check = run(
        auto,
        lvc({"ENG": "2490.00"}, net_cost="10000.00", assembly_credit_plant="ENG", **TECH_10),
    )
    assert check.passed is False
    assert "not met (high-wage points 24.90 < 25; LVC 39.90% < 40%)" in check.reason


def test_exactly_at_floor_and_total_passes(auto) -> None:
    # 2,500 / 10,000 x 100 = 25 points; + 10 + 5 = 40: "at least" both
    check = run(
        auto,
        lvc({"ENG": "2500.00"}, net_cost="10000.00", assembly_credit_plant="ENG", **TECH_10),
    )
    assert check.passed is True


@pytest.mark.parametrize("schedule", ["AUTO-PV-LVC", "AUTO-LT-LVC", "AUTO-HT-LVC", "AUTO-ASR-LVC"])
def test_floor_plus_caps_is_the_total(auto, schedule: str) -> None:
    """Why no case fails the floor alone: the caps fill exactly the gap to the total."""
    totals = auto.steps(schedule, "lvc_total")
    assert totals
    for row in totals:
        at = row.effective_from or D2026
        parts = [auto.in_force(schedule, m, at) for m in ("high_wage_floor", "technology_cap")]
        cap = auto.in_force(schedule, "assembly_cap", at)
        assert all(parts) and cap
        assert parts[0].percent + parts[1].percent + cap.percent == row.percent


@pytest.mark.parametrize(("amount", "passed"), [("3000.00", True), ("2999.99", False)])
def test_light_truck_needs_45_with_30_points(auto, amount: str, passed: bool) -> None:
    # 3,000 / 10,000 x 100 = 30 points + 10 + 5 = 45 (AUTO-LT-LVC); a cent less fails
    check = run(
        auto,
        lvc({"ENG": amount}, net_cost="10000.00", assembly_credit_plant="ENG", **TECH_10),
        category="LT",
    )
    assert check.passed is passed
    assert check.figures["lvc_total"] == "45"
    assert check.figures["high_wage_floor"] == "30"


def test_technology_credit_capped_at_10(auto) -> None:
    # 150 / 1,000 x 100 = 15 points of R&D and IT wages, counted 10
    # 3,000 / 10,000 x 100 = 30 points + 10 + 0 (no assembly plant) = 40 >= 40
    check = run(
        auto,
        lvc(
            {"ENG": "3000.00"},
            net_cost="10000.00",
            rd_it_wages="150.00",
            direct_production_wages="1000.00",
        ),
    )
    assert check.figures["technology_credit_raw"] == "15.00"
    assert check.figures["technology_credit"] == "10.00"
    assert check.figures["assembly_credit"] == "0.00"
    assert "capped at 10" in check.reason
    assert check.passed is True


def test_no_technology_figures_count_zero_and_are_not_missing(auto) -> None:
    # 4,000 / 10,000 x 100 = 40 points + 0 + 0 = 40
    check = run(auto, lvc({"ENG": "4000.00"}, net_cost="10000.00"))
    assert check.passed is True
    assert check.figures["technology_credit_raw"] == "-"
    assert "the optional credit counts 0" in check.reason
    assert check.missing == []


def _with_engine_plant(auto, capacity: int, category: str = "PV", **plant_fields: object):
    # 3,500 / 10,000 x 100 = 35 points: 35 + 5 = 40 passes only with the assembly credit
    eng = plant("ENG", "US", "28.00", capacity_engines=capacity, **plant_fields)
    figures = lvc({"ENG": "3500.00"}, net_cost="10000.00", assembly_credit_plant="ENG")
    return run(auto, figures, plants=[eng], category=category)


def test_assembly_credit_denied_below_100000_engines(auto) -> None:
    check = _with_engine_plant(auto, 90_000)
    assert check.figures["assembly_credit"] == "0.00"
    assert "90,000 engines of 84.07 or 84.08 (under 100,000)" in check.reason
    assert check.passed is False


def test_assembly_credit_granted_at_100000_engines(auto) -> None:
    check = _with_engine_plant(auto, 100_000)
    assert check.figures["assembly_credit"] == "5.00"
    assert check.passed is True


@pytest.mark.parametrize(("capacity", "category", "credit"), [
    (20_000, "HT", "5.00"),  # heavy trucks: 20,000 engines (AUTO-LVC-PLANT-HT)
    (19_999, "HT", "0.00"),
    (20_000, "PV", "0.00"),  # passenger vehicles need 100,000
])  # fmt: skip
def test_heavy_truck_plant_capacity(auto, capacity: int, category: str, credit: str) -> None:
    check = _with_engine_plant(auto, capacity, category)
    assert check.figures["assembly_credit"] == credit


def test_battery_plant_at_25000_packs(auto) -> None:
    # s. 12 (c): 25,000 advanced battery packs for passenger vehicles and light trucks
    pack = plant("BAT", "US", "28.00", capacity_battery_packs=25_000)
    figures = lvc({"BAT": "3500.00"}, net_cost="10000.00", assembly_credit_plant="BAT")
    assert run(auto, figures, plants=[pack]).figures["assembly_credit"] == "5.00"


def test_supplier_plant_needs_a_three_year_contract(auto) -> None:
    short = _with_engine_plant(auto, 100_000, operated_by="supplier", contract_years="2")
    assert short.figures["assembly_credit"] == "0.00"
    assert "under three" in short.reason
    three = _with_engine_plant(auto, 100_000, operated_by="supplier", contract_years="3")
    assert three.figures["assembly_credit"] == "5.00"
    unknown = _with_engine_plant(auto, 100_000, operated_by="supplier")
    # 35 points pass only with the credit, whose contract length is not given
    assert unknown.passed is None
    assert "plant ENG contract_years (s. 18(12)-(13): at least three years)" in unknown.missing


@pytest.mark.parametrize(("wage", "qualifies"), [("290.00", False), ("294.21", False),
                                                 ("294.22", True)])  # fmt: skip
def test_mexican_wage_rate_boundary(auto, wage: str, qualifies: bool) -> None:
    sub = plant_check(plant("SILAO", "MX", wage), auto, D2026)
    assert sub.id == "AUTO-LVC-WAGE"
    assert sub.passed is qualifies
    assert sub.citation == "SOR/2020-155, s. 12"
    # 3,000 / 10,000 x 100 = 30 points from SILAO + 10 technology = 40, or 10 without it
    figures = lvc({"SILAO": "3000.00"}, net_cost="10000.00", **TECH_10)
    check = run(auto, figures, plants=[plant("SILAO", "MX", wage)])
    assert check.passed is qualifies
    assert check.figures["high_wage_materials"] == ("3,000.00" if qualifies else "0.00")


def test_plant_outside_the_region_never_qualifies(auto) -> None:
    sub = plant_check(plant("KOR", "KR", "40.00"), auto, D2026)
    assert sub.passed is False
    assert "outside the CUSMA countries" in sub.reason


def test_usd_wage_in_mexico_cannot_be_decided(auto) -> None:
    silao = plant("SILAO", "MX", "18.00", wage_currency="USD")
    sub = plant_check(silao, auto, D2026)
    assert sub.passed is None
    # 1,000 / 10,000 x 100 = 10 points from ENG + 10 technology = 20 without SILAO;
    # + 2,000 / 10,000 x 100 = 20 more points = 40 with it: the plant decides
    figures = lvc({"ENG": "1000.00", "SILAO": "2000.00"}, net_cost="10000.00", **TECH_10)
    check = run(auto, figures, plants=[ENGINE, silao])
    assert check.passed is None
    assert any(m.startswith("plant SILAO average_base_hourly_wage in MXN") for m in check.missing)
    assert check.figures["lvc_if_undecided_qualify"] == "40.00"
    assert "cannot decide" in check.reason


def test_undecided_plant_that_cannot_change_the_outcome(auto) -> None:
    silao = plant("SILAO", "MX", None)
    # passes without it: 3,000 / 10,000 = 30 (ENG) + 10 = 40; SILAO's 100 is not needed
    passes = run(
        auto,
        lvc({"ENG": "3000.00", "SILAO": "100.00"}, net_cost="10000.00", **TECH_10),
        plants=[ENGINE, silao],
    )
    assert passes.passed is True
    assert passes.missing == []
    # fails even with it: (1,000 + 100) / 10,000 = 11 points + 10 = 21 < 40
    fails = run(
        auto,
        lvc({"ENG": "1000.00", "SILAO": "100.00"}, net_cost="10000.00", **TECH_10),
        plants=[ENGINE, silao],
    )
    assert fails.passed is False
    assert "even counting the plants whose wage cannot be judged" in fails.reason
    sub = next(p for p in fails.parts if "SILAO" in p.name)
    assert sub.missing == ["plant SILAO average_base_hourly_wage (in MXN, s. 12)"]


def test_labour_of_a_production_plant_is_not_hwlc(auto) -> None:
    # ENG is a production plant: its 1,000 of "labour" is not HWLC; 2,000 of materials are
    check = run(auto, lvc({"ENG": "2000.00"}, {"ENG": "1000.00"}, net_cost="10000.00"))
    assert check.figures["high_wage_labour"] == "0.00"
    assert check.figures["high_wage_materials"] == "2,000.00"
    assert "labour of plant ENG not counted" in check.reason


def test_transport_adds_to_the_materials(auto) -> None:
    # s. 18(20): (0 + 3,500 + 500) / 10,000 x 100 = 40 points
    check = run(auto, lvc({"ENG": "3500.00"}, net_cost="10000.00", high_wage_transport="500.00"))
    assert check.figures["high_wage_points"] == "40.00"
    assert "(0.00 + 3,500.00 + 500.00) / 10,000.00 x 100" in check.reason
    assert check.passed is True


@pytest.mark.parametrize(("with_labour", "points", "passed"), [
    (True, "34.55", True),   # (5,600 + 2,000) / (20,000 + 2,000) x 100 = 34.5454 + 10 = 44.55
    (False, "28.00", False),  # 5,600 / 20,000 x 100 = 28 + 10 = 38 < 40
])  # fmt: skip
def test_annual_purchase_value_formula(auto, with_labour: bool, points: str, passed) -> None:
    figures = lvc(
        {"ENG": "5600.00"},
        {"ASSY": "2000.00"},
        method="annual purchase value",
        net_cost=None,
        total_annual_purchase_value="20000.00",
        include_labour_in_apv=with_labour,
        assembly_credit_plant="ENG",
        **TECH_5,
    )
    check = run(auto, figures)
    assert check.figures["high_wage_points"] == points
    assert check.figures["total_annual_purchase_value"] == "20,000.00"
    assert check.figures["annual_purchase_value"] == "5,600.00"
    assert check.passed is passed


@pytest.mark.parametrize(("on", "total", "floor", "passed"), [
    (dt.date(2022, 6, 30), "33", "18", True),   # s. 18(1)(b): 20 >= 18, 35 >= 33
    (dt.date(2022, 7, 1), "36", "21", False),   # s. 18(1)(c): 20 < 21, 35 < 36
])  # fmt: skip
def test_passenger_vehicle_steps(auto, on: dt.date, total: str, floor: str, passed) -> None:
    # 2,000 / 10,000 x 100 = 20 points + 10 + 5 = 35
    figures = lvc({"ENG": "2000.00"}, net_cost="10000.00", assembly_credit_plant="ENG", **TECH_10)
    check = run(auto, figures, on=on)
    assert (check.figures["lvc_total"], check.figures["high_wage_floor"]) == (total, floor)
    assert check.passed is passed


def test_alternative_staging_regime_25_with_10(auto) -> None:
    # 1,200 / 10,000 x 100 = 12 points + 10 + 5 = 27: >= 25 and 12 >= 10 under s. 19(4)(d),
    # < 40 under s. 18(1)(d)
    figures = lvc({"ENG": "1200.00"}, net_cost="10000.00", assembly_credit_plant="ENG", **TECH_10)
    asr = run(auto, figures, asr=True)
    assert asr.passed is True
    assert asr.citation == "SOR/2020-155, s. 19(4)(d)"
    assert (asr.figures["lvc_total"], asr.figures["high_wage_floor"]) == ("25", "10")
    assert {t.schedule for t in asr.thresholds} >= {"AUTO-ASR-LVC"}
    assert run(auto, figures).passed is False


def test_missing_figures_are_named(auto) -> None:
    none = run(auto, None)
    assert none.passed is None
    assert none.missing[0].startswith("automotive.yaml vehicles[].lvc (s. 18 figures")
    no_nc = run(auto, lvc({"ENG": "100.00"}, net_cost=None))
    assert no_nc.missing == ["lvc.net_cost or the good's net_cost (s. 18(6)(a) NC)"]
    no_tapv = run(auto, lvc({"ENG": "100.00"}, method="annual purchase value", net_cost=None))
    assert no_tapv.missing == ["lvc.total_annual_purchase_value (TAPV, s. 18(6)(b))"]


def test_good_net_cost_is_the_default_base(auto) -> None:
    # 4,000 / 10,000 x 100 = 40 points, NC from the good
    check = run(auto, lvc({"ENG": "4000.00"}, net_cost=None), net_cost="10000.00")
    assert check.figures["net_cost"] == "10,000.00"
    assert check.passed is True


def test_high_wage_points_for_the_heavy_truck_credit(auto) -> None:
    # (1,200 + 8,400) / 30,800 x 100, unrounded, for s. 18(22)
    figures = lvc({"ENG": "8400.00"}, {"ASSY": "1200.00"})
    value = high_wage_points(figures, PLANTS, None, auto, D2026)
    assert value == Decimal(9600) * 100 / Decimal(30800)
    undecided = [ENGINE, plant("ASSY", "MX", None, role="vehicle assembly")]
    assert high_wage_points(figures, undecided, None, auto, D2026) is None


amounts = st.integers(min_value=0, max_value=30_000)


@settings(max_examples=60, deadline=None)
@given(a=amounts, b=amounts, labour=st.integers(min_value=0, max_value=5_000))
def test_more_high_wage_materials_never_lower_the_lvc(auto, a: int, b: int, labour: int) -> None:
    low, high = sorted((a, b))
    for method in ("net cost", "annual purchase value"):
        checks = [
            run(
                auto,
                lvc(
                    {"ENG": str(m)},
                    {"ASSY": str(labour)},
                    method=method,
                    total_annual_purchase_value="40000",
                    **TECH_5,
                ),
            )
            for m in (low, high)
        ]
        assert Decimal(checks[0].figures["lvc"]) <= Decimal(checks[1].figures["lvc"])
        assert not (checks[0].passed and checks[1].passed is False)
