"""What the formats a pipeline reads share (the ``-q`` lines, GitHub annotations, GitLab Code
Quality, SARIF): where a finding points, and a fingerprint that follows it from run to run.

Where: a finding points at its first piece of evidence, the file it names and, when the
evidence is at ``row N`` of a CSV file, that row; the loaders count a CSV file's rows as its
lines (the ``# key: value`` lines of a single-file BOM included), so the row is the line a CI
service draws its annotation on. A workbook's rows (``sheet 'bom' row 5``), XML or JSON
elements and routing legs have no line of their own: those findings point at the file alone.
A finding without evidence (a good's determination: the report does not record the good's
row) points where the caller says (the goods file, or the shipment folder).

Fingerprint: a SHA-256 of what the finding is about, never of where it is or what it
measured: the rule id, the file, the good's part number and the subject (which names the
material, the certificate field or the routing stop concerned). Its row, message and figures
are left out, so inserting a BOM row above moves the finding's line but keeps its
fingerprint, and a share that changes because another material's value changed is the same
finding, still open. Two findings with the same key in one report (rare: one rule twice on
one subject) are told apart by their order among themselves.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath

from roo_check.models.findings import (
    INTERNAL_ERROR_KIND,
    ErrorRecord,
    Finding,
    Report,
    ShipmentResult,
)

INPUT_ERROR = "input-error"
INTERNAL_ERROR = "internal-error"
BATCH = "batch"
FINGERPRINT_VERSION = "roo-check/1"
"""Part of every fingerprint: changing how fingerprints are made changes this, on purpose."""

_ROW = re.compile(r"row (\d+)")


def csv_row(path: str | None, location: str | None) -> int | None:
    """The line of ``path`` that ``location`` names, when it is ``row N`` of a CSV file."""
    match = _ROW.fullmatch(location or "")
    if match is None or not (path or "").lower().endswith(".csv"):
        return None
    row = int(match.group(1))
    return row if row >= 1 else None


def posix(path: str) -> str:
    """A recorded path with forward slashes, as CI services and fingerprints want it."""
    return path.replace("\\", "/")


def shipment_path(result: ShipmentResult) -> str:
    """The path of the shipment as the user named it: the workbook or single-file BOM itself,
    otherwise the folder that holds its files (``.`` for the current folder). A shipment that
    could not be read records no inputs, and its name is then the path as given."""
    for source in result.inputs:
        if PurePosixPath(posix(source.path)).name == result.name:
            return source.path
    if result.inputs:
        return str(PurePosixPath(posix(result.inputs[0].path)).parent)
    return result.name


def goods_file(result: ShipmentResult) -> str | None:
    """The shipment's first input, its goods file: where SARIF, GitHub and GitLab place a
    finding that has no evidence (they want a file)."""
    return result.inputs[0].path if result.inputs else None


def what(finding: Finding) -> str:
    """What a finding is about, naming the good: its subject, which names the good itself
    (``good CP-480 (8537.10)``), or the subject and the good it belongs to
    (``material ARM-PAIR of good CHAIR-EXEC``)."""
    good = finding.good_part_number
    if not good or finding.subject.startswith(f"good {good}"):
        return finding.subject
    return f"{finding.subject} of good {good}"


@dataclass(frozen=True)
class Item:
    """One finding or input error, as a line of a CI format gives it."""

    code: str  # the rule id, or input-error / internal-error
    severity: str  # error, warning or info
    path: str | None
    row: int | None
    what: str  # the good and subject, or the field of an input error
    message: str
    key: tuple[str, ...]  # what the fingerprint hashes: never the row

    @property
    def text(self) -> str:
        """``what: message``, or the message alone when there is nothing to name."""
        return f"{self.what}: {self.message}" if self.what else self.message


def finding_item(finding: Finding, fallback: str | None) -> Item:
    first = finding.evidence[0] if finding.evidence else None
    path = first.source if first else fallback
    return Item(
        code=finding.rule_id,
        severity=finding.severity.value,
        path=path,
        row=csv_row(first.source, first.location) if first else None,
        what=what(finding),
        message=finding.message,
        key=(finding.rule_id, posix(path or ""), finding.good_part_number or "", finding.subject),
    )


def error_code(error: ErrorRecord) -> str:
    """``internal-error`` for a bug of roo-check met on an input, ``input-error`` otherwise."""
    return INTERNAL_ERROR if error.kind == INTERNAL_ERROR_KIND else INPUT_ERROR


def error_item(error: ErrorRecord, shipment: str) -> Item:
    """An input error, at its file (the shipment when it names none) and row; a place that is
    no CSV row (a workbook's sheet and row, an element) is named before the field."""
    path = error.file or shipment
    row = csv_row(path, error.location)
    code = error_code(error)
    return Item(
        code=code,
        severity="error",
        path=path,
        row=row,
        what=", ".join(p for p in (None if row else error.location, error.field) if p),
        message=error.message,
        key=(code, posix(path), error.field or "", error.message),
    )


def items(
    report: Report,
    keep: Callable[[Finding], bool],
    fallback: Callable[[ShipmentResult], str | None],
    batch: str | None,
    *,
    errors: bool = True,
) -> list[Item]:
    """Each shipment's input errors (unless not ``errors``: the terminal has them on stderr),
    then its findings that ``keep`` keeps, then the batch's; a finding without evidence is
    placed at ``fallback(shipment)``, or ``batch``."""
    out: list[Item] = []
    for result in report.shipments:
        where = shipment_path(result)
        if errors:
            out.extend(error_item(e, where) for e in result.errors)
        out.extend(finding_item(f, fallback(result)) for f in result.findings if keep(f))
    out.extend(finding_item(f, batch) for f in report.batch_findings if keep(f))
    return out


def listed(finding: Finding) -> bool:
    """What GitHub and GitLab list: every finding, errors to notes, that is not accepted by
    configuration; a good found originating is a pass, not a finding."""
    return finding.suppressed is None and finding.fails("info")


def fingerprints(keys: Iterable[tuple[str, ...]]) -> list[str]:
    """One fingerprint per key, in order (see the module's docstring)."""
    seen: Counter[tuple[str, ...]] = Counter()
    out = []
    for key in keys:
        text = json.dumps([FINGERPRINT_VERSION, *key, seen[key]])  # ASCII: unambiguous
        seen[key] += 1
        out.append(hashlib.sha256(text.encode("ascii")).hexdigest())
    return out
