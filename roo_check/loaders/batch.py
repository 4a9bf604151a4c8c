"""Validate the rows of a table many at a time, with the problems of reading them one by one.

A table of many rows is read fastest by validating a batch of prepared rows in one pydantic
call (a ``TypeAdapter`` over a list of the model): the per-row Python work of preparing and
validating a row, and of turning errors into problems, is left to the rows that need it.
Pydantic returns nothing of a list with a bad item, but its errors name the items, so a
failing batch is validated again without them; the rows that failed, or could not be
prepared, are then read by the caller's row-by-row path at their place in the row order.

That path is the one source of problem messages, so the problems, and their order, are
exactly those of reading row by row: the batch only decides which rows need it. A row that
passes in a batch passes alone with the same model, since the items of a list are
validated independently.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from functools import cache
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

M = TypeVar("M", bound=BaseModel)
R = TypeVar("R")

BATCH_ROWS = 256
"""Rows validated in one call: enough to spread the call's cost (64 rows gain nearly all of
it), few enough that the rows' prepared values stay small in memory and a batch with a bad
row is cheap to validate again."""


@cache
def _list_adapter(model: type[BaseModel]) -> TypeAdapter[list[Any]]:
    """Built on first use, not at import, so that a command that reads no table pays nothing."""
    return TypeAdapter(list[model])  # type: ignore[valid-type]


def _failed_items(exc: ValidationError) -> set[int] | None:
    """The list positions a ValidationError of a list of models names (None: not known)."""
    failed: set[int] = set()
    for error in exc.errors(include_url=False, include_context=False, include_input=False):
        loc = error.get("loc", ())
        if not loc or not isinstance(loc[0], int):
            return None
        failed.add(loc[0])
    return failed or None


def validate_batch(model: type[M], batch: Sequence[dict[str, Any] | None]) -> list[M | None]:
    """The model of each prepared row, None where a row is not prepared (None) or fails."""
    adapter = _list_adapter(model)
    built: list[M | None] = [None] * len(batch)
    todo = [index for index, data in enumerate(batch) if data is not None]
    while todo:
        try:
            models = adapter.validate_python([batch[index] for index in todo])
        except ValidationError as exc:
            failed = _failed_items(exc)
            if failed is None:
                break  # leave every row of the batch to the row-by-row path
            todo = [index for position, index in enumerate(todo) if position not in failed]
            continue
        for index, item in zip(todo, models, strict=True):
            built[index] = item
        break
    return built


def validated_rows(
    model: type[M],
    rows: Sequence[R],
    *,
    prepared: Callable[[R], dict[str, Any] | None],
    one_by_one: Callable[[R], M | None],
    batch: int = BATCH_ROWS,
) -> Iterator[tuple[R, M | None]]:
    """Each row with its model (None where it has a problem), in row order.

    ``prepared(row)`` gives the values :func:`one_by_one` would validate, or None if a cell
    cannot be prepared. ``one_by_one(row)`` is the reference path, which adds the row's
    problems; it is called only for a row that fails in its batch, and only when that row
    is yielded, so that a caller's own checks of each model interleave with the problems
    exactly as row by row. ``batch`` rows are validated in one call; 0: row by row only.
    """
    if batch <= 0:
        for row in rows:
            yield row, one_by_one(row)
        return
    for start in range(0, len(rows), batch):
        part = rows[start : start + batch]
        built = validate_batch(model, [prepared(row) for row in part])
        for row, item in zip(part, built, strict=True):
            yield row, item if item is not None else one_by_one(row)
