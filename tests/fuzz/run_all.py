"""Run every atheris target for a time each, a few at a time, and print a table.

``python -m tests.fuzz.run_all --seconds 60 --jobs 2 [--out DIR] [TARGET...]``

Each target runs in its own subprocess with ``ROO_FUZZ_FINDINGS`` set, so it records each
distinct finding and keeps going (see tests/fuzz/harness.py). A run that libFuzzer stops
early (a timeout, out of memory, a crash outside the property) is restarted for the time
left, at most :data:`MAX_RESTARTS` times. The table: target, executions, seconds, distinct
findings, and libFuzzer's own artifacts (timeouts, out-of-memory). Exit 1 if anything was
found. Findings, artifacts and the grown corpora stay in ``--out`` for a later look.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from tests.fuzz.harness import FINDINGS_ENV

ROOT = Path(__file__).resolve().parents[2]
MAX_RESTARTS = 3
PER_INPUT_TIMEOUT = 20
"""Seconds one input may take before libFuzzer calls it a hang (a finding: no hang)."""
_EXECUTED = re.compile(r"stat::number_of_executed_units:\s*(\d+)")
_PROGRESS = re.compile(r"^#(\d+)\s", re.MULTILINE)


@dataclass
class Result:
    target: str
    executions: int = 0
    seconds: float = 0.0
    findings: list[str] = field(default_factory=list)
    artifacts: list[str] = field(default_factory=list)
    exits: list[int] = field(default_factory=list)


def target_names() -> list[str]:
    """The target modules: each module of this package that runs ``main("<its name>")``."""
    here = Path(__file__).parent
    return sorted(
        path.stem
        for path in here.glob("*.py")
        if f'main("{path.stem}")' in path.read_text(encoding="utf-8")
    )


def _executions(stderr: str) -> int:
    found = _EXECUTED.search(stderr)
    if found:
        return int(found.group(1))
    progress = _PROGRESS.findall(stderr)
    return int(progress[-1]) if progress else 0


def _one_run(name: str, seconds: int, out: Path) -> tuple[int, int]:
    """One subprocess of target ``name``: (executions, exit code)."""
    corpus = out / "corpus" / name
    artifacts = out / "artifacts"
    artifacts.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable,
        "-m",
        f"tests.fuzz.{name}",
        str(corpus),
        f"-max_total_time={seconds}",
        f"-timeout={PER_INPUT_TIMEOUT}",
        "-rss_limit_mb=2048",
        "-print_final_stats=1",
        f"-artifact_prefix={artifacts}/{name}-",
    ]
    env = {**os.environ, FINDINGS_ENV: str(out / "findings")}
    log = out / "logs" / f"{name}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, errors="replace", check=False
    )
    with log.open("a", encoding="utf-8") as handle:
        handle.write(done.stderr)
    return _executions(done.stderr), done.returncode


def run_target(name: str, seconds: int, out: Path) -> Result:
    """Fuzz ``name`` for ``seconds`` in all, restarting it if libFuzzer stops early."""
    result = Result(name)
    start = time.monotonic()
    for _ in range(MAX_RESTARTS + 1):
        left = seconds - int(time.monotonic() - start)
        if left < 2:
            break
        executions, code = _one_run(name, left, out)
        result.executions += executions
        result.exits.append(code)
        if code == 0:
            break
    result.seconds = time.monotonic() - start
    result.findings = sorted(p.name for p in (out / "findings").glob(f"{name}-*.txt"))
    result.artifacts = sorted(p.name for p in (out / "artifacts").glob(f"{name}-*"))
    return result


def table(results: list[Result]) -> str:
    """The results as a fixed-width table, one target a line."""
    header = f"{'target':<20} {'executions':>11} {'seconds':>8} {'findings':>9} {'artifacts':>10}"
    lines = [header, "-" * len(header)]
    for r in results:
        lines.append(
            f"{r.target:<20} {r.executions:>11,} {r.seconds:>8.0f} {len(r.findings):>9} "
            f"{len(r.artifacts):>10}"
        )
    total = sum(r.executions for r in results)
    lines.append("-" * len(header))
    lines.append(f"{'total':<20} {total:>11,}")
    return "\n".join(lines)


def _details(results: list[Result], out: Path) -> list[str]:
    lines = []
    for r in results:
        for name in r.findings:
            text = (out / "findings" / name).read_text(encoding="utf-8")
            signature = next((x for x in text.splitlines() if x.startswith("signature: ")), "")
            lines.append(f"{r.target}: {signature.removeprefix('signature: ')} ({name})")
        lines.extend(f"{r.target}: libFuzzer artifact {a}" for a in r.artifacts)
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("targets", nargs="*", help="targets to run (default: all)")
    parser.add_argument("--seconds", type=int, default=60, help="fuzzing time per target")
    parser.add_argument("--jobs", type=int, default=2, help="targets run at the same time")
    parser.add_argument("--out", type=Path, help="folder for corpora, findings and logs")
    args = parser.parse_args(argv)
    names = args.targets or target_names()
    out = (args.out or Path(tempfile.mkdtemp(prefix="roo-fuzz-run-"))).resolve()
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        results = list(pool.map(lambda name: run_target(name, args.seconds, out), names))
    print(table(results))
    details = _details(results, out)
    for line in details:
        print(line)
    print(f"findings, artifacts, corpora and logs: {out}")
    return 1 if details else 0


if __name__ == "__main__":
    sys.exit(main())
