"""JSON text as the reports write it: the standard library's output, byte for byte, written by
orjson where orjson can (over ten times faster on a large report).

Shared by the reporters and by the engine's map step, which writes each determination as
JSON text in the worker that decided it (:class:`roo_check.models.rendered.Spool`).
"""

from __future__ import annotations

import json

import orjson

_INDENTED = orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS
_COMPACT = orjson.OPT_SORT_KEYS


def dumps(data: object, *, indent: bool = True) -> str:
    """``data`` as the standard library writes it with sorted keys and UTF-8 text: indented
    by two spaces (``indent``) or compact, with no spaces at all (JSON Lines).

    orjson declines (``JSONEncodeError``) what it cannot write as the standard library
    does: integers beyond 64 bits, strings with lone surrogates, keys that are not strings,
    nesting deeper than orjson allows; those go to the standard library, which writes them or raises
    its own error. Floats are the one value where both encoders write valid but different
    text (``1e-07`` against ``1e-7``, ``NaN`` against ``null``), and neither declines, so
    ``data`` must hold none: a report holds none, its schema has no number
    (``tests/unit/test_json_render.py`` proves it).
    """
    try:
        return orjson.dumps(data, option=_INDENTED if indent else _COMPACT).decode()
    except orjson.JSONEncodeError:
        if indent:
            return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False)
        return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def loads(text: bytes | str) -> object:
    """What :func:`dumps` wrote (with ``indent=False``), read back as the same data."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)  # a lone surrogate, an integer beyond 64 bits
