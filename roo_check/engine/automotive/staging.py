"""Put the staged RVC threshold in force on the evaluation date into a product-specific rule.

GN 11 prints the automotive rules with their final figures (75% for a passenger vehicle,
70% for a heavy truck). Part 6 stages them: "despite the RVC requirements set out in
Schedule 1, the following RVC thresholds apply" (s. 14(13), (15), (17); s. 15(2), (3);
s. 13 for vehicles; s. 20 for other vehicles; s. 19(4) under an approved alternative
staging regime). So each RVC of the rule takes the figure of the schedule in force, net
cost for net cost and transaction value for transaction value (a transaction value figure
only "if the corresponding rule includes a transaction value method"). Where Part 6 makes
the RVC itself a condition (Table A.1 core parts, s. 14(2); heavy-truck engines, gear
boxes and chassis, s. 15(4)), an alternative without an RVC gets one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from roo_check.engine.automotive.category import Placement
from roo_check.engine.automotive.schedule import describe, fixed, threshold
from roo_check.models.automotive_result import Threshold
from roo_check.rulebook.automotive import Automotive
from roo_check.rulebook.schema import Alternative, ProductRule, Rvc


@dataclass(frozen=True)
class Staged:
    rule: ProductRule
    thresholds: list[Threshold]
    note: str


def staged_thresholds(
    auto: Automotive, schedule: str, on: dt.date, *, approved: bool = False
) -> list[Threshold]:
    """Net cost and transaction value thresholds of a schedule (ASR: its one fixed step)."""
    found = []
    for measure in ("net_cost", "transaction_value"):
        t = fixed(auto, schedule, measure) if approved else threshold(auto, schedule, measure, on)
        if t is not None:
            found.append(t)
    return found


def _rvc(alt: Alternative, nc: Threshold | None, tv: Threshold | None) -> Rvc | None:
    """Each method the alternative allows takes the staged figure of the same method."""
    old = alt.rvc
    if old is None:
        return None
    net_cost = nc.percent if nc and old.net_cost is not None else old.net_cost
    transaction_value = (
        tv.percent if tv and old.transaction_value is not None else old.transaction_value
    )
    return Rvc(net_cost=net_cost, transaction_value=transaction_value)


def stage(
    rule: ProductRule,
    placement: Placement,
    auto: Automotive,
    on: dt.date,
    *,
    schedule: str | None = None,
    approved: bool = False,
) -> Staged | None:
    """The rule with the staged figures in force on ``on``; None if no schedule applies."""
    schedule = schedule or placement.schedule
    if schedule is None:
        return None
    found = staged_thresholds(auto, schedule, on, approved=approved)
    nc = next((t for t in found if t.measure == "net_cost"), None)
    tv = next((t for t in found if t.measure == "transaction_value"), None)
    if nc is None and tv is None:
        return None
    any_tv = any(
        a.rvc is not None and a.rvc.transaction_value is not None for a in rule.alternatives
    )
    alternatives = []
    added = False
    for alt in rule.alternatives:
        if placement.kind == "vehicle" and alt.other_goods:
            # "any other good" of a vehicle heading is not the vehicle the schedule is for.
            alternatives.append(alt)
            continue
        rvc = _rvc(alt, nc, tv)
        if rvc is None and placement.rvc_required:
            rvc = Rvc(
                net_cost=nc.percent if nc else None,
                transaction_value=tv.percent if tv and any_tv else None,
            )
            added = True
        alternatives.append(alt.model_copy(update={"rvc": rvc}))
    used = [t for t in (nc, tv) if t is not None and (t is nc or any_tv)]
    note = "Part 6 threshold in force: " + "; ".join(
        f"{t.measure.replace('_', ' ')} {describe(t)}" for t in used
    )
    if added:
        note += (
            "; an RVC is required of every alternative ("
            + ("s. 15(4)" if placement.table in ("D", "E", None) else "s. 14(2)")
            + ")"
        )
    staged = rule.model_copy(update={"alternatives": alternatives})
    return Staged(rule=staged, thresholds=used, note=note)
