"""The stock records of fungible materials (``inventory.csv`` / ``.xlsx``) into :class:`Inventory`.

The file states the method and the fiscal year in ``# key: value`` lines, then lists the
records, one per row (Art. 4.13; SOR/2020-155 Schedule 8)::

    # method: fifo
    # fiscal_year_start: 2025-01-01
    # currency: USD
    part_number,date,movement,quantity,unit_value,origin_status,good_part_number,reference
    RES-7,2024-12-20,opening,400,2.10,non-originating,,LOT-88
    RES-7,2025-02-03,receipt,500,2.00,originating,,GR-1022
    RES-7,2025-03-01,withdrawal,300,,,MTR-750,WO-311

In a worksheet (``inventory.xlsx``, or sheet ``inventory`` of a single workbook) the
``#`` rows stand above the header: ``# method: fifo`` in column A, or ``# method`` in
column A and ``fifo`` in column B. The checks here are those of one file (dates within the
fiscal year); :func:`check_inventory` checks it against the goods and BOM.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from roo_check.errors import InputError
from roo_check.loaders import Problems
from roo_check.loaders.goods import (
    build_model,
    check_columns,
    check_preamble,
    model_from_preamble,
    no_rows,
    required_fields,
    suggest,
)
from roo_check.loaders.tabular import Table, TableDocument
from roo_check.models.goods import BomLine, Good, OriginStatus
from roo_check.models.inventory import Inventory, InventoryMethod, InventoryRecord, Movement

INVENTORY_KEYS: tuple[str, ...] = ("method", "fiscal_year_start", "currency")
"""Keys of the ``# key: value`` lines of an inventory file (all required)."""

INVENTORY_COLUMNS: tuple[str, ...] = tuple(
    name for name in InventoryRecord.model_fields if name != "row"
)
"""Columns of the records table. ``row`` is set by the loader, never read from the file."""


@dataclass(frozen=True)
class InventoryDocument(TableDocument):
    """The inventory as read, and the table it came from (for later messages)."""

    inventory: Inventory = field(kw_only=True)


def inventory_from_table(table: Table) -> InventoryDocument:
    """Read an inventory table with its ``# key: value`` lines; raise every problem at once."""
    if not table.preamble:
        raise InputError(
            "an inventory file must start with '# key: value' lines: " + ", ".join(INVENTORY_KEYS),
            file=table.file,
            location=table.where(1),
        )
    problems = Problems()
    problems.extend(table.problems)
    check_preamble(table, INVENTORY_KEYS, INVENTORY_KEYS, problems, owner="the inventory's")
    required = required_fields(InventoryRecord, INVENTORY_COLUMNS)
    if check_columns(table, INVENTORY_COLUMNS, required, problems):
        problems.raise_if_any()
    records = _records(table, problems)
    no_rows(table, problems, "the inventory has no records")
    inventory = model_from_preamble(
        Inventory,
        table,
        problems,
        keys=INVENTORY_KEYS,
        extra={"records": records, "source": table.file},
        skip={"records"},
    )
    document = InventoryDocument(table, inventory=inventory) if inventory is not None else None
    if document is not None:
        problems.extend(_date_problems(document))
        problems.extend(_withdrawal_problems(document))
    problems.raise_if_any()
    assert document is not None
    return document


def _records(table: Table, problems: Problems) -> list[InventoryRecord]:
    records: list[InventoryRecord] = []
    for row in table.rows:
        if not row.aligned:
            continue  # already reported by the table reader; its values are shifted
        where = table.where(row.number)
        record = build_model(
            InventoryRecord,
            row.values,
            file=table.file,
            locate_field=lambda _n, w=where: w,
            problems=problems,
            extra={"row": row.number},
        )
        if record is not None:
            records.append(record)
    return records


def _date_problems(document: InventoryDocument) -> list[InputError]:
    """Opening stock is dated before the fiscal year; receipts and withdrawals within it."""
    inventory = document.inventory
    start, end = inventory.fiscal_year_start, inventory.fiscal_year_end
    last = end - dt.timedelta(days=1)
    problems: list[InputError] = []
    for record in inventory.records:
        if record.movement is Movement.opening:
            if record.date < start:
                continue
            message = (
                f"an opening row is stock held when the fiscal year began: date it when it was "
                f"received, before fiscal_year_start {start} (got {record.date})"
            )
        elif start <= record.date < end:
            continue
        else:
            message = (
                f"a {record.movement.value} dated {record.date} is outside the fiscal year "
                f"{start} to {last}; the file holds the records of one fiscal year"
            )
        problems.append(
            InputError(
                message, file=document.file, location=document.where_row(record.row), field="date"
            )
        )
    return problems


def _withdrawal_problems(document: InventoryDocument) -> list[InputError]:
    """Only specific identification reads the origin and value of the units withdrawn; under
    FIFO, LIFO or average the method decides them, so a stated one would be ignored."""
    inventory = document.inventory
    if inventory.method is InventoryMethod.specific_identification:
        return []
    return [
        InputError(
            f"{name} on a withdrawal is read only under specific identification; under "
            f"{inventory.method.value} the method gives the units' origin and value: leave it "
            "empty",
            file=document.file,
            location=document.where_row(record.row),
            field=name,
        )
        for record in inventory.records
        if record.movement is Movement.withdrawal
        for name in ("origin_status", "unit_value")
        if getattr(record, name) is not None
    ]


# ----------------------------------------------------------------------- against the shipment


def check_inventory(
    document: InventoryDocument, goods: Mapping[str, Good], bom: list[BomLine], goods_file: str
) -> list[InputError]:
    """Withdrawals name goods of the shipment, and the stock records are in the currency of
    every good whose BOM has a fungible material (roo-check does no currency conversion)."""
    problems: list[InputError] = []
    for record in document.inventory.records:
        part = record.good_part_number
        if record.movement is Movement.withdrawal and part and part not in goods:
            problems.append(
                InputError(
                    f"good {part!r} is not a good of the shipment ({goods_file})"
                    + suggest(part, sorted(goods)),
                    file=document.file,
                    location=document.where_row(record.row),
                    field="good_part_number",
                )
            )
    currency = document.inventory.currency
    fungible = sorted(
        {line.good_part_number for line in bom if line.origin_status is OriginStatus.fungible}
    )
    mismatched = [
        f"{part!r} ({goods[part].currency})"
        for part in fungible
        if part in goods and goods[part].currency != currency
    ]
    if mismatched:
        shown = ", ".join(mismatched[:3])
        if len(mismatched) > 3:
            shown += f" and {len(mismatched) - 3} more"
        problems.append(
            InputError(
                f"currency {currency} differs from the currency of the goods whose BOM has a "
                f"fungible material: {shown}; roo-check does no currency conversion, so give "
                "the stock records in the goods' currency",
                file=document.file,
                location=document.where_key("currency"),
                field="currency",
            )
        )
    return problems
