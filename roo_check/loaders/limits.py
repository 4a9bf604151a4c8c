"""The functions that read an input file within the limits of :mod:`roo_check.limits`.

Supplier files are hostile until parsed: every loader reads through :func:`read_limited`
so that no file larger than :data:`MAX_FILE_BYTES` is ever held in memory, and no FIFO,
device or link out of the shipment folder is ever read (:mod:`roo_check.loaders.files`). The figures
themselves live in :mod:`roo_check.limits` (one module for every limit).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from decimal import Decimal

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
    input_limits,
)
from roo_check.loaders.files import read_file


def number_too_large(value: object) -> bool:
    """Whether a number read from a file exceeds :data:`MAX_NUMBER_EXPONENT`."""
    if isinstance(value, Decimal):
        return value.is_finite() and value != 0 and value.adjusted() > MAX_NUMBER_EXPONENT
    if isinstance(value, int | float) and not isinstance(value, bool):
        return abs(value) >= 10 ** (MAX_NUMBER_EXPONENT + 1)
    return False


def check_size(size: int, *, file: str) -> None:
    """Refuse a file of ``size`` bytes if it is larger than the file size limit in force
    (:data:`MAX_FILE_BYTES` unless raised)."""
    limit = input_limits().file_size
    if size > limit:
        shown = f" ({limit // MiB} MiB)" if limit % MiB == 0 else ""
        raise InputError(f"file is {size:,} bytes; the limit is {limit:,} bytes{shown}", file=file)


def read_limited(
    path: str | os.PathLike[str],
    *,
    file: str | None = None,
    within: str | os.PathLike[str] | None = None,
) -> bytes:
    """Read a regular file whole, refusing it before reading if it is over the size limit.

    ``file`` is the name used in error messages (default: ``str(path)``); ``within`` is the
    folder the user gave, for a file found in it (see :func:`~roo_check.loaders.files.read_file`:
    FIFOs, devices, links leading outside the folder and link loops are refused).
    """
    return read_file(path, file=file, within=within)


def text_too_long(length: int, what: str = "cell") -> str:
    """The message for a text longer than :data:`MAX_CELL_CHARS`, the same in every loader."""
    return f"a {what} holds {length:,} characters; the limit is {MAX_CELL_CHARS:,}"


def walk_values(data: object) -> Iterator[tuple[object, int]]:
    """Every value of a parsed document, mapping keys included, with its depth (1 for the
    document itself), walked without recursion so that a document nested past Python's
    recursion limit can still be measured. Callers stop at the limit they enforce, so an
    alias bomb is never walked whole."""
    stack: list[tuple[object, int]] = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        yield node, depth
        if isinstance(node, dict):
            stack.extend((child, depth + 1) for child in (*node.keys(), *node.values()))
        elif isinstance(node, list):
            stack.extend((child, depth + 1) for child in node)
