"""JUnit report: parses with junitparser, one uniquely named test case per rule x good."""

from __future__ import annotations

import copy
from collections import Counter

import pytest
from junitparser import Error, Failure, JUnitXml, Skipped

from roo_check.models.config import Config
from roo_check.models.findings import ErrorRecord, Finding, Report, Severity
from roo_check.reporters import RenderOptions, renderer
from roo_check.run import exit_code
from tests.unit.report_support import check


@pytest.fixture(autouse=True)
def _at_root(at_root: None) -> None:
    """Every test here renders sample paths as typed from the repository root."""


EVERYTHING = [
    "samples/01-motor-tariff-shift",
    "samples/02-boiler-rvc",
    "samples/03-control-panel-fails",
    "samples/04-drill-de-minimis",
    "samples/10-relabelled-drills",
    "samples/11-kit-assembly-ebike",
    "samples/12-certificate-mismatch",
    "samples/13-panama-routing",
    "samples/14-rvc-hugging",
    "samples/15-clean-pump",
    "samples/99-broken-bom",
]


def render(report: Report, fail_on: str = "warning") -> str:
    return renderer("junit")(report, RenderOptions(fail_on=fail_on))


def parse(text: str) -> JUnitXml:
    return JUnitXml.fromstring(text.encode("utf-8"))


def cases(xml: JUnitXml) -> dict[tuple[str, str, str], object]:
    """Test cases by (suite, classname, name); fails if a name repeats."""
    found = [(suite.name, case.classname, case.name) for suite in xml for case in suite]
    repeated = [key for key, n in Counter(found).items() if n > 1]
    assert not repeated, repeated
    return {(s.name, c.classname, c.name): c for s in xml for c in s}


def outcome(case) -> str:
    kinds = {Failure: "failure", Error: "error", Skipped: "skipped"}
    results = [kinds[type(r)] for r in case.result]
    assert len(results) <= 1
    return results[0] if results else "passed"


@pytest.mark.parametrize("fail_on", ["error", "warning", "info", "never"])
def test_every_sample_parses_with_unique_names_and_true_counts(rulebook, fail_on) -> None:
    xml = parse(render(check(rulebook, *EVERYTHING), fail_on))
    found = cases(xml)
    findings = [
        (s.name, f.rule_id, f.good_part_number or s.name)
        for s in check(rulebook, *EVERYTHING).shipments
        for f in s.findings
    ]
    assert len(found) == len(set(findings)) + 1  # + the broken BOM's input-error case
    recounted = copy.deepcopy(xml)
    recounted.update_statistics()
    for written, counted in zip(xml, recounted, strict=True):
        for key in ("tests", "failures", "errors", "skipped"):
            assert getattr(written, key) == getattr(counted, key), (written.name, key)
    for key in ("tests", "failures", "errors", "skipped"):
        assert getattr(xml, key) == getattr(recounted, key), key


def test_suites_are_shipments_and_cases_are_rule_by_good(rulebook) -> None:
    xml = parse(
        render(check(rulebook, "samples/01-motor-tariff-shift", "samples/13-panama-routing"))
    )
    assert [s.name for s in xml] == ["01-motor-tariff-shift", "13-panama-routing"]
    # the Art. 4.18 transit check is a case of its own wherever the shipment states a routing
    assert [c.name for c in next(iter(xml))] == ["ORIG-4.18 EM-750", "PSR-8501 EM-750"]
    names = {c.name: c.classname for s in xml for c in s}
    # a shipment-wide flag uses the shipment name in place of the part number
    assert names["TRANS001 13-panama-routing"] == "13-panama-routing"
    assert ("13-panama-routing", "13-panama-routing", "PSR-8501 EM-750") in cases(xml)
    assert ("13-panama-routing", "13-panama-routing", "ORIG-4.18 EM-750") in cases(xml)


def test_fail_level_decides_what_fails(rulebook) -> None:
    report = check(rulebook, "samples/03-control-panel-fails")
    key_flag = ("03-control-panel-fails", "03-control-panel-fails", "CN001 CP-480")
    key_good = ("03-control-panel-fails", "03-control-panel-fails", "PSR-8537 CP-480")
    by_level = {
        level: cases(parse(render(report, level))) for level in ("error", "warning", "never")
    }
    assert outcome(by_level["error"][key_flag]) == "passed"  # a warning, below error
    assert outcome(by_level["error"][key_good]) == "failure"
    assert outcome(by_level["warning"][key_flag]) == "failure"
    assert {outcome(c) for c in by_level["never"].values()} == {"passed"}


def test_originating_goods_pass_even_at_info_like_the_exit_code(rulebook) -> None:
    report = check(rulebook, "samples/01-motor-tariff-shift")
    xml = parse(render(report, "info"))
    assert xml.failures == 0
    assert exit_code(report, "info") == 0
    found = cases(xml)
    case = found[("01-motor-tariff-shift", "01-motor-tariff-shift", "PSR-8501 EM-750")]
    assert case.is_passed
    assert "originating (B)" in case.system_out
    transit = found[("01-motor-tariff-shift", "01-motor-tariff-shift", "ORIG-4.18 EM-750")]
    assert transit.is_passed  # Art. 4.18 met: an info-level recorded pass, like the good
    assert "[info] ORIG-4.18" in transit.system_out


def test_info_flags_fail_at_info(rulebook) -> None:
    report = check(rulebook, "samples/03-control-panel-fails")
    shipment = report.shipments[0]
    quiet = [
        f.model_copy(update={"severity": Severity.info}) if f.rule_id == "CN001" else f
        for f in shipment.findings
    ]
    report = report.model_copy(
        update={"shipments": [shipment.model_copy(update={"findings": quiet})]}
    )
    assert (
        outcome(
            cases(parse(render(report, "info")))[
                ("03-control-panel-fails", "03-control-panel-fails", "CN001 CP-480")
            ]
        )
        == "failure"
    )
    assert (
        outcome(
            cases(parse(render(report, "warning")))[
                ("03-control-panel-fails", "03-control-panel-fails", "CN001 CP-480")
            ]
        )
        == "passed"
    )


def test_failure_carries_message_figures_and_evidence(rulebook) -> None:
    xml = parse(render(check(rulebook, "samples/03-control-panel-fails")))
    case = cases(xml)[("03-control-panel-fails", "03-control-panel-fails", "CN001 CP-480")]
    (failure,) = case.result
    assert failure.type == "warning"
    assert failure.message.startswith("Materials from CN are worth 3,530.00 USD")
    assert (
        "figures: base=6,200.00; content_value=3,530.00; countries=CN; share=56.94" in failure.text
    )
    assert "threshold: 25%" in failure.text
    assert "evidence: samples/03-control-panel-fails/bom.csv:row 2 [extended_value]" in failure.text


def test_suppressed_findings_are_skipped_with_owner_and_reason(rulebook) -> None:
    config = Config.model_validate(
        {
            "suppress": [
                {
                    "rule": "CN001",
                    "good": "CP-480",
                    "reason": "Boards move to a US supplier in Q1",
                    "owner": "m.garcia@example.com",
                }
            ]
        }
    )
    xml = parse(render(check(rulebook, "samples/03-control-panel-fails", config=config)))
    case = cases(xml)[("03-control-panel-fails", "03-control-panel-fails", "CN001 CP-480")]
    (skipped,) = case.result
    assert isinstance(skipped, Skipped)
    assert (
        skipped.message == "suppressed by m.garcia@example.com: Boards move to a US supplier in Q1"
    )
    assert next(iter(xml)).skipped == 1


def test_input_errors_are_error_cases_whatever_the_fail_level(rulebook) -> None:
    for level in ("warning", "never"):
        xml = parse(render(check(rulebook, "samples/99-broken-bom"), level))
        (case,) = (c for s in xml for c in s)
        assert case.name == "input-error samples/99-broken-bom/bom.csv"
        (error,) = case.result
        assert isinstance(error, Error)
        assert error.type == "InputError"
        assert "'84B2.10' is not an HS code" in error.message
        assert "samples/99-broken-bom/bom.csv:row 4 [hs_code]" in error.text
        assert xml.errors == 1


def test_several_findings_of_one_rule_on_one_good_share_a_case(rulebook) -> None:
    report = check(rulebook, "samples/03-control-panel-fails")
    shipment = report.shipments[0]
    cn001 = next(f for f in shipment.findings if f.rule_id == "CN001")
    second = cn001.model_copy(update={"subject": "material VFD-22K", "message": "Second finding."})
    shipment = shipment.model_copy(update={"findings": [*shipment.findings, second]})
    xml = parse(render(report.model_copy(update={"shipments": [shipment]})))
    case = cases(xml)[("03-control-panel-fails", "03-control-panel-fails", "CN001 CP-480")]
    (failure,) = case.result
    assert failure.message == "2 findings: good CP-480 / material VFD-22K"
    assert "Second finding." in failure.text
    assert next(iter(xml)).tests == 2


def test_batch_findings_have_their_own_suite(rulebook) -> None:
    report = check(rulebook, "samples/01-motor-tariff-shift")
    batch = Finding(
        rule_id="ECON003",
        kind="flag",
        severity=Severity.warning,
        good_part_number=None,
        subject="producer Motores del Bajio",
        decision="flagged",
        figures={"chapters": "4"},
        citation="CBP CTPAT transshipment alert (2025)",
        message="One producer across four chapters.",
    )
    xml = parse(render(report.model_copy(update={"batch_findings": [batch]})))
    assert [s.name for s in xml] == ["01-motor-tariff-shift", "batch"]
    assert ("batch", "batch", "ECON003 batch") in cases(xml)
    assert xml.failures == 1


def test_hostile_text_stays_well_formed(rulebook) -> None:
    report = check(rulebook, "samples/03-control-panel-fails")
    shipment = report.shipments[0]
    evil = '=HYPERLINK("http://x")<a>&\x01\x1b]]>'
    findings = [
        f.model_copy(update={"good_part_number": evil, "message": evil}) for f in shipment.findings
    ]
    errors = [
        ErrorRecord(
            kind="InputError", file="bad\x00.csv", location="row 2", field="x", message=evil
        )
    ]
    shipment = shipment.model_copy(
        update={"findings": findings, "errors": errors, "name": "ship\x07"}
    )
    xml = parse(render(report.model_copy(update={"shipments": [shipment]})))
    names = [c.name for s in xml for c in s]
    assert len(names) == len(set(names)) == 3
    assert 'CN001 =HYPERLINK("http://x")<a>&\ufffd\ufffd]]>' in names
    assert "input-error bad\ufffd.csv" in names


def test_output_is_deterministic(rulebook) -> None:
    first = render(check(rulebook, *EVERYTHING))
    assert first == render(check(rulebook, *reversed(EVERYTHING)))
    assert first.startswith("<?xml version='1.0' encoding='UTF-8'?>\n<testsuites")
    assert "time=" not in first
