"""``roo-check rules coverage``: which HS subheadings have a product-specific rule on a date.

A subheading is covered when at least one product-specific rule in force on the date
applies to the whole of it: by its own code, through a heading, chapter or range scope, or
through the edition mapping (a rule GN 11 keys to an HS2017/HS2012 number that became this
subheading, or part of which it was made of; see ``rulebook.editions``). A rule for tariff items
inside it covers only part of it, so it does not count.

A subheading can also be governed without a product-specific rule of its own: GN 11(o) chapter
84 rule 2 says that "for the purposes of subheading 8471.49, the origin of each unit presented
within a system shall be determined in accordance with the rule that would be applicable to such
unit if it were presented separately". Such chapter rules are read from the chapter notes of
the loaded rule set (the subheading they name, not a list kept here); their subheadings count
as governed and are listed apart with the rule that governs them.

Each uncovered subheading is given the most telling reason that is true of it: its rules are
not in force, the older number its rule is keyed to does not map cleanly, only tariff items
within it have rules, its chapter or heading has no rule in the source (and when that heading
is new), or, for a subheading new in HS2022, what it was made of and why no rule reaches it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from decimal import ROUND_DOWN, Decimal
from typing import Any

from roo_check.hs import nomenclature
from roo_check.hs.codes import dotted, match_any, normalize
from roo_check.rulebook.index import Rulebook

_UNIT_RULE = re.compile(
    r"^For the purposes of subheading (?P<code>\d{4}\.\d{2}), the origin of each unit presented "
    r"within a system shall be determined in accordance with the rule that would be applicable "
    r"to such unit if it were presented separately\b"
)


def coverage(rulebook: Rulebook, on: dt.date, edition: str = "HS2022") -> dict[str, Any]:
    """The coverage report as a JSON-ready object (codes as 6 digits, sorted)."""
    if edition not in nomenclature.INPUT_EDITIONS:
        raise ValueError(f"coverage is computed for {' or '.join(nomenclature.INPUT_EDITIONS)}")
    codes = nomenclature.subheadings(edition)
    judge = _Judge(rulebook, on)
    by_chapter_rule = []
    uncovered = []
    for code in codes:
        if edition == "HS2022" and not judge.covered(code) and code in judge.units:
            note_id, reason = judge.units[code]
            by_chapter_rule.append({"code": code, "note": note_id, "reason": reason})
            continue
        reason = judge.uncovered(code) if edition == "HS2022" else judge.uncovered_older(code)
        if reason is not None:
            uncovered.append({"code": code, "reason": reason})
    return {
        "edition": edition,
        "date": on.isoformat(),
        "subheadings_total": len(codes),
        "subheadings_covered": len(codes) - len(uncovered),
        "by_chapter_rule": by_chapter_rule,
        "uncovered": uncovered,
    }


def percent(report: dict[str, Any]) -> Decimal:
    """Share covered, rounded down to 0.1 so that 97.96% never shows as 98.0%."""
    total = report["subheadings_total"] or 1
    share = Decimal(report["subheadings_covered"]) * 100 / Decimal(total)
    return share.quantize(Decimal("0.1"), rounding=ROUND_DOWN)


def render_text(report: dict[str, Any]) -> str:
    lines = [
        f"{report['edition']} subheadings with a product-specific rule (or a chapter rule "
        f"standing for one) in force on {report['date']}: {report['subheadings_covered']:,} of "
        f"{report['subheadings_total']:,} ({percent(report)}%)",
    ]
    by_rule = report.get("by_chapter_rule", [])
    if by_rule:
        lines.append(
            f"Governed by a chapter rule instead of a product-specific rule: {len(by_rule)}"
        )
        lines += _grouped(by_rule)
    if report["uncovered"]:
        lines.append(f"Uncovered: {len(report['uncovered']):,}")
        lines += _grouped(report["uncovered"])
    return "\n".join(lines) + "\n"


def _grouped(items: list[dict[str, str]]) -> list[str]:
    """Codes under their reason, the largest groups first, ten codes a line."""
    groups: dict[str, list[str]] = defaultdict(list)
    for item in items:
        groups[item["reason"]].append(item["code"])
    lines = []
    for reason, codes in sorted(groups.items(), key=lambda g: (-len(g[1]), g[0])):
        lines.append(f"  {reason} ({len(codes)}):")
        shown = [dotted(c) for c in codes]
        for start in range(0, len(shown), 10):
            lines.append("    " + " ".join(shown[start : start + 10]))
    return lines


def unit_rules(rulebook: Rulebook) -> dict[str, tuple[str, str]]:
    """Subheadings whose systems' units take each their own rule: code -> (note id, reason).

    Read from the chapter notes of the rule set (GN 11(o) chapter 84 rule 2 names 8471.49).
    """
    found: dict[str, tuple[str, str]] = {}
    for psr in rulebook.files:
        for note in psr.chapter_notes:
            if m := _UNIT_RULE.match(note.text):
                found[normalize(m.group("code"))] = (
                    note.id,
                    f"chapter rule {note.id}: the origin of each unit presented within a system "
                    "is determined by the rule for that unit presented separately",
                )
    return found


class _Judge:
    """Decides, code by code, whether a rule covers it and otherwise why not."""

    def __init__(self, rulebook: Rulebook, on: dt.date) -> None:
        self.rulebook = rulebook
        self.on = on
        self.units = unit_rules(rulebook)
        self.unclean: dict[str, list[str]] = defaultdict(list)
        for older in rulebook.editions.older:
            if older.maps or older.edition is None:
                continue
            where = "tariff item" if len(older.code) > 6 else "code"
            text = (
                f"rule {older.rule_id} is keyed to {older.edition} {where} "
                f"{dotted(older.code)}, which does not map cleanly to HS2022"
            )
            for target in older.targets:
                self.unclean[target].append(text)

    def covered(self, code: str) -> bool:
        for rule in self.rulebook.in_chapter(code[:2]):
            if rule.in_force(self.on) and match_any(rule.scope, code) is True:
                return True
        for derivation in self.rulebook.derived(code):
            rule = self.rulebook.rule(derivation.rule_id)
            if rule is not None and rule.in_force(self.on):
                return True
        return False

    def uncovered(self, code: str) -> str | None:
        if self.covered(code):
            return None
        return (
            self._not_in_force(code)
            or self._in_part(code)
            or self._nothing_in_source(code)
            or self._new_subheading(code)
            or f"no rule of chapter {code[:2]} covers it"
        )

    def _not_in_force(self, code: str) -> str | None:
        whole = [r for r in self.rulebook.in_chapter(code[:2]) if match_any(r.scope, code)]
        derived = [self.rulebook.rule(d.rule_id) for d in self.rulebook.derived(code)]
        ids = sorted({r.id for r in (*whole, *derived) if r is not None})
        if not ids:
            return None
        return f"its rules ({', '.join(ids)}) are not in force on {self.on.isoformat()}"

    def _in_part(self, code: str) -> str | None:
        """A rule keyed to an older code that does not map cleanly, or rules for tariff items."""
        if code in self.unclean:
            return self.unclean[code][0]
        items = sorted(
            {
                str(s)
                for r in self.rulebook.in_chapter(code[:2])
                for s in r.scope
                if s.digits > 6 and s.match(code) is None
            }
        )
        if items:
            return f"only tariff items within it have rules ({', '.join(items)})"
        return None

    def _nothing_in_source(self, code: str) -> str | None:
        """No rule for its chapter, or for its heading (saying when the heading is new)."""
        rules = self.rulebook.in_chapter(code[:2])
        if not rules:
            return f"no rule in the GN 11 source for chapter {code[:2]}"
        heading = code[:4]
        if any(match_any(r.scope, heading) is not False for r in rules):
            return None
        since = next(
            (new for new, older in _NEWER_OLDER if not nomenclature.exists(heading, older)), None
        )
        if since is not None:
            return f"heading {heading} is new in {since} and the source prints no rule"
        return f"no rule in the GN 11 source for heading {heading}"

    def _new_subheading(self, code: str) -> str | None:
        """What a subheading new in HS2022 was made of, and why no rule reaches it."""
        if nomenclature.exists(code, "HS2017"):
            return None
        made_of = nomenclature.correlate(code, "HS2022", "HS2017")
        moved = [s for s in made_of if s[:4] != code[:4]]
        if moved:
            part = "" if moved == made_of else " in part"
            return (
                f"subheading new in HS2022, made{part} of goods moved from other headings "
                f"(HS2017 {_listed(moved)}): the source prints no rule for it and none is "
                "carried over"
            )
        unnamed = [s for s in made_of if not self._named(s)]
        if made_of and unnamed == made_of:
            return (
                f"subheading new in HS2022, made of HS2017 {_listed(made_of)}, which no rule names"
            )
        return None

    def _named(self, older: str) -> bool:
        """Whether some rule names an older subheading by number (in its own edition)."""
        return any(match_any(r.scope, older) for r in self.rulebook.in_chapter(older[:2]))

    def governed(self, code: str) -> bool:
        return self.covered(code) or code in self.units

    def uncovered_older(self, code: str) -> str | None:
        """An HS2017 subheading is covered when each HS2022 subheading it became is."""
        targets = nomenclature.correlate(code, "HS2017", "HS2022")
        if not targets:
            return "no HS2022 correlate in the UNSD correspondence tables"
        missing = [t for t in targets if not self.governed(t)]
        if not missing:
            return None
        return "HS2022 " + ", ".join(dotted(t) for t in missing) + " it became not covered"


_NEWER_OLDER = (("HS2022", "HS2017"), ("HS2017", "HS2012"))
"""(edition, the one before it): a heading absent from the older one is new in the newer."""


def _listed(codes: list[str], most: int = 6) -> str:
    shown = ", ".join(dotted(c) for c in codes[:most])
    return shown if len(codes) <= most else f"{shown} and {len(codes) - most} more"
