"""The functions that read an input file within the limits of :mod:`roo_check.limits`.

Supplier files are hostile until parsed: every loader reads through :func:`read_limited`
so that no file larger than :data:`MAX_FILE_BYTES` is ever held in memory. The figures
themselves live in :mod:`roo_check.limits` (one module for every limit).
"""

from __future__ import annotations

import os
import stat
from decimal import Decimal
from pathlib import Path

from roo_check.errors import InputError
from roo_check.limits import (  # noqa: F401  (re-exported for the loaders)
    MAX_CELL_CHARS,
    MAX_FILE_BYTES,
    MAX_NESTING,
    MAX_NODES,
    MAX_NUMBER_EXPONENT,
    MAX_REPORTED_ERRORS,
    MAX_ROWS,
    MAX_SUPPLIER_FILES,
    MAX_XLSX_MEMBERS,
    MAX_XLSX_UNCOMPRESSED_BYTES,
    MAX_XML_DEPTH,
    MAX_XML_ELEMENTS,
    MiB,
)


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
