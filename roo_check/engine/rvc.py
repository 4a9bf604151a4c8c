"""Regional value content (USMCA Art. 4.5).

RVC_TV = (TV - VNM) / TV x 100 and RVC_NC = (NC - VNM) / NC x 100. Both are computed when
the data allow, so the analyst sees both; the rule is met if any method it allows reaches
its threshold, compared unrounded (see roo_check.money).
"""

from __future__ import annotations

from decimal import Decimal

from roo_check.engine.logic import Tri
from roo_check.models.findings import RvcResult
from roo_check.models.goods import Good
from roo_check.money import percent
from roo_check.rulebook.schema import Rvc

METHODS = ("transaction_value", "net_cost")


def rvc_value(base: Decimal, vnm: Decimal) -> Decimal:
    return percent(base - vnm, base)


def method_base(good: Good, method: str) -> Decimal | None:
    return good.transaction_value if method == "transaction_value" else good.net_cost


def compute_rvc(good: Good, vnm: Decimal, method: str) -> Decimal | None:
    base = method_base(good, method)
    if base is None or base <= 0:
        return None
    return rvc_value(base, vnm)


def evaluate_rvc(requirement: Rvc, good: Good, vnm: Decimal) -> tuple[list[RvcResult], Tri, str]:
    results: list[RvcResult] = []
    for method in METHODS:
        threshold = getattr(requirement, method)
        if threshold is None:
            continue
        value = compute_rvc(good, vnm, method)
        results.append(
            RvcResult(
                method=method,
                base=method_base(good, method),
                vnm=vnm,
                rvc=value,
                threshold=threshold,
                passed=None if value is None else value >= threshold,
            )
        )
    if not results:
        return (
            results,
            False,
            (
                "the rule's RVC uses only the transaction value method, which a self-produced "
                "material does not have"
            ),
        )
    if any(r.passed for r in results):
        return results, True, "regional value content met"
    missing = [r.method for r in results if r.passed is None]
    if missing:
        return results, None, f"give {' or '.join(missing)} to compute the RVC the rule allows"
    return results, False, "regional value content below the threshold under every allowed method"
