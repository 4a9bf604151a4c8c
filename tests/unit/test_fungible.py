"""Fungible materials (USMCA Art. 4.13; SOR/2020-155 s. 8(18)-(19), Schedule 8): the share of
originating units a good used, replayed from the stock records under the method chosen.

The Schedule 8 Appendix A table is rebuilt row by row (rows 2-11, as a loader numbers them) and
each of its Examples 1-3 is checked shipment by shipment.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roo_check.engine.fungible import fungible_share
from roo_check.models.goods import BomLine, Good
from roo_check.models.inventory import Inventory, InventoryMethod, InventoryRecord
from tests.unit.builders import good, line

MAT = "MAT-A"
ON = dt.date(2026, 12, 31)
ORIG, NON = "originating", "non-originating"

# Schedule 8, Appendix A: the table of receipts of Material A and shipments of Good A, in its
# order (the 01/10/21 shipment precedes that day's receipt). "200 (OI)" is a subtotal, not a row.
APPENDIX_A = [
    ("2020-12-18", "opening", "100", "1.00", ORIG, None),
    ("2020-12-27", "opening", "100", "1.10", NON, None),
    ("2021-01-01", "receipt", "1000", "1.00", ORIG, None),
    ("2021-01-05", "receipt", "1000", "1.10", NON, None),
    ("2021-01-10", "withdrawal", "100", None, None, "A-0110"),
    ("2021-01-10", "receipt", "1000", "1.05", ORIG, None),
    ("2021-01-15", "withdrawal", "700", None, None, "A-0115"),
    ("2021-01-16", "receipt", "2000", "1.10", NON, None),
    ("2021-01-20", "withdrawal", "1000", None, None, "A-0120"),
    ("2021-01-23", "withdrawal", "900", None, None, "A-0123"),
]


def record(
    day: str,
    movement: str,
    quantity: str,
    value: str | None = None,
    status: str | None = None,
    for_good: str | None = None,
    row: int | None = None,
    part: str = MAT,
) -> InventoryRecord:
    return InventoryRecord.model_validate(
        {
            "part_number": part,
            "date": day,
            "movement": movement,
            "quantity": quantity,
            "unit_value": value,
            "origin_status": status,
            "good_part_number": for_good,
            "row": row,
        }
    )


def inventory(method: str, rows: list[InventoryRecord], start: str = "2021-01-01") -> Inventory:
    return Inventory.model_validate(
        {"method": method, "fiscal_year_start": start, "currency": "USD", "records": rows}
    )


def appendix_a(method: str) -> Inventory:
    rows = [record(*fields, row=n) for n, fields in enumerate(APPENDIX_A, start=2)]
    return inventory(method, rows)


def material(quantity: str = "1") -> BomLine:
    return line(MAT, "3901.10", "1", status="fungible", quantity=quantity)


def shipment(part_number: str) -> Good:
    return good(part_number=part_number, shipment_date="2021-01-31")


def share(method: str, part_number: str):
    return fungible_share(appendix_a(method), material(), shipment(part_number), ON)


def taken(result) -> list[tuple[str, Decimal, str]]:
    return [(s.source, s.quantity, s.origin_status) for s in result.slices]


def close(value: Decimal | None, exact: Fraction) -> bool:
    """Equal to the true fraction at the project precision (28 digits), not merely to the cent."""
    assert value is not None
    return abs(Fraction(value) - exact) < Fraction(1, 10**20)


# --- Appendix A, Example 1: FIFO


@pytest.mark.parametrize(
    ("part_number", "nom_value", "slices"),
    [
        ("A-0110", "0", [("opening 2020-12-18 (row 2)", 100, ORIG)]),
        (
            "A-0115",
            "110",
            [("opening 2020-12-27 (row 3)", 100, NON), ("receipt 2021-01-01 (row 4)", 600, ORIG)],
        ),
        (
            "A-0120",
            "660",
            [("receipt 2021-01-01 (row 4)", 400, ORIG), ("receipt 2021-01-05 (row 5)", 600, NON)],
        ),
        (
            "A-0123",
            "440",
            [("receipt 2021-01-05 (row 5)", 400, NON), ("receipt 2021-01-10 (row 7)", 500, ORIG)],
        ),
    ],
)
def test_fifo_appendix_a_example_1(part_number: str, nom_value: str, slices: list) -> None:
    """SOR/2020-155 Schedule 8, Appendix A, Example 1: FIFO gives the four shipments non-originating
    material worth $0, $110 (100 x $1.10), $660 (600 x $1.10) and $440 (400 x $1.10)."""
    result = share("fifo", part_number)
    assert result.passed is True
    assert result.non_originating_value == Decimal(nom_value)
    assert taken(result) == slices
    assert result.originating_quantity + result.non_originating_quantity == result.quantity
    assert result.citation.endswith("SOR/2020-155 s. 8(18)-(19), Schedule 8 s. 1")


def test_fifo_reason_lets_an_auditor_redo_the_figures() -> None:
    """SOR/2020-155 Schedule 8, Appendix A, Example 1 (4): 400 N from 01/05, 500 O from 01/10."""
    result = share("fifo", "A-0123")
    assert result.withdrawal == "withdrawal for good A-0123 (row 11)"
    assert result.reason == (
        "FIFO: of 900 units withdrawn on 2021-01-23, 500 originating from receipt 2021-01-10 "
        "(row 7), 400 non-originating from receipt 2021-01-05 (row 5): non-originating value 440.00"
    )
    assert result.originating_value == Decimal("525.00")  # 500 x $1.05
    assert result.citation == (
        "USMCA Art. 4.13; 19 U.S.C. 4531(g); SOR/2020-155 s. 8(18)-(19), Schedule 8 s. 1"
    )


# --- Appendix A, Example 2: LIFO


@pytest.mark.parametrize(
    ("part_number", "slices"),
    [
        ("A-0110", [("receipt 2021-01-05 (row 5)", 100, NON)]),
        ("A-0115", [("receipt 2021-01-10 (row 7)", 700, ORIG)]),
        ("A-0120", [("receipt 2021-01-16 (row 9)", 1000, NON)]),
        ("A-0123", [("receipt 2021-01-16 (row 9)", 900, NON)]),
    ],
)
def test_lifo_appendix_a_example_2(part_number: str, slices: list) -> None:
    """SOR/2020-155 Schedule 8, Appendix A, Example 2: LIFO takes the last receipt first. The
    01/10/21 shipment precedes that day's receipt in the books, so it draws on the 01/05 receipt;
    the 01/15 shipment takes 700 of the 01/10 originating receipt (all originating); 01/20 and
    01/23 take 1,000 and 900 of the 01/16 non-originating receipt."""
    result = share("lifo", part_number)
    assert result.passed is True
    assert taken(result) == slices
    statuses = {status for _, _, status in slices}
    if statuses == {ORIG}:
        assert result.non_originating_quantity == 0
        assert result.non_originating_value == 0
    else:
        assert result.originating_quantity == 0


# --- Appendix A, Example 3: average per shipment


def test_average_appendix_a_example_3_first_shipment_is_exact() -> None:
    """SOR/2020-155 Schedule 8, Appendix A, Example 3 (1): before the 01/10/21 shipment the pool
    holds 1,100 N of 2,200 units worth $2,310 (average $1.05): "$52.50 [100 units x $1.05
    (average unit value) x 50%]". No rounding is involved, so the exact figure is the printed one."""
    result = share("average", "A-0110")
    assert result.passed is True
    assert result.ratio == Decimal("0.5")
    assert result.non_originating_quantity == 50
    assert result.originating_quantity == 50
    assert result.non_originating_value == Decimal("52.50")
    assert result.originating_value == Decimal("52.50")
    assert [(s.origin_status, s.quantity, s.unit_value) for s in result.slices] == [
        (ORIG, 50, Decimal("1.05")),
        (NON, 50, Decimal("1.05")),
    ]
    assert result.citation.endswith("Schedule 8 s. 8")
    assert result.reason == (
        "Average (per shipment): of 100 units withdrawn on 2021-01-10, 50 originating and "
        "50 non-originating, at the non-originating share of the pool before the withdrawal "
        "(50.00%): non-originating value 52.50"
    )


@pytest.mark.parametrize(
    ("part_number", "quantity", "printed", "exact"),
    [
        # 01/15/21: 1,050 N of 3,100 units worth $3,255 (average exactly $1.05). The Appendix
        # multiplies by 0.34: 238 units, $249.90. Exact: ratio 21/62, 237.10 units, $248.95.
        (
            "A-0115",
            700,
            {"ratio": "0.34", "average": "1.05", "units": "238", "value": "249.90"},
            {"ratio": Fraction(21, 62), "units": Fraction(7350, 31), "value": Fraction(15435, 62)},
        ),
        # 01/20/21: 2,812.90 N of 4,400 units worth $4,720 (average 1.0727..., printed 1.07).
        # The Appendix: 640 units, $684.80. Exact: ratio 218/341, 639.30 units, $685.79.
        (
            "A-0120",
            1000,
            {"ratio": "0.64", "average": "1.07", "units": "640", "value": "684.80"},
            {
                "ratio": Fraction(218, 341),
                "units": Fraction(218000, 341),
                "value": Fraction(2572400, 3751),
            },
        ),
        # 01/23/21: the ratio and average are unchanged by the 01/20 shipment (the pool loses
        # units in its own ratio). The Appendix: 576 units, $616.32. Exact: 575.37 units, $617.21.
        (
            "A-0123",
            900,
            {"ratio": "0.64", "average": "1.07", "units": "576", "value": "616.32"},
            {
                "ratio": Fraction(218, 341),
                "units": Fraction(196200, 341),
                "value": Fraction(2315160, 3751),
            },
        ),
    ],
)
def test_average_appendix_a_example_3_exact_against_printed(
    part_number: str, quantity: int, printed: dict[str, str], exact: dict[str, Fraction]
) -> None:
    """SOR/2020-155 Schedule 8, Appendix A, Example 3 (2)-(4). The Appendix rounds the ratio to
    two decimals (0.34, 0.64) and the average unit value to the cent (1.07) before multiplying;
    the provision (s. 8: the ratio of the units in inventory prior to the shipment) prevails over
    the example (SOR/2020-155 s. 1(4)), so the engine keeps the exact figures. Both are shown."""
    result = share("average", part_number)
    assert result.passed is True
    # The printed figure, redone as the Appendix does it: units x rounded average x rounded ratio.
    appendix = Decimal(quantity) * Decimal(printed["average"]) * Decimal(printed["ratio"])
    assert appendix == Decimal(printed["value"])
    assert Decimal(quantity) * Decimal(printed["ratio"]) == Decimal(printed["units"])
    # The exact figures (s. 8 computed without rounding), which the engine returns.
    assert close(result.ratio, exact["ratio"])
    assert close(result.non_originating_quantity, exact["units"])
    assert close(result.non_originating_value, exact["value"])
    assert result.originating_quantity + result.non_originating_quantity == quantity
    # ... and they differ from the printed ones by more than a cent.
    assert abs(result.non_originating_value - Decimal(printed["value"])) > Decimal("0.01")


def test_average_exact_value_for_01_15_to_the_cent() -> None:
    """SOR/2020-155 Schedule 8, Appendix A, Example 3 (2): printed $249.90 [700 x $1.05 x 34%];
    exact 700 x $1.05 x 1,050/3,100 = $248.95 (SOR/2020-155 s. 1(4): the provision prevails)."""
    result = share("average", "A-0115")
    assert result.non_originating_value == Decimal(771750) / Decimal(3100)
    assert round(result.non_originating_value, 2) == Decimal("248.95")
    assert "non-originating value 248.95" in result.reason
    assert "(33.87%)" in result.reason


# --- the good's consumption when it has no withdrawal rows of its own


def _plant_records() -> list[InventoryRecord]:
    return [
        record("2025-12-18", "opening", "10", "2.00", ORIG, row=2),
        record("2026-03-01", "receipt", "20", "2.50", NON, row=3),
        record("2026-06-01", "withdrawal", "5", for_good="OTHER", row=4),
        record("2026-10-05", "receipt", "30", "3.00", ORIG, row=5),
        record("2026-10-06", "receipt", "100", "9.00", NON, row=6),
    ]


def test_default_withdrawal_is_the_bom_quantity_on_the_production_date() -> None:
    """No withdrawal rows for the good: its BOM quantity is drawn on its production date, after
    the records of that day (the 10/05 receipt is on hand) and before later ones (the 10/06
    receipt is ignored). LIFO (Schedule 8 s. 1): the 10/05 receipt first, then the 03/01 one."""
    inv = inventory("lifo", _plant_records(), start="2026-01-01")
    g = good(part_number="EM-750", production_date="2026-10-05")
    result = fungible_share(inv, material("35.5"), g, ON)
    assert result.passed is True
    assert result.withdrawal == "the BOM quantity 35.5, withdrawn on 2026-10-05 (production date)"
    assert result.quantity == Decimal("35.5")
    assert taken(result) == [
        ("receipt 2026-10-05 (row 5)", 30, ORIG),
        ("receipt 2026-03-01 (row 3)", Decimal("5.5"), NON),
    ]
    assert result.non_originating_value == Decimal("13.75")
    assert result.originating_value == Decimal("90.00")


def test_default_withdrawal_falls_back_on_the_evaluation_date() -> None:
    """Without a production date the evaluation date stands in; FIFO (Schedule 8 s. 1) takes the
    opening stock first, after the other good's 5 units came out of it."""
    inv = inventory("fifo", _plant_records(), start="2026-01-01")
    result = fungible_share(inv, material("8"), good(part_number="EM-750"), dt.date(2026, 7, 1))
    assert result.withdrawal == "the BOM quantity 8, withdrawn on 2026-07-01 (evaluation date)"
    assert taken(result) == [
        ("opening 2025-12-18 (row 2)", 5, ORIG),
        ("receipt 2026-03-01 (row 3)", 3, NON),
    ]


def test_several_withdrawal_rows_of_the_good_are_added_up() -> None:
    """SOR/2020-155 Schedule 8, Appendix A table, with the 01/15 and 01/23 shipments both for one
    good: FIFO (Example 1 (2) and (4)) gives 100 + 400 non-originating units, $110 + $440."""
    one_good = {"A-0115": "EM-750", "A-0123": "EM-750"}
    rows = [
        record(*fields[:5], one_good.get(fields[5] or "", fields[5]), row=n)
        for n, fields in enumerate(APPENDIX_A, start=2)
    ]
    result = fungible_share(inventory("fifo", rows), material(), good(part_number="EM-750"), ON)
    assert result.withdrawal == "withdrawals for good EM-750 (rows 8, 11)"
    assert result.quantity == 1600
    assert result.non_originating_quantity == 500
    assert result.non_originating_value == Decimal("550.00")
    assert "withdrawn on 2021-01-15 and 2021-01-23" in result.reason


# --- what the records cannot decide


def test_production_date_outside_the_fiscal_year_is_not_decided() -> None:
    """SOR/2020-155 s. 8(19), Schedule 8 s. 3: the method binds one fiscal year; a good produced
    in another year falls under that year's choice, which the file does not state."""
    inv = inventory("fifo", _plant_records(), start="2026-01-01")
    g = good(part_number="EM-750", production_date="2027-01-04")
    result = fungible_share(inv, material("1"), g, ON)
    assert result.passed is None
    assert result.originating_quantity is None
    assert "one inventory management method per fiscal year" in result.reason
    assert "(SOR/2020-155 s. 8(19); Schedule 8 s. 3)" in result.reason
    assert "2026-01-01 to 2026-12-31" in result.reason
    [missing] = result.missing
    assert (missing.field, missing.subject) == ("inventory.csv fiscal_year_start", "material MAT-A")


def test_own_withdrawal_before_the_fiscal_year_is_not_decided() -> None:
    """SOR/2020-155 s. 8(19): the good's own withdrawal row dated before the fiscal year starts."""
    rows = [*_plant_records(), record("2025-12-20", "withdrawal", "1", for_good="EM-750", row=7)]
    inv = inventory("average", rows, start="2026-01-01")
    result = fungible_share(inv, material(), good(part_number="EM-750"), ON)
    assert result.passed is None
    assert result.missing[0].field == "inventory.csv fiscal_year_start"


def test_withdrawal_larger_than_the_stock_is_not_decided() -> None:
    """A withdrawal the records do not cover: the share cannot be derived."""
    inv = inventory("fifo", _plant_records(), start="2026-01-01")
    g = good(part_number="EM-750", production_date="2026-07-01")
    result = fungible_share(inv, material("30"), g, ON)
    assert result.passed is None
    assert result.reason.startswith(
        "on 2026-07-01 the withdrawal of 30 units (good EM-750) exceeds the 25 units on hand by 5"
    )
    [missing] = result.missing
    assert missing.field == "inventory.csv opening and receipt rows"
    assert missing.subject == "material MAT-A"


def test_another_goods_withdrawal_larger_than_the_stock_is_not_decided() -> None:
    """Another good's earlier withdrawal leaves the records short: ours cannot be placed."""
    rows = [*_plant_records(), record("2026-07-01", "withdrawal", "40", for_good="X-1", row=7)]
    inv = inventory("average", rows, start="2026-01-01")
    g = good(part_number="EM-750", production_date="2026-08-01")
    result = fungible_share(inv, material("1"), g, ON)
    assert result.passed is None
    assert "on 2026-07-01 the withdrawal of 40 units (good X-1, row 7)" in result.reason
    assert "by 15" in result.reason


def test_no_records_of_the_material() -> None:
    """Art. 4.13: without stock records the share of a fungible material cannot be derived."""
    inv = inventory("fifo", _plant_records(), start="2026-01-01")
    other = line("MAT-B", "3901.10", "1", status="fungible")
    result = fungible_share(inv, other, good(part_number="EM-750"), ON)
    assert result.passed is None
    assert [(m.field, m.subject, m.why) for m in result.missing] == [
        ("inventory.csv", "material MAT-B", "stock records of this fungible material")
    ]


# --- specific identification (Schedule 8 s. 4)


def _segregated(*ours: InventoryRecord) -> Inventory:
    return inventory("specific_identification", [*_plant_records(), *ours], start="2026-01-01")


def test_specific_identification_reads_the_origin_on_the_withdrawal_rows() -> None:
    """Schedule 8 s. 4: physically segregated or marked units: each withdrawal row says which."""
    inv = _segregated(
        record("2026-10-07", "withdrawal", "12", "3.00", ORIG, for_good="EM-750", row=7),
        record("2026-10-07", "withdrawal", "4", "2.50", NON, for_good="EM-750", row=8),
    )
    result = fungible_share(inv, material(), good(part_number="EM-750"), ON)
    assert result.passed is True
    assert (result.originating_quantity, result.non_originating_quantity) == (12, 4)
    assert (result.originating_value, result.non_originating_value) == (36, 10)
    assert result.citation.endswith("Schedule 8 s. 4")
    assert result.reason == (
        "Specific identification: of 16 units withdrawn on 2026-10-07, 12 originating from "
        "withdrawal 2026-10-07 (row 7), 4 non-originating from withdrawal 2026-10-07 (row 8): "
        "non-originating value 10.00"
    )


def test_specific_identification_row_without_origin_is_not_decided() -> None:
    """Schedule 8 s. 4: a withdrawal row that does not state the origin of its units."""
    inv = _segregated(record("2026-10-07", "withdrawal", "12", "3.00", for_good="EM-750", row=7))
    result = fungible_share(inv, material(), good(part_number="EM-750"), ON)
    assert result.passed is None
    assert [(m.field, m.subject, m.why) for m in result.missing] == [
        (
            "inventory.csv withdrawal origin_status",
            "material MAT-A",
            "specific identification needs the origin of the units withdrawn (Schedule 8 s. 4)",
        )
    ]
    assert "no origin_status (row 7)" in result.reason


def test_specific_identification_without_withdrawal_rows_is_not_decided() -> None:
    """Schedule 8 s. 4: the BOM quantity alone says nothing about which units were taken."""
    result = fungible_share(_segregated(), material(), good(part_number="EM-750"), ON)
    assert result.passed is None
    assert [m.field for m in result.missing] == [
        "inventory.csv withdrawal origin_status",
        "inventory.csv withdrawal unit_value",
    ]


def test_specific_identification_still_tracks_the_stock() -> None:
    """Schedule 8 s. 4: the quantities still have to be on hand (25 after the other good's 5)."""
    inv = _segregated(
        record("2026-07-01", "withdrawal", "26", "3.00", ORIG, for_good="EM-750", row=7),
    )
    result = fungible_share(inv, material(), good(part_number="EM-750"), ON)
    assert result.passed is None
    assert "exceeds the 25 units on hand by 1" in result.reason


# --- properties


@st.composite
def histories(draw: st.DrawFn) -> tuple[Inventory, Decimal]:
    """Receipts and other goods' withdrawals that the stock covers, then the good's own one."""
    method = draw(st.sampled_from(list(InventoryMethod)))
    steps = draw(
        st.lists(
            st.tuples(
                st.booleans(),
                st.integers(1, 100_000),
                st.integers(0, 999),
                st.sampled_from([ORIG, NON]),
            ),
            min_size=1,
            max_size=12,
        )
    )
    rows: list[InventoryRecord] = []
    stock = Decimal(0)
    start = dt.date(2026, 1, 1)
    for n, (receipt, hundredths, cents, status) in enumerate(steps):
        day = (start + dt.timedelta(days=n // 2)).isoformat()
        quantity = Decimal(hundredths) / 100
        if receipt or quantity > stock:
            rows.append(record(day, "receipt", str(quantity), str(Decimal(cents) / 100), status))
            stock += quantity
        else:
            rows.append(record(day, "withdrawal", str(quantity), for_good="OTHER"))
            stock -= quantity
    if stock == 0:  # the last withdrawal emptied it
        rows.append(record("2026-12-30", "receipt", "1", "0.50", NON))
        stock = Decimal(1)
    ours = Decimal(draw(st.integers(1, int(stock * 100)))) / 100
    status = draw(st.sampled_from([ORIG, NON]))
    rows.append(record("2026-12-31", "withdrawal", str(ours), "1.25", status, for_good="G-1"))
    return inventory(method.value, rows, start="2026-01-01"), ours


@settings(max_examples=300, deadline=None)
@given(histories())
def test_every_unit_withdrawn_is_originating_or_not(history: tuple[Inventory, Decimal]) -> None:
    """Under any method, where the stock covers every withdrawal: the units withdrawn split
    exactly into originating and non-originating, and no value is negative."""
    inv, quantity = history
    result = fungible_share(inv, material(), good(), ON)
    assert result.passed is True
    assert result.quantity == quantity
    assert result.originating_quantity + result.non_originating_quantity == quantity
    assert result.non_originating_quantity >= 0
    assert result.originating_quantity >= 0
    assert result.non_originating_value >= 0
    assert result.originating_value >= 0
    if inv.method is InventoryMethod.average:
        assert 0 <= result.ratio <= 1
