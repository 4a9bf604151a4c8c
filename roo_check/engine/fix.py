"""The cheapest change that makes a failing good originate, and what a passing good hangs on.

**Cheapest fix.** Which non-originating materials (by part number) to obtain as originating,
at the least cost (their value, or the premium the user gives per material), so that the good
qualifies under criterion C or under an alternative of its rule. Each way to qualify is a
small integer program over one yes/no choice per material, solved exactly (OR-Tools CP-SAT,
over whole cents, so that no floating-point tolerance touches money):

- an alternative's tariff shift: every material that does not make the shift is obtained as
  originating, or, where the alternative's de minimis counts by value, those left are worth
  no more than its share of the base (Art. 4.12);
- an alternative's regional value content, one program per method the rule allows:
  VNM <= base x (1 - threshold / 100), VNM being the value of the materials left
  non-originating (Art. 4.5);
- criterion C: every material originating.

The programs read the engine's own figures for the good (which materials fail which shift,
the de minimis base, each method's base and threshold) and the value each material adds to the
VNM; a good whose VNM the materials' values do not add up to (an intermediate material, an
accumulation, a fungible split) is said to be out of the model's reach rather than answered.
Every fix found is then checked by deciding the good again with those materials originating;
only a fix the engine confirms is reported.

**Single points of failure.** For an originating good, each originating material whose loss of
originating status alone makes the good fail, found by deciding the good again without it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from roo_check.models.findings import (
    AlternativeResult,
    Determination,
    FixFound,
    FixResult,
    Status,
    WayCost,
)
from roo_check.models.goods import BomLine, OriginStatus

CENT = Decimal("0.01")
HUNDRED = Decimal(100)

Decide = Callable[[list[BomLine]], Determination]
"""Decides the good again with changed BOM lines (the caller binds the good, rules and date)."""


@dataclass(frozen=True)
class Material:
    """A non-originating material as the fix sees it: one part number, every line of it."""

    part: str
    value: Decimal
    cost: Decimal


@dataclass(frozen=True)
class Way:
    """One way to qualify, as an integer program: materials that must be obtained, and caps on
    the value of those left non-originating (all of them, or those failing a shift)."""

    label: str
    must: frozenset[str] = frozenset()
    caps: tuple[tuple[frozenset[str] | None, Decimal], ...] = ()
    """(materials counted, or None for all; the most their value left may be)."""
    fall: Decimal | None = None
    """For an RVC way: how much the VNM must fall, whoever's value falls."""


@dataclass(frozen=True)
class Fix:
    way: str
    materials: tuple[str, ...]
    cost: Decimal
    value: Decimal
    verified: Determination


@dataclass(frozen=True)
class FixReport:
    """The cheapest verified fix (None when none qualifies or the model cannot reach the
    good), every way with its own cheapest choice, and why a way was left out."""

    fix: Fix | None
    ways: list[tuple[str, tuple[str, ...] | None, Decimal | None]] = field(default_factory=list)
    falls: list[tuple[str, Decimal]] = field(default_factory=list)
    unreached: list[str] = field(default_factory=list)
    refused: Determination | None = None
    """When no fix is confirmed: the good decided again under the cheapest way the model
    found, which says what else stands in the way (a Part 6 requirement, a condition)."""


def non_originating(lines: Iterable[BomLine], premiums: dict[str, Decimal]) -> list[Material]:
    """The good's direct, incorporated, non-originating materials, by part number."""
    values: dict[str, Decimal] = {}
    for line in lines:
        if line.parent_part_number or not line.incorporated or line.counts_as_originating:
            continue
        values[line.part_number] = values.get(line.part_number, Decimal(0)) + line.value
    return [Material(p, v, premiums.get(p, v)) for p, v in sorted(values.items())]


def ways(determination: Determination, materials: list[Material]) -> tuple[list[Way], list[str]]:
    """Every way to qualify the model can state, and the alternatives it cannot (with why)."""
    found = [Way("criterion C", must=frozenset(m.part for m in materials))]
    unreached = []
    for alt in determination.alternatives:
        stated = _alternative_ways(alt, materials)
        if isinstance(stated, str):
            unreached.append(f"alternative {alt.label}: {stated}")
        else:
            found.extend(stated)
    return found, unreached


def _alternative_ways(alt: AlternativeResult, materials: list[Material]) -> list[Way] | str:
    if alt.conditions or alt.missing or alt.applicable is False:
        return "its conditions or missing data are not modelled"
    parts = {m.part for m in materials}
    must: frozenset[str] = frozenset()
    caps: list[tuple[frozenset[str] | None, Decimal]] = []
    if alt.shift is not None and alt.shift.passed is not True:
        failing = (
            frozenset(m.part_number for m in alt.shift.materials if m.passes is not True) & parts
        )
        allowance = _de_minimis(alt)
        if allowance is None:
            must = failing
        else:
            caps.append((failing, allowance))
    if not alt.rvc:
        return [Way(f"alternative {alt.label}", must=must, caps=tuple(caps))]
    stated = []
    for rvc in alt.rvc:
        if rvc.base is None:
            continue
        cap = (rvc.base * (HUNDRED - rvc.threshold) / HUNDRED).quantize(CENT, ROUND_FLOOR)
        label = f"alternative {alt.label}, {rvc.method.replace('_', ' ')}"
        fall = max(Decimal(0), rvc.vnm - cap)
        stated.append(Way(label, must=must, caps=(*caps, (None, cap)), fall=fall))
    return stated or "no RVC method has its base (transaction value or net cost)"


def _de_minimis(alt: AlternativeResult) -> Decimal | None:
    """The value of non-shifting materials the alternative's de minimis forgives, if it
    counts by value; None when none applies (each must then be obtained as originating)."""
    dm = alt.de_minimis
    if dm is None or dm.measure != "value" or dm.base is None:
        return None
    return (dm.base * dm.max_percent / HUNDRED).quantize(CENT, ROUND_FLOOR)


def solve(way: Way, materials: list[Material]) -> tuple[str, ...] | None:
    """The cheapest set of materials to obtain as originating under ``way`` (exact, by
    CP-SAT over whole cents), or None when none qualifies. Among sets of the same least cost
    the solver's first is kept (one worker: the same set on every run); asking also for the
    fewest materials, in one weighted objective or a second program, made the 200-material
    benchmark 20 to 100 times slower."""
    from ortools.sat.python import cp_model

    model = cp_model.CpModel()
    pick = {m.part: model.NewBoolVar(m.part) for m in materials}
    for part in way.must:
        model.Add(pick[part] == 1)
    for counted, cap in way.caps:
        left = [m for m in materials if counted is None or m.part in counted]
        model.Add(sum(_cents(m.value) * (1 - pick[m.part]) for m in left) <= _cents(cap))
    cost = sum(_cents(m.cost) * pick[m.part] for m in materials)
    model.Minimize(cost)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1  # deterministic: the same answer on every run
    if solver.Solve(model) != cp_model.OPTIMAL:
        return None
    return tuple(sorted(m.part for m in materials if solver.Value(pick[m.part])))


def _cents(amount: Decimal) -> int:
    return int((amount / CENT).to_integral_value(ROUND_CEILING))


def cheapest_fix(
    determination: Determination,
    lines: list[BomLine],
    decide: Decide,
    premiums: dict[str, Decimal] | None = None,
) -> FixReport:
    """The cheapest change that makes the good originate, checked by deciding it again."""
    materials = non_originating(lines, premiums or {})
    vnm = sum((m.value for m in materials), Decimal(0))
    if determination.figures.vnm != vnm:
        return FixReport(
            None,
            unreached=[
                f"the VNM ({determination.figures.vnm}) is not the sum of the non-originating "
                f"materials' values ({vnm}): Chapter 4 adjusts it (intermediate materials, "
                "accumulation, fungible materials), which the model does not represent"
            ],
        )
    stated, unreached = ways(determination, materials)
    costs = {m.part: m for m in materials}
    solved = []
    for way in stated:
        chosen = solve(way, materials)
        cost = sum((costs[p].cost for p in chosen), Decimal(0)) if chosen is not None else None
        solved.append((way, chosen, cost))
    report = FixReport(
        None,
        ways=[(w.label, c, cost) for w, c, cost in solved],
        falls=[(w.label, w.fall) for w in stated if w.fall is not None],
        unreached=unreached,
    )
    refused = None
    for way, chosen, cost in sorted(
        ((w, c, k) for w, c, k in solved if c is not None and k is not None),
        key=lambda s: (s[2], len(s[1]), s[1], s[0].label),
    ):
        again = decide(_as_originating(lines, set(chosen)))
        if again.status is Status.originating:
            value = sum((costs[p].value for p in chosen), Decimal(0))
            fix = Fix(way.label, chosen, cost, value, again)
            return FixReport(fix, report.ways, report.falls, report.unreached)
        refused = refused or again
    return FixReport(None, report.ways, report.falls, report.unreached, refused)


def _as_originating(lines: list[BomLine], parts: set[str]) -> list[BomLine]:
    return [
        line.model_copy(update={"origin_status": OriginStatus.originating})
        if line.part_number in parts and not line.parent_part_number
        else line
        for line in lines
    ]


def single_points_of_failure(lines: list[BomLine], decide: Decide) -> list[str]:
    """Each originating material (by part number) without which the good would not originate."""
    parts = sorted(
        {
            line.part_number
            for line in lines
            if not line.parent_part_number
            and line.incorporated
            and line.origin_status is OriginStatus.originating
        }
    )
    found = []
    for part in parts:
        changed = [
            line.model_copy(update={"origin_status": OriginStatus.non_originating})
            if line.part_number == part and not line.parent_part_number
            else line
            for line in lines
        ]
        if decide(changed).status is not Status.originating:
            found.append(part)
    return found


def fix_result(
    determination: Determination,
    lines: list[BomLine],
    decide: Decide,
    premiums: dict[str, Decimal] | None = None,
) -> FixResult:
    """The good's single points of failure if it is originating, its cheapest fix if not."""
    if determination.status is Status.originating:
        return FixResult(single_points_of_failure=single_points_of_failure(lines, decide))
    report = cheapest_fix(determination, lines, decide, premiums)
    found = report.fix
    return FixResult(
        fix=FixFound(
            way=found.way,
            materials=list(found.materials),
            cost=found.cost,
            value=found.value,
            message=found.verified.message,
        )
        if found
        else None,
        ways=[
            WayCost(way=w, materials=list(m) if m is not None else None, cost=c)
            for w, m, c in report.ways
        ],
        falls=dict(report.falls),
        unreached=report.unreached,
        refused=report.refused.message if report.refused else None,
    )
