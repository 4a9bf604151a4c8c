"""What a hostile case's run must show, checked the same way for the fork server and for the
real entry point: the problems found, as sentences (an empty list: the case passes).
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
"""Characters no line of standard error may hold raw: they drive terminals, forge lines or
reorder text (``\\n`` ends lines and is the only one allowed)."""

SCAN_LIMIT = 64 * 1024 * 1024
"""Files larger than this in a case folder are inputs (sparse filler), not reports."""


@dataclass(frozen=True)
class Outcome:
    """What one run gave."""

    exit: int | None
    stdout: str
    stderr: str
    signal: int | None = None
    timed_out: bool = False
    wall: float = 0.0
    maxrss_kib: int = 0

    @classmethod
    def from_result(cls, result: dict[str, Any]) -> Outcome:
        if result.get("timed_out") and "stdout" not in result:
            return cls(exit=None, stdout="", stderr="", timed_out=True)
        return cls(
            exit=result["exit"],
            stdout=_read(result["stdout"]),
            stderr=_read(result["stderr"]),
            signal=result["signal"],
            timed_out=result["timed_out"],
            wall=result["wall"],
            maxrss_kib=result["maxrss_kib"],
        )

    def first_error(self) -> str:
        lines = [line for line in self.stderr.splitlines() if line.strip()]
        return lines[0][:300] if lines else "(no standard error)"


def _read(path: str) -> str:
    return Path(path).read_bytes().decode("utf-8", "backslashreplace")


def problems(case: dict[str, Any], outcome: Outcome, token: str, folder: Path) -> list[str]:
    """Every way ``outcome`` falls short of ``case["expect"]`` and of the contract."""
    expect = case["expect"]
    if outcome.timed_out:
        return [f"no answer within {expect['timeout']} s (killed)"]
    if outcome.signal is not None:
        return [f"killed by signal {outcome.signal} (CPU or memory limit, or a crash)"]
    found = _exit_problems(expect, outcome)
    found += _line_problems(expect, outcome.stderr)
    found += _leak_problems(outcome, token, folder)
    return found


def _exit_problems(expect: dict[str, Any], outcome: Outcome) -> list[str]:
    found = []
    both = outcome.stdout + outcome.stderr
    if "Traceback (most recent call last)" in both:
        found.append("a traceback was printed")
    if outcome.exit != expect["exit"]:
        found.append(
            f"exit code {outcome.exit}, expected {expect['exit']}; "
            f"first line of stderr: {outcome.first_error()!r}"
        )
    if expect["exit"] == 2:
        if not re.search(expect["stderr"], outcome.stderr, re.MULTILINE):
            found.append(
                f"no line of stderr matches {expect['stderr']!r}; "
                f"first line: {outcome.first_error()!r}"
            )
    elif re.search(r"^(internal )?error:", outcome.stderr, re.MULTILINE):
        found.append(f"an accepted input printed an error: {outcome.first_error()!r}")
    if "stdout" in expect and not re.search(expect["stdout"], outcome.stdout, re.MULTILINE):
        found.append(f"no line of stdout matches {expect['stdout']!r}")
    return found


def _line_problems(expect: dict[str, Any], stderr: str) -> list[str]:
    """Each problem one line of its own: no stray or continuation lines, no control
    characters, no forged lines, no line longer than the case allows."""
    found = []
    lines = stderr.split("\n")
    # Besides errors, the one other line stderr may hold: a report written (``-o PATH``).
    allowed = ("error: ", "roo-check: wrote the ")
    stray = [line for line in lines if line.strip() and not line.startswith(allowed)]
    if stray:
        found.append(
            f"{len(stray)} line(s) of stderr not of the form 'error: ...': {stray[0][:200]!r}"
        )
    raw = sorted({f"U+{ord(c):04X}" for c in CONTROL.findall(stderr)})
    if raw:
        found.append(f"raw control characters on stderr: {', '.join(raw[:8])}")
    longest = max((len(line) for line in lines), default=0)
    if longest > expect["max_line"]:
        found.append(f"a line of stderr is {longest:,} characters (at most {expect['max_line']:,})")
    found += [
        f"a forged line matches {pattern!r}"
        for pattern in expect.get("forbid", [])
        if re.search(pattern, stderr)
    ]
    return found


def _leak_problems(outcome: Outcome, token: str, folder: Path) -> list[str]:
    """The secret outside the folder must appear nowhere: not in either stream, not in any
    file the run wrote."""
    found = []
    if token in outcome.stdout or token in outcome.stderr:
        found.append("the secret token appears in the output")
    leaked = [str(path.relative_to(folder)) for path in _files(folder) if _holds(path, token)]
    if leaked:
        found.append(f"the secret token appears in written files: {leaked[:5]}")
    return found


def _files(folder: Path):
    """Regular files under ``folder``, not following links (they are the inputs' links)."""
    for top, dirs, files in os.walk(folder, followlinks=False):
        for name in dirs + files:
            path = Path(top, name)
            try:
                info = path.lstat()
            except OSError:
                continue
            if stat.S_ISREG(info.st_mode) and info.st_size <= SCAN_LIMIT:
                yield path


def _holds(path: Path, token: str) -> bool:
    try:
        return token.encode() in path.read_bytes()
    except OSError:
        return False
