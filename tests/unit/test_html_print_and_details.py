"""The HTML report on paper and its details (issue 15, items 5 and 6).

Print: the page size follows --paper, every page is numbered and headed with its shipment and
good (named pages with margin boxes), a sign-off block closes the report, and a vehicle's
phase-in schedules are shown once per good and referred to. Details: the value bar draws the
threshold of every method that applies (a vehicle's net cost rule too) with labels that do
not collide, unknown status only when there is some, a leg within USMCA territory is not
drawn as a breach of customs control, criteria and alternatives say NOT NEEDED and NOT
APPLICABLE rather than NOT MET, and legal text the source transcribes damaged carries a note.
The same report in Chromium, printed: tests/browser/test_html_in_chromium.py.
"""

from __future__ import annotations

import itertools
import re
from decimal import Decimal
from types import SimpleNamespace

import pytest

from roo_check.models.findings import Report, RouteLeg
from roo_check.reporters import RenderOptions, renderer
from roo_check.reporters import html as report_html
from roo_check.reporters.html import (
    CHART_WIDTH,
    HEADER_LIMIT,
    css_string,
    damage_in_text,
    label_width,
    routing_strip,
    source_notes,
    spread,
    threshold_table,
    value_bar,
)
from tests.golden.regenerate_html import build_report
from tests.unit.report_support import ROOT, check
from tests.unit.test_html_report import HOSTILE, hostile_report, parse

SAMPLES = ("03-control-panel-fails", "13-panama-routing", "20-sedan-qualifies")


@pytest.fixture(scope="module")
def reports(rulebook) -> dict[str, Report]:
    return {name: check(rulebook, ROOT / "samples" / name) for name in SAMPLES}


def html_of(report: Report, paper: str = "letter") -> str:
    out = renderer("html")(report, RenderOptions(paper=paper))
    assert isinstance(out, str)
    return out


def style_of(html: str) -> str:
    assert html.count("<style>") == 1 and html.count("</style>") == 1
    return html[html.index("<style>") : html.index("</style>")]


def determination(report: Report):
    return report.shipments[0].determinations[0]


# ------------------------------------------------------------------------------ print


@pytest.mark.parametrize(("paper", "size"), [("letter", "letter"), ("a4", "A4")])
def test_page_size_follows_the_paper(reports: dict[str, Report], paper: str, size: str) -> None:
    style = style_of(html_of(reports["03-control-panel-fails"], paper))
    assert f"@page {{\n  size: {size};" in style
    assert len(re.findall(r"(?<![\w-])size:", style)) == 1, "named pages inherit the size"


def test_an_unknown_paper_is_refused(reports: dict[str, Report]) -> None:
    with pytest.raises(ValueError, match="paper 'legal' is not known; the sizes are letter, a4"):
        html_of(reports["03-control-panel-fails"], "legal")


def test_pages_are_numbered(reports: dict[str, Report]) -> None:
    style = style_of(html_of(reports["13-panama-routing"]))
    assert '@bottom-right { content: "Page " counter(page) " of " counter(pages); }' in style
    assert '@top-left { content: "USMCA rules-of-origin report"; }' in style


def test_running_header_names_the_shipment_and_the_good(reports: dict[str, Report]) -> None:
    style = style_of(html_of(reports["03-control-panel-fails"]))
    assert (
        "@page good-1-1 {\n"
        '  @top-left { content: "Shipment 03-control-panel-fails"; }\n'
        '  @top-right { content: "Good CP-480"; }\n}'
    ) in style
    # The shipment's heading and routing share its first good's pages; its flags have theirs.
    assert "#good-1-1, #shipment-1-intro { page: good-1-1; }" in style
    assert '@page shipment-1-flags {\n  @top-left { content: "Shipment 03-control' in style
    assert '@top-right { content: "Flags (1)"; }' in style
    assert "#shipment-1-flag-list, #sign-off, #report-footer { page: shipment-1-flags; }" in style


def test_the_flags_of_a_shipment_without_flags_stay_on_its_last_good(
    reports: dict[str, Report],
) -> None:
    style = style_of(html_of(reports["20-sedan-qualifies"]))
    assert "#good-1-1, #shipment-1-intro, #shipment-1-flag-list, #sign-off, #report-footer" in (
        style
    )
    assert "flags {" not in style


def test_every_named_page_is_used_once_per_part() -> None:
    html = html_of(build_report())
    style = style_of(html)
    named = re.findall(r"@page ([\w-]+) \{", style)
    assert len(named) == len(set(named))
    ids = set(re.findall(r' id="([^"]+)"', html))
    assigned = re.findall(r"^(#.*) \{ page: ([\w-]+); \}$", style, re.M)
    # 99-broken-bom (shipment 8) has no good: its heading and errors get a page of its own.
    assert {page for _, page in assigned} == set(named)
    assert "shipment-8" in named
    for selectors, _ in assigned:
        for selector in selectors.split(", "):
            assert selector.removeprefix("#") in ids, selector


def test_css_string_escapes_everything_that_could_end_it() -> None:
    text = 'a"b\\c\n</style><b>é'
    quoted = css_string(text)
    inner = str(quoted)[1:-1]
    for dangerous in ('"', "\n", "<", ">", "'"):
        assert dangerous not in inner
    assert inner == "a\\22 b\\5c c\\a \\3c /style\\3e \\3c b\\3e \\e9 "
    long = css_string("x" * 200)
    assert str(long) == '"' + "x" * (HEADER_LIMIT - 1) + '\\2026 "'


def test_hostile_names_stay_inside_their_css_string() -> None:
    html = html_of(hostile_report(build_report()))
    style = style_of(html)
    assert HOSTILE not in style and "<" not in style.removeprefix("<style>")
    assert '"Shipment \\3c script\\3e alert(\\27 x\\27 )\\3c /script\\3e "' in style


def test_title_names_what_the_report_is_about(reports: dict[str, Report]) -> None:
    one = html_of(reports["20-sedan-qualifies"])
    assert (
        "<title>roo-check report: USMCA rules of origin: shipment 20-sedan-qualifies, "
        "good SED-26</title>"
    ) in one
    assert "USMCA rules of origin: 8 shipments</title>" in html_of(build_report())


def test_sign_off_block(reports: dict[str, Report]) -> None:
    html = html_of(reports["13-panama-routing"])
    block = re.search(r'<section class="sign-off" id="sign-off".*?</section>', html, re.S)
    assert block
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th>((?:<td></td>){3})</tr>', block.group(0))
    assert [name for name, _ in rows] == ["Prepared by", "Reviewed by"]
    assert '<th scope="col">Date</th>' in block.group(0)
    assert html.index('id="sign-off"') > html.index('id="shipment-1"')


def test_a_vehicles_schedules_are_shown_once_and_referred_to(
    reports: dict[str, Report],
) -> None:
    html = html_of(reports["20-sedan-qualifies"])
    # Before: once for the vehicle and twice for each of seven core parts and the group.
    assert html.count("schedule <code>AUTO-A-RVC</code>:") == 2  # net cost, transaction value
    assert html.count("schedule <code>AUTO-PV-RVC</code>: 66% from 2020-07-01") == 1
    refs = set(re.findall(r'class="threshold-ref" href="#(good-1-1-threshold-\d+)"', html))
    rows = set(re.findall(r'<tr id="(good-1-1-threshold-\d+)">', html))
    assert refs == rows and len(rows) == len(
        threshold_table(determination(reports["20-sedan-qualifies"]).automotive)
    )
    core = re.findall(r'data-check="AUTO-CORE-PARTS">.*?</tr>', html, re.S)
    assert len(core) == 7 and all("from 2020-07-01" not in row for row in core)  # group + 6


def test_threshold_table_keeps_each_threshold_once(reports: dict[str, Report]) -> None:
    automotive = determination(reports["20-sedan-qualifies"]).automotive
    assert automotive is not None
    table = threshold_table(automotive)
    assert len(table) == len({t.model_dump_json() for t in table})
    assert [t.schedule for t in table[:3]] == ["AUTO-PV-RVC", "AUTO-A-RVC", "AUTO-A-RVC"]


# ------------------------------------------------------------------------------ value bar


def test_a_net_cost_only_vehicle_rule_draws_its_line(reports: dict[str, Report]) -> None:
    d = determination(reports["20-sedan-qualifies"])
    bar = value_bar(d)
    assert bar is not None and bar.base_abbreviation == "TV"
    # (A) 75 % net cost applies; (B) 62.5 % is for other goods and draws nothing.
    assert [(t.method, t.threshold) for t in bar.thresholds] == [("net_cost", Decimal(75))]
    html = html_of(reports["20-sedan-qualifies"])
    assert html.count('class="threshold-line" data-method="net_cost"') == 1
    assert ">RVC 75% NC</text>" in html


def test_both_methods_draw_their_lines(reports: dict[str, Report]) -> None:
    bar = value_bar(determination(reports["03-control-panel-fails"]))
    assert bar is not None
    assert {(t.method, t.threshold) for t in bar.thresholds} == {
        ("transaction_value", Decimal(50)),
        ("net_cost", Decimal(40)),
    }
    # 50 % of TV 6,200 and 60 % of NC 5,600 on the same scale: the NC line is further right.
    tv, nc = sorted(bar.thresholds, key=lambda t: t.method != "transaction_value")
    assert tv.x < nc.x


def test_threshold_labels_do_not_touch(reports: dict[str, Report]) -> None:
    for report in [*reports.values(), build_report()]:
        for result in report.shipments:
            for d in result.determinations:
                bar = value_bar(d)
                spans = sorted(
                    (t.label_x, t.label_x + label_width(t.label, bold=True))
                    for t in (bar.thresholds if bar else [])
                )
                for (_, right), (left, _) in itertools.pairwise(spans):
                    assert right < left, spans
                assert all(a >= 0 and b <= CHART_WIDTH for a, b in spans)


def test_spread_moves_crowded_labels_apart() -> None:
    widths = [Decimal(60)] * 3
    lefts = spread([Decimal(100), Decimal(105), Decimal(110)], widths, Decimal(760))
    assert all(b - a >= 60 for a, b in itertools.pairwise(lefts))
    at_edge = spread([Decimal(755), Decimal(758)], widths[:2], Decimal(760))
    assert at_edge[-1] + 60 <= 760 and at_edge[0] + 60 < at_edge[1]


def test_the_china_label_is_clear_of_the_threshold_lines(reports: dict[str, Report]) -> None:
    html = html_of(reports["03-control-panel-fails"])
    chart = re.search(r'<svg class="value-bar-chart".*?</svg>', html, re.S)
    assert chart
    lines = re.findall(r'<line class="threshold-line"[^>]* y1="(\d+)"[^>]* y2="(\d+)"', chart[0])
    china = re.search(r'<text class="svg-label" x="[\d.]+" y="(\d+)">China ', chart[0])
    assert lines and china
    # The label's glyphs reach about 9 units above its baseline; the lines end above that.
    assert all(int(y2) < int(china.group(1)) - 12 for _, y2 in lines)


def test_unknown_status_only_when_there_is_some(reports: dict[str, Report]) -> None:
    none = html_of(reports["20-sedan-qualifies"])
    assert "unknown status 0" not in none and "seg-unknown" not in none.split("</style>")[1]
    some = html_of(reports["13-panama-routing"])
    assert "unknown status 12.00" in some
    assert 'class="segment seg-unknown"' in some


# ------------------------------------------------------------------------------ routing


def leg(a: str, b: str, control: bool | None) -> RouteLeg:
    return RouteLeg(
        from_place=f"in {a}",
        from_country=a,
        to_place=f"in {b}",
        to_country=b,
        under_customs_control=control,
        party=b in ("CA", "MX", "US"),
    )


def test_a_leg_within_usmca_territory_is_not_a_breach() -> None:
    strip = routing_strip([leg("MX", "MX", False), leg("MX", "PA", False), leg("PA", "US", True)])
    assert strip is not None
    assert [h.within_parties for h in strip.hops] == [True, False, False]


def test_sample_20_draws_its_mexican_leg_plain(reports: dict[str, Report]) -> None:
    html = html_of(reports["20-sedan-qualifies"])
    strip = parse(html).text_by_id["shipment-1-routing"]
    assert "NOT under customs control" not in strip
    assert (
        'class="hop within-parties"' in html and "not-controlled" not in html.split("</style>")[1]
    )
    assert "no (within USMCA territory: not required)" in strip
    panama = html_of(reports["13-panama-routing"])
    assert '<line class="hop not-controlled"' in panama
    assert "NOT under customs control" in parse(panama).text_by_id["shipment-1-routing"]


# ------------------------------------------------------------------------------ wording


def test_criterion_d_not_needed(reports: dict[str, Report]) -> None:
    html = html_of(reports["20-sedan-qualifies"])
    row = re.search(r'<tr><th scope="row">D</th>.*?</tr>', html)
    assert row
    assert '<span class="badge mark-not-checked">NOT NEEDED</span>' in row[0]
    assert "NOT MET" not in row[0] and "<td>the product-specific rule is met</td>" in row[0]


def test_an_alternative_that_does_not_apply_is_not_not_met(reports: dict[str, Report]) -> None:
    html = html_of(reports["20-sedan-qualifies"])
    assert '<h5>(B) <span class="badge mark-not-checked">NOT APPLICABLE</span></h5>' in html
    assert re.search(r"<h5>\(B\).*NOT MET.*</h5>", html) is None
    folded = re.search(r'<details class="not-applicable">.*?</details>', html, re.S)
    assert folded and "Tariff shift of each non-originating material" in folded[0]
    failing = html_of(reports["03-control-panel-fails"])  # both apply: each is NOT MET
    assert '<h5>(B) <span class="badge mark-not-met">NOT MET</span></h5>' in failing


# ------------------------------------------------------------------------------ damaged text


def test_damaged_legal_text_carries_a_note(reports: dict[str, Report]) -> None:
    html = html_of(reports["03-control-panel-fails"])
    note = parse(html).text_by_id["good-1-1-rule-note"]
    assert note.startswith("SOURCE TEXT DAMAGED")
    assert "“8538.90 or,,”" in note and "HTSUS GN 11(o), chapter 85, heading 8537" in note
    assert html.index("</blockquote>") < html.index('id="good-1-1-rule-note"')
    # Alternative (B) prints the same words: its note refers to the rule's.
    assert '“8538.90 or,,”: see <a href="#good-1-1-rule-note">the note on the rule text</a>' in html


def test_only_the_damaged_rule_of_the_bundled_rule_set_is_marked(rulebook) -> None:
    marked = set()
    for doc in rulebook.files:
        for rule in [*doc.rules, *doc.general_rules]:
            texts = [rule.text, *(alt.text for alt in rule.alternatives)]
            marked.update(rule.id for text in texts if damage_in_text(text or ""))
    assert marked == {"PSR-8537"}
    assert damage_in_text("goods of Harris Tweed Authority, Ltd., and so") is None
    assert damage_in_text("from heading 8537 or,, whether") == "8537 or,,"


def test_the_source_notes_of_a_rule_are_shown_when_the_report_carries_them(
    reports: dict[str, Report], monkeypatch: pytest.MonkeyPatch
) -> None:
    rule = SimpleNamespace(
        notes=["transcription note: [sic]", "lint-allow: overlap: reviewed", "repaired: x"]
    )
    assert source_notes(rule) == ["transcription note: [sic]", "repaired: x"]  # type: ignore[arg-type]
    assert source_notes(SimpleNamespace(notes=[])) == []  # type: ignore[arg-type]
    monkeypatch.setattr(report_html, "source_notes", lambda rule: ["transcription note: [sic]"])
    note = parse(html_of(reports["13-panama-routing"])).text_by_id["good-1-1-rule-note"]
    assert note.startswith("NOTE ON THE SOURCE TEXT The rule data notes")
    assert note.endswith("transcription note: [sic]")
