"""Size limits for input files, in one place, and the one function that reads a file within them.

Supplier files are hostile until parsed: every loader reads through :func:`read_limited`
so that no file larger than :data:`MAX_FILE_BYTES` is ever held in memory, and every
parser enforces the row, depth and element limits below.
"""

from __future__ import annotations

import os
import stat
from decimal import Decimal
from pathlib import Path

from roo_check.errors import InputError

MiB = 1024 * 1024

MAX_FILE_BYTES = 20 * MiB
"""Largest input file read (CSV, xlsx, XML, JSON, YAML)."""

MAX_ROWS = 100_000
"""Most data rows of one CSV file or worksheet (the header row not counted)."""

MAX_XML_DEPTH = 64
"""Deepest element nesting of an XML document."""

MAX_XML_ELEMENTS = 200_000
"""Most elements of an XML document."""

MAX_NESTING = 64
"""Deepest nesting of objects and lists in a JSON or YAML document."""

MAX_NODES = 200_000
"""Most values (scalars, lists, objects) in a JSON or YAML document."""

MAX_XLSX_UNCOMPRESSED_BYTES = 200 * MiB
"""Largest total uncompressed size of the parts of an .xlsx archive (zip-bomb guard)."""

MAX_XLSX_MEMBERS = 10_000
"""Most parts in an .xlsx archive."""

MAX_CELL_CHARS = 32_767
"""Longest text of one cell (Excel's own limit); longer CSV fields are refused."""

MAX_NUMBER_EXPONENT = 20
"""Numbers must be below 10**21 in magnitude: larger ones are typing errors, and absurd
exponents (1e999999) would overflow decimal arithmetic later."""

MAX_SUPPLIER_FILES = 1_000
"""Most supplier BOM files in a shipment's ``suppliers/`` folder."""

MAX_REPORTED_ERRORS = 100
"""Most problems listed for one shipment; the rest are summarised in one line."""


def number_too_large(value: object) -> bool:
    """Whether a number read from a file exceeds :data:`MAX_NUMBER_EXPONENT`."""
    if isinstance(value, Decimal):
        return value.is_finite() and value != 0 and value.adjusted() > MAX_NUMBER_EXPONENT
    if isinstance(value, int | float) and not isinstance(value, bool):
        return abs(value) >= 10 ** (MAX_NUMBER_EXPONENT + 1)
    return False


def check_size(size: int, *, file: str) -> None:
    """Refuse a file of ``size`` bytes if it is larger than :data:`MAX_FILE_BYTES`."""
    if size > MAX_FILE_BYTES:
        raise InputError(
            f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,} bytes "
            f"({MAX_FILE_BYTES // MiB} MiB)",
            file=file,
        )


def read_limited(path: str | os.PathLike[str], *, file: str | None = None) -> bytes:
    """Read a regular file whole, refusing it before reading if it is over the size limit.

    ``file`` is the name used in error messages (default: ``str(path)``).
    """
    name = file if file is not None else str(path)
    target = Path(path)
    try:
        info = target.stat()
    except FileNotFoundError:
        raise InputError("no such file", file=name) from None
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror or exc}", file=name) from None
    if not stat.S_ISREG(info.st_mode):
        raise InputError("not a regular file", file=name)
    check_size(info.st_size, file=name)
    try:
        with target.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror or exc}", file=name) from None
    # The file may have grown between stat() and read().
    check_size(len(data), file=name)
    return data
