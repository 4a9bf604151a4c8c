"""The cheapest fix is optimal: on BOMs of up to 12 materials drawn at random around the motor
control panel of sample 03 (heading 8537: (A) a change of heading except from printed circuit
assemblies, with de minimis; (B) a change of heading and an RVC of 50 % by transaction value or
40 % by net cost), its cost equals the least cost found by deciding the good again with every
subset of its non-originating materials obtained as originating; and the fix, applied, makes
the good originate. Single points of failure are checked the same way, one material at a time."""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roo_check.engine.evaluate import evaluate_good
from roo_check.engine.facts import Facts
from roo_check.engine.fix import cheapest_fix, single_points_of_failure
from roo_check.models.findings import Status
from roo_check.models.goods import BomLine, OriginStatus
from roo_check.rulebook.load import load_rulebook
from tests.panel import ON, material, panel

CODES = ["8538.90", "8504.40", "8536.20", "8536.49", "8544.49", "7326.90", "8537.10"]


@pytest.fixture(scope="module")
def rulebook():
    return load_rulebook()


materials = st.lists(
    st.tuples(
        st.sampled_from(CODES),
        st.integers(min_value=1, max_value=300_000).map(lambda c: Decimal(c) / 100),
        st.sampled_from([False, False, True]),  # originating one time in three
    ),
    min_size=1,
    max_size=12,
)


def _decider(rulebook, good):
    return lambda lines: evaluate_good(good, lines, rulebook, ON, facts=Facts())


def _brute_force(decide, lines: list[BomLine]) -> Decimal | None:
    open_ = [line for line in lines if line.origin_status is OriginStatus.non_originating]
    best = None
    for size in range(len(open_) + 1):
        for chosen in itertools.combinations(open_, size):
            cost = sum((line.value for line in chosen), Decimal(0))
            if best is not None and cost >= best:
                continue
            parts = {line.part_number for line in chosen}
            changed = [
                line.model_copy(update={"origin_status": OriginStatus.originating})
                if line.part_number in parts
                else line
                for line in lines
            ]
            if decide(changed).status is Status.originating:
                best = cost
    return best


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(drawn=materials, markup=st.integers(min_value=105, max_value=260), share=st.integers(70, 99))
def test_the_cheapest_fix_is_the_least_cost_the_engine_accepts(rulebook, drawn, markup, share):
    """The good sells for 1.05 to 2.6 times its materials, so that most draws fail."""
    total = sum((value for _, value, _ in drawn), Decimal(0))
    tv = (total * markup / 100).quantize(Decimal("0.01"))
    good = panel(tv, (tv * share / 100).quantize(Decimal("0.01")))
    lines = [material(i, code, value, orig) for i, (code, value, orig) in enumerate(drawn)]
    decide = _decider(rulebook, good)
    determination = decide(lines)
    if determination.status is Status.originating:
        return
    report = cheapest_fix(determination, lines, decide)
    best = _brute_force(decide, lines)
    if best is None:
        assert report.fix is None
        return
    assert report.fix is not None, (report.ways, report.unreached)
    assert report.fix.cost == best
    applied = [
        line.model_copy(update={"origin_status": OriginStatus.originating})
        if line.part_number in report.fix.materials
        else line
        for line in lines
    ]
    assert decide(applied).status is Status.originating


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(drawn=materials, markup=st.integers(min_value=150, max_value=400))
def test_single_points_of_failure_are_exactly_the_materials_the_good_cannot_lose(
    rulebook, drawn, markup
):
    """The good sells for 1.5 to 4 times its materials, so that most draws originate."""
    total = sum((value for _, value, _ in drawn), Decimal(0))
    good = panel(*(2 * [(total * markup / 100).quantize(Decimal("0.01"))]))
    lines = [material(i, code, value, orig) for i, (code, value, orig) in enumerate(drawn)]
    decide = _decider(rulebook, good)
    if decide(lines).status is not Status.originating:
        return
    found = single_points_of_failure(lines, decide)
    for line in lines:
        if line.origin_status is not OriginStatus.originating:
            continue
        lost = [
            m.model_copy(update={"origin_status": OriginStatus.non_originating})
            if m.part_number == line.part_number
            else m
            for m in lines
        ]
        assert (line.part_number in found) == (decide(lost).status is not Status.originating)


def test_premiums_change_the_choice(rulebook) -> None:
    """Sample 03's figures: the drive (1,380.00) is cheapest by value; priced at 5,000.00 more,
    the controller board (2,150.00, alternative A) becomes the cheapest fix."""
    good = panel(Decimal("6200.00"), Decimal("5600.00"))
    lines = [
        material(0, "8538.90", Decimal("2150.00"), False),
        material(1, "8504.40", Decimal("1380.00"), False),
        material(2, "8536.49", Decimal("380.00"), False),
        material(3, "8536.20", Decimal("510.00"), True),
    ]
    decide = _decider(rulebook, good)
    determination = decide(lines)
    assert cheapest_fix(determination, lines, decide).fix.materials == ("M01",)
    priced = cheapest_fix(determination, lines, decide, {"M01": Decimal("5000.00")})
    assert priced.fix.materials == ("M00",) and priced.fix.way == "alternative A"
