"""The HTML report as a reader gets it: loaded from a file in headless Chromium, offline.

Assertions are on the DOM Chromium built (``--dump-dom``), not on the file's text: the summary
counts, a determination, a flag with its evidence, a suppressed flag, and the drawings. A
screenshot and a PDF print show that the page renders and prints on A4.

Needs Chromium (Debian: ``apt-get install chromium``); skipped when it is missing, unless
ROO_CHECK_REQUIRE_BROWSER=1 (set in CI) turns the skip into a failure.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from roo_check.reporters import RenderOptions, renderer
from tests.golden.regenerate_html import build_report
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


def write_report(path: Path, report) -> Path:
    path.write_text(renderer("html")(report, RenderOptions()), encoding="utf-8")
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


def test_prints_to_a4_pdf(chromium: str, workdir: Path, page: Path) -> None:
    pdf = workdir / "report.pdf"
    run(chromium, workdir, page, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    boxes = {
        tuple(round(float(v)) for v in box.split())
        for box in re.findall(rb"/MediaBox \[([^\]]+)\]", data)
    }
    assert boxes == {(0, 0, 595, 842)}, "every page is A4 (@page size: A4)"
