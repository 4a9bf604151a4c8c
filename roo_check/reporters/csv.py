"""CSV report: one row per finding, for a spreadsheet or a database load.

Rows, in the report's own order: for each shipment its input errors, then its findings
(determinations and flags); then the batch-wide findings. Columns, stable and in this order:

``shipment``
    The shipment name; ``batch`` for a flag that looks across every shipment of the run.
``good``
    The good's part number; empty for a shipment- or batch-wide flag and for input errors.
``rule_id``
    The rule or flag id (``PSR-8501``, ``ORIG-4.2``, ``CN001``); ``input-error`` for an
    input file that could not be read.
``kind``
    ``determination``, ``flag`` or ``input-error``.
``severity``
    ``error``, ``warning`` or ``info`` (input errors are ``error``).
``decision``
    What was decided (``originating (B)``, ``flagged``); for an input error, its kind
    (``InputError``).
``subject``
    What the finding concerns: the good, a material, a certificate field; for an input
    error, the field (or the file when no field is named).
``message``
    The plain-English explanation.
``threshold``
    The threshold compared against, when the finding has one.
``citation``
    The legal provision the finding rests on.
``figures``
    The figures, ``key=value`` pairs sorted by key and joined with ``"; "``.
``evidence``
    Each piece of evidence as ``source:location [field] value (note) {supplier}``, joined
    with ``" | "``; for an input error, the file, row and field.
``suppressed_by``, ``suppression_reason``
    The owner and reason of the suppression that accepted the finding; empty otherwise.

Every cell is neutralised against spreadsheet formula injection (OWASP "CSV Injection"):
a cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
leading apostrophe, so a part number such as ``=HYPERLINK(...)`` taken from a supplier's
BOM is shown as text, never evaluated. The rule is applied to every cell, not only those
copied from input, because figures and messages embed input values too. Every cell is
quoted and embedded quotes doubled (the csv module), so no input can open a new cell.
Lines end with ``\\n``; identical reports give identical bytes. All severities are
listed whatever ``--fail-on`` says: the CSV is the full record, filtered in the sheet.
"""

from __future__ import annotations

import csv
import io

from roo_check.models.findings import ErrorRecord, Evidence, Finding, Report
from roo_check.reporters import RenderOptions

COLUMNS = (
    "shipment",
    "good",
    "rule_id",
    "kind",
    "severity",
    "decision",
    "subject",
    "message",
    "threshold",
    "citation",
    "figures",
    "evidence",
    "suppressed_by",
    "suppression_reason",
)

BATCH = "batch"
INPUT_ERROR = "input-error"

_FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """The cell as a spreadsheet will show it as text, never run it as a formula."""
    return "'" + cell if cell.startswith(_FORMULA_TRIGGERS) else cell


def evidence_text(e: Evidence) -> str:
    """One piece of evidence on one line: ``source:location [field] value (note) {supplier}``."""
    text = ":".join(p for p in (e.source, e.location) if p)
    if e.field:
        text += f" [{e.field}]"
    if e.value:
        text += f" {e.value}"
    if e.note:
        text += f" ({e.note})"
    if e.supplier:
        text += f" {{{e.supplier}}}"
    return text


def _finding_row(shipment: str, f: Finding) -> list[str]:
    return [
        shipment,
        f.good_part_number or "",
        f.rule_id,
        f.kind.value,
        f.severity.value,
        f.decision,
        f.subject,
        f.message,
        f.threshold or "",
        f.citation,
        "; ".join(f"{k}={v}" for k, v in sorted(f.figures.items())),
        " | ".join(evidence_text(e) for e in f.evidence),
        f.suppressed.owner if f.suppressed else "",
        f.suppressed.reason if f.suppressed else "",
    ]


def _error_row(shipment: str, e: ErrorRecord) -> list[str]:
    where = ":".join(p for p in (e.file, e.location) if p)
    if e.field:
        where += f" [{e.field}]"
    return [
        shipment,
        "",
        INPUT_ERROR,
        INPUT_ERROR,
        "error",
        e.kind,
        e.field or e.file or shipment,
        e.message,
        "",
        "",
        "",
        where,
        "",
        "",
    ]


def rows(report: Report) -> list[list[str]]:
    """The data rows, in report order, before neutralisation."""
    out: list[list[str]] = []
    for shipment in report.shipments:
        out.extend(_error_row(shipment.name, e) for e in shipment.errors)
        out.extend(_finding_row(shipment.name, f) for f in shipment.findings)
    out.extend(_finding_row(BATCH, f) for f in report.batch_findings)
    return out


def render(report: Report, options: RenderOptions | None = None) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows([neutralise(cell) for cell in row] for row in rows(report))
    return buffer.getvalue()
