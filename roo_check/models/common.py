"""Field types shared by the input models: money, HS codes, countries, currencies."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from roo_check.hs import nomenclature
from roo_check.hs.codes import dotted, normalize
from roo_check.money import to_decimal

USMCA_PARTIES = frozenset({"US", "CA", "MX"})


class Strict(BaseModel):
    """Base of every input model: unknown fields are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Out(BaseModel):
    """Base of every result model: what the engine returns is closed and immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def _money(value: object) -> Decimal:
    if value is None or value == "":
        raise ValueError("an amount is required")
    return to_decimal(value)


Money = Annotated[
    Decimal,
    BeforeValidator(_money),
    Field(ge=0, description="A non-negative amount, read exactly as a decimal (never a float)."),
]
Quantity = Annotated[Decimal, BeforeValidator(_money), Field(gt=0)]


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
    hs_part = digits[:6]
    if nomenclature.exists(hs_part, edition):
        return digits
    level = nomenclature.level_name(hs_part)
    near = ", ".join(dotted(c) for c in nomenclature.nearest(hs_part, edition))
    subject = f"{dotted(digits)!r}"
    if len(digits) > 6:
        subject += f": {dotted(hs_part)}"
    raise ValueError(f"{subject} is not an {edition} {level}; nearest: {near}")


Hs6 = Annotated[
    str,
    BeforeValidator(str),
    AfterValidator(_hs6),
    Field(description="HS2022 subheading, 6 digits, dots optional (8501.52 or 850152)."),
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
