"""Every limit roo-check puts on its input, in one place, each with the figure documented.

Supplier files are hostile until parsed. A limit exists so that no input can crash, hang
or exhaust the machine: sizes and counts bound memory and time, exponents and digits bound
Decimal arithmetic, dates bound the calendar arithmetic of blanket periods and phase-ins.
``docs/input-formats.md`` lists the same figures; a test checks the two agree.
"""

from __future__ import annotations

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
