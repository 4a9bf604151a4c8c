"""Write reports atomically: a crash never leaves half a report behind.

A destination the report cannot go to (a directory, a path under a regular file, a folder
that cannot be created, the kernel's /proc or /sys, a read-only or unwritable place) is a
usage error, one line, exit 2: never an ``OSError`` traceback. :func:`plan_outputs` checks
what can be checked before the run, so a typo in ``-o`` does not cost a whole run;
:func:`write_atomic` reports what only writing can tell.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO, Any

from roo_check.errors import UsageError

_NAME_KEPT = 100
"""Characters of the report's name kept in its temporary file's name."""

_SYSTEM_FOLDERS = ("/proc", "/sys")
"""The kernel's virtual file systems: writing there changes the system, never a report."""


def write_atomic(path: Path, text: str | bytes | Iterable[str]) -> None:
    """Write ``text`` (or its pieces, as a streaming reporter yields them) to ``path``
    through a temporary file in the same folder, fsync'ed and renamed over ``path``: a
    reader sees the old report or the new one, never half of one.

    An existing character device or FIFO (``-o /dev/null``, ``-o /dev/stdout``, a named pipe
    a reader is waiting on) is written to directly: renaming over it would replace the
    device itself.
    """
    check_target(path)
    if _is_stream(path):
        _write_stream(path, text)
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _cannot(
            path, f"cannot create the folder {exc.filename or path.parent}", exc
        ) from None
    try:
        # The temporary name is bounded, so a long report name still fits NAME_MAX.
        prefix = f".{path.name[:_NAME_KEPT]}."
        fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise _cannot(path, "cannot create a file in its folder", exc) from None
    try:
        with _opened(fd, binary=isinstance(text, bytes)) as handle:
            umask = os.umask(0)
            os.umask(umask)
            # A report is shared like any file, not private like mkstemp's.
            os.chmod(tmp, 0o666 & ~umask)
            _write_all(handle, text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise _cannot(path, "", exc) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def check_target(path: Path) -> None:
    """Raise :class:`UsageError` if a report can certainly not be written to ``path``."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        info = None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise _cannot(path, "it is a directory")
    if info is not None and not (stat.S_ISREG(info.st_mode) or _stream_mode(info.st_mode)):
        kind = "a socket" if stat.S_ISSOCK(info.st_mode) else "not a regular file"
        raise _cannot(path, f"it is {kind}")
    if info is not None and _stream_mode(info.st_mode):
        return
    blocker = _file_in_the_way(path)
    if blocker is not None:
        raise _cannot(path, f"{blocker} is a file, not a folder")
    system = _system_folder(path)
    if system is not None:
        raise _cannot(path, f"it is in {system}, the kernel's virtual file system")


def _file_in_the_way(path: Path) -> Path | None:
    """The nearest existing ancestor of ``path`` if it is not a folder (report.json/x.html
    where report.json is a file)."""
    for parent in path.parents:
        if os.path.lexists(parent):
            return None if os.path.isdir(parent) else parent
    return None


def _system_folder(path: Path) -> str | None:
    """/proc or /sys if ``path`` leads into one of them (through links, too)."""
    real = os.path.realpath(path)
    for folder in _SYSTEM_FOLDERS:
        if real == folder or real.startswith(folder + "/"):
            return folder
    return None


def _stream_mode(mode: int) -> bool:
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


def _is_stream(path: Path) -> bool:
    try:
        return _stream_mode(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def _opened(fd: int, *, binary: bool) -> IO[Any]:
    """The file for a text report (UTF-8, LF) or for a binary one (a workbook)."""
    if binary:
        return os.fdopen(fd, "wb")
    return os.fdopen(fd, "w", encoding="utf-8", newline="\n")


def _write_stream(path: Path, text: str | bytes | Iterable[str]) -> None:
    """Write to a device or FIFO in place. A FIFO nobody reads is an error, not a hang."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # a FIFO with no reader
            raise _cannot(path, "it is a FIFO that no program is reading") from None
        raise _cannot(path, "", exc) from None
    try:
        os.set_blocking(fd, True)
        with _opened(fd, binary=isinstance(text, bytes)) as handle:
            _write_all(handle, text)
    except OSError as exc:
        raise _cannot(path, "", exc) from None


def _write_all(handle: IO[Any], text: str | bytes | Iterable[str]) -> None:
    if isinstance(text, str | bytes):
        handle.write(text)
        return
    for piece in text:
        handle.write(piece)


def _cannot(path: Path, why: str, exc: OSError | None = None) -> UsageError:
    """``cannot write the report to PATH: WHY: strerror``, one line."""
    reasons = [why] if why else []
    if exc is not None:
        reasons.append(exc.strerror or type(exc).__name__)
    return UsageError(f"cannot write the report to {path}: {': '.join(reasons)}")


def plan_outputs(
    formats: tuple[str, ...],
    outputs: tuple[str, ...],
    known: Mapping[str, str],
    suffixes: Mapping[str, str] | None = None,
) -> list[tuple[str, Path | None]]:
    """Pair report formats with destinations; ``None`` means standard output.

    ``-o FORMAT=PATH`` names both (and takes a ``--format FORMAT`` given too: one report, not
    one to PATH and another to standard output); a plain ``-o PATH`` takes the next
    ``--format`` given without its own path, or, when none is left, the format its suffix
    names (``report.html``; see :data:`roo_check.reporters.SUFFIXES`); ``PATH`` ``-`` is
    standard output. At most one report may go to standard output, so a pipeline never gets
    two formats interleaved. A destination no report can be written to is refused here,
    before the run.
    """
    plan: list[tuple[str, Path | None]] = []
    pending = list(formats)
    for item in outputs:
        fmt, target = _destination(item, pending, known, suffixes or {})
        plan.append((fmt, None if target in ("", "-") else Path(target)))
    plan.extend((fmt, None) for fmt in pending)
    if not plan:
        plan.append(("text", None))
    if sum(1 for _, target in plan if target is None) > 1:
        raise UsageError("only one report can go to standard output: give the others -o PATH")
    for _, target in plan:
        if target is not None:
            check_target(target)
    return plan


LETTER_COUNTRIES = frozenset(
    {"US", "CA", "MX", "PH", "CL", "CO", "VE", "CR", "GT", "PA", "DO", "PR"}
)
"""Countries whose offices print on US letter (the rest of the world uses A4)."""


def default_paper() -> str:
    """``letter`` for a user in North America (USMCA's desks among them) or where the locale
    says nothing, ``a4`` where the locale names a country that prints on A4
    (``LC_PAPER``, ``LC_ALL``, then ``LANG``: ``de_DE.UTF-8`` -> a4)."""
    for name in ("LC_PAPER", "LC_ALL", "LANG"):
        value = os.environ.get(name, "")
        match = re.match(r"[a-z]{2,3}_([A-Z]{2})", value)
        if match:
            return "letter" if match.group(1) in LETTER_COUNTRIES else "a4"
    return "letter"


_FORMAT_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
PDF_HINT = (
    "; for a PDF, write the HTML report and print it: -o report.html, then "
    "chromium --headless --print-to-pdf=report.pdf report.html (or print from a browser)"
)
"""The PDF is the browser's print of the HTML report (its print style sheet sets the pages,
page numbers and running header): one renderer, no second layout engine to keep in step."""


def _destination(
    item: str, pending: list[str], known: Mapping[str, str], suffixes: Mapping[str, str]
) -> tuple[str, str]:
    """The format and path of one ``-o`` (taking its format out of ``pending`` if there)."""
    name, sep, rest = item.partition("=")
    if sep and name in known:
        if name in pending:
            # ``-f json -o json=OUT`` asks for ONE JSON report, written to OUT.
            pending.remove(name)
        return name, rest
    if sep and _FORMAT_NAME.fullmatch(name):
        raise UsageError(
            f"--output {item!r}: {name!r} is no report format; the formats are "
            + ", ".join(sorted(known))
            + (PDF_HINT if name.lower() == "pdf" else "")
        )
    if pending:
        return pending.pop(0), item
    inferred = suffixes.get(Path(item).suffix.lower())
    if inferred is None and Path(item).suffix.lower() == ".pdf":
        raise UsageError(f"--output {item!r}: roo-check writes no PDF itself" + PDF_HINT)
    if inferred is None:
        shown = ", ".join(f"{suffix} ({fmt})" for suffix, fmt in sorted(suffixes.items()))
        raise UsageError(
            f"--output {item!r}: its format cannot be told from its name; give FORMAT=PATH or "
            f"--format, or a file name ending in {shown}"
        )
    return inferred, item
