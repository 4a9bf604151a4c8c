"""Every generated product-specific rule comes from the vendored legal text, and every rule
line of chapters 84, 85 and 87 has a rule: no invented rules, no skipped ones.

The source is read here on its own (not through the generator's reader); only the stripping of
``[extractor notes]`` is shared, because the rule text is defined as the line after stripping.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from roo_check.rulegen.gn11 import DAMAGED, strip_notes

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "rules" / "usmca" / "source"
RULES = ROOT / "rules" / "usmca" / "annex-4b"
CHAPTERS = (84, 85, 87)


def _source_lines() -> dict[int, list[tuple[str, str, str]]]:
    """chapter -> [(provision prefix, raw legal text, stripped legal text)] in source order."""
    lines: dict[int, list[tuple[str, str, str]]] = {}
    for path in sorted(SOURCE.glob("gn11_o_*.txt")):
        chapter = None
        for line in path.read_text(encoding="utf-8").splitlines():
            heading = re.match(r"^## Chapter (\d+)( -- chapter rules)?\s*$", line)
            if heading:
                chapter = None if heading.group(2) else int(heading.group(1))
                continue
            if chapter is None or not line.strip() or line.startswith(("#", "[")):
                continue
            prefix, _, raw = line.partition(": ")
            lines.setdefault(chapter, []).append((prefix, raw, strip_notes(raw)[0]))
    return lines


def _chapter_rules_text() -> list[str]:
    texts = []
    for path in sorted(SOURCE.glob("gn11_o_*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            m = re.match(r"^Chapter rule \d+: (.+)$", line, re.I)
            if m:
                texts.append(strip_notes(m.group(1))[0])
    return texts


def _provision(prefix: str) -> str:
    """'8406.90.20, 8406.90.50 (tariff items)' -> '8406.90.20, 8406.90.50'; phases dropped."""
    prefix = re.sub(r", phase \d \([^)]*\)$", "", prefix)
    return re.sub(r" \(tariff items?\)$", "", prefix)


SOURCE_LINES = _source_lines()


def _rules(chapter: int) -> list[dict]:
    data = yaml.safe_load((RULES / f"chapter-{chapter}.yaml").read_text(encoding="utf-8"))
    return data["rules"]


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_rule_text_is_in_the_source(chapter: int) -> None:
    stripped = {text for _, _, text in SOURCE_LINES[chapter]}
    raw_by_provision: dict[str, list[str]] = {}
    for prefix, raw, _ in SOURCE_LINES[chapter]:
        raw_by_provision.setdefault(_provision(prefix), []).append(raw)
    for rule in _rules(chapter):
        if rule["id"] in DAMAGED:
            # The whole line is an extractor note; the surviving words are quoted inside it.
            assert any(rule["text"] in raw for raw in raw_by_provision[rule["provision"]]), rule[
                "id"
            ]
            continue
        assert rule["text"] in stripped, f"{rule['id']}: text not found in the source"
        assert "[" not in rule["text"], f"{rule['id']}: an extractor note leaked into the text"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_source_line_has_a_rule(chapter: int) -> None:
    made = Counter((r["provision"], r["text"]) for r in _rules(chapter))
    damaged = {rule["provision"] for rule in _rules(chapter) if rule["id"] in DAMAGED}
    wanted = Counter(
        (_provision(prefix), text)
        for prefix, _, text in SOURCE_LINES[chapter]
        if _provision(prefix) not in damaged
    )
    missing = wanted - made
    assert not missing, f"source lines without a rule: {sorted(missing)}"
    assert len(_rules(chapter)) == len(SOURCE_LINES[chapter])


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_alternative_texts_are_words_of_their_rule(chapter: int) -> None:
    for rule in _rules(chapter):
        for alt in rule["alternatives"]:
            assert alt["text"] in rule["text"], f"{rule['id']} ({alt['label']})"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_notes_are_in_the_source(chapter: int) -> None:
    data = yaml.safe_load((RULES / f"chapter-{chapter}.yaml").read_text(encoding="utf-8"))
    texts = _chapter_rules_text()
    for note in data.get("chapter_notes", []):
        assert note["text"] in texts, note["id"]
