"""The production process vocabulary (rules/usmca/processes.yaml) and how steps are matched.

A rule's process requirement ("mixing or blending", GN 11(n)(iv)(D)) is met by a stated step
that IS that process in the law's sense, whatever the producer's words ("blending"); steps the
vocabulary knows, none qualifying, do not meet it; a step it does not know, while none
qualifies, leaves it undecided and names the step.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml

from roo_check.engine.evaluate import evaluate_good
from roo_check.engine.process import process_met
from roo_check.errors import InputError, RuleError
from roo_check.loaders.config import load_config
from roo_check.models.findings import Status
from roo_check.rulebook.configure import apply_config
from roo_check.rulebook.load import default_rules_dir, load_file, load_rulebook
from roo_check.rulebook.process_schema import ProcessesFile, process_words
from tests.unit.builders import good, line

DAY = dt.date(2026, 3, 1)
VOCABULARY = default_rules_dir() / "usmca" / "processes.yaml"
README = Path(__file__).resolve().parents[2] / "README.md"


def met(code: str, processes: list[str], steps: list[str], vocabulary=None):
    return process_met(processes, good(code, production_steps=steps), vocabulary)


# ----------------------------------------------------------------------------- the rules


def test_every_process_a_rule_names_is_in_the_vocabulary(rulebook):
    """A rule naming a process the vocabulary lacks would be matched by nothing: every
    ``process:`` term of the bundled rules resolves, and to a process defined for its goods."""
    terms = {
        term
        for psr in rulebook.files
        for rule in (*psr.rules, *psr.general_rules)
        for alt in rule.alternatives
        for term in alt.process
    }
    assert len(terms) >= 20  # the GN 11(n) processes, heading 2710, chapter 71, apparel
    unknown = sorted(t for t in terms if rulebook.processes.process_id(t) is None)
    assert unknown == []
    assert rulebook.processes.rule_problems(rulebook.files) == []


def _rule_set(tmp_path: Path, rule: str) -> Path:
    root = tmp_path / "rules"
    root.mkdir()
    usmca = default_rules_dir() / "usmca"
    shutil.copy(usmca / "origin-criteria.yaml", root / "criteria.yaml")
    shutil.copy(usmca / "chapter-4-articles.yaml", root / "chapter4.yaml")
    (root / "rules.yaml").write_text(
        "schema_version: 1\nkind: product_specific_rules\nchapter: 29\ntitle: t\ncitation: c\n"
        "source: {document: d, edition: e, hs_edition: HS2022, transcription: t, verified: false}\n"
        f"rules:\n{rule}"
    )
    return root


def test_a_rule_naming_an_unknown_process_stops_the_run(tmp_path):
    root = _rule_set(
        tmp_path,
        "  - id: PSR-2905.11\n    provision: '2905.11'\n    scope: ['2905.11']\n    citation: c\n"
        "    text: t\n    alternatives:\n"
        "      - {label: A, process: [transmutation], text: t}\n",
    )
    with pytest.raises(RuleError, match=r"PSR-2905\.11 \(A\) names the process 'transmutation'"):
        load_rulebook(root)


def test_a_rule_naming_a_process_for_goods_it_does_not_exist_for_stops_the_run(tmp_path):
    """Catalytic reforming is defined "for the purposes of heading 2710" only."""
    root = _rule_set(
        tmp_path,
        "  - id: PSR-2905.11\n    provision: '2905.11'\n    scope: ['2905.11']\n    citation: c\n"
        "    text: t\n    alternatives:\n"
        "      - {label: A, process: [catalytic reforming], text: t}\n",
    )
    with pytest.raises(RuleError, match=r"not defined for all of 2905\.11"):
        load_rulebook(root)


# ----------------------------------------------------------------------------- synonyms


@pytest.mark.parametrize(
    ("code", "processes", "steps"),
    [
        ("3824.99", ["mixing or blending"], ["blending"]),
        ("3824.99", ["mixing or blending"], ["Mixing"]),
        ("3824.99", ["mixing or blending"], ["mixing and blending"]),
        ("3824.99", ["mixing or blending"], ["blended"]),
        ("3824.99", ["mixing or blending"], ["dispersion"]),  # "(including dispersing)"
        ("3824.99", ["mixing or blending"], ["blending with corrosion inhibitor package"]),
        ("3824.99", ["mixing or blending"], ["blending with ethylene glycol, dye and surfactant"]),
        ("2905.11", ["chemical reaction"], ["polymerisation"]),
        ("2905.11", ["chemical reaction"], ["Polymerization"]),
        ("2905.11", ["chemical reaction"], ["synthesis", "packing"]),
        ("2902.43", ["chemical reaction"], ["isomerisation"]),  # also a chemical reaction
        ("2710.19", ["isomerization"], ["Isomerisation"]),
        ("2710.19", ["catalytic hydroprocessing"], ["hydro-treating"]),  # (c) "includes"
        ("2710.19", ["catalytic cracking", "thermal cracking"], ["cracking"]),  # (f) is both
        ("2710.19", ["atmospheric distillation", "vacuum distillation"], ["distillation"]),
        ("2710.19", ["direct blending"], ["blending"]),  # heading 2710: the refinery's blending
        ("2933.99", ["purification"], ["vacuum distillation"]),  # elsewhere: a purification
        ("2704.00", ["chemical reaction"], ["coking", "screening"]),  # a thermal cracking
        ("3004.90", ["change in particle size"], ["micronising"]),
        ("6109.10", ["cut and sewn or otherwise assembled"], ["cut & sewn"]),
        ("6109.10", ["cut and sewn or otherwise assembled"], ["cutting", "sewing"]),
        ("6205.20", ["cut and assembled"], ["cut and sewn or otherwise assembled"]),
        (
            "6110.30",
            ["knit to shape and sewn or otherwise assembled"],
            ["knitted to shape", "linking"],
        ),
        ("7108.12", ["electrolytic separation", "alloying"], ["Electrolytic refining", "casting"]),
        ("4011.10", ["chemical reaction"], ["vulcanising"]),  # a reading (cross-links)
        ("3907.40", ["mixing or blending"], ["compounding", "pelletizing"]),  # a reading
    ],
)
def test_a_stated_step_that_is_the_process_meets_it(code, processes, steps):
    result, reason = met(code, processes, steps)
    assert result is True, reason
    assert reason.startswith("process performed in the territory")


def test_words_are_compared_without_case_hyphens_or_british_spelling(rulebook):
    assert process_words("Re_Labelling") == process_words("re labeling")
    assert process_words("Isomerisation") == process_words("isomerization")
    assert process_words("stretch blow-moulding") == process_words("stretch blow molding")
    assert process_words("Sulphonation") == process_words("sulfonation")
    # A word written as one or as two is the same word.
    [segment] = rulebook.processes.read("Re-bagging")
    assert segment.sense is not None and segment.sense.label == "packing"


# ----------------------------------------------------------------------------- not met


def test_known_steps_none_of_them_the_process_do_not_meet_it():
    result, reason = met("3824.99", ["chemical reaction"], ["blending", "blister packing"])
    assert result is False
    assert "'blending' is read as mixing or blending" in reason
    assert "'blister packing' is packing, no process the rules name" in reason


def test_what_the_law_excludes_is_named_with_its_citation():
    """GN 11(n)(iv)(B): dissolution, the elimination of solvents and water of
    crystallisation are not chemical reactions."""
    steps = ["dissolution in solvent", "elimination of solvent", "drying"]
    result, reason = met("2933.99", ["chemical reaction"], steps)
    assert result is False
    assert "'dissolution in solvent' is not chemical reaction (GN 11(n)(iv)(B)(1))" in reason
    assert "'drying' is not chemical reaction (GN 11(n)(iv)(B)(2))" in reason
    result, reason = met("3824.99", ["mixing or blending"], ["dilution with water", "bottling"])
    assert result is False and "GN 11(n)(ii)(A)" in reason  # mere dilution is no blending


def test_a_process_the_law_defines_for_other_goods_is_none_for_this_one():
    """Blending is no process the rules name for a pump; mixing is defined for chapters
    28-39 only, so it is no mixing or blending of GN 11(n)(v)(D) for rubber of chapter 40."""
    result, reason = met("8413.70", ["chemical reaction"], ["blending"])
    assert result is False and "no process the law defines for this good" in reason
    assert met("4005.10", ["chemical reaction"], ["mixing"])[0] is False


def test_one_part_of_a_two_part_process_is_not_the_process():
    result, reason = met("6109.10", ["cut and sewn or otherwise assembled"], ["sewing", "packing"])
    assert result is False
    assert "'sewing' without cut is not cut and sewn or otherwise assembled" in reason


# ----------------------------------------------------------------------------- undecided


def test_an_unknown_step_leaves_it_undecided_naming_the_step():
    result, reason = met("3824.99", ["chemical reaction"], ["tread application", "packing"])
    assert result is None
    assert "'tread application' is not in the process vocabulary" in reason
    assert "state the step in the law's words (chemical reaction)" in reason


def test_an_unknown_step_does_not_matter_when_another_qualifies():
    assert met("2905.11", ["chemical reaction"], ["frobnicating", "chemical reaction"])[0] is True


def test_an_unknown_step_after_a_known_one_is_still_asked_about():
    """Only the object list of a step ("blending with A, B and C") runs on; "mixing and
    frobnicating" names two operations, the second unknown."""
    result, reason = met("2905.11", ["chemical reaction"], ["mixing and frobnicating"])
    assert result is None and "'frobnicating' is not in the process vocabulary" in reason


def test_a_word_that_may_be_the_process_or_not_asks_which():
    """Calcining sodium bicarbonate is a chemical reaction; calcining a hydrate only
    eliminates water of crystallisation (GN 11(n)(iv)(B)(3))."""
    result, reason = met("2836.20", ["chemical reaction"], ["hydration", "calcination"])
    assert result is None
    assert "'calcination' may be chemical reaction or no legal process" in reason
    # For a good the chemical reaction rules do not reach, the question does not arise.
    assert met("8413.70", ["electrolytic separation"], ["calcination"])[0] is False


def test_no_steps_asks_for_them():
    result, reason = process_met(["chemical reaction"], good("2905.11"))
    assert result is None and reason.startswith("give production_steps")


# ----------------------------------------------------------------------------- the rule


PREPARATION = [line("BASE", "3824.99", "700")]  # of the good's own subheading: no shift


def preparation(**fields: object):
    return good(
        "3824.99",
        description="concrete admixture, formulated",
        transaction_value="1000",
        net_cost="900",
        **fields,
    )


def test_a_chapter_38_preparation_blended_in_the_territory_originates_by_gn_11_n_iv_d(rulebook):
    """GEN-28-38-D: "A good of chapters 28 through 38, except for a good of chapters 28, 29, or
    32, headings 3301 or 3808, or subheadings 3502.11 through 3502.19 is an originating good if
    the deliberate and proportionally controlled mixing or blending (including dispersing) of
    materials ... occurs in the territory". The non-originating base of 3824.99 fails (A) of
    PSR-3823.11-3826.00 (no change of subheading) and (B) (RVC (1000 - 700) / 1000 = 30% < 40%;
    (900 - 700) / 900 = 22.2% < 30%); the producer says "blending"."""
    d = evaluate_good(preparation(production_steps=["blending"]), PREPARATION, rulebook, DAY)
    assert d.status is Status.originating, d.message
    assert [a.label for a in d.alternatives if a.passed] == ["GEN-28-38-D"]
    d = evaluate_good(preparation(production_steps=["packing"]), PREPARATION, rulebook, DAY)
    assert d.status is Status.not_originating, d.message


def test_an_unknown_step_names_production_steps_as_missing(rulebook):
    d = evaluate_good(preparation(production_steps=["tumbling"]), PREPARATION, rulebook, DAY)
    assert d.status is Status.cannot_decide
    why = [m.why for m in d.missing if m.field == "production_steps"]
    assert why and all("'tumbling' is not in the process vocabulary" in w for w in why)


# ----------------------------------------------------------------------------- configuration


def _configured(tmp_path: Path, rulebook, body: str):
    path = tmp_path / "roo-check.toml"
    path.write_text(body)
    config, _ = load_config(path)
    return apply_config(rulebook, config, str(path))


def test_the_configuration_changes_a_reading(tmp_path, rulebook):
    configured = _configured(tmp_path, rulebook, '[processes]\nvulcanisation = "not-a-process"\n')
    result, reason = met("4011.10", ["chemical reaction"], ["vulcanizing"], configured.processes)
    assert result is False and "set to no legal process by the configuration" in reason
    # The reading id sets every spelling; the bundled rulebook is not changed.
    assert met("4011.10", ["chemical reaction"], ["vulcanizing"], rulebook.processes)[0] is True


def test_the_configuration_maps_a_companys_own_words(tmp_path, rulebook):
    configured = _configured(
        tmp_path,
        rulebook,
        '[processes]\n"step 4 (reactor)" = "chemical-reaction"\n'
        'hydration-calcination = ["chemical-reaction"]\n',
    )
    assert met("2905.11", ["chemical reaction"], ["Step 4 (reactor)"], configured.processes)[0]
    assert met("2836.20", ["chemical reaction"], ["calcination"], configured.processes)[0]


def test_the_configuration_reaches_the_determination(tmp_path, rulebook):
    configured = _configured(tmp_path, rulebook, '[processes]\nblending = "not-a-process"\n')
    d = evaluate_good(preparation(production_steps=["blending"]), PREPARATION, configured, DAY)
    assert d.status is Status.not_originating, d.message


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('vulcanisation = "chemical-reactions"', "unknown process id 'chemical-reactions'"),
        ('"chemical reaction" = "not-a-process"', "the law's own term for a process"),
        ('curing = ["not-a-process", "chemical-reaction"]', "'not-a-process' goes alone"),
        ("curing = []", "give a process id"),
    ],
)
def test_a_bad_process_setting_is_one_line_naming_the_key(tmp_path, rulebook, body, message):
    with pytest.raises(InputError, match=message) as caught:
        _configured(tmp_path, rulebook, f"[processes]\n{body}\n")
    assert "\n" not in str(caught.value) and "processes." in str(caught.value)


# ----------------------------------------------------------------------------- the file


def _broken(tmp_path: Path, change) -> Path:
    data = yaml.safe_load(VOCABULARY.read_text())
    change(data)
    path = tmp_path / "processes.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["processes"][0].update(synonyms=["x"]), "unknown key 'synonyms'"),
        (lambda d: d["non_qualifying"][0]["words"].append("blending"), "two meanings"),
        (lambda d: d["readings"][0].update(means=["chemical-reactions"]), "unknown process id"),
        (lambda d: d["processes"][0].update(also=["nothing"]), "also"),
        (lambda d: d["processes"][1].update(id=d["processes"][0]["id"]), "given twice"),
        (lambda d: d["processes"][0].update(term="reactions"), "must be among its words"),
        (lambda d: d["readings"][0].update(may_mean=["purification", "alloying"]), "either"),
        (lambda d: d.pop("processes"), "processes"),
    ],
)
def test_a_malformed_vocabulary_is_refused(tmp_path, change, message):
    path = _broken(tmp_path, change)
    with pytest.raises(RuleError, match=message):
        load_file(path, "processes.yaml")


def test_the_bundled_vocabulary_loads_strictly():
    data = load_file(VOCABULARY, "usmca/processes.yaml")
    assert isinstance(data, ProcessesFile)
    assert {p.id for p in data.processes} >= {
        "chemical-reaction",
        "purification",
        "mixing-or-blending",
        "change-in-particle-size",
        "standards-material",
        "isomer-separation",
        "biotechnological-process",
    }


def test_a_rule_set_with_two_vocabularies_stops_the_run(tmp_path):
    root = _rule_set(
        tmp_path,
        "  - id: PSR-2905.11\n    provision: '2905.11'\n    scope: ['2905.11']\n    citation: c\n"
        "    text: t\n    alternatives:\n"
        "      - {label: A, process: [chemical reaction], text: t}\n",
    )
    shutil.copy(VOCABULARY, root / "a.yaml")
    shutil.copy(VOCABULARY, root / "b.yaml")
    with pytest.raises(RuleError, match="a second production_processes file"):
        load_rulebook(root)


def test_the_readme_lists_every_process_and_reading():
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Production processes") :]
    data = load_file(VOCABULARY, "usmca/processes.yaml")
    assert isinstance(data, ProcessesFile)
    for process in data.processes:
        assert f"| {process.term} |" in section, process.term
    for reading in data.readings:
        assert f"`{reading.id}`" in section, reading.id
