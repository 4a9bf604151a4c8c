"""Each originating claim of a BOM checked against the register (engine/evidence.py).

Hand-built BOM lines and declarations, one outcome per test: no evidence, a declaration not
in the register (with its "did you mean"), one that does not cover the material, one from
another supplier, one not in force (expired, not yet, a blanket longer than 12 months, older
than four years), one inconsistent with the BOM line, a supported claim, and an unverified
one when no register is given. A property test pins the dates: within a blanket period of
at most 12 months, a claim is not in force exactly when its date falls outside the period
or more than four years after the declaration was signed (USMCA Art. 5.2).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import signal
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roo_check.engine.evidence import check_claim, check_claims, claim_date, is_claim
from roo_check.models.declarations import (
    ClaimCheck,
    ClaimProblem,
    ClaimStatus,
    Declaration,
    Register,
)
from roo_check.models.goods import BomLine
from tests.unit.builders import good, line

DATE = dt.date(2026, 6, 15)
SOURCE = "good production_date"
SUPPLIER = "Fundiciones de Jalisco SA de CV"


def declaration(**fields: Any) -> Declaration:
    data: dict[str, Any] = {
        "declaration_id": "DECL-2026-014",
        "supplier": SUPPLIER,
        "part_numbers": ["BASE-5S"],
        "origin_status": "originating",
        "criterion": "B",
        "scope": "blanket",
        "period_start": "2026-01-01",
        "period_end": "2026-12-31",
        "signed_on": "2025-12-10",
        "certifier": "Luis Herrera, export manager",
        "source": "declarations.csv",
        "location": "row 2",
    }
    data.update(fields)
    return Declaration.model_validate(data)


def claim(part: str = "BASE-5S", hs: str = "9401.99", **fields: Any) -> BomLine:
    data: dict[str, Any] = {"evidence": "DECL-2026-014", "supplier": SUPPLIER, "row": 7}
    data.update(fields)
    return line(part, hs, "60.00", "originating", data.pop("country", "MX"), **data)


def register(*declarations: Declaration) -> Register:
    return Register.of(list(declarations), [("declarations.csv", "0" * 64)])


def check(
    bom_line: BomLine, *declarations: Declaration, on: dt.date = DATE, given_register: bool = True
) -> ClaimCheck:
    found = register(*declarations) if given_register else None
    return check_claim(bom_line, found, on, SOURCE)


def problems(result: ClaimCheck) -> list[ClaimProblem]:
    return [issue.problem for issue in result.issues]


def only_issue(result: ClaimCheck, problem: ClaimProblem) -> str:
    assert result.status is ClaimStatus.unsupported
    assert problems(result) == [problem], result.issues
    return result.issues[0].message


# ------------------------------------------------------------------------------- supported


def test_a_claim_the_register_backs_is_supported() -> None:
    result = check(claim(), declaration())
    assert result.status is ClaimStatus.supported
    assert result.issues == []
    assert result.declaration == "declarations.csv:row 2"
    assert (result.part_number, result.row, result.supplier, result.evidence) == (
        "BASE-5S",
        7,
        SUPPLIER,
        "DECL-2026-014",
    )
    assert (result.date, result.date_source) == (DATE, SOURCE)


def test_evidence_is_matched_with_case_and_spaces_ignored() -> None:
    result = check(claim(evidence=" decl-2026-014 "), declaration())
    assert result.status is ClaimStatus.supported


def test_a_part_number_is_matched_with_case_and_spaces_ignored() -> None:
    result = check(claim(), declaration(part_numbers=["x-1", " base-5s "]))
    assert result.status is ClaimStatus.supported


@pytest.mark.parametrize("prefix", ["94", "9401", "9401.99", "9401.99.01"])
def test_a_material_is_covered_by_an_hs_code_its_own_starts_with(prefix: str) -> None:
    bom_line = claim(hs="9401.99.01")
    assert declaration(part_numbers=[], hs_codes=[prefix]).covers(
        bom_line.part_number, bom_line.hs_code
    )
    result = check(bom_line, declaration(part_numbers=[], hs_codes=[prefix]))
    assert result.status is ClaimStatus.supported


def test_a_supplier_written_differently_is_the_same_supplier() -> None:
    result = check(claim(supplier="FUNDICIONES DE JALISCO, S.A. de C.V."), declaration())
    assert result.status is ClaimStatus.supported


@pytest.mark.parametrize("day", ["2026-01-01", "2026-12-31"])
def test_the_first_and_last_days_of_the_period_are_in_force(day: str) -> None:
    result = check(claim(), declaration(), on=dt.date.fromisoformat(day))
    assert result.status is ClaimStatus.supported


def test_a_single_shipment_declaration_is_in_force_for_four_years() -> None:
    single = declaration(
        scope="single_shipment", period_start=None, period_end=None, signed_on="2022-06-15"
    )
    assert check(claim(), single, on=dt.date(2026, 6, 15)).status is ClaimStatus.supported
    late = check(claim(), single, on=dt.date(2026, 6, 16))
    assert "valid for 4 years, to 2026-06-15" in only_issue(late, ClaimProblem.not_in_force)


def test_of_several_rows_of_one_id_the_one_without_issues_is_taken() -> None:
    expired = declaration(period_start="2025-01-01", period_end="2025-12-31", location="row 2")
    other_part = declaration(part_numbers=["OTHER"], location="row 3")
    in_force = declaration(location="row 4")
    result = check(claim(), expired, other_part, in_force)
    assert result.status is ClaimStatus.supported
    assert result.declaration == "declarations.csv:row 4"


def test_of_several_covering_rows_the_one_with_fewest_issues_is_reported() -> None:
    expired_elsewhere = declaration(
        supplier="Zeta Industries", period_start="2025-01-01", period_end="2025-12-31"
    )
    expired = declaration(period_start="2025-01-01", period_end="2025-12-31", location="row 3")
    result = check(claim(), expired_elsewhere, expired)
    assert result.declaration == "declarations.csv:row 3"
    only_issue(result, ClaimProblem.not_in_force)


# ------------------------------------------------------------------ no evidence, no register


@pytest.mark.parametrize("evidence", [None, "", "   "])
def test_a_claim_naming_no_evidence(evidence: str | None) -> None:
    result = check(claim(evidence=evidence), declaration())
    message = only_issue(result, ClaimProblem.no_evidence)
    assert "no evidence" in message
    assert result.declaration is None


def test_no_evidence_is_reported_even_without_a_register() -> None:
    result = check(claim(evidence=None), given_register=False)
    only_issue(result, ClaimProblem.no_evidence)


def test_without_a_register_a_named_declaration_is_unverified() -> None:
    result = check(claim(), given_register=False)
    assert result.status is ClaimStatus.unverified
    assert (result.issues, result.declaration) == ([], None)


# --------------------------------------------------------------------------------- not found


def test_a_declaration_not_in_the_register() -> None:
    result = check(claim(evidence="CERT-999"), declaration())
    message = only_issue(result, ClaimProblem.not_found)
    assert message == "declaration 'CERT-999' is not in the register"
    assert result.declaration is None


def test_a_near_miss_gets_a_did_you_mean() -> None:
    others = [declaration(declaration_id=f"CERT-{n}", part_numbers=["X"]) for n in (1, 2)]
    result = check(claim(evidence="DECL-2026-041"), declaration(), *others)
    message = only_issue(result, ClaimProblem.not_found)
    assert message.endswith("(did you mean 'DECL-2026-014'?)")


def test_an_empty_register_finds_nothing() -> None:
    only_issue(check(claim()), ClaimProblem.not_found)


def test_a_lower_case_near_miss_gets_a_did_you_mean() -> None:
    result = check(claim(evidence="decl-2026-041"), declaration())
    assert "did you mean 'DECL-2026-014'" in only_issue(result, ClaimProblem.not_found)


# ------------------------------------------------------------------------------ not covered


def test_a_declaration_that_does_not_cover_the_material() -> None:
    named = declaration(part_numbers=["BASE-5N"], hs_codes=["3921.13"])
    result = check(claim(), named)
    message = only_issue(result, ClaimProblem.not_covered)
    assert message == "declaration DECL-2026-014 covers BASE-5N, 3921.13, not BASE-5S (9401.99)"
    assert result.declaration is None


def test_an_hs_code_is_a_prefix_not_a_substring() -> None:
    named = declaration(part_numbers=[], hs_codes=["0199"])
    only_issue(check(claim(), named), ClaimProblem.not_covered)


def test_a_long_coverage_list_is_cut_short() -> None:
    named = declaration(part_numbers=[f"P-{n}" for n in range(10)])
    message = only_issue(check(claim(), named), ClaimProblem.not_covered)
    assert "P-0, P-1, P-2, P-3, P-4, P-5 and 4 more, not BASE-5S" in message


# --------------------------------------------------------------------------- other supplier


def test_a_declaration_from_another_supplier() -> None:
    result = check(claim(), declaration(supplier="Herrajes Industriales de Monterrey SA"))
    message = only_issue(result, ClaimProblem.other_supplier)
    assert "is from Herrajes Industriales de Monterrey SA, not from" in message
    assert "85% needed" in message
    assert result.declaration == "declarations.csv:row 2"


def test_a_bom_line_naming_no_supplier_cannot_be_tied_to_the_declaration() -> None:
    result = check(claim(supplier=None), declaration())
    message = only_issue(result, ClaimProblem.other_supplier)
    assert "names no supplier" in message


# ------------------------------------------------------------------------------ not in force


def test_an_expired_blanket_declaration() -> None:
    expired = declaration(period_start="2025-01-01", period_end="2025-12-31")
    message = only_issue(check(claim(), expired), ClaimProblem.not_in_force)
    assert message == (
        "declaration DECL-2026-014 covers 2025-01-01 to 2025-12-31: expired on 2026-06-15"
    )


def test_a_blanket_declaration_not_yet_in_force() -> None:
    future = declaration(period_start="2026-07-01", period_end="2027-06-30", signed_on="2026-06-01")
    message = only_issue(check(claim(), future), ClaimProblem.not_in_force)
    assert message.endswith("not yet in force on 2026-06-15")


def test_a_blanket_period_longer_than_twelve_months() -> None:
    long = declaration(period_start="2026-01-01", period_end="2027-01-01")
    message = only_issue(check(claim(), long), ClaimProblem.not_in_force)
    assert "longer than the 12 months a certification may cover (to 2026-12-31)" in message


def test_exactly_twelve_months_is_allowed() -> None:
    leap = declaration(period_start="2024-02-29", period_end="2025-02-28", signed_on="2024-02-01")
    assert check(claim(), leap, on=dt.date(2025, 2, 28)).status is ClaimStatus.supported


def test_a_declaration_older_than_four_years() -> None:
    old = declaration(period_start="2022-01-01", period_end="2022-12-31", signed_on="2021-12-01")
    message = only_issue(check(claim(), old, on=dt.date(2026, 1, 5)), ClaimProblem.not_in_force)
    assert "signed 2021-12-01; a certification is valid for 4 years, to 2025-12-01" in message


# ------------------------------------------------------------------------------ inconsistent


def test_a_declaration_certifying_the_material_non_originating() -> None:
    non = declaration(origin_status="non-originating", criterion=None)
    message = only_issue(check(claim(), non), ClaimProblem.inconsistent)
    assert message == "declaration DECL-2026-014 certifies the material non-originating"


def test_criterion_a_for_a_material_the_bom_says_is_not_wholly_obtained() -> None:
    wholly = declaration(criterion="A")
    message = only_issue(check(claim(wholly_obtained=False), wholly), ClaimProblem.inconsistent)
    assert "claims criterion A (wholly obtained or produced)" in message
    for stated in (True, None):
        assert check(claim(wholly_obtained=stated), wholly).status is ClaimStatus.supported
    assert check(claim(wholly_obtained=False), declaration()).status is ClaimStatus.supported


@pytest.mark.parametrize("country", ["CN", "DE", "PA"])
def test_a_country_of_origin_outside_the_usmca(country: str) -> None:
    message = only_issue(check(claim(country=country), declaration()), ClaimProblem.inconsistent)
    assert f"country of origin {country}, outside the USMCA" in message


@pytest.mark.parametrize("country", ["US", "MX", "CA", None])
def test_a_country_inside_the_usmca_or_none_is_consistent(country: str | None) -> None:
    assert check(claim(country=country), declaration()).status is ClaimStatus.supported


def test_every_issue_of_one_declaration_is_reported_in_order() -> None:
    bad = declaration(
        supplier="Zeta Industries",
        period_start="2025-01-01",
        period_end="2025-12-31",
        origin_status="non-originating",
        criterion=None,
    )
    result = check(claim(), bad)
    assert result.status is ClaimStatus.unsupported
    assert problems(result) == [
        ClaimProblem.other_supplier,
        ClaimProblem.not_in_force,
        ClaimProblem.inconsistent,
    ]


# ---------------------------------------------------------------------------- what is a claim


def test_only_originating_direct_materials_not_intermediate_are_claims() -> None:
    assert is_claim(claim())
    assert not is_claim(claim(material_type="indirect"))
    assert not is_claim(claim(intermediate=True))
    assert not is_claim(line("X", "9401.99", "5", "non-originating", "CN"))
    assert not is_claim(line("X", "9401.99", "5", "unknown", "CN"))
    for kind in ("accessory", "retail_packaging", "shipping_packing"):
        assert is_claim(claim(material_type=kind))


def test_check_claims_checks_the_claims_in_bom_order() -> None:
    materials = [
        claim("BASE-5S"),
        claim("GLUE", material_type="indirect", evidence=None),
        line("MESH", "5407.61", "20", "non-originating", "CN"),
        claim("FRAME", intermediate=True, evidence=None),
        claim("FOAM", evidence=None),
    ]
    results = check_claims(
        good(production_date="2026-06-15"), materials, register(declaration()), DATE
    )
    assert [(r.part_number, r.status) for r in results] == [
        ("BASE-5S", ClaimStatus.supported),
        ("FOAM", ClaimStatus.unsupported),
    ]


def test_the_claim_date_is_the_production_date_else_the_evaluation_date() -> None:
    on = dt.date(2026, 3, 1)
    assert claim_date(good(production_date="2026-02-10"), on) == (
        dt.date(2026, 2, 10),
        "good production_date",
    )
    day, source = claim_date(good(), on)
    assert day == on and "evaluation date" in source
    [result] = check_claims(good(), [claim()], register(declaration()), dt.date(2027, 1, 2))
    assert (result.date, problems(result)) == (dt.date(2027, 1, 2), [ClaimProblem.not_in_force])


# ----------------------------------------------------------------------- the dates, as a law


def _four_years_after(day: dt.date) -> dt.date:
    """The same calendar day four years on; 29 February with no 29th then: 1 March."""
    try:
        return day.replace(year=day.year + 4)
    except ValueError:
        return dt.date(day.year + 4, 3, 1)


DAYS = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2110, 12, 31))


@settings(max_examples=400, deadline=None)
@given(
    start=DAYS,
    length=st.integers(min_value=0, max_value=364),
    signed_before=st.integers(min_value=-400, max_value=2000),
    offset=st.integers(min_value=-2200, max_value=2200),
)
def test_not_in_force_iff_outside_the_period_or_older_than_four_years(
    start: dt.date, length: int, signed_before: int, offset: int
) -> None:
    """Every blanket period here is within 12 months (365 days or fewer from its first day
    to its last is always within them), so only the period and the age decide."""
    end = start + dt.timedelta(days=length)
    signed = start - dt.timedelta(days=signed_before)
    date = start + dt.timedelta(days=offset)
    blanket = declaration(period_start=start, period_end=end, signed_on=signed)
    result = check_claim(claim(), register(blanket), date, SOURCE)
    expected = not start <= date <= end or date > _four_years_after(signed)
    assert (ClaimProblem.not_in_force in problems(result)) is expected
    assert (result.status is ClaimStatus.supported) is not expected


# ------------------------------------------------------------------------------ in bounded time


@contextlib.contextmanager
def within(seconds: int) -> Iterator[None]:
    """Fail with TimeoutError once ``seconds`` have passed (not wait for a quadratic loop).

    The error raised by the signal handler is replaced by a fresh one: the frame it
    interrupted may have no line number (CPython 3.11), which pytest cannot show."""

    def stop(_signum: int, _frame: object) -> None:
        raise TimeoutError

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    except TimeoutError:
        raise TimeoutError(f"not done within {seconds} s") from None
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _many(count: int, **fields: Any) -> list[Declaration]:
    """``count`` declarations, validated once and copied (validating each would be slow)."""
    first = declaration()
    return [
        first.model_copy(update={key: value(n) for key, value in fields.items()})
        for n in range(count)
    ]


def test_a_large_register_answers_claims_it_backs_quickly() -> None:
    """The control of the two below: found by id through an index."""
    found = register(
        *_many(20_000, declaration_id=lambda n: f"D-{n}", part_numbers=lambda n: [f"P-{n}"])
    )
    materials = [claim(f"P-{n}", evidence=f"d-{n}") for n in range(2_000)]
    with within(5):
        results = check_claims(good(production_date="2026-06-15"), materials, found, DATE)
    assert {r.status for r in results} == {ClaimStatus.supported}


def test_claims_not_in_a_large_register_are_answered_in_bounded_time() -> None:
    found = register(
        *_many(20_000, declaration_id=lambda n: f"D-{n}", part_numbers=lambda n: [f"P-{n}"])
    )
    materials = [claim(f"P-{n}", evidence=f"CERT/{n}") for n in range(2_000)]
    with within(5):
        results = check_claims(good(production_date="2026-06-15"), materials, found, DATE)
    assert {problems(r)[0] for r in results} == {ClaimProblem.not_found}


def test_claims_naming_an_id_shared_by_many_rows_are_answered_in_bounded_time() -> None:
    found = register(*_many(20_000, part_numbers=lambda n: [f"P-{n}"]))
    materials = [claim(f"P-{n}") for n in range(2_000)]
    with within(5):
        results = check_claims(good(production_date="2026-06-15"), materials, found, DATE)
    assert {r.status for r in results} == {ClaimStatus.supported}
