"""Suppliers' BOMs of purchased materials (accumulation, Art. 4.11) into :class:`SupplierBom`.

A shipment folder may hold a folder ``suppliers/`` with one file per purchased material,
``*.csv`` or ``*.xlsx`` (its first sheet), in the single-file BOM form: ``# key: value``
lines, then a BOM table without the good_part_number column::

    # material: HSG-AL
    # supplier: Fundiciones del Bajio
    # country_of_production: MX
    # currency: USD
    # evidence: FB-2025-044 signed 2025-01-15
    part_number,description,hs_code,quantity,unit,unit_value,currency,origin_status
    ALU-INGOT,Aluminium ingot,7601.10,2.1,kg,3.10,USD,non-originating

Other files in ``suppliers/`` (the signed statements as PDF, notes) are not read. The
checks of one file are here; :func:`check_supplier_boms` checks the files against the
shipment's BOM.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from roo_check.errors import InputError, RooCheckError
from roo_check.loaders import Problems
from roo_check.loaders.files import check_file, inside
from roo_check.loaders.goods import (
    BOM_COLUMNS,
    RETIRED_COLUMNS,
    bom_from_table,
    check_preamble,
    model_from_preamble,
    no_rows,
    required_fields,
    suggest,
)
from roo_check.loaders.limits import MAX_SUPPLIER_FILES
from roo_check.loaders.tabular import REFUSED_FORMATS, Table, TableDocument, read_table_bytes
from roo_check.models.accumulation import SupplierBom
from roo_check.models.goods import BomLine, Good, OriginStatus

SUPPLIER_FOLDER = "suppliers"
"""The folder of a shipment that holds the supplier BOMs (matched case-insensitively)."""

SUPPLIER_SUFFIXES = (".csv", ".xlsx")

SUPPLIER_KEYS: tuple[str, ...] = tuple(
    name for name in SupplierBom.model_fields if name not in ("lines", "source")
)
"""Keys of the ``# key: value`` lines of a supplier BOM."""

SUPPLIER_COLUMNS: tuple[str, ...] = tuple(
    name for name in BOM_COLUMNS if name != "good_part_number"
)
"""Columns of a supplier BOM's table: the BOM columns but good_part_number."""

_HINTS = {
    **RETIRED_COLUMNS,
    "good_part_number": "a supplier BOM breaks down the one material of its '# material: ...' "
    "line; name the good, if needed, in a '# good_part_number: ...' line",
}


@dataclass(frozen=True)
class SupplierBomDocument(TableDocument):
    """A supplier BOM as read, and the table it came from (for later messages)."""

    bom: SupplierBom = field(kw_only=True)


# ------------------------------------------------------------------------------- the folder


def find_supplier_files(root: Path, problems: Problems) -> list[Path]:
    """The supplier BOM files of a shipment folder, sorted by name (none if no ``suppliers/``).

    A spreadsheet format that is not read is a problem; other files are left alone. The
    folder and its files must stay inside the shipment folder ``root`` (a symbolic link may
    point elsewhere in it, never out of it), and each file must be a regular file.
    """
    try:
        entries = [e for e in os.scandir(root) if e.name.lower() == SUPPLIER_FOLDER]
    except OSError:
        return []  # the folder itself was listed a moment ago; its roles report the problem
    if not entries:
        return []
    folder = root / entries[0].name
    if len(entries) > 1 or not entries[0].is_dir():
        problems.add(
            f"expected one folder {SUPPLIER_FOLDER}/ holding the supplier BOM files",
            file=str(folder),
        )
        return []
    if not inside(folder, root):
        problems.add(
            f"is a symbolic link to a folder outside the folder {root}; refused", file=str(folder)
        )
        return []
    try:
        names = sorted(entry.name for entry in os.scandir(folder))
    except OSError as exc:
        problems.add(f"cannot list the folder: {exc.strerror or exc}", file=str(folder))
        return []
    found = [path for name in names if (path := _supplier_file(root, folder, name, problems))]
    if len(found) > MAX_SUPPLIER_FILES:
        problems.add(
            f"{len(found):,} supplier BOM files; the limit is {MAX_SUPPLIER_FILES:,}",
            file=str(folder),
        )
        return []
    return found


def _supplier_file(root: Path, folder: Path, name: str, problems: Problems) -> Path | None:
    """``folder/name`` if it is a supplier BOM to read: a .csv or .xlsx regular file that
    stays inside the shipment folder (a FIFO or a link out of the folder is a problem)."""
    suffix = Path(name).suffix.lower()
    if name.startswith((".", "~$")):
        return None  # hidden files and Excel's lock files
    path = folder / name
    if suffix in REFUSED_FORMATS:
        problems.add(REFUSED_FORMATS[suffix], file=str(path))
        return None
    if suffix not in SUPPLIER_SUFFIXES:
        return None
    try:
        check_file(path, within=root)
    except RooCheckError as exc:
        problems.add_error(exc)
        return None
    return path


# ---------------------------------------------------------------------------------- one file


def supplier_bom_from_bytes(data: bytes, *, file: str, suffix: str) -> SupplierBomDocument:
    """Read one supplier BOM file (``.csv``, or the first sheet of an ``.xlsx``)."""
    return supplier_bom_from_table(read_table_bytes(data, file=file, suffix=suffix))


def supplier_bom_from_table(table: Table) -> SupplierBomDocument:
    """Read a supplier BOM table with its ``# key: value`` lines; raise every problem at once."""
    if not table.preamble:
        raise InputError(
            "a supplier BOM must start with '# key: value' lines: material, supplier, "
            "country_of_production, currency, evidence (and good_part_number if it covers "
            "one good only)",
            file=table.file,
            location=table.where(1),
        )
    problems = Problems()
    required = required_fields(SupplierBom, SUPPLIER_KEYS)
    check_preamble(table, SUPPLIER_KEYS, required, problems, owner="the supplier BOM's")
    material = table.preamble.get("material", (0, "?"))[1]
    lines: list[BomLine] = []
    try:
        lines = bom_from_table(table, default_good=material, columns=SUPPLIER_COLUMNS, hints=_HINTS)
    except RooCheckError as exc:
        problems.add_error(exc)
    for line in lines:
        problems.extend(_line_problems(table, line, material))
    no_rows(table, problems, "the supplier BOM has no lines")
    bom = model_from_preamble(
        SupplierBom,
        table,
        problems,
        keys=SUPPLIER_KEYS,
        extra={"lines": lines, "source": table.file},
        skip={"lines"},
    )
    if bom is not None:
        problems.extend(_currency_problems(table, bom))
    problems.raise_if_any()
    assert bom is not None
    return SupplierBomDocument(table, bom=bom)


def _line_problems(table: Table, line: BomLine, material: str) -> list[InputError]:
    """A supplier's input is one level deep, never designated intermediate (that designation
    is the producer's own: SOR/2020-155 s. 9(6)), and has a stated status."""
    found: list[tuple[str, str]] = []
    if line.parent_part_number:
        found.append(
            (
                "parent_part_number",
                f"a supplier BOM is one level: list the inputs of {material!r} without "
                "parent_part_number",
            )
        )
    if line.intermediate:
        found.append(
            (
                "intermediate",
                "a supplier's input cannot be designated intermediate: accumulating producers "
                "count as one producer, and the designation is the producer's own "
                "(SOR/2020-155 s. 9(6))",
            )
        )
    if line.origin_status is OriginStatus.fungible:
        found.append(
            (
                "origin_status",
                "a supplier BOM states each input as originating, non-originating or unknown; "
                "the supplier applies its own inventory method to fungible stock (Art. 4.13)",
            )
        )
    where = table.where(line.row) if line.row is not None else None
    return [InputError(m, file=table.file, location=where, field=f) for f, m in found]


def _currency_problems(table: Table, bom: SupplierBom) -> list[InputError]:
    return [
        InputError(
            f"currency {line.currency} differs from the supplier BOM's currency "
            f"{bom.currency}; roo-check does no currency conversion",
            file=table.file,
            location=table.where(line.row) if line.row is not None else None,
            field="currency",
        )
        for line in bom.lines
        if line.currency != bom.currency
    ]


# ----------------------------------------------------------------------- against the shipment


def check_supplier_boms(
    documents: list[SupplierBomDocument],
    goods: Mapping[str, Good],
    bom: list[BomLine],
    *,
    bom_table: Table,
) -> list[InputError]:
    """Each supplier BOM breaks down a purchased, non-originating material of the shipment's
    BOM, in its good's currency, and no material of a good is broken down twice."""
    problems: list[InputError] = []
    first: dict[tuple[str, str], str] = {}
    for document in documents:
        targets, found = _targets(document, goods, bom, bom_table)
        problems.extend(found)
        for line in targets:
            key = (line.good_part_number, line.part_number)
            if key in first:
                problems.append(
                    document.problem(
                        f"a second supplier BOM for material {line.part_number!r} of good "
                        f"{line.good_part_number!r} (the first is {first[key]}); keep one "
                        "file per material",
                        "material",
                    )
                )
            first.setdefault(key, document.file)
    return problems


def _targets(
    document: SupplierBomDocument,
    goods: Mapping[str, Good],
    bom: list[BomLine],
    bom_table: Table,
) -> tuple[list[BomLine], list[InputError]]:
    """The BOM lines the supplier BOM breaks down, and the problems of taking them."""
    supplier = document.bom
    good = supplier.good_part_number
    if good is not None and good not in goods:
        message = f"good {good!r} is not a good of the shipment" + suggest(good, sorted(goods))
        return [], [document.problem(message, "good_part_number")]
    lines = [
        line
        for line in bom
        if line.part_number == supplier.material and good in (None, line.good_part_number)
    ]
    if not lines:
        scope = f"good {good!r}" if good else "the shipment"
        candidates = sorted({line.part_number for line in bom})
        message = (
            f"material {supplier.material!r} names no BOM line of {scope} in {bom_table.file}"
            + suggest(supplier.material, candidates)
        )
        return [], [document.problem(message, "material")]
    problems: list[InputError] = []
    for line in lines:
        problems.extend(_target_problems(document, line, goods, bom, bom_table))
    return lines, problems


def _target_problems(
    document: SupplierBomDocument,
    line: BomLine,
    goods: Mapping[str, Good],
    bom: list[BomLine],
    bom_table: Table,
) -> list[InputError]:
    """A purchased material (no lines below it, not designated intermediate), not originating
    (tracing it would change nothing), in its good's currency."""
    at = f"{bom_table.file} {bom_table.where(line.row) if line.row is not None else ''}".strip()
    material, good = line.part_number, line.good_part_number
    found: list[InputError] = []
    if any(
        child.parent_part_number == material and child.good_part_number == good for child in bom
    ):
        found.append(
            document.problem(
                f"material {material!r} of good {good!r} has lines below it in {bom_table.file} "
                "(a sub-assembly the producer makes); a supplier BOM breaks down a purchased "
                "material",
                "material",
            )
        )
    if line.intermediate:
        found.append(
            document.problem(
                f"material {material!r} of good {good!r} is designated intermediate ({at}): "
                "it is self-produced, not purchased",
                "material",
            )
        )
    if line.origin_status is OriginStatus.fungible:
        found.append(
            document.problem(
                f"material {material!r} of good {good!r} is fungible ({at}): its origin comes "
                "from the stock records (Art. 4.13), not from one supplier's BOM",
                "material",
            )
        )
    if line.counts_as_originating:
        kind = "indirect" if line.indirect else "originating"
        found.append(
            document.problem(
                f"material {material!r} of good {good!r} is {kind} ({at}): tracing it through "
                "its supplier's BOM changes nothing; remove the file or correct the BOM line",
                "material",
            )
        )
    currency = goods[good].currency if good in goods else None
    if currency is not None and document.bom.currency != currency:
        found.append(
            document.problem(
                f"currency {document.bom.currency} differs from the currency of good {good!r} "
                f"({currency}); roo-check does no currency conversion",
                "currency",
            )
        )
    return found
