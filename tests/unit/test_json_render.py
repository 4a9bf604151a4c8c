"""The JSON encoder (orjson, the standard library where orjson declines) writes exactly the
standard library's bytes, for any JSON-like data and for real reports."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ConfigDict

from roo_check import jsontext as json_reporter
from roo_check.models.findings import Report
from roo_check.reporters.json import dumps, render
from tests.unit.report_support import check


def stdlib(data: object, indent: bool) -> str:
    """What the JSON report and JSON Lines were written with before orjson."""
    if indent:
        return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False)
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


TRICKY_TEXT = [
    "",
    '"',
    "\\",
    "\\u00e9 \\ud800 \\n",  # escapes spelled out, not characters
    "\ud800",  # lone surrogates: not UTF-8, orjson declines
    "\udfff",
    "\ud83d\ude00",  # a surrogate pair in a str is two lone surrogates
    "\U0001f600",
    "\x00\x01\x1f",
    "\x7f\x85\xa0",
    "\u2028\u2029\ufeff\uffff",
    "\r\n\t\b\f",
    "é Ü 中文 عربي",
]

HUGE_INTS = [2**63 - 1, 2**63, 2**64 - 1, 2**64, -(2**63), -(2**63) - 1, 10**100, -(10**100)]

text = (
    st.text(st.characters(exclude_categories=()))  # every code point, surrogates included
    | st.sampled_from(TRICKY_TEXT)
    | st.lists(st.sampled_from(TRICKY_TEXT), max_size=4).map("".join)
)
integers = st.integers() | st.sampled_from(HUGE_INTS)
scalars = st.none() | st.booleans() | integers | text
json_like = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=5)
        | st.dictionaries(text, inner, max_size=5)
        | st.dictionaries(integers, inner, max_size=3)  # non-str keys: orjson declines
    ),
    max_leaves=30,
)


@settings(max_examples=400, deadline=None)
@given(data=json_like, indent=st.booleans())
@example(data={"b": [], "a": {}, "c": [[{}]]}, indent=True)
@example(data={"\ud800": 1, "a": "\x00"}, indent=True)
@example(data=[2**64, {"k": -(2**63) - 1}], indent=False)
@example(data={3: "x", 1: ["y"]}, indent=True)
def test_dumps_writes_the_stdlib_bytes(data: Any, indent: bool) -> None:
    assert dumps(data, indent=indent) == stdlib(data, indent)


def nested(depth: int, leaf: Any) -> Any:
    for level in range(depth):
        leaf = [leaf] if level % 2 else {"k": leaf}
    return leaf


@pytest.mark.parametrize("depth", [10, 300])
@pytest.mark.parametrize("indent", [True, False])
def test_nesting_deeper_than_orjson_takes_is_written_all_the_same(depth, indent) -> None:
    data = nested(depth, "leaf")
    assert dumps(data, indent=indent) == stdlib(data, indent)


def test_data_neither_encoder_takes_raises_the_stdlib_error() -> None:
    with pytest.raises(TypeError, match="not JSON serializable"):
        dumps({"when": object()})


@pytest.mark.parametrize(
    "paths",
    [
        [
            "samples/01-motor-tariff-shift",
            "samples/99-broken-bom",
            "samples/12-certificate-mismatch",
        ],
        ["samples/13-panama-routing", "samples/30-bicycle-intermediate-frame"],
        ["samples/21-sedan-fails-lvc"],
    ],
)
def test_a_report_is_written_by_orjson_as_the_stdlib_wrote_it(
    rulebook, at_root, monkeypatch, paths
) -> None:
    """Real reports take the fast path (the standard library is unplugged) and come out as
    the standard library wrote them."""
    report = check(rulebook, *paths)
    expected = stdlib(report.model_dump(mode="json"), indent=True) + "\n"
    monkeypatch.setattr(json_reporter, "json", None)
    assert render(report) == expected


def test_a_report_holds_no_floats_whatever_its_content() -> None:
    """orjson and the standard library write floats differently and neither declines them,
    so the fast path is exact only because a report cannot hold one: every value its
    serialization schema allows is a string, an integer, a boolean or null, in closed objects
    and typed arrays (a float or ``Any`` field added to a report model fails this test)."""
    schema = Report.model_json_schema(mode="serialization")
    loose = list(_loose_schemas(schema, "Report"))
    assert loose == []


class _Clean(BaseModel):
    model_config = ConfigDict(extra="forbid")
    amount: Decimal
    rows: list[int]
    labels: dict[str, str]
    note: str | None


class _Float(BaseModel):
    model_config = ConfigDict(extra="forbid")
    share: float


class _Untyped(BaseModel):
    model_config = ConfigDict(extra="forbid")
    params: dict[str, Any]


class _Nested(BaseModel):
    model_config = ConfigDict(extra="forbid")
    inner: list[_Float]


@pytest.mark.parametrize(
    ("model", "loose"),
    [(_Clean, False), (_Float, True), (_Untyped, True), (_Nested, True)],
)
def test_the_schema_walk_finds_numbers_and_open_values(model, loose) -> None:
    schema = model.model_json_schema(mode="serialization")
    assert bool(list(_loose_schemas(schema, model.__name__))) is loose


_LEAF_TYPES = {"string", "integer", "boolean", "null"}
_COMBINERS = ("anyOf", "allOf", "oneOf")


def _loose_schemas(node: dict[str, Any], where: str):
    """Where a schema admits a number, or anything at all."""
    for name, definition in node.get("$defs", {}).items():
        yield from _loose_schemas(definition, name)
    kind = node.get("type")
    if kind in _LEAF_TYPES or "$ref" in node or "enum" in node or "const" in node:
        return
    if any(key in node for key in _COMBINERS):
        for key in _COMBINERS:
            for i, part in enumerate(node.get(key, [])):
                yield from _loose_schemas(part, f"{where}.{key}[{i}]")
    elif kind == "array" and isinstance(node.get("items"), dict):
        yield from _loose_schemas(node["items"], f"{where}[]")
    elif kind == "object" and _closed(node):
        for field, sub in node.get("properties", {}).items():
            yield from _loose_schemas(sub, f"{where}.{field}")
        extra = node.get("additionalProperties")
        if isinstance(extra, dict):
            yield from _loose_schemas(extra, f"{where}.*")
    else:
        yield f"{where}: {json.dumps(node, sort_keys=True)[:200]}"


def _closed(node: dict[str, Any]) -> bool:
    extra = node.get("additionalProperties", True)
    return extra is False or isinstance(extra, dict)


def test_the_streamed_report_joins_to_the_rendered_one() -> None:
    """``stream`` writes one shipment record or determination at a time; the pieces are the
    whole report's text exactly (every sample as a batch: errors, sets, vehicles, flags)."""
    import datetime as dt
    from pathlib import Path

    from roo_check.reporters.json import stream
    from roo_check.rulebook.load import load_rulebook
    from roo_check.run import check_paths

    samples = sorted(p for p in (Path(__file__).parents[2] / "samples").iterdir() if p.is_dir())
    report = check_paths(samples, load_rulebook(), None, dt.date(2026, 11, 20))
    pieces = list(stream(report))
    assert len(pieces) > 100
    assert (
        "".join(pieces)
        == json.dumps(report.model_dump(mode="json"), indent=2, sort_keys=True, ensure_ascii=False)
        + "\n"
    )
