"""Loaders: turn input files into validated models, and nothing else (they never decide origin).

The one public entry point is :func:`load_path`: a folder is read as a shipment folder
(see ``docs/input-formats.md``), a single ``.xlsx`` workbook as sheets ``goods`` and
``bom``, a single ``.csv`` as a one-good BOM with ``# key: value`` lines for the good.

Every problem a user can cause becomes an :class:`~roo_check.errors.InputError` naming
the file, the row, element or JSON path, and the field. This module also holds the small
helpers the loaders share to collect such problems and to translate pydantic's
``ValidationError`` into them. Submodules are imported lazily so that they can import
these helpers from here.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from roo_check.errors import InputError, InputErrors, RooCheckError
from roo_check.loaders.limits import MAX_REPORTED_ERRORS

if TYPE_CHECKING:
    from roo_check.models.shipment import ShipmentFile

__all__ = ["load_each", "load_path"]


def load_path(path: str | os.PathLike[str]) -> ShipmentFile:
    """Load a shipment from a folder, a single ``.xlsx`` workbook or a single BOM ``.csv``.

    Raises :class:`InputError` (one problem) or :class:`InputErrors` (several).
    """
    from roo_check.loaders.discover import load_any

    return load_any(path)


def load_each(
    paths: Iterable[str | os.PathLike[str]], errors: list[RooCheckError]
) -> Iterable[ShipmentFile]:
    """The shipments of ``paths`` that load, in order; the others' problems go to ``errors``
    (the desk commands report what loads and exit 2 for the rest)."""
    for path in paths:
        try:
            shipment = load_path(path)
        except RooCheckError as exc:
            errors.extend(exc.errors if isinstance(exc, InputErrors) else [exc])
            continue
        yield shipment


class Problems:
    """Collects the input problems of a file or folder, so that all are reported at once."""

    def __init__(self) -> None:
        self.errors: list[RooCheckError] = []
        self.dropped = 0

    def __bool__(self) -> bool:
        return bool(self.errors)

    def __len__(self) -> int:
        return len(self.errors) + self.dropped

    def add(
        self,
        message: str,
        *,
        file: str | None = None,
        location: str | None = None,
        field: str | None = None,
    ) -> None:
        self.add_error(InputError(message, file=file, location=location, field=field))

    def add_error(self, error: RooCheckError) -> None:
        """Add one error; an :class:`InputErrors` is added as the errors it holds."""
        if isinstance(error, InputErrors):
            for inner in error.errors:
                self.add_error(inner)
            return
        if len(self.errors) < MAX_REPORTED_ERRORS:
            self.errors.append(error)
        else:
            self.dropped += 1

    def extend(self, errors: Iterable[RooCheckError]) -> None:
        for error in errors:
            self.add_error(error)

    def raise_if_any(self) -> None:
        """Raise the one problem, or :class:`InputErrors` for several; do nothing if none."""
        if not self.errors:
            return
        if len(self.errors) == 1 and not self.dropped:
            raise self.errors[0]
        errors = list(self.errors)
        if self.dropped:
            errors.append(
                InputError(
                    f"... and {self.dropped} more problem(s) not listed "
                    f"(at most {MAX_REPORTED_ERRORS} are shown)"
                )
            )
        raise InputErrors(errors)


def one_line(text: str, limit: int = 300) -> str:
    """Squeeze text from a parser or library into one line of reasonable length."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."


def show_value(value: object, limit: int = 60) -> str:
    """A short, quoted rendering of a user's value for an error message."""
    text = repr(str(value)) if isinstance(value, Decimal) else repr(value)
    return text if len(text) <= limit else text[: limit - 4] + "...'"


_PREFIXES = ("Value error, ", "Assertion failed, ")
_SCALARS = (str, int, float, Decimal, bool)


def clean_message(error: dict[str, Any]) -> str:
    """One readable line for one pydantic error (``ErrorDetails``)."""
    kind = error.get("type", "")
    if kind == "missing":
        return "a value is required"
    if kind == "extra_forbidden":
        return "unknown field (check the spelling)"
    message = str(error.get("msg", "invalid value"))
    for prefix in _PREFIXES:
        if message.startswith(prefix):
            message = message[len(prefix) :]
    value = error.get("input")
    if (
        kind not in ("value_error", "assertion_error")
        and isinstance(value, _SCALARS)
        and str(value) not in message
    ):
        message = f"{message} (got {show_value(value)})"
    return one_line(message)


Locator = Callable[[tuple[int | str, ...]], tuple[str | None, str | None]]
"""Maps a pydantic ``loc`` to ``(location, field)`` as the user sees them."""


def oversized_numbers(value: object, loc: tuple[int | str, ...] = ()) -> list[tuple[Any, ...]]:
    """Paths of the numbers in a validated model that are too large to be real amounts.

    Checked after validation so that numbers given as text (``"1e999999"``) are caught too.
    """
    from pydantic import BaseModel

    from roo_check.loaders.limits import number_too_large

    found: list[tuple[Any, ...]] = []
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            found.extend(oversized_numbers(getattr(value, name), (*loc, name)))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            found.extend(oversized_numbers(item, (*loc, index)))
    elif isinstance(value, Decimal) and number_too_large(value):
        found.append(loc)
    return found


def validation_problems(exc: ValidationError, *, file: str, locate: Locator) -> list[InputError]:
    """Translate a pydantic ``ValidationError`` into one :class:`InputError` per problem."""
    problems: list[InputError] = []
    for error in exc.errors(include_url=False):
        location, field = locate(tuple(error.get("loc", ())))
        problems.append(
            InputError(clean_message(dict(error)), file=file, location=location, field=field)
        )
    return problems
