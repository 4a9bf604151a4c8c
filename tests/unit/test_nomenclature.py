"""The HS nomenclature: which codes exist, the nearest valid codes, the UNSD correlation, and
the input models refusing codes their declared edition does not have."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import pytest
from pydantic import ValidationError

from roo_check.errors import InputError
from roo_check.hs import nomenclature as hs
from roo_check.loaders import load_path
from tests.unit.builders import good, line


def test_edition_sizes_match_the_official_structure() -> None:
    assert len(hs.subheadings("HS2022")) == 5612
    assert len(hs.subheadings("HS2017")) == 5387
    assert len(hs.subheadings("HS2012")) == 5205
    assert len(hs.headings("HS2022")) == 1228
    assert len(hs.headings("HS2017")) == 1222
    assert hs.subheadings() == tuple(sorted(hs.subheadings()))


@pytest.mark.parametrize(
    ("code", "edition", "exists"),
    [
        ("8501.52", "HS2022", True),
        ("850152", "HS2022", True),
        ("8501.59", "HS2022", False),
        ("8462.10", "HS2022", False),
        ("8462.10", "HS2017", True),
        ("8485", "HS2022", True),  # new heading in HS2022
        ("8485", "HS2017", False),
        ("8469", "HS2012", True),  # typewriters: gone since HS2017
        ("8469", "HS2017", False),
        ("85", "HS2022", True),
        ("77", "HS2022", False),  # reserved chapter
        ("8501.52.40", "HS2022", True),  # a tariff item is judged by its subheading
        ("8501.59.40", "HS2022", False),
    ],
)
def test_exists(code: str, edition: str, exists: bool) -> None:
    assert hs.exists(code, edition) is exists


def test_describe() -> None:
    assert "AC motors, multi-phase" in (hs.describe("8501.52") or "")
    assert hs.describe("8501.59") is None
    assert hs.describe("8469", "HS2012") is None  # HS2012 is known by its codes only
    assert hs.level_name("8501") == "heading"
    assert hs.edition_of("8462.10") == "HS2017"
    assert hs.edition_of("8701.90") == "HS2012"
    assert hs.edition_of("4103.10") is None


def test_unknown_edition_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown HS edition 'HS1996'"):
        hs.exists("8501", "HS1996")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("8501.59", ["850151", "850152", "850153"]),  # siblings one typo away
        ("8510.52", ["850152", "851020", "851030"]),  # a swapped pair of digits is one typo
        ("8599", ["8529", "8539", "8549"]),
    ],
)
def test_nearest(typed: str, expected: list[str]) -> None:
    assert hs.nearest(typed) == expected


def test_nearest_in_another_edition_and_size() -> None:
    assert hs.nearest("8462.10", "HS2022", n=2) == ["846211", "846219"]
    assert len(hs.nearest("0101.99", "HS2017", n=5)) == 5


def test_correlate_split_and_renumbered() -> None:
    assert hs.correlate("8701.20", "HS2017", "HS2022") == [
        "870121",
        "870122",
        "870123",
        "870124",
        "870129",
    ]
    assert hs.correlate("8469", "HS2012", "HS2022") == ["847290"]
    assert hs.correlate("8701.90", "HS2012", "HS2022") == [f"87019{d}" for d in "12345"]
    back = hs.correlation("8462", "HS2022", "HS2017")
    assert "846210" in back.targets and back.from_edition == "HS2022"


def test_waste_and_new_heading_slices_are_set_aside() -> None:
    """Every electrical HS2017 code is linked to e-waste 8549; a motor stays a motor."""
    motor = hs.correlation("8501.52", "HS2017", "HS2022")
    assert motor.targets == ("850152",) and motor.unique
    assert "854921" in motor.set_aside
    assert hs.correlation("8501.52", "HS2017", "HS2022", include_slices=True).targets[-1] == (
        "854999"
    )
    phones = hs.correlation("8517.12", "HS2017", "HS2022")
    assert phones.targets == ("851713", "851714")
    assert "852411" in phones.set_aside  # flat panel display modules, new heading 8524
    # battery waste moved wholly to 8549.1x (a 1:n link): kept
    assert "854911" in hs.correlate("8548.10", "HS2017", "HS2022")


def test_correlation_gaps() -> None:
    gap = hs.correlation("3002.19", "HS2017", "HS2022")
    assert gap.targets == () and gap.unmapped == ("300219",)
    assert hs.correlate("8501.59", "HS2017", "HS2022") == []  # not a code: nothing
    with pytest.raises(ValueError, match="go via HS2022"):
        hs.correlation("8469", "HS2012", "HS2017")


def test_data_ships_inside_the_package() -> None:
    data = files("roo_check.hs").joinpath("data")
    names = {p.name for p in data.iterdir()}
    assert {
        "hs2022.csv.gz",
        "hs2017.csv.gz",
        "hs2022_hs2017_correlation.csv.gz",
        "hs2022_hs2012_correlation.csv.gz",
        "README.md",
    } <= names
    readme = data.joinpath("README.md").read_text(encoding="utf-8")
    assert "Source: UNSD correspondence tables" in readme and "ODC-PDDL-1.0" in readme


# ------------------------------------------------------------------------------ input models


def test_good_code_must_exist_in_its_edition() -> None:
    with pytest.raises(ValidationError) as caught:
        good("8501.59")
    assert "'8501.59' is not an HS2022 subheading; nearest: 8501.51, 8501.52, 8501.53" in str(
        caught.value
    )
    assert good("8462.10", hs_edition="HS2017").hs_code == "846210"
    with pytest.raises(ValidationError, match=r"'8462\.10' is not an HS2022 subheading"):
        good("8462.10")


@pytest.mark.parametrize("written", ["HS2017", "hs2017", "2017", "HS 2017"])
def test_edition_spellings(written: str) -> None:
    assert good("8701.20", hs_edition=written).hs_edition == "HS2017"


def test_unknown_edition_is_reported_on_its_own_field() -> None:
    with pytest.raises(ValidationError) as caught:
        good("8501.52", hs_edition="HS2019")
    assert [e["loc"] for e in caught.value.errors()] == [("hs_edition",)]


def test_bom_line_heading_and_tariff_item() -> None:
    assert line("A", "8501", "1").hs_code == "8501"
    with pytest.raises(ValidationError, match="'8599' is not an HS2022 heading; nearest: 8529"):
        line("A", "8599", "1")
    assert line("A", "8501.52.40", "1").hs_code == "85015240"  # national digits not checked
    with pytest.raises(ValidationError, match=r"'8501\.59\.40': 8501\.59 is not an HS2022"):
        line("A", "8501.59.40", "1")
    assert line("A", "8548.10", "1", hs_edition="HS2017").hs_edition == "HS2017"


def test_loader_reports_an_unknown_subheading_on_one_line(tmp_path: Path) -> None:
    (tmp_path / "goods.csv").write_text(
        "part_number,description,hs_code,producer,country_of_production,currency,"
        "transaction_value\n"
        "G-1,Motor,8501.52,Motores SA,MX,USD,100.00\n"
    )
    (tmp_path / "bom.csv").write_text(
        "good_part_number,part_number,description,hs_code,hs_edition,quantity,unit,"
        "unit_value,currency,origin_status\n"
        "G-1,A,Stator,8503.00,,1,pcs,10.00,USD,originating\n"
        "G-1,B,Rotor,8501.59,HS2022,1,pcs,10.00,USD,non-originating\n"
        "G-1,C,Old press,8462.10,HS2017,1,pcs,10.00,USD,non-originating\n"
    )
    with pytest.raises(InputError) as caught:
        load_path(tmp_path)
    error = caught.value
    assert (error.location, error.field) == ("row 3", "hs_code")
    assert error.message == (
        "'8501.59' is not an HS2022 subheading; nearest: 8501.51, 8501.52, 8501.53"
    )
