"""``roo-check diff`` output: one line per good that changed, most serious first, then a count
(text); or the comparison as JSON, keys sorted, for a pipeline to read."""

from __future__ import annotations

from roo_check.errors import printable
from roo_check.jsontext import dumps
from roo_check.models.report_view import (
    Change,
    Comparison,
    Difference,
    GoodChange,
    GoodFix,
    RuleChange,
    RuleChangeKind,
    RulesComparison,
)
from roo_check.money import display_money
from roo_check.reporters.evidence_text import failure_points, fix_phrase

FORMATS = ("text", "json")


def render(comparison: Comparison, fmt: str = "text") -> str:
    if fmt == "json":
        return dumps({**comparison.model_dump(mode="json"), "worse": comparison.worse}) + "\n"
    return text(comparison)


def text(comparison: Comparison) -> str:
    lines = [_header(comparison)]
    lines += [_line(change) for change in comparison.changes]
    lines.append(_summary(comparison))
    return "\n".join(lines) + "\n"


def _header(c: Comparison) -> str:
    old_rules, new_rules = (f"sha256:{h[:16]}" for h in (c.old_ruleset, c.new_ruleset))
    rules = f"rules {old_rules}" if old_rules == new_rules else f"rules {old_rules} -> {new_rules}"
    versions = (
        f"roo-check {c.old_version}"
        if c.old_version == c.new_version
        else f"roo-check {c.old_version} -> {c.new_version}"
    )
    return f"{printable(c.old)} -> {printable(c.new)} ({versions}, {rules}, fail-on {c.fail_on})"


def _line(change: GoodChange) -> str:
    where = printable(change.shipment)
    if change.good is not None:
        where += f" {printable(change.good)}"
    said = "; ".join(_difference(d) for d in change.differences)
    return f"{change.change.value.upper():8}{where}: {said}"


def _difference(d: Difference) -> str:
    return f"{d.what} {printable(d.old or '-')} -> {printable(d.new or '-')}"


def _summary(c: Comparison) -> str:
    counts = {change: 0 for change in Change}
    for item in c.changes:
        counts[item.change] += 1
    shown = ", ".join(f"{n} {change.value}" for change, n in counts.items())
    verdict = "a good got worse" if c.worse else "no good got worse"
    return f"{c.goods_compared} good(s) compared: {shown}; {verdict}"


def render_rules(comparison: RulesComparison, fmt: str = "text") -> str:
    """``roo-check rules diff``: one line per item that differs, then the goods (--check)."""
    if fmt == "json":
        return dumps(comparison.model_dump(mode="json")) + "\n"
    lines = [_rules_header(comparison)]
    lines += [_rule_line(change) for change in comparison.changes]
    counts = {kind: 0 for kind in RuleChangeKind}
    for change in comparison.changes:
        counts[change.change] += 1
    shown = ", ".join(f"{n} {kind.value}" for kind, n in counts.items())
    lines.append(f"{len(comparison.changes)} rule item(s) differ: {shown}")
    if comparison.goods is not None:
        lines.append("")
        lines.append(text(comparison.goods).rstrip("\n"))
    return "\n".join(lines) + "\n"


def _rules_header(c: RulesComparison) -> str:
    old = printable(c.old) + (f" on {c.old_date}" if c.old_date else " (every date)")
    new = printable(c.new) + (f" on {c.new_date}" if c.new_date else " (every date)")
    return f"{old} -> {new}"


def _rule_line(change: RuleChange) -> str:
    head = f"{change.change.value.upper():8}{change.kind.value} {change.id}"
    if change.change is RuleChangeKind.added:
        return f"{head}: {change.new}"
    if change.change is RuleChangeKind.removed:
        return f"{head}: {change.old}"
    return f"{head}: {change.old} -> {change.new} [{', '.join(change.fields)}]"


def render_fixes(fixes: list[GoodFix], fmt: str = "text") -> str:
    """``roo-check fix``: per good, its status, then the cheapest fix or what it hangs on."""
    if fmt == "json":
        return dumps([f.model_dump(mode="json") for f in fixes]) + "\n"
    lines: list[str] = []
    for item in fixes:
        lines.append(f"{printable(item.shipment)} {printable(item.good)}: {item.status.value}")
        lines.extend(f"  {line}" for line in _fix_lines(item))
    return "\n".join(lines) + "\n"


def _fix_lines(item: GoodFix) -> list[str]:
    money = item.currency
    if item.status.value == "originating":
        return [f"single points of failure: {failure_points(item.single_points_of_failure)}"]
    out = []
    if item.fix is not None:
        f = item.fix
        out.append(f"cheapest fix: {fix_phrase(f, money)}; decided again: {f.message}")
    else:
        out.append(
            "no fix by obtaining materials as originating"
            + (f"; decided again: {item.refused}" if item.refused else "")
        )
    falls = [f"{display_money(v)} {money} ({w})" for w, v in item.falls.items() if v]
    if falls:
        out.append("or the non-originating value falls by " + " or ".join(falls))
    ways = [
        f"{w.way}: {', '.join(w.materials) or 'nothing'} ({display_money(w.cost)})"
        if w.materials is not None and w.cost is not None
        else f"{w.way}: cannot be met"
        for w in item.ways
    ]
    if ways:
        out.append("each way: " + "; ".join(ways))
    out.extend(f"not modelled: {u}" for u in item.unreached)
    return out
