"""The HTML report: one self-contained file (inline CSS and SVG) for analysts and auditors.

The template does the presentation; this module only prepares a view model from the Report:
anchors, counts, the order of things and the geometry of the two drawings (routing strip and
value bar). Every figure printed comes from the report and is formatted by roo_check.money;
the only arithmetic here is the length of a bar, from amounts already in the report.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal

from jinja2 import Environment, PackageLoader, StrictUndefined

from roo_check.models.declarations import ClaimStatus
from roo_check.models.findings import (
    Determination,
    Finding,
    FindingKind,
    Report,
    RouteLeg,
    ShipmentResult,
    Status,
)
from roo_check.money import display_money, display_percent
from roo_check.reporters import RenderOptions
from roo_check.reporters.chapter4_text import (
    IN_SHIFT,
    OUTCOME_MARKS,
    article_label,
    cost_label,
    quantity,
    treatment_tag,
)

# The report does not carry the rule set's list of Parties for a departure point; these three
# are the USMCA Parties (Art. 1.3). Arrival points use the report's own RouteLeg.party.
PARTIES = ("CA", "MX", "US")
SEVERITIES = ("error", "warning", "info")
STATUS_LABELS = {
    Status.originating: "Originating",
    Status.not_originating: "Not originating",
    Status.cannot_decide: "Cannot decide",
}
MARKS = {True: "MET", False: "NOT MET", None: "CANNOT DECIDE"}
METHOD_ABBREVIATIONS = {"transaction_value": "TV", "net_cost": "NC"}
# A claim's status drawn as the marks already styled: supported as met, unsupported as not
# met, unverified (no register given) as not checked.
CLAIM_MARKS = {
    ClaimStatus.supported: "met",
    ClaimStatus.unsupported: "not-met",
    ClaimStatus.unverified: "not-checked",
}

# Drawing units (SVG viewBox): the value bar is BAR_WIDTH long, the routing strip STRIP_WIDTH.
BAR_LEFT = Decimal(10)
BAR_WIDTH = Decimal(560)
STRIP_WIDTH = Decimal(760)
STRIP_MARGIN = Decimal(80)
_TENTH = Decimal("0.1")


def _units(part: Decimal, whole: Decimal, length: Decimal) -> Decimal:
    """The length of ``part`` on a scale where ``whole`` is ``length`` long (drawing only)."""
    if whole <= 0 or part <= 0:
        return Decimal(0)
    return (min(part, whole) / whole * length).quantize(_TENTH)


@dataclass(frozen=True)
class Segment:
    css: str
    label: str
    amount: Decimal
    x: Decimal
    width: Decimal


@dataclass(frozen=True)
class ThresholdMark:
    method: str
    threshold: Decimal
    x: Decimal


@dataclass(frozen=True)
class ValueBar:
    """Composition of a good's value, drawn relative to its TV (or NC when no TV is given)."""

    base_name: str
    base_abbreviation: str
    base: Decimal
    base_x: Decimal
    segments: list[Segment]
    china: Segment
    unknown: Segment
    thresholds: list[ThresholdMark]


def value_bar(d: Determination) -> ValueBar | None:
    f = d.figures
    if f.transaction_value is not None and f.transaction_value > 0:
        base_name, base = "transaction_value", f.transaction_value
    elif f.net_cost is not None and f.net_cost > 0:
        base_name, base = "net_cost", f.net_cost
    else:
        return None
    scale = max(base, f.value_of_materials, f.vnm, f.value_china, f.value_unknown_status)
    originating = max(f.value_of_materials - f.vnm, Decimal(0))
    rest = max(base - f.value_of_materials, Decimal(0))
    segments, x = [], BAR_LEFT
    for css, label, amount in (
        ("non-originating", "Non-originating materials (VNM, incl. unknown status)", f.vnm),
        ("originating", "Originating materials", originating),
        ("other", "Rest of the value (labour, overhead, profit, other costs)", rest),
    ):
        width = _units(amount, scale, BAR_WIDTH)
        segments.append(Segment(css, label, amount, x, width))
        x += width
    china = Segment(
        "china",
        "of which from China",
        f.value_china,
        BAR_LEFT,
        _units(f.value_china, scale, BAR_WIDTH),
    )
    unknown = Segment(
        "unknown",
        "of which of unknown origin status",
        f.value_unknown_status,
        BAR_LEFT,
        _units(f.value_unknown_status, scale, BAR_WIDTH),
    )
    # RVC >= t % means VNM <= (100 - t) % of the base: the line marks that largest VNM.
    thresholds = sorted(
        {r.threshold for alt in d.alternatives for r in alt.rvc if r.method == base_name}
    )
    marks = [
        ThresholdMark(base_name, t, BAR_LEFT + _units(base * (100 - t) / 100, scale, BAR_WIDTH))
        for t in thresholds
        if 0 <= t <= 100
    ]
    return ValueBar(
        base_name=base_name.replace("_", " "),
        base_abbreviation=METHOD_ABBREVIATIONS[base_name],
        base=base,
        base_x=BAR_LEFT + _units(base, scale, BAR_WIDTH),
        segments=segments,
        china=china,
        unknown=unknown,
        thresholds=marks,
    )


@dataclass(frozen=True)
class Place:
    name: str
    country: str
    party: bool
    arrival: dt.date | None = None
    departure: dt.date | None = None
    x: Decimal = Decimal(0)


@dataclass(frozen=True)
class Hop:
    x1: Decimal
    x2: Decimal
    under_customs_control: bool | None
    index: int


@dataclass(frozen=True)
class RoutingStrip:
    places: list[Place]
    hops: list[Hop]
    width: Decimal


def routing_strip(legs: list[RouteLeg]) -> RoutingStrip | None:
    """Places in the order travelled; a leg that does not start where the last one ended
    starts a new place rather than being joined to it."""
    if not legs:
        return None
    stops: list[Place] = []
    ends: list[tuple[int, int, bool | None]] = []
    for leg in legs:
        if stops and (stops[-1].name, stops[-1].country) == (leg.from_place, leg.from_country):
            stops[-1] = replace(stops[-1], departure=leg.departure)
        else:
            start = Place(leg.from_place, leg.from_country, leg.from_country in PARTIES)
            stops.append(replace(start, departure=leg.departure))
        stops.append(Place(leg.to_place, leg.to_country, leg.party, arrival=leg.arrival))
        ends.append((len(stops) - 2, len(stops) - 1, leg.under_customs_control))
    step = (STRIP_WIDTH - 2 * STRIP_MARGIN) / (len(stops) - 1)
    xs = [(STRIP_MARGIN + step * i).quantize(_TENTH) for i in range(len(stops))]
    return RoutingStrip(
        places=[replace(place, x=x) for place, x in zip(stops, xs, strict=True)],
        hops=[Hop(xs[a], xs[b], control, i) for i, (a, b, control) in enumerate(ends)],
        width=STRIP_WIDTH,
    )


def _flags(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.kind is FindingKind.flag]


def _summary(report: Report) -> dict:
    goods = [d for r in report.shipments for d in r.determinations]
    flags = [f for r in report.shipments for f in _flags(r.findings)] + _flags(
        report.batch_findings
    )
    return {
        "goods": len(goods),
        "status": {
            label: sum(1 for d in goods if d.status is status)
            for status, label in STATUS_LABELS.items()
        },
        "flags": {
            sev: sum(1 for f in flags if f.severity.value == sev and not f.suppressed)
            for sev in SEVERITIES
        },
        "suppressed": sum(1 for f in flags if f.suppressed),
        "errors": [(r.name, e) for r in report.shipments for e in r.errors],
    }


def _shipment(si: int, result: ShipmentResult) -> dict:
    flags = [
        {"anchor": f"flag-{si + 1}-{fi + 1}", "finding": f}
        for fi, f in enumerate(_flags(result.findings))
    ]
    goods = []
    for gi, d in enumerate(result.determinations):
        # A shipment-wide flag (routing, invoice) concerns every good of the shipment.
        own = [f for f in flags if f["finding"].good_part_number in (None, d.good_part_number)]
        goods.append(
            {
                "anchor": f"good-{si + 1}-{gi + 1}",
                "d": d,
                "bar": value_bar(d),
                "flags": own,
                "open_flags": sum(1 for f in own if not f["finding"].suppressed),
            }
        )
    return {
        "anchor": f"shipment-{si + 1}",
        "result": result,
        "strip": routing_strip(list(getattr(result, "routing", None) or [])),
        "goods": goods,
        "flags": flags,
    }


def _pct(value: Decimal | None) -> str:
    return "–" if value is None else f"{display_percent(value)}%"


def _money(value: Decimal | None) -> str:
    return "–" if value is None else display_money(value)


def _words(value: str) -> str:
    return value.replace("_", " ")


def _share(ratio: Decimal | None) -> str:
    """A 0-1 share as a percentage (a change of unit for display, nothing computed)."""
    return "–" if ratio is None else _pct(ratio * 100)


def _chapter4_filters() -> dict:
    """How the Chapter 4 stages are named, the same words as the text report."""
    return {
        "outcome": OUTCOME_MARKS.get,
        "cost_label": cost_label,
        "tri": IN_SHIFT.get,
        "qty": quantity,
        "share": _share,
        "tag": treatment_tag,
        "article": article_label,
    }


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("roo_check.reporters", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(money=_money, pct=_pct, points=display_percent, words=_words, mark=MARKS.get)
    env.filters.update(_chapter4_filters())
    env.filters.update(claim_mark=CLAIM_MARKS.get)
    return env


def render(report: Report, options: RenderOptions | None = None) -> str:
    template = _environment().get_template("html_report.html.j2")
    return template.render(
        report=report,
        summary=_summary(report),
        shipments=[_shipment(i, r) for i, r in enumerate(report.shipments)],
        batch_flags=[
            {"anchor": f"flag-batch-{i + 1}", "finding": f}
            for i, f in enumerate(_flags(report.batch_findings))
        ],
        status_labels=STATUS_LABELS,
        severities=SEVERITIES,
        methods=METHOD_ABBREVIATIONS,
    )
