"""``roo-check fix``: for each good of the inputs, the cheapest fix if it is not originating
(:func:`roo_check.engine.fix.cheapest_fix`), its single points of failure if it is."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from roo_check.engine.evaluate import GoodTask, evaluate_good, facts_of, good_tasks
from roo_check.engine.facts import Facts
from roo_check.engine.fix import fix_result
from roo_check.errors import RooCheckError
from roo_check.models.findings import Determination
from roo_check.models.goods import BomLine
from roo_check.models.report_view import GoodFix
from roo_check.rulebook.index import Rulebook


def fixes(
    paths: list[Path], rulebook: Rulebook, today: dt.date, premiums: dict[str, Decimal]
) -> tuple[list[GoodFix], list[RooCheckError]]:
    """For each good of the inputs: the cheapest fix if it is not originating, its single
    points of failure if it is. An input that does not load is reported, the others go on."""
    from roo_check.loaders import load_each

    found: list[GoodFix] = []
    errors: list[RooCheckError] = []
    for shipment in load_each(paths, errors):
        facts = facts_of(shipment)
        for task in good_tasks(shipment, None, today):
            if not task.good.gri3_set:
                found.append(_good_fix(shipment.name, task, rulebook, facts, premiums))
    return found, errors


def _good_fix(
    shipment: str, task: GoodTask, rulebook: Rulebook, facts: Facts, premiums: dict[str, Decimal]
) -> GoodFix:
    def decide(lines: list[BomLine]) -> Determination:
        return evaluate_good(task.good, lines, rulebook, task.on, facts=facts)

    determination = decide(task.materials)
    result = fix_result(determination, task.materials, decide, premiums)
    return GoodFix(
        shipment=shipment,
        good=task.good.part_number,
        status=determination.status,
        currency=task.good.currency,
        **dict(result),
    )
