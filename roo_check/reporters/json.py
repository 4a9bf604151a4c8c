"""JSON report: the Report model as documented, keys sorted, money and percentages as strings.

Decimals are written as strings so no reader turns them into floats; the report is
byte-identical for identical inputs, rules and dates.

The text is the standard library's ``json.dumps(indent=2, sort_keys=True,
ensure_ascii=False)``, byte for byte, whichever encoder writes it: :func:`dumps` asks orjson
first (over ten times faster on a large report) and the standard library for what orjson
declines.
"""

from __future__ import annotations

import json

import orjson

from roo_check.models.findings import Report
from roo_check.reporters import RenderOptions

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


def render(report: Report, options: RenderOptions | None = None) -> str:
    return dumps(report.model_dump(mode="json")) + "\n"
