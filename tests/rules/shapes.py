"""Rule shapes: the forms a product-specific rule can take, and which of them a case exercises.

Counting cases per HS section says little about what the engine has been shown: a section can
have thirty cases that are all "a change from any other heading" and none for "except from
more than one of the following". A *shape* is one form the rule schema
(``roo_check/rulebook/schema.py``) lets a rule take, read off the rule data:

- a tariff-shift form: ``shift:chapter`` ... ``shift:tariff_item`` ("from any other ..."),
  ``shift:outside-group-heading`` / ``-subheading``, ``shift:within-good``,
  ``shift:from-heading`` ... (named sources by level), ``shift:from-goods`` (named in words),
  ``shift:none`` (no change in tariff classification required);
- an exception form: ``except:chapter`` ... ``except:tariff_item``, ``except:goods``,
  ``except:more-than-one-of``;
- a regional value content pair as the data has it: ``rvc:TV+NC``, ``rvc:NC``, ``rvc:TV``;
- a condition: ``process``, ``weight``, ``conditions`` (words the engine cannot compute),
  ``only_for``, ``not_for``, ``alt:good``, ``alt:other_goods``;
- a rule-level qualifier: ``rule:end_use``, ``rule:good``, ``rule:trade``,
  ``rule:effective_from`` (a phase that starts after entry into force), ``rule:effective_to``
  (a phase that ends).

The meta-test of ``test_rule_cases.py`` asks every shape present in the bundled rule set to
have a passing, a failing and a boundary case. Which shapes a case exercises is computed, not
declared: from its rule, and from the alternatives it met (pass) or the requirements of each
alternative that the engine decided not met (fail). A boundary case names its ``edge`` and
counts only where the edge is really reached (RVC exactly at the threshold, de minimis exactly
at the limit, a material at the edge of a named range, ...), checked here from the case data.

A second category, *provisions* (chapter, heading and subheading notes), is counted the same
way from the ``provision`` key of cases; ``provisions_needing_cases`` lists the ids that must
have cases (empty until the provision cases are written).
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from roo_check.engine.kinds import same_kind
from roo_check.engine.process import process_met, weight_met
from roo_check.hs import nomenclature
from roo_check.hs.codes import CodeRange, match_any
from roo_check.models.findings import AlternativeResult
from roo_check.models.goods import BomLine, Good
from roo_check.rulebook.index import Rulebook
from roo_check.rulebook.schema import (
    USMCA_ENTRY_INTO_FORCE,
    Alternative,
    ProductRule,
    Rvc,
    Shift,
)

KINDS = ("pass", "fail", "boundary")
"""What every shape needs a case of."""
PROVISION_KINDS = ("pass", "fail")
"""What every provision in ``provisions_needing_cases`` needs a case of."""

EDGES = {
    "rvc": "the regional value content is exactly at a threshold of the rule",
    "de_minimis": "the materials failing the shift are exactly at the de minimis limit",
    "weight": "the originating share by weight is exactly at the rule's minimum",
    "range": "a material sits at the edge of a range the rule names (first or last code, or "
    "the code just outside), or next to the good's own code at the level of the shift",
    "scope": "the good's code sits at the edge of the codes an alternative is only (or not) "
    "for, or of the rule's own scope",
    "date": "the evaluation date is a phase's first day (effective_from) or last day",
    "condition": "a quantity a condition states in words is exactly at its limit (the engine "
    "cannot compute such conditions: the case says the figures in `why`)",
}

_LEVEL_NAMES = {2: "chapter", 4: "heading", 6: "subheading", 8: "tariff_item", 10: "tariff_item"}
_SHIFT_AND_EXCEPT = ("shift:", "except:")
_APPLICABILITY = frozenset({"only_for", "not_for", "alt:good", "alt:other_goods"})
_OWN_LINE = ("rvc:", "weight", "only_for", "not_for")
"""Shapes that draw a line of their own: only a boundary on that line counts for them. Shift
and exception shapes take the range or de minimis edge; the phase shapes the date edge; every
other shape (process, conditions, kinds of goods, rule qualifiers, no shift) draws no line the
engine computes and takes a boundary at any edge of an alternative (or rule) that has it."""


def _level(ranges: Iterable[CodeRange]) -> set[str]:
    return {_LEVEL_NAMES[r.digits] for r in ranges}


# --------------------------------------------------------------------------- shapes in data


def shift_shapes(shift: Shift | None) -> frozenset[str]:
    """The tariff-shift and exception forms of one alternative's shift."""
    if shift is None:
        return frozenset({"shift:none"})
    found: set[str] = set()
    if shift.from_any_other is not None:
        group = "outside-group-" if shift.outside_group else ""
        found.add(f"shift:{group}{shift.from_any_other.value}")
    if shift.within_good:
        found.add("shift:within-good")
    found |= {f"shift:from-{level}" for level in _level(shift.from_)}
    if shift.from_goods:
        found.add("shift:from-goods")
    found |= {f"except:{level}" for level in _level(shift.except_)}
    if shift.except_goods:
        found.add("except:goods")
    if shift.except_more_than_one_of is not None:
        found.add("except:more-than-one-of")
    return frozenset(found)


def rvc_shape(rvc: Rvc) -> str:
    methods = [
        name
        for name, value in (("TV", rvc.transaction_value), ("NC", rvc.net_cost))
        if value is not None
    ]
    return "rvc:" + "+".join(methods)


def condition_shapes(alt: Alternative) -> frozenset[str]:
    present = {
        "process": bool(alt.process),
        "weight": alt.weight_requirement is not None,
        "conditions": bool(alt.conditions),
        "only_for": bool(alt.only_for),
        "not_for": bool(alt.not_for),
        "alt:good": alt.good is not None,
        "alt:other_goods": alt.other_goods,
    }
    return frozenset(name for name, there in present.items() if there)


def alternative_shapes(alt: Alternative) -> frozenset[str]:
    rvc = {rvc_shape(alt.rvc)} if alt.rvc is not None else set()
    return shift_shapes(alt.shift) | rvc | condition_shapes(alt)


def rule_shapes(rule: ProductRule) -> frozenset[str]:
    present = {
        "rule:end_use": rule.end_use is not None,
        "rule:good": rule.good is not None,
        "rule:trade": rule.trade is not None,
        "rule:effective_from": rule.effective_from != USMCA_ENTRY_INTO_FORCE,
        "rule:effective_to": rule.effective_to is not None,
    }
    return frozenset(name for name, there in present.items() if there)


def general_alternatives(rulebook: Rulebook) -> dict[str, Alternative]:
    """The GN 11(n) general rules' alternatives under the labels the engine gives them in a
    determination (``engine/general.py``: the rule id, plus the letter if it has several)."""
    found: dict[str, Alternative] = {}
    for psr_file in rulebook.files:
        for general in psr_file.general_rules:
            for alt in general.alternatives:
                single = len(general.alternatives) == 1
                found[general.id if single else f"{general.id} {alt.label}"] = alt
    return found


def shapes_present(rulebook: Rulebook) -> Counter[str]:
    """Every shape in the rule set, with how many rules (rule-level shapes) or alternatives
    (the others) have it; the general rules' alternatives count too."""
    counts: Counter[str] = Counter()
    for rule in rulebook.rules:
        counts.update(rule_shapes(rule))
        for alt in rule.alternatives:
            counts.update(alternative_shapes(alt))
    for alt in general_alternatives(rulebook).values():
        counts.update(alternative_shapes(alt))
    return counts


# --------------------------------------------------------------------------- what a case does


@dataclass(frozen=True)
class Evaluated:
    """One block of a case as the shape count sees it: what was asked and what came out."""

    rule: ProductRule
    good: Good
    bom: Sequence[BomLine]
    on: dt.date
    met: bool | None
    """Whether the rule was met; None when the engine's answer is not to be trusted (the case
    is marked xfail: the engine disagrees with the law)."""
    results: Sequence[AlternativeResult]
    about: tuple[str, ...] = ()
    """Labels of the alternatives the case names; empty: all of the rule's."""
    edge: str | None = None


def _alternatives(ev: Evaluated, general: Mapping[str, Alternative]) -> dict[str, Alternative]:
    own = {a.label: a for a in ev.rule.alternatives}
    every = {**general, **own}
    if ev.about:
        return {label: every[label] for label in ev.about if label in every}
    return own


def _non_originating(bom: Sequence[BomLine]) -> list[BomLine]:
    return [m for m in bom if m.incorporated and not m.counts_as_originating]


def _exercised_when_met(alt: Alternative, ev: Evaluated) -> frozenset[str]:
    """A met alternative exercised all it has, but its shift only if some material had to
    undergo it."""
    shapes = alternative_shapes(alt)
    if not _non_originating(ev.bom):
        shapes = frozenset(s for s in shapes if not s.startswith(_SHIFT_AND_EXCEPT))
    return shapes


def _failing_materials(result: AlternativeResult, bom: Sequence[BomLine]) -> list[BomLine]:
    checks = result.shift.materials if result.shift else []
    failing = {c.part_number for c in checks if c.passes is False}
    return [m for m in bom if m.part_number in failing]


def _exceptions_hit(shift: Shift, failing: Sequence[BomLine]) -> set[str]:
    """The exception forms that caught a failing material."""
    found = {
        f"except:{_LEVEL_NAMES[r.digits]}"
        for r in shift.except_
        for m in failing
        if r.match(m.hs_code) is True
    }
    if any(same_kind(m.product_kind, ref.kind) for ref in shift.except_goods for m in failing):
        found.add("except:goods")
    rule = shift.except_more_than_one_of
    if rule is not None:
        groups = [g for g in rule.groups if any(match_any(g, m.hs_code) for m in failing)]
        if len(groups) > 1:
            found.add("except:more-than-one-of")
    return found


def _shift_failed(alt: Alternative, result: AlternativeResult, ev: Evaluated) -> set[str]:
    if alt.shift is None or result.shift is None or result.shift.passed is not False:
        return set()
    if result.de_minimis is not None and result.de_minimis.passed:
        return set()
    forms = {s for s in shift_shapes(alt.shift) if s.startswith("shift:")}
    return forms | _exceptions_hit(alt.shift, _failing_materials(result, ev.bom))


def _stated_failed(alt: Alternative, ev: Evaluated) -> set[str]:
    """Process and by-weight requirements decided not met from what the case states."""
    found = set()
    if alt.process and process_met(alt.process, ev.good)[0] is False:
        found.add("process")
    weight = alt.weight_requirement
    if weight is not None and weight_met(weight, list(ev.bom))[0] is False:
        found.add("weight")
    return found


def _exercised_when_failed(
    alt: Alternative, result: AlternativeResult, ev: Evaluated
) -> frozenset[str]:
    """The requirements of a failed alternative that the engine decided not met."""
    found = _shift_failed(alt, result, ev) | _stated_failed(alt, ev)
    if result.applicable is False:
        found |= condition_shapes(alt) & _APPLICABILITY
    if alt.rvc is not None and result.rvc and all(r.passed is False for r in result.rvc):
        found.add(rvc_shape(alt.rvc))
    if alt.shift is None:
        found.add("shift:none")  # "no change required" failed on what it requires instead
    return frozenset(found)


def exercised(ev: Evaluated, general: Mapping[str, Alternative]) -> dict[str, frozenset[str]]:
    """The shapes a block exercises, per alternative label ('' for the rule's own shapes)."""
    alts = _alternatives(ev, general)
    found: dict[str, frozenset[str]] = {"": rule_shapes(ev.rule)}
    if ev.met is None:
        for label, alt in alts.items():
            found[label] = _exercised_when_met(alt, ev)
        return found
    by_label = {r.label: r for r in ev.results}
    for label, alt in alts.items():
        result = by_label.get(label)
        if result is None:
            continue
        if ev.met and result.passed:
            found[label] = _exercised_when_met(alt, ev)
        elif not ev.met and result.passed is False:
            found[label] = _exercised_when_failed(alt, result, ev)
    return found


# --------------------------------------------------------------------------- boundaries


def _neighbours(code: str) -> set[str]:
    """The codes just before and after ``code`` at its level in HS2022 (tariff items: none;
    see ``_at_range_edge``)."""
    table = {
        2: nomenclature.chapters(),
        4: nomenclature.headings(),
        6: nomenclature.subheadings(),
    }.get(len(code))
    if not table:
        return set()
    at = bisect.bisect_left(table, code)
    before = table[at - 1] if at > 0 else None
    after_at = at + 1 if at < len(table) and table[at] == code else at
    after = table[after_at] if after_at < len(table) else None
    return {c for c in (before, after) if c}


def at_range_edge(rng: CodeRange, code: str) -> bool:
    """The code just outside the range at the range's level (for tariff items, any other item
    of the same subheading outside the range), or the first or last code of a range of
    several codes."""
    width = rng.digits
    if len(code) < width:
        return False
    own = code[:width]
    if rng.match(own):
        # Inside: at the edge only as the first or last code of a range of several codes (a
        # material of a single excepted code is the plain case, not its boundary).
        return rng.start != rng.end and own in (rng.start, rng.end)
    if width >= 8:
        return own[:6] in (rng.start[:6], rng.end[:6])
    return own in _neighbours(rng.start) | _neighbours(rng.end)


def _named_ranges(shift: Shift) -> Iterator[tuple[str, CodeRange]]:
    """Each range the shift names, with the shape it belongs to."""
    for rng in shift.except_:
        yield f"except:{_LEVEL_NAMES[rng.digits]}", rng
    for rng in shift.from_:
        yield f"shift:from-{_LEVEL_NAMES[rng.digits]}", rng
    for ref in shift.from_goods:
        yield from (("shift:from-goods", rng) for rng in ref.codes)
    for ref in shift.except_goods:
        yield from (("except:goods", rng) for rng in ref.codes)
    groups = shift.except_more_than_one_of.groups if shift.except_more_than_one_of else []
    for group in groups:
        for rng in group:
            yield "except:more-than-one-of", rng


def _range_edges(shift: Shift, rule: ProductRule, good: Good, code: str) -> set[str]:
    """The shift shapes whose ranges a material of ``code`` sits at the edge of."""
    found = {shape for shape, rng in _named_ranges(shift) if at_range_edge(rng, code)}
    return found | _own_code_edges(shift, rule, good, code)


def _own_code_edges(shift: Shift, rule: ProductRule, good: Good, code: str) -> set[str]:
    """'From any other <level>': the edge is the code next to the good's own at that level
    (outside a group: next to the group's first or last code, or those codes themselves);
    'any other good within that subheading': a material of the good's own subheading."""
    found = set()
    if shift.within_good and code[:6] == good.hs_code:
        found.add("shift:within-good")
    level = shift.from_any_other
    if level is None:
        return found
    width = level.digits
    if shift.outside_group:
        if any(at_range_edge(r, code) for r in rule.scope if r.digits == width):
            found.add(f"shift:outside-group-{level.value}")
        return found
    own = (good.tariff_item or good.hs_code)[:width]
    if len(own) == width and at_range_edge(CodeRange(own, own), code):
        found.add(f"shift:{level.value}")
    return found


def _rvc_at_threshold(rvc: Rvc, good: Good, bom: Sequence[BomLine]) -> bool:
    vnm = sum((m.value for m in _non_originating(bom)), Decimal(0))
    pairs = ((good.transaction_value, rvc.transaction_value), (good.net_cost, rvc.net_cost))
    return any(
        base and threshold is not None and (base - vnm) * 100 / base == threshold
        for base, threshold in pairs
    )


def _de_minimis_at_limit(result: AlternativeResult | None) -> bool:
    dm = result.de_minimis if result else None
    return dm is not None and dm.share is not None and dm.share == dm.max_percent


def _weight_at_limit(alt: Alternative, bom: Sequence[BomLine]) -> bool:
    req = alt.weight_requirement
    if req is None:
        return False
    materials = [m for m in bom if m.incorporated and match_any(req.materials, m.hs_code)]
    if not materials or any(m.weight_kg is None for m in materials):
        return False
    total = sum((m.weight_kg or Decimal(0) for m in materials), Decimal(0))
    mine = sum(
        (m.weight_kg or Decimal(0) for m in materials if m.counts_as_originating), Decimal(0)
    )
    return total > 0 and mine * 100 / total == req.min_originating_percent


def _scope_edges(alt: Alternative, rule: ProductRule, good: Good) -> set[str]:
    code = good.tariff_item or good.hs_code
    found = {"only_for" for r in alt.only_for if at_range_edge(r, code)}
    found |= {"not_for" for r in alt.not_for if at_range_edge(r, code)}
    if any(at_range_edge(r, code) for r in rule.scope):
        found.add("scope")
    return found


def _edge_hits(alt: Alternative, result: AlternativeResult | None, ev: Evaluated) -> set[str]:
    """The shapes of one alternative at whose line the block's edge is reached ('scope' and
    'condition' stand for an edge reached that belongs to no shape of its own)."""
    edge = ev.edge
    if edge == "rvc":
        hit = alt.rvc is not None and _rvc_at_threshold(alt.rvc, ev.good, ev.bom)
        return {rvc_shape(alt.rvc)} if hit and alt.rvc else set()
    if edge == "de_minimis" and alt.shift is not None and result is not None:
        if not _de_minimis_at_limit(result):
            return set()
        forms = {s for s in shift_shapes(alt.shift) if s.startswith("shift:")}
        return forms | _exceptions_hit(alt.shift, _failing_materials(result, ev.bom))
    if edge == "weight":
        return {"weight"} if _weight_at_limit(alt, ev.bom) else set()
    if edge == "range" and alt.shift is not None:
        return {
            s
            for m in _non_originating(ev.bom)
            for s in _range_edges(alt.shift, ev.rule, ev.good, m.hs_code)
        }
    if edge == "scope":
        return _scope_edges(alt, ev.rule, ev.good)
    if edge == "condition" and alt.conditions:
        return {"condition"}
    return set()


def _date_edges(ev: Evaluated) -> set[str]:
    rule = ev.rule
    found = set()
    if ev.on == rule.effective_from:
        found.add("rule:effective_from" if rule.effective_from != USMCA_ENTRY_INTO_FORCE else "")
    if rule.effective_to is not None and ev.on == rule.effective_to - dt.timedelta(days=1):
        found.add("rule:effective_to")
    return found - {""}


def _draws_own_line(shape: str) -> bool:
    if shape == "shift:none":
        return False
    own = (*_SHIFT_AND_EXCEPT, *_OWN_LINE, "rule:effective")
    return shape.startswith(own)


def _any_edge(shapes: Iterable[str]) -> set[str]:
    """Shapes that draw no line of their own (see ``_OWN_LINE``)."""
    return {s for s in shapes if not _draws_own_line(s)}


def boundary_shapes(
    ev: Evaluated, shapes: Mapping[str, frozenset[str]], general: Mapping[str, Alternative]
) -> frozenset[str]:
    """The shapes a boundary block counts for: those whose own line its edge reaches, and,
    when it reaches any edge, the exercised shapes that draw no line of their own. Empty means
    the block is not at its edge."""
    alts = {**general, **{a.label: a for a in ev.rule.alternatives}}
    by_label = {r.label: r for r in ev.results}
    rule_level = _date_edges(ev) if ev.edge == "date" else set()
    hits: set[str] = set(rule_level)
    reached = bool(rule_level)
    for label, exercised_here in shapes.items():
        if not label:
            continue
        alt_hits = _edge_hits(alts[label], by_label.get(label), ev)
        if alt_hits:
            reached = True
            hits |= alt_hits & exercised_here
            hits |= _any_edge(exercised_here)
    if not reached:
        return frozenset()
    return frozenset(hits | _any_edge(shapes.get("", frozenset())))


# --------------------------------------------------------------------------- coverage


@dataclass
class Coverage:
    """Blocks of each kind per shape (or per provision id), and how many of them are marked
    xfail (coverage that rests on a case the engine does not pass yet)."""

    counts: dict[str, Counter[str]]

    @classmethod
    def of(cls, blocks: Iterable[tuple[str, Iterable[str], bool]]) -> Coverage:
        """``blocks``: (kind, the names the block counts for, whether it is marked xfail)."""
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        for kind, names, xfail in blocks:
            for name in set(names):
                counts[name][kind] += 1
                counts[name]["xfail"] += xfail
        return cls(dict(counts))

    def gaps(self, wanted: Iterable[str], kinds: Sequence[str] = KINDS) -> dict[str, list[str]]:
        """For each wanted name, the kinds of case it still lacks."""
        found = {}
        for name in sorted(wanted):
            lacking = [k for k in kinds if not self.counts.get(name, Counter())[k]]
            if lacking:
                found[name] = lacking
        return found

    def table(self, present: Mapping[str, int], kinds: Sequence[str] = KINDS) -> str:
        """One line per name: how often the rule set has it, the cases of each kind and how
        many of those are xfail."""
        columns = (*kinds, "xfail")
        width = max((len(n) for n in present), default=10)
        head = f"{'shape':<{width}}  {'in data':>7}  " + "  ".join(f"{k:>8}" for k in columns)
        rows = [head]
        for name in sorted(present):
            got = self.counts.get(name, Counter())
            cells = "  ".join(f"{got[k]:>8}" for k in columns)
            rows.append(f"{name:<{width}}  {present[name]:>7}  {cells}")
        return "\n".join(rows)


# Effects the engine applies itself; the others are applied by other rules (whose cases cover
# them), define words the input states, or route to the automotive appendix (tested in
# tests/features/automotive.feature). Units (8471.49) have no rule to name: see the no_rule
# entries of section-16 and tests/features/provisions.feature.
ENGINE_EFFECTS = frozenset(
    {
        "classifying_component",
        "territorial_materials",
        "de_minimis",
        "disregard",
        "rvc_not_for_use_in",
        "separation",
    }
)
# Provisions carried by general rules of the PSR files: each needs cases of its own too.
GENERAL_RULE_PROVISIONS = frozenset({"CN-27-1", "GN11-n-iv", "GN11-n-v"})


def provisions_needing_cases(rulebook: Rulebook) -> frozenset[str]:
    """Provision ids (chapter, heading and subheading notes, e.g. CN-61-1) that must have cases
    of each of ``PROVISION_KINDS``: every provision the engine applies itself."""
    return frozenset(
        p.id
        for p in rulebook.provisions.entries
        if p.effect in ENGINE_EFFECTS or p.id in GENERAL_RULE_PROVISIONS
    )


def known_provisions(rulebook: Rulebook) -> frozenset[str]:
    """Provision ids a case may name: the rule set's chapter notes and general rules."""
    notes = {n.id for f in rulebook.files for n in f.chapter_notes}
    notes |= {p.id for p in rulebook.provisions.entries}
    general = {g.id for f in rulebook.files for g in f.general_rules}
    return frozenset(notes | general | provisions_needing_cases(rulebook))


def iter_names(value: object) -> Iterator[str]:
    """A case key that takes one name or a list of names."""
    if value is None:
        return
    if isinstance(value, str):
        yield value
        return
    assert isinstance(value, list), f"a name or a list of names, not {value!r}"
    yield from (str(v) for v in value)
