"""JUnit XML report: every check as a test case, so CI dashboards show what was checked.

Mapping, chosen so a CI server's test view reads like the screening:

- ``<testsuites name="roo-check">`` holds one ``<testsuite>`` per shipment (its name is the
  shipment name), and one named ``batch`` for the flags that look across every shipment,
  when there are any.
- One ``<testcase>`` per rule x good, named ``RULE-ID part-number`` with classname the
  shipment name (``batch`` for batch flags). A shipment-wide flag uses the shipment name in
  place of the part number. When one rule raises several findings on the same good (a flag
  on two materials, two routing stops), they share the test case, which lists them all:
  test names stay stable and unique whatever the count.
- A test case fails (``<failure message=... type=SEVERITY>``) when an unsuppressed finding
  in it is at or above ``options.fail_on``, as the exit code counts it (an originating
  good's ``info`` determination is always a pass); the failure text gives each finding's decision,
  message, threshold, figures, citation and evidence. With ``never`` nothing fails.
- Otherwise, a test case whose findings are all accepted by configuration is
  ``<skipped message="suppressed by OWNER: REASON"/>``: accepted, still shown.
- Otherwise the test case passes; a ``<system-out>`` keeps what was checked and decided.
- Each input file that could not be read is a test case ``input-error FILE`` with an
  ``<error>`` listing its problems, whatever ``fail_on`` says: unreadable input is never a
  pass.
- ``tests``, ``failures``, ``errors`` and ``skipped`` are counted per suite and in total.
  No ``time`` or ``timestamp``: identical reports give identical bytes.

Characters XML cannot carry (control characters from a hostile file) are replaced with
U+FFFD rather than aborting the report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from roo_check.models.findings import ErrorRecord, Finding, Report
from roo_check.reporters import RenderOptions
from roo_check.reporters.csv import evidence_text

BATCH = "batch"
INPUT_ERROR = "input-error"

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _details(f: Finding) -> str:
    lines = [f"[{f.severity.value}] {f.rule_id} {f.subject}: {f.decision}", f.message]
    if f.threshold:
        lines.append(f"threshold: {f.threshold}")
    if f.figures:
        lines.append("figures: " + "; ".join(f"{k}={v}" for k, v in sorted(f.figures.items())))
    lines.append(f"citation: {f.citation}")
    lines.extend(f"evidence: {evidence_text(e)}" for e in f.evidence)
    if f.suppressed:
        lines.append(f"suppressed by {f.suppressed.owner}: {f.suppressed.reason}")
    return "\n".join(lines)


@dataclass
class _Case:
    name: str
    findings: list[Finding] = field(default_factory=list)
    errors: list[ErrorRecord] = field(default_factory=list)


def _cases(target: str, findings: list[Finding], errors: list[ErrorRecord]) -> list[_Case]:
    """Test cases in report order: input errors by file, then findings by rule x good."""
    cases: dict[str, _Case] = {}
    for e in errors:
        name = f"{INPUT_ERROR} {e.file or target}"
        cases.setdefault(name, _Case(name)).errors.append(e)
    for f in findings:
        name = f"{f.rule_id} {f.good_part_number or target}"
        cases.setdefault(name, _Case(name)).findings.append(f)
    return list(cases.values())


def _error_element(case: _Case) -> etree._Element:
    first = case.errors[0]
    message = first.message if len(case.errors) == 1 else f"{len(case.errors)} input errors"
    element = etree.Element("error", message=_xml_text(message), type=first.kind)
    lines = []
    for e in case.errors:
        where = ":".join(p for p in (e.file, e.location) if p)
        field_ = f" [{e.field}]" if e.field else ""
        lines.append(f"{e.kind} {where}{field_}: {e.message}")
    element.text = _xml_text("\n".join(lines))
    return element


def _outcome(case: _Case, fail_on: str) -> etree._Element:
    """The child element that says how the test case ended."""
    if case.errors:
        return _error_element(case)
    failing = [f for f in case.findings if f.fails(fail_on) and not f.suppressed]
    if failing:
        worst = max(failing, key=lambda f: f.severity.rank)
        message = (
            failing[0].message
            if len(failing) == 1
            else f"{len(failing)} findings: " + " / ".join(f.subject for f in failing)
        )
        element = etree.Element("failure", message=_xml_text(message), type=worst.severity.value)
        element.text = _xml_text("\n\n".join(_details(f) for f in case.findings))
        return element
    accepted = [f.suppressed for f in case.findings if f.suppressed]
    if accepted and len(accepted) == len(case.findings):
        reasons = sorted({f"suppressed by {s.owner}: {s.reason}" for s in accepted})
        return etree.Element("skipped", message=_xml_text("; ".join(reasons)))
    element = etree.Element("system-out")
    element.text = _xml_text("\n\n".join(_details(f) for f in case.findings))
    return element


_COUNTED = {"failure": "failures", "error": "errors", "skipped": "skipped"}


def _suite(
    name: str, findings: list[Finding], errors: list[ErrorRecord], fail_on: str
) -> etree._Element:
    suite = etree.Element("testsuite", name=_xml_text(name))
    counts = dict.fromkeys(("tests", "failures", "errors", "skipped"), 0)
    for case in _cases(name, findings, errors):
        testcase = etree.SubElement(
            suite, "testcase", name=_xml_text(case.name), classname=_xml_text(name)
        )
        outcome = _outcome(case, fail_on)
        testcase.append(outcome)
        counts["tests"] += 1
        if outcome.tag in _COUNTED:
            counts[_COUNTED[outcome.tag]] += 1
    for key, value in counts.items():
        suite.set(key, str(value))
    return suite


def render(report: Report, options: RenderOptions | None = None) -> str:
    fail_on = (options or RenderOptions()).fail_on
    root = etree.Element("testsuites", name="roo-check")
    suites = [_suite(s.name, s.findings, s.errors, fail_on) for s in report.shipments]
    if report.batch_findings:
        suites.append(_suite(BATCH, report.batch_findings, [], fail_on))
    for key in ("tests", "failures", "errors", "skipped"):
        root.set(key, str(sum(int(s.get(key)) for s in suites)))
    root.extend(suites)
    xml = etree.tostring(root, encoding="UTF-8", xml_declaration=True, pretty_print=True)
    return xml.decode("utf-8")
