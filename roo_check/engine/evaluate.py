"""The pure core: a shipment file, the rulebook and an evaluation date in, findings out."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal

from roo_check.engine.alternatives import evaluate_alternative
from roo_check.engine.automotive.assess import conclude, prepare
from roo_check.engine.criteria import criterion_a, criterion_c, criterion_d
from roo_check.engine.editions import in_hs2022
from roo_check.engine.findings import findings_for
from roo_check.engine.general import general_alternatives
from roo_check.engine.headroom import headroom
from roo_check.engine.logic import Tri, any3
from roo_check.engine.rvc import compute_rvc
from roo_check.engine.selection import select_rule
from roo_check.engine.suppress import apply_suppressions
from roo_check.errors import InputError
from roo_check.hs.codes import dotted
from roo_check.models.automotive import AutomotiveFile
from roo_check.models.automotive_result import AutomotiveResult
from roo_check.models.config import SuppressionRule
from roo_check.models.findings import (
    AlternativeResult,
    CriterionResult,
    Determination,
    Figures,
    Finding,
    RuleRef,
    ShipmentResult,
    Status,
)
from roo_check.models.goods import BomLine, Good, OriginStatus
from roo_check.models.shipment import ShipmentFile
from roo_check.money import display_percent
from roo_check.rulebook.index import Rulebook

PREFERENCE = ("A", "C", "B", "D")


def _figures(good: Good, direct: list[BomLine], non_originating: list[BomLine]) -> Figures:
    vnm = sum((m.value for m in non_originating), Decimal(0))
    return Figures(
        currency=good.currency,
        transaction_value=good.transaction_value,
        net_cost=good.net_cost,
        total_cost=good.total_cost,
        value_of_materials=sum((m.value for m in direct), Decimal(0)),
        vnm=vnm,
        value_china=sum((m.value for m in direct if m.country_of_origin == "CN"), Decimal(0)),
        value_unknown_status=sum(
            (m.value for m in direct if m.origin_status is OriginStatus.unknown), Decimal(0)
        ),
        rvc_transaction_value=compute_rvc(good, vnm, "transaction_value"),
        rvc_net_cost=compute_rvc(good, vnm, "net_cost"),
    )


def evaluate_good(
    good: Good,
    materials: list[BomLine],
    rulebook: Rulebook,
    on: dt.date,
    producer: AutomotiveFile | None = None,
) -> Determination:
    """Origin of one good on ``on``; ``producer`` holds the Part 6 figures for vehicles."""
    good, materials, edition_notes = in_hs2022(good, materials)
    direct = [m for m in materials if not m.parent_part_number and not m.indirect]
    non_originating = [m for m in direct if not m.counts_as_originating]
    figures = _figures(good, direct, non_originating)
    missing: list[str] = []

    def determination(
        status: Status,
        criterion: str | None,
        criteria: list[CriterionResult],
        rule: RuleRef | None,
        alts: list[AlternativeResult],
        message: str,
    ):
        return Determination(
            good_part_number=good.part_number,
            description=good.description,
            hs_code=dotted(good.hs_code),
            tariff_item=dotted(good.tariff_item) if good.tariff_item else None,
            evaluation_date=on,
            status=status,
            criterion=criterion,
            criteria=criteria,
            rule=rule,
            alternatives=alts,
            figures=figures,
            missing=sorted(set(missing)),
            message=message,
        )

    if good.country_of_production not in rulebook.parties:
        reason = (
            f"produced in {good.country_of_production}, outside the territory of the USMCA "
            "Parties (Art. 4.2 requires production in the US, Mexico or Canada)"
        )
        criteria = [CriterionResult(criterion=c, met=False, reason=reason) for c in "ABCD"]
        return determination(Status.not_originating, None, criteria, None, [], reason)

    results = {"A": criterion_a(good, non_originating), "C": criterion_c(direct, non_originating)}
    selection = select_rule(good, rulebook, on)
    rule_ref: RuleRef | None = None
    alts: list[AlternativeResult] = []
    psr_met: Tri
    de_minimis = rulebook.de_minimis(on)
    rule = selection.rule
    prep = prepare(good, rule, rulebook.automotive, producer, on)
    rvc_good = prep.rvc_good if prep else good
    rvc_vnm = prep.rvc_vnm if prep and prep.rvc_vnm is not None else figures.vnm
    if rule is not None:
        rule_ref = RuleRef(
            id=rule.id,
            provision=rule.provision,
            citation=rule.citation,
            text=rule.text,
            effective_from=rule.effective_from,
            effective_to=rule.effective_to,
        )
        applied = prep.staged.rule if prep and prep.staged else rule
        alts = [
            evaluate_alternative(
                alt, applied, rvc_good, non_originating, rvc_vnm, de_minimis, direct
            )
            for alt in applied.alternatives
        ]
    alts += general_alternatives(good, rulebook, on, non_originating, figures.vnm, direct)
    met = [a.label for a in alts if a.passed]
    name = rule.id if rule is not None else "GN 11(n) general rules"
    if rule is None and not met:
        missing.extend(selection.missing)
        if not selection.missing and non_originating:
            missing.append("product-specific rule")
        psr_met = None
        reason = selection.reason
    else:
        psr_met = any3(a.passed for a in alts)
        if psr_met:
            reason = f"{name} met under alternative {', '.join(met)}"
        else:
            shown = [a for a in alts if psr_met is False or a.passed is None]
            reason = f"{name}: no alternative met; " + "; ".join(
                f"({a.label}) {a.reason}" for a in shown
            )
    if selection.note and selection.rule is not None:
        reason = f"{reason} ({selection.note})"
    if edition_notes:
        reason = f"{reason} [{'; '.join(edition_notes)}]"
    results["B"] = CriterionResult(criterion="B", met=psr_met, reason=reason)
    for alt in alts:
        if alt.passed is None:
            missing.extend(_missing_from(alt))
    d_result, _ = criterion_d(
        rulebook.criteria.criterion_d, good, non_originating, figures.vnm, psr_met
    )
    results["D"] = d_result
    criteria = [results[c] for c in "ABCD"]
    chosen = next((c for c in PREFERENCE if results[c].met), None)
    room = headroom(alts, direct) if chosen == "B" else None
    if chosen:
        status = Status.originating
        message = f"Originating under criterion {chosen}: {results[chosen].reason}" + _rvc_note(
            figures
        )
    elif any(r.met is None for r in criteria):
        status = Status.cannot_decide
        open_ = [r for r in criteria if r.met is None]
        message = "Cannot decide: " + "; ".join(f"{r.criterion}: {r.reason}" for r in open_)
    else:
        status = Status.not_originating
        message = "Not originating: " + results["B"].reason + _rvc_note(figures)
    automotive = None
    if prep is not None and rulebook.automotive is not None:
        met: Tri = True if chosen in ("A", "C") else psr_met
        automotive = conclude(
            prep,
            good,
            direct,
            figures.vnm,
            producer,
            rulebook.automotive,
            on,
            rulebook.parties,
            psr_met=met,
            psr_reason=results["B"].reason,
        )
        status, message = _with_part6(status, message, automotive)
        missing.extend(automotive.missing if automotive.passed is None else [])
        if status is not Status.originating:
            chosen, room = None, None
    return determination(status, chosen, criteria, rule_ref, alts, message).model_copy(
        update={"headroom": room, "automotive": automotive}
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
        needed = "; ".join(result.missing)
        return Status.cannot_decide, f"Cannot decide: Part 6 ({why}) needs {needed}"
    return status, message


def _rvc_note(figures: Figures) -> str:
    parts = []
    if figures.rvc_transaction_value is not None:
        parts.append(f"RVC {display_percent(figures.rvc_transaction_value)}% (transaction value)")
    if figures.rvc_net_cost is not None:
        parts.append(f"RVC {display_percent(figures.rvc_net_cost)}% (net cost)")
    return f" [{', '.join(parts)}]" if parts else ""


def _missing_from(alt: AlternativeResult) -> list[str]:
    found: list[str] = []
    if any(r.passed is None for r in alt.rvc):
        found.extend(r.method for r in alt.rvc if r.base is None)
    if alt.applicable is None:
        found.append("product_kind")
    if alt.shift:
        for check in alt.shift.materials:
            if check.passes is None:
                found.append(f"material {check.part_number}: {check.reason}")
    found.extend(f"condition: {c}" for c in alt.conditions)
    found.extend(alt.missing)
    return found


def evaluate_shipment(
    shipment: ShipmentFile,
    rulebook: Rulebook,
    on: dt.date | None = None,
    fallback: dt.date | None = None,
    suppressions: Sequence[SuppressionRule] = (),
) -> ShipmentResult:
    """Evaluate every good of a shipment file.

    ``on`` (the --date option) overrides each good's own date: its shipment date, the
    shipment's date, the invoice date, then its production date; ``fallback`` is used when
    the files give none (the caller decides what it is and reports it).
    """
    by_good: dict[str, list[BomLine]] = defaultdict(list)
    for material in shipment.bom:
        by_good[material.good_part_number].append(material)
    determinations = []
    for good in sorted(shipment.goods, key=lambda g: g.part_number):
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
        determination = evaluate_good(
            good, by_good[good.part_number], rulebook, date, shipment.automotive
        )
        determinations.append(determination.model_copy(update={"date_source": source}))
    findings = [f for d in determinations for f in findings_for(d)]
    if rulebook.flags and determinations:
        from roo_check.engine.flags import shipment_flags
        from roo_check.engine.flags.context import ShipmentContext

        ctx = ShipmentContext.build(shipment, determinations, rulebook.parties)
        flag_date = on or min(d.evaluation_date for d in determinations)
        findings.extend(shipment_flags(ctx, rulebook, flag_date))
    if suppressions:
        producers = {g.part_number: g.producer for g in shipment.goods}
        findings = apply_suppressions(findings, list(suppressions), producers)
    return ShipmentResult(
        name=shipment.name,
        inputs=[{"path": s.path, "sha256": s.sha256} for s in shipment.sources],
        routing=[
            {**leg.model_dump(), "party": leg.to_country in rulebook.parties}
            for leg in (shipment.shipment.routing if shipment.shipment else [])
        ],
        determinations=determinations,
        findings=sorted(findings, key=finding_order),
        errors=[],
    )


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
