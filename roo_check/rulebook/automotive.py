"""The automotive appendix data (SOR/2020-155, Part 6) in memory.

``load_rulebook`` accepts the two automotive rule file kinds and leaves them aside; the engine
reads them through :func:`load_automotive`, which loads the two files itself (same strict
loader, same fail-closed errors naming the file).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from roo_check.errors import RuleError
from roo_check.rulebook.automotive_schema import (
    AutoPartsFile,
    AutoThresholdsFile,
    PartsTable,
    ThresholdRow,
)
from roo_check.rulebook.load import default_rules_dir, load_file

AUTOMOTIVE_DIR = Path("usmca") / "automotive"
PARTS_FILE = AUTOMOTIVE_DIR / "parts-tables.yaml"
THRESHOLDS_FILE = AUTOMOTIVE_DIR / "thresholds.yaml"


@dataclass(frozen=True)
class Automotive:
    parts: AutoPartsFile
    thresholds: AutoThresholdsFile

    def table(self, table_id: str) -> PartsTable | None:
        return self.parts.table(table_id)

    def threshold(self, category: str, method: str, on: dt.date) -> ThresholdRow | None:
        return self.thresholds.threshold(category, method, on)

    def in_force(self, schedule: str, measure: str, on: dt.date) -> ThresholdRow | None:
        return self.thresholds.in_force(schedule, measure, on)

    def steps(self, schedule: str, measure: str) -> list[ThresholdRow]:
        return self.thresholds.steps(schedule, measure)


def _load(root: Path, relative: Path, model: type) -> object:
    path = root / relative
    display = relative.as_posix()
    if not path.is_file():
        raise RuleError("automotive rule file not found", file=display)
    loaded = load_file(path, display)
    if not isinstance(loaded, model):
        raise RuleError(
            f"expected kind {model.model_fields['kind'].annotation.__args__[0]!r}",
            file=display,
            field="kind",
        )
    return loaded


def load_automotive(root: Path | None = None) -> Automotive:
    """Read ``usmca/automotive/{parts-tables,thresholds}.yaml`` under a rule directory."""
    root = (root or default_rules_dir()).resolve()
    parts = _load(root, PARTS_FILE, AutoPartsFile)
    thresholds = _load(root, THRESHOLDS_FILE, AutoThresholdsFile)
    assert isinstance(parts, AutoPartsFile) and isinstance(thresholds, AutoThresholdsFile)
    return Automotive(parts=parts, thresholds=thresholds)
