"""Net cost from its parts (Art. 4.5): total cost minus the costs the law excludes.

A producer's cost sheet usually holds total cost and the excluded costs beside it rather than
a net cost; the law's own arithmetic (19 U.S.C. 4531(a)(8); SOR/2020-155 s. 7(22) Example 4)
is done here once and shown, so that the RVC under the net cost method can be redone by hand.
"""

from __future__ import annotations

from roo_check.models.goods import EXCLUDED_COSTS, Good
from roo_check.models.stages import NetCostResult
from roo_check.rulebook.chapter4_schema import Chapter4File


def with_net_cost(good: Good, articles: Chapter4File) -> tuple[Good, NetCostResult | None]:
    """The good with its net cost computed from total cost, when that is how it is given."""
    if not good.net_cost_from_parts:
        return good, None
    assert good.total_cost is not None
    net_cost = good.total_cost - good.excluded_costs
    result = NetCostResult(
        total_cost=good.total_cost,
        excluded={name: getattr(good, name) for name in EXCLUDED_COSTS},
        net_cost=net_cost,
        citation=articles.net_cost.citation,
    )
    return good.model_copy(update={"net_cost": net_cost}), result
