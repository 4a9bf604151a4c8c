"""SARIF 2.1.0 report, for code-scanning views (GitHub, Azure DevOps, IDE viewers).

One run. Mapping, and why:

- ``tool.driver``: name ``roo-check`` and the version. No ``informationUri``: the project
  has no public address to give, and SARIF makes it optional.
- ``results`` are the findings that fail the check, by the exit code's rule: a finding at
  or above ``options.fail_on`` becomes a result, suppressed or not; below it, it is not a
  problem to show. An originating good is a pass, never a result (JUnit and JSON list the
  passes). So ``--fail-on never`` lists no findings, and ``info`` adds the info flags, as
  ``note``. Level: ``error`` -> ``error``, ``warning`` -> ``warning``,
  ``info`` -> ``note``. A suppressed finding keeps its result, with
  ``suppressions: [{kind: external, status: accepted, justification: REASON}]`` and the
  owner in the suppression's properties: accepted, still visible.
- Each input file that could not be read is a result of rule ``input-error``, level
  ``error``, whatever ``fail_on`` says: unreadable input is never a silent pass.
- ``message.text`` is the finding's message; the decision, subject, figures, threshold,
  citation, shipment and good are in the result's ``properties`` for an auditor.
- ``locations``: the first piece of evidence, as ``artifactLocation.uri`` = its file (the
  path as given, percent-encoded where a URI needs it) and ``region.startLine`` = N when the
  evidence is at ``row N`` of a CSV file, whose rows are its lines: the BOM line, the goods
  row, the declaration (no region for workbook rows, XML elements or routing legs: their
  place is in the location's message). Further evidence goes to ``relatedLocations``. A
  finding without evidence (a determination: the report does not record the good's row)
  is located at the shipment's first input, the goods file: code-scanning services reject
  a result with no location, and the whole file with it.
- ``partialFingerprints``: ``rooCheck/v1``, a SHA-256 of the rule, file, good and subject,
  never of the row, message or figures (roo_check.reporters.ci), so code scanning keeps
  one alert for a finding whose row moved because another BOM row was inserted, or whose
  share changed with another material's value. GitHub computes its own
  ``primaryLocationLineHash`` from the line's text and reserves that name
  (docs.github.com/en/code-security/reference/code-scanning/sarif-files/
  sarif-support-for-code-scanning, "Data for preventing duplicated alerts"): not set here.
- ``rules``: one descriptor per rule id that has a result, sorted: its kind and name where
  the finding names it, the citation the findings give as legal basis, and a help text
  saying what ``roo-check rules explain`` gives for it (the rule's text, thresholds and
  worked examples, which the report does not carry). No ``helpUri``: the project has no
  public address for its rules, and a URI that may break is worse than none.
- ``artifacts``: every input file with its SHA-256, as recorded in the report;
  ``properties`` of the run: the rule set's hash, the evaluation date and where dates
  came from.

Output is deterministic: keys sorted, results in the report's order.
"""

from __future__ import annotations

import json
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote

from roo_check.models.findings import ErrorRecord, Evidence, Finding, FindingKind, Report
from roo_check.reporters import RenderOptions
from roo_check.reporters.ci import csv_row, error_item, finding_item, fingerprints
from roo_check.reporters.csv import evidence_text

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
INPUT_ERROR = "input-error"
BATCH = "batch"

FINGERPRINT = "rooCheck/v1"
_EXPLAIN = {
    FindingKind.determination: "The rule in full (its legal text, its reading in plain "
    "English, thresholds and worked examples; for the general rule, explain the good's HS "
    "code):",
    FindingKind.flag: "What the flag looks for, why, and its thresholds:",
}

_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def artifact_uri(path: str) -> str:
    """A file path as a URI reference: relative paths stay relative, as given."""
    posix = path.replace("\\", "/")
    if posix.startswith("/"):
        return PurePosixPath(posix).as_uri()
    return quote(posix, safe="/")


def _physical(path: str, location: str | None) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(path)}}
    row = csv_row(path, location)
    if row is not None:
        physical["region"] = {"startLine": row}
    return physical


def _evidence_location(e: Evidence) -> dict[str, Any]:
    return {
        "message": {"text": evidence_text(e)},
        "physicalLocation": _physical(e.source, e.location),
    }


def _locations(finding: Finding, fallback: str | None) -> dict[str, Any]:
    """``locations`` (and ``relatedLocations``) from the evidence, or the fallback file."""
    located: list[dict[str, Any]] = []
    for e in finding.evidence:
        location = _evidence_location(e)
        if location not in located:
            located.append(location)
    if not located:
        return {"locations": [{"physicalLocation": _physical(fallback, None)}]} if fallback else {}
    out: dict[str, Any] = {"locations": located[:1]}
    if len(located) > 1:
        out["relatedLocations"] = [{"id": i, **loc} for i, loc in enumerate(located[1:], 1)]
    return out


def _finding_result(finding: Finding, shipment: str, fallback: str | None) -> dict:
    properties = {
        "citation": finding.citation,
        "decision": finding.decision,
        "figures": dict(sorted(finding.figures.items())),
        "kind": finding.kind.value,
        "severity": finding.severity.value,
        "shipment": shipment,
        "subject": finding.subject,
    }
    if finding.good_part_number:
        properties["good"] = finding.good_part_number
    if finding.threshold:
        properties["threshold"] = finding.threshold
    result: dict[str, Any] = {
        "ruleId": finding.rule_id,
        "level": _LEVELS[finding.severity.value],
        "message": {"text": finding.message},
        **_locations(finding, fallback),
        "properties": properties,
    }
    if finding.suppressed:
        s = finding.suppressed
        result["suppressions"] = [
            {
                "kind": "external",
                "status": "accepted",
                "justification": s.reason,
                "properties": {"owner": s.owner},
            }
        ]
    return result


def _error_result(error: ErrorRecord, shipment: str) -> dict:
    where = ":".join(p for p in (error.file, error.location) if p)
    field = f" [{error.field}]" if error.field else ""
    properties = {"errorKind": error.kind, "shipment": shipment}
    if error.field:
        properties["field"] = error.field
    return {
        "ruleId": INPUT_ERROR,
        "level": "error",
        "message": {"text": error.message},
        "locations": [
            {
                "message": {"text": f"{where}{field}" or shipment},
                "physicalLocation": _physical(error.file or shipment, error.location),
            }
        ],
        "properties": properties,
    }


def _rule(rule_id: str, results: list[tuple[dict, Finding | None]]) -> dict:
    finding = next((f for r, f in results if r["ruleId"] == rule_id and f), None)
    if finding is None:
        return {
            "id": INPUT_ERROR,
            "shortDescription": {"text": "An input file could not be read or validated."},
            "help": {
                "text": "The file, row and field named in the result are unreadable, malformed "
                "or inconsistent; nothing in that shipment was decided. Correct the input "
                "and run again."
            },
        }
    what = "Rule of origin" if finding.kind is FindingKind.determination else "Risk flag"
    title = f"{what} {rule_id}" + (f": {name}" if (name := _name(finding)) else "")
    return {
        "id": rule_id,
        "shortDescription": {"text": title},
        "fullDescription": {"text": f"Legal basis: {finding.citation}"},
        "help": {
            "text": f"{title}. Legal basis: {finding.citation}. {_EXPLAIN[finding.kind]} "
            f"`roo-check rules explain {rule_id}`. Each result gives the decision, the "
            "figures compared and the threshold; its locations point at the input rows or "
            "elements concerned."
        },
        "properties": {"tags": [finding.kind.value]},
    }


def _name(finding: Finding) -> str | None:
    """The requirement a determination finding names after its good (``good SED-26L
    (8703.23): Labour value content``); a product-specific rule and a flag name none."""
    if finding.kind is not FindingKind.determination:
        return None
    _, colon, name = finding.subject.partition("): ")
    return name if colon and name else None


def _artifacts(report: Report) -> list[dict]:
    files = {i.path: i.sha256 for s in report.shipments for i in s.inputs}
    return [
        {
            "location": {"uri": artifact_uri(path)},
            "hashes": {"sha-256": files[path]},
            "roles": ["analysisTarget"],
        }
        for path in sorted(files)
    ]


def _results(report: Report, fail_on: str) -> list[tuple[dict, Finding | None]]:
    """Each result with its finding (None for an input error) and its fingerprint's key."""
    results: list[tuple[dict, Finding | None]] = []
    keys: list[tuple[str, ...]] = []
    for shipment in report.shipments:
        fallback = shipment.inputs[0].path if shipment.inputs else None
        for e in shipment.errors:
            results.append((_error_result(e, shipment.name), None))
            keys.append(error_item(e, shipment.name).key)
        for f in shipment.findings:
            if f.fails(fail_on):
                results.append((_finding_result(f, shipment.name, fallback), f))
                keys.append(finding_item(f, fallback).key)
    for f in report.batch_findings:
        if f.fails(fail_on):
            results.append((_finding_result(f, BATCH, None), f))
            keys.append(finding_item(f, None).key)
    for (result, _), fingerprint in zip(results, fingerprints(keys), strict=True):
        result["partialFingerprints"] = {FINGERPRINT: fingerprint}
    return results


def render(report: Report, options: RenderOptions | None = None) -> str:
    results = _results(report, (options or RenderOptions()).fail_on)
    rule_ids = sorted({r["ruleId"] for r, _ in results})
    index = {rule_id: i for i, rule_id in enumerate(rule_ids)}
    for result, _ in results:
        result["ruleIndex"] = index[result["ruleId"]]
    run_properties: dict[str, Any] = {
        "dateSource": report.date_source,
        "rulesetSha256": report.ruleset_hash,
    }
    if report.evaluation_date:
        run_properties["evaluationDate"] = report.evaluation_date.isoformat()
    if report.config:
        run_properties["config"] = {"path": report.config.path, "sha256": report.config.sha256}
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": report.tool,
                "version": report.version,
                "rules": [_rule(rule_id, results) for rule_id in rule_ids],
            }
        },
        "artifacts": _artifacts(report),
        "results": [r for r, _ in results],
        "properties": run_properties,
    }
    log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
