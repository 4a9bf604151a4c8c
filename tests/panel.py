"""The motor control panel of sample 03 (8537.10, rule PSR-8537) with any materials: the good
the cheapest-fix property tests and benchmarks/fix_timing.py build their BOMs around."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from roo_check.models.goods import BomLine, Good

ON = dt.date(2026, 11, 2)
"""The panel's shipment date, the date it is decided on."""

PCA = "8538.90"
"""Printed circuit assemblies: the material PSR-8537 alternative A excludes."""


def panel(tv: Decimal, nc: Decimal) -> Good:
    return Good.model_validate(
        {
            "part_number": "CP-480",
            "description": "Motor control panel",
            "hs_code": "8537.10",
            "producer": "Tableros Electricos de Monterrey SA de CV",
            "country_of_production": "MX",
            "currency": "USD",
            "transaction_value": str(tv),
            "net_cost": str(nc),
            "production_date": "2026-10-20",
        }
    )


def material(i: int, code: str, value: Decimal, originating: bool) -> BomLine:
    """Material ``M{i}`` of the panel: from Mexico if originating, else from China."""
    return BomLine.model_validate(
        {
            "good_part_number": "CP-480",
            "part_number": f"M{i:02d}",
            "description": "printed circuit assembly" if code == PCA else f"material {i}",
            "product_kind": "printed circuit assemblies" if code == PCA else None,
            "hs_code": code,
            "quantity": "1",
            "unit": "pcs",
            "extended_value": str(value),
            "currency": "USD",
            "country_of_origin": "MX" if originating else "CN",
            "origin_status": "originating" if originating else "non-originating",
        }
    )
