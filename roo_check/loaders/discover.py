"""Find the files of a shipment, load each with its loader, and check they agree.

A shipment is a folder holding one file per role (see ``docs/input-formats.md``)::

    goods.csv | goods.xlsx                  required
    bom.csv   | bom.xlsx                    required
    certificate.xml | certificate.json      optional
    shipment.json | shipment.yaml | .yml    optional
    automotive.yaml | .yml | .json          optional (the producer's Part 6 figures)

or a single ``.xlsx`` workbook with sheets ``goods`` and ``bom``, or a single BOM
``.csv`` whose ``# key: value`` lines describe its one good. Every file read is hashed
(SHA-256) into :attr:`ShipmentFile.sources`. The checks here are about the inputs
agreeing with each other (every BOM line names a known good, one currency per good...),
not about origin.
"""

from __future__ import annotations

import difflib
import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from roo_check.errors import InputError, RooCheckError
from roo_check.loaders import Problems
from roo_check.loaders.automotive import AutomotiveDocument, read_automotive
from roo_check.loaders.certificate import certificate_from_bytes
from roo_check.loaders.goods import bom_from_table, good_from_preamble, goods_from_table
from roo_check.loaders.limits import read_limited
from roo_check.loaders.shipment import shipment_from_bytes
from roo_check.loaders.tabular import (
    REFUSED_FORMATS,
    Table,
    read_csv,
    read_table_bytes,
    read_xlsx_sheets,
)
from roo_check.models.certificate import Certificate
from roo_check.models.goods import BomLine, Good
from roo_check.models.shipment import Shipment, ShipmentFile, SourceFile

T = TypeVar("T")

ROLES: dict[str, tuple[str, ...]] = {
    "goods": ("goods.csv", "goods.xlsx"),
    "bom": ("bom.csv", "bom.xlsx"),
    "certificate": ("certificate.xml", "certificate.json"),
    "shipment": ("shipment.json", "shipment.yaml", "shipment.yml"),
    "automotive": ("automotive.yaml", "automotive.yml", "automotive.json"),
}
"""The file names each role of a shipment folder may have (matched case-insensitively)."""

REQUIRED_ROLES = ("goods", "bom")

WORKBOOK_SHEETS = ("goods", "bom")
"""Sheets of a single-workbook shipment."""


@dataclass(frozen=True)
class _Goods:
    file: str
    goods: list[Good]
    locations: list[tuple[str, str | None]]
    """(file, location) of each good, in the same order, for cross-file messages."""


# ---------------------------------------------------------------------------- role files


def find_role_files(folder: Path) -> dict[str, Path]:
    """The file of each role present in ``folder``; raise if a role has two candidates
    or a required role has none."""
    problems = Problems()
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as exc:
        raise InputError(
            f"cannot list the folder: {exc.strerror or exc}", file=str(folder)
        ) from None
    found: dict[str, Path] = {}
    for role, names in ROLES.items():
        stems = {Path(name).stem for name in names}
        candidates: list[os.DirEntry[str]] = []
        for entry in entries:
            lower = entry.name.lower()
            if lower in names:
                candidates.append(entry)
            elif Path(lower).stem in stems and Path(lower).suffix in REFUSED_FORMATS:
                problems.add(REFUSED_FORMATS[Path(lower).suffix], file=str(folder / entry.name))
        if len(candidates) > 1:
            listed = " and ".join(entry.name for entry in candidates)
            problems.add(
                f"two files for the {role} role ({listed}); keep exactly one",
                file=str(folder),
                field=role,
            )
            continue
        if candidates:
            entry = candidates[0]
            path = folder / entry.name
            if not entry.is_file():
                problems.add("not a regular file", file=str(path), field=role)
                continue
            found[role] = path
        elif role in REQUIRED_ROLES:
            problems.add(
                f"no {role} file: the folder needs one of {', '.join(names)}",
                file=str(folder),
                field=role,
            )
    problems.raise_if_any()
    return found


def _source(path: Path, data: bytes, role: str) -> SourceFile:
    return SourceFile(path=str(path), sha256=hashlib.sha256(data).hexdigest(), role=role)


def _attempt(problems: Problems, action: Callable[[], T]) -> T | None:
    """Run one loader; keep its problems and carry on with the next file."""
    try:
        return action()
    except RooCheckError as exc:
        problems.add_error(exc)
        return None


def _goods_of(table: Table) -> _Goods:
    goods = goods_from_table(table)
    # goods_from_table raises unless every row became a good, so rows and goods align.
    return _Goods(table.file, goods, [(table.file, table.where(row.number)) for row in table.rows])


# ----------------------------------------------------------------------- consistency checks


def check_consistency(goods: _Goods, bom: list[BomLine], *, bom_table: Table) -> list[InputError]:
    """Problems of the goods and the BOM taken together (input consistency, not origin)."""
    problems: list[InputError] = []
    if not goods.goods:
        where_goods = "sheet 'goods'" if goods.file == bom_table.file else None
        problems.append(
            InputError(
                "there are no goods: the table has no rows", file=goods.file, location=where_goods
            )
        )
    by_number: dict[str, Good] = {}
    first_at: dict[str, str | None] = {}
    for good, (file, location) in zip(goods.goods, goods.locations, strict=True):
        if good.part_number in by_number:
            problems.append(
                InputError(
                    f"good {good.part_number!r} is listed twice "
                    f"(first at {first_at[good.part_number]})",
                    file=file,
                    location=location,
                    field="part_number",
                )
            )
            continue
        by_number[good.part_number] = good
        first_at[good.part_number] = location

    def where(line: BomLine) -> str | None:
        return bom_table.where(line.row) if line.row is not None else None

    goods_file = goods.file
    lines_of: dict[str, list[BomLine]] = {}
    for line in bom:
        good = by_number.get(line.good_part_number)
        if good is None:
            problems.append(
                InputError(
                    f"good {line.good_part_number!r} is not in {goods_file}",
                    file=bom_table.file,
                    location=where(line),
                    field="good_part_number",
                )
            )
            continue
        lines_of.setdefault(good.part_number, []).append(line)
        if line.currency != good.currency:
            problems.append(
                InputError(
                    f"currency {line.currency} differs from the currency of good "
                    f"{good.part_number!r} ({good.currency}); roo-check does no currency "
                    "conversion, so give every value of a good in one currency",
                    file=bom_table.file,
                    location=where(line),
                    field="currency",
                )
            )

    for part_number, lines in lines_of.items():
        problems.extend(_check_parents(part_number, lines, bom_table, where))

    for good, (file, location) in zip(goods.goods, goods.locations, strict=True):
        if good.part_number not in lines_of and not good.wholly_obtained_basis:
            problems.append(
                InputError(
                    f"good {good.part_number!r} has no BOM lines in {bom_table.file}; give its "
                    "materials, or declare wholly_obtained_basis if it is wholly obtained",
                    file=file,
                    location=location,
                    field="part_number",
                )
            )
    return problems


def _check_parents(
    good: str, lines: list[BomLine], bom_table: Table, where: Callable[[BomLine], str | None]
) -> list[InputError]:
    problems: list[InputError] = []
    parts = {line.part_number for line in lines}
    parents_of: dict[str, set[str]] = {}
    for line in lines:
        parent = line.parent_part_number
        if parent is None:
            continue
        if parent == line.part_number:
            message = f"material {line.part_number!r} names itself as its parent"
        elif parent not in parts:
            message = f"parent_part_number {parent!r} names no BOM line of good {good!r}"
        else:
            parents_of.setdefault(line.part_number, set()).add(parent)
            continue
        problems.append(
            InputError(
                message, file=bom_table.file, location=where(line), field="parent_part_number"
            )
        )

    # A chain of sub-assemblies must end at the good, never loop back on itself.
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    looped: set[str] = set()
    for start in sorted(parents_of):
        if state.get(start):
            continue
        path: list[str] = []
        stack: list[tuple[str, list[str]]] = [(start, sorted(parents_of.get(start, ())))]
        state[start] = 1
        path.append(start)
        while stack:
            node, pending = stack[-1]
            if not pending:
                stack.pop()
                path.pop()
                state[node] = 2
                continue
            nxt = pending.pop()
            if state.get(nxt) == 1:
                cycle = [*path[path.index(nxt) :], nxt]
                looped.update(cycle)
                line = next(line for line in lines if line.part_number == nxt)
                problems.append(
                    InputError(
                        "sub-assemblies loop back on themselves: " + " -> ".join(cycle),
                        file=bom_table.file,
                        location=where(line),
                        field="parent_part_number",
                    )
                )
            elif not state.get(nxt):
                state[nxt] = 1
                path.append(nxt)
                stack.append((nxt, sorted(parents_of.get(nxt, ()))))
    return problems


# ---------------------------------------------------------------------------------- loaders


def _finish(
    problems: Problems,
    *,
    name: str,
    goods: _Goods | None,
    bom: list[BomLine] | None,
    bom_table: Table | None,
    certificate: Certificate | None = None,
    shipment: Shipment | None = None,
    automotive: AutomotiveDocument | None = None,
    sources: list[SourceFile],
    bom_source: str,
) -> ShipmentFile:
    problems.raise_if_any()
    assert goods is not None and bom is not None and bom_table is not None
    problems.extend(check_consistency(goods, bom, bom_table=bom_table))
    if automotive is not None:
        problems.extend(_check_automotive(goods, automotive))
    problems.raise_if_any()
    return ShipmentFile(
        name=name,
        goods=goods.goods,
        bom=bom,
        certificate=certificate,
        shipment=shipment,
        automotive=automotive.figures if automotive else None,
        sources=sources,
        bom_source=bom_source,
    )


def _check_automotive(goods: _Goods, read: AutomotiveDocument) -> list[InputError]:
    """Every vehicle and part the automotive file names is a good of the shipment, and its
    amounts are in those goods' currency (roo-check does no currency conversion)."""
    by_part = {good.part_number: good for good in goods.goods}
    figures = read.figures
    problems: list[InputError] = []
    mismatched: list[str] = []
    entries = [(("vehicles", i, "good"), v.good) for i, v in enumerate(figures.vehicles)]
    entries += [(("parts", i, "good"), p.good) for i, p in enumerate(figures.parts)]
    for loc, part in entries:
        good = by_part.get(part)
        if good is None:
            close = difflib.get_close_matches(part, sorted(by_part), n=1, cutoff=0.6)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            problems.append(read.problem(f"good {part!r} is not in {goods.file}{hint}", loc))
        elif good.currency != figures.currency:
            element = f"{loc[0]}[{loc[1]}]"
            mismatched.append(f"{element} {part!r} ({good.currency})")
    if mismatched:
        shown = ", ".join(mismatched[:3])
        if len(mismatched) > 3:
            shown += f" and {len(mismatched) - 3} more"
        problems.append(
            read.problem(
                f"currency {figures.currency} differs from the currency of the goods it names: "
                f"{shown}; roo-check does no currency conversion, so give the automotive "
                "figures in the goods' currency",
                ("currency",),
            )
        )
    return problems


def load_folder(folder: str | os.PathLike[str]) -> ShipmentFile:
    """Load a shipment folder: goods, BOM, and the optional certificate, shipment and
    automotive files."""
    root = Path(folder)
    files = find_role_files(root)
    problems = Problems()
    sources: list[SourceFile] = []
    loaded: dict[str, Any] = {}
    tables: dict[str, Table] = {}
    for role, path in files.items():
        data = _attempt(problems, lambda path=path: read_limited(path))
        if data is None:
            continue
        sources.append(_source(path, data, role))
        file, suffix = str(path), path.suffix

        if role in ("goods", "bom"):
            table = _attempt(
                problems,
                lambda data=data, file=file, suffix=suffix: read_table_bytes(
                    data, file=file, suffix=suffix
                ),
            )
            if table is None:
                continue
            if table.preamble:
                problems.add(
                    "'# key: value' lines are only read in a single-file BOM; "
                    "remove them from a shipment folder's files",
                    file=file,
                    location=f"row {min(row for row, _ in table.preamble.values())}",
                )
                continue
            tables[role] = table
            reader: Callable[[Table], Any] = _goods_of if role == "goods" else bom_from_table
            loaded[role] = _attempt(problems, lambda reader=reader, table=table: reader(table))
        elif role == "automotive":
            loaded[role] = _attempt(
                problems,
                lambda data=data, file=file, suffix=suffix: read_automotive(
                    data, file=file, suffix=suffix
                ),
            )
        elif role == "certificate":
            loaded[role] = _attempt(
                problems,
                lambda data=data, file=file, suffix=suffix: certificate_from_bytes(
                    data, file=file, suffix=suffix
                ),
            )
        else:
            loaded[role] = _attempt(
                problems,
                lambda data=data, file=file, suffix=suffix: shipment_from_bytes(
                    data, file=file, suffix=suffix
                ),
            )
    return _finish(
        problems,
        name=root.name or root.resolve().name,
        goods=loaded.get("goods"),
        bom=loaded.get("bom"),
        bom_table=tables.get("bom"),
        certificate=loaded.get("certificate"),
        shipment=loaded.get("shipment"),
        automotive=loaded.get("automotive"),
        sources=sources,
        bom_source=str(files["bom"]),
    )


def load_workbook(path: str | os.PathLike[str]) -> ShipmentFile:
    """Load a single ``.xlsx`` workbook with sheets ``goods`` and ``bom``."""
    target = Path(path)
    file = str(target)
    data = read_limited(target)
    tables = read_xlsx_sheets(data, file=file, sheets=list(WORKBOOK_SHEETS))
    problems = Problems()
    goods = _attempt(problems, lambda: _goods_of(tables["goods"]))
    bom = _attempt(problems, lambda: bom_from_table(tables["bom"]))
    return _finish(
        problems,
        name=target.name,
        goods=goods,
        bom=bom,
        bom_table=tables["bom"],
        sources=[_source(target, data, "workbook")],
        bom_source=file,
    )


def load_bom_csv(path: str | os.PathLike[str]) -> ShipmentFile:
    """Load a single-file BOM CSV: ``# key: value`` lines for the good, then the BOM table."""
    target = Path(path)
    file = str(target)
    data = read_limited(target)
    table = read_csv(data, file=file)
    problems = Problems()
    good = _attempt(problems, lambda: good_from_preamble(table))
    # Even if the good is wrong, check the BOM against the part number it was meant to have.
    default = good.part_number if good else table.preamble.get("part_number", (0, "?"))[1]
    bom = _attempt(problems, lambda: bom_from_table(table, default_good=default))
    goods = None
    if good is not None:
        row = table.preamble.get("part_number", (None, ""))[0]
        goods = _Goods(file, [good], [(file, f"row {row}" if row else None)])
    return _finish(
        problems,
        name=target.name,
        goods=goods,
        bom=bom,
        bom_table=table,
        sources=[_source(target, data, "bom")],
        bom_source=file,
    )


def load_any(path: str | os.PathLike[str]) -> ShipmentFile:
    """Dispatch on what ``path`` is: a folder, an ``.xlsx`` workbook or a BOM ``.csv``."""
    target = Path(path)
    if target.is_dir():
        return load_folder(target)
    if not target.exists():
        raise InputError("no such file or folder", file=str(target))
    suffix = target.suffix.lower()
    if suffix in REFUSED_FORMATS:
        raise InputError(REFUSED_FORMATS[suffix], file=str(target))
    if suffix == ".xlsx":
        return load_workbook(target)
    if suffix == ".csv":
        return load_bom_csv(target)
    raise InputError(
        "expected a shipment folder, an .xlsx workbook (sheets goods and bom) "
        "or a single-file BOM .csv",
        file=str(target),
    )
