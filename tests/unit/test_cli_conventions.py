"""The command line as ruff and other tools have taught users to expect it: no path checks the
current folder, -o names the format by its suffix, each report written is named on stderr,
colour follows NO_COLOR and FORCE_COLOR, paper follows the locale."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from openpyxl import Workbook

from roo_check.cli import _colour
from roo_check.reporters.output import default_paper
from tests.features.conftest import run_main

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"


def test_no_path_checks_the_current_shipment_folder() -> None:
    run = run_main(["check", "-q"], cwd=SAMPLES / "01-motor-tariff-shift")
    assert run.returncode == 0, run.stderr
    assert "1 good(s) checked" in run.stdout


def test_no_path_checks_the_shipments_of_the_current_folder(tmp_path: Path) -> None:
    shutil.copytree(SAMPLES / "01-motor-tariff-shift", tmp_path / "motor")
    shutil.copytree(SAMPLES / "02-boiler-rvc", tmp_path / "boiler")
    shutil.copy(SAMPLES / "gearbox-6at.bom.csv", tmp_path / "gearbox-6at.bom.csv")
    shutil.copy(SAMPLES / "05-drill-workbook.xlsx", tmp_path / "drills.xlsx")
    (tmp_path / "notes").mkdir()  # a folder that is no shipment is left alone
    (tmp_path / "~$drills.xlsx").write_bytes(b"lock")  # Excel's lock file too
    run = run_main(["check", "-f", "json", "-o", "-"], cwd=tmp_path)
    assert run.returncode in (0, 1), run.stderr
    shipments = json.loads(run.stdout)["shipments"]
    assert [s["name"] for s in shipments] == [
        "boiler",
        "drills.xlsx",
        "gearbox-6at.bom.csv",
        "motor",
    ]


def test_no_path_looks_below_the_current_folder_as_ruff_does(tmp_path: Path) -> None:
    """A supplier repository keeps its BOMs in folders: they are found at any depth; a
    shipment folder is taken whole; a workbook below the top counts only with sheets goods
    and bom; hidden folders, installed packages and links to folders are not looked in."""
    boms = tmp_path / "boms" / "2026"
    boms.mkdir(parents=True)
    shutil.copy(SAMPLES / "gearbox-6at.bom.csv", boms / "gearbox-b.bom.csv")
    shutil.copytree(SAMPLES / "01-motor-tariff-shift", tmp_path / "shipments" / "motor")
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(SAMPLES / "05-drill-workbook.xlsx", docs / "drills.xlsx")
    Workbook().save(docs / "prices.xlsx")  # no goods and bom sheets: no shipment
    for hidden in (".git", "node_modules", ".venv"):
        shutil.copytree(SAMPLES / "02-boiler-rvc", tmp_path / hidden / "boiler")
    (tmp_path / "linked").symlink_to(tmp_path / "shipments", target_is_directory=True)
    (tmp_path / "boms" / "loop").symlink_to(tmp_path, target_is_directory=True)
    run = run_main(["check", "-f", "json", "-o", "-"], cwd=tmp_path)
    assert run.returncode in (0, 1), run.stderr
    inputs = sorted(s["inputs"][0]["path"] for s in json.loads(run.stdout)["shipments"])
    assert inputs == [
        "boms/2026/gearbox-b.bom.csv",
        "docs/drills.xlsx",
        "shipments/motor/goods.csv",
    ]


def test_an_unreadable_workbook_below_the_top_is_no_shipment(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "broken.xlsx").write_bytes(b"PK\x03\x04 not a workbook")
    shutil.copy(SAMPLES / "gearbox-6at.bom.csv", tmp_path / "gearbox.bom.csv")
    run = run_main(["check", "-q"], cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "1 good(s) checked" in run.stdout


def test_no_shipment_in_the_current_folder_is_a_usage_error(tmp_path: Path) -> None:
    run = run_main(["check"], cwd=tmp_path)
    assert run.returncode == 2
    assert run.stderr.startswith("error: no shipment in or below the current folder")
    assert len(run.stderr.splitlines()) == 1


@pytest.mark.parametrize(
    ("name", "start"),
    [
        ("r.html", "<!DOCTYPE html>"),
        ("r.json", "{"),
        ("r.sarif", "{"),
        ("r.xml", "<?xml"),
        ("r.csv", ""),
        ("r.txt", "roo-check"),
    ],
)
def test_the_suffix_names_the_format_and_the_report_is_named_on_stderr(
    tmp_path: Path, name: str, start: str
) -> None:
    target = tmp_path / name
    run = run_main(["check", str(SAMPLES / "01-motor-tariff-shift"), "-o", str(target)])
    assert run.returncode == 0, run.stderr
    text = target.read_text(encoding="utf-8-sig")
    assert text.startswith(start)
    assert run.stderr.startswith("roo-check: wrote the ") and str(target) in run.stderr
    assert run.stdout == ""
    quiet = run_main(["check", str(SAMPLES / "01-motor-tariff-shift"), "-q", "-o", str(target)])
    assert quiet.stderr == ""


def test_sarif_written_to_a_json_file_keeps_the_format_given(tmp_path: Path) -> None:
    target = tmp_path / "scan.json"
    run = run_main(
        ["check", str(SAMPLES / "01-motor-tariff-shift"), "-f", "sarif", "-o", str(target)]
    )
    assert run.returncode == 0, run.stderr
    assert '"$schema"' in target.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("output", "message"),
    [
        ("pdf=x.pdf", "'pdf' is no report format; the formats are csv, github, gitlab, html,"),
        ("pdf=x.pdf", "for a PDF, write the HTML report and print it: -o report.html, then"),
        ("x.pdf", "roo-check writes no PDF itself; for a PDF, write the HTML report and print"),
        ("x.docx", "its format cannot be told from its name; give FORMAT=PATH or --format"),
        ("word=x.docx", "'word' is no report format; the formats are csv, github, gitlab,"),
    ],
)
def test_an_unknown_format_says_so_and_lists_the_known_ones(output: str, message: str) -> None:
    run = run_main(["check", str(SAMPLES / "01-motor-tariff-shift"), "-o", output])
    assert run.returncode == 2 and message in run.stderr, run.stderr
    assert len(run.stderr.splitlines()) == 1


class _Stream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.mark.parametrize(
    ("env", "tty", "expected"),
    [
        ({}, True, True),
        ({}, False, False),
        ({"NO_COLOR": "1"}, True, False),
        ({"NO_COLOR": ""}, True, True),  # no-color.org: set and not empty
        ({"FORCE_COLOR": "1"}, False, True),
        ({"FORCE_COLOR": "0"}, True, True),
        ({"FORCE_COLOR": "0"}, False, False),
        ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False, True),
    ],
)
def test_colour_follows_no_color_and_force_color(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], tty: bool, expected: bool
) -> None:
    for name in ("NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert _colour(_Stream(tty)) is expected


def test_forced_colour_reaches_the_text_report(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    run = run_main(["check", str(SAMPLES / "03-control-panel-fails")])
    assert "\x1b[" in run.stdout


@pytest.mark.parametrize(
    ("env", "paper"),
    [
        ({}, "letter"),
        ({"LANG": "en_US.UTF-8"}, "letter"),
        ({"LANG": "es_MX.UTF-8"}, "letter"),
        ({"LANG": "fr_CA.UTF-8"}, "letter"),
        ({"LANG": "de_DE.UTF-8"}, "a4"),
        ({"LANG": "en_US.UTF-8", "LC_PAPER": "en_GB.UTF-8"}, "a4"),
        ({"LANG": "C.UTF-8"}, "letter"),
    ],
)
def test_the_paper_follows_the_locale(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], paper: str
) -> None:
    for name in ("LC_PAPER", "LC_ALL", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert default_paper() == paper
