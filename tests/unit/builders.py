"""Small builders for goods and BOM lines, so tests state only what matters."""

from __future__ import annotations

from decimal import Decimal

from roo_check.models import BomLine, Good


def good(hs: str = "8501.52", **fields: object) -> Good:
    data: dict[str, object] = {
        "part_number": "G-1",
        "description": "test good",
        "hs_code": hs,
        "producer": "Producer SA de CV",
        "country_of_production": "MX",
        "currency": "USD",
        "shipment_date": "2026-03-01",
    }
    data.update(fields)
    return Good.model_validate(data)


def line(
    part: str,
    hs: str,
    value: str | Decimal,
    status: str = "non-originating",
    country: str | None = "CN",
    **fields: object,
) -> BomLine:
    data: dict[str, object] = {
        "good_part_number": "G-1",
        "part_number": part,
        "description": f"material {part}",
        "hs_code": hs,
        "quantity": "1",
        "unit": "pcs",
        "extended_value": str(value),
        "currency": "USD",
        "country_of_origin": country,
        "origin_status": status,
    }
    data.update(fields)
    return BomLine.model_validate(data)
