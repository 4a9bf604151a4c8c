"""The Part 6 block in the HTML and JSON reports (text, CSV, JUnit, SARIF: golden files)."""

from __future__ import annotations

import json
from html.parser import HTMLParser

from roo_check.reporters import RenderOptions, renderer
from tests.unit.report_support import ROOT, check

SAMPLES = [ROOT / "samples" / name for name in ("20-sedan-qualifies", "22-ev-battery-core-part")]


class _Checks(HTMLParser):
    """Collects the data-check ids of the automotive table rows, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.checks: list[str] = []
        self.top: list[str] = []
        self.sections = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "tr" and found.get("data-check"):
            self.checks.append(found["data-check"] or "")
            if "depth-0" in (found.get("class") or ""):
                self.top.append(found["data-check"] or "")
        if tag == "section" and found.get("class") == "automotive":
            self.sections += 1


def test_html_shows_each_check_with_its_threshold_in_force(rulebook) -> None:
    html = renderer("html")(check(rulebook, *SAMPLES), RenderOptions())
    parser = _Checks()
    parser.feed(html)
    assert parser.sections == 2
    vehicle = ["AUTO-PV-RVC", "AUTO-CORE-PARTS", "AUTO-STEEL", "AUTO-ALUMINUM", "AUTO-LVC"]
    assert parser.top == vehicle * 2
    assert "AUTO-LVC-WAGE" in parser.checks  # each plant's wage test is a row
    assert "schedule <code>AUTO-PV-RVC</code>: 66% from 2020-07-01" in html
    assert "US content" in html and "non-USMCA content" in html


def test_json_carries_the_automotive_result(rulebook) -> None:
    report = json.loads(renderer("json")(check(rulebook, *SAMPLES), RenderOptions()))
    sedan = report["shipments"][0]["determinations"][0]["automotive"]
    assert sedan["category"] == "passenger vehicle" and sedan["passed"] is True
    lvc = next(c for c in sedan["checks"] if c["id"] == "AUTO-LVC")
    assert lvc["figures"]["lvc"] == "41.54"
    assert sedan["content"]["us_content"] == "3800.00"
