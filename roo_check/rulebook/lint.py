"""``roo-check rules lint``: defects in the rule data that loading alone does not catch.

Loading checks each file's shape (rules fail closed). The linter checks what the shape
cannot: every HS code a rule names exists in the edition its file declares (or exists in an
older edition and maps: a note, counted, not a problem); ranges run forwards within one
level; no two rules in force on the same date govern the same goods for the same end use,
kind of good and trade unless one is more specific; the phases of one provision follow one
another without gap or overlap; every rule has its text and citation; every flag's
parameters are valid.

Real defects of the legal source are reported, never hidden. A reviewed exception is written
in the rule itself, as a ``notes`` entry ``"lint-allow: <subject>: <why>"`` where the subject
is the code the problem names (``8462.99.40``) or the check (``overlap``, ``phases``); the
linter then counts the problem as allowed, and reports an allowance that matches nothing.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from pydantic import ValidationError

from roo_check.hs import nomenclature
from roo_check.hs.codes import CodeRange, dotted
from roo_check.rulebook.chapter4_schema import Chapter4File
from roo_check.rulebook.editions import OlderCode, locate
from roo_check.rulebook.index import Rulebook
from roo_check.rulebook.provision_lint import InventoryRow, inventory
from roo_check.rulebook.provision_lint import problems as provision_problems
from roo_check.rulebook.provisions import Provisions
from roo_check.rulebook.provisions_schema import ProvisionsFile
from roo_check.rulebook.schema import (
    Alternative,
    CriteriaFile,
    FlagRule,
    GeneralRule,
    ProductRule,
    PsrFile,
    RiskFile,
)

ALLOW_PREFIX = "lint-allow:"
_FAR_FUTURE = dt.date.max


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    rule_id: str
    message: str
    subject: str = field(default="", compare=False)
    """What a ``lint-allow`` note names to accept it: a dotted code or a check name."""

    def __str__(self) -> str:
        return f"{self.file}: {self.rule_id}: {self.message}"


@dataclass(frozen=True)
class LintReport:
    problems: list[Problem]
    allowed: list[Problem]
    """Problems accepted by a reviewed ``lint-allow`` note in the rule."""
    notes: list[OlderCode]
    """Codes written in an older edition that map to HS2022 (not problems)."""
    ambiguous: list[str] = field(default_factory=list)
    """HS2022 subheadings that older numbers lead to from rules that differ."""
    inventory: list[InventoryRow] = field(default_factory=list)
    """Every provision beside the rules and what the engine does with it."""

    def summary(self) -> str:
        maps = len(self.notes)
        several = sum(1 for n in self.notes if len(n.targets) > 1)
        parts = [
            f"{len(self.problems)} problem{'s' if len(self.problems) != 1 else ''}",
            f"{len(self.allowed)} allowed by lint-allow notes",
            f"{maps} older HS number{'s' if maps != 1 else ''} mapped to HS2022 through the "
            f"UNSD correlation ({several} to several subheadings; "
            f"{len(self.ambiguous)} HS2022 subheading{'s' if len(self.ambiguous) != 1 else ''} "
            "reached by differing rules)",
        ]
        return "; ".join(parts)


# ---------------------------------------------------------------------------- entry points


def lint(rulebook: Rulebook, names: dict[int, str] | None = None) -> list[Problem]:
    """The problems of a rulebook (allowed ones left out); see ``lint_report``."""
    return lint_report(rulebook, names).problems


def lint_path(root: Path | None = None) -> LintReport:
    """Load a rule directory (RuleError if a file fails to load) and lint it."""
    from roo_check.rulebook.load import default_rules_dir, load_file, rule_files, ruleset_hash

    root = (root or default_rules_dir()).resolve()
    files = rule_files(root)
    loaded = [(load_file(p, p.relative_to(root).as_posix(), within=root), p) for p in files]
    names = {id(doc): p.relative_to(root).as_posix() for doc, p in loaded}
    psr = [d for d, _ in loaded if isinstance(d, PsrFile)]
    criteria = [d for d, _ in loaded if isinstance(d, CriteriaFile)]
    risk = [d for d, _ in loaded if isinstance(d, RiskFile)]
    chapter4 = next((d for d, _ in loaded if isinstance(d, Chapter4File)), None)
    provisions = [p for d, _ in loaded if isinstance(d, ProvisionsFile) for p in d.provisions]
    for doc, path in loaded:
        if isinstance(doc, ProvisionsFile):
            names[id(Provisions)] = path.relative_to(root).as_posix()
    for doc in risk:
        for flag in doc.rules:
            names[id(flag)] = names[id(doc)]
    if len(criteria) != 1:
        from roo_check.errors import RuleError

        raise RuleError(
            f"expected exactly one origin_criteria file, found {len(criteria)}", file=str(root)
        )
    rulebook = Rulebook.build(
        psr, criteria[0], ruleset_hash(root, files), root, [f for d in risk for f in d.rules]
    )
    rulebook = replace(rulebook, chapter4=chapter4, provisions=Provisions.build(provisions, psr))
    return lint_report(rulebook, names)


def lint_report(rulebook: Rulebook, names: dict[int, str] | None = None) -> LintReport:
    names = names if names is not None else _names(rulebook)
    found: list[Problem] = []
    notes: list[OlderCode] = []
    for psr in rulebook.files:
        file = names.get(id(psr), f"chapter {psr.chapter}")
        edition = psr.source.hs_edition
        for rule in psr.rules:
            for where, rng in _rule_codes(rule):
                found.extend(_check_range(file, rule.id, where, rng, edition, notes))
            found.extend(_check_texts(file, rule))
        for general in psr.general_rules:
            for where, rng in _general_codes(general):
                found.extend(_check_range(file, general.id, where, rng, edition, notes))
            found.extend(_check_texts(file, general))
    criteria_file = names.get(id(rulebook.criteria), "origin criteria")
    for rule_id, where, rng in _criteria_codes(rulebook.criteria):
        found.extend(_check_range(criteria_file, rule_id, where, rng, "HS2022", notes))
    found.extend(_overlaps(rulebook, names))
    found.extend(_phases(rulebook, names))
    for flag in rulebook.flags:
        found.extend(_check_flag(names.get(id(flag), "risk flags"), flag))
    found.extend(_provision_problems(rulebook, names))
    problems, allowed = _apply_allowances(rulebook, names, list(dict.fromkeys(found)))
    notes = list(dict.fromkeys(notes))
    ambiguous = sorted(
        code
        for code, derivations in rulebook.editions.derived.items()
        if len({d.rule_id for d in derivations}) > 1 and not any(d.direct for d in derivations)
    )
    return LintReport(sorted(problems), sorted(allowed), notes, ambiguous, inventory(rulebook))


def _provision_problems(rulebook: Rulebook, names: dict[int, str]) -> list[Problem]:
    file = names.get(id(Provisions), "rule provisions")
    found = [
        Problem(file, i, message, subject) for i, message, subject in provision_problems(rulebook)
    ]
    older: list[OlderCode] = []
    for provision in rulebook.provisions.entries:
        for where, rng in _provision_codes(provision):
            found.extend(_check_range(file, provision.id, where, rng, "HS2022", older))
    # The engine matches provisions against HS2022 codes as they stand: no edition mapping.
    found += [
        Problem(file, o.rule_id, f"{o.where} {dotted(o.code)}: not an HS2022 code", dotted(o.code))
        for o in older
    ]
    return found


def _provision_codes(provision: object) -> Iterator[tuple[str, CodeRange]]:
    for name in (
        "goods",
        "except_goods",
        "materials",
        "not_materials",
        "sure_materials",
        "role_codes",
        "kind_codes",
        "only_if_materials",
        "unless_materials",
        "qualified_except_goods",
        "used_in",
    ):
        yield from ((name, r) for r in getattr(provision, name, ()))
    for pair in getattr(provision, "pairs", ()):
        yield from (("pair materials", r) for r in pair.materials)
        yield from (("pair goods", r) for r in pair.goods)


def _names(rulebook: Rulebook) -> dict[int, str]:
    """File names for a rulebook loaded elsewhere: match its documents to the files on disk."""
    from roo_check.rulebook.load import load_file, rule_files

    names: dict[int, str] = {}
    if not rulebook.root.is_dir():
        return names
    by_content = {}
    for path in rule_files(rulebook.root):
        display = path.relative_to(rulebook.root).as_posix()
        doc = load_file(path, display, within=rulebook.root)
        by_content[doc.model_dump_json()] = display
        if isinstance(doc, RiskFile):
            for flag in doc.rules:
                by_content[flag.model_dump_json()] = display
    for doc in (*rulebook.files, rulebook.criteria, *rulebook.flags):
        display = by_content.get(doc.model_dump_json())
        if display:
            names[id(doc)] = display
    return names


# ---------------------------------------------------------------------------- codes


def _alternative_codes(alt: Alternative) -> Iterator[tuple[str, CodeRange]]:
    if alt.shift:
        yield from (("from", r) for r in alt.shift.from_)
        yield from (("except", r) for r in alt.shift.except_)
        yield from (("from goods", r) for g in alt.shift.from_goods for r in g.codes)
        yield from (("except goods", r) for g in alt.shift.except_goods for r in g.codes)
        if alt.shift.except_more_than_one_of:
            for group in alt.shift.except_more_than_one_of.groups:
                yield from (("except more than one of", r) for r in group)
    if alt.weight_requirement:
        yield from (("weight materials", r) for r in alt.weight_requirement.materials)


def _rule_codes(rule: ProductRule) -> Iterator[tuple[str, CodeRange]]:
    yield from (("scope", r) for r in rule.scope)
    for alt in rule.alternatives:
        yield from _alternative_codes(alt)


def _general_codes(rule: GeneralRule) -> Iterator[tuple[str, CodeRange]]:
    yield from (("scope", r) for r in rule.scope)
    yield from (("except", r) for r in rule.except_)
    for alt in rule.alternatives:
        yield from _alternative_codes(alt)


def _criteria_codes(criteria: CriteriaFile) -> Iterator[tuple[str, str, CodeRange]]:
    for rule in criteria.de_minimis:
        yield from ((rule.id, "not_by_value", r) for r in rule.not_by_value)
        yield from (
            (rule.id, "different_subheading_chapters", r)
            for r in rule.different_subheading_chapters
        )
        for exclusion in rule.exclusions:
            yield from ((exclusion.id, "materials", r) for r in exclusion.materials)
            yield from ((exclusion.id, "goods", r) for r in exclusion.goods)
        for weight in rule.by_weight:
            yield from ((weight.id, "goods", r) for r in weight.goods)
    d = criteria.criterion_d
    yield from ((d.id, "excluded_chapters", r) for r in d.excluded_chapters)


def _check_range(
    file: str, rule_id: str, where: str, rng: CodeRange, edition: str, notes: list[OlderCode]
) -> list[Problem]:
    problems = []
    if len(rng.start) != len(rng.end):
        problems.append(
            Problem(file, rule_id, f"{where} {rng}: the ends are of different levels", "range")
        )
    elif rng.start > rng.end:
        problems.append(Problem(file, rule_id, f"{where} {rng}: the range runs backwards", "range"))
    for bound in sorted({rng.start, rng.end}):
        older = locate(bound, edition)
        if older is None:
            continue
        shown = dotted(bound)
        if older.edition is None:
            near = ", ".join(dotted(c) for c in nomenclature.nearest(bound[:6], edition))
            message = (
                f"{where} {shown}: not a code of {edition} (nor of "
                f"{', '.join(e for e in nomenclature.EDITIONS if e != edition)}); "
                f"nearest in {edition}: {near}"
            )
            problems.append(Problem(file, rule_id, message, shown))
        elif not older.maps:
            problems.append(Problem(file, rule_id, f"{where} {older.describe()}", shown))
        else:
            notes.append(OlderCode(rule_id, where, bound, older.edition, older.targets))
    return problems


# ---------------------------------------------------------------------------- texts, flags


def _check_texts(file: str, rule: ProductRule | GeneralRule) -> list[Problem]:
    problems = []
    if not rule.text.strip():
        problems.append(Problem(file, rule.id, "the rule has no legal text", "text"))
    if not rule.citation.strip():
        problems.append(Problem(file, rule.id, "the rule has no citation", "citation"))
    for alt in rule.alternatives:
        if not alt.text.strip():
            problems.append(Problem(file, rule.id, f"alternative {alt.label} has no text", "text"))
    return problems


def _check_flag(file: str, flag: FlagRule) -> list[Problem]:
    problems = []
    for name in ("citation", "summary", "rationale"):
        if not str(getattr(flag, name)).strip():
            problems.append(Problem(file, flag.id, f"the flag has no {name}", name))
    try:
        flag.typed_params()
    except (ValidationError, KeyError) as exc:
        problems.append(Problem(file, flag.id, f"invalid params: {exc}".splitlines()[0], "params"))
    return problems


# ---------------------------------------------------------------------------- overlaps, phases


def _context(rule: ProductRule) -> tuple[object, ...]:
    return (
        tuple(sorted(u.value for u in rule.end_use)) if rule.end_use else None,
        rule.good,
        tuple(sorted(rule.trade)) if rule.trade else None,
    )


def _ranges_overlap(a: CodeRange, b: CodeRange) -> bool:
    width = min(a.digits, b.digits)
    return a.start[:width] <= b.end[:width] and b.start[:width] <= a.end[:width]


def _periods_overlap(a: ProductRule, b: ProductRule) -> bool:
    a_end = a.effective_to or _FAR_FUTURE
    b_end = b.effective_to or _FAR_FUTURE
    return a.effective_from < b_end and b.effective_from < a_end


def _overlaps(rulebook: Rulebook, names: dict[int, str]) -> list[Problem]:
    file_of = {
        r.id: names.get(id(f), f"chapter {f.chapter}") for f in rulebook.files for r in f.rules
    }
    problems = []
    seen: set[tuple[str, str]] = set()
    for chapter in rulebook.chapters():
        rules = rulebook.in_chapter(chapter)
        for i, a in enumerate(rules):
            for b in rules[i + 1 :]:
                pair = (min(a.id, b.id), max(a.id, b.id))
                if pair in seen or not _conflict(a, b):
                    continue
                seen.add(pair)
                shared = next(
                    f"{ra} and {rb}" for ra in a.scope for rb in b.scope if _ranges_overlap(ra, rb)
                )
                problems.append(
                    Problem(
                        file_of[a.id],
                        a.id,
                        f"overlaps {b.id} ({shared}) for the same goods, in force on the same "
                        "dates, and neither is more specific",
                        "overlap",
                    )
                )
    return problems


def _conflict(a: ProductRule, b: ProductRule) -> bool:
    if a.provision == b.provision and _context(a) == _context(b):
        return False  # phases of one provision: checked by _phases
    if a.specificity != b.specificity or _context(a) != _context(b):
        return False
    if not _periods_overlap(a, b):
        return False
    return any(_ranges_overlap(ra, rb) for ra in a.scope for rb in b.scope)


def _phases(rulebook: Rulebook, names: dict[int, str]) -> list[Problem]:
    problems = []
    for psr in rulebook.files:
        file = names.get(id(psr), f"chapter {psr.chapter}")
        groups: dict[tuple[object, ...], list[ProductRule]] = defaultdict(list)
        for rule in psr.rules:
            groups[(rule.provision, *_context(rule))].append(rule)
        for phases in groups.values():
            ordered = sorted(phases, key=lambda r: r.effective_from)
            for before, after in itertools.pairwise(ordered):
                problems.extend(_phase_pair(file, before, after))
    return problems


def _phase_pair(file: str, before: ProductRule, after: ProductRule) -> Iterable[Problem]:
    end = before.effective_to
    start = after.effective_from
    if start == before.effective_from:
        yield Problem(
            file,
            before.id,
            f"governs the same goods as {after.id} from the same date (same provision, end "
            "use, kind of good and trade): which applies cannot be told",
            "overlap",
        )
    elif end is None:
        yield Problem(
            file,
            before.id,
            f"never ends, but {after.id} for the same provision starts {start}: the phases overlap",
            "phases",
        )
    elif end < start:
        yield Problem(
            file,
            before.id,
            f"ends {end} (exclusive) but the next phase {after.id} starts {start}: a gap of "
            f"{(start - end).days} days with no rule",
            "phases",
        )
    elif end > start:
        yield Problem(
            file,
            before.id,
            f"runs to {end} (exclusive) but the next phase {after.id} starts {start}: the "
            "phases overlap",
            "phases",
        )


# ---------------------------------------------------------------------------- allowances


def _allowances(rule: ProductRule) -> list[str]:
    subjects = []
    for note in rule.notes:
        if note.lower().startswith(ALLOW_PREFIX):
            subject = note[len(ALLOW_PREFIX) :].strip().split(":", 1)[0].strip()
            subjects.append(subject)
    return subjects


def _apply_allowances(
    rulebook: Rulebook, names: dict[int, str], found: list[Problem]
) -> tuple[list[Problem], list[Problem]]:
    allow: dict[str, list[str]] = {}
    files: dict[str, str] = {}
    for psr in rulebook.files:
        for rule in psr.rules:
            subjects = _allowances(rule)
            if subjects:
                allow[rule.id] = subjects
                files[rule.id] = names.get(id(psr), f"chapter {psr.chapter}")
    problems, allowed = [], []
    used: set[tuple[str, str]] = set()
    for problem in found:
        subjects = allow.get(problem.rule_id, [])
        if problem.subject and problem.subject in subjects:
            allowed.append(problem)
            used.add((problem.rule_id, problem.subject))
        else:
            problems.append(problem)
    for rule_id, subjects in allow.items():
        for subject in subjects:
            if (rule_id, subject) not in used:
                problems.append(
                    Problem(
                        files[rule_id],
                        rule_id,
                        f"'{ALLOW_PREFIX} {subject}' allows no problem of this rule: remove it",
                        "allowance",
                    )
                )
    return problems, allowed
