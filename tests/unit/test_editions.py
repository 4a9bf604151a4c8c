"""HS editions in the engine: rules keyed to HS2017/HS2012 numbers reach the HS2022 codes
those numbers became, and goods and materials declared in HS2017 are read in HS2022."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from roo_check.engine.editions import in_hs2022, to_hs2022
from roo_check.engine.evaluate import evaluate_good
from roo_check.engine.selection import select_rule
from roo_check.models.findings import Status
from roo_check.rulebook.load import default_rules_dir, load_rulebook
from tests.unit.builders import good, line

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


def _rule(rule_id: str, scope: str, alternative: str = "shift: {from_any_other: heading}") -> str:
    return (
        f"  - id: {rule_id}\n    provision: '{scope}'\n    scope: ['{scope}']\n"
        f"    citation: test\n    text: 'A change to {scope} ...'\n    alternatives:\n"
        f"      - {{label: A, {alternative}, text: 'A change to {scope} ...'}}\n"
    )


CH84 = HEAD.format(chapter=84) + "".join(
    [
        _rule("PSR-8462.10", "8462.10"),
        _rule("PSR-8462.21", "8462.21", "rvc: {transaction_value: '60'}"),
        _rule("PSR-8462.41", "8462.41"),
        _rule("PSR-8462.99", "8462.99"),
        _rule("PSR-8501", "8501"),
    ]
)
CH87 = HEAD.format(chapter=87) + "".join(
    [_rule("PSR-8701.20", "8701.20"), _rule("PSR-8701.30-8701.90", "8701.30-8701.90")]
)


@pytest.fixture(scope="module")
def rulebook(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("rules")
    shutil.copy(default_rules_dir() / "usmca" / "origin-criteria.yaml", root / "criteria.yaml")
    shutil.copy(default_rules_dir() / "usmca" / "chapter-4-articles.yaml", root / "chapter4.yaml")
    (root / "ch84.yaml").write_text(CH84)
    (root / "ch87.yaml").write_text(CH87)
    return load_rulebook(Path(root))


# ------------------------------------------------------------------------------ the index


def test_rules_keyed_to_older_numbers_are_indexed_under_hs2022(rulebook) -> None:
    [derivation] = rulebook.derived("846211")
    assert derivation.note == (
        "8462.11 is covered by PSR-8462.10 via HS2017 8462.10 (UNSD correlation)"
    )
    assert rulebook.editions.rules_for("846251") == ("PSR-8462.10", "PSR-8462.21", "PSR-8462.41")
    assert [d.rule_id for d in rulebook.derived("870193")] == ["PSR-8701.30-8701.90"]
    assert rulebook.derived("870193")[0].edition == "HS2012"
    assert rulebook.derived("850152") == ()  # 8501 is an HS2022 heading: matched by number
    mapped = {o.code: o for o in rulebook.editions.older}
    assert mapped["870120"].targets == ("870121", "870122", "870123", "870124", "870129")
    assert mapped["870120"].edition == "HS2017" and mapped["870120"].ambiguous


# ------------------------------------------------------------------------------ selection


def test_one_rule_reached_through_an_older_number(rulebook) -> None:
    chosen = select_rule(good("8462.11"), rulebook, DAY)
    assert chosen.rule is not None and chosen.rule.id == "PSR-8462.10"
    assert "via HS2017 8462.10 (UNSD correlation)" in chosen.note
    chosen = select_rule(good("8701.93"), rulebook, DAY)
    assert chosen.rule is not None and chosen.rule.id == "PSR-8701.30-8701.90"
    assert "via HS2012 8701.90" in chosen.note


def test_differing_rules_reached_through_older_numbers_are_ambiguous(rulebook) -> None:
    chosen = select_rule(good("8462.51"), rulebook, DAY)
    assert chosen.rule is None
    assert chosen.missing == ["product-specific rule"]
    for rule_id in ("PSR-8462.10 (via HS2017 8462.10)", "PSR-8462.21 (via HS2017 8462.21)"):
        assert rule_id in chosen.reason


def test_rules_that_say_the_same_are_not_ambiguous(rulebook) -> None:
    chosen = select_rule(good("8462.42"), rulebook, DAY)
    assert chosen.rule is not None and chosen.rule.id == "PSR-8462.41"
    assert "the rules reached say the same" in chosen.note


def test_hs2017_good_with_one_hs2022_candidate(rulebook) -> None:
    chosen = select_rule(good("8501.52", hs_edition="HS2017"), rulebook, DAY)
    assert chosen.rule is not None and chosen.rule.id == "PSR-8501"
    assert chosen.note == "HS2017 8501.52 is HS2022 8501.52 (UNSD correlation)"


def test_hs2017_good_with_several_candidates_cannot_be_decided(rulebook) -> None:
    g = good("8701.20", hs_edition="HS2017", transaction_value="100")
    chosen = select_rule(g, rulebook, DAY)
    assert chosen.rule is None and chosen.missing == ["HS2022 classification"]
    assert "8701.21, 8701.22, 8701.23, 8701.24, 8701.29" in chosen.reason
    assert "classify it under HS2022" in chosen.reason
    assert "every candidate falls under PSR-8701.20" in chosen.reason
    determination = evaluate_good(g, [line("A", "8407.34", "50")], rulebook, DAY)
    assert determination.status is Status.cannot_decide
    assert "HS2022 classification" in [m.field for m in determination.missing]


# ------------------------------------------------------------------------------ materials


def test_hs2017_materials_in_the_shift(rulebook) -> None:
    g = good("8501.52", hs_edition="HS2017", transaction_value="1000")
    bom = [
        line("WASTE", "8548.10", "10", hs_edition="HS2017"),
        line("STATOR", "8503.00", "10", hs_edition="HS2017"),
    ]
    determination = evaluate_good(g, bom, rulebook, DAY)
    checks = {m.part_number: m for m in determination.alternatives[0].shift.materials}
    assert checks["WASTE"].passes is None
    assert "HS2017 8548.10 became several HS2022 subheadings" in checks["WASTE"].reason
    assert "8529.90" in checks["WASTE"].reason
    assert checks["STATOR"].passes is True
    # Mapped before evaluation: the note is in the criterion B reason.
    assert "HS2017 8503.00 is HS2022 8503.00" in determination.criteria[1].reason


# ------------------------------------------------------------------------------ mapping


def test_to_hs2022() -> None:
    assert to_hs2022("850152", "HS2022").code == "850152"
    same = to_hs2022("85015240", "HS2017")
    assert same.code == "85015240"  # the subheading is unchanged: national digits kept
    moved = to_hs2022("84621000", "HS2017")
    assert moved.code is None and len(moved.candidates) == 9
    renamed = to_hs2022("94056000", "HS2017")
    assert renamed.code is None and renamed.candidates == ("940561", "940569")
    heading = to_hs2022("8462", "HS2017")
    assert heading.code == "8462" and "HS2017 8462 is HS2022 8462" in heading.note
    assert to_hs2022("300219", "HS2017").code is None


def test_in_hs2022_reads_what_it_can() -> None:
    g = good("8501.52", hs_edition="HS2017")
    mapped, lines, notes = in_hs2022(g, [line("A", "8548.10", "1", hs_edition="HS2017")])
    assert mapped.hs_edition == "HS2022" and mapped.hs_code == "850152"
    assert lines[0].hs_edition == "HS2017"  # undecided: left as declared
    assert notes[0] == "HS2017 8501.52 is HS2022 8501.52 (UNSD correlation)"
    assert notes[1].startswith("material A: HS2017 8548.10 became several")
