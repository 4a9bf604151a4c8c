"""Determinations already written as JSON, for a report that is written as a stream.

A determination is tens of kilobytes as Python objects and a few as JSON text, and a report
writer only ever needs the text. When every requested report is JSON or JSON Lines, the map
step writes each determination as compact JSON in the process that decided it, and the
shipment keeps them here, in report order, in memory up to :data:`IN_MEMORY` bytes and in an
anonymous temporary file beyond (a million-line shipment's determinations are gigabytes as
objects). The writers read them back one at a time through the same ``model_dump`` call
they make on a :class:`~roo_check.models.findings.Determination`, so the report is
byte-identical either way.
"""

from __future__ import annotations

import heapq
import tempfile
from collections.abc import Iterator
from typing import Any

from roo_check.jsontext import dumps, loads

IN_MEMORY = 32 * 1024 * 1024
"""Bytes of JSON text a spool holds in memory before it moves to a temporary file."""


class Rendered:
    """One determination as JSON text; ``model_dump`` gives the data it was written from."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def model_dump(self, mode: str = "json", **_: Any) -> Any:
        return loads(self.text)


def render(determination: Any) -> str:
    """The compact JSON text of a determination (what :class:`Spool` stores)."""
    return dumps(determination.model_dump(mode="json"), indent=False)


class Spool:
    """A shipment's determinations as JSON text, in part-number order: those added in order
    (the goods decided partition by partition), merged with those decided later (the sets,
    decided after their components) by part number."""

    def __init__(self, in_memory: int = IN_MEMORY) -> None:
        # Lives as long as the shipment's result; closed (and deleted) when collected.
        self._file = tempfile.SpooledTemporaryFile(max_size=in_memory, mode="w+b")  # noqa: SIM115
        self._keys: list[str] = []
        self._late: list[tuple[str, str]] = []

    def add(self, key: str, text: str) -> None:
        """Append a record whose key is not below the last one added."""
        self._file.seek(0, 2)  # a reader may have left the position anywhere
        self._file.write(text.encode("utf-8", "surrogatepass") + b"\n")
        self._keys.append(key)

    def add_late(self, key: str, text: str) -> None:
        """A record decided after the others, put in its place by ``key`` when read."""
        self._late.append((key, text))

    def __len__(self) -> int:
        return len(self._keys) + len(self._late)

    def __iter__(self) -> Iterator[Rendered]:
        in_order = zip(self._keys, self._lines(), strict=True)
        merged = heapq.merge(in_order, sorted(self._late), key=lambda pair: pair[0])
        return (Rendered(text) for _, text in merged)

    def _lines(self) -> Iterator[str]:
        self._file.flush()
        self._file.seek(0)
        for line in self._file:
            yield line[:-1].decode("utf-8", "surrogatepass")

    def __getstate__(self) -> dict[str, Any]:
        """Sent to another process (a batch's worker returns its shipment): the text itself."""
        return {"keys": self._keys, "lines": list(self._lines()), "late": self._late}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__()
        for key, text in zip(state["keys"], state["lines"], strict=True):
            self.add(key, text)
        self._late = list(state["late"])
