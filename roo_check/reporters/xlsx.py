"""The xlsx report: the report's tables as a workbook a compliance desk sorts, filters and
sums, one sheet per table.

``goods``
    One row per determination: its status, criterion, rule, the alternatives met, the RVC
    under each method, and the figures behind them (VNM, transaction value, net cost, value
    from China) in the good's currency.
``materials``
    One row per material of a good as its determination shows it (the BOM lines as Chapter 4
    counts them where the report has them, else the non-originating materials the tariff
    shift looked at), with the tariff shift's outcome for that material under each
    alternative of the good's rule (``tariff shift (A)``, ``why (A)``...).
``rvc``
    One row per good, alternative and method: base, VNM, RVC, threshold, met.
``findings``
    The CSV report's table (:mod:`roo_check.reporters.csv`): one row per finding and input
    error, a column per figure, suppressed findings with their owner and reason.
``evidence``
    One row per originating claim of a BOM and the supplier's declaration behind it.
``inputs``
    The tool and its version, the rule set's hash, the evaluation date, the configuration and
    every input file with its SHA-256: what an auditor needs to reproduce the workbook.

Amounts are numbers (format ``#,##0.00``) as the report holds them; percentages are numbers
of percent rounded to two places as every report prints them (``RVC TV (%)`` 36.94, format
``0.00``: the comparison with the threshold was made unrounded, and the ``met`` column says
its outcome); dates are dates. Each sheet's header is frozen and filtered. Every text cell is
neutralised against formula injection like the CSV report's. The same report gives the same
bytes (:func:`roo_check.reporters.workbook.workbook_bytes`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from roo_check.models.findings import (
    AlternativeResult,
    Determination,
    MaterialCheck,
    Report,
    RvcResult,
    ShipmentResult,
)
from roo_check.models.stages import MaterialTreatment
from roo_check.money import round_percent
from roo_check.reporters import RenderOptions
from roo_check.reporters import csv as csv_report
from roo_check.reporters.workbook import (
    DATE,
    MONEY,
    PERCENT,
    fit_columns,
    sheet_cell,
    stamp_of,
    style_header,
    workbook_bytes,
)

OUTCOMES = {True: "met", False: "not met", None: "cannot decide"}
SHIFT_OUTCOMES = {True: "passes", False: "fails", None: "cannot decide"}
METHOD_NAMES = {"transaction_value": "transaction value", "net_cost": "net cost"}


@dataclass
class Table:
    """One sheet: its name, header, number formats by column header, and rows."""

    name: str
    header: list[str]
    formats: dict[str, str] = field(default_factory=dict)
    rows: list[list[Any]] = field(default_factory=list)


def _determinations(report: Report) -> Iterator[tuple[ShipmentResult, Determination]]:
    for shipment in report.shipments:
        for d in shipment.determinations:
            yield shipment, d


def _percent(value: Decimal | None) -> Decimal | None:
    return None if value is None else round_percent(value)


# ------------------------------------------------------------------------------------ goods

GOODS_FORMATS = {
    "RVC TV (%)": PERCENT,
    "RVC NC (%)": PERCENT,
    "VNM": MONEY,
    "transaction value": MONEY,
    "net cost": MONEY,
    "value from China": MONEY,
    "value of unknown status": MONEY,
    "evaluation date": DATE,
}
GOODS_HEADER = [
    "shipment",
    "good",
    "description",
    "HS code",
    "tariff item",
    "status",
    "criterion",
    "rule",
    "alternatives met",
    "RVC TV (%)",
    "RVC NC (%)",
    "currency",
    "VNM",
    "transaction value",
    "net cost",
    "value from China",
    "value of unknown status",
    "evaluation date",
    "date source",
    "message",
]


def _good_row(shipment: ShipmentResult, d: Determination) -> list[Any]:
    f = d.figures
    return [
        shipment.name,
        d.good_part_number,
        d.description,
        d.hs_code,
        d.tariff_item,
        d.status.value,
        d.criterion.value if d.criterion else None,
        d.rule.id if d.rule else None,
        ", ".join(a.label for a in d.alternatives if a.passed) or None,
        _percent(f.rvc_transaction_value),
        _percent(f.rvc_net_cost),
        f.currency,
        f.vnm,
        f.transaction_value,
        f.net_cost,
        f.value_china,
        f.value_unknown_status,
        d.evaluation_date,
        d.date_source,
        d.message,
    ]


def goods_table(report: Report) -> Table:
    rows = [_good_row(s, d) for s, d in _determinations(report)]
    return Table("goods", GOODS_HEADER, GOODS_FORMATS, rows)


# -------------------------------------------------------------------------------- materials


@dataclass
class MaterialRow:
    """One material of one good, gathered from the places its determination shows it."""

    part_number: str
    row: int | None
    description: str
    hs_code: str
    value: Decimal
    origin_status: str
    country: str | None = None
    material_type: str | None = None
    counted_as: str | None = None
    vnm_value: Decimal | None = None
    shift: dict[str, MaterialCheck] = field(default_factory=dict)


def _from_line(line: MaterialTreatment) -> MaterialRow:
    return MaterialRow(
        part_number=line.part_number,
        row=line.row,
        description=line.description,
        hs_code=line.hs_code,
        value=line.value,
        origin_status=line.declared_status,
        material_type=line.material_type,
        counted_as=line.counted_status,
        vnm_value=line.vnm_value,
    )


def _from_check(check: MaterialCheck) -> MaterialRow:
    return MaterialRow(
        part_number=check.part_number,
        row=check.row,
        description=check.description,
        hs_code=check.hs_code,
        value=check.value,
        origin_status=check.origin_status,
        country=check.country_of_origin,
    )


def _shifts(d: Determination) -> Iterator[tuple[AlternativeResult, MaterialCheck]]:
    for alternative in d.alternatives:
        if alternative.shift is not None:
            for check in alternative.shift.materials:
                yield alternative, check


def material_rows(d: Determination) -> list[MaterialRow]:
    """The good's materials, in BOM order: the lines as Chapter 4 counts them when the
    report has them, and every material a tariff shift looked at, each with its outcome
    under each alternative."""
    found: dict[tuple[str, int | None], MaterialRow] = {}
    if d.materials is not None:
        for line in d.materials.lines:
            found.setdefault((line.part_number, line.row), _from_line(line))
    for alternative, check in _shifts(d):
        material = found.setdefault((check.part_number, check.row), _from_check(check))
        material.country = material.country or check.country_of_origin
        material.shift.setdefault(alternative.label, check)
    return sorted(found.values(), key=lambda m: (m.row is None, m.row or 0, m.part_number))


def _labels(report: Report) -> list[str]:
    """Every alternative label with a tariff shift in the report, in the order first met."""
    labels: dict[str, None] = {}
    for _, d in _determinations(report):
        for alternative in d.alternatives:
            if alternative.shift is not None:
                labels.setdefault(alternative.label, None)
    return list(labels)


MATERIALS_HEADER = [
    "shipment",
    "good",
    "material",
    "row",
    "description",
    "HS code",
    "origin status",
    "country of origin",
    "material type",
    "counted as",
    "currency",
    "value",
    "VNM value",
]


def _material_row(
    shipment: ShipmentResult, d: Determination, m: MaterialRow, labels: list[str]
) -> list[Any]:
    cells: list[Any] = [
        shipment.name,
        d.good_part_number,
        m.part_number,
        m.row,
        m.description,
        m.hs_code,
        m.origin_status,
        m.country,
        m.material_type,
        m.counted_as,
        d.figures.currency,
        m.value,
        m.vnm_value,
    ]
    for label in labels:
        check = m.shift.get(label)
        cells += [SHIFT_OUTCOMES[check.passes], check.reason] if check else [None, None]
    return cells


def materials_table(report: Report) -> Table:
    labels = _labels(report)
    header = MATERIALS_HEADER + [
        name for label in labels for name in (f"tariff shift ({label})", f"why ({label})")
    ]
    rows = [
        _material_row(s, d, m, labels) for s, d in _determinations(report) for m in material_rows(d)
    ]
    return Table("materials", header, {"value": MONEY, "VNM value": MONEY}, rows)


# -------------------------------------------------------------------------------------- rvc

RVC_HEADER = [
    "shipment",
    "good",
    "alternative",
    "method",
    "currency",
    "base",
    "VNM",
    "RVC (%)",
    "threshold (%)",
    "met",
]


def _rvc_row(shipment: ShipmentResult, d: Determination, label: str, r: RvcResult) -> list[Any]:
    return [
        shipment.name,
        d.good_part_number,
        label,
        METHOD_NAMES.get(r.method, r.method),
        d.figures.currency,
        r.base,
        r.vnm,
        _percent(r.rvc),
        r.threshold,
        OUTCOMES[r.passed],
    ]


def rvc_table(report: Report) -> Table:
    rows = [
        _rvc_row(s, d, alternative.label, r)
        for s, d in _determinations(report)
        for alternative in d.alternatives
        for r in alternative.rvc
    ]
    formats = {"base": MONEY, "VNM": MONEY, "RVC (%)": PERCENT, "threshold (%)": PERCENT}
    return Table("rvc", RVC_HEADER, formats, rows)


# ------------------------------------------------------------------------ findings, evidence


_FIGURE_NUMBER = re.compile(r"-?\d{1,3}(?:,\d{3})*(?:\.\d+)?")
"""A figure as the engine prints an amount, a percentage or a count (``1,640.00``, ``36.94``,
``36``): thousands always separated, so an HS code (``8501.53``) or a year never matches."""


def typed_figure(text: str) -> Decimal | str:
    """A figure cell of the findings sheet: a number where the figure is one, else its text."""
    if _FIGURE_NUMBER.fullmatch(text):
        return Decimal(text.replace(",", ""))
    return text


def findings_table(report: Report) -> Table:
    """The CSV report's rows, one table of findings for the sheet and the CSV alike, with
    the figure columns as numbers."""
    header = list(csv_report.columns(report))
    first_figure = len(csv_report.COLUMNS)
    rows: list[list[Any]] = [
        [
            *row[:first_figure],
            *(typed_figure(cell) if cell else None for cell in row[first_figure:]),
        ]
        for row in csv_report.rows(report)
    ]
    return Table("findings", header, {}, rows)


EVIDENCE_HEADER = [
    "shipment",
    "good",
    "material",
    "row",
    "supplier",
    "evidence",
    "declaration",
    "in force on",
    "date source",
    "status",
    "issues",
]


def evidence_table(report: Report) -> Table:
    rows = [
        [
            s.name,
            d.good_part_number,
            claim.part_number,
            claim.row,
            claim.supplier,
            claim.evidence,
            claim.declaration,
            claim.date,
            claim.date_source,
            claim.status.value,
            "; ".join(issue.message for issue in claim.issues) or None,
        ]
        for s, d in _determinations(report)
        for claim in d.evidence
    ]
    return Table("evidence", EVIDENCE_HEADER, {"in force on": DATE}, rows)


# ---------------------------------------------------------------------------------- inputs


def _input_rows(report: Report) -> Iterator[list[Any]]:
    yield ["tool", None, report.tool, None]
    yield ["version", None, report.version, None]
    yield ["rule set", None, None, report.ruleset_hash]
    yield ["evaluation date", None, report.evaluation_date, None]
    yield ["date source", None, report.date_source, None]
    yield ["strict evidence", None, "yes" if report.strict_evidence else "no", None]
    yield ["fixes", None, "yes" if report.fixes else "no", None]
    if report.config is not None:
        yield ["configuration", None, report.config.path, report.config.sha256]
    for record in report.declarations:
        yield ["declarations", None, record.path, record.sha256]
    for shipment in report.shipments:
        for record in shipment.inputs:
            yield ["input", shipment.name, record.path, record.sha256]


def inputs_table(report: Report) -> Table:
    header = ["item", "shipment", "value", "sha256"]
    return Table("inputs", header, {}, list(_input_rows(report)))


# ----------------------------------------------------------------------------------- sheets

TABLES = (goods_table, materials_table, rvc_table, findings_table, evidence_table, inputs_table)


MAX_ROWS = 1_048_576
"""Rows an Excel sheet holds (the header is one of them). A longer table continues on
``materials (2)``, ``materials (3)``..., each with the header, rather than a file Excel
refuses to open."""


def _write(sheet: Any, table: Table) -> None:
    sheet.title = table.name
    sheet.append(table.header)
    for row in table.rows:
        sheet.append([sheet_cell(value) for value in row])
    for name, number_format in table.formats.items():
        column = table.header.index(name) + 1
        for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
            cell.number_format = number_format
    _format_plain_numbers(sheet, table)
    style_header(sheet)
    fit_columns(sheet, _sized(table))


def _format_plain_numbers(sheet: Any, table: Table) -> None:
    """A number in a column without a format (a figure of the findings sheet) keeps the
    decimal places the report printed it with, and thousands separators."""
    columns = [i for i, name in enumerate(table.header) if name not in table.formats]
    for r, row in enumerate(table.rows, start=2):
        for i in columns:
            value = row[i]
            if isinstance(value, Decimal):
                places = max(-int(value.as_tuple().exponent), 0)
                sheet.cell(r, i + 1).number_format = "#,##0" + (
                    "." + "0" * places if places else ""
                )


def _sized(table: Table) -> Iterable[list[Any]]:
    """The header and the rows, as wide as each column needs to be (long text wraps)."""
    yield table.header
    yield from table.rows


def pages(table: Table, rows_per_sheet: int = MAX_ROWS - 1) -> list[Table]:
    """The table as sheets Excel can open: one, or a continuation per ``rows_per_sheet``."""
    if len(table.rows) <= rows_per_sheet:
        return [table]
    chunks = range(0, len(table.rows), rows_per_sheet)
    return [
        Table(
            table.name if n == 0 else f"{table.name} ({n + 1})",
            table.header,
            table.formats,
            table.rows[start : start + rows_per_sheet],
        )
        for n, start in enumerate(chunks)
    ]


def render(report: Report, options: RenderOptions | None = None) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    first, *rest = [page for table in TABLES for page in pages(table(report))]
    _write(workbook.active, first)
    for page in rest:
        _write(workbook.create_sheet(), page)
    return workbook_bytes(workbook, stamp_of(report.evaluation_date))
