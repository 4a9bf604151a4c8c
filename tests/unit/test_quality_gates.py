"""Architecture and lint gates run with the test suite, so CI enforces them."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: install the test extra (pip install '.[test]')")
    return found


def test_layers_flow_one_way() -> None:
    """import-linter contracts in pyproject.toml: no module imports from a layer to its right."""
    result = subprocess.run([_tool("lint-imports")], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_clean() -> None:
    result = subprocess.run(
        [_tool("ruff"), "check", "roo_check", "tests", "benchmarks"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


HEAVY = ("pydantic", "lxml", "yaml", "openpyxl", "pycountry", "jinja2", "orjson")
"""Modules a command imports only when it needs them (start-up costs tens of milliseconds)."""


def _imported_by(argv: list[str], wanted: tuple[str, ...]) -> list[str]:
    """The modules of ``wanted`` that running ``roo-check ARGV`` imported, in a fresh process
    entered the way the installed command enters (``roo_check.entry.main``)."""
    code = (
        "import sys\n"
        "from roo_check.entry import main\n"
        "try:\n"
        f"    main({argv!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print('IMPORTED:' + ','.join(m for m in {wanted!r} if m in sys.modules), file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    marked = [x for x in result.stderr.splitlines() if x.startswith("IMPORTED:")]
    assert marked, result.stderr
    return [m for m in marked[-1].removeprefix("IMPORTED:").split(",") if m]


def test_version_imports_nothing_but_the_entry_point() -> None:
    """`roo-check --version` answers before importing click, the models or any heavy module."""
    wanted = (*HEAVY, "click", "roo_check.cli", "roo_check.models", "roo_check.reporters")
    assert _imported_by(["--version"], wanted) == []


def test_help_imports_the_cli_only() -> None:
    wanted = (*HEAVY, "roo_check.models", "roo_check.reporters", "roo_check.engine")
    assert _imported_by(["--help"], wanted) == []
    assert _imported_by(["check", "--help"], wanted) == []


def test_a_check_imports_only_what_its_formats_need() -> None:
    """A JSON report of a folder without a workbook needs neither Jinja2 nor openpyxl; the
    HTML report needs Jinja2."""
    sample = str(ROOT / "samples" / "01-motor-tariff-shift")
    as_json = ["check", sample, "-f", "json", "-o", "/dev/null"]
    assert _imported_by(as_json, ("jinja2", "openpyxl", "roo_check.reporters.html")) == []
    as_html = ["check", sample, "-f", "html", "-o", "/dev/null"]
    assert _imported_by(as_html, ("jinja2", "openpyxl")) == ["jinja2"]
