"""Transit and transshipment flags (Art. 4.18): TRANS001-TRANS004 on hand-built shipments."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from roo_check.engine.evaluate import evaluate_good, evaluate_shipment
from roo_check.engine.flags import CHECKS
from roo_check.engine.flags.context import ShipmentContext
from roo_check.engine.process import step_words as normalise_operation
from roo_check.loaders import load_path
from roo_check.models.findings import FindingKind, Severity
from roo_check.models.shipment import Shipment, ShipmentFile, SourceFile
from roo_check.rulebook.flag_params import DwellParams, OperationsParams
from roo_check.rulebook.load import load_rulebook
from tests.unit.builders import good, line

DAY = dt.date(2026, 3, 1)
ROOT = Path(__file__).resolve().parents[2]
SHIPMENT_FILE = "in/shipment.json"
MINE = ("TRANS", "ECON")


@pytest.fixture(scope="module")
def rulebook():
    return load_rulebook()


def leg(frm: str, to: str, **fields: object) -> dict[str, object]:
    """A routing leg between 'Place/CC' strings."""
    from_place, from_country = frm.split("/")
    to_place, to_country = to.split("/")
    return {
        "from_place": from_place,
        "from_country": from_country,
        "to_place": to_place,
        "to_country": to_country,
        **fields,
    }


def context(
    rulebook,
    routing: list[dict[str, object]] | None = None,
    issuer_country: str | None = "MX",
    goods: tuple[str, ...] = ("G-1",),
    invoice: bool = True,
) -> ShipmentContext:
    goods_ = [good(part_number=p) for p in goods]
    bom = [line("M-1", "7226.19", "100", good_part_number=p) for p in goods]
    data: dict[str, object] = {"shipment_id": "S-1", "routing": routing or []}
    if invoice:
        issuer: dict[str, object] = {"name": "Trading House Ltd"}
        if issuer_country:
            issuer["country"] = issuer_country
        data["invoice"] = {
            "number": "INV-1",
            "date": "2026-03-01",
            "issuer": issuer,
            "lines": [
                {"good_part_number": p, "quantity": 1, "unit_price": "500", "currency": "USD"}
                for p in goods
            ],
        }
    shipment = ShipmentFile(
        name="S-1",
        goods=goods_,
        bom=bom,
        shipment=Shipment.model_validate(data),
        sources=[SourceFile(path=SHIPMENT_FILE, sha256="0" * 64, role="shipment")],
    )
    determinations = [
        evaluate_good(g, shipment.materials_of(g.part_number), rulebook, DAY) for g in goods_
    ]
    return ShipmentContext.build(
        shipment, determinations, rulebook.parties, rulebook.chapter4.transit
    )


def run(rulebook, flag_id: str, ctx: ShipmentContext, params=None):
    rule = rulebook.flag(flag_id)
    return CHECKS[rule.check](rule, params or rule.typed_params(), ctx)


VIA_COLON = [
    leg("Manzanillo/MX", "Colon/PA", departure="2026-02-01", arrival="2026-02-05",
        under_customs_control=False, operations=["unloading", "relabelling"]),
    leg("Colon/PA", "Long Beach/US", departure="2026-02-26", arrival="2026-03-06",
        under_customs_control=True, operations=["unloading"]),
]  # fmt: skip


# ---- TRANS001 customs control ------------------------------------------------------------


def test_trans001_fires_when_goods_left_customs_control_in_a_non_party(rulebook):
    [finding] = run(rulebook, "TRANS001", context(rulebook, VIA_COLON))
    assert finding.rule_id == "TRANS001"
    assert finding.kind is FindingKind.flag
    assert finding.severity is Severity.error
    assert finding.good_part_number is None
    assert "Art. 4.18(b)" in finding.citation
    assert "left customs control in Colon (PA)" in finding.message
    [evidence] = finding.evidence
    assert evidence.source == SHIPMENT_FILE
    assert evidence.location == "routing[0] Manzanillo (MX) -> Colon (PA)"
    assert evidence.field == "under_customs_control"
    assert evidence.value == "false"
    assert finding.figures == {"country": "PA", "under_customs_control": "false"}


def test_trans001_with_no_statement_of_customs_control_fires_asking_for_the_record(rulebook):
    routing = [leg("Manzanillo/MX", "Colon/PA"), leg("Colon/PA", "Long Beach/US")]
    [finding] = run(rulebook, "TRANS001", context(rulebook, routing))
    assert "no record of customs control" in finding.message
    assert "19 CFR 182.15" in finding.message
    assert finding.evidence[0].value == "not given"


def test_trans001_does_not_fire_when_the_goods_stayed_under_customs_control(rulebook):
    routing = [
        leg("Manzanillo/MX", "Colon/PA", under_customs_control=True),
        leg("Colon/PA", "Long Beach/US", under_customs_control=False),
    ]
    assert run(rulebook, "TRANS001", context(rulebook, routing)) == []


def test_trans001_a_leg_ending_in_a_party_never_fires(rulebook):
    routing = [
        leg("Celaya/MX", "Nuevo Laredo/MX", under_customs_control=False),
        leg("Nuevo Laredo/MX", "Laredo/US"),
        leg("Laredo/US", "Toronto/CA", under_customs_control=False),
    ]
    assert run(rulebook, "TRANS001", context(rulebook, routing)) == []


def test_trans001_is_one_finding_per_stop_not_per_good(rulebook):
    routing = [
        leg("Manzanillo/MX", "Colon/PA", under_customs_control=False),
        leg("Colon/PA", "Kingston/JM", under_customs_control=False),
        leg("Kingston/JM", "Miami/US", under_customs_control=True),
    ]
    findings = run(rulebook, "TRANS001", context(rulebook, routing, goods=("G-1", "G-2", "G-3")))
    assert [f.evidence[0].location for f in findings] == [
        "routing[0] Manzanillo (MX) -> Colon (PA)",
        "routing[1] Colon (PA) -> Kingston (JM)",
    ]
    assert all(f.good_part_number is None for f in findings)


def test_trans001_without_shipment_documents_says_nothing(rulebook):
    ctx = context(rulebook, VIA_COLON)
    bare = dataclasses.replace(ctx, shipment=ctx.shipment.model_copy(update={"shipment": None}))
    assert run(rulebook, "TRANS001", bare) == []


# ---- TRANS002 operations -----------------------------------------------------------------


def test_trans002_relabelling_in_a_non_party_fires_and_names_the_operation(rulebook):
    [finding] = run(rulebook, "TRANS002", context(rulebook, VIA_COLON))
    assert finding.severity is Severity.error
    assert finding.good_part_number is None
    assert "'relabelling' at Colon (PA)" in finding.message
    assert "only when required by the importing Party" in finding.message
    assert finding.figures["operations"] == "relabelling"
    [evidence] = finding.evidence  # 'unloading' is permitted and not named
    assert evidence.location == "routing[0] Manzanillo (MX) -> Colon (PA)"
    assert evidence.field == "operations[1]"
    assert evidence.value == "relabelling"


def test_trans002_every_offending_operation_of_a_stop_is_named_in_one_finding(rulebook):
    routing = [
        leg("Shanghai/CN", "Colon/PA", operations=["Repacking", "re-labeling", "storage"]),
        leg("Colon/PA", "Long Beach/US"),
    ]
    [finding] = run(rulebook, "TRANS002", context(rulebook, routing))
    assert "'Repacking', 're-labeling'" in finding.message
    assert [e.field for e in finding.evidence] == ["operations[0]", "operations[1]"]


@pytest.mark.parametrize(
    "operation",
    [
        "unloading",
        "Reloading",
        "re-loading",
        "  Storage ",
        "separation from a bulk shipment",
        "Labeling required by the importing Party",
        "labelling  required by the importing party",
        "Marking required by the importing Party",
        "customs inspection",
        "refrigeration",
    ],
)
def test_trans002_operations_art_4_18_permits_do_not_fire(rulebook, operation):
    routing = [leg("Manzanillo/MX", "Colon/PA", operations=[operation]), leg("Colon/PA", "LA/US")]
    assert run(rulebook, "TRANS002", context(rulebook, routing)) == []


@pytest.mark.parametrize(
    "operation", ["labelling", "labeling", "relabelling", "repacking", "kitting", "assembly"]
)
def test_trans002_labelling_not_required_by_the_importing_party_fires(rulebook, operation):
    routing = [leg("Manzanillo/MX", "Colon/PA", operations=[operation]), leg("Colon/PA", "LA/US")]
    [finding] = run(rulebook, "TRANS002", context(rulebook, routing))
    assert operation in finding.message


def test_trans002_operations_in_a_party_are_not_its_concern(rulebook):
    routing = [leg("Monterrey/MX", "Houston/US", operations=["relabelling", "repacking"])]
    assert run(rulebook, "TRANS002", context(rulebook, routing)) == []


def test_trans002_uses_the_permitted_list_it_is_given(rulebook):
    routing = [leg("Manzanillo/MX", "Colon/PA", operations=["Unloading"]), leg("Colon/PA", "LA/US")]
    ctx = context(rulebook, routing)
    assert run(rulebook, "TRANS002", ctx, OperationsParams(permitted=["UNLOADING"])) == []
    [finding] = run(rulebook, "TRANS002", ctx, OperationsParams(permitted=["storage"]))
    assert "only when required" not in finding.message


def test_operations_are_compared_as_normalised_words():
    assert normalise_operation("  Re-Labeling   goods ") == "re labelling goods"
    assert normalise_operation("LABELED") == "labelled"
    assert normalise_operation("Separation\tfrom  bulk") == "separation from bulk"


def test_trans002_uses_the_words_that_decide_origin(rulebook):
    """One vocabulary: the flag judges operations by ORIG-4.18's words (chapter-4-articles.yaml),
    so a marking the importing Party requires is neither a flag nor a lost origin."""
    assert rulebook.flag("TRANS002").typed_params().permitted is None
    words = [w for op in rulebook.chapter4.transit.permitted for w in op.words]
    assert [normalise_operation(w) for w in words] == words
    required = "country of origin marking required by the importing party"
    stop = {**VIA_COLON[0], "operations": [required, "relabelling"]}
    [finding] = run(rulebook, "TRANS002", context(rulebook, [stop, VIA_COLON[1]]))
    assert [e.value for e in finding.evidence] == ["relabelling"]


# ---- TRANS003 third-country invoice ------------------------------------------------------


def test_trans003_invoice_issued_in_a_non_party_fires(rulebook):
    [finding] = run(rulebook, "TRANS003", context(rulebook, issuer_country="HK"))
    assert finding.severity is Severity.warning
    assert finding.good_part_number is None
    assert "Trading House Ltd" in finding.message and "HK" in finding.message
    [evidence] = finding.evidence
    assert (evidence.source, evidence.location, evidence.field, evidence.value) == (
        SHIPMENT_FILE,
        "invoice.issuer",
        "country",
        "HK",
    )
    assert evidence.supplier == "Trading House Ltd"


@pytest.mark.parametrize("country", ["MX", "US", "CA"])
def test_trans003_invoice_issued_in_a_party_does_not_fire(rulebook, country):
    assert run(rulebook, "TRANS003", context(rulebook, issuer_country=country)) == []


def test_trans003_issuer_without_a_country_or_no_invoice_does_not_fire(rulebook):
    assert run(rulebook, "TRANS003", context(rulebook, issuer_country=None)) == []
    assert run(rulebook, "TRANS003", context(rulebook, invoice=False)) == []


# ---- TRANS004 dwell ----------------------------------------------------------------------


def test_trans004_long_wait_in_a_non_party_fires_with_the_dates(rulebook):
    [finding] = run(rulebook, "TRANS004", context(rulebook, VIA_COLON))
    assert finding.severity is Severity.warning
    assert finding.figures == {
        "arrival": "2026-02-05",
        "departure": "2026-02-26",
        "dwell_days": "21",
    }
    assert finding.threshold == "14 days"
    assert "21 days in Colon (PA)" in finding.message
    assert [(e.location, e.field) for e in finding.evidence] == [
        ("routing[0] Manzanillo (MX) -> Colon (PA)", "arrival"),
        ("routing[1] Colon (PA) -> Long Beach (US)", "departure"),
    ]


@pytest.mark.parametrize(("departure", "fires"), [("2026-02-19", False), ("2026-02-20", True)])
def test_trans004_exactly_the_limit_does_not_fire(rulebook, departure, fires):
    routing = [
        leg("Manzanillo/MX", "Colon/PA", arrival="2026-02-05"),
        leg("Colon/PA", "Long Beach/US", departure=departure),
    ]
    assert bool(run(rulebook, "TRANS004", context(rulebook, routing))) is fires


def test_trans004_missing_dates_do_not_fire(rulebook):
    no_arrival = [
        leg("Manzanillo/MX", "Colon/PA"),
        leg("Colon/PA", "LA/US", departure="2026-09-01"),
    ]
    no_departure = [
        leg("Manzanillo/MX", "Colon/PA", arrival="2026-01-01"),
        leg("Colon/PA", "LA/US"),
    ]
    assert run(rulebook, "TRANS004", context(rulebook, no_arrival)) == []
    assert run(rulebook, "TRANS004", context(rulebook, no_departure)) == []


def test_trans004_a_wait_in_a_party_or_at_the_end_does_not_fire(rulebook):
    in_party = [
        leg("Monterrey/MX", "Houston/US", arrival="2026-01-01"),
        leg("Houston/US", "Calgary/CA", departure="2026-03-01"),
    ]
    last_leg = [leg("Monterrey/MX", "Colon/PA", arrival="2026-01-01")]
    assert run(rulebook, "TRANS004", context(rulebook, in_party)) == []
    assert run(rulebook, "TRANS004", context(rulebook, last_leg)) == []


def test_trans004_uses_the_configured_limit(rulebook):
    ctx = context(rulebook, VIA_COLON)
    assert run(rulebook, "TRANS004", ctx, DwellParams(max_days=21)) == []
    [finding] = run(rulebook, "TRANS004", ctx, DwellParams(max_days=0))
    assert finding.threshold == "0 days"


# ---- the bundled samples -----------------------------------------------------------------


@pytest.mark.parametrize("sample", ["01-motor-tariff-shift", "02-boiler-rvc"])
def test_bundled_samples_raise_no_transit_or_price_flag(rulebook, sample):
    mine = dataclasses.replace(
        rulebook, flags=tuple(f for f in rulebook.flags if f.id.startswith(MINE))
    )
    assert {f.id[:4] for f in mine.flags} == {"TRAN", "ECON"}
    result = evaluate_shipment(load_path(ROOT / "samples" / sample), mine)
    assert [f for f in result.findings if f.kind is FindingKind.flag] == []
