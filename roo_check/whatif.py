"""``roo-check whatif``: the check as given and as changed, and only what differs.

A change sets a field of a material (every BOM line with that part number, in every input)
or, when no material has the part number, of a good: ``BURNER-G.origin_status=non-originating``,
``BURNER-G.country_of_origin=CN``, ``PCA-MAIN.unit_value=12.50``. The changed line or good is
validated again as an input, so a change the files could not hold (a country that does not
exist, a value with letters) is refused with one line. Setting a unit value drops the extended
value, and the reverse, so that the value follows the change. The changed side may also be
checked on another date (``--date 2027-07-01``: a phase-in) or under other rules.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from roo_check.compare import compare_reports, report_view
from roo_check.errors import InputError, InputErrors, UsageError
from roo_check.limits import MAX_CELL_CHARS
from roo_check.loaders.limits import text_too_long
from roo_check.models.config import Config
from roo_check.models.findings import INTERNAL_ERROR_KIND, Report
from roo_check.models.goods import BomLine, Good
from roo_check.models.report_view import Comparison
from roo_check.models.shipment import ShipmentFile
from roo_check.models.whatif import Scenario, Value
from roo_check.rulebook.index import Rulebook
from roo_check.run import check_paths

IDENTITY = frozenset({"good_part_number", "part_number", "row"})
"""Fields that say which line or good it is: a what-if changes a material, not its identity."""

_PAIRED = {"unit_value": "extended_value", "extended_value": "unit_value"}


@dataclass(frozen=True)
class Edit:
    part: str
    field: str
    value: Value
    source: str
    """Where the change was given: ``--set`` or the scenario file."""


def parse_set(text: str) -> Edit:
    """``PART.FIELD=VALUE``; the part number may hold dots, the field does not."""
    target, equals, value = text.partition("=")
    part, dot, name = target.rpartition(".")
    if not equals or not dot or not part or not name:
        raise UsageError(
            f"--set {text!r}: give PART.FIELD=VALUE, e.g. BURNER-G.country_of_origin=CN"
        )
    return _checked(Edit(part, name, value, "--set"))


def scenario_edits(scenario: Scenario, file: str) -> list[Edit]:
    return [
        _checked(Edit(part, name, value, file))
        for part, fields in scenario.set.items()
        for name, value in fields.items()
    ]


def _checked(edit: Edit) -> Edit:
    if isinstance(edit.value, str) and len(edit.value) > MAX_CELL_CHARS:
        raise UsageError(
            f"{edit.source}: {edit.part}.{edit.field}: {text_too_long(len(edit.value), 'value')}"
        )
    known = (set(BomLine.model_fields) | set(Good.model_fields)) - IDENTITY
    if edit.field not in known:
        close = difflib.get_close_matches(edit.field, sorted(known), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise UsageError(
            f"{edit.source}: {edit.part}.{edit.field}: no such field of a material or good{hint}"
        )
    return edit


@dataclass(frozen=True)
class Plan:
    """A what-if as asked: the changes, and the date and rules of the changed side."""

    edits: list[Edit]
    on: dt.date | None
    rules_dir: Path | None

    @property
    def name(self) -> str:
        parts = [f"{len(self.edits)} change(s)"]
        if self.on:
            parts.append(f"on {self.on}")
        if self.rules_dir:
            parts.append(f"rules {self.rules_dir}")
        return "as changed (" + ", ".join(parts) + ")"


def plan(
    scenario: Path | None, sets: Iterable[str], on: dt.date | None, rules_dir: Path | None
) -> Plan:
    """The scenario file's changes, date and rules (its ``rules`` relative to the file), then
    the command line's: ``--set`` adds to the file's changes, ``--date`` and ``--rules``
    override the file's."""
    edits: list[Edit] = []
    if scenario is not None:
        from roo_check.loaders.whatif import load_scenario

        kept = load_scenario(scenario)
        edits += scenario_edits(kept, str(scenario))
        on = on or kept.date
        if rules_dir is None and kept.rules:
            rules_dir = scenario.parent / kept.rules
    edits += [parse_set(text) for text in sets]
    return Plan(edits, on, rules_dir)


@dataclass
class Applier:
    """Applies the edits to each shipment as it is loaded, and remembers which matched."""

    edits: list[Edit]
    used: set[int] = field(default_factory=set)

    def __call__(self, shipment: ShipmentFile) -> ShipmentFile:
        by_part: dict[str, list[int]] = defaultdict(list)
        for i, edit in enumerate(self.edits):
            by_part[edit.part].append(i)
        materials = {line.part_number for line in shipment.bom}
        bom = [self._apply(line, by_part.get(line.part_number, [])) for line in shipment.bom]
        goods = [
            self._apply(
                good, [] if good.part_number in materials else by_part.get(good.part_number, [])
            )
            for good in shipment.goods
        ]
        return shipment.model_copy(update={"bom": bom, "goods": goods})

    def _apply(self, item: BomLine | Good, indexes: list[int]) -> Any:
        if not indexes:
            return item
        data = item.model_dump(exclude_unset=True)
        for i in indexes:
            edit = self.edits[i]
            if edit.field in _PAIRED:
                data.pop(_PAIRED[edit.field], None)
            data[edit.field] = edit.value
        try:
            changed = type(item).model_validate(data)
        except ValidationError as exc:
            first = exc.errors()[0]
            edit = self.edits[indexes[0]]
            raise InputError(
                f"cannot set {edit.part}: {first['msg'].removeprefix('Value error, ')}",
                file=edit.source,
                field=".".join(str(p) for p in first["loc"]) or edit.field,
            ) from None
        self.used.update(indexes)
        return changed

    def unused(self) -> list[Edit]:
        return [e for i, e in enumerate(self.edits) if i not in self.used]


@dataclass(frozen=True)
class Sides:
    """The rules and date of each side: as given (the files' own dates) and as changed."""

    given: Rulebook
    changed: Rulebook
    on: dt.date | None


def what_if(
    paths: list[Path],
    edits: list[Edit],
    sides: Sides,
    config: Config,
    today: dt.date,
    *,
    changed_name: str = "as changed",
) -> Comparison:
    """The inputs checked as given and as changed, compared as ``roo-check diff`` compares."""
    applier = Applier(edits)
    given = check_paths(paths, sides.given, None, today, config)
    changed = check_paths(paths, sides.changed, sides.on, today, config, change=applier)
    _refuse_new_errors(given, changed)
    missing = applier.unused()
    if missing and not _failed(changed):
        shown = ", ".join(sorted({f"{e.part}.{e.field}" for e in missing}))
        raise UsageError(f"no material or good of the inputs has the part number of: {shown}")
    return compare_reports(
        report_view(given),
        report_view(changed),
        old_name="as given",
        new_name=changed_name,
        fail_on=config.fail_on or "warning",
    )


def _refuse_new_errors(given: Report, changed: Report) -> None:
    """An input that loads as given but not as changed: a change it cannot hold (a value the
    line refuses). That is the user's error, exit 2, not a good that got worse."""
    before = {(e.file, e.location, e.field, e.message) for s in given.shipments for e in s.errors}
    errors = [
        e
        for s in changed.shipments
        for e in s.errors
        if (e.file, e.location, e.field, e.message) not in before
    ]
    bugs = [e for e in errors if e.kind == INTERNAL_ERROR_KIND]
    if bugs:
        raise RuntimeError(bugs[0].message)  # a bug of roo-check: the guard exits 3
    if errors:
        raise InputErrors(
            [InputError(e.message, file=e.file, location=e.location, field=e.field) for e in errors]
        )


def _failed(report: Report) -> bool:
    """Some input did not load: an edit may match a part of it, so none is called unused."""
    return any(s.errors for s in report.shipments)
