"""The finished good being claimed and the bill of materials it is made from."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum

from pydantic import Field, ValidationInfo, field_validator, model_validator

from roo_check.models.common import (
    Country,
    Currency,
    Hs6,
    HsCode,
    HsEdition,
    Money,
    NonEmpty,
    Quantity,
    Strict,
    TariffItem,
    check_in_edition,
)


def _checked(digits: str, info: ValidationInfo) -> str:
    """The code must exist in the declared edition (declared before it, so validated first).

    An invalid edition is reported on its own field; the code is then not judged against it.
    """
    edition = info.data.get("hs_edition")
    return digits if edition is None else check_in_edition(digits, edition)


class OriginStatus(StrEnum):
    """What the supplier claims for a material. Unknown counts as non-originating."""

    originating = "originating"
    non_originating = "non-originating"
    unknown = "unknown"


class EndUse(StrEnum):
    """The vehicle a part is for, where GN 11 makes the rule depend on it."""

    passenger_vehicle = "passenger_vehicle"
    light_truck = "light_truck"
    heavy_truck = "heavy_truck"
    other = "other"


class Good(Strict):
    """A finished good for which USMCA preference is (or will be) claimed."""

    part_number: NonEmpty = Field(description="The producer's part or model number.")
    description: NonEmpty = Field(description="Commercial description, as on the invoice.")
    hs_edition: HsEdition = "HS2022"
    hs_code: Hs6 = Field(
        description="HS subheading of the good (6 digits), in the edition hs_edition names; "
        "it must exist in that edition."
    )
    tariff_item: TariffItem | None = Field(
        default=None,
        description="HTSUS 8/10-digit tariff item; needed where GN 11 has tariff-item rules.",
    )
    product_kind: str | None = Field(
        default=None,
        description=(
            "What the good is, in the words a rule uses to single out goods within one code "
            "(e.g. 'passenger vehicle', 'gear boxes', 'water-jet cutting machinery'). "
            "Needed only where the rule distinguishes goods of the same code."
        ),
    )
    end_use: EndUse | None = Field(
        default=None,
        description="For vehicle parts whose rule depends on the vehicle they are used in.",
    )
    producer: NonEmpty = Field(description="Name of the producer.")
    country_of_production: Country = Field(description="Where the good was produced.")
    currency: Currency = Field(description="Currency of every value of this good and its BOM.")
    transaction_value: Money | None = Field(
        default=None,
        description=(
            "Transaction value of the good adjusted to exclude international shipment "
            "(price at the point of direct shipment), per USMCA Art. 4.5."
        ),
    )
    net_cost: Money | None = Field(
        default=None,
        description=(
            "Net cost: total cost minus sales promotion, marketing, after-sales service, "
            "royalties, shipping and packing and non-allowable interest (Art. 4.5)."
        ),
    )
    total_cost: Money | None = Field(
        default=None,
        description="Total cost of the good; an alternative base for de minimis (Art. 4.12).",
    )
    production_date: dt.date | None = Field(default=None, description="Date of production.")
    shipment_date: dt.date | None = Field(default=None, description="Date of shipment.")
    wholly_obtained_basis: str | None = Field(
        default=None,
        description=(
            "If the good is wholly obtained or produced (criterion A), the Art. 4.3 category "
            "relied on, e.g. '4.3(a) mineral extracted in Mexico'. Criterion A cannot be "
            "derived from a BOM: it is a declared fact."
        ),
    )
    weight_kg: Decimal | None = Field(
        default=None, ge=0, description="Net weight of one good, in kg (textile de minimis)."
    )
    production_steps: list[str] = Field(
        default_factory=list,
        description=(
            "The production steps the producer states for the good (e.g. 'winding', "
            "'assembly', 'testing'); in a table, separated by ';'. Used to spot minimal "
            "processing (relabelling, repackaging, kit assembly)."
        ),
    )
    imported_unassembled: bool = Field(
        default=False,
        description="Imported unassembled or disassembled but classified as assembled (GRI 2(a)).",
    )

    @field_validator("hs_code")
    @classmethod
    def _in_edition(cls, value: str, info: ValidationInfo) -> str:
        return _checked(value, info)

    @model_validator(mode="after")
    def _item_under_subheading(self) -> Good:
        if self.tariff_item and not self.tariff_item.startswith(self.hs_code):
            raise ValueError(
                f"tariff_item {self.tariff_item} is not under HS subheading {self.hs_code}"
            )
        return self

    @property
    def valuation_date(self) -> dt.date | None:
        return self.shipment_date or self.production_date


class BomLine(Strict):
    """One material of a good's bill of materials (cost sheet), possibly inside a sub-assembly."""

    good_part_number: NonEmpty = Field(description="Part number of the good this line belongs to.")
    part_number: NonEmpty = Field(description="The material's part number.")
    parent_part_number: str | None = Field(
        default=None,
        description=(
            "Part number of the sub-assembly this material goes into; empty for a material "
            "used directly in the good. Only direct materials count towards the good's "
            "origin; the lines below a sub-assembly show where its value comes from."
        ),
    )
    description: NonEmpty = Field(description="Description of the material.")
    hs_edition: HsEdition = "HS2022"
    hs_code: HsCode = Field(
        description="HS classification of the material (4 to 10 digits), in the edition "
        "hs_edition names: its heading or subheading must exist there (a tariff item's "
        "further digits are national and not checked)."
    )
    product_kind: str | None = Field(
        default=None,
        description=(
            "What the material is, in the words a rule uses to name materials within one code "
            "(e.g. 'printed circuit assemblies', 'split-systems'). Needed only where a rule "
            "allows or excludes materials by description."
        ),
    )
    quantity: Quantity = Field(description="Quantity used per good.")
    unit: NonEmpty = Field(description="Unit of the quantity (e.g. pcs, kg, m).")
    unit_value: Money | None = Field(default=None, description="Value per unit.")
    extended_value: Money | None = Field(
        default=None,
        description="Value for the quantity used (unit value x quantity), per Art. 4.6.",
    )
    currency: Currency = Field(description="Currency of the values.")
    country_of_origin: Country | None = Field(
        default=None, description="Country of origin of the material, if known."
    )
    origin_status: OriginStatus = Field(
        description="Originating status claimed: originating, non-originating or unknown."
    )
    evidence: str | None = Field(
        default=None,
        description="What backs an 'originating' claim, e.g. a supplier certification number.",
    )
    supplier: str | None = Field(default=None, description="Supplier of the material.")
    weight_kg: Decimal | None = Field(
        default=None,
        ge=0,
        description="Net weight of the material used in one good, in kg: needed for rules by "
        "weight (e.g. 70% of the steel by weight originating) and textile de minimis.",
    )
    elastomeric: bool = Field(
        default=False,
        description="The material is elastomeric yarn (textile de minimis caps it at 7%).",
    )
    classifying_component: bool = Field(
        default=False,
        description="Part of the component that determines the tariff classification of an "
        "apparel good (chapters 61-63): de minimis is measured over that component.",
    )
    provided_as_part: bool = Field(
        default=False,
        description=(
            "The material is provided for as a part of the good under the HTS (criterion D, "
            "Art. 4.2(d)): a part classified in the good's own subheading (or undivided heading). "
            "Criterion D is considered only for materials so declared."
        ),
    )
    indirect: bool = Field(
        default=False,
        description="An indirect material (Art. 4.9): deemed originating, left out of VNM.",
    )
    row: int | None = Field(
        default=None, description="Row (or element) in the source file; set by the loader."
    )

    @field_validator("hs_code")
    @classmethod
    def _in_edition(cls, value: str, info: ValidationInfo) -> str:
        return _checked(value, info)

    @model_validator(mode="after")
    def _has_value(self) -> BomLine:
        if self.unit_value is None and self.extended_value is None:
            raise ValueError("give unit_value or extended_value")
        if self.unit_value is not None and self.extended_value is not None:
            expected = self.unit_value * self.quantity
            if abs(expected - self.extended_value) > Decimal("0.01"):
                raise ValueError(
                    f"extended_value {self.extended_value} differs from unit_value x quantity "
                    f"= {expected}"
                )
        return self

    @property
    def value(self) -> Decimal:
        if self.extended_value is not None:
            return self.extended_value
        assert self.unit_value is not None
        return self.unit_value * self.quantity

    @property
    def counts_as_originating(self) -> bool:
        """Only a claimed-originating or indirect material is originating; unknown is not."""
        return self.indirect or self.origin_status is OriginStatus.originating
