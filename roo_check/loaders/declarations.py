"""The register of suppliers' declarations into :class:`Register`.

A register is a table, one row per declaration (or per declaration and criterion: rows may
share an id), in ``declarations.csv`` or ``declarations.xlsx``, with the columns of
:class:`~roo_check.models.declarations.Declaration` (``docs/input-formats.md`` shows one),
and the suppliers' certifications of origin themselves (Annex 5-A, ``.xml`` or ``.json`` as
for ``certificate.xml``), each one declaration named by its file stem. A shipment folder
holds its register as ``declarations.csv`` / ``.xlsx`` and, or, a folder ``declarations/``
of such files; ``--declarations PATH`` gives one register (a file or such a folder) for a
whole batch. The checks of a claim against it are in :mod:`roo_check.engine.evidence`.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from roo_check.errors import InputError, RooCheckError
from roo_check.loaders import Problems
from roo_check.loaders.certificate import certificate_from_bytes
from roo_check.loaders.files import check_file
from roo_check.loaders.goods import (
    check_columns,
    no_rows,
    required_fields,
    suggest,
    table_models,
)
from roo_check.loaders.limits import MAX_SUPPLIER_FILES, read_limited
from roo_check.loaders.tabular import REFUSED_FORMATS, Table, read_table_bytes
from roo_check.models.certificate import Certificate, CertifierRole
from roo_check.models.declarations import Declaration, DeclarationScope, Register
from roo_check.models.goods import OriginStatus

REGISTER_NAMES = ("declarations.csv", "declarations.xlsx")
"""The register's file names (matched case-insensitively)."""

REGISTER_SHEET = "declarations"
"""The sheet of a workbook the register is read from; the first sheet when none is so named."""

DECLARATION_FOLDER = "declarations"
"""A folder of declarations: the register and, or, certification files."""

CERTIFICATE_SUFFIXES = (".xml", ".json")
TABLE_SUFFIXES = (".csv", ".xlsx")

DECLARATION_COLUMNS: tuple[str, ...] = tuple(
    name for name in Declaration.model_fields if name not in ("source", "location")
)
"""Columns of the register. ``source`` and ``location`` are set by the loader."""

_PLACEHOLDERS = ("various", "available upon request", "unknown")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def register_from_table(table: Table) -> list[Declaration]:
    """One :class:`Declaration` per row; raise every problem at once."""
    problems = Problems()
    problems.extend(table.problems)
    required = required_fields(Declaration, DECLARATION_COLUMNS)
    if check_columns(table, DECLARATION_COLUMNS, required, problems):
        problems.raise_if_any()
    no_rows(table, problems, "the register has no declarations")
    declarations = [
        declaration
        for _row, declaration in table_models(
            Declaration,
            table,
            problems,
            extra=lambda row: {"source": table.file, "location": table.where(row.number)},
        )
        if declaration is not None
    ]
    problems.raise_if_any()
    return declarations


def declarations_from_certificate(certificate: Certificate, *, file: str) -> list[Declaration]:
    """A supplier's certification of origin as declarations, one per certified material,
    all named by the file's stem (the name a BOM line gives in ``evidence``)."""
    blanket = certificate.blanket_period
    stem = Path(file).stem
    if not stem.strip():
        raise InputError(
            "a certification's file name is its declaration id, and this one has none: "
            "name the file after the declaration (e.g. DECL-2026-030.json)",
            file=file,
        )
    common = {
        "declaration_id": stem,
        "supplier": _supplier_of(certificate),
        "origin_status": OriginStatus.originating,
        "scope": DeclarationScope.blanket if blanket else DeclarationScope.single_shipment,
        "period_start": blanket.start if blanket else None,
        "period_end": blanket.end if blanket else None,
        "invoice_number": certificate.invoice_number,
        "signed_on": certificate.signature.date,
        "certifier": f"{certificate.signature.name} ({certificate.certifier_role.value}, "
        f"{certificate.certifier.name})",
        "source": file,
    }
    return [
        Declaration(
            **common,
            part_numbers=[good.part_number] if good.part_number else [],
            hs_codes=[] if good.part_number else [good.hs_code],
            criterion=good.origin_criterion,
            location=f"good {index}",
        )
        for index, good in enumerate(certificate.goods, start=1)
    ]


def _supplier_of(certificate: Certificate) -> str:
    """The party that sells the material: the producer named on it, else the exporter, else
    the certifier (a producer or exporter certifying its own material)."""
    for party in (certificate.producer, certificate.exporter):
        if party is not None and party.name.strip().casefold() not in _PLACEHOLDERS:
            return party.name
    if certificate.certifier_role is CertifierRole.importer:
        return certificate.exporter.name if certificate.exporter else certificate.certifier.name
    return certificate.certifier.name


def declarations_from_bytes(data: bytes, *, file: str, suffix: str) -> list[Declaration]:
    """The declarations of one file: a register table or a certification."""
    suffix = suffix.lower()
    if suffix in CERTIFICATE_SUFFIXES:
        certificate = certificate_from_bytes(data, file=file, suffix=suffix)
        return declarations_from_certificate(certificate, file=file)
    # A register kept as one sheet of a larger workbook is its sheet named "declarations".
    table = read_table_bytes(data, file=file, suffix=suffix, prefer=REGISTER_SHEET)
    return register_from_table(table)


def load_register(path: str | os.PathLike[str]) -> Register:
    """The register at ``path``: a register table, a certification file, or a folder of
    them (``--declarations``)."""
    target = Path(path)
    if target.is_dir():
        return folder_register(target, within=target)
    check_file(target)
    data = read_limited(target)
    declarations = declarations_from_bytes(data, file=str(target), suffix=target.suffix)
    return Register.of(declarations, [(str(target), sha256(data))])


def folder_register(folder: Path, *, within: Path) -> Register:
    """Every register table and certification file in ``folder``, sorted by name; the files
    must stay inside ``within`` (a shipment folder, or the folder given)."""
    problems = Problems()
    declarations: list[Declaration] = []
    files: list[tuple[str, str]] = []
    for path in declaration_files(folder, problems):
        try:
            check_file(path, within=within)
            data = read_limited(path, within=within)
            files.append((str(path), sha256(data)))
            declarations.extend(declarations_from_bytes(data, file=str(path), suffix=path.suffix))
        except RooCheckError as exc:
            problems.add_error(exc)
    if not declarations and not problems:
        problems.add(
            "holds no declarations: give declarations.csv or .xlsx, or certification files "
            "(.xml, .json)",
            file=str(folder),
        )
    problems.raise_if_any()
    return Register.of(declarations, files)


def declaration_files(folder: Path, problems: Problems) -> list[Path]:
    try:
        names = sorted(entry.name for entry in os.scandir(folder))
    except OSError as exc:
        message = f"cannot list the folder: {exc.strerror or exc}"
        raise InputError(message, file=str(folder)) from None
    found = []
    for name in names:
        suffix = Path(name).suffix.lower()
        if name.startswith((".", "~$")):
            continue  # hidden files and Excel's lock files
        if suffix in REFUSED_FORMATS:
            problems.add(REFUSED_FORMATS[suffix], file=str(folder / name))
        elif suffix in CERTIFICATE_SUFFIXES or name.lower() in REGISTER_NAMES:
            found.append(folder / name)
        elif suffix in TABLE_SUFFIXES:
            problems.add(
                "a table in a declarations folder must be named declarations.csv or "
                f"declarations.xlsx{suggest(name.lower(), REGISTER_NAMES)}",
                file=str(folder / name),
            )
    if len(found) > MAX_SUPPLIER_FILES:
        raise InputError(
            f"{len(found):,} declaration files; the limit is {MAX_SUPPLIER_FILES:,}",
            file=str(folder),
        )
    return found
