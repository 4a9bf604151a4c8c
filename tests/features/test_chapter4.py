"""USMCA Chapter 4 beside the product-specific rule (Art. 4.5-4.19): the feature files
chapter4_*.feature and the steps only they use. Givens and whens are shared (conftest.py);
the steps here read the stages of a determination an analyst checks by hand: the materials
as Chapter 4 counts them, intermediate materials, fungible stock, sets and the conditions
that can take originating status away.
"""

from __future__ import annotations

from decimal import Decimal

from pytest_bdd import parsers, scenarios, then

from roo_check.models.findings import Determination, Status
from roo_check.models.stages import MaterialTreatment, Outcome
from roo_check.money import display_percent

for _feature in (
    "chapter4_transit.feature",
    "chapter4_intermediate.feature",
    "chapter4_accumulation.feature",
    "chapter4_material_types.feature",
    "chapter4_sets.feature",
    "chapter4_fungibles.feature",
    "chapter4_value.feature",
    "chapter4_dilution.feature",
    "provisions.feature",
):
    scenarios(_feature)

CENT = Decimal("0.01")
_OUTCOMES = {
    "met": Outcome.met,
    "not met": Outcome.not_met,
    "not checked": Outcome.not_checked,
    "undecided": Outcome.cannot_decide,
}
_ARTICLES = {"4.18": "ORIG-4.18", "4.19": "ORIG-4.19"}
_SHIFT = {"facing": True, "left out of": False, "undecided in": None}


def _money(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def _cents(value: Decimal) -> Decimal:
    return value.quantize(CENT)


def _treatment(result: Determination, part: str) -> MaterialTreatment:
    assert result.materials is not None, "the report has no Chapter 4 materials stage"
    found = [t for t in result.materials.lines if t.part_number == part]
    assert found, [t.part_number for t in result.materials.lines]
    return found[0]


# ---- verdict and reasons -----------------------------------------------------------------


@then(parsers.parse('the good is not originating because "{words}"'))
def not_originating_because(result, words):
    assert result.status is Status.not_originating, result.message
    assert words in result.message, result.message


@then(parsers.parse("by its rule alone the good meets criterion {criterion}"))
def rule_alone_met(result, criterion):
    found = next(c for c in result.criteria if c.criterion == criterion)
    assert found.met is True, found.reason


@then(parsers.parse('the data wanted include "{what}"'))
def data_wanted(result, what):
    assert any(what in str(m) for m in result.missing), [str(m) for m in result.missing]


@then(
    parsers.re(
        r"Art\. (?P<article>4\.1[89]) is (?P<outcome>met|not met|not checked|undecided)"
        r'(?: because "(?P<words>[^"]+)")?'
    )
)
def article_outcome(result, article, outcome, words):
    check = next(c for c in result.conditions if c.id == _ARTICLES[article])
    assert check.outcome is _OUTCOMES[outcome], check.reason
    assert words is None or words in check.reason, check.reason


# ---- figures with their arithmetic -------------------------------------------------------


@then(
    parsers.re(
        r"the regional value content under the (?P<method>transaction value|net cost) method "
        r"is \((?P<base>[\d,.]+) - (?P<vnm>[\d,.]+)\) / (?P<again>[\d,.]+) x 100 = "
        r"(?P<pct>[\d.]+)%"
    )
)
def rvc_worked(result, method, base, vnm, again, pct):
    name = method.replace(" ", "_")
    assert base == again, "the scenario divides by another base than it subtracts from"
    assert getattr(result.figures, name) == _money(base), getattr(result.figures, name)
    assert result.figures.vnm == _money(vnm), result.figures.vnm
    value = getattr(result.figures, "rvc_" + name)
    assert value is not None and display_percent(value) == pct, value


@then(
    parsers.re(
        r"the net cost is the total cost (?P<total>[\d,.]+) minus the excluded costs "
        r"(?P<excluded>[\d,.]+) = (?P<net>[\d,.]+) USD"
    )
)
def net_cost_worked(result, total, excluded, net):
    assert result.materials is not None and result.materials.net_cost is not None
    nc = result.materials.net_cost
    given = sum((v for v in nc.excluded.values() if v is not None), Decimal(0))
    assert nc.total_cost == _money(total), nc.total_cost
    assert given == _money(excluded), nc.excluded
    assert nc.net_cost == _money(net) == result.figures.net_cost, nc.net_cost


# ---- the materials as Chapter 4 counts them ----------------------------------------------


@then(
    parsers.re(
        r"material (?P<part>\S+) is counted as (?P<status>originating|non-originating|"
        r"disregarded|look-through|traced)(?:, (?P<shift>facing|left out of|undecided in) the "
        r"tariff shift)?, adding (?P<amount>[\d,.]+) USD to the value of non-originating "
        r"materials"
    )
)
def material_counted(result, part, status, shift, amount):
    t = _treatment(result, part)
    assert t.counted_status == status, t.reason
    assert shift is None or t.in_shift is _SHIFT[shift], (t.in_shift, t.reason)
    assert t.vnm_value == _money(amount), t.vnm_value


@then(parsers.parse('material {part} is counted because "{words}"'))
def material_because(result, part, words):
    t = _treatment(result, part)
    assert words in t.reason, t.reason


@then(
    parsers.re(
        r"the deduction of (?P<amount>[\d,.]+) USD for (?P<label>[^,]+(?:, [^,]+)*?) from "
        r"material (?P<part>\S+) is (?P<state>made|not made)"
    )
)
def deduction(result, amount, label, part, state):
    t = _treatment(result, part)
    found = [a for a in t.adjustments if a.label.startswith(label)]
    assert found, [a.label for a in t.adjustments]
    assert found[0].amount == _money(amount), found[0].amount
    assert found[0].applied is (state == "made"), found[0].reason


@then(parsers.parse("material {part} does not face the tariff shift under alternative {label}"))
def not_in_shift(result, part, label):
    alt = next(a for a in result.alternatives if a.label == label)
    assert alt.shift is not None, alt.reason
    assert part not in [m.part_number for m in alt.shift.materials], alt.shift.reason


# ---- intermediate materials (Art. 4.8) ---------------------------------------------------


def _intermediate(result: Determination, part: str):
    assert result.materials is not None, "the report has no Chapter 4 materials stage"
    found = [i for i in result.materials.intermediates if i.part_number == part]
    assert found, [i.part_number for i in result.materials.intermediates]
    return found[0]


@then(
    parsers.parse(
        "the designated intermediate material {part} is originating under criterion "
        "{criterion} of its own rule {rule_id}"
    )
)
def intermediate_originating(result, part, criterion, rule_id):
    i = _intermediate(result, part)
    d = i.determination
    assert d.status is Status.originating and d.criterion == criterion, d.message
    assert d.rule is not None and d.rule.id == rule_id, d.rule
    assert i.counted_as_originating, i.reason


@then(
    parsers.parse(
        "the designated intermediate material {part} is not originating under its own rule "
        "{rule_id}, so the designation falls"
    )
)
def intermediate_falls(result, part, rule_id):
    i = _intermediate(result, part)
    d = i.determination
    assert d.status is Status.not_originating, d.message
    assert d.rule is not None and d.rule.id == rule_id, d.rule
    assert not i.counted_as_originating and i.vnm_removed == 0, i.reason
    assert "the designation falls" in i.reason, i.reason


@then(
    parsers.re(
        r"its own regional value content under the net cost method is "
        r"\((?P<base>[\d,.]+) - (?P<vnm>[\d,.]+)\) / (?P<again>[\d,.]+) x 100 = "
        r"(?P<pct>[\d.]+)% \((?P<part>[^)]+)\)"
    )
)
def intermediate_rvc(result, base, vnm, again, pct, part):
    d = _intermediate(result, part).determination
    assert base == again
    assert d.figures.net_cost == _money(base), d.figures.net_cost
    assert d.figures.vnm == _money(vnm), d.figures.vnm
    assert d.figures.rvc_net_cost is not None
    assert display_percent(d.figures.rvc_net_cost) == pct, d.figures.rvc_net_cost


@then(
    parsers.parse(
        "the non-originating inputs of {part}, worth {amount} USD, leave the value of "
        "non-originating materials"
    )
)
def intermediate_removed(result, part, amount):
    i = _intermediate(result, part)
    assert i.vnm_removed == _money(amount), i.vnm_removed


# ---- fungible materials (Art. 4.13) ------------------------------------------------------


@then(
    parsers.re(
        r"of the (?P<units>[\d,.]+) units of (?P<part>\S+) withdrawn under (?P<method>FIFO|LIFO|"
        r"the average method), (?P<orig>[\d,.]+) are originating and (?P<non>[\d,.]+) "
        r"non-originating, worth (?P<value>[\d,.]+) USD"
    )
)
def fungible_split(result, units, part, method, orig, non, value):
    assert result.materials is not None, "the report has no Chapter 4 materials stage"
    f = next(f for f in result.materials.fungibles if f.part_number == part)
    assert f.method == {"FIFO": "fifo", "LIFO": "lifo"}.get(method, "average"), f.method
    assert f.passed is True, f.reason
    assert f.quantity == _money(units), f.quantity
    assert f.originating_quantity is not None and f.non_originating_quantity is not None
    assert _cents(f.originating_quantity) == _money(orig), f.originating_quantity
    assert _cents(f.non_originating_quantity) == _money(non), f.non_originating_quantity
    assert f.non_originating_value is not None
    assert _cents(f.non_originating_value) == _money(value), f.non_originating_value


@then(parsers.parse("the non-originating share of the stock before the withdrawal is {pct}%"))
def fungible_ratio(result, pct):
    assert result.materials is not None
    f = result.materials.fungibles[0]
    assert f.ratio is not None and display_percent(f.ratio * 100) == pct, f.ratio


@then(parsers.parse('the stock records cannot give the share of {part} because "{words}"'))
def fungible_undecided(result, part, words):
    assert result.materials is not None
    f = next(f for f in result.materials.fungibles if f.part_number == part)
    assert f.passed is None and words in f.reason, f.reason


# ---- sets (Art. 4.17) --------------------------------------------------------------------


@then(
    parsers.re(
        r"the non-originating goods in the set are worth (?P<value>[\d,.]+) USD, "
        r"(?P<pct>[\d.]+)% of its (?P<base>transaction value|net cost)"
    )
)
def set_share(result, value, pct, base):
    s = result.set_result
    assert s is not None, result.message
    assert s.non_originating_value == _money(value), s.non_originating_value
    assert display_percent(s.shares[base.replace(" ", "_")]) == pct, s.shares


@then(
    parsers.re(
        r"good (?P<part>\S+) of the set counts as (?P<status>originating|non-originating), "
        r'"(?P<basis>[^"]+)"'
    )
)
def set_component(result, part, status, basis):
    s = result.set_result
    assert s is not None, result.message
    c = next(c for c in s.components if c.part_number == part)
    assert c.originating is (status == "originating"), c.basis
    assert basis in c.basis, c.basis
