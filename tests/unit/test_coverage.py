"""``rules coverage``: the JSON shape, consistent numbers, and the reasons for gaps."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sys
from pathlib import Path

import pytest

from roo_check.cli import main
from roo_check.hs import nomenclature
from roo_check.rulebook.coverage import coverage, percent, render_text
from roo_check.rulebook.load import default_rules_dir, load_rulebook

DAY = dt.date(2026, 3, 1)
HEAD = """\
schema_version: 1
kind: product_specific_rules
chapter: {chapter}
title: test
citation: test
source: {{document: test, edition: test, hs_edition: HS2022, transcription: test, verified: false}}
rules:
"""


def _rule(rule_id: str, scope: str, *extra: str) -> str:
    lines = [
        f"  - id: {rule_id}",
        f"    provision: '{scope}'",
        f"    scope: ['{scope}']",
        "    citation: test",
        "    text: A change ...",
        *(f"    {e}" for e in extra),
        "    alternatives:",
        "      - {label: A, shift: {from_any_other: heading}, text: A change ...}",
    ]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("rules")
    shutil.copy(default_rules_dir() / "usmca" / "origin-criteria.yaml", root / "criteria.yaml")
    shutil.copy(default_rules_dir() / "usmca" / "chapter-4-articles.yaml", root / "chapter4.yaml")
    (root / "ch84.yaml").write_text(
        HEAD.format(chapter=84)
        + _rule("PSR-84", "84")
        + _rule("PSR-8462.10", "8462.10")  # HS2017: reaches 8462.11 and more
    )
    (root / "ch87.yaml").write_text(
        HEAD.format(chapter=87)
        + _rule("PSR-8701.20", "8701.20")
        + _rule("PSR-8702", "8702", "effective_to: 2021-01-01")
        + _rule("PSR-8703.21.10", "8703.21.10")
    )
    return load_rulebook(root)


def test_json_shape_is_exact(small) -> None:
    report = coverage(small, DAY)
    assert list(report) == [
        "edition",
        "date",
        "subheadings_total",
        "subheadings_covered",
        "by_chapter_rule",
        "uncovered",
    ]
    assert report["edition"] == "HS2022" and report["date"] == "2026-03-01"
    assert report["by_chapter_rule"] == []  # the small rule set has no chapter notes
    assert all(list(item) == ["code", "reason"] for item in report["uncovered"])
    codes = [item["code"] for item in report["uncovered"]]
    assert codes == sorted(codes) and all(len(c) == 6 and c.isdigit() for c in codes)
    json.dumps(report)  # JSON-ready as it is


def test_numbers_are_consistent(small) -> None:
    report = coverage(small, DAY)
    assert report["subheadings_total"] == len(nomenclature.subheadings()) == 5612
    covered = report["subheadings_total"] - len(report["uncovered"])
    assert report["subheadings_covered"] == covered
    chapter_84 = [c for c in nomenclature.subheadings() if c.startswith("84")]
    assert covered == len(chapter_84) + 5  # 8701.21-8701.29 through HS2017 8701.20


def test_reasons(small) -> None:
    reasons = {item["code"]: item["reason"] for item in coverage(small, DAY)["uncovered"]}
    assert "846211" not in reasons and "870121" not in reasons
    assert reasons["010121"] == "no rule in the GN 11 source for chapter 01"
    assert reasons["870220"] == "its rules (PSR-8702) are not in force on 2026-03-01"
    assert reasons["870321"] == "only tariff items within it have rules (8703.21.10)"
    assert reasons["870130"] == "no rule of chapter 87 covers it"
    earlier = {i["code"] for i in coverage(small, dt.date(2020, 8, 1))["uncovered"]}
    assert "870220" not in earlier


def test_new_headings_and_unclean_mappings(tmp_path: Path) -> None:
    shutil.copy(default_rules_dir() / "usmca" / "origin-criteria.yaml", tmp_path / "criteria.yaml")
    shutil.copy(
        default_rules_dir() / "usmca" / "chapter-4-articles.yaml", tmp_path / "chapter4.yaml"
    )
    (tmp_path / "ch84.yaml").write_text(
        HEAD.format(chapter=84)
        + _rule("PSR-8401-8484", "8401-8484")
        + _rule("PSR-8486-8487", "8486-8487")
        + _rule("PSR-8462.99.40", "8462.99.40")
    )
    report = coverage(load_rulebook(tmp_path), DAY)
    reasons = {item["code"]: item["reason"] for item in report["uncovered"]}
    assert reasons["848510"] == "heading 8485 is new in HS2022 and the source prints no rule"
    text = render_text(report)
    assert "heading 8485 is new in HS2022 and the source prints no rule (5):" in text
    assert "8485.10 8485.20 8485.30 8485.80 8485.90" in text


def test_unclean_mapping_reason(tmp_path: Path) -> None:
    shutil.copy(default_rules_dir() / "usmca" / "origin-criteria.yaml", tmp_path / "criteria.yaml")
    shutil.copy(
        default_rules_dir() / "usmca" / "chapter-4-articles.yaml", tmp_path / "chapter4.yaml"
    )
    (tmp_path / "ch84.yaml").write_text(
        HEAD.format(chapter=84) + _rule("PSR-8462.99.40", "8462.99.40")
    )
    reasons = {i["code"]: i["reason"] for i in coverage(load_rulebook(tmp_path), DAY)["uncovered"]}
    assert reasons["846249"] == (
        "rule PSR-8462.99.40 is keyed to HS2017 tariff item 8462.99.40, which does not map "
        "cleanly to HS2022"
    )


def test_hs2017_edition(small) -> None:
    report = coverage(small, DAY, "HS2017")
    assert report["subheadings_total"] == 5387
    reasons = {i["code"]: i["reason"] for i in report["uncovered"]}
    assert "870120" not in reasons  # every HS2022 code it became is covered
    assert reasons["300219"] == "no HS2022 correlate in the UNSD correspondence tables"


def test_text_report_percentage_rounds_down() -> None:
    report = {"subheadings_total": 10000, "subheadings_covered": 9796}
    assert str(percent(report)) == "97.9"


def test_shipped_rules_reach_the_target() -> None:
    report = coverage(load_rulebook(), DAY)
    assert percent(report) >= 98


def test_cli_json(monkeypatch, capsys, small) -> None:
    monkeypatch.setattr(
        sys,
        "argv",
        [
            "roo-check",
            "rules",
            "coverage",
            "--date",
            "2026-03-01",
            "--format",
            "json",
            "--rules",
            str(small.root),
        ],
    )
    main()  # returns: exit code 0
    assert json.loads(capsys.readouterr().out) == coverage(small, DAY)
