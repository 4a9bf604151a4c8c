"""Read ``rules/`` into a Rulebook. Rules fail closed: one bad file stops the run."""

from __future__ import annotations

import hashlib
from collections.abc import Sized
from dataclasses import replace
from pathlib import Path

import yaml
from pydantic import ValidationError

from roo_check.errors import RuleError
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


def default_rules_dir() -> Path:
    """The rule set shipped with the package (wheel) or beside it (source checkout)."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "_rules", here.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise RuleError("the bundled rule set was not found; reinstall roo-check")


def rule_files(root: Path) -> list[Path]:
    files = [
        p
        for p in root.rglob("*")
        if p.suffix in {".yaml", ".yml"} and not _SKIP_DIRS.intersection(p.relative_to(root).parts)
    ]
    return sorted(files, key=lambda p: p.relative_to(root).as_posix())


def ruleset_hash(root: Path, files: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def _yaml_loader() -> type[yaml.SafeLoader]:
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _describe(error: ValidationError) -> tuple[str, str, str]:
    first = error.errors()[0]
    loc = ".".join(str(p) for p in first["loc"])
    key = str(first["loc"][-1]) if first["loc"] else ""
    if first["type"] == "extra_forbidden":
        message = f"unknown key {key!r}"
    else:
        message = first["msg"].removeprefix("Value error, ")
    more = len(error.errors()) - 1
    if more:
        message += f" (and {more} more problem{'s' if more > 1 else ''})"
    return loc, key, message


def load_file(
    path: Path, display: str
) -> PsrFile | CriteriaFile | Chapter4File | RiskFile | AutoPartsFile | AutoThresholdsFile:
    try:
        data = yaml.load(path.read_bytes(), Loader=_yaml_loader())
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else None
        raise RuleError(
            f"not valid YAML: {getattr(exc, 'problem', exc)}", file=display, location=where
        ) from None
    if not isinstance(data, dict):
        raise RuleError("a rule file must be a mapping", file=display)
    kind = data.get("kind")
    model = _KINDS.get(kind) if isinstance(kind, str) else None
    if model is None:
        raise RuleError(
            f"unknown rule file kind {kind!r} (expected one of {sorted(_KINDS)})",
            file=display,
            field="kind",
        )
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        loc, key, message = _describe(exc)
        raise RuleError(message, file=display, location=loc, field=key) from None


def load_rulebook(root: Path | None = None) -> Rulebook:
    root = (root or default_rules_dir()).resolve()
    if not root.is_dir():
        raise RuleError("rule directory not found", file=str(root))
    files = rule_files(root)
    psr_files: list[PsrFile] = []
    criteria: list[CriteriaFile] = []
    chapter4: list[Chapter4File] = []
    provisions: list[tuple[str, ProvisionsFile]] = []
    risk_files: list[RiskFile] = []
    kinds: list[tuple[str, KindsFile]] = []
    processes: list[tuple[str, ProcessesFile]] = []
    automotive: dict[type, tuple[str, object]] = {}
    for path in files:
        display = path.relative_to(root).as_posix()
        loaded = load_file(path, display)
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
        ruleset_hash(root, files),
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
