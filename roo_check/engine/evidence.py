"""Each ``originating`` claim of a BOM checked against the suppliers' declarations.

A claim is supported when the declaration its BOM line names in ``evidence`` is in the
register, covers that material (by part number or HS code) and that supplier, is in force
on the good's production date, and certifies the material originating consistently with the
BOM line. USMCA Art. 5.2 sets what a certification is (one shipment, or a blanket period of
at most 12 months, valid four years after it was completed) and Art. 5.8 and 19 CFR 182.15
the records that must back a claim. The result feeds the risk flags of
``rules/risk/evidence.yaml`` and, with ``--strict-evidence``, the good's determination:
every claim not supported is set aside and the good decided again.

Not claims: indirect materials (originating wherever produced, Art. 4.9) and self-produced
intermediate materials (decided here under their own rule, Art. 4.8).
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable, Collection, Sequence
from decimal import Decimal

from roo_check.engine.flags.certificate import latest_blanket_end, months_later
from roo_check.engine.flags.names import DEFAULT_MIN_SIMILARITY, normalise_name, similarity
from roo_check.hs.codes import dotted
from roo_check.models.common import USMCA_PARTIES
from roo_check.models.declarations import (
    BLANKET_MONTHS,
    VALID_YEARS,
    ClaimCheck,
    ClaimIssue,
    ClaimProblem,
    ClaimStatus,
    Declaration,
    DeclarationScope,
    Register,
    declaration_key,
)
from roo_check.models.findings import Determination
from roo_check.models.goods import BomLine, Good, MaterialType, OriginStatus


def is_claim(line: BomLine) -> bool:
    """Whether the line claims an originating status that a supplier's declaration backs."""
    return (
        line.origin_status is OriginStatus.originating
        and line.material_type is not MaterialType.indirect
        and not line.intermediate
    )


def set_aside_claims(lines: Sequence[BomLine], part_numbers: Collection[str]) -> list[BomLine]:
    """The lines with the originating claims of ``part_numbers`` set aside (non-originating)."""
    return [
        line.model_copy(update={"origin_status": OriginStatus.non_originating})
        if line.part_number in part_numbers and is_claim(line)
        else line
        for line in lines
    ]


def claim_date(good: Good, on: dt.date) -> tuple[dt.date, str]:
    """The date a declaration must be in force on: the good's production date, else the
    date its rules were chosen by."""
    if good.production_date is not None:
        return good.production_date, "good production_date"
    return on, "evaluation date (the good gives no production_date)"


def check_claims(
    good: Good, materials: Sequence[BomLine], register: Register | None, on: dt.date
) -> list[ClaimCheck]:
    """Every originating claim of ``materials``, in BOM order."""
    date, source = claim_date(good, on)
    return [check_claim(line, register, date, source) for line in materials if is_claim(line)]


def check_claim(
    line: BomLine, register: Register | None, date: dt.date, date_source: str
) -> ClaimCheck:
    base = {
        "part_number": line.part_number,
        "row": line.row,
        "supplier": line.supplier,
        "evidence": line.evidence,
        "date": date,
        "date_source": date_source,
    }
    if not line.evidence:
        issue = ClaimIssue(
            problem=ClaimProblem.no_evidence,
            message="claimed originating with no evidence: name the supplier's declaration",
        )
        return ClaimCheck(**base, status=ClaimStatus.unsupported, issues=[issue])
    if register is None:
        return ClaimCheck(**base, status=ClaimStatus.unverified)
    named = register.named(line.evidence)
    if not named:
        issue = ClaimIssue(problem=ClaimProblem.not_found, message=_not_found(line, register))
        return ClaimCheck(**base, status=ClaimStatus.unsupported, issues=[issue])
    covering = register.covering(line.evidence, line.part_number, line.hs_code)
    if not covering:
        issue = ClaimIssue(problem=ClaimProblem.not_covered, message=_not_covered(line, named))
        return ClaimCheck(**base, status=ClaimStatus.unsupported, issues=[issue])
    declaration, issues = min(
        ((d, declaration_issues(d, line, date)) for d in covering), key=lambda pair: len(pair[1])
    )
    status = ClaimStatus.unsupported if issues else ClaimStatus.supported
    return ClaimCheck(**base, declaration=declaration.where, status=status, issues=issues)


def declaration_issues(declaration: Declaration, line: BomLine, date: dt.date) -> list[ClaimIssue]:
    issues = []
    supplier = _supplier_issue(declaration, line)
    if supplier:
        issues.append(ClaimIssue(problem=ClaimProblem.other_supplier, message=supplier))
    in_force = _in_force_issue(declaration, date)
    if in_force:
        issues.append(ClaimIssue(problem=ClaimProblem.not_in_force, message=in_force))
    inconsistent = _consistency_issue(declaration, line)
    if inconsistent:
        issues.append(ClaimIssue(problem=ClaimProblem.inconsistent, message=inconsistent))
    return issues


def _supplier_issue(declaration: Declaration, line: BomLine) -> str | None:
    if not line.supplier:
        return (
            f"the BOM line names no supplier, so declaration {declaration.declaration_id} "
            f"(from {declaration.supplier}) cannot be tied to it"
        )
    score = similarity(normalise_name(line.supplier), normalise_name(declaration.supplier))
    if score >= DEFAULT_MIN_SIMILARITY:
        return None
    return (
        f"declaration {declaration.declaration_id} is from {declaration.supplier}, not from "
        f"the BOM line's supplier {line.supplier} (name similarity {_percent(score)}, "
        f"{_percent(DEFAULT_MIN_SIMILARITY)} needed)"
    )


def lapses_on(declaration: Declaration) -> dt.date:
    """The day its four years of validity end (USMCA Art. 5.2), whatever its period."""
    return months_later(declaration.signed_on, 12 * VALID_YEARS)


def _in_force_issue(declaration: Declaration, date: dt.date) -> str | None:
    name = declaration.declaration_id
    expiry = lapses_on(declaration)
    if date > expiry:
        return (
            f"declaration {name} was signed {declaration.signed_on}; a certification is valid "
            f"for {VALID_YEARS} years, to {expiry}, before the date {date}"
        )
    if declaration.scope is DeclarationScope.single_shipment:
        return None
    start, end = declaration.period_start, declaration.period_end
    assert start is not None and end is not None  # the model requires both for a blanket
    longest = latest_blanket_end(start, BLANKET_MONTHS)
    if end > longest:
        return (
            f"declaration {name}'s blanket period {start} to {end} is longer than the "
            f"{BLANKET_MONTHS} months a certification may cover (to {longest})"
        )
    if not start <= date <= end:
        when = "expired" if date > end else "not yet in force"
        return f"declaration {name} covers {start} to {end}: {when} on {date}"
    return None


def _consistency_issue(declaration: Declaration, line: BomLine) -> str | None:
    name = declaration.declaration_id
    if declaration.origin_status is not OriginStatus.originating:
        return f"declaration {name} certifies the material {declaration.origin_status.value}"
    country = line.country_of_origin
    if country and country not in USMCA_PARTIES:
        return (
            f"the BOM gives country of origin {country}, outside the USMCA; an originating "
            f"material is produced in the territory of a Party (criterion "
            f"{declaration.criterion} claimed)"
        )
    if declaration.criterion == "A" and line.wholly_obtained is False:
        return (
            f"declaration {name} claims criterion A (wholly obtained or produced) but the BOM "
            "line says the material is not wholly obtained"
        )
    return None


SUGGEST_AMONG = 5_000
"""The most ids a "did you mean" compares an unknown id with: beyond, the comparison (a
string match against each id) would cost more than the whole check of a claim."""


def _not_found(line: BomLine, register: Register) -> str:
    ids = register.ids
    close = []
    if len(ids) <= SUGGEST_AMONG:
        wanted = declaration_key(line.evidence or "")
        close = difflib.get_close_matches(wanted, list(ids), n=1, cutoff=0.8)
    hint = f" (did you mean {ids[close[0]]!r}?)" if close else ""
    return f"declaration {line.evidence!r} is not in the register{hint}"


def _not_covered(line: BomLine, named: list[Declaration]) -> str:
    first = named[0]
    listed = [*first.part_numbers, *(dotted(code) for code in first.hs_codes)]
    shown = ", ".join(listed[:6]) + (f" and {len(listed) - 6} more" if len(listed) > 6 else "")
    return (
        f"declaration {first.declaration_id} covers {shown}, not {line.part_number} "
        f"({dotted(line.hs_code)})"
    )


def _percent(ratio: Decimal) -> str:
    return f"{(ratio * 100).quantize(Decimal(1))}%"


def backed_by(claims: Sequence[ClaimCheck]) -> dict[str, set[str]]:
    """The materials each declaration backs (by its id, case and spaces ignored): the claims
    that name it and that it covers, whether or not they pass its other checks."""
    groups: dict[str, set[str]] = {}
    for claim in claims:
        if claim.declaration is not None and claim.evidence:
            groups.setdefault(declaration_key(claim.evidence), set()).add(claim.part_number)
    return groups


def without_each(
    materials: Sequence[BomLine],
    claims: Sequence[ClaimCheck],
    decide: Callable[[list[BomLine]], Determination],
) -> dict[str, Determination]:
    """For each declaration behind the good's claims: the good decided again with the
    materials it backs non-originating (what the good would be if it lapsed)."""
    return {
        key: decide(set_aside_claims(materials, parts))
        for key, parts in sorted(backed_by(claims).items())
    }
