"""Read ``rules/`` into a Rulebook. Rules fail closed: one bad file stops the run.

Rule files are read like any input (:mod:`roo_check.loaders.files`): regular files inside
the rule folder, within the size limit; every problem, of the file or of its YAML, is one
line naming the file.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sized
from dataclasses import replace
from pathlib import Path

import yaml
from pydantic import ValidationError

from roo_check.errors import RuleError
from roo_check.limits import MAX_FILE_BYTES, MAX_RULE_NODES
from roo_check.loaders import one_line
from roo_check.loaders.files import check_file, read_file
from roo_check.loaders.limits import walk_values
from roo_check.rulebook import cache
from roo_check.rulebook.automotive import Automotive
from roo_check.rulebook.automotive_schema import (
    AutoCategoriesFile,
    AutoPartsFile,
    AutoThresholdsFile,
)
from roo_check.rulebook.chapter4_schema import Chapter4File
from roo_check.rulebook.index import Rulebook
from roo_check.rulebook.kinds_schema import KindsFile, kind_table
from roo_check.rulebook.process_schema import ProcessesFile, vocabulary_for
from roo_check.rulebook.provisions import Provisions
from roo_check.rulebook.provisions_schema import ProvisionsFile
from roo_check.rulebook.schema import CriteriaFile, PsrFile, RiskFile

_KINDS = {
    "product_specific_rules": PsrFile,
    "origin_criteria": CriteriaFile,
    "chapter_4_articles": Chapter4File,
    "rule_provisions": ProvisionsFile,
    "risk_flags": RiskFile,
    "kinds_of_goods": KindsFile,
    "production_processes": ProcessesFile,
    "automotive_parts_tables": AutoPartsFile,
    "automotive_thresholds": AutoThresholdsFile,
    "automotive_categories": AutoCategoriesFile,
}
_SKIP_DIRS = {"source"}
_SUFFIXES = {".yaml", ".yml"}


def default_rules_dir() -> Path:
    """The rule set shipped with the package (wheel) or beside it (source checkout)."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "_rules", here.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise RuleError("the bundled rule set was not found; reinstall roo-check")


def rule_files(root: Path) -> list[Path]:
    """Every ``.yaml``/``.yml`` file under ``root`` (but under ``source/``), sorted by its
    path relative to ``root``.

    Rules fail closed: a folder that cannot be listed, or an entry named like a rule file
    that is no regular file inside ``root`` (a folder ``x.yaml``, a FIFO, a symbolic link
    leading outside ``root`` or looping) stops the run. Linked folders are not entered.
    """
    files: list[Path] = []
    for folder, dirs, names in os.walk(root, onerror=_cannot_list):
        dirs[:] = [d for d in dirs if d not in _SKIP_DIRS]
        for name in (*dirs, *names):
            path = Path(folder, name)
            if path.suffix in _SUFFIXES:
                check_file(path, within=root, file=_display(path, root), error=RuleError)
                files.append(path)
    return sorted(files, key=lambda p: p.relative_to(root).as_posix())


def _cannot_list(exc: OSError) -> None:
    raise RuleError(
        f"cannot list the folder: {exc.strerror or type(exc).__name__}", file=exc.filename
    )


def _display(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def read_rule_file(path: Path, root: Path | None = None, display: str | None = None) -> bytes:
    """The bytes of one rule file, read like any input (:mod:`roo_check.loaders.files`):
    a regular file, inside ``root`` if given, at most the input size limit."""
    name = display if display is not None else str(path)
    return read_file(path, within=root, file=name, error=RuleError, limit=MAX_FILE_BYTES)


def ruleset_hash(root: Path, files: list[Path]) -> str:
    """The SHA-256 of the rule set: each file's path relative to ``root`` and its bytes."""
    return _digest([(_display(p, root), read_rule_file(p, root, _display(p, root))) for p in files])


def _digest(contents: list[tuple[str, bytes]]) -> str:
    digest = hashlib.sha256()
    for display, data in contents:
        digest.update(display.encode())
        digest.update(b"\0")
        digest.update(data)
        digest.update(b"\0")
    return digest.hexdigest()


_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _RuleLoader(_Base):  # type: ignore[misc,valid-type]
    """The safe YAML loader, with a value the constructors refuse (an impossible date such
    as 2026-02-30, an integer of 5,000 digits) turned into a YAML error at its line."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> object:
        try:
            return super().construct_object(node, deep)
        except (ValueError, OverflowError) as exc:
            raise yaml.constructor.ConstructorError(
                None, None, _bad_value(node, exc), node.start_mark
            ) from None


def _bad_value(node: yaml.Node, exc: Exception) -> str:
    if not isinstance(node, yaml.ScalarNode):
        return f"not a valid value: {one_line(str(exc), 120)}"
    value = node.value if len(node.value) <= 40 else node.value[:37] + "..."
    what = "date" if node.tag.endswith(":timestamp") else "value"
    return f"{value!r} is not a valid {what}: {one_line(str(exc), 120)}"


def parse_yaml(data: bytes, display: str) -> object:
    """The YAML document of a rule file; every problem is one RuleError line naming the file
    (and the line where the parser knows it)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RuleError(f"not valid UTF-8 at byte {exc.start:,}", file=display) from None
    try:
        document = yaml.load(text, Loader=_RuleLoader)
    except yaml.reader.ReaderError as exc:
        raise _unacceptable(exc, text, display) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise RuleError(
            f"not valid YAML: {one_line(problem)}", file=display, location=where
        ) from None
    except RecursionError:
        raise RuleError("not valid YAML: nested too deeply", file=display) from None
    except (ValueError, OverflowError) as exc:  # a constructor outside construct_object
        raise RuleError(f"not valid YAML: {one_line(str(exc))}", file=display) from None
    _within_node_budget(document, display)
    return document


def _within_node_budget(document: object, display: str) -> None:
    """Refuse a rule file whose aliases expand past :data:`MAX_RULE_NODES` values.

    Rule files may use anchors and aliases (the bundled ones do, for shared readings), but
    the schema validates the expanded tree: nested aliases ("billion laughs") would make
    that take forever. Counting the expanded values with a budget stops such a file at once.
    """
    for count, _ in enumerate(walk_values(document), start=1):
        if count > MAX_RULE_NODES:
            raise RuleError(
                f"the file expands to more than {MAX_RULE_NODES:,} values (nested YAML "
                "aliases?); refused",
                file=display,
            )


def _unacceptable(exc: yaml.reader.ReaderError, text: str, display: str) -> RuleError:
    """A character YAML does not allow (a control character), on the line it first occurs."""
    if not isinstance(exc.character, int):
        return RuleError(f"not valid YAML: {one_line(str(exc.reason))}", file=display)
    # The first occurrence is the one the reader stopped at (it reads from the start); its
    # reported position may count bytes or characters depending on the parser.
    at = text.find(chr(exc.character))
    where = f"line {text.count(chr(10), 0, at) + 1}" if at >= 0 else None
    return RuleError(
        f"not valid YAML: character #x{exc.character:04x} is not allowed ({exc.reason})",
        file=display,
        location=where,
    )


def _describe(error: ValidationError) -> tuple[str, str, str]:
    first = error.errors()[0]
    loc = ".".join(str(p) for p in first["loc"])
    key = str(first["loc"][-1]) if first["loc"] else ""
    if first["type"] == "extra_forbidden":
        message = f"unknown key {key!r}"
    else:
        message = one_line(first["msg"].removeprefix("Value error, "))
    more = len(error.errors()) - 1
    if more:
        message += f" (and {more} more problem{'s' if more > 1 else ''})"
    return loc, key, message


def load_file(
    path: Path,
    display: str,
    *,
    within: Path | None = None,
    data: bytes | None = None,
) -> PsrFile | CriteriaFile | Chapter4File | RiskFile | AutoPartsFile | AutoThresholdsFile:
    """One rule file, validated against the model of its ``kind``.

    ``within``: the rule folder the file must stay in; ``data``: its bytes if already read.
    Every problem is one :class:`RuleError` line naming ``display``.
    """
    raw = data if data is not None else read_rule_file(path, within, display)
    document = parse_yaml(raw, display)
    if not isinstance(document, dict):
        raise RuleError("a rule file must be a mapping", file=display)
    kind = document.get("kind")
    model = _KINDS.get(kind) if isinstance(kind, str) else None
    if model is None:
        raise RuleError(
            f"unknown rule file kind {kind!r} (expected one of {sorted(_KINDS)})",
            file=display,
            field="kind",
        )
    try:
        return model.model_validate(document)
    except ValidationError as exc:
        loc, key, message = _describe(exc)
        raise RuleError(message, file=display, location=loc, field=key) from None


_MEMO: dict[tuple[Path, str], Rulebook] = {}
"""Rulebooks already loaded in this process, by (resolved rule folder, rule set hash)."""

_MEMO_SIZE = 4


def load_rulebook(root: Path | None = None) -> Rulebook:
    """Load and validate the rule set in ``root`` (default: the bundled rules).

    Rules fail closed: one bad file stops the run. Every file is read on every call, and its
    bytes are hashed; a rule set this process already validated with the same hash is
    returned as it was built (a Rulebook is immutable), so a process that checks many
    shipments, or forks many runs, validates its rules once, and a rule set validated by an
    earlier run is read compiled from the disk cache (:mod:`roo_check.rulebook.cache`). A
    changed file changes the hash, so a stale rulebook is never served.
    """
    try:
        root = (root or default_rules_dir()).resolve()
    except (OSError, RuntimeError):
        raise RuleError("cannot resolve the rule directory", file=str(root)) from None
    if not root.is_dir():
        raise RuleError("rule directory not found", file=str(root))
    contents = [(path, _display(path, root)) for path in rule_files(root)]
    read = [(display, read_rule_file(path, root, display)) for path, display in contents]
    digest = _digest(read)
    key = (root, digest)
    if key not in _MEMO:
        rulebook = cache.load(root, digest)
        if rulebook is None:
            rulebook = _build(root, [(display, data) for display, data in read], digest)
            cache.store(rulebook, root)
        while len(_MEMO) >= _MEMO_SIZE:
            del _MEMO[next(iter(_MEMO))]
        _MEMO[key] = rulebook
    return _MEMO[key]


def _build(root: Path, read: list[tuple[str, bytes]], digest: str) -> Rulebook:
    """Validate every rule file read and build the rulebook from them."""
    psr_files: list[PsrFile] = []
    criteria: list[CriteriaFile] = []
    chapter4: list[Chapter4File] = []
    provisions: list[tuple[str, ProvisionsFile]] = []
    risk_files: list[RiskFile] = []
    kinds: list[tuple[str, KindsFile]] = []
    processes: list[tuple[str, ProcessesFile]] = []
    automotive: dict[type, tuple[str, object]] = {}
    for display, data in read:
        loaded = load_file(root / display, display, data=data)
        if isinstance(loaded, PsrFile):
            psr_files.append(loaded)
        elif isinstance(loaded, RiskFile):
            risk_files.append(loaded)
        elif isinstance(loaded, AutoPartsFile | AutoThresholdsFile | AutoCategoriesFile):
            _add_automotive(automotive, display, loaded)
        elif isinstance(loaded, Chapter4File):
            chapter4.append(loaded)
        elif isinstance(loaded, KindsFile):
            kinds.append((display, loaded))
        elif isinstance(loaded, ProvisionsFile):
            provisions.append((display, loaded))
        elif isinstance(loaded, ProcessesFile):
            processes.append((display, loaded))
        else:
            criteria.append(loaded)
    _exactly_one(criteria, "origin_criteria", root)
    _exactly_one(chapter4, "chapter_4_articles", root)
    rulebook = Rulebook.build(
        psr_files,
        criteria[0],
        digest,
        root,
        [r for f in risk_files for r in f.rules],
    )
    return replace(
        rulebook,
        chapter4=chapter4[0],
        automotive=_automotive(root, automotive),
        provisions=_provisions(root, psr_files, provisions),
        kinds=kind_table(kinds, psr_files),
        processes=vocabulary_for(processes, psr_files),
    )


def _add_automotive(
    found: dict[type, tuple[str, object]],
    display: str,
    loaded: AutoPartsFile | AutoThresholdsFile | AutoCategoriesFile,
) -> None:
    """One file of the automotive appendix; a second file of the same kind stops the run."""
    if type(loaded) in found:
        raise RuleError(
            f"a second {loaded.kind} file (the first is {found[type(loaded)][0]})",
            file=display,
            field="kind",
        )
    found[type(loaded)] = (display, loaded)


def _exactly_one(found: Sized, kind: str, root: Path) -> None:
    if len(found) != 1:
        raise RuleError(f"expected exactly one {kind} file, found {len(found)}", file=str(root))


def _provisions(
    root: Path, psr_files: list[PsrFile], found: list[tuple[str, ProvisionsFile]]
) -> Provisions:
    """Every chapter note of the PSR files needs an entry saying what the engine does with it:
    a note the engine would silently ignore stops the run (rules fail closed)."""
    if len(found) > 1:
        raise RuleError(
            f"a second rule_provisions file (the first is {found[0][0]})",
            file=found[1][0],
            field="kind",
        )
    display, data = found[0] if found else (str(root), None)
    provisions = Provisions.build(data.provisions if data else [], psr_files)
    if provisions.unmapped:
        raise RuleError(
            f"chapter note{'s' if len(provisions.unmapped) > 1 else ''} "
            f"{', '.join(provisions.unmapped)} of the PSR files "
            f"{'have' if len(provisions.unmapped) > 1 else 'has'} no entry in a rule_provisions "
            "file: say what the engine does with it",
            file=display,
        )
    return provisions


def _automotive(root: Path, found: dict[type, tuple[str, object]]) -> Automotive | None:
    """The automotive appendix: all three files, or none (a custom rule set may leave it out)."""
    kinds = (AutoPartsFile, AutoThresholdsFile, AutoCategoriesFile)
    if not found:
        return None
    absent = [k.model_fields["kind"].annotation.__args__[0] for k in kinds if k not in found]
    if absent:
        raise RuleError(
            f"the automotive rules are incomplete: no {', '.join(absent)} file",
            file=str(root),
        )
    parts, thresholds, categories = (found[k][1] for k in kinds)
    assert isinstance(parts, AutoPartsFile) and isinstance(thresholds, AutoThresholdsFile)
    assert isinstance(categories, AutoCategoriesFile)
    automotive = Automotive(parts=parts, thresholds=thresholds, categories=categories)
    automotive.check_references(found[AutoCategoriesFile][0])
    return automotive
