"""The commercial invoice and routing of a shipment, and the shipment file that bundles it all."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from roo_check.models.accumulation import SupplierBom
from roo_check.models.automotive import AutomotiveFile
from roo_check.models.certificate import Certificate
from roo_check.models.common import (
    Country,
    Currency,
    InputDate,
    Money,
    NonEmpty,
    Party,
    Quantity,
    Strict,
)
from roo_check.models.declarations import Register
from roo_check.models.goods import BomLine, Good
from roo_check.models.inventory import Inventory


class InvoiceLine(Strict):
    good_part_number: NonEmpty = Field(description="Part number of the good invoiced.")
    quantity: Quantity = Field(description="Quantity invoiced.")
    unit_price: Money = Field(description="Price per unit.")
    currency: Currency = Field(description="Currency of the price.")


class Invoice(Strict):
    number: NonEmpty = Field(description="Invoice number.")
    date: InputDate = Field(description="Invoice date.")
    issuer: Party = Field(description="Who issued the invoice (seller), with country.")
    consignee: Party | None = Field(default=None, description="Buyer or consignee.")
    lines: list[InvoiceLine] = Field(min_length=1, description="Invoice lines.")


class RoutingLeg(Strict):
    from_place: NonEmpty = Field(description="Place of departure (port, city, plant).")
    from_country: Country = Field(description="Country of departure.")
    to_place: NonEmpty = Field(description="Place of arrival.")
    to_country: Country = Field(description="Country of arrival.")
    departure: InputDate | None = Field(default=None, description="Date of departure.")
    arrival: InputDate | None = Field(default=None, description="Date of arrival.")
    under_customs_control: bool | None = Field(
        default=None,
        description="Whether the goods stayed under customs control at the arrival place.",
    )
    operations: list[str] = Field(
        default_factory=list,
        description="Operations performed at the arrival place (e.g. unloading, relabelling).",
    )


class Shipment(Strict):
    shipment_id: NonEmpty = Field(description="Shipment or entry reference.")
    shipment_date: InputDate | None = Field(default=None, description="Date the goods shipped.")
    invoice: Invoice | None = Field(default=None, description="Commercial invoice.")
    routing: list[RoutingLeg] = Field(default_factory=list, description="Routing legs, in order.")


class SourceFile(Strict):
    """An input file as read: where it was, what it hashed to, and what it holds."""

    path: str
    sha256: str
    role: str = Field(
        default="input", description="goods, bom, certificate, shipment, automotive or workbook."
    )


class ShipmentFile(BaseModel):
    """Everything a loader read for one shipment: goods, BOMs, certificate, shipment documents."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(description="Folder or file name the shipment was read from.")
    goods: list[Good]
    bom: list[BomLine]
    certificate: Certificate | None = None
    shipment: Shipment | None = None
    automotive: AutomotiveFile | None = Field(
        default=None, description="The producer's automotive figures (automotive.yaml)."
    )
    supplier_boms: list[SupplierBom] = Field(
        default_factory=list, description="Suppliers' BOMs of purchased materials (Art. 4.11)."
    )
    inventory: Inventory | None = Field(
        default=None, description="Stock records of fungible materials (Art. 4.13)."
    )
    declarations: Register | None = Field(
        default=None,
        description="Suppliers' declarations of origin: the shipment's own register, with "
        "the batch's (--declarations) merged in.",
    )
    notes: list[str] = Field(
        default_factory=list,
        description="Rows of the tables skipped, and why (a title above the header, a total "
        "row): FILE:row N: skipped, ...",
    )
    sources: list[SourceFile] = Field(default_factory=list)
    bom_source: str | None = Field(default=None, description="Path of the BOM file, for evidence.")

    def lines_by_good(self) -> dict[str, list[BomLine]]:
        """The BOM lines of each good, by its part number, in file order (one pass)."""
        grouped: dict[str, list[BomLine]] = {}
        for line in self.bom:
            grouped.setdefault(line.good_part_number, []).append(line)
        return grouped

    def materials_of(self, part_number: str) -> list[BomLine]:
        return [line for line in self.bom if line.good_part_number == part_number]

    def file_for(self, role: str) -> str:
        """Path of the file that held ``role`` (for evidence); the workbook holds all tables."""
        for source in self.sources:
            if source.role == role:
                return source.path
        return self.sources[0].path if self.sources else self.name
