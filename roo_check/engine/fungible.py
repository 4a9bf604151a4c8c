"""Fungible materials (USMCA Art. 4.13; 19 U.S.C. 4531(g); SOR/2020-155 s. 8(18)-(22), Schedule 8).

When originating and non-originating units of one material are mixed in stock, the units a good
used carry no origin of their own: the inventory management method the producer chose for the
fiscal year decides it (SOR s. 8(18)-(19); Schedule 8 ss. 1-9). This module replays the stock
records of one material under that method, up to the good's own withdrawal, and says how many of
the units withdrawn, and what value, count as originating and as non-originating.

Decided once, here:

- Records are replayed by date, records of one date in file order (a stable sort). The file is
  the producer's books: the Schedule 8 Appendix A table ships on 01/10/21 before that day's
  receipt, and its LIFO Example 2 depends on that order.
- The good's consumption is its own withdrawal rows, or else its BOM quantity drawn on its
  production date after everything recorded up to that day (what a producer with no withdrawal
  of its own in the books would have drawn then).
- Nothing is rounded: ratios and average values are exact at the project precision
  (``roo_check.money``). The Appendix prints ratios rounded to two decimals and multiplies by
  them; where its dollar figures differ, the provision prevails over the example (SOR s. 1(4)).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, localcontext
from typing import Protocol

from roo_check.models.goods import BomLine, Good, OriginStatus
from roo_check.models.inventory import Inventory, InventoryMethod, InventoryRecord, Movement
from roo_check.models.stages import FungibleResult, FungibleSlice, MissingDatum
from roo_check.money import PRECISION, display_money, display_percent, percent

ZERO = Decimal(0)
ORIGINATING = OriginStatus.originating.value
NON_ORIGINATING = OriginStatus.non_originating.value
_FOUR_PLACES = Decimal("0.0001")

_NAME = {
    InventoryMethod.specific_identification: "Specific identification",
    InventoryMethod.fifo: "FIFO",
    InventoryMethod.lifo: "LIFO",
    InventoryMethod.average: "Average (per shipment)",
}
_SECTION = {
    InventoryMethod.specific_identification: "4",
    InventoryMethod.fifo: "1",
    InventoryMethod.lifo: "1",
    InventoryMethod.average: "8",
}
"""Where Schedule 8 states each method: FIFO and LIFO are defined in s. 1, specific
identification is s. 4 (segregated or marked stock), the per-shipment average is s. 8 (the
ratio for a good subject to a regional value content, as Appendix A Example 3 applies it)."""

_ONE_METHOD = (
    "one inventory management method per fiscal year (SOR/2020-155 s. 8(19); Schedule 8 s. 3)"
)
_SEGREGATED = "specific identification needs the origin of the units withdrawn (Schedule 8 s. 4)"


def citation(method: InventoryMethod) -> str:
    """The provisions a result under ``method`` rests on."""
    return (
        "USMCA Art. 4.13; 19 U.S.C. 4531(g); SOR/2020-155 s. 8(18)-(19), "
        f"Schedule 8 s. {_SECTION[method]}"
    )


# --- the withdrawal taken as the good's consumption


@dataclass(frozen=True)
class _Plan:
    """The stock movements to replay, in order, each marked True if it is the good's own
    consumption, and a sentence saying how that consumption was found."""

    events: tuple[tuple[InventoryRecord, bool], ...]
    label: str
    own_rows: bool

    @property
    def ours(self) -> list[InventoryRecord]:
        return [record for record, mine in self.events if mine]

    @property
    def quantity(self) -> Decimal:
        return sum((record.quantity for record in self.ours), ZERO)

    @property
    def dates(self) -> str:
        return " and ".join(sorted({record.date.isoformat() for record in self.ours}))


def _is_ours(record: InventoryRecord, good: Good) -> bool:
    return record.movement is Movement.withdrawal and record.good_part_number == good.part_number


def _plan(records: list[InventoryRecord], line: BomLine, good: Good, on: dt.date) -> _Plan:
    """What to replay. With withdrawal rows of its own the good consumed those, and records after
    the last of them cannot change what they took, so they are left out. Without, the good draws
    its BOM quantity on its production date (else the evaluation date), after every record of
    that day; later records are left out for the same reason."""
    ordered = sorted(records, key=lambda record: record.date)
    mine = [i for i, record in enumerate(ordered) if _is_ours(record, good)]
    if mine:
        replayed = ordered[: mine[-1] + 1]
        label = f"{_plural('withdrawal', len(mine))} for good {good.part_number}"
        label += _rows_text([ordered[i] for i in mine])
        return _Plan(tuple((record, _is_ours(record, good)) for record in replayed), label, True)
    day, basis = good.production_date, "production date"
    if day is None:
        day, basis = on, "evaluation date"
    drawn = InventoryRecord(
        part_number=line.part_number,
        date=day,
        movement=Movement.withdrawal,
        quantity=line.quantity,
        good_part_number=good.part_number,
    )
    before = tuple((record, False) for record in ordered if record.date <= day)
    label = f"the BOM quantity {_units(line.quantity)}, withdrawn on {day.isoformat()} ({basis})"
    return _Plan((*before, (drawn, True)), label, False)


# --- the stock under each method


class _Shortfall(Exception):
    """A withdrawal larger than the stock the records show on hand: the replay cannot go on."""

    def __init__(self, record: InventoryRecord, on_hand: Decimal) -> None:
        super().__init__(f"withdrawal of {record.quantity} with {on_hand} on hand")
        self.record = record
        self.on_hand = on_hand


def _check_stock(record: InventoryRecord, on_hand: Decimal) -> None:
    if record.quantity > on_hand:
        raise _Shortfall(record, on_hand)


class _Stock(Protocol):
    def receive(self, record: InventoryRecord) -> None: ...

    def withdraw(self, record: InventoryRecord) -> tuple[list[FungibleSlice], Decimal | None]:
        """The slices the withdrawal took and, for the average, the pool's non-originating
        ratio before it."""
        ...


@dataclass
class _Lot:
    """Units still on hand from one opening or receipt row."""

    quantity: Decimal
    unit_value: Decimal
    origin_status: str
    source: str
    date: dt.date

    def take(self, quantity: Decimal) -> FungibleSlice:
        self.quantity -= quantity
        return FungibleSlice(
            source=self.source,
            date=self.date,
            quantity=quantity,
            origin_status=self.origin_status,
            unit_value=self.unit_value,
            value=quantity * self.unit_value,
        )


class _Lots:
    """FIFO or LIFO (Schedule 8 s. 1): the stock as lots in the order received; a withdrawal
    takes from the first received (FIFO) or the last received (LIFO) onwards. Opening rows are
    lots dated when received (s. 9), so they sort before the fiscal year's receipts."""

    def __init__(self, last_first: bool) -> None:
        self.lots: list[_Lot] = []
        self.end = -1 if last_first else 0

    def receive(self, record: InventoryRecord) -> None:
        assert record.unit_value is not None and record.origin_status is not None
        self.lots.append(
            _Lot(
                record.quantity,
                record.unit_value,
                record.origin_status.value,
                _label(record),
                record.date,
            )
        )

    def withdraw(self, record: InventoryRecord) -> tuple[list[FungibleSlice], Decimal | None]:
        _check_stock(record, sum((lot.quantity for lot in self.lots), ZERO))
        need = record.quantity
        taken: list[FungibleSlice] = []
        while need > 0:
            lot = self.lots[self.end]
            taken.append(lot.take(min(need, lot.quantity)))
            need -= taken[-1].quantity
            if lot.quantity == 0:
                self.lots.pop(self.end)
        return taken, None


class _Counted:
    """Specific identification (Schedule 8 s. 4): the units are segregated or marked, so a
    withdrawal row states its own origin and value. Only the quantity on hand is kept, to catch
    a withdrawal the records do not cover."""

    def __init__(self) -> None:
        self.units = ZERO

    def receive(self, record: InventoryRecord) -> None:
        self.units += record.quantity

    def withdraw(self, record: InventoryRecord) -> tuple[list[FungibleSlice], Decimal | None]:
        _check_stock(record, self.units)
        self.units -= record.quantity
        if record.origin_status is None or record.unit_value is None:
            return [], None
        taken = FungibleSlice(
            source=_label(record),
            date=record.date,
            quantity=record.quantity,
            origin_status=record.origin_status.value,
            unit_value=record.unit_value,
            value=record.quantity * record.unit_value,
        )
        return [taken], None


class _Pool:
    """Average method per shipment (Schedule 8 s. 8): the ratio of non-originating units to all
    units in stock before a withdrawal decides its origin and is applied to what remains.

    The units on hand are kept exactly as the records give them (so a withdrawal of the last
    units is never refused for a rounding residue); the non-originating units and the value are
    derived, exact at the project precision, and each figure of a withdrawal is one division of
    exact products, so it is the correctly rounded value of the true fraction."""

    def __init__(self) -> None:
        self.units = ZERO
        self.non = ZERO
        self.value = ZERO

    def receive(self, record: InventoryRecord) -> None:
        assert record.unit_value is not None
        self.units += record.quantity
        if record.origin_status is OriginStatus.non_originating:
            self.non += record.quantity
        self.value += record.quantity * record.unit_value

    def withdraw(self, record: InventoryRecord) -> tuple[list[FungibleSlice], Decimal | None]:
        _check_stock(record, self.units)
        q, units = record.quantity, self.units
        with localcontext() as ctx:
            ctx.prec = PRECISION
            ratio = self.non / units
            average = self.value / units
            non = q * self.non / units
            non_value = q * self.non * self.value / (units * units)
            value = q * self.value / units
            taken = [
                self._slice(record, ORIGINATING, q - non, average, value - non_value),
                self._slice(record, NON_ORIGINATING, non, average, non_value),
            ]
        self._leave(q, non, value)
        return [s for s in taken if s.quantity > 0], ratio

    def _leave(self, quantity: Decimal, non: Decimal, value: Decimal) -> None:
        """Take the withdrawal out in the ratio; an emptied pool is reset exactly."""
        self.units -= quantity
        if self.units == 0:
            self.non = self.value = ZERO
            return
        self.non = min(max(self.non - non, ZERO), self.units)
        self.value = max(self.value - value, ZERO)

    @staticmethod
    def _slice(
        record: InventoryRecord, status: str, quantity: Decimal, average: Decimal, value: Decimal
    ) -> FungibleSlice:
        return FungibleSlice(
            source=f"pool before the withdrawal of {record.date.isoformat()}{_row(record)}",
            date=record.date,
            quantity=quantity,
            origin_status=status,
            unit_value=average,
            value=value,
        )


def _stock(method: InventoryMethod) -> _Stock:
    if method is InventoryMethod.average:
        return _Pool()
    if method is InventoryMethod.specific_identification:
        return _Counted()
    return _Lots(last_first=method is InventoryMethod.lifo)


def _replay(method: InventoryMethod, plan: _Plan) -> tuple[list[FungibleSlice], list[Decimal]]:
    """Every movement in order: other goods' withdrawals draw on the stock the same way before
    ours does. Returns what our withdrawal rows took and the ratios they were taken at."""
    stock = _stock(method)
    slices: list[FungibleSlice] = []
    ratios: list[Decimal] = []
    for record, mine in plan.events:
        if record.movement is not Movement.withdrawal:
            stock.receive(record)
            continue
        taken, ratio = stock.withdraw(record)
        if mine:
            slices += taken
            ratios += [] if ratio is None else [ratio]
    return slices, ratios


# --- results


@dataclass(frozen=True)
class _Frame:
    """What every result for this material and good shares."""

    inventory: Inventory
    part: str
    good: str
    plan: _Plan

    @property
    def subject(self) -> str:
        return f"material {self.part}"

    def result(self, passed: bool | None, reason: str, **fields: object) -> FungibleResult:
        data: dict[str, object] = {
            "originating_quantity": None,
            "non_originating_quantity": None,
            "originating_value": None,
            "non_originating_value": None,
        }
        data.update(fields)
        return FungibleResult.model_validate(
            {
                "part_number": self.part,
                "method": self.inventory.method.value,
                "fiscal_year_start": self.inventory.fiscal_year_start,
                "withdrawal": self.plan.label,
                "quantity": self.plan.quantity,
                "passed": passed,
                "reason": reason,
                "citation": citation(self.inventory.method),
                **data,
            }
        )

    def missing(self, field: str, why: str) -> list[MissingDatum]:
        return [MissingDatum(field=field, subject=self.subject, why=why)]


def _no_records(frame: _Frame) -> FungibleResult:
    return frame.result(
        None,
        f"no stock records of fungible material {frame.part} in {frame.inventory.source}: its "
        "originating share cannot be derived (Art. 4.13)",
        missing=frame.missing("inventory.csv", "stock records of this fungible material"),
    )


def _out_of_year(frame: _Frame) -> FungibleResult | None:
    """The method chosen binds one fiscal year only: a withdrawal outside it is governed by
    another year's choice, which this file does not state."""
    start, end = frame.inventory.fiscal_year_start, frame.inventory.fiscal_year_end
    outside = sorted({r.date for r in frame.plan.ours if not start <= r.date < end})
    if not outside:
        return None
    days = ", ".join(day.isoformat() for day in outside)
    return frame.result(
        None,
        f"withdrawn on {days}, outside the fiscal year {start.isoformat()} to "
        f"{(end - dt.timedelta(days=1)).isoformat()} the records cover: {_ONE_METHOD}",
        missing=frame.missing(
            "inventory.csv fiscal_year_start",
            f"the stock records and method of the fiscal year that includes {days}: {_ONE_METHOD}",
        ),
    )


def _unidentified(frame: _Frame) -> FungibleResult | None:
    """Specific identification has no rule that assigns origin: the good's own withdrawal rows
    must state the origin and value of the segregated or marked units they took."""
    if frame.inventory.method is not InventoryMethod.specific_identification:
        return None
    if frame.plan.own_rows:
        return _lacking(frame, frame.plan.ours)
    return frame.result(
        None,
        f"specific identification: good {frame.good} has no withdrawal row of its own, so "
        f"nothing states the origin of the units it took ({frame.plan.label} says only how "
        "many)",
        missing=frame.missing("inventory.csv withdrawal origin_status", _SEGREGATED)
        + frame.missing("inventory.csv withdrawal unit_value", _SEGREGATED),
    )


def _lacking(frame: _Frame, ours: list[InventoryRecord]) -> FungibleResult | None:
    """Our withdrawal rows that do not state origin (originating or non-originating) or value."""
    stated = (OriginStatus.originating, OriginStatus.non_originating)
    gaps = {
        "origin_status": [r for r in ours if r.origin_status not in stated],
        "unit_value": [r for r in ours if r.unit_value is None],
    }
    missing = [
        datum
        for name, rows in gaps.items()
        if rows
        for datum in frame.missing(f"inventory.csv withdrawal {name}", _SEGREGATED)
    ]
    if not missing:
        return None
    lacking = "; ".join(f"no {name}{_rows_text(rows)}" for name, rows in gaps.items() if rows)
    return frame.result(
        None,
        f"specific identification: {frame.plan.label}: {lacking}; each must state the origin "
        "(originating or non-originating) and unit value of the segregated units it took",
        missing=missing,
    )


def _short(frame: _Frame, short: _Shortfall) -> FungibleResult:
    record = short.record
    whose = f"good {record.good_part_number}" if record.good_part_number else "no good named"
    if record.row is not None:
        whose += f", row {record.row}"
    gap = _units(record.quantity - short.on_hand)
    return frame.result(
        None,
        f"on {record.date.isoformat()} the withdrawal of {_units(record.quantity)} units "
        f"({whose}) exceeds the {_units(short.on_hand)} units on hand by "
        f"{gap}: the stock records are incomplete",
        missing=frame.missing(
            "inventory.csv opening and receipt rows",
            f"stock that covers the withdrawal of {_units(record.quantity)} on "
            f"{record.date.isoformat()} ({gap} units short)",
        ),
    )


def _total(slices: list[FungibleSlice], status: str, attribute: str) -> Decimal:
    return sum((getattr(s, attribute) or ZERO for s in slices if s.origin_status == status), ZERO)


def _decided(frame: _Frame, slices: list[FungibleSlice], ratios: list[Decimal]) -> FungibleResult:
    """passed=True means decided (the share is known), not that the units are originating."""
    quantity = frame.plan.quantity
    non = _total(slices, NON_ORIGINATING, "quantity")
    figures = {
        "originating_quantity": _total(slices, ORIGINATING, "quantity"),
        "non_originating_quantity": non,
        "originating_value": _total(slices, ORIGINATING, "value"),
        "non_originating_value": _total(slices, NON_ORIGINATING, "value"),
    }
    ratio = None
    if frame.inventory.method is InventoryMethod.average:
        ratio = ratios[0] if len(ratios) == 1 else non / quantity
    return frame.result(
        True,
        _reason(frame, slices, figures, ratio),
        ratio=ratio,
        slices=slices,
        **figures,
    )


def _reason(
    frame: _Frame,
    slices: list[FungibleSlice],
    figures: dict[str, Decimal],
    ratio: Decimal | None,
) -> str:
    """The figures an auditor redoes by hand: units of each origin, where they came from (or
    the pool's ratio), and the non-originating value."""
    if ratio is None:
        originating = f"{_units(figures['originating_quantity'])} originating"
        originating += _sources(slices, ORIGINATING)
        non = f"{_units(figures['non_originating_quantity'])} non-originating"
        non += _sources(slices, NON_ORIGINATING)
        split = f"{originating}, {non}"
    else:
        split = (
            f"{_units(figures['originating_quantity'])} originating and "
            f"{_units(figures['non_originating_quantity'])} non-originating, at the "
            f"non-originating share of the pool before the withdrawal "
            f"({display_percent(percent(ratio, Decimal(1)))}%)"
        )
    return (
        f"{_NAME[frame.inventory.method]}: of {_units(frame.plan.quantity)} units withdrawn on "
        f"{frame.plan.dates}, {split}: non-originating value "
        f"{display_money(figures['non_originating_value'])}"
    )


def _sources(slices: list[FungibleSlice], status: str) -> str:
    names = dict.fromkeys(s.source for s in slices if s.origin_status == status)
    return f" from {' and '.join(names)}" if names else ""


# --- text


def _units(quantity: Decimal) -> str:
    """Units as the records give them (18.5, 1,000); a share derived by ratio to two decimals."""
    exact = quantity.normalize()
    if exact == exact.quantize(_FOUR_PLACES):
        return f"{exact:,f}"
    return display_money(quantity)


def _row(record: InventoryRecord) -> str:
    return "" if record.row is None else f" (row {record.row})"


def _label(record: InventoryRecord) -> str:
    return f"{record.movement.value} {record.date.isoformat()}{_row(record)}"


def _rows_text(records: list[InventoryRecord]) -> str:
    rows = [str(r.row) for r in records if r.row is not None]
    if not rows:
        return ""
    return f" ({_plural('row', len(rows))} {', '.join(rows)})"


def _plural(word: str, count: int) -> str:
    return word if count == 1 else f"{word}s"


# --- the public function


def fungible_share(inventory: Inventory, line: BomLine, good: Good, on: dt.date) -> FungibleResult:
    """Of the units of fungible material ``line.part_number`` used to produce ``good``, how many,
    and what value, are originating and non-originating under ``inventory.method``.

    Pure: the stock records, the BOM line and the good in, one result out; ``on`` (the
    evaluation date) only stands in for a missing production date. ``passed`` is None when the
    records cannot decide the share (no records, a withdrawal outside the fiscal year, a
    shortfall, specific identification without the origin of the units withdrawn), with the
    missing data named; True when the share is computed.
    """
    records = inventory.records_of(line.part_number)
    frame = _Frame(inventory, line.part_number, good.part_number, _plan(records, line, good, on))
    if not records:
        return _no_records(frame)
    undecided = _out_of_year(frame) or _unidentified(frame)
    if undecided is not None:
        return undecided
    try:
        slices, ratios = _replay(inventory.method, frame.plan)
    except _Shortfall as short:
        return _short(frame, short)
    return _decided(frame, slices, ratios)
