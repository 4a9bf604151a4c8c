"""The exit-code contract at its edges: the guard's mapping of each kind of exception, the
precedence of codes in a batch, and the escaping that keeps every error on one line."""

from __future__ import annotations

import click
import pytest
from hypothesis import given
from hypothesis import strategies as st

from roo_check import cli as cli_module
from roo_check.errors import InputError, error_line, printable
from roo_check.models.findings import INTERNAL_ERROR_KIND, ErrorRecord, Report, ShipmentResult
from roo_check.run import exit_code
from tests.features.conftest import run_main


def _run_main(args: list[str]) -> tuple[int, str, str]:
    run = run_main(args)
    return run.returncode, run.stdout, run.stderr


@pytest.mark.parametrize(
    ("raised", "expected"),
    [
        (InputError("bad", file="bom.csv", location="row 2", field="hs_code"), 2),
        (click.UsageError("no such option"), 2),
        (KeyboardInterrupt(), 130),
        (click.exceptions.Abort(), 130),
        (ZeroDivisionError("x"), 3),
        (RecursionError("deep"), 3),
        (MemoryError(), 3),
    ],
)
def test_the_guard_maps_each_kind_of_exception_to_its_code(monkeypatch, raised, expected) -> None:
    def fail(*_args, **_kwargs):
        raise raised

    monkeypatch.setattr("roo_check.rulebook.load.load_rulebook", fail)
    code, out, err = _run_main(["check", "samples/01-motor-tariff-shift"])
    assert code == expected
    assert "Traceback" not in err and out == ""
    assert len(err.strip().splitlines()) == 1, err


def test_an_internal_error_never_shows_the_traceback_without_debug(monkeypatch) -> None:
    monkeypatch.setattr("roo_check.rulebook.load.load_rulebook", lambda *_: 1 / 0)
    code, _, err = _run_main(["check", "samples/01-motor-tariff-shift"])
    assert code == 3 and "ZeroDivisionError" in err and "Traceback" not in err
    monkeypatch.setenv(cli_module.DEBUG_ENV, "1")
    code, _, err = _run_main(["check", "samples/01-motor-tariff-shift"])
    assert code == 3 and "Traceback (most recent call last)" in err


def test_version_and_help_exit_0() -> None:
    assert _run_main(["--version"])[0] == 0
    assert _run_main(["--help"])[0] == 0


def _report(*errors: list[str]) -> Report:
    shipments = [
        ShipmentResult(
            name=f"s{i}",
            inputs=[],
            determinations=[],
            findings=[],
            errors=[
                ErrorRecord(kind=k, file="f", location=None, field=None, message="m") for k in kinds
            ],
        )
        for i, kinds in enumerate(errors)
    ]
    return Report(
        version="0", ruleset_hash="h", evaluation_date=None, date_source="-", shipments=shipments
    )


def test_in_a_batch_the_highest_code_wins() -> None:
    assert exit_code(_report([], []), "warning") == 0
    assert exit_code(_report(["InputError"], []), "warning") == 2
    assert exit_code(_report(["InputError"], [INTERNAL_ERROR_KIND]), "never") == 3


@given(st.text(max_size=60), st.text(max_size=60), st.text(max_size=60))
def test_an_error_is_always_one_printable_line(file: str, field: str, message: str) -> None:
    line = error_line(message, file, "row 2", field)
    assert len(line.splitlines()) <= 1
    assert not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in line)
    assert str(InputError(message, file=file, field=field)) == printable(
        str(InputError(message, file=file, field=field))
    )


def test_escapes_read_as_what_they_hide() -> None:
    assert printable("a\nb\tc\x1b[2J\u202e") == "a\\nb\\tc\\x1b[2J\\u202e"
    assert printable("Motores del Bajío, S.A.") == "Motores del Bajío, S.A."
