"""The HTML report: one self-contained file (inline CSS and SVG) for analysts and auditors.

The template does the presentation; this module only prepares a view model from the Report:
anchors, counts, the order of things, the geometry of the two drawings (routing strip and
value bar) and the named pages of the printed report (running headers). Every figure printed
comes from the report and is formatted by roo_check.money; the only arithmetic here is
drawing geometry (the length of a bar, where a threshold line falls on it, where a label
goes), from amounts already in the report, and none of it is printed as a figure.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from decimal import Decimal

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from roo_check.models.automotive_result import AutoCheck, AutomotiveResult, Threshold
from roo_check.models.declarations import ClaimStatus
from roo_check.models.findings import (
    CriterionResult,
    Determination,
    Figures,
    Finding,
    FindingKind,
    Report,
    RouteLeg,
    RuleRef,
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
CHART_WIDTH = Decimal(760)
STRIP_WIDTH = Decimal(760)
STRIP_MARGIN = Decimal(80)
_TENTH = Decimal("0.1")
# The width of one character of an 11px label (bold: a little wider), in drawing units: an
# upper estimate for Liberation Sans and DejaVu Sans digits and capitals, so that labels
# placed apart by it never touch.
CHAR_WIDTH = Decimal("6.2")
BOLD_CHAR_WIDTH = Decimal("6.9")
LABEL_GAP = Decimal(6)


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
    """The line of one RVC threshold: where the non-originating bar must end, on the scale of
    the bar, for the RVC under ``method`` to be met; its label sits in the row above the bar
    at ``label_x`` (moved aside when two labels would touch)."""

    method: str
    threshold: Decimal
    x: Decimal
    label: str
    label_x: Decimal


@dataclass(frozen=True)
class ValueBar:
    """Composition of a good's value, drawn relative to its TV (or NC when no TV is given)."""

    base_name: str
    base_abbreviation: str
    base: Decimal
    base_x: Decimal
    segments: list[Segment]
    china: Segment
    unknown: Segment | None
    thresholds: list[ThresholdMark]


def _bases(f: Figures) -> dict[str, Decimal]:
    """The RVC bases the good states (a method without its base draws no line)."""
    given = {"transaction_value": f.transaction_value, "net_cost": f.net_cost}
    return {method: v for method, v in given.items() if v is not None and v > 0}


def applicable_thresholds(d: Determination) -> list[tuple[str, Decimal]]:
    """Each (method, threshold) of an alternative that applies to the good, whichever its
    method: a vehicle rule under the net cost method alone draws its line too. An
    alternative that does not apply (another kind of good) draws none."""
    found = {
        (r.method, r.threshold)
        for alt in d.alternatives
        if alt.applicable is not False
        for r in alt.rvc
        if 0 <= r.threshold <= 100
    }
    return sorted(found)


def label_width(text: str, bold: bool = False) -> Decimal:
    return len(text) * (BOLD_CHAR_WIDTH if bold else CHAR_WIDTH)


def spread(centres: list[Decimal], widths: list[Decimal], right: Decimal) -> list[Decimal]:
    """Left edges for labels wanted centred on ``centres`` (in increasing order) in one row
    from 0 to ``right``, moved apart so that no two touch."""
    lefts: list[Decimal] = []
    edge = Decimal(0)
    for centre, width in zip(centres, widths, strict=True):
        left = max(centre - width / 2, edge)
        lefts.append(left)
        edge = left + width + LABEL_GAP
    edge = right
    for i in reversed(range(len(lefts))):
        lefts[i] = min(lefts[i], edge - widths[i])
        edge = lefts[i] - LABEL_GAP
    return [left.quantize(_TENTH) for left in lefts]


def _threshold_marks(d: Determination, scale: Decimal) -> list[ThresholdMark]:
    # RVC >= t % means VNM <= (100 - t) % of the method's base: the line marks that largest
    # VNM, on the bar's scale (the net cost line of a good drawn against its TV sits at
    # (100 - t) % of the net cost).
    bases = _bases(d.figures)
    wanted = [(m, t) for m, t in applicable_thresholds(d) if m in bases]
    xs = [BAR_LEFT + _units(bases[m] * (100 - t) / 100, scale, BAR_WIDTH) for m, t in wanted]
    order = sorted(range(len(wanted)), key=lambda i: (xs[i], wanted[i]))
    labels = [f"RVC {wanted[i][1]}% {METHOD_ABBREVIATIONS[wanted[i][0]]}" for i in order]
    lefts = spread(
        [xs[i] for i in order], [label_width(text, bold=True) for text in labels], CHART_WIDTH
    )
    return [
        ThresholdMark(wanted[i][0], wanted[i][1], xs[i], text, left)
        for i, text, left in zip(order, labels, lefts, strict=True)
    ]


def _line_amounts(d: Determination) -> list[Decimal]:
    bases = _bases(d.figures)
    return [bases[m] * (100 - t) / 100 for m, t in applicable_thresholds(d) if m in bases]


def value_bar(d: Determination) -> ValueBar | None:
    f = d.figures
    bases = _bases(f)
    if not bases:
        return None
    base_name = next(iter(bases))  # the transaction value when given, else the net cost
    base = bases[base_name]
    scale = max(
        base,
        f.value_of_materials,
        f.vnm,
        f.value_china,
        f.value_unknown_status,
        *_line_amounts(d),
    )
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
    # Unknown origin status is drawn only when there is some: a bar of 0.00 says nothing.
    unknown = None
    if f.value_unknown_status > 0:
        unknown = Segment(
            "unknown",
            "of which of unknown origin status",
            f.value_unknown_status,
            BAR_LEFT,
            _units(f.value_unknown_status, scale, BAR_WIDTH),
        )
    return ValueBar(
        base_name=base_name.replace("_", " "),
        base_abbreviation=METHOD_ABBREVIATIONS[base_name],
        base=base,
        base_x=BAR_LEFT + _units(base, scale, BAR_WIDTH),
        segments=segments,
        china=china,
        unknown=unknown,
        thresholds=_threshold_marks(d, scale),
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
    within_parties: bool = False
    """Both ends in USMCA Parties: customs control is no condition there (Art. 4.18 asks it
    only of goods in the territory of a non-Party), so the leg is drawn plain."""


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
        hops=[
            Hop(xs[a], xs[b], control, i, stops[a].party and stops[b].party)
            for i, (a, b, control) in enumerate(ends)
        ],
        width=STRIP_WIDTH,
    )


def criterion_mark(c: CriterionResult) -> tuple[str, str, str]:
    """The badge of one origin criterion and its reason: (css class, word, reason). A
    criterion the engine did not need (the rule was met first) is not "NOT MET"."""
    if c.not_needed:
        return "not-checked", "NOT NEEDED", c.why
    word = MARKS[c.met]
    return word.lower().replace(" ", "-"), word, c.reason


# Damage a transcription leaves in legal text that no edition of the law prints: doubled or
# crossed list punctuation ("8538.90 or,, whether ..."). Checked against every rule text of
# the bundled rule set: only the damaged line matches.
_DAMAGE = re.compile(r"(?:\S+\s+)?\S*[,;]\s*[,;]")
# Notes of the rule data that say its text is not as printed: the transcriber's marks ([sic],
# gaps) and repairs from another source (rulegen writes them with these prefixes).
SOURCE_NOTE_PREFIXES = ("transcription note:", "repaired:")


def damage_in_text(text: str) -> str | None:
    """The damaged words of a legal text, if it shows damage."""
    found = _DAMAGE.search(text)
    return found.group(0) if found else None


def source_notes(rule: RuleRef) -> list[str]:
    """The notes of the rule data about its own text (reviewer notes are left out)."""
    return [n for n in rule.notes if n.startswith(SOURCE_NOTE_PREFIXES)]


def _all_checks(checks: Iterable[AutoCheck]) -> Iterator[AutoCheck]:
    for c in checks:
        yield c
        yield from _all_checks(c.parts)


def threshold_table(a: AutomotiveResult) -> list[Threshold]:
    """Each threshold of a good's Part 6 checks once, in the order first met: a vehicle's
    core parts all answer to the same schedule, which is shown once and referred to."""
    unique: list[Threshold] = []
    for t in (t for check in _all_checks(a.checks) for t in check.thresholds):
        if t not in unique:
            unique.append(t)
    return unique


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


def _good(si: int, gi: int, d: Determination, flags: list[dict]) -> dict:
    # A shipment-wide flag (routing, invoice) concerns every good of the shipment.
    own = [f for f in flags if f["finding"].good_part_number in (None, d.good_part_number)]
    return {
        "anchor": f"good-{si + 1}-{gi + 1}",
        "d": d,
        "bar": value_bar(d),
        "flags": own,
        "open_flags": sum(1 for f in own if not f["finding"].suppressed),
        "thresholds": threshold_table(d.automotive) if d.automotive else [],
        "rule_damage": damage_in_text(d.rule.text) if d.rule else None,
        "rule_notes": source_notes(d.rule) if d.rule else [],
    }


def _shipment(si: int, result: ShipmentResult) -> dict:
    flags = [
        {"anchor": f"flag-{si + 1}-{fi + 1}", "finding": f}
        for fi, f in enumerate(_flags(result.findings))
    ]
    goods = [_good(si, gi, d, flags) for gi, d in enumerate(result.determinations)]
    return {
        "anchor": f"shipment-{si + 1}",
        "result": result,
        "strip": routing_strip(list(getattr(result, "routing", None) or [])),
        "goods": goods,
        "flags": flags,
    }


# ------------------------------------------------------------------------------ print

PAPER_SIZES = {"letter": "letter", "a4": "A4"}
"""``RenderOptions.paper`` as the CSS ``@page`` size."""
HEADER_LIMIT = 70
"""Characters of a running header, so that it stays on one line of its margin box."""
_CSS_PLAIN = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,:;()/_-")


@dataclass(frozen=True)
class PrintPage:
    """A named page of the printed report: its running header (left: the shipment, right:
    the good or part of it) on every sheet of the parts of the report with these ids."""

    name: str
    left: str
    right: str
    ids: list[str]


def css_string(text: str) -> Markup:
    """``text`` as a quoted CSS string, safe in a <style> element whatever it holds: every
    character outside a plain set is written as a CSS hex escape, so no quote, backslash or
    ``</style>`` survives; long text is cut to fit its margin box."""
    if len(text) > HEADER_LIMIT:
        text = text[: HEADER_LIMIT - 1] + "…"
    escaped = "".join(ch if ch in _CSS_PLAIN else f"\\{ord(ch):x} " for ch in text)
    return Markup(f'"{escaped}"')  # every character is escaped above


def paper_size(paper: str) -> str:
    try:
        return PAPER_SIZES[paper]
    except KeyError:
        raise ValueError(
            f"paper {paper!r} is not known; the sizes are {', '.join(PAPER_SIZES)}"
        ) from None


def _shipment_pages(s: dict) -> list[PrintPage]:
    """The named pages of one shipment. Its own parts (heading, input errors, routing) share
    its first good's pages, so that a short heading does not take a sheet of its own; its
    flags, when there are any, get theirs, else they end its last good's."""
    left = f"Shipment {s['result'].name}"
    anchor = s["anchor"]
    named = [(g["anchor"], f"Good {g['d'].good_part_number}", [g["anchor"]]) for g in s["goods"]]
    if not named:
        named.append((anchor, "", []))
    named[0][2].append(f"{anchor}-intro")
    if s["flags"]:
        named.append((f"{anchor}-flags", f"Flags ({len(s['flags'])})", []))
    named[-1][2].append(f"{anchor}-flag-list")
    return [PrintPage(name, left, right, ids) for name, right, ids in named]


def print_pages(shipments: list[dict], batch: bool) -> list[PrintPage]:
    """Every named page of the report; the sign-off and footer share the last one."""
    pages = [page for s in shipments for page in _shipment_pages(s)]
    if batch:
        pages.append(PrintPage("batch", "Across all shipments", "Flags", ["batch"]))
    if pages:
        last = pages[-1]
        pages[-1] = replace(last, ids=[*last.ids, "sign-off", "report-footer"])
    return pages


def title_subject(report: Report) -> str:
    """What the report is about, for its title (the name a printed or saved copy carries)."""
    if len(report.shipments) != 1:
        return f"{len(report.shipments)} shipments"
    result = report.shipments[0]
    goods = [d.good_part_number for d in result.determinations]
    shown = ", ".join(goods[:3]) + (f" and {len(goods) - 3} more" if len(goods) > 3 else "")
    return f"shipment {result.name}" + (
        f", good{'s' if len(goods) > 1 else ''} {shown}" if goods else ""
    )


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
    env.filters.update(claim_mark=CLAIM_MARKS.get, criterion_mark=criterion_mark)
    env.filters.update(css_string=css_string, damage=damage_in_text)
    return env


def render(report: Report, options: RenderOptions | None = None) -> str:
    options = options or RenderOptions()
    template = _environment().get_template("html_report.html.j2")
    shipments = [_shipment(i, r) for i, r in enumerate(report.shipments)]
    batch_flags = [
        {"anchor": f"flag-batch-{i + 1}", "finding": f}
        for i, f in enumerate(_flags(report.batch_findings))
    ]
    return template.render(
        report=report,
        summary=_summary(report),
        shipments=shipments,
        batch_flags=batch_flags,
        paper=paper_size(options.paper),
        pages=print_pages(shipments, bool(batch_flags)),
        subject=title_subject(report),
        status_labels=STATUS_LABELS,
        severities=SEVERITIES,
        methods=METHOD_ABBREVIATIONS,
    )
