"""Hand-written pass and fail cases for product-specific rules, one data file per HS section.

Each case in ``cases/section-NN.yaml`` names the rule it expects to govern a good, quotes the
words of that rule it exercises, and gives two bills of materials: one that meets those words
and one that does not. One parametrized test evaluates every case against the bundled
rulebook and checks that the expected rule applied, that the quoted words are in that rule's
legal text (so each case is traceable to the law), and the status (and, where given, the
criterion, the alternative met and the data named as missing).

A case may add a third block, ``boundary``, whose good sits exactly on a line the law draws
(its ``edge``: RVC at the threshold, de minimis at the limit, a material at the edge of a
named range, ...). Beyond the count of rules per section, the meta-tests ask every *shape* of
rule present in the rule set (see ``shapes.py``) to have a pass, a fail and a boundary case.

A case where the generated rule (or the engine) disagrees with the law carries
``xfail: <why>``: it stays faithful to the law and is expected (strictly) to fail until the
rule or the engine is fixed. See README.md here for the format and how to add a case.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from roo_check.engine.evaluate import evaluate_good
from roo_check.hs.codes import CodeRange, normalize
from roo_check.models import BomLine, Good
from roo_check.models.findings import Determination
from roo_check.rulebook.index import Rulebook
from roo_check.rulebook.load import load_rulebook
from roo_check.rulebook.schema import Shift
from tests.rules import shapes
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

BLOCKS = ("pass", "fail", "boundary")
CASE_KEYS = {"rule", "variant", "text", "date", "good", *BLOCKS, "xfail", "about", "provision"}
NO_RULE_KEYS = {
    "no_rule",
    "provision",
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
    "edge",
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
    kind: str = "no-rule"
    """pass, fail, boundary (the block) or no-rule."""
    edge: str | None = None
    about: tuple[str, ...] = ()
    """The alternatives (labels) the case names as the ones it is about."""
    provisions: tuple[str, ...] = ()


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
    if where.endswith("boundary"):
        assert block.get("edge") in shapes.EDGES, f"{where}: edge one of {sorted(shapes.EDGES)}"
    else:
        assert "edge" not in block, f"{where}: only a boundary block names an edge"
    return {
        "good": good,
        "on": block.get("date", entry.get("date", DEFAULT_DATE)),
        "bom": block.get("bom", []),
        "expect": block["expect"],
        "criterion": block.get("criterion"),
        "alternative": block.get("alternative"),
        "missing": block.get("missing", []),
        "xfail": block.get("xfail", entry.get("xfail")),
        "edge": block.get("edge"),
        "provisions": tuple(shapes.iter_names(entry.get("provision"))),
    }


def _name(base: str, entry: dict[str, Any]) -> str:
    return base + (f"+{entry['variant']}" if entry.get("variant") else "")


def _no_rule_case(entry: dict[str, Any], section: int, name: str, where: str) -> Case:
    unknown = set(entry) - NO_RULE_KEYS
    assert not unknown, f"{where}: unknown keys {sorted(unknown)}"
    block = {k: v for k, v in entry.items() if k not in {"no_rule", "variant", "provision"}}
    block["why"] = entry["no_rule"]
    fields = _block({"provision": entry.get("provision")}, block, where)
    return Case(f"section-{section:02d}/{name}", section, None, None, **fields)


def _rule_cases(entry: dict[str, Any], section: int, name: str, where: str) -> list[Case]:
    unknown = set(entry) - CASE_KEYS
    assert not unknown, f"{where}: unknown keys {sorted(unknown)}"
    assert entry.get("rule") and entry.get("text"), f"{where}: needs rule and text"
    assert "pass" in entry and "fail" in entry, f"{where}: needs a pass and a fail block"
    about = tuple(shapes.iter_names(entry.get("about")))
    return [
        Case(
            f"section-{section:02d}/{name}/{kind}",
            section,
            entry["rule"],
            entry["text"],
            kind=kind,
            about=about,
            **_block(entry, entry[kind], f"{where} {kind}"),
        )
        for kind in BLOCKS
        if kind in entry
    ]


def _entry_name(entry: dict[str, Any]) -> str:
    if "no_rule" in entry:
        return _name("no-rule-" + str(entry["good"]["hs_code"]), entry)
    return _name(str(entry.get("rule")), entry)


def load_cases() -> list[Case]:
    cases: list[Case] = []
    for path in sorted(CASES.glob("section-*.yaml")):
        section = _section_of(path)
        entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        assert isinstance(entries, list), f"{path.name}: a list of cases"
        seen: Counter[str] = Counter()
        for n, entry in enumerate(entries, 1):
            where = f"{path.name} entry {n}"
            name = _entry_name(entry)
            seen[name] += 1
            assert seen[name] == 1, f"{where}: {name} twice; tell them apart with `variant`"
            if "no_rule" in entry:
                cases.append(_no_rule_case(entry, section, name, where))
            else:
                cases.extend(_rule_cases(entry, section, name, where))
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


_RESULTS: dict[str, Determination] = {}


def evaluate(case: Case, rulebook: Rulebook) -> Determination:
    """Evaluated once per session: the case test and the shape count share the result."""
    if case.id not in _RESULTS:
        _RESULTS[case.id] = evaluate_good(make_good(case), make_bom(case), rulebook, case.on)
    return _RESULTS[case.id]


def _provision_texts(case: Case, rulebook: Rulebook) -> list[str]:
    """The legal words of the provisions a case names (a provision case quotes them)."""
    found = (rulebook.provisions.get(p) for p in case.provisions)
    return [rulebook.provisions.text(p) for p in found if p is not None]


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
        legal = [result.rule.text, *_provision_texts(case, rulebook)]
        legal += [  # the chapter general rules (GN 11(n)) decided beside the rule
            g.text
            for f in rulebook.files
            for g in f.general_rules
            if any(a.label.split()[0] == g.id for a in result.alternatives)
        ]
        assert case.text and any(case.text in words for words in legal), (
            f"the quoted words are not in the legal text of {case.rule} "
            f"(or of {', '.join(case.provisions) or 'a provision it names'}): {result.rule.text}"
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


# --------------------------------------------------------------------------------------------
# Shapes of rule: every form a rule takes in the data has a pass, a fail and a boundary case
# --------------------------------------------------------------------------------------------


def _evaluated(case: Case, rulebook: Rulebook) -> shapes.Evaluated:
    rule = rulebook.rule(case.rule or "")
    assert rule is not None, f"{case.id}: no rule {case.rule} in the rule set"
    result = evaluate(case, rulebook)
    met = None if case.xfail else _psr_status(result) == "originating"
    return shapes.Evaluated(
        rule=rule,
        good=make_good(case),
        bom=make_bom(case),
        on=case.on,
        met=met,
        results=result.alternatives,
        about=case.about,
        edge=case.edge,
    )


def case_shapes(case: Case, rulebook: Rulebook) -> frozenset[str]:
    """The shapes a block counts for: for a boundary block, only those whose edge it reaches."""
    general = shapes.general_alternatives(rulebook)
    ev = _evaluated(case, rulebook)
    by_alternative = shapes.exercised(ev, general)
    if case.kind == "boundary":
        return shapes.boundary_shapes(ev, by_alternative, general)
    return frozenset().union(*by_alternative.values())


def shape_coverage(rulebook: Rulebook) -> shapes.Coverage:
    return shapes.Coverage.of(
        (case.kind, case_shapes(case, rulebook), bool(case.xfail))
        for case in ALL_CASES
        if case.rule
    )


def test_every_shape_has_pass_fail_and_boundary_cases(rulebook: Rulebook) -> None:
    present = shapes.shapes_present(rulebook)
    coverage = shape_coverage(rulebook)
    table = coverage.table(present)
    print(f"\n{len(present)} shapes in the rule set; cases by shape:\n{table}")
    gaps = coverage.gaps(present)
    assert not gaps, (
        "shapes lacking cases (write them, see README.md):\n"
        + "\n".join(f"  {shape}: no {', '.join(kinds)} case" for shape, kinds in gaps.items())
        + f"\n{table}"
    )


BOUNDARY_CASES = [c for c in ALL_CASES if c.kind == "boundary"]


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id) for c in BOUNDARY_CASES])
def test_boundary_case_is_at_its_edge(case: Case, rulebook: Rulebook) -> None:
    assert case_shapes(case, rulebook), (
        f"{case.id}: edge {case.edge!r} ({shapes.EDGES[case.edge or '']}) is not reached by "
        "any alternative the case exercises"
    )


def test_cases_name_alternatives_of_their_rule(rulebook: Rulebook) -> None:
    general = shapes.general_alternatives(rulebook)
    for case in ALL_CASES:
        rule = rulebook.rule(case.rule) if case.rule else None
        labels = {a.label for a in rule.alternatives} | set(general) if rule else set()
        for label in case.about:
            assert label in labels, f"{case.id}: `about: {label}` is no alternative of the rule"


def test_provisions_have_cases(rulebook: Rulebook) -> None:
    """The second kind of coverage: provisions (chapter, heading, subheading notes) named in
    ``shapes.provisions_needing_cases`` need cases naming them (``provision: CN-61-1``)."""
    known = shapes.known_provisions(rulebook)
    for case in ALL_CASES:
        for provision in case.provisions:
            assert provision in known, f"{case.id}: no provision {provision} in the rule set"
    coverage = shapes.Coverage.of((c.kind, c.provisions, bool(c.xfail)) for c in ALL_CASES)
    wanted = shapes.provisions_needing_cases(rulebook)
    gaps = coverage.gaps(wanted, shapes.PROVISION_KINDS)
    assert not gaps, "provisions lacking cases:\n" + "\n".join(
        f"  {name}: no {', '.join(kinds)} case" for name, kinds in gaps.items()
    )


def test_shapes_of_a_shift_read_like_the_law() -> None:
    shift = Shift.model_validate(
        {
            "from_any_other": "heading",
            "from": ["8503.00.35", "8714"],
            "except": ["7225", "8418.99.40"],
            "except_goods": [{"kind": "split-systems", "codes": ["8415.10"]}],
        }
    )
    assert shapes.shift_shapes(shift) == {
        "shift:heading",
        "shift:from-tariff_item",
        "shift:from-heading",
        "except:heading",
        "except:tariff_item",
        "except:goods",
    }
    assert shapes.shift_shapes(None) == {"shift:none"}


@pytest.mark.parametrize(
    ("rng", "code", "at_edge"),
    [
        ("8413.50-8413.60", "841370", True),  # the subheading just after the range
        ("8413.50-8413.60", "841350", True),  # first code of a range of several
        ("8413.50-8413.60", "841340", True),  # just before
        ("8413.50-8413.60", "841381", False),
        ("7225", "722511", False),  # inside a single code: the plain case, not its edge
        ("7225", "722490", True),
        ("8503.00.35", "85030095", True),  # another tariff item of the same subheading
        ("8503.00.35", "850490", False),
    ],
)
def test_edge_of_a_range(rng: str, code: str, at_edge: bool) -> None:
    assert shapes.at_range_edge(CodeRange.parse(rng), code) is at_edge


def test_a_boundary_off_its_edge_counts_for_nothing(rulebook: Rulebook) -> None:
    """The RVC boundary of PSR-8501 (exactly 60%) moved to 61% is no boundary any more."""
    case = next(c for c in ALL_CASES if c.id == "section-16/PSR-8501+rvc/boundary")
    assert "rvc:TV+NC" in case_shapes(case, rulebook)
    bom = [dict(line) for line in case.bom]
    bom[0]["value"] = "340.00"
    moved = dataclasses.replace(case, id=case.id + "/moved", bom=bom)
    assert case_shapes(moved, rulebook) == frozenset()
