"""Stage 4: the Chapter 4 conditions that can take originating status away after the
criteria are met: transit and transshipment (Art. 4.18) and non-qualifying operations
(Art. 4.19).

Not met makes the good non-originating whatever its rule says ("entirely non-originating",
SOR/2020-155 s. 10(2)); cannot decide leaves an otherwise originating good undecided; not
checked (no routing, no production steps) is reported and changes nothing.
"""

from __future__ import annotations

import re

from roo_check.engine.facts import Facts
from roo_check.engine.kinds import same_kind
from roo_check.engine.logic import Tri
from roo_check.engine.process import step_words
from roo_check.hs.codes import match_any
from roo_check.models.findings import Status
from roo_check.models.goods import Good
from roo_check.models.shipment import RoutingLeg
from roo_check.models.stages import ArticleCheck, Criterion, MissingDatum, Outcome
from roo_check.rulebook.chapter4_schema import (
    Chapter4File,
    NonQualifyingArticle,
    TransitArticle,
    TransitException,
)

_PARTS = re.compile(r",|;|/|\+|\band\b|&")


def chapter4_conditions(
    good: Good,
    facts: Facts,
    articles: Chapter4File,
    parties: frozenset[str],
    criterion: Criterion | None = None,
) -> list[ArticleCheck]:
    """``criterion``: the one the good meets, if any (dilution cannot take away an origin
    that does not rest on processing, criteria A and C)."""
    if facts.depth:
        return []  # a sub-assembly decided inside its good neither travels nor is sold alone
    return [
        check_transit(good, facts, articles.transit, parties),
        check_non_qualifying(good, articles.non_qualifying, criterion),
    ]


def apply_conditions(
    status: Status, message: str, conditions: list[ArticleCheck]
) -> tuple[Status, str]:
    """The status after the conditions: a failed one ends originating status, an open one
    leaves an originating good undecided."""
    failed = [c for c in conditions if c.outcome is Outcome.not_met]
    if failed and status is not Status.not_originating:
        why = "; ".join(c.reason for c in failed)
        return Status.not_originating, f"Not originating: {why} ({message})"
    if failed:
        return status, f"{message}; also: " + "; ".join(c.reason for c in failed)
    open_ = [c for c in conditions if c.outcome is Outcome.cannot_decide]
    if open_ and status is Status.originating:
        why = "; ".join(c.reason for c in open_)
        return Status.cannot_decide, f"Cannot decide: {why} ({message})"
    return status, message


# ------------------------------------------------------------------------- transit


def classify_operation(text: str, article: TransitArticle) -> tuple[str, str]:
    """('permitted' | 'not-permitted' | 'conditional' | 'unknown', the words matched) for one
    operation as a routing states it; each part of "unloading and relabelling" counts."""
    verdicts = [_classify_part(part, article) for part in _PARTS.split(step_words(text))]
    verdicts = [v for v in verdicts if v[1]] or [("unknown", step_words(text))]
    for kind in ("not-permitted", "unknown", "conditional"):
        hit = next((v for v in verdicts if v[0] == kind), None)
        if hit:
            return hit
    return verdicts[0]


def _classify_part(part: str, article: TransitArticle) -> tuple[str, str]:
    words = part.strip()
    if not words:
        return "unknown", ""
    candidates: list[tuple[int, int, str, str]] = []
    for kind, phrases, rank in (
        ("not-permitted", article.not_permitted, 2),
        ("conditional", article.required_by_importing_party, 1),
        ("permitted", [w for op in article.permitted for w in op.words], 0),
    ):
        for phrase in phrases:
            if re.search(rf"\b{re.escape(step_words(phrase))}\b", words):
                candidates.append((len(phrase.split()), rank, kind, phrase))
    if not candidates:
        return "unknown", words
    _, _, kind, phrase = max(candidates)
    if kind == "conditional" and any(step_words(w) in words for w in article.required_words):
        return "permitted", words
    return kind, phrase


def _leg(index: int, leg: RoutingLeg) -> str:
    return (
        f"routing[{index}] {leg.from_place} ({leg.from_country}) -> "
        f"{leg.to_place} ({leg.to_country})"
    )


def _stop_findings(
    index: int, leg: RoutingLeg, article: TransitArticle
) -> tuple[list[str], list[str], list[MissingDatum]]:
    """(what ends origin, what is open, the data that would settle it) for one stop."""
    where = f"{leg.to_place} ({leg.to_country})"
    lost: list[str] = []
    open_: list[str] = []
    missing: list[MissingDatum] = []
    if leg.under_customs_control is False:
        lost.append(f"left customs control in {where}, a non-Party (Art. 4.18(b))")
    elif leg.under_customs_control is None:
        open_.append(f"no statement that it stayed under customs control in {where}")
        missing.append(
            MissingDatum(
                field=f"routing[{index}].under_customs_control",
                subject="shipment routing",
                why=f"whether the good stayed under customs control in {where} (Art. 4.18(b))",
            )
        )
    for position, operation in enumerate(leg.operations):
        kind, _ = classify_operation(operation, article)
        if kind == "not-permitted":
            lost.append(
                f"'{operation.strip()}' in {where}, an operation Art. 4.18(a) does not allow "
                "in a non-Party"
            )
        elif kind in ("conditional", "unknown"):
            why = (
                "allowed only when required by the importing Party: say so"
                if kind == "conditional"
                else "not an operation roo-check can place under Art. 4.18(a)"
            )
            open_.append(f"'{operation.strip()}' in {where}: {why}")
            missing.append(
                MissingDatum(
                    field=f"routing[{index}].operations[{position}]",
                    subject="shipment routing",
                    why=f"whether '{operation.strip()}' is an operation Art. 4.18(a) allows",
                )
            )
    return lost, open_, missing


def _exception(good: Good, article: TransitArticle) -> tuple[TransitException | None, Tri]:
    """The chapter 85 note that exempts the good from Art. 4.18, if any (None: cannot tell)."""
    code = good.tariff_item or good.hs_code
    for exception in article.exceptions:
        if not match_any(exception.goods, code):
            continue
        if not exception.kinds:
            return exception, True
        hits = [same_kind(good.product_kind, kind) for kind in exception.kinds]
        return exception, None if None in hits else any(hits)
    return None, False


def check_transit(
    good: Good, facts: Facts, article: TransitArticle, parties: frozenset[str]
) -> ArticleCheck:
    def check(outcome: Outcome, reason: str, **more) -> ArticleCheck:
        return ArticleCheck(
            id=article.id,
            name=article.name,
            citation=article.citation,
            outcome=outcome,
            reason=reason,
            **more,
        )

    if not facts.routing:
        return check(
            Outcome.not_checked,
            "the shipment file states no routing (shipment.json routing)",
        )
    stops = [(i, leg) for i, leg in enumerate(facts.routing) if leg.to_country not in parties]
    if not stops:
        return check(Outcome.met, "routed only through the territory of the Parties")
    lost, open_, missing, evidence = [], [], [], []
    for index, leg in stops:
        leg_lost, leg_open, leg_missing = _stop_findings(index, leg, article)
        lost += leg_lost
        open_ += leg_open
        missing += leg_missing
        evidence.append(f"{facts.routing_source}: {_leg(index, leg)}")
    if not lost and not open_:
        places = ", ".join(f"{leg.to_place} ({leg.to_country})" for _, leg in stops)
        return check(
            Outcome.met,
            f"stayed under customs control in {places} with only operations Art. 4.18(a) allows",
            evidence=evidence,
        )
    exception, exempt = _exception(good, article)
    if exempt:
        assert exception is not None
        return check(
            Outcome.met,
            f"Art. 4.18 does not apply ({exception.citation}): {exception.text}; provided "
            f"the processing abroad {exception.condition}",
            evidence=evidence,
        )
    if exempt is None and exception is not None:
        missing.append(
            MissingDatum(
                field="product_kind",
                subject=f"good {good.part_number}",
                why=f"whether it is {' or '.join(exception.kinds)}, which "
                f"{exception.citation} exempts from Art. 4.18",
            )
        )
        # Lost in transit unless the exception covers it: that turns on the datum.
        open_ = [*lost, *open_, f"unless it is {' or '.join(exception.kinds)}"]
        lost = []
    if lost:
        return check(
            Outcome.not_met,
            "originating status lost in transit: " + "; ".join(lost) + f" ({article.citation})",
            evidence=evidence,
        )
    return check(
        Outcome.cannot_decide,
        "transit cannot be decided: " + "; ".join(open_),
        missing=missing,
        evidence=evidence,
    )


# -------------------------------------------------------------- non-qualifying operations


def check_non_qualifying(
    good: Good, article: NonQualifyingArticle, criterion: Criterion | None = None
) -> ArticleCheck:
    def check(outcome: Outcome, reason: str) -> ArticleCheck:
        return ArticleCheck(
            id=article.id,
            name=article.name,
            citation=article.citation,
            outcome=outcome,
            reason=reason,
            evidence=[f"production_steps: {'; '.join(good.production_steps)}"]
            if good.production_steps
            else [],
        )

    steps = [step_words(s) for s in good.production_steps if s.strip()]
    if not steps:
        return check(Outcome.not_checked, "no production steps stated")
    dilution = [s for s in steps if _mentions(s, article.dilution_words)]
    if not dilution:
        return check(Outcome.met, "no dilution among the production steps stated")
    other = [s for s in steps if s not in dilution and not _mentions(s, article.ancillary_steps)]
    if other:
        return check(
            Outcome.met,
            f"dilution ({', '.join(dilution)}) is stated with other processing "
            f"({', '.join(other)}): Art. 4.19 applies only where dilution is all there is",
        )
    if criterion in (Criterion.A, Criterion.C):
        return check(
            Outcome.met,
            f"the only processing stated is dilution ({', '.join(steps)}), but the good "
            f"originates under criterion {criterion} (its materials), not merely by reason of "
            "the dilution",
        )
    return check(
        Outcome.not_met,
        f"the only processing stated is mere dilution ({', '.join(steps)}): a good is not "
        "originating merely by reason of dilution that does not materially alter it "
        f"({article.citation})",
    )


def _mentions(step: str, phrases: list[str]) -> bool:
    return any(re.search(rf"\b{re.escape(step_words(p))}", step) for p in phrases)
