"""Stage 1: a good's materials as Chapter 4 counts them (Art. 4.5-4.16).

A BOM lists what went into a good; the law counts it in its own way before any rule is
applied. Packing for shipment is disregarded (Art. 4.16); indirect materials are originating
wherever made (Art. 4.9); accessories and retail packaging stay out of the tariff shift but
count in the RVC (Art. 4.14, 4.15); a sub-assembly the producer made is looked through to
its inputs unless it is designated an intermediate material and qualifies (Art. 4.8); a
material bought from a producer in a Party may carry the value that producer added, or be
traced through its BOM (Art. 4.11); a material drawn from mixed stock is split by the stated
inventory method (Art. 4.13); and a non-originating material's value may be reduced by the
costs Art. 4.7 allows. The result says, for each line, whether it faces the tariff shift and
what it adds to VNM, with the arithmetic and the article.

Where a datum the law needs is not stated (an accessory's conditions, a fungible material's
share), the materials are counted the strict way and ``open`` says so: the caller counts
them again with ``favourable=True``, decides the good both ways and, if the answers differ,
says it cannot decide, naming the datum.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from roo_check.engine.facts import Facts
from roo_check.engine.fungible import fungible_share
from roo_check.engine.value import adjusted_value, scaled
from roo_check.hs.codes import dotted
from roo_check.models.accumulation import SupplierBom
from roo_check.models.findings import (
    Determination,
    IntermediateResult,
    MaterialsResult,
    Status,
)
from roo_check.models.goods import BomLine, Good, MaterialType, OriginStatus
from roo_check.models.stages import (
    Adjustment,
    FungibleResult,
    MaterialTreatment,
    MissingDatum,
)
from roo_check.rulebook.chapter4_schema import Chapter4File

Decide = Callable[[Good, list[BomLine], Facts], Determination]
"""Decides a good (here: a designated sub-assembly) with the whole engine."""

ZERO = Decimal(0)
_PLAIN = "counted as declared"


@dataclass
class Tally:
    """The materials as counted so far; ``open`` lines depend on a datum not given."""

    lines: list[BomLine] = field(default_factory=list)
    shift: list[BomLine] = field(default_factory=list)
    open: bool = False
    non_originating: list[BomLine] = field(default_factory=list)
    vnm: Decimal = ZERO
    treatments: list[tuple] = field(default_factory=list)
    """What each line's ``MaterialTreatment`` is built from, when the stage is shown."""
    fungibles: list[FungibleResult] = field(default_factory=list)
    intermediates: list[IntermediateResult] = field(default_factory=list)
    missing: list[MissingDatum] = field(default_factory=list)
    notable: bool = False
    """Something here differs from the BOM as declared: the report shows this stage."""


@dataclass(frozen=True)
class Counted:
    """Stage 1's result: what the later stages work on."""

    lines: list[BomLine]
    """Materials of the good as counted (the figures, criterion C and headroom use them)."""
    shift: list[BomLine]
    """Non-originating materials that must undergo the tariff shift."""
    open: bool
    """Some line's treatment depends on a datum not given: count again favourably."""
    non_originating: list[BomLine]
    vnm: Decimal
    result: MaterialsResult | None
    missing: list[MissingDatum]
    declared: list[BomLine] = field(default_factory=list)
    """The top-level BOM lines as declared (the goods in a set are these)."""


@dataclass
class _Context:
    good: Good
    articles: Chapter4File
    parties: frozenset[str]
    on: dt.date
    facts: Facts
    decide: Decide
    children: dict[str, list[BomLine]]
    tally: Tally
    favourable: bool


def count_materials(
    good: Good,
    materials: list[BomLine],
    articles: Chapter4File,
    parties: frozenset[str],
    on: dt.date,
    facts: Facts,
    decide: Decide,
    favourable: bool = False,
) -> Counted:
    """Count the good's BOM. ``favourable`` settles every open question in the good's
    favour (accessory conditions met, fungible stock originating): the other bound."""
    children: dict[str, list[BomLine]] = {}
    for line in materials:
        if line.parent_part_number:
            children.setdefault(line.parent_part_number, []).append(line)
    ctx = _Context(good, articles, parties, on, facts, decide, children, Tally(), favourable)
    for line in materials:
        if not line.parent_part_number:
            count_line(line, ctx)
    t = ctx.tally
    result = None
    if t.notable:
        result = MaterialsResult(
            lines=[_treatment(*recorded) for recorded in t.treatments],
            vnm=t.vnm,
            fungibles=t.fungibles,
            intermediates=t.intermediates,
            missing=t.missing,
        )
    top = [line for line in materials if not line.parent_part_number]
    return Counted(t.lines, t.shift, t.open, t.non_originating, t.vnm, result, t.missing, top)


def count_line(line: BomLine, ctx: _Context, source: str | None = None) -> None:
    """Count one BOM line (and, for a sub-assembly or a traced material, its inputs)."""
    if _outside_the_good(line, ctx, source):
        return
    if line.material_type is MaterialType.direct and ctx.children.get(line.part_number):
        _sub_assembly(line, ctx)
    elif (bom := ctx.facts.supplier_bom(ctx.good.part_number, line.part_number)) is not None:
        _traced(line, bom, ctx)
    else:
        mixed = line.origin_status is OriginStatus.fungible
        for part in _stock_parts(line, ctx):
            _by_type(part, ctx, source, mixed)


def _outside_the_good(line: BomLine, ctx: _Context, source: str | None) -> bool:
    """Packing for shipment (Art. 4.16) and indirect materials (Art. 4.9): not materials of
    the good as the tariff shift and VNM count them."""
    if line.material_type is MaterialType.shipping_packing:
        article = ctx.articles.shipping_packing
        status, reason = "disregarded", "packing for shipment: disregarded in deciding origin"
    elif line.material_type is MaterialType.indirect:
        article = ctx.articles.indirect
        status, reason = "originating", "indirect material: originating wherever produced"
    else:
        return False
    _record(ctx, line, status, False, ZERO, article.citation, reason, source)
    ctx.tally.notable = True
    return True


# ------------------------------------------------------------------------ recording


def _record(
    ctx: _Context,
    line: BomLine,
    status: str,
    in_shift: bool | None,
    vnm: Decimal,
    citation: str,
    reason: str,
    source: str | None = None,
    adjustments: list[Adjustment] | None = None,
) -> None:
    """Keep what the report needs of a line; the typed record is built only when the stage
    is shown (``Tally.notable``): a plain BOM of a thousand lines pays nothing for it."""
    ctx.tally.treatments.append(
        (line, status, in_shift, vnm, citation, reason, source, adjustments or [])
    )


def _treatment(
    line: BomLine,
    status: str,
    in_shift: bool | None,
    vnm: Decimal,
    citation: str,
    reason: str,
    source: str | None,
    adjustments: list[Adjustment],
) -> MaterialTreatment:
    return MaterialTreatment(
        part_number=line.part_number,
        parent_part_number=line.parent_part_number,
        row=line.row,
        description=line.description,
        hs_code=dotted(line.hs_code),
        material_type=line.material_type.value,
        declared_status=line.origin_status.value,
        value=line.value,
        counted_status=status,
        in_shift=in_shift,
        vnm_value=vnm,
        citation=citation,
        reason=reason,
        adjustments=adjustments,
        source=source,
    )


def _material(
    line: BomLine,
    ctx: _Context,
    in_shift: bool | None,
    citation: str,
    reason: str,
    source: str | None,
) -> None:
    """A material counted at its own status: in VNM if non-originating, in the tariff shift
    if ``in_shift`` (None: in the worst case only)."""
    t = ctx.tally
    if line.counts_as_originating:
        t.lines.append(line)
        _record(ctx, line, "originating", False, ZERO, citation, reason, source)
        return
    counted, vnm, adjustments = adjusted_value(line, ctx.articles)
    effective = scaled(line, Decimal(1), value=counted) if counted != line.value else line
    t.lines.append(effective)
    t.non_originating.append(effective)
    t.vnm += vnm
    if in_shift or (in_shift is None and not ctx.favourable):
        t.shift.append(effective)
    if adjustments:
        t.notable = True
    _record(ctx, line, "non-originating", in_shift, vnm, citation, reason, source, adjustments)


# ----------------------------------------------------------------- material types


def _by_type(line: BomLine, ctx: _Context, source: str | None, mixed: bool = False) -> None:
    """``mixed``: the line is one share of a fungible material (its status from the stock)."""
    kind = line.material_type
    if kind is MaterialType.accessory:
        _accessory(line, ctx, source)
    elif kind is MaterialType.retail_packaging:
        _retail_packaging(line, ctx, source)
    elif mixed:
        _material(line, ctx, True, ctx.articles.fungible.citation, _share_reason(line, ctx), source)
    else:
        _material(line, ctx, True, "USMCA Art. 4.2; 19 U.S.C. 4531(c)", _PLAIN, source)


def _share_reason(line: BomLine, ctx: _Context) -> str:
    inventory = ctx.facts.inventory
    if inventory is None or line.origin_status is OriginStatus.unknown:
        return (
            f"fungible stock whose share is not decided: counted as {line.origin_status.value} "
            "on this bound"
        )
    return (
        f"the {line.origin_status.value} share of stock mixed in inventory, by the "
        f"{inventory.method.value} method (Art. 4.13)"
    )


def _accessory(line: BomLine, ctx: _Context, source: str | None) -> None:
    ctx.tally.notable = True
    article = ctx.articles.accessories
    conditions = {
        "classified_with_good": line.classified_with_good,
        "invoiced_separately": None
        if line.invoiced_separately is None
        else not line.invoiced_separately,
        "customary": line.customary,
    }
    failed = [name for name, ok in conditions.items() if ok is False]
    unstated = [name for name, ok in conditions.items() if ok is None]
    if failed:
        reason = (
            f"accessory, but Art. 4.14(2) is not met ({', '.join(failed)}): counted as an "
            "ordinary material of the good"
        )
        _material(line, ctx, True, article.citation, reason, source)
        return
    if unstated:
        for name in unstated:
            ctx.tally.missing.append(
                MissingDatum(
                    field=name,
                    subject=f"accessory {line.part_number}" + _row(line),
                    why="whether Art. 4.14 takes it out of the tariff shift",
                )
            )
        reason = (
            f"accessory: Art. 4.14(2) conditions not stated ({', '.join(unstated)}): "
            "out of the tariff shift only if they hold; counted in the RVC"
        )
        ctx.tally.open = True
        _material(line, ctx, None, article.citation, reason, source)
        return
    reason = (
        "accessory, spare part, tool or instructions delivered with the good: disregarded in "
        "the tariff shift, counted in the RVC as it is (Art. 4.14)"
    )
    _material(line, ctx, False, article.citation, reason, source)


def _retail_packaging(line: BomLine, ctx: _Context, source: str | None) -> None:
    ctx.tally.notable = True
    article = ctx.articles.retail_packaging
    if line.classified_with_good is False:
        reason = "retail packaging not classified with the good: counted as an ordinary material"
        _material(line, ctx, True, article.citation, reason, source)
        return
    reason = (
        "packaging for retail sale, classified with the good: disregarded in the tariff shift, "
        "counted in the RVC as it is (Art. 4.15)"
    )
    _material(line, ctx, False, article.citation, reason, source)


# ------------------------------------------------------------------ sub-assemblies


def _sub_assembly(line: BomLine, ctx: _Context) -> None:
    """A sub-assembly the producer made: looked through, unless designated and qualifying."""
    ctx.tally.notable = True
    if line.intermediate:
        from roo_check.engine.intermediate import decide_intermediate

        result = decide_intermediate(line, ctx.good, _subtree(line, ctx), ctx.facts, ctx.decide)
        ctx.tally.intermediates.append(result)
        if _undecided(result, ctx) and ctx.favourable:
            result = result.model_copy(update={"counted_as_originating": True})
        if result.counted_as_originating:
            ctx.tally.lines.append(line)
            _record(
                ctx,
                line,
                "originating",
                False,
                ZERO,
                ctx.articles.intermediate.citation,
                result.reason,
            )
            return
        _look_through(line, ctx, result.reason)
        return
    _look_through(
        line,
        ctx,
        "sub-assembly made by the producer, not designated an intermediate material: its "
        "inputs are counted instead (SOR/2020-155 s. 7(5)(a))",
    )


def _undecided(result: IntermediateResult, ctx: _Context) -> bool:
    """An intermediate material whose own decision is open leaves the good's open too: its
    data are the good's missing data, and the good is counted both ways."""
    if result.determination.status is not Status.cannot_decide:
        return False
    ctx.tally.open = True
    subject = f"intermediate material {result.part_number}" + (
        f" (row {result.row})" if result.row else ""
    )
    ctx.tally.missing.extend(
        m.model_copy(update={"subject": subject}) if m.subject.startswith("good ") else m
        for m in result.determination.missing
    )
    return True


def _look_through(line: BomLine, ctx: _Context, reason: str) -> None:
    _record(ctx, line, "look-through", False, ZERO, ctx.articles.intermediate.citation, reason)
    for child in ctx.children[line.part_number]:
        count_line(child, ctx)


def _subtree(line: BomLine, ctx: _Context) -> list[BomLine]:
    """The lines below a sub-assembly, its direct inputs made top-level lines of their own."""
    found: list[BomLine] = []
    stack = [(line.part_number, True)]
    while stack:
        parent, top = stack.pop()
        for child in ctx.children.get(parent, []):
            found.append(child.model_copy(update={"parent_part_number": None}) if top else child)
            stack.append((child.part_number, False))
    return found


# -------------------------------------------------------------------- accumulation


def _traced(line: BomLine, bom: SupplierBom, ctx: _Context) -> None:
    """A purchased material traced through its supplier's BOM (Art. 4.11)."""
    ctx.tally.notable = True
    article = ctx.articles.accumulation
    where = f"supplier BOM {bom.source} ({bom.supplier}; statement {bom.evidence})"
    if bom.country_of_production not in ctx.parties:
        reason = (
            f"its supplier's BOM ({bom.source}) is not applied: produced in "
            f"{bom.country_of_production}, outside the Parties (Art. 4.11 counts production "
            "in the Parties only)"
        )
        for part in _stock_parts(line, ctx):
            _material(part, ctx, True, article.citation, reason, None)
        return
    reason = (
        f"bought from {bom.supplier}, produced in {bom.country_of_production}: traced through "
        f"its supplier's BOM; the supplier's inputs are counted instead (Art. 4.11(3))"
    )
    _record(ctx, line, "traced", False, ZERO, article.citation, reason, where)
    for supplied in bom.lines:
        effective = scaled(supplied, line.quantity).model_copy(
            update={"good_part_number": ctx.good.part_number, "parent_part_number": None}
        )
        if not _outside_the_good(effective, ctx, where):
            for part in _stock_parts(effective, ctx):
                _by_type(part, ctx, where)


# ------------------------------------------------------------------ fungible stock


def _stock_parts(line: BomLine, ctx: _Context) -> list[BomLine]:
    """A material as counted: a fungible one split into its originating and non-originating
    units by the stated inventory method (Art. 4.13); any other line as it is."""
    if line.origin_status is not OriginStatus.fungible:
        return [line]
    ctx.tally.notable = True
    inventory = ctx.facts.inventory
    if inventory is None:
        ctx.tally.missing.append(
            MissingDatum(
                field="inventory.csv",
                subject=f"material {line.part_number}" + _row(line),
                why="the stock records that give the originating share (Art. 4.13)",
            )
        )
        return [_open_fungible(line, ctx)]
    result = fungible_share(inventory, line, ctx.good, ctx.on)
    ctx.tally.fungibles.append(result)
    if not result.passed:
        ctx.tally.missing.extend(result.missing)
        return [_open_fungible(line, ctx)]
    return _split(line, result)


def _open_fungible(line: BomLine, ctx: _Context) -> BomLine:
    """Share unknown: all non-originating the strict way, all originating the favourable way."""
    ctx.tally.open = True
    status = OriginStatus.originating if ctx.favourable else OriginStatus.unknown
    return line.model_copy(update={"origin_status": status})


def _split(line: BomLine, result: FungibleResult) -> list[BomLine]:
    assert result.originating_quantity is not None and result.non_originating_quantity is not None
    assert result.originating_value is not None and result.non_originating_value is not None
    per_unit = line.quantity / result.quantity
    parts = []
    shares = (
        (OriginStatus.originating, result.originating_quantity, result.originating_value),
        (
            OriginStatus.non_originating,
            result.non_originating_quantity,
            result.non_originating_value,
        ),
    )
    for status, quantity, value in shares:
        if quantity > 0:
            parts.append(
                line.model_copy(
                    update={
                        "origin_status": status,
                        "quantity": quantity * per_unit,
                        "unit_value": None,
                        "extended_value": value * per_unit,
                    }
                )
            )
    return parts


def _row(line: BomLine) -> str:
    return f" (row {line.row})" if line.row else ""


__all__ = ["Counted", "Decide", "Tally", "count_materials"]
