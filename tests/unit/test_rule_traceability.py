"""Every generated rule comes from the vendored legal text, and every rule line of every chapter
has a rule: no invented rules, no skipped ones, no invented thresholds.

The source is read here on its own (not through the generator's reader); only the stripping of
``[extractor notes]`` is shared, because the rule text is defined as the line after stripping.
Two source conventions are read here too: a ``<provision>, repair`` line (supplement) takes the
place of the damaged line of its provision, and a ``<provision>, continued`` line adds its words
to the line before it (one rule printed in two subdivisions).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
import yaml

from roo_check.rulebook.schema import PsrFile
from roo_check.rulegen.gn11 import EXTRA_CONDITIONS, strip_notes

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "rules" / "usmca" / "source"
RULES = ROOT / "rules" / "usmca" / "annex-4b"

_CHAPTER = re.compile(r"^## (?:GN 11\(o\) )?Chapter (\d+)(?: -- .+)?$")
_NOTE_LINE = re.compile(r"^(?:Chapter|Heading|Subheading) [Rr]ule(?: \d+)?(?: \[[^\]]*\])?: (.+)$")
_TEMPLATE = re.compile(r"^(\d{4}\.\d{2}(?: / \d{4}\.\d{2})+) \(.*\[([\d.x]+)\].*\):$")
REPAIR, CONTINUED = ", repair", ", continued"


@cache
def source() -> dict[str, dict[int, list]]:
    """{'rules': chapter -> [(prefix, raw, text)], 'notes': chapter -> [text], 'general': [text]}.

    Rule lines are ``<provision>: <text>`` under a ``## Chapter N`` heading; a template line
    (``7308.10 / 7308.20 ... ([7308.xx] ...):``) is followed by indented phase lines, one rule
    per code. Chapter, heading and subheading rules and GN 11(n) paragraphs are notes.
    """
    rules: dict[int, list[tuple[str, str, str]]] = {}
    notes: dict[int, list[str]] = {}
    general: list[str] = []
    for path in sorted(SOURCE.glob("gn11_o_*.txt")):
        text = path.read_text(encoding="utf-8")
        if not re.search(r"^## (?:GN 11\(o\) )?Chapter \d+", text, re.M):
            continue  # the generator skips a file without chapters
        chapter: int | None = None
        prose = False
        template: tuple[list[str], str] | None = None
        for line in text.splitlines():
            if template and line.startswith((" ", "\t")):
                prefix, _, raw = line.strip().partition(": ")
                for code in template[0]:
                    expanded = raw.replace(f"[{template[1]}]", code)
                    item = (f"{code}, {prefix}", expanded, strip_notes(expanded)[0])
                    rules.setdefault(chapter or 0, []).append(item)
                continue
            template = None
            line = line.strip()
            if line.startswith("## "):
                heading = strip_notes(line)[0]
                m = _CHAPTER.match(heading)
                chapter = int(m.group(1)) if m else None
                prose = m is None or " -- " in heading
                continue
            if not line or line.startswith("#"):
                continue
            stripped = strip_notes(line)[0]
            if chapter is None:
                general.append(re.sub(r"^\([A-Z]\) ", "", stripped))
                general.append(stripped)
                continue
            if not stripped:
                continue  # an extractor's remark
            if prose or line.startswith("[") or _NOTE_LINE.match(stripped):
                m = _NOTE_LINE.match(stripped)
                notes.setdefault(chapter, []).append(m.group(1) if m else stripped)
                continue
            if m := _TEMPLATE.match(line):
                template = (m.group(1).split(" / "), m.group(2))
                continue
            prefix, _, raw = line.partition(": ")
            items = rules.setdefault(chapter, [])
            if strip_notes(prefix)[0].endswith(CONTINUED):
                before, before_raw, before_text = items.pop()
                assert _provision(before) == _provision(prefix), f"continuation of {prefix}"
                raw, stripped = f"{before_raw} {raw}", f"{before_text} {strip_notes(raw)[0]}"
                items.append((before, raw, stripped))
                continue
            items.append((prefix, raw, strip_notes(raw)[0]))
    for items in rules.values():
        _repair(items)
    return {"rules": rules, "notes": notes, "general": {0: general}}


def _repair(items: list[tuple[str, str, str]]) -> None:
    """Put each repair line in the place of the one line of its provision without legal text."""
    for item in [i for i in items if strip_notes(i[0])[0].endswith(REPAIR)]:
        items.remove(item)
        provision = strip_notes(item[0])[0].removesuffix(REPAIR)
        (damaged,) = [n for n, (p, _, text) in enumerate(items) if p == provision and not text]
        items[damaged] = (provision, item[1], item[2])


def _provision(prefix: str) -> str:
    """'8406.90.20, 8406.90.50 (tariff items)' -> '8406.90.20, 8406.90.50'; suffixes dropped."""
    prefix = strip_notes(prefix)[0]
    prefix = re.sub(r", (?:Canada-US|Mexico-US|all other) trade$", "", prefix)
    prefix = re.sub(r", subheading rule$", "", prefix)
    prefix = re.sub(r", (?:continued|repair)$", "", prefix)
    prefix = re.sub(r", phase \d \([^)]*\)$", "", prefix)
    return re.sub(r" \(tariff items?\)$", "", prefix)


def _is_subheading_rule(prefix: str) -> bool:
    return strip_notes(prefix)[0].endswith(", subheading rule")


@cache
def files() -> dict[int, dict]:
    out = {}
    for path in sorted(RULES.glob("chapter-*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        out[data["chapter"]] = data
    return out


CHAPTERS = sorted(source()["rules"])


def test_every_chapter_with_rule_lines_has_a_file_and_no_other() -> None:
    assert sorted(files()) == CHAPTERS
    names = sorted(p.name for p in RULES.glob("chapter-*.yaml"))
    assert names == [f"chapter-{c:02d}.yaml" for c in CHAPTERS]
    # Chapters 1-97 less 77 (reserved) and whatever the transcription lacks (64-67).
    assert set(range(1, 98)) - set(CHAPTERS) <= {64, 65, 66, 67, 77}


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_file_validates(chapter: int) -> None:
    psr = PsrFile.model_validate(files()[chapter])
    assert psr.chapter == chapter
    assert psr.source.verified is False
    for rule in psr.rules:
        assert all(int(r.start[:2]) == chapter for r in rule.scope), rule.id


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_rule_text_is_in_the_source(chapter: int) -> None:
    lines = source()["rules"][chapter]
    stripped = {text for _, _, text in lines}
    raw_by_provision: dict[str, list[str]] = {}
    for prefix, raw, _ in lines:
        raw_by_provision.setdefault(_provision(prefix), []).append(raw)
    for rule in files()[chapter]["rules"]:
        assert rule["provision"] in raw_by_provision, rule["id"]
        assert rule["text"] in stripped, f"{rule['id']}: text not found in the source"
        assert "[" not in rule["text"], f"{rule['id']}: an extractor note leaked into the text"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_source_line_has_a_rule(chapter: int) -> None:
    data = files()[chapter]
    rules = data["rules"]
    general_texts = [g["text"] for g in data.get("general_rules", [])]
    made = Counter((r["provision"], r["text"]) for r in rules)
    lines = source()["rules"][chapter]
    wanted = Counter(
        (_provision(prefix), text) for prefix, _, text in lines if not _is_subheading_rule(prefix)
    )
    missing = wanted - made
    assert not missing, f"source lines without a rule: {sorted(missing)}"
    for prefix, _, text in lines:
        if _is_subheading_rule(prefix):
            assert any(g in text for g in general_texts), f"no general rule for {prefix}"
    subheading_rules = sum(1 for prefix, _, _ in lines if _is_subheading_rule(prefix))
    assert len(rules) + subheading_rules == len(lines)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_alternative_texts_are_words_of_their_rule(chapter: int) -> None:
    data = files()[chapter]
    for rule in [*data["rules"], *data.get("general_rules", [])]:
        for alt in rule["alternatives"]:
            assert alt["text"] in rule["text"], f"{rule['id']} ({alt['label']})"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_notes_and_general_rules_are_in_the_source(chapter: int) -> None:
    data = files()[chapter]
    notes = source()["notes"].get(chapter, [])
    general = source()["general"][0]
    for note in data.get("chapter_notes", []):
        pool = general if note["id"].startswith("GN11-") else notes
        assert note["text"] in pool, note["id"]
    for rule in data.get("general_rules", []):
        lines = [text for _, _, text in source()["rules"][chapter]]
        assert any(rule["text"] in t for t in [*general, *notes, *lines]), rule["id"]


_GENERATOR_CONDITIONS = (
    # Words the generator adds where the schema cannot say what the law says; each is tested
    # phrase by phrase in test_gn11_parser.py.
    "only for a good of ",
    "the alternative names ",
    "no non-originating material ",
    "not from any other good of ",
)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_conditions_are_the_laws_words_or_a_known_reading(chapter: int) -> None:
    data = files()[chapter]
    known = set(EXTRA_CONDITIONS.values())
    for rule in [*data["rules"], *data.get("general_rules", [])]:
        for alt in rule["alternatives"]:
            for condition in alt.get("conditions", []):
                assert (
                    condition in alt["text"]
                    or condition in known
                    or condition.startswith(_GENERATOR_CONDITIONS)
                ), f"{rule['id']} ({alt['label']}): {condition!r}"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_no_threshold_is_invented(chapter: int) -> None:
    """Every percentage of a rule is printed in its alternative (or, for the 7308 template,
    in the extractor's note the transcription prints the thresholds in)."""
    for rule in files()[chapter]["rules"]:
        notes = " ".join(rule.get("notes", []))
        for alt in rule["alternatives"]:
            values = list((alt.get("rvc") or {}).values())
            if alt.get("weight_requirement"):
                values.append(alt["weight_requirement"]["min_originating_percent"])
            for value in values:
                printed = f"{value} percent"
                assert printed in alt["text"] or printed in notes, f"{rule['id']}: {value}"


def test_ids_are_unique_across_files() -> None:
    ids = [r["id"] for d in files().values() for r in d["rules"]]
    ids += [g["id"] for d in files().values() for g in d.get("general_rules", [])]
    assert len(ids) == len(set(ids))
    for data in files().values():
        note_ids = [n["id"] for n in data.get("chapter_notes", [])]
        assert len(note_ids) == len(set(note_ids)), data["chapter"]
