"""A company's configuration: flag thresholds and severities, countries of concern,
suppressions, and its readings of production steps."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, model_validator

from roo_check.models.common import Country, NonEmpty, Strict


class SuppressionRule(Strict):
    """An accepted finding. It stays in every report, marked suppressed with reason and owner."""

    rule: NonEmpty = Field(description="The rule id the suppression applies to, e.g. CN001.")
    good: str | None = Field(default=None, description="Part number of the good concerned.")
    supplier: str | None = Field(
        default=None, description="A producer or material supplier the finding names."
    )
    reason: NonEmpty = Field(description="Why the finding is accepted.")
    owner: NonEmpty = Field(description="Who accepted it (name or e-mail).")

    @model_validator(mode="after")
    def _names_a_target(self) -> SuppressionRule:
        if not self.good and not self.supplier:
            raise ValueError("a suppression names the good or the supplier it applies to")
        return self


SeverityName = Literal["error", "warning", "info"]


class Severities(Strict):
    """Severities of the engine's own findings (the flags' are set under ``[flags.ID]``)."""

    cannot_decide: SeverityName | None = Field(
        default=None,
        description="A good, Chapter 4 condition or Part 6 requirement that cannot be decided "
        "for want of data. Default error: a claim the records cannot support is not a claim.",
    )


class Config(Strict):
    fail_on: Literal["error", "warning", "info", "never"] | None = Field(
        default=None, description="Lowest severity that fails the run (exit code 1)."
    )
    strict_evidence: bool | None = Field(
        default=None,
        description="Treat every originating claim no supplier's declaration supports as "
        "non-originating, and decide the good again (as --strict-evidence).",
    )
    countries_of_concern: list[Country] | None = Field(
        default=None, description="Replaces the countries of every content-share flag."
    )
    flags: dict[str, dict[str, Any]] = Field(
        default_factory=dict,
        description="Per flag id: severity, enabled, and any parameter of its check.",
    )
    severity: Severities = Field(default_factory=Severities)
    suppress: list[SuppressionRule] = Field(default_factory=list)
    processes: dict[str, str | list[str]] = Field(
        default_factory=dict,
        description="Production step words (or a reading id of the process vocabulary) set to "
        "a process id, a list of process ids, or 'not-a-process'.",
    )
