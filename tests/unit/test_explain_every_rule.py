"""`roo-check rules explain` answers for every id, heading and chapter, and its examples are true.

The sweep drives ``explain`` in-process over every id of the bundled rule set (product-specific
rules, chapter general rules, Chapter 4 articles and transit exceptions, criterion D, de minimis,
automotive schedules and checks, risk flags) and over every HS2022 heading and chapter. Each
must answer, never raise. Every example printed under "passes" or "fails" is then rebuilt from
the printed line alone and evaluated again by the engine: it must give its label, and name only
codes that exist in HS2022. A sample goes through the command line (click's CliRunner and
``main``) for the exit codes and the one-line errors.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import sys
from decimal import Decimal

import pytest
from click.testing import CliRunner

from roo_check.cli import cli, main
from roo_check.engine.evaluate import evaluate_good
from roo_check.errors import UsageError
from roo_check.explain import explain
from roo_check.hs import nomenclature
from roo_check.hs.codes import match_any, normalize
from roo_check.models.findings import Status
from roo_check.models.goods import BomLine, EndUse, Good
from roo_check.rulebook.index import Rulebook
from roo_check.rulebook.load import load_rulebook

ON = dt.date(2026, 6, 1)
LABELS = {"passes": Status.originating, "fails": Status.not_originating}
EXAMPLE = re.compile(
    r"^    (?P<label>passes|fails): a good of (?P<code>[\d.]+)(?: \((?P<facts>.*?)\))? worth "
    r"(?P<good_value>[\d,.]+) USD \(TV = NC\) with one non-originating material of "
    r"(?P<material>[\d.]+) worth (?P<value>[\d,.]+)(?: \((?P<material_facts>.*?)\))? -> "
    r"(?P<status>\S+)"
)
HEADER = re.compile(r"^  Examples \(computed by roo-check on (\d{4}-\d\d-\d\d)")


@pytest.fixture(scope="module")
def book() -> Rulebook:
    return load_rulebook()


@pytest.fixture
def loaded_once(book: Rulebook, monkeypatch: pytest.MonkeyPatch) -> None:
    """The command loads the rule set through ``load_rulebook``: give it the one loaded."""
    import roo_check.rulebook.load as load

    monkeypatch.setattr(load, "load_rulebook", lambda _root=None: book)


def every_id(book: Rulebook) -> list[str]:
    """Every id of the rule set, read from the rule set itself (not from ``explain``)."""
    from roo_check.explain_automotive import CHECKS

    ids = [r.id for r in book.rules]
    ids += [g.id for f in book.files for g in f.general_rules]
    assert book.chapter4 is not None
    ids += [a.id for a in book.chapter4.articles()]
    ids += [e.id for e in book.chapter4.transit.exceptions]
    ids += [book.criteria.originating_goods.id, book.criteria.criterion_d.id]
    for dm in book.criteria.de_minimis:
        ids += [dm.id, *(w.id for w in dm.by_weight)]
    assert book.automotive is not None
    ids += list(CHECKS) + sorted({row.schedule for row in book.automotive.thresholds.thresholds})
    ids += [f.id for f in book.flags]
    ids += [p.id for p in book.provisions.entries]
    return ids


# --- rebuilding an example from its printed line ------------------------------------------


def _money(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def _good_fields(facts: str) -> dict[str, object]:
    fields: dict[str, object] = {"country_of_production": "MX"}
    for fact in filter(None, facts.split("; ")):
        if fact.startswith("produced in "):
            fields["country_of_production"] = fact.removeprefix("produced in ")
        elif fact.startswith("end use "):
            fields["end_use"] = EndUse(fact.removeprefix("end use ").replace(" ", "_"))
        elif fact.startswith("product kind "):
            fields["product_kind"] = fact.removeprefix("product kind ").strip("'")
        elif fact.startswith("production steps: "):
            fields["production_steps"] = [fact.removeprefix("production steps: ")]
        elif fact.endswith(" kg"):
            fields["weight_kg"] = Decimal(fact.removesuffix(" kg"))
        else:
            raise AssertionError(f"unknown fact {fact!r}")
    return fields


def rebuild(match: re.Match[str]) -> tuple[Good, BomLine]:
    """The good and its one material exactly as the line states them, nothing more."""
    code = normalize(match["code"])
    value = _money(match["good_value"])
    good = Good.model_validate(
        {
            "part_number": "G",
            "description": "good",
            "hs_code": code[:6],
            "tariff_item": code if len(code) > 6 else None,
            "producer": "P",
            "currency": "USD",
            "transaction_value": value,
            "net_cost": value,
            **_good_fields(match["facts"] or ""),
        }
    )
    material: dict[str, object] = {}
    for fact in filter(None, (match["material_facts"] or "").split("; ")):
        if fact.endswith(" kg"):
            material["weight_kg"] = Decimal(fact.removesuffix(" kg"))
        else:
            material["product_kind"] = fact.removeprefix("product kind ").strip("'")
    line = BomLine.model_validate(
        {
            "good_part_number": "G",
            "part_number": "M",
            "description": "material",
            "hs_code": match["material"],
            "quantity": "1",
            "unit": "pcs",
            "extended_value": _money(match["value"]),
            "currency": "USD",
            "country_of_origin": "CN",
            "origin_status": "non-originating",
            **material,
        }
    )
    return good, line


def example_problems(text: str, book: Rulebook, recheck: bool) -> list[str]:
    """What is wrong with the examples of one explanation (empty when nothing is)."""
    problems = []
    on = ON
    for line in text.splitlines():
        if header := HEADER.match(line):
            on = dt.date.fromisoformat(header[1])
        if not line.startswith(("    passes", "    fails")):
            continue
        match = EXAMPLE.match(line)
        if match is None:
            problems.append(f"unreadable example: {line}")
            continue
        label, status = match["label"], match["status"]
        if status != LABELS[label].value:
            problems.append(f"labelled {label} but {status}: {line}")
        for code in (match["code"], match["material"]):
            if not nomenclature.exists(normalize(code)[:6]):
                problems.append(f"{code} is no HS2022 code: {line}")
        if recheck:
            good, material = rebuild(match)
            again = evaluate_good(good, [material], book, on).status
            if again is not LABELS[label]:
                problems.append(f"rebuilt from the line it is {again.value} on {on}: {line}")
    return problems


def rule_blocks(text: str) -> list[list[str]]:
    """The example lines of each product-specific rule explained."""
    blocks: list[list[str]] = []
    active = False
    for line in text.splitlines():
        if HEADER.match(line):
            blocks.append([])
            active = True
        elif not line.startswith("    "):
            active = False
        elif active and not line.startswith("     "):
            blocks[-1].append(line)
    return blocks


def one_of_each(block: list[str]) -> bool:
    """One passing line (an example or why none) and one failing line, in that order."""
    heads = [line.split(":")[0].strip() for line in block]
    return heads == ["passes", "fails"] or (
        len(heads) == 2
        and heads[0] in ("passes", "no passing example")
        and heads[1] in ("fails", "no failing example")
    )


def sweep(targets: list[str], book: Rulebook, recheck: bool) -> tuple[list[str], float]:
    """Problems found, and the share of rule explanations' example lines that are examples
    (the rest say why no example can be stated)."""
    problems, examples, lines = [], 0, 0
    for target in targets:
        try:
            text = explain(target, book, ON)
        except Exception as exc:  # any exception is what this test looks for
            problems.append(f"{target}: {type(exc).__name__}: {exc}")
            continue
        problems += [f"{target}: {p}" for p in example_problems(text, book, recheck)]
        blocks = rule_blocks(text)
        problems += [f"{target}: examples {b}" for b in blocks if not one_of_each(b)]
        examples += sum(1 for b in blocks for line in b if EXAMPLE.match(line))
        lines += sum(len(b) for b in blocks)
    return problems, examples / max(lines, 1)


# --- the sweeps -----------------------------------------------------------------------------


def test_every_rule_id_is_explained_with_true_examples(book: Rulebook) -> None:
    ids = every_id(book)
    assert len(ids) > 1100
    problems, shown = sweep(ids, book, recheck=True)
    assert not problems, "\n".join(problems[:20])
    # Most rules can be shown both ways; the rest say why not (counted, not hidden).
    assert shown > 0.85


@pytest.mark.parametrize("level", ["chapter", "heading"])
def test_every_heading_and_chapter_is_explained(book: Rulebook, level: str) -> None:
    codes = nomenclature.chapters() if level == "chapter" else nomenclature.headings()
    problems, shown = sweep(list(codes), book, recheck=True)
    assert not problems, "\n".join(problems[:20])
    assert shown > 0.85


@pytest.mark.parametrize("code", ["8501.52", "850152", "8501.52.00", "8501520040", "6109.10"])
def test_a_subheading_or_tariff_item_gets_examples_of_that_code(book: Rulebook, code: str) -> None:
    text = explain(code, book, ON)
    digits = normalize(code)
    shown = [m for line in text.splitlines() if (m := EXAMPLE.match(line))]
    assert shown, text
    assert all(normalize(m["code"]) == digits for m in shown)
    assert not example_problems(text, book, recheck=True)


def test_a_rule_met_without_any_change_has_no_failing_example(book: Rulebook) -> None:
    """'No change in tariff classification required': nothing an example states can fail it,
    so no example is shown as failing."""
    free = [
        r
        for r in book.rules
        if r.in_force(ON)
        and any(
            a.shift is None and a.rvc is None and not (a.process or a.conditions or a.good)
            for a in r.alternatives
        )
    ]
    assert free, "the law has such rules (8541-8542)"
    for rule in free:
        text = explain(rule.id, book, ON)
        assert "    fails:" not in text, text
        assert "no failing example: alternative" in text, text


def test_a_rule_whose_only_way_is_a_condition_has_no_passing_example(book: Rulebook) -> None:
    decided_by_a_person = [
        r
        for r in book.rules
        if r.in_force(ON) and r.alternatives and all(a.conditions for a in r.alternatives)
    ]
    assert decided_by_a_person
    for rule in decided_by_a_person[:20]:
        text = explain(rule.id, book, ON)
        assert "    passes:" not in text, text
        assert "no passing example:" in text, text


# --- de minimis by weight ---------------------------------------------------------------------


def test_textile_goods_read_de_minimis_by_weight_from_the_rule_data(book: Rulebook) -> None:
    dm = book.de_minimis(ON)
    assert dm is not None and dm.by_weight
    for spec in dm.by_weight:
        code = next(c for c in nomenclature.subheadings() if match_any(spec.goods, c))
        text = explain(code, book, ON)
        assert "of the good's value" not in text, text
        assert "De minimis (by weight, not value" in text
        assert f"at most {spec.max_percent}% of the total weight of" in text
        cap = f"at most {spec.elastomeric_max_percent}% of the total weight of the good"
        assert f"elastomeric yarns {cap}" in text or f"in that component {cap}" in text
        whose = "of that component" if spec.measure == "classifying_component" else "of the good"
        assert f"total weight {whose}" in text
    assert "of the good's value" in explain("8501.52", book, ON)


def test_by_weight_reading_follows_the_loaded_rulebook_not_the_code(book: Rulebook) -> None:
    dm = book.de_minimis(ON)
    assert dm is not None
    changed = [w.model_copy(update={"max_percent": Decimal("8")}) for w in dm.by_weight]
    criteria = book.criteria.model_copy(
        update={"de_minimis": [dm.model_copy(update={"by_weight": changed})]}
    )
    other = dataclasses.replace(book, criteria=criteria)
    text = explain("PSR-6109", other, ON)
    assert "at most 8% of the total weight of that component" in text, text


# --- the command line -------------------------------------------------------------------------

ANSWERED = [
    "PSR-5703.20-5703.30-MXUS",
    "PSR-9401.90",
    "PSR-2202.90",
    "psr-8501",
    "9401",
    "94",
    "8501.52.00",
    "GEN-28-38-A",
    "DM-4.12-TEXTILE",
    "ORIG-4.18",
    "AUTO-D-RVC",
]


@pytest.mark.parametrize("target", ANSWERED)
def test_the_command_answers_with_exit_0(target: str, loaded_once: None) -> None:
    run = CliRunner().invoke(cli, ["rules", "explain", target, "--date", ON.isoformat()])
    assert run.exception is None or isinstance(run.exception, SystemExit), run.exception
    assert run.exit_code == 0, run.output
    assert run.stdout.strip()


ERRORS = [
    ("8501.59", ["not an HS2022 subheading", "8501.51", "8501.52", "8501.53"]),
    ("9999", ["not an HS2022 heading", "nearest"]),
    ("99", ["not an HS2022 chapter", "nearest"]),
    ("8501.59.00", ["8501.59 is not an HS2022 subheading", "8501.51"]),
    ("8456.10", ["not an HS2022 subheading", "8456.10 became HS2022 8456.11"]),
    ("PSR-85O1", ["neither a rule id nor an HS code", "did you mean", "PSR-8501"]),
    ("8501.5", ["not an HS code"]),
]


@pytest.mark.parametrize(("target", "words"), ERRORS)
def test_an_unknown_target_is_one_line_and_exit_2(
    target: str, words: list[str], monkeypatch: pytest.MonkeyPatch, capsys, loaded_once: None
) -> None:
    monkeypatch.setattr(sys, "argv", ["roo-check", "rules", "explain", target])
    with pytest.raises(SystemExit) as leaving:
        main()
    assert leaving.value.code == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), captured.err
    assert all(w in lines[0] for w in words), lines[0]
    assert captured.out == ""


def test_the_nearest_codes_named_exist(book: Rulebook) -> None:
    for target in ("9999", "8501.59", "0310", "8549.50"):
        with pytest.raises(UsageError) as error:
            explain(target, book, ON)
        named = re.findall(r"\d{2,4}(?:\.\d{2})?", str(error.value).split("nearest: ")[1])
        assert named and all(nomenclature.exists(normalize(c)) for c in named), str(error.value)


def test_errors_through_the_cli_runner_are_one_line() -> None:
    """End to end: the command loads the bundled rule set itself."""
    run = CliRunner().invoke(cli, ["rules", "explain", "8501.59"])
    assert run.exit_code == 2
    assert run.stderr.strip().splitlines() == [
        "error: 8501.59 is not an HS2022 subheading; nearest: 8501.51, 8501.52, 8501.53"
    ]


def test_a_provision_is_explained_with_its_words_status_and_rules(book: Rulebook) -> None:
    """Chapter 61 rule 3: the legal words, what the engine does, the datum it may ask for."""
    text = explain("cn-61-3", book, ON)
    assert "sewing thread of headings 5204, 5401 or 5508" in text
    assert "Status: applied; cannot decide without: formed_and_finished" in text
    assert "PSR-6101-6102" in text and "PSR-6107.21" not in text.split("Rules whose")[1]
    assert "CN-61-3" in explain("PSR-6110.90", book, ON)


def test_rules_list_shows_the_provisions_of_a_chapter() -> None:
    result = CliRunner().invoke(cli, ["rules", "list", "--kind", "provision", "--chapter", "62"])
    assert result.exit_code == 0, result.output
    lines = [line.split()[0] for line in result.output.splitlines()[1:]]
    assert lines == ["CN-62-1", "CN-62-2", "CN-62-3", "CN-62-4", "CN-62-5", "CN-62-6"]
    assert "classifying_component  applied" in result.output


def test_art_4_2_itself_is_explained(book: Rulebook) -> None:
    """A good no product-specific rule decided cites ORIG-4.2 (USMCA Art. 4.2): the id a report
    names must be one ``rules explain`` quotes the statute for."""
    text = explain("ORIG-4.2", book, ON)
    assert text.startswith("ORIG-4.2  USMCA Art. 4.2; 19 U.S.C. 4531(c)\n")
    assert "exclusively from originating" in text and "Threshold" not in text


def test_every_rule_a_sample_report_cites_is_explained(book: Rulebook) -> None:
    """Each rule id in the findings of every bundled sample (the ids SARIF's rule help points
    at) is one ``rules explain`` answers to."""
    from roo_check.explain import all_ids
    from tests.unit.report_support import ROOT, check

    samples = sorted(p for p in (ROOT / "samples").iterdir() if not p.name.startswith("99"))
    report = check(book, *samples)
    cited = {f.rule_id for s in report.shipments for f in s.findings}
    assert len(cited) > 20
    assert cited - set(all_ids(book).values()) == set()
