"""Pydantic models: what the loaders produce and the engine consumes, and the findings it returns.

Models hold no I/O.
"""

from roo_check.models.certificate import (
    BlanketPeriod,
    Certificate,
    CertifiedGood,
    CertifierRole,
    OriginCriterion,
    Signature,
)
from roo_check.models.common import Party
from roo_check.models.goods import BomLine, EndUse, Good, OriginStatus
from roo_check.models.shipment import Invoice, InvoiceLine, RoutingLeg, Shipment, ShipmentFile

__all__ = [
    "BlanketPeriod",
    "BomLine",
    "Certificate",
    "CertifiedGood",
    "CertifierRole",
    "EndUse",
    "Good",
    "Invoice",
    "InvoiceLine",
    "OriginCriterion",
    "OriginStatus",
    "Party",
    "RoutingLeg",
    "Shipment",
    "ShipmentFile",
    "Signature",
]
