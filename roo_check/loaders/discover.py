"""Find the files of a shipment, load each with its loader, and check they agree.

A shipment is a folder holding one file per role (see ``docs/input-formats.md``)::

    goods.csv | goods.xlsx                  required
    bom.csv   | bom.xlsx                    required
    certificate.xml | certificate.json      optional
    shipment.json | shipment.yaml | .yml    optional
    automotive.yaml | .yml | .json          optional (the producer's Part 6 figures)
    inventory.csv | inventory.xlsx          optional (stock records of fungible materials)
    declarations.csv | declarations.xlsx    optional (suppliers' declarations of origin)
    declarations/*.xml | *.json | register  optional (suppliers' certifications, Annex 5-A)
    suppliers/*.csv | *.xlsx                optional (suppliers' BOMs, accumulation)

or a single ``.xlsx`` workbook with sheets ``goods`` and ``bom`` (and optionally
``inventory``), or a single BOM ``.csv`` whose ``# key: value`` lines describe its one
good. Every file read is hashed (SHA-256) into :attr:`ShipmentFile.sources`. The checks
here are about the inputs agreeing with each other (every BOM line names a known good, one
currency per good...), not about origin.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from roo_check.errors import InputError, RooCheckError
from roo_check.limits import MAX_BOM_DEPTH
from roo_check.loaders import Problems
from roo_check.loaders.accumulation import (
    SupplierBomDocument,
    check_supplier_boms,
    find_supplier_files,
    supplier_bom_from_bytes,
)
from roo_check.loaders.automotive import AutomotiveDocument, read_automotive
from roo_check.loaders.certificate import certificate_from_bytes
from roo_check.loaders.declarations import (
    DECLARATION_FOLDER,
    REGISTER_NAMES,
    declaration_files,
    declarations_from_bytes,
)
from roo_check.loaders.files import check_file, inside, kind_of, os_message
from roo_check.loaders.goods import bom_from_table, good_from_preamble, goods_from_table
from roo_check.loaders.inventory import InventoryDocument, check_inventory, inventory_from_table
from roo_check.loaders.limits import read_limited
from roo_check.loaders.shipment import shipment_from_bytes
from roo_check.loaders.tabular import (
    REFUSED_FORMATS,
    Table,
    read_csv,
    read_table_bytes,
    read_xlsx_sheets,
    workbook_sheet_names,
)
from roo_check.models.certificate import Certificate
from roo_check.models.declarations import Declaration, Register
from roo_check.models.goods import BomLine, Good, MaterialType, OriginStatus
from roo_check.models.inventory import Inventory
from roo_check.models.shipment import Shipment, ShipmentFile, SourceFile

T = TypeVar("T")

ROLES: dict[str, tuple[str, ...]] = {
    "goods": ("goods.csv", "goods.xlsx"),
    "bom": ("bom.csv", "bom.xlsx"),
    "certificate": ("certificate.xml", "certificate.json"),
    "shipment": ("shipment.json", "shipment.yaml", "shipment.yml"),
    "automotive": ("automotive.yaml", "automotive.yml", "automotive.json"),
    "inventory": ("inventory.csv", "inventory.xlsx"),
    "declarations": REGISTER_NAMES,
}
"""The file names each role of a shipment folder may have (matched case-insensitively)."""

REQUIRED_ROLES = ("goods", "bom")

WORKBOOK_SHEETS = ("goods", "bom", "inventory")
"""Sheets of a single-workbook shipment."""

OPTIONAL_SHEETS = ("inventory",)


@dataclass(frozen=True)
class _Goods:
    file: str
    goods: list[Good]
    locations: list[tuple[str, str | None]]
    """(file, location) of each good, in the same order, for cross-file messages."""


# ---------------------------------------------------------------------------- role files


def find_role_files(folder: Path) -> dict[str, Path]:
    """The file of each role present in ``folder``; raise if a role has two candidates
    or a required role has none, or if a role's file is no regular file inside ``folder``
    (a FIFO, a symbolic link leading outside the folder or looping)."""
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
            path = folder / candidates[0].name
            try:
                check_file(path, within=folder)
            except RooCheckError as exc:
                problems.add(exc.message, file=str(path), field=role)
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

Where = Callable[[BomLine], str | None]


def check_consistency(
    goods: _Goods,
    bom: list[BomLine],
    *,
    bom_table: Table,
    inventory: Inventory | None = None,
) -> list[InputError]:
    """Problems of the goods and the BOM taken together (input consistency, not origin)."""
    problems: list[InputError] = []
    if not goods.goods:
        where_goods = "sheet 'goods'" if goods.file == bom_table.file else None
        problems.append(
            InputError(
                "there are no goods: the table has no rows", file=goods.file, location=where_goods
            )
        )
    by_number = _index_goods(goods, problems)

    def where(line: BomLine) -> str | None:
        return bom_table.where(line.row) if line.row is not None else None

    lines_of = _lines_by_good(bom, by_number, goods.file, bom_table, where, problems)
    for part_number, lines in lines_of.items():
        problems.extend(_check_parents(part_number, lines, bom_table, where))
        problems.extend(_check_intermediates(lines, bom_table, where))
    problems.extend(_check_fungible(bom, inventory, bom_table, where))

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


def _index_goods(goods: _Goods, problems: list[InputError]) -> dict[str, Good]:
    """The goods by part number; a part number listed twice is a problem."""
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
    return by_number


def _lines_by_good(
    bom: list[BomLine],
    by_number: dict[str, Good],
    goods_file: str,
    bom_table: Table,
    where: Where,
    problems: list[InputError],
) -> dict[str, list[BomLine]]:
    """The BOM lines of each good; a line naming no good, or in another currency, is a problem."""
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
    return lines_of


def _check_intermediates(lines: list[BomLine], bom_table: Table, where: Where) -> list[InputError]:
    """A designated intermediate material is a self-produced sub-assembly: it has inputs.

    Nested designations are not refused here: whether the proviso of SOR/2020-155 s. 8(6)
    bars one depends on the rules that apply, which the engine decides.
    """
    parents = {line.parent_part_number for line in lines if line.parent_part_number}
    problems = [
        InputError(
            "an intermediate material is a self-produced sub-assembly: give its inputs as "
            f"lines whose parent_part_number is {line.part_number}",
            file=bom_table.file,
            location=where(line),
            field="intermediate",
        )
        for line in lines
        if line.intermediate and line.part_number not in parents
    ]
    kinds = {line.part_number: line.material_type for line in lines}
    problems += [
        InputError(
            f"{line.parent_part_number!r} is a {kinds[line.parent_part_number].value} line: only "
            "a direct material can be a sub-assembly with inputs of its own",
            file=bom_table.file,
            location=where(line),
            field="parent_part_number",
        )
        for line in lines
        if line.parent_part_number in kinds
        and kinds[line.parent_part_number] is not MaterialType.direct
    ]
    return problems


def _check_fungible(
    bom: list[BomLine], inventory: Inventory | None, bom_table: Table, where: Where
) -> list[InputError]:
    """A fungible material is decided from its stock records (Art. 4.13): they must be given."""
    problems: list[InputError] = []
    for line in bom:
        if line.origin_status is not OriginStatus.fungible:
            continue
        if inventory is None:
            message = (
                f"origin_status fungible needs the stock records of {line.part_number!r} "
                "(Art. 4.13): add an inventory file (inventory.csv in a shipment folder, "
                "sheet 'inventory' in a workbook)"
            )
        elif not inventory.records_of(line.part_number):
            message = (
                f"origin_status fungible needs the stock records of {line.part_number!r} "
                f"(Art. 4.13): {inventory.source} has none"
            )
        else:
            continue
        problems.append(
            InputError(message, file=bom_table.file, location=where(line), field="origin_status")
        )
    return problems


def _check_parents(
    good: str, lines: list[BomLine], bom_table: Table, where: Where
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
    line_of: dict[str, BomLine] = {}
    for line in lines:
        line_of.setdefault(line.part_number, line)
    cycles = _cycles(parents_of)
    for cycle in cycles:
        line = line_of[cycle[-1]]
        problems.append(
            InputError(
                "sub-assemblies loop back on themselves: " + _shown_loop(cycle),
                file=bom_table.file,
                location=where(line),
                field="parent_part_number",
            )
        )
    if not cycles and (chain := _too_deep(parents_of)) is not None:
        problems.append(
            InputError(
                f"sub-assemblies are nested more than {MAX_BOM_DEPTH} levels deep: "
                + _shown_path(chain, len(chain), "levels"),
                file=bom_table.file,
                location=where(line_of[chain[0]]),
                field="parent_part_number",
            )
        )
    return problems


def _too_deep(parents_of: dict[str, set[str]]) -> list[str] | None:
    """A chain of sub-assemblies deeper than :data:`MAX_BOM_DEPTH`, from the deepest part
    up, or None. Called only when there is no loop, so every chain ends."""
    depth: dict[str, int] = {}
    for start in sorted(parents_of):
        path = [start]
        while path[-1] in parents_of and path[-1] not in depth:
            path.append(min(parents_of[path[-1]]))
        base = depth.get(path[-1], 0)
        for offset, part in enumerate(reversed(path)):
            depth.setdefault(part, base + offset)
        if depth[start] > MAX_BOM_DEPTH:
            chain = [start]
            while chain[-1] in parents_of:
                chain.append(min(parents_of[chain[-1]]))
            return chain
    return None


LOOP_SHOWN = (3, 2)
"""Part numbers of a loop shown in its message: the first three and the last two."""

PART_SHOWN = 40
"""Characters of one part number shown in a loop's message."""


def _shown_loop(cycle: list[str]) -> str:
    """A loop as ``A -> B -> C -> ... -> Y -> A (5,000 sub-assemblies in the loop)``: a
    5,000-line loop stays one short line, not 25 KB."""
    return _shown_path(cycle, len(cycle) - 1, "sub-assemblies in the loop")


def _shown_path(path: list[str], size: int, what: str) -> str:
    short = [p if len(p) <= PART_SHOWN else p[: PART_SHOWN - 3] + "..." for p in path]
    head, tail = LOOP_SHOWN
    if len(path) <= head + tail + 1:
        return " -> ".join(short)
    shown = " -> ".join([*short[:head], "...", *short[-tail:]])
    return f"{shown} ({size:,} {what})"


def _cycles(parents_of: dict[str, set[str]]) -> list[list[str]]:
    """Each loop found in the parent links, as a path that ends where it started.

    A chain of sub-assemblies must end at the good, never loop back on itself.
    """
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for start in sorted(parents_of):
        if state.get(start):
            continue
        path: list[str] = [start]
        stack: list[tuple[str, list[str]]] = [(start, sorted(parents_of.get(start, ())))]
        state[start] = 1
        while stack:
            node, pending = stack[-1]
            if not pending:
                stack.pop()
                path.pop()
                state[node] = 2
                continue
            nxt = pending.pop()
            if state.get(nxt) == 1:
                cycles.append([*path[path.index(nxt) :], nxt])
            elif not state.get(nxt):
                state[nxt] = 1
                path.append(nxt)
                stack.append((nxt, sorted(parents_of.get(nxt, ()))))
    return cycles


# ---------------------------------------------------------------------------------- loaders


@dataclass
class _Loaded:
    """What the files of a shipment gave, before the checks across files."""

    goods: _Goods | None = None
    bom: list[BomLine] | None = None
    bom_table: Table | None = None
    certificate: Certificate | None = None
    shipment: Shipment | None = None
    automotive: AutomotiveDocument | None = None
    inventory: InventoryDocument | None = None
    suppliers: list[SupplierBomDocument] = field(default_factory=list)
    declarations: list[Declaration] | None = None
    notes: list[str] = field(default_factory=list)
    """Rows the tables skipped (titles above the header, total rows), for the report."""

    def keep_notes(self, table: Table) -> None:
        self.notes.extend(f"{table.file}:{note}" for note in table.notes())


def _finish(
    problems: Problems,
    loaded: _Loaded,
    *,
    name: str,
    sources: list[SourceFile],
    bom_source: str,
) -> ShipmentFile:
    problems.raise_if_any()
    goods, bom, bom_table = loaded.goods, loaded.bom, loaded.bom_table
    assert goods is not None and bom is not None and bom_table is not None
    inventory = loaded.inventory.inventory if loaded.inventory else None
    problems.extend(check_consistency(goods, bom, bom_table=bom_table, inventory=inventory))
    by_number = {good.part_number: good for good in goods.goods}
    if loaded.automotive is not None:
        problems.extend(_check_automotive(goods, loaded.automotive))
    if loaded.inventory is not None:
        problems.extend(check_inventory(loaded.inventory, by_number, bom, goods.file))
    problems.extend(check_supplier_boms(loaded.suppliers, by_number, bom, bom_table=bom_table))
    problems.raise_if_any()
    return ShipmentFile(
        name=name,
        goods=goods.goods,
        bom=bom,
        certificate=loaded.certificate,
        shipment=loaded.shipment,
        automotive=loaded.automotive.figures if loaded.automotive else None,
        supplier_boms=[document.bom for document in loaded.suppliers],
        inventory=inventory,
        declarations=_register(loaded, sources),
        notes=loaded.notes,
        sources=sources,
        bom_source=bom_source,
    )


def _register(loaded: _Loaded, sources: list[SourceFile]) -> Register | None:
    if loaded.declarations is None:
        return None
    files = [(s.path, s.sha256) for s in sources if s.role == "declarations"]
    return Register.of(loaded.declarations, files)


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


_DOCUMENT_READERS: dict[str, Callable[..., Any]] = {
    "certificate": certificate_from_bytes,
    "shipment": shipment_from_bytes,
    "automotive": read_automotive,
    "inventory": lambda data, *, file, suffix: inventory_from_table(
        read_table_bytes(data, file=file, suffix=suffix)
    ),
    "declarations": declarations_from_bytes,
}
"""The reader of each role but goods and bom: ``reader(data, file=..., suffix=...)``."""


def _refuse_preamble(table: Table, problems: Problems) -> bool:
    """Goods and BOM tables of a folder or workbook take no '# key: value' lines."""
    if not table.preamble:
        return False
    problems.add(
        "'# key: value' lines are only read in a single-file BOM; "
        "remove them from a shipment folder's files",
        file=table.file,
        location=table.where(min(row for row, _ in table.preamble.values())),
    )
    return True


def _read_table_role(
    role: str, data: bytes, path: Path, problems: Problems, loaded: _Loaded
) -> None:
    table = _attempt(problems, lambda: read_table_bytes(data, file=str(path), suffix=path.suffix))
    if table is None or _refuse_preamble(table, problems):
        return
    loaded.keep_notes(table)
    if role == "goods":
        loaded.goods = _attempt(problems, lambda: _goods_of(table))
    else:
        loaded.bom_table = table
        loaded.bom = _attempt(problems, lambda: bom_from_table(table))


def _read_suppliers(
    root: Path, problems: Problems, sources: list[SourceFile]
) -> list[SupplierBomDocument]:
    """Each supplier BOM file of ``suppliers/``; a bad one is reported, the others still read."""
    found = find_supplier_files(root, problems)
    return _read_each(found, root, problems, sources, "supplier-bom", supplier_bom_from_bytes)


def _read_each(
    paths: list[Path],
    root: Path,
    problems: Problems,
    sources: list[SourceFile],
    role: str,
    reader: Callable[..., T],
) -> list[T]:
    """Each file of a folder of one role (``suppliers/``, ``declarations/``) read and hashed;
    a bad one is reported, the others still read."""
    documents: list[T] = []
    for path in paths:
        data = _attempt(problems, lambda path=path: _checked_read(path, root))
        if data is None:
            continue
        sources.append(_source(path, data, role))
        document = _attempt(
            problems,
            lambda data=data, path=path: reader(data, file=str(path), suffix=path.suffix),
        )
        if document is not None:
            documents.append(document)
    return documents


def _read_declaration_folder(
    root: Path, problems: Problems, sources: list[SourceFile], loaded: _Loaded
) -> None:
    """The files of the folder ``declarations/``, added to the register read so far."""
    entries = [e for e in _entries(root) if e.name.lower() == DECLARATION_FOLDER]
    if not entries:
        return
    folder = root / entries[0].name
    if len(entries) > 1 or not entries[0].is_dir():
        problems.add(
            f"expected one folder {DECLARATION_FOLDER}/ holding the suppliers' declarations",
            file=str(folder),
        )
        return
    if not inside(folder, root):
        problems.add(
            f"is a symbolic link to a folder outside the folder {root}; refused", file=str(folder)
        )
        return
    found = _attempt(problems, lambda: declaration_files(folder, problems)) or []
    read = _read_each(found, root, problems, sources, "declarations", declarations_from_bytes)
    if read:
        loaded.declarations = [*(loaded.declarations or []), *(d for r in read for d in r)]


def _entries(root: Path) -> list[os.DirEntry[str]]:
    try:
        return list(os.scandir(root))
    except OSError:
        return []  # the folder itself was listed a moment ago; its roles report the problem


def _checked_read(path: Path, root: Path) -> bytes:
    check_file(path, within=root)
    return read_limited(path, within=root)


def load_folder(folder: str | os.PathLike[str]) -> ShipmentFile:
    """Load a shipment folder: goods, BOM, and the optional certificate, shipment, automotive
    and inventory files and supplier BOMs."""
    root = Path(folder)
    files = find_role_files(root)
    problems = Problems()
    sources: list[SourceFile] = []
    loaded = _Loaded()
    for role, path in files.items():
        data = _attempt(problems, lambda path=path: read_limited(path, within=root))
        if data is None:
            continue
        sources.append(_source(path, data, role))
        if role in ("goods", "bom"):
            _read_table_role(role, data, path, problems, loaded)
            continue
        reader = _DOCUMENT_READERS[role]
        document = _attempt(
            problems,
            lambda reader=reader, data=data, path=path: reader(
                data, file=str(path), suffix=path.suffix
            ),
        )
        setattr(loaded, role, document)
    loaded.suppliers = _read_suppliers(root, problems, sources)
    _read_declaration_folder(root, problems, sources, loaded)
    return _finish(
        problems,
        loaded,
        name=root.name or root.resolve().name,
        sources=sources,
        bom_source=str(files["bom"]),
    )


def load_workbook(path: str | os.PathLike[str]) -> ShipmentFile:
    """Load a single ``.xlsx`` workbook with sheets ``goods`` and ``bom`` (and, optionally,
    ``inventory``)."""
    target = Path(path)
    file = str(target)
    data = read_limited(target)
    tables = read_xlsx_sheets(
        data, file=file, sheets=list(WORKBOOK_SHEETS), optional=OPTIONAL_SHEETS
    )
    problems = Problems()
    loaded = _Loaded(bom_table=tables["bom"])
    loaded.keep_notes(tables["goods"])
    loaded.keep_notes(tables["bom"])
    if not _refuse_preamble(tables["goods"], problems):
        loaded.goods = _attempt(problems, lambda: _goods_of(tables["goods"]))
    if not _refuse_preamble(tables["bom"], problems):
        loaded.bom = _attempt(problems, lambda: bom_from_table(tables["bom"]))
    if "inventory" in tables:
        loaded.inventory = _attempt(problems, lambda: inventory_from_table(tables["inventory"]))
    return _finish(
        problems,
        loaded,
        name=target.name,
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
    loaded = _Loaded(bom=bom, bom_table=table)
    loaded.keep_notes(table)
    if good is not None:
        row = table.preamble.get("part_number", (None, ""))[0]
        loaded.goods = _Goods(file, [good], [(file, f"row {row}" if row else None)])
    return _finish(
        problems,
        loaded,
        name=target.name,
        sources=[_source(target, data, "bom")],
        bom_source=file,
    )


def load_any(path: str | os.PathLike[str]) -> ShipmentFile:
    """Dispatch on what ``path`` is: a folder, an ``.xlsx`` workbook or a BOM ``.csv``."""
    target = Path(path)
    _refuse_undecodable_name(target)
    kind = _kind(target)
    if kind == "folder":
        return load_folder(target)
    if kind != "file":
        raise InputError(kind, file=str(target))
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


def _kind(target: Path) -> str:
    """The word folder or file, or why ``target`` is neither, from its status alone: a FIFO
    or device is never opened (no hang)."""
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        return "no such file or folder"
    except OSError as exc:
        return os_message(exc)
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISREG(mode):
        return "file"
    return f"not a regular file or folder; it is {kind_of(mode)}"


def _refuse_undecodable_name(target: Path) -> None:
    """A name whose bytes are not UTF-8 cannot be named in a report that others read back
    (JSON, SARIF and JUnit are UTF-8): rename it rather than have reports that differ."""
    try:
        str(target).encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(
            "the name is not valid UTF-8 (shown with the bytes escaped); rename it",
            file=str(target),
        ) from None


SKIPPED_FOLDERS = frozenset({"node_modules", "venv", "site-packages", "__pycache__"})
"""Folders ``roo-check check`` with no path never looks in (with every hidden one: ``.git``,
``.venv``): installed packages and caches, as ruff leaves them out."""

MAX_FOLDER_DEPTH = 12
"""How deep below the current folder shipments are looked for."""


def shipments_in(folder: Path) -> list[Path]:
    """What ``roo-check check`` with no path checks, as ruff checks the current folder: the
    folder itself when it is a shipment folder (it has goods and BOM files); otherwise, in
    path order, every shipment below it: shipment folders (taken whole, not looked into),
    single-file BOMs (``*.bom.csv``, ``*.bom.xlsx``), the workbooks of the folder itself
    (``*.xlsx``: a broken one is reported, not passed over) and, deeper, workbooks with sheets
    ``goods`` and ``bom`` (a price list in ``docs/`` is no shipment). Hidden entries, Excel's
    ``~$`` lock files, :data:`SKIPPED_FOLDERS` and symbolic links to folders are skipped."""
    if _is_shipment_folder(folder):
        return [folder]
    return _shipments_below(folder, depth=0)


def _shipments_below(folder: Path, depth: int) -> list[Path]:
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as exc:
        if depth:
            return []  # a sub-folder we may not read holds no shipment of ours
        message = f"cannot list the folder: {exc.strerror or exc}"
        raise InputError(message, file=str(folder)) from None
    found: list[Path] = []
    for entry in entries:
        name = entry.name.lower()
        if name.startswith((".", "~$")):
            continue
        path = folder / entry.name
        if _is_folder(entry):
            found += _folder_shipments(path, name, depth)
        elif _is_shipment_table(entry, path, name, depth):
            found.append(path)
    return found


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def _folder_shipments(path: Path, name: str, depth: int) -> list[Path]:
    if _is_shipment_folder(path):
        return [path]
    if name in SKIPPED_FOLDERS or depth + 1 >= MAX_FOLDER_DEPTH:
        return []
    return _shipments_below(path, depth + 1)


def _is_shipment_table(entry: os.DirEntry[str], path: Path, name: str, depth: int) -> bool:
    try:
        if not entry.is_file():
            return False
    except OSError:
        return False
    if name.endswith((".bom.csv", ".bom.xlsx")) or (depth == 0 and name.endswith(".xlsx")):
        return True
    return name.endswith(".xlsx") and _is_shipment_workbook(path)


def _is_shipment_workbook(path: Path) -> bool:
    """A workbook below the current folder is a shipment when it has the required sheets."""
    try:
        names = {n.strip().lower() for n in workbook_sheet_names(read_limited(path), str(path))}
    except (RooCheckError, OSError):
        return False
    required = set(WORKBOOK_SHEETS) - set(OPTIONAL_SHEETS)
    return required <= names


def _is_shipment_folder(folder: Path) -> bool:
    try:
        names = {entry.name.lower() for entry in os.scandir(folder)}
    except OSError:
        return False
    return all(any(n in names for n in ROLES[role]) for role in REQUIRED_ROLES)
