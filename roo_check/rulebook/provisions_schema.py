"""The provisions beside the product-specific rules (schema version 1): what each chapter,
heading and subheading rule of GN 11(o) (USMCA Annex 4-B, Section B notes) does to a decision.

GN 11 prints, beside the rules, provisions that change how a rule is applied: the rule applies
only to the component that determines classification (chapters 61-63), some materials must be
formed and finished in the territory, de minimis does or does not reach certain materials, some
materials are disregarded, a system's units are decided one by one. The PSR files keep their
words in ``chapter_notes``; this file says, for every one of them, what the engine does with it
(its ``effect``), so that none is stored as text alone. ``rules lint`` fails on a chapter note
without an entry here, and prints the inventory.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, model_validator

from roo_check.models.goods import TextileRole
from roo_check.rulebook.schema import (
    USMCA_ENTRY_INTO_FORCE,
    Codes,
    RuleDate,
    RuleModel,
)


class ProvisionBase(RuleModel):
    id: str = Field(
        pattern=r"^(CN-[0-9]+-[A-Z]?[0-9]+|GN11-[a-z]+(-[a-z]+)*(-[A-Z])?|TN-[0-9.\-]+)$",
        description="The chapter note id of the PSR file (CN-61-1, GN11-n-iv-H), or TN-<code> "
        "for a provision a transcription note reports.",
    )
    title: str = Field(min_length=1, description="What the provision does, in a few words.")
    citation: str = Field(min_length=1)
    text: str | None = Field(
        default=None,
        description="The legal words, verbatim, for a provision the PSR files do not carry as "
        "a chapter note (TN-...); a chapter note's words stay in its PSR file.",
    )
    goods: Codes = Field(default=(), description="The goods the provision governs.")
    except_goods: Codes = Field(default=(), description="Goods the provision itself leaves out.")
    not_for_rules: list[str] = Field(
        default_factory=list,
        description="Rules whose own text exempts their goods ('such goods will not be subject "
        "to chapter rules 2 through 4 of this chapter').",
    )
    effective_from: RuleDate = Field(default=USMCA_ENTRY_INTO_FORCE)
    effective_to: RuleDate | None = None
    reading: str | None = Field(
        default=None, description="How roo-check reads words the text leaves open, and why."
    )

    @model_validator(mode="after")
    def _text_for_reported(self) -> ProvisionBase:
        if self.id.startswith("TN-") and not self.text:
            raise ValueError("a provision reported by a transcription note needs its text")
        return self

    def in_force(self, on: dt.date) -> bool:
        return self.effective_from <= on and (self.effective_to is None or on < self.effective_to)


class ClassifyingComponent(ProvisionBase):
    """'the rule applicable to that good shall only apply to the component that determines the
    tariff classification of the good' (chapters 61-63, rule 1 or 2)."""

    effect: Literal["classifying_component"]


class TerritorialMaterials(ProvisionBase):
    """'shall be considered originating only if such <materials> are formed and finished in
    the territory' / 'wholly obtained or produced entirely in the territory'."""

    effect: Literal["territorial_materials"]
    materials: Codes = Field(default=(), description="The materials it names by code.")
    role: TextileRole | None = Field(
        default=None, description="The materials it names by use (sewing thread, pocket bag)."
    )
    role_codes: Codes = Field(
        default=(),
        description="Materials of these codes count only when the BOM line states the role "
        "('yarn of heading 5402 used as sewing thread').",
    )
    material_kinds: list[str] = Field(
        default_factory=list,
        description="Materials of ``kind_codes`` count when of these kinds (product_kind), e.g. "
        "peaches, pears, apricots.",
    )
    kind_codes: Codes = Field(
        default=(),
        description="Codes whose materials count only by kind; unstated kind: undecided.",
    )
    requirement: Literal["formed_and_finished", "wholly_obtained"]
    originating_suffices: bool = Field(
        default=False,
        description="A material claimed originating meets the requirement unless the BOM line "
        "says otherwise (see the provision's reading for why the law allows that inference).",
    )
    only_if_materials: Codes = Field(
        default=(),
        description="Only for goods containing materials of these codes (apparel of blue "
        "denim fabric).",
    )
    unless_materials: Codes = Field(
        default=(), description="Not for goods containing materials of these codes."
    )
    qualified_except_goods: Codes = Field(
        default=(),
        description="Goods left out unless of one of ``unless_kinds`` ('goods of subheading "
        "6307.90 that are not surgical drapes or national flags').",
    )
    unless_kinds: list[str] = Field(default_factory=list)
    only_if_steps: list[str] = Field(
        default_factory=list,
        description="The provision applies only to goods prepared merely by these steps "
        "(chapter 20 rule 1: freezing, packing, roasting).",
    )

    @model_validator(mode="after")
    def _names_materials(self) -> TerritorialMaterials:
        if not self.materials and self.role is None:
            raise ValueError("territorial_materials needs materials or a role")
        return self


class DeMinimisPair(RuleModel):
    """Non-originating materials of ``materials`` (of ``material_kinds`` when named) used in
    the production of goods of ``goods`` (of ``good_kinds`` when named)."""

    materials: Codes = Field(min_length=1)
    material_kinds: list[str] = Field(default_factory=list)
    goods: Codes = Field(min_length=1)
    good_kinds: list[str] = Field(default_factory=list)


class DeMinimisProvision(ProvisionBase):
    """'Notwithstanding subdivision (e)(ii), subdivision (e)(i) applies (does not apply) to
    nonoriginating <materials> used in the production of <goods>': (e)(i) is de minimis,
    (e)(ii) keeps it from materials of the good's own subheading in chapters 1-27."""

    effect: Literal["de_minimis"]
    de_minimis: Literal["applies", "does_not_apply"]
    pairs: list[DeMinimisPair] = Field(min_length=1)


class Disregard(ProvisionBase):
    """Materials whose origin is disregarded in determining the origin of the goods."""

    effect: Literal["disregard"]
    materials: Codes = Field(min_length=1)
    material_kinds: list[str] = Field(
        default_factory=list, description="Only materials of these kinds (fry, smolts, ...)."
    )
    not_materials: Codes = Field(
        default=(), description="Materials of these codes are never disregarded."
    )
    not_kinds: list[str] = Field(
        default_factory=list,
        description="Not disregarded when the material is of one of these kinds (lyocell, ...).",
    )
    sure_materials: Codes = Field(
        default=(),
        description="Codes that settle the kind on their own (viscose rayon is not lyocell).",
    )
    condition: str | None = Field(
        default=None,
        description="A further condition the input cannot show: such materials leave the "
        "decision open when it turns on them.",
    )


class Units(ProvisionBase):
    """'the origin of each unit presented within a system shall be determined ... as if it
    were presented separately' (chapter 84 rules 2 and 6)."""

    effect: Literal["units"]


class RuleAs(ProvisionBase):
    """'The origin of a television combination unit shall be determined in accordance with the
    rule that would be applicable to such unit if it were solely a television receiver'."""

    effect: Literal["rule_as"]
    good_kinds: list[str] = Field(min_length=1)
    rule_for: str = Field(description="The HS2022 code whose rule governs such goods.")


class RvcNotForUseIn(ProvisionBase):
    """'the alternative rule containing a regional value content requirement does not apply to
    a part ... used in the production of a good of <codes>'."""

    effect: Literal["rvc_not_for_use_in"]
    used_in: Codes = Field(min_length=1)


class Separation(ProvisionBase):
    """GN 11(n)(iv)(H): a change in classification that results from separating materials
    from a man-made mixture confers origin only if the isolated material underwent a chemical
    reaction in the territory."""

    effect: Literal["separation"]
    unless_process: str = Field(min_length=1)
    steps: list[str] = Field(
        min_length=1, description="Production steps that separate materials from a mixture."
    )


class AppliedBy(ProvisionBase):
    """A provision the rule set carries as rules of their own (GN 11(n) general rules, a
    chapter rule written as a general rule, a Chapter 4 article)."""

    effect: Literal["applied_by"]
    by: list[str] = Field(min_length=1, description="The ids of the rules that apply it.")


class Definition(ProvisionBase):
    """A definition of words the rules use: the input states whether the good (or material,
    or step) is such a thing, and ``rules explain`` shows the definition."""

    effect: Literal["definition"]
    terms: list[str] = Field(min_length=1)
    datum: Literal["product_kind", "production_steps", "tariff_item"] = Field(
        description="What the input states that the definition decides."
    )


class AutomotiveUnderscore(ProvisionBase):
    """'whenever the subdivision designation is underscored, the provisions of subdivision
    (k) of this note may apply to goods for use in a motor vehicle of chapter 87': the
    automotive appendix (GN 11(k)) for goods whose end use is a motor vehicle."""

    effect: Literal["automotive"]


Provision = Annotated[
    ClassifyingComponent
    | TerritorialMaterials
    | DeMinimisProvision
    | Disregard
    | Units
    | RuleAs
    | RvcNotForUseIn
    | Separation
    | AppliedBy
    | Definition
    | AutomotiveUnderscore,
    Field(discriminator="effect"),
]


class ProvisionsFile(RuleModel):
    """What the engine does with each provision printed beside the product-specific rules."""

    schema_version: Literal[1]
    kind: Literal["rule_provisions"]
    provisions: list[Provision] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> ProvisionsFile:
        seen: set[str] = set()
        for provision in self.provisions:
            if provision.id in seen:
                raise ValueError(f"duplicate provision id {provision.id}")
            seen.add(provision.id)
        return self
