"""The schema of the automotive appendix data (SOR/2020-155, Part 6): parts tables, thresholds.

Two rule file kinds, both strict like the rest of the rule schema (unknown keys stop the run):

- ``automotive_parts_tables``: Tables A.1, A.2, B, C, D, E, F, G and S, one row per printed
  HS code (HS 2012, as printed), each row with its citation;
- ``automotive_thresholds``: every threshold of Part 6 (RVC, LVC, steel and aluminum, wage
  rates, plant capacities), each with its citation and its period.

Dates follow the source data, not :class:`~roo_check.rulebook.schema.ProductRule`:
``effective_to`` is the **last day in force (inclusive)**, as the source CSV writes it
(2020-07-01 .. 2021-06-30, then 2021-07-01 .. ). For each (category, method) the calendar
periods must follow each other without a gap or an overlap; a file that breaks this is
refused at load (rules fail closed).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from itertools import pairwise
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, model_validator

from roo_check.money import to_decimal
from roo_check.rulebook.schema import Codes, Percent, RuleDate, RuleModel

TableId = Literal["A.1", "A.2", "B", "C", "D", "E", "F", "G", "S"]
TariffLevel = Literal["heading", "subheading", "ex-subheading", "tariff-item", "subheading-range"]
SuperCore = Literal[
    "Engines",
    "Transmissions",
    "Body and chassis",
    "Axles",
    "Suspension systems",
    "Steering systems",
    "Advanced batteries",
]

Amount = Annotated[Decimal, BeforeValidator(to_decimal), Field(ge=0)]


class AutoSource(RuleModel):
    """Where the data was taken from; the reproduction is not an official version."""

    document: str = Field(min_length=1)
    consolidation: RuleDate = Field(description="The consolidation date of the source XML.")
    hs_edition: Literal["HS2012"] = Field(description="The tables print HS 2012 codes.")
    transcription: str = Field(min_length=1)
    licence: str = Field(min_length=1, description="Reproduction of Federal Law Order terms.")
    official: Literal[False] = Field(description="Never an official version.")


class PartRow(RuleModel):
    """One printed HS code of one table."""

    hs_code: str = Field(min_length=2, description="The code as printed, 'ex' taken out.")
    level: TariffLevel
    codes: Codes = Field(
        min_length=1,
        description="The HS 2012 codes the row falls within: the heading or subheading; for an "
        "ex-subheading the subheading (the description narrows it); for an Agreement tariff "
        "item with a letter suffix (8708.99.aa) its parent subheading; for the printed range "
        "the range.",
    )
    description: str = Field(min_length=1)
    component_of: SuperCore | None = Field(
        default=None, description="Table A.2 only: the Column 1 part (the super-core group)."
    )
    citation: str = Field(min_length=1)
    note: str | None = None


class PartsTable(RuleModel):
    id: TableId
    title: str = Field(min_length=1)
    citation: str = Field(min_length=1)
    rows: list[PartRow] = Field(min_length=1)

    @model_validator(mode="after")
    def _component_of(self) -> PartsTable:
        for n, row in enumerate(self.rows):
            where = f"table {self.id} row {n} ({row.hs_code})"
            if self.id == "A.2" and row.component_of is None:
                raise ValueError(f"{where}: a Table A.2 row needs component_of")
            if self.id != "A.2" and row.component_of is not None:
                raise ValueError(f"{where}: component_of is for Table A.2 rows only")
        return self


class TableGMaterial(RuleModel):
    """One material of Table G (components and materials for other vehicles)."""

    item: int = Field(ge=1)
    component: str = Field(min_length=1)
    component_codes: Codes = Field(min_length=1)
    transmission_type: Literal["manual", "torque converter"] | None = None
    material: str = Field(min_length=1)
    citation: str = Field(min_length=1)


class AutoPartsFile(RuleModel):
    schema_version: Literal[1]
    kind: Literal["automotive_parts_tables"]
    source: AutoSource
    tables: list[PartsTable] = Field(min_length=1)
    table_g_materials: list[TableGMaterial] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique_tables(self) -> AutoPartsFile:
        seen: set[str] = set()
        for table in self.tables:
            if table.id in seen:
                raise ValueError(f"table {table.id} appears twice")
            seen.add(table.id)
        return self

    def table(self, table_id: str) -> PartsTable | None:
        return next((t for t in self.tables if t.id == table_id), None)


class ThresholdRow(RuleModel):
    """One threshold (a percentage, or a value with a unit) for one category and method."""

    schedule: str = Field(
        pattern=r"^AUTO-[A-Z0-9.-]+$",
        description="Stable id of the schedule (category) the row belongs to, e.g. AUTO-PV-RVC.",
    )
    measure: str = Field(
        pattern=r"^[a-z_]+$",
        description="Stable key of what is measured (net_cost, lvc_total, wage_usd...).",
    )
    category: str = Field(min_length=1, description="What the threshold is for, as in the data.")
    method: str = Field(min_length=1, description="The method or measure, as in the data.")
    percent: Percent | None = None
    value: Amount | None = Field(default=None, description="A figure that is not a percentage.")
    unit: str | None = None
    period: Literal["calendar", "after_first_prototype"] = Field(
        default="calendar",
        description="'after_first_prototype': s. 20(8), counted from the first prototype "
        "(value/unit give the years); such rows have no calendar dates.",
    )
    effective_from: RuleDate | None = Field(
        default=None, description="First day in force; none when the law states no start."
    )
    effective_to: RuleDate | None = Field(
        default=None, description="LAST day in force (inclusive); none when open-ended."
    )
    citation: str = Field(min_length=1)
    note: str | None = None

    @model_validator(mode="after")
    def _check(self) -> ThresholdRow:
        if self.percent is None and self.value is None and not self.note:
            raise ValueError("a threshold row needs percent, value or a note saying what it is")
        if self.value is not None and not self.unit:
            raise ValueError("a value needs its unit")
        if self.period == "after_first_prototype":
            if self.effective_from is not None or self.effective_to is not None:
                raise ValueError("a period counted from the first prototype has no dates")
            if self.value is None:
                raise ValueError("a period counted from the first prototype needs value (years)")
        elif (
            self.effective_from is not None
            and self.effective_to is not None
            and self.effective_to < self.effective_from
        ):
            raise ValueError("effective_to is before effective_from")
        return self

    def in_force(self, on: dt.date) -> bool:
        """Whether the row applies on a calendar date (never for relative periods)."""
        if self.period != "calendar":
            return False
        return (self.effective_from is None or self.effective_from <= on) and (
            self.effective_to is None or on <= self.effective_to
        )


def _label(n: int, row: ThresholdRow) -> str:
    return f"row {n} ({row.category} / {row.method}, from {row.effective_from or '-'})"


class AutoThresholdsFile(RuleModel):
    schema_version: Literal[1]
    kind: Literal["automotive_thresholds"]
    source: AutoSource
    thresholds: list[ThresholdRow] = Field(min_length=1)

    @model_validator(mode="after")
    def _phase_in(self) -> AutoThresholdsFile:
        """Per (category, method): periods contiguous, never overlapping, at most one open end."""
        groups: dict[tuple[str, str], list[tuple[int, ThresholdRow]]] = defaultdict(list)
        names: dict[tuple[str, str], tuple[str, str]] = {}
        for n, row in enumerate(self.thresholds):
            key, name = (row.schedule, row.measure), (row.category, row.method)
            if names.setdefault(key, name) != name:
                raise ValueError(
                    f"thresholds {_label(n, row)}: {row.schedule}/{row.measure} already names "
                    f"{names[key][0]} / {names[key][1]}"
                )
            if row.period == "calendar":
                groups[key].append((n, row))
        for rows in groups.values():
            rows.sort(key=lambda item: (item[1].effective_from or dt.date.min, item[0]))
            for (pn, prev), (n, row) in pairwise(rows):
                if row.effective_from is None:
                    raise ValueError(
                        f"thresholds {_label(n, row)}: overlaps {_label(pn, prev)} "
                        "(two periods without a start date)"
                    )
                if prev.effective_to is None or row.effective_from <= prev.effective_to:
                    raise ValueError(
                        f"thresholds {_label(n, row)}: period overlaps {_label(pn, prev)}"
                    )
                if row.effective_from != prev.effective_to + dt.timedelta(days=1):
                    raise ValueError(
                        f"thresholds {_label(n, row)}: gap after {_label(pn, prev)} "
                        f"(which ends {prev.effective_to})"
                    )
        return self

    def threshold(self, category: str, method: str, on: dt.date) -> ThresholdRow | None:
        """The row in force on ``on`` for a category and method, or None."""
        for row in self.thresholds:
            if row.category == category and row.method == method and row.in_force(on):
                return row
        return None

    def in_force(self, schedule: str, measure: str, on: dt.date) -> ThresholdRow | None:
        """The row of a schedule and measure in force on ``on``, by stable keys."""
        for row in self.thresholds:
            if row.schedule == schedule and row.measure == measure and row.in_force(on):
                return row
        return None

    def steps(self, schedule: str, measure: str) -> list[ThresholdRow]:
        """Every dated step of a schedule and measure, in date order (the phase-in shown)."""
        rows = [r for r in self.thresholds if r.schedule == schedule and r.measure == measure]
        return sorted(rows, key=lambda r: r.effective_from or dt.date.min)

    def categories(self) -> list[str]:
        return list(dict.fromkeys(r.category for r in self.thresholds))


VehicleFact = Literal[
    "off-road",
    "all-terrain vehicle",
    "three- or four-wheeled motorcycle",
    "motorhome or entertainer coach",
    "ambulance, hearse or prison van",
]


class VehicleCategory(RuleModel):
    """One vehicle category of Part 6, with the HS 2012 codes its definition prints."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    name: str = Field(min_length=1)
    hs2012: Codes = Field(min_length=1, description="HS 2012 codes as the definition prints.")
    except_hs2012: Codes = Field(default=())
    except_hs2022: Codes = Field(
        default=(), description="HS 2022 codes that are the excluded vehicles."
    )
    except_facts: list[VehicleFact] = Field(default_factory=list)
    persons_at_most: int | None = Field(default=None, ge=1, description="Buses of 8702 only.")
    persons_at_least: int | None = Field(default=None, ge=1, description="Buses of 8702 only.")
    rvc_schedule: str = Field(pattern=r"^AUTO-[A-Z0-9.-]+$")
    lvc_schedule: str | None = Field(default=None, pattern=r"^AUTO-[A-Z0-9.-]+$")
    assembly_plant_schedule: str | None = Field(default=None, pattern=r"^AUTO-[A-Z0-9.-]+$")
    core_parts: bool
    steel_aluminum: bool
    citation: str = Field(min_length=1)
    text: str = Field(min_length=1)
    note: str | None = None


class AutoCategoriesFile(RuleModel):
    schema_version: Literal[1]
    kind: Literal["automotive_categories"]
    categories: list[VehicleCategory] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> AutoCategoriesFile:
        ids = [c.id for c in self.categories]
        for category_id in ids:
            if ids.count(category_id) > 1:
                raise ValueError(f"category {category_id} appears twice")
        return self
