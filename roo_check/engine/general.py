"""Chapter general rules (GN 11(n)): further ways to qualify for every good in their scope.

A good of chapters 28-38 that results from a chemical reaction in the territory originates
whatever its product-specific rule says, for instance. These rules add "or" alternatives to
the good's product-specific rule, labelled with the general rule's id.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from roo_check.engine.alternatives import evaluate_alternative
from roo_check.hs.codes import match_any
from roo_check.models.findings import AlternativeResult
from roo_check.models.goods import BomLine, Good
from roo_check.rulebook.index import Rulebook
from roo_check.rulebook.schema import DeMinimisRule, GeneralRule, ProductRule


def applicable_general_rules(
    good: Good, rulebook: Rulebook, on: dt.date
) -> list[tuple[GeneralRule, ProductRule]]:
    """The general rules in force whose scope holds the good, each with the product-specific
    rule the evaluators read it as, by id."""
    code = good.tariff_item or good.hs_code
    found = []
    for rule, as_rule in rulebook.general_rules:
        if not rule.in_force(on) or not match_any(rule.scope, code):
            continue
        if rule.except_ and match_any(rule.except_, code) is not False:
            continue  # excluded, or too coarsely classified to tell: never a silent pass
        found.append((rule, as_rule))
    return sorted(found, key=lambda pair: pair[0].id)


def general_alternatives(
    good: Good,
    rulebook: Rulebook,
    on: dt.date,
    non_originating: list[BomLine],
    vnm: Decimal,
    direct: list[BomLine],
    de_minimis: DeMinimisRule | None = None,
) -> list[AlternativeResult]:
    """``de_minimis``: the rule as the good's subheading rules shape it (default: as loaded)."""
    results = []
    de_minimis = de_minimis if de_minimis is not None else rulebook.de_minimis(on)
    # The evaluators read scope and sibling alternatives from a rule: each gets its own.
    for general, as_rule in applicable_general_rules(good, rulebook, on):
        for alt in general.alternatives:
            result = evaluate_alternative(
                alt,
                as_rule,
                good,
                non_originating,
                vnm,
                de_minimis,
                direct,
                kinds=rulebook.kinds,
                processes=rulebook.processes,
            )
            label = general.id if len(general.alternatives) == 1 else f"{general.id} {alt.label}"
            results.append(result.model_copy(update={"label": label}))
    return results
