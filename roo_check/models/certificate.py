"""A USMCA certification of origin: the minimum data elements of Annex 5-A."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from roo_check.models.common import InputDate, KnownHs6, NonEmpty, Party, Strict


class CertifierRole(StrEnum):
    importer = "importer"
    exporter = "exporter"
    producer = "producer"


class OriginCriterion(StrEnum):
    """USMCA Art. 4.2 (a)-(d), the codes used on the certification."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"


class CertifiedGood(Strict):
    """Data element 6 and 7: one good as described on the certification."""

    description: NonEmpty = Field(description="Description precise enough to tie to the invoice.")
    hs_code: KnownHs6 = Field(
        description="HS classification to 6 digits; it must exist in an HS edition."
    )
    origin_criterion: OriginCriterion = Field(description="Origin criterion claimed (A-D).")
    part_number: str | None = Field(
        default=None, description="Part number, to tie the certified good to the BOM."
    )


class BlanketPeriod(Strict):
    """Data element 8: the period a blanket certification covers (at most 12 months)."""

    start: InputDate = Field(description="First day covered.")
    end: InputDate = Field(description="Last day covered.")


class Signature(Strict):
    """Data element 9: authorized signature and date."""

    name: NonEmpty = Field(description="Name of the person who signed.")
    date: InputDate = Field(description="Date of signature.")
    signed: bool = Field(
        default=True, description="Whether the certification bears a signature (or e-signature)."
    )


class Certificate(Strict):
    """USMCA certification of origin (Art. 5.2, Annex 5-A)."""

    certifier_role: CertifierRole = Field(description="Data element 1: who certifies.")
    certifier: Party = Field(description="Data element 2: the certifier's details.")
    exporter: Party | None = Field(
        default=None, description="Data element 3: the exporter, if different from the certifier."
    )
    producer: Party | None = Field(
        default=None,
        description="Data element 4: the producer ('Various' or 'Available upon request' allowed).",
    )
    importer: Party | None = Field(default=None, description="Data element 5: the importer.")
    goods: list[CertifiedGood] = Field(
        min_length=1, description="Data elements 6 and 7: goods with HS code and criterion."
    )
    blanket_period: BlanketPeriod | None = Field(
        default=None, description="Data element 8: blanket period, if any."
    )
    signature: Signature = Field(description="Data element 9: authorized signature and date.")
    invoice_number: str | None = Field(
        default=None, description="For a single-shipment certification: the invoice number."
    )
