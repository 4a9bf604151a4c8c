"""De minimis (USMCA Art. 4.12; 19 U.S.C. 4531(f)): a small failing share is forgiven.

Only the tariff-shift failure is forgiven; the materials' value stays in VNM, and any RVC
the alternative also requires must still be met. Materials whose shift could not be decided
are counted as failing (worst case): if even then the share is within the limit, the good
passes; otherwise the open question stays open.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from roo_check.engine.kinds import match_kinds
from roo_check.hs.codes import match_any
from roo_check.models.findings import DeMinimisResult, MaterialCheck
from roo_check.models.goods import BomLine, Good
from roo_check.money import display_percent, percent
from roo_check.rulebook.schema import DeMinimisExclusion, DeMinimisRule, WeightDeMinimis


def _builder(
    rule_id: str, citation: str, measure: str, failing: Decimal, max_percent: Decimal
) -> Callable[..., DeMinimisResult]:
    """The result of one de minimis rule, filled in as far as the test got."""

    def result(
        passed: bool | None,
        reason: str,
        base_name: str | None = None,
        base: Decimal | None = None,
        share: Decimal | None = None,
    ) -> DeMinimisResult:
        return DeMinimisResult(
            rule_id=rule_id,
            citation=citation,
            measure=measure,
            failing_value=failing,
            base_name=base_name,
            base=base,
            share=share,
            max_percent=max_percent,
            passed=passed,
            reason=reason,
        )

    return result


def _base(good: Good, name: str) -> Decimal | None:
    return good.transaction_value if name == "transaction_value" else good.total_cost


def evaluate_de_minimis(
    rule: DeMinimisRule,
    good: Good,
    checks: list[MaterialCheck],
    materials: list[BomLine],
    direct: list[BomLine] | None = None,
) -> DeMinimisResult:
    by_part = {m.part_number: m for m in materials}
    failing = [c for c in checks if c.passes is False]
    undecided = [c for c in checks if c.passes is None]
    failing_value = sum((c.value for c in failing), Decimal(0))
    worst_value = failing_value + sum((c.value for c in undecided), Decimal(0))

    result = _builder(rule.id, rule.citation, "value", worst_value, rule.max_percent)

    if match_any(rule.not_by_value, good.hs_code):
        spec = next((w for w in rule.by_weight if match_any(w.goods, good.hs_code)), None)
        if spec is None:
            return result(None, "textile goods: de minimis is by weight; no rule covers this good")
        return by_weight(spec, good, failing + undecided, by_part, direct or materials)
    same, open_same = _same_subheading(rule, good, failing + undecided, by_part)
    if same:
        return result(
            False, f"goods of chapters 1-27: {', '.join(same)} share the good's subheading"
        )
    shares = [
        (name, base, percent(worst_value, base))
        for name in rule.bases
        if (base := _base(good, name)) is not None and base > 0
    ]
    if not shares:
        return result(None, "give transaction_value or total_cost to test de minimis")
    name, base, share = min(shares, key=lambda s: s[2])
    if open_same:
        return result(None, open_same, name, base, share)
    label = name.replace("_", " ")
    if share > rule.max_percent and not (
        undecided and percent(failing_value, base) <= rule.max_percent
    ):
        return result(
            False,
            f"non-shifting materials are {display_percent(share)}% of the {label}, "
            f"more than {rule.max_percent}%",
            name,
            base,
            share,
        )
    excluded = _excluded(rule, good, failing + undecided, by_part)
    if excluded is not None:
        return result(*excluded)
    if share <= rule.max_percent:
        return result(
            True,
            f"non-shifting materials are {display_percent(share)}% of the {label}, "
            f"not more than {rule.max_percent}%",
            name,
            base,
            share,
        )
    # Over the limit only with the undecided materials counted: they must be decided first.
    return result(
        None,
        "within the limit only if the undecided materials shift: decide them first",
        name,
        base,
        share,
    )


def _same_subheading(
    rule: DeMinimisRule,
    good: Good,
    checks: list[MaterialCheck],
    by_part: dict[str, BomLine],
) -> tuple[list[str], str]:
    """Goods of chapters 1-27: de minimis covers only materials of another subheading
    (19 U.S.C. 4531(f)(3)), save the pairs a subheading rule lets in ("subdivision (e)(i)
    applies to nonoriginating thyme ... of 0910.99 used in mixtures of 0910.99").

    Returns the materials kept out, and why the question is open (empty when it is not)."""
    if not match_any(rule.different_subheading_chapters, good.hs_code):
        return [], ""
    same = [c for c in checks if c.hs_code.replace(".", "")[:6] == good.hs_code]
    kept_out, open_ = [], []
    for check in same:
        allowed = _pair_allowed(rule.same_subheading_allowed, good, by_part[check.part_number])
        if allowed is None:
            open_.append(check.part_number)
        elif not allowed:
            kept_out.append(check.part_number)
    if open_:
        kinds = "; ".join(
            f"{p.id}: {', '.join(p.material_kinds)}"
            for p in rule.same_subheading_allowed
            if p.material_kinds
        )
        return [], (
            f"{', '.join(open_)} share the good's subheading; de minimis reaches them only if "
            f"they are of the kinds a subheading rule names ({kinds}): give product_kind"
        )
    return kept_out, ""


def _pair_allowed(pairs: list[DeMinimisExclusion], good: Good, material: BomLine) -> bool | None:
    """Whether a pair lets the material in; None: a pair might, but its kind is unstated."""
    hits = [pair_matches(pair, good, material) for pair in pairs]
    if any(hits):
        return True
    return None if None in hits else False


def pair_matches(pair: DeMinimisExclusion, good: Good, material: BomLine) -> bool | None:
    """Codes first, then the kinds the pair names (None when a needed product_kind is not
    stated)."""
    if not (match_any(pair.materials, material.hs_code) and match_any(pair.goods, good.hs_code)):
        return False
    results = [
        match_kinds(stated, kinds).matched
        for stated, kinds in (
            (material.product_kind, pair.material_kinds),
            (good.product_kind, pair.good_kinds),
        )
        if kinds
    ]
    if any(r is False for r in results):
        return False
    return None if any(r is None for r in results) else True


def _excluded(
    rule: DeMinimisRule,
    good: Good,
    checks: list[MaterialCheck],
    by_part: dict[str, BomLine],
) -> tuple[bool | None, str] | None:
    """Annex 4-A and the subheading rules: a material/good pair the law keeps out of de
    minimis (None: no pair)."""
    matches = []
    for exclusion in rule.exclusions:
        for check in checks:
            hit = pair_matches(exclusion, good, by_part[check.part_number])
            if hit is not False:
                matches.append((exclusion, check.part_number, hit))
    certain = [(e, part) for e, part, hit in matches if hit and not e.qualifier]
    if certain:
        exclusion, part = certain[0]
        return False, f"{exclusion.id} excludes {part} from de minimis"
    if matches:
        exclusion, part, hit = matches[0]
        why = exclusion.qualifier or "give product_kind: " + ", ".join(
            [*exclusion.material_kinds, *exclusion.good_kinds]
        )
        return None, f"{exclusion.id} may exclude {part} ({why}): confirm"
    return None


def _weights(lines: list[BomLine]) -> tuple[Decimal, list[str]]:
    missing = [m.part_number for m in lines if m.weight_kg is None]
    return sum((m.weight_kg or Decimal(0) for m in lines), Decimal(0)), missing


def by_weight(
    spec: WeightDeMinimis,
    good: Good,
    checks: list[MaterialCheck],
    by_part: dict[str, BomLine],
    direct: list[BomLine],
) -> DeMinimisResult:
    """Textile de minimis: the non-shifting materials' weight against the good's (or, for
    apparel, its classifying component's), with elastomeric yarns capped separately."""
    failing = [by_part[c.part_number] for c in checks]
    weight, missing = _weights(failing)

    result = _builder(spec.id, spec.citation, "weight", weight, spec.max_percent)

    if spec.measure == "classifying_component":
        outside = [m.part_number for m in failing if not m.classifying_component]
        if outside:
            return result(
                False,
                "for apparel, de minimis covers only fibres and yarns of the component that "
                f"determines classification: {', '.join(outside)} is outside it",
            )
        base, missing_base = _weights([m for m in direct if m.classifying_component])
        base_name = "weight of the component that determines classification"
    else:
        base = good.weight_kg or Decimal(0)
        missing_base = [] if good.weight_kg is not None else ["the good"]
        base_name = "weight of the good"
    if missing or missing_base:
        return result(None, "give weight_kg for " + ", ".join(missing + missing_base))
    if base <= 0:
        return result(None, f"the {base_name} is zero")
    share = percent(weight, base)
    if share > spec.max_percent:
        return result(
            False,
            f"non-shifting materials weigh {display_percent(share)}% of the {base_name}, "
            f"more than {spec.max_percent}%",
            base_name,
            base,
            share,
        )
    elastic = [m for m in failing if m.elastomeric]
    if elastic:
        if not good.weight_kg:
            return result(None, "give the good's weight_kg to test the elastomeric yarn cap")
        elastic_weight, _ = _weights(elastic)
        elastic_share = percent(elastic_weight, good.weight_kg)
        if elastic_share > spec.elastomeric_max_percent:
            return result(
                False,
                f"non-originating elastomeric yarns weigh {display_percent(elastic_share)}% of "
                f"the good, more than {spec.elastomeric_max_percent}%",
                base_name,
                base,
                share,
            )
    return result(
        True,
        f"non-shifting materials weigh {display_percent(share)}% of the {base_name}, "
        f"not more than {spec.max_percent}%",
        base_name,
        base,
        share,
    )
