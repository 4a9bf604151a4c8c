"""Stock records of fungible materials (Art. 4.13): the inventory a producer draws from when
originating and non-originating units of the same material are mixed.

One file per shipment (``inventory.csv``) states one inventory management method for one
fiscal year, as the Uniform Regulations require (SOR/2020-155 s. 8(19), Schedule 8 s. 3), and
the records: opening inventory, receipts and withdrawals, in the order they happened.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import Field, model_validator

from roo_check.models.common import Currency, InputDate, Money, NonEmpty, Quantity, Strict
from roo_check.models.goods import OriginStatus


class InventoryMethod(StrEnum):
    """The inventory management methods of SOR/2020-155 Schedule 8 s. 2."""

    specific_identification = "specific_identification"
    fifo = "fifo"
    lifo = "lifo"
    average = "average"


class Movement(StrEnum):
    opening = "opening"
    receipt = "receipt"
    withdrawal = "withdrawal"


class InventoryRecord(Strict):
    """One line of the stock records, in the unit of the BOM line that uses the material."""

    part_number: NonEmpty = Field(description="The material, as its BOM lines name it.")
    date: InputDate = Field(description="Date received (opening, receipt) or withdrawn.")
    movement: Movement = Field(
        description="opening (in inventory when the method was chosen, dated when received), "
        "receipt, or withdrawal."
    )
    quantity: Quantity = Field(description="Units received or withdrawn.")
    unit_value: Money | None = Field(
        default=None,
        description="Value per unit (SOR s. 8); required for opening and receipt rows, and for "
        "withdrawals under specific identification.",
    )
    origin_status: OriginStatus | None = Field(
        default=None,
        description="originating or non-originating: required for opening and receipt rows; on "
        "a withdrawal only under specific identification (physically segregated stock).",
    )
    good_part_number: str | None = Field(
        default=None,
        description="For a withdrawal: the good produced with it. A good with no withdrawal "
        "of its own is taken to draw its BOM quantity on its production date.",
    )
    reference: str | None = Field(default=None, description="Receipt, lot or document number.")
    row: int | None = Field(default=None, description="Row in the file; set by the loader.")

    @model_validator(mode="after")
    def _stock_in(self) -> InventoryRecord:
        if self.movement is Movement.withdrawal:
            return self
        if self.unit_value is None:
            article = "an" if self.movement is Movement.opening else "a"
            raise ValueError(f"{article} {self.movement.value} row needs unit_value")
        if self.origin_status not in (OriginStatus.originating, OriginStatus.non_originating):
            raise ValueError(
                f"a {self.movement.value} row needs origin_status originating or non-originating"
            )
        if self.good_part_number:
            raise ValueError("good_part_number is read only on withdrawal rows")
        return self


class Inventory(Strict):
    """The stock records of one fiscal year under one inventory management method."""

    method: InventoryMethod = Field(description="The method chosen for the fiscal year.")
    fiscal_year_start: InputDate = Field(description="First day of the fiscal year (12 months).")
    currency: Currency = Field(description="Currency of every unit value.")
    records: list[InventoryRecord] = Field(min_length=1)
    source: str = Field(default="inventory.csv", description="The file read.")

    @property
    def fiscal_year_end(self) -> dt.date:
        """The first day after the fiscal year."""
        start = self.fiscal_year_start
        try:
            return start.replace(year=start.year + 1)
        except ValueError:  # 29 February
            return start.replace(year=start.year + 1, day=28) + dt.timedelta(days=1)

    def records_of(self, part_number: str) -> list[InventoryRecord]:
        return [r for r in self.records if r.part_number == part_number]
