"""The Chapter 4 stages of a good in the text report: the materials as Chapter 4 counts them
(with the intermediate materials decided inside the good, as a tree), the set of Art. 4.17,
the conditions of Art. 4.18-4.19 and the verdict.

Every figure is one the engine returned (``MaterialsResult``, ``SetResult``, ``ArticleCheck``);
these functions only lay them out and format them with roo_check.money. The labels here are
shared with the HTML report, so that both name a treatment or an outcome the same way.
"""

from __future__ import annotations

import textwrap
from decimal import Decimal

import click

from roo_check.models.findings import IntermediateResult, MaterialsResult
from roo_check.models.stages import (
    Adjustment,
    ArticleCheck,
    FungibleResult,
    FungibleSlice,
    MaterialTreatment,
    NetCostResult,
    Outcome,
    SetComponent,
    SetResult,
)
from roo_check.money import display_money, display_percent

WIDTH = 96
MARK = {True: "MET", False: "NOT MET", None: "CANNOT DECIDE"}
OUTCOME_MARKS = {
    Outcome.met: "MET",
    Outcome.not_met: "NOT MET",
    Outcome.cannot_decide: "CANNOT DECIDE",
    Outcome.not_checked: "NOT CHECKED",
}
_OUTCOME_COLORS = {
    Outcome.met: "green",
    Outcome.not_met: "red",
    Outcome.cannot_decide: "yellow",
    Outcome.not_checked: None,
}
EXCLUDED_COST_LABELS = {
    "sales_promotion_costs": "sales promotion",
    "royalties": "royalties",
    "shipping_packing_costs": "shipping and packing",
    "non_allowable_interest": "non-allowable interest",
}
"""The Good fields Art. 4.5 takes off total cost, in the words of the net cost arithmetic."""
IN_SHIFT = {True: "yes", False: "no", None: "?"}
_COMPONENT_STATUS = {True: "originating", False: "non-originating", None: "undecided"}
_STEP = "    "


def cost_label(name: str) -> str:
    return EXCLUDED_COST_LABELS.get(name, name.replace("_", " "))


def treatment_tag(t: MaterialTreatment) -> str:
    """How a line is counted, in a word: its counted status, or for a non-originating material
    whether it faces the tariff shift (accessories and retail packaging do not)."""
    if t.counted_status != "non-originating":
        return t.counted_status
    return {True: "non-originating", False: "out of shift", None: "shift undecided"}[t.in_shift]


def article_label(check: ArticleCheck) -> str:
    """'Art. 4.18' for the rule id ORIG-4.18; any other id as it is."""
    return "Art. " + check.id.removeprefix("ORIG-") if check.id.startswith("ORIG-") else check.id


def quantity(value: Decimal) -> str:
    """Units: whole numbers as they are, fractions of a unit to two decimals."""
    whole = value.to_integral_value()
    return str(whole) if value == whole else display_percent(value)


def _money(value: Decimal | None) -> str:
    return "-" if value is None else display_money(value)


# ------------------------------------------------------------------------- materials


def net_cost_line(nc: NetCostResult) -> str:
    steps = [f"total cost {display_money(nc.total_cost)}"]
    for name, amount in nc.excluded.items():
        shown = "(not given, 0)" if amount is None else display_money(amount)
        steps.append(f"{cost_label(name)} {shown}")
    return f"net cost = {' - '.join(steps)} = {display_money(nc.net_cost)} ({nc.citation})"


def value_arithmetic(t: MaterialTreatment) -> str:
    """'value 1.50 - <applied adjustment> 0.10 - ... = counted in VNM 0.75'."""
    taken = [f" - {a.label} {display_money(a.amount)}" for a in t.adjustments if a.applied]
    return (
        f"value {display_money(t.value)}{''.join(taken)} = counted in VNM "
        f"{display_money(t.vnm_value)}"
    )


def _adjustment(a: Adjustment) -> str:
    if a.applied:
        how = "taken off" + (f", evidence: {a.evidence}" if a.evidence else "")
    else:
        how = "not taken off"
    why = f"; {a.reason}" if a.reason else ""
    return f"{a.label} {display_money(a.amount)}: {how}{why} ({a.citation})"


def _treatment(t: MaterialTreatment, currency: str, indent: str, source: bool) -> list[str]:
    row = f" row {t.row}" if t.row else ""
    vnm = f", in VNM {display_money(t.vnm_value)}" if t.counted_status == "non-originating" else ""
    why = f": {t.reason}" if t.reason else ""
    line = (
        f"{indent}[{treatment_tag(t)}] {t.part_number}{row} {t.hs_code} "
        f"{display_money(t.value)} {currency}{vnm}{why} ({t.citation})"
    )
    if source and t.source:
        line += f"; source: {t.source}"
    out = [line]
    if t.adjustments:
        out.append(f"{indent}    {value_arithmetic(t)}")
        out.extend(f"{indent}      {_adjustment(a)}" for a in t.adjustments)
    return out


def _treatments(lines: list[MaterialTreatment], currency: str, indent: str) -> list[str]:
    """Each line, indented under the sub-assembly or traced material it is an input of; the
    source of a traced material's inputs is named once, on the traced line."""
    depth_of_part: dict[str, int] = {}
    depth_of_source: dict[str, int] = {}
    out = []
    for t in lines:
        if t.parent_part_number in depth_of_part:
            depth = depth_of_part[t.parent_part_number] + 1
        elif t.source in depth_of_source and t.counted_status != "traced":
            depth = depth_of_source[t.source] + 1
        else:
            depth = 0
        depth_of_part.setdefault(t.part_number, depth)
        if t.counted_status == "traced" and t.source:
            depth_of_source[t.source] = depth
        shown = t.counted_status == "traced" or t.source not in depth_of_source
        out.extend(_treatment(t, currency, indent + "  " * depth, shown))
    return out


def _slice(s: FungibleSlice, currency: str) -> str:
    date = f" {s.date}" if s.date and str(s.date) not in s.source else ""
    unit = f" x {display_money(s.unit_value)}" if s.unit_value is not None else ""
    value = f" = {display_money(s.value)} {currency}" if s.value is not None else ""
    return f"{s.source}{date}: {quantity(s.quantity)} {s.origin_status}{unit}{value}"


def fungible_lines(f: FungibleResult, currency: str, indent: str) -> list[str]:
    out = [
        f"{indent}fungible {f.part_number} ({f.method} method, fiscal year from "
        f"{f.fiscal_year_start}): {f.withdrawal}, {quantity(f.quantity)} units"
    ]
    if f.originating_quantity is not None and f.non_originating_quantity is not None:
        share = (
            f"; non-originating share of the pool {display_percent(f.ratio * 100)}%"
            if f.ratio is not None
            else ""
        )
        out.append(
            f"{indent}    {quantity(f.originating_quantity)} originating "
            f"({_money(f.originating_value)} {currency}), "
            f"{quantity(f.non_originating_quantity)} non-originating "
            f"({_money(f.non_originating_value)} {currency}){share}"
        )
    out.extend(f"{indent}      {_slice(s, currency)}" for s in f.slices)
    undecided = "CANNOT DECIDE: " if f.passed is None else ""
    out.append(f"{indent}    {undecided}{f.reason} ({f.citation})")
    if f.missing:
        out.append(f"{indent}    missing: " + "; ".join(str(m) for m in f.missing))
    return out


def _rvc_figures(i: IntermediateResult) -> str:
    f = i.determination.figures
    parts = []
    if f.net_cost is not None:
        parts.append(f"NC {display_money(f.net_cost)}")
    parts.append(f"VNM {display_money(f.vnm)}")
    if f.rvc_transaction_value is not None:
        parts.append(f"RVC TV {display_percent(f.rvc_transaction_value)}%")
    if f.rvc_net_cost is not None:
        parts.append(f"RVC NC {display_percent(f.rvc_net_cost)}%")
    return ", ".join(parts)


def intermediate_lines(i: IntermediateResult, currency: str, indent: str) -> list[str]:
    """One designated sub-assembly as decided inside the good, and what it did to the good;
    its own materials and intermediates follow, indented further."""
    d = i.determination
    row = f" row {i.row}" if i.row else ""
    criterion = f" (criterion {d.criterion})" if d.criterion else ""
    rule = f", rule {d.rule.id}" if d.rule else ", no rule"
    out = [
        f"{indent}intermediate {i.part_number}{row} {d.hs_code}: {d.status.value}{criterion}"
        f"{rule}; {_rvc_figures(i)}"
    ]
    if i.counted_as_originating:
        out.append(
            f"{indent}    counted as originating: {display_money(i.vnm_removed)} {currency} of "
            "non-originating inputs leave VNM"
        )
    else:
        out.append(f"{indent}    not counted as originating: {i.reason}")
    out.extend(_wrapped("verdict: ", d.message, indent + _STEP))
    if d.missing:
        out.append(f"{indent}    missing: " + "; ".join(str(m) for m in d.missing))
    if d.materials is not None:
        out.extend(materials_lines(d.materials, currency, indent + _STEP, title="its materials"))
    return out


def materials_lines(
    m: MaterialsResult,
    currency: str,
    indent: str = "  ",
    title: str = "Materials as Chapter 4 counts them (Art. 4.5-4.16)",
) -> list[str]:
    out = [f"{indent}{title}: VNM {display_money(m.vnm)} {currency}"]
    inner = indent + "  "
    if m.net_cost is not None:
        out.append(f"{inner}{net_cost_line(m.net_cost)}")
    out.extend(_treatments(m.lines, currency, inner))
    for f in m.fungibles:
        out.extend(fungible_lines(f, currency, inner))
    for i in m.intermediates:
        out.extend(intermediate_lines(i, currency, inner))
    if m.missing:
        out.append(f"{inner}data not given: " + "; ".join(str(x) for x in m.missing))
    return out


# ------------------------------------------------------------------------------ set


def _component(c: SetComponent, currency: str) -> str:
    row = f" row {c.row}" if c.row else ""
    return (
        f"    {c.part_number}{row} {display_money(c.value)} {currency}: "
        f"{_COMPONENT_STATUS[c.originating]} ({c.basis})"
    )


def set_share_line(s: SetResult, currency: str) -> str:
    """'non-originating goods 8.00 = 8.00% of the transaction value (limit 10%): MET'."""
    head = f"non-originating goods {display_money(s.non_originating_value)} {currency}"
    shares = [
        f"{display_percent(s.shares[name])}% of the {name.replace('_', ' ')} {display_money(base)}"
        for name, base in s.bases.items()
        if name in s.shares
    ]
    figures = " = " + ", ".join(shares) if shares else ", no transaction value or net cost given"
    return f"{head}{figures} (limit {s.max_percent}%): {MARK[s.passed]}"


def set_lines(s: SetResult, currency: str) -> list[str]:
    out = [f"  Set (Art. 4.17): {MARK[s.passed]}: {s.reason} ({s.citation})"]
    out.extend(_component(c, currency) for c in s.components)
    out.append(f"    {set_share_line(s, currency)}")
    return out


# ----------------------------------------------------------------- conditions, verdict


def condition_lines(conditions: list[ArticleCheck], color: bool = False) -> list[str]:
    if not conditions:
        return []
    out = ["  Chapter 4 conditions:"]
    for c in conditions:
        mark = OUTCOME_MARKS[c.outcome]
        if color and _OUTCOME_COLORS[c.outcome]:
            mark = click.style(mark, fg=_OUTCOME_COLORS[c.outcome], bold=True)
        out.append(f"    {article_label(c)} {c.name}: {mark}: {c.reason}")
        out.extend(f"      evidence: {e}" for e in c.evidence)
        if c.missing:
            out.append("      missing: " + "; ".join(str(m) for m in c.missing))
    return out


def _wrapped(label: str, text: str, indent: str) -> list[str]:
    return textwrap.wrap(
        label + text,
        WIDTH,
        initial_indent=indent,
        subsequent_indent=indent + "  ",
        break_on_hyphens=False,
    )


def verdict_lines(message: str) -> list[str]:
    return _wrapped("Verdict: ", message, "  ")
