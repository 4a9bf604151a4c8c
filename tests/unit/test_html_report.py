"""The HTML report: structure, escaping of hostile input, no external resource, determinism,
and byte-identity with the reviewed golden file (regenerate: python -m tests.golden.regenerate_html).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from importlib.resources import files
from pathlib import Path

import pytest

from roo_check.models.findings import Report
from roo_check.reporters import RenderOptions, renderer
from tests.golden.regenerate_html import GOLDEN, build_report, render_golden

VOID = {"meta", "br", "hr", "img", "input", "link", "col", "area", "base", "source", "wbr"}
# Elements whose text a reader sees apart from its neighbours (cells, items, SVG labels).
SEPARATE = {
    "td",
    "th",
    "li",
    "p",
    "dt",
    "dd",
    "div",
    "tr",
    "caption",
    "text",
    "title",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "section",
    "article",
    "figure",
    "figcaption",
    "blockquote",
}
HOSTILE = "<script>alert('x')</script>"
HOSTILE_ATTR = '"><img src=x onerror=alert(1)>'


class Tree(HTMLParser):
    """Every tag with its attributes, and the whitespace-normalised text of each element with
    an id (what a reader sees there)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[tuple[str, dict[str, str | None], list[str]]] = []
        self.text_by_id: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append((tag, dict(attrs), []))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        open_tag, attributes, text = self.stack.pop()
        assert open_tag == tag, f"</{tag}> closes <{open_tag}>"
        joined = " ".join("".join(text).split())
        if attributes.get("id"):
            self.text_by_id[attributes["id"]] = joined
        if self.stack:
            self.stack[-1][2].append(f" {joined} " if tag in SEPARATE else joined)

    def handle_data(self, data: str) -> None:
        if self.stack:
            self.stack[-1][2].append(data)


def parse(html: str) -> Tree:
    tree = Tree()
    tree.feed(html)
    tree.close()
    assert not tree.stack, f"unclosed elements: {[t for t, _, _ in tree.stack]}"
    return tree


@pytest.fixture(scope="module")
def report() -> Report:
    return build_report()


@pytest.fixture(scope="module")
def html(report: Report) -> str:
    return renderer("html")(report, RenderOptions())


@pytest.fixture(scope="module")
def tree(html: str) -> Tree:
    return parse(html)


def test_matches_golden(html: str) -> None:
    assert html == GOLDEN.read_text(encoding="utf-8"), (
        "samples.html differs: run python -m tests.golden.regenerate_html and review"
    )


def test_same_report_gives_byte_identical_html(report: Report, html: str) -> None:
    again = Report.model_validate_json(report.model_dump_json())
    assert renderer("html")(again, RenderOptions()).encode() == html.encode()
    assert render_golden() == html


def test_self_contained_no_external_resource(html: str, tree: Tree) -> None:
    lowered = html.lower()
    for forbidden in ("http", "<link", "<script", "@import", "<iframe", "<object", "<embed"):
        assert forbidden not in lowered, forbidden
    for tag, attributes in tree.tags:
        assert "src" not in attributes, tag
        assert not (attributes.get("href") or "#").removeprefix("#").count(":"), attributes
        if "href" in attributes:
            assert attributes["href"].startswith("#"), attributes
    assert set(re.findall(r"url\((.)", html)) == {"#"}, "only in-document url(#...) references"


def test_document_structure(tree: Tree, html: str) -> None:
    names = [t for t, _ in tree.tags]
    assert html.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert names.count("h1") == 1
    assert names.count("style") == 1
    ids = [a["id"] for _, a in tree.tags if a.get("id")]
    assert len(ids) == len(set(ids)), "ids are unique"
    assert {"reproducibility", "summary", "inputs", "summary-goods"} <= set(ids)
    # Every table has header cells; every drawing has a title first, the legend swatches are
    # hidden from assistive technology.
    for table in re.findall(r"<table.*?</table>", html, re.S):
        assert "<th" in table
    drawings = re.findall(r'<svg\b[^>]*role="img"[^>]*>\s*<(\w+)', html)
    assert drawings and set(drawings) == {"title"}
    swatches = re.findall(r"<svg\b[^>]*>", html)
    assert all('role="img"' in s or 'aria-hidden="true"' in s for s in swatches)


def test_summary_counts(tree: Tree, report: Report) -> None:
    goods = [d for s in report.shipments for d in s.determinations]
    assert tree.text_by_id["count-goods"] == f"{len(goods)} goods checked"
    # 01, 02, 04, 14 and the two chairs of 40 originate; 03 fails its rule; 13 meets it but
    # loses origin in transit
    assert tree.text_by_id["count-originating"] == "6 originating"
    assert tree.text_by_id["count-not-originating"] == "2 not originating"
    assert tree.text_by_id["count-cannot-decide"] == "0 cannot decide"
    flags = tree.text_by_id["summary-flags"]
    assert "error warning info suppressed input errors" in flags
    # TRANS001-002 and EVID004-005 (40) errors; TRANS003-004, CN001 and CN004 (14), EVID001
    # and CN001 (40) warnings; CN001 (03) suppressed
    assert flags.endswith("4 6 0 1 1")
    assert "'84B2.10' is not an HS code" in tree.text_by_id["input-errors"]
    assert "bom.csv row 4 hs_code" in tree.text_by_id["input-errors"]


def test_reproducibility_block(tree: Tree, report: Report) -> None:
    block = tree.text_by_id["reproducibility"]
    assert f"roo-check {report.version}" in block
    assert report.ruleset_hash in block
    assert report.config is not None
    assert report.config.path in block and report.config.sha256 in block
    inputs = tree.text_by_id["inputs"]
    for shipment in report.shipments:
        for source in shipment.inputs:
            assert source.sha256 in inputs and source.path in inputs


def test_a_determination_with_its_arithmetic(tree: Tree) -> None:
    good = tree.text_by_id["good-3-1"]
    assert "CP-480" in good and "NOT ORIGINATING" in good
    assert "Rule PSR-8537" in good and "HTSUS GN 11(o)" in good
    assert "(A) NOT MET" in good and "(B) NOT MET" in good
    assert "PCA-MAIN Controller board, printed circuit assembly 2 8538.90 CN" in good
    assert "BLOCKS excluded" in good
    assert (
        "RVC (transaction value) = (TV − VNM) / TV × 100 = (6,200.00 − 3,910.00) / 6,200.00"
        " × 100 = 36.94% < 50% NOT MET" in good
    )
    assert "De minimis (DM-4.12" in good and "= 34.68% of the transaction value" in good
    assert "limit 10%: NOT MET" in good
    for criterion in "ABCD":
        assert f"{criterion} NOT MET" in good


def test_blocking_material_is_highlighted(html: str) -> None:
    rows = re.findall(r'<tr class="blocks">(.*?)</tr>', html, re.S)
    assert any("PCA-MAIN" in r and "BLOCKS" in r for r in rows)


def test_headroom_and_de_minimis_shown(tree: Tree) -> None:
    hugging = tree.text_by_id["good-6-1"]
    assert "Headroom:" in hugging and "points above" in hugging
    drill = tree.text_by_id["good-4-1"]
    assert "= 8.00% of the transaction value, limit 10%: MET" in drill


def test_routing_strip(tree: Tree) -> None:
    strip = tree.text_by_id["shipment-5-routing"]
    assert "NON-PARTY" in strip and "Colon Free Zone" in strip
    assert "NOT under customs control" in strip
    shapes = {a.get("class") for t, a in tree.tags if t in ("rect", "circle")}
    assert {"place place-party", "place place-non-party"} <= shapes


def test_no_routing_no_strip(report: Report) -> None:
    data = report.model_dump(mode="json")
    for shipment in data["shipments"]:
        shipment.pop("routing", None)
    out = renderer("html")(Report.model_validate(data), RenderOptions())
    assert "routing-strip" not in out and "Routing legs" not in out


def test_value_bar_and_threshold(html: str, tree: Tree, report: Report) -> None:
    goods = [d for s in report.shipments for d in s.determinations]
    assert html.count('class="value-bar-chart"') == len(goods)
    boiler = tree.text_by_id["good-2-1-value"]
    assert "TV" in boiler and "RVC" in boiler
    assert 'class="threshold-line"' in html


def test_value_bar_needs_a_value(report: Report) -> None:
    data = report.model_dump(mode="json")
    figures = data["shipments"][0]["determinations"][0]["figures"]
    figures["transaction_value"] = figures["net_cost"] = None
    out = renderer("html")(Report.model_validate(data), RenderOptions())
    assert "No value bar: neither a transaction value nor a net cost is given." in out


def test_flag_with_evidence_and_suppression(tree: Tree, html: str) -> None:
    trans = tree.text_by_id["flag-5-1"]
    assert trans.startswith("ERROR TRANS001")
    assert "samples/13-panama-routing/shipment.json:routing[0]" in trans
    assert "[under_customs_control] false" in trans
    assert "Citation USMCA Art. 4.18(b)" in trans
    suppressed = tree.text_by_id["flag-3-1"]
    assert suppressed.startswith("SUPPRESSED WARNING CN001")
    assert "j.ortega@example.com" in suppressed and "PO 5512" in suppressed
    assert 'class="flag warning suppressed"' in html


def test_print_stylesheet(html: str) -> None:
    assert "@page {\n  size: letter;" in html  # RenderOptions().paper
    assert '@bottom-right { content: "Page " counter(page) " of " counter(pages); }' in html
    assert "@media print" in html
    assert "break-inside: avoid" in html
    assert html.index('id="summary"') < html.index('id="shipment-1"')


def hostile_report(report: Report) -> Report:
    data = report.model_dump(mode="json")
    shipment = data["shipments"][2]  # 03, with a blocking material and a flag
    good = shipment["determinations"][0]
    good["good_part_number"] = HOSTILE
    good["description"] = HOSTILE_ATTR
    good["alternatives"][0]["shift"]["materials"][0]["part_number"] = HOSTILE
    good["alternatives"][0]["shift"]["materials"][0]["description"] = HOSTILE_ATTR
    good["rule"]["text"] = "</blockquote>" + HOSTILE
    flag = shipment["findings"][0]
    flag["evidence"][0]["value"] = HOSTILE
    flag["suppressed"]["reason"] = HOSTILE_ATTR
    flag["figures"] = {HOSTILE: HOSTILE_ATTR}
    shipment["name"] = HOSTILE
    routed = data["shipments"][4]
    routed["routing"][0]["to_place"] = HOSTILE_ATTR
    routed["routing"][0]["operations"] = [HOSTILE]
    return Report.model_validate(data)


def test_hostile_input_is_escaped(report: Report) -> None:
    out = renderer("html")(hostile_report(report), RenderOptions())
    lowered = out.lower()
    assert "<script" not in lowered and "<img" not in lowered
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in out
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in out
    tree = parse(out)
    assert all(tag not in ("script", "img") for tag, _ in tree.tags)
    assert HOSTILE in tree.text_by_id["good-3-1"]
    assert HOSTILE_ATTR in tree.text_by_id["shipment-5-routing"]


def test_templates_are_package_data() -> None:
    templates = files("roo_check.reporters") / "templates"
    names = {p.name for p in templates.iterdir()}
    assert {"html_report.html.j2", "html_report.css", "_macros.html.j2", "_good.html.j2"} <= names


def test_templates_are_not_git_ignored() -> None:
    """The wheel builder leaves out git-ignored files: an ignored template ships a broken wheel."""
    root = Path(__file__).resolve().parents[2]
    if shutil.which("git") is None or not (root / ".git").exists():
        pytest.skip("not a git checkout")
    templates = sorted(str(p) for p in (root / "roo_check/reporters/templates").iterdir())
    ignored = subprocess.run(
        ["git", "check-ignore", "--no-index", *templates],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert ignored.stdout == "", f"git-ignored templates: {ignored.stdout}"


def test_routing_strip_places_in_order() -> None:
    from roo_check.models.findings import RouteLeg
    from roo_check.reporters.html import routing_strip

    legs = [
        RouteLeg(
            from_place="Monterrey",
            from_country="MX",
            to_place="Colon",
            to_country="PA",
            under_customs_control=False,
            party=False,
        ),
        RouteLeg(
            from_place="Colon",
            from_country="PA",
            to_place="Houston",
            to_country="US",
            under_customs_control=True,
            party=True,
        ),
        # Does not start where the last leg ended: a place of its own, not joined to Houston.
        RouteLeg(
            from_place="Dallas", from_country="US", to_place="Toronto", to_country="CA", party=True
        ),
    ]
    strip = routing_strip(legs)
    assert strip is not None
    assert [(p.name, p.party) for p in strip.places] == [
        ("Monterrey", True),
        ("Colon", False),
        ("Houston", True),
        ("Dallas", True),
        ("Toronto", True),
    ]
    assert [h.under_customs_control for h in strip.hops] == [False, True, None]
    assert [(h.x1, h.x2) for h in strip.hops][2] == (strip.places[3].x, strip.places[4].x)
    assert routing_strip([]) is None
