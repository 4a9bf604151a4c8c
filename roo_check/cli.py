"""Command line: parse options, call the layers, map results to exit codes.

Exit codes: 0 every good originates and nothing is flagged; 1 findings (a good not
originating or undecided); 2 usage, input or rule error. Heavy modules are imported inside
the commands so ``roo-check --version`` stays fast.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from roo_check import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _parse_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="roo-check")
def cli() -> None:
    """USMCA rules-of-origin screening: does each good originate, under which rule, why."""


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to this file (atomically) instead of standard output.",
)
@click.option(
    "--date",
    "on",
    callback=_parse_date,
    help="Evaluation date YYYY-MM-DD (default: each good's shipment date).",
)
@click.option(
    "--rules",
    "rules_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Use this rule directory instead of the bundled USMCA rule set.",
)
def check(
    paths: tuple[Path, ...],
    fmt: str,
    output: Path | None,
    on: dt.date | None,
    rules_dir: Path | None,
) -> None:
    """Check shipment folders, workbooks or single BOM files."""
    from roo_check.models.findings import Severity
    from roo_check.reporters import renderer
    from roo_check.rulebook.load import load_rulebook
    from roo_check.run import check_paths

    rulebook = load_rulebook(rules_dir)
    report = check_paths(list(paths), rulebook, on, dt.date.today())
    color = output is None and fmt == "text" and sys.stdout.isatty()
    text = renderer(fmt)(report, color)
    if output:
        from roo_check.reporters.output import write_atomic

        write_atomic(output, text)
    else:
        click.echo(text, nl=False)
    for shipment in report.shipments:
        for error in shipment.errors:
            where = ":".join(p for p in (error.file, error.location) if p)
            field = f" [{error.field}]" if error.field else ""
            click.echo(f"error: {where}{field}: {error.message}", err=True)
    if any(s.errors for s in report.shipments):
        sys.exit(EXIT_ERROR)
    flagged = any(
        f.severity.rank >= Severity.warning.rank for s in report.shipments for f in s.findings
    )
    sys.exit(EXIT_FINDINGS if flagged else EXIT_OK)


@cli.command()
@click.option(
    "--model",
    "name",
    type=click.Choice(["all", "good", "bom-line", "certificate", "shipment", "report"]),
    default="all",
    show_default=True,
)
def schema(name: str) -> None:
    """Print the JSON Schema of the input models (and of the JSON report)."""
    import json

    from roo_check.models import BomLine, Certificate, Good, Shipment
    from roo_check.models.findings import Report

    models = {
        "good": Good,
        "bom-line": BomLine,
        "certificate": Certificate,
        "shipment": Shipment,
        "report": Report,
    }
    chosen = models if name == "all" else {name: models[name]}
    out = {key: model.model_json_schema() for key, model in chosen.items()}
    click.echo(json.dumps(out if name == "all" else out[name], indent=2, sort_keys=True))


def main() -> None:
    from roo_check.errors import RooCheckError

    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(EXIT_ERROR)
    except click.ClickException as exc:
        exc.show()
        sys.exit(EXIT_ERROR)
    except RooCheckError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_ERROR)


if __name__ == "__main__":
    main()
