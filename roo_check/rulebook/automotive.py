"""The automotive appendix (SOR/2020-155, Part 6) in memory: tables, thresholds, categories.

``load_rulebook`` reads the three automotive rule files with the rest of the rule set (same
strict loader, same fail-closed errors) and attaches them as ``Rulebook.automotive``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from roo_check.errors import RuleError
from roo_check.rulebook.automotive_schema import (
    AutoCategoriesFile,
    AutoPartsFile,
    AutoThresholdsFile,
    PartsTable,
    ThresholdRow,
    VehicleCategory,
)

AUTOMOTIVE_DIR = Path("usmca") / "automotive"
PARTS_FILE = AUTOMOTIVE_DIR / "parts-tables.yaml"
THRESHOLDS_FILE = AUTOMOTIVE_DIR / "thresholds.yaml"
CATEGORIES_FILE = AUTOMOTIVE_DIR / "categories.yaml"


@dataclass(frozen=True)
class Automotive:
    parts: AutoPartsFile
    thresholds: AutoThresholdsFile
    categories: AutoCategoriesFile

    def table(self, table_id: str) -> PartsTable | None:
        return self.parts.table(table_id)

    def threshold(self, category: str, method: str, on: dt.date) -> ThresholdRow | None:
        return self.thresholds.threshold(category, method, on)

    def in_force(self, schedule: str, measure: str, on: dt.date) -> ThresholdRow | None:
        return self.thresholds.in_force(schedule, measure, on)

    def steps(self, schedule: str, measure: str) -> list[ThresholdRow]:
        return self.thresholds.steps(schedule, measure)

    def category(self, category_id: str) -> VehicleCategory | None:
        return next((c for c in self.categories.categories if c.id == category_id), None)

    def check_references(self, display: str) -> None:
        """Every schedule a category names must exist in the thresholds (rules fail closed)."""
        known = {row.schedule for row in self.thresholds.thresholds}
        for category in self.categories.categories:
            for schedule in (
                category.rvc_schedule,
                category.lvc_schedule,
                category.assembly_plant_schedule,
            ):
                if schedule is not None and schedule not in known:
                    raise RuleError(
                        f"category {category.id} names schedule {schedule}, which no "
                        "threshold row has",
                        file=display,
                        field="categories",
                    )


def load_automotive(root: Path | None = None) -> Automotive:
    """The automotive rules of a rule directory; an error if the directory has none."""
    from roo_check.rulebook.load import default_rules_dir, load_rulebook

    root = (root or default_rules_dir()).resolve()
    automotive = load_rulebook(root).automotive
    if automotive is None:
        raise RuleError("automotive rule files not found", file=str(root / AUTOMOTIVE_DIR))
    return automotive
