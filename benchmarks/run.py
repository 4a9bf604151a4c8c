"""Benchmark runner for issue 13: roo-check against stdlib csv.reader on the same files.

Run: ``python benchmarks/run.py --data DIR [--sizes 10k,100k,1m] [--skip-batch]`` after
``python benchmarks/generate.py --out DIR``. Prints the machine, then a Markdown table with,
for each shipment size and for the batch of small folders: wall and CPU seconds and peak RSS
of ``roo-check check FOLDER -f json -o OUT --date 2026-11-20`` (one JSON report), the time stdlib
``csv.reader`` takes to read the same goods.csv and bom.csv (measured in the same run), their
ratio, and the exit code, or the refusal when the loader refuses the input. Then the
start-up figures of issue 13's "Done when": ``roo-check --version`` and a check of
samples/01-motor-tariff-shift against ``python -c pass``.

Every command runs as a subprocess of its own, reaped with ``os.wait4`` so that its CPU time
(user + system) and peak RSS are its own. csv.reader runs in a subprocess too, timing the
read inside it (the Python start-up is shown separately as ``python -c pass``): the ratio is
roo-check's CPU time over csv.reader's read time, as in issue 13. Not a test: the figures
depend on the machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "samples" / "01-motor-tariff-shift"
DATE = "2026-11-20"
MiB = 1024 * 1024

CSV_READ = """
import csv, json, sys, time
start, cpu = time.perf_counter(), time.process_time()
rows = 0
for name in sys.argv[1:]:
    with open(name, newline="", encoding="utf-8") as f:
        for row in csv.reader(f):
            rows += 1
print(json.dumps({"rows": rows, "wall": time.perf_counter() - start,
                  "cpu": time.process_time() - cpu}))
"""
CSV_FROM_LIST = CSV_READ.replace("sys.argv[1:]", "open(sys.argv[1]).read().split()")
RULES_LOAD = """
import time
start, cpu = time.perf_counter(), time.process_time()
from roo_check.rulebook.load import load_rulebook
loaded, loaded_cpu = time.perf_counter(), time.process_time()
load_rulebook()
done, done_cpu = time.perf_counter(), time.process_time()
print(loaded - start, loaded_cpu - cpu, done - loaded, done_cpu - loaded_cpu)
"""


@dataclass
class Result:
    """One subprocess: its exit code, wall and CPU seconds, peak RSS and output."""

    rc: int
    wall: float
    cpu: float
    rss_mib: float
    stdout: str
    stderr: str
    timed_out: bool = False


def measure(cmd: list[str], cwd: Path | None = None, timeout: float = 1800) -> Result:
    """Run ``cmd`` and reap it with ``os.wait4``: its own rusage, not the runner's.

    Output goes to temporary files, not pipes, so that a large output cannot block the
    child; a timer kills the child's process group after ``timeout`` seconds.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err, start_new_session=True)
        killed = threading.Event()

        def kill() -> None:
            killed.set()
            os.killpg(proc.pid, signal.SIGKILL)

        timer = threading.Timer(timeout, kill)
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Result(
            rc=proc.returncode,
            wall=wall,
            cpu=usage.ru_utime + usage.ru_stime,
            rss_mib=usage.ru_maxrss / 1024,  # kilobytes on Linux
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
            timed_out=killed.is_set(),
        )


def best_of(cmd: list[str], n: int, cwd: Path | None = None) -> Result:
    """The fastest of ``n`` runs by CPU time (start-up figures are noisy on a shared box)."""
    return min((measure(cmd, cwd) for _ in range(n)), key=lambda r: r.cpu)


# ---- the machine ---------------------------------------------------------------------------


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def memory_total() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                return f"{int(line.split()[1]) / MiB:.1f} GiB"
    except OSError:
        pass
    return "unknown"


def git_commit() -> str:
    try:
        head = subprocess.run(
            ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + (" + uncommitted changes" if dirty else "")


def machine(roo_check: str, python: str) -> list[str]:
    version = subprocess.run([roo_check, "--version"], capture_output=True, text=True)
    py = subprocess.run([python, "-VV"], capture_output=True, text=True).stdout.strip()
    cores = os.cpu_count()
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cores
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return [
        f"- date: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC",
        f"- CPU: {cpu_model()}, {cores} cores ({usable} usable), memory {memory_total()}",
        f"- load average before the run: {load}",
        f"- OS: {platform.system()} {platform.release()}",
        f"- Python: {py} ({python})",
        f"- roo-check: {version.stdout.strip() or version.stderr.strip()} at {git_commit()}",
    ]


# ---- the measures --------------------------------------------------------------------------


def csv_read(python: str, files: list[Path], list_file: Path | None = None) -> dict:
    """csv.reader over ``files`` in a fresh process: the best of three, timed inside."""
    if list_file is not None:
        list_file.write_text("\n".join(str(f) for f in files))
        cmd = [python, "-c", CSV_FROM_LIST, str(list_file)]
    else:
        cmd = [python, "-c", CSV_READ, *map(str, files)]
    runs = [measure(cmd) for _ in range(3)]
    inside = [json.loads(r.stdout) for r in runs if r.rc == 0]
    if not inside:
        raise SystemExit(f"csv.reader failed: {runs[0].stderr.strip()}")
    best = min(inside, key=lambda x: x["cpu"])
    best["process_wall"] = min(r.wall for r in runs)
    return best


def refusal(result: Result) -> str:
    """The exit code, or what the CLI said when it refused the input (exit 2)."""
    if result.timed_out:
        return "timeout"
    if result.rc != 2:
        return str(result.rc)
    lines = [x for x in result.stderr.splitlines() if x.strip()]
    errors = [x for x in lines if x.startswith("error:")] or lines[-1:]
    more = f" (+{len(errors) - 1} more)" if len(errors) > 1 else ""
    text = errors[0] if errors else "(no message)"
    return f"2, refused: {text[:160]}{more}"


def check(
    roo_check: str, paths: list[str], report: Path, cwd: Path, timeout: float, extra: list[str]
) -> Result:
    # -o PATH takes the pending -f json: ONE report. (-f json -o json=OUT would be two: the
    # file and a second JSON report on standard output, rendered twice.)
    cmd = [roo_check, "check", *paths, "-f", "json", "-o", str(report), "--date", DATE]
    return measure(cmd + extra, cwd=cwd, timeout=timeout)


@dataclass
class Row:
    """One line of the table, and what is said under it."""

    label: str
    goods: int
    lines: int
    result: Result | None
    csv: dict
    report_mib: float
    note: str = ""


def size_rows(
    args: argparse.Namespace, label: str, info: dict, roo_check: str, python: str
) -> list[Row]:
    """One row per ``--jobs`` variant, against the same csv.reader figure."""
    folder = args.data / info["folder"]
    csv_figures = csv_read(python, [folder / "goods.csv", folder / "bom.csv"])
    rows = []
    for jobs in args.jobs:
        report = args.data / f"report-{label}.json"
        extra = [*args.check_args, "--jobs", jobs]
        result = check(roo_check, [info["folder"]], report, args.data, args.timeout, extra)
        name = f"{label}, --jobs {jobs}"
        rows.append(
            Row(name, info["goods"], info["bom_lines"], result, csv_figures, pop_size(report))
        )
        print(f"  measured {name}", file=sys.stderr, flush=True)
    return rows


def batch_row(args: argparse.Namespace, info: dict, roo_check: str, python: str) -> Row:
    folders = sorted(p.name for p in (args.data / "batch").iterdir() if p.is_dir())
    paths = [f"batch/{name}" for name in folders]
    files = [args.data / p / f for p in paths for f in ("goods.csv", "bom.csv")]
    csv_figures = csv_read(python, files, list_file=args.data / "batch-files.txt")
    label = f"batch of {len(folders):,} folders"
    argv_bytes = sum(len(p) + 1 for p in paths)
    arg_max = os.sysconf("SC_ARG_MAX")
    note = f"{label}: {argv_bytes:,} bytes of paths on the command line (ARG_MAX {arg_max:,})"
    if argv_bytes > arg_max // 2:
        note += "; too long for one command line: not run (a finding for issue 13)"
        return Row(label, info["goods"], info["bom_lines"], None, csv_figures, 0.0, note)
    report = args.data / "report-batch.json"
    extra = [*args.check_args, "--jobs", args.jobs[-1]]
    label += f", --jobs {args.jobs[-1]}"
    result = check(roo_check, paths, report, args.data, args.timeout, extra)
    return Row(label, info["goods"], info["bom_lines"], result, csv_figures, pop_size(report), note)


def pop_size(report: Path) -> float:
    """The report's size in MiB; the report is deleted (a 1M-line report is gigabytes)."""
    if not report.exists():
        return 0.0
    size = report.stat().st_size / MiB
    report.unlink()
    return size


# ---- printing ------------------------------------------------------------------------------


def table(rows: list[Row]) -> list[str]:
    out = [
        "| size | goods | BOM lines | wall s | CPU s | peak RSS MiB | csv.reader s | ratio "
        "| wall ratio | JSON report MiB | exit code / refusal |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        read = row.csv["cpu"]
        r = row.result
        if r is None:
            figures = "| - | - | - |"
            ratio, wall_ratio, status = "-", "-", "not run"
        else:
            figures = f"| {r.wall:.2f} | {r.cpu:.2f} | {r.rss_mib:,.0f} |"
            done = r.rc in (0, 1) and read > 0
            ratio = f"{r.cpu / read:,.0f}x" if done else "-"
            wall_ratio = f"{r.wall / row.csv['wall']:,.0f}x" if done else "-"
            status = refusal(r)
        report = f"{row.report_mib:,.1f}" if row.report_mib else "-"
        out.append(
            f"| {row.label} | {row.goods:,} | {row.lines:,} {figures} {read:.3f} | {ratio} "
            f"| {wall_ratio} | {report} | {status} |"
        )
    return out


def notes(rows: list[Row]) -> list[str]:
    out = []
    for row in rows:
        c = row.csv
        out.append(
            f"- {row.label}: csv.reader read {c['rows']:,} rows in {c['wall']:.3f} s wall, "
            f"{c['cpu']:.3f} s CPU inside the process ({c['process_wall']:.3f} s with start-up)"
        )
        if row.note:
            out.append(f"- {row.note}")
        if row.result is not None and row.result.rc not in (0, 1):
            errors = [x for x in row.result.stderr.splitlines() if x.strip()][:10]
            out += [f"  - `{x[:300]}`" for x in errors]
    return out


def startup(roo_check: str, python: str, repeat: int) -> list[str]:
    """Issue 13's start-up figures, each against ``python -c pass`` of the same run."""
    base = best_of([python, "-c", "pass"], repeat)
    version = best_of([roo_check, "--version"], repeat)
    sample_cmd = [roo_check, "check", str(SAMPLE), "--date", DATE]
    sample = best_of(sample_cmd, repeat)
    rules = best_of([python, "-c", RULES_LOAD], repeat)
    out = [
        f"| measure (best of {repeat} by CPU) | wall s | CPU s | CPU / `python -c pass` "
        "| wall / `python -c pass` | exit |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, r in (
        ("`python -c pass`", base),
        ("`roo-check --version`", version),
        ("`roo-check check samples/01-motor-tariff-shift`", sample),
        ("import roo_check and load the rule set (fresh process)", rules),
    ):
        out.append(
            f"| {name} | {r.wall:.3f} | {r.cpu:.3f} | {r.cpu / base.cpu:.1f}x "
            f"| {r.wall / base.wall:.1f}x | {r.rc} |"
        )
    if rules.rc == 0:
        imp_wall, imp_cpu, wall, cpu = (float(x) for x in rules.stdout.split())
        out.append(
            f"\nInside that process: importing the rule loader {imp_wall:.3f} s wall "
            f"({imp_cpu:.3f} s CPU); loading the rule set {wall:.3f} s wall ({cpu:.3f} s CPU), "
            "from the disk cache when an earlier run of the same version and rules wrote it."
        )
    return out


# ---- main ----------------------------------------------------------------------------------


def find_roo_check() -> str:
    """The installed entry point: beside this interpreter, else on PATH."""
    beside = Path(sys.executable).parent / "roo-check"
    found = str(beside) if beside.exists() else shutil.which("roo-check")
    if not found:
        raise SystemExit("roo-check is not installed (pip install -e .)")
    return found


def interpreter_of(script: str) -> str:
    """The Python the entry point runs on (its #! line), so that the baselines match."""
    first = Path(script).read_bytes()[:200].split(b"\n", 1)[0]
    if first.startswith(b"#!"):
        candidate = first[2:].decode().strip().split()[0]
        if Path(candidate).exists():
            return candidate
    return sys.executable


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path("/tmp/roo-check-bench"))
    parser.add_argument("--sizes", default=None, help="default: every size generated")
    parser.add_argument("--skip-batch", action="store_true")
    parser.add_argument("--skip-startup", action="store_true")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each start-up figure")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds per check")
    parser.add_argument(
        "--check-args",
        default="",
        help="more options for every check, e.g. '--limit rows=2000000' (split on spaces)",
    )
    parser.add_argument(
        "--jobs",
        default=f"1,{os.cpu_count() or 1}",
        help="--jobs values to run each size with (default: 1 and all the cores)",
    )
    args = parser.parse_args(argv)
    args.data = args.data.resolve()
    args.check_args = args.check_args.split()
    args.jobs = [j.strip() for j in args.jobs.split(",") if j.strip()]
    return args


def as_installed(roo_check: str, python: str) -> None:
    """Measure roo-check as pip installs it: with its modules compiled to bytecode (pip
    compiles at install; an editable install or PYTHONDONTWRITEBYTECODE=1 would otherwise
    make every start-up figure include compiling ~200 modules), and a warm rule cache."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    package = subprocess.run(
        [python, "-c", "import roo_check, os; print(os.path.dirname(roo_check.__file__))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    subprocess.run(
        [python, "-m", "compileall", "-q", package], check=True, stdout=subprocess.DEVNULL
    )
    subprocess.run([roo_check, "check", str(SAMPLE), "-q"], capture_output=True, check=False)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    manifest = json.loads((args.data / "manifest.json").read_text())
    roo_check = find_roo_check()
    python = interpreter_of(roo_check)
    as_installed(roo_check, python)
    print("## Machine\n")
    print("\n".join(machine(roo_check, python)), flush=True)
    wanted = args.sizes.lower().split(",") if args.sizes else list(manifest["sizes"])
    rows = []
    for label in wanted:
        rows.extend(size_rows(args, label, manifest["sizes"][label], roo_check, python))
    if manifest.get("batch") and not args.skip_batch:
        rows.append(batch_row(args, manifest["batch"], roo_check, python))
    extra = f" {' '.join(args.check_args)}" if args.check_args else ""
    print(f"\n## Checks: `roo-check check PATHS -f json -o OUT --date {DATE}{extra}`\n")
    print("\n".join(table(rows)))
    print()
    print("\n".join(notes(rows)))
    if not args.skip_startup:
        print("\n## Start-up\n")
        print("\n".join(startup(roo_check, python, args.repeat)))
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"\nLoad average after the run: {load}")


if __name__ == "__main__":
    main()
