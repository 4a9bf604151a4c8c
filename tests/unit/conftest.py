"""Fixtures shared by the unit tests (test modules may still define their own of the same name)."""

from __future__ import annotations

import pytest

from roo_check.rulebook.load import load_rulebook
from tests.unit.report_support import ROOT


@pytest.fixture(scope="module")
def rulebook():
    """The bundled rule set, loaded once per module."""
    return load_rulebook()


@pytest.fixture
def at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Sample paths in reports are relative to the repository root, as a user types them."""
    monkeypatch.chdir(ROOT)
