"""The core parts requirement of a passenger vehicle or light truck (SOR/2020-155, s. 14).

s. 14(4): the vehicle is originating only if the parts of Table A.2 column 1 used in it are
originating. Each part meets the s. 14(13) threshold with its VNM taken either as all
non-originating materials (s. 14(7)(a)) or only the non-originating Table A.2 column 2
components (s. 14(7)(b), (8)); or all the parts are taken together as one "super-core" part
(s. 14(10)), on the sum of their net costs. Averages may replace a part's figures
(s. 14(12), 16(10)). Advanced batteries of 8507.60 follow the Schedule 1 rule instead
(s. 14(3), (6)). Eligible vehicles under an approved alternative staging regime are exempt
(s. 19(5)).

Which core parts a vehicle uses is read from the producer's figures; the BOM is searched
for lines whose HS code is listed for one column 1 part only, and a part seen there but
missing from the figures makes the check "cannot decide", never a pass.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from roo_check.engine.automotive.category import hs2012_of
from roo_check.engine.automotive.schedule import describe, threshold
from roo_check.engine.logic import Tri, all3
from roo_check.engine.rvc import rvc_value
from roo_check.hs.codes import dotted, match_any
from roo_check.models.automotive import CorePart, CoreParts, SuperCorePart
from roo_check.models.automotive_result import AutoCheck, Threshold
from roo_check.models.goods import BomLine, OriginStatus
from roo_check.money import display_money, display_percent
from roo_check.rulebook.automotive import Automotive

CHECK_ID = "AUTO-CORE-PARTS"
NAME = "Core parts (Table A.2 column 1)"
CITATION = "SOR/2020-155, s. 14(4)-(13)"
SCHEDULE = "AUTO-A-RVC"


def core_part_lines(direct: list[BomLine], auto: Automotive) -> dict[str, list[BomLine]]:
    """BOM lines that are recognisably one core part, by that part.

    A line counts when its code is a Table A.1 core part and Table A.2 lists that code under
    one column 1 part only. Column 2 codes that are not core parts themselves (8537.10
    control units, 8482 bearings...) are "ex" rows shared with ordinary parts, so they are
    not taken as evidence that a core part is used.
    """
    table, core = auto.table("A.2"), auto.table("A.1")
    found: dict[str, list[BomLine]] = {}
    if table is None or core is None:
        return found
    for line in direct:
        code = line.hs_code[:6]
        if len(code) < 6:
            continue
        candidates = list(hs2012_of(code)) or [code]
        if not all(any(match_any(r.codes, c) for r in core.rows) for c in candidates):
            continue
        groups = {
            row.component_of
            for row in table.rows
            if row.component_of and all(match_any(row.codes, c) for c in candidates)
        }
        if len(groups) == 1:
            found.setdefault(groups.pop(), []).append(line)
    return found


def _check(**fields: object) -> AutoCheck:
    """A core-parts check: its id, and the s. 14 citation unless another is given."""
    fields.setdefault("citation", CITATION)
    return AutoCheck(id=CHECK_ID, **fields)  # type: ignore[arg-type]


def _lines_of(
    part: CorePart, seen: dict[str, list[BomLine]], direct: list[BomLine]
) -> list[BomLine]:
    """The BOM lines that are this part: the one it names, else those its codes point to."""
    if part.bom_part:
        return [line for line in direct if line.part_number == part.bom_part]
    return seen.get(part.part.value, [])


def _rvc(base: Decimal | None, vnm: Decimal | None) -> Decimal | None:
    if base is None or vnm is None or base <= 0:
        return None
    return rvc_value(base, vnm)


def _part_check(
    part: CorePart, lines: list[BomLine], nc: Threshold | None, tv: Threshold | None
) -> AutoCheck:
    figures: dict[str, str] = {}
    base_nc, base_tv = part.net_cost, part.transaction_value
    vnm_a, vnm_b = part.vnm, part.vnm_listed_components
    if part.averaging is not None:
        avg = part.averaging
        base_nc, base_tv, vnm_a, vnm_b = avg.net_cost, avg.transaction_value, avg.vnm, None
        figures["averaging"] = f"{avg.category.value}, {avg.period} ({avg.basis})"
    results: list[tuple[str, Decimal, Threshold]] = []
    for label, base, vnm, t in (
        ("net cost, all VNM (s. 14(7)(a))", base_nc, vnm_a, nc),
        ("net cost, Table A.2 column 2 components (s. 14(7)(b))", base_nc, vnm_b, nc),
        ("transaction value, all VNM", base_tv, vnm_a, tv),
        ("transaction value, column 2 components", base_tv, vnm_b, tv),
    ):
        value = _rvc(base, vnm)
        if value is not None and t is not None and t.percent is not None:
            results.append((label, value, t))
            figures[f"rvc {label}"] = display_percent(value)
    for key, amount in (
        ("net_cost", base_nc),
        ("transaction_value", base_tv),
        ("vnm", vnm_a),
        ("vnm_listed_components", vnm_b),
    ):
        if amount is not None:
            figures[key] = display_money(amount)
    name = f"{part.part.value}" + (f" ({part.description})" if part.description else "")
    thresholds = [t for t in (nc, tv) if t is not None]
    if part.part is SuperCorePart.advanced_batteries and (
        part.hs_code in (None, "850760") and not results
    ):
        return _battery(part, name, lines, figures)
    passed: Tri
    if results:
        best = max(results, key=lambda r: r[1] - (r[2].percent or 0))
        passed = any(value >= (t.percent or 0) for _, value, t in results)
        label, value, t = best
        reason = f"RVC {display_percent(value)}% ({label}) against {describe(t)}: " + (
            "met" if passed else "below the threshold under every method given"
        )
        return _check(
            name=name,
            passed=passed,
            figures=figures,
            thresholds=thresholds,
            reason=reason,
        )
    return _declared(part, name, lines, figures, thresholds)


def _declared(
    part: CorePart,
    name: str,
    lines: list[BomLine],
    figures: dict[str, str],
    thresholds: list[Threshold],
) -> AutoCheck:
    """A part without figures: a supplier certification, else the BOM line's stated status."""
    if part.supplier_certification:
        return _check(
            name=name,
            passed=True,
            figures=figures,
            thresholds=thresholds,
            reason=f"originating on the supplier's certification {part.supplier_certification}",
        )
    if lines:
        return _from_lines(name, lines, figures, thresholds)
    return _check(
        name=name,
        passed=None,
        figures=figures,
        thresholds=thresholds,
        reason="no figures for the part's RVC and no certification",
        missing=[
            f"core_parts {part.part.value}: net_cost with vnm or vnm_listed_components "
            "(s. 14(7)), or supplier_certification"
        ],
    )


def _from_lines(
    name: str, lines: list[BomLine], figures: dict[str, str], thresholds: list[Threshold]
) -> AutoCheck:
    statuses = {line.origin_status for line in lines}
    where = ", ".join(f"{line.part_number} ({dotted(line.hs_code[:6])})" for line in lines)
    figures["bom_lines"] = where
    if OriginStatus.non_originating in statuses:
        countries = sorted({line.country_of_origin or "?" for line in lines})
        return _check(
            name=name,
            passed=False,
            figures=figures,
            thresholds=thresholds,
            reason=f"the BOM states {where} non-originating (origin {', '.join(countries)})",
        )
    unsupported = [
        line
        for line in lines
        if line.origin_status is OriginStatus.originating and not line.evidence
    ]
    if OriginStatus.unknown in statuses or unsupported:
        return _check(
            name=name,
            passed=None,
            figures=figures,
            thresholds=thresholds,
            reason=f"the BOM gives no supported originating status for {where}",
            missing=[f"core part {name}: the part's RVC figures or a supplier certification"],
        )
    evidence = "; ".join(line.evidence or "" for line in lines)
    return _check(
        name=name,
        passed=True,
        figures=figures,
        thresholds=thresholds,
        reason=f"the BOM states {where} originating, backed by {evidence}",
    )


def _battery(part: CorePart, name: str, lines: list[BomLine], figures: dict[str, str]) -> AutoCheck:
    citation = "SOR/2020-155, s. 14(3), (6); Schedule 1 (8507.60)"
    if part.tariff_shift_met is not None:
        met = part.tariff_shift_met or bool(part.supplier_certification)
        return _check(
            name=name,
            passed=met,
            figures=figures,
            thresholds=[],
            citation=citation,
            reason="the Schedule 1 change in tariff classification for 8507.60 is "
            + ("met" if part.tariff_shift_met else "not met")
            + (
                f"; supplier certification {part.supplier_certification}"
                if part.supplier_certification
                else ""
            ),
        )
    check = _declared(part, name, lines, figures, [])
    return check.model_copy(update={"citation": citation})


def check_core_parts(
    data: CoreParts | None,
    direct: list[BomLine],
    auto: Automotive,
    on: dt.date,
    *,
    exempt: str | None = None,
) -> AutoCheck:
    nc = threshold(auto, SCHEDULE, "net_cost", on)
    tv = threshold(auto, SCHEDULE, "transaction_value", on)
    thresholds = [t for t in (nc, tv) if t is not None]
    if exempt:
        return _check(
            name=NAME,
            passed=True,
            figures={},
            thresholds=[],
            citation="SOR/2020-155, s. 19(5)",
            reason=exempt,
        )
    seen = core_part_lines(direct, auto)
    if data is None:
        parts = [CorePart(part=SuperCorePart(group)) for group in sorted(seen)]
        if not parts:
            return _check(
                name=NAME,
                passed=None,
                figures={},
                thresholds=thresholds,
                reason="no core part figures, and no BOM line is recognisably a core part",
                missing=["automotive.yaml vehicles[].core_parts (s. 14(4)-(13))"],
            )
        data = CoreParts(parts=parts)
    subs = [_part_check(p, _lines_of(p, seen, direct), nc, tv) for p in data.parts]
    listed = {p.part.value for p in data.parts}
    unlisted = sorted(set(seen) - listed)
    missing = [m for s in subs for m in s.missing]
    missing += [
        f"core part {group} (BOM line "
        + ", ".join(f"{line.part_number} {dotted(line.hs_code[:6])}" for line in seen[group])
        + ") is not in core_parts"
        for group in unlisted
    ]
    if data.method == "super-core":
        return _super_core(data, subs, nc, thresholds, missing)
    passed = all3([s.passed for s in subs] + ([None] if unlisted else []))
    failing = [s.name for s in subs if s.passed is False]
    reason = (
        f"each part on its own against {describe(nc)}: " if nc else "each part on its own: "
    ) + (
        f"not originating: {', '.join(failing)}"
        if failing
        else "all originating"
        if passed
        else "not every part can be decided"
    )
    return _check(
        name=NAME,
        passed=passed,
        figures={"method": "each part"},
        thresholds=thresholds,
        reason=reason,
        missing=missing if passed is None else [],
        parts=subs,
    )


def _super_core(
    data: CoreParts,
    subs: list[AutoCheck],
    nc: Threshold | None,
    thresholds: list[Threshold],
    missing: list[str],
) -> AutoCheck:
    citation = "SOR/2020-155, s. 14(10), (12), (13)"
    figures = {"method": "super-core"}
    if data.super_core_averaging is not None:
        avg = data.super_core_averaging
        total, vnm_sets = avg.net_cost, {"averaged VNM": avg.vnm}
        figures["averaging"] = f"{avg.category.value}, {avg.period} ({avg.basis})"
    else:
        costs = [p.net_cost for p in data.parts]
        total = sum(costs, Decimal(0)) if all(c is not None for c in costs) else None
        vnm_sets = {}
        for key, values in (
            ("all VNM (s. 14(10)(a))", [p.vnm for p in data.parts]),
            ("column 2 components (s. 14(10)(b))", [p.vnm_listed_components for p in data.parts]),
        ):
            if all(v is not None for v in values):
                vnm_sets[key] = sum((v for v in values if v is not None), Decimal(0))
    if total is None or not vnm_sets or nc is None or nc.percent is None:
        return _check(
            name=f"{NAME}: super-core",
            passed=None,
            figures=figures,
            thresholds=thresholds,
            citation=citation,
            reason="the super-core needs the net cost and VNM of every core part",
            missing=[
                *missing,
                "core_parts: net_cost and vnm (or vnm_listed_components) of "
                "every part, or super_core_averaging",
            ],
            parts=subs,
        )
    figures["net_cost_sum"] = display_money(total)
    rvcs = {}
    for key, vnm in vnm_sets.items():
        figures[f"vnm {key}"] = display_money(vnm)
        value = _rvc(total, vnm)
        if value is not None:
            rvcs[key] = value
            figures[f"rvc {key}"] = display_percent(value)
    best_key = max(rvcs, key=lambda k: rvcs[k])
    passed: Tri = rvcs[best_key] >= nc.percent
    if missing and passed:
        passed = None
    reason = (
        f"super-core RVC {display_percent(rvcs[best_key])}% ({best_key}) on net cost "
        f"{display_money(total)} against {describe(nc)}: "
        + (
            "met: every core part counts as originating (s. 14(12))"
            if passed
            else "below the threshold"
            if passed is False
            else "a core part is unaccounted for"
        )
    )
    return _check(
        name=f"{NAME}: super-core",
        passed=passed,
        figures=figures,
        thresholds=thresholds,
        citation=citation,
        reason=reason,
        missing=missing if passed is None else [],
        parts=subs,
    )
