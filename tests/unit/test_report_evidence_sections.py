"""The determination's evidence data in the reports: each originating claim against the
suppliers' declarations, the answer as claimed when --strict-evidence set claims aside, and
with --fixes the cheapest fix or the single points of failure; in the HTML report (sections
of each good) and the text report (compact lines), never in the one-line-per-item --quiet.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import lxml.html
import pytest

from roo_check.models.findings import FixResult, Report, WayCost
from roo_check.reporters import RenderOptions, renderer
from roo_check.run import check_paths
from tests.unit.report_support import ROOT, TODAY

CHAIRS = ROOT / "samples/40-office-chairs-declarations"
PANEL = ROOT / "samples/03-control-panel-fails"
MECH = (
    "declaration DECL-2026-021 is from Herrajes Industriales de Monterrey SA, not from the BOM "
    "line's supplier Mecanismos del Bajio SA (name similarity 33%, 85% needed)"
)
FOAM = "declaration DECL-2025-088 covers 2025-01-01 to 2025-12-31: expired on 2026-11-16"
ARM = "claimed originating with no evidence: name the supplier's declaration"


def run(rulebook, path, **switches: bool) -> Report:
    return check_paths([path], replace(rulebook, **switches), None, TODAY)


@pytest.fixture(scope="module")
def plain(rulebook) -> Report:
    return run(rulebook, CHAIRS)


@pytest.fixture(scope="module")
def strict(rulebook) -> Report:
    return run(rulebook, CHAIRS, strict_evidence=True, fixes=True)


@pytest.fixture(scope="module")
def panel(rulebook) -> Report:
    return run(rulebook, PANEL, fixes=True)


def html(report: Report) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(renderer("html")(report, RenderOptions()))


def text(report: Report, **options) -> list[str]:
    return renderer("text")(report, RenderOptions(**options)).splitlines()


def words(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def by_id(page: lxml.html.HtmlElement, anchor: str) -> lxml.html.HtmlElement | None:
    found = page.xpath("//*[@id=$id]", id=anchor)
    assert len(found) <= 1, f"id {anchor} is not unique"
    return found[0] if found else None


def rows(table: lxml.html.HtmlElement) -> list[list[str]]:
    return [[words(cell) for cell in tr.xpath("./th|./td")] for tr in table.xpath("./tbody/tr")]


def good_lines(lines: list[str], good: str) -> list[str]:
    """The lines of one good's block in the text report (from its heading to a blank line)."""
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{good}  "))
    end = lines.index("", start)
    return lines[start:end]


# ------------------------------------------------------------------------------------ HTML


def test_claims_table_one_row_per_claim(strict: Report) -> None:
    page = html(strict)
    section = by_id(page, "good-1-1-evidence")
    assert section is not None
    assert words(section.xpath("./h4")[0]).startswith("Evidence of originating claims")
    table = section.xpath(".//table")[0]
    assert table.xpath("./thead/tr/th")
    got = rows(table)
    assert [r[0] for r in got] == ["BASE-5S", "MECH-SYNC", "FOAM-SEAT", "ARM-PAIR"]
    base, mech, foam, arm = got
    assert base[1:4] == ["2", "Fundiciones de Jalisco SA de CV", "DECL-2026-014"]
    assert base[4].endswith("declarations.csv:row 2")
    assert base[5] == "2026-11-16 (good production_date)"
    assert base[6:] == ["SUPPORTED", "–"]
    assert mech[1:4] == ["3", "Mecanismos del Bajio SA", "DECL-2026-021"]
    assert mech[4].endswith("declarations.csv:row 3")
    assert mech[6:] == ["UNSUPPORTED", MECH]
    assert foam[6:] == ["UNSUPPORTED", FOAM]
    assert arm[1:5] == ["5", "Plasticos Tonala SA", "–", "–"]
    assert arm[6:] == ["UNSUPPORTED", ARM]
    badges = table.xpath(".//span[contains(@class, 'badge')]/@class")
    assert badges == ["badge mark-met"] + ["badge mark-not-met"] * 3
    # A register was given: no claim is unverified, so no note about it.
    assert by_id(page, "good-1-1-evidence-note") is None
    task = rows(by_id(page, "good-1-2-evidence").xpath(".//table")[0])
    assert [(r[0], r[6]) for r in task] == [
        ("BASE-5N", "SUPPORTED"),
        ("MECH-TILT", "SUPPORTED"),
        ("FOAM-TASK", "SUPPORTED"),
    ]
    assert task[1][4].endswith("declarations/DECL-2026-030.json:good 1")


def test_strict_evidence_box_gives_the_answer_as_claimed(strict: Report) -> None:
    page = html(strict)
    box = by_id(page, "good-1-1-as-claimed")
    assert box is not None
    said = words(box)
    assert (
        "The determination above treats ARM-PAIR, FOAM-SEAT, MECH-SYNC as non-originating: "
        "no declaration supports their originating claims." in said
    )
    assert (
        "As claimed in the BOM: ORIGINATING CRITERION B Originating under criterion B: "
        "PSR-9401.10-9401.80 met under alternative A, B" in said
    )
    assert box.xpath(".//span[@class='badge st-originating']")
    # Every claim of CHAIR-TASK is supported: nothing set aside, no box.
    assert by_id(page, "good-1-2-as-claimed") is None


def test_cheapest_fix_and_each_way(strict: Report) -> None:
    page = html(strict)
    fixes = by_id(page, "good-1-1-fixes")
    assert fixes is not None
    said = words(fixes)
    assert said.startswith("Cheapest fix")
    assert (
        "Obtain CASTERS as originating under alternative B, net cost: cost 15.00 USD, "
        "value 15.00 USD" in said
    )
    assert "Decided again with it originating: Originating under criterion B" in said
    table = by_id(page, "good-1-1-fixes-ways")
    assert table.xpath("./thead/tr/th")
    assert rows(table) == [
        [
            "criterion C",
            "ARM-PAIR, CASTERS, FOAM-SEAT, GAS-LIFT, MECH-SYNC, MESH-FAB",
            "190.00",
            "–",
        ],
        ["alternative A", "MECH-SYNC", "80.00", "–"],
        ["alternative B, transaction value", "FOAM-SEAT", "30.00", "30.00"],
        ["alternative B, net cost (cheapest)", "CASTERS", "15.00", "10.00"],
    ]


def test_single_points_of_failure_of_an_originating_good(strict: Report) -> None:
    fixes = by_id(html(strict), "good-1-2-fixes")
    assert fixes is not None
    assert words(fixes.xpath("./h4")[0]) == "Single points of failure"
    assert [words(li) for li in fixes.xpath(".//li")] == ["BASE-5N", "MECH-TILT"]


def test_without_the_switches_only_the_claims(plain: Report) -> None:
    page = html(plain)
    assert by_id(page, "good-1-1-evidence") is not None
    for good in ("good-1-1", "good-1-2"):
        assert by_id(page, f"{good}-as-claimed") is None
        assert by_id(page, f"{good}-fixes") is None


def test_control_panel_fix_and_unverified_note(panel: Report) -> None:
    page = html(panel)
    said = words(by_id(page, "good-1-1-fixes"))
    assert "Obtain VFD-22K as originating under alternative B, net cost: cost 1,380.00 USD" in said
    assert rows(by_id(page, "good-1-1-fixes-ways"))[-1] == [
        "alternative B, net cost (cheapest)",
        "VFD-22K",
        "1,380.00",
        "550.00",
    ]
    claims = rows(by_id(page, "good-1-1-evidence").xpath(".//table")[0])
    assert {r[6] for r in claims} == {"UNVERIFIED"}
    note = words(by_id(page, "good-1-1-evidence-note"))
    assert note == (
        "No register of suppliers' declarations was given, so 4 claims were not checked: "
        "give --declarations or put declarations.csv in the shipment folder."
    )


def test_ids_stay_unique(strict: Report, panel: Report) -> None:
    for report in (strict, panel):
        ids = html(report).xpath("//@id")
        assert len(ids) == len(set(ids))


# ------------------------------------------------------------------------------------ text


def test_text_lines_with_strict_evidence_and_fixes(strict: Report) -> None:
    lines = text(strict)
    exec_ = good_lines(lines, "CHAIR-EXEC")
    start = exec_.index("  Evidence: 4 claims: 1 supported, 3 unsupported, 0 unverified")
    assert exec_[start:] == [
        "  Evidence: 4 claims: 1 supported, 3 unsupported, 0 unverified",
        f"    [unsupported] MECH-SYNC row 3 DECL-2026-021: {MECH}",
        f"    [unsupported] FOAM-SEAT row 4 DECL-2025-088: {FOAM}",
        f"    [unsupported] ARM-PAIR row 5: {ARM}",
        "  Strict evidence: ARM-PAIR, FOAM-SEAT, MECH-SYNC set aside; "
        "as claimed: originating (criterion B)",
        "  Cheapest fix: obtain CASTERS as originating (cost 15.00 USD) under "
        "alternative B, net cost",
    ]
    assert good_lines(lines, "CHAIR-TASK")[-2:] == [
        "  Evidence: 3 claims: 3 supported, 0 unsupported, 0 unverified",
        "  Single points of failure: BASE-5N, MECH-TILT",
    ]


def test_text_lines_without_the_switches(plain: Report) -> None:
    exec_ = good_lines(text(plain), "CHAIR-EXEC")
    assert exec_[-4] == "  Evidence: 4 claims: 1 supported, 3 unsupported, 0 unverified"
    assert exec_[-1] == f"    [unsupported] ARM-PAIR row 5: {ARM}"
    assert not [line for line in exec_ if line.startswith(("  Strict", "  Cheapest", "  Single"))]


def test_text_lines_of_the_control_panel(panel: Report) -> None:
    assert good_lines(text(panel), "CP-480")[-2:] == [
        "  Evidence: 4 claims named, not checked: no register of declarations given",
        "  Cheapest fix: obtain VFD-22K as originating (cost 1,380.00 USD) under "
        "alternative B, net cost",
    ]


def test_quiet_stays_one_line_per_item(strict: Report) -> None:
    lines = text(strict, quiet=True)
    assert lines[-1] == "roo-check: 2 good(s) checked, 5 item(s) need attention"
    assert len(lines) == 6
    assert all(
        line.startswith((f"{CHAIRS}/bom.csv:", f"{CHAIRS}/goods.csv:", "roo-check: "))
        for line in lines
    )


# ------------------------------------------------------------ no fix, ways that cannot be met


def no_fix(report: Report) -> Report:
    """The control panel's good with no fix found: a way that cannot be met, one not modelled."""
    result = report.shipments[0]
    d = result.determinations[0]
    fixes = FixResult(
        ways=[
            WayCost(way="criterion C", materials=None, cost=None),
            WayCost(way="alternative B, net cost", materials=["VFD-22K"], cost=Decimal(1380)),
        ],
        falls={"alternative B, net cost": Decimal(550)},
        unreached=["alternative A: its conditions or missing data are not modelled"],
        refused="Not originating: Art. 4.18 transit not met",
    )
    changed = d.model_copy(update={"fixes": fixes})
    shipment = result.model_copy(update={"determinations": [changed]})
    return report.model_copy(update={"shipments": [shipment]})


def test_no_fix_found(panel: Report) -> None:
    report = no_fix(panel)
    assert good_lines(text(report), "CP-480")[-2:] == [
        "  Cheapest fix: none found",
        "    decided again: Not originating: Art. 4.18 transit not met",
    ]
    page = html(report)
    said = words(by_id(page, "good-1-1-fixes"))
    assert "No fix found by obtaining materials as originating." in said
    assert "Decided again under the cheapest way found: Not originating: Art. 4.18" in said
    assert "Not modelled: alternative A: its conditions or missing data are not modelled" in said
    assert rows(by_id(page, "good-1-1-fixes-ways")) == [
        ["criterion C", "cannot be met", "–"],
        ["alternative B, net cost", "VFD-22K", "1,380.00", "550.00"],
    ]
