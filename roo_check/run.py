"""The application service the CLI calls: load rules, load each input, evaluate, assemble.

One broken input never loses the others' results: its errors are recorded in its own
ShipmentResult, and the run carries on.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from roo_check import __version__
from roo_check.engine.evaluate import evaluate_shipment
from roo_check.errors import InputErrors, RooCheckError
from roo_check.models.findings import ErrorRecord, Report, ShipmentResult
from roo_check.rulebook.index import Rulebook


def _error_records(error: RooCheckError) -> list[ErrorRecord]:
    errors = error.errors if isinstance(error, InputErrors) else [error]
    return [ErrorRecord(**e.as_dict()) for e in errors]


def check_path(
    path: Path, rulebook: Rulebook, on: dt.date | None, fallback: dt.date
) -> ShipmentResult:
    from roo_check.loaders import load_path

    try:
        shipment = load_path(path)
        return evaluate_shipment(shipment, rulebook, on, fallback)
    except RooCheckError as exc:
        return ShipmentResult(
            name=str(path), inputs=[], determinations=[], findings=[], errors=_error_records(exc)
        )


def check_paths(
    paths: list[Path], rulebook: Rulebook, on: dt.date | None, today: dt.date
) -> Report:
    results = [check_path(p, rulebook, on, today) for p in paths]
    return Report(
        version=__version__,
        ruleset_hash=rulebook.ruleset_hash,
        evaluation_date=on,
        date_source=(
            "--date option"
            if on
            else "each good's shipment, invoice or production date (see each determination)"
        ),
        shipments=sorted(results, key=lambda r: r.name),
    )
