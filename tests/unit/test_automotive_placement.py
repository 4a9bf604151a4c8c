"""Placing goods in Part 6 and staging their rules (SOR/2020-155 ss. 12-15, 19, 20)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from roo_check.engine.automotive.category import place_part, place_vehicle
from roo_check.engine.automotive.core_parts import check_core_parts
from roo_check.engine.automotive.staging import stage
from roo_check.models.automotive import CorePart, CoreParts, Vehicle
from roo_check.models.goods import BomLine, Good


def _good(hs: str, **extra: object) -> Good:
    fields = {
        "part_number": "G-1",
        "description": "test good",
        "hs_code": hs,
        "producer": "P",
        "country_of_production": "MX",
        "currency": "USD",
        **extra,
    }
    return Good(**fields)


@pytest.fixture(scope="module")
def auto(rulebook):
    return rulebook.automotive


@pytest.mark.parametrize(
    ("hs", "category"),
    [
        ("8703.23", "passenger vehicle"),
        ("8703.80", "passenger vehicle"),  # electric: HS2012 8703.90, s. 12 "passenger vehicle"
        ("8703.40", "passenger vehicle"),
        ("8704.21", "light truck"),
        ("8704.31", "light truck"),
        ("8701.21", "heavy truck"),  # HS2022 8701.21-.29 all come from HS2012 8701.20
        ("8704.23", "heavy truck"),
        ("8703.33", "other vehicle (s. 20(2), 62.5%)"),  # s. 12 "passenger vehicle" (a)
        ("8703.50", "other vehicle (s. 20(2), 62.5%)"),  # compression-ignition and electric
        ("8704.10", "other vehicle (s. 20(3), 60%)"),
        ("8703.10", "other vehicle (8703.10)"),
    ],
)
def test_vehicles_are_placed_by_their_hs2012_codes(auto, hs: str, category: str) -> None:
    placement = place_vehicle(_good(hs), None, auto)
    assert placement is not None and not placement.missing
    assert placement.name == category


def test_a_code_split_between_categories_asks_for_the_hs2012_subheading(auto) -> None:
    placement = place_vehicle(_good("8704.41"), None, auto)
    assert placement is not None
    assert placement.missing and "vehicles[].hs2012" in placement.missing[0]
    stated = Vehicle(good="G-1", hs2012="870421")
    resolved = place_vehicle(_good("8704.41"), stated, auto)
    assert resolved is not None and resolved.name == "light truck"


def test_a_declared_exclusion_takes_a_vehicle_out_of_its_category(auto) -> None:
    off_road = Vehicle(good="G-1", exclusions=["off-road"])
    placement = place_vehicle(_good("8704.21"), off_road, auto)
    assert placement is not None and placement.name == "other vehicle (s. 20(2), 62.5%)"
    ambulance = Vehicle(good="G-1", exclusions=["ambulance, hearse or prison van"])
    placed = place_vehicle(_good("8703.23"), ambulance, auto)
    assert placed is not None and placed.name.startswith("other vehicle (s. 20(2)")


def test_buses_need_the_number_of_persons(auto) -> None:
    assert place_vehicle(_good("8702.10"), None, auto).missing
    small = place_vehicle(_good("8702.10"), Vehicle(good="G-1", persons=12), auto)
    large = place_vehicle(_good("8702.10"), Vehicle(good="G-1", persons=40), auto)
    assert small.name.startswith("other vehicle (s. 20(2)")
    assert large.name.startswith("other vehicle (s. 20(3)")


@pytest.mark.parametrize(
    ("hs", "use", "kind", "schedule", "required"),
    [
        ("8708.40", "passenger_vehicle", None, "AUTO-A-RVC", True),  # Table A.1, s. 14(2)
        ("8413.30", "passenger_vehicle", None, "AUTO-B-RVC", False),  # Table B
        ("8512.20", "light_truck", None, "AUTO-C-RVC", False),  # Table C
        ("8708.40", "heavy_truck", None, "AUTO-D-RVC", True),  # s. 15(4)
        ("8482.10", "heavy_truck", None, "AUTO-E-RVC", False),  # Table E
        ("8708.29", "passenger_vehicle", "body stampings", "AUTO-A-RVC", True),  # ex row
    ],
)
def test_parts_take_the_table_of_their_end_use(auto, hs, use, kind, schedule, required) -> None:
    placement = place_part(_good(hs, end_use=use, product_kind=kind), None, auto)
    assert placement is not None and not placement.missing
    assert (placement.schedule, placement.rvc_required) == (schedule, required)


def test_an_ex_row_needs_the_goods_described(auto) -> None:
    placement = place_part(_good("8708.29", end_use="passenger_vehicle"), None, auto)
    assert placement is not None and "ex" in placement.missing[0]


def test_traction_batteries_keep_their_schedule_1_rule(auto) -> None:
    placement = place_part(_good("8507.60", end_use="passenger_vehicle"), None, auto)
    assert placement is not None and placement.schedule is None
    assert "s. 14(2), (3), (6)" in placement.notes[0]


def test_aftermarket_parts_take_no_table_threshold(auto) -> None:
    placement = place_part(_good("8708.40", end_use="other"), None, auto)
    assert placement is not None and placement.schedule is None
    assert "s. 14(18)" in placement.notes[0]


def test_a_good_without_end_use_is_no_automotive_part(auto) -> None:
    """A motor control panel of 8537.10 is in Table B only when it is for a vehicle."""
    assert place_part(_good("8537.10"), None, auto) is None


def test_the_staged_threshold_replaces_the_printed_one_on_each_side_of_a_step(
    rulebook, auto
) -> None:
    """GN 11 prints 70% for a heavy-truck gear box; s. 15(2) stages 60/64/70 by July 1."""
    rule = rulebook.rule("PSR-8708.40-HT")
    placement = place_part(_good("8708.40", end_use="heavy_truck"), None, auto)
    before = stage(rule, placement, auto, dt.date(2027, 6, 30))
    after = stage(rule, placement, auto, dt.date(2027, 7, 1))
    assert before.rule.alternatives[0].rvc.net_cost == Decimal("64")
    assert after.rule.alternatives[0].rvc.net_cost == Decimal("70")
    assert "s. 15(2)(b)" in before.note and "s. 15(2)(c)" in after.note
    assert before.rule.alternatives[0].rvc.transaction_value is None  # the rule has no TV


def test_a_core_part_without_an_rvc_alternative_gets_one(rulebook, auto) -> None:
    """s. 14(2): a Table A.1 part is originating only if it meets the RVC requirement."""
    rule = rulebook.rule("PSR-8708.40-OTHER")
    placement = place_part(_good("8708.40", end_use="passenger_vehicle"), None, auto)
    staged = stage(rule, placement, auto, dt.date(2026, 11, 25))
    assert all(alt.rvc is not None for alt in staged.rule.alternatives)
    assert "s. 14(2)" in staged.note


def _line(part: str, hs: str, status: str, evidence: str | None = None) -> BomLine:
    return BomLine(
        good_part_number="G-1",
        part_number=part,
        description=part,
        hs_code=hs,
        quantity="1",
        unit="pcs",
        extended_value="100",
        currency="USD",
        country_of_origin="CN" if status == "non-originating" else "MX",
        origin_status=status,
        evidence=evidence,
    )


def test_core_parts_each_part_on_its_own(auto) -> None:
    """(4,050 - 900) / 4,050 = 77.78% >= 75% NC (s. 14(13)(d)); (1,000 - 300)/1,000 = 70% < 75%."""
    on = dt.date(2026, 11, 25)
    passing = CorePart(part="Engines", net_cost="4050", vnm="900")
    failing = CorePart(part="Axles", net_cost="1000", vnm="300")
    check = check_core_parts(CoreParts(parts=[passing, failing]), [], auto, on)
    assert check.passed is False
    assert [p.passed for p in check.parts] == [True, False]
    assert check.parts[0].figures["rvc net cost, all VNM (s. 14(7)(a))"] == "77.78"
    listed = CorePart(part="Axles", net_cost="1000", vnm="300", vnm_listed_components="200")
    assert check_core_parts(CoreParts(parts=[passing, listed]), [], auto, on).passed is True


def test_the_super_core_pools_the_parts(auto) -> None:
    """(5,050 - 1,200) / 5,050 = 76.24% >= 75%: the failing axle is carried (s. 14(10), (12))."""
    on = dt.date(2026, 11, 25)
    parts = [
        CorePart(part="Engines", net_cost="4050", vnm="900"),
        CorePart(part="Axles", net_cost="1000", vnm="300"),
    ]
    check = check_core_parts(CoreParts(method="super-core", parts=parts), [], auto, on)
    assert check.passed is True
    assert check.figures["rvc all VNM (s. 14(10)(a))"] == "76.24"


def test_core_parts_from_the_bom_when_no_figures_are_given(auto) -> None:
    on = dt.date(2026, 11, 25)
    lines = [
        _line("ENG", "8407.34", "originating", "CERT-1"),
        _line("BAT", "8507.60", "non-originating"),
    ]
    check = check_core_parts(None, lines, auto, on)
    assert check.passed is False
    assert {p.name: p.passed for p in check.parts} == {"Engines": True, "Advanced batteries": False}
    unsupported = [_line("ENG", "8407.34", "originating")]
    assert check_core_parts(None, unsupported, auto, on).passed is None


def test_a_core_part_seen_in_the_bom_but_not_declared_is_undecided(auto) -> None:
    on = dt.date(2026, 11, 25)
    declared = CoreParts(parts=[CorePart(part="Engines", supplier_certification="C-1")])
    lines = [_line("AXL", "8708.50", "originating", "CERT-2")]
    check = check_core_parts(declared, lines, auto, on)
    assert check.passed is None
    assert any("Axles" in m and "AXL" in m for m in check.missing)


def test_an_approved_regime_exempts_the_core_parts(auto) -> None:
    check = check_core_parts(None, [], auto, dt.date(2024, 1, 1), exempt="eligible (s. 19(5))")
    assert check.passed is True and check.citation == "SOR/2020-155, s. 19(5)"
