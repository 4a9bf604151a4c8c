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
import datetime as dt
import random
import time
from decimal import Decimal

from roo_check.engine.evaluate import evaluate_good
from roo_check.engine.facts import Facts
from roo_check.engine.fix import cheapest_fix, single_points_of_failure
from roo_check.models.goods import BomLine, Good, OriginStatus
from roo_check.rulebook.load import load_rulebook

CODES = ["8538.90", "8504.40", "8536.20", "8536.49", "8544.49", "7326.90", "3926.90", "8537.10"]
ON = dt.date(2026, 11, 2)


def _lines(count: int, rng: random.Random) -> list[BomLine]:
    lines = []
    for i in range(count):
        code = rng.choice(CODES)
        originating = rng.random() < 1 / 3
        lines.append(
            BomLine.model_validate(
                {
                    "good_part_number": "CP-480",
                    "part_number": f"M{i:03d}",
                    "description": "printed circuit assembly" if code == "8538.90" else "part",
                    "product_kind": "printed circuit assemblies" if code == "8538.90" else None,
                    "hs_code": code,
                    "quantity": "1",
                    "unit": "pcs",
                    "extended_value": f"{rng.randint(100, 500_000) / 100:.2f}",
                    "currency": "USD",
                    "country_of_origin": "MX" if originating else "CN",
                    "origin_status": "originating" if originating else "non-originating",
                }
            )
        )
    return lines


def _good(lines: list[BomLine]) -> Good:
    total = sum((line.value for line in lines), Decimal(0))
    tv = (total * Decimal("1.2")).quantize(Decimal("0.01"))
    return Good.model_validate(
        {
            "part_number": "CP-480",
            "description": "Motor control panel",
            "hs_code": "8537.10",
            "producer": "Tableros Electricos de Monterrey SA de CV",
            "country_of_production": "MX",
            "currency": "USD",
            "transaction_value": str(tv),
            "net_cost": str(total),
            "production_date": "2026-10-20",
        }
    )


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
