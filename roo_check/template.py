"""``roo-check template``: an empty shipment to fill in, one that loads as written.

A desk user starts from the documented columns rather than from a blank sheet: a workbook
``shipment.xlsx`` (the single-workbook form: sheets ``goods`` and ``bom``) or ``goods.csv``
and ``bom.csv`` (the folder form). The columns are the models' fields (those the loaders
read, :data:`roo_check.loaders.goods.GOOD_COLUMNS` and ``BOM_COLUMNS``) in the order
docs/input-formats.md lists them, so a field added to a model appears here without a change
to this module (after the documented ones until the table lists it too). Each sheet has one
example row, real values of sample 01 (a motor and one of its materials), so that the file
checks as written and shows what a filled row looks like.

In the workbook each header cell carries the field's description from the model as a note,
and each closed field (an enumeration, the HS edition, a yes/no, a country, a currency) a
list to pick from, kept on a third sheet ``lists`` (the loaders ignore sheets other than
``goods``, ``bom`` and ``inventory``). ``unit`` has no list: any unit is read. Text columns
are formatted as text, so that Excel keeps ``8413.70`` and ``00123`` as typed. Everything
written is a plain .xlsx the project's own loader reads: no macros, no external links.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from pathlib import Path
from types import UnionType
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import AfterValidator, BaseModel
from pydantic.fields import FieldInfo

from roo_check.errors import UsageError
from roo_check.loaders.goods import BOM_COLUMNS, GOOD_COLUMNS
from roo_check.models.common import Country, Currency
from roo_check.models.goods import BomLine, Good
from roo_check.reporters.csv import BYTE_ORDER_MARK
from roo_check.reporters.output import write_atomic
from roo_check.reporters.workbook import DATE, TEXT, fit_columns, style_header, workbook_bytes

FORMATS = ("xlsx", "csv")
WORKBOOK = "shipment.xlsx"
LISTS_SHEET = "lists"
SHOWN_VALUES = 6
"""A closed field with at most this many values names them in its note."""

DOCUMENTED_GOODS_ORDER = (
    "part_number",
    "description",
    "hs_edition",
    "hs_code",
    "tariff_item",
    "product_kind",
    "end_use",
    "producer",
    "country_of_production",
    "currency",
    "transaction_value",
    "net_cost",
    "total_cost",
    "sales_promotion_costs",
    "royalties",
    "shipping_packing_costs",
    "non_allowable_interest",
    "gri3_set",
    "production_date",
    "shipment_date",
    "wholly_obtained_basis",
    "imported_unassembled",
    "used_in",
    "weight_kg",
    "production_steps",
)
"""The goods.csv table of docs/input-formats.md, which groups the costs together; the BOM
table lists the BomLine fields in their own order."""

GOODS_EXAMPLE: dict[str, Any] = {
    "part_number": "EM-750",
    "description": "Three-phase AC induction motor, 7.5 kW, IE3",
    "hs_code": "8501.52",
    "producer": "Motores del Bajio SA de CV",
    "country_of_production": "MX",
    "currency": "USD",
    "transaction_value": Decimal("1850.00"),
    "net_cost": Decimal("1640.00"),
    "total_cost": Decimal("1702.00"),
    "production_date": dt.date(2026, 10, 5),
    "shipment_date": dt.date(2026, 10, 12),
}
"""The good of samples/01-motor-tariff-shift (a test checks they agree)."""

BOM_EXAMPLE: dict[str, Any] = {
    "good_part_number": "EM-750",
    "part_number": "WIRE-CU",
    "description": "Enamelled copper winding wire",
    "hs_code": "8544.11",
    "quantity": Decimal("6.2"),
    "unit": "kg",
    "extended_value": Decimal("265.00"),
    "currency": "USD",
    "country_of_origin": "MX",
    "origin_status": "originating",
    "evidence": "SUP-CERT-2026-0113",
    "supplier": "Conductores Monterrey SA",
}
"""A material of that good, an originating one with its supplier's certificate named."""


@dataclass(frozen=True)
class Role:
    """One table of the template: the sheet (or file) name, its model and its example."""

    name: str
    model: type[BaseModel]
    columns: tuple[str, ...]
    example: dict[str, Any]


def ordered(columns: Sequence[str], documented: Sequence[str]) -> tuple[str, ...]:
    """``columns`` in the documented order; those the documentation does not list yet follow,
    in the model's order."""
    first = [name for name in documented if name in set(columns)]
    return (*first, *(name for name in columns if name not in first))


ROLES = (
    Role("goods", Good, ordered(GOOD_COLUMNS, DOCUMENTED_GOODS_ORDER), GOODS_EXAMPLE),
    Role("bom", BomLine, tuple(BOM_COLUMNS), BOM_EXAMPLE),
)


# ------------------------------------------------------------------------- field kinds


def _members(annotation: Any) -> list[Any]:
    """The types and Annotated metadata an annotation is made of (Optional and Annotated
    unwrapped)."""
    found, stack = [], [annotation]
    while stack:
        item = stack.pop()
        origin = get_origin(item)
        if origin is Annotated:
            base, *metadata = get_args(item)
            stack.append(base)
            found.extend(metadata)
        elif origin in (Union, UnionType):
            stack.extend(arg for arg in get_args(item) if arg is not type(None))
        else:
            found.append(item)
    return found


def _checks(kind: Any) -> set[Any]:
    return {m.func for m in _members(kind) if isinstance(m, AfterValidator)}


_COUNTRY_CHECKS = _checks(Country)
_CURRENCY_CHECKS = _checks(Currency)


def _country_codes() -> list[str]:
    import pycountry  # the list the Country type validates against

    return sorted(c.alpha_2 for c in pycountry.countries)


def _currency_codes() -> list[str]:
    import pycountry

    return sorted(c.alpha_3 for c in pycountry.currencies)


def closed_values(info: FieldInfo) -> list[Any] | None:
    """The values a closed field takes (enumeration, Literal, yes/no, country, currency), in
    the order a list shows them; None for an open field."""
    members = [*info.metadata, *_members(info.annotation)]
    checks = {m.func for m in members if isinstance(m, AfterValidator)}
    if checks & _COUNTRY_CHECKS:
        return _country_codes()
    if checks & _CURRENCY_CHECKS:
        return _currency_codes()
    for member in members:
        if isinstance(member, type) and issubclass(member, Enum):
            return [item.value for item in member]
        if get_origin(member) is Literal:
            return list(get_args(member))
        if member is bool:
            return [True, False]
    return None


def _is_kind(info: FieldInfo, kind: type) -> bool:
    """Whether the field holds a ``kind`` (or a list of them, written in one cell)."""
    members = _members(info.annotation)
    members += [arg for m in members if get_origin(m) is list for arg in get_args(m)]
    return any(member is kind for member in members)


def _field(role: Role, name: str) -> FieldInfo:
    return role.model.model_fields[name]


# ---------------------------------------------------------------------------------- csv


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def csv_text(role: Role) -> str:
    """The role's CSV: the header and the example row, with a byte-order mark so that Excel
    reads it as UTF-8 (the loaders accept it)."""
    buffer = io.StringIO()
    buffer.write(BYTE_ORDER_MARK)
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(role.columns)
    writer.writerow([_text(role.example.get(name)) for name in role.columns])
    return buffer.getvalue()


# ---------------------------------------------------------------------------------- xlsx


def note(role: Role, name: str) -> str:
    """The header's note: required or not, and the model's description of the field."""
    info = _field(role, name)
    need = "Required." if info.is_required() else "Optional."
    values = closed_values(info)
    pick = ""
    if values is not None:
        short = len(values) <= SHOWN_VALUES
        shown = ", ".join(_text(v) for v in values) if short else f"sheet {LISTS_SHEET!r}"
        pick = f" Pick from the list ({shown})."
    return f"{need} {info.description or ''}{pick}".strip()


def _lists(roles: Sequence[Role]) -> dict[str, list[Any]]:
    """Each closed field's values, once per field name (a name means one thing in every
    table)."""
    found: dict[str, list[Any]] = {}
    for role in roles:
        for name in role.columns:
            values = closed_values(_field(role, name))
            if values is not None and name not in found:
                found[name] = values
    return found


def _write_lists(sheet: Any, lists: dict[str, list[Any]]) -> dict[str, str]:
    """The lists sheet, one column per closed field; the range each column's values fill."""
    from openpyxl.utils import get_column_letter

    sheet.title = LISTS_SHEET
    ranges = {}
    for index, (name, values) in enumerate(lists.items(), start=1):
        letter = get_column_letter(index)
        sheet.cell(row=1, column=index, value=name)
        for row, value in enumerate(values, start=2):
            sheet.cell(row=row, column=index, value=value)
        ranges[name] = f"{LISTS_SHEET}!${letter}$2:${letter}${len(values) + 1}"
    style_header(sheet, filters=False)
    fit_columns(sheet, [list(lists)])
    return ranges


def _comment(text: str) -> Any:
    from openpyxl.comments import Comment

    lines = len(text) // 48 + 2
    return Comment(text, "roo-check", height=min(16 * lines, 400), width=320)


def _validation(sqref: str, source: str) -> Any:
    from openpyxl.worksheet.datavalidation import DataValidation

    validation = DataValidation(
        type="list",
        formula1=source,
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="stop",
        errorTitle="Not in the list",
        error=f"Pick a value from the list (sheet '{LISTS_SHEET}').",
    )
    validation.add(sqref)
    return validation


def _column_format(info: FieldInfo) -> str | None:
    """Text columns as text (codes keep their zeros), dates as ISO dates."""
    if _is_kind(info, dt.date):
        return DATE
    if _is_kind(info, str) and closed_values(info) is None:
        return TEXT
    return None


def _write_role(sheet: Any, role: Role, ranges: dict[str, str]) -> None:
    from openpyxl.utils import get_column_letter

    sheet.title = role.name
    sheet.append(list(role.columns))
    sheet.append([role.example.get(name) for name in role.columns])
    for index, name in enumerate(role.columns, start=1):
        letter = get_column_letter(index)
        info = _field(role, name)
        sheet.cell(row=1, column=index).comment = _comment(note(role, name))
        number_format = _column_format(info)
        if number_format is not None:
            sheet.column_dimensions[letter].number_format = number_format
            sheet.cell(row=2, column=index).number_format = number_format
        if name in ranges:
            sheet.add_data_validation(_validation(f"{letter}2:{letter}1048576", ranges[name]))
    style_header(sheet, filters=False)
    fit_columns(sheet, [role.columns, [role.example.get(n) for n in role.columns]])


def workbook(roles: Sequence[Role] = ROLES) -> bytes:
    """The template workbook: a sheet per role, then the lists of the closed fields."""
    from openpyxl import Workbook

    book = Workbook()
    sheets = [book.active, *(book.create_sheet() for _ in roles[1:])]
    ranges = _write_lists(book.create_sheet(), _lists(roles))
    for sheet, role in zip(sheets, roles, strict=True):
        _write_role(sheet, role, ranges)
    return workbook_bytes(book)


# ------------------------------------------------------------------------------ writing


def planned(folder: Path, fmt: str) -> dict[Path, str | bytes]:
    """The files the template consists of, and their content."""
    if fmt == "csv":
        return {folder / f"{role.name}.csv": csv_text(role) for role in ROLES}
    if fmt == "xlsx":
        return {folder / WORKBOOK: workbook()}
    raise UsageError(f"no template format {fmt!r}; the formats are {', '.join(FORMATS)}")


def write_template(folder: Path, fmt: str = "xlsx", *, force: bool = False) -> list[Path]:
    """Write the template into ``folder`` (created if need be); refuse to replace a file
    unless ``force``, before writing any."""
    files = planned(folder, fmt)
    if not force:
        for path in files:
            if path.exists() or path.is_symlink():
                raise UsageError(f"{path} exists; give --force to replace it")
    for path, content in files.items():
        write_atomic(path, content)
    return list(files)
