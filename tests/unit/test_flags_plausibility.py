"""Economic plausibility flags: ECON001-ECON003 on hand-built shipments."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from roo_check.engine.evaluate import evaluate_good
from roo_check.engine.flags import CHECKS, batch_flags
from roo_check.engine.flags.context import ShipmentContext
from roo_check.engine.flags.plausibility import material_cost, normalise_producer
from roo_check.models import BomLine, Good
from roo_check.models.findings import FindingKind, Severity
from roo_check.models.shipment import Shipment, ShipmentFile, SourceFile
from roo_check.rulebook.flag_params import ProducerSpreadParams, ValueDeviationParams
from roo_check.rulebook.load import load_rulebook
from tests.unit.builders import good, line

DAY = dt.date(2026, 3, 1)


@pytest.fixture(scope="module")
def rulebook():
    return load_rulebook()


def motor_bom(part: str = "G-1") -> list[BomLine]:
    """Direct materials worth 1,000.00 USD, plus lines that must not be counted."""
    return [
        line("LAM", "7226.19", "600.00", good_part_number=part),
        line("WIRE", "8544.11", "400.00", "originating", "MX", good_part_number=part),
        line("GLOVES", "6116.10", "50.00", "originating", "MX", good_part_number=part,
             material_type="indirect"),
        line("ROTOR-SHAFT", "7215.50", "300.00", good_part_number=part,
             parent_part_number="WIRE"),
    ]  # fmt: skip


def context(
    rulebook,
    goods: list[Good] | None = None,
    bom: list[BomLine] | None = None,
    prices: dict[str, tuple[str, str]] | None = None,
    name: str = "S-1",
) -> ShipmentContext:
    """A shipment whose invoice prices each good at ``prices[part] = (unit_price, currency)``."""
    goods = goods if goods is not None else [good(transaction_value="1200.00")]
    bom = bom if bom is not None else motor_bom()
    prices = prices if prices is not None else {"G-1": ("1200.00", "USD")}
    data: dict[str, object] = {"shipment_id": name}
    if prices:
        data["invoice"] = {
            "number": "INV-1",
            "date": "2026-03-01",
            "issuer": {"name": "Producer SA de CV", "country": "MX"},
            "lines": [
                {"good_part_number": p, "quantity": 2, "unit_price": price, "currency": cur}
                for p, (price, cur) in prices.items()
            ],
        }
    shipment = ShipmentFile(
        name=name,
        goods=goods,
        bom=bom,
        shipment=Shipment.model_validate(data),
        sources=[
            SourceFile(path=f"{name}/goods.csv", sha256="0" * 64, role="goods"),
            SourceFile(path=f"{name}/bom.csv", sha256="0" * 64, role="bom"),
            SourceFile(path=f"{name}/shipment.json", sha256="0" * 64, role="shipment"),
        ],
    )
    determinations = [
        evaluate_good(g, shipment.materials_of(g.part_number), rulebook, DAY) for g in goods
    ]
    return ShipmentContext.build(shipment, determinations, rulebook.parties)


def run(rulebook, flag_id: str, ctx, params=None):
    rule = rulebook.flag(flag_id)
    return CHECKS[rule.check](rule, params or rule.typed_params(), ctx)


# ---- ECON001 price below material cost ---------------------------------------------------


def test_material_cost_counts_direct_materials_only(rulebook):
    [g] = context(rulebook).goods
    assert material_cost(g) == Decimal("1000.00")


def test_econ001_price_below_material_cost_fires_with_both_figures_and_the_shortfall(rulebook):
    ctx = context(rulebook, prices={"G-1": ("850.00", "USD")})
    [finding] = run(rulebook, "ECON001", ctx)
    assert finding.rule_id == "ECON001"
    assert finding.kind is FindingKind.flag
    assert finding.severity is Severity.error
    assert finding.good_part_number == "G-1"
    assert finding.figures == {
        "unit_price": "850.00",
        "material_cost": "1,000.00",
        "shortfall": "150.00",
        "currency": "USD",
    }
    assert "150.00 USD below the 1,000.00 USD" in finding.message
    price, *materials = finding.evidence
    assert (price.source, price.location, price.field, price.value) == (
        "S-1/shipment.json",
        "invoice.lines[0]",
        "unit_price",
        "850.00 USD",
    )
    assert [m.source for m in materials] == ["S-1/bom.csv", "S-1/bom.csv"]
    assert [m.value.split()[0] for m in materials] == ["LAM", "WIRE"]


@pytest.mark.parametrize("price", ["1000.00", "1000", "1200.00"])
def test_econ001_price_at_or_above_material_cost_does_not_fire(rulebook, price):
    assert run(rulebook, "ECON001", context(rulebook, prices={"G-1": (price, "USD")})) == []


def test_econ001_indirect_and_sub_assembly_lines_are_not_counted(rulebook):
    """1,049.99 is below direct + indirect (1,050) and direct + sub-assembly (1,300): no flag."""
    ctx = context(rulebook, prices={"G-1": ("1049.99", "USD")})
    assert run(rulebook, "ECON001", ctx) == []


def test_econ001_a_zero_price_is_below_any_material_cost(rulebook):
    [finding] = run(rulebook, "ECON001", context(rulebook, prices={"G-1": ("0", "USD")}))
    assert finding.figures["shortfall"] == "1,000.00"


def test_econ001_another_currency_is_not_compared(rulebook):
    ctx = context(rulebook, prices={"G-1": ("850.00", "MXN")})
    assert run(rulebook, "ECON001", ctx) == []


def test_econ001_good_without_materials_or_not_in_the_goods_does_not_fire(rulebook):
    assert run(rulebook, "ECON001", context(rulebook, bom=[], prices={"G-1": ("1", "USD")})) == []
    assert run(rulebook, "ECON001", context(rulebook, prices={"OTHER": ("1", "USD")})) == []
    assert run(rulebook, "ECON001", context(rulebook, prices={})) == []


# ---- ECON002 transaction value against invoice price -------------------------------------


def test_econ002_transaction_value_far_from_the_invoice_price_fires(rulebook):
    ctx = context(rulebook, prices={"G-1": ("960.00", "USD")})  # TV 1,200.00: +25 %
    [finding] = run(rulebook, "ECON002", ctx)
    assert finding.severity is Severity.warning
    assert finding.good_part_number == "G-1"
    assert finding.figures == {
        "transaction_value": "1,200.00",
        "unit_price": "960.00",
        "deviation_percent": "25.00",
        "currency": "USD",
    }
    assert finding.threshold == "20%"
    assert "differs by 25.00%" in finding.message
    tv, price = finding.evidence
    assert (tv.source, tv.location, tv.field) == (
        "S-1/goods.csv",
        "good G-1",
        "transaction_value",
    )
    assert (price.location, price.field) == ("invoice.lines[0]", "unit_price")


@pytest.mark.parametrize(("price", "fires"), [("1000.00", False), ("999.99", True)])
def test_econ002_exactly_the_limit_does_not_fire_and_is_compared_unrounded(rulebook, price, fires):
    """TV 1,200 against 1,000 is 20 % exactly; against 999.99 it is 20.0012 %, shown 20.00."""
    findings = run(rulebook, "ECON002", context(rulebook, prices={"G-1": (price, "USD")}))
    assert bool(findings) is fires
    if fires:
        assert findings[0].figures["deviation_percent"] == "20.00"


def test_econ002_a_price_above_the_transaction_value_counts_too(rulebook):
    [finding] = run(rulebook, "ECON002", context(rulebook, prices={"G-1": ("2400", "USD")}))
    assert finding.figures["deviation_percent"] == "50.00"


def test_econ002_without_transaction_value_zero_price_or_same_currency_does_not_fire(rulebook):
    no_tv = context(rulebook, goods=[good(net_cost="1000")], prices={"G-1": ("1", "USD")})
    assert run(rulebook, "ECON002", no_tv) == []
    assert run(rulebook, "ECON002", context(rulebook, prices={"G-1": ("0", "USD")})) == []
    assert run(rulebook, "ECON002", context(rulebook, prices={"G-1": ("1", "CAD")})) == []


def test_econ002_uses_the_configured_deviation(rulebook):
    ctx = context(rulebook, prices={"G-1": ("960.00", "USD")})
    assert run(rulebook, "ECON002", ctx, ValueDeviationParams(max_deviation="25")) == []
    [finding] = run(rulebook, "ECON002", ctx, ValueDeviationParams(max_deviation="5.5"))
    assert finding.threshold == "5.5%"


# ---- ECON003 producer spread (batch) -----------------------------------------------------


def spread_batch(rulebook, extra_hs: str = "9403.20"):
    """Four goods of one producer (names spelt three ways) over two shipments."""
    first = context(
        rulebook,
        goods=[
            good("8501.52", part_number="MOTOR", producer="Motores del Bajío, S.A. de C.V."),
            good("6109.10", part_number="SHIRT", producer="MOTORES DEL BAJIO SA DE CV"),
        ],
        bom=[],
        prices={},
        name="ship-a",
    )
    second = context(
        rulebook,
        goods=[
            good("3926.90", part_number="CLIP", producer="Motores  del Bajio SA de CV"),
            good(extra_hs, part_number="SHELF", producer="Motores del Bajio SA de CV"),
            good("8501.52", part_number="OTHER", producer="Bajio Motors Inc"),
        ],
        bom=[],
        prices={},
        name="ship-b",
    )
    return [first, second]


def test_producer_names_are_compared_without_case_accents_or_punctuation():
    assert normalise_producer("Motores del Bajío, S.A.  de C.V.") == "motores del bajio sa de cv"
    assert normalise_producer(" MOTORES DEL BAJIO SA DE CV ") == "motores del bajio sa de cv"


def test_econ003_one_producer_across_more_chapters_than_allowed_fires_once(rulebook):
    [finding] = run(rulebook, "ECON003", spread_batch(rulebook))
    assert finding.rule_id == "ECON003"
    assert finding.severity is Severity.warning
    assert finding.good_part_number is None
    assert finding.figures["chapters"] == "4"
    assert finding.figures["chapter_list"] == "39, 61, 85, 94"
    assert finding.figures["goods"] == "4"
    assert finding.threshold == "3 chapters"
    assert "4 HS chapters (39, 61, 85, 94)" in finding.message
    assert [(e.note, e.location, e.value) for e in finding.evidence] == [
        ("shipment ship-a", "good MOTOR", "8501.52 (chapter 85)"),
        ("shipment ship-a", "good SHIRT", "6109.10 (chapter 61)"),
        ("shipment ship-b", "good CLIP", "3926.90 (chapter 39)"),
        ("shipment ship-b", "good SHELF", "9403.20 (chapter 94)"),
    ]
    assert {e.source for e in finding.evidence} == {"ship-a/goods.csv", "ship-b/goods.csv"}
    assert finding.evidence[0].supplier == "Motores del Bajío, S.A. de C.V."


def test_econ003_as_many_chapters_as_allowed_does_not_fire(rulebook):
    """The fourth good is in chapter 85 again: three chapters, the limit, is not more."""
    assert run(rulebook, "ECON003", spread_batch(rulebook, extra_hs="8501.10")) == []


def test_econ003_uses_the_configured_limit(rulebook):
    contexts = spread_batch(rulebook)
    assert run(rulebook, "ECON003", contexts, ProducerSpreadParams(max_chapters=4)) == []
    assert len(run(rulebook, "ECON003", contexts, ProducerSpreadParams(max_chapters=1))) == 1


def test_econ003_runs_as_a_batch_flag(rulebook):
    mine = dataclasses.replace(
        rulebook, flags=tuple(f for f in rulebook.flags if f.id.startswith(("TRANS", "ECON")))
    )
    findings = batch_flags(spread_batch(rulebook), mine, DAY)
    assert [f.rule_id for f in findings] == ["ECON003"]
