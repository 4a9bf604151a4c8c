"""``roo-check rules coverage``: which HS subheadings have a product-specific rule on a date.

A subheading is covered when at least one product-specific rule in force on the date
applies to the whole of it: by its own code, through a heading, chapter or range scope, or
through the edition mapping (a rule GN 11 keys to an HS2017/HS2012 number that became this
subheading; see ``rulebook.editions``). A rule for tariff items inside it covers only part of
it, so it does not count. Each uncovered subheading is given the most telling reason.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import ROUND_DOWN, Decimal
from typing import Any

from roo_check.hs import nomenclature
from roo_check.hs.codes import dotted, match_any
from roo_check.rulebook.index import Rulebook


def coverage(rulebook: Rulebook, on: dt.date, edition: str = "HS2022") -> dict[str, Any]:
    """The coverage report as a JSON-ready object (codes as 6 digits, sorted)."""
    if edition not in nomenclature.INPUT_EDITIONS:
        raise ValueError(f"coverage is computed for {' or '.join(nomenclature.INPUT_EDITIONS)}")
    codes = nomenclature.subheadings(edition)
    judge = _Judge(rulebook, on)
    uncovered = []
    for code in codes:
        reason = judge.uncovered(code) if edition == "HS2022" else judge.uncovered_older(code)
        if reason is not None:
            uncovered.append({"code": code, "reason": reason})
    return {
        "edition": edition,
        "date": on.isoformat(),
        "subheadings_total": len(codes),
        "subheadings_covered": len(codes) - len(uncovered),
        "uncovered": uncovered,
    }


def percent(report: dict[str, Any]) -> Decimal:
    """Share covered, rounded down to 0.1 so that 97.96% never shows as 98.0%."""
    total = report["subheadings_total"] or 1
    share = Decimal(report["subheadings_covered"]) * 100 / Decimal(total)
    return share.quantize(Decimal("0.1"), rounding=ROUND_DOWN)


def render_text(report: dict[str, Any]) -> str:
    lines = [
        f"{report['edition']} subheadings with a product-specific rule in force on "
        f"{report['date']}: {report['subheadings_covered']:,} of "
        f"{report['subheadings_total']:,} ({percent(report)}%)",
    ]
    groups: dict[str, list[str]] = defaultdict(list)
    for item in report["uncovered"]:
        groups[item["reason"]].append(item["code"])
    if groups:
        lines.append(f"Uncovered: {len(report['uncovered']):,}")
    for reason, codes in sorted(groups.items(), key=lambda g: (-len(g[1]), g[0])):
        lines.append(f"  {reason} ({len(codes)}):")
        shown = [dotted(c) for c in codes]
        for start in range(0, len(shown), 10):
            lines.append("    " + " ".join(shown[start : start + 10]))
    return "\n".join(lines) + "\n"


class _Judge:
    """Decides, code by code, whether a rule covers it and otherwise why not."""

    def __init__(self, rulebook: Rulebook, on: dt.date) -> None:
        self.rulebook = rulebook
        self.on = on
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
        rules = self.rulebook.in_chapter(code[:2])
        touching = [r for r in rules if match_any(r.scope, code) is not False]
        items = sorted(
            {str(s) for r in touching for s in r.scope if s.digits > 6 and s.match(code) is None}
        )
        whole = [r for r in touching if match_any(r.scope, code) is True]
        derived = [self.rulebook.rule(d.rule_id) for d in self.rulebook.derived(code)]
        if whole or any(derived):
            ids = ", ".join(sorted({r.id for r in (*whole, *derived) if r is not None}))
            return f"its rules ({ids}) are not in force on {self.on.isoformat()}"
        if code in self.unclean:
            return self.unclean[code][0]
        if items:
            return f"only tariff items within it have rules ({', '.join(items)})"
        if not rules:
            return f"no rule in the GN 11 source for chapter {code[:2]}"
        if not nomenclature.exists(code[:4], "HS2017"):
            return f"heading {code[:4]} is new in HS2022 and the source prints no rule"
        if not nomenclature.exists(code, "HS2017"):
            return "subheading new in HS2022 (not in HS2017) and no rule reaches it"
        return f"no rule of chapter {code[:2]} covers it"

    def uncovered_older(self, code: str) -> str | None:
        """An HS2017 subheading is covered when each HS2022 subheading it became is."""
        targets = nomenclature.correlate(code, "HS2017", "HS2022")
        if not targets:
            return "no HS2022 correlate in the UNSD correspondence tables"
        missing = [t for t in targets if not self.covered(t)]
        if not missing:
            return None
        return "HS2022 " + ", ".join(dotted(t) for t in missing) + " it became not covered"
