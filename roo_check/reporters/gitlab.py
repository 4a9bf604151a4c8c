"""GitLab Code Quality report: the JSON a job names in ``artifacts:reports:codequality``, shown
in the merge request widget and, on the tiers that have it, beside the changed lines.

The format is GitLab's "Code Quality report format" (docs.gitlab.com/ci/testing/code_quality/,
"Code Quality report format"; a subset of the Code Climate issue spec): a JSON array of
objects with ``description``, ``check_name``, ``fingerprint``, ``severity`` (``info``,
``minor``, ``major``, ``critical`` or ``blocker``) and ``location`` with ``path`` and
``lines.begin``. Nothing else is written: GitLab reads no other key.

Mapping, and why:

- Every finding is listed, whatever ``--fail-on`` says, except those the configuration
  accepts (suppressed) and a good found originating (a pass); each input error too.
- Severity: an error (a good not originating, a failed requirement, a certificate that
  contradicts the goods) is ``critical``: it is a claim that must not be made as it stands.
  A warning is ``minor``, an info ``info``. An input error is ``blocker``: nothing in that
  input was checked at all. ``major`` is not used: roo-check has no grade between a claim
  that must not be made and a screening warning.
- ``check_name`` is the rule id (``input-error`` for an input error); ``description`` names
  the good and subject, then says what was found.
- ``location.path`` is where the finding's first evidence is, as the report records it
  (GitLab wants it relative to the repository: run from its root); ``lines.begin`` its CSV
  row, or 1 when it has none (a workbook row, an XML element, a good's determination, which
  is placed at the shipment's goods file): GitLab requires a line.
- ``fingerprint`` is the one SARIF carries (roo_check.reporters.ci): the rule, file, good
  and subject, never the row, message or figures, so GitLab sees an unrelated edit of the
  BOM leave a finding as it was, and tells a fixed finding from a new one.

Output is deterministic: keys sorted, findings in the report's order.
"""

from __future__ import annotations

import json
from typing import Any

from roo_check.models.findings import Report
from roo_check.reporters import RenderOptions
from roo_check.reporters.ci import (
    BATCH,
    INPUT_ERROR,
    INTERNAL_ERROR,
    Item,
    fingerprints,
    goods_file,
    items,
    listed,
    posix,
)

SEVERITIES = {"error": "critical", "warning": "minor", "info": "info"}
_BLOCKERS = frozenset({INPUT_ERROR, INTERNAL_ERROR})


def _severity(item: Item) -> str:
    return "blocker" if item.code in _BLOCKERS else SEVERITIES[item.severity]


def issue(item: Item, fingerprint: str) -> dict[str, Any]:
    """One finding or input error as one Code Quality issue."""
    return {
        "description": item.text,
        "check_name": item.code,
        "fingerprint": fingerprint,
        "severity": _severity(item),
        "location": {"path": posix(item.path or ""), "lines": {"begin": item.row or 1}},
    }


def render(report: Report, options: RenderOptions | None = None) -> str:
    listing = items(report, listed, goods_file, BATCH)
    prints = fingerprints(item.key for item in listing)
    issues = [issue(item, print_) for item, print_ in zip(listing, prints, strict=True)]
    return json.dumps(issues, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
