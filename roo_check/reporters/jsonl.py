"""JSON Lines report (https://jsonlines.org): one compact JSON object per line, for streaming
a large run into data tools (jq, DuckDB, pandas ``read_json(lines=True)``, Spark).

Each line is a record of the JSON report, flattened so that a tool can filter by type and
read determinations without holding the whole report: keys sorted, no spaces, UTF-8,
``"\\n"`` after every line. ``record`` names its type; ``shipment`` names the shipment it
belongs to (neither is a field of any report model, so no value is shadowed). In order:

==================  ======  ===================================================================
``record``          count   fields besides ``record``
==================  ======  ===================================================================
``report``          1       the report's own fields: ``tool``, ``version``, ``ruleset_hash``,
                            ``config``, ``evaluation_date``, ``date_source``
``shipment``        1 each  ``shipment`` (its name), ``inputs``, ``routing``, ``errors``
``determination``   0..n    ``shipment`` and the determination's fields, in the report's order
``finding``         0..n    ``shipment`` and the finding's fields, after that shipment's
                            determinations
``batch_finding``   0..n    the finding's fields; last, as they look across every shipment
==================  ======  ===================================================================

Values are those of the JSON report (the same ``model_dump(mode="json")`` data: money and
percentages as exact decimal strings), written by the same encoder
(:func:`roo_check.reporters.json.dumps`); only nesting differs. A line never contains
``"\\n"`` inside it (JSON escapes it in strings), but it may contain other characters that
some tools take for line breaks (U+2028, U+0085): split on ``"\\n"`` only, as the format says.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from roo_check.models.findings import Finding, Report, ShipmentResult
from roo_check.reporters import RenderOptions
from roo_check.reporters.json import dumps

RECORD = "record"
"""The key naming each line's record type."""

SHIPMENT = "shipment"
"""The key naming the shipment a line belongs to."""

_NESTED_IN_REPORT = {"shipments", "batch_findings"}
_NESTED_IN_SHIPMENT = {"name", "determinations", "findings"}


def render(report: Report, options: RenderOptions | None = None) -> str:
    return "".join(lines(report))


def stream(report: Report, options: RenderOptions | None = None) -> Iterator[str]:
    """The lines one at a time, for a writer that never holds the whole report."""
    return lines(report)


def lines(report: Report) -> Iterator[str]:
    """The report's lines, each ending in ``"\\n"``, built one record at a time."""
    yield header_line(report)
    for shipment in report.shipments:
        yield from shipment_lines(shipment)
    for finding in report.batch_findings:
        yield batch_finding_line(finding)


def header_line(report: Report) -> str:
    """The ``report`` record: what the run was (version, rules, configuration, date)."""
    return _line("report", report.model_dump(mode="json", exclude=_NESTED_IN_REPORT))


def shipment_lines(shipment: ShipmentResult) -> Iterator[str]:
    """A ``shipment`` record, then its ``determination`` and ``finding`` records."""
    name = {SHIPMENT: shipment.name}
    yield _line("shipment", name | shipment.model_dump(mode="json", exclude=_NESTED_IN_SHIPMENT))
    for determination in shipment.determinations:
        yield _line("determination", name | determination.model_dump(mode="json"))
    for finding in shipment.findings:
        yield _line("finding", name | finding.model_dump(mode="json"))


def batch_finding_line(finding: Finding) -> str:
    """A ``batch_finding`` record: a flag that looks across every shipment of the run."""
    return _line("batch_finding", finding.model_dump(mode="json"))


def _line(record: str, fields: dict[str, Any]) -> str:
    return dumps({RECORD: record} | fields, indent=False) + "\n"
