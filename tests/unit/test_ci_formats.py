"""The formats a pipeline reads: ``-q`` lines in ruff's ``path:row:col: CODE message`` form,
GitHub workflow commands, GitLab Code Quality JSON and SARIF's regions and fingerprints, each
checked against its documented syntax, with hostile text and with a BOM edited between runs."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from roo_check.errors import printable
from roo_check.models.config import Config
from roo_check.models.findings import ErrorRecord, Evidence, Report, Severity
from roo_check.reporters import RenderOptions, renderer
from roo_check.reporters.ci import shipment_path
from roo_check.reporters.github import escape_data, escape_property
from tests.features.conftest import run_main
from tests.unit.report_support import BATCH_FINDING, ROOT, check
from tests.unit.test_sarif_report import validate

PANEL = "samples/03-control-panel-fails"
PANEL_BOM = f"{PANEL}/bom.csv"
MANY = [
    PANEL,
    "samples/10-relabelled-drills",
    "samples/12-certificate-mismatch",
    "samples/13-panama-routing",
    "samples/05-drill-workbook.xlsx",
    "samples/gearbox-6at.bom.csv",
    "samples/34-paint-set",
    "samples/40-office-chairs-declarations",
    "samples/99-broken-bom",
]
HOSTILE = "50% off,\r\n::error file=x.csv,line=1::forged: a:b, c%0A\x1b[31m\u202e"
ACCEPT_CN001 = Config.model_validate(
    {
        "suppress": [
            {
                "rule": "CN001",
                "good": "CP-480",
                "reason": "Boards move to a US supplier",
                "owner": "desk",
            }
        ]
    }
)


@pytest.fixture(autouse=True)
def _at_root(at_root: None) -> None:
    """Sample paths in reports are relative to the repository root, as a user types them."""


def render(fmt: str, report: Report, fail_on: str = "warning", quiet: bool = False) -> str:
    text = renderer(fmt)(report, RenderOptions(fail_on=fail_on, quiet=quiet))
    assert isinstance(text, str)
    return text


def quiet(report: Report, fail_on: str = "warning") -> list[str]:
    return render("text", report, fail_on, quiet=True).splitlines()


def hostile(report: Report) -> Report:
    """Every finding's text and evidence file made hostile, and an input error beside them."""
    shipment = report.shipments[0]
    findings = [
        f.model_copy(
            update={
                "message": HOSTILE,
                "subject": HOSTILE,
                "rule_id": f"{f.rule_id},{HOSTILE}",
                "evidence": [
                    e.model_copy(update={"source": f"a,b:{HOSTILE}.csv"}) for e in f.evidence
                ],
            }
        )
        for f in shipment.findings
    ]
    errors = [
        ErrorRecord(
            kind="InputError",
            file=f"in,{HOSTILE}.csv",
            location="row 3",
            field=HOSTILE,
            message=HOSTILE,
        )
    ]
    return report.model_copy(
        update={"shipments": [shipment.model_copy(update={"findings": findings, "errors": errors})]}
    )


# ------------------------------------------------------------------------------ -q lines

QUIET_LINE = re.compile(
    r"(?P<path>.+?)(?::(?P<row>[1-9]\d*):(?P<col>1))?: (?P<code>\S+) "
    r"\[(?P<severity>error|warning|info)\] (?P<text>.+)"
)
"""ruff's ``path:row:col: CODE message`` (``path: CODE message`` for a whole file), with the
severity after the code."""


def test_quiet_lines_name_file_row_and_rule(rulebook) -> None:
    lines = quiet(check(rulebook, PANEL, "samples/99-broken-bom"))
    assert lines == [
        f"{PANEL_BOM}:2:1: CN001 [warning] good CP-480: Materials from CN are worth 3,530.00 "
        "USD, 56.94% of the good's transaction value, above the 25% screening threshold.",
        lines[1],
        # The input error is printed once, on standard error (the CLI); counted here.
        "roo-check: 1 good(s) checked, 2 item(s) need attention, 1 input error(s) on standard "
        "error",
    ]
    # A determination points at the good's row of goods.csv.
    assert lines[1].startswith(
        f"{PANEL}/goods.csv:2:1: PSR-8537 [error] good CP-480 (8537.10): Not originating: "
    )


def test_every_quiet_line_parses(rulebook) -> None:
    lines = quiet(check(rulebook, *MANY), "info")
    *items, summary = lines
    counted = re.fullmatch(
        r"roo-check: \d+ good\(s\) checked, (\d+) item\(s\) need attention"
        r"(, \d+ input error\(s\) on standard error)?",
        summary,
    )
    assert counted and int(counted[1]) == len(items), summary
    parsed = [QUIET_LINE.fullmatch(line) for line in items]
    assert all(parsed), [line for line, m in zip(items, parsed, strict=True) if not m]
    by_code = {(m["code"], m["path"], m["row"]) for m in parsed if m}
    # A certificate's field, a routing leg, a goods file's good: the file alone, no row.
    assert ("CERT006", "samples/12-certificate-mismatch/certificate.xml", None) in by_code
    assert ("TRANS001", "samples/13-panama-routing/shipment.json", None) in by_code
    assert ("CN004", "samples/34-paint-set/goods.csv", None) in by_code
    # A material's flag: its BOM row; a material of a good: both named.
    assert ("EVID001", "samples/40-office-chairs-declarations/bom.csv", "5") in by_code
    assert any("EVID001 [warning] material ARM-PAIR of good CHAIR-EXEC: " in line for line in items)
    # A workbook's rows are no lines of the file: no row.
    assert all(m["row"] is None for m in parsed if m and m["path"].endswith(".xlsx"))


def test_quiet_leaves_out_what_is_accepted_or_below_the_fail_level(rulebook) -> None:
    report = check(rulebook, PANEL, config=ACCEPT_CN001)
    assert [QUIET_LINE.fullmatch(line)["code"] for line in quiet(report)[:-1]] == ["PSR-8537"]
    assert quiet(check(rulebook, PANEL), "never") == [
        "roo-check: 1 good(s) checked, 0 item(s) need attention"
    ]
    assert len(quiet(check(rulebook, PANEL), "error")) == 2  # the determination alone


def test_quiet_places_errors_without_a_row_and_batch_findings(rulebook) -> None:
    report = check(rulebook, "samples/01-motor-tariff-shift")
    shipment = report.shipments[0]
    errors = [
        ErrorRecord(
            kind="InputError",
            file="book.xlsx",
            location="sheet 'bom' row 5",
            field="hs_code",
            message="not an HS code",
        ),
        ErrorRecord(kind="InternalError", file=None, location=None, field=None, message="bug"),
    ]
    batch = [
        BATCH_FINDING,
        BATCH_FINDING.model_copy(
            update={"evidence": [Evidence(source="x/goods.csv", location="row 7")]}
        ),
    ]
    report = report.model_copy(
        update={
            "shipments": [shipment.model_copy(update={"errors": errors})],
            "batch_findings": batch,
        }
    )
    # Input errors are on standard error only; the annotations of CI formats place them.
    assert quiet(report)[-1].endswith(", 2 input error(s) on standard error")
    annotations = render("github", report).splitlines()
    assert annotations[:2] == [
        "::error file=book.xlsx,title=input-error::sheet 'bom' row 5, hs_code: not an HS code",
        "::error file=samples/01-motor-tariff-shift,title=internal-error::bug",
    ]
    assert quiet(report)[:-1] == [
        "batch: ECON003 [warning] producer Motores del Bajio: One producer across four chapters.",
        "x/goods.csv:7:1: ECON003 [warning] producer Motores del Bajio: One producer across "
        "four chapters.",
    ]


def test_hostile_text_stays_on_its_quiet_line(rulebook) -> None:
    report = hostile(check(rulebook, PANEL))
    lines = quiet(report)
    assert len(lines) == 3  # two findings, the count (the input error is on stderr)
    assert all("\n" not in line and "\r" not in line and "\x1b" not in line for line in lines)
    assert all("\u202e" not in line for line in lines)
    assert not any(line.startswith("::") for line in lines)


@pytest.mark.parametrize(
    ("path", "folder"),
    [
        (PANEL, PANEL),
        ("samples/05-drill-workbook.xlsx", "samples/05-drill-workbook.xlsx"),
        ("samples/gearbox-6at.bom.csv", "samples/gearbox-6at.bom.csv"),
        ("samples/99-broken-bom", "samples/99-broken-bom"),
    ],
)
def test_the_shipment_is_named_as_the_user_named_it(rulebook, path: str, folder: str) -> None:
    assert shipment_path(check(rulebook, path).shipments[0]) == folder


def test_quiet_from_the_command_line() -> None:
    run = run_main(["check", PANEL, "-q", "--date", "2026-06-01"], cwd=ROOT)
    assert run.returncode == 1, run.stderr
    assert run.stdout.startswith(f"{PANEL_BOM}:2:1: CN001 [warning] good CP-480: ")
    assert run.stdout.endswith("roo-check: 1 good(s) checked, 2 item(s) need attention\n")


# ------------------------------------------------------------------------- GitHub

GITHUB_PROPERTY = r"[^,:\r\n]*"  # escaped: no separator left in a value
GITHUB_COMMAND = re.compile(
    rf"::(?P<command>error|warning|notice) "
    rf"(?:file=(?P<file>{GITHUB_PROPERTY}),)?(?:line=(?P<line>[1-9]\d*),)?"
    rf"title=(?P<title>{GITHUB_PROPERTY})::(?P<message>[^\r\n]*)"
)
"""``::error file={name},line={line},title={title}::{message}``, as GitHub documents the error,
warning and notice commands, with only the properties roo-check writes, in its order."""


def unescape(text: str) -> str:
    """What the runner makes of an escaped value (actions/runner, ActionCommand.Unescape)."""
    for escaped, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(escaped, char)
    return text


def commands(text: str) -> list[re.Match[str]]:
    assert text == "" or text.endswith("\n")
    lines = text.splitlines()
    parsed = [GITHUB_COMMAND.fullmatch(line) for line in lines]
    assert all(parsed), [line for line, m in zip(lines, parsed, strict=True) if not m]
    return [m for m in parsed if m]


def test_github_commands_follow_the_documented_syntax(rulebook) -> None:
    found = commands(render("github", check(rulebook, PANEL, "samples/99-broken-bom")))
    assert [(m["command"], m["file"], m["line"], m["title"]) for m in found] == [
        ("error", f"{PANEL}/goods.csv", "2", "PSR-8537"),
        ("error", "samples/99-broken-bom/bom.csv", "4", "input-error"),
        ("warning", PANEL_BOM, "2", "CN001"),
    ]
    assert unescape(found[2]["message"]) == (
        "good CP-480: Materials from CN are worth 3,530.00 USD, 56.94% of the good's transaction "
        "value, above the 25% screening threshold."
    )
    assert "56.94%25" in found[2]["message"]


def test_github_lists_every_finding_errors_first(rulebook) -> None:
    report = check(rulebook, *MANY)
    found = commands(render("github", report, fail_on="never"))  # the exit code's business
    order = [m["command"] for m in found]
    assert order == sorted(order, key=["error", "warning", "notice"].index)
    listed = sum(
        1 for s in report.shipments for f in s.findings if f.fails("info") and not f.suppressed
    )
    errors = sum(len(s.errors) for s in report.shipments)
    assert len(found) == listed + errors


def test_github_maps_info_to_notice_and_leaves_out_what_is_accepted(rulebook) -> None:
    report = check(rulebook, PANEL)
    cn001 = next(f for f in report.shipments[0].findings if f.rule_id == "CN001")
    info = cn001.model_copy(update={"severity": Severity.info, "rule_id": "CN002"})
    shipment = report.shipments[0].model_copy(
        update={"findings": [*report.shipments[0].findings, info]}
    )
    found = commands(render("github", report.model_copy(update={"shipments": [shipment]})))
    assert [(m["command"], m["title"]) for m in found] == [
        ("error", "PSR-8537"),
        ("warning", "CN001"),
        ("notice", "CN002"),
    ]
    accepted = commands(render("github", check(rulebook, PANEL, config=ACCEPT_CN001)))
    assert [m["title"] for m in accepted] == ["PSR-8537"]
    originating = commands(render("github", check(rulebook, "samples/01-motor-tariff-shift")))
    assert originating == []  # a pass is not an annotation


def test_github_escaping_forges_no_command(rulebook) -> None:
    report = hostile(check(rulebook, PANEL))
    text = render("github", report)
    found = commands(text)
    assert len(found) == len(text.splitlines()) == 3
    assert not any(line.startswith("::error file=x.csv") for line in text.splitlines())
    shown = HOSTILE.replace("\x1b", "\\x1b").replace("\u202e", "\\u202e")
    for m in found:  # the runner reads back each value whole, the forged command as text
        assert unescape(m["message"]).endswith(f": {shown}")
        if m["title"] != "input-error":
            assert unescape(m["title"]).endswith(f",{shown}")
    evidence = next(m for m in found if m["title"].startswith("CN001"))
    assert unescape(evidence["file"]).startswith("a,b:50% off,\r\n::error")
    assert evidence["line"] == "2"


@pytest.mark.parametrize(
    ("text", "data", "prop"),
    [
        ("100%", "100%25", "100%25"),
        ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
        ("a:b,c", "a:b,c", "a%3Ab%2Cc"),
        ("%0A", "%250A", "%250A"),
        ("\x1b[31m", "\\x1b[31m", "\\x1b[31m"),
    ],
)
def test_github_escapes_as_the_toolkit_does(text: str, data: str, prop: str) -> None:
    assert escape_data(text) == data
    assert escape_property(text) == prop
    read_back = text if "\x1b" not in text else printable(text)  # a terminal escape is shown
    assert unescape(escape_property(text)) == unescape(escape_data(text)) == read_back


# -------------------------------------------------------------------------- GitLab

SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


def code_quality(text: str) -> list[dict]:
    """The report, checked against GitLab's documented Code Quality format."""
    issues = json.loads(text)
    assert isinstance(issues, list)
    for issue in issues:
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert isinstance(issue["description"], str) and issue["description"]
        assert isinstance(issue["check_name"], str) and issue["check_name"]
        assert isinstance(issue["fingerprint"], str)
        assert re.fullmatch(r"[0-9a-f]{64}", issue["fingerprint"])
        assert issue["severity"] in SEVERITIES
        location = issue["location"]
        assert set(location) == {"path", "lines"}
        assert isinstance(location["path"], str) and location["path"]
        assert not location["path"].startswith("/")
        assert set(location["lines"]) == {"begin"}
        assert type(location["lines"]["begin"]) is int and location["lines"]["begin"] >= 1
    prints = [i["fingerprint"] for i in issues]
    assert len(prints) == len(set(prints)), "GitLab shows one issue per fingerprint"
    return issues


def test_gitlab_report_follows_the_documented_format(rulebook) -> None:
    issues = code_quality(render("gitlab", check(rulebook, PANEL, "samples/99-broken-bom")))
    assert [
        (i["check_name"], i["severity"], i["location"]["path"], i["location"]["lines"]["begin"])
        for i in issues
    ] == [
        ("CN001", "minor", PANEL_BOM, 2),
        ("PSR-8537", "critical", f"{PANEL}/goods.csv", 2),
        ("input-error", "blocker", "samples/99-broken-bom/bom.csv", 4),
    ]
    assert issues[0]["description"].startswith("good CP-480: Materials from CN are worth")


def test_gitlab_lists_every_finding_with_unique_fingerprints(rulebook) -> None:
    report = check(rulebook, *MANY)
    issues = code_quality(render("gitlab", report, fail_on="error"))
    severities = {i["severity"] for i in issues}
    assert {"critical", "minor", "blocker"} <= severities
    assert "major" not in severities
    assert (
        code_quality(render("gitlab", check(rulebook, PANEL, config=ACCEPT_CN001)))[0]["check_name"]
        == "PSR-8537"
    )
    assert code_quality(render("gitlab", check(rulebook, "samples/01-motor-tariff-shift"))) == []


def test_gitlab_hostile_text_is_plain_json(rulebook) -> None:
    issues = code_quality(render("gitlab", hostile(check(rulebook, PANEL))))
    assert len(issues) == 3
    assert all(i["description"].endswith(f": {HOSTILE}") for i in issues)
    assert {i["check_name"] for i in issues} == {
        "input-error",
        f"CN001,{HOSTILE}",
        f"PSR-8537,{HOSTILE}",
    }


def test_gitlab_from_the_command_line(tmp_path: Path) -> None:
    target = tmp_path / "gl-code-quality.json"
    run = run_main(["check", PANEL, "-f", "gitlab", "-o", str(target)], cwd=ROOT)
    assert run.returncode == 1, run.stderr
    assert [i["check_name"] for i in code_quality(target.read_text(encoding="utf-8"))] == [
        "CN001",
        "PSR-8537",
    ]


# ---------------------------------------------- fingerprints across runs and edits (SARIF too)


def panel_copy(folder: Path, extra_row: str | None = None) -> None:
    """Sample 03 in ``folder``; ``extra_row`` inserted as the BOM's first data row."""
    shutil.copytree(ROOT / PANEL, folder)
    if extra_row is not None:
        bom = folder / "bom.csv"
        header, *rows = bom.read_text(encoding="utf-8").splitlines(keepends=True)
        bom.write_text(header + extra_row + "\n" + "".join(rows), encoding="utf-8")


UNRELATED = (
    "CP-480,LABEL-SET,,Rating plate and labels,4911.99,,1,pcs,,12.00,USD,MX,originating,"
    "SUP-CERT-2026-0554,Etiquetas del Norte SA"
)


@pytest.fixture
def edited(tmp_path: Path) -> tuple[Path, Path]:
    """Two copies of sample 03 under one folder name, one with an originating row inserted at
    the top of its BOM: CN001's rows move down one line, nothing it is about changes."""
    before, after = tmp_path / "before" / "panel", tmp_path / "after" / "panel"
    panel_copy(before)
    panel_copy(after, UNRELATED)
    return before, after


def sarif_results(rulebook) -> list[dict]:
    """The SARIF results of the copy named ``panel`` in the current folder."""
    log = json.loads(render("sarif", check(rulebook, "panel")))
    validate(log)
    return log["runs"][0]["results"]


def test_sarif_fingerprint_survives_an_unrelated_bom_row_above(
    rulebook, edited, monkeypatch
) -> None:
    before, after = edited
    monkeypatch.chdir(before.parent)
    old = sarif_results(rulebook)
    again = sarif_results(rulebook)
    monkeypatch.chdir(after.parent)
    new = sarif_results(rulebook)
    assert [r["partialFingerprints"] for r in old] == [r["partialFingerprints"] for r in again]
    assert [r["ruleId"] for r in old] == [r["ruleId"] for r in new] == ["CN001", "PSR-8537"]
    old_cn, new_cn = old[0], new[0]
    region = [r["locations"][0]["physicalLocation"]["region"] for r in (old_cn, new_cn)]
    assert region == [{"startLine": 2}, {"startLine": 3}]  # the row moved...
    assert old_cn["partialFingerprints"] == new_cn["partialFingerprints"]  # ...the alert did not
    assert old[1]["partialFingerprints"] == new[1]["partialFingerprints"]
    assert old_cn["partialFingerprints"] != old[1]["partialFingerprints"]
    assert set(old_cn["partialFingerprints"]) == {"rooCheck/v1"}


def test_gitlab_fingerprint_survives_an_unrelated_bom_row_above(
    rulebook, edited, monkeypatch
) -> None:
    before, after = edited
    monkeypatch.chdir(before.parent)
    old = code_quality(render("gitlab", check(rulebook, "panel")))
    monkeypatch.chdir(after.parent)
    new = code_quality(render("gitlab", check(rulebook, "panel")))
    assert [i["location"]["lines"]["begin"] for i in (old[0], new[0])] == [2, 3]
    assert [i["fingerprint"] for i in old] == [i["fingerprint"] for i in new]


def test_fingerprint_changes_with_what_the_finding_is_about(rulebook) -> None:
    report = check(rulebook, PANEL)
    cn001 = next(f for f in report.shipments[0].findings if f.rule_id == "CN001")
    other = cn001.model_copy(update={"good_part_number": "CP-481", "subject": "good CP-481"})
    same_twice = [cn001, cn001, other]
    shipment = report.shipments[0].model_copy(update={"findings": same_twice})
    log = json.loads(render("sarif", report.model_copy(update={"shipments": [shipment]})))
    validate(log)
    prints = [r["partialFingerprints"]["rooCheck/v1"] for r in log["runs"][0]["results"]]
    assert len(set(prints)) == 3


# ---------------------------------------------------------------------- SARIF


def test_sarif_regions_and_fingerprints_validate_for_every_sample(rulebook) -> None:
    log = json.loads(render("sarif", check(rulebook, *MANY), fail_on="info"))
    validate(log)
    results = log["runs"][0]["results"]
    assert all(set(r["partialFingerprints"]) == {"rooCheck/v1"} for r in results)
    located = [r["locations"][0]["physicalLocation"] for r in results]
    rows = {(p["artifactLocation"]["uri"], p.get("region", {}).get("startLine")) for p in located}
    assert (PANEL_BOM, 2) in rows
    assert ("samples/40-office-chairs-declarations/bom.csv", 5) in rows
    assert ("samples/99-broken-bom/bom.csv", 4) in rows
    assert all(p["artifactLocation"]["uri"].endswith(".csv") for p in located if "region" in p)


def test_sarif_rules_say_where_to_read_the_rule_in_full(rulebook) -> None:
    log = json.loads(render("sarif", check(rulebook, PANEL, "samples/21-sedan-fails-lvc")))
    validate(log)
    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    psr = rules["PSR-8537"]["help"]["text"]
    assert "HTSUS GN 11(o), chapter 85, heading 8537; USMCA Annex 4-B" in psr
    assert "`roo-check rules explain PSR-8537`" in psr
    assert "`roo-check rules explain CN001`" in rules["CN001"]["help"]["text"]
    assert "What the flag looks for" in rules["CN001"]["help"]["text"]
    assert rules["AUTO-LVC"]["shortDescription"]["text"] == (
        "Rule of origin AUTO-LVC: Labour value content"
    )
    assert "helpUri" not in rules["PSR-8537"]
