"""Run hostile cases through the CLI: a fork server, ``python -m tests.hostile.runner``.

A fresh ``roo-check`` process spends about a second on imports and on loading the rules;
for hundreds of cases that is most of the time. The server imports ``roo_check.cli`` and
loads the bundled rule set once, then forks one child per case. The child limits its
address space and CPU time (``setrlimit``), moves into the case's folder, takes standard
input from ``/dev/null`` and sends standard output and error to files, sets ``sys.argv`` and
calls ``roo_check.cli.main()`` exactly as the ``roo-check`` script does. The server runs
``--jobs`` children at a time, kills one that outlives its wall-clock limit, and records the
exit code (or signal), the wall time and the peak resident memory (``os.wait4``).

Input: a JSON file of jobs ``[{"id", "cwd", "argv", "timeout"}]``; output: a JSON file of
results by id (``exit``, ``signal``, ``timed_out``, ``wall``, ``maxrss_kib``, ``stdout``,
``stderr`` paths).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import signal
import sys
import time
import traceback
from pathlib import Path
from typing import Any

ADDRESS_SPACE = 2 * 1024**3
"""Memory limit of a child (RLIMIT_AS, bytes): a case that needs more is a failure."""

CPU_SECONDS = 30
"""CPU-time limit of a child (RLIMIT_CPU): the kernel stops a runaway loop."""

POLL = 0.005


def _limit_child() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _redirect(stdout: str, stderr: str, encoding: str, errors: str) -> None:
    """fds 0/1/2 to /dev/null and the two files; new text streams as a fresh process has."""
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    for fd, path in ((1, stdout), (2, stderr)):
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(handle, fd)
        os.close(handle)
    sys.stdin = io.TextIOWrapper(io.FileIO(0, "r", closefd=False), encoding=encoding)
    sys.stdout = io.TextIOWrapper(
        io.FileIO(1, "w", closefd=False), encoding=encoding, errors=errors, write_through=True
    )
    sys.stderr = io.TextIOWrapper(
        io.FileIO(2, "w", closefd=False),
        encoding=encoding,
        errors="backslashreplace",
        write_through=True,
    )


def _child(job: dict[str, Any], stdout: str, stderr: str, encoding: str, errors: str) -> None:
    """In the forked child: never returns."""
    code = 70
    try:
        _limit_child()
        os.chdir(job["cwd"])
        _redirect(stdout, stderr, encoding, errors)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        sys.argv = ["roo-check", *job["argv"]]
        # As the installed script: click names the program after argv[0], not after this
        # module (it would say "python -m tests.hostile.runner" in usage errors).
        sys.modules["__main__"].__package__ = None
        from roo_check.cli import main

        try:
            main()
            code = 0
        except SystemExit as exc:
            code = _exit_status(exc)
    except BaseException:  # as the interpreter would: a traceback and exit 1
        traceback.print_exc()
        code = 1
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except BaseException:
                code = code or 1
        os._exit(code)


def _exit_status(exc: SystemExit) -> int:
    if exc.code is None:
        return 0
    if isinstance(exc.code, int):
        return exc.code & 0xFF
    print(exc.code, file=sys.stderr)
    return 1


class Server:
    """Forks one child per job, ``jobs`` at a time, and collects what each gave."""

    def __init__(self, jobs: list[dict[str, Any]], out_dir: Path, parallel: int) -> None:
        self.pending = list(reversed(jobs))
        self.out_dir = out_dir
        self.parallel = parallel
        self.running: dict[int, tuple[dict[str, Any], float, str, str]] = {}
        self.results: dict[str, dict[str, Any]] = {}
        self.started = 0
        self.encoding = sys.stdout.encoding or "utf-8"
        self.errors = sys.stdout.errors or "strict"

    def run(self) -> dict[str, dict[str, Any]]:
        while self.pending or self.running:
            while self.pending and len(self.running) < self.parallel:
                self._start(self.pending.pop())
            if not self._reap():
                self._kill_late()
                time.sleep(POLL)
        return self.results

    def _start(self, job: dict[str, Any]) -> None:
        stem = str(self.out_dir / f"{self.started:05d}")
        self.started += 1
        stdout, stderr = stem + ".out", stem + ".err"
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            _child(job, stdout, stderr, self.encoding, self.errors)
        self.running[pid] = (job, time.monotonic(), stdout, stderr)

    def _reap(self) -> bool:
        if not self.running:
            return False
        pid, status, usage = os.wait4(-1, os.WNOHANG)
        if pid == 0:
            return False
        job, started, stdout, stderr = self.running.pop(pid)
        previous = self.results.get(job["id"], {})
        code = os.waitstatus_to_exitcode(status)
        self.results[job["id"]] = {
            "exit": code if code >= 0 else None,
            "signal": -code if code < 0 else None,
            "timed_out": previous.get("timed_out", False),
            "wall": round(time.monotonic() - started, 3),
            "maxrss_kib": usage.ru_maxrss,
            "stdout": stdout,
            "stderr": stderr,
        }
        return True

    def _kill_late(self) -> None:
        now = time.monotonic()
        for pid, (job, started, _, _) in list(self.running.items()):
            if now - started > job["timeout"] and not self.results.get(job["id"]):
                self.results[job["id"]] = {"timed_out": True}
                os.kill(pid, signal.SIGKILL)


def warm() -> str | None:
    """Import the CLI and load the bundled rules once, before any fork; the error, if any.

    The bundled rule set is then handed to every child as loaded here (children are forks, so
    nothing one does to it reaches another). A ``--rules DIR`` is still loaded by the child,
    from its files, hostile or not.
    """
    try:
        import roo_check.cli  # noqa: F401
        from roo_check.rulebook import load

        bundled = load.load_rulebook()
        _memoise_bundled(load, bundled)
        _check_samples()
    except BaseException:
        return traceback.format_exc()
    return None


WARM_SAMPLES = (
    "01-motor-tariff-shift",
    "02-boiler-rvc",
    "05-drill-workbook.xlsx",
    "20-sedan-qualifies",
    "32-accumulation-bearings",
    "35-fungible-copper",
    "gearbox-6at.bom.csv",
)
"""Samples checked once before forking, so that what the code loads lazily on first use (the
HS nomenclature, the XML schema, openpyxl, every reporter) is loaded once, not per child."""


def _check_samples() -> None:
    import contextlib
    import tempfile

    from roo_check.cli import main

    samples = Path(__file__).resolve().parents[2] / "samples"
    with tempfile.TemporaryDirectory() as out:
        outputs = [f"{fmt}={out}/report.{fmt}" for fmt in ("json", "csv", "html", "junit", "sarif")]
        argv = ["check", *(str(samples / name) for name in WARM_SAMPLES), "-o", f"text={out}/r.txt"]
        sys.argv = ["roo-check", *argv, *(a for o in outputs for a in ("-o", o))]
        sink = io.StringIO()
        with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
            try:
                main()
            except SystemExit as exc:
                if exc.code not in (0, 1):
                    raise RuntimeError(
                        f"warming on the samples failed: {sink.getvalue()}"
                    ) from None


def _memoise_bundled(module: Any, bundled: Any) -> None:
    """Make ``load_rulebook()`` of the bundled rule set return the one loaded before forking
    (what the loader's own memo does, keyed by the rule-set hash; harmless beside it)."""
    original = module.load_rulebook
    default = Path(module.default_rules_dir()).resolve()

    def load_rulebook(root: Any = None, *args: Any, **kwargs: Any) -> Any:
        if (root is None or Path(root).resolve() == default) and not args and not kwargs:
            return bundled
        return original(root, *args, **kwargs)

    module.load_rulebook = load_rulebook


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Run hostile cases in forked children.")
    parser.add_argument("jobs", type=Path, help="JSON list of {id, cwd, argv, timeout}")
    parser.add_argument("results", type=Path, help="where to write the JSON results")
    parser.add_argument("--parallel", type=int, default=2)
    args = parser.parse_args(argv)
    jobs = json.loads(args.jobs.read_text(encoding="utf-8"))
    out_dir = args.results.parent / "outputs"
    out_dir.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    problem = warm()
    warmed = time.monotonic() - started
    results = Server(jobs, out_dir, args.parallel).run()
    summary = {
        "warm_error": problem,
        "warm_seconds": round(warmed, 3),
        "total_seconds": round(time.monotonic() - started, 3),
        "results": results,
    }
    args.results.write_text(json.dumps(summary, indent=1, sort_keys=True), encoding="utf-8")


if __name__ == "__main__":
    main()
