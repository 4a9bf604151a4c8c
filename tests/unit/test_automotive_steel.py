"""Steel and aluminum purchases (SOR/2020-155, s. 17, 19(4)(c)): hand-computed cases."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from roo_check.engine.automotive.steel_aluminum import (
    check_steel_aluminum,
    combined_share,
    share,
)
from roo_check.models.automotive import AlternativeStagingRegime, MetalPurchases, SteelAluminum
from roo_check.models.automotive_result import AutoCheck

D2026 = dt.date(2026, 3, 1)
STEP_2027 = dt.date(2027, 7, 1)
PERIOD_MISSING = "steel and aluminum figures for a s. 17(7) period that covers a vehicle"


def figures(
    steel: tuple[str, str] | None = ("100000.00", "80000.00"),
    aluminum: tuple[str, str] | None = ("10000.00", "8000.00"),
    *,
    basis: str = "previous calendar year",
    start: str = "2025-01-01",
    end: str = "2025-12-31",
    **fields: object,
) -> SteelAluminum:
    data: dict[str, object] = {
        "period_basis": basis,
        "period": {"start": start, "end": end},
        "steel": {"purchases": steel[0], "originating": steel[1]} if steel else None,
        "aluminum": {"purchases": aluminum[0], "originating": aluminum[1]} if aluminum else None,
    }
    data.update(fields)
    return SteelAluminum.model_validate(data)


def regime(exempt: bool = False) -> AlternativeStagingRegime:
    return AlternativeStagingRegime.model_validate(
        {
            "reference": "ASR-2020-017",
            "period": {"start": "2020-07-01", "end": "2027-06-30"},
            "steel_aluminum_exempt": exempt,
        }
    )


@pytest.fixture(scope="module")
def auto(rulebook):
    return rulebook.automotive


def run(auto, data: SteelAluminum | None, on: dt.date = D2026, asr=None) -> dict[str, AutoCheck]:
    checks = check_steel_aluminum(data, auto, on, asr=asr)
    assert [c.id for c in checks] == ["AUTO-STEEL", "AUTO-ALUMINUM"]
    return {c.id: c for c in checks}


@pytest.mark.parametrize(("originating", "passed"), [("70000.00", True), ("69990.00", False)])
def test_seventy_percent_boundary(auto, originating: str, passed: bool) -> None:
    # 70,000 / 100,000 x 100 = 70.00 >= 70; 69,990 / 100,000 x 100 = 69.99 < 70
    steel = run(auto, figures(("100000.00", originating)))["AUTO-STEEL"]
    assert steel.passed is passed
    assert steel.name == "Steel purchases (Table S)"
    assert steel.reason.startswith(
        f"{'70.00' if passed else '69.99'}% of steel purchases originating "
        f"({Decimal(originating):,.2f} / 100,000.00 x 100) {'>=' if passed else '<'} 70% "
        "(SOR/2020-155, s. 17(1), from 2020-07-01)"
    )
    assert steel.thresholds[0].schedule == "AUTO-STEEL-ALUMINUM"
    assert steel.citation.startswith("SOR/2020-155, s. 17(1)")


def test_figures_of_a_check(auto) -> None:
    # steel 80,000 / 100,000 = 80%; combined (80,000 + 8,000) / 110,000 = 80%
    aluminum = run(auto, figures(estimated=True, basis="calendar year to date",
                                 start="2026-01-01", end="2026-02-28"))["AUTO-ALUMINUM"]  # fmt: skip
    assert aluminum.name == "Aluminum purchases (Table S)"
    assert aluminum.figures == {
        "purchases": "10,000.00",
        "originating": "8,000.00",
        "share": "80.00",
        "combined_share": "80.00",
        "period": "2026-01-01 to 2026-02-28",
        "period_basis": "calendar year to date",
        "estimated": "yes",
    }
    assert "year-end analysis" in aluminum.reason and "s. 17(11)" in aluminum.reason
    assert "two separate 70% tests" in aluminum.reason


def test_combined_reading_disagreement_is_reported(auto) -> None:
    # steel 80,000 / 100,000 = 80% (met), aluminum 6,000 / 10,000 = 60% (not met);
    # combined (80,000 + 6,000) / 110,000 = 78.18% would meet the one-figure reading.
    # (Both shares >= 70 always gives a combined >= 70, so only this direction exists.)
    checks = run(auto, figures(aluminum=("10000.00", "6000.00")))
    assert checks["AUTO-STEEL"].passed is True
    assert checks["AUTO-ALUMINUM"].passed is False
    for check in checks.values():
        assert check.figures["combined_share"] == "78.18"
        assert "the readings disagree" in check.reason
        assert "would be met (78.18%" in check.reason


def test_no_disagreement_sentence_when_the_readings_agree(auto) -> None:
    checks = run(auto, figures())
    assert all(c.passed is True for c in checks.values())
    assert not any("disagree" in c.reason for c in checks.values())


def test_alternative_staging_regime_exempt(auto) -> None:
    checks = run(auto, None, asr=regime(exempt=True))
    for check in checks.values():
        assert check.passed is True
        assert "exempted under the approved alternative staging regime (s. 19(4)(c))" in (
            check.reason
        )
        assert check.citation == "SOR/2020-155, s. 19(4)(c)"
    assert checks["AUTO-STEEL"].thresholds[0].schedule == "AUTO-ASR-STEEL"
    assert checks["AUTO-ALUMINUM"].thresholds[0].schedule == "AUTO-ASR-ALUMINUM"


def test_alternative_staging_regime_tests_both_metals(auto) -> None:
    # s. 19(4)(c): steel 80%, aluminum 6,000 / 10,000 = 60% < 70: no combined reading here;
    # the approved period, not the row's 2025-06-30, decides that the ASR applies.
    checks = run(auto, figures(aluminum=("10000.00", "6000.00")), asr=regime())
    assert checks["AUTO-ALUMINUM"].passed is False
    assert checks["AUTO-ALUMINUM"].thresholds[0].schedule == "AUTO-ASR-ALUMINUM"
    assert not any("disagree" in c.reason for c in checks.values())


@pytest.mark.parametrize(("melted", "passed"), [(None, None), (False, False), (True, True)])
def test_steel_from_2027_07_01(auto, melted, passed) -> None:
    data = figures(steel_melted_and_poured=melted, start="2026-01-01", end="2026-12-31")
    checks = run(auto, data, on=STEP_2027)
    steel = checks["AUTO-STEEL"]
    assert steel.passed is passed
    assert steel.figures["steel_origin_test"].startswith("all processes in CUSMA countries")
    assert "s. 17(5)(b)" in steel.reason
    assert steel.missing == (
        ["steel_aluminum.steel_melted_and_poured (s. 17(5)(b), from 2027-07-01)"]
        if melted is None
        else []
    )
    assert checks["AUTO-ALUMINUM"].passed is True


def test_steel_origin_test_not_before_2027_07_01(auto) -> None:
    # 2027-06-30: s. 17(5)(a) still applies, so an unstated melt is no gap
    data = figures(start="2026-01-01", end="2026-12-31")
    steel = run(auto, data, on=dt.date(2027, 6, 30))["AUTO-STEEL"]
    assert steel.passed is True
    assert "steel_origin_test" not in steel.figures


def test_failing_share_stays_failed_without_the_melt_statement(auto) -> None:
    data = figures(("100000.00", "50000.00"), start="2026-01-01", end="2026-12-31")
    assert run(auto, data, on=STEP_2027)["AUTO-STEEL"].passed is False


def test_missing_figures_are_named(auto) -> None:
    checks = run(auto, None)
    assert all(c.passed is None for c in checks.values())
    assert checks["AUTO-STEEL"].missing == [
        "automotive.yaml steel_aluminum.steel (purchases and originating value of Table S "
        "steel, s. 17(1))"
    ]
    only_steel = run(auto, figures(aluminum=None))
    assert only_steel["AUTO-STEEL"].passed is True
    assert only_steel["AUTO-ALUMINUM"].passed is None
    assert only_steel["AUTO-STEEL"].figures["combined_share"] == "-"


@pytest.mark.parametrize(("basis", "start", "end", "fits"), [
    ("previous fiscal year", "2025-03-01", "2026-02-28", True),
    ("previous fiscal year", "2025-03-01", "2026-03-01", False),  # ends on the export day
    ("previous fiscal year", "2024-03-01", "2025-02-28", True),   # 366 days before
    ("previous fiscal year", "2024-02-28", "2025-02-27", False),  # 367 days before
    ("previous calendar year", "2025-01-01", "2025-12-31", True),
    ("previous calendar year", "2024-01-01", "2024-12-31", False),
    ("calendar year to date", "2026-01-01", "2026-02-28", True),
    ("calendar year to date", "2025-12-01", "2026-02-28", False),  # not the calendar year
    ("fiscal year to date", "2025-10-01", "2026-01-29", True),     # 31 days before
    ("fiscal year to date", "2025-10-01", "2026-01-28", False),    # 32 days before
    ("fiscal year to date", "2026-03-02", "2026-03-31", False),    # starts after the export
    ("quarter or month to date", "2026-01-01", "2026-02-28", True),
    ("quarter or month to date", "2025-10-01", "2026-02-28", False),  # longer than a quarter
])  # fmt: skip
def test_s17_7_periods(auto, basis: str, start: str, end: str, fits: bool) -> None:
    steel = run(auto, figures(basis=basis, start=start, end=end))["AUTO-STEEL"]
    if fits:
        assert steel.passed is True
    else:
        assert steel.passed is None
        assert steel.missing == [f"{PERIOD_MISSING} exported on {D2026}"]


def test_estimates_of_a_previous_year_are_flagged(auto) -> None:
    steel = run(auto, figures(estimated=True))["AUTO-STEEL"]
    assert "s. 17(8) allows estimates only for the periods to date" in steel.reason


def test_no_purchases_cannot_be_decided(auto) -> None:
    aluminum = run(auto, figures(aluminum=("0", "0")))["AUTO-ALUMINUM"]
    assert aluminum.passed is None
    assert aluminum.missing == ["steel_aluminum.aluminum.purchases (greater than zero, s. 17(1))"]


@st.composite
def purchases(draw: st.DrawFn) -> MetalPurchases:
    """Any purchases in cents, the originating part no more than the whole."""
    total = draw(st.integers(min_value=1, max_value=10**12))
    originating = draw(st.integers(min_value=0, max_value=total))
    return MetalPurchases(purchases=Decimal(total) / 100, originating=Decimal(originating) / 100)


@given(steel=purchases(), aluminum=purchases())
def test_shares_stay_within_0_100_and_combined_between_them(steel, aluminum) -> None:
    data = figures().model_copy(update={"steel": steel, "aluminum": aluminum})
    shares = [share(steel), share(aluminum)]
    assert all(s is not None and 0 <= s <= 100 for s in shares)
    combined = combined_share(data)
    assert combined is not None
    assert min(shares) <= combined <= max(shares)
