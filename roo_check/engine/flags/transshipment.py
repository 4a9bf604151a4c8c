"""Transit and transshipment flags (USMCA Art. 4.18): what happened to the goods in a non-Party.

A *stop in a non-Party* is a routing leg whose arrival country is not a USMCA Party: the goods
were unloaded there, or at least arrived there, before going on to the importing Party. The
routing describes the whole consignment, so these flags are shipment-wide (no good part
number): one finding per stop, not one per good.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from roo_check.engine.conditions import classify_operation
from roo_check.engine.flags.context import ShipmentContext, flag
from roo_check.engine.process import step_words
from roo_check.models.findings import Evidence, Finding
from roo_check.models.shipment import RoutingLeg
from roo_check.rulebook.flag_params import DwellParams, NoParams, OperationsParams
from roo_check.rulebook.schema import FlagRule

_SPACES = re.compile(r"\s+")


def leg_location(index: int, leg: RoutingLeg) -> str:
    """How evidence names a leg: ``routing[0] Manzanillo (MX) -> Colon (PA)``."""
    return (
        f"routing[{index}] {leg.from_place} ({leg.from_country}) -> "
        f"{leg.to_place} ({leg.to_country})"
    )


def non_party_stops(ctx: ShipmentContext) -> Iterator[tuple[int, RoutingLeg]]:
    """The legs that end in a country that is not a USMCA Party, with their index."""
    if ctx.shipment.shipment is None:
        return
    for index, leg in enumerate(ctx.shipment.shipment.routing):
        if leg.to_country not in ctx.parties:
            yield index, leg


def _stop(leg: RoutingLeg) -> str:
    return f"{leg.to_place} ({leg.to_country})"


def check_customs_control(rule: FlagRule, params: NoParams, ctx: ShipmentContext) -> list[Finding]:
    """TRANS001: a stop in a non-Party without customs control, or with no record of it."""
    findings = []
    for index, leg in non_party_stops(ctx):
        if leg.under_customs_control:
            continue
        if leg.under_customs_control is False:
            stated = "false"
            message = (
                f"The goods left customs control in {_stop(leg)}, a non-Party, "
                "which under Art. 4.18(b) ends their originating status."
            )
            note = "the routing states the goods were not under customs control here"
        else:
            stated = "not given"
            message = (
                f"The goods stopped in {_stop(leg)}, a non-Party, and no record of customs "
                "control there is given, which 19 CFR 182.15 requires the importer to keep."
            )
            note = "no statement of customs control for this stop"
        findings.append(
            flag(
                rule,
                good=None,
                subject=f"stop at {_stop(leg)}",
                message=message,
                figures={"country": leg.to_country, "under_customs_control": stated},
                evidence=[
                    Evidence(
                        source=ctx.shipment_file,
                        location=leg_location(index, leg),
                        field="under_customs_control",
                        value=stated,
                        note=note,
                    )
                ],
            )
        )
    return findings


def _is_permitted(operation: str, permitted: set[str]) -> bool:
    return operation in permitted or operation.replace(" ", "") in {
        p.replace(" ", "") for p in permitted
    }


def _offending(
    leg: RoutingLeg, params: OperationsParams, ctx: ShipmentContext
) -> list[tuple[int, str, str]]:
    """(position, operation, why) of each operation at a stop that Art. 4.18(a) does not
    plainly allow: by the rule set's vocabulary (the one that decides origin), or by the
    company's own ``permitted`` list when configured."""
    found = []
    for position, operation in enumerate(leg.operations):
        if not operation.strip():
            continue
        if ctx.transit is None and params.permitted is None:
            return []  # no vocabulary to judge by: the rule set always gives one
        if params.permitted is not None or ctx.transit is None:
            permitted = {step_words(p) for p in params.permitted or ()}
            if not _is_permitted(step_words(operation), permitted):
                found.append((position, operation, "not an operation Art. 4.18(a) permits"))
            continue
        kind, _ = classify_operation(operation, ctx.transit)
        if kind == "not-permitted":
            found.append((position, operation, "not an operation Art. 4.18(a) permits"))
        elif kind != "permitted":
            found.append((position, operation, "not shown to be one Art. 4.18(a) permits"))
    return found


def check_operations(
    rule: FlagRule, params: OperationsParams, ctx: ShipmentContext
) -> list[Finding]:
    """TRANS002: operations at a non-Party stop that Art. 4.18(a) does not allow."""
    findings = []
    for index, leg in non_party_stops(ctx):
        offending = _offending(leg, params, ctx)
        if not offending:
            continue
        names = ", ".join(f"'{operation.strip()}'" for _, operation, _ in offending)
        labelling = any(
            word in step_words(operation)
            for _, operation, _ in offending
            for word in ("label", "mark")
        )
        message = (
            f"{names} at {_stop(leg)} went beyond the operations Art. 4.18(a) allows in a non-Party"
        )
        if labelling:
            message += (
                ", where labelling or marking is allowed only when required by the importing Party"
            )
        findings.append(
            flag(
                rule,
                good=None,
                subject=f"operations at {_stop(leg)}",
                message=message + ".",
                figures={
                    "country": leg.to_country,
                    "operations": "; ".join(operation.strip() for _, operation, _ in offending),
                },
                evidence=[
                    Evidence(
                        source=ctx.shipment_file,
                        location=leg_location(index, leg),
                        field=f"operations[{position}]",
                        value=operation,
                        note=why + " in a non-Party",
                    )
                    for position, operation, why in offending
                ],
            )
        )
    return findings


def check_third_country_invoice(
    rule: FlagRule, params: NoParams, ctx: ShipmentContext
) -> list[Finding]:
    """TRANS003: the commercial invoice was issued in a country that is not a Party."""
    shipment = ctx.shipment.shipment
    if shipment is None or shipment.invoice is None:
        return []
    invoice = shipment.invoice
    country = invoice.issuer.country
    if country is None or country in ctx.parties:
        return []
    return [
        flag(
            rule,
            good=None,
            subject=f"invoice {invoice.number}",
            message=(
                f"Invoice {invoice.number} was issued by {invoice.issuer.name} in {country}, "
                "a non-Party, so the certification of origin may not be made on it."
            ),
            figures={"issuer_country": country},
            evidence=[
                Evidence(
                    source=ctx.shipment_file,
                    location="invoice.issuer",
                    field="country",
                    value=country,
                    note="issuer of the commercial invoice",
                    supplier=invoice.issuer.name,
                )
            ],
        )
    ]


def check_dwell(rule: FlagRule, params: DwellParams, ctx: ShipmentContext) -> list[Finding]:
    """TRANS004: days between arriving at a non-Party stop and leaving it, over the limit."""
    shipment = ctx.shipment.shipment
    if shipment is None:
        return []
    findings = []
    for index, leg in non_party_stops(ctx):
        if index + 1 >= len(shipment.routing):
            continue
        onward = shipment.routing[index + 1]
        if leg.arrival is None or onward.departure is None:
            continue
        days = (onward.departure - leg.arrival).days
        if days <= params.max_days:
            continue
        findings.append(
            flag(
                rule,
                good=None,
                subject=f"stop at {_stop(leg)}",
                message=(
                    f"The goods waited {days} days in {_stop(leg)}, a non-Party, "
                    f"longer than the {params.max_days}-day screening limit."
                ),
                figures={
                    "arrival": leg.arrival.isoformat(),
                    "departure": onward.departure.isoformat(),
                    "dwell_days": str(days),
                },
                threshold=f"{params.max_days} days",
                evidence=[
                    Evidence(
                        source=ctx.shipment_file,
                        location=leg_location(index, leg),
                        field="arrival",
                        value=leg.arrival.isoformat(),
                        note="arrival in the non-Party",
                    ),
                    Evidence(
                        source=ctx.shipment_file,
                        location=leg_location(index + 1, onward),
                        field="departure",
                        value=onward.departure.isoformat(),
                        note="departure onward",
                    ),
                ],
            )
        )
    return findings


CHECKS: dict[str, Callable] = {
    "transshipment_customs_control": check_customs_control,
    "transshipment_operations": check_operations,
    "transshipment_third_country_invoice": check_third_country_invoice,
    "transshipment_dwell": check_dwell,
}
