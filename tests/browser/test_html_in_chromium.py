"""The HTML report as a reader gets it: loaded from a file in headless Chromium, offline.

Assertions are on the DOM Chromium built (``--dump-dom``), not on the file's text: the summary
counts, a determination, a flag with its evidence, a suppressed flag, and the drawings. A
screenshot and a PDF print show that the page renders and prints on the paper asked for.

Samples 03, 13 and 20 are each screenshot and printed on Letter and A4: the PDF's pages are
counted (within bounds), measured (MediaBox) and read (every page numbered "Page N of M" and
headed with its shipment and good); laid out at the width a printed page gives it, no table
is wider than the page and no cell's content spills out of its cell. The pictures and PDFs
go to ROO_CHECK_BROWSER_ARTIFACTS when it names a folder (a CI job can keep them), else to
a temporary folder.

Needs Chromium (Debian: ``apt-get install chromium``); skipped when it is missing, unless
ROO_CHECK_REQUIRE_BROWSER=1 (set in CI) turns the skip into a failure.
"""

from __future__ import annotations

import contextlib
import html
import json
import os
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from roo_check.models.findings import Report
from roo_check.reporters import RenderOptions, renderer
from roo_check.rulebook.load import load_rulebook
from roo_check.run import check_paths
from tests.browser.pdf_pages import Page, pages
from tests.golden.regenerate_html import FALLBACK_DATE, ROOT, build_report
from tests.unit.test_html_report import HOSTILE, HOSTILE_ATTR, Tree, hostile_report, parse

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
WINDOW = (1200, 3000)
# Offline and quiet: no network service, no updates, no sync, a throw-away profile.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
)


def find_chromium() -> str | None:
    explicit = os.environ.get("ROO_CHECK_CHROMIUM")
    if explicit:
        return explicit
    if Path("/usr/bin/chromium").is_file():
        return "/usr/bin/chromium"
    return next((p for p in map(shutil.which, CANDIDATES) if p), None)


@pytest.fixture(scope="module")
def chromium() -> str:
    binary = find_chromium()
    if binary is None:
        reason = (
            "Chromium is not installed (Debian: apt-get install chromium; "
            "or set ROO_CHECK_CHROMIUM to a Chrome/Chromium binary)"
        )
        if os.environ.get("ROO_CHECK_REQUIRE_BROWSER") == "1":
            pytest.fail(f"ROO_CHECK_REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)
    return binary


def run(binary: str, workdir: Path, page: Path, *args: str) -> subprocess.CompletedProcess:
    profile = workdir / f"profile-{len(list(workdir.glob('profile-*')))}"
    result = subprocess.run(
        [binary, *FLAGS, f"--user-data-dir={profile}", *args, page.resolve().as_uri()],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        env={**os.environ, "HOME": str(workdir)},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result


def write_report(path: Path, report: Report, paper: str = "letter") -> Path:
    path.write_text(renderer("html")(report, RenderOptions(paper=paper)), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("chromium")


@pytest.fixture(scope="module")
def page(workdir: Path) -> Path:
    return write_report(workdir / "report.html", build_report())


@pytest.fixture(scope="module")
def dom(chromium: str, workdir: Path, page: Path) -> Tree:
    dumped = run(chromium, workdir, page, "--dump-dom").stdout
    assert "</body></html>" in dumped, dumped[:200]
    return parse(dumped)


def elements(dom: Tree, tag: str, css_class: str | None = None) -> list[dict]:
    return [
        a
        for t, a in dom.tags
        if t == tag and (css_class is None or css_class in (a.get("class") or "").split())
    ]


def test_summary_counts_as_rendered(dom: Tree) -> None:
    assert dom.text_by_id["count-goods"] == "8 goods checked"
    assert dom.text_by_id["count-originating"] == "6 originating"
    assert dom.text_by_id["count-not-originating"] == "2 not originating"
    assert dom.text_by_id["count-cannot-decide"] == "0 cannot decide"
    assert dom.text_by_id["summary-flags"].endswith(
        "error warning info suppressed input errors 4 6 0 1 1"
    )
    assert "samples/99-broken-bom/bom.csv row 4 hs_code" in dom.text_by_id["input-errors"]


def test_a_determination_as_rendered(dom: Tree) -> None:
    good = dom.text_by_id["good-3-1"]
    assert good.startswith("CP-480 — Motor control panel, 480 V, with VFD NOT ORIGINATING")
    assert "Rule PSR-8537" in good
    assert "BLOCKS excluded: the rule says 'except from' printed circuit assemblies" in good
    assert "= 36.94% < 50% NOT MET" in good
    boiler = dom.text_by_id["good-2-1"]
    assert "ORIGINATING CRITERION B" in boiler and "≥ 60% MET" in boiler


def test_a_flag_with_its_evidence_as_rendered(dom: Tree) -> None:
    flag = dom.text_by_id["flag-5-1"]
    assert flag.startswith("ERROR TRANS001 stop at Colon Free Zone (PA)")
    assert (
        "samples/13-panama-routing/shipment.json:routing[0] Manzanillo, Col. (MX) -> "
        "Colon Free Zone (PA) [under_customs_control] false" in flag
    )
    suppressed = dom.text_by_id["flag-3-1"]
    assert suppressed.startswith("SUPPRESSED WARNING CN001")
    assert "by j.ortega@example.com" in suppressed


def test_drawings_are_in_the_rendered_page(dom: Tree) -> None:
    strips = elements(dom, "svg", "routing-strip")
    assert {a["id"] for a in strips} == {
        "shipment-1-routing-strip",
        "shipment-2-routing-strip",
        "shipment-5-routing-strip",
        "shipment-7-routing-strip",
    }
    assert len(elements(dom, "rect", "place-non-party")) == 1  # Colon Free Zone
    assert elements(dom, "line", "not-controlled")
    bars = elements(dom, "svg", "value-bar-chart")
    assert len(bars) == 8 and all(a["role"] == "img" for a in bars)
    assert elements(dom, "line", "threshold-line")
    assert len(elements(dom, "rect", "seg-non-originating")) >= 6
    assert "Colon Free Zone (PA, non-Party)" in dom.text_by_id["shipment-5-routing-title"]
    assert dom.text_by_id["good-3-1-value-title"].startswith("Value composition of CP-480")


def test_nothing_runs_from_hostile_input(chromium: str, workdir: Path) -> None:
    page = write_report(workdir / "hostile.html", hostile_report(build_report()))
    dom = parse(run(chromium, workdir, page, "--dump-dom").stdout)
    assert not elements(dom, "script") and not elements(dom, "img")
    assert HOSTILE in dom.text_by_id["good-3-1"]
    assert HOSTILE_ATTR in dom.text_by_id["shipment-5-routing"]


def test_screenshot_is_a_rendered_page(chromium: str, workdir: Path, page: Path) -> None:
    shot = workdir / "report.png"
    run(chromium, workdir, page, f"--screenshot={shot}", f"--window-size={WINDOW[0]},{WINDOW[1]}")
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == WINDOW
    assert len(data) > 50_000, "a blank page compresses to a few kilobytes"


def media_boxes(data: bytes) -> set[tuple[int, ...]]:
    return {
        tuple(round(float(v)) for v in box.split())
        for box in re.findall(rb"/MediaBox \[([^\]]+)\]", data)
    }


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_prints_on_the_paper_asked_for(chromium: str, workdir: Path, paper: str) -> None:
    page = write_report(workdir / f"report-{paper}.html", build_report(), paper)
    pdf = workdir / f"report-{paper}.pdf"
    run(chromium, workdir, page, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    assert media_boxes(data) == {(0, 0, *PAPERS[paper])}, f"every page is {paper} (@page size)"


# ------------------------------------------------------------------ print: samples 03, 13, 20

PRINTED = {
    # sample: (fewest, most) pages on Letter or A4. Sample 20 (a vehicle: Part 6 schedules,
    # core parts, labour value content) took 14 pages before its schedules were shown once;
    # it takes 7 now on either paper.
    "03-control-panel-fails": (3, 6),
    "13-panama-routing": (4, 8),
    "20-sedan-qualifies": (4, 8),
}
PAPERS = {"letter": (612, 792), "a4": (595, 842)}
_PX_PER_MM = 96 / 25.4
# The width a printed page gives the report, in CSS pixels: the paper less the two 12 mm side
# margins of _print.css.j2.
PRINT_WIDTHS = {
    "letter": int(8.5 * 96 - 24 * _PX_PER_MM),
    "a4": int((210 - 24) * _PX_PER_MM),
}
SCREEN = (1200, 2400)
# The print stylesheet applied on screen, and what the test measures once it is laid out:
# every table, figure and preformatted block within the page width, no cell whose content is
# wider than the cell (a clipped or spilling table), no page wider than its window.
MEASURE = """<script>
(() => {
  const width = document.documentElement.clientWidth;
  const name = (el) => el.id || (el.closest("[id]") || {}).id || el.tagName;
  const wide = [...document.querySelectorAll("table, figure, pre, svg, blockquote")]
    .filter((el) => el.getBoundingClientRect().right > width + 0.5)
    .map(name);
  const spilling = [...document.querySelectorAll("td, th, caption")]
    .filter((el) => el.scrollWidth > el.clientWidth + 1)
    .map((el) => name(el) + ": " + el.textContent.trim().slice(0, 60));
  document.body.setAttribute("data-layout", JSON.stringify({
    width, scroll: document.documentElement.scrollWidth, wide, spilling,
    tables: document.querySelectorAll("table").length,
  }));
})();
</script>"""


@pytest.fixture(scope="module")
def artifacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    wanted = os.environ.get("ROO_CHECK_BROWSER_ARTIFACTS")
    if not wanted:
        return tmp_path_factory.mktemp("printed")
    folder = Path(wanted)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def sample_reports() -> dict[str, Report]:
    rulebook = load_rulebook()
    with contextlib.chdir(ROOT):
        return {
            name: check_paths([Path("samples") / name], rulebook, None, FALLBACK_DATE)
            for name in PRINTED
        }


def ink(png: bytes) -> float:
    """The share of a screenshot's filtered pixel bytes that are neither 0 nor 255: a blank
    page (white rows, filtered to runs of 0 or left as 255) has next to none, a page of text
    and drawings some percent. Reads the PNG's own chunks; no image library needed."""
    pos, data = 8, b""
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos : pos + 8])
        if kind == b"IDAT":
            data += png[pos + 8 : pos + 8 + length]
        pos += 12 + length
    raw = zlib.decompress(data)
    return (len(raw) - raw.count(0) - raw.count(255)) / len(raw)


@pytest.mark.parametrize("name", sorted(PRINTED))
def test_screenshot_of_a_sample(
    chromium: str, workdir: Path, artifacts: Path, sample_reports: dict[str, Report], name: str
) -> None:
    page = write_report(artifacts / f"{name}.html", sample_reports[name])
    shot = artifacts / f"{name}.png"
    run(chromium, workdir, page, f"--screenshot={shot}", f"--window-size={SCREEN[0]},{SCREEN[1]}")
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == SCREEN
    assert 0.01 < ink(data) < 0.6, f"{shot}: blank or solid ({ink(data):.4f})"


@pytest.fixture(scope="module", params=[(n, p) for n in sorted(PRINTED) for p in PAPERS])
def printed(
    request: pytest.FixtureRequest,
    chromium: str,
    workdir: Path,
    artifacts: Path,
    sample_reports: dict[str, Report],
) -> tuple[str, str, bytes]:
    name, paper = request.param
    page = write_report(artifacts / f"{name}.{paper}.html", sample_reports[name], paper)
    pdf = artifacts / f"{name}.{paper}.pdf"
    run(chromium, workdir, page, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    return name, paper, pdf.read_bytes()


def test_pdf_of_a_sample(printed: tuple[str, str, bytes], sample_reports: dict) -> None:
    name, paper, data = printed
    sheets: list[Page] = pages(data)
    fewest, most = PRINTED[name]
    assert fewest <= len(sheets) <= most, f"{name} on {paper}: {len(sheets)} pages"
    assert media_boxes(data) == {(0, 0, *PAPERS[paper])}
    assert {tuple(round(v) for v in s.media_box) for s in sheets} == {(0, 0, *PAPERS[paper])}
    # Page numbers and running headers: margin boxes of _print.css.j2.
    for number, sheet in enumerate(sheets, 1):
        assert f"Page {number} of {len(sheets)}" in sheet.text, sheet.text[:200]
    assert sheets[0].text.startswith("USMCA rules-of-origin report")
    result = sample_reports[name].shipments[0]
    goods = {f"Good {d.good_part_number}" for d in result.determinations}
    for sheet in sheets[1:]:
        assert sheet.text.startswith(f"Shipment {result.name} "), sheet.text[:200]
        header = sheet.text.removeprefix(f"Shipment {result.name} ")
        assert any(header.startswith(g) for g in goods) or header.startswith("Flags ("), header[:80]
    assert "Prepared by" in sheets[-1].text and "Reviewed by" in sheets[-1].text
    if name == "20-sedan-qualifies":
        # Each phase-in schedule printed once and referred to (T1, T2 ...), not once per core
        # part: 66% first is AUTO-PV-RVC and AUTO-A-RVC (net cost), 76% AUTO-A-RVC (TV).
        text = " ".join(sheet.text for sheet in sheets)
        assert text.count("66% from 2020-07-01") == 2
        assert text.count("76% from 2020-07-01") == 1


@pytest.mark.parametrize("paper", sorted(PAPERS))
@pytest.mark.parametrize("name", sorted(PRINTED))
def test_no_table_is_clipped_at_print_width(
    chromium: str,
    workdir: Path,
    artifacts: Path,
    sample_reports: dict[str, Report],
    name: str,
    paper: str,
) -> None:
    text = renderer("html")(sample_reports[name], RenderOptions(paper=paper))
    assert text.count("@media print") >= 1
    emulated = text.replace("@media print", "@media all").replace("</body>", MEASURE + "</body>")
    page = artifacts / f"{name}.{paper}.print-width.html"
    page.write_text(emulated, encoding="utf-8")
    width = PRINT_WIDTHS[paper]
    dumped = run(chromium, workdir, page, "--dump-dom", f"--window-size={width},1200").stdout
    found = re.search(r'data-layout="([^"]*)"', dumped)
    assert found, dumped[-500:]
    layout = json.loads(html.unescape(found.group(1)))
    assert layout["width"] <= width, f"laid out at {layout['width']}px, wider than the page"
    assert layout["tables"] > 3
    assert layout["scroll"] <= layout["width"], f"{name} on {paper}: wider than the page"
    assert layout["wide"] == [], f"{name} on {paper}: wider than the page: {layout['wide']}"
    assert layout["spilling"] == [], f"{name} on {paper}: cells spill: {layout['spilling']}"
    shot = artifacts / f"{name}.{paper}.print-width.png"
    run(chromium, workdir, page, f"--screenshot={shot}", f"--window-size={width},{SCREEN[1]}")
    assert ink(shot.read_bytes()) > 0.01
