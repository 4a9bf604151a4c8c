"""The rule schema (version 1): what a file in ``rules/`` may say, and nothing else.

Every model forbids unknown keys, so a typo in a rule file stops the run instead of
silently weakening a rule (rules fail closed). The notation follows the law's own
words: ``from_any_other: heading`` is "a change ... from any other heading",
``except`` lists what "except from" excludes, ``rvc`` holds the percentages "where the
transaction value method is used" / "where the net cost method is used".
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PrivateAttr,
    model_validator,
)

from roo_check.hs.codes import CodeRange, Level
from roo_check.models.common import input_date
from roo_check.models.goods import EndUse
from roo_check.money import to_decimal

SCHEMA_VERSION = 1
USMCA_ENTRY_INTO_FORCE = dt.date(2020, 7, 1)


RuleDate = Annotated[dt.date, AfterValidator(input_date)]
"""A date of a rule file, in the range every input date keeps (``roo_check.limits``): a rule
ending in year 1 or 9999 would make the day-before or month arithmetic of explanations fail."""


class RuleModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


def _parse_codes(value: object) -> tuple[CodeRange, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple):
        raise ValueError("expected a list of HS codes or ranges such as '8413.50-8413.60'")
    return tuple(v if isinstance(v, CodeRange) else CodeRange.parse(str(v)) for v in value)


Codes = Annotated[
    tuple[CodeRange, ...],
    BeforeValidator(_parse_codes),
    PlainSerializer(lambda v: [str(r) for r in v], return_type=list[str]),
]

Percent = Annotated[
    Decimal,
    BeforeValidator(to_decimal),
    Field(ge=0, le=100),
    PlainSerializer(lambda v: str(v), return_type=str),
]


class Rvc(RuleModel):
    """A regional value content requirement; a method missing here is not allowed by the rule."""

    transaction_value: Percent | None = Field(
        default=None, description="Minimum RVC (%) under the transaction value method."
    )
    net_cost: Percent | None = Field(
        default=None, description="Minimum RVC (%) under the net cost method."
    )

    @model_validator(mode="after")
    def _one_method(self) -> Rvc:
        if self.transaction_value is None and self.net_cost is None:
            raise ValueError("an rvc requirement needs transaction_value or net_cost")
        return self


class GoodRef(RuleModel):
    """A kind of good named in words by the law, optionally tied to the codes it falls in."""

    kind: str = Field(min_length=1, description="The words of the law, e.g. 'split-systems'.")
    codes: Codes = Field(default=(), description="Where such goods are classified, if stated.")


class ExceptMoreThanOne(RuleModel):
    """'except from more than one of the following: (A) ..., (B) ...'."""

    groups: list[Codes] = Field(min_length=2)


class Shift(RuleModel):
    """A change in tariff classification every non-originating material must undergo.

    A material passes when it is in ``from`` (a source the rule names) or it satisfies
    ``from_any_other`` (outside the good's own chapter/heading/subheading/tariff item, or
    outside the rule's group when ``outside_group``), and it is not excluded by ``except``.
    """

    from_any_other: Level | None = Field(
        default=None, description="'from any other <level>' (or 'any <level> outside that group')."
    )
    outside_group: bool = Field(
        default=False, description="'outside that group': the whole provision range is excluded."
    )
    within_good: bool = Field(
        default=False,
        description=(
            "'from any other good within that subheading': a material of the good's own code "
            "passes if it is a different good (decided from the BOM line's product_kind)."
        ),
    )
    from_: Codes = Field(default=(), alias="from", description="Named sources that are allowed.")
    from_goods: list[GoodRef] = Field(
        default_factory=list, description="Named sources described in words (e.g. 'parts thereof')."
    )
    except_: Codes = Field(
        default=(), alias="except", description="Sources excluded ('except from')."
    )
    except_goods: list[GoodRef] = Field(
        default_factory=list, description="Excluded sources described in words."
    )
    except_more_than_one_of: ExceptMoreThanOne | None = Field(
        default=None, description="Excluded when materials come from more than one listed group."
    )

    @model_validator(mode="after")
    def _says_something(self) -> Shift:
        if self.from_any_other is None and not self.from_ and not self.from_goods:
            raise ValueError("a shift needs from_any_other, from or from_goods")
        if self.outside_group and self.from_any_other is None:
            raise ValueError("outside_group needs from_any_other")
        return self


class WeightRequirement(RuleModel):
    """A share by weight of some materials that must be originating (e.g. steel of 72.08-72.29)."""

    materials: Codes = Field(min_length=1, description="The materials the share is taken over.")
    min_originating_percent: Percent


class Alternative(RuleModel):
    """One lettered alternative of a rule; a good meets the rule by meeting any one of them."""

    label: str = Field(min_length=1, description="The letter as printed: A, B, (a), ...")
    good: str | None = Field(
        default=None,
        description="Only for goods of this kind ('water-jet cutting machinery').",
    )
    other_goods: bool = Field(
        default=False, description="'any other good of ...': goods not of a kind named elsewhere."
    )
    shift: Shift | None = Field(
        default=None, description="Required change; absent means no change in classification."
    )
    rvc: Rvc | None = Field(default=None, description="Regional value content required.")
    only_for: Codes = Field(
        default=(),
        description="Only for goods of these codes within the rule ('only for a "
        "good of subheading 7108.12').",
    )
    not_for: Codes = Field(
        default=(),
        description="Not for goods of these codes ('except for a good of subheading 2916.32').",
    )
    process: list[str] = Field(
        default_factory=list,
        description="Processes of which one must have taken place in the territory "
        "(e.g. 'chemical reaction', 'purification'): met when a step of the good's "
        "production_steps is one of them, read through the process vocabulary "
        "(rules/usmca/processes.yaml).",
    )
    weight_requirement: WeightRequirement | None = Field(
        default=None,
        description="'provided that at least N percent by weight of the materials of ... is "
        "originating'.",
    )
    component_codes: Codes = Field(
        default=(),
        description="The conditions concern the fabric of the outer shell, which they list by "
        "subheading: when the BOM lines marked classifying_component are not all of these "
        "codes the alternative is not met (its other words are left to the conditions).",
    )
    conditions: list[str] = Field(
        default_factory=list,
        description="Further conditions in the law's words that the engine cannot compute; "
        "an alternative with conditions is never passed without the data to decide them.",
    )
    text: str = Field(min_length=1, description="The alternative's own words.")

    @model_validator(mode="after")
    def _requires_something(self) -> Alternative:
        if self.shift is None and self.rvc is None and not self.conditions and not self.process:
            # "No change in tariff classification to a good of ..." alone (e.g. 8541-8542).
            return self
        if self.good is not None and self.other_goods:
            raise ValueError(
                "an alternative is for a named kind of good or for other goods, not both"
            )
        return self


class ProductRule(RuleModel):
    """A product-specific rule of origin (Annex 4-B / GN 11(o)) for one provision."""

    id: str = Field(pattern=r"^PSR-[0-9.\-]+(-[A-Z0-9]+)*$", description="Stable rule id.")
    provision: str = Field(description="The provision as printed, e.g. '8402.11-8402.20'.")
    scope: Codes = Field(min_length=1, description="The HS codes the rule governs.")
    end_use: list[EndUse] | None = Field(
        default=None,
        description="Only for goods for use in these vehicles; [other] = 'for any other good'.",
    )
    good: str | None = Field(
        default=None, description="Only for goods of this kind ('For a body stamping ...')."
    )
    trade: list[str] | None = Field(
        default=None,
        description="Only for goods produced in these Parties, for the rules GN 11 writes "
        "'for the purposes of trade between the territory of Canada and the territory of the "
        "United States' (the importing Party is always the US in GN 11): e.g. [CA].",
    )
    effective_from: RuleDate = Field(default=USMCA_ENTRY_INTO_FORCE)
    effective_to: RuleDate | None = Field(
        default=None, description="First day the rule no longer applies (exclusive)."
    )
    citation: str = Field(min_length=1)
    text: str = Field(min_length=1, description="The legal text the rule was made from, verbatim.")
    alternatives: list[Alternative] = Field(min_length=1)
    notes: list[str] = Field(
        default_factory=list, description="Transcription notes ([sic], gaps) and reviewer notes."
    )

    @model_validator(mode="after")
    def _dates(self) -> ProductRule:
        if self.effective_to is not None and self.effective_to <= self.effective_from:
            raise ValueError("effective_to must be after effective_from")
        return self

    def in_force(self, on: dt.date) -> bool:
        return self.effective_from <= on and (self.effective_to is None or on < self.effective_to)

    @property
    def specificity(self) -> int:
        """Digits of the narrowest code in scope: a tariff-item rule beats a subheading rule."""
        return max(r.digits for r in self.scope)


class GeneralRule(RuleModel):
    """A chapter-level general rule (GN 11(n)): an extra way to qualify for every good in scope.

    Its alternatives are added, as further 'or' alternatives, to the product-specific rule of
    each good of its scope (minus ``except``); a general rule that restricts rather than
    permits carries its words in ``conditions`` of an alternative.
    """

    id: str = Field(pattern=r"^GEN-[0-9A-Z.\-]+$")
    scope: Codes = Field(min_length=1)
    except_: Codes = Field(default=(), alias="except")
    effective_from: RuleDate = Field(default=USMCA_ENTRY_INTO_FORCE)
    effective_to: RuleDate | None = None
    citation: str = Field(min_length=1)
    text: str = Field(min_length=1)
    alternatives: list[Alternative] = Field(min_length=1)

    def in_force(self, on: dt.date) -> bool:
        return self.effective_from <= on and (self.effective_to is None or on < self.effective_to)


class Source(RuleModel):
    document: str = Field(description="The legal instrument transcribed.")
    edition: str = Field(description="Revision or edition of that instrument.")
    hs_edition: Literal["HS2017", "HS2022"]
    transcription: str = Field(description="Where the text came from and how it was checked.")
    verified: bool = Field(description="Whether the text was checked against the official print.")


class ChapterNote(RuleModel):
    id: str
    text: str


class PsrFile(RuleModel):
    """One rule file of product-specific rules, one chapter."""

    schema_version: Literal[1]
    kind: Literal["product_specific_rules"]
    chapter: int = Field(ge=1, le=97, description="The (first) chapter of the file.")
    chapters: list[int] = Field(
        default_factory=list, description="All chapters a chapter-group file covers."
    )
    title: str
    citation: str
    source: Source
    chapter_notes: list[ChapterNote] = Field(default_factory=list)
    general_rules: list[GeneralRule] = Field(default_factory=list)
    rules: list[ProductRule] = Field(min_length=1)


class DeMinimisRule(RuleModel):
    """Art. 4.12: materials that fail the shift are forgiven up to a share of the good's value."""

    id: str
    name: str
    citation: str
    text: str
    effective_from: RuleDate = Field(default=USMCA_ENTRY_INTO_FORCE)
    effective_to: RuleDate | None = None
    max_percent: Percent
    bases: list[Literal["transaction_value", "total_cost"]] = Field(min_length=1)
    not_by_value: Codes = Field(
        default=(), description="Goods whose de minimis is measured by weight, not value."
    )
    different_subheading_chapters: Codes = Field(
        default=(),
        description="Goods of these chapters: de minimis materials must be of another subheading.",
    )
    exclusions: list[DeMinimisExclusion] = Field(
        default_factory=list,
        description="Annex 4-A: material/good pairs never saved by de minimis.",
    )
    by_weight: list[WeightDeMinimis] = Field(
        default_factory=list, description="Textile and apparel goods: de minimis by weight."
    )
    same_subheading_allowed: list[DeMinimisExclusion] = Field(
        default_factory=list,
        description="Material/good pairs de minimis reaches although they share a subheading "
        "(the GN 11(o) subheading rules 'subdivision (e)(i) applies to ...'); filled from the "
        "rule provisions for the good being decided.",
    )


class WeightDeMinimis(RuleModel):
    """Textile de minimis by weight (19 U.S.C. 4531(f)(4); USMCA Art. 6.1)."""

    id: str
    citation: str
    text: str
    goods: Codes = Field(min_length=1)
    measure: Literal["good", "classifying_component"] = Field(
        description="Weight of the whole good (chapters 50-60, 9619) or of the component that "
        "determines classification (chapters 61-63)."
    )
    max_percent: Percent
    elastomeric_max_percent: Percent


class DeMinimisExclusion(RuleModel):
    """A material/good pair the law keeps out of de minimis (19 U.S.C. 4531(f)(2))."""

    id: str
    materials: Codes
    goods: Codes
    qualifier: str | None = Field(
        default=None,
        description="Words narrowing the pair (e.g. 'over 10 percent by dry weight of milk "
        "solids') that codes cannot decide: a matching pair then gives 'cannot decide'.",
    )
    material_kinds: list[str] = Field(
        default_factory=list,
        description="Only materials of these kinds (product_kind): 'truffles' of 0709.59.",
    )
    good_kinds: list[str] = Field(
        default_factory=list, description="Only goods of these kinds: 'mixtures of flours'."
    )
    text: str


class OriginatingGoods(RuleModel):
    """Art. 4.2 itself: the criteria a good may originate under. A good's finding cites it
    when no product-specific rule decided the good (production outside the Parties, no rule
    for the code), so the id a report names is one ``rules explain`` answers to."""

    id: str
    citation: str
    text: str


class CriterionD(RuleModel):
    """Art. 4.2(d): the RVC-only route for goods whose parts share the good's subheading."""

    id: str
    citation: str
    text: str
    rvc: Rvc
    excluded_chapters: Codes


class CriteriaFile(RuleModel):
    schema_version: Literal[1]
    kind: Literal["origin_criteria"]
    parties: list[str] = Field(min_length=1, description="USMCA Parties (ISO 3166 alpha-2).")
    de_minimis: list[DeMinimisRule] = Field(min_length=1)
    originating_goods: OriginatingGoods
    criterion_d: CriterionD


class FlagRule(RuleModel):
    """A risk flag: a pattern that does not decide origin but that an analyst must look at."""

    id: str = Field(pattern=r"^[A-Z]+[0-9]{3}$", description="Stable id, e.g. TRANS001.")
    name: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", description="Kebab-case name.")
    check: str = Field(description="Which evaluator computes it (see roo_check.engine.flags).")
    severity: Literal["error", "warning", "info"]
    summary: str = Field(min_length=1, description="One line, shown by `rules list`.")
    citation: str = Field(min_length=1, description="The law, or the guidance, behind the flag.")
    rationale: str = Field(min_length=1, description="Why an auditor should care, in a paragraph.")
    effective_from: RuleDate = Field(default=USMCA_ENTRY_INTO_FORCE)
    effective_to: RuleDate | None = None
    enabled: bool = True
    params: dict[str, object] = Field(default_factory=dict)
    _configured: tuple[str, tuple[str, ...]] | None = PrivateAttr(default=None)
    """(configuration file name, keys it set): only :func:`configured` sets it, so a rule
    file can never claim that a threshold was set by the company."""

    def configured(self, file: str, keys: tuple[str, ...]) -> FlagRule:
        """This flag as the configuration ``file`` changed it (``keys``: what it set)."""
        if not keys:
            return self
        self._configured = (file, keys)
        return self

    @property
    def configured_by(self) -> tuple[str, tuple[str, ...]] | None:
        """Which configuration file set which of this flag's settings, if any did."""
        return self._configured

    @model_validator(mode="after")
    def _known_check(self) -> FlagRule:
        from roo_check.rulebook.flag_params import CHECK_PARAMS

        model = CHECK_PARAMS.get(self.check)
        if model is None:
            raise ValueError(
                f"unknown check {self.check!r} (known: {', '.join(sorted(CHECK_PARAMS))})"
            )
        model.model_validate(self.params)
        return self

    def typed_params(self):
        from roo_check.rulebook.flag_params import CHECK_PARAMS

        return CHECK_PARAMS[self.check].model_validate(self.params)

    def in_force(self, on: dt.date) -> bool:
        return self.effective_from <= on and (self.effective_to is None or on < self.effective_to)


class RiskFile(RuleModel):
    """One file of risk flags on one topic."""

    schema_version: Literal[1]
    kind: Literal["risk_flags"]
    topic: str
    rules: list[FlagRule] = Field(min_length=1)


DeMinimisRule.model_rebuild()
