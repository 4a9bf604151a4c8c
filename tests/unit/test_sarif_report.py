"""SARIF report: valid against the official 2.1.0 schema, results by fail level, located."""

from __future__ import annotations

import json

import jsonschema
import pytest

from roo_check.models.config import Config
from roo_check.models.findings import ErrorRecord, Finding, Report, Severity
from roo_check.reporters import RenderOptions, renderer
from roo_check.reporters.sarif import artifact_uri
from tests.unit.report_support import ROOT, check


@pytest.fixture(autouse=True)
def _at_root(at_root: None) -> None:
    """Every test here renders sample paths as typed from the repository root."""


SCHEMA = json.loads((ROOT / "tests/schemas/sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
EVERYTHING = [
    "samples/01-motor-tariff-shift",
    "samples/02-boiler-rvc",
    "samples/03-control-panel-fails",
    "samples/04-drill-de-minimis",
    "samples/05-drill-workbook.xlsx",
    "samples/10-relabelled-drills",
    "samples/11-kit-assembly-ebike",
    "samples/12-certificate-mismatch",
    "samples/13-panama-routing",
    "samples/14-rvc-hugging",
    "samples/15-clean-pump",
    "samples/99-broken-bom",
]
LEVELS = ["error", "warning", "info", "never"]


def render(report: Report, fail_on: str = "warning") -> dict:
    log = json.loads(renderer("sarif")(report, RenderOptions(fail_on=fail_on)))
    validate(log)
    return log


def validate(log: dict) -> None:
    validator = jsonschema.Draft4Validator(
        SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)


def results(log: dict) -> list[dict]:
    return log["runs"][0]["results"]


def with_findings(report: Report, findings: list[Finding]) -> Report:
    shipment = report.shipments[0].model_copy(update={"findings": findings})
    return report.model_copy(update={"shipments": [shipment]})


def test_the_vendored_schema_is_the_official_one() -> None:
    jsonschema.Draft4Validator.check_schema(SCHEMA)
    assert SCHEMA["id"].startswith("https://docs.oasis-open.org/sarif/sarif/v2.1.0/")
    assert SCHEMA["properties"]["version"]["enum"] == ["2.1.0"]


def test_validation_catches_a_broken_log() -> None:
    with pytest.raises(AssertionError):
        validate({"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]})


@pytest.mark.parametrize("fail_on", LEVELS)
def test_every_sample_validates_at_every_fail_level(rulebook, fail_on) -> None:
    log = render(check(rulebook, *EVERYTHING), fail_on)
    assert log["version"] == "2.1.0"
    assert log["$schema"] == SCHEMA["id"]
    (run,) = log["runs"]
    assert run["tool"]["driver"]["name"] == "roo-check"
    assert run["tool"]["driver"]["version"]
    assert "informationUri" not in run["tool"]["driver"]


@pytest.mark.parametrize("fail_on", LEVELS)
def test_every_result_has_a_file_location_and_a_known_rule(rulebook, fail_on) -> None:
    log = render(check(rulebook, *EVERYTHING), fail_on)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert ids == sorted(set(ids))
    for result in results(log):
        assert ids[result["ruleIndex"]] == result["ruleId"]
        (location,) = result["locations"]  # code scanning rejects a result without one
        assert location["physicalLocation"]["artifactLocation"]["uri"]
    assert set(ids) == {r["ruleId"] for r in results(log)}


def test_fail_level_decides_which_findings_are_results(rulebook) -> None:
    report = check(rulebook, "samples/03-control-panel-fails", "samples/99-broken-bom")
    by_level = {level: [r["ruleId"] for r in results(render(report, level))] for level in LEVELS}
    assert by_level["never"] == ["input-error"]
    assert by_level["error"] == ["PSR-8537", "input-error"]
    assert by_level["warning"] == ["CN001", "PSR-8537", "input-error"]
    assert by_level["info"] == by_level["warning"]  # no info findings here


def test_levels_follow_severity_and_originating_goods_are_never_results(rulebook) -> None:
    report = check(rulebook, "samples/03-control-panel-fails", "samples/01-motor-tariff-shift")
    findings = report.shipments[1].findings
    cn001 = next(f for f in findings if f.rule_id == "CN001")
    info = cn001.model_copy(update={"severity": Severity.info})
    both = report.model_copy(
        update={
            "shipments": [
                report.shipments[0],
                report.shipments[1].model_copy(update={"findings": [*findings, info]}),
            ]
        }
    )
    levels = {(r["ruleId"], r["level"]) for r in results(render(both, "info"))}
    assert levels == {("CN001", "warning"), ("CN001", "note"), ("PSR-8537", "error")}
    assert all(r["ruleId"] != "PSR-8501" for r in results(render(both, "info")))


def test_rows_become_regions_and_further_evidence_related_locations(rulebook) -> None:
    log = render(check(rulebook, "samples/03-control-panel-fails"))
    cn001 = next(r for r in results(log) if r["ruleId"] == "CN001")
    (location,) = cn001["locations"]
    assert location["physicalLocation"] == {
        "artifactLocation": {"uri": "samples/03-control-panel-fails/bom.csv"},
        "region": {"startLine": 2},
    }
    assert location["message"]["text"].startswith("samples/03-control-panel-fails/bom.csv:row 2")
    (related,) = cn001["relatedLocations"]
    assert related["id"] == 1
    assert related["physicalLocation"]["region"] == {"startLine": 3}
    assert cn001["message"]["text"].startswith("Materials from CN are worth 3,530.00 USD")
    assert cn001["properties"]["figures"]["share"] == "56.94"
    assert cn001["properties"]["threshold"] == "25%"


def test_locations_without_a_row_have_no_region(rulebook) -> None:
    log = render(check(rulebook, "samples/13-panama-routing", "samples/05-drill-workbook.xlsx"))
    for result in results(log):
        for location in result["locations"] + result.get("relatedLocations", []):
            physical = location["physicalLocation"]
            if "region" in physical:
                assert physical["artifactLocation"]["uri"].endswith(".csv")
    trans001 = next(r for r in results(log) if r["ruleId"] == "TRANS001")
    assert "region" not in trans001["locations"][0]["physicalLocation"]
    assert "routing[0]" in trans001["locations"][0]["message"]["text"]


def test_determinations_are_located_at_the_goods_file(rulebook) -> None:
    log = render(check(rulebook, "samples/03-control-panel-fails"))
    psr = next(r for r in results(log) if r["ruleId"] == "PSR-8537")
    assert psr["locations"] == [
        {
            "message": {
                "text": "samples/03-control-panel-fails/goods.csv:row 2 [part_number] CP-480 "
                "(the good)"
            },
            "physicalLocation": {
                "artifactLocation": {"uri": "samples/03-control-panel-fails/goods.csv"},
                "region": {"startLine": 2},
            },
        }
    ]
    assert psr["properties"]["decision"] == "not-originating"
    assert psr["properties"]["good"] == "CP-480"


def test_input_errors_are_error_results_at_their_row(rulebook) -> None:
    (result,) = results(render(check(rulebook, "samples/99-broken-bom"), "never"))
    assert result["ruleId"] == "input-error"
    assert result["level"] == "error"
    assert result["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "samples/99-broken-bom/bom.csv"},
        "region": {"startLine": 4},
    }


def test_suppressed_findings_stay_with_an_external_suppression(rulebook) -> None:
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
    log = render(check(rulebook, "samples/03-control-panel-fails", config=config))
    cn001 = next(r for r in results(log) if r["ruleId"] == "CN001")
    assert cn001["suppressions"] == [
        {
            "kind": "external",
            "status": "accepted",
            "justification": "Boards move to a US supplier in Q1",
            "properties": {"owner": "m.garcia@example.com"},
        }
    ]
    psr = next(r for r in results(log) if r["ruleId"] == "PSR-8537")
    assert "suppressions" not in psr


def test_rules_carry_kind_and_legal_basis(rulebook) -> None:
    log = render(check(rulebook, "samples/03-control-panel-fails", "samples/99-broken-bom"))
    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["PSR-8537"]["shortDescription"]["text"] == "Rule of origin PSR-8537"
    assert "Annex 4-B" in rules["PSR-8537"]["fullDescription"]["text"]
    assert rules["CN001"]["shortDescription"]["text"] == "Risk flag CN001"
    assert rules["CN001"]["properties"]["tags"] == ["flag"]
    assert rules["input-error"]["help"]["text"]


def test_artifacts_are_the_inputs_with_their_hashes(rulebook) -> None:
    report = check(rulebook, "samples/01-motor-tariff-shift")
    artifacts = render(report)["runs"][0]["artifacts"]
    assert [a["location"]["uri"] for a in artifacts] == sorted(
        i.path for i in report.shipments[0].inputs
    )
    recorded = {i.path: i.sha256 for i in report.shipments[0].inputs}
    assert all(a["hashes"]["sha-256"] == recorded[a["location"]["uri"]] for a in artifacts)


def test_batch_findings_are_results_too(rulebook) -> None:
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
        evidence=[{"source": "samples/01-motor-tariff-shift/goods.csv", "location": "row 2"}],
    )
    (result,) = results(render(report.model_copy(update={"batch_findings": [batch]})))
    assert result["ruleId"] == "ECON003"
    assert result["properties"]["shipment"] == "batch"


@pytest.mark.parametrize(
    ("path", "uri"),
    [
        ("samples/01-motor-tariff-shift/bom.csv", "samples/01-motor-tariff-shift/bom.csv"),
        ("my shipments/bom #2.csv", "my%20shipments/bom%20%232.csv"),
        ("in\\bom.csv", "in/bom.csv"),
        ("/data/in/bom.csv", "file:///data/in/bom.csv"),
    ],
)
def test_paths_become_uri_references(path: str, uri: str) -> None:
    assert artifact_uri(path) == uri


def test_hostile_text_validates(rulebook) -> None:
    report = check(rulebook, "samples/03-control-panel-fails")
    evil = '=HYPERLINK("http://x")\x00\u202e"}\\'
    findings = [
        f.model_copy(update={"good_part_number": evil, "message": evil, "subject": evil})
        for f in report.shipments[0].findings
    ]
    errors = [
        ErrorRecord(kind="InputError", file="a b.csv", location="row 0", field=None, message=evil)
    ]
    shipment = report.shipments[0].model_copy(update={"findings": findings, "errors": errors})
    log = render(report.model_copy(update={"shipments": [shipment]}))
    assert {r["message"]["text"] for r in results(log)} == {evil}
    error = next(r for r in results(log) if r["ruleId"] == "input-error")
    assert error["locations"][0]["physicalLocation"] == {"artifactLocation": {"uri": "a%20b.csv"}}


def test_output_is_deterministic(rulebook) -> None:
    text = renderer("sarif")(check(rulebook, *EVERYTHING), RenderOptions())
    again = renderer("sarif")(check(rulebook, *reversed(EVERYTHING)), RenderOptions())
    assert text == again
    assert text.endswith("}\n")
