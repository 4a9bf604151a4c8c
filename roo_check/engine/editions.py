"""Goods and materials declared in HS2017, read in HS2022 before any rule is applied.

The rules (GN 11, 2026 HTSUS) are in HS2022, so a code declared in HS2017 is carried over
through the UNSD correlation. Where it became one HS2022 subheading the check goes on under
that code and says so; where it became several, nothing is guessed: the good (or the
material) "cannot be decided" until it is classified under HS2022, and the candidates are
named. A national tariff item keeps its digits only when its subheading is unchanged; the
UNSD tables stop at 6 digits.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from roo_check.hs import nomenclature
from roo_check.hs.codes import CodeRange, dotted
from roo_check.models.goods import BomLine, Good

CURRENT = nomenclature.CURRENT


@dataclass(frozen=True)
class Mapped:
    """An HS code read in HS2022: the code (None if undecided), the candidates and a note."""

    code: str | None
    candidates: tuple[str, ...]
    note: str = ""

    @property
    def decided(self) -> bool:
        return self.code is not None


def _list(codes: tuple[str, ...]) -> str:
    return ", ".join(dotted(c) for c in codes)


def to_hs2022(code: str, edition: str) -> Mapped:
    """Read ``code`` (digits, declared in ``edition``) as an HS2022 code."""
    if edition == CURRENT:
        return Mapped(code, (code,))
    shown = f"{edition} {dotted(code)}"
    hs_part = code[:6]
    found = nomenclature.correlation(hs_part, edition, CURRENT)
    targets = found.targets
    if len(code) == 4:
        targets = tuple(sorted({t[:4] for t in targets}))
    if not targets:
        return Mapped(
            None,
            (),
            f"{shown} has no HS2022 correlate in the UNSD correspondence tables: "
            "classify it under HS2022",
        )
    if len(targets) > 1:
        return Mapped(
            None,
            targets,
            f"{shown} became several HS2022 {'headings' if len(code) == 4 else 'subheadings'} "
            f"({_list(targets)}; UNSD correlation): cannot decide which, classify it under "
            "HS2022",
        )
    target = targets[0]
    if len(code) > 6 and target == hs_part:
        target = code  # the subheading is unchanged: the national digits still apply
    dropped = " (its national digits do not carry over)" if len(code) > len(target) else ""
    return Mapped(
        target,
        (target,),
        f"{shown} is HS2022 {dotted(target)}{dropped} (UNSD correlation)",
    )


def good_in_hs2022(good: Good) -> tuple[Good | None, Mapped]:
    """The good with its code read in HS2022, or None (and why) if that is not decided."""
    if good.hs_edition == CURRENT:
        return good, Mapped(good.hs_code, (good.hs_code,))
    mapped = to_hs2022(good.hs_code, good.hs_edition)
    if mapped.code is None:
        return None, mapped
    item = good.tariff_item if mapped.code == good.hs_code else None
    return (
        good.model_copy(
            update={"hs_code": mapped.code, "hs_edition": CURRENT, "tariff_item": item}
        ),
        mapped,
    )


def material_in_hs2022(material: BomLine) -> tuple[BomLine | None, Mapped]:
    """The BOM line with its code read in HS2022, or None (and why) if that is not decided."""
    if material.hs_edition == CURRENT:
        return material, Mapped(material.hs_code, (material.hs_code,))
    mapped = to_hs2022(material.hs_code, material.hs_edition)
    if mapped.code is None:
        return None, mapped
    return material.model_copy(update={"hs_code": mapped.code, "hs_edition": CURRENT}), mapped


def in_hs2022(good: Good, materials: list[BomLine]) -> tuple[Good, list[BomLine], list[str]]:
    """Everything of one good read in HS2022 where the correlation decides it, with notes.

    What the correlation cannot decide is left as declared; the evaluators then say "cannot
    decide" for it (selection for the good, the shift check for a material).
    """
    notes: list[str] = []
    mapped_good, how = good_in_hs2022(good)
    if how.note:
        notes.append(how.note)
    lines: list[BomLine] = []
    for material in materials:
        mapped, how = material_in_hs2022(material)
        if how.note:
            notes.append(f"material {material.part_number}: {how.note}")
        lines.append(mapped or material)
    return mapped_good or good, lines, notes


@functools.cache
def current_ranges(ranges: tuple[CodeRange, ...]) -> tuple[CodeRange, ...]:
    """A rule's source or exclusion codes with older-edition subheadings read in HS2022 too.

    GN 11 still names some materials by HS2017 numbers (e.g. "from subheading 9401.90", which
    HS2022 split into 9401.91 and 9401.99): the HS2022 subheadings the UNSD correlation maps
    such a code to are added beside it, so materials classified in HS2022 are recognised.
    """
    extra: list[CodeRange] = []
    for rng in ranges:
        if rng.start != rng.end or len(rng.start) != 6 or nomenclature.exists(rng.start):
            continue
        edition = nomenclature.edition_of(rng.start)
        if edition is None:
            continue
        targets = nomenclature.correlation(rng.start, edition, CURRENT).targets
        extra.extend(CodeRange(t, t) for t in targets if t not in {r.start for r in ranges})
    return ranges + tuple(extra)
