"""The automotive appendix data (SOR/2020-155 Part 6): loads, counts, phase-in, regeneration."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from roo_check.errors import RuleError
from roo_check.rulebook.automotive import (
    CATEGORIES_FILE,
    PARTS_FILE,
    THRESHOLDS_FILE,
    Automotive,
    load_automotive,
)
from roo_check.rulebook.load import default_rules_dir, load_rulebook

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "data" / "usmca-auto"
needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/data/usmca-auto absent")

EXPECTED_ROWS = {
    "A.1": 17,
    "A.2": 70,
    "B": 38,
    "C": 27,
    "D": 35,
    "E": 15,
    "F": 79,
    "G": 3,
    "S": 64,
}

PV = "passenger vehicle"
LT = "light truck"
HT = "heavy truck"
CORE = "core parts (Table A.1; Table A.2 column 1 / super-core)"
NC, TV = "net cost", "transaction value"
LVC_TOTAL = "LVC total (minimum)"
LVC_FLOOR = "high-wage material and labour expenditures (minimum percentage points)"


@pytest.fixture(scope="module")
def auto() -> Automotive:
    return load_automotive()


def _pct(auto: Automotive, category: str, method: str, on: str) -> Decimal | None:
    row = auto.threshold(category, method, dt.date.fromisoformat(on))
    return None if row is None else row.percent


def test_rulebook_still_loads_and_ignores_the_automotive_kinds() -> None:
    rulebook = load_rulebook()
    assert rulebook.rules
    assert (default_rules_dir() / PARTS_FILE).is_file()


def test_counts_per_table(auto: Automotive) -> None:
    assert {t.id: len(t.rows) for t in auto.parts.tables} == EXPECTED_ROWS
    assert sum(EXPECTED_ROWS.values()) == 348
    assert len(auto.parts.table_g_materials) == 31
    assert len(auto.thresholds.thresholds) == 109


@needs_shared
def test_counts_match_the_source_readme(auto: Automotive) -> None:
    readme = (SHARED / "README.md").read_text(encoding="utf-8")
    printed = {
        m.group(1): int(m.group(2))
        for m in re.finditer(r"^\| (A\.1|A\.2|[B-GS]) \|[^|]*\|[^|]*\| (\d+)", readme, re.M)
    }
    assert printed == EXPECTED_ROWS
    assert {t.id: len(t.rows) for t in auto.parts.tables} == printed


def test_every_row_has_a_citation_and_codes(auto: Automotive) -> None:
    for table in auto.parts.tables:
        for row in table.rows:
            assert row.citation.startswith(f"SOR/2020-155, Part 6, Table {table.id}")
            assert row.codes
            assert (row.component_of is not None) == (table.id == "A.2")
    for row in auto.thresholds.thresholds:
        assert row.citation.startswith("SOR/2020-155, s. ")


def test_levels_and_codes(auto: Automotive) -> None:
    f = auto.table("F")
    assert f is not None
    by_code = {r.hs_code: r for r in f.rows}
    assert str(by_code["8482.10 through 8482.80"].codes[0]) == "8482.10-8482.80"
    assert by_code["8708.99.ee"].level == "tariff-item"
    assert str(by_code["8708.99.ee"].codes[0]) == "8708.99"
    assert str(by_code["40.09"].codes[0]) == "4009"
    a2 = auto.table("A.2")
    assert a2 is not None
    assert {r.component_of for r in a2.rows} == {
        "Engines",
        "Transmissions",
        "Body and chassis",
        "Axles",
        "Suspension systems",
        "Steering systems",
        "Advanced batteries",
    }


def test_source_attribution(auto: Automotive) -> None:
    for doc in (auto.parts, auto.thresholds):
        assert doc.source.hs_edition == "HS2012"
        assert doc.source.official is False
        assert "not an official version" in doc.source.licence
        assert "Reproduction of Federal Law Order" in doc.source.licence


@pytest.mark.parametrize(
    ("on", "percent"),
    [("2020-07-01", 66), ("2021-07-01", 69), ("2022-07-01", 72), ("2023-07-01", 75)],
)
def test_passenger_vehicle_and_light_truck_rvc(auto: Automotive, on: str, percent: int) -> None:
    assert _pct(auto, PV, NC, on) == percent
    assert _pct(auto, LT, NC, on) == percent
    assert _pct(auto, PV, TV, on) is None  # the vehicle rule has no transaction value method


def test_period_boundaries(auto: Automotive) -> None:
    assert _pct(auto, PV, NC, "2021-06-30") == 66
    assert _pct(auto, PV, NC, "2030-01-01") == 75
    assert _pct(auto, PV, NC, "2020-06-30") is None  # before Part 6 was in force


@pytest.mark.parametrize(
    ("on", "percent"),
    [
        ("2020-07-01", 60),
        ("2024-06-30", 60),
        ("2024-07-01", 64),
        ("2027-06-30", 64),
        ("2027-07-01", 70),
    ],
)
def test_heavy_truck_rvc(auto: Automotive, on: str, percent: int) -> None:
    assert _pct(auto, HT, NC, on) == percent


@pytest.mark.parametrize(
    ("on", "nc", "tv"),
    [
        ("2020-07-01", 66, 76),
        ("2021-07-01", 69, 79),
        ("2022-07-01", 72, 82),
        ("2023-07-01", 75, 85),
        ("2027-07-01", 75, 85),
    ],
)
def test_core_parts(auto: Automotive, on: str, nc: int, tv: int) -> None:
    assert _pct(auto, CORE, NC, on) == nc
    assert _pct(auto, CORE, TV, on) == tv


@pytest.mark.parametrize(
    ("table", "on", "nc", "tv"),
    [
        ("principal parts (Table B)", "2020-07-01", Decimal("62.5"), Decimal("72.5")),
        ("principal parts (Table B)", "2023-07-01", 70, 80),
        ("complementary parts (Table C)", "2022-07-01", 64, 74),
        ("heavy-truck principal parts (Table D)", "2024-07-01", 64, 74),
        ("heavy-truck complementary parts (Table E)", "2027-07-01", 60, 70),
    ],
)
def test_parts_tables_thresholds(auto: Automotive, table: str, on: str, nc, tv) -> None:
    assert _pct(auto, table, NC, on) == nc
    assert _pct(auto, table, TV, on) == tv


def test_lvc(auto: Automotive) -> None:
    pv = "LVC — passenger vehicle"
    assert _pct(auto, pv, LVC_TOTAL, "2020-07-01") == 30
    assert _pct(auto, pv, LVC_TOTAL, "2023-07-01") == 40
    assert _pct(auto, pv, LVC_FLOOR, "2023-07-01") == 25
    for truck in ("LVC — light truck", "LVC — heavy truck"):
        assert _pct(auto, truck, LVC_TOTAL, "2023-07-01") == 45
        assert _pct(auto, truck, LVC_FLOOR, "2023-07-01") == 30


def test_non_percent_values(auto: Automotive) -> None:
    row = auto.threshold(
        "LVC — high-wage rate",
        "minimum average base hourly wage rate (United States)",
        dt.date(2024, 1, 1),
    )
    assert row is not None and row.percent is None
    assert (row.value, row.unit) == (Decimal(16), "USD per hour")
    relative = [r for r in auto.thresholds.thresholds if r.period == "after_first_prototype"]
    assert len(relative) == 2
    assert all(not r.in_force(dt.date(2024, 1, 1)) for r in relative)


def _copy_rules(tmp_path: Path) -> Path:
    """A minimal rule set: the origin criteria, Chapter 4 articles and the automotive files."""
    root = tmp_path / "rules"
    (root / PARTS_FILE.parent).mkdir(parents=True)
    criteria = Path("usmca") / "origin-criteria.yaml"
    articles = Path("usmca") / "chapter-4-articles.yaml"
    for rel in (PARTS_FILE, THRESHOLDS_FILE, CATEGORIES_FILE, criteria, articles):
        shutil.copyfile(default_rules_dir() / rel, root / rel)
    return root


def _edit_thresholds(root: Path, old: str, new: str) -> None:
    path = root / THRESHOLDS_FILE
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_gap_is_refused_naming_file_and_row(tmp_path: Path) -> None:
    root = _copy_rules(tmp_path)
    # passenger vehicle 69% starts a day late: 2021-07-01 is in no period.
    _edit_thresholds(
        root,
        "percent: '69'\n  effective_from: '2021-07-01'",
        "percent: '69'\n  effective_from: '2021-07-02'",
    )
    assert load_automotive(ROOT / "rules").threshold(PV, NC, dt.date(2021, 7, 1)) is not None
    with pytest.raises(RuleError) as caught:
        load_automotive(root)
    message = str(caught.value)
    assert "usmca/automotive/thresholds.yaml" in message
    assert "row 1 (passenger vehicle / net cost" in message
    assert "gap" in message


def test_an_overlap_is_refused_naming_file_and_row(tmp_path: Path) -> None:
    root = _copy_rules(tmp_path)
    _edit_thresholds(
        root,
        "percent: '72'\n  effective_from: '2022-07-01'",
        "percent: '72'\n  effective_from: '2022-06-01'",
    )
    with pytest.raises(RuleError) as caught:
        load_automotive(root)
    message = str(caught.value)
    assert "usmca/automotive/thresholds.yaml" in message
    assert "row 2 (passenger vehicle / net cost" in message
    assert "overlaps" in message


def test_an_unknown_key_is_refused(tmp_path: Path) -> None:
    root = _copy_rules(tmp_path)
    _edit_thresholds(root, "  citation: SOR", "  cite: x\n  citation: SOR")
    with pytest.raises(RuleError, match="unknown key 'cite'"):
        load_automotive(root)


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    root = _copy_rules(tmp_path)
    (root / THRESHOLDS_FILE).unlink()
    with pytest.raises(
        RuleError, match="automotive rules are incomplete: no automotive_thresholds"
    ):
        load_automotive(root)


def test_a_rule_set_without_the_automotive_files_has_no_automotive_rules(tmp_path: Path) -> None:
    root = _copy_rules(tmp_path)
    shutil.rmtree(root / "usmca" / "automotive")
    assert load_rulebook(root).automotive is None
    with pytest.raises(RuleError, match="automotive rule files not found"):
        load_automotive(root)


def test_a_category_naming_an_unknown_schedule_is_refused(tmp_path: Path) -> None:
    root = _copy_rules(tmp_path)
    path = root / CATEGORIES_FILE
    path.write_text(path.read_text().replace("AUTO-PV-LVC", "AUTO-PV-LVX"))
    with pytest.raises(RuleError, match="names schedule AUTO-PV-LVX, which no threshold row has"):
        load_automotive(root)


@needs_shared
def test_regeneration_is_byte_identical(tmp_path: Path) -> None:
    from roo_check.rulegen.automotive import generate

    written = generate(SHARED, tmp_path)
    for path in written:
        shipped = ROOT / "rules" / "usmca" / "automotive" / path.name
        assert path.read_bytes() == shipped.read_bytes(), f"{path.name}: regenerate and review"
