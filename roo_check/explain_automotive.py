"""``rules explain AUTO-...`` and ``rules list --kind automotive``: the Part 6 schedules.

Each schedule (a category of SOR/2020-155 Part 6: a vehicle RVC, a parts table, the LVC,
steel and aluminum) is printed with every dated step and its citation, so an analyst sees
which figure applies on which day without opening the regulation.
"""

from __future__ import annotations

import datetime as dt

from roo_check.rulebook.automotive import Automotive
from roo_check.rulebook.automotive_schema import ThresholdRow

CHECKS = {
    "AUTO-CORE-PARTS": (
        "Core parts (Table A.2 column 1)",
        "SOR/2020-155, s. 14(4)-(13)",
        "A passenger vehicle or light truck is originating only if the core parts used in it "
        "(engines, transmissions, body and chassis, axles, suspension, steering, advanced "
        "batteries) are originating: each part meets schedule AUTO-A-RVC with its VNM taken as "
        "all non-originating materials or only the non-originating Table A.2 column 2 "
        "components, or all parts together meet it as one super-core part. Batteries of "
        "8507.60 follow their Schedule 1 rule. Vehicles under an approved alternative staging "
        "regime are exempt (s. 19(5)).",
    ),
    "AUTO-STEEL": (
        "Steel purchases (Table S)",
        "SOR/2020-155, s. 17",
        "At least 70% by value of the vehicle producer's corporate purchases of Table S steel "
        "in CUSMA territory, over a s. 17(7) period, must be originating; from 2027-07-01 "
        "steel counts as originating only if every manufacturing process from initial melting "
        "and mixing through coating took place in a CUSMA country (s. 17(5)(b)).",
    ),
    "AUTO-ALUMINUM": (
        "Aluminum purchases (Table S)",
        "SOR/2020-155, s. 17",
        "At least 70% by value of the vehicle producer's corporate purchases of Table S "
        "aluminum must be originating. roo-check applies the 70% to steel and to aluminum "
        "separately (as s. 19(4)(c) states them) and also reports the combined share that a "
        "reading of s. 17(1) as one figure would use.",
    ),
    "AUTO-LVC": (
        "Labour value content",
        "SOR/2020-155, s. 18",
        "LVC = (HWLC + HWM) / NC x 100 + HWTC + HWAC (or the annual purchase value formula), "
        "where only labour and materials of plants paying an average base wage of at least "
        "US$16 (CA$20.88, MXN$294.22) count; technology credit at most 10 points, assembly "
        "credit at most 5 points.",
    ),
}


def _step(row: ThresholdRow) -> str:
    figure = f"{row.percent}%" if row.percent is not None else f"{row.value} {row.unit or ''}"
    start = str(row.effective_from) if row.effective_from else "-"
    end = str(row.effective_to) if row.effective_to else "open"
    if row.period == "after_first_prototype":
        start, end = "first prototype", f"+{row.value} years"
    return f"{start:>15} .. {end:<15} {figure:<22} {row.citation}"


def schedules(auto: Automotive) -> list[tuple[str, str, list[ThresholdRow]]]:
    """(schedule, category, rows) in the order the data gives them."""
    seen: dict[str, list[ThresholdRow]] = {}
    for row in auto.thresholds.thresholds:
        seen.setdefault(row.schedule, []).append(row)
    return [(s, rows[0].category, rows) for s, rows in seen.items()]


def list_schedules(auto: Automotive) -> str:
    lines = ["AUTOMOTIVE SCHEDULES (SOR/2020-155 Part 6; dates inclusive)"]
    for schedule, category, _rows in schedules(auto):
        lines.append(f"  {schedule:<32} {category}")
    lines.append("AUTOMOTIVE CHECKS")
    for check, (name, citation, _) in CHECKS.items():
        lines.append(f"  {check:<32} {name} ({citation})")
    return "\n".join(lines) + "\n"


def explain_automotive(target: str, auto: Automotive, on: dt.date) -> str | None:
    """The schedule or check ``target`` names, with each step; None if it names none."""
    if target in CHECKS:
        name, citation, text = CHECKS[target]
        return f"{target}  {name}\n  Citation: {citation}\n  {text}\n"
    rows = [r for r in auto.thresholds.thresholds if r.schedule == target]
    if not rows:
        return None
    lines = [f"{target}  {rows[0].category}", f"  Source: {auto.thresholds.source.document}"]
    by_measure: dict[str, list[ThresholdRow]] = {}
    for row in rows:
        by_measure.setdefault(row.measure, []).append(row)
    for measure, steps in by_measure.items():
        lines.append(f"  {steps[0].method} [{measure}]:")
        for row in sorted(steps, key=lambda r: r.effective_from or dt.date.min):
            marker = "->" if row.in_force(on) else "  "
            lines.append(f"   {marker} {_step(row)}")
    notes = sorted({r.note for r in rows if r.note})
    lines += [f"  Note: {n}" for n in notes]
    lines.append(f"  (-> marks the step in force on {on})")
    return "\n".join(lines) + "\n"
