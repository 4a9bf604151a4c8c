"""CSV report: one row per finding, for a spreadsheet or a database load.

Rows, in the report's own order: for each shipment its input errors, then its findings
(determinations and flags); then the batch-wide findings. The fixed columns come first,
always, in this order:

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
``evidence``
    Each piece of evidence as ``source:location [field] value (note) {supplier}``, joined
    with ``" | "``; for an input error, the file, row and field.
``suppressed_by``, ``suppression_reason``
    The owner and reason of the suppression that accepted the finding; empty otherwise.

Then **one column per figure**, ``figure_<name>`` (``figure_vnm``, ``figure_rvc_net_cost``,
``figure_dwell_days``), for every figure name that a finding of this report carries, sorted
by name; a finding without that figure leaves the cell empty. Why this design rather than a
fixed list of figure columns or a long format: the figures of a finding are the engine's
own (a flag's, or a determination's, whose names include its rule's alternatives, such as
``threshold_B_net_cost``), so no fixed list can name them all without falling behind the
engine or packing the rest into one cell again; and a long format (a row per figure) would
break the one row per finding that a filter or a database load relies on. The fixed columns
never move, so a reader that takes columns by name (a spreadsheet's filters, ``csv.DictReader``,
a database load by header) reads every report; a figure column is there when the report has
that figure. The values are the figures as every report prints them (money with thousands
separators, percentages to two places), as text.

Every cell is neutralised against spreadsheet formula injection (OWASP "CSV Injection"):
a cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
leading apostrophe, so a part number such as ``=HYPERLINK(...)`` taken from a supplier's
BOM is shown as text, never evaluated. The rule is applied to every cell, not only those
copied from input, because figures and messages embed input values too. Every cell is
quoted and embedded quotes doubled (the csv module), so no input can open a new cell.
Lines end with ``\\n``; identical reports give identical bytes. All severities are
listed whatever ``--fail-on`` says: the CSV is the full record, filtered in the sheet.

A UTF-8 byte-order mark starts the text when :attr:`RenderOptions.csv_bom` is true: Excel
reads a CSV without one in the system's code page, and shows accented names (``Bajío``,
``Société``) as mojibake. ``roo-check check`` sets it for a report written to a ``.csv``
file (the file a desk user opens in Excel) and not for standard output (a pipe, where the
mark would be a stray character at the start of the first field); ``--csv-bom`` and
``--no-csv-bom`` decide either way.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

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
    "evidence",
    "suppressed_by",
    "suppression_reason",
)
"""The fixed columns, first in every report; the figure columns follow them."""

FIGURE_PREFIX = "figure_"

BATCH = "batch"
INPUT_ERROR = "input-error"
BYTE_ORDER_MARK = "\ufeff"

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


def _findings(report: Report) -> Iterable[Finding]:
    for shipment in report.shipments:
        yield from shipment.findings
    yield from report.batch_findings


def figure_names(report: Report) -> list[str]:
    """Every figure name a finding of the report carries, sorted: one column each."""
    return sorted({name for f in _findings(report) for name in f.figures})


def columns(report: Report) -> tuple[str, ...]:
    """The report's header: the fixed columns, then ``figure_<name>`` per figure name."""
    return COLUMNS + tuple(FIGURE_PREFIX + name for name in figure_names(report))


def _finding_row(shipment: str, f: Finding, figures: list[str]) -> list[str]:
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
        " | ".join(evidence_text(e) for e in f.evidence),
        f.suppressed.owner if f.suppressed else "",
        f.suppressed.reason if f.suppressed else "",
        *(f.figures.get(name, "") for name in figures),
    ]


def _error_row(shipment: str, e: ErrorRecord, figures: list[str]) -> list[str]:
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
        where,
        "",
        "",
        *("" for _ in figures),
    ]


def rows(report: Report) -> list[list[str]]:
    """The data rows, in report order, under :func:`columns`, before neutralisation."""
    figures = figure_names(report)
    out: list[list[str]] = []
    for shipment in report.shipments:
        out.extend(_error_row(shipment.name, e, figures) for e in shipment.errors)
        out.extend(_finding_row(shipment.name, f, figures) for f in shipment.findings)
    out.extend(_finding_row(BATCH, f, figures) for f in report.batch_findings)
    return out


def render(report: Report, options: RenderOptions | None = None) -> str:
    buffer = io.StringIO()
    if options is not None and options.csv_bom:
        buffer.write(BYTE_ORDER_MARK)
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow([neutralise(name) for name in columns(report)])
    writer.writerows([neutralise(cell) for cell in row] for row in rows(report))
    return buffer.getvalue()
