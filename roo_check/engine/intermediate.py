"""Intermediate materials (Art. 4.8): a sub-assembly the producer designates is decided as a
good of its own, under its own rule, before the good it goes into.

A self-produced material has no transaction value, so its RVC is computed under the net cost
method, from the net cost its BOM line states; its value is its total cost (SOR/2020-155
s. 8(8)), the value its line states. If it qualifies it counts as an originating material of
the good (its non-originating inputs leave VNM, SOR s. 7(4)(b)); if not, the designation
falls and the caller looks through it to its inputs (SOR s. 8(7)(a), 8(10)).

Only one layer of designations subject to a regional value content may be made (19 U.S.C.
4531(d)(9)(B); SOR s. 8(6), Example 5): two designated sub-assemblies, one inside the other,
that both qualify only through an RVC are an input error naming both lines.
"""

from __future__ import annotations

from decimal import Decimal

from roo_check.engine.facts import Facts
from roo_check.errors import InputError
from roo_check.models.findings import Determination, IntermediateResult, Status
from roo_check.models.goods import BomLine, Good
from roo_check.models.stages import Criterion
from roo_check.money import display_money


def as_good(line: BomLine, good: Good) -> Good:
    """The sub-assembly as a good of the same producer, plant, date and vehicle use."""
    code = line.hs_code
    return Good.model_construct(
        part_number=line.part_number,
        description=line.description,
        hs_edition=line.hs_edition,
        hs_code=code[:6],
        tariff_item=code if len(code) >= 8 else None,
        product_kind=line.product_kind,
        end_use=good.end_use,
        producer=good.producer,
        country_of_production=good.country_of_production,
        currency=good.currency,
        transaction_value=None,
        net_cost=line.net_cost,
        total_cost=line.value,
        production_date=good.production_date,
        shipment_date=good.shipment_date,
        wholly_obtained_basis=None,
        weight_kg=line.weight_kg,
        production_steps=line.production_steps,
        imported_unassembled=False,
        gri3_set=False,
        sales_promotion_costs=None,
        royalties=None,
        shipping_packing_costs=None,
        non_allowable_interest=None,
    )


def relies_on_rvc(d: Determination) -> bool:
    """Whether the good qualified only through a regional value content requirement."""
    if d.criterion is Criterion.D:
        return True
    if d.criterion is not Criterion.B:
        return False
    passing = [a for a in d.alternatives if a.passed]
    return bool(passing) and all(a.rvc for a in passing)


def decide_intermediate(
    line: BomLine, good: Good, inputs: list[BomLine], facts: Facts, decide
) -> IntermediateResult:
    where = f" (row {line.row})" if line.row else ""
    if len(line.hs_code) < 6:
        raise InputError(
            f"intermediate material {line.part_number} is classified only to "
            f"{len(line.hs_code)} digits: give its 6-digit HS subheading to decide it under "
            "its own rule",
            location=f"row {line.row}" if line.row else None,
            field="hs_code",
        )
    determination = decide(as_good(line, good), inputs, facts.inside())
    _check_one_layer(line, determination)
    qualifies = determination.status is Status.originating
    removed = determination.figures.vnm if qualifies else Decimal(0)
    if qualifies:
        reason = (
            f"designated intermediate material{where}, originating under criterion "
            f"{determination.criterion}: an originating material of the good; its "
            f"non-originating inputs ({display_money(removed)}) leave VNM (Art. 4.8; "
            "SOR/2020-155 s. 7(4)(b))"
        )
    elif determination.status is Status.cannot_decide:
        needed = "; ".join(str(m) for m in determination.missing) or "see its decision"
        reason = (
            f"designated intermediate material{where}, undecided under its own rule ({needed}): "
            "looked through if it does not qualify, originating if it does; the good is decided "
            "both ways"
        )
    else:
        reason = (
            f"designated intermediate material{where}, but it is {determination.status.value}"
            ": the designation falls and its inputs are counted instead (SOR/2020-155 s. "
            "8(7)(a), 8(10))"
        )
    return IntermediateResult(
        part_number=line.part_number,
        row=line.row,
        determination=determination,
        counted_as_originating=qualifies,
        vnm_removed=removed,
        reason=reason,
    )


def _check_one_layer(line: BomLine, outer: Determination) -> None:
    if outer.status is not Status.originating or not relies_on_rvc(outer):
        return
    inner = [
        i
        for i in (outer.materials.intermediates if outer.materials else [])
        if i.counted_as_originating and relies_on_rvc(i.determination)
    ]
    if inner:
        outer_at = f" (row {line.row})" if line.row else ""
        inner_at = f" (row {inner[0].row})" if inner[0].row else ""
        raise InputError(
            f"intermediate materials {line.part_number}{outer_at} and {inner[0].part_number}"
            f"{inner_at} are both designated and both qualify only through a "
            "regional value content, but one is used in the other: only one may be designated "
            "(19 U.S.C. 4531(d)(9)(B); SOR/2020-155 s. 8(6), Example 5)",
            location=f"row {inner[0].row}" if inner[0].row else None,
            field="intermediate",
        )
