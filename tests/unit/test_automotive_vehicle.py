"""A vehicle through Part 6 end to end: averaging (s. 16), the alternative staging regime
(s. 19) and "cannot decide" naming the producer's missing figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from roo_check.engine.evaluate import evaluate_good
from roo_check.loaders.discover import load_folder
from roo_check.models.automotive import AutomotiveFile
from roo_check.models.findings import Status
from tests.unit.report_support import ROOT

SEDAN = ROOT / "samples" / "20-sedan-qualifies"


@pytest.fixture(scope="module")
def sedan():
    return load_folder(SEDAN)


def _check(sedan, rulebook, on: dt.date, producer: AutomotiveFile | None):
    good = sedan.goods[0]
    return evaluate_good(good, sedan.materials_of(good.part_number), rulebook, on, producer)


def test_the_sample_sedan_is_originating_with_every_check_met(sedan, rulebook) -> None:
    result = _check(sedan, rulebook, dt.date(2026, 11, 10), sedan.automotive)
    assert result.status is Status.originating, result.message
    checks = {c.id: c.passed for c in result.automotive.checks}
    assert checks == {
        "AUTO-PV-RVC": True,
        "AUTO-CORE-PARTS": True,
        "AUTO-STEEL": True,
        "AUTO-ALUMINUM": True,
        "AUTO-LVC": True,
    }


def test_without_producer_figures_the_vehicle_cannot_be_decided(sedan, rulebook) -> None:
    result = _check(sedan, rulebook, dt.date(2026, 11, 10), None)
    assert result.status is Status.cannot_decide
    assert any("steel_aluminum.steel" in str(m) for m in result.missing), result.missing
    assert any("vehicles[].lvc" in str(m) for m in result.missing), result.missing


def test_the_lvc_threshold_follows_the_date(sedan, rulebook) -> None:
    """41.54% LVC: 40% is required from 2023-07-01 (s. 18(1)(d)); 36% the year before."""
    before = _check(sedan, rulebook, dt.date(2023, 6, 30), sedan.automotive)
    after = _check(sedan, rulebook, dt.date(2023, 7, 1), sedan.automotive)

    def lvc_total(result) -> str:
        check = next(c for c in result.automotive.checks if c.id == "AUTO-LVC")
        return next(str(t.percent) for t in check.thresholds if t.measure == "lvc_total")

    assert (lvc_total(before), lvc_total(after)) == ("36", "40")


def test_averaging_replaces_the_vehicles_own_figures(sedan, rulebook) -> None:
    """s. 16(1)(a): model line, class and plant over the fiscal year.
    (1,000,000 - 260,000) / 1,000,000 = 74% < 75%: the average fails where the unit passed."""
    averaging = {
        "category": "model line, class and plant",
        "period": {"start": "2026-01-01", "end": "2026-12-31"},
        "net_cost": "1000000.00",
        "vnm": "260000.00",
    }
    producer = AutomotiveFile.model_validate(
        {
            **sedan.automotive.model_dump(mode="json", exclude_none=True),
            "vehicles": [
                {
                    **sedan.automotive.vehicles[0].model_dump(mode="json", exclude_none=True),
                    "averaging": averaging,
                }
            ],
        }
    )
    result = _check(sedan, rulebook, dt.date(2026, 11, 10), producer)
    rvc = next(c for c in result.automotive.checks if c.id == "AUTO-PV-RVC")
    assert rvc.figures["rvc_net_cost"] == "74.00"
    assert "model line, class and plant" in rvc.figures["averaging"]
    assert result.status is Status.not_originating


def test_an_approved_alternative_staging_regime(sedan, rulebook) -> None:
    """s. 19(4): RVC 62.5%, LVC 25% with 10 points; core parts exempt (s. 19(5))."""
    regime = {
        "reference": "ASR-TEST-1",
        "period": {"start": "2020-07-01", "end": "2025-06-30"},
        "vehicles": ["SED-26"],
    }
    data = sedan.automotive.model_dump(mode="json", exclude_none=True)
    data["alternative_staging_regime"] = regime
    producer = AutomotiveFile.model_validate(data)
    inside = _check(sedan, rulebook, dt.date(2024, 3, 1), producer)
    assert inside.automotive.regime == "alternative staging regime"
    rvc = next(c for c in inside.automotive.checks if c.id == "AUTO-ASR-RVC")
    assert rvc.thresholds[0].percent == 62.5
    core = next(c for c in inside.automotive.checks if c.id == "AUTO-CORE-PARTS")
    assert core.passed is True and "s. 19(5)" in core.citation
    lvc = next(c for c in inside.automotive.checks if c.id == "AUTO-LVC")
    assert {t.measure: str(t.percent) for t in lvc.thresholds}["lvc_total"] == "25"
    outside = _check(sedan, rulebook, dt.date(2026, 11, 10), producer)
    assert outside.automotive.regime == "standard"


def _road_tractor(vnm: str) -> tuple:
    from roo_check.models.goods import BomLine, Good

    good = Good(
        part_number="TR-8",
        description="Road tractor for semi-trailers",
        hs_code="8701.21",
        producer="Camiones del Norte SA de CV",
        country_of_production="MX",
        currency="USD",
        net_cost="100000.00",
    )
    bom = [
        BomLine(
            good_part_number="TR-8",
            part_number="CAB",
            description="cab and frame",
            hs_code="8707.90",
            quantity="1",
            unit="pcs",
            extended_value=vnm,
            currency="USD",
            country_of_origin="CN",
            origin_status="non-originating",
        )
    ]
    return good, bom


def _truck_producer(high_wage: str) -> AutomotiveFile:
    return AutomotiveFile.model_validate(
        {
            "producer": "Camiones del Norte SA de CV",
            "currency": "USD",
            "plants": [
                {
                    "id": "US-ENG",
                    "name": "engine plant",
                    "country": "US",
                    "role": "production",
                    "average_base_hourly_wage": "30.00",
                    "wage_currency": "USD",
                    "capacity_engines": 25000,
                }
            ],
            "vehicles": [
                {
                    "good": "TR-8",
                    "lvc": {
                        "method": "net cost",
                        "high_wage_materials": [{"plant": "US-ENG", "amount": high_wage}],
                        "rd_it_wages": "12.00",
                        "direct_production_wages": "100.00",
                        "assembly_credit_plant": "US-ENG",
                    },
                }
            ],
        }
    )


@pytest.mark.parametrize(
    ("on", "vnm", "high_wage", "met", "threshold"),
    [
        # RVC 62% < 64% (s. 13, heavy truck, 2024-07-01 to 2027-06-30). LVC 36 + 10 + 5 = 51%:
        # 6 points above 30 credited, 64 - 6 = 58, held at the 60% floor: 62% >= 60% met.
        ("2026-11-25", "38000.00", "36000.00", True, "60"),
        # 33 points (LVC 48%): 3 credited, threshold 61%: RVC 61.00% met at the boundary...
        ("2026-11-25", "39000.00", "33000.00", True, "61"),
        # ... and RVC 60.50% not met.
        ("2026-11-25", "39500.00", "33000.00", False, "61"),
        # No points above 30: no credit, the staged 64% stands.
        ("2026-11-25", "38000.00", "30000.00", False, "64"),
        # After July 1, 2027 the credit is gone and 70% applies (s. 13 (c)).
        ("2027-07-02", "38000.00", "36000.00", False, "70"),
    ],
)
def test_heavy_truck_excess_lvc_credit(rulebook, on, vnm, high_wage, met, threshold) -> None:
    """s. 18(22): LVC points above 30 count towards the RVC until July 1, 2027, RVC >= 60%."""
    good, bom = _road_tractor(vnm)
    result = evaluate_good(
        good, bom, rulebook, dt.date.fromisoformat(on), _truck_producer(high_wage)
    )
    rvc = next(c for c in result.automotive.checks if c.id == "AUTO-HT-RVC")
    assert rvc.passed is met, rvc.reason
    applied = {r.threshold for a in result.alternatives for r in a.rvc}
    assert applied == {Decimal(threshold)}, rvc.reason
    assert ("s. 18(22)" in rvc.reason) is (threshold in ("60", "61")), rvc.reason
