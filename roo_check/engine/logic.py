"""Three-valued logic: True (met), False (not met), None (cannot decide on the data given)."""

from __future__ import annotations

from collections.abc import Iterable

Tri = bool | None


def all3(values: Iterable[Tri]) -> Tri:
    """False beats None beats True: one failure decides, one unknown leaves it open."""
    result: Tri = True
    for value in values:
        if value is False:
            return False
        if value is None:
            result = None
    return result


def any3(values: Iterable[Tri]) -> Tri:
    """True beats None beats False: one way to qualify is enough."""
    result: Tri = False
    for value in values:
        if value is True:
            return True
        if value is None:
            result = None
    return result
