"""Errors a user can cause, each naming where it happened, and the one way they are printed.

The CLI prints ``str(error)`` on one line and exits 2. Anything that is not a
``RooCheckError`` is a bug: the CLI's top-level guard prints one line asking for a report and
exits 3 (the traceback only with ``--debug``).

File names and values come from the input, and the input is hostile: a folder named
``"x\nerror: all goods originate"`` must not forge a line of its own. :func:`printable`
escapes every control character, so each error is exactly one line wherever it is shown.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Protocol

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def printable(text: str) -> str:
    """``text`` with control, line-separator and bidi-override characters escaped
    (``\\n``, ``\\x1b``, ``\\u202e``): safe on one line of a terminal or a CI log. Lone
    surrogates (the bytes of a file name that is not UTF-8, as Python decodes them) are
    escaped too (``\\udcff``), so the name can be written to any report."""
    return _CONTROL.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
    if char in named:
        return named[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def describe_bug(exc: BaseException) -> str:
    """An unexpected exception in a few words for the one line of an internal error: its
    type and message, escaped and cut to 300 characters (it may quote hostile input)."""
    return printable(" ".join(f"{type(exc).__name__}: {exc}".split()))[:300]


def error_line(
    message: str, file: str | None = None, location: str | None = None, field: str | None = None
) -> str:
    """``FILE:LOCATION [FIELD]: message``, escaped to one line: the one format of an error."""
    where = ":".join(p for p in (file, location) if p)
    tag = f" [{field}]" if field else ""
    prefix = f"{where}{tag}: " if where or tag else ""
    return shortened(printable(f"{prefix}{message}"))


def shortened(line: str) -> str:
    """``line`` cut in the middle to at most :data:`~roo_check.limits.MAX_ERROR_CHARS`: a
    5,000-character path or argument quoted in an error must not flood a CI log, and the
    start (file, place, field) and the end of the message are what a reader needs."""
    from roo_check.limits import MAX_ERROR_CHARS

    if len(line) <= MAX_ERROR_CHARS:
        return line
    cut = len(line) - MAX_ERROR_CHARS + 40
    head = (MAX_ERROR_CHARS - 40) * 2 // 3
    return f"{line[:head]} ...({cut:,} characters)... {line[head + cut :]}"


HANDFUL = 5
"""Errors of one cause printed one by one; more than this are printed as one line."""

_ROW_PLACE = re.compile(r"(?P<prefix>(?:sheet '.*' )?row) (?P<number>\d+)")
_VALUES = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|\d[\d,.]*")


class Located(Protocol):
    """An error as a report or an exception holds it: what and where."""

    @property
    def message(self) -> str: ...
    @property
    def file(self) -> str | None: ...
    @property
    def location(self) -> str | None: ...
    @property
    def field(self) -> str | None: ...


def summarised_lines(errors: Iterable[tuple[str, Located]], handful: int = HANDFUL) -> list[str]:
    """``LABEL: FILE:PLACE [FIELD]: message`` for each ``(label, error)``, in order, except
    that more than ``handful`` errors of one cause (same file, field and message but for
    the values it quotes, each at a row) are one line where the first was:
    ``error: bom.csv:rows 4-103 [hs_code]: ... (100 rows)``. A terminal shows the cause
    at once instead of a screen of repeats; a report that is data (JSON) keeps each."""
    entries = [(label, error, _cause(label, error)) for label, error in errors]
    groups: dict[tuple[str, ...], list[Located]] = defaultdict(list)
    for _label, error, key in entries:
        if key is not None:
            groups[key].append(error)
    lines: list[str] = []
    for label, error, key in entries:
        if key is None or len(groups[key]) <= handful:
            lines.append(
                f"{label}: {error_line(error.message, error.file, error.location, error.field)}"
            )
        elif groups[key][0] is error:
            lines.append(f"{label}: {_group_line(groups[key])}")
    return lines


def _cause(label: str, error: Located) -> tuple[str, ...] | None:
    """What errors of one cause share; None for an error at no row (never grouped)."""
    place = _ROW_PLACE.fullmatch(error.location or "")
    if place is None:
        return None
    shape = _VALUES.sub("_", error.message)
    return (label, error.file or "", error.field or "", place["prefix"], shape)


def _row_number(error: Located) -> int:
    place = _ROW_PLACE.fullmatch(error.location or "")
    return int(place["number"]) if place else 0


def _group_line(group: list[Located]) -> str:
    """One line for the errors of one cause: their rows as ranges, the first's message."""
    first = group[0]
    place = _ROW_PLACE.fullmatch(first.location or "")
    prefix = place["prefix"] if place else "row"
    numbers = sorted({_row_number(error) for error in group})
    count = f"{len(numbers)} rows"
    if any(error.message != first.message for error in group):
        count += f"; {first.location}'s shown, the others quote other values"
    where = f"{prefix}s {_ranges(numbers)}"
    return error_line(f"{first.message} ({count})", first.file, where, first.field)


def _ranges(numbers: list[int]) -> str:
    """``4-10, 12, 15-20``; past five ranges, the first four, ``...`` and the last."""
    spans: list[list[int]] = []
    for number in numbers:
        if spans and number == spans[-1][1] + 1:
            spans[-1][1] = number
        else:
            spans.append([number, number])
    shown = [f"{a}-{b}" if b > a else str(a) for a, b in spans]
    if len(shown) > 5:
        shown = [*shown[:4], "...", shown[-1]]
    return ", ".join(shown)


class RooCheckError(Exception):
    """Base for every error caused by input, rules or usage (exit code 2)."""

    exit_code = 2

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        location: str | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.location = location
        self.field = field

    def __str__(self) -> str:
        return error_line(self.message, self.file, self.location, self.field)

    def as_dict(self) -> dict[str, str | None]:
        """The error for a report: every part escaped, as :func:`printable` does."""
        return {
            "kind": type(self).__name__,
            "file": _maybe(self.file),
            "location": _maybe(self.location),
            "field": _maybe(self.field),
            "message": printable(self.message),
        }


def _maybe(text: str | None) -> str | None:
    return None if text is None else printable(text)


class InputError(RooCheckError):
    """A supplier or shipment file is unreadable, malformed or inconsistent."""


class RuleError(RooCheckError):
    """A rule file is malformed; rules fail closed, so the whole run stops."""


class UsageError(RooCheckError):
    """The command line asks for something impossible."""


class InputErrors(RooCheckError):
    """Several input problems found in one file or folder, reported together."""

    def __init__(self, errors: list[RooCheckError]) -> None:
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = errors
