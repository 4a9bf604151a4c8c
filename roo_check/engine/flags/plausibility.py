"""(being written)"""

from __future__ import annotations

from collections.abc import Callable

CHECKS: dict[str, Callable] = {}
