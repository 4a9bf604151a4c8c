"""``roo-check suppliers`` output: the renewals due, most consequential first, then every
declaration with what it protects (text); the report as JSON; or one row per declaration
(CSV, xlsx) for a desk to send renewal requests from.

The CSV and workbook carry the same columns; amounts are numbers in the workbook (with a
number format) and plain decimal text in the CSV, every text cell neutralised against
formula injection like the check's CSV report.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from decimal import Decimal

from roo_check.errors import printable
from roo_check.jsontext import dumps
from roo_check.models.report_view import DeclarationUse, Standing, SuppliersReport
from roo_check.money import display_money
from roo_check.reporters.csv import neutralise
from roo_check.reporters.workbook import (
    fit_columns,
    sheet_cell,
    stamp_of,
    style_header,
    workbook_bytes,
)

FORMATS = ("text", "json", "csv", "xlsx")

COLUMNS = (
    "declaration_id",
    "supplier",
    "certifier",
    "scope",
    "period_start",
    "period_end",
    "signed_on",
    "valid_until",
    "days_left",
    "standing",
    "renewal_rank",
    "goods_depending",
    "value_at_stake",
    "currency",
    "claims",
    "covers",
    "source",
)
"""The table's columns (CSV and xlsx): one row per declaration and currency at stake."""


def render(report: SuppliersReport, fmt: str = "text") -> str | bytes:
    if fmt == "json":
        return dumps(report.model_dump(mode="json")) + "\n"
    if fmt == "csv":
        return _csv(report)
    if fmt == "xlsx":
        return _xlsx(report)
    return text(report)


# ------------------------------------------------------------------------------------ text


def text(report: SuppliersReport) -> str:
    by_id = {u.declaration_id: u for u in report.declarations}
    lines = [
        f"Declarations on {report.on}: {len(report.declarations)} in the register; "
        f"{len(report.renewals)} expired or expiring within {report.within_days} days"
    ]
    if report.renewals:
        lines += ["", "Renewals, most consequential first:"]
        for rank, key in enumerate(report.renewals, start=1):
            lines.append(f"  {rank}. {_headline(by_id[key])}")
    lines += ["", "Every declaration:"]
    for use in report.declarations:
        lines += _declaration(use)
    if report.unbacked:
        count = len(report.unbacked)
        lines += ["", f"Claims with no declaration of the register behind them ({count}):"]
        for claim in report.unbacked:
            row = f" row {claim.row}" if claim.row else ""
            lines.append(
                f"  {printable(claim.shipment)} {printable(claim.good)} "
                f"{printable(claim.material)}{row}: {printable('; '.join(claim.issues))}"
            )
    return "\n".join(lines) + "\n"


def _stake(use: DeclarationUse) -> str:
    if not use.value_at_stake:
        return "nothing at stake"
    return ", ".join(f"{display_money(v)} {c}" for c, v in use.value_at_stake.items()) + " at stake"


def _when(use: DeclarationUse) -> str:
    if use.standing is Standing.expired:
        return f"expired {use.valid_until} ({-use.days_left} days ago)"
    if use.standing is Standing.not_yet:
        return f"in force from {use.period_start}"
    return f"valid until {use.valid_until} ({use.days_left} days left)"


def _headline(use: DeclarationUse) -> str:
    goods = ", ".join(printable(g.good) for g in use.dependent) or "no good depends on it"
    return (
        f"{printable(use.declaration_id)} {printable(use.supplier)}: {_when(use)}; "
        f"{_stake(use)}; goods depending on it: {goods}"
    )


def _declaration(use: DeclarationUse) -> list[str]:
    period = f"{use.period_start} to {use.period_end}" if use.period_start else "single shipment"
    lines = [
        f"  {printable(use.declaration_id)}  {printable(use.supplier)}  {use.scope} {period}, "
        f"signed {use.signed_on}: {_when(use)} [{use.standing.value}]",
        f"    covers {printable(', '.join(use.covers))}; from {printable(use.source)}",
    ]
    for claim in use.claims:
        issues = f": {printable('; '.join(claim.issues))}" if claim.issues else ""
        lines.append(
            f"    claim {printable(claim.shipment)} {printable(claim.good)} "
            f"{printable(claim.material)} [{claim.status.value}]{issues}"
        )
    for good in use.dependent:
        lines.append(
            f"    protects {printable(good.shipment)} {printable(good.good)}: "
            f"{good.status_without.value} without it; {display_money(good.value)} "
            f"{good.currency} ({printable(good.basis)})"
        )
    if not use.claims:
        lines.append("    no claim of these inputs names it")
    return lines


# ----------------------------------------------------------------------------------- tables


def rows(report: SuppliersReport) -> Iterable[tuple[object, ...]]:
    """One row per declaration and currency at stake (one row when nothing is at stake)."""
    rank = {key: i for i, key in enumerate(report.renewals, start=1)}
    for use in report.declarations:
        stakes = list(use.value_at_stake.items()) or [(None, None)]
        for currency, value in stakes:
            yield (
                use.declaration_id,
                use.supplier,
                use.certifier,
                use.scope,
                use.period_start,
                use.period_end,
                use.signed_on,
                use.valid_until,
                use.days_left,
                use.standing.value,
                rank.get(use.declaration_id),
                "; ".join(
                    f"{g.shipment} {g.good}" for g in use.dependent if g.currency == currency
                ),
                value,
                currency,
                len(use.claims),
                "; ".join(use.covers),
                use.source,
            )


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal | int):
        return str(value)
    return neutralise(str(value))


def _csv(report: SuppliersReport) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows([_cell(v) for v in row] for row in rows(report))
    return buffer.getvalue()


def _xlsx(report: SuppliersReport) -> bytes:
    """The table as a workbook: dates as dates, amounts as numbers, header frozen, filters
    on, the same bytes on every run (:func:`roo_check.reporters.workbook.workbook_bytes`)."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "declarations"
    sheet.append(list(COLUMNS))
    table = [[sheet_cell(v) for v in row] for row in rows(report)]
    for row in table:
        sheet.append(row)
    money_column = get_column_letter(COLUMNS.index("value_at_stake") + 1)
    for cell in sheet[money_column][1:]:
        cell.number_format = "#,##0.00"
    for name in ("period_start", "period_end", "signed_on", "valid_until"):
        for cell in sheet[get_column_letter(COLUMNS.index(name) + 1)][1:]:
            cell.number_format = "yyyy-mm-dd"
    style_header(sheet)
    fit_columns(sheet, [list(COLUMNS), *table])
    return workbook_bytes(workbook, stamp_of(report.on))
