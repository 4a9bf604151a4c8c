"""The Chapter 4 stages in the reports: materials as counted (net cost, material types, value
adjustments, look-through, accumulation, fungible stock, intermediate materials as a tree), the
set of Art. 4.17, the conditions of Art. 4.18-4.19 and the verdict; each figure as the engine
returned it, in the text and HTML reports, and one story across every format for sample 13.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import pytest
from junitparser import Failure, JUnitXml

from roo_check.engine.evaluate import evaluate_good
from roo_check.engine.facts import Facts
from roo_check.engine.findings import findings_for
from roo_check.models.accumulation import SupplierBom
from roo_check.models.findings import Determination, Report, ShipmentResult, Status
from roo_check.models.shipment import RoutingLeg
from roo_check.reporters import RenderOptions, renderer
from roo_check.rulebook.load import load_rulebook
from tests.unit.builders import good, line
from tests.unit.report_support import ROOT, check
from tests.unit.test_fungible import appendix_a
from tests.unit.test_html_report import HOSTILE, parse

DAY = dt.date(2026, 3, 1)
PANAMA = "samples/13-panama-routing"
GENERAL = load_rulebook().criteria.originating_goods


def report_of(*determinations: Determination) -> Report:
    """A report of goods decided here, with the findings the engine gives them."""
    shipment = ShipmentResult(
        name="chapter4",
        inputs=[],
        determinations=list(determinations),
        findings=[f for d in determinations for f in findings_for(d, GENERAL)],
        errors=[],
    )
    return Report(
        version="test",
        ruleset_hash="0" * 64,
        evaluation_date=DAY,
        date_source="--date",
        shipments=[shipment],
    )


def text(*determinations: Determination) -> str:
    return renderer("text")(report_of(*determinations), RenderOptions())


def html(*determinations: Determination) -> str:
    return renderer("html")(report_of(*determinations), RenderOptions())


def html_text(*determinations: Determination) -> dict[str, str]:
    """What a reader sees in each element with an id."""
    return parse(html(*determinations)).text_by_id


def lines_of(report: str, *starts: str) -> list[str]:
    return [x for x in report.splitlines() if x.lstrip().startswith(starts)]


# --------------------------------------------------------------------- the goods


@pytest.fixture(scope="module")
def counted(rulebook) -> Determination:
    """Net cost from total cost; packing, an indirect material, accessories (one with its
    conditions stated, one without) and value adjustments with and without evidence."""
    g = good(
        "8501.52",
        transaction_value="200",
        total_cost="100",
        sales_promotion_costs="5",
        royalties="2.50",
        shipping_packing_costs="3",
        non_allowable_interest="1.50",
    )
    bom = [
        line("LAM-1", "7226.19", "40", row=2),
        line(
            "WIRE-1",
            "8544.11",
            "1.50",
            row=3,
            country="US",
            freight_insurance_packing="0.10",
            deductions_evidence="freight invoice FI-1",
            regional_value="0.65",
            regional_value_evidence="supplier statement S-9",
        ),
        line("BRG-1", "8482.10", "5", row=4, freight_insurance_packing="0.50"),
        line("TOOL-1", "8207.30", "3", row=5, material_type="indirect"),
        line(
            "MAN-1",
            "4911.10",
            "1",
            row=8,
            material_type="accessory",
            classified_with_good=True,
            invoiced_separately=False,
            customary=True,
        ),
        line("CRATE-1", "4415.10", "4", row=9, material_type="shipping_packing"),
        line("KEY-1", "8501.52", "2", row=10, material_type="accessory"),
    ]
    return evaluate_good(g, bom, rulebook, DAY)


@pytest.fixture(scope="module")
def tree(rulebook) -> Determination:
    """STATOR (designated, qualifies) holds COILASM (designated, qualifies); ROTOR is
    designated but fails its own rule, so its input SHAFT is counted instead."""
    g = good("8501.52", transaction_value="300", net_cost="250")
    made = {"status": "originating", "country": "MX"}
    bom = [
        line("STATOR", "8503.00", "60", row=2, intermediate=True, net_cost="55", **made),
        line("LAM-2", "7226.19", "7.50", row=3, parent_part_number="STATOR"),
        line(
            "COILASM",
            "8504.50",
            "20",
            row=4,
            parent_part_number="STATOR",
            intermediate=True,
            net_cost="18",
            **made,
        ),
        line("WIRE", "7408.11", "6", row=5, parent_part_number="COILASM"),
        line("ROTOR", "8503.00", "40", row=6, intermediate=True, net_cost="35", **made),
        line("SHAFT", "8503.00", "10", row=7, parent_part_number="ROTOR"),
        line("HOUSING", "8503.00", "30", row=8, **made),
    ]
    return evaluate_good(g, bom, rulebook, DAY)


def a_set(rulebook, pliers: str) -> Determination:
    g = good("8205.90", transaction_value="100", gri3_set=True)
    bom = [
        line("HAMMER", "8205.20", "30", row=2, status="originating", country="US"),
        line("PLIERS", "8203.20", pliers, row=3),
        line("CASE", "4202.92", "10", row=4, status="originating", country="MX"),
    ]
    return evaluate_good(g, bom, rulebook, DAY)


# ------------------------------------------------------------------------ net cost


def test_net_cost_arithmetic(counted: Determination) -> None:
    arithmetic = (
        "net cost = total cost 100.00 - sales promotion 5.00 - royalties 2.50 - shipping and "
        "packing 3.00 - non-allowable interest 1.50 = 88.00 (USMCA Art. 4.5"
    )
    assert "\n    " + arithmetic in text(counted)
    shown = html_text(counted)["good-1-1-materials"]
    assert arithmetic.replace(" - ", " − ").removesuffix(" (USMCA Art. 4.5") + " USD" in shown


def test_an_excluded_cost_not_given_counts_as_zero(rulebook) -> None:
    g = good("8501.52", total_cost="100", royalties="4")
    d = evaluate_good(g, [line("LAM", "7226.19", "10")], rulebook, DAY)
    expected = (
        "net cost = total cost 100.00 - sales promotion (not given, 0) - royalties 4.00 - "
        "shipping and packing (not given, 0) - non-allowable interest (not given, 0) = 96.00"
    )
    assert expected in text(d)
    assert expected.replace(" - ", " − ") in html_text(d)["good-1-1-materials"]


# ---------------------------------------------------------------- material treatments


def test_each_treatment_in_text(counted: Determination) -> None:
    out = text(counted)
    assert "  Materials as Chapter 4 counts them (Art. 4.5-4.16): VNM 48.75 USD" in out
    (crate,) = lines_of(out, "[disregarded]")
    assert crate.startswith(
        "    [disregarded] CRATE-1 row 9 4415.10 4.00 USD: packing for shipment"
    )
    assert crate.endswith("(USMCA Art. 4.16; 19 U.S.C. 4531(a)(14), (j); SOR/2020-155 s. 8(17))")
    (manual,) = lines_of(out, "[out of shift]")
    assert manual.startswith(
        "    [out of shift] MAN-1 row 8 4911.10 1.00 USD, in VNM 1.00: accessory"
    )
    (key,) = lines_of(out, "[shift undecided]")
    assert "KEY-1 row 10" in key and "conditions not stated" in key
    assert any("TOOL-1 row 5" in x for x in lines_of(out, "[originating]"))
    assert "data not given: accessory KEY-1 (row 10): classified_with_good" in out


def test_value_adjustments_show_their_arithmetic(counted: Determination) -> None:
    out = text(counted)
    assert (
        "        value 1.50 - freight, insurance, packing and transport to the producer 0.10 - "
        "value added by production in a Party and originating inputs, per the supplier's "
        "statement 0.65 = counted in VNM 0.75\n"
    ) in out
    assert "producer 0.10: taken off, evidence: freight invoice FI-1 (USMCA Art. 4.7" in out
    assert "        value 5.00 = counted in VNM 5.00\n" in out
    assert (
        "producer 0.50: not taken off; not deducted: no documentary evidence given "
        "(SOR/2020-155 s. 8(3))"
    ) in out


def test_treatments_in_the_html_table(counted: Determination) -> None:
    page = html(counted)
    rows = dict(
        re.findall(r'<tr class="counted-[\w-]+" data-part="([\w-]+)">(.*?)</tr>', page, re.S)
    )
    assert set(rows) == {"LAM-1", "WIRE-1", "BRG-1", "TOOL-1", "MAN-1", "CRATE-1", "KEY-1"}
    assert "<strong>disregarded</strong>" in rows["CRATE-1"]
    assert "<strong>out of shift</strong></td><td>no</td>" in rows["MAN-1"]
    assert "<strong>shift undecided</strong></td><td>?</td>" in rows["KEY-1"]
    assert "<strong>non-originating</strong></td><td>yes</td>" in rows["LAM-1"]
    assert (
        "value 1.50 − freight, insurance, packing and transport to the producer 0.10 − value "
        "added by production in a Party and originating inputs, per the supplier&#39;s "
        "statement 0.65 = counted in VNM 0.75"
    ) in rows["WIRE-1"]
    assert "<strong>not taken off:</strong> freight" in rows["BRG-1"]
    assert '<tr class="counted-disregarded" data-part="CRATE-1">' in page


def test_look_through_indents_the_inputs(rulebook) -> None:
    g = good("8484.10", transaction_value="100")
    bom = [
        line("SHEET", "6815.19", "20", row=2),
        line("INNER", "8484.10", "30", row=3, parent_part_number="SHEET"),
    ]
    out = text(evaluate_good(g, bom, rulebook, DAY))
    assert (
        "\n    [look-through] SHEET row 2 6815.19 20.00 USD: sub-assembly made by the producer"
        in out
    )
    assert "\n      [non-originating] INNER row 3 8484.10 30.00 USD, in VNM 30.00" in out


def test_a_traced_material_names_its_source_once(rulebook) -> None:
    supplier = SupplierBom(
        material="RING-1",
        supplier="Aceros SA",
        country_of_production="MX",
        currency="USD",
        evidence="statement 7",
        source="suppliers/ring.csv",
        lines=[line("STEEL", "7208.10", "2", row=2)],
    )
    g = good("8501.52", transaction_value="100")
    d = evaluate_good(
        g,
        [line("RING-1", "7318.15", "5", row=2, quantity="2")],
        rulebook,
        DAY,
        facts=Facts(supplier_boms=(supplier,)),
    )
    out = text(d)
    (traced,) = lines_of(out, "[traced]")
    assert traced.startswith("    [traced] RING-1 row 2 7318.15 5.00 USD: bought from Aceros SA")
    assert traced.endswith(
        "; source: supplier BOM suppliers/ring.csv (Aceros SA; statement statement 7)"
    )
    assert "\n      [non-originating] STEEL row 2 7208.10 4.00 USD, in VNM 4.00: " in out
    assert out.count("source: supplier BOM") == 1
    assert "from supplier BOM suppliers/ring.csv" in html(d)


def test_fungible_stock_shows_units_values_and_slices(rulebook) -> None:
    g = good("8501.52", part_number="A-0115", transaction_value="2000", shipment_date="2021-01-31")
    bom = [line("MAT-A", "3901.10", "700", status="fungible", quantity="700", row=2)]
    d = evaluate_good(
        g, bom, rulebook, dt.date(2021, 1, 31), facts=Facts(inventory=appendix_a("average"))
    )
    out = text(d)
    assert (
        "    fungible MAT-A (average method, fiscal year from 2021-01-01): withdrawal for good "
        "A-0115 (row 8), 700 units\n"
        "        462.90 originating (486.05 USD), 237.10 non-originating (248.95 USD); "
        "non-originating share of the pool 33.87%\n"
        "          pool before the withdrawal of 2021-01-15 (row 8): 462.90 originating x 1.05 = "
        "486.05 USD\n"
    ) in out
    assert "Average (per shipment): of 700 units withdrawn on 2021-01-15" in out
    shown = html_text(d)["good-1-1-materials"]
    assert "Fungible material MAT-A: average method, fiscal year from 2021-01-01" in shown
    assert (
        "462.90 units originating (486.05 USD), 237.10 non-originating (248.95 USD); "
        "non-originating share of the pool 33.87%."
    ) in shown


# --------------------------------------------------------------- intermediate tree


def test_intermediates_as_an_indented_tree_in_text(tree: Determination) -> None:
    out = text(tree)
    assert (
        "    intermediate STATOR row 2 8503.00: originating (criterion B), rule PSR-8503; "
        "NC 55.00, VNM 7.50, RVC NC 86.36%\n"
        "        counted as originating: 7.50 USD of non-originating inputs leave VNM\n"
    ) in out
    assert "        its materials: VNM 7.50 USD\n" in out
    assert (
        "          intermediate COILASM row 4 8504.50: originating (criterion B), rule "
        "PSR-8504.50; NC 18.00, VNM 6.00, RVC NC 66.67%\n"
        "              counted as originating: 6.00 USD of non-originating inputs leave VNM\n"
    ) in out
    assert (
        "    intermediate ROTOR row 6 8503.00: not-originating, rule PSR-8503; NC 35.00, "
        "VNM 10.00, RVC NC 71.43%\n"
        "        not counted as originating: designated intermediate material (row 6), but it "
        "is not-originating"
    ) in out
    assert "\n    [look-through] ROTOR row 6" in out
    assert "\n      [non-originating] SHAFT row 7 8503.00 10.00 USD, in VNM 10.00" in out
    order = [out.index(f"intermediate {p} ") for p in ("STATOR", "COILASM", "ROTOR")]
    assert order == sorted(order)


def test_intermediates_as_a_nested_tree_in_html(tree: Determination) -> None:
    page = html(tree)
    stator = page.index('<li class="intermediate" data-part="STATOR">')
    coil = page.index('<li class="intermediate" data-part="COILASM">')
    rotor = page.index('<li class="intermediate" data-part="ROTOR">')
    assert stator < page.index('<ul class="tree depth-1">') < coil < rotor
    assert page.count("<details open>") == 3
    shown = html_text(tree)["good-1-1-materials"]
    assert (
        "STATOR row 2, HS 8503.00 ORIGINATING CRITERION B rule PSR-8503; NC 55.00, VNM 7.50, "
        "RVC NC 86.36% Counted as originating: 7.50 USD of non-originating inputs leave VNM."
    ) in shown
    assert "ROTOR row 6, HS 8503.00 NOT ORIGINATING rule PSR-8503" in shown
    assert "Not counted as originating: designated intermediate material (row 6)" in shown


# -------------------------------------------------------------------------------- set


def test_a_set_in_text_and_html(rulebook) -> None:
    met, failed = a_set(rulebook, "8"), a_set(rulebook, "20")
    out = text(met)
    assert "  Set (Art. 4.17): MET: the non-originating goods in the set are 8.00" in out
    assert (
        "    PLIERS row 3 8.00 USD: non-originating (status claimed in the BOM: non-originating)"
        in out
    )
    assert (
        "    non-originating goods 8.00 USD = 8.00% of the transaction value 100.00 (limit 10%): "
        "MET\n"
    ) in out
    assert (
        "non-originating goods 20.00 USD = 20.00% of the transaction value 100.00 (limit 10%): "
        "NOT MET"
    ) in text(failed)
    shown = html_text(met, failed)
    assert (
        "non-originating goods 8.00 USD = 8.00% of the transaction value 100.00 (limit 10%) MET"
        in shown["good-1-1-set"]
    )
    assert "PLIERS material PLIERS 3 8.00 non-originating" in shown["good-1-1-set"]
    assert "Set (Art. 4.17) NOT MET" in shown["good-1-2-set"]


# ------------------------------------------------------------------------ conditions


def test_conditions_not_checked_are_shown_plainly(rulebook) -> None:
    d = evaluate_good(good(transaction_value="100"), [line("LAM", "7226.19", "10")], rulebook, DAY)
    out = text(d)
    assert "  Chapter 4 conditions:\n    Art. 4.18 Transit and transshipment: NOT CHECKED: " in out
    assert "    Art. 4.19 Non-qualifying operations: NOT CHECKED: no production steps stated" in out
    page = html(d)
    assert '<span class="badge mark-not-checked">NOT CHECKED</span>' in page
    assert ".mark-not-checked {" in page


def test_a_transit_not_met_with_its_evidence(rulebook) -> None:
    legs = (
        RoutingLeg(
            from_place="Monterrey",
            from_country="MX",
            to_place="Colon",
            to_country="PA",
            under_customs_control=False,
        ),
        RoutingLeg(from_place="Colon", from_country="PA", to_place="Houston", to_country="US"),
    )
    d = evaluate_good(
        good(transaction_value="100"),
        [line("LAM", "7226.19", "10")],
        rulebook,
        DAY,
        facts=Facts(routing=legs),
    )
    assert d.status is Status.not_originating
    out = text(d)
    assert (
        "    Art. 4.18 Transit and transshipment: NOT MET: originating status lost in transit: "
        "left customs control in Colon (PA), a non-Party"
    ) in out
    assert "      evidence: shipment.json: routing[0] Monterrey (MX) -> Colon (PA)\n" in out
    assert "  Verdict: Not originating: originating status lost in transit" in out


# ------------------------------------------------------------------------- sample 13


@pytest.fixture(scope="module")
def panama(rulebook) -> Report:
    """Sample 13 as a user runs it from the repository root (paths in the report as typed)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        return check(rulebook, PANAMA)


def test_sample_13_text_shows_transit_lost(panama: Report) -> None:
    out = renderer("text")(panama, RenderOptions())
    assert (
        "    Art. 4.18 Transit and transshipment: NOT MET: originating status lost in transit: "
        "left customs control in Colon Free Zone (PA), a non-Party (Art. 4.18(b))"
    ) in out
    assert (
        "      evidence: samples/13-panama-routing/shipment.json: routing[0] Manzanillo, Col. "
        "(MX) -> Colon Free Zone (PA)\n"
    ) in out
    verdict = out[out.index("  Verdict: ") : out.index("\n\nFlags")]
    assert " ".join(verdict.split()).startswith(
        "Verdict: Not originating: originating status lost in transit: left customs control in "
        "Colon Free Zone (PA)"
    )
    assert "(Originating under criterion B: PSR-8501 met under alternative A, B" in " ".join(
        verdict.split()
    )
    assert "  EM-750  8501.52  not-originating  -     PSR-8501" in out


def test_sample_13_html_shows_transit_lost(panama: Report) -> None:
    page = renderer("html")(panama, RenderOptions())
    shown = parse(page).text_by_id
    good_ = shown["good-1-1"]
    assert good_.startswith("EM-750 — Three-phase AC induction motor, 7.5 kW, IE3 NOT ORIGINATING")
    assert "originating status lost in transit" in good_
    conditions = shown["good-1-1-conditions"]
    assert (
        "Art. 4.18 Transit and transshipment ORIG-4.18 NOT MET originating status lost in transit"
        in conditions
    )
    assert "Art. 4.19 Non-qualifying operations ORIG-4.19 NOT CHECKED" in conditions
    row = re.search(r'<tr class="outcome-not-met" data-check="ORIG-4.18">.*?</tr>', page, re.S)
    assert row and '<span class="badge mark-not-met">NOT MET</span>' in row.group(0)


def test_sample_13_every_format_tells_the_same_story(panama: Report) -> None:
    data = json.loads(renderer("json")(panama, RenderOptions()))
    (d,) = data["shipments"][0]["determinations"]
    assert d["status"] == "not-originating" and d["criterion"] is None
    transit = next(c for c in d["conditions"] if c["id"] == "ORIG-4.18")
    assert transit["outcome"] == "not-met"

    rows = list(csv.DictReader(io.StringIO(renderer("csv")(panama, RenderOptions()), newline="")))
    (row,) = [r for r in rows if r["rule_id"] == "ORIG-4.18"]
    assert (row["good"], row["severity"], row["decision"]) == ("EM-750", "error", "not met")
    assert row["message"].startswith("originating status lost in transit")

    xml = JUnitXml.fromstring(renderer("junit")(panama, RenderOptions()).encode())
    (case,) = [c for s in xml for c in s if c.name == "ORIG-4.18 EM-750"]
    (failure,) = case.result
    assert isinstance(failure, Failure) and failure.type == "error"
    assert failure.message.startswith("originating status lost in transit")

    sarif = json.loads(renderer("sarif")(panama, RenderOptions()))
    (result,) = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "ORIG-4.18"]
    assert result["level"] == "error"
    assert result["message"]["text"].startswith("originating status lost in transit")


# ---------------------------------------------------------------- plain BOM, escaping


def test_a_plain_bom_adds_only_conditions_and_verdict(rulebook, at_root) -> None:
    out = renderer("text")(check(rulebook, "samples/01-motor-tariff-shift"), RenderOptions())
    assert "Materials as Chapter 4 counts them" not in out and "Set (Art. 4.17)" not in out
    assert (
        "  Criterion D: NOT NEEDED: the product-specific rule is met\n"
        "  Chapter 4 conditions:\n"
        "    Art. 4.18 Transit and transshipment: MET: routed only through the territory of the "
        "Parties\n"
        "    Art. 4.19 Non-qualifying operations: NOT CHECKED: no production steps stated\n"
        "  Verdict: Originating under criterion B: PSR-8501 met under alternative A, B [RVC 80.03%\n"
        "    (transaction value), RVC 77.47% (net cost)]\n"
    ) in out


def test_hostile_text_in_the_new_sections_is_escaped(tree: Determination) -> None:
    data = tree.model_dump(mode="json")
    data["materials"]["lines"][0]["reason"] = HOSTILE
    data["materials"]["intermediates"][0]["determination"]["message"] = HOSTILE
    data["conditions"][0]["reason"] = HOSTILE
    data["conditions"][0]["evidence"] = [HOSTILE]
    page = html(Determination.model_validate(data))
    assert "<script" not in page.lower()
    assert page.count("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;") == 4
