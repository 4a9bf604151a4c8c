"""Reporters render a Report; they never recompute. One module per format."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from roo_check.models.findings import Report

FORMATS = {"text": "roo_check.reporters.text", "json": "roo_check.reporters.json"}


def renderer(name: str) -> Callable[[Report, bool], str]:
    """The ``render(report, color)`` function of a format, imported only when used."""
    return import_module(FORMATS[name]).render
