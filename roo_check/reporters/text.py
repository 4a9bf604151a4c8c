"""The human report: a summary table, then each good's reasoning with the arithmetic shown."""

from __future__ import annotations

import textwrap

import click

from roo_check.models.findings import (
    AlternativeResult,
    Determination,
    Report,
    RvcResult,
    ShipmentResult,
    Status,
)
from roo_check.money import display_money, display_percent

_COLORS = {
    Status.originating: "green",
    Status.not_originating: "red",
    Status.cannot_decide: "yellow",
}
_MARK = {True: "MET", False: "NOT MET", None: "CANNOT DECIDE"}


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


def _good(d: Determination, color: bool) -> list[str]:
    status = d.status.value + (f" (criterion {d.criterion})" if d.criterion else "")
    if color:
        status = click.style(status, fg=_COLORS[d.status], bold=True)
    f = d.figures
    out = [
        "",
        f"{d.good_part_number}  {d.description}  HS {d.hs_code}"
        + (f" / {d.tariff_item}" if d.tariff_item else "")
        + f"  [{d.evaluation_date}, {d.date_source}]: {status}",
    ]
    values = [f"VNM {display_money(f.vnm)} {f.currency}"]
    if f.transaction_value is not None:
        values.append(f"TV {display_money(f.transaction_value)}")
    if f.net_cost is not None:
        values.append(f"NC {display_money(f.net_cost)}")
    values.append(f"China {display_money(f.value_china)}")
    out.append("  " + ", ".join(values))
    if d.rule:
        until = f" until {d.rule.effective_to}" if d.rule.effective_to else ""
        out.append(
            f"  Rule {d.rule.id}: {d.rule.citation} (in force from {d.rule.effective_from}{until})"
        )
        out.extend(
            textwrap.wrap(d.rule.text, 96, initial_indent='    "', subsequent_indent="     ")
        )
        out[-1] += '"'
    for alt in d.alternatives:
        out.extend(_alternative(alt, f.currency))
    for c in d.criteria:
        out.append(f"  Criterion {c.criterion}: {_MARK[c.met]}: {c.reason}")
    if d.missing:
        out.append("  Missing data: " + "; ".join(d.missing))
    return out


def _shipment(result: ShipmentResult, color: bool) -> list[str]:
    out = ["", f"== {result.name} =="]
    for src in result.inputs:
        out.append(f"  input {src.path} sha256:{src.sha256[:16]}")
    for error in result.errors:
        where = ":".join(p for p in (error.file, error.location) if p)
        field = f" [{error.field}]" if error.field else ""
        line = f"  ERROR {where}{field}: {error.message}"
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
    return out


def render(report: Report, color: bool = False) -> str:
    lines = [
        f"roo-check {report.version}  rules sha256:{report.ruleset_hash[:16]}  "
        f"dates: {report.date_source}",
        "Screening aid, not a legal ruling: check the figures and citations before claiming.",
    ]
    for result in report.shipments:
        lines.extend(_shipment(result, color))
    goods = [d for r in report.shipments for d in r.determinations]
    counts = {s: sum(1 for d in goods if d.status is s) for s in Status}
    errors = sum(len(r.errors) for r in report.shipments)
    lines += [
        "",
        f"Summary: {len(goods)} good(s): {counts[Status.originating]} originating, "
        f"{counts[Status.not_originating]} not originating, "
        f"{counts[Status.cannot_decide]} cannot decide; {errors} input error(s)",
    ]
    return "\n".join(lines) + "\n"
