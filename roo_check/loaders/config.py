"""Find and read the configuration: ``roo-check.toml`` or ``[tool.roo-check]`` in pyproject.toml.

Keys may be written kebab-case (TOML style) or snake_case. A malformed file is an input
error naming the file and the key, exit 2: configuration fails closed like the rules.
"""

from __future__ import annotations

import hashlib
import os
import tomllib
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from roo_check.errors import InputError
from roo_check.limits import MAX_FILE_BYTES, MAX_NESTING
from roo_check.loaders import one_line
from roo_check.loaders.files import check_file, read_file
from roo_check.loaders.limits import walk_values
from roo_check.models.config import Config

CONFIG_NAMES = ("roo-check.toml", "pyproject.toml")


def _snake(data: Any) -> Any:
    if isinstance(data, dict):
        return {
            (k.replace("-", "_") if isinstance(k, str) and not k.isupper() else k): _snake(v)
            for k, v in data.items()
        }
    if isinstance(data, list):
        return [_snake(v) for v in data]
    return data


def find_config(start: Path) -> Path | None:
    """``roo-check.toml`` in the folder, else a pyproject.toml holding ``[tool.roo-check]``.

    A file found here must be a regular file inside ``start`` (a symbolic link may point
    elsewhere in it, never out of it, and never loop): one that is not stops the run, as a
    malformed configuration does. A pyproject.toml that is not TOML is someone else's file
    and is left alone.
    """
    candidate = start / "roo-check.toml"
    if os.path.lexists(candidate):
        check_file(candidate, within=start)
        return candidate
    pyproject = start / "pyproject.toml"
    if not os.path.lexists(pyproject):
        return None
    raw = read_file(pyproject, within=start, limit=MAX_FILE_BYTES)
    try:
        data = _parse(raw, str(pyproject))
    except InputError as exc:
        if exc.message.startswith(_TOO_DEEP):
            raise
        return None
    tool = data.get("tool")
    if isinstance(tool, dict) and "roo-check" in tool:
        return pyproject
    return None


def load_config(path: Path) -> tuple[Config, str]:
    """The configuration and the SHA-256 of its file (recorded in reports).

    ``path`` is read like every input: a regular file (a FIFO or device is refused, never
    waited on), at most the input size limit.
    """
    file = str(path)
    raw = read_file(path, limit=MAX_FILE_BYTES)
    data = _parse(raw, file)
    if path.name == "pyproject.toml" or "tool" in data:
        # pyproject.toml style, also accepted in roo-check.toml
        tool = data.get("tool", {})
        data = tool.get("roo-check", {}) if isinstance(tool, dict) else tool
    if not isinstance(data, dict):
        raise InputError("[tool.roo-check] must be a table", file=file, location="tool.roo-check")
    try:
        config = Config.model_validate(_snake(data))
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(p) for p in first["loc"])
        message = (
            f"unknown key {first['loc'][-1]!r}"
            if first["type"] == "extra_forbidden"
            else first["msg"].removeprefix("Value error, ")
        )
        field = str(first["loc"][-1]) if first["loc"] else None
        raise InputError(one_line(message), file=file, location=loc or None, field=field) from None
    return config, hashlib.sha256(raw).hexdigest()


_TOO_DEEP = "nested too deeply"


def _parse(raw: bytes, file: str) -> dict[str, Any]:
    """The TOML document of ``raw``; every problem is one line naming the file."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"not valid UTF-8 at byte {exc.start:,}", file=file) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"not valid TOML: {one_line(str(exc))}", file=file) from None
    except RecursionError:
        # tomllib parses nested arrays and inline tables recursively.
        raise InputError(f"{_TOO_DEEP}: arrays or tables inside one another", file=file) from None
    if _too_deep(data):
        # Dotted table headers ([a.a.a...]) nest without recursion in the parser.
        raise InputError(f"{_TOO_DEEP}: tables or arrays more than {MAX_NESTING} deep", file=file)
    return data


def _too_deep(data: object) -> bool:
    """Whether tables and arrays nest more than :data:`MAX_NESTING` deep."""
    return any(
        depth > MAX_NESTING for node, depth in walk_values(data) if isinstance(node, dict | list)
    )
