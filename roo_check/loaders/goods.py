"""Rows of a goods or BOM table -> :class:`Good` and :class:`BomLine` models.

Columns are the model field names (after header normalisation). An unknown column is an
error, so that a typo never silently drops data. Cell values are prepared here only as
far as a spreadsheet needs it (numbers as text where text is expected, yes/no booleans,
ISO dates); the models do the validation, and their errors are reported with the row and
column they came from. A table is validated in batches (:mod:`roo_check.loaders.batch`);
a row with a problem is read again on its own, so that every message comes from one place.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from decimal import Decimal
from types import UnionType
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from roo_check.errors import InputError, RooCheckError
from roo_check.loaders import Problems, clean_message, show_value, validation_problems
from roo_check.loaders.batch import BATCH_ROWS, validated_rows
from roo_check.loaders.tabular import HEADER_SEARCH_ROWS, Row, Table, total_label
from roo_check.models.accumulation import SupplierBom
from roo_check.models.common import input_date
from roo_check.models.declarations import Declaration
from roo_check.models.goods import BomLine, Good, MaterialType
from roo_check.models.inventory import Inventory, InventoryRecord

GOOD_COLUMNS: tuple[str, ...] = tuple(name for name in Good.model_fields if name != "row")
"""Columns of goods.csv (and keys of the ``# key: value`` lines of a single-file BOM).
``row`` is set by the loader, never read from the file."""

BOM_COLUMNS: tuple[str, ...] = tuple(name for name in BomLine.model_fields if name != "row")
"""Columns of bom.csv. ``row`` is set by the loader, never read from the file."""

VALUE_COLUMNS = ("unit_value", "extended_value")
"""A BOM needs at least one of these columns."""

RETIRED_COLUMNS: dict[str, str] = {
    "indirect": "use the column 'material_type' with the value 'indirect'",
}
"""BOM columns that were replaced, with what to write instead (shown with the unknown column)."""

ACCESSORY_CONDITIONS: dict[str, frozenset[MaterialType]] = {
    "classified_with_good": frozenset({MaterialType.accessory, MaterialType.retail_packaging}),
    "invoiced_separately": frozenset({MaterialType.accessory}),
    "customary": frozenset({MaterialType.accessory}),
}
"""The conditions of Art. 4.14 (and 4.15) and the material types they are read on."""

_HS_FIELDS = frozenset({"hs_code", "tariff_item", "hs_codes"})

_TRUE = frozenset({"true", "yes", "1"})
_FALSE = frozenset({"false", "no", "0"})
_SNAKE_CASE_ENUMS = frozenset({"end_use", "material_type", "method", "movement", "scope"})
"""Enum fields whose values are written in snake case ('Retail packaging' -> retail_packaging)."""
_HS_NUMBER_HINT = (
    "; the cell is a number, which drops leading and trailing zeros: format the column as text"
)

M = TypeVar("M", bound=BaseModel)


def _base_type(annotation: Any) -> Any:
    """``Decimal`` for ``Annotated[Decimal, ...] | None``: the type a field finally holds."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, UnionType):
            kinds = [arg for arg in get_args(annotation) if arg is not type(None)]
            if len(kinds) != 1:
                return annotation
            annotation = kinds[0]
        else:
            return annotation


_MODELS: tuple[type[BaseModel], ...] = (
    Good,
    BomLine,
    Inventory,
    InventoryRecord,
    SupplierBom,
    Declaration,
)
"""The models read from table cells or ``# key: value`` lines (a field name means one kind)."""


def _fields_of_type(kind: type) -> frozenset[str]:
    return frozenset(
        name
        for model in _MODELS
        for name, info in model.model_fields.items()
        if _base_type(info.annotation) is kind
    )


# Read from the models, so that a field added there is read the right way here.
_DECIMAL_FIELDS = _fields_of_type(Decimal)
_DATE_FIELDS = _fields_of_type(dt.date)
_BOOL_FIELDS = _fields_of_type(bool)
# List fields (production_steps, a declaration's part_numbers) are written in one cell,
# separated by ';'.
_LIST_FIELDS = frozenset(
    name
    for model in _MODELS
    for name, info in model.model_fields.items()
    if getattr(info.annotation, "__origin__", None) is list
)


# ------------------------------------------------------------------------------ cell values


def _as_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _as_decimal_input(value: Any) -> Any:
    """A number cell, left for the model to read with the one parser of every number
    (:func:`roo_check.money.to_decimal`, whose messages name the problem); only a date cell,
    which that parser knows nothing of, is refused here."""
    if isinstance(value, dt.date):
        raise ValueError(f"expected a number, got the date {value.isoformat()}")
    return value


def _as_date(value: Any) -> dt.date:
    """A date cell (an xlsx date) or ISO text, within the dates roo-check reads."""
    if isinstance(value, bool | int | float | Decimal):
        raise ValueError(
            f"expected a date as YYYY-MM-DD, got {show_value(_as_text(value))}; "
            "format the cell as a date or as text"
        )
    return input_date(value)


def _as_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    text = _as_text(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(f"{show_value(value)} is not a yes/no value (use true/false, yes/no or 1/0)")


def prepare(name: str, value: Any) -> Any:
    """Prepare one cell for the model field ``name``; raise ValueError naming the problem."""
    if name in _DECIMAL_FIELDS:
        return _as_decimal_input(value)
    if name in _DATE_FIELDS:
        return _as_date(value)
    if name in _BOOL_FIELDS:
        return _as_bool(value)
    text = _as_text(value)
    if name == "origin_status":
        return re.sub(r"[\s_]+", "-", text.strip().lower())
    if name in _SNAKE_CASE_ENUMS:
        return re.sub(r"[\s\-]+", "_", text.strip().lower())
    if name in _LIST_FIELDS:
        return [part.strip() for part in text.split(";") if part.strip()]
    return text


Reader = Callable[[Any], Any]
"""Prepares one cell of a column: the value :func:`prepare` gives, or its ValueError."""


_PREPARED_TEXT = (
    _DATE_FIELDS | _BOOL_FIELDS | {"origin_status"} | _SNAKE_CASE_ENUMS | _LIST_FIELDS
) - _DECIMAL_FIELDS
"""The fields whose ``str`` cell :func:`prepare` changes (the tests of :func:`prepare`, in its
order); it returns any other ``str`` cell as it is: a number (the model parses it) or text."""


class _Remembered:
    """:func:`prepare` for one column, remembering its result for each distinct text.

    A date, yes/no or enum column holds few distinct texts: each is prepared once. A list
    (mutable) is never remembered, nor a failure, which is raised again each time.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self.seen: dict[str, Any] = {}

    def __call__(self, value: Any) -> Any:
        if type(value) is not str:
            return prepare(self.name, value)
        try:
            return self.seen[value]
        except KeyError:
            result = self.seen[value] = prepare(self.name, value)
            return result


def cell_reader(name: str, *, text_cells: bool) -> Reader | None:
    """How to prepare the cells of column ``name``, decided once for the column.

    None: the cells are taken as they are, as :func:`prepare` would return them (a number
    or text column of a table whose cells are all text, a CSV). A worksheet cell may be a
    number, a date or a boolean anywhere, so each column of a worksheet gets a reader.
    """
    if name not in _PREPARED_TEXT:
        if text_cells:
            return None
        return lambda value: value if type(value) is str else prepare(name, value)
    if name in _LIST_FIELDS:
        return lambda value: prepare(name, value)
    return _Remembered(name)


class _Readers(dict[str, Reader | None]):
    """The reader of each column of one table, made when the column is first met."""

    def __init__(self, *, text_cells: bool) -> None:
        super().__init__()
        self.text_cells = text_cells

    def __missing__(self, name: str) -> Reader | None:
        reader = self[name] = cell_reader(name, text_cells=self.text_cells)
        return reader


# --------------------------------------------------------------------------------- columns


def suggest(name: str, columns: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for a misspelt column or key, or nothing."""
    close = difflib.get_close_matches(name, list(columns), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def check_columns(
    table: Table,
    columns: tuple[str, ...],
    required: list[str],
    problems: Problems,
    hints: Mapping[str, str] | None = None,
) -> bool:
    """Report unknown and missing required columns at the header row; True if any.

    ``hints`` says what to write instead of a column that is not read (a retired one). A
    table whose header was not found (:attr:`Table.recognised`) gets one line saying so,
    naming the columns expected, instead of one per column.
    """
    before = len(problems)
    where = table.where(table.header_row) if table.header_row else None
    if not table.recognised:
        problems.add(no_header_message(table, required or columns), file=table.file, location=where)
        return True
    for name in table.headers:
        if name and name not in columns:
            hint = f" ({hints[name]})" if hints and name in hints else suggest(name, columns)
            problems.add(
                f"unknown column {name!r}{hint}",
                file=table.file,
                location=where,
                field=name,
            )
    for name in required:
        if name not in table.headers:
            problems.add(
                f"required column {name!r} is missing",
                file=table.file,
                location=where,
                field=name,
            )
    return len(problems) > before


def no_header_message(table: Table, expected: Iterable[str]) -> str:
    """The one line for a table without a recognisable header: what a header must name, and
    what the row taken for it holds (a title, a header in other words, data)."""
    cells = table.header_cells
    shown = ", ".join(show_value(cell, 40) for cell in cells[:4])
    more = f" and {len(cells) - 4} more cells" if len(cells) > 4 else ""
    return (
        f"no header row found: none of the first {HEADER_SEARCH_ROWS} non-empty rows names "
        f"the columns {', '.join(expected)}; the first holds {shown}{more}: put the column "
        "names in one row above the data"
    )


def required_fields(model: type[BaseModel], columns: Iterable[str]) -> list[str]:
    """The names among ``columns`` that ``model`` requires."""
    return [name for name in columns if model.model_fields[name].is_required()]


# ------------------------------------------------------------------------------------ rows

_WORD = re.compile(r"[a-z][a-z0-9_]*")


def _field_named_in(message: str, model: type[BaseModel], given: Iterable[str]) -> str | None:
    """The field a model-level message is about: the first field it names that the row gives,
    else the first field it names (``net_cost on a BOM line is read only ...`` -> net_cost)."""
    named = [w for w in _WORD.findall(message) if w in model.model_fields and w != "row"]
    present = set(given)
    return next((w for w in named if w in present), named[0] if named else None)


def build_model(
    model: type[M],
    values: dict[str, Any],
    *,
    file: str,
    locate_field: Callable[[str | None], str | None],
    problems: Problems,
    extra: dict[str, Any] | None = None,
) -> M | None:
    """Prepare ``values`` and validate them into ``model``; add problems, return None on any.

    A problem of the whole model (a validator comparing fields) is reported on the field
    its message names, so that it still points at a cell.
    """
    data: dict[str, Any] = dict(extra or {})
    failed: set[str] = set()
    numeric_hs: set[str] = set()
    for name, raw in values.items():
        if name in _HS_FIELDS and isinstance(raw, int | float) and not isinstance(raw, bool):
            numeric_hs.add(name)
        try:
            data[name] = prepare(name, raw)
        except ValueError as exc:
            failed.add(name)
            problems.add(str(exc), file=file, location=locate_field(name), field=name)
    try:
        result = model.model_validate(data)
    except ValidationError as exc:

        def locate(loc: tuple[int | str, ...]) -> tuple[str | None, str | None]:
            name = str(loc[0]) if loc else None
            return locate_field(name), name

        for error in validation_problems(exc, file=file, locate=locate):
            if error.field in failed or (error.field is None and failed):
                continue  # already reported while preparing the cell
            if error.field is None:
                named = _field_named_in(error.message, model, values)
                error = InputError(
                    error.message, file=error.file, location=locate_field(named), field=named
                )
            if error.field in numeric_hs:
                error = InputError(
                    error.message + _HS_NUMBER_HINT,
                    file=error.file,
                    location=error.location,
                    field=error.field,
                )
            problems.add_error(error)
        return None
    return None if failed else result


def table_models(
    model: type[M],
    table: Table,
    problems: Problems,
    *,
    extra: Callable[[Row], dict[str, Any]] = lambda _row: {},
    batch: int = BATCH_ROWS,
) -> Iterator[tuple[Row, M | None]]:
    """Each aligned row of ``table`` with its model, or None where the row has a problem.

    The result and the problems (added as each row is yielded) are those of
    :func:`build_model` row by row, with ``extra(row)`` as its ``extra``; ``batch`` rows are
    validated in one call (0: row by row, the reference the batches must agree with).
    """
    readers = _Readers(text_cells=table.text_cells)

    def prepared(row: Row) -> dict[str, Any] | None:
        values = row.values
        data = {**extra(row), **values}
        # In a table of text, only the cells of _PREPARED_TEXT need preparing.
        names = values.keys() & _PREPARED_TEXT if table.text_cells else values.keys()
        try:
            for name in names:
                read = readers[name]
                if read is not None:
                    data[name] = read(values[name])
        except ValueError:
            return None  # the row-by-row path words the problem
        return data

    def one_by_one(row: Row) -> M | None:
        where = table.where(row.number)
        found = Problems()
        built = build_model(
            model,
            row.values,
            file=table.file,
            locate_field=lambda _name: where,
            problems=found,
            extra=extra(row),
        )
        problems.extend(_missing_in_one(found.errors, row, file=table.file, location=where))
        return built

    rows = [row for row in table.rows if row.aligned]  # the others are reported already
    share = _Shared()
    for row, built in validated_rows(
        model, rows, prepared=prepared, one_by_one=one_by_one, batch=batch
    ):
        yield row, None if built is None else share(row, built)


_MISSING = clean_message({"type": "missing"})
"""The message of an empty required cell."""


def _missing_in_one(
    errors: list[RooCheckError], row: Row, *, file: str, location: str
) -> list[RooCheckError]:
    """The problems of one row, its empty required cells said in one line when there are
    several: a row that is mostly empty (a note, a total the loader did not recognise) is
    one problem, not one per column."""
    missing = [e.field for e in errors if e.message == _MISSING and e.field]
    if len(missing) < 2:
        return errors
    given = [f"{name} {show_value(value, 30)}" for name, value in row.values.items()]
    holds = f"; the row holds only {', '.join(given)}" if len(given) <= 3 else ""
    hint = _missing_hint(row)
    merged = InputError(
        f"a value is required in {', '.join(missing)}{holds}{hint}",
        file=file,
        location=location,
        field=missing[0],
    )
    others = [e for e in errors if e.message != _MISSING or not e.field]
    return [merged, *others]


def _missing_hint(row: Row) -> str:
    """What to do with a mostly empty row: a total row the loader kept, or a note."""
    if any(total_label(value) for value in row.values.values()):
        return (
            " (a total row? one is skipped when the label is its first non-empty cell and "
            "its part number is empty, or the label is in the part number and the other "
            "cells are sums)"
        )
    if len(row.values) <= 1:
        return " (a note below the table? remove it)"
    return ""


class _Shared:
    """Makes the models of one table hold one object for each value they repeat.

    Validation copies every text (it strips whitespace) and reads every number anew, so
    that ten thousand lines of one supplier would hold ten thousand copies of its name; a
    large BOM is mostly such copies. Each text equal to its cell is replaced by the cell
    (the table reader keeps one copy of each text), each number by the first one read from
    the same text in the same column, and each set of given fields by the first equal one.
    The values are immutable and equal, so no model reads differently; the set of given
    fields is never changed in place on a frozen model (pydantic copies it first).
    """

    def __init__(self) -> None:
        self.numbers: dict[tuple[str, str], Decimal] = {}
        self.field_sets: dict[frozenset[str], set[str]] = {}

    def __call__(self, row: Row, model: M) -> M:
        held = model.__dict__
        numbers = self.numbers
        for name, cell in row.values.items():
            value = held.get(name)
            kind = type(value)
            if kind is str:
                if value == cell:
                    held[name] = cell
            elif kind is Decimal and type(cell) is str:  # 1.0 == 1, but they read apart
                held[name] = numbers.setdefault((name, cell), value)
        given = model.__pydantic_fields_set__
        shared = self.field_sets.setdefault(frozenset(given), given)
        if shared is not given:
            object.__setattr__(model, "__pydantic_fields_set__", shared)
        return model


def goods_from_table(table: Table, *, batch: int = BATCH_ROWS) -> list[Good]:
    """One :class:`Good` per row of a goods table; raise every problem found at once.

    ``batch``: rows validated in one call (0: row by row).
    """
    problems = Problems()
    problems.extend(table.problems)
    if check_columns(table, GOOD_COLUMNS, required_fields(Good, GOOD_COLUMNS), problems):
        problems.raise_if_any()
    goods = [
        good
        for _row, good in table_models(
            Good, table, problems, extra=lambda row: {"row": row.number}, batch=batch
        )
        if good
    ]
    problems.raise_if_any()
    return goods


def bom_from_table(
    table: Table,
    *,
    default_good: str | None = None,
    columns: tuple[str, ...] = BOM_COLUMNS,
    hints: Mapping[str, str] = RETIRED_COLUMNS,
    batch: int = BATCH_ROWS,
) -> list[BomLine]:
    """One :class:`BomLine` per row of a BOM table, with ``row`` set to the spreadsheet row.

    ``default_good`` (the single-file BOM form) fills ``good_part_number`` where the
    column is absent or the cell is empty. ``columns`` are the columns read (a supplier's
    BOM has no good_part_number column); ``hints`` say what to write instead of others.
    ``batch``: rows validated in one call (0: row by row).
    """
    problems = Problems()
    problems.extend(table.problems)
    required = required_fields(BomLine, columns)
    if default_good is not None and "good_part_number" in required:
        required.remove("good_part_number")
    bad_columns = check_columns(table, columns, required, problems, hints)
    if table.recognised and not any(name in table.headers for name in VALUE_COLUMNS):
        bad_columns = True
        problems.add(
            "a BOM needs a unit_value or an extended_value column (or both)",
            file=table.file,
            location=table.where(table.header_row) if table.header_row else None,
            field="unit_value",
        )
    if bad_columns:
        problems.raise_if_any()
    lines: list[BomLine] = []
    for row, line in table_models(
        BomLine, table, problems, extra=lambda row: _bom_extra(row, default_good), batch=batch
    ):
        if line is None:
            continue
        found = material_type_problems(line)
        for name, message in found:
            problems.add(message, file=table.file, location=table.where(row.number), field=name)
        if not found:
            lines.append(line)
    problems.raise_if_any()
    return lines


def _bom_extra(row: Row, default_good: str | None) -> dict[str, Any]:
    """The values of a BOM line that no cell gives: its row, and the single-file BOM's good."""
    extra: dict[str, Any] = {"row": row.number}
    if default_good is not None:
        extra["good_part_number"] = default_good
    return extra


def material_type_problems(line: BomLine) -> list[tuple[str, str]]:
    """(field, message) for the fields of a line that its material type does not read.

    Row-local, like a validator: an intermediate designation is read only on a direct
    material, the accessory conditions only on accessories (classified_with_good also on
    retail packaging).
    """
    kind = line.material_type
    found: list[tuple[str, str]] = []
    if line.intermediate and kind is not MaterialType.direct:
        found.append(
            (
                "intermediate",
                "only a direct material can be designated intermediate (Art. 4.8); this "
                f"line's material_type is {kind.value}",
            )
        )
    for name, kinds in ACCESSORY_CONDITIONS.items():
        if getattr(line, name) is None or kind in kinds:
            continue
        allowed = " or ".join(sorted(k.value for k in kinds))
        articles = "Art. 4.14, 4.15" if MaterialType.retail_packaging in kinds else "Art. 4.14"
        found.append(
            (
                name,
                f"{name} is read only on {allowed} lines ({articles}); this line's "
                f"material_type is {kind.value}: correct it or leave the cell empty",
            )
        )
    return found


# ------------------------------------------------------------------------ '# key: value' lines


def check_preamble(
    table: Table,
    keys: Iterable[str],
    required: Iterable[str],
    problems: Problems,
    *,
    owner: str,
) -> None:
    """Report unknown keys (with a did-you-mean hint) and missing required keys.

    ``owner`` names whose value is missing: ``the good's``, ``the inventory's`` ...
    """
    known = tuple(keys)
    for name, (number, _value) in table.preamble.items():
        if name not in known:
            problems.add(
                f"unknown key {name!r}{suggest(name, known)}",
                file=table.file,
                location=table.where(number),
                field=name,
            )
    for name in required:
        if name not in table.preamble:
            problems.add(
                f"{owner} {name!r} is missing: add a '# {name}: ...' line before the header",
                file=table.file,
                location=f"sheet {table.sheet!r}" if table.sheet else None,
                field=name,
            )


def model_from_preamble(
    model: type[M],
    table: Table,
    problems: Problems,
    *,
    keys: Collection[str],
    extra: dict[str, Any] | None = None,
    skip: Collection[str] = (),
) -> M | None:
    """Validate the ``# key: value`` lines naming ``keys`` (fields of ``model``) with ``extra``.

    Problems of the fields in ``skip`` (those ``extra`` supplies) and of the keys the table
    does not give (``check_preamble`` reports those) are left out.
    """
    skip = {*skip, *(name for name in keys if name not in table.preamble)}
    rows = {name: number for name, (number, _value) in table.preamble.items()}

    def locate_field(name: str | None) -> str | None:
        return table.where(rows[name]) if name in rows else None

    values = {name: value for name, (_number, value) in table.preamble.items() if name in keys}
    found = Problems()
    built = build_model(
        model, values, file=table.file, locate_field=locate_field, problems=found, extra=extra
    )
    problems.extend(error for error in found.errors if error.field not in skip)
    return built


def no_rows(table: Table, problems: Problems, what: str) -> None:
    """A table with a header and nothing under it."""
    if not table.rows:
        problems.add(
            f"{what}: the table has no rows",
            file=table.file,
            location=table.where(table.header_row),
        )


def good_from_preamble(table: Table) -> Good:
    """The one good of a single-file BOM CSV, from its ``# key: value`` lines."""
    problems = Problems()
    if not table.preamble:
        raise InputError(
            "a single-file BOM must start with '# key: value' lines describing the good "
            "(part_number, description, hs_code, producer, country_of_production, currency, ...)",
            file=table.file,
            location="row 1",
        )
    required = required_fields(Good, GOOD_COLUMNS)
    check_preamble(table, GOOD_COLUMNS, required, problems, owner="the good's")
    problems.raise_if_any()
    row = table.preamble.get("part_number", (None, ""))[0]
    good = model_from_preamble(Good, table, problems, keys=GOOD_COLUMNS, extra={"row": row})
    problems.raise_if_any()
    assert good is not None
    return good
