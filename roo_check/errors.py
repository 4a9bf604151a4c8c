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
