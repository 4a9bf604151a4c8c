"""Coverage through older subheadings that still exist in HS2022, and through chapter rules.

GN 11 prints rules under numbers that HS2022 kept while moving part of their goods to a new
subheading (HS2012 8456.90 -> 8456.40, 8456.50; HS2017 8708.29 -> 8708.22): the new subheading
is reached by the old number's rule (``rulebook.editions``). And GN 11(o) chapter 84 rule 2
governs 8471.49 without a product-specific rule of its own: coverage reads that from the chapter
notes of the rule set, not from a list of codes.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from roo_check.engine.evaluate import evaluate_good
from roo_check.engine.selection import select_rule
from roo_check.models.findings import Status
from roo_check.rulebook.coverage import coverage, render_text
from roo_check.rulebook.load import default_rules_dir, load_rulebook
from tests.unit.builders import good, line

DAY = dt.date(2026, 12, 2)
UNITS = (
    "For the purposes of subheading {code}, the origin of each unit presented within a system "
    "shall be determined in accordance with the rule that would be applicable to such unit if it "
    "were presented separately and the rate of duty applicable to each unit presented within a "
    "system shall be: ..."
)
HEAD = """\
schema_version: 1
kind: product_specific_rules
chapter: {chapter}
title: test
citation: test
source: {{document: test, edition: test, hs_edition: HS2022, transcription: test, verified: false}}
"""


def _rule(rule_id: str, scope: str) -> str:
    return (
        f"  - id: {rule_id}\n    provision: '{scope}'\n    scope: ['{scope}']\n"
        "    citation: test\n    text: A change ...\n    alternatives:\n"
        "      - {label: A, shift: {from_any_other: heading}, text: A change ...}\n"
    )


def _file(chapter: int, *rules: str, notes: str = "") -> str:
    return HEAD.format(chapter=chapter) + notes + "rules:\n" + "".join(rules)


def _rulebook(root: Path, unit_code: str | None = "8471.49"):
    shutil.copy(default_rules_dir() / "usmca" / "origin-criteria.yaml", root / "criteria.yaml")
    shutil.copy(default_rules_dir() / "usmca" / "chapter-4-articles.yaml", root / "chapter4.yaml")
    # what the engine does with each chapter note (the loader wants an entry for CN-84-2)
    shutil.copy(default_rules_dir() / "usmca" / "provisions.yaml", root / "provisions.yaml")
    notes = ""
    if unit_code:
        notes = f"chapter_notes:\n  - id: CN-84-2\n    text: '{UNITS.format(code=unit_code)}'\n"
    (root / "ch84.yaml").write_text(
        _file(
            84,
            _rule("PSR-8456.90", "8456.90"),
            _rule("PSR-8462.21", "8462.21"),  # HS2017 number HS2022 no longer has
            _rule("PSR-8462.29", "8462.29"),  # HS2017 number HS2022 kept
            _rule("PSR-8471.30", "8471.30"),
            notes=notes,
        )
    )
    (root / "ch85.yaml").write_text(
        _file(85, _rule("PSR-8539.90", "8539.90"), _rule("PSR-8543.70", "8543.70"))
    )
    (root / "ch87.yaml").write_text(_file(87, _rule("PSR-8708.29", "8708.29")))
    (root / "ch94.yaml").write_text(_file(94, _rule("PSR-9404.90", "9404.90")))
    return load_rulebook(root)


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory):
    return _rulebook(tmp_path_factory.mktemp("rules"))


# ------------------------------------------------------------------- older numbers kept


@pytest.mark.parametrize(
    ("code", "rule_id", "edition", "via"),
    [
        ("845640", "PSR-8456.90", "HS2012", "845690"),  # plasma arc, out of HS2012 8456.90
        ("845650", "PSR-8456.90", "HS2012", "845690"),  # water-jet
        ("870822", "PSR-8708.29", "HS2017", "870829"),
        ("940440", "PSR-9404.90", "HS2017", "940490"),
        ("854340", "PSR-8543.70", "HS2017", "854370"),
    ],
)
def test_a_subheading_made_of_part_of_a_kept_number_is_reached_by_its_rule(
    small, code: str, rule_id: str, edition: str, via: str
) -> None:
    [derivation] = small.derived(code)
    assert (derivation.rule_id, derivation.edition, derivation.via) == (rule_id, edition, via)
    assert derivation.split and not derivation.direct
    shown = f"{code[:4]}.{code[4:]}"
    assert derivation.note == (
        f"{shown} is covered by {rule_id} via {edition} {via[:4]}.{via[4:]}, part of which "
        f"became {shown} (UNSD correlation)"
    )


def test_the_kept_number_itself_is_matched_by_number(small) -> None:
    assert small.derived("845690") == () and small.derived("870829") == ()


def test_a_code_reached_through_a_number_that_is_gone_is_left_to_that_rule(small) -> None:
    """HS2022 8462.22 was made of HS2017 8462.21 (gone) and 8462.29 (kept): the rule of the
    number that is gone already reaches it, the kept number's rule is not added."""
    assert [d.rule_id for d in small.derived("846222")] == ["PSR-8462.21"]
    assert not any(d.split for d in small.derived("846222"))


def test_goods_moved_in_from_other_headings_are_not_followed(small) -> None:
    """HS2022 8539.51 (LED modules) was made of HS2017 8539.90 and of goods of 8543.70 and
    9405: the 8539.90 rule is not carried over to it."""
    assert small.derived("853951") == ()
    reasons = {i["code"]: i["reason"] for i in coverage(small, DAY)["uncovered"]}
    assert reasons["853951"] == (
        "subheading new in HS2022, made in part of goods moved from other headings (HS2017 "
        "8543.70, 9405.10, 9405.20, 9405.30, 9405.40): the source prints no rule for it and "
        "none is carried over"
    )
    assert (
        reasons["853952"] == "subheading new in HS2022, made of HS2017 8539.50, which no rule names"
    )


def test_selection_goes_through_the_kept_number(small) -> None:
    chosen = select_rule(good("8456.40"), small, DAY)
    assert chosen.rule is not None and chosen.rule.id == "PSR-8456.90"
    assert "via HS2012 8456.90, part of which became 8456.40" in chosen.note


def test_a_plasma_arc_cutting_machine_of_8456_40_is_decided_by_the_8456_90_rule() -> None:
    """The shipped PSR-8456.90, (C): 'A change to any other good of subheading 8456.90 from
    water-jet cutting machinery within that subheading or any other heading, except from more
    than one of the following: ... (3) subheadings 8501.32 or 8501.52, (4) subheading 8537.10.'"""
    rulebook = load_rulebook()
    machine = good(
        "8456.40",
        description="plasma arc cutting machine",
        product_kind="plasma arc cutting machine",
        transaction_value="100000.00",
        net_cost="90000.00",
    )
    frame = line("FRAME", "7308.90", "10000.00")
    motor = line("MOTOR", "8501.52", "5000.00")
    control = line("CONTROL", "8537.10", "8000.00")
    one = evaluate_good(machine, [frame, motor], rulebook, DAY)
    assert one.status is Status.originating
    assert one.rule is not None and one.rule.id == "PSR-8456.90"
    assert [a.label for a in one.alternatives if a.passed] == ["C"]
    both = evaluate_good(machine, [frame, motor, control], rulebook, DAY)
    assert both.status is Status.not_originating
    assert both.rule is not None and both.rule.id == "PSR-8456.90"


# ----------------------------------------------------------------------- chapter rules


def test_a_unit_rule_governs_the_subheading_it_names(small) -> None:
    report = coverage(small, DAY)
    assert report["by_chapter_rule"] == [
        {
            "code": "847149",
            "note": "CN-84-2",
            "reason": "chapter rule CN-84-2: the origin of each unit presented within a system "
            "is determined by the rule for that unit presented separately",
        }
    ]
    assert "847149" not in {i["code"] for i in report["uncovered"]}
    total, uncovered = report["subheadings_total"], len(report["uncovered"])
    assert report["subheadings_covered"] == total - uncovered
    text = render_text(report)
    assert "Governed by a chapter rule instead of a product-specific rule: 1\n" in text
    assert "\n    8471.49\n" in text


def test_the_governed_code_is_the_one_the_note_names(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    named = coverage(_rulebook(tmp_path / "a", unit_code="8471.50"), DAY)
    assert [i["code"] for i in named["by_chapter_rule"]] == ["847150"]
    assert "847149" in {i["code"] for i in named["uncovered"]}
    without = coverage(_rulebook(tmp_path / "b", unit_code=None), DAY)
    assert without["by_chapter_rule"] == []
    assert "847149" in {i["code"] for i in without["uncovered"]}


def test_hs2017_coverage_counts_codes_governed_by_a_chapter_rule(small) -> None:
    reasons = {i["code"]: i["reason"] for i in coverage(small, DAY, "HS2017")["uncovered"]}
    assert "847149" not in reasons


# --------------------------------------------------------------------- the shipped rules


def test_shipped_rules_cover_the_kept_numbers_and_8471_49() -> None:
    report = coverage(load_rulebook(), DAY)
    uncovered = {i["code"]: i["reason"] for i in report["uncovered"]}
    for code in ("845640", "845650", "870220", "870230", "870240", "847983", "854340"):
        assert code not in uncovered, code
    for code in ("870822", "940440", "847149"):
        assert code not in uncovered, code
    assert [(i["code"], i["note"]) for i in report["by_chapter_rule"]] == [("847149", "CN-84-2")]
    assert uncovered["640610"] == "no rule in the GN 11 source for heading 6406"
    assert uncovered["962000"] == "heading 9620 is new in HS2017 and the source prints no rule"
    assert uncovered["382711"] == "heading 3827 is new in HS2022 and the source prints no rule"
    assert uncovered["650100"] == "no rule in the GN 11 source for chapter 65"
