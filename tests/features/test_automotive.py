"""Steps of the automotive feature (SOR/2020-155 Part 6), on top of the shared steps."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pytest_bdd import parsers, scenarios, then

scenarios("automotive.feature")

_STATE = {"met": True, "not met": False, "cannot be decided": None}


@then(parsers.parse("the good is placed as a {category}"))
def placed_as(result, category):
    assert result.automotive is not None, result.message
    assert result.automotive.category == category, result.automotive.category


@then(
    parsers.re(
        r"the threshold of (?P<schedule>AUTO-[\w.-]+) is (?P<pct>[\d.]+)% "
        r"(?P<measure>net cost|transaction value) from (?P<start>[\d-]+), citing \"(?P<cite>[^\"]+)\""
    )
)
def threshold_of(result, schedule, pct, measure, start, cite):
    found = [
        t
        for c in result.automotive.checks
        for t in c.thresholds
        if t.schedule == schedule and t.measure == measure.replace(" ", "_")
    ]
    assert found, [c.thresholds for c in result.automotive.checks]
    t = found[0]
    assert t.percent == Decimal(pct)
    assert t.effective_from == dt.date.fromisoformat(start)
    assert cite in t.citation, t.citation


@then(parsers.parse('check {check_id} cannot be decided for want of "{what}"'))
def check_undecided(result, check_id, what):
    check = next(c for c in result.automotive.checks if c.id == check_id)
    assert check.passed is None, check.reason
    assert any(what in m for m in check.missing), check.missing


@then(parsers.re(r"the good is (?P<verdict>originating|not originating)$"))
def verdict(result, verdict):
    assert result.status.value == verdict.replace(" ", "-"), result.message
