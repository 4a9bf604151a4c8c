"""``roo-check diff``: what changed for each good between two JSON reports.

Goods are matched by shipment name and part number; findings by good, rule and subject (their
wording may change between versions). A good got **worse** when its status fell
(originating, then cannot decide, then not originating), when a finding that fails the run
at ``--fail-on`` appeared or rose to that level, or when its shipment has input errors in the
new report that it did not have in the old, so that it was not decided at all. A supplier's
BOM change that does any of these fails a CI gate (exit 1); an RVC that moves but still passes
is listed, not failed.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

from roo_check.models.config import Config
from roo_check.models.findings import Report, Status
from roo_check.models.report_view import (
    Change,
    Comparison,
    DeterminationView,
    Difference,
    FindingView,
    GoodChange,
    ReportView,
    RulesComparison,
)
from roo_check.money import display_percent
from roo_check.rulebook.compare import compare_rulebooks
from roo_check.rulebook.index import Rulebook

BATCH = "(batch)"
"""The shipment name under which batch-wide findings are compared."""

_RANK = {Status.not_originating: 0, Status.cannot_decide: 1, Status.originating: 2}
_ORDER = {change: i for i, change in enumerate(Change)}

Key = tuple[str, str | None]
"""A good (shipment, part number), or a shipment's or the batch's own findings (part None)."""


def compare_reports(
    old: ReportView, new: ReportView, *, old_name: str, new_name: str, fail_on: str
) -> Comparison:
    """``old`` against ``new``. Two reports of one shipment each are compared as the same
    shipment whatever their names (a supplier's BOM before and after, in two folders)."""
    names = _one_shipment(old, new)
    old_goods, new_goods = _goods(old, names), _goods(new, names)
    old_findings, new_findings = _findings(old, names), _findings(new, names)
    broken = _broken_names(new, names) - _broken_names(old, names)
    keys = set(old_goods) | set(new_goods) | set(old_findings) | set(new_findings)
    changes = []
    for key in keys:
        differences = _differences(key, old_goods, new_goods, broken)
        if not differences or differences[0].what != "good":  # a good on one side only
            differences += _finding_differences(
                old_findings.get(key, {}), new_findings.get(key, {}), fail_on
            )
        if differences:
            changes.append(_classified(key, differences, old_goods, new_goods))
    changes += [_broken(name) for name in broken]
    changes.sort(key=lambda c: (_ORDER[c.change], c.shipment, c.good or ""))
    return Comparison(
        old=old_name,
        new=new_name,
        old_version=old.version,
        new_version=new.version,
        old_ruleset=old.ruleset_hash,
        new_ruleset=new.ruleset_hash,
        fail_on=fail_on,
        goods_compared=len(set(old_goods) | set(new_goods)),
        changes=changes,
    )


def _one_shipment(old: ReportView, new: ReportView) -> dict[str, str]:
    """The name to compare two single-shipment reports under, when their names differ."""
    if len(old.shipments) != 1 or len(new.shipments) != 1:
        return {}
    before, after = old.shipments[0].name, new.shipments[0].name
    return (
        {} if before == after else {before: f"{before} -> {after}", after: f"{before} -> {after}"}
    )


def _name(name: str, names: dict[str, str]) -> str:
    return names.get(name, name)


def _broken_names(report: ReportView, names: dict[str, str]) -> set[str]:
    return {_name(s.name, names) for s in report.shipments if s.errors}


def _goods(report: ReportView, names: dict[str, str]) -> dict[Key, DeterminationView]:
    return {
        (_name(s.name, names), d.good_part_number): d
        for s in report.shipments
        for d in s.determinations
    }


def _findings(
    report: ReportView, names: dict[str, str]
) -> dict[Key, dict[tuple[str, str, str], FindingView]]:
    grouped: dict[Key, dict[tuple[str, str, str], FindingView]] = defaultdict(dict)
    placed: Iterable[tuple[str, FindingView]] = [
        *((_name(s.name, names), f) for s in report.shipments for f in s.findings),
        *((BATCH, f) for f in report.batch_findings),
    ]
    for shipment, finding in placed:
        grouped[(shipment, finding.good_part_number)][finding.key] = finding
    return grouped


def _differences(
    key: Key,
    old_goods: dict[Key, DeterminationView],
    new_goods: dict[Key, DeterminationView],
    broken: set[str],
) -> list[Difference]:
    old, new = old_goods.get(key), new_goods.get(key)
    if old is None and new is None:
        return []
    if old is None or new is None:
        worse = new is None and key[0] in broken
        return [
            Difference(
                what="good",
                old=old.status.value if old else None,
                new=new.status.value if new else None,
                worse=worse,
            )
        ]
    return _decision_differences(old, new)


def _decision_differences(old: DeterminationView, new: DeterminationView) -> list[Difference]:
    found = []
    if old.status is not new.status:
        rise = _RANK[new.status] - _RANK[old.status]
        found.append(
            Difference(
                what="status",
                old=old.status.value,
                new=new.status.value,
                worse=rise < 0,
                better=rise > 0,
            )
        )
    if old.criterion != new.criterion:
        found.append(Difference(what="criterion", old=old.criterion, new=new.criterion))
    old_rule, new_rule = (d.rule.id if d.rule else None for d in (old, new))
    if old_rule != new_rule:
        found.append(Difference(what="rule", old=old_rule, new=new_rule))
    if old.met != new.met:
        found.append(Difference(what="alternatives met", old=old.met, new=new.met))
    for label, field in (
        ("transaction value", "rvc_transaction_value"),
        ("net cost", "rvc_net_cost"),
    ):
        before, after = (_percent(getattr(d.figures, field)) for d in (old, new))
        if before != after:
            found.append(Difference(what=f"RVC ({label})", old=before, new=after))
    if found and (old.status is not new.status or old.criterion != new.criterion):
        found.append(Difference(what="reason", old=old.message, new=new.message))
    return found


def _percent(value: Decimal | None) -> str | None:
    """As the reports show it (two decimals): a change below that is no change to a reader."""
    return None if value is None else f"{display_percent(value)}%"


def _finding_differences(
    old: dict[tuple[str, str, str], FindingView],
    new: dict[tuple[str, str, str], FindingView],
    fail_on: str,
) -> list[Difference]:
    found = []
    for key in sorted(set(old) | set(new)):
        before, after = old.get(key), new.get(key)
        shown = [_shown(f) if f else None for f in (before, after)]
        if shown[0] == shown[1]:
            continue
        failed = before is not None and before.fails(fail_on)
        fails = after is not None and after.fails(fail_on)
        found.append(
            Difference(
                what=f"finding {key[1]}",
                old=shown[0],
                new=shown[1],
                worse=fails and not failed,
                better=failed and not fails,
            )
        )
    return found


def _shown(finding: FindingView) -> str:
    accepted = " (suppressed)" if finding.suppressed is not None else ""
    return f"[{finding.severity}]{accepted} {finding.subject}"


def _classified(
    key: Key,
    differences: list[Difference],
    old_goods: dict[Key, DeterminationView],
    new_goods: dict[Key, DeterminationView],
) -> GoodChange:
    shipment, good = key
    if any(d.worse for d in differences):
        change = Change.worse
    elif key not in old_goods and key in new_goods:
        change = Change.added
    elif key in old_goods and key not in new_goods:
        change = Change.removed
    elif any(d.better for d in differences):
        change = Change.better
    else:
        change = Change.changed
    return GoodChange(shipment=shipment, good=good, change=change, differences=differences)


def _broken(shipment: str) -> GoodChange:
    """A shipment the new report could not check: its goods were not decided."""
    return GoodChange(
        shipment=shipment,
        good=None,
        change=Change.worse,
        differences=[
            Difference(what="input errors", old="none", new="see the new report", worse=True)
        ],
    )


# ----------------------------------------------------------------- two rule sets compared


def compare_rules(
    old: Rulebook,
    new: Rulebook,
    dates: tuple[dt.date | None, dt.date | None],
    *,
    names: tuple[str, str],
    check: list[Path] | None = None,
    config: Config | None = None,
    today: dt.date | None = None,
) -> RulesComparison:
    """The rule items that differ between ``old`` on ``dates[0]`` and ``new`` on
    ``dates[1]`` (a None date: every item, whatever its period); with ``check``, those inputs
    checked under each (each good on its own date when the dates are None), compared as
    ``roo-check diff`` compares two reports."""
    goods = None
    if check:
        from roo_check.run import check_paths

        config = config or Config()
        day = today or dt.date.today()
        reports = [
            check_paths(check, rb, on, day, config)
            for rb, on in zip((old, new), dates, strict=True)
        ]
        views = [report_view(report) for report in reports]
        sides = [f"{name} on {on}" if on else name for name, on in zip(names, dates, strict=True)]
        goods = compare_reports(
            *views, old_name=sides[0], new_name=sides[1], fail_on=config.fail_on or "warning"
        )
    return RulesComparison(
        old=names[0],
        new=names[1],
        old_date=str(dates[0]) if dates[0] else None,
        new_date=str(dates[1]) if dates[1] else None,
        changes=compare_rulebooks(old, new, *dates),
        goods=goods,
    )


def report_view(report: Report) -> ReportView:
    """What a comparison reads of a report made in this process."""
    return ReportView.model_validate(report.model_dump(mode="json"))
