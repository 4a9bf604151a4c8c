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
  evidence is at ``row N`` of a CSV file, whose rows are its lines (no region for workbook
  rows, XML elements or routing legs: their place is in the location's message). Further
  evidence goes to ``relatedLocations``. A finding without evidence (a determination)
  is located at the shipment's first input, the goods file: code-scanning services reject
  a result with no location, and the whole file with it.
- ``rules``: one descriptor per rule id that has a result, sorted: its kind, the citation
  the findings give as legal basis, and a help text. The report carries no more rule
  metadata (names, rule text); ``roo-check rules explain`` has it.
- ``artifacts``: every input file with its SHA-256, as recorded in the report;
  ``properties`` of the run: the rule set's hash, the evaluation date and where dates
  came from.

Output is deterministic: keys sorted, results in the report's order.
"""

from __future__ import annotations

import json
import re
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote

from roo_check.models.findings import ErrorRecord, Evidence, Finding, Report
from roo_check.reporters import RenderOptions
from roo_check.reporters.csv import evidence_text

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
INPUT_ERROR = "input-error"
BATCH = "batch"

_LEVELS = {"error": "error", "warning": "warning", "info": "note"}
_ROW = re.compile(r"row (\d+)")


def artifact_uri(path: str) -> str:
    """A file path as a URI reference: relative paths stay relative, as given."""
    posix = path.replace("\\", "/")
    if posix.startswith("/"):
        return PurePosixPath(posix).as_uri()
    return quote(posix, safe="/")


def _physical(path: str, location: str | None) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(path)}}
    row = _ROW.fullmatch(location or "")
    if row and int(row.group(1)) >= 1 and path.lower().endswith(".csv"):
        physical["region"] = {"startLine": int(row.group(1))}
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
    what = "Rule of origin" if finding.kind.value == "determination" else "Risk flag"
    return {
        "id": rule_id,
        "shortDescription": {"text": f"{what} {rule_id}"},
        "fullDescription": {"text": f"Legal basis: {finding.citation}"},
        "help": {
            "text": f"{what} {rule_id}. Legal basis: {finding.citation}. Each result gives "
            "the decision, the figures compared and the threshold; its locations point at "
            "the input rows or elements concerned."
        },
        "properties": {"tags": [finding.kind.value]},
    }


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


def render(report: Report, options: RenderOptions | None = None) -> str:
    fail_on = (options or RenderOptions()).fail_on
    results: list[tuple[dict, Finding | None]] = []
    for shipment in report.shipments:
        fallback = shipment.inputs[0].path if shipment.inputs else None
        results.extend((_error_result(e, shipment.name), None) for e in shipment.errors)
        results.extend(
            (_finding_result(f, shipment.name, fallback), f)
            for f in shipment.findings
            if f.fails(fail_on)
        )
    results.extend(
        (_finding_result(f, BATCH, None), f) for f in report.batch_findings if f.fails(fail_on)
    )
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
