"""Every limit roo-check puts on its input, in one place, each with the figure documented.

Supplier files are hostile until parsed. A limit exists so that no input can crash, hang
or exhaust the machine: sizes and counts bound memory and time, exponents and digits bound
Decimal arithmetic, dates bound the calendar arithmetic of blanket periods and phase-ins.
``docs/input-formats.md`` lists the same figures; a test checks the two agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import asdict, dataclass

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

MIN_NUMBER_EXPONENT = -20
"""A non-zero number must be at least 10**-20 in magnitude: smaller ones are typing errors,
and absurd exponents (1e-999999999) would overflow a ratio that divides by them."""

MAX_NUMBER_DIGITS = 28
"""Most significant digits of a number (the precision of roo-check's decimal arithmetic), so
that every figure is held exactly as written and never silently rounded on reading."""

MIN_DATE = dt.date(1900, 1, 1)
"""Earliest date read from input (1900-01-01). With :data:`MAX_DATE` it keeps every date far
from the calendar's ends (years 1 and 9999), so that adding the largest configured offset
(:data:`MAX_FLAG_YEARS` years, :data:`MAX_FLAG_MONTHS` months, :data:`MAX_FLAG_DAYS` days) or
going back a year can never leave the calendar. No customs document predates 1900."""

MAX_DATE = dt.date(2999, 12, 31)
"""Latest date read from input (2999-12-31); see :data:`MIN_DATE`. A later date is a typing
error (9999-12-31 as "no end")."""

MAX_FLAG_YEARS = 10
"""Largest number of years a flag parameter may set (``max_age_years``): a certification is
accepted for four years after it is completed (USMCA Art. 5.2), so ten is already lax."""

MAX_FLAG_MONTHS = 120
"""Largest number of months a flag parameter may set (``max_months``; the law's blanket period
is at most 12 months)."""

MAX_FLAG_DAYS = 3_650
"""Largest number of days a flag parameter may set (``max_days``): ten years."""

MAX_FLAG_POINTS = 100
"""Largest share or margin, in percent or percentage points, a flag parameter may set."""

MAX_FLAG_CHAPTERS = 97
"""Largest count of HS chapters a flag parameter may set (``max_chapters``): the HS has 97."""

MAX_COUNT = 1_000_000_000
"""Largest whole-number count read from input (persons carried, plant capacities)."""

MAX_RULE_NODES = 1_000_000
"""Most values (scalars, lists, mappings) of one rule file with its YAML aliases expanded
(1,000,000; the largest bundled file has fewer than 10,000). Rule files may use aliases,
supplier files may not; this bound stops an alias bomb in a --rules folder."""

MAX_ERROR_CHARS = 500
"""Longest error line printed (500 characters): a longer one, quoting a huge value or path,
is cut in the middle, keeping the file, place and field at its start and the end of the
message."""

MAX_BOM_DEPTH = 100
"""Deepest nesting of sub-assemblies in a bill of materials (100 levels; an assembled
vehicle's BOM has a dozen or so). Deeper chains are typing or export errors, and the engine
looks through each level in turn."""

MAX_REPORT_BYTES = 1024 * MiB
"""Largest JSON report `roo-check verify` reads (1024 MiB, 1 GiB): reports grow with their
inputs, far past the input file limit, but an auditor's machine still has to hold one."""


# ------------------------------------------------------------------ raising the size limits

GiB = 1024 * MiB


@dataclass(frozen=True)
class InputLimits:
    """The four size limits a pipeline may raise for large inputs: the defaults above
    protect a desk user from a file that would exhaust their machine; a pipeline built for
    million-line BOMs raises them with ``--limit NAME=VALUE`` or ``ROO_CHECK_LIMITS``. Every
    other limit (nesting, digits, dates) guards the arithmetic, not the size, and is fixed."""

    file_size: int = MAX_FILE_BYTES
    rows: int = MAX_ROWS
    xml_elements: int = MAX_XML_ELEMENTS
    values: int = MAX_NODES


LIMIT_NAMES = {
    "file-size": "file_size",
    "rows": "rows",
    "xml-elements": "xml_elements",
    "values": "values",
}
"""The names ``--limit`` takes, and the :class:`InputLimits` field each sets."""

LIMIT_CEILING = {"file_size": 64 * GiB, "rows": 10**9, "xml_elements": 10**9, "values": 10**9}
"""The most a limit may be raised to: past these no machine holds the input anyway."""

_UNITS = {"": 1, "b": 1, "k": 1024, "kib": 1024, "m": MiB, "mib": MiB, "g": GiB, "gib": GiB}

_ACTIVE: list[InputLimits] = [InputLimits()]


def input_limits() -> InputLimits:
    """The size limits in force in this process (the defaults unless raised)."""
    return _ACTIVE[-1]


def set_input_limits(limits: InputLimits) -> None:
    """Put ``limits`` in force for the rest of this process and the workers it starts."""
    _ACTIVE[-1] = limits


def parse_limits(items: Iterable[str], base: InputLimits | None = None) -> InputLimits:
    """``["rows=2000000", "file-size=2GiB"]`` over ``base``; ValueError names the bad item."""
    values = asdict(base or InputLimits())
    for item in (part for text in items for part in text.replace(",", " ").split()):
        name, sep, text = item.partition("=")
        key = LIMIT_NAMES.get(name.strip().lower())
        if not sep or key is None:
            known = ", ".join(LIMIT_NAMES)
            raise ValueError(f"{item!r}: expected NAME=VALUE with NAME one of {known}")
        values[key] = _limit_value(name, key, text)
    return InputLimits(**values)


def _limit_value(name: str, key: str, text: str) -> int:
    cleaned = text.strip().lower().replace("_", "").replace(",", "")
    digits = cleaned.rstrip("kmgib") if key == "file_size" else cleaned
    unit = cleaned[len(digits) :]
    if not digits.isascii() or not digits.isdigit() or unit not in _UNITS or len(digits) > 12:
        raise ValueError(f"{name}={text!r}: expected a whole number{_unit_hint(key)}")
    value = int(digits) * _UNITS[unit]
    if not 1 <= value <= LIMIT_CEILING[key]:
        raise ValueError(f"{name}={text!r}: must be between 1 and {LIMIT_CEILING[key]:,}")
    return value


def _unit_hint(key: str) -> str:
    return " of bytes, or with KiB, MiB or GiB" if key == "file_size" else ""
