"""The human report: a summary table, then each good's reasoning with the arithmetic shown."""

from __future__ import annotations

import re
import textwrap

import click

from roo_check.models.findings import (
    INTERNAL_ERROR_KIND,
    AlternativeResult,
    Determination,
    ErrorRecord,
    Figures,
    Finding,
    FindingKind,
    Headroom,
    Report,
    RuleRef,
    RvcResult,
    ShipmentResult,
    Status,
)
from roo_check.money import display_money, display_percent
from roo_check.reporters import RenderOptions
from roo_check.reporters.automotive_text import automotive_lines
from roo_check.reporters.chapter4_text import (
    MARK,
    condition_lines,
    materials_lines,
    set_lines,
    verdict_lines,
)
from roo_check.reporters.ci import BATCH, Item, items, shipment_path
from roo_check.reporters.evidence_text import evidence_lines

_COLORS = {
    Status.originating: "green",
    Status.not_originating: "red",
    Status.cannot_decide: "yellow",
}
_MARK = MARK
_SEVERITY_COLORS = {"error": "red", "warning": "yellow", "info": "blue"}


def _pct(value) -> str:
    return "-" if value is None else f"{display_percent(value)}%"


def _table(rows: list[list[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]


def _rvc_line(r: RvcResult, currency: str) -> str:
    method = r.method.replace("_", " ")
    if r.rvc is None or r.base is None:
        return f"RVC ({method}): not computable, {method} not given; threshold {r.threshold}%"
    op = ">=" if r.passed else "<"
    return (
        f"RVC ({method}) = ({display_money(r.base)} - {display_money(r.vnm)}) / "
        f"{display_money(r.base)} x 100 = {display_percent(r.rvc)}% {op} {r.threshold}% {currency}"
    ).removesuffix(f" {currency}")


def _alternative(alt: AlternativeResult, currency: str) -> list[str]:
    if alt.applicable is False:
        # An alternative for other kinds of goods is not failed: it does not apply. Its
        # figures (computed all the same) are in the JSON report.
        why = alt.reason.split("; ")[0]
        return [f"  ({alt.label}) NOT APPLICABLE: {why}"]
    out = [f"  ({alt.label}) {_MARK[alt.passed]}: {alt.reason}"]
    if alt.shift:
        for m in alt.shift.materials:
            sign = {True: "ok", False: "BLOCKS", None: "?"}[m.passes]
            row = f" row {m.row}" if m.row else ""
            out.append(
                f"      [{sign}] {m.part_number}{row} {m.hs_code} {m.country_of_origin or '??'} "
                f"{m.origin_status} {display_money(m.value)} {currency}: {m.reason}"
            )
    if alt.de_minimis:
        dm = alt.de_minimis
        out.append(
            f"      de minimis ({dm.citation}): {display_money(dm.failing_value)} {currency}"
            + (
                f" = {display_percent(dm.share)}% of {dm.base_name.replace('_', ' ')}"
                if dm.share is not None and dm.base_name
                else ""
            )
            + f", limit {dm.max_percent}%: {_MARK[dm.passed]}"
        )
    out.extend(f"      {_rvc_line(r, currency)}" for r in alt.rvc)
    return out


def _heading(d: Determination, color: bool) -> str:
    status = d.status.value + (f" (criterion {d.criterion})" if d.criterion else "")
    if color:
        status = click.style(status, fg=_COLORS[d.status], bold=True)
    return (
        f"{d.good_part_number}  {d.description}  HS {d.hs_code}"
        + (f" / {d.tariff_item}" if d.tariff_item else "")
        + f"  [{d.evaluation_date}, {d.date_source}]: {status}"
    )


def _values(f: Figures) -> str:
    values = [f"VNM {display_money(f.vnm)} {f.currency}"]
    if f.transaction_value is not None:
        values.append(f"TV {display_money(f.transaction_value)}")
    if f.net_cost is not None:
        values.append(f"NC {display_money(f.net_cost)}")
    values.append(f"China {display_money(f.value_china)}")
    return "  " + ", ".join(values)


def _rule(rule: RuleRef) -> list[str]:
    until = f" until {rule.effective_to}" if rule.effective_to else ""
    out = [f"  Rule {rule.id}: {rule.citation} (in force from {rule.effective_from}{until})"]
    out.extend(textwrap.wrap(rule.text, 96, initial_indent='    "', subsequent_indent="     "))
    out[-1] += '"'
    return out


def _headroom(h: Headroom, currency: str) -> str:
    line = (
        f"  Headroom: {display_money(h.value)} {currency} more non-originating value "
        f"({display_percent(h.points)} points above {h.threshold}% "
        f"{h.method.replace('_', ' ')})"
    )
    if h.critical_materials:
        line += "; sourced from China, each alone would fail it: " + ", ".join(h.critical_materials)
    return line


def _good(d: Determination, color: bool) -> list[str]:
    """A good's stages in the order the engine decides them: materials as counted, the rule
    (or the set), criteria, Chapter 4 conditions, the automotive overlay, then the verdict."""
    currency = d.figures.currency
    out = ["", _heading(d, color), _values(d.figures)]
    if d.materials is not None:
        out.extend(materials_lines(d.materials, currency))
    if d.rule:
        out.extend(_rule(d.rule))
    for alt in d.alternatives:
        out.extend(_alternative(alt, currency))
    if d.set_result is not None:
        out.extend(set_lines(d.set_result, currency))
    out.extend(
        f"  Criterion {c.criterion}: {'NOT NEEDED' if c.not_needed else _MARK[c.met]}: {c.why}"
        for c in d.criteria
    )
    out.extend(condition_lines(d.conditions, color))
    if d.automotive is not None:
        out.extend(automotive_lines(d.automotive))
    out.extend(verdict_lines(d.message))
    if d.missing:
        out.append("  Missing data: " + "; ".join(str(m) for m in d.missing))
    if d.headroom:
        out.append(_headroom(d.headroom, currency))
    out.extend(evidence_lines(d))
    return out


def _flag(finding: Finding, color: bool) -> list[str]:
    sev = finding.severity.value.upper()
    if color:
        sev = click.style(sev, fg=_SEVERITY_COLORS[finding.severity.value], bold=True)
    head = f"  [{sev}] {finding.rule_id} {finding.subject}: {finding.message}"
    if finding.threshold:
        head += f" (threshold {finding.threshold})"
    out = [head]
    if finding.suppressed:
        s = finding.suppressed
        out.append(f"      SUPPRESSED by {s.owner}: {s.reason}")
    for e in finding.evidence:
        where = ":".join(p for p in (e.source, e.location) if p)
        field = f" [{e.field}]" if e.field else ""
        value = f" {e.value}" if e.value else ""
        note = f" ({e.note})" if e.note else ""
        out.append(f"      evidence {where}{field}{value}{note}")
    out.append(f"      cites {finding.citation}")
    return out


def _errors_line(errors: list[ErrorRecord]) -> str:
    """What a shipment's errors mean for the report, and where each one is listed."""
    bugs = sum(1 for error in errors if error.kind == INTERNAL_ERROR_KIND)
    counts = [f"{len(errors) - bugs} input error(s)"] if len(errors) > bugs else []
    counts += [f"{bugs} internal error(s) of roo-check"] if bugs else []
    return (
        f"ERROR: {' and '.join(counts)}, so the shipment was not checked (each is printed on "
        "standard error and listed in the JSON report)"
    )


def _shipment(result: ShipmentResult, color: bool) -> list[str]:
    out = ["", f"== {result.name} =="]
    for src in result.inputs:
        out.append(f"  input {src.path} sha256:{src.sha256[:16]}")
    out.extend(f"  note {note}" for note in result.notes)
    if result.errors:
        # Each error is printed once, on standard error (roo-check check): here, the count.
        line = f"  {_errors_line(result.errors)}"
        out.append(click.style(line, fg="red") if color else line)
    if result.determinations:
        rows = [["GOOD", "HS", "STATUS", "CRIT", "RULE", "RVC TV", "RVC NC"]]
        for d in result.determinations:
            rows.append(
                [
                    d.good_part_number,
                    d.hs_code,
                    d.status.value,
                    d.criterion or "-",
                    d.rule.id if d.rule else "-",
                    _pct(d.figures.rvc_transaction_value),
                    _pct(d.figures.rvc_net_cost),
                ]
            )
        out.extend("  " + line for line in _table(rows))
    for d in result.determinations:
        out.extend(_good(d, color))
    flags = [f for f in result.findings if f.kind is FindingKind.flag]
    out.extend(["", f"Flags ({len(flags)}):" if flags else "Flags: none"])
    for finding in flags:
        out.extend(_flag(finding, color))
    return out


def render(report: Report, options: RenderOptions | None = None) -> str:
    color = bool(options and options.color)
    if options and options.quiet:
        return _quiet(report, options)
    lines = [
        f"roo-check {report.version}  rules sha256:{report.ruleset_hash[:16]}  "
        f"dates: {report.date_source}",
        "Screening aid, not a legal ruling: check the figures and citations before claiming.",
    ]
    if report.config:
        lines.append(f"configuration {report.config.path} sha256:{report.config.sha256[:16]}")
    for result in report.shipments:
        lines.extend(_shipment(result, color))
    if report.batch_findings:
        lines.extend(["", f"Across all shipments ({len(report.batch_findings)}):"])
        for finding in report.batch_findings:
            lines.extend(_flag(finding, color))
    goods = [d for r in report.shipments for d in r.determinations]
    counts = {s: sum(1 for d in goods if d.status is s) for s in Status}
    errors = sum(len(r.errors) for r in report.shipments)
    flags = [
        f for r in report.shipments for f in r.findings if f.kind is FindingKind.flag
    ] + report.batch_findings
    by_severity = {
        sev: sum(1 for f in flags if f.severity.value == sev and not f.suppressed)
        for sev in ("error", "warning", "info")
    }
    suppressed = sum(1 for f in flags if f.suppressed)
    lines += [
        "",
        f"Summary: {len(goods)} good(s): {counts[Status.originating]} originating, "
        f"{counts[Status.not_originating]} not originating, "
        f"{counts[Status.cannot_decide]} cannot decide; flags: {by_severity['error']} error, "
        f"{by_severity['warning']} warning, {by_severity['info']} info, {suppressed} suppressed; "
        f"{errors} input error(s)",
    ]
    return _one_line_each(lines, color)


def _quiet(report: Report, options: RenderOptions) -> str:
    """Only what needs attention, one line each in ruff's ``path:row:col: CODE message``
    form, which editors and CI log viewers turn into links: each finding at the fail level
    that configuration does not accept (a good not originating, a failed requirement, a risk
    flag), as

    ``samples/03-control-panel-fails/bom.csv:2:1: CN001 [warning] good CP-480: message``

    The path is the file of the finding's first evidence (as the report records it) and the
    row its line when that is a CSV row. The column is always 1: a table's cells have no
    column position worth giving, the row is the place. A finding with no row is
    ``path: CODE ...`` (ruff's form for a whole file), at its file, or at the shipment
    (folder, workbook or BOM file) when it has no evidence: a good's determination. Then a
    summary line."""
    lines = [
        _attention_line(item)
        for item in items(
            report,
            lambda f: f.suppressed is None and f.fails(options.fail_on),
            shipment_path,
            BATCH,
            errors=False,
        )
    ]
    goods = sum(len(r.determinations) for r in report.shipments)
    errors = sum(len(r.errors) for r in report.shipments)
    # Input errors are printed once, on standard error (roo_check.cli); counted here.
    said = f", {errors} input error(s) on standard error" if errors else ""
    lines.append(f"roo-check: {goods} good(s) checked, {len(lines)} item(s) need attention{said}")
    return _one_line_each(lines, False)


def _attention_line(item: Item) -> str:
    where = f"{item.path}:{item.row}:1" if item.row else item.path
    return f"{where}: {item.code} [{item.severity}] {item.text}"


def _one_line_each(lines: list[str], color: bool) -> str:
    """Join the lines, each escaped to stay one line: a description or folder name holding a
    newline or a terminal escape must not forge a line of the report in a CI log. On a colour
    terminal, colour codes (SGR sequences, which cannot move the cursor) are kept."""
    from roo_check.errors import printable

    safe = [printable(line) for line in lines]
    if color:
        safe = [_SGR.sub("\x1b[\\1m", line) for line in safe]
    return "\n".join(safe) + "\n"


_SGR = re.compile(r"\\x1b\[([0-9;]*)m")
