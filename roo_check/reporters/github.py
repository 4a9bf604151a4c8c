"""GitHub Actions annotations: one workflow command per finding, which the runner turns into an
annotation on the file (and row) in the pull request and the run's summary.

The syntax is GitHub's "Workflow commands for GitHub Actions" (docs.github.com/en/actions/
reference/workflows-and-actions/workflow-commands, "Setting an error message" and its
notice and warning siblings)::

    ::error file=PATH,line=N,title=RULE::MESSAGE

Mapping, and why:

- Every finding is listed, whatever ``--fail-on`` says (that sets the exit code only), except
  those the configuration accepts (suppressed) and a good found originating (a pass): error
  -> ``::error``, warning -> ``::warning``, info -> ``::notice``. Each input error is an
  ``::error`` too. A GitHub step shows at most 10 annotations of each level (and a job 50;
  actions/toolkit docs/problem-matchers.md, "Limitations"), so the errors come first, then
  the warnings, then the notices, each in the report's order; the SARIF report lists all.
- ``file`` is where the finding's first evidence is, as the report records it (run from the
  repository's root, so the paths are the repository's), ``line`` its CSV row when it has
  one; a determination, which has no evidence, is placed at the shipment's goods file with
  no line. No ``col``: a table's cells have no column worth giving. ``title`` is the rule id;
  the message names the good and subject, then says what was found.
- Escaping is the one the runner undoes (actions/toolkit packages/core/src/command.ts,
  ``escapeData`` and ``escapeProperty``): in the message ``%`` -> ``%25``, CR -> ``%0D``,
  LF -> ``%0A``; in a property also ``:`` -> ``%3A`` and ``,`` -> ``%2C``. A message or path
  from a hostile file therefore cannot end its command early, add a property or start a
  line of its own (a forged ``::add-mask::`` or ``::stop-commands::``). Other control and
  bidi characters are written as ``\\x1b``, ``\\u202e`` (roo_check.errors.printable), as in
  every other report that goes to a terminal or log.

Nothing else is written: no summary line, so every line is a command.
"""

from __future__ import annotations

from roo_check.errors import printable
from roo_check.models.findings import Report
from roo_check.reporters import RenderOptions
from roo_check.reporters.ci import Item, goods_file, items, listed, posix

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
_ORDER = {"error": 0, "warning": 1, "info": 2}


def escape_data(text: str) -> str:
    """A command's message, as the runner reads it back."""
    return printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    """A command's property value (file, title), as the runner reads it back."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(item: Item) -> str:
    """One finding or input error as one workflow command line."""
    properties = []
    if item.path:
        properties.append(f"file={escape_property(posix(item.path))}")
    if item.row:
        properties.append(f"line={item.row}")
    properties.append(f"title={escape_property(item.code)}")
    return f"::{COMMANDS[item.severity]} {','.join(properties)}::{escape_data(item.text)}"


def render(report: Report, options: RenderOptions | None = None) -> str:
    listing = items(report, listed, goods_file, None)
    ordered = sorted(listing, key=lambda item: _ORDER[item.severity])  # stable: report order
    return "".join(command(item) + "\n" for item in ordered)
