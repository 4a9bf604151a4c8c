"""Command line: parse options, call the layers, map results to exit codes.

The exit codes are a contract a pipeline relies on (README, "Exit codes"):

- 0: nothing at or above the fail level;
- 1: findings at or above ``--fail-on`` (a good not originating, one that cannot be decided,
  a flag);
- 2: usage, input or rule errors, one line per problem;
- 3: an internal error, a bug of roo-check: one line asking for a report (the traceback
  with ``--debug``). A bug never exits 1, so CI never mistakes it for a failing good;
- 130: interrupted (Ctrl-C).

:func:`main` is the single top-level guard that maps every exception to one of them. Heavy
modules are imported inside the commands so ``roo-check --version`` stays fast.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from roo_check import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130

GC_THRESHOLDS = (50_000, 20, 100)
"""The garbage collector's thresholds in a process roo-check owns (Python's are 700, 10, 10)."""

DEBUG_ENV = "ROO_CHECK_DEBUG"
"""Set to 1 for the same effect as ``--debug`` (for a pipeline that cannot change the command)."""


class _State:
    """What the top-level guard needs from the options: whether to show tracebacks."""

    debug = False
    own_process = False
    """True when roo-check owns the process (the installed command), not a test or an
    embedding program: only then does it tune the garbage collector."""


def _parse_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    """A date as every input date is read (:func:`roo_check.models.common.input_date`): ISO
    YYYY-MM-DD, a day that exists, within the range that keeps date arithmetic safe."""
    if value is None:
        return None
    from roo_check.models.common import input_date

    try:
        return input_date(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def _rules_option(help_text: str | None = None):
    """``--rules DIR``: the one definition every command that reads rules shares."""
    return click.option(
        "--rules",
        "rules_dir",
        type=click.Path(exists=True, file_okay=False, path_type=Path),
        help=help_text or "Use this rule directory instead of the bundled USMCA rule set.",
    )


def _config_option(help_text: str | None = None):
    """``--config FILE``: the one definition every command that reads a configuration shares."""
    return click.option(
        "--config",
        "config_path",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help=help_text
        or "Configuration file (default: roo-check.toml, or [tool.roo-check] in pyproject.toml, "
        "in the current folder).",
    )


def _set_limits(_ctx: click.Context, _param: click.Parameter, value: tuple[str, ...]) -> None:
    """Raise (or lower) the input size limits for this run: a pipeline's large inputs."""
    if not value:
        return
    from roo_check.limits import parse_limits, set_input_limits

    try:
        set_input_limits(parse_limits(value))
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def _limit_option():
    """``--limit NAME=VALUE``: the one definition every command that reads inputs shares."""
    return click.option(
        "--limit",
        "limits",
        multiple=True,
        metavar="NAME=VALUE",
        envvar="ROO_CHECK_LIMITS",
        expose_value=False,
        callback=_set_limits,
        help="Raise an input size limit for large inputs: file-size (default 20MiB), rows "
        "(100000), xml-elements (200000), values (200000 in a JSON or YAML document); "
        "repeatable, or ROO_CHECK_LIMITS='rows=2000000 file-size=1GiB'.",
    )


def _evidence_options(func):
    """--declarations and --strict-evidence: the register the claims are checked against."""
    func = click.option(
        "--strict-evidence",
        is_flag=True,
        help="Treat every originating claim that no declaration of the register supports as "
        "non-originating and decide the good again; the report keeps the answer as claimed.",
    )(func)
    return click.option(
        "--declarations",
        "declarations",
        multiple=True,
        type=click.Path(exists=True, path_type=Path),
        metavar="PATH",
        help="A register of suppliers' declarations for every input (declarations.csv or "
        ".xlsx, a certification .xml or .json, or a folder of them). Repeatable.",
    )(func)


def _with_evidence(
    rulebook, declarations: tuple[Path, ...], strict: bool, with_fixes: bool = False
):
    """The rulebook with the batch's register, the strict-evidence switch and --fixes."""
    import dataclasses

    if not declarations and not strict and not with_fixes:
        return rulebook
    register = rulebook.register
    if declarations:
        from roo_check.loaders.declarations import load_register

        for path in declarations:
            loaded = load_register(path)
            register = register.merged(loaded) if register else loaded
    return dataclasses.replace(
        rulebook,
        register=register,
        strict_evidence=strict or rulebook.strict_evidence,
        fixes=with_fixes,
    )


def _text_or_json_option():
    """``--format text|json`` of the desk commands (diff, rules diff, whatif, fix)."""
    return click.option(
        "--format",
        "-f",
        "fmt",
        type=click.Choice(["text", "json"]),
        default="text",
        show_default=True,
    )


def _tune_gc() -> None:
    """Freeze what is loaded before a check (modules, the rulebook): it never becomes
    garbage, so no collection needs to scan it again. Only in a process roo-check owns:
    frozen objects are never collected, which a test session or a program embedding
    roo-check must not inherit."""
    if not _State.own_process:
        return
    import gc

    gc.freeze()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="roo-check", message="%(prog)s, version %(version)s")
@click.option(
    "--debug",
    is_flag=True,
    help="On an internal error (exit 3), print the traceback (also: ROO_CHECK_DEBUG=1).",
)
def cli(debug: bool) -> None:
    """USMCA rules-of-origin screening: does each good originate, under which rule, why.

    Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 usage, input or
    rule errors; 3 an internal error (a bug: please report it).
    """
    _State.debug = _State.debug or debug
    from roo_check.limits import InputLimits, set_input_limits

    # Each invocation starts from the documented limits and leaves them so: a program or a
    # test session that runs several commands in one process never inherits a raised limit.
    set_input_limits(InputLimits())
    click.get_current_context().call_on_close(lambda: set_input_limits(InputLimits()))


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--format",
    "-f",
    "formats",
    multiple=True,
    type=click.Choice(
        ["text", "json", "jsonl", "csv", "html", "junit", "sarif", "xlsx", "github", "gitlab"]
    ),
    help="Report format; repeat for several reports (default: text). github: workflow "
    "annotations; gitlab: Code Quality JSON; xlsx needs -o.",
)
@click.option(
    "--csv-bom/--no-csv-bom",
    default=None,
    help="Start a CSV report with a UTF-8 byte-order mark, which Excel needs to read accented "
    "names (default: on for a .csv file, off on standard output).",
)
@click.option(
    "--output",
    "-o",
    "outputs",
    multiple=True,
    metavar="[FORMAT=]PATH",
    help="Write a report to PATH (atomically); FORMAT=PATH names its format too, - is "
    "standard output. Repeatable, paired in order with --format; with no --format left, the "
    "format is the suffix's (.html, .json, .jsonl, .csv, .xlsx, .xml for JUnit, .sarif, .txt).",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info", "never"]),
    default=None,
    help="Lowest severity that makes the exit code 1 (default: warning, or fail-on in the "
    "configuration).",
)
@click.option(
    "--quiet",
    "-q",
    is_flag=True,
    help="Text report: only what needs attention, one 'path:row:col: CODE [severity] "
    "message' line each (ruff's convention); no line naming each report written.",
)
@click.option(
    "--paper",
    type=click.Choice(["letter", "a4"]),
    default=None,
    help="Page size of the printed HTML report (default: A4 where the locale's country uses "
    "it, letter otherwise).",
)
@click.option(
    "--date",
    "on",
    callback=_parse_date,
    help="Evaluation date YYYY-MM-DD (default: each good's shipment date).",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1, max=1024),
    default=None,
    help="Worker processes deciding the goods of a shipment, or the inputs of a batch, in "
    "parallel; the report is the same (default: all the cores for a batch of 200 inputs or "
    "more, or a shipment of 5,000 goods or more with no text or HTML report; otherwise 1).",
)
@click.option(
    "--dask",
    "dask_address",
    metavar="ADDRESS",
    default=None,
    help="Run on a Dask cluster: a scheduler's address (tcp://host:8786), or local / local:N "
    "for N worker processes on this machine (needs pip install 'roo-check[dask]'; see "
    "docs/distributed.md). The report is the same as in one process.",
)
@_evidence_options
@click.option(
    "--fixes",
    "with_fixes",
    is_flag=True,
    help="Give each good its cheapest fix (not originating) or its single points of "
    "failure (originating) in the report; slower: each decides the good again.",
)
@_limit_option()
@_rules_option()
@_config_option()
def check(
    paths: tuple[Path, ...],
    formats: tuple[str, ...],
    outputs: tuple[str, ...],
    fail_on: str | None,
    quiet: bool,
    paper: str | None,
    csv_bom: bool | None,
    on: dt.date | None,
    jobs: int | None,
    dask_address: str | None,
    declarations: tuple[Path, ...],
    strict_evidence: bool,
    with_fixes: bool,
    rules_dir: Path | None,
    config_path: Path | None,
) -> None:
    """Check shipment folders, workbooks or single BOM files (default: the current folder's:
    the folder itself if it is a shipment, else its shipment folders, *.bom.csv and *.xlsx)."""
    from roo_check.reporters import (
        BINARY_FORMATS,
        DUMPING_FORMATS,
        FORMATS,
        SUFFIXES,
        RenderOptions,
        streamer,
    )
    from roo_check.reporters.output import default_paper, plan_outputs, write_atomic
    from roo_check.run import check_paths, exit_code

    paths = paths or _current_folder_shipments()
    plan = plan_outputs(formats, outputs, FORMATS, SUFFIXES)
    for fmt, target in plan:
        if target is None and fmt in BINARY_FORMATS:
            raise click.UsageError(f"an {fmt} report is a file: give -o PATH.{fmt}")
    rulebook, config, record = _rulebook_and_config(rules_dir, config_path)
    rulebook = _with_evidence(rulebook, declarations, strict_evidence, with_fixes)
    _tune_gc()
    level = fail_on or config.fail_on or "warning"
    if dask_address is not None and jobs is not None:
        raise click.UsageError("give --jobs or --dask, not both: a cluster has its own workers")
    run = check_paths if dask_address is None else _on_dask(dask_address)
    report = run(
        list(paths),
        rulebook,
        on,
        dt.date.today(),
        config,
        record,
        _progress(len(paths)),
        debug=_State.debug,
        jobs=jobs,
        render=all(fmt in DUMPING_FORMATS for fmt, _ in plan),
    )
    paper = paper or default_paper()
    for fmt, target in plan:
        color = target is None and fmt == "text" and _colour(sys.stdout)
        for_excel = target is not None and target.suffix.lower() == ".csv"
        bom = for_excel if csv_bom is None else csv_bom
        options = RenderOptions(color=color, fail_on=level, quiet=quiet, paper=paper, csv_bom=bom)
        pieces = streamer(fmt)(report, options)
        if target is None:
            for piece in pieces:
                # click strips colour codes from output that is not a terminal, unless told.
                click.echo(piece, nl=False, color=color or None)
        else:
            write_atomic(target, pieces)
            if not quiet:
                click.echo(f"roo-check: wrote the {fmt} report to {target}", err=True)
    _echo_errors(report)
    sys.exit(exit_code(report, level))


def _current_folder_shipments() -> tuple[Path, ...]:
    from roo_check.loaders.discover import shipments_in

    found = shipments_in(Path())
    if not found:
        raise click.UsageError(
            "no shipment in or below the current folder (a folder with goods and BOM files, "
            "*.bom.csv, a workbook with sheets goods and bom): give PATH..."
        )
    return tuple(found)


def _colour(stream) -> bool:
    """Colour on a terminal; never with NO_COLOR set (no-color.org), always with FORCE_COLOR
    set (to anything but 0 or empty), which wins over NO_COLOR and a pipe alike."""
    import os

    forced = os.environ.get("FORCE_COLOR", "")
    if forced and forced != "0":
        return True
    if os.environ.get("NO_COLOR", ""):
        return False
    return stream.isatty()


def _on_dask(address: str):
    """``check_paths`` with the work done on the Dask cluster at ``address``."""

    def run(paths, rulebook, on, today, config, record, progress, *, debug, jobs, render):
        from roo_check.cluster import check_on_dask, connect

        with connect(address) as client:
            return check_on_dask(
                paths,
                rulebook,
                on,
                today,
                config,
                record,
                client=client,
                progress=progress,
                debug=debug,
                render=render,
            )

    return run


def _echo_errors(report) -> None:
    """The input errors, printed here only (the text report counts them): one escaped line
    each on stderr, ``error: FILE:PLACE [FIELD]: message``, except that more than a handful
    of one cause at different rows are one line, ``error: FILE:rows 4-103 [FIELD]: ...
    (100 rows)``. The JSON report keeps every one."""
    from roo_check.errors import summarised_lines
    from roo_check.models.findings import INTERNAL_ERROR_KIND

    for shipment in report.shipments:
        labelled = [
            ("internal error" if error.kind == INTERNAL_ERROR_KIND else "error", error)
            for error in shipment.errors
        ]
        for line in summarised_lines(labelled):
            click.echo(line, err=True)


def _progress(total: int):
    """A progress bar on an interactive terminal for many inputs; never in CI logs."""
    import os

    if total < 2 or not sys.stderr.isatty() or os.environ.get("CI"):
        return None
    bar = click.progressbar(length=total, label="checking", file=sys.stderr)
    bar.__enter__()

    def step(done: int) -> None:
        bar.update(1)
        if done == total:
            bar.__exit__(None, None, None)

    return step


@cli.command()
@click.argument("path", type=click.Path(exists=True, path_type=Path))
def parse(path: Path) -> None:
    """Print what the loaders understood of a shipment file (for debugging a supplier file)."""
    from roo_check.loaders import load_path

    shipment = load_path(path)
    click.echo(shipment.model_dump_json(indent=2))


def _rulebook_and_config(rules_dir: Path | None, config_path: Path | None):
    """The rulebook with the company's configuration applied, and a record of that file."""
    from roo_check.loaders.config import find_config, load_config
    from roo_check.models.config import Config
    from roo_check.models.findings import ConfigRecord
    from roo_check.rulebook.configure import apply_config
    from roo_check.rulebook.load import load_rulebook

    rulebook = load_rulebook(rules_dir)
    path = config_path or find_config(Path())
    if path is None:
        return rulebook, Config(), None
    config, digest = load_config(path)
    rulebook = apply_config(rulebook, config, str(path))
    return rulebook, config, ConfigRecord(path=str(path), sha256=digest)


@cli.group()
def rules() -> None:
    """Explore the rule set: product-specific rules and risk flags."""


@rules.command("explain")
@click.argument("target")
@click.option(
    "--date", "on", callback=_parse_date, help="Rules in force on this date (default today)."
)
@_rules_option()
def rules_explain(target: str, on: dt.date | None, rules_dir: Path | None) -> None:
    """Explain a rule (PSR-8501, CN001) or every rule for an HS code (8501.10).

    Exit 0 with the explanation; exit 2 with one line naming the nearest ids or HS2022 codes
    when TARGET is no rule id and no HS2022 code.
    """
    from roo_check.errors import UsageError
    from roo_check.explain import explain
    from roo_check.rulebook.load import load_rulebook

    rulebook = load_rulebook(rules_dir)
    try:
        text = explain(target, rulebook, on or dt.date.today())
    except UsageError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    click.echo(text, nl=False)


@rules.command("list")
@click.option(
    "--kind",
    type=click.Choice(["all", "psr", "flag", "article", "provision", "automotive"]),
    default="all",
    show_default=True,
)
@click.option("--chapter", help="Only product-specific rules of this HS chapter (e.g. 84).")
@_rules_option()
@_config_option()
def rules_list(
    kind: str, chapter: str | None, rules_dir: Path | None, config_path: Path | None
) -> None:
    """List rules: id, severity or provision, and a one-line summary."""
    from roo_check.rulebook.summary import rule_summary

    rulebook, _, _ = _rulebook_and_config(rules_dir, config_path)
    if kind in ("all", "flag") and not chapter:
        click.echo("RISK FLAGS (id, severity, summary; thresholds after the configuration)")
        for flag in rulebook.flags:
            state = "" if flag.enabled else " [disabled]"
            params = ", ".join(
                f"{k}={v}"
                for k, v in flag.params.items()
                if k != "permitted" and k != "simple_steps" and k != "legal_suffixes"
            )
            click.echo(
                f"  {flag.id:<9} {flag.severity:<8} {flag.summary}{state}"
                + (f" ({params})" if params else "")
            )
    if kind in ("all", "article") and not chapter and rulebook.chapter4 is not None:
        from roo_check.explain_chapter4 import list_articles

        click.echo(list_articles(rulebook.chapter4, rulebook.criteria), nl=False)
    if kind in ("all", "provision"):
        from roo_check.explain_provisions import list_provisions

        click.echo(list_provisions(rulebook, chapter), nl=False)
    if kind in ("all", "automotive") and not chapter and rulebook.automotive is not None:
        from roo_check.explain_automotive import list_schedules

        click.echo(list_schedules(rulebook.automotive), nl=False)
    if kind in ("all", "psr"):
        click.echo("PRODUCT-SPECIFIC RULES (id, provision, in force, alternatives)")
        for rule in rulebook.rules:
            if chapter and rule.id[4:6] != chapter.zfill(2):
                continue
            until = f" until {rule.effective_to}" if rule.effective_to else ""
            alts = rule_summary(rule)
            click.echo(f"  {rule.id:<28} from {rule.effective_from}{until}: {alts}")


@rules.command("lint")
@click.argument(
    "path", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path)
)
def rules_lint(path: Path | None) -> None:
    """Check a rule directory (default: the bundled rules) for defects loading cannot see.

    Prints one line per problem (file: rule-id: message) and a summary. Exit 0 when clean,
    1 on problems, 2 when a rule file fails to load.
    """
    from roo_check.rulebook.lint import lint_path
    from roo_check.rulebook.provision_lint import render_inventory

    report = lint_path(path)
    for problem in report.problems:
        click.echo(str(problem))
    if report.inventory:
        for line in render_inventory(report.inventory):
            click.echo(line)
    click.echo(report.summary())
    sys.exit(EXIT_FINDINGS if report.problems else EXIT_OK)


@rules.command("coverage")
@click.option(
    "--date", "on", callback=_parse_date, help="Rules in force on this date (default today)."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
)
@click.option(
    "--edition", type=click.Choice(["HS2022", "HS2017"]), default="HS2022", show_default=True
)
@_rules_option()
def rules_coverage(on: dt.date | None, fmt: str, edition: str, rules_dir: Path | None) -> None:
    """How many HS subheadings have a product-specific rule in force, and why the rest not."""
    import json

    from roo_check.rulebook.coverage import coverage, render_text
    from roo_check.rulebook.load import load_rulebook

    report = coverage(load_rulebook(rules_dir), on or dt.date.today(), edition)
    if fmt == "json":
        click.echo(json.dumps(report, indent=2))
    else:
        click.echo(render_text(report), nl=False)


def _parse_dates(
    ctx: click.Context, param: click.Parameter, values: tuple[str, ...]
) -> tuple[dt.date, ...]:
    if len(values) > 2:
        raise click.BadParameter("give --date at most twice (the old side's, then the new's)")
    return tuple(d for d in (_parse_date(ctx, param, v) for v in values) if d is not None)


@rules.command("diff")
@click.argument("dirs", nargs=-1, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--date",
    "dates",
    multiple=True,
    callback=_parse_dates,
    help="Rules in force on this date; twice: the old side's date, then the new side's "
    "(default: every rule, whatever its period).",
)
@click.option(
    "--check",
    "paths",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Also check these inputs under both sides and list the goods whose decision "
    "changes (repeatable).",
)
@_text_or_json_option()
@_config_option()
@_limit_option()
def rules_diff(
    dirs: tuple[Path, ...],
    dates: tuple[dt.date, ...],
    paths: tuple[Path, ...],
    fmt: str,
    config_path: Path | None,
) -> None:
    """Product-specific rules and thresholds added, removed or changed.

    Between two rule directories (OLD_DIR NEW_DIR), or between two dates of one rule set
    (--date 2026-12-31 --date 2027-07-01; the bundled set, or the one DIR given). With
    --check PATH..., the goods of those inputs whose decision changes. Exit 0, or 1 when a
    checked good got worse (as roo-check diff says it), 2 on a usage or input error.
    """
    from roo_check.compare import compare_rules
    from roo_check.errors import UsageError
    from roo_check.reporters.diff import render_rules

    if len(dirs) > 2 or (len(dirs) < 2 and len(dates) < 2):
        raise UsageError(
            "give two rule directories (OLD_DIR NEW_DIR), or two dates (--date OLD --date NEW) "
            "of one rule set"
        )
    old_dir, new_dir = (dirs[0], dirs[-1]) if dirs else (None, None)
    names = tuple(str(d) if d else "bundled rules" for d in (old_dir, new_dir))
    on = (dates[0], dates[-1]) if dates else (None, None)
    old, config, _ = _rulebook_and_config(old_dir, config_path)
    new, _, _ = _rulebook_and_config(new_dir, config_path)
    comparison = compare_rules(old, new, on, names=names, check=list(paths), config=config)
    click.echo(render_rules(comparison, fmt), nl=False)
    sys.exit(EXIT_FINDINGS if comparison.goods is not None and comparison.goods.worse else EXIT_OK)


@cli.command()
@click.option(
    "--model",
    "name",
    type=click.Choice(
        [
            "all",
            "good",
            "bom-line",
            "certificate",
            "shipment",
            "automotive",
            "inventory",
            "supplier-bom",
            "declaration",
            "report",
        ]
    ),
    default="all",
    show_default=True,
)
def schema(name: str) -> None:
    """Print the JSON Schema of the input models (and of the JSON report)."""
    import json

    from roo_check.models import BomLine, Certificate, Good, Shipment
    from roo_check.models.accumulation import SupplierBom
    from roo_check.models.automotive import AutomotiveFile
    from roo_check.models.declarations import Declaration
    from roo_check.models.findings import Report
    from roo_check.models.inventory import Inventory

    models = {
        "good": Good,
        "bom-line": BomLine,
        "certificate": Certificate,
        "shipment": Shipment,
        "automotive": AutomotiveFile,
        "inventory": Inventory,
        "supplier-bom": SupplierBom,
        "declaration": Declaration,
        "report": Report,
    }
    chosen = models if name == "all" else {name: models[name]}
    out = {key: model.model_json_schema() for key, model in chosen.items()}
    click.echo(json.dumps(out if name == "all" else out[name], indent=2, sort_keys=True))


@cli.command()
@click.argument("report", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@_rules_option("The rule directory the report was made with (default: the bundled rule set).")
@_config_option("Where the configuration file the report names is now (default: as recorded).")
@_limit_option()
def verify(
    report: Path, paths: tuple[Path, ...], rules_dir: Path | None, config_path: Path | None
) -> None:
    """Check a JSON report against the files, rules and configuration it names.

    Recomputes the rule-set hash, the configuration's and every input's SHA-256 (at the
    paths recorded, relative to the current folder), then runs the check again with the same
    rules, configuration and evaluation date and compares the JSON byte for byte, so edited
    findings are caught too. PATHS locate shipments that have moved, or choose some of them.
    One line per check. Exit 0 verified, 1 a mismatch, 2 the report is unreadable or invalid.
    """
    from roo_check.verify import verify_report

    result = verify_report(report, paths, rules_dir=rules_dir, config_path=config_path)
    for line in result.lines():
        click.echo(line)
    sys.exit(EXIT_OK if result.ok else EXIT_FINDINGS)


@cli.command()
@click.argument("old", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("new", type=click.Path(dir_okay=False, path_type=Path))
@_text_or_json_option()
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info", "never"]),
    default="warning",
    show_default=True,
    help="Lowest severity of a new finding that makes a good worse.",
)
@_limit_option()
def diff(old: Path, new: Path, fmt: str, fail_on: str) -> None:
    """Compare two JSON reports of roo-check: what changed for each good.

    Goods are matched by shipment and part number. A good got worse when its status fell
    (originating, cannot decide, not originating), when a finding at or above --fail-on
    appeared, or when its shipment could no longer be checked. Exit 0 no good got worse,
    1 a good got worse (a CI gate on supplier BOM changes), 2 a report is unreadable.
    """
    from roo_check.compare import compare_reports
    from roo_check.loaders.report import load_report
    from roo_check.reporters.diff import render

    before, after = load_report(old), load_report(new)
    comparison = compare_reports(
        before, after, old_name=str(old), new_name=str(new), fail_on=fail_on
    )
    click.echo(render(comparison, fmt), nl=False)
    sys.exit(EXIT_FINDINGS if comparison.worse else EXIT_OK)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--set",
    "changes",
    multiple=True,
    metavar="PART.FIELD=VALUE",
    help="Change a field of a material (every BOM line with that part number) or, when no "
    "material has it, of a good: BURNER-G.origin_status=non-originating, "
    "BURNER-G.country_of_origin=CN, PCA-MAIN.unit_value=12.50. Repeatable.",
)
@click.option(
    "--scenario",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A scenario file (YAML or JSON: note, date, rules, set) kept for review; --set, "
    "--date and --rules add to or override it.",
)
@click.option(
    "--date",
    "on",
    callback=_parse_date,
    help="Check the changed side on this date (e.g. 2027-07-01); the given side uses each "
    "good's own date.",
)
@_text_or_json_option()
@_rules_option("Check the changed side under this rule directory (the given side: bundled).")
@_config_option()
@_limit_option()
def whatif(
    paths: tuple[Path, ...],
    changes: tuple[str, ...],
    scenario: Path | None,
    on: dt.date | None,
    fmt: str,
    rules_dir: Path | None,
    config_path: Path | None,
) -> None:
    """Check the inputs as given and as changed, and report only what differs.

    Goods that change status, criterion, alternative met, RVC or findings, with the reason
    on each side. Exit 0, or 1 when a good got worse (as roo-check diff says it), 2 on a
    usage or input error (a change the file could not hold is one).
    """
    from roo_check.reporters.diff import render
    from roo_check.whatif import Sides, plan, what_if

    planned = plan(scenario, changes, on, rules_dir)
    given, config, _ = _rulebook_and_config(None, config_path)
    changed = (
        _rulebook_and_config(planned.rules_dir, config_path)[0] if planned.rules_dir else given
    )
    comparison = what_if(
        list(paths),
        planned.edits,
        Sides(given, changed, planned.on),
        config,
        dt.date.today(),
        changed_name=planned.name,
    )
    click.echo(render(comparison, fmt), nl=False)
    sys.exit(EXIT_FINDINGS if comparison.worse else EXIT_OK)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--scenario",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A scenario file whose premium: gives what obtaining each material as originating "
    "would cost (default: the material's value).",
)
@_text_or_json_option()
@_rules_option()
@_config_option()
@_limit_option()
def fix(
    paths: tuple[Path, ...],
    scenario: Path | None,
    fmt: str,
    rules_dir: Path | None,
    config_path: Path | None,
) -> None:
    """The cheapest fix for each good that is not originating, and the single points of
    failure of each good that is.

    The fix is the set of non-originating materials to obtain as originating at the least
    cost (their value, or the premiums of --scenario) under criterion C or any alternative of
    the good's rule (tariff shift, de minimis, every RVC method), solved exactly and checked
    by deciding the good again. Exit 0, or 2 when an input cannot be read.
    """
    from roo_check.fixes import fixes
    from roo_check.reporters.diff import render_fixes

    premiums = {}
    if scenario is not None:
        from roo_check.loaders.whatif import load_scenario

        premiums = dict(load_scenario(scenario).premium)
    rulebook, _, _ = _rulebook_and_config(rules_dir, config_path)
    found, errors = fixes(list(paths), rulebook, dt.date.today(), premiums)
    click.echo(render_fixes(found, fmt), nl=False)
    if errors:
        from roo_check.errors import InputErrors

        raise InputErrors(errors)


def _parse_window(_ctx: click.Context, _param: click.Parameter, value: str) -> int:
    """``60d``, ``8w`` or ``60``: a number of days."""
    text = value.strip().lower()
    unit = {"d": 1, "w": 7}.get(text[-1:])
    digits = text[:-1] if unit else text
    if not digits.isascii() or not digits.isdigit() or len(digits) > 5:
        raise click.BadParameter(f"{value!r} is not a window such as 60d, 8w or 60 (days)")
    return int(digits) * (unit or 1)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--within",
    "within_days",
    default="60d",
    show_default=True,
    callback=_parse_window,
    metavar="WINDOW",
    help="Renewal window: declarations expiring within it (60d, 8w, or days) are listed first.",
)
@click.option(
    "--date",
    "on",
    callback=_parse_date,
    help="The date validity is judged on (default: today); goods keep their own dates.",
)
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(["text", "json", "csv", "xlsx"]),
    default="text",
    show_default=True,
)
@click.option(
    "--output",
    "-o",
    "output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to this file (atomically); needed for xlsx.",
)
@_evidence_options
@_rules_option()
@_config_option()
@_limit_option()
def suppliers(
    paths: tuple[Path, ...],
    within_days: int,
    on: dt.date | None,
    fmt: str,
    output: Path | None,
    declarations: tuple[Path, ...],
    strict_evidence: bool,
    rules_dir: Path | None,
    config_path: Path | None,
) -> None:
    """Every supplier's declaration: its validity, the goods that depend on it (found by
    deciding each good again with its materials non-originating), the value at stake, and
    those expired or expiring within --within, most consequential first.

    Exit 0, 1 when a declaration that goods depend on is expired or expiring within the
    window, 2 on a usage or input error (the inputs that load are still reported).
    """
    from roo_check.reporters.output import write_atomic
    from roo_check.reporters.suppliers import render
    from roo_check.suppliers import suppliers_report

    if fmt == "xlsx" and output is None:
        raise click.UsageError("an xlsx report is a file: give --output PATH.xlsx")
    rulebook, _, _ = _rulebook_and_config(rules_dir, config_path)
    rulebook = _with_evidence(rulebook, declarations, strict_evidence)
    report, errors = suppliers_report(list(paths), rulebook, on or dt.date.today(), within_days)
    rendered = render(report, fmt)
    if output is not None:
        write_atomic(output, rendered)
    else:
        click.echo(rendered, nl=False)
    if errors:
        from roo_check.errors import InputErrors

        raise InputErrors(errors)
    due = [u for u in report.declarations if u.declaration_id in report.renewals and u.dependent]
    sys.exit(EXIT_FINDINGS if due else EXIT_OK)


@cli.command()
@click.argument(
    "folder", required=False, default=".", type=click.Path(file_okay=False, path_type=Path)
)
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(["xlsx", "csv"]),
    default="xlsx",
    show_default=True,
    help="xlsx: one workbook shipment.xlsx (sheets goods and bom, notes on the columns, "
    "lists to pick from); csv: goods.csv and bom.csv.",
)
@click.option("--force", is_flag=True, help="Replace files of the same names.")
def template(folder: Path, fmt: str, force: bool) -> None:
    """Write an empty shipment to fill in into FOLDER (default: the current folder): the
    documented columns and one example row that checks as written. Exit 0, or 2 when a file
    would be replaced (without --force) or cannot be written."""
    from roo_check.template import write_template

    written = write_template(folder, fmt, force=force)
    names = " and ".join(str(path) for path in written)
    target = written[0] if fmt == "xlsx" else folder
    click.echo(
        f"roo-check: wrote {names}: replace the example rows, then run roo-check check {target}",
        err=True,
    )


def main(args: list[str] | None = None, *, own_process: bool = False) -> None:
    """The entry point and the single top-level guard: every outcome becomes an exit code.
    ``own_process``: called by the installed command, which owns the process."""
    import os

    _State.own_process = own_process
    if own_process:
        import gc

        # Fewer cyclic collections from here on: a command imports its models and reads the
        # rule set and the inputs, tens of thousands to millions of objects, none garbage.
        gc.set_threshold(*GC_THRESHOLDS)
    _State.debug = os.environ.get(DEBUG_ENV, "") not in ("", "0")
    try:
        code = cli.main(args=args, standalone_mode=False)
    except SystemExit as exc:
        if exc.code is None or isinstance(exc.code, int):
            raise  # a command's own exit code
        code = _exit_for(exc)
    except BaseException as exc:
        code = _exit_for(exc)
    code = code if isinstance(code, int) else EXIT_OK
    if code != EXIT_OK:
        sys.exit(code)


def _exit_for(exc: BaseException) -> int:
    """The exit code (and the one line on stderr) for an exception that reached the top."""
    from roo_check.errors import RooCheckError, describe_bug, error_line

    if isinstance(exc, KeyboardInterrupt | click.exceptions.Abort):
        click.echo("interrupted", err=True)
        return EXIT_INTERRUPTED
    if isinstance(exc, click.UsageError):
        # One line, like every other error: the problem and where to read the usage.
        command = exc.ctx.command_path if exc.ctx else "roo-check"
        click.echo(f"error: {error_line(exc.format_message())} (see '{command} --help')", err=True)
        return EXIT_ERROR
    if isinstance(exc, click.ClickException):
        click.echo(f"error: {error_line(exc.format_message())}", err=True)
        return EXIT_ERROR
    if isinstance(exc, RooCheckError):
        click.echo(f"error: {exc}", err=True)
        return EXIT_ERROR
    if isinstance(exc, BrokenPipeError):
        # The reader went away (`roo-check ... | head`): nothing more can be said on stdout,
        # and Python must not complain about it when it flushes stdout at exit.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_ERROR
    detail = describe_bug(exc)
    click.echo(
        f"internal error: roo-check failed ({detail}). This is a bug of roo-check, not a "
        "problem with your files: please report it with the command line and "
        "`roo-check --version`" + ("" if _State.debug else "; --debug shows the traceback"),
        err=True,
    )
    if _State.debug:
        import traceback

        traceback.print_exception(exc, file=sys.stderr)
        sys.stderr.flush()
    return EXIT_INTERNAL


if __name__ == "__main__":
    main(own_process=True)
