"""The pure core: a shipment file, the rulebook and an evaluation date in, findings out.

A good is decided in stages, each a function with typed input and output, in the order the
law applies them and the report shows them:

1. the materials as Chapter 4 counts them (``engine.materials``: Art. 4.5-4.16);
2. the product-specific rule with de minimis (``engine.alternatives``), or, for a GRI 3 set,
   Art. 4.17 in its place (``engine.sets``);
3. criteria A-D (``engine.criteria``) and the verdict;
4. the Chapter 4 conditions that can still take origin away: transit (Art. 4.18) and
   non-qualifying operations (Art. 4.19) (``engine.conditions``);
5. the automotive overlay (``engine.automotive``).

Where stage 1 leaves a datum open, stages 2-3 run on both bounds of it and a disagreement is
"cannot decide", naming the datum.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from roo_check.engine.automotive.assess import Prepared, conclude, prepare
from roo_check.engine.conditions import apply_conditions, chapter4_conditions
from roo_check.engine.criteria import criterion_a, criterion_c, criterion_d
from roo_check.engine.editions import in_hs2022
from roo_check.engine.evidence import check_claims, set_aside_claims
from roo_check.engine.facts import Facts
from roo_check.engine.findings import findings_for
from roo_check.engine.fix import fix_result
from roo_check.engine.flags import good_flags, shipment_wide_flags
from roo_check.engine.flags.context import GoodContext, GoodOutcome, ShipmentContext
from roo_check.engine.headroom import headroom
from roo_check.engine.materials import Counted, count_materials
from roo_check.engine.net_cost import with_net_cost
from roo_check.engine.provisions import provision_conditions, selection_code
from roo_check.engine.psr import Psr, psr_stage
from roo_check.engine.rvc import compute_rvc
from roo_check.engine.selection import Selection, select_rule
from roo_check.engine.sets import set_stage
from roo_check.engine.suppress import apply_suppressions
from roo_check.errors import InputError, RuleError
from roo_check.hs.codes import dotted
from roo_check.models.automotive import AutomotiveFile
from roo_check.models.automotive_result import AutomotiveResult
from roo_check.models.config import SuppressionRule
from roo_check.models.declarations import ClaimStatus, combined
from roo_check.models.findings import (
    ClaimedAnswer,
    CriterionResult,
    Determination,
    Evidence,
    Figures,
    Finding,
    InputRecord,
    MaterialsResult,
    RouteLeg,
    ShipmentResult,
    Status,
)
from roo_check.models.goods import BomLine, Good, OriginStatus
from roo_check.models.rendered import Spool, render
from roo_check.models.shipment import ShipmentFile
from roo_check.models.stages import Criterion, MissingDatum, NetCostResult
from roo_check.money import display_percent
from roo_check.rulebook.chapter4_schema import Chapter4File
from roo_check.rulebook.index import Rulebook

PREFERENCE = (Criterion.A, Criterion.C, Criterion.B, Criterion.D)


@dataclass(frozen=True)
class Verdict:
    """Stages 2-3: the rule (or set article), the criteria and the status they give."""

    status: Status
    criterion: Criterion | None
    criteria: list[CriterionResult]
    psr: Psr
    figures: Figures
    message: str
    missing: list[MissingDatum] = field(default_factory=list)


def _figures(good: Good, counted: Counted) -> Figures:
    lines = counted.lines
    return Figures(
        currency=good.currency,
        transaction_value=good.transaction_value,
        net_cost=good.net_cost,
        total_cost=good.total_cost,
        value_of_materials=sum((m.value for m in lines), Decimal(0)),
        vnm=counted.vnm,
        value_china=sum((m.value for m in lines if m.country_of_origin == "CN"), Decimal(0)),
        value_unknown_status=sum(
            (m.value for m in lines if m.origin_status is OriginStatus.unknown), Decimal(0)
        ),
        rvc_transaction_value=compute_rvc(good, counted.vnm, "transaction_value"),
        rvc_net_cost=compute_rvc(good, counted.vnm, "net_cost"),
    )


def evaluate_good(
    good: Good,
    materials: list[BomLine],
    rulebook: Rulebook,
    on: dt.date,
    producer: AutomotiveFile | None = None,
    facts: Facts | None = None,
) -> Determination:
    """Origin of one good on ``on``; ``facts`` hold what the other files of its shipment say
    (routing, suppliers' BOMs, stock records, the producer's Part 6 figures)."""
    facts = facts or Facts(producer=producer)
    articles = _articles(rulebook)
    good, materials, edition_notes = in_hs2022(good, materials)
    good, net_cost = with_net_cost(good, articles)
    if good.country_of_production not in rulebook.parties:
        return _produced_outside(good, on)

    def decide(sub: Good, lines: list[BomLine], inner: Facts) -> Determination:
        return evaluate_good(sub, lines, rulebook, on, facts=inner)

    def count(favourable: bool = False) -> Counted:
        return count_materials(
            good, materials, articles, rulebook.parties, on, facts, decide, favourable
        )

    counted = count()
    selection = _selection(good, rulebook, on)
    prep = _prepare(good, selection, rulebook, on, facts)
    context = _Context(rulebook, on, selection, prep, facts, edition_notes)
    verdict = _verdict(good, counted, context)
    if counted.open:
        verdict = _bounded(verdict, _verdict(good, count(True), context), counted.missing)
    conditions = chapter4_conditions(good, facts, articles, rulebook.parties, verdict.criterion)
    conditions += provision_conditions(
        good,
        counted.lines,
        rulebook,
        on,
        verdict.criterion,
        verdict.psr.rule_ref.id if verdict.psr.rule_ref else None,
        verdict.psr.alternatives,
    )
    status, message = apply_conditions(verdict.status, verdict.message, conditions)
    chosen = verdict.criterion if status is Status.originating else None
    automotive = None
    if prep is not None and rulebook.automotive is not None:
        automotive = _automotive(prep, good, counted, verdict, rulebook, on, facts)
        status, message = _with_part6(status, message, automotive)
        chosen = chosen if status is Status.originating else None
    # Data that would decide an open question; an answer already given needs none.
    missing = _missing(verdict, conditions, automotive) if status is Status.cannot_decide else []
    return Determination(
        **_identity(good, on),
        status=status,
        criterion=chosen,
        criteria=verdict.criteria,
        rule=verdict.psr.rule_ref,
        alternatives=verdict.psr.alternatives,
        figures=verdict.figures,
        missing=missing,
        message=message,
        headroom=headroom(verdict.psr.alternatives, counted.lines)
        if chosen is Criterion.B and verdict.psr.set_result is None
        else None,
        automotive=automotive,
        materials=_materials(counted, net_cost),
        set_result=verdict.psr.set_result,
        conditions=conditions,
    )


def _identity(good: Good, on: dt.date) -> dict[str, object]:
    """The fields that say which good a determination is about, and on what date."""
    return {
        "good_part_number": good.part_number,
        "description": good.description,
        "hs_code": dotted(good.hs_code),
        "tariff_item": dotted(good.tariff_item) if good.tariff_item else None,
        "evaluation_date": on,
    }


def _selection(good: Good, rulebook: Rulebook, on: dt.date) -> Selection:
    """The good's rule; a good the law decides under another good's rule (a television
    combination unit, chapter 85 rule 5) is matched as that good."""
    as_good, note = selection_code(good, rulebook, on)
    selection = select_rule(as_good, rulebook, on)
    if not note:
        return selection
    return replace(selection, note="; ".join(n for n in (note, selection.note) if n))


def _articles(rulebook: Rulebook) -> Chapter4File:
    if rulebook.chapter4 is None:
        raise RuleError("the rule set has no chapter_4_articles file", file=str(rulebook.root))
    return rulebook.chapter4


def _prepare(
    good: Good, selection: Selection, rulebook: Rulebook, on: dt.date, facts: Facts
) -> Prepared | None:
    if facts.depth:
        return None  # a sub-assembly decided inside its good: no Part 6 overlay of its own
    return prepare(good, selection.rule, rulebook.automotive, facts.producer, on)


@dataclass(frozen=True)
class _Context:
    """What stages 2-3 need besides the good and its counted materials."""

    rulebook: Rulebook
    on: dt.date
    selection: Selection
    prep: Prepared | None
    facts: Facts
    edition_notes: list[str]


def _produced_outside(good: Good, on: dt.date) -> Determination:
    reason = (
        f"produced in {good.country_of_production}, outside the territory of the USMCA "
        "Parties (Art. 4.2 requires production in the US, Mexico or Canada)"
    )
    criteria = [CriterionResult(criterion=c, met=False, reason=reason) for c in Criterion]
    return Determination(
        **_identity(good, on),
        status=Status.not_originating,
        criterion=None,
        criteria=criteria,
        rule=None,
        alternatives=[],
        figures=_figures(good, Counted([], [], False, [], Decimal(0), None, [])),
        missing=[],
        message=reason,
    )


# ------------------------------------------------------------------- stages 2 and 3


def _rule_stage(good: Good, counted: Counted, context: _Context) -> Psr:
    """Stage 2: the product-specific rule, or Art. 4.17 in its place for a GRI 3 set."""
    if good.gri3_set:
        return set_stage(good, counted, context.facts, _articles(context.rulebook))
    return psr_stage(
        good,
        counted,
        context.selection,
        context.rulebook,
        context.on,
        context.prep,
        context.edition_notes,
        net_cost_only=context.facts.depth > 0,
    )


def _criteria(
    good: Good, counted: Counted, psr: Psr, rulebook: Rulebook
) -> dict[Criterion, CriterionResult]:
    results = {
        # Accessories and retail packaging are disregarded for A too (Art. 4.14, 4.15).
        Criterion.A: criterion_a(good, counted.shift),
        Criterion.B: CriterionResult(criterion=Criterion.B, met=psr.met, reason=psr.reason),
        Criterion.C: criterion_c(counted.lines, counted.non_originating),
    }
    if psr.set_result is not None:
        results[Criterion.D] = CriterionResult(
            criterion=Criterion.D, met=False, reason="a set is decided under Art. 4.17"
        )
    else:
        results[Criterion.D], _ = criterion_d(
            rulebook.criteria.criterion_d, good, counted.non_originating, counted.vnm, psr.met
        )
    return results


def _verdict(good: Good, counted: Counted, context: _Context) -> Verdict:
    figures = _figures(good, counted)
    psr = _rule_stage(good, counted, context)
    results = _criteria(good, counted, psr, context.rulebook)
    criteria = [results[c] for c in Criterion]
    chosen = next((c for c in PREFERENCE if results[c].met), None)
    note = "" if psr.set_result else _rvc_note(figures)
    if chosen:
        status = Status.originating
        message = f"Originating under criterion {chosen}: {results[chosen].reason}{note}"
    elif any(r.met is None for r in criteria):
        status = Status.cannot_decide
        open_ = [r for r in criteria if r.met is None]
        message = "Cannot decide: " + "; ".join(f"{r.criterion}: {r.reason}" for r in open_)
    else:
        status = Status.not_originating
        message = f"Not originating: {psr.reason}{note}"
    return Verdict(status, chosen, criteria, psr, figures, message, list(psr.missing))


def _bounded(strict: Verdict, favourable: Verdict, open_data: list[MissingDatum]) -> Verdict:
    """The good decided both ways an unstated datum allows: the same answer stands; different
    answers leave it open, naming the data."""
    if strict.status is favourable.status:
        return strict
    needed = "; ".join(str(m) for m in open_data)
    if strict.status is Status.cannot_decide:
        return replace(
            strict,
            message=f"{strict.message}; it turns also on {needed}",
            missing=[*strict.missing, *open_data],
        )
    message = (
        f"Cannot decide: {favourable.status.value} if the open data are in the good's favour, "
        f"{strict.status.value} if not; give {needed}"
    )
    return replace(
        strict,
        status=Status.cannot_decide,
        criterion=None,
        message=message,
        missing=[*strict.missing, *open_data],
    )


def _rvc_note(figures: Figures) -> str:
    parts = []
    if figures.rvc_transaction_value is not None:
        parts.append(f"RVC {display_percent(figures.rvc_transaction_value)}% (transaction value)")
    if figures.rvc_net_cost is not None:
        parts.append(f"RVC {display_percent(figures.rvc_net_cost)}% (net cost)")
    return f" [{', '.join(parts)}]" if parts else ""


# ----------------------------------------------------------------- stage 5 and output


def _automotive(
    prep: Prepared,
    good: Good,
    counted: Counted,
    verdict: Verdict,
    rulebook: Rulebook,
    on: dt.date,
    facts: Facts,
) -> AutomotiveResult:
    assert rulebook.automotive is not None
    by_criterion = {r.criterion: r for r in verdict.criteria}
    met = True if verdict.criterion in (Criterion.A, Criterion.C) else verdict.psr.met
    return conclude(
        prep,
        good,
        counted.lines,
        counted.vnm,
        facts.producer,
        rulebook.automotive,
        on,
        rulebook.parties,
        psr_met=met,
        psr_reason=by_criterion[Criterion.B].reason,
    )


def _with_part6(status: Status, message: str, result: AutomotiveResult) -> tuple[Status, str]:
    """A vehicle also needs its Part 6 checks; a part's only check is its staged rule."""
    if result.kind != "vehicle" or status is Status.not_originating:
        return status, message
    failed = [c for c in result.checks if c.passed is False]
    if failed:
        why = "; ".join(f"{c.name}: {c.reason}" for c in failed)
        return Status.not_originating, f"Not originating: Part 6 requirement not met: {why}"
    if result.passed is None:
        open_ = [c.name for c in result.checks if c.passed is None] or ["vehicle category"]
        why = ", ".join(open_)
        needed = "; ".join(str(m) for m in result.missing)
        return Status.cannot_decide, f"Cannot decide: Part 6 ({why}) needs {needed}"
    return status, message


def _missing(
    verdict: Verdict, conditions, automotive: AutomotiveResult | None
) -> list[MissingDatum]:
    found = list(verdict.missing)
    for check in conditions:
        found.extend(check.missing)
    if automotive is not None and automotive.passed is None:
        found.extend(
            MissingDatum(field=m, subject="automotive figures", why="a Part 6 check")
            for m in automotive.missing
        )
    unique = {m.key: m for m in found}
    return [unique[k] for k in sorted(unique)]


def _materials(counted: Counted, net_cost: NetCostResult | None) -> MaterialsResult | None:
    if counted.result is None and net_cost is None:
        return None
    if counted.result is None:
        return MaterialsResult(lines=[], vnm=counted.vnm, net_cost=net_cost)
    return counted.result.model_copy(update={"net_cost": net_cost})


# ------------------------------------------------------------------------ shipments


def facts_of(shipment: ShipmentFile) -> Facts:
    routing = shipment.shipment.routing if shipment.shipment else None
    return Facts(
        routing=tuple(routing) if routing else None,
        routing_source=shipment.file_for("shipment"),
        supplier_boms=tuple(shipment.supplier_boms),
        inventory=shipment.inventory,
        producer=shipment.automotive,
    )


def evaluate_shipment(
    shipment: ShipmentFile, rulebook: Rulebook, on: dt.date | None = None, **options: Any
) -> ShipmentResult:
    """The shipment's result alone (see :func:`check_shipment` for ``options``)."""
    return check_shipment(shipment, rulebook, on, **options)[0]


def check_shipment(
    shipment: ShipmentFile,
    rulebook: Rulebook,
    on: dt.date | None = None,
    fallback: dt.date | None = None,
    suppressions: Sequence[SuppressionRule] = (),
    mapper: GoodsMapper | None = None,
    *,
    render: bool = False,
) -> tuple[ShipmentResult, ShipmentContext]:
    """Evaluate every good of a shipment file, and the context the batch flags read.

    ``on`` (the --date option) overrides each good's own date: its shipment date, the
    shipment's date, the invoice date, then its production date; ``fallback`` is used when
    the files give none (the caller decides what it is and reports it). The goods of a set
    are decided before the set. With ``render``, the determinations come back as JSON text
    (:class:`~roo_check.models.rendered.Spool`), for a run with no text or HTML report.
    """
    tasks = good_tasks(shipment, on, fallback)
    run = _shipment_run(shipment, rulebook, tasks, on, render)
    decided = _decide_all(tasks, rulebook, run, mapper or serial_mapper(rulebook))
    context = ShipmentContext(
        shipment, decided.goods, rulebook.parties, _articles(rulebook).transit
    )
    findings = decided.findings
    if run.flag_date is not None:
        findings.extend(shipment_wide_flags(context, rulebook, run.flag_date))
    if suppressions:
        producers = {g.part_number: g.producer for g in shipment.goods}
        findings = apply_suppressions(findings, list(suppressions), producers)
    # Built from values already validated; unvalidated because a Spool stands in for the list
    # of determinations when they are kept as JSON text.
    result = ShipmentResult.model_construct(
        name=shipment.name,
        inputs=[InputRecord(path=s.path, sha256=s.sha256) for s in shipment.sources],
        routing=[
            RouteLeg(**leg.model_dump(), party=leg.to_country in rulebook.parties)
            for leg in (shipment.shipment.routing if shipment.shipment else [])
        ],
        determinations=decided.determinations,
        findings=sorted(findings, key=finding_order),
        errors=[],
        notes=list(shipment.notes),
    )
    return result, context


@dataclass(frozen=True)
class GoodTask:
    """One good to decide and what only it needs: its BOM lines and its evaluation date.

    Everything else a worker needs (the rulebook, the shipment's facts) is the same for all
    the goods of a shipment, so it travels once per worker, not once per good."""

    good: Good
    materials: list[BomLine]
    on: dt.date
    date_source: str


@dataclass(frozen=True)
class ShipmentRun:
    """What every partition of one shipment shares besides the rule set; it travels once per
    worker."""

    facts: Facts
    shipment: ShipmentFile
    """The shipment's name and files, without its goods and lines (the good checks' context)."""
    flag_date: dt.date | None
    """The date the flags in force are chosen by; None when no flag runs."""
    render: bool = False
    keep: frozenset[str] = frozenset()
    """Goods whose full determination is kept even when rendered: the components of sets."""

    @property
    def bom_file(self) -> str | None:
        return self.shipment.bom_source


@dataclass(frozen=True)
class Decided:
    """A partition once decided: its goods' own findings (with the good checks, which need
    the per-material detail), each good's outcome for the checks across the shipment, and
    its determinations, as models or (``render``) as JSON text."""

    determinations: list[Determination]
    rendered: list[str]
    findings: list[Finding]
    outcomes: list[GoodOutcome]

    @classmethod
    def joined(cls, parts: Sequence[Decided]) -> Decided:
        """Consecutive partitions as one (a mapper that cuts a partition finer)."""
        return cls(
            [d for p in parts for d in p.determinations],
            [r for p in parts for r in p.rendered],
            [f for p in parts for f in p.findings],
            [o for p in parts for o in p.outcomes],
        )


GoodsMapper = Callable[[list[list[GoodTask]], ShipmentRun], Iterable[Decided]]
"""Runs :func:`decide_goods` over partitions of a shipment's goods, in order: serially by
default, or in worker processes (``--jobs``) or on a Dask cluster. Whatever runs it must
return each partition's result in the order of the partitions."""

PARTITION_GOODS = 256
"""Goods per partition handed to a mapper: large enough to amortise sending the results
back, small enough to spread a shipment over all workers."""


def decide_goods(tasks: Sequence[GoodTask], rulebook: Rulebook, run: ShipmentRun) -> Decided:
    """Decide a partition of goods and run the checks of one good at a time on them: a pure
    function of its inputs, the unit that every way of running roo-check (one process,
    ``--jobs``, Dask, Spark's ``mapPartitions``) maps."""
    determinations = [_decide(task, rulebook, run) for task in tasks]
    undecided, general = rulebook.undecided_severity, rulebook.criteria.originating_goods
    goods_file = run.shipment.file_for("goods")
    findings = [
        f
        for t, d in zip(tasks, determinations, strict=True)
        for f in _at_good(findings_for(d, general, undecided), t.good, goods_file)
    ]
    goods = [
        GoodContext.of(t.good, t.materials, d) for t, d in zip(tasks, determinations, strict=True)
    ]
    if run.flag_date is not None:
        part = ShipmentContext(run.shipment, goods, rulebook.parties, _articles(rulebook).transit)
        findings.extend(good_flags(part, rulebook, run.flag_date))
    outcomes = [g.outcome for g in goods]
    if not run.render:
        return Decided(determinations, [], findings, outcomes)
    kept = [d for d in determinations if d.good_part_number in run.keep]
    return Decided(kept, [render(d) for d in determinations], findings, outcomes)


def _at_good(findings: list[Finding], good: Good, goods_file: str) -> list[Finding]:
    """A good's own findings (its determination, its Chapter 4 and Part 6 checks) pointed at
    the good's row, so that SARIF, annotations and ``-q`` lines lead to it."""
    where = Evidence(
        source=goods_file,
        location=f"row {good.row}" if good.row else None,
        field="part_number",
        value=good.part_number,
        note="the good",
    )
    return [f if f.evidence else f.model_copy(update={"evidence": [where]}) for f in findings]


def _decide(task: GoodTask, rulebook: Rulebook, run: ShipmentRun) -> Determination:
    """The good's determination with its claims checked against the register; with
    ``strict_evidence``, decided again with every claim not supported set aside."""
    claims = check_claims(task.good, task.materials, run.shipment.declarations, task.on)
    materials = task.materials
    determination = _evaluated(task, materials, rulebook, run)
    update: dict[str, object] = {"date_source": task.date_source, "evidence": claims}
    set_aside = {c.part_number for c in claims if c.status is not ClaimStatus.supported}
    if rulebook.strict_evidence and set_aside:
        materials = set_aside_claims(materials, set_aside)
        update["as_claimed"] = ClaimedAnswer(
            status=determination.status,
            criterion=determination.criterion,
            message=determination.message,
            set_aside=sorted(set_aside),
        )
        determination = _evaluated(task, materials, rulebook, run)
    if rulebook.fixes and not task.good.gri3_set:
        update["fixes"] = fix_result(
            determination, materials, lambda lines: _evaluated(task, lines, rulebook, run)
        )
    return determination.model_copy(update=update)


def _evaluated(
    task: GoodTask, materials: list[BomLine], rulebook: Rulebook, run: ShipmentRun
) -> Determination:
    try:
        return evaluate_good(task.good, materials, rulebook, task.on, facts=run.facts)
    except InputError as exc:
        raise InputError(
            exc.message, file=exc.file or run.bom_file, location=exc.location, field=exc.field
        ) from None


def good_tasks(
    shipment: ShipmentFile, on: dt.date | None, fallback: dt.date | None
) -> list[GoodTask]:
    """The goods of a shipment with their lines and dates, sets last (a set is decided after
    the goods it is made of, Art. 4.17), each group by part number."""
    by_good = shipment.lines_by_good()
    tasks = []
    for good in sorted(shipment.goods, key=lambda g: (g.gri3_set, g.part_number)):
        date, source = _evaluation_date(good, shipment, on, fallback)
        tasks.append(GoodTask(good, by_good.get(good.part_number, []), date, source))
    return tasks


def serial_mapper(rulebook: Rulebook) -> GoodsMapper:
    """The default mapper: every partition in this process, one after the other."""

    def mapper(partitions: list[list[GoodTask]], run: ShipmentRun) -> Iterator[Decided]:
        return (decide_goods(p, rulebook, run) for p in partitions)

    return mapper


def partitions(tasks: Sequence[GoodTask], size: int = PARTITION_GOODS) -> list[list[GoodTask]]:
    return [list(tasks[i : i + size]) for i in range(0, len(tasks), size)]


def _shipment_run(
    shipment: ShipmentFile,
    rulebook: Rulebook,
    tasks: list[GoodTask],
    on: dt.date | None,
    render: bool,
) -> ShipmentRun:
    flag_date = (on or min(t.on for t in tasks)) if rulebook.flags and tasks else None
    components = frozenset(m.part_number for t in tasks if t.good.gri3_set for m in t.materials)
    register = combined(shipment.declarations, rulebook.register)
    header = shipment.model_copy(
        update={
            "goods": [],
            "bom": [],
            "certificate": None,
            "supplier_boms": [],
            "declarations": register,
        }
    )
    return ShipmentRun(facts_of(shipment), header, flag_date, render, components)


@dataclass
class _Gathered:
    """The partitions' results put together in part-number order."""

    determinations: list[Determination] | Spool
    findings: list[Finding]
    goods: list[GoodContext]


def _decide_all(
    tasks: list[GoodTask], rulebook: Rulebook, run: ShipmentRun, mapper: GoodsMapper
) -> _Gathered:
    single = [t for t in tasks if not t.good.gri3_set]
    spool = Spool() if run.render else None
    decided: dict[str, Determination] = {}
    findings: list[Finding] = []
    outcomes: dict[str, GoodOutcome] = {}
    done = 0
    for part in mapper(partitions(single), run):
        chunk = single[done : done + len(part.outcomes)]
        done += len(part.outcomes)
        _gather(part, chunk, decided, findings, outcomes, spool)
    for task in tasks[len(single) :]:
        sets = replace(run, facts=replace(run.facts, components=dict(decided)))
        part = decide_goods([task], rulebook, sets)
        _gather(part, [task], decided, findings, outcomes, spool, late=True)
    goods = [
        GoodContext(t.good, t.materials, outcomes[t.good.part_number])
        for t in sorted(tasks, key=lambda t: t.good.part_number)
    ]
    ordered = spool if spool is not None else [decided[g] for g in sorted(decided)]
    return _Gathered(ordered, findings, goods)


def _gather(
    part: Decided,
    tasks: list[GoodTask],
    decided: dict[str, Determination],
    findings: list[Finding],
    outcomes: dict[str, GoodOutcome],
    spool: Spool | None,
    late: bool = False,
) -> None:
    decided.update((d.good_part_number, d) for d in part.determinations)
    findings.extend(part.findings)
    keys = [t.good.part_number for t in tasks]
    outcomes.update(zip(keys, part.outcomes, strict=True))
    if spool is not None:
        add = spool.add_late if late else spool.add
        for key, text in zip(keys, part.rendered, strict=True):
            add(key, text)


def _evaluation_date(
    good: Good, shipment: ShipmentFile, on: dt.date | None, fallback: dt.date | None
) -> tuple[dt.date, str]:
    date, source = (on, "--date") if on else _good_date(good, shipment)
    if date is None and fallback is not None:
        date, source = fallback, "run date (the files give no date)"
    if date is None:
        raise InputError(
            "no date to select the rules in force: give shipment_date or use --date",
            file=shipment.name,
            location=f"good {good.part_number}",
            field="shipment_date",
        )
    return date, source


def _good_date(good: Good, shipment: ShipmentFile) -> tuple[dt.date | None, str]:
    if good.shipment_date:
        return good.shipment_date, "good shipment_date"
    if shipment.shipment and shipment.shipment.shipment_date:
        return shipment.shipment.shipment_date, "shipment shipment_date"
    if shipment.shipment and shipment.shipment.invoice:
        return shipment.shipment.invoice.date, "invoice date"
    return good.production_date, "good production_date"


def finding_order(finding: Finding) -> tuple[str, str, str, str]:
    """Deterministic order: by good, rule, subject, message (two runs diff clean)."""
    return (finding.good_part_number or "", finding.rule_id, finding.subject, finding.message)
