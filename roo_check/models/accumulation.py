"""A supplier's own bill of materials for a material it sold to the producer (Art. 4.11).

Under accumulation the production of several producers in the Parties counts as one: a
non-originating material bought from a producer in a Party is traced through its supplier's
BOM, so that the supplier's non-originating inputs, not the purchased material, face the
tariff shift and count in VNM. The law asks for the supplier's signed statement of the tariff
classification of those inputs and that the production took place entirely in the Parties
(SOR/2020-155 s. 9(7)(a)(ii)).
"""

from __future__ import annotations

from pydantic import Field

from roo_check.models.common import Country, Currency, NonEmpty, Strict
from roo_check.models.goods import BomLine


class SupplierBom(Strict):
    """One purchased material broken down into the inputs its supplier used."""

    material: NonEmpty = Field(description="Part number of the purchased material in bom.csv.")
    good_part_number: str | None = Field(
        default=None,
        description="The good whose BOM line it breaks down, when the material appears in the "
        "BOM of several goods and this statement covers only one.",
    )
    supplier: NonEmpty = Field(description="The producer of the material.")
    country_of_production: Country = Field(description="Where the supplier produced it.")
    currency: Currency = Field(description="Currency of the values (the good's currency).")
    evidence: NonEmpty = Field(
        description="The supplier's signed statement (SOR/2020-155 s. 9(7)(a)).",
    )
    lines: list[BomLine] = Field(min_length=1, description="The supplier's inputs, per unit.")
    source: str = Field(default="", description="The file read.")
