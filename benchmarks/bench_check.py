"""Benchmark: rule loading, start-up, and checking synthetic shipment folders.

Run: ``python benchmarks/bench_check.py [--goods 2000] [--lines 40]``. Prints one line per
measure; the figures in the README's Performance section come from this script. Not a test:
timings depend on the machine.
"""

from __future__ import annotations

import argparse
import csv
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GOOD_COLUMNS = [
    "part_number",
    "description",
    "hs_code",
    "producer",
    "country_of_production",
    "currency",
    "transaction_value",
    "net_cost",
    "shipment_date",
]
BOM_COLUMNS = [
    "good_part_number",
    "part_number",
    "description",
    "hs_code",
    "quantity",
    "unit",
    "extended_value",
    "currency",
    "country_of_origin",
    "origin_status",
]
GOOD_CODES = ["8501.52", "8402.12", "8459.29", "8484.10", "8537.10", "8457.10", "8544.42"]
MATERIAL_CODES = [
    "7226.19",
    "8544.11",
    "8482.10",
    "7616.99",
    "8483.10",
    "3926.90",
    "8501.52",
    "8538.90",
    "8536.49",
    "8402.90",
    "7325.10",
    "8481.80",
    "8504.40",
]
COUNTRIES = ["MX", "US", "CA", "CN", "JP", "DE", "KR", "IN"]


def make_folder(root: Path, goods: int, lines: int, seed: int = 7) -> Path:
    rng = random.Random(seed)
    folder = root / "bench-shipment"
    folder.mkdir()
    with (
        (folder / "goods.csv").open("w", newline="") as g,
        (folder / "bom.csv").open("w", newline="") as b,
    ):
        gw, bw = csv.writer(g), csv.writer(b)
        gw.writerow(GOOD_COLUMNS)
        bw.writerow(BOM_COLUMNS)
        for i in range(goods):
            part = f"G-{i:05d}"
            tv = rng.randint(1_000, 100_000)
            gw.writerow(
                [
                    part,
                    "synthetic good",
                    rng.choice(GOOD_CODES),
                    "Producer SA",
                    "MX",
                    "USD",
                    f"{tv}.00",
                    f"{int(tv * 0.9)}.00",
                    "2026-10-01",
                ]
            )
            for j in range(lines):
                country = rng.choice(COUNTRIES)
                status = "originating" if country in {"MX", "US", "CA"} else "non-originating"
                bw.writerow(
                    [
                        part,
                        f"M-{j:03d}",
                        "synthetic material",
                        rng.choice(MATERIAL_CODES),
                        "1",
                        "pcs",
                        f"{tv / lines / 2:.2f}",
                        "USD",
                        country,
                        status,
                    ]
                )
    return folder


def timed(label: str, func, repeat: int = 1) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        samples.append(time.perf_counter() - start)
    best = min(samples)
    print(
        f"{label}: best {best * 1000:.1f} ms, median {statistics.median(samples) * 1000:.1f} ms"
        f" over {repeat} run(s)"
    )
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--goods", type=int, default=2000)
    parser.add_argument("--lines", type=int, default=40)
    args = parser.parse_args()

    timed(
        "roo-check --version (process start-up)",
        lambda: subprocess.run(
            [sys.executable, "-m", "roo_check.cli", "--version"], check=True, capture_output=True
        ),
        repeat=5,
    )

    from roo_check.engine.evaluate import evaluate_shipment
    from roo_check.loaders import load_path
    from roo_check.rulebook import load as rule_loading
    from roo_check.rulebook.load import load_rulebook

    def cold_load() -> None:
        rule_loading._MEMO.clear()  # measure reading and validating, not the in-process memo
        load_rulebook()

    timed("load and validate the bundled rule set", cold_load, repeat=5)
    timed(
        "the same rule set again in one process (read and hashed, validation memoised)",
        load_rulebook,
        repeat=5,
    )
    rulebook = load_rulebook()
    print(f"rules loaded: {len(rulebook.rules)} product-specific rules")
    with tempfile.TemporaryDirectory() as tmp:
        folder = make_folder(Path(tmp), args.goods, args.lines)
        n_lines = args.goods * args.lines
        shipment = None

        def load() -> None:
            nonlocal shipment
            shipment = load_path(folder)

        t_load = timed(f"load {args.goods} goods / {n_lines} BOM lines (CSV)", load, repeat=3)
        t_eval = timed(
            "evaluate every good", lambda: evaluate_shipment(shipment, rulebook), repeat=3
        )
        total = t_load + t_eval
        print(f"throughput: {args.goods / total:,.0f} goods/s, {n_lines / total:,.0f} BOM lines/s")
    bench_vehicle(rulebook)


def bench_vehicle(rulebook, repeat: int = 200) -> None:
    """A passenger vehicle with every Part 6 check (samples/20): core parts, steel, LVC."""
    import datetime as dt

    from roo_check.engine.evaluate import evaluate_good
    from roo_check.loaders import load_path

    sample = load_path(Path(__file__).resolve().parents[1] / "samples" / "20-sedan-qualifies")
    good = sample.goods[0]
    bom = sample.materials_of(good.part_number)
    on = dt.date(2026, 11, 10)

    def run() -> None:
        for _ in range(repeat):
            evaluate_good(good, bom, rulebook, on, sample.automotive)

    best = timed(f"evaluate a vehicle with all Part 6 checks, {repeat} times", run, repeat=3)
    print(f"per vehicle: {best / repeat * 1000:.2f} ms")


if __name__ == "__main__":
    main()
