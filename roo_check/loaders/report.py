"""A JSON report read back, as ``roo-check diff`` compares two: untrusted like any input (the
baseline may have been archived anywhere), with the same size limits and one-line errors."""

from __future__ import annotations

from pathlib import Path

from roo_check.loaders.files import read_file
from roo_check.loaders.shipment import document_from_bytes
from roo_check.models.report_view import ReportView


def load_report(path: str | Path) -> ReportView:
    """The parts of a roo-check JSON report that a comparison reads."""
    name = str(path)
    return document_from_bytes(ReportView, read_file(path, file=name), file=name, suffix=".json")
