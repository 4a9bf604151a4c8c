"""Find and read the configuration: ``roo-check.toml`` or ``[tool.roo-check]`` in pyproject.toml.

Keys may be written kebab-case (TOML style) or snake_case. A malformed file is an input
error naming the file and the key, exit 2: configuration fails closed like the rules.
"""

from __future__ import annotations

import hashlib
import tomllib
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from roo_check.errors import InputError
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
    """``roo-check.toml`` in the folder, else a pyproject.toml holding ``[tool.roo-check]``."""
    candidate = start / "roo-check.toml"
    if candidate.is_file():
        return candidate
    pyproject = start / "pyproject.toml"
    if pyproject.is_file():
        try:
            data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError):
            return None
        if "roo-check" in data.get("tool", {}):
            return pyproject
    return None


def load_config(path: Path) -> tuple[Config, str]:
    """The configuration and the SHA-256 of its file (recorded in reports)."""
    file = str(path)
    try:
        raw = path.read_bytes()
        data = tomllib.loads(raw.decode("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the configuration: {exc}", file=file) from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"not valid TOML: {exc}", file=file) from None
    if path.name == "pyproject.toml" or "tool" in data:
        # pyproject.toml style, also accepted in roo-check.toml
        data = data.get("tool", {}).get("roo-check", {})
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
        raise InputError(message, file=file, location=loc, field=str(first["loc"][-1])) from None
    return config, hashlib.sha256(raw).hexdigest()
