"""What the reporter tests share: the repository root, a fixed run date, a report of samples."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from roo_check.models.config import Config
from roo_check.models.findings import Finding, FindingKind, Report, Severity
from roo_check.rulebook.index import Rulebook
from roo_check.run import check_paths

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 6, 1)


def check(rulebook: Rulebook, *paths: str | Path, config: Config | None = None) -> Report:
    return check_paths([Path(p) for p in paths], rulebook, None, TODAY, config)


BATCH_FINDING = Finding(
    rule_id="ECON003",
    kind=FindingKind.flag,
    severity=Severity.warning,
    good_part_number=None,
    subject="producer Motores del Bajio",
    decision="flagged",
    figures={"goods": "5", "chapters": "4"},
    citation="CBP CTPAT transshipment alert (2025)",
    message="One producer across four chapters.",
)
"""A batch-wide finding for the reporters to place (no sample raises one on its own)."""
