"""Verify a JSON report against the files, rules and configuration it names.

A report is evidence an auditor may be handed long after the run: ``roo-check verify
REPORT.json`` recomputes what the report records and says, one line per check, whether it
still holds:

- the rule-set hash, over the rule files of ``--rules`` (or the bundled rules);
- the configuration file's SHA-256, if the report names one (``--config`` locates it);
- every input file's SHA-256, at the path recorded (relative to the current folder), or
  under a PATH given for its shipment (a folder or file that has moved);
- the report itself: the check is run again with the same rules, configuration and
  evaluation date, and the JSON re-rendered is compared byte for byte with the report, so
  findings edited in the report are caught even when every hash was left alone.

The re-run is made only when every hash matches: with a changed input or rule set it
would differ for that reason alone, and that is already said. A report written by another
version of roo-check is noted: a re-render may differ for that reason alone.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from roo_check import __version__
from roo_check.errors import InputError, UsageError, printable

RUN_DATE_SOURCE = "run date"
"""How a determination's ``date_source`` starts when the files gave no date and the run's
own date was used (roo_check.engine.evaluate): the re-run must use that same day."""

_CHUNK = 1 << 20
_SHOWN = 60


# ----------------------------------------------------------------------------------- results


class Outcome(StrEnum):
    ok = "ok"
    failed = "FAIL"
    skipped = "skip"
    """Not checked, because an earlier check failed and would explain any difference."""
    note = "note"
    """Said, but it does not decide (a report written by another roo-check version)."""


@dataclass(frozen=True)
class Check:
    """One thing verified: what, what the report records, what was found."""

    what: str
    expected: str
    found: str
    outcome: Outcome

    @property
    def ok(self) -> bool:
        return self.outcome is not Outcome.failed

    def line(self) -> str:
        """The check on one line, escaped (paths and values come from the report)."""
        if self.outcome is Outcome.failed:
            detail = f"the report records {self.expected}, found {self.found}"
        elif self.outcome is Outcome.note:
            detail = f"the report was written by {self.expected}, this is {self.found}"
        else:
            detail = self.found
        return printable(f"{self.outcome.value:<4}  {self.what}: {detail}")


def _compare(what: str, expected: str, found: str) -> Check:
    return Check(what, expected, found, Outcome.ok if expected == found else Outcome.failed)


@dataclass(frozen=True)
class Verification:
    """Every check made on one report; it verifies when none failed."""

    report: str
    checks: tuple[Check, ...]

    @property
    def ok(self) -> bool:
        return all(check.ok for check in self.checks)

    @property
    def exit_code(self) -> int:
        """0 verified, 1 a mismatch (an unreadable report raises instead: exit 2)."""
        return 0 if self.ok else 1

    def lines(self) -> list[str]:
        """One line per check, then the verdict."""
        failed = sum(1 for check in self.checks if not check.ok)
        if failed:
            verdict = (
                f"NOT VERIFIED: {failed} of {len(self.checks)} checks failed for "
                f"{printable(self.report)}"
            )
        else:
            verdict = (
                f"verified: {printable(self.report)} matches the files, rules and "
                "configuration it names"
            )
        return [check.line() for check in self.checks] + [verdict]


# ------------------------------------------------------------------- what the report records


class _Lenient(BaseModel):
    """Only what verification needs: a report of another version still verifies."""

    model_config = ConfigDict(extra="ignore", frozen=True)


class _Input(_Lenient):
    path: str
    sha256: str


class _Determination(_Lenient):
    evaluation_date: dt.date
    date_source: str = ""


class _Shipment(_Lenient):
    name: str
    inputs: list[_Input]
    determinations: list[_Determination] = []


class _ConfigRecord(_Lenient):
    path: str
    sha256: str


class _Recorded(_Lenient):
    tool: Literal["roo-check"]
    version: str
    ruleset_hash: str
    config: _ConfigRecord | None = None
    evaluation_date: dt.date | None = None
    declarations: list[_Input] = []
    strict_evidence: bool = False
    fixes: bool = False
    shipments: list[_Shipment]


@dataclass(frozen=True)
class _Located:
    """A shipment of the report: where it was checked, and where it is now."""

    index: int
    """Its place among the report's shipments."""
    shipment: _Shipment
    recorded: Path
    located: Path

    def input_path(self, recorded_input: str) -> Path:
        """Where an input of this shipment is now (its recorded place if not moved)."""
        path = Path(recorded_input)
        if self.located == self.recorded:
            return path
        if path == self.recorded:
            return self.located
        try:
            return self.located / path.relative_to(self.recorded)
        except ValueError:
            return path


def _read_report(path: Path) -> bytes:
    """The report's bytes, read as every input is (a regular file; a FIFO is refused)."""
    from roo_check.limits import MAX_REPORT_BYTES
    from roo_check.loaders.files import read_file

    return read_file(path, limit=MAX_REPORT_BYTES)


def _parse_report(raw: bytes, *, file: str) -> tuple[_Recorded, Any]:
    """The report as recorded (validated) and as plain JSON data."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte {exc.start})", file=file) from None
    except json.JSONDecodeError as exc:
        raise InputError(
            f"not a JSON report: {exc.msg}", file=file, location=f"line {exc.lineno}"
        ) from None
    if not isinstance(data, dict) or data.get("tool") != "roo-check":
        raise InputError("not a roo-check JSON report (written by --format json)", file=file)
    try:
        return _Recorded.model_validate(data), data
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"]) or None
        raise InputError(
            f"not a roo-check JSON report: {first['msg']}", file=file, location=where
        ) from None


# -------------------------------------------------------------------------------- the hashes


def file_sha256(path: Path) -> str:
    """The SHA-256 of a regular file, read in chunks; otherwise what is wrong with it.

    Opened without blocking and refused unless a regular file, so a report naming a FIFO
    or a device cannot hang or flood the verification.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        return "missing"
    except OSError as exc:
        return f"unreadable ({exc.strerror or exc})"
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return "not a regular file"
        digest = hashlib.sha256()
        try:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
        except OSError as exc:
            return f"unreadable ({exc.strerror or exc})"
    return digest.hexdigest()


def _rules_check(rules_dir: Path | None, recorded: str) -> Check:
    from roo_check.errors import RuleError
    from roo_check.rulebook.load import default_rules_dir, rule_files, ruleset_hash

    root = (rules_dir or default_rules_dir()).resolve()
    try:
        digest = ruleset_hash(root, rule_files(root))
    except OSError as exc:
        raise RuleError(f"cannot read the rules: {exc.strerror or exc}", file=str(root)) from None
    where = str(rules_dir) if rules_dir else "the bundled rules"
    return _compare(f"rule-set hash of {where}", recorded, digest)


def _config_check(recorded: _ConfigRecord | None, given: Path | None) -> Check:
    if recorded is None:
        if given is None:
            return Check("configuration", "none", "none recorded, none given", Outcome.ok)
        return Check("configuration", "none", f"--config {given}", Outcome.failed)
    path = given or Path(recorded.path)
    where = recorded.path if given is None else f"{recorded.path} (given as {given})"
    return _compare(f"configuration {where}", recorded.sha256, file_sha256(path))


def _register_checks(recorded: _Recorded) -> list[Check]:
    """The batch's register of declarations (--declarations), file by file."""
    return [
        _compare(f"declarations {r.path}", r.sha256, file_sha256(Path(r.path)))
        for r in recorded.declarations
    ]


def _input_checks(located: list[_Located]) -> list[Check]:
    checks = []
    for item in located:
        for record in item.shipment.inputs:
            path = item.input_path(record.path)
            what = f"input {record.path}"
            if str(path) != record.path:
                what += f" (at {path})"
            checks.append(_compare(what, record.sha256, file_sha256(path)))
    return checks


# ------------------------------------------------------------------------ shipments and PATHS


def recorded_root(shipment: _Shipment) -> Path:
    """The path the check was given for a shipment: its folder, workbook or BOM file.

    A single-file shipment has one input named like the shipment; a folder's inputs are
    its role files (and ``suppliers/*``), so the folder is the parent of the shallowest.
    A shipment that failed to load has no inputs and is named by the path given.
    """
    if not shipment.inputs:
        return Path(shipment.name)
    paths = [Path(record.path) for record in shipment.inputs]
    if len(paths) == 1 and paths[0].name == shipment.name:
        return paths[0]
    return min(paths, key=lambda path: len(path.parts)).parent


def _name_of(path: Path) -> str:
    """The shipment name the loaders give a path (a folder's name, a file's name)."""
    if path.is_dir():
        return path.name or path.resolve().name
    return path.name


def _locate(shipments: list[_Shipment], paths: Sequence[Path]) -> tuple[list[_Located], bool]:
    """The shipments to verify, each with where it is now; True if that is all of them."""
    roots = [recorded_root(shipment) for shipment in shipments]
    if not paths:
        return [
            _Located(i, s, r, r) for i, (s, r) in enumerate(zip(shipments, roots, strict=True))
        ], True
    chosen: dict[int, _Located] = {}
    for path in paths:
        index = _match(path, shipments, roots)
        chosen[index] = _Located(index, shipments[index], roots[index], path)
    return [chosen[i] for i in sorted(chosen)], len(chosen) == len(shipments)


def _match(path: Path, shipments: list[_Shipment], roots: list[Path]) -> int:
    """The index of the shipment PATH stands for: its recorded path, else its name."""
    same = [i for i, root in enumerate(roots) if root == path]
    if len(same) == 1:
        return same[0]
    named = [i for i, shipment in enumerate(shipments) if shipment.name == _name_of(path)]
    if len(named) == 1:
        return named[0]
    if not named:
        listed = ", ".join(sorted(s.name for s in shipments)[:5])
        raise UsageError(f"names no shipment of the report (it has: {listed})", file=str(path))
    raise UsageError(
        "names several shipments of the report; give the path as recorded", file=str(path)
    )


# ---------------------------------------------------------------------------------- the re-run


def _run_date(recorded: _Recorded) -> dt.date:
    """The day the report was made, as far as it matters: the date used for goods whose files
    gave none (any day will do when no good needed one)."""
    for shipment in recorded.shipments:
        for determination in shipment.determinations:
            if determination.date_source.startswith(RUN_DATE_SOURCE):
                return determination.evaluation_date
    return dt.date.today()


def rerender(
    recorded: _Recorded, located: list[_Located], rules_dir: Path | None, config_path: Path | None
) -> str:
    """The JSON report of the same check, made again now, as ``roo-check check`` makes it."""
    from roo_check.loaders.config import load_config
    from roo_check.models.config import Config
    from roo_check.models.findings import ConfigRecord
    from roo_check.reporters import RenderOptions, renderer
    from roo_check.rulebook.configure import apply_config
    from roo_check.rulebook.load import load_rulebook
    from roo_check.run import check_paths

    rulebook = load_rulebook(rules_dir)
    config, record = Config(), None
    if recorded.config is not None:
        path = config_path or Path(recorded.config.path)
        config, digest = load_config(path)
        rulebook = apply_config(rulebook, config, str(path))
        record = ConfigRecord(path=recorded.config.path, sha256=digest)
    rulebook = _as_run(rulebook, recorded)
    paths = [item.located for item in located]
    report = check_paths(
        paths, rulebook, recorded.evaluation_date, _run_date(recorded), config, record
    )
    text = renderer("json")(report, RenderOptions())
    return _as_recorded(text, located)


def _as_run(rulebook, recorded: _Recorded):
    """The rulebook with the options the report records: the batch's register of
    declarations, --strict-evidence and --fixes."""
    import dataclasses

    from roo_check.loaders.declarations import load_register

    register = None
    for record in recorded.declarations:
        loaded = load_register(Path(record.path))
        register = register.merged(loaded) if register else loaded
    return dataclasses.replace(
        rulebook,
        register=register,
        strict_evidence=recorded.strict_evidence,
        fixes=recorded.fixes,
    )


def _as_recorded(text: str, located: list[_Located]) -> str:
    """Rendered JSON with each moved shipment's path put back as the report records it.

    The paths are JSON string content, so they are replaced in their escaped form; a
    folder's path is replaced with its separator so that ``a/b`` never touches ``a/bc``.
    """
    for item in located:
        if item.located == item.recorded:
            continue
        now, then = str(item.located), str(item.recorded)
        text = text.replace(_escaped(now + os.sep), _escaped(then + os.sep))
        text = text.replace(f'"{_escaped(now)}"', f'"{_escaped(then)}"')
    return text


def _escaped(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)[1:-1]


def _content_check(
    raw: bytes, data: Any, rendered: str, located: list[_Located], whole: bool, version: str
) -> list[Check]:
    what = "report content, re-rendered"
    hint = ""
    if version != __version__:
        hint = f" (the report is from roo-check {version}: this version may render it otherwise)"
    if whole:
        if rendered.encode("utf-8") == raw:
            return [Check(what, "", "identical, byte for byte", Outcome.ok)]
        again = json.loads(rendered)
        return [
            Check(
                what, "this content", _difference(data, again, raw, rendered) + hint, Outcome.failed
            )
        ]
    return _shipment_checks(data, json.loads(rendered), located, hint)


def _shipment_checks(data: Any, again: Any, located: list[_Located], hint: str) -> list[Check]:
    """Each chosen shipment compared on its own (PATHS chose some, not every shipment).

    The re-run's shipments come in the report's order (by name, then as given), so they pair
    with the chosen ones in turn, even when two folders share a name.
    """
    checks = []
    for item, now in zip(located, again["shipments"], strict=True):
        what = f"shipment {item.shipment.name}, re-rendered"
        found = _first_difference(data["shipments"][item.index], now)
        if found is None:
            checks.append(Check(what, "", "identical", Outcome.ok))
        else:
            checks.append(Check(what, "this content", _say(found) + hint, Outcome.failed))
    checks.append(
        Check(
            "batch findings",
            "",
            "not compared: they look across every shipment, and PATHS chose some",
            Outcome.skipped,
        )
    )
    return checks


def _difference(data: Any, again: Any, raw: bytes, rendered: str) -> str:
    found = _first_difference(data, again)
    if found is not None:
        return _say(found)
    lines = raw.decode("utf-8").splitlines()
    for number, (then, now) in enumerate(zip(lines, rendered.splitlines(), strict=False), 1):
        if then != now:
            return f"the same data, written differently from line {number}"
    return "the same data, written differently (line endings or the end of the file)"


def _say(found: tuple[str, Any, Any]) -> str:
    where, then, now = found
    return f"a difference at {where or 'the top'}: {_show(then)} in the report, {_show(now)} now"


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= _SHOWN else text[: _SHOWN - 3] + "..."


def _first_difference(then: Any, now: Any, where: str = "") -> tuple[str, Any, Any] | None:
    """The first place two JSON values differ: (path, value then, value now), or None."""
    if isinstance(then, dict) and isinstance(now, dict):
        for key in sorted(then.keys() | now.keys()):
            found = _first_difference(
                then.get(key, "<absent>"), now.get(key, "<absent>"), f"{where}.{key}".lstrip(".")
            )
            if found:
                return found
        return None
    if isinstance(then, list) and isinstance(now, list):
        for index, (a, b) in enumerate(zip(then, now, strict=False)):
            found = _first_difference(a, b, f"{where}[{index}]")
            if found:
                return found
        if len(then) != len(now):
            return f"{where} (length)", len(then), len(now)
        return None
    if then != now or type(then) is not type(now):
        return where, then, now
    return None


# ----------------------------------------------------------------------------------- verify


def verify_report(
    report: Path,
    paths: Sequence[Path] = (),
    *,
    rules_dir: Path | None = None,
    config_path: Path | None = None,
) -> Verification:
    """Verify a JSON report (see the module docstring).

    Raises :class:`InputError` when the report cannot be read or is no roo-check JSON
    report, :class:`UsageError` when a PATH stands for no shipment of it (exit 2).
    """
    raw = _read_report(report)
    recorded, data = _parse_report(raw, file=str(report))
    located, whole = _locate(recorded.shipments, paths)
    checks = [
        Check(
            "roo-check version",
            recorded.version,
            __version__,
            Outcome.ok if recorded.version == __version__ else Outcome.note,
        ),
        _rules_check(rules_dir, recorded.ruleset_hash),
        _config_check(recorded.config, config_path),
        *_register_checks(recorded),
        *_input_checks(located),
    ]
    if all(check.ok for check in checks):
        rendered = rerender(recorded, located, rules_dir, config_path)
        checks += _content_check(raw, data, rendered, located, whole, recorded.version)
    else:
        checks.append(
            Check(
                "report content",
                "",
                "not re-rendered: the files or rules above differ from those the report names",
                Outcome.skipped,
            )
        )
    return Verification(str(report), tuple(checks))
