"""The application service the CLI calls: load rules and configuration, load each input,
evaluate, run the batch-wide flags, assemble the report.

One broken input never loses the others' results: its errors are recorded in its own
ShipmentResult, and the run carries on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from pathlib import Path

from roo_check import __version__
from roo_check.engine.evaluate import GoodsMapper, check_shipment, finding_order
from roo_check.engine.flags import batch_flags
from roo_check.engine.flags.context import ShipmentContext
from roo_check.engine.suppress import apply_suppressions
from roo_check.errors import InputErrors, RooCheckError, describe_bug, printable
from roo_check.models.config import Config
from roo_check.models.findings import (
    INTERNAL_ERROR_KIND,
    ConfigRecord,
    ErrorRecord,
    InputRecord,
    Report,
    ShipmentResult,
)
from roo_check.models.shipment import ShipmentFile
from roo_check.rulebook.index import Rulebook


def error_records(error: RooCheckError) -> list[ErrorRecord]:
    errors = error.errors if isinstance(error, InputErrors) else [error]
    return [ErrorRecord(**e.as_dict()) for e in errors]


def internal_error_record(path: Path, exc: Exception) -> ErrorRecord:
    """A bug met while checking one input: recorded on that input so the batch goes on."""
    detail = describe_bug(exc)
    return ErrorRecord(
        kind=INTERNAL_ERROR_KIND,
        file=printable(str(path)),
        location=None,
        field=None,
        message=f"roo-check failed on this input ({detail}); this is a bug of roo-check, not "
        "a problem with the file: please report it (--debug shows the traceback)",
    )


def check_path(
    path: Path,
    rulebook: Rulebook,
    on: dt.date | None,
    fallback: dt.date,
    config: Config,
    *,
    debug: bool = False,
    jobs: int | None = 1,
    render: bool = False,
    change: Callable[[ShipmentFile], ShipmentFile] | None = None,
) -> Checked:
    """One input's result. Its input errors, or a bug met on it (unless ``debug``, which lets
    the bug reach the CLI's guard with its traceback), are recorded on it alone. ``jobs``
    worker processes decide its goods (None: see :func:`_mapper`);
    ``render`` keeps its determinations as JSON text (no report requested reads them as
    objects: see :data:`roo_check.reporters.DUMPING_FORMATS`). ``change`` edits the shipment
    as loaded before it is checked (``roo-check whatif``)."""
    from roo_check.loaders import load_path

    try:
        shipment = load_path(path)
        if change is not None:
            shipment = change(shipment)
        mapper = _mapper(rulebook, jobs, len(shipment.goods), render)
        return check_shipment(
            shipment, rulebook, on, fallback, config.suppress, mapper, render=render
        )
    except RooCheckError as exc:
        return failed_result(path, error_records(exc)), None
    except Exception as exc:
        if debug:
            raise
        return failed_result(path, [internal_error_record(path, exc)]), None


def _mapper(rulebook: Rulebook, jobs: int | None, goods: int, render: bool) -> GoodsMapper | None:
    """Worker processes for a shipment's goods: as many as ``--jobs`` asks, or, when it is
    not given, all the cores for a shipment of :data:`~roo_check.workers.LARGE_SHIPMENT_GOODS`
    goods or more whose determinations come back as JSON text (``render``). Measured on 2
    cores (benchmarks/README.md): at 10,000 goods two workers took the wall time of a JSON
    check from 16.0 s to 12.9 s; at 1,000 goods they cost more than they saved; and when the
    determinations come back as objects (a text or HTML report) reading them back costs the
    main process about as much as deciding them, so workers lose."""
    from roo_check.workers import LARGE_SHIPMENT_GOODS, jobs_for, process_mapper

    count = jobs_for(jobs, goods if render else 0, LARGE_SHIPMENT_GOODS)
    return process_mapper(rulebook, count) if count > 1 else None


def failed_result(path: Path, errors: list[ErrorRecord]) -> ShipmentResult:
    """The result of an input that could not be checked: its errors, nothing decided."""
    return ShipmentResult(
        name=printable(str(path)), inputs=[], determinations=[], findings=[], errors=errors
    )


Checked = tuple[ShipmentResult, ShipmentContext | None]
"""One input's result and, if it loaded, what the batch flags read of it."""


def check_paths(
    paths: list[Path],
    rulebook: Rulebook,
    on: dt.date | None,
    today: dt.date,
    config: Config | None = None,
    config_record: ConfigRecord | None = None,
    progress: Callable[[int], None] | None = None,
    *,
    debug: bool = False,
    jobs: int | None = 1,
    render: bool = False,
    change: Callable[[ShipmentFile], ShipmentFile] | None = None,
) -> Report:
    """Check every input (the map step) and assemble the report with the batch-wide flags
    (the reduce step). ``jobs`` worker processes share the work; None means all the cores
    for a large batch (:data:`roo_check.workers.LARGE_BATCH_INPUTS` inputs or more), one
    process otherwise. The report is the same whatever ``jobs`` is. ``render``: the
    determinations are kept as JSON text, for a run with no text or HTML report."""
    config = config or Config()
    checked = check_each(
        paths,
        rulebook,
        on,
        today,
        config,
        progress,
        debug=debug,
        jobs=jobs,
        render=render,
        change=change,
    )
    return assemble(checked, rulebook, on, config, config_record)


def check_each(
    paths: list[Path],
    rulebook: Rulebook,
    on: dt.date | None,
    today: dt.date,
    config: Config,
    progress: Callable[[int], None] | None = None,
    *,
    debug: bool = False,
    jobs: int | None = 1,
    render: bool = False,
    change: Callable[[ShipmentFile], ShipmentFile] | None = None,
) -> list[Checked]:
    """The map step: each input checked on its own, in the order given (in this process when
    a ``change`` is given: it need not travel to workers)."""
    from roo_check.workers import LARGE_BATCH_INPUTS, check_in_workers, jobs_for

    workers = jobs_for(jobs, len(paths), LARGE_BATCH_INPUTS)
    check = partial(check_path, rulebook=rulebook, on=on, fallback=today, config=config)
    if workers > 1 and len(paths) > 1 and change is None:
        return check_in_workers(
            partial(check, render=render), paths, workers, progress, debug=debug
        )
    checked = []
    for done, path in enumerate(paths, start=1):
        checked.append(check(path, debug=debug, jobs=jobs, render=render, change=change))
        if progress:
            progress(done)
    return checked


def assemble(
    checked: list[Checked],
    rulebook: Rulebook,
    on: dt.date | None,
    config: Config,
    config_record: ConfigRecord | None = None,
) -> Report:
    """The reduce step: the batch-wide flags over every shipment checked, and the report."""
    contexts = [
        context for result, context in checked if context is not None and result.determinations
    ]
    batch = []
    if contexts:
        first = on or min(g.outcome.evaluation_date for c in contexts for g in c.goods)
        producers = {g.good.part_number: g.good.producer for c in contexts for g in c.goods}
        batch = apply_suppressions(
            batch_flags(contexts, rulebook, first), config.suppress, producers
        )
    return Report(
        version=__version__,
        ruleset_hash=rulebook.ruleset_hash,
        config=config_record,
        evaluation_date=on,
        date_source=(
            "--date option"
            if on
            else "each good's shipment, invoice or production date (see each determination)"
        ),
        declarations=[
            InputRecord(path=path, sha256=sha256)
            for path, sha256 in (rulebook.register.files if rulebook.register else [])
        ],
        strict_evidence=rulebook.strict_evidence,
        fixes=rulebook.fixes,
        shipments=sorted((r for r, _ in checked), key=lambda r: r.name),
        batch_findings=sorted(batch, key=finding_order),
    )


def exit_code(report: Report, fail_on: str) -> int:
    """0 nothing at or above the fail level, 1 findings, 2 input errors (ruff's convention),
    3 when a bug was met on some input (the others are still reported)."""
    kinds = {e.kind for s in report.shipments for e in s.errors}
    if INTERNAL_ERROR_KIND in kinds:
        return 3
    if kinds:
        return 2
    findings = [f for s in report.shipments for f in s.findings] + report.batch_findings
    return 1 if any(f.fails(fail_on) and f.suppressed is None for f in findings) else 0
