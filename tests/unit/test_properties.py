"""Properties that must hold for any figures (hypothesis)."""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roo_check.engine.evaluate import evaluate_good
from roo_check.engine.rvc import rvc_value
from roo_check.models.findings import Status
from roo_check.rulebook.load import default_rules_dir, load_rulebook
from tests.unit.builders import good, line
from tests.unit.test_engine import PSR

money = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1000000"), places=2)
DAY = dt.date(2026, 3, 1)


@pytest.fixture(scope="module")
def rulebook(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("rules")
    shutil.copy(default_rules_dir() / "usmca" / "origin-criteria.yaml", root / "criteria.yaml")
    shutil.copy(default_rules_dir() / "usmca" / "chapter-4-articles.yaml", root / "chapter4.yaml")
    (root / "ch84.yaml").write_text(PSR)
    return load_rulebook(root)


@given(base=money, vnm=st.decimals(min_value=0, max_value=Decimal("1000000"), places=2))
def test_rvc_never_exceeds_100(base: Decimal, vnm: Decimal) -> None:
    value = rvc_value(base, vnm)
    assert value <= 100
    assert (value == 100) == (vnm == 0)


RANK = {Status.not_originating: 0, Status.cannot_decide: 1, Status.originating: 2}


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tv=money, parts=money, other=money, extra=money)
def test_more_non_originating_value_never_helps(rulebook, tv, parts, other, extra) -> None:
    """Raising a non-originating material's value never turns a failing good into a passing one."""
    g = good("8402.11", transaction_value=str(tv), net_cost=str(tv))
    before = [line("PARTS", "8402.90", parts), line("OTHER", "8459.29", other)]
    after = [line("PARTS", "8402.90", parts + extra), line("OTHER", "8459.29", other)]
    first = evaluate_good(g, before, rulebook, DAY).status
    second = evaluate_good(g, after, rulebook, DAY).status
    assert RANK[second] <= RANK[first]


def _floats(value: object, path: str = "") -> list[str]:
    if isinstance(value, float):
        return [path]
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _floats(v, f"{path}.{k}")]
    if isinstance(value, list | tuple):
        return [p for i, v in enumerate(value) for p in _floats(v, f"{path}[{i}]")]
    return []


@settings(max_examples=50, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tv=money, parts=money)
def test_money_is_decimal_end_to_end(rulebook, tv, parts) -> None:
    d = evaluate_good(
        good("8402.11", transaction_value=str(tv)), [line("P", "8402.90", parts)], rulebook, DAY
    )
    dumped = d.model_dump()
    assert _floats(dumped) == []
    assert isinstance(d.figures.vnm, Decimal) and isinstance(d.figures.transaction_value, Decimal)
    for alt in d.alternatives:
        for r in alt.rvc:
            assert r.rvc is None or isinstance(r.rvc, Decimal)
