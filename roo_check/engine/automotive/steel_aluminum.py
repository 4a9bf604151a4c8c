"""The steel and aluminum purchase requirement of a vehicle (SOR/2020-155, s. 17, 19(4)(c)).

s. 17(1): at least 70% by value of the vehicle producer's corporate purchases in CUSMA
territory "of steel and aluminum listed in Table S" must be originating. The words allow one
combined figure; s. 19(4)(c) (the alternative staging regime), the reference notes and the
issue read two tests, 70% of steel and 70% of aluminum. roo-check applies the two separate
tests and reports the combined share beside them; when the combined reading would give the
other outcome, both checks say so, so an analyst sees where the reading decides the result.

From 2027-07-01 steel counts as originating only if every steel manufacturing process, from
the initial melting and mixing through coating, took place in CUSMA countries (s. 17(5)(b)).
Under an approved alternative staging regime s. 19(4) replaces s. 17, so that test does not
apply there.

The purchases must cover a s. 17(7) period that fits the vehicle's export date: a previous
fiscal or calendar year, or a quarter, month, fiscal year or calendar year to date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from roo_check.engine.automotive.schedule import describe, fixed, threshold
from roo_check.engine.logic import Tri
from roo_check.models.automotive import (
    AlternativeStagingRegime,
    MetalPurchases,
    PurchasePeriod,
    SteelAluminum,
)
from roo_check.models.automotive_result import AutoCheck, Threshold
from roo_check.money import display_money, display_percent, percent
from roo_check.rulebook.automotive import Automotive

CITATION = "SOR/2020-155, s. 17(1), (5), (7)"
ASR_CITATION = "SOR/2020-155, s. 19(4)(c)"
SCHEDULE = "AUTO-STEEL-ALUMINUM"
ORIGIN_SCHEDULE = "AUTO-STEEL-ORIGIN"
ALL_PROCESSES = "all_processes_in_region"
MEASURE = "originating_share"
TO_DATE_SLACK_DAYS = 31
YEAR_DAYS = 366
QUARTER_DAYS = 92


@dataclass(frozen=True)
class Metal:
    key: str
    check_id: str
    name: str
    asr_schedule: str


STEEL = Metal("steel", "AUTO-STEEL", "Steel purchases (Table S)", "AUTO-ASR-STEEL")
ALUMINUM = Metal("aluminum", "AUTO-ALUMINUM", "Aluminum purchases (Table S)", "AUTO-ASR-ALUMINUM")
READING = (
    "s. 17(1) applied as two separate 70% tests, steel and aluminum (as s. 19(4)(c) states "
    "them), not as one combined figure"
)


def period_problem(data: SteelAluminum, on: dt.date) -> str | None:
    """Why the figures' period is not a s. 17(7) period for a vehicle exported on ``on``.

    A previous year must have ended before the export, within the year before it; a period
    to date must have begun by the export and run to within a month of it (figures to date
    are closed monthly), and must be no longer than the quarter or year it names.
    """
    basis, start, end = data.period_basis, data.period.start, data.period.end
    if basis is PurchasePeriod.previous_calendar_year:
        year = on.year - 1
        if (start, end) != (dt.date(year, 1, 1), dt.date(year, 12, 31)):
            return f"the previous calendar year of {on} is {year}-01-01 to {year}-12-31"
        return None
    if basis is PurchasePeriod.previous_fiscal_year:
        if end >= on:
            return f"a previous fiscal year ends before the export ({on})"
        if (on - end).days > YEAR_DAYS:
            return f"it ended more than {YEAR_DAYS} days before the export ({on})"
        return None
    if start > on:
        return f"a period to date starts on or before the export ({on})"
    if (on - end).days > TO_DATE_SLACK_DAYS:
        return f"figures to date end more than {TO_DATE_SLACK_DAYS} days before the export ({on})"
    if basis is PurchasePeriod.calendar_year_to_date and start != dt.date(on.year, 1, 1):
        return f"the calendar year to date of {on} starts on {on.year}-01-01"
    longest = QUARTER_DAYS if basis is PurchasePeriod.quarter_or_month_to_date else YEAR_DAYS
    if (on - start).days >= longest:
        return f"a {basis.value} starts less than {longest} days before the export ({on})"
    return None


def share(metal: MetalPurchases) -> Decimal | None:
    """Originating share of one metal's purchases, unrounded; None without purchases."""
    return percent(metal.originating, metal.purchases) if metal.purchases > 0 else None


def combined_share(data: SteelAluminum) -> Decimal | None:
    """The one-figure reading of s. 17(1): both metals' originating value over both totals."""
    if data.steel is None or data.aluminum is None:
        return None
    total = data.steel.purchases + data.aluminum.purchases
    if total <= 0:
        return None
    return percent(data.steel.originating + data.aluminum.originating, total)


def _readings_disagree(data: SteelAluminum, required: Decimal) -> str | None:
    """A sentence when the separate and the combined readings of s. 17(1) part ways."""
    combined = combined_share(data)
    shares = [share(m) for m in (data.steel, data.aluminum) if m is not None]
    if combined is None or len(shares) != 2 or None in shares:
        return None
    separate = all(s is not None and s >= required for s in shares)
    together = combined >= required
    if separate == together:
        return None
    return (
        f"the readings disagree: read as one combined figure, s. 17(1) would be "
        f"{'met' if together else 'not met'} ({display_percent(combined)}% of steel and "
        f"aluminum purchases together), while the separate tests are "
        f"{'met' if separate else 'not met'}"
    )


def check_steel_aluminum(
    data: SteelAluminum | None,
    auto: Automotive,
    on: dt.date,
    *,
    asr: AlternativeStagingRegime | None = None,
) -> list[AutoCheck]:
    """The AUTO-STEEL and AUTO-ALUMINUM checks of a vehicle exported on ``on``."""
    return [_check(metal, data, auto, on, asr) for metal in (STEEL, ALUMINUM)]


def _figures(data: SteelAluminum, purchases: MetalPurchases) -> dict[str, str]:
    metal_share, combined = share(purchases), combined_share(data)
    return {
        "purchases": display_money(purchases.purchases),
        "originating": display_money(purchases.originating),
        "share": "-" if metal_share is None else display_percent(metal_share),
        "combined_share": "-" if combined is None else display_percent(combined),
        "period": str(data.period),
        "period_basis": data.period_basis.value,
        "estimated": "yes" if data.estimated else "no",
    }


def _reading(
    data: SteelAluminum, required: Decimal, asr: AlternativeStagingRegime | None
) -> list[str]:
    """Which reading of s. 17(1) the result rests on, and whether the other would differ.

    Under an alternative staging regime s. 19(4)(c) states the two tests, so there is no
    other reading.
    """
    if asr:
        return [f"alternative staging regime {asr.reference}: s. 19(4)(c) sets both tests"]
    sentences = [READING]
    disagreement = _readings_disagree(data, required)
    if disagreement:
        sentences.append(disagreement)
    return sentences


def _steel_origin(melted_and_poured: bool | None, passed: Tri) -> tuple[Tri, str | None, str]:
    """(passed, missing, sentence) once the s. 17(5)(b) test of the steel's processes applies.

    Steel whose processes are not stated may still fail on its share, but cannot pass.
    """
    if melted_and_poured is False:
        return (
            False,
            None,
            "from 2027-07-01 steel counts as originating only if every manufacturing "
            "process from the initial melting and mixing through coating took place in "
            "CUSMA countries (s. 17(5)(b)); the producer states that its steel's did not",
        )
    if melted_and_poured is None:
        return (
            None if passed else False,
            "steel_aluminum.steel_melted_and_poured (s. 17(5)(b), from 2027-07-01)",
            "from 2027-07-01 the steel must also have been melted, mixed and processed "
            "through coating in CUSMA countries (s. 17(5)(b)), which the producer does not "
            "state",
        )
    return passed, None, "every steel manufacturing process in CUSMA countries (s. 17(5)(b))"


def _check(
    metal: Metal,
    data: SteelAluminum | None,
    auto: Automotive,
    on: dt.date,
    asr: AlternativeStagingRegime | None,
) -> AutoCheck:
    t: Threshold | None = (
        fixed(auto, metal.asr_schedule, MEASURE) if asr else threshold(auto, SCHEDULE, MEASURE, on)
    )

    def result(
        passed: Tri, reason: str, figures: dict[str, str] | None = None, missing: str | None = None
    ) -> AutoCheck:
        return AutoCheck(
            id=metal.check_id,
            name=metal.name,
            passed=passed,
            figures=figures or {},
            thresholds=[t] if t else [],
            citation=ASR_CITATION if asr else CITATION,
            reason=reason,
            missing=[missing] if missing and passed is None else [],
        )

    if asr and asr.steel_aluminum_exempt:
        return result(
            True,
            "exempted under the approved alternative staging regime (s. 19(4)(c)): "
            f"approval {asr.reference}",
        )
    purchases = getattr(data, metal.key) if data else None
    if data is None or purchases is None:
        return result(
            None,
            f"no figures for the producer's {metal.key} purchases",
            missing=f"automotive.yaml steel_aluminum.{metal.key} (purchases and originating "
            f"value of Table S {metal.key}, s. 17(1))",
        )
    figures = _figures(data, purchases)
    problem = period_problem(data, on)
    if problem is not None:
        return result(
            None,
            f"the purchase period {data.period} ({data.period_basis.value}) is not a s. 17(7) "
            f"period for this vehicle: {problem}",
            figures,
            f"steel and aluminum figures for a s. 17(7) period that covers a vehicle "
            f"exported on {on}",
        )
    if t is None or t.percent is None:
        return result(
            None,
            f"no steel and aluminum threshold in force on {on}",
            figures,
            f"a {SCHEDULE} threshold in force on {on}",
        )
    metal_share = share(purchases)
    if metal_share is None:
        return result(
            None,
            f"no {metal.key} purchases to take a share of",
            figures,
            f"steel_aluminum.{metal.key}.purchases (greater than zero, s. 17(1))",
        )
    passed: Tri = metal_share >= t.percent
    sentences = [
        f"{display_percent(metal_share)}% of {metal.key} purchases originating "
        f"({display_money(purchases.originating)} / {display_money(purchases.purchases)} x 100) "
        f"{'>=' if passed else '<'} {describe(t)}"
    ]
    sentences += _reading(data, t.percent, asr)
    missing = None
    if metal is STEEL and not asr and threshold(auto, ORIGIN_SCHEDULE, ALL_PROCESSES, on):
        figures["steel_origin_test"] = "all processes in CUSMA countries (s. 17(5)(b))"
        passed, missing, sentence = _steel_origin(data.steel_melted_and_poured, passed)
        sentences.append(sentence)
    if data.estimated:
        sentences.append(
            "estimated purchases (s. 17(8)): a year-end analysis of the actual purchases is "
            "due (s. 17(11))"
            + (
                "; s. 17(8) allows estimates only for the periods to date of s. 17(7)(c)-(e)"
                if data.period_basis
                in (PurchasePeriod.previous_fiscal_year, PurchasePeriod.previous_calendar_year)
                else ""
            )
        )
    return result(passed, "; ".join(sentences), figures, missing)
