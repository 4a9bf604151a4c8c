"""The provisions beside the product-specific rule, applied (``rules/usmca/provisions.yaml``).

GN 11(o) prints chapter, heading and subheading rules that change how a good's rule is
applied. They act at three places of a decision:

- before the rule: which non-originating materials face the tariff shift (the component that
  determines classification, materials whose origin is disregarded) and what de minimis
  reaches (``shift_scope``, ``with_de_minimis_provisions``);
- in place of the rule: a system's units decided one by one (``units_result``), the rule of a
  television receiver for a combination unit (``selection_code``);
- after the criteria, like the Chapter 4 conditions: materials that must be formed and finished
  (or wholly obtained) in the territory, and the separation restriction of GN 11(n)(iv)(H)
  (``provision_conditions``).

Where the input cannot say whether a provision reaches a material, the good is decided both
ways; the same answer stands and different answers give "cannot decide", naming the datum.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from roo_check.engine.kinds import match_kinds
from roo_check.engine.logic import Tri, all3
from roo_check.engine.process import process_met, step_words
from roo_check.engine.selection import good_code
from roo_check.hs.codes import dotted, match_any
from roo_check.models.findings import AlternativeResult
from roo_check.models.goods import BomLine, Good, OriginStatus
from roo_check.models.stages import ArticleCheck, Criterion, MissingDatum, Outcome
from roo_check.rulebook.index import Rulebook
from roo_check.rulebook.process_schema import ProcessVocabulary
from roo_check.rulebook.provisions_schema import (
    DeMinimisProvision,
    Disregard,
    ProvisionBase,
    RuleAs,
    RvcNotForUseIn,
    Separation,
    TerritorialMaterials,
)
from roo_check.rulebook.schema import DeMinimisExclusion, DeMinimisRule

_PARTIES_NOTE = "of one or more of the USMCA countries"


# ------------------------------------------------------------------ before the rule


@dataclass
class ShiftScope:
    """The non-originating materials as the provisions leave them for the tariff shift."""

    kept: list[BomLine]
    """Materials that certainly face the shift."""
    open_: list[BomLine] = field(default_factory=list)
    """Materials the input cannot place: the rule is applied with and without them."""
    notes: list[str] = field(default_factory=list)
    missing: list[MissingDatum] = field(default_factory=list)

    @property
    def strict(self) -> list[BomLine]:
        return [*self.kept, *self.open_]


def shift_scope(
    good: Good, shift: list[BomLine], direct: list[BomLine], rulebook: Rulebook, on: dt.date
) -> ShiftScope:
    code = good_code(good)
    provisions = rulebook.provisions
    scope = ShiftScope(kept=list(shift))
    for provision in provisions.governing(code, on, effect="classifying_component"):
        _component(scope, provision.id, direct, good)
    for provision in provisions.governing(code, on, effect="disregard"):
        assert isinstance(provision, Disregard)
        _disregard(scope, provision, good)
    return scope


def _component(scope: ShiftScope, provision_id: str, direct: list[BomLine], good: Good) -> None:
    """'the rule ... shall only apply to the component that determines the tariff
    classification of the good'."""
    marked = [m for m in direct if m.classifying_component]
    if marked:
        outside = [m for m in scope.kept if not m.classifying_component]
        if outside:
            scope.kept = [m for m in scope.kept if m.classifying_component]
            scope.notes.append(
                f"{provision_id}: the rule applies only to the component that determines "
                f"classification; {', '.join(m.part_number for m in outside)} "
                f"{'is' if len(outside) == 1 else 'are'} outside it"
            )
        return
    if scope.kept:
        scope.open_ += scope.kept
        scope.kept = []
        scope.missing.append(
            MissingDatum(
                field="classifying_component",
                subject=f"good {good.part_number}",
                why=f"{provision_id}: the rule applies only to the component that determines "
                "the tariff classification; mark its BOM lines",
            )
        )


def _disregard(scope: ShiftScope, provision: Disregard, good: Good) -> None:
    for material in list(scope.kept):
        hit, why = disregarded(provision, material)
        if hit is False:
            continue
        scope.kept.remove(material)
        if hit:
            scope.notes.append(f"{provision.id}: {material.part_number} disregarded ({why})")
            continue
        scope.open_.append(material)
        scope.missing.append(
            MissingDatum(
                field="product_kind" if not provision.condition else "condition",
                subject=f"material {material.part_number}"
                + (f" (row {material.row})" if material.row else ""),
                why=f"{provision.id}: {why}",
            )
        )


def disregarded(provision: Disregard, material: BomLine) -> tuple[Tri, str]:
    """Whether the provision disregards the material's origin, and why."""
    code = material.hs_code
    if not match_any(provision.materials, code) or (
        provision.not_materials and match_any(provision.not_materials, code)
    ):
        return False, ""
    if provision.not_kinds and match_kinds(material.product_kind, provision.not_kinds).matched:
        return False, ""
    kind: Tri = True
    if provision.material_kinds:
        # A benefit the producer invokes by saying what the material is (smolts, diluent):
        # nothing stated, nothing disregarded.
        kind = match_kinds(material.product_kind, provision.material_kinds).matched or False
    elif provision.not_kinds and not (
        provision.sure_materials and match_any(provision.sure_materials, code)
    ):
        kind = None if not material.product_kind else True
    if kind is False:
        return False, ""
    if kind is None:
        named = provision.material_kinds or [f"not {k}" for k in provision.not_kinds]
        return None, f"state whether it is {' / '.join(named)} (give product_kind)"
    if provision.condition:
        return None, f"disregarded only if {provision.condition}"
    return True, provision.title


def with_de_minimis_provisions(
    rule: DeMinimisRule | None, good: Good, rulebook: Rulebook, on: dt.date
) -> DeMinimisRule | None:
    """The de minimis rule with the subheading rules that widen or narrow it for this good."""
    if rule is None:
        return None
    governing = rulebook.provisions.governing(good_code(good), on, effect="de_minimis")
    allowed, excluded = [], []
    for provision in governing:
        assert isinstance(provision, DeMinimisProvision)
        pairs = [
            DeMinimisExclusion(
                id=provision.id,
                materials=p.materials,
                goods=p.goods,
                material_kinds=p.material_kinds,
                good_kinds=p.good_kinds,
                text=rulebook.provisions.text(provision),
            )
            for p in provision.pairs
        ]
        (allowed if provision.de_minimis == "applies" else excluded).extend(pairs)
    if not allowed and not excluded:
        return rule
    return rule.model_copy(
        update={
            "exclusions": [*rule.exclusions, *excluded],
            "same_subheading_allowed": [*rule.same_subheading_allowed, *allowed],
        }
    )


# ------------------------------------------------------------------ in place of the rule


def selection_code(good: Good, rulebook: Rulebook, on: dt.date) -> tuple[Good, str]:
    """A good the law decides under another good's rule (a television combination unit)."""
    for provision in rulebook.provisions.governing(good_code(good), on, effect="rule_as"):
        assert isinstance(provision, RuleAs)
        if match_kinds(good.product_kind, provision.good_kinds).matched:
            note = (
                f"{provision.id}: a {provision.good_kinds[0]} is decided under the rule for "
                f"{provision.rule_for}"
            )
            as_code = provision.rule_for.replace(".", "")
            return good.model_copy(update={"hs_code": as_code, "tariff_item": None}), note
    return good, ""


@dataclass(frozen=True)
class UnitsResult:
    met: Tri
    reason: str
    missing: list[MissingDatum]


def units_result(
    good: Good, direct: list[BomLine], rulebook: Rulebook, on: dt.date
) -> UnitsResult | None:
    """Chapter 84 rule 2: a system of 8471.49 is decided unit by unit (None: no such rule)."""
    governing = rulebook.provisions.governing(good_code(good), on, effect="units")
    if not governing:
        return None
    ids = ", ".join(p.id for p in governing)
    units = [m for m in direct if m.parent_part_number is None and m.incorporated]
    if not units:
        return UnitsResult(None, f"{ids}: the system's units are not listed", [])
    status = {m.part_number: _unit_status(m) for m in units}
    not_originating = [p for p, s in status.items() if s is False]
    unknown = [p for p, s in status.items() if s is None]
    met = all3(status.values())
    if met:
        reason = f"{ids}: every unit of the system is originating ({', '.join(status)})"
    elif met is False:
        reason = (
            f"{ids}: units {', '.join(not_originating)} are not originating; each unit of a "
            "system of 8471.49 takes the rate that applies to it as if presented separately"
        )
    else:
        reason = f"{ids}: the origin of units {', '.join(unknown)} is not known"
    missing = [
        MissingDatum(
            field="origin_status",
            subject=f"material {p}",
            why=f"{ids}: each unit of the system is decided by its own rule",
        )
        for p in unknown
    ]
    return UnitsResult(met, reason, missing)


def _unit_status(unit: BomLine) -> Tri:
    if unit.counts_as_originating:
        return True
    return None if unit.origin_status is OriginStatus.unknown else False


def rvc_use_restrictions(good: Good, rulebook: Rulebook, on: dt.date) -> list[RvcNotForUseIn]:
    found = rulebook.provisions.governing(good_code(good), on, effect="rvc_not_for_use_in")
    return [p for p in found if isinstance(p, RvcNotForUseIn)]


def rvc_allowed(provision: RvcNotForUseIn, good: Good) -> tuple[Tri, str]:
    """Whether an RVC alternative may be used for this good under the restriction."""
    codes = ", ".join(str(c) for c in provision.used_in)
    if good.used_in is None:
        return None, (
            f"{provision.id}: the RVC alternative is not for a part used in the production of "
            f"a good of {codes}: give used_in"
        )
    if match_any(provision.used_in, good.used_in):
        return False, (
            f"{provision.id}: the RVC alternative does not apply to a part used in the "
            f"production of a good of {codes} (used in {dotted(good.used_in)})"
        )
    return True, ""


# ------------------------------------------------------------------ after the criteria


def provision_conditions(
    good: Good,
    direct: list[BomLine],
    rulebook: Rulebook,
    on: dt.date,
    criterion: Criterion | None,
    rule_id: str | None,
    alternatives: list[AlternativeResult] | None = None,
) -> list[ArticleCheck]:
    """The provisions that can still take originating status away. ``alternatives``: the
    rule's alternatives as decided; the separation restriction concerns only a good that
    qualifies through a change in classification."""
    code = good_code(good)
    provisions = rulebook.provisions
    checks = []
    for provision in provisions.governing(code, on, rule_id, effect="territorial_materials"):
        assert isinstance(provision, TerritorialMaterials)
        check = _territorial(provision, good, direct, rulebook.parties)
        if check is not None:
            checks.append(check)
    passed = [a for a in alternatives or [] if a.passed]
    if criterion is Criterion.B and passed and all(a.shift is not None for a in passed):
        for provision in provisions.governing(code, on, rule_id, effect="separation"):
            assert isinstance(provision, Separation)
            checks.append(_separation(provision, good, rulebook.processes))
    return checks


def _check(provision: ProvisionBase, outcome: Outcome, reason: str, **more: object) -> ArticleCheck:
    return ArticleCheck(
        id=provision.id,
        name=provision.title,
        citation=provision.citation,
        outcome=outcome,
        reason=reason,
        **more,
    )


def _territorial(
    provision: TerritorialMaterials, good: Good, direct: list[BomLine], parties: frozenset[str]
) -> ArticleCheck | None:
    incorporated = [m for m in direct if m.incorporated]
    if not _reaches_good(provision, good, incorporated):
        return None
    named = [(m, hit) for m in incorporated if (hit := _named(provision, m)) is not False]
    if not named:
        return None
    if provision.only_if_steps:
        trigger = _merely(provision, good)
        if trigger is False:
            return None
    else:
        trigger = True
    results = [(m, hit, _meets(provision, m, parties)) for m, hit in named]
    failing = [m for m, hit, ok in results if hit and ok is False]
    open_ = [m for m, hit, ok in results if ok is None or (hit is None and ok is False)]
    words = _requirement_words(provision)
    if failing and trigger:
        parts = ", ".join(m.part_number for m in failing)
        return _check(
            provision,
            Outcome.not_met,
            f"{provision.id}: {parts} not shown {words} ({provision.citation})",
            evidence=[_evidence(m) for m in failing],
        )
    if open_ or (failing and trigger is None):
        return _open_territorial(provision, good, [*open_, *failing], trigger, words)
    parts = ", ".join(m.part_number for m, _, _ in results)
    return _check(provision, Outcome.met, f"{provision.id}: {parts} {words}")


def _open_territorial(
    provision: TerritorialMaterials,
    good: Good,
    lines: list[BomLine],
    trigger: Tri,
    words: str,
) -> ArticleCheck:
    parts = ", ".join(m.part_number for m in lines)
    datum = provision.requirement
    missing = [
        MissingDatum(
            field=datum if trigger else "production_steps",
            subject=f"material {m.part_number}" if trigger else f"good {good.part_number}",
            why=f"{provision.id}: whether {m.part_number} was {words}"
            if trigger
            else f"{provision.id}: whether the good was prepared merely by "
            + ", ".join(provision.only_if_steps[:3]),
        )
        for m in (lines if trigger else lines[:1])
    ]
    return _check(
        provision,
        Outcome.cannot_decide,
        f"{provision.id}: not known whether {parts} {'was' if len(lines) == 1 else 'were'} {words}",
        missing=missing,
    )


def _evidence(material: BomLine) -> str:
    where = f" (row {material.row})" if material.row else ""
    origin = material.country_of_origin or "origin not stated"
    return f"{material.part_number}{where}: {dotted(material.hs_code)}, {origin}"


def _requirement_words(provision: TerritorialMaterials) -> str:
    if provision.requirement == "wholly_obtained":
        return f"wholly obtained or produced entirely in the territory {_PARTIES_NOTE}"
    return f"formed and finished in the territory {_PARTIES_NOTE}"


def _reaches_good(provision: TerritorialMaterials, good: Good, lines: list[BomLine]) -> bool:
    code = good_code(good)
    qualified = provision.qualified_except_goods
    if (
        qualified
        and match_any(qualified, code)
        and not match_kinds(good.product_kind, provision.unless_kinds).matched
    ):
        return False
    if provision.only_if_materials and not any(
        match_any(provision.only_if_materials, m.hs_code) for m in lines
    ):
        return False
    return not (
        provision.unless_materials
        and any(match_any(provision.unless_materials, m.hs_code) for m in lines)
    )


def _named(provision: TerritorialMaterials, material: BomLine) -> Tri:
    """Whether the provision names the material (None: only its unstated kind could say)."""
    code = material.hs_code
    if provision.materials and match_any(provision.materials, code):
        return True
    if provision.role is not None and material.textile_role is provision.role:
        return not provision.role_codes or bool(match_any(provision.role_codes, code))
    if provision.kind_codes and match_any(provision.kind_codes, code):
        return match_kinds(material.product_kind, provision.material_kinds).matched
    return False


def _meets(provision: TerritorialMaterials, material: BomLine, parties: frozenset[str]) -> Tri:
    """What the BOM line states; a non-originating material from outside the Parties cannot
    have been formed (or obtained) in the territory."""
    stated = (
        material.wholly_obtained
        if provision.requirement == "wholly_obtained"
        else material.formed_and_finished
    )
    if stated is not None:
        return stated
    if provision.originating_suffices and material.counts_as_originating:
        return True
    outside = (
        not material.counts_as_originating
        and material.country_of_origin is not None
        and material.country_of_origin not in parties
    )
    return False if outside else None


def _merely(provision: TerritorialMaterials, good: Good) -> Tri:
    """Chapter 20 rule 1 reaches goods prepared 'merely' by the steps it names."""
    if not good.production_steps:
        return None
    allowed = {step_words(s) for s in provision.only_if_steps}
    return all(step_words(s) in allowed for s in good.production_steps)


def _separation(
    provision: Separation, good: Good, processes: ProcessVocabulary | None
) -> ArticleCheck:
    """GN 11(n)(iv)(H), read from the stated production steps."""
    if not good.production_steps:
        return _check(
            provision,
            Outcome.cannot_decide,
            f"{provision.id}: a change in classification that results from separating "
            "materials from a man-made mixture confers origin only after a chemical reaction; "
            "no production_steps are stated to show how the change came about",
            missing=[
                MissingDatum(
                    field="production_steps",
                    subject=f"good {good.part_number}",
                    why=f"{provision.id}: whether the change in classification results from "
                    "separation from a man-made mixture",
                )
            ],
        )
    steps = [step_words(s) for s in good.production_steps]
    separating = [s for s in steps if s in {step_words(w) for w in provision.steps}]
    # The chemical reaction is read through the process vocabulary, like any rule's process.
    reacted = process_met([provision.unless_process], good, processes)[0] is True
    if separating and not reacted:
        return _check(
            provision,
            Outcome.not_met,
            f"{provision.id}: the stated step(s) {', '.join(separating)} separate materials "
            f"from a mixture, and no {provision.unless_process} is stated",
        )
    return _check(
        provision,
        Outcome.met,
        f"{provision.id}: "
        + (
            f"{provision.unless_process} stated"
            if reacted
            else "no stated step separates materials from a man-made mixture"
        ),
    )
