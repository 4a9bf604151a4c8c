"""JSON report: the Report model as documented, keys sorted, money and percentages as strings.

Decimals are written as strings so no reader turns them into floats; the report is
byte-identical for identical inputs, rules and dates.

The text is the standard library's ``json.dumps(indent=2, sort_keys=True,
ensure_ascii=False)``, byte for byte, whichever encoder writes it: :func:`dumps` asks orjson
first (over ten times faster on a large report) and the standard library for what orjson
declines (:mod:`roo_check.jsontext`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from roo_check.jsontext import dumps
from roo_check.models.findings import Report, ShipmentResult
from roo_check.reporters import RenderOptions


def render(report: Report, options: RenderOptions | None = None) -> str:
    return "".join(stream(report, options))


def stream(report: Report, options: RenderOptions | None = None) -> Iterator[str]:
    """The report's text in pieces, one shipment record or determination at a time, so a
    writer never holds the whole report as one dict or one string (a million-line shipment's
    report is gigabytes). The pieces join to exactly ``dumps(report.model_dump(mode="json"))``:
    each model is dumped on its own and its indented text moved to its depth."""
    rest = report.model_dump(mode="json", exclude=set(_STREAMED_IN_REPORT))
    streamed = {
        "shipments": (_Stream(*_shipment(s)) for s in report.shipments),
        "batch_findings": (f.model_dump(mode="json") for f in report.batch_findings),
    }
    counts = {"shipments": len(report.shipments), "batch_findings": len(report.batch_findings)}
    yield from _object(rest, streamed, counts, 0)
    yield "\n"


_STREAMED_IN_REPORT = ("shipments", "batch_findings")
_STREAMED_IN_SHIPMENT = ("determinations", "findings")


@dataclass(frozen=True)
class _Stream:
    """An object some of whose lists are written item by item."""

    rest: dict[str, Any]
    lists: dict[str, Iterator[Any]]
    counts: dict[str, int]


def _shipment(shipment: ShipmentResult) -> tuple[dict, dict, dict]:
    rest = shipment.model_dump(mode="json", exclude=set(_STREAMED_IN_SHIPMENT))
    lists = {
        "determinations": (d.model_dump(mode="json") for d in shipment.determinations),
        "findings": (f.model_dump(mode="json") for f in shipment.findings),
    }
    counts = {"determinations": len(shipment.determinations), "findings": len(shipment.findings)}
    return rest, lists, counts


def _object(
    rest: dict[str, Any], lists: dict[str, Iterator[Any]], counts: dict[str, int], depth: int
) -> Iterator[str]:
    keys = sorted([*rest, *lists])
    if not keys:
        yield "{}"
        return
    inner = "  " * (depth + 1)
    yield "{\n"
    for index, key in enumerate(keys):
        yield f"{inner}{dumps(key)}: "
        if key in lists:
            yield from _list(lists[key], counts[key], depth + 1)
        else:
            yield _at_depth(rest[key], depth + 1)
        yield ",\n" if index < len(keys) - 1 else "\n"
    yield "  " * depth + "}"


def _list(items: Iterator[Any], count: int, depth: int) -> Iterator[str]:
    if not count:
        yield "[]"
        return
    inner = "  " * (depth + 1)
    yield "[\n"
    for index, item in enumerate(items):
        yield inner
        if isinstance(item, _Stream):
            yield from _object(item.rest, item.lists, item.counts, depth + 1)
        else:
            yield _at_depth(item, depth + 1)
        yield ",\n" if index < count - 1 else "\n"
    yield "  " * depth + "]"


def _at_depth(value: Any, depth: int) -> str:
    """``value`` indented as if written ``depth`` levels deep (JSON text has no raw newline
    inside a string, so every newline starts a line to indent)."""
    return dumps(value).replace("\n", "\n" + "  " * depth)
