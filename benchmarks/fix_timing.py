"""Benchmark: ``roo-check fix`` on one good with many materials (issue 14, item 4).

Run: ``python benchmarks/fix_timing.py [--materials 200] [--seed 1] [--repeat 3]``.

Builds the motor control panel of sample 03 (8537.10: (A) a change of heading except from
printed circuit assemblies, with de minimis; (B) a change of heading and an RVC of 50 % by
transaction value or 40 % by net cost) with N materials drawn from a seeded generator, two in
three non-originating, a transaction value 1.2 times their total and a net cost equal to it,
so that it fails; then times the first decision, the cheapest fix (every way solved by CP-SAT,
the best one checked by deciding the good again), and the single points of failure of the
good once fixed. Not a test: the figures depend on the machine.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

from roo_check.engine.evaluate import evaluate_good
from roo_check.engine.facts import Facts
from roo_check.engine.fix import cheapest_fix, single_points_of_failure
from roo_check.models.goods import BomLine, Good, OriginStatus
from roo_check.rulebook.load import load_rulebook

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository, for tests.panel
from tests.panel import ON, material, panel

CODES = ["8538.90", "8504.40", "8536.20", "8536.49", "8544.49", "7326.90", "3926.90", "8537.10"]


def _lines(count: int, rng: random.Random) -> list[BomLine]:
    """Materials drawn from ``CODES``, one in three originating."""
    lines = []
    for i in range(count):
        code, originating = rng.choice(CODES), rng.random() < 1 / 3
        value = Decimal(rng.randint(100, 500_000)) / 100
        lines.append(material(i, code, value, originating))
    return lines


def _good(lines: list[BomLine]) -> Good:
    """Sold for 1.2 times its materials, at a net cost equal to them: it fails."""
    total = sum((line.value for line in lines), Decimal(0))
    return panel((total * Decimal("1.2")).quantize(Decimal("0.01")), total)


def _timed(action, repeat: int):
    best, result = None, None
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        spent = time.perf_counter() - start
        best = spent if best is None else min(best, spent)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--materials", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rulebook = load_rulebook()
    lines = _lines(args.materials, random.Random(args.seed))
    good = _good(lines)

    def decide(changed: list[BomLine]):
        return evaluate_good(good, changed, rulebook, ON, facts=Facts())

    decided, determination = _timed(lambda: decide(lines), args.repeat)
    solved, report = _timed(lambda: cheapest_fix(determination, lines, decide), args.repeat)
    open_ = sum(1 for line in lines if line.origin_status is OriginStatus.non_originating)
    print(f"{args.materials} materials, {open_} non-originating; status {determination.status}")
    print(f"deciding the good: {decided * 1000:.1f} ms (best of {args.repeat})")
    print(f"cheapest fix (every way solved, the best checked): {solved * 1000:.1f} ms")
    for way, chosen, cost in report.ways:
        shown = "cannot be met" if chosen is None else f"{len(chosen)} material(s), {cost}"
        print(f"  {way}: {shown}")
    if report.fix is None:
        print(f"no fix confirmed; not modelled: {report.unreached}")
        return
    fixed = [
        line.model_copy(update={"origin_status": OriginStatus.originating})
        if line.part_number in report.fix.materials
        else line
        for line in lines
    ]
    spof, found = _timed(lambda: single_points_of_failure(fixed, decide), 1)
    print(f"fix: {len(report.fix.materials)} material(s) under {report.fix.way}, {report.fix.cost}")
    print(f"single points of failure of the fixed good: {len(found)}, {spof * 1000:.1f} ms")


if __name__ == "__main__":
    main()
