"""Field types shared by the input models: money and other numbers, dates, HS codes,
countries, currencies.

Every number and date field of an input model uses one of these types, so that the bounds of
:mod:`roo_check.limits` hold for every file format alike: a number is read by
:func:`roo_check.money.to_decimal` (plain digits, thousands grouping, bounded magnitude and
digits), a date by :func:`input_date` (ISO ``YYYY-MM-DD`` within ``MIN_DATE``..``MAX_DATE``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from decimal import Decimal
from functools import cache, lru_cache
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from roo_check.hs import nomenclature
from roo_check.hs.codes import dotted, normalize
from roo_check.limits import MAX_COUNT, MAX_DATE, MIN_DATE
from roo_check.money import PLAIN_DIGITS, has_foreign_digits, to_decimal

USMCA_PARTIES = frozenset({"US", "CA", "MX"})


class Strict(BaseModel):
    """Base of every input model: unknown fields are errors, values are immutable."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=True, defer_build=True
    )


class Out(BaseModel):
    """Base of every result model: what the engine returns is closed and immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


def _required_decimal(what: str):
    """A validator reading a required number through :func:`to_decimal` (the one parser of
    numbers); ``what`` names it in the message for a blank ("an amount is required")."""

    def read(value: object) -> Decimal:
        if value is None or value == "":
            raise ValueError(f"{what} is required")
        return to_decimal(value)

    return read


_money = _required_decimal("an amount")
_number = _required_decimal("a number")


Money = Annotated[
    Decimal,
    BeforeValidator(_money),
    Field(ge=0, description="A non-negative amount, read exactly as a decimal (never a float)."),
]
Quantity = Annotated[Decimal, BeforeValidator(_money), Field(gt=0)]
ValueBase = Annotated[
    Decimal,
    BeforeValidator(_money),
    Field(
        gt=0,
        description="A good's transaction value or net cost: more than zero, or not given. "
        "It divides the RVC (Art. 4.5), and a good with no value has no RVC to compute.",
    ),
]


Number = Annotated[
    Decimal,
    BeforeValidator(_number),
    Field(description="A number read exactly as a decimal, like money (weights, years)."),
]


def _count(value: object) -> int:
    number = _number(value)
    if number != number.to_integral_value():
        raise ValueError(f"{number} is not a whole number")
    return int(number)


Count = Annotated[
    int,
    BeforeValidator(_count),
    Field(ge=0, le=MAX_COUNT, description="A whole number (persons, capacities)."),
]

_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:56] + "...'"


def input_date(value: object) -> dt.date:
    """Read a date of an input file: ISO ``YYYY-MM-DD`` text or a date value (YAML, xlsx).

    Refused: other text forms (``2025-01-01T10:00``, timestamps), digits of other scripts,
    and dates outside :data:`MIN_DATE`..:data:`MAX_DATE`, beyond which the engine's date
    arithmetic (a blanket period's months, a certificate's age) could leave the calendar.
    """
    day = _as_date(value)
    if not MIN_DATE <= day <= MAX_DATE:
        raise ValueError(
            f"{day.isoformat()} is outside the dates roo-check reads "
            f"({MIN_DATE.isoformat()} to {MAX_DATE.isoformat()})"
        )
    return day


def _as_date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        if value.timetz() != dt.time(0):
            raise ValueError(f"expected a date as YYYY-MM-DD, got the date and time {value}")
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise ValueError(f"expected a date as YYYY-MM-DD, got {_shown(value)}")
    text = value.strip()
    if has_foreign_digits(text):
        raise ValueError(f"{_shown(value)}: {PLAIN_DIGITS}")
    if not _ISO_DATE.match(text):
        raise ValueError(f"expected a date as YYYY-MM-DD, got {_shown(value)}")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{_shown(value)} is not a valid date: {_wrong_part(text)}") from None


def _wrong_part(text: str) -> str:
    """Which part of a well-formed YYYY-MM-DD is impossible, in words."""
    year, month, day = (int(part) for part in text.split("-"))
    if year < 1:
        return "the year must be 0001 or later"
    if not 1 <= month <= 12:
        return f"the month is {month:02d}, and months run from 01 to 12"
    last = calendar.monthrange(year, month)[1]
    name = calendar.month_name[month]
    if month == 2 and day == 29:
        return f"{year} is not a leap year, so February has 28 days"
    return f"the day is {day:02d}, and {name} {year} has days 01 to {last:02d}"


InputDate = Annotated[
    dt.date,
    BeforeValidator(input_date),
    Field(description="An ISO date, YYYY-MM-DD, between 1900-01-01 and 2999-12-31."),
]


def _hs6(value: str) -> str:
    digits = normalize(value)
    if len(digits) != 6:
        raise ValueError(f"{value!r} must be a 6-digit HS subheading, e.g. 8501.52")
    return digits


def _hs_any(value: str) -> str:
    digits = normalize(value)
    if len(digits) < 4:
        raise ValueError(f"{value!r} must name at least a heading (4 digits)")
    return digits


def _tariff_item(value: str) -> str:
    digits = normalize(value)
    if len(digits) not in (8, 10):
        raise ValueError(f"{value!r} must be an 8- or 10-digit national tariff item")
    return digits


def _edition(value: object) -> object:
    """Accept ``hs2017``, ``HS 2017`` or ``2017`` for ``HS2017``: spreadsheets vary."""
    text = str(value).strip().upper().replace(" ", "").replace("-", "")
    if text in ("2017", "2022"):
        return f"HS{text}"
    return text


HsEdition = Annotated[
    Literal["HS2022", "HS2017"],
    BeforeValidator(_edition),
    Field(
        description="Edition of the Harmonized System the HS code is given in: HS2022 (the "
        "edition GN 11 and the HTSUS use) or HS2017 (the edition of USMCA Annex 4-B). An "
        "HS2017 code is mapped to HS2022 through the UNSD correlation tables."
    ),
]


def check_in_edition(digits: str, edition: str) -> str:
    """Refuse a code whose heading or subheading does not exist in the declared edition.

    A tariff item (8 or 10 digits) is national: only its HS6 subheading is checked. The
    error names the nearest valid codes, which is usually the typo's fix.
    """
    if type(digits) is str and type(edition) is str and len(digits) <= _REMEMBERED_CHARS:
        return _checked_in_edition(digits, edition)
    return _check_in_edition(digits, edition)


_REMEMBERED_CHARS = 24
"""Longest text whose check is remembered: a code or a country is short, and a long cell
(refused anyway) must not be held in a memo."""


@lru_cache(maxsize=16384)
def _checked_in_edition(digits: str, edition: str) -> str:
    """Remembered: a BOM repeats a few thousand codes over many lines, the nomenclature never
    changes once read, and the one object returned for a code is shared by every line."""
    return _check_in_edition(digits, edition)


def _check_in_edition(digits: str, edition: str) -> str:
    hs_part = digits[:6]
    if nomenclature.exists(hs_part, edition):
        return digits
    level = nomenclature.level_name(hs_part)
    near = ", ".join(dotted(c) for c in nomenclature.nearest(hs_part, edition))
    subject = f"{dotted(digits)!r}"
    if len(digits) > 6:
        subject += f": {dotted(hs_part)}"
    raise ValueError(f"{subject} is not an {edition} {level}; nearest: {near}")


def check_in_some_edition(digits: str) -> str:
    """Refuse a code that exists in no edition roo-check knows (a code given without its
    edition, as on a certificate); the nearest HS2022 codes are named."""
    if any(nomenclature.exists(digits, edition) for edition in nomenclature.EDITIONS):
        return digits
    level = nomenclature.level_name(digits)
    near = ", ".join(dotted(c) for c in nomenclature.nearest(digits, nomenclature.CURRENT))
    known = ", ".join(nomenclature.EDITIONS)
    raise ValueError(
        f"{dotted(digits)!r} is a {level} of no HS edition roo-check knows ({known}); "
        f"nearest in {nomenclature.CURRENT}: {near}"
    )


Hs6 = Annotated[
    str,
    BeforeValidator(str),
    AfterValidator(_hs6),
    Field(description="HS2022 subheading, 6 digits, dots optional (8501.52 or 850152)."),
]
KnownHs6 = Annotated[
    Hs6,
    AfterValidator(check_in_some_edition),
    Field(description="HS subheading, 6 digits, that exists in HS2022, HS2017 or HS2012."),
]
Hs2022Subheading = Annotated[
    Hs6,
    AfterValidator(lambda digits: check_in_edition(digits, "HS2022")),
    Field(description="HS2022 subheading, 6 digits; it must exist in HS2022."),
]
Hs2012Subheading = Annotated[
    Hs6,
    AfterValidator(lambda digits: check_in_edition(digits, "HS2012")),
    Field(description="HS2012 subheading, 6 digits; it must exist in HS2012."),
]
HsCode = Annotated[
    str,
    BeforeValidator(str),
    AfterValidator(_hs_any),
    Field(description="HS code of 4, 6, 8 or 10 digits; 6 or more lets every rule be decided."),
]
TariffItem = Annotated[
    str,
    BeforeValidator(str),
    AfterValidator(_tariff_item),
    Field(description="National tariff item (HTSUS 8 or 10 digits), dots optional."),
]


@cache
def _countries() -> dict[str, str]:
    import pycountry  # heavy data: loaded only when a country is validated

    table: dict[str, str] = {}
    for country in pycountry.countries:
        table[country.alpha_2] = country.alpha_2
        table[country.alpha_3] = country.alpha_2
    return table


@cache
def _currencies() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.currencies)


def _country(value: str) -> str:
    code = str(value).strip().upper()
    try:
        return _countries()[code]
    except KeyError:
        raise ValueError(
            f"{value!r} is not an ISO 3166 country code (e.g. MX, US, CA, CN)"
        ) from None


def _currency(value: str) -> str:
    if type(value) is str and len(value) <= _REMEMBERED_CHARS:
        return _known_currency(value)
    return _check_currency(value)


@lru_cache(maxsize=1024)
def _known_currency(value: str) -> str:
    """Remembered, so that every line of a BOM holds the one string of its currency."""
    return _check_currency(value)


def _check_currency(value: str) -> str:
    code = str(value).strip().upper()
    if code not in _currencies():
        raise ValueError(f"{value!r} is not an ISO 4217 currency code (e.g. USD, MXN, CAD)")
    return code


Country = Annotated[
    str,
    BeforeValidator(str),
    AfterValidator(_country),
    Field(description="ISO 3166-1 country code (alpha-2 or alpha-3; stored as alpha-2)."),
]
Currency = Annotated[
    str, BeforeValidator(str), AfterValidator(_currency), Field(description="ISO 4217 code.")
]
NonEmpty = Annotated[str, Field(min_length=1)]


class Party(Strict):
    """A person or company named on a certificate, invoice or BOM."""

    name: NonEmpty = Field(description="Legal name.")
    address: str | None = Field(default=None, description="Street address, city, region.")
    country: Country | None = Field(default=None, description="Country of the address.")
    title: str | None = Field(default=None, description="Title of the person (certifier).")
    phone: str | None = Field(default=None, description="Telephone number.")
    email: str | None = Field(default=None, description="E-mail address.")
    tax_id: str | None = Field(default=None, description="Tax or business identification number.")
