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


def test_version_does_not_import_heavy_modules() -> None:
    """`roo-check --version` stays light: no pydantic, lxml, yaml or openpyxl at start-up."""
    code = (
        "import sys; from roo_check import cli; "
        "heavy = [m for m in ('pydantic', 'lxml', 'yaml', 'openpyxl', 'pycountry') if m in sys.modules]; "
        "print(','.join(heavy))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
