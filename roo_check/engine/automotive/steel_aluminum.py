"""The steel and aluminum purchase requirement of a vehicle (SOR/2020-155, s. 17, 19(4)(c)).

s. 17(1): at least 70% by value of the vehicle producer's corporate purchases in CUSMA
territory "of steel and aluminum listed in Table S" must be originating. The words allow one
combined figure; s. 19(4)(c) (the alternative staging regime), the reference notes and the
issue read two tests, 70% of steel and 70% of aluminum. roo-check applies the two separate
tests and reports the combined share beside them, saying when the readings disagree.

From 2027-07-01 steel counts as originating only if every steel manufacturing process, from
the initial melting and mixing through coating, took place in CUSMA countries (s. 17(5)(b)).
The purchases must cover a s. 17(7) period that fits the vehicle's export date.
"""

from __future__ import annotations

import datetime as dt
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

CITATION = "SOR/2020-155, s. 17(1), (3)-(7)"
ASR_CITATION = "SOR/2020-155, s. 19(4)(c)"
METALS = (
    ("steel", "AUTO-STEEL", "Steel purchases (Table S)", "AUTO-ASR-STEEL"),
    ("aluminum", "AUTO-ALUMINUM", "Aluminum purchases (Table S)", "AUTO-ASR-ALUMINUM"),
)
PREVIOUS = (PurchasePeriod.previous_fiscal_year, PurchasePeriod.previous_calendar_year)


def _period_fits(data: SteelAluminum, on: dt.date) -> bool:
    """s. 17(7): a previous year ends before export; a period to date runs up to it."""
    if data.period_basis in PREVIOUS:
        return data.period.end < on and (on - data.period.end).days <= 366
    return data.period.start <= on and (on - data.period.end).days <= 31


def _share(metal: MetalPurchases) -> Decimal | None:
    return percent(metal.originating, metal.purchases) if metal.purchases > 0 else None


def _combined(data: SteelAluminum) -> Decimal | None:
    if data.steel is None or data.aluminum is None:
        return None
    total = data.steel.purchases + data.aluminum.purchases
    if total <= 0:
        return None
    return percent(data.steel.originating + data.aluminum.originating, total)


def check_steel_aluminum(
    data: SteelAluminum | None,
    auto: Automotive,
    on: dt.date,
    *,
    asr: AlternativeStagingRegime | None = None,
) -> list[AutoCheck]:
    return [_check(metal, data, auto, on, asr) for metal in METALS]


def _check(
    metal: tuple[str, str, str, str],
    data: SteelAluminum | None,
    auto: Automotive,
    on: dt.date,
    asr: AlternativeStagingRegime | None,
) -> AutoCheck:
    name, check_id, title, asr_schedule = metal
    citation = ASR_CITATION if asr else CITATION
    t: Threshold | None = (
        fixed(auto, asr_schedule, "originating_share")
        if asr
        else threshold(auto, "AUTO-STEEL-ALUMINUM", "originating_share", on)
    )
    thresholds = [t] if t else []

    def result(passed: Tri, reason: str, figures: dict[str, str], missing: list[str]) -> AutoCheck:
        return AutoCheck(
            id=check_id,
            name=title,
            passed=passed,
            figures=figures,
            thresholds=thresholds,
            citation=citation,
            reason=reason,
            missing=missing,
        )

    if asr and asr.steel_aluminum_exempt:
        return result(
            True,
            f"exempted under the approved alternative staging regime {asr.reference} (s. 19(4)(c))",
            {},
            [],
        )
    purchases = getattr(data, name) if data else None
    if data is None or purchases is None:
        return result(
            None,
            f"no figures for the producer's {name} purchases",
            {},
            [
                f"automotive.yaml steel_aluminum.{name} (purchases and originating value of "
                f"Table S {name}, s. 17(1))"
            ],
        )
    share, combined = _share(purchases), _combined(data)
    figures = {
        "purchases": display_money(purchases.purchases),
        "originating": display_money(purchases.originating),
        "share": "-" if share is None else display_percent(share),
        "period": f"{data.period} ({data.period_basis.value})",
    }
    if combined is not None:
        figures["combined steel and aluminum share"] = display_percent(combined)
    if data.estimated:
        figures["estimated"] = "yes"
    if not _period_fits(data, on):
        return result(
            None,
            f"the purchase period {data.period} ({data.period_basis.value}) "
            f"does not cover a vehicle exported on {on}",
            figures,
            [
                f"steel and aluminum figures for a s. 17(7) period that covers a vehicle "
                f"exported on {on}"
            ],
        )
    if t is None or t.percent is None or share is None:
        return result(
            None,
            f"no {name} purchases to take a share of",
            figures,
            [f"steel_aluminum.{name}.purchases"],
        )
    passed: Tri = share >= t.percent
    reason = (
        f"{display_percent(share)}% of {name} purchases originating "
        f"({display_money(purchases.originating)} / {display_money(purchases.purchases)} x 100) "
        f"{'>=' if passed else '<'} {describe(t)}"
    )
    if combined is not None and not asr and (combined >= t.percent) != passed:
        reason += (
            f"; read as one combined figure, s. 17(1) would give {display_percent(combined)}% "
            f"and the opposite result"
        )
    if data.estimated:
        reason += (
            "; estimated purchases: a year-end analysis of actual purchases is due (s. 17(11))"
        )
    missing: list[str] = []
    if name == "steel" and passed:
        origin = threshold(auto, "AUTO-STEEL-ORIGIN", "all_processes_in_region", on)
        if origin is not None:
            thresholds.append(origin)
            if data.steel_melted_and_poured is None:
                passed = None
                missing.append(
                    "steel_aluminum.steel_melted_and_poured (s. 17(5)(b), from 2027-07-01)"
                )
                reason += "; from 2027-07-01 the steel must also be melted and poured in the region"
            elif not data.steel_melted_and_poured:
                passed = False
                reason += (
                    "; but from 2027-07-01 steel counts as originating only if every "
                    "process from melting through coating took place in CUSMA countries "
                    "(s. 17(5)(b)), which the producer does not state"
                )
    return result(passed, reason, figures, missing)
