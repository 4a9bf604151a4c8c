"""A vehicle through Part 6 end to end: averaging (s. 16), the alternative staging regime
(s. 19) and "cannot decide" naming the producer's missing figures."""

from __future__ import annotations

import datetime as dt

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
    assert any("steel_aluminum.steel" in m for m in result.missing), result.missing
    assert any("vehicles[].lvc" in m for m in result.missing), result.missing


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
