"""The vocabulary the case lists are written in: a case, its operations, its expectations.

A case is a plain dict (it goes into ``manifest.json`` as it is):

- ``id``: ``role/variant``, stable; ``role``: the file role or argument it attacks;
  ``class``: the class of hostile input (the issue's list); ``description``: one line;
- ``build``: the operations that make its files (see :mod:`tests.hostile.ops`);
- ``argv``: the command line after ``roo-check``, run in the case's folder;
- ``expect``: ``exit`` (2 for input and usage errors, 0 or 1 for an accepted normalisation,
  with ``accepted_because``), ``stderr`` (a regular expression one line of standard error
  must match, searched line by line), optionally ``stdout``, ``forbid`` (expressions no line
  may match: forged lines), ``timeout`` (seconds of wall time) and ``max_line`` (characters
  of the longest line of standard error).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

Op = dict[str, Any]
Case = dict[str, Any]

TIMEOUT = 20.0
"""Wall-clock seconds a case may take (the runner kills it after that)."""

MAX_LINE = 1000
"""Longest line of standard error a case may print: a message quotes values, never whole ones."""

ANY_LOCATION = object()
"""``err(..., loc=ANY_LOCATION)``: the location is not pinned (the default)."""


@dataclass(frozen=True)
class Base:
    """A valid input the cases of a role damage: its files, its argv and its clean outcome."""

    role: str
    build: tuple[Op, ...]
    argv: tuple[str, ...]
    file: str
    """The file of the role, relative to the case folder."""
    exit: int
    """The exit code of the undamaged input (0: no finding; 1: the sample has findings)."""


# ---------------------------------------------------------------------------- operations


def sample(name: str, to: str) -> Op:
    return {"op": "sample", "name": name, "to": to}


def write(path: str, text: str, *, encoding: str | None = None) -> Op:
    """Write ``text`` (``@ROOT@`` in it is the corpus root)."""
    op: Op = {"op": "write", "path": path, "text": text}
    if encoding:
        op["encoding"] = encoding
    return op


def write_hex(path: str, data: bytes) -> Op:
    return {"op": "write", "path": path, "hex": data.hex()}


def sub(
    path: str,
    old: str,
    new: str,
    count: int = 1,
    *,
    before: tuple[str, int] | None = None,
    after: tuple[str, int] | None = None,
) -> Op:
    """Replace ``old`` by ``new`` in a file (``count`` 0: every occurrence). ``before`` and
    ``after`` pad ``new`` with a template repeated so many times (``@I@`` numbers the copies),
    so that a megabyte of filler is made at build time and never stored in the manifest."""
    op: Op = {"op": "replace", "path": path, "old": old, "new": new, "count": count}
    if before:
        op["pad_before"] = list(before)
    if after:
        op["pad_after"] = list(after)
    return op


def sub_bytes(path: str, old: str, new: bytes, count: int = 1) -> Op:
    return {"op": "replace", "path": path, "old": old, "new_hex": new.hex(), "count": count}


def append(path: str, text: str) -> Op:
    return {"op": "append", "path": path, "text": text}


def recode(path: str, *, encoding: str = "utf-8", newline: str | None = None) -> Op:
    op: Op = {"op": "recode", "path": path, "encoding": encoding}
    if newline is not None:
        op["newline"] = newline
    return op


def truncate(path: str, size: int) -> Op:
    return {"op": "truncate", "path": path, "size": size}


def extend(path: str, size: int) -> Op:
    return {"op": "extend", "path": path, "size": size}


def lines(path: str, template: str, times: int, *, head: str = "", tail: str = "") -> Op:
    return {"op": "lines", "path": path, "head": head, "template": template, "times": times,
            "tail": tail}  # fmt: skip


def remove(path: str) -> Op:
    return {"op": "remove", "path": path}


def rename(path: str, to: str) -> Op:
    return {"op": "rename", "path": path, "to": to}


def copy(path: str, to: str) -> Op:
    return {"op": "copy", "path": path, "to": to}


def mkdir(path: str) -> Op:
    return {"op": "mkdir", "path": path}


def symlink(path: str, target: str) -> Op:
    return {"op": "symlink", "path": path, "target": target}


def fifo(path: str) -> Op:
    return {"op": "fifo", "path": path}


def many(name: str, count: int, text: str) -> Op:
    return {"op": "many", "name": name, "count": count, "text": text}


def xlsx(path: str, sheets: list[dict[str, Any]], cells: list[dict[str, Any]] | None = None) -> Op:
    return {"op": "xlsx", "path": path, "sheets": sheets, "cells": cells or []}


def zip_op(path: str, *, base: str | None = None, **changes: Any) -> Op:
    op: Op = {"op": "zip", "path": path}
    if base:
        op["base"] = base
    op.update(changes)
    return op


def zip_lie(path: str, size: int) -> Op:
    return {"op": "zip_lie", "path": path, "size": size}


def rules(to: str, files: list[str]) -> Op:
    return {"op": "rules", "to": to, "files": files}


SECRET = "@ROOT@/secret.txt"
"""The secret file beside the case folders, as a symlink or entity target."""


# --------------------------------------------------------------------------- expectations


def err(
    file: str | None,
    loc: Any = ANY_LOCATION,
    field: str | None = None,
    text: str | None = None,
) -> str:
    """The regular expression of one error line: ``error: FILE:LOC [FIELD]: ...TEXT``.

    ``loc`` is literal text, ``None`` for no location, or left out for any; ``field`` and
    ``text`` are regular expressions (a field may be ``(unit_value|extended_value)``); a
    field left out may be there or not.
    """
    pattern = r"^error: "
    if file is not None:
        pattern += re.escape(file)
        if loc is ANY_LOCATION:
            pattern += r"(?::[^\n]*?)?"
        elif loc is not None:
            pattern += ":" + re.escape(loc)
    if field is not None:
        pattern += r" \[" + field + r"\]"
    elif file is not None:
        pattern += r"(?: \[[^\]\n]*\])?"
    if file is not None or field is not None:
        pattern += ":"
    if text is not None:
        pattern += r".*?" + text
    return pattern


def case(
    role: str,
    variant: str,
    klass: str,
    description: str,
    build: list[Op],
    argv: list[str],
    *,
    exit: int,
    stderr: str | None = None,
    stdout: str | None = None,
    accepted_because: str | None = None,
    forbid: tuple[str, ...] = (),
    timeout: float = TIMEOUT,
    max_line: int = MAX_LINE,
) -> Case:
    """One case; an error case names the line it expects, an accepted one says why."""
    if exit == 2 and not stderr:
        raise ValueError(f"{role}/{variant}: an error case needs its stderr expression")
    if exit in (0, 1) and not accepted_because and klass != "control":
        raise ValueError(f"{role}/{variant}: an accepted case says why (accepted_because)")
    expect: dict[str, Any] = {"exit": exit, "timeout": timeout, "max_line": max_line}
    for key, value in (
        ("stderr", stderr),
        ("stdout", stdout),
        ("accepted_because", accepted_because),
    ):
        if value is not None:
            expect[key] = value
    if forbid:
        expect["forbid"] = list(forbid)
    return {
        "id": f"{role}/{variant}",
        "role": role,
        "class": klass,
        "description": description,
        "build": build,
        "argv": argv,
        "expect": expect,
    }


def on_base(
    base: Base,
    variant: str,
    klass: str,
    description: str,
    *ops: Op,
    exit: int = 2,
    stderr: str | None = None,
    extra_argv: tuple[str, ...] = (),
    role: str | None = None,
    **expect: Any,
) -> Case:
    """A case that damages ``base``: its files, then ``ops``, checked with its argv."""
    return case(
        role or base.role,
        variant,
        klass,
        description,
        [*base.build, *ops],
        [*base.argv, *extra_argv],
        exit=exit,
        stderr=stderr,
        **expect,
    )


def accepted(
    base: Base, variant: str, klass: str, description: str, because: str, *ops: Op, **kw: Any
) -> Case:
    """A documented normalisation: the damaged input is read as the clean one is."""
    return on_base(
        base,
        variant,
        klass,
        description,
        *ops,
        exit=kw.pop("exit", base.exit),
        accepted_because=because,
        **kw,
    )
