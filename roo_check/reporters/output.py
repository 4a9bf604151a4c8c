"""Write reports atomically: a crash never leaves half a report behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)  # a report is shared like any file, not private like mkstemp's
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def plan_outputs(
    formats: tuple[str, ...], outputs: tuple[str, ...], known: dict[str, str]
) -> list[tuple[str, Path | None]]:
    """Pair report formats with destinations; ``None`` means standard output.

    ``-o FORMAT=PATH`` names both; a plain ``-o PATH`` takes the next ``--format`` given
    without its own path; ``PATH`` ``-`` is standard output. At most one report may go to
    standard output, so a pipeline never gets two formats interleaved.
    """
    from roo_check.errors import UsageError

    plan: list[tuple[str, Path | None]] = []
    pending = list(formats)
    for item in outputs:
        name, sep, rest = item.partition("=")
        if sep and name in known:
            fmt, target = name, rest
        else:
            if not pending:
                raise UsageError(f"--output {item!r}: give its format with --format or FORMAT=PATH")
            fmt, target = pending.pop(0), item
        plan.append((fmt, None if target in ("", "-") else Path(target)))
    plan.extend((fmt, None) for fmt in pending)
    if not plan:
        plan.append(("text", None))
    if sum(1 for _, target in plan if target is None) > 1:
        raise UsageError("only one report can go to standard output: give the others -o PATH")
    return plan
