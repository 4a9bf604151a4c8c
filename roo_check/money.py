"""Money and percentages: Decimal only, and the one rounding rule of the project.

Rounding rule (stated once, applied only here): figures are computed exactly with
``Decimal`` and compared with thresholds *unrounded* (the law says "not less than",
so 59.995 % does not meet 60 %). Rounding happens only for display: percentages to
two decimal places, money to the currency's two decimal places, both ROUND_HALF_UP.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext

_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
HUNDRED = Decimal(100)
_CENT = Decimal("0.01")
PRECISION = 28


def to_decimal(value: object) -> Decimal:
    """Parse money or a percentage from text without passing through float."""
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, bool):
        raise ValueError("a boolean is not an amount")
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, str):
        text = value.strip()
        if "," in text:
            # Only thousands grouping (1,234.56) is read; 1.234,56 is refused, never guessed.
            if not _GROUPED.match(text):
                raise ValueError(
                    f"{value!r}: use a point for decimals and no thousands separator "
                    "(or 1,234.56 grouping)"
                )
            text = text.replace(",", "")
        try:
            result = Decimal(text)
        except InvalidOperation as exc:
            raise ValueError(f"{value!r} is not a decimal number") from exc
    elif isinstance(value, float):
        # Spreadsheets hand us floats; repr() is the shortest round-trip text.
        result = Decimal(repr(value))
    else:
        raise ValueError(f"{value!r} is not a decimal number")
    if not result.is_finite():
        raise ValueError(f"{value!r} is not a finite number")
    return result


def percent(part: Decimal, whole: Decimal) -> Decimal:
    """Exact ``part / whole * 100`` at the project's precision (no display rounding)."""
    with localcontext() as ctx:
        ctx.prec = PRECISION
        return part * HUNDRED / whole


def display_percent(value: Decimal) -> str:
    return f"{value.quantize(_CENT, rounding=ROUND_HALF_UP)}"


def display_money(value: Decimal) -> str:
    return f"{value.quantize(_CENT, rounding=ROUND_HALF_UP):,}"


def round_percent(value: Decimal) -> Decimal:
    return value.quantize(_CENT, rounding=ROUND_HALF_UP)
