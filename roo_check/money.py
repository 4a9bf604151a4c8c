"""Money, percentages and every other number read from input: Decimal only, one parser, and
the one rounding rule of the project.

Reading (stated once, applied only here): :func:`to_decimal` is the one place text becomes a
number, for every number field of every input (money, quantities, weights, shares, counts).
It reads plain ASCII digits with a decimal point, optionally grouped in thousands
(``1,234.56``), never a decimal comma, and refuses any number outside the bounds of
:mod:`roo_check.limits` (magnitude, smallest magnitude, significant digits). Those bounds keep
every later sum, product and ratio far inside the arithmetic context below.

Rounding rule: figures are computed exactly with ``Decimal`` and compared with thresholds
*unrounded* (the law says "not less than", so 59.995 % does not meet 60 %). Rounding happens
only for display: percentages to two decimal places, money to the currency's two decimal
places, both ROUND_HALF_UP.
"""

from __future__ import annotations

import re
from decimal import (
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
    localcontext,
)

from roo_check.limits import MAX_NUMBER_DIGITS, MAX_NUMBER_EXPONENT, MIN_NUMBER_EXPONENT

HUNDRED = Decimal(100)
_CENT = Decimal("0.01")
PRECISION = 28
"""Significant digits of every ratio computed (Python's default decimal precision)."""

PLAIN_DIGITS = "use plain digits 0-9"
"""What to write instead of digits of another script (Arabic-Indic, fullwidth ...)."""

_NUMBER = re.compile(r"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$")
_GROUPED = re.compile(r"^[+-]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]*)?$")
_COMMA_DECIMAL = re.compile(r"^[+-]?[0-9.,]+$")
_SHOWN = 60

_ARITHMETIC = Context(
    prec=PRECISION,
    rounding=ROUND_HALF_EVEN,
    Emax=999,
    Emin=-999,
    traps=[Overflow, InvalidOperation, DivisionByZero],
)
"""The context of :func:`percent`. Input numbers lie within 10^-20 and 10^21 (see
:mod:`roo_check.limits`), so no ratio of sums of them comes near 10^±999; the bounded
exponent range and the traps make any figure that did fail loudly instead of computing with
a billion-digit exponent."""

_DISPLAY = Context(
    prec=120,
    rounding=ROUND_HALF_UP,
    Emax=999,
    Emin=-999,
    traps=[Overflow, InvalidOperation, DivisionByZero],
)
"""The context of display rounding: precision enough to quantize to cents any figure the
bounded inputs can make (a product of two 21-digit figures summed over every row), where
the default 28 digits would raise on a sum above 10^26."""


def has_foreign_digits(text: str) -> bool:
    """Whether ``text`` holds a digit of another script (``٣``, ``３``, ``²``).

    Python's ``Decimal()``, ``int()`` and regex ``\\d`` read them as digits; the input
    formats ask for plain 0-9, so they are refused rather than silently read.
    """
    return not text.isascii() and any(ch.isdigit() and not "0" <= ch <= "9" for ch in text)


def _shown(value: object) -> str:
    """A short quoted rendering of a user's value: repr escapes control characters."""
    text = repr(value)
    return text if len(text) <= _SHOWN else text[: _SHOWN - 4] + "...'"


def number_problem(value: Decimal) -> str | None:
    """Why a number read from input is out of bounds, or None if it is within them.

    Bounds: finite; magnitude below 10^(MAX_NUMBER_EXPONENT + 1); a non-zero number at least
    10^MIN_NUMBER_EXPONENT (a zero's exponent in the same range); at most MAX_NUMBER_DIGITS
    significant digits, so that a figure is held exactly at the precision of the arithmetic.
    """
    if not value.is_finite():
        return "not a finite number"
    _sign, digit_tuple, exponent = value.as_tuple()
    digits = len(digit_tuple)
    adjusted = digits + int(exponent) - 1
    if not value and not MIN_NUMBER_EXPONENT <= int(exponent) <= 0:
        return "write zero as 0"  # 0E-999999999: a zero with an absurd exponent
    if adjusted > MAX_NUMBER_EXPONENT:
        return "too large a number"
    if adjusted < MIN_NUMBER_EXPONENT:
        return (
            f"too small a number: a non-zero number must be at least 10^{MIN_NUMBER_EXPONENT} "
            "in magnitude"
        )
    if digits > MAX_NUMBER_DIGITS:
        return f"too many digits ({digits}); a number has at most {MAX_NUMBER_DIGITS}"
    return None


def _from_text(value: str) -> Decimal:
    """Parse a number written as text: ASCII digits, a decimal point, optional grouping."""
    text = value.strip()
    if has_foreign_digits(text):
        raise ValueError(f"{_shown(value)}: {PLAIN_DIGITS}")
    if "," in text:
        # Only thousands grouping (1,234.56) is read; 1.234,56 is refused, never guessed.
        if _GROUPED.match(text):
            text = text.replace(",", "")
        elif _COMMA_DECIMAL.match(text):
            raise ValueError(
                f"{_shown(value)} looks like it uses a decimal comma; write numbers with a "
                "decimal point, e.g. 1234.56 (a comma only groups thousands: 1,234.56)"
            )
    if not _NUMBER.match(text):
        raise ValueError(
            f"{_shown(value)} is not a number (digits and a decimal point, e.g. 1234.56)"
        )
    try:
        return Decimal(text)
    except InvalidOperation:
        # Well-formed, but its exponent is beyond what Decimal can even represent.
        small = re.search(r"[eE]-", text) is not None
        raise ValueError("too small a number" if small else "too large a number") from None


def _parse(value: object) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        raise ValueError(f"expected a number, got {_shown(value)}")
    if isinstance(value, int):
        if abs(value) >= 10 ** (MAX_NUMBER_EXPONENT + 1):
            raise ValueError("too large a number")  # before converting a huge integer
        return Decimal(value)
    if isinstance(value, str):
        return _from_text(value)
    if isinstance(value, float):
        # Spreadsheets hand us floats; repr() is the shortest round-trip text.
        return Decimal(repr(value))
    raise ValueError(f"expected a number, got {_shown(value)}")


_PLAIN_NUMBER = re.compile(r"[0-9]{1,15}(?:\.[0-9]{0,5})?")
"""Text of this form (in full) is a number within every bound of :func:`number_problem`: at
most 20 digits, below 10^15, and a non-zero one at least 10^-5; it is read without the
checks (most numbers of a BOM have this form)."""


def to_decimal(value: object) -> Decimal:
    """Read a number (money, quantity, weight, share) exactly, without passing through float.

    Raise ValueError with a one-line message if it is not a plain decimal number or is
    outside the bounds of :func:`number_problem`.
    """
    if type(value) is str and _PLAIN_NUMBER.fullmatch(value):
        return Decimal(value)
    result = _parse(value)
    problem = number_problem(result)
    if problem is not None:
        raise ValueError(problem)
    return result


def percent(part: Decimal, whole: Decimal) -> Decimal:
    """Exact ``part / whole * 100`` at the project's precision (no display rounding)."""
    with localcontext(_ARITHMETIC):
        return part * HUNDRED / whole


def display_percent(value: Decimal) -> str:
    with localcontext(_DISPLAY):
        return f"{value.quantize(_CENT, rounding=ROUND_HALF_UP)}"


def display_money(value: Decimal) -> str:
    with localcontext(_DISPLAY):
        return f"{value.quantize(_CENT, rounding=ROUND_HALF_UP):,}"


def round_percent(value: Decimal) -> Decimal:
    with localcontext(_DISPLAY):
        return value.quantize(_CENT, rounding=ROUND_HALF_UP)
