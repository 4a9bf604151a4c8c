"""Schema of ``rules/usmca/chapter-4-articles.yaml``: the Chapter 4 articles beside the rules.

The product-specific rule decides criterion B; these articles decide how the materials are
counted (Art. 4.5-4.16) and what can still take origin away (Art. 4.17-4.19). Each article
is a rule of its own (an id, a citation, the statutory text, an effective period) and holds
the legal tables the engine needs as data: the operations Art. 4.18 allows in a non-Party,
the goods its chapter 85 notes exempt, the set threshold of Art. 4.17, the words that state
dilution (Art. 4.19). Unknown keys stop the run (rules fail closed).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from roo_check.rulebook.schema import (
    USMCA_ENTRY_INTO_FORCE,
    Codes,
    Percent,
    RuleDate,
    RuleModel,
)


class Article(RuleModel):
    """One article of Chapter 4 as roo-check applies it."""

    id: str = Field(pattern=r"^ORIG-4\.\d+(-[A-Z0-9.]+)?$", description="Stable id: ORIG-4.18.")
    name: str
    citation: str = Field(min_length=1)
    text: str = Field(min_length=1, description="The statutory text applied (19 U.S.C. 4531).")
    effective_from: RuleDate = USMCA_ENTRY_INTO_FORCE
    effective_to: RuleDate | None = Field(
        default=None, description="First day the article no longer applies (exclusive)."
    )
    readings: list[str] = Field(
        default_factory=list,
        description="How roo-check reads the article where the texts leave a choice.",
    )

    def in_force(self, on: dt.date) -> bool:
        return self.effective_from <= on and (self.effective_to is None or on < self.effective_to)


class OperationWords(RuleModel):
    """Operations Art. 4.18(a) allows in a non-Party, in the law's words and their synonyms."""

    operation: str = Field(description="The law's words.")
    words: list[str] = Field(min_length=1, description="How routing files state it.")


class TransitException(RuleModel):
    """A chapter 85 note that lets a good be processed outside the Parties (SOR s. 10(3))."""

    id: str
    goods: Codes = Field(description="HS2022 codes of the goods the note covers.")
    hs2017: str = Field(description="The codes as the note prints them (HS2017).")
    kinds: list[str] = Field(
        default_factory=list,
        description="The goods the note names in words, as a product_kind may state them (the "
        "note's words, and the words of the product-specific rule that names the same goods); "
        "empty when the codes alone decide.",
    )
    condition: str = Field(description="What further processing must not do.")
    citation: str
    text: str


class TransitArticle(Article):
    permitted: list[OperationWords] = Field(min_length=1)
    required_by_importing_party: list[str] = Field(
        description="Operations allowed only when required by the importing Party "
        "(labelling, marking): stated plainly, they leave the question open."
    )
    required_words: list[str] = Field(
        min_length=1,
        description="Words that state the requirement ('required by the importing party').",
    )
    not_permitted: list[str] = Field(
        min_length=1,
        description="Operations that are further production or re-present the good: never "
        "among those Art. 4.18(a) allows.",
    )
    exceptions: list[TransitException] = Field(default_factory=list)


class NonQualifyingArticle(Article):
    dilution_words: list[str] = Field(
        min_length=1, description="Production steps that state mere dilution."
    )
    ancillary_steps: list[str] = Field(
        default_factory=list,
        description="Steps that are not processing of the good (packing it, labelling it): "
        "dilution plus only these is still mere dilution.",
    )


class SetsArticle(Article):
    max_percent: Percent


class Chapter4File(RuleModel):
    """The Chapter 4 articles roo-check applies beside the product-specific rules."""

    schema_version: Literal[1]
    kind: Literal["chapter_4_articles"]
    title: str
    source: str
    net_cost: Article
    value_adjustments: Article
    intermediate: Article
    indirect: Article
    accumulation: Article
    fungible: Article
    accessories: Article
    retail_packaging: Article
    shipping_packing: Article
    sets: SetsArticle
    transit: TransitArticle
    non_qualifying: NonQualifyingArticle

    def articles(self) -> list[Article]:
        """Every article, in the order of the Chapter."""
        found = [getattr(self, name) for name in type(self).model_fields if name not in _META]
        return sorted(found, key=lambda a: tuple(int(p) for p in a.id[5:].split("-")[0].split(".")))

    def article(self, article_id: str) -> Article | None:
        return next((a for a in self.articles() if a.id == article_id.upper()), None)


_META = {"schema_version", "kind", "title", "source"}
