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
    "xlsx": "roo_check.reporters.xlsx",
    "github": "roo_check.reporters.github",
    "gitlab": "roo_check.reporters.gitlab",
}

SUFFIXES = {
    ".txt": "text",
    ".json": "json",
    ".jsonl": "jsonl",
    ".csv": "csv",
    ".html": "html",
    ".htm": "html",
    ".xml": "junit",
    ".sarif": "sarif",
    ".xlsx": "xlsx",
}
"""The format ``-o PATH`` infers from the file's suffix (``.xml`` is a JUnit report; GitLab
Code Quality and GitHub annotations have no suffix of their own: name them)."""

BINARY_FORMATS = frozenset({"xlsx"})
"""Formats whose report is bytes (a workbook): written to a file, never to a terminal."""

FAIL_LEVELS = ("error", "warning", "info", "never")

DUMPING_FORMATS = frozenset({"json", "jsonl", "csv", "junit", "sarif", "github", "gitlab"})
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
    paper: str = "letter"  # HTML print: "letter" or "a4"
    csv_bom: bool | None = None  # CSV: start with a UTF-8 byte-order mark (None: no)


def renderer(name: str) -> Callable[[Report, RenderOptions], str | bytes]:
    """The ``render(report, options)`` function of a format, imported only when used."""
    return import_module(FORMATS[name]).render


def streamer(name: str) -> Callable[[Report, RenderOptions], Iterable[str] | bytes]:
    """The format's ``stream(report, options)``, which yields the report in pieces so that no
    writer holds a large report whole (JSON, JSON Lines); a format without one yields its
    whole text as one piece."""
    module = import_module(FORMATS[name])
    stream = getattr(module, "stream", None)
    if stream is not None:
        return stream
    if name in BINARY_FORMATS:
        return module.render
    return lambda report, options: (module.render(report, options),)
