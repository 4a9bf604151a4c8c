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
    InputDate,
    Money,
    NonEmpty,
    Number,
    Quantity,
    Strict,
    TariffItem,
    ValueBase,
    check_in_edition,
)


def _checked(digits: str, info: ValidationInfo) -> str:
    """The code must exist in the declared edition (declared before it, so validated first).

    An invalid edition is reported on its own field; the code is then not judged against it.
    """
    edition = info.data.get("hs_edition")
    return digits if edition is None else check_in_edition(digits, edition)


class OriginStatus(StrEnum):
    """What the supplier claims for a material. Unknown counts as non-originating.

    ``fungible``: originating and non-originating stock of the material are mixed in
    inventory; the share used is derived from the stock records (Art. 4.13).
    """

    originating = "originating"
    non_originating = "non-originating"
    unknown = "unknown"
    fungible = "fungible"


class MaterialType(StrEnum):
    """How Chapter 4 treats a BOM line (Art. 4.9, 4.14, 4.15, 4.16); ``direct`` is a material
    physically incorporated into the good, the ordinary case."""

    direct = "direct"
    indirect = "indirect"
    accessory = "accessory"
    retail_packaging = "retail_packaging"
    shipping_packing = "shipping_packing"


class TextileRole(StrEnum):
    """What a textile material is used as, where a chapter rule of chapters 61-63 names
    materials by their use rather than their code."""

    sewing_thread = "sewing_thread"
    pocket_bag = "pocket_bag"


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
    transaction_value: ValueBase | None = Field(
        default=None,
        description=(
            "Transaction value of the good adjusted to exclude international shipment "
            "(price at the point of direct shipment), per USMCA Art. 4.5."
        ),
    )
    net_cost: ValueBase | None = Field(
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
    production_date: InputDate | None = Field(default=None, description="Date of production.")
    shipment_date: InputDate | None = Field(default=None, description="Date of shipment.")
    wholly_obtained_basis: str | None = Field(
        default=None,
        description=(
            "If the good is wholly obtained or produced (criterion A), the Art. 4.3 category "
            "relied on, e.g. '4.3(a) mineral extracted in Mexico'. Criterion A cannot be "
            "derived from a BOM: it is a declared fact."
        ),
    )
    weight_kg: Number | None = Field(
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
    used_in: HsCode | None = Field(
        default=None,
        description="The HS code of the good this good will be used to produce, where a rule "
        "depends on it (the 8473.50 provision: the RVC alternative is not for parts used in "
        "goods of 8469.00 or heading 8471).",
    )
    gri3_set: bool = Field(
        default=False,
        description="The good is classified as a set under GRI 3 (Art. 4.17): each BOM line is a "
        "good in the set, decided as a good of its own where the file lists it as a good.",
    )
    sales_promotion_costs: Money | None = Field(
        default=None,
        description="Sales promotion, marketing and after-sales service costs included in "
        "total_cost (excluded from net cost, Art. 4.5).",
    )
    royalties: Money | None = Field(
        default=None, description="Royalties included in total_cost (excluded from net cost)."
    )
    shipping_packing_costs: Money | None = Field(
        default=None,
        description="Shipping and packing costs included in total_cost (excluded from net cost).",
    )
    non_allowable_interest: Money | None = Field(
        default=None,
        description="Interest costs included in total_cost on debt more than 700 basis points "
        "above the federal government rate for comparable maturities (excluded from net cost; "
        "SOR/2020-155 Schedule 9).",
    )
    row: int | None = Field(
        default=None,
        description="Row of the good in its source file (the goods table, or the part_number "
        "line of a single-file BOM); set by the loader, for findings to point at.",
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

    @model_validator(mode="after")
    def _net_cost_parts(self) -> Good:
        if not any(getattr(self, name) is not None for name in EXCLUDED_COSTS):
            return self
        if self.total_cost is None:
            raise ValueError(
                "excluded costs are given: give total_cost too, so that net cost = total cost "
                "minus excluded costs (Art. 4.5)"
            )
        computed = self.total_cost - self.excluded_costs
        if computed < 0:
            raise ValueError(f"excluded costs exceed total_cost {self.total_cost}")
        if self.net_cost is not None and abs(self.net_cost - computed) > Decimal("0.01"):
            raise ValueError(
                f"net_cost {self.net_cost} differs from total_cost minus excluded costs "
                f"= {computed}"
            )
        return self

    @property
    def excluded_costs(self) -> Decimal:
        return sum((getattr(self, name) or Decimal(0) for name in EXCLUDED_COSTS), Decimal(0))

    @property
    def net_cost_from_parts(self) -> bool:
        """Net cost is computed here from total cost (no net_cost given, excluded costs given)."""
        return self.net_cost is None and any(
            getattr(self, name) is not None for name in EXCLUDED_COSTS
        )

    @property
    def valuation_date(self) -> dt.date | None:
        return self.shipment_date or self.production_date


EXCLUDED_COSTS = (
    "sales_promotion_costs",
    "royalties",
    "shipping_packing_costs",
    "non_allowable_interest",
)
"""The Good fields whose sum is subtracted from total cost to give net cost (Art. 4.5)."""

VALUE_DEDUCTIONS = ("freight_insurance_packing", "duties_taxes_brokerage", "waste_spoilage")
"""The BomLine fields a non-originating material's value may be reduced by (Art. 4.7)."""

_NON_ORIGINATING_ONLY = (*VALUE_DEDUCTIONS, "regional_value")


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
    weight_kg: Number | None = Field(
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
    textile_role: TextileRole | None = Field(
        default=None,
        description="What the material is used as in an apparel or made-up textile good "
        "(chapters 61-63): sewing_thread or pocket_bag, which the chapter rules require to be "
        "formed and finished in the territory.",
    )
    formed_and_finished: bool | None = Field(
        default=None,
        description="The material was both formed and finished in the territory of one or "
        "more USMCA countries (chapter rules of chapters 61-63: sewing thread, pocket bag "
        "fabric (from yarn wholly formed there), fabrics of 5806.20 or 6002 (formed from yarn "
        "and finished there), fabrics used to make fabrics of heading 5903).",
    )
    wholly_obtained: bool | None = Field(
        default=None,
        description="The material was wholly obtained or produced entirely in the territory "
        "of one or more USMCA countries (e.g. the fresh fruit of chapter 20 rule 1 and of the "
        "2008.19-2008.99 subheading rule).",
    )
    provided_as_part: bool = Field(
        default=False,
        description=(
            "The material is provided for as a part of the good under the HTS (criterion D, "
            "Art. 4.2(d)): a part classified in the good's own subheading (or undivided heading). "
            "Criterion D is considered only for materials so declared."
        ),
    )
    material_type: MaterialType = Field(
        default=MaterialType.direct,
        description="direct (default), indirect (Art. 4.9: used in production, not "
        "incorporated; originating wherever made), accessory (Art. 4.14: accessories, spare "
        "parts, tools, instructional or other information materials delivered with the good), "
        "retail_packaging (Art. 4.15) or shipping_packing (Art. 4.16: disregarded).",
    )
    classified_with_good: bool | None = Field(
        default=None,
        description="Accessories and retail packaging: classified with the good (Art. 4.14, "
        "4.15). Needed to disregard them in the tariff shift.",
    )
    invoiced_separately: bool | None = Field(
        default=None,
        description="Accessories: invoiced separately from the good (Art. 4.14 requires not).",
    )
    customary: bool | None = Field(
        default=None,
        description="Accessories: their type, quantity and value are customary for the good "
        "within its industry (Art. 4.14).",
    )
    intermediate: bool = Field(
        default=False,
        description="A self-produced sub-assembly (a line with child lines) designated as an "
        "intermediate material (Art. 4.8): decided under its own rule; if originating, its "
        "non-originating inputs leave the good's VNM.",
    )
    net_cost: Money | None = Field(
        default=None,
        description="A designated intermediate material's own net cost, for its RVC (its value "
        "is its total cost, SOR/2020-155 s. 8(8)).",
    )
    production_steps: list[str] = Field(
        default_factory=list,
        description="A designated intermediate material's own production steps (in a table, "
        "separated by ';'), for a rule that asks for a process (GN 11(n)).",
    )
    regional_value: Money | None = Field(
        default=None,
        description="Accumulation (Art. 4.11): the part of a non-originating material's value "
        "that its supplier's statement attributes to production in a Party and to originating "
        "inputs; it leaves VNM (SOR/2020-155 s. 9(2)(b); 19 U.S.C. 4531(d)(4)(B)).",
    )
    regional_value_evidence: str | None = Field(
        default=None,
        description="The supplier's signed statement behind regional_value (SOR s. 9(7)).",
    )
    freight_insurance_packing: Money | None = Field(
        default=None,
        description="Art. 4.7: freight, insurance, packing and other costs of transporting the "
        "material to the producer, included in its value and deductible from it.",
    )
    duties_taxes_brokerage: Money | None = Field(
        default=None,
        description="Art. 4.7: non-recoverable duties and taxes paid in a Party and customs "
        "brokerage fees on the material, included in its value and deductible from it.",
    )
    waste_spoilage: Money | None = Field(
        default=None,
        description="Art. 4.7: cost of waste and spoilage of the material, net of reusable "
        "scrap or by-product, deductible from its value.",
    )
    deductions_evidence: str | None = Field(
        default=None,
        description="Documents behind the Art. 4.7 deductions; without them no deduction is "
        "made (SOR/2020-155 s. 8(3)).",
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

    @model_validator(mode="after")
    def _non_originating_only(self) -> BomLine:
        if self._plain_line():
            return self
        originating = self.origin_status is OriginStatus.originating
        given = [n for n in _NON_ORIGINATING_ONLY if getattr(self, n) is not None]
        if given and originating:
            raise ValueError(
                f"{', '.join(given)} {'applies' if len(given) == 1 else 'apply'} only to a "
                "non-originating material (Art. 4.7, 4.11)"
            )
        if self.regional_value is not None:
            if not self.regional_value_evidence:
                raise ValueError(
                    "regional_value needs regional_value_evidence: the supplier's statement "
                    "(SOR/2020-155 s. 9(7))"
                )
            if self.regional_value > self.value:
                raise ValueError(
                    f"regional_value {self.regional_value} exceeds the material's value "
                    f"{self.value}"
                )
        for name in ("net_cost", "production_steps"):
            if getattr(self, name) and not self.intermediate:
                raise ValueError(f"{name} on a BOM line is read only for a designated intermediate")
        return self

    def _plain_line(self) -> bool:
        """No field that :meth:`_non_originating_only` restricts is given: most lines, and
        pydantic runs the check again whenever a line is put into another model."""
        return (
            self.regional_value is None
            and self.freight_insurance_packing is None
            and self.duties_taxes_brokerage is None
            and self.waste_spoilage is None
            and not self.net_cost
            and not self.production_steps
        )

    @property
    def value(self) -> Decimal:
        if self.extended_value is not None:
            return self.extended_value
        assert self.unit_value is not None
        return self.unit_value * self.quantity

    @property
    def indirect(self) -> bool:
        return self.material_type is MaterialType.indirect

    @property
    def incorporated(self) -> bool:
        """Part of the good as delivered: not an indirect material (Art. 4.9) and not packing
        for shipment (Art. 4.16). Content shares and value tests weigh only these."""
        return self.material_type not in (MaterialType.indirect, MaterialType.shipping_packing)

    @property
    def counts_as_originating(self) -> bool:
        """Only a claimed-originating or indirect material is originating; unknown is not,
        and a fungible material only as far as its stock records show (Art. 4.13)."""
        return self.indirect or self.origin_status is OriginStatus.originating
