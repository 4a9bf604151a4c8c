"""Reporters render a Report; they never recompute. One module per format, chosen by name."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import import_module

from roo_check.models.findings import Report

FORMATS = {
    "text": "roo_check.reporters.text",
    "json": "roo_check.reporters.json",
    "jsonl": "roo_check.reporters.jsonl",
    "csv": "roo_check.reporters.csv",
    "html": "roo_check.reporters.html",
    "junit": "roo_check.reporters.junit",
    "sarif": "roo_check.reporters.sarif",
}

FAIL_LEVELS = ("error", "warning", "info", "never")

DUMPING_FORMATS = frozenset({"json", "jsonl", "csv", "junit", "sarif"})
"""Formats that read a determination only through ``model_dump(mode="json")`` (JSON, JSON
Lines) or not at all (CSV, JUnit and SARIF report findings): when every report of a run is
one of them, the determinations can be kept as JSON text from the moment they are decided
(:mod:`roo_check.models.rendered`), never as objects. Text and HTML read them as objects."""


@dataclass(frozen=True)
class RenderOptions:
    """What a reporter may be told besides the report itself."""

    color: bool = False
    fail_on: str = "warning"  # the lowest severity that fails a check (JUnit, exit code)
    quiet: bool = False  # text: only what needs attention


def renderer(name: str) -> Callable[[Report, RenderOptions], str]:
    """The ``render(report, options)`` function of a format, imported only when used."""
    return import_module(FORMATS[name]).render


def streamer(name: str) -> Callable[[Report, RenderOptions], Iterable[str]]:
    """The format's ``stream(report, options)``, which yields the report in pieces so that no
    writer holds a large report whole (JSON, JSON Lines); a format without one yields its
    whole text as one piece."""
    module = import_module(FORMATS[name])
    stream = getattr(module, "stream", None)
    if stream is not None:
        return stream
    return lambda report, options: (module.render(report, options),)
