"""Certificate flags CERT001-CERT009, one check at a time, on variations of sample 01.

Sample 01 (an electric motor, producer-certified blanket certificate) and sample 02 (a
boiler, exporter-certified single-shipment certificate) are clean: every test starts from
one of them and changes only what it is about.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from roo_check.engine.evaluate import evaluate_good
from roo_check.engine.flags.certificate import CHECKS, latest_blanket_end, months_later
from roo_check.engine.flags.context import ShipmentContext
from roo_check.engine.flags.names import (
    compare_names,
    normalise_name,
    placeholder,
    plain,
    similarity,
)
from roo_check.loaders import load_path
from roo_check.models.certificate import Certificate
from roo_check.models.findings import Finding
from roo_check.models.goods import BomLine, Good
from roo_check.models.shipment import Shipment, ShipmentFile
from roo_check.rulebook.flag_params import BlanketParams, PartyMatchParams, SignatureParams
from roo_check.rulebook.index import Rulebook
from roo_check.rulebook.load import load_rulebook

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
SHIPPED = dt.date(2026, 10, 12)  # sample 01's shipment and invoice date


@pytest.fixture(scope="module")
def rulebook() -> Rulebook:
    return load_rulebook()


@pytest.fixture(scope="module")
def motor() -> ShipmentFile:
    return load_path(SAMPLES / "01-motor-tariff-shift")


@pytest.fixture(scope="module")
def boiler() -> ShipmentFile:
    return load_path(SAMPLES / "02-boiler-rvc")


def cert(base: ShipmentFile, **changes: Any) -> Certificate:
    """The base certificate with some elements replaced (None removes an optional one)."""
    assert base.certificate is not None
    data = base.certificate.model_dump(mode="json", exclude_none=True)
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return Certificate.model_validate(data)


def party(base: ShipmentFile, element: str, **changes: Any) -> dict[str, Any]:
    """One party of the base certificate as a dict, with some fields changed or removed."""
    data = getattr(base.certificate, element).model_dump(mode="json", exclude_none=True)
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def shipment(
    base: ShipmentFile,
    certificate: Certificate | str | None = "keep",
    goods: list[Good] | None = None,
    bom: list[BomLine] | None = None,
    **header: Any,
) -> ShipmentFile:
    """The base shipment file with its certificate, goods, BOM or shipment header changed."""
    update: dict[str, Any] = {}
    if certificate != "keep":
        update["certificate"] = certificate
    if goods is not None:
        update["goods"] = goods
    if bom is not None:
        update["bom"] = bom
    if header:
        assert base.shipment is not None
        data = base.shipment.model_dump(mode="json", exclude_none=True)
        for key, value in header.items():
            if value is None:
                data.pop(key, None)
            else:
                data[key] = value
        update["shipment"] = Shipment.model_validate(data)
    return base.model_copy(update=update)


def good_of(base: ShipmentFile, **changes: Any) -> Good:
    data = base.goods[0].model_dump(mode="json", exclude_none=True)
    data.update(changes)
    return Good.model_validate({k: v for k, v in data.items() if v is not None})


def run(
    rule_id: str,
    file: ShipmentFile,
    rulebook: Rulebook,
    on: dt.date = SHIPPED,
    params: Any = None,
) -> list[Finding]:
    """Decide every good on ``on``, then run the one flag check ``rule_id``."""
    rule = next(r for r in rulebook.flags if r.id == rule_id)
    determinations = [
        evaluate_good(g, file.materials_of(g.part_number), rulebook, on) for g in file.goods
    ]
    ctx = ShipmentContext.build(file, determinations, rulebook.parties)
    findings = CHECKS[rule.check](rule, params or rule.typed_params(), ctx)
    for finding in findings:
        assert finding.rule_id == rule_id
        assert finding.message.endswith(".") and "\n" not in finding.message
        assert finding.evidence, finding
    return findings


def paths(finding: Finding) -> list[str | None]:
    return [e.location for e in finding.evidence]


# ---- names.py ------------------------------------------------------------------------------


def test_plain_strips_case_accents_and_punctuation():
    assert plain("  Motores del Bajío, S.A. de C.V. ") == "motores del bajio s a de c v"
    assert plain("Société Générale") == "societe generale"
    assert plain("STRASSE") == plain("straße")  # casefold, not lower


@pytest.mark.parametrize(
    ("written", "normalised"),
    [
        ("Motores del Bajio SA de CV", "motores del bajio"),
        ("Motores del Bajío, S.A. de C.V.", "motores del bajio"),
        ("Baosteel Trading Co., Ltd.", "baosteel trading"),
        ("Great Lakes Pump Systems, Inc.", "great lakes pump systems"),
        ("Company", "company"),  # a name that is only a legal form is kept
        ("Cobalt Supply", "cobalt supply"),  # "co" only as a whole word at the end
    ],
)
def test_normalise_name_drops_trailing_legal_forms(written, normalised):
    assert normalise_name(written) == normalised


def test_configured_suffixes_are_normalised_like_names():
    assert normalise_name("Acme K.K.", ["K.K."]) == "acme"
    assert normalise_name("Acme K.K.", []) == "acme k k"


def test_similarity_is_floored_so_the_shown_figure_is_the_compared_one():
    value = similarity("abcdefghij", "abcdefghix")
    assert value == Decimal("0.900")
    assert similarity("", "") == 1
    assert similarity("acme", "zzzz") == 0


def test_comparison_explains_both_names_and_normal_forms():
    comparison = compare_names("Acme Inc", "Shell Trading LLC", Decimal("0.85"), ["inc", "llc"])
    assert not comparison.same
    text = comparison.explain()
    assert "'Acme Inc'" in text and "'acme'" in text
    assert "'Shell Trading LLC'" in text and "'shell trading'" in text
    assert "below 0.85" in text


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Various", "various"),
        ("VARIOUS (see attached list)", "various"),
        ("Varios", "various"),
        ("Available upon request by the importing authorities", "upon request"),
        ("Disponible a solicitud de las autoridades", "upon request"),
        ("Unknown", "unknown"),
        ("Varios Industriales SA", None),
        ("Unknown Pleasures LLC", None),
        (None, None),
    ],
)
def test_placeholder_recognises_annex_5a_statements(name, kind):
    assert placeholder(name) == kind


# ---- dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "months", "latest"),
    [
        ("2026-01-01", 12, "2026-12-31"),
        ("2026-07-15", 12, "2027-07-14"),
        ("2025-12-15", 12, "2026-12-14"),
        ("2024-02-29", 12, "2025-02-28"),  # no 29 Feb in 2025: up to the end of February
        ("2023-03-01", 12, "2024-02-29"),  # leap year end
        ("2026-08-31", 6, "2027-02-28"),
        ("2026-01-31", 1, "2026-02-28"),
        ("2024-02-29", 48, "2028-02-28"),
    ],
)
def test_latest_blanket_end(start, months, latest):
    assert latest_blanket_end(dt.date.fromisoformat(start), months).isoformat() == latest


def test_months_later_rolls_a_missing_day_to_the_next_month():
    assert months_later(dt.date(2024, 2, 29), 12) == dt.date(2025, 3, 1)
    assert months_later(dt.date(2024, 2, 29), 48) == dt.date(2028, 2, 29)
    assert months_later(dt.date(2026, 11, 30), 3) == dt.date(2027, 3, 1)


# ---- every check -----------------------------------------------------------------------------

ALL = [f"CERT00{i}" for i in range(1, 10)]


@pytest.mark.parametrize("rule_id", ALL)
def test_clean_samples_raise_no_certificate_flag(rule_id, motor, boiler, rulebook):
    assert run(rule_id, motor, rulebook) == []
    assert run(rule_id, boiler, rulebook, on=dt.date(2026, 10, 2)) == []


@pytest.mark.parametrize("rule_id", ALL)
def test_no_certificate_no_certificate_flag(rule_id, motor, rulebook):
    assert run(rule_id, shipment(motor, certificate=None), rulebook) == []


def test_every_rule_of_the_file_has_a_check(rulebook):
    cert_rules = [r for r in rulebook.flags if r.id.startswith("CERT")]
    assert sorted(r.id for r in cert_rules) == ALL
    assert {r.check for r in cert_rules} == set(CHECKS)


# ---- CERT001 missing element -----------------------------------------------------------------


def test_certifier_without_address_and_country(motor, rulebook):
    certifier = party(motor, "certifier", address=None, country=None)
    (finding,) = run("CERT001", shipment(motor, cert(motor, certifier=certifier)), rulebook)
    assert finding.good_part_number is None
    assert finding.subject == "2 certifier"
    assert "address and country" in finding.message
    assert paths(finding) == ["certifier.address", "certifier.country"]
    assert all(e.value == "(missing)" for e in finding.evidence)
    assert finding.evidence[0].source.endswith("certificate.xml")


def test_certifier_without_phone_or_email_only_is_not_flagged(motor, rulebook):
    certifier = party(motor, "certifier", phone=None, email=None, title=None)
    assert run("CERT001", shipment(motor, cert(motor, certifier=certifier)), rulebook) == []


def test_missing_certifier_address_notes_missing_recommended_details(motor, rulebook):
    certifier = party(motor, "certifier", address=None, phone=None)
    (finding,) = run("CERT001", shipment(motor, cert(motor, certifier=certifier)), rulebook)
    assert "phone" in (finding.evidence[0].note or "")


def test_exporter_missing_from_a_producer_certificate(motor, rulebook):
    (finding,) = run("CERT001", shipment(motor, cert(motor, exporter=None)), rulebook)
    assert finding.subject == "3 exporter"
    assert "'Unknown'" in finding.message
    assert paths(finding) == ["exporter"]


def test_exporter_unknown_from_a_producer_is_accepted(motor, rulebook):
    file = shipment(motor, cert(motor, exporter={"name": "Unknown"}))
    assert run("CERT001", file, rulebook) == []


def test_exporter_unknown_from_an_importer_is_flagged(motor, rulebook):
    importer = party(motor, "importer")
    file = shipment(
        motor,
        cert(motor, certifier_role="importer", certifier=importer, exporter={"name": "Unknown"}),
    )
    (finding,) = run("CERT001", file, rulebook)
    assert finding.subject == "3 exporter" and "Unknown" in finding.message


def test_exporter_certifier_needs_no_exporter_element(boiler, rulebook):
    assert boiler.certificate is not None and boiler.certificate.exporter is None
    assert run("CERT001", boiler, rulebook, on=dt.date(2026, 10, 2)) == []


def test_exporter_named_without_address(motor, rulebook):
    exporter = party(motor, "exporter", address=None)
    (finding,) = run("CERT001", shipment(motor, cert(motor, exporter=exporter)), rulebook)
    assert finding.subject == "3 exporter" and paths(finding) == ["exporter.address"]


def test_producer_missing_when_the_exporter_certifies(boiler, rulebook):
    (finding,) = run(
        "CERT001", shipment(boiler, cert(boiler, producer=None)), rulebook, dt.date(2026, 10, 2)
    )
    assert finding.subject == "4 producer" and "Various" in finding.message


@pytest.mark.parametrize(
    "stated", ["Various", "Available upon request by the importing authorities"]
)
def test_producer_stated_as_various_or_upon_request_is_accepted(boiler, rulebook, stated):
    file = shipment(boiler, cert(boiler, producer={"name": stated}))
    assert run("CERT001", file, rulebook, dt.date(2026, 10, 2)) == []


def test_producer_stated_as_unknown_is_flagged(boiler, rulebook):
    file = shipment(boiler, cert(boiler, producer={"name": "Unknown"}))
    (finding,) = run("CERT001", file, rulebook, dt.date(2026, 10, 2))
    assert finding.subject == "4 producer" and paths(finding) == ["producer.name"]


def test_producer_certifier_needs_no_producer_element(motor, rulebook):
    assert run("CERT001", shipment(motor, cert(motor, producer=None)), rulebook) == []


def test_importer_missing_says_if_known(motor, rulebook):
    (finding,) = run("CERT001", shipment(motor, cert(motor, importer=None)), rulebook)
    assert finding.subject == "5 importer" and "if known" in finding.message
    assert finding.severity.value == "error"  # the rule's severity, from the data


def test_importer_certifier_needs_no_importer_element(motor, rulebook):
    importer = party(motor, "importer")
    file = shipment(
        motor, cert(motor, certifier_role="importer", certifier=importer, importer=None)
    )
    assert run("CERT001", file, rulebook) == []


def test_importer_stated_unknown_is_accepted(motor, rulebook):
    assert (
        run("CERT001", shipment(motor, cert(motor, importer={"name": "Unknown"})), rulebook) == []
    )


def test_neither_blanket_period_nor_invoice_number(motor, rulebook):
    (finding,) = run("CERT001", shipment(motor, cert(motor, blanket_period=None)), rulebook)
    assert finding.subject == "8 blanket period"
    assert paths(finding) == ["blanket_period", "invoice_number"]


def test_single_shipment_certificate_with_invoice_number_needs_no_period(motor, rulebook):
    file = shipment(motor, cert(motor, blanket_period=None, invoice_number="FAC-A-20417"))
    assert run("CERT001", file, rulebook) == []


def test_unsigned_certificate(motor, rulebook):
    signature = {"name": "Laura Mendez Ortiz", "date": "2025-12-19", "signed": False}
    (finding,) = run("CERT001", shipment(motor, cert(motor, signature=signature)), rulebook)
    assert finding.subject == "9 signature" and paths(finding) == ["signature.signed"]


def test_one_finding_per_missing_element(motor, rulebook):
    file = shipment(motor, cert(motor, exporter=None, importer=None, blanket_period=None))
    findings = run("CERT001", file, rulebook)
    assert [f.subject for f in findings] == ["3 exporter", "5 importer", "8 blanket period"]


# ---- CERT002 certifier role ------------------------------------------------------------------


def test_producer_certifier_other_than_the_producer_named(motor, rulebook):
    certifier = party(motor, "certifier", name="Border Certificates LLC")
    (finding,) = run("CERT002", shipment(motor, cert(motor, certifier=certifier)), rulebook)
    assert finding.subject == "certifier name" and finding.good_part_number is None
    assert "'Border Certificates LLC'" in finding.message
    assert paths(finding) == ["certifier.name", "producer.name"]
    assert "normalised 'border certificates'" in (finding.evidence[0].note or "")
    assert finding.threshold == "0.85"


def test_producer_certifier_name_written_differently_is_the_same(motor, rulebook):
    certifier = party(motor, "certifier", name="MOTORES DEL BAJÍO, S.A. de C.V.")
    assert run("CERT002", shipment(motor, cert(motor, certifier=certifier)), rulebook) == []


def test_producer_certifier_against_the_goods_producer_when_no_producer_named(motor, rulebook):
    certifier = party(motor, "certifier", name="Border Certificates LLC")
    file = shipment(motor, cert(motor, certifier=certifier, producer=None))
    (finding,) = run("CERT002", file, rulebook)
    assert finding.good_part_number == "EM-750"
    assert finding.evidence[1].source.endswith("goods.csv")
    assert finding.evidence[1].field == "producer"


def test_producer_certifier_matching_the_goods_producer(motor, rulebook):
    file = shipment(motor, cert(motor, producer={"name": "Various"}))
    assert run("CERT002", file, rulebook) == []


def test_exporter_certifier_outside_the_parties(boiler, rulebook):
    certifier = party(boiler, "certifier", country="CN")
    file = shipment(boiler, cert(boiler, certifier=certifier))
    (finding,) = run("CERT002", file, rulebook, dt.date(2026, 10, 2))
    assert finding.subject == "certifier country"
    assert finding.figures["certifier_country"] == "CN"
    assert paths(finding) == ["certifier.country"]


def test_exporter_certifier_naming_another_exporter(boiler, rulebook):
    file = shipment(boiler, cert(boiler, exporter={"name": "Shell Export SA", "country": "MX"}))
    (finding,) = run("CERT002", file, rulebook, dt.date(2026, 10, 2))
    assert paths(finding) == ["certifier.name", "exporter.name"]


def test_importer_certifier_in_another_country_than_the_importer(motor, rulebook):
    certifier = party(motor, "importer", country="MX")
    file = shipment(motor, cert(motor, certifier_role="importer", certifier=certifier))
    (finding,) = run("CERT002", file, rulebook)
    assert finding.subject == "certifier country"
    assert finding.figures == {
        "certifier_role": "importer",
        "certifier_country": "MX",
        "importer_country": "US",
    }


def test_importer_certifier_naming_another_importer(motor, rulebook):
    certifier = party(motor, "importer", name="Someone Else Trading Inc")
    file = shipment(motor, cert(motor, certifier_role="importer", certifier=certifier))
    (finding,) = run("CERT002", file, rulebook)
    assert finding.subject == "certifier name"


def test_importer_certifier_who_is_the_importer(motor, rulebook):
    file = shipment(
        motor, cert(motor, certifier_role="importer", certifier=party(motor, "importer"))
    )
    assert run("CERT002", file, rulebook) == []


# ---- CERT003 blanket period ------------------------------------------------------------------


def blanket(base: ShipmentFile, start: str, end: str) -> ShipmentFile:
    return shipment(base, cert(base, blanket_period={"start": start, "end": end}))


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2026-01-01", "2026-12-31"),
        ("2026-07-15", "2027-07-14"),
        ("2024-02-29", "2025-02-28"),
        ("2026-01-01", "2026-01-01"),
    ],
)
def test_blanket_period_of_at_most_12_months(motor, rulebook, start, end):
    assert run("CERT003", blanket(motor, start, end), rulebook) == []


@pytest.mark.parametrize(
    ("start", "end", "latest"),
    [
        ("2026-01-01", "2027-01-01", "2026-12-31"),
        ("2026-07-15", "2027-07-15", "2027-07-14"),
        ("2024-02-29", "2025-03-01", "2025-02-28"),
    ],
)
def test_blanket_period_one_day_too_long(motor, rulebook, start, end, latest):
    (finding,) = run("CERT003", blanket(motor, start, end), rulebook)
    assert finding.figures["latest_end"] == latest
    assert finding.threshold == "12 months"
    assert "longer than 12 months" in finding.message
    assert paths(finding) == ["blanket_period.start", "blanket_period.end"]


def test_blanket_period_ending_before_it_starts(motor, rulebook):
    (finding,) = run("CERT003", blanket(motor, "2026-06-01", "2026-05-31"), rulebook)
    assert "before it starts" in finding.message


def test_blanket_period_limit_is_a_parameter(motor, rulebook):
    file = blanket(motor, "2026-01-01", "2026-06-30")
    assert run("CERT003", file, rulebook, params=BlanketParams(max_months=6)) == []
    (finding,) = run("CERT003", file, rulebook, params=BlanketParams(max_months=5))
    assert finding.figures["latest_end"] == "2026-05-31"


# ---- CERT004 shipment outside the blanket period ---------------------------------------------


@pytest.mark.parametrize(
    ("start", "end"), [("2026-10-12", "2027-10-11"), ("2025-10-13", "2026-10-12")]
)
def test_shipment_on_the_first_or_last_day_is_covered(motor, rulebook, start, end):
    assert run("CERT004", blanket(motor, start, end), rulebook) == []


def test_shipment_before_the_blanket_period(motor, rulebook):
    (finding,) = run("CERT004", blanket(motor, "2026-11-01", "2027-10-31"), rulebook)
    assert finding.subject == "shipment date" and finding.good_part_number is None
    assert "before the period starts" in finding.message
    assert finding.figures["date"] == "2026-10-12"
    assert finding.evidence[0].source.endswith("shipment.json")
    assert paths(finding) == ["shipment_date", "blanket_period.start", "blanket_period.end"]


def test_invoice_date_when_the_shipment_has_no_date(motor, rulebook):
    file = shipment(blanket(motor, "2025-01-01", "2025-12-31"), shipment_date=None)
    (finding,) = run("CERT004", file, rulebook)
    assert "after the period ends" in finding.message
    assert finding.evidence[0].location == "invoice.date"
    assert finding.figures["date_source"] == "invoice FAC-A-20417 date"


def test_goods_shipment_date_when_there_is_no_shipment_file(motor, rulebook):
    base = blanket(motor, "2025-01-01", "2025-12-31")
    file = base.model_copy(update={"shipment": None})
    (finding,) = run("CERT004", file, rulebook)
    assert finding.good_part_number == "EM-750"
    assert finding.evidence[0].source.endswith("goods.csv")
    assert finding.evidence[0].field == "shipment_date"


def test_no_blanket_period_nothing_to_be_outside_of(boiler, rulebook):
    assert run("CERT004", boiler, rulebook, dt.date(2026, 10, 2)) == []


# ---- CERT005 signature date ------------------------------------------------------------------


def signed_on(base: ShipmentFile, day: str) -> ShipmentFile:
    signature = {"name": "Laura Mendez Ortiz", "date": day, "signed": True}
    return shipment(base, cert(base, signature=signature))


def test_signed_on_the_shipment_day(motor, rulebook):
    assert run("CERT005", signed_on(motor, "2026-10-12"), rulebook) == []


def test_signed_after_the_shipment(motor, rulebook):
    (finding,) = run("CERT005", signed_on(motor, "2026-10-13"), rulebook, on=dt.date(2026, 11, 1))
    assert "after the shipment date 2026-10-12" in finding.message
    assert "evaluation date" not in finding.message
    assert paths(finding) == ["signature.date", "shipment_date"]


def test_signed_after_the_evaluation_date(motor, rulebook):
    (finding,) = run("CERT005", signed_on(motor, "2026-06-01"), rulebook, on=dt.date(2026, 5, 1))
    assert "after the evaluation date 2026-05-01" in finding.message
    assert "shipment" not in finding.message
    assert finding.figures["evaluation_date"] == "2026-05-01"


def test_signed_before_usmca(motor, rulebook):
    (finding,) = run("CERT005", signed_on(motor, "2020-06-30"), rulebook)
    assert "before USMCA entered into force on 2020-07-01" in finding.message
    assert "more than 4 years" in finding.message  # and too old for a 2026 shipment


def test_signed_on_the_day_usmca_entered_into_force(motor, rulebook):
    file = shipment(signed_on(motor, "2020-07-01"), shipment_date="2024-07-01")
    assert run("CERT005", file, rulebook, on=dt.date(2024, 7, 1)) == []


def test_signed_exactly_four_years_before(motor, rulebook):
    assert run("CERT005", signed_on(motor, "2022-10-12"), rulebook) == []


def test_signed_four_years_and_a_day_before(motor, rulebook):
    (finding,) = run("CERT005", signed_on(motor, "2022-10-11"), rulebook)
    assert "more than 4 years before the shipment date 2026-10-12" in finding.message
    assert finding.figures["accepted_until"] == "2026-10-11"
    assert finding.threshold == "4 years"


def test_signature_age_is_a_parameter(motor, rulebook):
    file = signed_on(motor, "2022-10-11")
    assert run("CERT005", file, rulebook, params=SignatureParams(max_age_years=5)) == []


def test_leap_day_signature_age(motor, rulebook):
    file = shipment(signed_on(motor, "2024-02-29"), shipment_date="2025-03-01")
    params = SignatureParams(max_age_years=1)
    assert run("CERT005", file, rulebook, on=dt.date(2025, 3, 1), params=params) == []
    later = shipment(file, shipment_date="2025-03-02")
    assert len(run("CERT005", later, rulebook, on=dt.date(2025, 3, 2), params=params)) == 1


# ---- CERT006 HS classification ---------------------------------------------------------------


def certified(description: str, hs: str, criterion: str = "B", part: str | None = "EM-750"):
    good: dict[str, Any] = {
        "description": description,
        "hs_code": hs,
        "origin_criterion": criterion,
    }
    if part:
        good["part_number"] = part
    return good


MOTOR = "Three-phase AC induction motor, 7.5 kW, IE3"


def test_certificate_classifies_the_good_elsewhere(motor, rulebook):
    file = shipment(motor, cert(motor, goods=[certified(MOTOR, "8501.53")]))
    (finding,) = run("CERT006", file, rulebook)
    assert finding.good_part_number == "EM-750"
    assert finding.figures == {"certificate_hs": "8501.53", "goods_file_hs": "8501.52"}
    assert paths(finding) == ["goods[0].hs_code", "good EM-750"]
    assert finding.evidence[1].source.endswith("goods.csv")


def test_matched_by_description_without_part_number(motor, rulebook):
    other = good_of(motor, part_number="EM-900", description="Hydraulic pump", hs_code="8413.60")
    goods = [certified("Hydraulic pump", "8413.70", part=None)]
    file = shipment(motor, cert(motor, goods=goods), goods=[motor.goods[0], other])
    (finding,) = run("CERT006", file, rulebook)
    assert finding.good_part_number == "EM-900"


def test_single_good_is_matched_whatever_its_description(motor, rulebook):
    goods = [certified("Electric motor", "8501.40", part=None)]
    (finding,) = run("CERT006", shipment(motor, cert(motor, goods=goods)), rulebook)
    assert finding.good_part_number == "EM-750"


def test_unmatched_certified_good_is_not_compared(motor, rulebook):
    goods = [certified(MOTOR, "8501.52"), certified("Pump", "8413.70", part="P-1")]
    assert run("CERT006", shipment(motor, cert(motor, goods=goods)), rulebook) == []


def test_part_numbers_match_without_punctuation(motor, rulebook):
    goods = [certified(MOTOR, "8501.53", part="em 750")]
    assert len(run("CERT006", shipment(motor, cert(motor, goods=goods)), rulebook)) == 1


# ---- CERT007 criterion contradiction -----------------------------------------------------------


def test_criterion_c_with_non_originating_materials(motor, rulebook):
    file = shipment(motor, cert(motor, goods=[certified(MOTOR, "8501.52", "C")]))
    (finding,) = run("CERT007", file, rulebook)
    assert finding.good_part_number == "EM-750"
    assert "LAM-M19, BRG-6205, FAN-160, VARN-F" in finding.message
    assert "1 of them of unknown status" in finding.message
    assert finding.figures["non_originating_value"] == "369.50 USD"
    bom_rows = [e.location for e in finding.evidence if e.source.endswith("bom.csv")]
    assert bom_rows == ["row 2", "row 4", "row 7", "row 8"]
    assert finding.evidence[0].location == "goods[0].origin_criterion"


def test_criterion_c_with_only_originating_materials(motor, rulebook):
    bom = [
        BomLine.model_validate({**m.model_dump(), "origin_status": "originating"})
        for m in motor.bom
    ]
    file = shipment(motor, cert(motor, goods=[certified(MOTOR, "8501.52", "C")]), bom=bom)
    assert run("CERT007", file, rulebook) == []


def test_criterion_a_for_a_manufactured_good(motor, rulebook):
    file = shipment(motor, cert(motor, goods=[certified(MOTOR, "8501.52", "A")]))
    (finding,) = run("CERT007", file, rulebook)
    assert "7 material(s)" in finding.message and "wholly obtained basis" in finding.message
    assert finding.evidence[1].field == "wholly_obtained_basis"


def test_criterion_a_wholly_obtained_good_without_bom(motor, rulebook):
    ore = good_of(motor, wholly_obtained_basis="4.3(a) mineral extracted in Mexico")
    file = shipment(
        motor, cert(motor, goods=[certified(MOTOR, "8501.52", "A")]), goods=[ore], bom=[]
    )
    assert run("CERT007", file, rulebook) == []


def test_criterion_b_when_the_rule_is_not_met(motor, rulebook):
    bom = [
        BomLine.model_validate({**m.model_dump(), "hs_code": "8501.40"})
        if m.part_number == "LAM-M19"
        else m
        for m in motor.bom
    ]
    (finding,) = run("CERT007", shipment(motor, bom=bom), rulebook)
    assert "PSR-8501" in finding.message and "blocked by LAM-M19" in finding.message
    assert finding.figures["rule"] == "PSR-8501"
    assert finding.figures["determination"] == "not-originating"
    assert "row 2" in [e.location for e in finding.evidence]


def test_criterion_b_undecided_is_no_contradiction(motor, rulebook):
    bom = [
        BomLine.model_validate({**m.model_dump(), "hs_code": "8503"})
        if m.part_number == "LAM-M19"
        else m
        for m in motor.bom
    ]
    undecided = good_of(motor, transaction_value=None, net_cost=None)
    file = shipment(motor, goods=[undecided], bom=bom)
    decision = evaluate_good(undecided, bom, rulebook, SHIPPED)
    assert next(c for c in decision.criteria if c.criterion == "B").met is None
    assert run("CERT007", file, rulebook) == []


def test_criterion_d_not_met(motor, rulebook):
    file = shipment(motor, cert(motor, goods=[certified(MOTOR, "8501.52", "D")]))
    (finding,) = run("CERT007", file, rulebook)
    assert "criterion D not met" in finding.message


# ---- CERT008 party mismatch --------------------------------------------------------------------


def test_exporter_differs_from_the_invoice_issuer(motor, rulebook):
    issuer = {"name": "Pacific Rim Trading Ltd", "country": "HK"}
    invoice = {**motor.shipment.invoice.model_dump(mode="json"), "issuer": issuer}
    (finding,) = run("CERT008", shipment(motor, invoice=invoice), rulebook)
    assert finding.subject == "exporter name" and finding.good_part_number is None
    assert paths(finding) == ["exporter.name", "invoice.issuer.name"]
    assert finding.figures["certificate_name"] == "motores del bajio"
    assert finding.figures["compared_name"] == "pacific rim trading"
    assert finding.figures["compared_with"] == "issuer of invoice FAC-A-20417"
    assert finding.threshold == "0.85"


def test_certifier_is_the_exporter_when_it_certifies_as_exporter(boiler, rulebook):
    invoice = {
        **boiler.shipment.invoice.model_dump(mode="json"),
        "issuer": {"name": "Northern Boilers Export LLC", "country": "US"},
    }
    file = shipment(boiler, invoice=invoice)
    (finding,) = run("CERT008", file, rulebook, dt.date(2026, 10, 2))
    assert paths(finding) == ["certifier.name", "invoice.issuer.name"]


def test_importer_differs_from_the_consignee(motor, rulebook):
    consignee = {"name": "Lakeshore Imports LLC", "country": "US"}
    invoice = {**motor.shipment.invoice.model_dump(mode="json"), "consignee": consignee}
    (finding,) = run("CERT008", shipment(motor, invoice=invoice), rulebook)
    assert finding.subject == "importer name"
    assert "Lakeshore Imports LLC" in finding.message


def test_producer_differs_from_the_goods_file(motor, rulebook):
    file = shipment(motor, goods=[good_of(motor, producer="Shenzhen Motor Works Co Ltd")])
    (finding,) = run("CERT008", file, rulebook)
    assert finding.good_part_number == "EM-750" and finding.subject == "producer name"
    assert "'shenzhen motor works'" in (finding.evidence[0].note or "")


def test_names_written_differently_match(motor, rulebook):
    invoice = {
        **motor.shipment.invoice.model_dump(mode="json"),
        "issuer": {"name": "MOTORES DEL BAJÍO, S.A. DE C.V.", "country": "MX"},
        "consignee": {"name": "Great Lakes Pump Systems, Inc.", "country": "US"},
    }
    assert run("CERT008", shipment(motor, invoice=invoice), rulebook) == []


def test_various_producer_is_not_compared(motor, rulebook):
    file = shipment(
        motor,
        cert(motor, producer={"name": "Various"}),
        goods=[good_of(motor, producer="Another Producer SA")],
    )
    assert run("CERT008", file, rulebook) == []


def test_missing_side_skips_the_comparison(motor, rulebook):
    invoice = motor.shipment.invoice.model_dump(mode="json", exclude_none=True)
    invoice.pop("consignee")
    assert (
        run("CERT008", shipment(motor, cert(motor, exporter=None), invoice=invoice), rulebook) == []
    )


def test_similarity_threshold_is_a_parameter(motor, rulebook):
    consignee = {"name": "Great Lake Pumps Systems Inc", "country": "US"}
    invoice = {**motor.shipment.invoice.model_dump(mode="json"), "consignee": consignee}
    file = shipment(motor, invoice=invoice)
    assert run("CERT008", file, rulebook) == []
    strict = PartyMatchParams(min_similarity=Decimal("0.99"), legal_suffixes=["inc"])
    assert len(run("CERT008", file, rulebook, params=strict)) == 1


# ---- CERT009 invoiced good not on the certificate ----------------------------------------------


def test_invoiced_good_missing_from_the_certificate(motor, rulebook):
    invoice = motor.shipment.invoice.model_dump(mode="json")
    invoice["lines"].append({**invoice["lines"][0], "good_part_number": "EM-900"})
    (finding,) = run("CERT009", shipment(motor, invoice=invoice), rulebook)
    assert finding.good_part_number == "EM-900" and finding.subject == "invoice.lines[1]"
    assert finding.evidence[0].location == "invoice.lines[1]"
    assert finding.evidence[0].value == "EM-900"
    assert "EM-750 8501.52" in (finding.evidence[1].value or "")


def test_unnumbered_certified_good_covers_by_hs_and_description(motor, rulebook):
    goods = [certified("Three-phase AC induction motor, 7.5 kW", "8501.52", part=None)]
    assert run("CERT009", shipment(motor, cert(motor, goods=goods)), rulebook) == []


def test_unnumbered_certified_good_of_another_subheading_does_not_cover(motor, rulebook):
    goods = [certified(MOTOR, "8501.53", part=None)]
    (finding,) = run("CERT009", shipment(motor, cert(motor, goods=goods)), rulebook)
    assert finding.good_part_number == "EM-750"
    assert "8501.52" in finding.message


def test_certified_good_under_another_part_number_does_not_cover(motor, rulebook):
    goods = [certified(MOTOR, "8501.52", part="EM-751")]
    assert len(run("CERT009", shipment(motor, cert(motor, goods=goods)), rulebook)) == 1


def test_no_invoice_nothing_to_cover(motor, rulebook):
    assert run("CERT009", shipment(motor, invoice=None), rulebook) == []


def test_an_uncovered_line_lists_at_most_twenty_certified_goods() -> None:
    """CERT009 is one finding per uncovered invoice line: its evidence names the first
    certified goods and counts the rest, so the report does not grow with the square of a
    large certification."""
    from types import SimpleNamespace

    from roo_check.engine.flags.certificate import LISTED_GOODS, _listed

    goods = [
        SimpleNamespace(part_number=f"P-{i}", hs_code="850152", description="motor")
        for i in range(LISTED_GOODS + 5)
    ]
    assert _listed(goods[:3]) == "P-0 8501.52 motor; P-1 8501.52 motor; P-2 8501.52 motor"
    text = _listed(goods)
    assert text.count("motor") == LISTED_GOODS
    assert text.endswith("; and 5 more (see the certification)")
