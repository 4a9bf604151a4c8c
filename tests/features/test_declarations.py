"""Steps of declarations.feature: a sample copied without its register, and the renewal
workbook read back with openpyxl."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook
from pytest_bdd import given, parsers, scenarios, then, when

from tests.features.conftest import ROOT, CliRun, run_main

scenarios("declarations.feature")


@given(parsers.parse('a copy of sample "{sample}" without its register'), target_fixture="copy")
def copy_without_register(scratch: Path, sample: str) -> Path:
    folder = scratch / sample
    shutil.copytree(ROOT / "samples" / sample, folder)
    (folder / "declarations.csv").unlink()
    shutil.rmtree(folder / "declarations")
    return folder


@when(parsers.parse('I check the copy with "{options}"'), target_fixture="cli")
def check_copy(copy: Path, options: str) -> CliRun:
    return run_main(["check", str(copy), "-q", *options.split()], cwd=ROOT)


@then(
    parsers.parse(
        'the workbook "{name}" has the value at stake of "{declaration}" as the number {amount}'
    )
)
def workbook_value(scratch: Path, name: str, declaration: str, amount: str) -> None:
    sheet = load_workbook(scratch / name, read_only=True)["declarations"]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    found = [r for r in rows[1:] if r[header.index("declaration_id")] == declaration]
    assert len(found) == 1, rows
    value = found[0][header.index("value_at_stake")]
    assert isinstance(value, int | float) and Decimal(str(value)) == Decimal(amount), value
