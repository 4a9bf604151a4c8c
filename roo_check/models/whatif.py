"""A what-if scenario kept in a file, so that it can be reviewed and run again: the changes to
materials and goods, and the date and rules to check them under."""

from __future__ import annotations

from decimal import Decimal

from pydantic import Field

from roo_check.models.common import InputDate, Money, NonEmpty, Strict

Value = str | Decimal | int | bool | None
"""A value as the file gives it; the changed material or good validates it as an input."""


class Scenario(Strict):
    """``roo-check whatif PATH... --scenario FILE``: see docs/input-formats.md."""

    note: str | None = Field(default=None, description="What the scenario is, for the reader.")
    date: InputDate | None = Field(
        default=None, description="Check the changed side on this date (e.g. 2027-07-01)."
    )
    rules: str | None = Field(
        default=None, description="Rule directory for the changed side, relative to this file."
    )
    set: dict[NonEmpty, dict[NonEmpty, Value]] = Field(
        default_factory=dict,
        description="Part number -> field -> new value, for a material (every BOM line with "
        "that part number) or, when no material has it, a good.",
    )
    premium: dict[NonEmpty, Money] = Field(
        default_factory=dict,
        description="Part number -> what obtaining that material as originating would cost "
        "more (roo-check fix minimises it; default: the material's value).",
    )
