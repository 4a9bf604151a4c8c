"""Reports are written atomically: a process killed mid-write never leaves half a report.

A child process writes a large report through roo_check.reporters.output.write_atomic, its
file handle slowed down (64 KiB, then a pause) so that the write is still going when it is
killed with SIGKILL: no handler, no ``finally``, no clean-up runs. The destination must then
be absent, or hold the previous complete report, never a partial one. The temporary file the
write was going to (``.NAME.*.tmp`` beside the destination) is left behind: it is not the
report and nothing reads it.

The same harness run over a plain ``open(path, "w")`` does leave a partial report: that
control shows the check can fail.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow
"""Each test starts a Python process and writes into it until it is killed."""
SIZE = 50 * 1024 * 1024
"""Characters written by the child: 50 MiB of report text."""

CHILD = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path

    CHUNK = 64 * 1024
    real_fdopen = os.fdopen

    class Slow:
        '''A text handle that writes in chunks with a pause, flushing each to the disk.'''

        def __init__(self, handle):
            self.handle = handle

        def write(self, text):
            for start in range(0, len(text), CHUNK):
                self.handle.write(text[start : start + CHUNK])
                self.handle.flush()
                time.sleep(0.005)
            return len(text)

        def __getattr__(self, name):
            return getattr(self.handle, name)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return self.handle.__exit__(*exc)

    os.fdopen = lambda *args, **kwargs: Slow(real_fdopen(*args, **kwargs))
    dest, size, mode = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    line = '{"finding": "the second report, complete only at its last line"}\\n'
    text = line * (size // len(line)) + "END\\n"
    print("writing", flush=True)
    if mode == "atomic":
        from roo_check.reporters.output import write_atomic

        write_atomic(dest, text)
    else:
        with os.fdopen(os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644), "w") as h:
            h.write(text)
    print("done", flush=True)
    """
)


def _growing(paths: list[Path], seen: dict[Path, int]) -> bool:
    """Whether some file has grown since the last look (a write is under way)."""
    grown = False
    for path in paths:
        try:
            size = path.stat().st_size
        except FileNotFoundError:
            continue
        if 0 < seen.get(path, 0) < size:
            grown = True
        seen[path] = size
    return grown


def kill_mid_write(dest: Path, mode: str, watch: str) -> list[Path]:
    """Start the writer, SIGKILL it once ``watch`` files beside ``dest`` are growing; return
    the files ``watch`` matches afterwards."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(dest), str(SIZE), mode],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline() == "writing\n"
        seen: dict[Path, int] = {}
        deadline = time.monotonic() + 60
        while not _growing(sorted(dest.parent.glob(watch)), seen):
            assert child.poll() is None, "the writer finished before it could be killed"
            assert time.monotonic() < deadline, "no write seen in 60 s"
            time.sleep(0.02)
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.kill()
        child.wait()
        if child.stdout is not None:
            child.stdout.close()
    assert child.returncode == -signal.SIGKILL
    return sorted(dest.parent.glob(watch))


def test_a_killed_write_leaves_the_previous_report_whole(tmp_path: Path) -> None:
    from roo_check.reporters.output import write_atomic

    dest = tmp_path / "report.json"
    first = '{"report": "the first, complete"}\n' * 1000
    write_atomic(dest, first)
    leftovers = kill_mid_write(dest, "atomic", ".report.json.*.tmp")
    assert dest.read_text(encoding="utf-8") == first
    # The temporary file stays, partial: beside the report, hidden, never the report.
    [temp] = leftovers
    assert 0 < temp.stat().st_size < SIZE
    assert sorted(p.name for p in tmp_path.iterdir()) == [temp.name, "report.json"]


def test_a_killed_first_write_leaves_no_report(tmp_path: Path) -> None:
    dest = tmp_path / "out" / "report.json"
    leftovers = kill_mid_write(dest, "atomic", ".report.json.*.tmp")
    assert not dest.exists()
    assert len(leftovers) == 1


def test_control_a_plain_write_killed_leaves_a_partial_report(tmp_path: Path) -> None:
    """Without write_atomic the same kill truncates the report: the test above can fail."""
    from roo_check.reporters.output import write_atomic

    dest = tmp_path / "report.json"
    first = '{"report": "the first, complete"}\n' * 1000
    write_atomic(dest, first)
    kill_mid_write(dest, "plain", "report.json")
    partial = dest.read_text(encoding="utf-8")
    assert partial != first
    assert not partial.endswith("END\n")


@pytest.mark.parametrize("name", ["report.json", "report.html"])
def test_the_temporary_file_is_hidden_beside_the_report(tmp_path: Path, name: str) -> None:
    """A finished write leaves only the report (the temporary name is for a crash only)."""
    from roo_check.reporters.output import write_atomic

    write_atomic(tmp_path / name, "x\n")
    assert [p.name for p in tmp_path.iterdir()] == [name]
