"""Headroom: how much more non-originating value an originating good can take before it fails.

Computed where the good's qualification rests on a regional value content (every passing
alternative requires one): the room is the best of the passing methods, in points and in
money, and the critical materials are the originating ones whose value alone exceeds it:
sourced from China (non-originating) instead, each would make the good fail.
"""

from __future__ import annotations

from decimal import Decimal

from roo_check.models.findings import AlternativeResult, Headroom
from roo_check.models.goods import BomLine
from roo_check.money import HUNDRED


def headroom(alternatives: list[AlternativeResult], direct: list[BomLine]) -> Headroom | None:
    passing = [a for a in alternatives if a.passed]
    if not passing or any(not a.rvc for a in passing):
        return None
    best = None
    for alt in passing:
        for result in alt.rvc:
            if not result.passed or result.base is None or result.rvc is None:
                continue
            room = result.base * (HUNDRED - result.threshold) / HUNDRED - result.vnm
            if best is None or room > best[0]:
                best = (room, result)
    if best is None:
        return None
    room, result = best
    assert result.rvc is not None
    critical = sorted(
        (m for m in direct if m.counts_as_originating and m.incorporated and m.value > room),
        key=lambda m: (-m.value, m.part_number),
    )
    return Headroom(
        method=result.method,
        rvc=result.rvc,
        threshold=result.threshold,
        points=result.rvc - result.threshold,
        value=max(room, Decimal(0)),
        critical_materials=[m.part_number for m in critical],
    )
