"""Steps of report_diff.feature: reports made by roo-check itself from copies of a sample
with a supplier's changes, then compared in-process through the top-level guard."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from pytest_bdd import given, parsers, scenarios, then, when

from tests.features.conftest import ROOT, CliRun, run_main

scenarios("report_diff.feature")

DATE = "2026-11-20"


def _report(scratch: Path, folder: Path, name: str) -> None:
    run = run_main(["check", str(folder), "-f", "json", "-o", str(scratch / name), "--date", DATE])
    assert run.returncode in (0, 1, 2), run.stderr
    assert (scratch / name).exists(), run.stderr


def _copy(scratch: Path, sample: str) -> Path:
    folder = scratch / "changed" / sample
    shutil.copytree(ROOT / "samples" / sample, folder)
    return folder


@given(parsers.parse('a JSON report "{name}" of sample "{sample}"'))
def report_of_sample(scratch: Path, name: str, sample: str) -> None:
    _report(scratch, ROOT / "samples" / sample, name)


@given(
    parsers.parse(
        'a JSON report "{name}" of sample "{sample}" where these materials come from China, '
        "not originating:"
    )
)
def report_resourced(scratch: Path, name: str, sample: str, datatable) -> None:
    parts = {row[0] for row in datatable[1:]}
    folder = _copy(scratch, sample)
    bom = folder / "bom.csv"
    lines = bom.read_text().splitlines(keepends=True)
    header = lines[0].rstrip("\n").split(",")
    changed = [lines[0]]
    for line in lines[1:]:
        cells = line.rstrip("\n").split(",")
        if cells[header.index("part_number")] in parts:
            cells[header.index("country_of_origin")] = "CN"
            cells[header.index("origin_status")] = "non-originating"
            cells[header.index("evidence")] = ""
        changed.append(",".join(cells) + "\n")
    assert sum(1 for a, b in zip(lines, changed, strict=True) if a != b) == len(parts)
    bom.write_text("".join(changed))
    _report(scratch, folder, name)


@given(
    parsers.parse(
        'a JSON report "{name}" of sample "{sample}" with flag "{rule}" at "{severity}" added '
        'to good "{good}"'
    )
)
def report_with_flag(
    scratch: Path, name: str, sample: str, rule: str, severity: str, good: str
) -> None:
    _report(scratch, ROOT / "samples" / sample, name)
    report = json.loads((scratch / name).read_text())
    report["shipments"][0]["findings"].append(
        {
            "rule_id": rule,
            "kind": "flag",
            "severity": severity,
            "good_part_number": good,
            "subject": f"good {good}",
            "decision": "flagged",
            "figures": {},
            "citation": "added by the test",
            "message": "Materials from China above the screening threshold.",
            "evidence": [],
            "suppressed": None,
            "threshold": None,
        }
    )
    (scratch / name).write_text(json.dumps(report, indent=2))


@given(parsers.parse('a JSON report "{name}" of sample "{sample}" whose BOM lost its header'))
def report_broken(scratch: Path, name: str, sample: str) -> None:
    folder = _copy(scratch, sample)
    bom = folder / "bom.csv"
    bom.write_text("".join(bom.read_text().splitlines(keepends=True)[1:]))
    _report(scratch, folder, name)


@given(parsers.parse('a file "{name}" holding:'))
def file_holding(scratch: Path, name: str, docstring: str) -> None:
    (scratch / name).write_text(docstring)


@when(parsers.parse('I compare "{old}" with "{new}"'), target_fixture="cli")
def compare(scratch: Path, old: str, new: str) -> CliRun:
    return run_main(["diff", str(scratch / old), str(scratch / new)])


@when(parsers.parse('I compare "{old}" with "{new}" with "{options}"'), target_fixture="cli")
def compare_with(scratch: Path, old: str, new: str, options: str) -> CliRun:
    return run_main(["diff", str(scratch / old), str(scratch / new), *options.split()])


def _line_of(cli: CliRun, good: str) -> str:
    found = [line for line in cli.stdout.splitlines() if f" {good}: " in line]
    assert len(found) == 1, cli.stdout
    return found[0]


@then(parsers.parse('the line of good "{good}" begins "{word}"'))
def line_begins(cli: CliRun, good: str, word: str) -> None:
    assert _line_of(cli, good).split()[0] == word, cli.stdout


@then(parsers.parse('the line of good "{good}" says "{words}"'))
def line_says(cli: CliRun, good: str, words: str) -> None:
    assert words in _line_of(cli, good), cli.stdout


@then(parsers.parse("the JSON comparison says worse is false with {count:d} good compared"))
def json_comparison(cli: CliRun, count: int) -> None:
    data = json.loads(cli.stdout)
    assert data["worse"] is False and data["goods_compared"] == count and data["changes"] == []


scenarios("rules_diff.feature")


@given(
    parsers.parse(
        'two copies of the bundled rules, the new one with rule "{rule}" asking RVC {tv:d} by '
        "transaction value and {nc:d} by net cost"
    )
)
def two_rule_sets(scratch: Path, rule: str, tv: int, nc: int) -> None:
    for side in ("old", "new"):
        shutil.copytree(ROOT / "rules", scratch / side)
    chapter = scratch / "new" / "usmca" / "annex-4b" / f"chapter-{rule[4:6]}.yaml"
    text = chapter.read_text()
    start = text.index(f"- id: {rule}\n")
    end = text.index("\n- id: ", start + 1)
    block = text[start:end]
    changed = block.replace("transaction_value: '60'", f"transaction_value: '{tv}'").replace(
        "net_cost: '50'", f"net_cost: '{nc}'"
    )
    assert changed.count(f"'{tv}'") == 1 and changed.count(f"'{nc}'") == 1, block
    chapter.write_text(text[:start] + changed + text[end:])


@when(
    parsers.parse('I compare the two rule directories checking samples "{first}" and "{second}"'),
    target_fixture="cli",
)
def compare_rule_dirs(scratch: Path, first: str, second: str) -> CliRun:
    checks = [arg for s in (first, second) for arg in ("--check", str(ROOT / "samples" / s))]
    return run_main(["rules", "diff", str(scratch / "old"), str(scratch / "new"), *checks])


scenarios("whatif.feature")


COMMANDS = {"what-if": "whatif", "fix": "fix"}


@when(
    parsers.parse('I run the {command} of sample "{sample}" with the scenario "{name}"'),
    target_fixture="cli",
)
def with_scenario(scratch: Path, command: str, sample: str, name: str) -> CliRun:
    sample_path, scenario = str(ROOT / "samples" / sample), str(scratch / name)
    return run_main([COMMANDS[command], sample_path, "--scenario", scenario])


scenarios("cheapest_fix.feature")
