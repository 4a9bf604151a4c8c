"""What every test of the suite shares: a compiled-rules cache of its own.

The suite runs in parallel (pytest-xdist, ``-n auto`` in pyproject.toml): each worker is a
process, and so is every run of roo-check a test starts. A test therefore never writes to a
fixed path outside its ``tmp_path``; the one shared place is the compiled-rules cache, which
is built for concurrent runs (roo_check/rulebook/cache.py). It lives in a folder made for
this run, not in the developer's ``~/.cache/roo-check``: a test run neither reads what an
earlier checkout compiled nor leaves its hostile rule sets behind.
"""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest

CACHE_ENV = "ROO_CHECK_CACHE_DIR"
"""The variable roo_check.rulebook.cache reads (spelt here so that collecting the suite
imports nothing of roo_check)."""

_made_here: list[str] = []


def pytest_configure(config: pytest.Config) -> None:
    """In the process that starts the run (xdist workers inherit its environment, and so do
    the roo-check processes tests start): a fresh cache folder, unless the caller chose one."""
    if hasattr(config, "workerinput") or os.environ.get(CACHE_ENV) is not None:
        return
    folder = tempfile.mkdtemp(prefix="roo-check-test-cache-")
    os.environ[CACHE_ENV] = folder
    _made_here.append(folder)


def pytest_unconfigure(config: pytest.Config) -> None:
    while _made_here:
        folder = _made_here.pop()
        if os.environ.get(CACHE_ENV) == folder:
            del os.environ[CACHE_ENV]
        shutil.rmtree(folder, ignore_errors=True)
