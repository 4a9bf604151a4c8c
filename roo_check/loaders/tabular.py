"""Read CSV files and .xlsx worksheets into rows of ``{header: value}`` with row numbers.

Nothing here knows what a good or a BOM is; :mod:`roo_check.loaders.goods` does. Only the
names of the columns are known here, to find the header among the rows above it.

* The header is found by its names, as a desk keeps a table: it is the first row naming
  at least :data:`MIN_HEADER_NAMES` of the columns roo-check reads (:func:`known_columns`),
  so that a title, a blank row and notes above it are skipped (:attr:`Table.skipped`). A
  data row never names two columns, so it is never taken for the header. If no row among
  the first :data:`HEADER_SEARCH_ROWS` does, the first non-empty row is the header and the
  table is marked not :attr:`~Table.recognised`: the caller, which knows its columns, says
  so in one line instead of one per row.
* Headers are normalised: stripped, lower-cased, runs of spaces/hyphens -> ``_``.
* Empty cells are absent from a row's values; wholly empty rows are skipped, and so is a
  total row under the data (:func:`total_label`).
* Row numbers are what a spreadsheet shows: the first line of the file is row 1.
* CSV is UTF-8 (a byte-order mark is tolerated); the delimiter is the one that splits the
  header line into column names (else whichever of ``,`` ``;`` or tab occurs most in the
  first line). Leading ``# key: value`` lines (the single-file BOM form) are returned as
  :attr:`Table.preamble`.
* A worksheet may start with ``#`` rows too: ``# key: value`` in column A, or ``# key``
  in column A and the value in column B.
* .xlsx cells keep their types (int, float, bool, str); money floats are left for
  :func:`roo_check.money.to_decimal` to read exactly; date cells become ``datetime.date``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import re
import warnings
import zipfile
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import IO, Any

from roo_check.errors import InputError
from roo_check.loaders import Problems, one_line, show_value
from roo_check.loaders.limits import (
    MAX_CELL_CHARS,
    MAX_XLSX_MEMBERS,
    MAX_XLSX_UNCOMPRESSED_BYTES,
    check_size,
    input_limits,
    read_limited,
    text_too_long,
)

DELIMITERS = (",", ";", "\t")

REFUSED_FORMATS = {
    ".xlsm": "macro-enabled workbooks (.xlsm) are not read; save the workbook as .xlsx",
    ".xltm": "macro-enabled templates (.xltm) are not read; save the workbook as .xlsx",
    ".xls": "old Excel workbooks (.xls) are not read; save the workbook as .xlsx",
    ".xlsb": "binary Excel workbooks (.xlsb) are not read; save the workbook as .xlsx",
    ".ods": "OpenDocument spreadsheets (.ods) are not read; save the workbook as .xlsx",
}
"""Spreadsheet formats refused outright, with the message that says what to do instead."""

_HEADER_SEPARATORS = re.compile(r"[\s\-]+")


def normalize_header(text: object) -> str:
    """``" Part Number "`` -> ``"part_number"``; ``"HS-Code"`` -> ``"hs_code"``."""
    return _HEADER_SEPARATORS.sub("_", str(text).strip().lower())


# ------------------------------------------------------------------- finding the header

MIN_HEADER_NAMES = 2
"""Column names a row must hold to be the header. Every table roo-check reads requires at
least four columns, and a data row holds values, not two column names."""

HEADER_SEARCH_ROWS = 30
"""Non-empty rows the header is looked for in: a title block is a few rows, and a table
without a header is then refused without reading every row for one."""

KEY_COLUMNS = ("part_number", "declaration_id")
"""The column that names what a row is about (a good, a material, a declaration): a total
row leaves it empty, or holds its label there."""

_SET_BY_LOADER = frozenset({"row", "source", "location"})


@cache
def known_columns() -> frozenset[str]:
    """The names of the columns of every table roo-check reads (goods, BOM lines, stock
    records, declarations), read from the models: only to tell the header from a title."""
    from roo_check.models.declarations import Declaration
    from roo_check.models.goods import BomLine, Good
    from roo_check.models.inventory import InventoryRecord

    models = (Good, BomLine, InventoryRecord, Declaration)
    return frozenset(name for model in models for name in model.model_fields) - _SET_BY_LOADER


def _column_names(cells: Iterable[Any]) -> set[str]:
    """The known column names among a row's cells."""
    known = known_columns()
    return {
        name
        for cell in cells
        if isinstance(cell, str) and (name := normalize_header(cell)) in known
    }


def names_columns(cells: Iterable[Any]) -> bool:
    """Whether a row's cells name at least :data:`MIN_HEADER_NAMES` known columns."""
    return len(_column_names(cells)) >= MIN_HEADER_NAMES


_TOTAL_LABEL = re.compile(
    r"(?:grand\s+|gran\s+|sub[\s\-]?)?(?:total(?:es|s)?(?:\s+general)?|suma(?:\s+total)?|sum)"
    r"\s*[:.]?",
    re.IGNORECASE,
)
_NUMBER_TEXT = re.compile(r"[-+(]?\s*[$€£]?\s*\d[\d.,' \u00a0]*\)?\s*%?")
_CURRENCY = re.compile(r"[A-Z]{3}")


def total_label(cell: Any) -> bool:
    """Whether a cell is the label of a total row: ``Total``, ``TOTAL:``, ``Subtotal``,
    ``Sub-total``, ``Grand total``, ``Sum``, Spanish ``Total general``, ``Suma``. The whole
    cell: ``Total station`` is a description, not a label."""
    return isinstance(cell, str) and _TOTAL_LABEL.fullmatch(cell.strip()) is not None


def _is_sum(cell: Any) -> bool:
    """Whether a cell of a total row can be one of its sums: a number, or a currency code."""
    if isinstance(cell, bool):
        return False
    if isinstance(cell, int | float):
        return True
    return isinstance(cell, str) and (
        _NUMBER_TEXT.fullmatch(cell) is not None or _CURRENCY.fullmatch(cell) is not None
    )


def _total_row(cells: Sequence[Any], key: int | None) -> str | None:
    """The label of a total row, or None for any other row.

    A total row's first non-empty cell is a total label (:func:`total_label`) and its key
    column (:data:`KEY_COLUMNS`) is empty; or the label stands in the key column itself and
    every other cell is a number or a currency code (the sums). A row of a good, a material
    or a declaration has a description or another text beside its key, so it is never
    taken for a total.
    """
    if key is None:
        return None
    index, first = next(((i, c) for i, c in enumerate(cells) if c is not None), (0, None))
    if not total_label(first):
        return None
    key_cell = cells[key] if key < len(cells) else None
    if key_cell is None:
        return str(first).strip()
    if index != key:
        return None
    others = (c for i, c in enumerate(cells) if i != key and c is not None)
    return str(first).strip() if all(_is_sum(c) for c in others) else None


@dataclass(frozen=True, slots=True)
class Skipped:
    """A row read and left out, that a report may mention: not an error."""

    number: int
    why: str
    """``above the header`` (a title or a note) or ``a total row``."""
    text: str
    """Its first non-empty cell, shortened: what the user sees in the row."""


ABOVE_HEADER = "above the header"
TOTAL_ROW = "a total row"


@dataclass(frozen=True, slots=True)
class Row:
    """One data row: its number as a spreadsheet shows it, and its non-empty cells."""

    number: int
    values: dict[str, Any]
    aligned: bool = True
    """False if the row has more cells than the header (its values are probably shifted by
    an unquoted delimiter) or a cell over :data:`MAX_CELL_CHARS`: the row is reported once
    and not validated further."""


class _Refused:
    """A cell refused while reading (too long): reported already, its row not validated."""

    def __repr__(self) -> str:
        return "<refused cell>"


REFUSED = _Refused()


@dataclass(frozen=True)
class Table:
    """A header and the data rows under it, read from one CSV file or one worksheet."""

    file: str
    headers: tuple[str, ...]
    header_row: int
    rows: tuple[Row, ...]
    sheet: str | None = None
    preamble: dict[str, tuple[int, str]] = field(default_factory=dict)
    """``# key: value`` lines before the header: normalised key -> (row number, value)."""
    problems: tuple[InputError, ...] = ()
    """Problems of single rows (stray cells, oversize cells). The table is still returned so
    that the caller can report these together with the problems of the values; a caller
    must report them. None are kept for a table whose header is not :attr:`recognised`."""
    text_cells: bool = False
    """Every cell value is a ``str`` (a CSV table), so that a column of text needs no
    conversion; a worksheet's cells keep their types (numbers, dates, booleans)."""
    recognised: bool = True
    """The header names known columns (:func:`names_columns`). If not, no row among the
    first :data:`HEADER_SEARCH_ROWS` does: the first non-empty row stands as the header,
    the rows' own problems are not kept (their columns are unknown), and the caller says in
    one line that no header was found."""
    header_cells: tuple[str, ...] = ()
    """The header row's cells as written (for a message about an unrecognised header)."""
    skipped: tuple[Skipped, ...] = ()
    """Rows left out that are not errors: title and note rows above the header, total rows.
    A note, not a problem: nothing in a report shows them yet."""

    def where(self, row: int) -> str:
        """The location of a row as the user finds it: ``row 4`` or ``sheet 'bom' row 4``."""
        return f"sheet {self.sheet!r} row {row}" if self.sheet else f"row {row}"

    def notes(self) -> list[str]:
        """One line per skipped row: ``row 12: skipped, a total row ('TOTAL')``."""
        return [
            f"{self.where(s.number)}: skipped, {s.why} ({show_value(s.text, 40)})"
            for s in self.skipped
        ]


@dataclass(frozen=True)
class TableDocument:
    """A model read from a table with ``# key: value`` lines, and the table it came from, so
    that later checks can name the row or the key line a problem is at."""

    table: Table

    @property
    def file(self) -> str:
        return self.table.file

    def where_key(self, name: str) -> str | None:
        """Where the ``# name: ...`` line stands."""
        entry = self.table.preamble.get(name)
        return self.table.where(entry[0]) if entry else None

    def where_row(self, row: int | None) -> str | None:
        return self.table.where(row) if row is not None else None

    def problem(self, message: str, key: str) -> InputError:
        """An error at the ``# key: ...`` line."""
        return InputError(message, file=self.file, location=self.where_key(key), field=key)


# --------------------------------------------------------------------------- building tables


def _build_table(
    records: Iterable[tuple[int, Sequence[Any]]],
    *,
    file: str,
    sheet: str | None,
    preamble: dict[str, tuple[int, str]],
    problems: Problems,
    clean: Callable[[Sequence[Any], int, Problems], list[Any] | None],
    text_cells: bool = False,
) -> Table:
    """Turn numbered records into a :class:`Table`: the header is the first row naming
    known columns (:func:`_find_header`), the rows under it are the data.

    ``clean(record, number, row_problems)`` maps a raw record to its cells, None for an
    empty cell and :data:`REFUSED` for a refused one (which it reports), or to None if every
    cell is empty. Problems of the whole table go to ``problems``; those of one row are kept
    in :attr:`Table.problems`, if the header is recognised.
    """
    row_problems = Problems()
    where = (lambda n: f"sheet {sheet!r} row {n}") if sheet else (lambda n: f"row {n}")
    cleaned = _cleaned(records, clean, row_problems)
    header, lead = _find_header(cleaned)
    recognised = header is not None
    body: Iterable[_Cleaned] = cleaned
    skipped: list[Skipped] = []
    if header is not None:
        skipped = [Skipped(number, ABOVE_HEADER, _first_text(cells)) for number, cells, _ in lead]
    elif lead:
        header, body = lead[0], itertools.chain(lead[1:], cleaned)
    else:
        problems.add("no header row: the table is empty", file=file, location=sheet and where(1))
        return Table(file, (), 0, (), sheet, preamble, text_cells=text_cells)
    header_row, cells, _refused = header
    headers = _header(cells, file=file, location=where(header_row), problems=problems)
    body_rows = _Body(
        headers,
        header_row,
        file=file,
        where=where,
        delimited=text_cells,
        key=_key_index(headers) if recognised else None,
        problems=problems,
        row_problems=row_problems,
    )
    rows = body_rows.read(body, skipped)
    return Table(
        file=file,
        headers=tuple(headers),
        header_row=header_row,
        rows=tuple(rows),
        sheet=sheet,
        preamble=preamble,
        problems=_kept(row_problems, file=file) if recognised else (),
        text_cells=text_cells,
        recognised=recognised,
        header_cells=tuple(_first_text([cell]) for cell in cells if cell is not None),
        skipped=tuple(skipped),
    )


_Cleaned = tuple[int, list[Any], bool]
"""A non-empty row: its number, its cells, whether a cell was refused (and reported)."""


def _cleaned(
    records: Iterable[tuple[int, Sequence[Any]]],
    clean: Callable[[Sequence[Any], int, Problems], list[Any] | None],
    row_problems: Problems,
) -> Iterator[_Cleaned]:
    """The non-empty rows, cleaned: blank rows, anywhere, are passed over here."""
    for number, record in records:
        reported = len(row_problems)
        cells = clean(record, number, row_problems)
        if cells is not None:
            yield number, cells, len(row_problems) != reported


def _find_header(rows: Iterator[_Cleaned]) -> tuple[_Cleaned | None, list[_Cleaned]]:
    """The first row naming known columns and the rows above it (a title, notes); or None
    and the first :data:`HEADER_SEARCH_ROWS` rows, if none of them does."""
    lead: list[_Cleaned] = []
    for row in rows:
        if names_columns(row[1]):
            return row, lead
        lead.append(row)
        if len(lead) >= HEADER_SEARCH_ROWS:
            break
    return None, lead


def _first_text(cells: Sequence[Any]) -> str:
    """The first non-empty cell of a row as text, cut to 60 characters, for a message."""
    first = next((cell for cell in cells if cell is not None), "")
    text = _preamble_text(first) if first is not REFUSED else "(a cell too long to read)"
    return text if len(text) <= 60 else text[:57] + "..."


def _key_index(headers: Sequence[str]) -> int | None:
    """The position of the table's key column (:data:`KEY_COLUMNS`), if it has one."""
    return next((headers.index(name) for name in KEY_COLUMNS if name in headers), None)


_LABEL_INITIALS = frozenset("tTsSgG")
"""The first letters of the total labels: any other row is passed over at once."""


class _Body:
    """Reads the data rows under a header: each one a :class:`Row`, or a total row skipped."""

    def __init__(
        self,
        headers: list[str],
        header_row: int,
        *,
        file: str,
        where: Callable[[int], str],
        delimited: bool,
        key: int | None,
        problems: Problems,
        row_problems: Problems,
    ) -> None:
        self.headers = headers
        self.plain = _plain_headers(headers)
        self.header_row = header_row
        self.file = file
        self.where = where
        self.delimited = delimited
        self.key = key
        self.problems = problems
        self.row_problems = row_problems

    def read(self, body: Iterable[_Cleaned], skipped: list[Skipped]) -> list[Row]:
        """The rows, up to the row limit; total rows go to ``skipped``."""
        rows: list[Row] = []
        last = self.header_row + input_limits().rows
        plain, initials = self.plain, _LABEL_INITIALS  # local names: this loop runs per row
        for number, cells, refused in body:
            if number > last:
                self.too_many(number)
                break
            first = cells[0]  # most rows start with their key: no loop over the cells
            if first is None:
                first = next((cell for cell in cells if cell is not None), None)
            if type(first) is str and first[:1] in initials:
                label = _total_row(cells, self.key)
                if label is not None:
                    skipped.append(Skipped(number, TOTAL_ROW, label))
                    continue
            # A refused cell is reported while cleaning: a row that cleaned quietly has none.
            row = None if refused else _plain_row(cells, plain, number)
            rows.append(row or self.word_by_word(cells, number))
        return rows

    def too_many(self, number: int) -> None:
        most = input_limits().rows
        self.problems.add(
            f"more than {most:,} data rows; split the file",
            file=self.file,
            location=self.where(number),
        )

    def word_by_word(self, cells: list[Any], number: int) -> Row:
        """A row that needs a word about a cell (see :func:`_row`)."""
        return _row(
            cells,
            self.headers,
            number,
            file=self.file,
            sheet=None,
            delimited=self.delimited,
            location=self.where(number),
            problems=self.row_problems,
        )


def _plain_headers(headers: list[str]) -> tuple[str, ...] | None:
    """The headers if every column has a name of its own, else None (each row is then read
    cell by cell, to report a cell under no header or keep the first of a repeated name)."""
    if "" in headers or len(set(headers)) != len(headers):
        return None
    return tuple(headers)


def _plain_row(cells: list[Any], headers: tuple[str, ...] | None, number: int) -> Row | None:
    """The row, if it needs no word about any cell: plain headers, no cell beyond the last
    header, and (the caller knows) no refused cell. None otherwise: :func:`_row` then reads
    it cell by cell. Most rows are plain, and this builds them without a Python step a cell.
    """
    if headers is None:
        return None
    if len(cells) > len(headers):
        beyond = cells[len(headers) :]
        if beyond.count(None) != len(beyond):
            return None
    named = zip(headers, cells, strict=False)  # a short row leaves the last columns empty
    return Row(number, {name: cell for name, cell in named if cell is not None})


def _header(cells: list[Any], *, file: str, location: str, problems: Problems) -> list[str]:
    """The normalised column names; a column named twice is a problem of the whole table.

    Trailing unnamed columns are dropped, so that a trailing delimiter or an empty but
    formatted cell does not make a column.
    """
    headers = [normalize_header(c) if c is not None and c is not REFUSED else "" for c in cells]
    while headers and headers[-1] == "":
        headers.pop()
    seen: set[str] = set()
    for name in headers:
        if name and name in seen:
            problems.add(
                f"column {name!r} appears more than once in the header",
                file=file,
                location=location,
                field=name,
            )
        seen.add(name)
    return headers


def _row(
    cells: list[Any],
    headers: list[str],
    number: int,
    *,
    file: str,
    sheet: str | None,
    location: str,
    problems: Problems,
    delimited: bool | None = None,
) -> Row:
    """The row's cells under their headers; a cell under no header is a problem of the row.

    A cell beyond the last header means the values are probably shifted (in a CSV file,
    ``delimited``, an unquoted delimiter), so the row is marked as not aligned. A table
    read from a sheet is not delimited, even the first sheet read without a ``sheet`` label.
    """
    if delimited is None:
        delimited = sheet is None
    values: dict[str, Any] = {}
    aligned = True
    for index, cell in enumerate(cells):
        if cell is None:
            continue
        if cell is REFUSED:
            aligned = False
            continue
        if index >= len(headers) or headers[index] == "":
            aligned = aligned and index < len(headers)
            hint = (
                "; quote values that contain the delimiter"
                if index >= len(headers) and delimited
                else ""
            )
            problems.add(
                f"value {show_value(cell, 40)} in column {index + 1}, which has no header{hint}",
                file=file,
                location=location,
            )
            continue
        values.setdefault(headers[index], cell)
    return Row(number, values, aligned)


def _kept(row_problems: Problems, *, file: str) -> tuple[InputError, ...]:
    """The row problems to keep with the table, and how many were dropped over the limit."""
    kept: list[InputError] = [e for e in row_problems.errors if isinstance(e, InputError)]
    if row_problems.dropped:
        kept.append(InputError(f"... and {row_problems.dropped} more row problem(s)", file=file))
    return tuple(kept)


# ----------------------------------------------------------------------------------------- CSV


def _clean_text(value: str, number: int, problems: Problems, file: str) -> str | None:
    text = value.strip()
    if not text:
        return None
    if len(text) > MAX_CELL_CHARS:
        problems.add(text_too_long(len(text)), file=file, location=f"row {number}")
        return REFUSED
    return text


def _clean_record(
    record: Sequence[str],
    number: int,
    problems: Problems,
    file: str,
    strings: dict[str, str] | None = None,
) -> list[Any] | None:
    """A CSV record's cells: stripped text, None for an empty cell, :data:`REFUSED` for one
    over :data:`MAX_CELL_CHARS` (reported); None for a record of empty cells.

    ``strings`` holds one copy of each text met in the table: a supplier, a description or a
    currency repeats over thousands of rows, and each row would otherwise keep its own copy.
    """
    if len("".join(record)) <= MAX_CELL_CHARS:  # no cell can be too long: skip the check
        if strings is None:
            cells = [value.strip() or None for value in record]
        else:
            one = strings.setdefault
            cells = [one(text, text) if (text := value.strip()) else None for value in record]
    else:
        cells = [_clean_text(value, number, problems, file) for value in record]
    return cells if any(cells) else None  # a cell is None, REFUSED or non-empty text


def _decode(data: bytes, *, file: str) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            "the file is not UTF-8 text; save it as 'CSV UTF-8'",
            file=file,
            location=f"row {line}",
        ) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise InputError(
            "the file contains NUL characters; it is not a CSV text file (save it as 'CSV UTF-8')",
            file=file,
            location=f"row {line}",
        )
    return text


def _sniff(stream: io.StringIO) -> str:
    """The delimiter that splits a line among the first into known column names (the
    header, below any title); else the one that occurs most in the first line. The stream
    is left where it was."""
    start = stream.tell()
    lines: list[str] = []
    while len(lines) < HEADER_SEARCH_ROWS and (line := stream.readline()):
        if line.strip():
            lines.append(line)
    stream.seek(start)
    for line in lines:
        named = {
            d: _column_names(part.strip().strip('"') for part in line.split(d)) for d in DELIMITERS
        }
        best = max(DELIMITERS, key=lambda d: len(named[d]))
        if len(named[best]) >= MIN_HEADER_NAMES:
            return best
    first = lines[0] if lines else ""
    counts = {d: first.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_csv(data: bytes, *, file: str) -> Table:
    """Read CSV bytes (UTF-8, optional BOM) into a :class:`Table`; raise on any problem."""
    check_size(len(data), file=file)
    text = _decode(data, file=file)
    problems = Problems()
    stream = io.StringIO(text, newline="")
    preamble, line_number = _read_preamble(stream, file=file, problems=problems)

    delimiter = _sniff(stream)
    reader = csv.reader(stream, delimiter=delimiter, strict=True)
    strings: dict[str, str] = {}

    def records() -> Iterator[tuple[int, list[str]]]:
        number = line_number
        try:
            for record in reader:  # only reading the next record raises csv.Error
                number += 1
                yield number, record
        except csv.Error as exc:
            problems.add(
                f"malformed CSV: {one_line(str(exc))}",
                file=file,
                location=f"row {number + 1}",
            )

    table = _build_table(
        records(),
        file=file,
        sheet=None,
        preamble=preamble,
        problems=problems,
        clean=lambda record, number, probs: _clean_record(record, number, probs, file, strings),
        text_cells=True,
    )
    problems.raise_if_any()
    return table


def _read_preamble(
    stream: io.StringIO, *, file: str, problems: Problems
) -> tuple[dict[str, tuple[int, str]], int]:
    """Read the leading ``# key: value`` lines: (preamble, number of lines read).

    The stream is left at the header line, so that the delimiter is sniffed from the header
    and not from a comment. Blank lines and bare ``#`` lines count as rows but say nothing.
    """
    preamble: dict[str, tuple[int, str]] = {}
    line_number = 0
    while True:
        position = stream.tell()
        line = stream.readline()
        if not line:
            break
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            stream.seek(position)
            break
        line_number += 1
        if len(stripped) > MAX_CELL_CHARS:
            problems.add(
                text_too_long(len(stripped), "'# key: value' line"),
                file=file,
                location=f"row {line_number}",
            )
            continue
        body = stripped[1:].rstrip(",;\t").strip()
        if not body:
            continue
        key, colon, value = body.partition(":")
        _add_preamble_entry(
            preamble,
            key if colon else "",
            value,
            raw=stripped,
            file=file,
            location=f"row {line_number}",
            number=line_number,
            problems=problems,
        )
    return preamble, line_number


def _add_preamble_entry(
    preamble: dict[str, tuple[int, str]],
    key: str,
    value: str,
    *,
    raw: str,
    file: str,
    location: str,
    number: int,
    problems: Problems,
) -> None:
    """Add one ``key: value`` of a preamble (CSV line or worksheet row); report a line that
    is not one, or a key given twice. An empty value says nothing."""
    name = normalize_header(key)
    if not name:
        problems.add(
            f"expected a '# key: value' line before the header, got {one_line(raw, 60)!r}",
            file=file,
            location=location,
        )
        return
    if name in preamble:
        problems.add(
            f"{name!r} is given twice in the '# key: value' lines",
            file=file,
            location=location,
            field=name,
        )
        return
    if value.strip():
        preamble[name] = (number, value.strip())


# ---------------------------------------------------------------------------------------- xlsx

_DOCTYPE_MARKERS = tuple(
    marker.encode(encoding)
    for marker in ("<!DOCTYPE", "<!ENTITY")
    for encoding in ("utf-8", "utf-16-le", "utf-16-be")
)


_DOCTYPE_OVERLAP = max(len(marker) for marker in _DOCTYPE_MARKERS)
"""Bytes kept from one chunk to the next, so that a marker split across chunks is found."""


def _inspect_archive(data: bytes, *, file: str) -> None:
    """Refuse zip bombs, macro workbooks and XML parts with DTDs before openpyxl sees them."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise InputError("not an .xlsx workbook (it is not a zip archive)", file=file) from None
    except RuntimeError:  # a zip feature Python cannot read (version, compression, encryption)
        raise InputError(
            "not an .xlsx workbook Excel writes (a zip feature it does not use)", file=file
        ) from None
    with archive:
        members = archive.infolist()
        _check_members(members, file=file)
        for member in members:
            if member.filename.endswith("/"):
                continue
            _refuse_dtd(archive, member, file=file)


def _check_members(members: list[zipfile.ZipInfo], *, file: str) -> None:
    """Refuse a workbook by what its directory says, before any part is unpacked."""
    if len(members) > MAX_XLSX_MEMBERS:
        raise InputError(f"the workbook has more than {MAX_XLSX_MEMBERS:,} parts", file=file)
    total = sum(member.file_size for member in members)
    if total > MAX_XLSX_UNCOMPRESSED_BYTES:
        raise InputError(
            f"the workbook unpacks to {total:,} bytes; the limit is "
            f"{MAX_XLSX_UNCOMPRESSED_BYTES:,}",
            file=file,
        )
    if any(not member.filename for member in members):
        raise InputError("not an .xlsx workbook (a part of the archive has no name)", file=file)
    names = {member.filename.lower() for member in members}
    if any(name.endswith("vbaproject.bin") for name in names):
        raise InputError(
            "the workbook contains macros; save it as a plain .xlsx workbook", file=file
        )


def _refuse_dtd(archive: zipfile.ZipFile, member: zipfile.ZipInfo, *, file: str) -> None:
    """Refuse a part that declares a DTD or entities, reading it in chunks.

    The directory's sizes can lie, so the part is streamed rather than read whole; a part
    that cannot be unpacked means a damaged workbook.
    """
    try:
        with archive.open(member) as part:
            if _declares_dtd(part):
                raise InputError(
                    f"part {member.filename!r} of the workbook declares a DTD or "
                    "entities; DTDs and entities are not allowed",
                    file=file,
                )
    except InputError:
        raise
    except Exception as exc:  # zipfile raises many kinds on a damaged archive
        raise InputError(
            f"the workbook is damaged: {one_line(str(exc) or type(exc).__name__, 120)}",
            file=file,
        ) from None


def _declares_dtd(part: IO[bytes]) -> bool:
    """Whether a DOCTYPE or ENTITY declaration occurs in the part, in UTF-8 or UTF-16."""
    tail = b""
    while chunk := part.read(1 << 20):
        window = tail + chunk
        if any(marker in window for marker in _DOCTYPE_MARKERS):
            return True
        tail = window[-_DOCTYPE_OVERLAP:]
    return False


def _clean_cell(value: Any, number: int, problems: Problems, file: str, sheet: str | None) -> Any:
    """A worksheet cell's value; a text longer than Excel itself allows is refused (a
    workbook written by another tool can hold more)."""
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip()
        if len(text) > MAX_CELL_CHARS:
            where = f"sheet {sheet!r} row {number}" if sheet else f"row {number}"
            problems.add(text_too_long(len(text)), file=file, location=where)
            return REFUSED
        return text or None
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def _clean_cells(
    record: Sequence[Any], number: int, problems: Problems, file: str, sheet: str | None
) -> list[Any] | None:
    """A worksheet row's cells (see :func:`_clean_cell`); None for a row of empty cells."""
    cells = [_clean_cell(value, number, problems, file, sheet) for value in record]
    return None if all(cell is None for cell in cells) else cells


def _open_workbook(data: bytes, *, file: str) -> Any:
    check_size(len(data), file=file)
    _inspect_archive(data, file=file)
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
    except Exception as exc:  # openpyxl raises many kinds on a hostile workbook
        raise InputError(
            f"cannot read the workbook: {one_line(str(exc) or type(exc).__name__, 120)}",
            file=file,
        ) from None


def workbook_sheet_names(data: bytes, file: str) -> list[str]:
    """The names of a workbook's sheets, read as carefully as its cells would be."""
    workbook = _open_workbook(data, file=file)
    try:
        return list(workbook.sheetnames)
    finally:
        workbook.close()


def _find_sheet(workbook: Any, wanted: str, *, file: str) -> Any:
    for name in workbook.sheetnames:
        if name.strip().lower() == wanted.strip().lower():
            sheet = workbook[name]
            if not hasattr(sheet, "iter_rows"):
                raise InputError(f"sheet {name!r} is a chart, not a table", file=file)
            return sheet
    listed = ", ".join(repr(n) for n in workbook.sheetnames) or "none"
    raise InputError(f"the workbook has no sheet named {wanted!r} (sheets: {listed})", file=file)


def _preamble_text(value: Any) -> str:
    """A preamble value cell as text: a date cell as YYYY-MM-DD, a whole number without '.0'."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, float):
        return repr(value)
    return str(value).strip()


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _sheet_preamble(
    records: Iterable[tuple[int, Sequence[Any]]],
    preamble: dict[str, tuple[int, str]],
    *,
    file: str,
    label: str | None,
    problems: Problems,
) -> Iterator[tuple[int, Sequence[Any]]]:
    """Take the ``#`` rows above the header of a worksheet into ``preamble``; yield the rest.

    A preamble row has ``# key: value`` in column A (as a CSV opened in Excel shows it), or
    ``# key`` in column A and the value in column B (so that a date stays a date cell).
    """
    where = (lambda n: f"sheet {label!r} row {n}") if label else (lambda n: f"row {n}")
    started = False
    for number, record in records:
        first = record[0] if record else None
        if not started and isinstance(first, str) and first.strip().startswith("#"):
            _sheet_preamble_row(
                first.strip(), record[1:], number, preamble, file, where(number), problems
            )
            continue
        started = started or not all(_is_blank(cell) for cell in record)
        yield number, record


def _sheet_preamble_row(
    first: str,
    rest: Sequence[Any],
    number: int,
    preamble: dict[str, tuple[int, str]],
    file: str,
    location: str,
    problems: Problems,
) -> None:
    longest = max((len(c) for c in (first, *rest) if isinstance(c, str)), default=0)
    if longest > MAX_CELL_CHARS:
        problems.add(text_too_long(longest), file=file, location=location)
        return
    body = first[1:].strip()
    cells = [cell for cell in rest if not _is_blank(cell)]
    if not body and not cells:
        return
    if not cells:
        key, colon, value = body.partition(":")
        key = key if colon else ""
    elif len(cells) == 1 and ":" not in body.rstrip(":"):
        key, value = body.rstrip(":"), _preamble_text(cells[0])
    else:
        problems.add(
            "a '# key: value' row holds '# key' in column A and its value in column B "
            "(or '# key: value' in column A alone), and nothing else",
            file=file,
            location=location,
        )
        return
    _add_preamble_entry(
        preamble,
        key,
        value,
        raw=first,
        file=file,
        location=location,
        number=number,
        problems=problems,
    )


def _read_sheet(worksheet: Any, *, file: str, label: str | None) -> Table:
    problems = Problems()
    preamble: dict[str, tuple[int, str]] = {}
    worksheet.reset_dimensions()  # never trust the sheet's own claim of its size

    def records() -> Iterator[tuple[int, Sequence[Any]]]:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                yield from enumerate(worksheet.iter_rows(values_only=True), start=1)
        except Exception as exc:  # a damaged sheet part
            problems.add(
                f"cannot read the sheet: {one_line(str(exc) or type(exc).__name__, 120)}",
                file=file,
                location=f"sheet {label!r}" if label else None,
            )

    table = _build_table(
        _sheet_preamble(records(), preamble, file=file, label=label, problems=problems),
        file=file,
        sheet=label,
        preamble=preamble,
        problems=problems,
        clean=lambda record, number, probs: _clean_cells(record, number, probs, file, label),
    )
    problems.raise_if_any()
    return table


def read_xlsx(
    data: bytes, *, file: str, sheet: str | None = None, prefer: str | None = None
) -> Table:
    """Read one worksheet of an .xlsx workbook: the one named ``sheet``; else the one named
    ``prefer`` when there is one, else the first."""
    return read_xlsx_sheets(data, file=file, sheets=[sheet], prefer=prefer)[sheet]


def _has_sheet(workbook: Any, wanted: str) -> bool:
    return any(name.strip().lower() == wanted.strip().lower() for name in workbook.sheetnames)


def _default_sheet(workbook: Any, prefer: str | None, *, file: str) -> tuple[Any, str | None]:
    """The sheet named ``prefer`` if there is one, else the first; with the name an error
    gives it (none for the first sheet, as a one-sheet workbook's errors always read)."""
    if not workbook.worksheets:
        raise InputError("the workbook has no worksheet", file=file)
    first = workbook.worksheets[0]
    if prefer is None or not _has_sheet(workbook, prefer):
        return first, None
    worksheet = _find_sheet(workbook, prefer, file=file)
    return worksheet, (None if worksheet is first else prefer)


def read_xlsx_sheets(
    data: bytes,
    *,
    file: str,
    sheets: Sequence[str | None],
    optional: Collection[str] = (),
    prefer: str | None = None,
) -> dict[str | None, Table]:
    """Read several worksheets of one workbook by name (None: the sheet named ``prefer`` if
    the workbook has one, else the first sheet).

    A sheet named in ``optional`` that the workbook lacks is left out of the result.
    """
    workbook = _open_workbook(data, file=file)
    try:
        tables: dict[str | None, Table] = {}
        problems = Problems()
        for wanted in sheets:
            if wanted in optional and not _has_sheet(workbook, wanted):
                continue
            try:
                if wanted is None:
                    worksheet, label = _default_sheet(workbook, prefer, file=file)
                else:
                    worksheet = _find_sheet(workbook, wanted, file=file)
                    label = wanted
                tables[wanted] = _read_sheet(worksheet, file=file, label=label)
            except InputError as exc:
                problems.add_error(exc)
        problems.raise_if_any()
        return tables
    finally:
        workbook.close()


# -------------------------------------------------------------------------------------- files


def refuse_format(path: str | Path, *, file: str | None = None) -> None:
    """Raise if ``path`` has a spreadsheet extension that is deliberately not read."""
    suffix = Path(path).suffix.lower()
    if suffix in REFUSED_FORMATS:
        raise InputError(REFUSED_FORMATS[suffix], file=file or str(path))


def read_table_bytes(
    data: bytes, *, file: str, suffix: str, sheet: str | None = None, prefer: str | None = None
) -> Table:
    """Read CSV or .xlsx bytes according to ``suffix`` (``.csv`` or ``.xlsx``); of a
    workbook, the sheet ``sheet``, else ``prefer`` if it has one, else the first."""
    suffix = suffix.lower()
    if suffix in REFUSED_FORMATS:
        raise InputError(REFUSED_FORMATS[suffix], file=file)
    if suffix == ".csv":
        if sheet is not None:
            raise InputError("a CSV file has no sheets", file=file)
        return read_csv(data, file=file)
    if suffix == ".xlsx":
        return read_xlsx(data, file=file, sheet=sheet, prefer=prefer)
    raise InputError(f"cannot read {suffix or 'extension-less'} files as a table", file=file)


def read_table(path: str | Path, *, sheet: str | None = None) -> Table:
    """Read a ``.csv`` or ``.xlsx`` file into a :class:`Table` (size-limited, hardened)."""
    refuse_format(path)
    data = read_limited(path)
    return read_table_bytes(data, file=str(path), suffix=Path(path).suffix, sheet=sheet)
