"""The parameters each kind of risk flag accepts: data a rule file or a company's
configuration sets, validated strictly so a mistyped threshold stops the run.

The engine holds one function per check name (roo_check.engine.flags); this module holds
only what those checks may be told, so the rulebook can validate rule files without
importing the engine.

Every parameter has an upper bound (:mod:`roo_check.limits`): a configured value can neither
push the engine's date arithmetic off the calendar (``max_age_years = 99999999``) nor make a
check absurd (a share above 100 %, more HS chapters than the HS has). Numbers are read by
:func:`roo_check.money.to_decimal`, like every number of the input files.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer

from roo_check.limits import (
    MAX_FLAG_CHAPTERS,
    MAX_FLAG_DAYS,
    MAX_FLAG_MONTHS,
    MAX_FLAG_POINTS,
    MAX_FLAG_YEARS,
)
from roo_check.money import to_decimal

Share = Annotated[
    Decimal,
    BeforeValidator(to_decimal),
    Field(ge=0, le=MAX_FLAG_POINTS),
    PlainSerializer(str, return_type=str),
]
Points = Annotated[
    Decimal,
    BeforeValidator(to_decimal),
    Field(ge=0, le=MAX_FLAG_POINTS),
    PlainSerializer(str, return_type=str),
]
Ratio = Annotated[Decimal, BeforeValidator(to_decimal), Field(ge=0, le=1)]


def _whole(value: object) -> int:
    """A whole number read like every other number (plain digits, no boolean)."""
    number = to_decimal(value)
    if number != number.to_integral_value():
        raise ValueError(f"{number} is not a whole number")
    return int(number)


Whole = Annotated[int, BeforeValidator(_whole)]


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class NoParams(Params):
    pass


class BlanketParams(Params):
    max_months: Whole = Field(
        default=12, ge=1, le=MAX_FLAG_MONTHS, description="Longest blanket period allowed."
    )


class SignatureParams(Params):
    max_age_years: Whole = Field(
        default=4,
        ge=1,
        le=MAX_FLAG_YEARS,
        description="A certification is accepted for this long after signing.",
    )


class PartyMatchParams(Params):
    min_similarity: Ratio = Field(
        default=Decimal("0.85"),
        description="Names whose normalised similarity is below this ratio do not match.",
    )
    legal_suffixes: list[str] = Field(
        default_factory=list,
        description="Company-form words ignored when comparing names (SA de CV, Inc, ...).",
    )


class OperationsParams(Params):
    permitted: list[str] | None = Field(
        default=None,
        min_length=1,
        description="A company's own list of the operations it accepts at a non-Party stop; "
        "by default the Art. 4.18 vocabulary of rules/usmca/chapter-4-articles.yaml, the same "
        "words that decide origin.",
    )


class DwellParams(Params):
    max_days: Whole = Field(
        default=14, ge=0, le=MAX_FLAG_DAYS, description="Days a good may wait in a non-Party."
    )


class DominantMaterialParams(Params):
    min_share: Share = Field(
        default=Decimal(50), description="Share of the good's value that counts as dominant."
    )


class SimpleStepsParams(Params):
    simple_steps: list[str] = Field(
        min_length=1, description="Steps that alone are minimal processing (normalised words)."
    )


class ConversionParams(Params):
    max_share: Share = Field(
        default=Decimal(10),
        description="Value added (TV minus all materials) below this share of TV is flagged.",
    )


class CountryShareParams(Params):
    countries: list[str] = Field(min_length=1, description="Countries of concern (ISO alpha-2).")
    max_share: Share = Field(description="Share of the good's value above which to flag.")


class UnknownShareParams(Params):
    max_share: Share = Field(description="Share of value of unknown origin above which to flag.")


class HuggingParams(Params):
    rvc_margin: Points = Field(
        default=Decimal(5), description="Points above an RVC threshold that count as hugging."
    )
    de_minimis_margin: Points = Field(
        default=Decimal(2), description="Points below the de minimis limit that count as hugging."
    )


class ValueDeviationParams(Params):
    max_deviation: Share = Field(
        default=Decimal(20),
        description="Largest gap between cost-sheet transaction value and invoice unit price (%).",
    )


class ProducerSpreadParams(Params):
    max_chapters: Whole = Field(
        default=3,
        ge=1,
        le=MAX_FLAG_CHAPTERS,
        description="HS chapters one producer may span in a batch before flagging.",
    )


CHECK_PARAMS: dict[str, type[Params]] = {
    # certificate integrity (USMCA Art. 5.2, Annex 5-A)
    "certificate_missing_element": NoParams,
    "certificate_role_consistency": PartyMatchParams,
    "certificate_blanket_period": BlanketParams,
    "certificate_outside_blanket": NoParams,
    "certificate_signature_date": SignatureParams,
    "certificate_hs_mismatch": NoParams,
    "certificate_criterion_contradiction": NoParams,
    "certificate_party_mismatch": PartyMatchParams,
    "certificate_good_not_covered": NoParams,
    # transit and transshipment (Art. 4.18)
    "transshipment_customs_control": NoParams,
    "transshipment_operations": OperationsParams,
    "transshipment_third_country_invoice": NoParams,
    "transshipment_dwell": DwellParams,
    # minimal processing (Art. 4.19 and the PSR)
    "processing_dominant_material": DominantMaterialParams,
    "processing_simple_steps": SimpleStepsParams,
    "processing_low_conversion": ConversionParams,
    # content
    "content_country_share": CountryShareParams,
    "content_country_share_shipment": CountryShareParams,
    "content_unknown_share": UnknownShareParams,
    "content_threshold_hugging": HuggingParams,
    # suppliers' declarations behind originating claims (Art. 5.2, 5.8)
    "evidence_no_evidence": NoParams,
    "evidence_not_found": NoParams,
    "evidence_not_covered": NoParams,
    "evidence_other_supplier": NoParams,
    "evidence_not_in_force": NoParams,
    "evidence_inconsistent": NoParams,
    # economic plausibility
    "plausibility_price_below_cost": NoParams,
    "plausibility_value_deviation": ValueDeviationParams,
    "plausibility_producer_spread": ProducerSpreadParams,
}

BATCH_CHECKS = frozenset({"plausibility_producer_spread"})

GOOD_CHECKS = frozenset(
    {
        "content_country_share",
        "content_unknown_share",
        "content_threshold_hugging",
        "processing_dominant_material",
        "processing_simple_steps",
        "processing_low_conversion",
        "evidence_no_evidence",
        "evidence_not_found",
        "evidence_not_covered",
        "evidence_other_supplier",
        "evidence_not_in_force",
        "evidence_inconsistent",
    }
)
"""Checks that look at one good at a time (its BOM lines and full determination): they run
as each partition of goods is decided, in the worker that decided it (the map step), so the
per-material detail never has to travel back. The other shipment checks look across the
shipment's goods, certificate, invoice and routing, over each good's outcome (the reduce
step); the batch checks across every shipment of the run."""
