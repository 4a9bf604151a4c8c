"""Suppliers' declarations of origin: what backs a BOM line's ``originating`` claim.

A producer that certifies a good as originating must hold the information that shows it
(USMCA Art. 5.2, records under Art. 5.8; 19 CFR 182.12 and 182.15). For purchased materials
that information is the supplier's own certification of origin, for one delivery or for a
blanket period of up to 12 months. The register lists them, one row per declaration
(``declarations.csv`` / ``.xlsx``), and a certification file of Annex 5-A (``certificate.xml``
/ ``.json`` in a ``declarations/`` folder) counts as one declaration named by its file stem.
The checks of a claim against the register are in :mod:`roo_check.engine.evidence`; their
result for each claim is a :class:`ClaimCheck`.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from functools import cached_property
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    model_validator,
)

from roo_check.hs.codes import normalize
from roo_check.models.certificate import OriginCriterion
from roo_check.models.common import InputDate, NonEmpty, Out, Strict
from roo_check.models.goods import OriginStatus

BLANKET_MONTHS = 12
"""The longest blanket period a certification may cover (USMCA Art. 5.2; Annex 5-A, data
element 8)."""

VALID_YEARS = 4
"""A certification is valid for four years after it was completed (USMCA Art. 5.2)."""


class DeclarationScope(StrEnum):
    """What one declaration covers (Art. 5.2): one delivery, or identical materials over a
    blanket period."""

    blanket = "blanket"
    single_shipment = "single_shipment"


def _upper(value: object) -> object:
    return value.strip().upper() if isinstance(value, str) else value


HsPrefix = Annotated[
    str,
    BeforeValidator(str),
    AfterValidator(normalize),
    Field(description="An HS chapter, heading, subheading or tariff item (2 to 10 digits)."),
]


class Declaration(Strict):
    """One supplier's certification of origin for the materials it sells."""

    declaration_id: NonEmpty = Field(
        description="The declaration's number, as BOM lines name it in 'evidence'."
    )
    supplier: NonEmpty = Field(description="The supplier (exporter or producer) it comes from.")
    part_numbers: list[str] = Field(
        default_factory=list,
        description="Materials covered, by the part numbers of the BOM (';' between them).",
    )
    hs_codes: list[HsPrefix] = Field(
        default_factory=list,
        description="Materials covered, by HS code: a material whose code starts with one of "
        "them is covered (';' between them).",
    )
    origin_status: OriginStatus = Field(
        description="What the supplier certifies: originating or non-originating."
    )
    criterion: Annotated[OriginCriterion | None, BeforeValidator(_upper)] = Field(
        default=None,
        description="Origin criterion claimed (A, B, C or D, Art. 4.2); required for "
        "originating materials (Annex 5-A, data element 7).",
    )
    scope: DeclarationScope = Field(
        description="blanket (multiple deliveries over a period) or single_shipment."
    )
    period_start: InputDate | None = Field(
        default=None, description="Blanket period: first day covered (data element 8)."
    )
    period_end: InputDate | None = Field(
        default=None, description="Blanket period: last day covered (at most 12 months)."
    )
    invoice_number: str | None = Field(
        default=None, description="Single shipment: the supplier's invoice it covers."
    )
    signed_on: InputDate = Field(description="Date the declaration was signed (completed).")
    certifier: NonEmpty = Field(description="Who signed it: name, and role or company.")
    source: str = Field(default="", description="The file the declaration was read from.")
    location: str | None = Field(default=None, description="Its row or element in that file.")

    @model_validator(mode="after")
    def _consistent(self) -> Declaration:
        if not self.part_numbers and not self.hs_codes:
            raise ValueError("give the materials covered: part_numbers, hs_codes or both")
        if self.origin_status not in (OriginStatus.originating, OriginStatus.non_originating):
            raise ValueError("origin_status must be originating or non-originating")
        if self.origin_status is OriginStatus.originating and self.criterion is None:
            raise ValueError("criterion is required for an originating declaration (A-D)")
        if self.scope is DeclarationScope.blanket:
            if self.period_start is None or self.period_end is None:
                raise ValueError("a blanket declaration needs period_start and period_end")
            if self.period_end < self.period_start:
                raise ValueError("period_end is before period_start")
        elif self.period_start is not None or self.period_end is not None:
            raise ValueError(
                "period_start and period_end are for blanket declarations; this one's scope "
                "is single_shipment"
            )
        return self

    def covers(self, part_number: str, hs_code: str) -> bool:
        """By part number (case and spaces ignored) or by an HS code the material's starts
        with (a prefix, never a substring)."""
        part = declaration_key(part_number)
        if any(declaration_key(p) == part for p in self.part_numbers):
            return True
        return any(hs_code.startswith(code) for code in self.hs_codes)

    @property
    def where(self) -> str:
        return f"{self.source}:{self.location}" if self.location else self.source


class ClaimStatus(StrEnum):
    """The answer for one originating claim."""

    supported = "supported"
    """A declaration of the register backs it on every point checked."""
    unsupported = "unsupported"
    """Nothing backs it, or the declaration it names fails a check."""
    unverified = "unverified"
    """It names its evidence but no register was given to check it against."""


class ClaimProblem(StrEnum):
    """Why a claim is not supported; each is a risk flag of ``rules/risk/evidence.yaml``."""

    no_evidence = "no_evidence"
    not_found = "not_found"
    not_covered = "not_covered"
    other_supplier = "other_supplier"
    not_in_force = "not_in_force"
    inconsistent = "inconsistent"


class ClaimIssue(Out):
    problem: ClaimProblem
    message: str


class ClaimCheck(Out):
    """One BOM line's originating claim, checked against the register."""

    part_number: str
    row: int | None = Field(default=None, description="The BOM line's row.")
    supplier: str | None
    evidence: str | None = Field(description="What the BOM line names as its evidence.")
    declaration: str | None = Field(default=None, description="The declaration found, as file:row.")
    date: dt.date = Field(description="The date the declaration must be in force on.")
    date_source: str = Field(description="Where that date came from.")
    status: ClaimStatus
    issues: list[ClaimIssue] = Field(default_factory=list)


class Register(BaseModel):
    """The declarations a run checks claims against, found by id (case and spaces ignored)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    declarations: list[Declaration] = Field(default_factory=list)
    files: list[tuple[str, str]] = Field(
        default_factory=list, description="(path, SHA-256) of each file read, for the report."
    )

    @classmethod
    def of(cls, declarations: list[Declaration], files: list[tuple[str, str]]) -> Register:
        return cls.model_construct(declarations=list(declarations), files=list(files))

    @cached_property
    def _by_id(self) -> dict[str, list[Declaration]]:
        index: dict[str, list[Declaration]] = {}
        for declaration in self.declarations:
            index.setdefault(declaration_key(declaration.declaration_id), []).append(declaration)
        return index

    def named(self, declaration_id: str) -> list[Declaration]:
        return self._by_id.get(declaration_key(declaration_id), [])

    @cached_property
    def _by_part(self) -> dict[str, tuple[dict[str, list[Declaration]], list[Declaration]]]:
        """Per id: its rows by each part number they cover, and its rows that cover HS codes
        (a blanket declaration may list thousands of parts, one row each)."""
        index: dict[str, tuple[dict[str, list[Declaration]], list[Declaration]]] = {}
        for key, rows in self._by_id.items():
            by_part: dict[str, list[Declaration]] = {}
            for row in rows:
                for part in row.part_numbers:
                    by_part.setdefault(declaration_key(part), []).append(row)
            index[key] = (by_part, [row for row in rows if row.hs_codes])
        return index

    def covering(self, declaration_id: str, part_number: str, hs_code: str) -> list[Declaration]:
        """The rows of the declaration named that cover this material, in file order: by part
        number (case and spaces ignored), or by an HS code the material's code starts with."""
        by_part, by_code = self._by_part.get(declaration_key(declaration_id), ({}, []))
        found = by_part.get(declaration_key(part_number), [])
        coded = [row for row in by_code if row.covers(part_number, hs_code)]
        if not coded:
            return found
        seen = {id(row) for row in found}
        return [*found, *(row for row in coded if id(row) not in seen)]

    @cached_property
    def ids(self) -> dict[str, str]:
        """Each id's key and its first spelling, for a "did you mean"."""
        return {key: rows[0].declaration_id for key, rows in sorted(self._by_id.items())}

    def merged(self, other: Register | None) -> Register:
        """This register and ``other`` (a batch's ``--declarations``) as one."""
        if other is None or not other.declarations:
            return self
        return Register.of([*self.declarations, *other.declarations], [*self.files, *other.files])


def combined(own: Register | None, batch: Register | None) -> Register | None:
    """A shipment's own register with the batch's (``--declarations``) merged in."""
    return own.merged(batch) if own is not None else batch


def declaration_key(declaration_id: str) -> str:
    return " ".join(declaration_id.split()).casefold()
