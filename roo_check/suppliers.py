"""``roo-check suppliers``: every declaration of the register, the goods whose originating
status depends on it, the value at stake, and the renewals due.

A good depends on a declaration when it originates with the BOM as claimed and does not
once the materials that declaration backs are taken as non-originating: found by deciding
the good again (:func:`roo_check.engine.evidence.without_each`), never guessed from the
values. The value at stake is what the shipment's invoice bills for the good (quantity x
unit price) or, without an invoice line, one unit at its transaction value (else net cost,
else total cost).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from roo_check.engine.evaluate import GoodTask, evaluate_good, facts_of, good_tasks
from roo_check.engine.evidence import backed_by, check_claims, lapses_on, without_each
from roo_check.errors import RooCheckError
from roo_check.hs.codes import dotted
from roo_check.models.declarations import (
    ClaimCheck,
    ClaimStatus,
    Declaration,
    Register,
    combined,
    declaration_key,
)
from roo_check.models.findings import Determination, Status
from roo_check.models.goods import BomLine
from roo_check.models.report_view import (
    ClaimRef,
    DeclarationUse,
    DependentGood,
    Standing,
    SuppliersReport,
)
from roo_check.models.shipment import ShipmentFile
from roo_check.rulebook.index import Rulebook


@dataclass
class _Found:
    """What the goods of the inputs say about each declaration, by its key."""

    declarations: dict[str, Declaration] = field(default_factory=dict)
    claims: dict[str, list[ClaimRef]] = field(default_factory=dict)
    dependent: dict[str, list[DependentGood]] = field(default_factory=dict)
    unbacked: list[ClaimRef] = field(default_factory=list)


def suppliers_report(
    paths: list[Path], rulebook: Rulebook, on: dt.date, within_days: int
) -> tuple[SuppliersReport, list[RooCheckError]]:
    """The report over every input that loads; the others' errors are returned beside it."""
    from roo_check.loaders import load_each

    found = _Found()
    if rulebook.register is not None:
        _add_register(found, rulebook.register)
    errors: list[RooCheckError] = []
    for shipment in load_each(paths, errors):
        _read_shipment(found, shipment, rulebook, on)
    return _report(found, on, within_days), errors


def _add_register(found: _Found, register: Register) -> None:
    for declaration in register.declarations:
        found.declarations.setdefault(declaration_key(declaration.declaration_id), declaration)


def _read_shipment(found: _Found, shipment: ShipmentFile, rulebook: Rulebook, on: dt.date) -> None:
    if shipment.declarations is not None:
        _add_register(found, shipment.declarations)
    register = combined(shipment.declarations, rulebook.register)
    facts = facts_of(shipment)
    for task in good_tasks(shipment, None, on):
        if task.good.gri3_set:
            continue

        def decide(lines: list[BomLine], task: GoodTask = task) -> Determination:
            return evaluate_good(task.good, lines, rulebook, task.on, facts=facts)

        claims = check_claims(task.good, task.materials, register, task.on)
        _read_good(found, shipment, task, claims, decide)


Decide = Callable[[list[BomLine]], Determination]


def _read_good(
    found: _Found,
    shipment: ShipmentFile,
    task: GoodTask,
    claims: list[ClaimCheck],
    decide: Decide,
) -> None:
    name, good = shipment.name, task.good.part_number
    for claim in claims:
        if claim.declaration is None and claim.status is not ClaimStatus.unverified:
            found.unbacked.append(_ref(name, good, claim))
    backed = backed_by(claims)
    for key, parts in backed.items():
        refs = [_ref(name, good, c) for c in claims if c.part_number in parts]
        found.claims.setdefault(key, []).extend(refs)
    if not backed:
        return
    as_claimed = decide(task.materials)
    if as_claimed.status is not Status.originating:
        return
    for key, without in without_each(task.materials, claims, decide).items():
        if without.status is not Status.originating:
            found.dependent.setdefault(key, []).append(_dependent(shipment, task, without))


def _ref(shipment: str, good: str, claim: ClaimCheck) -> ClaimRef:
    return ClaimRef(
        shipment=shipment,
        good=good,
        material=claim.part_number,
        row=claim.row,
        supplier=claim.supplier,
        evidence=claim.evidence,
        status=claim.status,
        issues=[issue.message for issue in claim.issues],
    )


def _dependent(shipment: ShipmentFile, task: GoodTask, without: Determination) -> DependentGood:
    value, currency, basis = _value(shipment, task)
    return DependentGood(
        shipment=shipment.name,
        good=task.good.part_number,
        description=task.good.description,
        status_without=without.status,
        message_without=without.message,
        value=value,
        currency=currency,
        basis=basis,
    )


def _value(shipment: ShipmentFile, task: GoodTask) -> tuple[Decimal, str, str]:
    """What the invoice bills for the good, or one unit at the good's own value."""
    good = task.good
    invoice = shipment.shipment.invoice if shipment.shipment else None
    lines = invoice.lines if invoice else []
    billed = [line for line in lines if line.good_part_number == good.part_number]
    if invoice is not None and billed:
        total = sum((line.quantity * line.unit_price for line in billed), Decimal(0))
        quantity = sum((line.quantity for line in billed), Decimal(0))
        basis = f"invoice {invoice.number}: {quantity} units"
        return total, billed[0].currency, basis
    for basis in ("transaction_value", "net_cost", "total_cost"):
        amount = getattr(good, basis)
        if amount is not None:
            return amount, good.currency, f"one unit at its {basis.replace('_', ' ')}"
    return Decimal(0), good.currency, "no value given"


# ---------------------------------------------------------------------------------- report


def valid_until(declaration: Declaration) -> dt.date:
    """The last day it backs a claim: its blanket period's end, and at most four years after
    it was signed (Art. 5.2)."""
    lapse = lapses_on(declaration)
    end = declaration.period_end
    return min(end, lapse) if end is not None else lapse


def standing(declaration: Declaration, on: dt.date, within_days: int) -> Standing:
    until = valid_until(declaration)
    if until < on:
        return Standing.expired
    if declaration.period_start is not None and declaration.period_start > on:
        return Standing.not_yet
    if (until - on).days <= within_days:
        return Standing.expiring
    return Standing.in_force


def _use(key: str, found: _Found, on: dt.date, within_days: int) -> DeclarationUse:
    d = found.declarations[key]
    dependent = sorted(found.dependent.get(key, []), key=lambda g: (g.shipment, g.good))
    stake: dict[str, Decimal] = {}
    for good in dependent:
        stake[good.currency] = stake.get(good.currency, Decimal(0)) + good.value
    until = valid_until(d)
    return DeclarationUse(
        declaration_id=d.declaration_id,
        supplier=d.supplier,
        certifier=d.certifier,
        scope=d.scope.value,
        period_start=d.period_start,
        period_end=d.period_end,
        signed_on=d.signed_on,
        valid_until=until,
        standing=standing(d, on, within_days),
        days_left=(until - on).days,
        source=d.where,
        covers=[*d.part_numbers, *(dotted(code) for code in d.hs_codes)],
        claims=sorted(found.claims.get(key, []), key=lambda c: (c.shipment, c.good, c.material)),
        dependent=dependent,
        value_at_stake=dict(sorted(stake.items())),
    )


def consequence(use: DeclarationUse) -> tuple[Decimal, int, dt.date, str]:
    """Sort key, most consequential first: value at stake (summed over currencies), goods
    depending on it, the earlier expiry, then the id."""
    value = sum(use.value_at_stake.values(), Decimal(0))
    return (-value, -len(use.dependent), use.valid_until, use.declaration_id)


def _report(found: _Found, on: dt.date, within_days: int) -> SuppliersReport:
    uses = [_use(key, found, on, within_days) for key in sorted(found.declarations)]
    due = [u for u in uses if u.standing in (Standing.expired, Standing.expiring)]
    return SuppliersReport(
        on=on,
        within_days=within_days,
        declarations=sorted(uses, key=lambda u: u.declaration_id),
        renewals=[u.declaration_id for u in sorted(due, key=consequence)],
        unbacked=sorted(found.unbacked, key=lambda c: (c.shipment, c.good, c.material)),
    )
