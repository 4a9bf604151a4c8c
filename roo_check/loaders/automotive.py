"""The producer's automotive figures (``automotive.yaml`` / ``.json``) into :class:`AutomotiveFile`.

Same reading as the shipment documents: safe YAML or JSON, money as exact decimals (YAML
``1.10`` and JSON ``1.10`` are ``Decimal("1.10")``, never a float), size and nesting limits,
one error line per problem naming the file, the line (YAML), the JSON path and the field.

The model checks its cross-references itself (every plant an LVC figure names is in
``plants``, no plant id or good given twice), but a model-level check can only say "the
document is wrong". So the references are first checked here, element by element, with
the path and line of the offending value; the model's own validation then runs unchanged
and stays the authority.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import model_validator

from roo_check.errors import InputError
from roo_check.loaders import Problems
from roo_check.loaders.shipment import json_path, parse_json, parse_yaml, validate_document
from roo_check.models.automotive import AutomotiveFile

Loc = tuple[int | str, ...]


class _Unreferenced(AutomotiveFile):
    """The file's fields validated, its cross-references not yet (checked element by element)."""

    @model_validator(mode="after")
    def _references(self) -> _Unreferenced:
        return self


@dataclass(frozen=True)
class AutomotiveDocument:
    """The figures as read, and where each value stands in the file (for later messages)."""

    file: str
    figures: AutomotiveFile
    lines: Mapping[Loc, int] = field(default_factory=dict)
    """Source line of each JSON path (YAML only; empty for JSON)."""

    def where(self, loc: Loc) -> str:
        """``line 57, $.vehicles[0].good`` (YAML) or ``$.vehicles[0].good`` (JSON)."""
        probe = loc
        while probe not in self.lines and probe:
            probe = probe[:-1]
        line = self.lines.get(probe)
        return f"line {line}, {json_path(loc)}" if line else json_path(loc)

    def problem(self, message: str, loc: Loc) -> InputError:
        """An error at ``loc``, its field being the last name in the path."""
        name = next((str(part) for part in reversed(loc) if isinstance(part, str)), None)
        return InputError(message, file=self.file, location=self.where(loc), field=name)


def read_automotive(data: bytes, *, file: str, suffix: str) -> AutomotiveDocument:
    """Read ``automotive.yaml``/``.yml``/``.json`` bytes (``suffix`` picks the format)."""
    suffix = suffix.lower()
    lines: dict[Loc, int] = {}
    document: Any
    if suffix == ".json":
        document = parse_json(data, file=file)
    elif suffix in (".yaml", ".yml"):
        document, lines = parse_yaml(data, file=file)
    else:
        raise InputError(
            f"cannot read {suffix or 'extension-less'} files (use .yaml or .json)", file=file
        )
    given = lines or None
    unchecked = validate_document(_Unreferenced, document, file=file, lines=given)
    problems = Problems()
    problems.extend(_reference_problems(AutomotiveDocument(file, unchecked, lines)))
    problems.raise_if_any()
    figures = validate_document(AutomotiveFile, document, file=file, lines=given)
    return AutomotiveDocument(file, figures, lines)


def automotive_from_bytes(data: bytes, *, file: str, suffix: str) -> AutomotiveFile:
    """An :class:`AutomotiveFile` from YAML or JSON bytes (``suffix`` picks the format)."""
    return read_automotive(data, file=file, suffix=suffix).figures


def _reference_problems(read: AutomotiveDocument) -> list[InputError]:
    """Plant ids and goods given twice, and LVC figures naming a plant not in ``plants``."""
    problems, first_plant = _duplicate_plants(read)
    problems += _unknown_plants(read, first_plant)
    problems += _duplicate_goods(read)
    return problems


def _duplicate_plants(read: AutomotiveDocument) -> tuple[list[InputError], dict[str, int]]:
    """(plant ids given twice, the index of each id's first plant).

    A repeated id is reported where it repeats, pointing at its first use, so that both
    entries can be found.
    """
    problems: list[InputError] = []
    first_plant: dict[str, int] = {}
    for index, plant in enumerate(read.figures.plants):
        if plant.id in first_plant:
            problems.append(
                read.problem(
                    f"plant id {plant.id!r} appears twice (first at "
                    f"{json_path(('plants', first_plant[plant.id]))})",
                    ("plants", index, "id"),
                )
            )
        else:
            first_plant[plant.id] = index
    return problems, first_plant


def _unknown_plants(read: AutomotiveDocument, plant_ids: Collection[str]) -> list[InputError]:
    """LVC figures naming a plant not in ``plants``, with the id most likely meant."""
    known = sorted(plant_ids)
    return [
        read.problem(
            f"names plant {plant!r}, which is not in plants{_plant_hint(plant, known)}", loc
        )
        for plant, loc in _plant_references(read.figures)
        if plant not in plant_ids
    ]


def _plant_references(figures: AutomotiveFile) -> list[tuple[str, Loc]]:
    """Every plant the vehicles' LVC figures name, and where, in file order."""
    references: list[tuple[str, Loc]] = []
    for v, vehicle in enumerate(figures.vehicles):
        lvc = vehicle.lvc
        if lvc is None:
            continue
        for kind in ("high_wage_labour", "high_wage_materials"):
            for i, amount in enumerate(getattr(lvc, kind)):
                references.append((amount.plant, ("vehicles", v, "lvc", kind, i, "plant")))
        if lvc.assembly_credit_plant:
            references.append(
                (lvc.assembly_credit_plant, ("vehicles", v, "lvc", "assembly_credit_plant"))
            )
    return references


def _plant_hint(plant: str, known: list[str]) -> str:
    """The plant id probably meant, else the ids there are when they are few enough to list."""
    close = difflib.get_close_matches(plant, known, n=1, cutoff=0.6)
    if close:
        return f" (did you mean {close[0]!r}?)"
    if not known:
        return "; the file lists no plants"
    if len(known) <= 10:
        return f"; plant ids: {', '.join(known)}"
    return ""


def _duplicate_goods(read: AutomotiveDocument) -> list[InputError]:
    """Goods given twice across the vehicles and parts, pointing at the first entry."""
    figures = read.figures
    problems: list[InputError] = []
    first_good: dict[str, Loc] = {}
    entries = [(("vehicles", i, "good"), v.good) for i, v in enumerate(figures.vehicles)]
    entries += [(("parts", i, "good"), p.good) for i, p in enumerate(figures.parts)]
    for loc, good in entries:
        if good in first_good:
            first = json_path(first_good[good][:-1])
            problems.append(read.problem(f"good {good!r} has two entries (first at {first})", loc))
        else:
            first_good[good] = loc
    return problems
