"""roo-check whatif: a what-if with no changes, or with changes that set what the files already
say, reports no difference on any sample; a change applies to every line of its part number
and is validated as an input."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roo_check.errors import InputErrors, UsageError
from roo_check.loaders import load_path
from roo_check.models.config import Config
from roo_check.rulebook.load import load_rulebook
from roo_check.whatif import Applier, Edit, Sides, parse_set, what_if

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted(p for p in (ROOT / "samples").iterdir() if p.name != "99-broken-bom")
TODAY = dt.date(2026, 6, 1)


@pytest.fixture(scope="module")
def rulebook():
    return load_rulebook()


def _what_if(rulebook, paths, edits):
    return what_if(paths, edits, Sides(rulebook, rulebook, None), Config(), TODAY)


def test_no_change_on_every_sample_reports_no_difference(rulebook) -> None:
    comparison = _what_if(rulebook, SAMPLES, [])
    assert comparison.changes == [] and comparison.goods_compared > 20


LINES = [
    (sample, line)
    for sample in SAMPLES
    if sample.is_dir() and (sample / "bom.csv").exists()
    for line in load_path(sample).bom
]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.sampled_from(LINES),
    st.sampled_from(["origin_status", "country_of_origin", "extended_value", "unit_value"]),
)
def test_setting_what_the_file_says_reports_no_difference(rulebook, picked, name) -> None:
    sample, line = picked
    value = getattr(line, name)
    if value is None:
        return
    value = getattr(value, "value", value)
    siblings = [m for m in load_path(sample).bom if m.part_number == line.part_number]
    if any(getattr(m, name) != getattr(line, name) for m in siblings):
        return  # the part differs between its lines: one value cannot restate them all
    comparison = _what_if(rulebook, [sample], [Edit(line.part_number, name, str(value), "--set")])
    assert comparison.changes == [], comparison


def test_a_change_applies_to_every_line_of_its_part_number() -> None:
    shipment = load_path(ROOT / "samples" / "02-boiler-rvc")
    applier = Applier([parse_set("BURNER-G.country_of_origin=cn")])
    changed = applier(shipment)
    burner = [m for m in changed.bom if m.part_number == "BURNER-G"]
    assert burner and all(m.country_of_origin == "CN" for m in burner)
    others = [
        (a, b)
        for a, b in zip(shipment.bom, changed.bom, strict=True)
        if a.part_number != "BURNER-G"
    ]
    assert all(a is b for a, b in others)
    assert applier.unused() == []


def test_a_unit_value_replaces_the_extended_value() -> None:
    shipment = load_path(ROOT / "samples" / "02-boiler-rvc")
    changed = Applier([parse_set("DRUM-KIT.unit_value=100000.00")])(shipment)
    drum = next(m for m in changed.bom if m.part_number == "DRUM-KIT")
    assert drum.extended_value is None and drum.value == 100000 * drum.quantity


@pytest.mark.parametrize(
    "text",
    [
        "BURNER-G",
        "BURNER-G.country_of_origin",
        "=CN",
        ".country_of_origin=CN",
        "BURNER-G.part_number=X",
    ],
)
def test_a_malformed_set_is_a_usage_error(text: str) -> None:
    with pytest.raises(UsageError):
        parse_set(text)


def test_a_part_number_with_dots_keeps_them() -> None:
    edit = parse_set("PCA.MAIN.v2.unit_value=12.50")
    assert (edit.part, edit.field, edit.value) == ("PCA.MAIN.v2", "unit_value", "12.50")


def test_a_value_the_line_refuses_is_an_input_error(rulebook) -> None:
    with pytest.raises(InputErrors) as caught:
        _what_if(
            rulebook, [ROOT / "samples" / "02-boiler-rvc"], [parse_set("BURNER-G.quantity=-3")]
        )
    assert "BURNER-G" in str(caught.value)
