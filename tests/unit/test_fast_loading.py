"""Fast loading (issue 13, item 5): tables are read and validated in batches, with exactly the
models and the problems of reading them row by row (hypothesis).

The row-by-row path (``batch=0``) is the reference: it is what the loaders always did, one
``build_model`` a row, and the source of every problem message.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from typing import Any
from unittest.mock import patch

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from roo_check.errors import InputError, InputErrors, RooCheckError
from roo_check.limits import MAX_CELL_CHARS
from roo_check.loaders import Problems, goods
from roo_check.loaders.goods import (
    BOM_COLUMNS,
    GOOD_COLUMNS,
    bom_from_table,
    cell_reader,
    goods_from_table,
    prepare,
)
from roo_check.loaders.tabular import (
    REFUSED,
    Row,
    Table,
    _clean_record,
    _clean_text,
    _plain_headers,
    _plain_row,
    _row,
    read_csv,
)

FAST = settings(max_examples=60, deadline=None)

# ------------------------------------------------------------------------------ BOM rows

BOM_HEADER = [
    "good_part_number", "part_number", "parent_part_number", "description", "hs_code",
    "quantity", "unit", "unit_value", "extended_value", "currency", "country_of_origin",
    "origin_status", "material_type", "classified_with_good", "intermediate", "net_cost",
]  # fmt: skip

amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999"), places=2)


@st.composite
def bom_rows(draw: st.DrawFn) -> dict[str, str]:
    """A BOM row as a user writes it: mostly valid, with the spellings the loader accepts
    (mixed case, spaces for underscores) and now and then a model-level problem (a line
    value that does not match, net_cost on a line that is not intermediate)."""
    quantity = draw(st.sampled_from(["1", "2", "0.5", "12.250", " 3 "]))
    unit_value = draw(amounts)
    extended = draw(
        st.sampled_from(["", "match", "", "mismatch"]),
    )
    return {
        "good_part_number": draw(st.sampled_from(["G-1", "G-2"])),
        "part_number": draw(st.sampled_from(["M-1", "M-2", "BRG 6205", "ÇA-9"])),
        "parent_part_number": draw(st.sampled_from(["", "", "M-1"])),
        "description": draw(st.sampled_from(["Stator", "Copper wire", "  Bearing "])),
        "hs_code": draw(st.sampled_from(["8503.00", "8544.11", "848210", " 7616.99 "])),
        "quantity": quantity,
        "unit": draw(st.sampled_from(["pcs", "kg"])),
        "unit_value": str(unit_value),
        "extended_value": {
            "": "",
            "match": str(unit_value * Decimal(quantity.strip())),
            "mismatch": str(unit_value * Decimal(quantity.strip()) + 5),
        }[extended],
        "currency": "USD",
        "country_of_origin": draw(st.sampled_from(["", "US", "MX", "CN"])),
        "origin_status": draw(
            st.sampled_from(["originating", "Non Originating", "unknown", "NON_originating"])
        ),
        "material_type": draw(st.sampled_from(["", "", "direct", "Indirect", "retail packaging"])),
        "classified_with_good": draw(st.sampled_from(["", "", "", "yes", "No", "TRUE"])),
        "intermediate": draw(st.sampled_from(["", "", "", "false", "true"])),
        "net_cost": draw(st.sampled_from(["", "", "", "", "12.00"])),
    }


BAD_BOM_CELLS: list[tuple[str, str]] = [
    ("quantity", "12,5"),  # a decimal comma
    ("quantity", "abc"),
    ("unit_value", "1" * 30),  # too many digits
    ("unit_value", "-3"),
    ("origin_status", "maybe"),  # not an enum value
    ("material_type", "weird"),
    ("intermediate", "perhaps"),  # not yes/no
    ("part_number", ""),  # a required value missing
    ("description", "   "),
    ("hs_code", "12"),
    ("hs_code", "9999.99"),  # not in the edition
    ("currency", "ZZZ"),  # no ISO 4217 code (XXX is one: "no currency")
]


def _csv(header: list[str], rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([[row.get(name, "") for name in header] for row in rows])
    return out.getvalue().encode("utf-8")


def _with_bad_cells(
    rows: list[dict[str, str]], bad: list[tuple[int, tuple[str, str]]]
) -> list[dict[str, str]]:
    spoilt = [dict(row) for row in rows]
    for position, (name, value) in bad:
        spoilt[position % len(spoilt)][name] = value
    return spoilt


def _outcome(read: Any) -> tuple[str, Any]:
    """The models read, or every problem as the user sees it (kind, file, row, field, text)."""
    try:
        return "models", read()
    except (InputError, InputErrors) as exc:
        errors: list[RooCheckError] = list(exc.errors) if isinstance(exc, InputErrors) else [exc]
        return "problems", [(type(e).__name__, e.file, e.location, e.field, str(e)) for e in errors]


def _same_both_ways(read: Any, table: Table, batch: int) -> tuple[str, Any]:
    """Read ``table`` in batches and row by row: the same models, or the same problems in the
    same order. Where every row is valid, no row may have needed the row-by-row path."""
    one_by_one: list[Any] = []
    real = goods.build_model

    def counted(*args: Any, **kwargs: Any) -> Any:
        one_by_one.append(args)
        return real(*args, **kwargs)

    with patch.object(goods, "build_model", counted):
        fast = _outcome(lambda: read(table, batch=batch))
    reference = _outcome(lambda: read(table, batch=0))
    assert fast == reference
    if fast[0] == "models":
        assert one_by_one == []
    return fast


@FAST
@given(
    rows=st.lists(bom_rows(), min_size=1, max_size=30),
    bad=st.lists(
        st.tuples(st.integers(min_value=0, max_value=10_000), st.sampled_from(BAD_BOM_CELLS)),
        max_size=6,
    ),
    batch=st.integers(min_value=1, max_value=8),
)
def test_bom_csv_batches_read_as_row_by_row(
    rows: list[dict[str, str]], bad: list[tuple[int, tuple[str, str]]], batch: int
) -> None:
    table = read_csv(_csv(BOM_HEADER, _with_bad_cells(rows, bad)), file="bom.csv")
    kind, found = _same_both_ways(bom_from_table, table, batch)
    if kind == "models":
        assert [line.row for line in found] == [row.number for row in table.rows]
    if bad:
        assert kind == "problems"


@FAST
@given(
    rows=st.lists(bom_rows(), min_size=1, max_size=12),
    bad=st.lists(
        st.tuples(st.integers(min_value=0, max_value=100), st.sampled_from(BAD_BOM_CELLS)),
        max_size=3,
    ),
    batch=st.integers(min_value=1, max_value=5),
)
def test_single_file_bom_batches_read_as_row_by_row(
    rows: list[dict[str, str]], bad: list[tuple[int, tuple[str, str]]], batch: int
) -> None:
    """The single-file form: good_part_number comes from the preamble unless a cell gives it."""
    header = [name for name in BOM_HEADER if name != "good_part_number"] + ["good_part_number"]
    spoilt = _with_bad_cells(rows, bad)
    for index, row in enumerate(spoilt):
        if index % 3:
            row["good_part_number"] = ""
    table = read_csv(_csv(header, spoilt), file="one.csv")

    def read(table: Table, *, batch: int) -> list[Any]:
        return bom_from_table(table, default_good="EM-750", batch=batch)

    _same_both_ways(read, table, batch)


# ------------------------------------------------------------------------------ goods rows

GOODS_HEADER = [
    "part_number", "description", "hs_code", "producer", "country_of_production", "currency",
    "transaction_value", "net_cost", "total_cost", "royalties", "production_date",
    "shipment_date", "end_use", "production_steps", "imported_unassembled",
]  # fmt: skip


@st.composite
def goods_rows(draw: st.DrawFn) -> dict[str, str]:
    day = draw(st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 12, 31)))
    total = draw(amounts)
    royalties = draw(st.sampled_from(["", "", "1.00", "999999"]))  # the last exceeds total
    return {
        "part_number": draw(st.sampled_from(["EM-750", "G-2", "CH 1"])),
        "description": "Electric motor",
        "hs_code": draw(st.sampled_from(["8501.52", "940171", "8544.42"])),
        "producer": "Motores SA",
        "country_of_production": draw(st.sampled_from(["MX", "US", "CA"])),
        "currency": "USD",
        "transaction_value": str(total + 10),
        "net_cost": draw(st.sampled_from(["", str(total)])),
        "total_cost": str(total) if royalties else draw(st.sampled_from(["", str(total)])),
        "royalties": royalties,
        "production_date": day.isoformat(),
        "shipment_date": draw(st.sampled_from(["", day.isoformat(), " 2026-11-16 "])),
        "end_use": draw(st.sampled_from(["", "", "Passenger vehicle", "light-truck"])),
        "production_steps": draw(st.sampled_from(["", "winding; assembly", "testing;"])),
        "imported_unassembled": draw(st.sampled_from(["", "no", "Yes", "1"])),
    }


BAD_GOODS_CELLS: list[tuple[str, str]] = [
    ("production_date", "2026-13-01"),  # not a date
    ("production_date", "31/12/2026"),
    ("shipment_date", "1800-01-01"),  # outside the dates read
    ("transaction_value", "1.234,56"),
    ("total_cost", "9" * 25),  # too many digits
    ("end_use", "bicycle"),
    ("imported_unassembled", "maybe"),
    ("producer", ""),
    ("hs_code", "8501"),
]


@FAST
@given(
    rows=st.lists(goods_rows(), min_size=1, max_size=25),
    bad=st.lists(
        st.tuples(st.integers(min_value=0, max_value=10_000), st.sampled_from(BAD_GOODS_CELLS)),
        max_size=6,
    ),
    batch=st.integers(min_value=1, max_value=8),
)
def test_goods_csv_batches_read_as_row_by_row(
    rows: list[dict[str, str]], bad: list[tuple[int, tuple[str, str]]], batch: int
) -> None:
    table = read_csv(_csv(GOODS_HEADER, _with_bad_cells(rows, bad)), file="goods.csv")
    kind, _found = _same_both_ways(goods_from_table, table, batch)
    if bad:
        assert kind == "problems"


# ---------------------------------------------------------------- typed cells (a worksheet)

typed_cells = st.one_of(
    st.integers(min_value=-3, max_value=10**6),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1, max_value=1e7),
    st.booleans(),
    st.dates(min_value=dt.date(1890, 1, 1), max_value=dt.date(2100, 1, 1)),
)


@FAST
@given(
    rows=st.lists(bom_rows(), min_size=1, max_size=12),
    typed=st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=100),
            st.sampled_from(BOM_HEADER),
            typed_cells,
        ),
        max_size=8,
    ),
    batch=st.integers(min_value=1, max_value=5),
)
def test_worksheet_cells_batches_read_as_row_by_row(
    rows: list[dict[str, str]], typed: list[tuple[int, str, Any]], batch: int
) -> None:
    """A worksheet's cells keep their types (numbers, booleans, dates): a number where text
    is expected, a date where a number is, an HS code typed as a number (with its hint)."""
    values: list[dict[str, Any]] = [{k: v for k, v in row.items() if v.strip()} for row in rows]
    for position, name, cell in typed:
        values[position % len(values)][name] = cell
    table = Table(
        file="shipment.xlsx",
        headers=tuple(BOM_HEADER),
        header_row=1,
        rows=tuple(Row(number, row) for number, row in enumerate(values, start=2)),
        sheet="bom",
    )
    _same_both_ways(bom_from_table, table, batch)


# ------------------------------------------------------------------ one reader per column


cell_values = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        ["Yes", " no ", "1", "2026-01-31", " 2026-01-31", "Retail packaging", "non_originating",
         "a; b ;", "12,5", "8501.52", "true", "Light-Truck", "x\u00a0y"]
    ),
    typed_cells,
)  # fmt: skip
every_field = sorted(
    {*GOOD_COLUMNS, *BOM_COLUMNS, *goods._DATE_FIELDS, *goods._BOOL_FIELDS, "method", "unknown"}
)


@settings(max_examples=300, deadline=None)
@given(name=st.sampled_from(every_field), values=st.lists(cell_values, min_size=1, max_size=6))
@example(name="origin_status", values=[1, True, 0, False, 1.0])  # equal keys, other texts
def test_a_column_reader_prepares_as_prepare_does(name: str, values: list[Any]) -> None:
    """The reader chosen once per column gives each cell what ``prepare`` gives it, the same
    value or the same ValueError, whatever cells it has met before in the column."""

    def outcome(read: Any, value: Any) -> tuple[str, Any]:
        try:
            return "value", read(value)
        except ValueError as exc:
            return "error", str(exc)

    expected = [outcome(lambda v: prepare(name, v), value) for value in values]
    for text_cells in (False, True):
        if text_cells and not all(isinstance(value, str) for value in values):
            continue  # a table of text holds only text
        reader = cell_reader(name, text_cells=text_cells)
        read = reader if reader is not None else (lambda v: v)
        assert [outcome(read, value) for value in values] == expected


# ------------------------------------------------------------------------ the table reader


@settings(max_examples=300, deadline=None)
@given(
    headers=st.lists(st.sampled_from(["a", "b", ""]), min_size=1, max_size=5),
    cells=st.lists(st.one_of(st.none(), st.just(REFUSED), st.sampled_from(["x", "0"])), max_size=7),
)
@example(headers=["a", "a"], cells=["x", "0"])  # the first of a repeated column is kept
def test_a_plain_row_is_the_row_read_cell_by_cell(headers: list[str], cells: list[Any]) -> None:
    """Where the quick row builder answers, it answers as the cell-by-cell one, which would
    report nothing; where a cell needs a word (no header, repeated header), it leaves it."""
    while headers and headers[-1] == "":
        headers.pop()
    plain = _plain_row(cells, _plain_headers(headers), 7)
    if REFUSED in cells:
        return  # the builder is never asked: the refused cell was reported while cleaning
    problems = Problems()
    slow = _row(cells, headers, 7, file="f.csv", sheet=None, location="row 7", problems=problems)
    if plain is not None:
        assert plain == slow
        assert not problems


@FAST
@given(
    record=st.lists(
        st.one_of(
            st.sampled_from(["", "  ", " x ", "a,b"]),
            st.integers(min_value=MAX_CELL_CHARS - 2, max_value=MAX_CELL_CHARS + 2).map(
                lambda n: " " + "y" * n
            ),
        ),
        max_size=5,
    )
)
def test_a_csv_record_is_cleaned_as_cell_by_cell(record: list[str]) -> None:
    quick, slow = Problems(), Problems()
    cells = _clean_record(record, 3, quick, "f.csv")
    expected = [_clean_text(value, 3, slow, "f.csv") for value in record]
    if all(cell is None for cell in expected):
        assert cells is None
    else:
        assert cells == expected
    assert [str(e) for e in quick.errors] == [str(e) for e in slow.errors]


def test_a_refused_cell_leaves_its_row_unread() -> None:
    """A cell over the limit is reported once, while cleaning, and its row is not validated."""
    long = "y" * (MAX_CELL_CHARS + 1)
    data = _csv(["part_number", "description"], [{"part_number": "A"}, {"description": long}])
    table = read_csv(data, file="goods.csv")
    assert [row.aligned for row in table.rows] == [True, False]
    assert REFUSED not in table.rows[1].values.values()
    expected = Problems()
    _clean_text(long, 3, expected, "goods.csv")
    assert [(e.location, str(e)) for e in table.problems] == [
        (e.location, str(e)) for e in expected.errors
    ]


# ------------------------------------------------------------- the batch path is the one used


def test_only_the_rows_with_problems_are_read_one_by_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """A valid table never takes the row-by-row path; a bad cell sends only its row there,
    whichever batch it falls in."""
    rows = [
        {**dict.fromkeys(BOM_HEADER, ""), "good_part_number": "G-1", "part_number": f"M-{i}",
         "description": "Bearing", "hs_code": "8482.10", "quantity": "2", "unit": "pcs",
         "unit_value": "1.50", "currency": "USD", "origin_status": "Non Originating",
         "material_type": "Indirect", "intermediate": "no"}
        for i in range(50)
    ]  # fmt: skip
    calls: list[int | None] = []
    real = goods.build_model

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(kwargs["extra"].get("row"))
        return real(*args, **kwargs)

    monkeypatch.setattr(goods, "build_model", counted)
    lines = bom_from_table(read_csv(_csv(BOM_HEADER, rows), file="bom.csv"), batch=16)
    assert len(lines) == 50
    assert calls == []

    rows[20]["quantity"] = "2,5"
    rows[41]["origin_status"] = "perhaps"
    with pytest.raises(InputErrors) as caught:
        bom_from_table(read_csv(_csv(BOM_HEADER, rows), file="bom.csv"), batch=16)
    assert calls == [22, 43]  # the spreadsheet rows of the two bad lines
    assert [(e.location, e.field) for e in caught.value.errors] == [
        ("row 22", "quantity"),
        ("row 43", "origin_status"),
    ]
