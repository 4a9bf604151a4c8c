"""``rules lint``: the shipped rules lint clean; seeded defects are each reported."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from roo_check.cli import main
from roo_check.hs.codes import CodeRange
from roo_check.rulebook.lint import _check_range, lint, lint_path
from roo_check.rulebook.load import default_rules_dir, load_rulebook

HEAD = """\
schema_version: 1
kind: product_specific_rules
chapter: 85
title: test
citation: test
source: {document: test, edition: test, hs_edition: HS2022, transcription: test, verified: false}
rules:
"""


def _rule(rule_id: str, scope: str, *extra: str, provision: str | None = None) -> str:
    lines = [
        f"  - id: {rule_id}",
        f"    provision: '{provision or scope}'",
        f"    scope: ['{scope}']",
        "    citation: test citation",
        "    text: A change to this subheading from any other heading.",
        *(f"    {e}" for e in extra),
        "    alternatives:",
        "      - {label: A, shift: {from_any_other: heading}, text: A change ...}",
    ]
    return "\n".join(lines) + "\n"


def _rule_dir(tmp_path: Path, *rules: str) -> Path:
    shutil.copy(default_rules_dir() / "usmca" / "origin-criteria.yaml", tmp_path / "criteria.yaml")
    shutil.copy(
        default_rules_dir() / "usmca" / "chapter-4-articles.yaml", tmp_path / "chapter4.yaml"
    )
    (tmp_path / "chapter-85.yaml").write_text(HEAD + "".join(rules))
    return tmp_path


def _run(monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    monkeypatch.setattr(sys, "argv", ["roo-check", *args])
    with pytest.raises(SystemExit) as leaving:
        main()
    return int(leaving.value.code or 0)


def test_the_shipped_rules_lint_clean() -> None:
    report = lint_path()
    assert [str(p) for p in report.problems] == []
    assert report.notes, "GN 11 keeps older HS numbers: they are counted as notes"


def test_seeded_problems_are_each_reported(tmp_path: Path) -> None:
    root = _rule_dir(
        tmp_path,
        _rule("PSR-8599.10", "8599.10"),  # no such code in any edition
        _rule("PSR-8501.10", "8501.10"),
        _rule("PSR-8501.10-8501.20", "8501.10-8501.20"),  # overlaps PSR-8501.10
        _rule("PSR-8502.11-P1", "8502.11", "effective_to: 2023-01-01"),
        _rule("PSR-8502.11-P2", "8502.11", "effective_from: 2023-07-01"),  # a gap
        _rule("PSR-8514.10", "8514.10"),  # HS2017: a note, not a problem
    )
    report = lint_path(root)
    found = {(p.rule_id, p.subject) for p in report.problems}
    assert found == {
        ("PSR-8599.10", "8599.10"),
        ("PSR-8501.10", "overlap"),
        ("PSR-8502.11-P1", "phases"),
    }
    messages = {p.rule_id: str(p) for p in report.problems}
    assert messages["PSR-8599.10"].startswith(
        "chapter-85.yaml: PSR-8599.10: scope 8599.10: not a code of HS2022 (nor of HS2017, "
        "HS2012); nearest in HS2022: "
    )
    assert "PSR-8501.10-8501.20" in messages["PSR-8501.10"]
    assert "a gap of 181 days" in messages["PSR-8502.11-P1"]
    psr_notes = [(n.rule_id, n.edition) for n in report.notes if n.rule_id.startswith("PSR")]
    assert psr_notes == [("PSR-8514.10", "HS2017")]
    assert "older HS numbers mapped to HS2022 through the UNSD correlation" in report.summary()


def test_overlapping_phases_and_same_date_rules(tmp_path: Path) -> None:
    root = _rule_dir(
        tmp_path,
        _rule("PSR-8502.11-P1", "8502.11"),  # never ends
        _rule("PSR-8502.11-P2", "8502.11", "effective_from: 2023-07-01"),
        _rule("PSR-8503-R1", "8503"),
        _rule("PSR-8503-R2", "8503"),
    )
    messages = [str(p) for p in lint_path(root).problems]
    assert any("never ends" in m and "PSR-8502.11-P2" in m for m in messages)
    assert any("governs the same goods as PSR-8503-R2 from the same date" in m for m in messages)


def test_more_specific_and_other_uses_do_not_overlap(tmp_path: Path) -> None:
    root = _rule_dir(
        tmp_path,
        _rule("PSR-8501.10", "8501.10"),
        _rule("PSR-8501.10.40", "8501.10.40"),  # tariff item within the subheading
        _rule("PSR-8503-PV", "8503", "end_use: [passenger_vehicle]", provision="8503"),
        _rule("PSR-8503-OTHER", "8503", "end_use: [other]", provision="8503"),
    )
    assert lint_path(root).problems == []


def test_backwards_range() -> None:
    problems = _check_range("f.yaml", "PSR-X", "scope", CodeRange("8502", "8501"), "HS2022", [])
    assert [p.message for p in problems] == ["scope 8502-8501: the range runs backwards"]


def test_lint_allow_notes(tmp_path: Path) -> None:
    root = _rule_dir(
        tmp_path,
        _rule("PSR-8599.10", "8599.10", "notes: ['lint-allow: 8599.10: reviewed, printed so']"),
        _rule("PSR-8501.10", "8501.10", "notes: ['lint-allow: overlap: nothing overlaps']"),
    )
    report = lint_path(root)
    assert [p.rule_id for p in report.allowed] == ["PSR-8599.10"]
    assert [str(p) for p in report.problems] == [
        "chapter-85.yaml: PSR-8501.10: 'lint-allow: overlap' allows no problem of this rule: "
        "remove it"
    ]


def test_lint_of_a_loaded_rulebook_names_the_files(tmp_path: Path) -> None:
    root = _rule_dir(tmp_path, _rule("PSR-8599.10", "8599.10"))
    [problem] = lint(load_rulebook(root))
    assert problem.file == "chapter-85.yaml"


def test_cli_exit_codes(tmp_path: Path, monkeypatch, capsys) -> None:
    clean = tmp_path / "clean"
    clean.mkdir()
    _rule_dir(clean, _rule("PSR-8501.10", "8501.10"))
    assert _run(monkeypatch, "rules", "lint", str(clean)) == 0
    assert "0 problems" in capsys.readouterr().out

    bad = tmp_path / "bad"
    bad.mkdir()
    _rule_dir(bad, _rule("PSR-8599.10", "8599.10"))
    assert _run(monkeypatch, "rules", "lint", str(bad)) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("chapter-85.yaml: PSR-8599.10: scope 8599.10: not a code of HS2022")
    assert out[-1].startswith("1 problem; 0 allowed")

    broken = tmp_path / "broken"
    broken.mkdir()
    _rule_dir(broken, _rule("PSR-8502-8501", "8502-8501"))
    assert _run(monkeypatch, "rules", "lint", str(broken)) == 2
    assert "the range runs backwards" in capsys.readouterr().err
