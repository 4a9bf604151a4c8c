"""Process-based and by-weight requirements of a rule alternative.

GN 11(n) lets chemicals qualify by a process performed in the territory (chemical reaction,
purification, ...); some rules require a share by weight of certain materials to originate.
Both are decided from what the input states: the good's production steps, the materials'
weights. Nothing stated means "cannot decide", naming what to state.
"""

from __future__ import annotations

from decimal import Decimal

from roo_check.engine.logic import Tri
from roo_check.hs.codes import match_any
from roo_check.models.goods import BomLine, Good
from roo_check.money import display_percent, percent
from roo_check.rulebook.schema import WeightRequirement


def step_words(text: str) -> str:
    """Compare production steps and operations as words: case, spacing, hyphens, underscores
    and the American -ling/-led spelling ignored ("Re-Labeling" is "re labelling")."""
    words = " ".join(text.casefold().replace("-", " ").replace("_", " ").split())
    return words.replace("labeling", "labelling").replace("labeled", "labelled")


def process_met(processes: list[str], good: Good) -> tuple[Tri, str]:
    wanted = {step_words(p) for p in processes}
    names = " or ".join(processes)
    if not good.production_steps:
        return None, f"give production_steps: whether the good underwent {names} in the territory"
    steps = {step_words(s) for s in good.production_steps}
    done = sorted(steps & wanted)
    if done:
        return True, f"process performed in the territory: {', '.join(done)}"
    return False, f"none of the stated production steps is {names}"


def weight_met(requirement: WeightRequirement, direct: list[BomLine]) -> tuple[Tri, str]:
    materials = [
        m for m in direct if m.incorporated and match_any(requirement.materials, m.hs_code)
    ]
    codes = ", ".join(str(c) for c in requirement.materials)
    if not materials:
        return True, f"no materials of {codes}: the by-weight condition has nothing to measure"
    missing = [m.part_number for m in materials if m.weight_kg is None]
    if missing:
        return None, f"give weight_kg for {', '.join(missing)} (materials of {codes})"
    total = sum((m.weight_kg or Decimal(0) for m in materials), Decimal(0))
    if total <= 0:
        return None, f"the materials of {codes} weigh nothing"
    originating = sum(
        (m.weight_kg or Decimal(0) for m in materials if m.counts_as_originating), Decimal(0)
    )
    share = percent(originating, total)
    threshold = requirement.min_originating_percent
    verdict = share >= threshold
    return verdict, (
        f"{display_percent(share)}% by weight of the materials of {codes} is originating "
        f"({'not less than' if verdict else 'less than'} {threshold}%)"
    )
