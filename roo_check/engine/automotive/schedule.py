"""Thresholds in force on a date, each with its whole phase-in schedule.

The report shows the schedule beside the figure used, so an analyst sees which step applied
and what changes next (s. 13-15, 18 and 19 of SOR/2020-155 stage their thresholds from
July 1 of each year).
"""

from __future__ import annotations

import datetime as dt

from roo_check.models.automotive_result import Step, Threshold
from roo_check.rulebook.automotive import Automotive
from roo_check.rulebook.automotive_schema import ThresholdRow


def as_threshold(row: ThresholdRow, steps: list[ThresholdRow] | None = None) -> Threshold:
    """A threshold row as reported, with the schedule's steps (none for a one-off row)."""
    return Threshold(
        schedule=row.schedule,
        measure=row.measure,
        label=f"{row.category}: {row.method}",
        percent=row.percent,
        value=row.value,
        unit=row.unit,
        effective_from=row.effective_from,
        effective_to=row.effective_to,
        citation=row.citation,
        steps=[
            Step(
                effective_from=s.effective_from,
                effective_to=s.effective_to,
                percent=s.percent,
                citation=s.citation,
            )
            for s in steps or []
        ],
    )


def threshold(auto: Automotive, schedule: str, measure: str, on: dt.date) -> Threshold | None:
    """The threshold of ``schedule``/``measure`` in force on ``on``, or None if none is."""
    row = auto.in_force(schedule, measure, on)
    if row is None:
        return None
    return as_threshold(row, auto.steps(schedule, measure))


def fixed(auto: Automotive, schedule: str, measure: str) -> Threshold | None:
    """The one threshold of a schedule whose period is set elsewhere (an approved ASR).

    s. 19(2): the ASR requirements apply "from July 1, 2020 until June 30, 2025 or any other
    period provided for in the producer's approved alternative staging regime", so the
    approved period, not the row's dates, decides whether it applies.
    """
    steps = auto.steps(schedule, measure)
    return as_threshold(steps[0], steps) if steps else None


def describe(t: Threshold) -> str:
    """'70% (SOR/2020-155, s. 14(15)(d), from 2023-07-01)' for reasons and reports."""
    figure = f"{t.percent}%" if t.percent is not None else f"{t.value} {t.unit or ''}".strip()
    span = f"from {t.effective_from}" if t.effective_from else "no start date"
    if t.effective_to:
        span += f" to {t.effective_to}"
    return f"{figure} ({t.citation}, {span})"
