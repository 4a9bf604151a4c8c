"""Hand-written pass and fail cases for product-specific rules, one data file per HS section.

Each case in ``cases/section-NN.yaml`` names the rule it expects to govern a good, quotes the
words of that rule it exercises, and gives two bills of materials: one that meets those words
and one that does not. One parametrized test evaluates every case against the bundled
rulebook and checks that the expected rule applied, that the quoted words are in that rule's
legal text (so each case is traceable to the law), and the status (and, where given, the
criterion, the alternative met and the data named as missing).

A case where the generated rule (or the engine) disagrees with the law carries
``xfail: <why>``: it stays faithful to the law and is expected (strictly) to fail until the
rule or the engine is fixed. See README.md here for the format and how to add a case.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from roo_check.engine.evaluate import evaluate_good
from roo_check.hs.codes import normalize
from roo_check.models import BomLine, Good
from roo_check.models.findings import Determination
from roo_check.rulebook.index import Rulebook
from roo_check.rulebook.load import load_rulebook
from tests.unit.builders import good as build_good
from tests.unit.builders import line as build_line

CASES = Path(__file__).resolve().parent / "cases"
DEFAULT_DATE = dt.date(2026, 3, 1)
STATUSES = {"originating", "not-originating", "cannot-decide"}

# The 21 sections of the Harmonized System and their chapters (chapter 77 is reserved).
SECTIONS: dict[int, range] = {
    1: range(1, 6),
    2: range(6, 15),
    3: range(15, 16),
    4: range(16, 25),
    5: range(25, 28),
    6: range(28, 39),
    7: range(39, 41),
    8: range(41, 44),
    9: range(44, 47),
    10: range(47, 50),
    11: range(50, 64),
    12: range(64, 68),
    13: range(68, 71),
    14: range(71, 72),
    15: range(72, 84),
    16: range(84, 86),
    17: range(86, 90),
    18: range(90, 93),
    19: range(93, 94),
    20: range(94, 97),
    21: range(97, 98),
}
# Sections whose legal text has fewer than three rules: XII (chapters 64-67: only the 6401-6405
# rule, from a secondary quotation; nothing for 6406 or chapters 65-67) and XXI (one rule).
FEWER_RULES = {12: 1, 21: 1}
# Where no rule text was found at all: the rule set must have no rule for these codes.
NO_RULE_TEXT = ("6406", "65", "66", "67")

CASE_KEYS = {"rule", "variant", "text", "date", "good", "pass", "fail", "xfail"}
NO_RULE_KEYS = {
    "no_rule",
    "variant",
    "date",
    "good",
    "bom",
    "expect",
    "criterion",
    "missing",
    "xfail",
}
BLOCK_KEYS = {
    "why",
    "good",
    "date",
    "bom",
    "expect",
    "criterion",
    "alternative",
    "missing",
    "xfail",
}


@dataclass(frozen=True)
class Case:
    """One evaluation: a good, its BOM and what the rule must make of them."""

    id: str
    section: int
    rule: str | None
    text: str | None
    on: dt.date
    good: dict[str, Any]
    bom: list[dict[str, Any]]
    expect: str
    criterion: str | None = None
    alternative: str | None = None
    missing: list[str] = field(default_factory=list)
    xfail: str | None = None


def _section_of(path: Path) -> int:
    m = re.fullmatch(r"section-(\d{2})\.yaml", path.name)
    assert m, f"{path.name}: case files are named section-NN.yaml"
    return int(m.group(1))


def _block(entry: dict[str, Any], block: dict[str, Any], where: str) -> dict[str, Any]:
    """The evaluation a pass or fail block (or a no-rule entry) asks for, with the case's
    good and date as defaults."""
    unknown = set(block) - BLOCK_KEYS
    assert not unknown, f"{where}: unknown keys {sorted(unknown)}"
    assert block.get("why"), f"{where}: say why in `why`"
    assert block.get("expect") in STATUSES, f"{where}: expect one of {sorted(STATUSES)}"
    good = {**entry.get("good", {}), **block.get("good", {})}
    assert good.get("hs_code"), f"{where}: the good needs an hs_code"
    return {
        "good": good,
        "on": block.get("date", entry.get("date", DEFAULT_DATE)),
        "bom": block.get("bom", []),
        "expect": block["expect"],
        "criterion": block.get("criterion"),
        "alternative": block.get("alternative"),
        "missing": block.get("missing", []),
        "xfail": block.get("xfail", entry.get("xfail")),
    }


def _name(base: str, entry: dict[str, Any]) -> str:
    return base + (f"+{entry['variant']}" if entry.get("variant") else "")


def load_cases() -> list[Case]:
    cases: list[Case] = []
    for path in sorted(CASES.glob("section-*.yaml")):
        section = _section_of(path)
        entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        assert isinstance(entries, list), f"{path.name}: a list of cases"
        seen: Counter[str] = Counter()
        for n, entry in enumerate(entries, 1):
            where = f"{path.name} entry {n}"
            if "no_rule" in entry:
                unknown = set(entry) - NO_RULE_KEYS
                assert not unknown, f"{where}: unknown keys {sorted(unknown)}"
                block = {k: v for k, v in entry.items() if k not in {"no_rule", "variant"}}
                block["why"] = entry["no_rule"]
                name = _name("no-rule-" + str(entry["good"]["hs_code"]), entry)
                seen[name] += 1
                assert seen[name] == 1, f"{where}: {name} twice; tell them apart with `variant`"
                fields = _block({}, block, where)
                cases.append(Case(f"section-{section:02d}/{name}", section, None, None, **fields))
                continue
            unknown = set(entry) - CASE_KEYS
            assert not unknown, f"{where}: unknown keys {sorted(unknown)}"
            assert entry.get("rule") and entry.get("text"), f"{where}: needs rule and text"
            assert "pass" in entry and "fail" in entry, f"{where}: needs a pass and a fail block"
            name = _name(entry["rule"], entry)
            seen[name] += 1
            assert seen[name] == 1, f"{where}: {name} twice; tell them apart with `variant`"
            for kind in ("pass", "fail"):
                fields = _block(entry, entry[kind], f"{where} {kind}")
                cases.append(
                    Case(
                        f"section-{section:02d}/{name}/{kind}",
                        section,
                        entry["rule"],
                        entry["text"],
                        **fields,
                    )
                )
    return cases


ALL_CASES = load_cases()


def _param(case: Case):
    marks = [pytest.mark.xfail(reason=case.xfail, strict=True)] if case.xfail else []
    return pytest.param(case, id=case.id, marks=marks)


@pytest.fixture(scope="session")
def rulebook() -> Rulebook:
    return load_rulebook()


def make_good(case: Case) -> Good:
    fields = dict(case.good)
    hs = fields.pop("hs_code")
    fields.setdefault("description", f"good of {hs}")
    return build_good(hs, **fields)


def make_bom(case: Case) -> list[BomLine]:
    lines = []
    for n, raw in enumerate(case.bom, 1):
        data = dict(raw)
        part = str(data.pop("part", f"M{n}"))
        status = data.pop("status", "non-originating")
        default_origin = {"originating": "US", "non-originating": "CN", "unknown": None}[status]
        origin = data.pop("origin", default_origin)
        lines.append(
            build_line(
                part,
                str(data.pop("hs")),
                str(data.pop("value")),
                status=status,
                country=origin,
                **data,
            )
        )
    return lines


def evaluate(case: Case, rulebook: Rulebook) -> Determination:
    return evaluate_good(make_good(case), make_bom(case), rulebook, case.on)


def _psr_status(result: Determination) -> str:
    """The status the product-specific rule gives: for a vehicle, criterion B (its further
    Part 6 requirements are tested in tests/features/automotive.feature)."""
    if result.automotive is None or result.automotive.kind != "vehicle":
        return result.status.value
    met = next(c.met for c in result.criteria if c.criterion == "B")
    return {True: "originating", False: "not-originating", None: "cannot-decide"}[met]


@pytest.mark.parametrize("case", [_param(c) for c in ALL_CASES])
def test_rule_case(case: Case, rulebook: Rulebook) -> None:
    result = evaluate(case, rulebook)
    explain = f"{result.message}\nmissing: {result.missing}"
    if case.rule is None:
        assert result.rule is None, f"expected no product-specific rule, got {result.rule.id}"
    else:
        assert result.rule is not None, f"no rule applied, expected {case.rule}: {explain}"
        assert result.rule.id == case.rule, f"rule {result.rule.id} applied, not {case.rule}"
        assert case.text and case.text in result.rule.text, (
            f"the quoted words are not in the legal text of {case.rule}: {result.rule.text}"
        )
    assert _psr_status(result) == case.expect, explain
    if case.criterion and _psr_status(result) == result.status.value:
        assert result.criterion == case.criterion, explain
    if case.alternative:
        met = [a.label for a in result.alternatives if a.passed]
        assert case.alternative in met, f"alternatives met: {met}; {explain}"
    for words in case.missing:
        assert any(words in str(m) for m in result.missing), f"{words!r} not in {result.missing}"


# --------------------------------------------------------------------------------------------
# The case files themselves
# --------------------------------------------------------------------------------------------


def test_every_section_has_a_case_file() -> None:
    assert sorted(_section_of(p) for p in CASES.glob("section-*.yaml")) == list(range(1, 22))


def test_enough_rules_and_cases() -> None:
    rules = {(c.section, c.rule) for c in ALL_CASES if c.rule}
    assert len(rules) >= 80, f"{len(rules)} rules have cases; want at least 80"
    assert len([c for c in ALL_CASES if c.rule]) >= 160
    per_section = Counter(section for section, _ in rules)
    for section in SECTIONS:
        want = FEWER_RULES.get(section, 3)
        assert per_section[section] >= want, f"section {section}: {per_section[section]} rules"


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id) for c in ALL_CASES])
def test_case_is_in_its_section(case: Case) -> None:
    chapter = int(normalize(case.good["hs_code"])[:2])
    assert chapter in SECTIONS[case.section], (
        f"{case.good['hs_code']} is in chapter {chapter}, not in section {case.section}"
    )
    for raw in case.bom:
        for key in ("part", "hs", "value"):
            assert key in raw, f"BOM line {raw} lacks {key}"
        assert isinstance(raw["value"], str), f"money as strings: {raw}"


def test_codes_without_rule_text_have_no_rules(rulebook: Rulebook) -> None:
    """No rule text was found for heading 6406 or chapters 65-67 (see section-12.yaml). If a
    rule for them appears, this fails: write its cases in section-12.yaml."""
    for prefix in NO_RULE_TEXT:
        rules = [
            r.id
            for r in rulebook.in_chapter(prefix[:2])
            if any(
                prefix <= rng.end[: len(prefix)] and rng.start[: len(prefix)] <= prefix
                for rng in r.scope
            )
        ]
        assert not rules, f"{prefix} now has rules {rules}: write their cases"
