"""Benchmark: the speed-up of two Dask workers over one (issue 13, item 7).

Run: ``python benchmarks/dask_speedup.py --data /tmp/roo-check-bench [--sizes 10k,100k]
[--batch 1000] [--workers 1,2] [--repeat 3]`` after ``python benchmarks/generate.py --out
/tmp/roo-check-bench --sizes 10k,100k --batch 1000``.

For each worker count, a ``distributed.LocalCluster`` of that many single-threaded worker
processes on this machine checks, with :func:`roo_check.cluster.check_on_dask`, the one large
shipment of each size (its goods spread over the workers) and the batch of small folders
(several to a task, as ``check_on_dask`` chooses); the single process
(``check_paths(jobs=1)``) is timed on the same inputs in the same run. Each figure is the
best wall time of ``--repeat`` runs after a warm-up run on the same cluster (worker start-up
and imports are shown apart); the client's own CPU time is shown too, as the client loads a
large shipment and runs the reduce step. Both keep the determinations as JSON text, as a
check whose reports are all JSON does (``render=True``). Every report is rendered as JSON and
compared with the single process's: a difference stops the script. Not a test: the figures
depend on the machine and on what else runs on it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import time
from collections.abc import Callable
from pathlib import Path

from roo_check.cluster import check_on_dask, connect
from roo_check.models.findings import Report
from roo_check.reporters import RenderOptions, renderer
from roo_check.rulebook.load import load_rulebook
from roo_check.run import check_paths

DATE = dt.date(2026, 11, 20)


def timed(action: Callable[[], Report], repeat: int) -> tuple[float, float, Report]:
    """Best wall and its client CPU seconds over ``repeat`` runs, and the last report."""
    best = (float("inf"), 0.0)
    report = None
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        report = action()
        best = min(best, (time.perf_counter() - wall, time.process_time() - cpu))
    assert report is not None
    return best[0], best[1], report


def as_json(report: Report) -> str:
    return renderer("json")(report, RenderOptions())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path("/tmp/roo-check-bench"))
    parser.add_argument("--sizes", default="10k", help="the size-LABEL folders to spread")
    parser.add_argument("--batch", type=int, default=1000, help="batch folders (0: none)")
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--partition", type=int, default=256, help="goods per task")
    args = parser.parse_args(argv)

    rulebook = load_rulebook()
    inputs = {
        f"size-{label} (goods spread)": [args.data / f"size-{label}"]
        for label in filter(None, args.sizes.split(","))
    }
    if args.batch:
        folders = sorted((args.data / "batch").iterdir())[: args.batch]
        inputs[f"batch of {len(folders)} folders"] = folders

    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at start")
    expected: dict[str, str] = {}
    rows: dict[str, dict[str, tuple[float, float]]] = {name: {} for name in inputs}
    for name, paths in inputs.items():

        def serial(paths: list[Path] = paths) -> Report:
            return check_paths(paths, rulebook, DATE, DATE, jobs=1, render=True)

        serial()  # warm-up: the same caches as the cluster runs get
        wall, cpu, report = timed(serial, args.repeat)
        rows[name]["one process"] = (wall, cpu)
        expected[name] = as_json(report)

    for workers in (int(w) for w in args.workers.split(",")):
        start = time.perf_counter()
        with connect(f"local:{workers}") as client:
            started = time.perf_counter() - start
            print(f"{workers} worker(s): LocalCluster started in {started:.2f} s")
            for name, paths in inputs.items():

                def on_dask(paths: list[Path] = paths) -> Report:
                    return check_on_dask(
                        paths,
                        rulebook,
                        DATE,
                        DATE,
                        client=client,
                        goods_per_partition=args.partition,
                        render=True,
                    )

                on_dask()  # warm-up: imports and the rule set on each worker
                wall, cpu, report = timed(on_dask, args.repeat)
                if as_json(report) != expected[name]:
                    raise SystemExit(f"{name}: the report on {workers} worker(s) differs")
                rows[name][f"dask, {workers} worker(s)"] = (wall, cpu)

    print(f"\nbest of {args.repeat} runs after a warm-up; wall s (client CPU s); reports identical")
    for name, figures in rows.items():
        shown = "; ".join(f"{k} {w:.2f} ({c:.2f})" for k, (w, c) in figures.items())
        print(f"{name}: {shown}")
        one, two = figures.get("dask, 1 worker(s)"), figures.get("dask, 2 worker(s)")
        if one and two:
            print(f"  speed-up of 2 workers over 1: {one[0] / two[0]:.2f}x")
    print(f"load average {os.getloadavg()[0]:.2f} at the end")


if __name__ == "__main__":
    main()
