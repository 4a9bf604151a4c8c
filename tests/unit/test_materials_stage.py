"""Stage 1 on its own: how Chapter 4 counts the lines of a BOM (engine.materials, engine.value)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from roo_check.engine.evaluate import evaluate_good
from roo_check.engine.facts import Facts
from roo_check.models.accumulation import SupplierBom
from roo_check.models.findings import Status
from tests.unit.builders import good, line

DAY = dt.date(2026, 3, 1)


def _supplier_bom(country: str, *inputs) -> SupplierBom:
    return SupplierBom(
        material="RING",
        supplier="Anillos SA",
        country_of_production=country,
        currency="USD",
        evidence="statement 1",
        lines=[i.model_copy(update={"good_part_number": "RING"}) for i in inputs],
        source="suppliers/ring.csv",
    )


def _treatments(d):
    return {t.part_number: t for t in d.materials.lines}


def test_a_supplier_bom_is_scaled_by_the_quantity_used_and_its_indirect_inputs_are_originating(
    rulebook,
):
    """Art. 4.11(3), 4.9: two rings per bearing, each with 0.75 of imported unfinished ring and
    0.10 of consumed cutting oil: VNM 1.50, the oil out of it wherever it was made."""
    bom = [line("RING", "8482.99.05", "3.00", quantity="2", country="MX")]
    supplied = _supplier_bom(
        "MX",
        line("UNF", "8482.99.05", "0.75", country="JP"),
        line("OIL", "2710.19", "0.10", country="CN", material_type="indirect"),
    )
    g = good("8482.10", transaction_value="10.00", net_cost="9.00")
    d = evaluate_good(g, bom, rulebook, DAY, facts=Facts(supplier_boms=(supplied,)))
    treated = _treatments(d)
    assert treated["RING"].counted_status == "traced"
    assert treated["UNF"].vnm_value == Decimal("1.50")
    assert treated["OIL"].counted_status == "originating" and treated["OIL"].vnm_value == 0
    assert d.figures.vnm == Decimal("1.50")


def test_a_supplier_bom_from_outside_the_parties_is_not_applied(rulebook):
    """Art. 4.11 counts production in the Parties only: the ring counts as bought."""
    bom = [line("RING", "8482.99.05", "1.50", country="JP")]
    supplied = _supplier_bom("JP", line("UNF", "8482.99.05", "0.75", country="JP"))
    g = good("8482.10", transaction_value="3.00", net_cost="2.85")
    d = evaluate_good(g, bom, rulebook, DAY, facts=Facts(supplier_boms=(supplied,)))
    assert _treatments(d)["RING"].counted_status == "non-originating"
    assert "outside the Parties" in _treatments(d)["RING"].reason
    assert d.figures.vnm == Decimal("1.50")


def test_regional_value_is_taken_after_the_deductions_and_never_below_zero(rulebook):
    """Art. 4.7 then 4.11: 10.00 less freight 4.00 leaves 6.00; a statement of 8.00 takes
    only the 6.00 left, so the material adds nothing to VNM and the report says why."""
    bom = [
        line(
            "CASING",
            "8413.91",
            "10.00",
            freight_insurance_packing="4.00",
            deductions_evidence="carrier invoice 7",
            regional_value="8.00",
            regional_value_evidence="statement 9",
        )
    ]
    d = evaluate_good(good("8413.70", transaction_value="100"), bom, rulebook, DAY)
    casing = _treatments(d)["CASING"]
    assert casing.vnm_value == 0
    regional = casing.adjustments[-1]
    assert regional.amount == Decimal("6.00") and regional.reason == "limited to the value left"


def test_a_plain_bom_has_no_materials_stage_to_show(rulebook):
    d = evaluate_good(
        good("8501.52", transaction_value="100"), [line("M", "7226.19", "10")], rulebook, DAY
    )
    assert d.materials is None and d.status is Status.originating


def test_a_designated_intermediate_states_its_own_production_steps(rulebook):
    """GN 11(n)(iv)(A): acetic anhydride made in-house from crude anhydride of the same
    subheading qualifies only through the chemical reaction its own BOM line states; without
    it, its decision is open and names production_steps."""

    def bom(steps: list[str]):
        return [
            line(
                "ANHYD",
                "2915.24",
                "70",
                status="non-originating",
                country="MX",
                intermediate=True,
                net_cost="68",
                production_steps=steps,
            ),
            line("CRUDE", "2915.24", "60", parent_part_number="ANHYD"),
        ]

    g = good("2915.39", transaction_value="100")
    made = evaluate_good(g, bom(["chemical reaction"]), rulebook, DAY)
    [inner] = made.materials.intermediates
    assert inner.counted_as_originating and inner.determination.status is Status.originating
    unstated = evaluate_good(g, bom([]), rulebook, DAY)
    [inner] = unstated.materials.intermediates
    assert inner.determination.status is Status.cannot_decide
    assert any(m.field == "production_steps" for m in inner.determination.missing)
    # The ester does not turn on it: its own change of subheading is met either way.
    assert unstated.status is Status.originating and unstated.missing == []


def test_production_steps_are_read_only_on_a_designated_intermediate():
    import pytest
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="read only for a designated intermediate"):
        line("M", "2915.24", "1", production_steps=["chemical reaction"])
