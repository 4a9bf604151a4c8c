"""Errors a user can cause, each naming where it happened.

The CLI prints ``str(error)`` on one line and exits 2; anything that is not a
``RooCheckError`` is a bug and is allowed to show a traceback.
"""

from __future__ import annotations


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
        where = ":".join(p for p in (self.file, self.location) if p)
        field = f" [{self.field}]" if self.field else ""
        prefix = f"{where}{field}: " if where or field else ""
        return f"{prefix}{self.message}"

    def as_dict(self) -> dict[str, str | None]:
        return {
            "kind": type(self).__name__,
            "file": self.file,
            "location": self.location,
            "field": self.field,
            "message": self.message,
        }


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
