"""``roo-check rules diff``: what differs between two rule sets, or one rule set on two dates.

The items compared are those a decision turns on: the product-specific rules and the
chapter general rules (by id), the de minimis rules, the automotive thresholds (by schedule
and measure: one row in force per date, every row otherwise) and the risk flags with their
severities and parameters. An item is compared whole (its data as loaded); the report names
the fields that differ and shows each side in a few words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from roo_check.models.report_view import ItemKind, RuleChange, RuleChangeKind
from roo_check.rulebook.index import Rulebook
from roo_check.rulebook.summary import rule_summary

_SUMMARY_CHARS = 160


@dataclass(frozen=True)
class _Item:
    summary: str
    data: dict[str, Any]


def compare_rulebooks(
    old: Rulebook, new: Rulebook, old_on: dt.date | None, new_on: dt.date | None
) -> list[RuleChange]:
    """What differs between ``old`` (in force on ``old_on``, or all of it when None) and
    ``new`` (on ``new_on``), by kind and id."""
    before, after = dict(_items(old, old_on)), dict(_items(new, new_on))
    changes = []
    for key in sorted(set(before) | set(after)):
        kind, item_id = key
        a, b = before.get(key), after.get(key)
        if a is not None and b is not None and a.data == b.data:
            continue
        if a is None or b is None:
            change = RuleChangeKind.added if a is None else RuleChangeKind.removed
            fields: tuple[str, ...] = ()
        else:
            change = RuleChangeKind.changed
            fields = tuple(
                k for k in sorted(set(a.data) | set(b.data)) if a.data.get(k) != b.data.get(k)
            )
        changes.append(
            RuleChange(
                kind=kind,
                id=item_id,
                change=change,
                old=a.summary if a else None,
                new=b.summary if b else None,
                fields=fields,
            )
        )
    return changes


def _items(rulebook: Rulebook, on: dt.date | None) -> Iterator[tuple[tuple[ItemKind, str], _Item]]:
    for rule in rulebook.rules:
        if on is None or rule.in_force(on):
            yield (ItemKind.psr, rule.id), _item(rule_summary(rule), rule)
    for general, _ in rulebook.general_rules:
        if on is None or general.in_force(on):
            yield (ItemKind.general, general.id), _item(general.text, general)
    in_force = rulebook.de_minimis(on) if on is not None else None
    for de_minimis in rulebook.criteria.de_minimis:
        if on is None or de_minimis is in_force:
            yield (
                (ItemKind.de_minimis, de_minimis.id),
                _item(f"{de_minimis.max_percent}% of {' or '.join(de_minimis.bases)}", de_minimis),
            )
    yield from _thresholds(rulebook, on)
    for flag in rulebook.flags:
        if on is None or flag.in_force(on):
            params = ", ".join(f"{k}={v}" for k, v in sorted(flag.params.items()))
            yield (
                (ItemKind.flag, flag.id),
                _item(f"{flag.severity} {flag.summary}" + (f" ({params})" if params else ""), flag),
            )


def _thresholds(
    rulebook: Rulebook, on: dt.date | None
) -> Iterator[tuple[tuple[ItemKind, str], _Item]]:
    if rulebook.automotive is None:
        return
    rows = rulebook.automotive.thresholds.thresholds
    for row in rows:
        key = f"{row.schedule} {row.measure}"
        if on is None:
            since = row.effective_from or "the start"
            yield (ItemKind.automotive, f"{key} from {since}"), _item(_threshold(row), row)
        elif rulebook.automotive.in_force(row.schedule, row.measure, on) is row:
            yield (ItemKind.automotive, key), _item(_threshold(row), row)


def _threshold(row: Any) -> str:
    if row.percent is not None:
        figure = f" {row.percent}%"
    elif row.value is not None:
        figure = f" {row.value} {row.unit or ''}".rstrip()
    else:
        figure = ""  # a test, not a figure (steel and aluminum, s. 17)
    since = f" from {row.effective_from}" if row.effective_from else ""
    until = f" to {row.effective_to}" if row.effective_to else ""
    return f"{row.category}: {row.method}{figure}{since}{until}"


def _item(summary: str, model: Any) -> _Item:
    text = " ".join(summary.split())
    if len(text) > _SUMMARY_CHARS:
        text = text[: _SUMMARY_CHARS - 3] + "..."
    return _Item(text, model.model_dump(mode="json"))
