"""The Part 6 block of a good in the text report: category, each check, content figures."""

from __future__ import annotations

from roo_check.models.automotive_result import AutoCheck, AutomotiveResult, Threshold
from roo_check.money import display_money

_MARK = {True: "MET", False: "NOT MET", None: "CANNOT DECIDE"}


def _threshold(t: Threshold) -> str:
    figure = f"{t.percent}%" if t.percent is not None else f"{t.value} {t.unit or ''}".strip()
    span = f"{t.effective_from or '-'}..{t.effective_to or 'open'}"
    steps = " / ".join(
        f"{s.percent}% from {s.effective_from}" for s in t.steps if s.percent is not None
    )
    schedule = f"; schedule {t.schedule}: {steps}" if len(t.steps) > 1 and steps else ""
    return f"{t.measure.replace('_', ' ')} {figure} [{span}] ({t.citation}{schedule})"


def _check(check: AutoCheck, indent: str, shown: list[Threshold] | None = None) -> list[str]:
    """One check; a sub-check repeats no threshold its parent already printed."""
    out = [f"{indent}{check.id} {check.name}: {_MARK[check.passed]}: {check.reason}"]
    if check.figures:
        out.append(
            f"{indent}    figures: " + "; ".join(f"{k} {v}" for k, v in check.figures.items())
        )
    out.extend(
        f"{indent}    threshold: {_threshold(t)}"
        for t in check.thresholds
        if not shown or t not in shown
    )
    if check.missing:
        out.append(f"{indent}    missing: " + "; ".join(check.missing))
    for sub in check.parts:
        out.extend(_check(sub, indent + "    ", check.thresholds))
    return out


def automotive_lines(result: AutomotiveResult) -> list[str]:
    regime = "" if result.regime == "standard" else f", {result.regime}"
    out = [
        f"  Automotive (SOR/2020-155 Part 6): {result.category}{regime}: {_MARK[result.passed]}",
        f"    placed by: {result.basis} ({result.citation})",
    ]
    for check in result.checks:
        out.extend(_check(check, "    "))
    out.extend(f"    note: {n}" for n in result.notes)
    c = result.content
    if c is not None:
        value = f"{c.value_basis} {display_money(c.value)}" if c.value is not None else "no value"
        line = (
            f"    content ({c.currency}, {value}): US {display_money(c.us_content)}, "
            f"USMCA {display_money(c.usmca_content)}, non-USMCA "
            f"{display_money(c.non_usmca_content)}, unknown origin "
            f"{display_money(c.unknown_origin)}"
        )
        if c.not_in_materials is not None:
            line += f", not in materials {display_money(c.not_in_materials)}"
        if c.non_us_content is not None:
            line += f"; non-US content {display_money(c.non_us_content)}"
        out.append(line)
        out.append(f"      ({c.note} {c.citation})")
    return out
