"""What every workbook roo-check writes shares: a table's look (bold header, frozen, filtered,
columns wide enough to read) and the same bytes for the same content.

openpyxl stamps each part of the zip with the clock and the document with "now"; a report
or template written twice from the same inputs must be the same file (a pipeline compares
them, a reviewer diffs them), so :func:`workbook_bytes` fixes both.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable
from typing import Any

ZIP_TIME = (1980, 1, 1, 0, 0, 0)
"""The time every part of the archive carries: the earliest a zip can hold, the convention
of reproducible builds."""

STAMP = dt.datetime(2020, 7, 1)
"""The document date when the content gives none: USMCA's entry into force."""

MONEY = "#,##0.00"
PERCENT = "0.00"
"""Percentages are written as numbers of percent (36.94, not 0.3694): the header says (%)."""
DATE = "yyyy-mm-dd"
TEXT = "@"

MIN_WIDTH = 6
MAX_WIDTH = 60
"""Column widths, in characters: wide enough for the header and the longest value, no wider
than a long message needs to be to wrap in a reader's eye."""


def cell_width(value: Any) -> int:
    """The characters a value takes on screen (a date as YYYY-MM-DD, money with separators)."""
    if value is None:
        return 0
    if isinstance(value, dt.date):
        return 10
    if isinstance(value, int | float) and not isinstance(value, bool):
        return len(f"{value:,.2f}")
    text = str(value)
    return max((len(line) for line in text.splitlines()), default=0)


def fit_columns(sheet: Any, rows: Iterable[Iterable[Any]], extra: int = 2) -> None:
    """Set each column's width from the header and the values written under it."""
    from openpyxl.utils import get_column_letter

    widths: dict[int, int] = {}
    for row in rows:
        for index, value in enumerate(row, start=1):
            widths[index] = max(widths.get(index, 0), cell_width(value))
    for index, width in widths.items():
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = min(max(width + extra, MIN_WIDTH), MAX_WIDTH)


def style_header(sheet: Any, *, filters: bool = True) -> None:
    """Bold header row, frozen below it, and (on a table with rows) its auto filter."""
    from openpyxl.styles import Font

    bold = Font(bold=True)
    for cell in sheet[1]:
        cell.font = bold
    sheet.freeze_panes = "A2"
    if filters:
        sheet.auto_filter.ref = sheet.dimensions


def workbook_bytes(workbook: Any, stamp: dt.datetime | None = None) -> bytes:
    """The workbook as .xlsx bytes that depend on its content only: the document's dates
    are ``stamp`` (or :data:`STAMP`), every part of the archive carries :data:`ZIP_TIME`."""
    # openpyxl's own save() sets the modified date to the clock's; its writer does not.
    from openpyxl.writer.excel import ExcelWriter

    stamp = stamp or STAMP
    workbook.properties.created = workbook.properties.modified = stamp
    workbook.properties.creator = "roo-check"
    workbook.properties.lastModifiedBy = None
    buffer = io.BytesIO()
    ExcelWriter(workbook, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)).save()
    return _fixed_times(buffer.getvalue())


def _fixed_times(data: bytes) -> bytes:
    """The same archive, each part stamped :data:`ZIP_TIME` instead of the clock's time."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            target.writestr(fixed, source.read(info))
    return out.getvalue()


def stamp_of(day: dt.date | None) -> dt.datetime:
    """The document date of a workbook about ``day`` (midnight), or :data:`STAMP`."""
    return dt.datetime.combine(day, dt.time()) if day is not None else STAMP


def sheet_cell(value: Any) -> Any:
    """A value as a workbook cell: numbers and dates stay what they are (openpyxl writes a
    Decimal as a number); text is neutralised against formula injection."""
    from roo_check.reporters.csv import neutralise

    if isinstance(value, str):
        return neutralise(value)
    return value
