"""A rule in a few words, as ``roo-check rules list`` and ``rules diff`` show it."""

from __future__ import annotations

from roo_check.rulebook.schema import Alternative, ProductRule


def rule_summary(rule: ProductRule) -> str:
    return " | ".join(alternative_summary(a) for a in rule.alternatives)


def alternative_summary(alt: Alternative) -> str:
    """An alternative in a few words: (B) CTH or from 8402.90 + RVC TV 60/NC 50."""
    parts = []
    if alt.good:
        parts.append(f"[{alt.good}]")
    if alt.shift is None:
        parts.append("no change required")
    else:
        level = alt.shift.from_any_other
        short = {"chapter": "CC", "heading": "CTH", "subheading": "CTSH", "tariff_item": "CTI"}
        text = short.get(level.value, "") if level else "from"
        if alt.shift.outside_group:
            text += " outside group"
        if alt.shift.from_:
            text += " or from " + ", ".join(str(c) for c in alt.shift.from_)
        if alt.shift.except_ or alt.shift.except_goods or alt.shift.except_more_than_one_of:
            text += " except ..."
        parts.append(text.strip())
    if alt.rvc:
        methods = []
        if alt.rvc.transaction_value is not None:
            methods.append(f"TV {alt.rvc.transaction_value}")
        if alt.rvc.net_cost is not None:
            methods.append(f"NC {alt.rvc.net_cost}")
        parts.append("RVC " + "/".join(methods))
    if alt.conditions:
        parts.append("+ condition")
    return f"({alt.label}) " + " + ".join(parts)
