"""roo-check suppliers: what each declaration protects is found by deciding goods again, the
renewals are ordered by consequence, and the tables (CSV, xlsx) carry numbers as numbers and
text neutralised against formula injection."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from roo_check.loaders.declarations import load_register
from roo_check.models.report_view import Standing
from roo_check.reporters.suppliers import COLUMNS, render
from roo_check.rulebook.load import load_rulebook
from roo_check.suppliers import suppliers_report
from tests.features.conftest import run_main

ROOT = Path(__file__).resolve().parents[2]
CHAIRS = ROOT / "samples" / "40-office-chairs-declarations"
ON = dt.date(2026, 12, 2)


@pytest.fixture(scope="module")
def rulebook():
    return load_rulebook()


@pytest.fixture(scope="module")
def report(rulebook):
    found, errors = suppliers_report([CHAIRS], rulebook, ON, 60)
    assert errors == []
    return found


def _use(report, declaration_id):
    return next(u for u in report.declarations if u.declaration_id == declaration_id)


def test_a_good_depends_on_a_declaration_only_when_it_fails_without_it(report) -> None:
    # CHAIR-TASK (TV 200.00, NC 170.00): without its base VNM 52.00 + 35.00 = 87.00, RVC
    # 56.50 % by TV (60 % needed) and 48.82 % by NC (50 %): it fails; likewise without its
    # mechanism (VNM 92.00). CHAIR-EXEC keeps alternative (B) without its base: VNM 120.00,
    # RVC 70.00 % by TV.
    base = _use(report, "DECL-2026-014")
    assert [(g.good, g.status_without.value) for g in base.dependent] == [
        ("CHAIR-TASK", "not-originating")
    ]
    assert {c.material for c in base.claims} == {"BASE-5S", "BASE-5N"}
    assert base.value_at_stake == {"USD": Decimal("60000.00")}
    assert base.dependent[0].basis == "invoice SEG-INV-40112: 300 units"
    mechanism = _use(report, "DECL-2026-030")
    assert [g.good for g in mechanism.dependent] == ["CHAIR-TASK"]
    assert mechanism.standing is Standing.in_force and mechanism.valid_until == dt.date(2027, 6, 30)
    assert _use(report, "DECL-2026-044").dependent == []


def test_the_renewals_are_the_expired_and_expiring_most_consequential_first(report) -> None:
    assert report.renewals == ["DECL-2026-014", "DECL-2025-088", "DECL-2026-044", "DECL-2026-021"]
    assert _use(report, "DECL-2025-088").standing is Standing.expired
    assert _use(report, "DECL-2025-088").days_left == -336
    assert _use(report, "DECL-2026-021").standing is Standing.expiring  # 60 days: in the window
    narrow, _ = suppliers_report([CHAIRS], load_rulebook(), ON, 59)
    assert "DECL-2026-021" not in narrow.renewals


def test_a_claim_with_no_declaration_behind_it_is_listed(report) -> None:
    [claim] = report.unbacked
    assert (claim.good, claim.material, claim.row) == ("CHAIR-EXEC", "ARM-PAIR", 5)
    assert claim.issues[0].startswith("claimed originating with no evidence")


def test_without_an_invoice_a_good_is_valued_one_unit_at_its_transaction_value(
    rulebook, tmp_path: Path
) -> None:
    folder = tmp_path / "chairs"
    shutil.copytree(CHAIRS, folder)
    (folder / "shipment.yaml").unlink()
    found, _ = suppliers_report([folder], rulebook, ON, 60)
    [good] = _use(found, "DECL-2026-014").dependent
    assert (good.value, good.basis) == (Decimal("200.00"), "one unit at its transaction value")


def test_a_batch_register_reaches_every_shipment(rulebook, tmp_path: Path) -> None:
    folder = tmp_path / "chairs"
    shutil.copytree(CHAIRS, folder)
    (folder / "declarations.csv").rename(tmp_path / "register.csv")
    with_register = dataclasses.replace(rulebook, register=load_register(tmp_path / "register.csv"))
    found, _ = suppliers_report([folder], with_register, ON, 60)
    assert [g.good for g in _use(found, "DECL-2026-014").dependent] == ["CHAIR-TASK"]
    assert len(found.declarations) == 5


def test_the_csv_has_one_row_per_declaration_and_neutralises_formulas(report) -> None:
    hostile = report.model_copy(
        update={
            "declarations": [
                _use(report, "DECL-2026-014").model_copy(update={"supplier": "=HYPERLINK(1)"})
            ]
        }
    )
    rows = list(csv.reader(io.StringIO(render(hostile, "csv"))))
    assert tuple(rows[0]) == COLUMNS
    row = dict(zip(COLUMNS, rows[1], strict=True))
    assert row["supplier"] == "'=HYPERLINK(1)"
    assert (row["value_at_stake"], row["currency"], row["renewal_rank"]) == ("60000.00", "USD", "1")
    assert row["goods_depending"] == "40-office-chairs-declarations CHAIR-TASK"


def test_the_workbook_holds_numbers_and_dates_and_is_the_same_on_every_run(
    report, tmp_path: Path
) -> None:
    data = render(report, "xlsx")
    assert isinstance(data, bytes) and data == render(report, "xlsx")
    path = tmp_path / "renewals.xlsx"
    path.write_bytes(data)
    sheet = load_workbook(path)["declarations"]
    header = [c.value for c in sheet[1]]
    assert tuple(header) == COLUMNS and sheet.freeze_panes == "A2" and sheet.auto_filter.ref
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "DECL-2026-014")
    cells = dict(zip(COLUMNS, row, strict=True))
    assert (
        cells["value_at_stake"].value == 60000
        and cells["value_at_stake"].number_format == "#,##0.00"
    )
    assert cells["valid_until"].value == dt.datetime(2026, 12, 31)
    assert cells["days_left"].value == 29


def test_the_command_exits_1_when_a_declaration_goods_depend_on_is_due() -> None:
    args = ["suppliers", str(CHAIRS), "--date", "2026-12-02"]
    assert run_main(args).returncode == 1
    # On 2026-06-01 nothing is due within 60 days but the lapsed DECL-2025-088, which no
    # good depends on.
    later = run_main(["suppliers", str(CHAIRS), "--date", "2026-06-01"])
    assert later.returncode == 0, later.stdout
    assert "1 expired or expiring within 60 days" in later.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--within", "sixty"], "is not a window such as 60d, 8w or 60"),
        (["-f", "xlsx"], "an xlsx report is a file: give --output PATH.xlsx"),
    ],
)
def test_usage_errors_exit_2_with_one_line(args: list[str], message: str) -> None:
    run = run_main(["suppliers", str(CHAIRS), *args])
    assert run.returncode == 2 and message in run.stderr, run.stderr


def test_an_input_that_does_not_load_is_reported_and_the_others_still_are(tmp_path) -> None:
    broken = ROOT / "samples" / "99-broken-bom"
    run = run_main(["suppliers", str(CHAIRS), str(broken), "--date", "2026-12-02", "-f", "json"])
    assert run.returncode == 2
    assert '"DECL-2026-014"' in run.stdout and "99-broken-bom" in run.stderr
