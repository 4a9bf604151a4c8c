"""Bounds wherever input meets arithmetic or dates (issue 12, item 4), and the input that used
to be accepted silently: each refused with one line naming the file, the place and the field.

The first test ties ``roo_check/limits.py`` to the limits table of ``docs/input-formats.md``.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
import zipfile
from decimal import Decimal, Overflow
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook
from pydantic import BaseModel, ValidationError

from roo_check import limits
from roo_check.cli import cli, main
from roo_check.engine.flags.certificate import latest_blanket_end, months_later
from roo_check.errors import InputError, InputErrors, RooCheckError
from roo_check.hs.codes import normalize
from roo_check.loaders import load_path
from roo_check.loaders.automotive import automotive_from_bytes
from roo_check.loaders.certificate import certificate_from_json, certificate_from_xml
from roo_check.loaders.goods import bom_from_table, goods_from_table
from roo_check.loaders.shipment import parse_json, parse_yaml, shipment_from_bytes
from roo_check.loaders.tabular import read_csv, read_xlsx
from roo_check.models.common import input_date
from roo_check.money import percent, to_decimal
from roo_check.rulebook import flag_params

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "input-formats.md"
SAMPLE = ROOT / "samples" / "01-motor-tariff-shift"

GOODS_CSV = (
    "part_number,description,hs_code,producer,country_of_production,currency,"
    "transaction_value,weight_kg,shipment_date\n"
    "G-1,Electric motor,8501.52,Motores SA,MX,USD,100.00,12.5,2026-01-10\n"
)
BOM_CSV = (
    "good_part_number,part_number,description,hs_code,quantity,unit,unit_value,currency,"
    "origin_status,weight_kg\n"
    "G-1,M-1,Stator,8503.00,1,pcs,10.00,USD,originating,2.5\n"
)
CERTIFICATE = {
    "certifier_role": "exporter",
    "certifier": {"name": "Motores SA", "country": "MX"},
    "goods": [{"description": "Electric motor", "hs_code": "8501.52", "origin_criterion": "B"}],
    "signature": {"name": "Ana Torres", "date": "2025-01-10"},
}
SHIPMENT = {
    "shipment_id": "S-1",
    "invoice": {
        "number": "1",
        "date": "2025-01-01",
        "issuer": {"name": "X"},
        "lines": [{"good_part_number": "G", "quantity": 1, "unit_price": "1", "currency": "USD"}],
    },
}
AUTOMOTIVE = """\
producer: Automotriz SA
currency: USD
plants:
  - {id: TOL-TRN, name: Toledo transmissions, country: US, role: production,
     capacity_transmissions: 350000}
vehicles:
  - good: VEH-1
    hs2012: "8703.23"
    persons: 5
"""


def errors_of(exc: RooCheckError) -> list[RooCheckError]:
    return list(exc.errors) if isinstance(exc, InputErrors) else [exc]


def one_error(exc: pytest.ExceptionInfo[RooCheckError]) -> RooCheckError:
    found = errors_of(exc.value)
    assert len(found) == 1, [str(e) for e in found]
    assert "\n" not in str(found[0])
    return found[0]


def goods(csv: str) -> pytest.ExceptionInfo[RooCheckError]:
    with pytest.raises(InputError) as caught:
        goods_from_table(read_csv(csv.encode(), file="goods.csv"))
    return caught


def sample_copy(tmp_path: Path) -> Path:
    target = tmp_path / "shipment"
    shutil.copytree(SAMPLE, target)
    return target


def check(path: Path) -> tuple[int, list[str]]:
    """Run ``roo-check check`` as a user does; the exit code and the error lines."""
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert "Traceback" not in result.output, result.output
    lines = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    return result.exit_code, lines


# ------------------------------------------------------------------------ limits and docs


def _limits() -> dict[str, object]:
    return {
        name: value
        for name, value in vars(limits).items()
        if name.isupper() and not name.startswith("_") and isinstance(value, int | dt.date)
    }


def _figures(value: object) -> list[str]:
    """The ways the documentation may write a constant's figure."""
    if isinstance(value, dt.date):
        return [value.isoformat()]
    assert isinstance(value, int)
    shown = [f"{value:,}", str(value)]
    if value >= limits.MiB and value % limits.MiB == 0:
        shown.append(f"{value // limits.MiB} MiB")
    return shown


def _limit_rows() -> list[list[str]]:
    text = DOC.read_text(encoding="utf-8")
    section = text.split("\n## Limits\n", 1)[1].split("\n## ", 1)[0]
    return [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in section.splitlines()
        if line.startswith("|")
    ]


def test_every_limit_is_documented_with_its_figure() -> None:
    rows = _limit_rows()
    assert rows, "docs/input-formats.md has no limits table"
    found = _limits()
    assert {"MAX_FILE_BYTES", "MIN_DATE", "MAX_DATE", "MAX_NUMBER_DIGITS"} <= found.keys()
    for name, value in found.items():
        named = [row for row in rows if f"`{name}`" in row[-1]]
        assert named, f"{name} is not in the limits table of docs/input-formats.md"
        value_cell = named[0][1]
        assert any(
            re.search(rf"(?<![\d,.]){re.escape(figure)}(?!\d|,\d)", value_cell)
            for figure in _figures(value)
        ), f"{name} = {value!r}, but the documentation says {value_cell!r}"


# ----------------------------------------------------------------------------------- dates


def test_months_later_never_overflows() -> None:
    assert months_later(dt.date(9999, 12, 19), 48) == dt.date.max
    assert months_later(dt.date.max, 10**30) == dt.date.max
    assert months_later(dt.date(1, 1, 1), -13) == dt.date.min
    assert latest_blanket_end(dt.date(9999, 6, 1), 12) == dt.date.max
    assert months_later(dt.date(2024, 2, 29), 12) == dt.date(2025, 3, 1)


def test_date_range_leaves_room_for_every_configured_offset() -> None:
    """The reason for MIN_DATE/MAX_DATE: the largest offsets stay on the calendar."""
    far = months_later(limits.MAX_DATE, 12 * limits.MAX_FLAG_YEARS + limits.MAX_FLAG_MONTHS)
    assert far < dt.date.max
    assert limits.MAX_DATE + dt.timedelta(days=limits.MAX_FLAG_DAYS) < dt.date.max
    assert limits.MIN_DATE.replace(year=limits.MIN_DATE.year - 1) > dt.date.min


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("<date>2025-12-19</date>", "<date>9999-12-19</date>", "[date]"),
        ("<end>2026-12-31</end>", "<end>9999-12-31</end>", "[end]"),
        ("<start>2026-01-01</start>", "<start>1899-12-31</start>", "[start]"),
    ],
)
def test_certificate_dates_far_off_are_one_line_exit_2(tmp_path, old, new, field) -> None:
    folder = sample_copy(tmp_path)
    xml = folder / "certificate.xml"
    xml.write_text(xml.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    code, lines = check(folder)
    assert code == 2
    assert len(lines) == 1
    assert "certificate.xml" in lines[0] and field in lines[0]
    assert "outside the dates roo-check reads (1900-01-01 to 2999-12-31)" in lines[0]


def test_every_date_of_every_format_is_bounded(tmp_path: Path) -> None:
    caught = goods(GOODS_CSV.replace("2026-01-10", "3000-01-01"))
    assert one_error(caught).field == "shipment_date"
    document = json.loads(json.dumps(SHIPMENT))
    document["invoice"]["date"] = "0001-01-01"
    with pytest.raises(InputError) as caught:
        shipment_from_bytes(json.dumps(document).encode(), file="s.json", suffix=".json")
    assert one_error(caught).location == "$.invoice.date"
    yaml_period = AUTOMOTIVE + "steel_aluminum:\n  period_basis: previous fiscal year\n"
    yaml_period += "  period: {start: 2025-01-01, end: 9999-12-31}\n"
    with pytest.raises(InputError) as caught:
        automotive_from_bytes(yaml_period.encode(), file="a.yaml", suffix=".yaml")
    assert "9999-12-31 is outside" in one_error(caught).message
    inventory = (
        "# method: fifo\n# fiscal_year_start: 9999-01-01\n# currency: USD\n"
        "part_number,date,movement,quantity,unit_value,origin_status\n"
        "M-1,2024-12-20,opening,400,2.10,non-originating\n"
    )
    root = sample_copy(tmp_path)
    (root / "inventory.csv").write_text(inventory, encoding="utf-8")
    code, lines = check(root)
    assert code == 2 and any("[fiscal_year_start]" in line for line in lines), lines


def test_dates_are_iso_text_in_plain_digits() -> None:
    assert input_date("2025-01-31") == dt.date(2025, 1, 31)
    assert input_date(dt.datetime(2025, 1, 31)) == dt.date(2025, 1, 31)
    for text, message in [
        ("٢٠٢٥-٠١-٣١", "use plain digits 0-9"),
        ("２０２５-01-31", "use plain digits 0-9"),
        ("2025-01-31T10:00", "expected a date as YYYY-MM-DD"),
        ("2025-02-30", "is not a valid date"),
    ]:
        with pytest.raises(ValueError, match=message):
            input_date(text)
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        input_date(1_700_000_000)  # a timestamp is not a date of the formats


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("2027-13-01", "the month is 13, and months run from 01 to 12"),
        ("2027-00-10", "the month is 00, and months run from 01 to 12"),
        ("2027-02-29", "2027 is not a leap year, so February has 28 days"),
        ("2028-02-30", "the day is 30, and February 2028 has days 01 to 29"),
        ("2027-04-31", "the day is 31, and April 2027 has days 01 to 30"),
        ("2027-05-00", "the day is 00, and May 2027 has days 01 to 31"),
        ("0000-01-01", "the year must be 0001 or later"),
    ],
)
def test_an_impossible_date_says_which_part_is_wrong(text: str, part: str) -> None:
    with pytest.raises(ValueError) as caught:
        input_date(text)
    assert str(caught.value) == f"{text!r} is not a valid date: {part}"
    assert input_date("2028-02-29") == dt.date(2028, 2, 29)


# --------------------------------------------------------------------------------- numbers


def test_a_tiny_transaction_value_is_refused_not_an_overflow(tmp_path: Path) -> None:
    folder = sample_copy(tmp_path)
    path = folder / "goods.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("1850.00,", "1e-999999999,"), encoding="utf-8"
    )
    code, lines = check(folder)
    assert code == 2 and len(lines) == 1
    assert "goods.csv:row 2 [transaction_value]: too small a number" in lines[0]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1e21", "too large a number"),
        ("1e-21", "too small a number"),
        ("1e-999999999", "too small a number"),
        ("1e99999999999999999999", "too large a number"),
        ("1234567890.123456789012345678901", "too many digits"),
        ("0E-999999999", "write zero as 0"),
        ("NaN", "not a number"),
        ("1_000", "not a number"),
        ("1.000,00", "decimal comma"),
        ("١٢٣", "use plain digits 0-9"),
        ("１２３", "use plain digits 0-9"),
    ],
)
def test_to_decimal_bounds(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        to_decimal(text)


def test_to_decimal_reads_what_the_formats_document() -> None:
    assert to_decimal("1,234.56") == Decimal("1234.56")
    assert to_decimal("1e20") == Decimal("1E+20")
    assert to_decimal("0.00000000000000000001") == Decimal("1E-20")
    assert to_decimal(0.1) == Decimal("0.1")
    assert to_decimal(10**20) == Decimal(10**20)
    with pytest.raises(ValueError, match="too large a number"):
        to_decimal(10**30)
    with pytest.raises(ValueError, match="expected a number"):
        to_decimal(True)


def test_percent_runs_in_a_bounded_trapping_context() -> None:
    assert percent(Decimal(1), Decimal(3)) == Decimal("33.33333333333333333333333333")
    with pytest.raises(Overflow):
        percent(Decimal("1e20"), Decimal("1e-990"))  # unreachable from bounded input


def test_integers_of_31_digits_are_refused_everywhere() -> None:
    big = 1234567890123456789012345678901
    document = json.loads(json.dumps(SHIPMENT))
    document["invoice"]["lines"][0]["quantity"] = big
    with pytest.raises(InputError, match="too large a number"):
        shipment_from_bytes(json.dumps(document).encode(), file="s.json", suffix=".json")
    for yaml_text in (
        AUTOMOTIVE.replace("persons: 5", f"persons: {big}"),
        AUTOMOTIVE.replace("350000", str(big)),
    ):
        with pytest.raises(InputError, match="too large a number"):
            automotive_from_bytes(yaml_text.encode(), file="a.yaml", suffix=".yaml")
    book = Workbook()
    sheet = book.active
    sheet.append(BOM_CSV.splitlines()[0].split(","))
    sheet.append(["G-1", "M-1", "Stator", "8503.00", big, "pcs", 10, "USD", "originating"])
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(InputError) as caught:
        bom_from_table(read_xlsx(buffer.getvalue(), file="bom.xlsx"))
    error = one_error(caught)
    assert (error.field, error.message) == ("quantity", "too large a number")


def test_counts_are_whole_and_bounded() -> None:
    figures = automotive_from_bytes(AUTOMOTIVE.encode(), file="a.yaml", suffix=".yaml")
    vehicle = figures.vehicle("VEH-1")
    assert vehicle is not None and vehicle.persons == 5
    for bad, message in [("5.5", "not a whole number"), ("2000000000", "less than or equal")]:
        text = AUTOMOTIVE.replace("persons: 5", f"persons: {bad}")
        with pytest.raises(InputError, match=message):
            automotive_from_bytes(text.encode(), file="a.yaml", suffix=".yaml")


def test_json_numbers_out_of_bounds_are_refused_where_they_stand() -> None:
    with pytest.raises(InputError) as caught:
        parse_json(b'{"a": [1, 1e-999999999]}', file="x.json")
    assert one_error(caught).location == "$.a[1]"
    with pytest.raises(InputError, match="too many digits"):
        parse_json(b'{"a": 0.1234567890123456789012345678901}', file="x.json")
    with pytest.raises(InputError, match="too small a number"):
        parse_yaml(b"a: 1.0e-999999999\n", file="x.yaml")


# ------------------------------------------------------------------ digits of other scripts


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("100.00", "١٠٠.00", "transaction_value"),
        ("8501.52", "８５０１.５２", "hs_code"),
        ("2026-01-10", "٢٠٢٦-٠١-١٠", "shipment_date"),
        ("12.5", "１２.5", "weight_kg"),
    ],
)
def test_digits_of_other_scripts_are_refused(old: str, new: str, field: str) -> None:
    error = one_error(goods(GOODS_CSV.replace(old, new)))
    assert error.field == field
    assert "use plain digits 0-9" in error.message


def test_digits_of_other_scripts_in_hs_codes_and_json() -> None:
    with pytest.raises(ValueError, match="use plain digits 0-9"):
        normalize("٨٥٠١.٥٢")
    document = json.loads(json.dumps(SHIPMENT))
    document["invoice"]["lines"][0]["quantity"] = "３"
    with pytest.raises(InputError, match="use plain digits 0-9"):
        shipment_from_bytes(json.dumps(document).encode(), file="s.json", suffix=".json")
    with pytest.raises(ValidationError, match="use plain digits 0-9"):
        flag_params.DwellParams.model_validate({"max_days": "١٤"})


# --------------------------------------------------------- one parser for every number field


def test_thousands_grouping_works_for_every_number_field() -> None:
    table = read_csv(GOODS_CSV.replace("12.5", '"1,000.00"').encode(), file="goods.csv")
    (good,) = goods_from_table(table)
    assert good.weight_kg == Decimal("1000.00")
    table = read_csv(
        BOM_CSV.replace(",1,pcs", ',"1,000",pcs').replace("2.5", '"1,250.5"').encode(),
        file="bom.csv",
    )
    (line,) = bom_from_table(table)
    assert (line.quantity, line.weight_kg) == (Decimal(1000), Decimal("1250.5"))


@pytest.mark.parametrize("field", ["transaction_value", "weight_kg"])
def test_decimal_commas_are_refused_for_every_number_field(field: str) -> None:
    old = "100.00" if field == "transaction_value" else "12.5"
    error = one_error(goods(GOODS_CSV.replace(old, '"1.000,00"')))
    assert error.field == field and "decimal comma" in error.message


# ------------------------------------------------------------------------- cell length


def test_a_huge_preamble_line_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "single.csv"
    path.write_text(
        "# part_number: PMP-200\n# description: "
        + "x" * (1024 * 1024)
        + "\n# hs_code: 8413.70\n"
        + BOM_CSV.replace("G-1,", "", 1).replace("good_part_number,", "", 1),
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        load_path(path)
    error = one_error(caught)
    assert error.location == "row 2"
    assert "holds 1,048,591 characters; the limit is 32,767" in error.message


def _with_long_cell(rows: list[list[object]], marker: str, length: int) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    patched = io.BytesIO()
    with zipfile.ZipFile(patched, "w") as target:
        for member in source.infolist():
            data = source.read(member.filename)
            target.writestr(member, data.replace(marker.encode(), b"y" * length))
    return patched.getvalue()


def test_an_xlsx_cell_longer_than_excel_allows_is_refused() -> None:
    header = GOODS_CSV.splitlines()[0].split(",")
    row = GOODS_CSV.splitlines()[1].split(",")
    row[1] = "MARKER"
    data = _with_long_cell([header, row], "MARKER", 40_000)
    with pytest.raises(InputError) as caught:
        goods_from_table(read_xlsx(data, file="goods.xlsx"))
    error = one_error(caught)
    assert error.location == "row 2" and "40,000 characters" in error.message
    data = _with_long_cell([["# description", "MARKER"], header], "MARKER", 40_000)
    with pytest.raises(InputError, match="40,000 characters"):
        read_xlsx(data, file="goods.xlsx")


# ------------------------------------------------------------------------------ HS codes


def test_certificate_hs_code_in_no_edition_is_refused(tmp_path: Path) -> None:
    folder = sample_copy(tmp_path)
    xml = folder / "certificate.xml"
    text = xml.read_text(encoding="utf-8").replace("<hsCode>8501.52", "<hsCode>9999.99")
    xml.write_text(text, encoding="utf-8")
    code, lines = check(folder)
    assert code == 2 and len(lines) == 1
    assert "[hsCode]: '9999.99' is a subheading of no HS edition roo-check knows" in lines[0]
    document = json.loads(json.dumps(CERTIFICATE))
    document["goods"][0]["hs_code"] = "8501.59"
    with pytest.raises(InputError) as caught:
        certificate_from_json(json.dumps(document).encode(), file="certificate.json")
    assert one_error(caught).location == "$.goods[0].hs_code"


def test_certificate_hs_code_of_an_older_edition_is_read() -> None:
    """HS2017 8517.69 is no longer in HS2022, but it is a code: the engine compares it."""
    xml = (SAMPLE / "certificate.xml").read_bytes().replace(b"8501.52", b"8471.90")
    certificate = certificate_from_xml(xml, file="certificate.xml")
    assert certificate.goods[0].hs_code == "847190"


def test_automotive_codes_must_exist_in_their_edition() -> None:
    bad = AUTOMOTIVE.replace('"8703.23"', '"8703.99"')
    with pytest.raises(InputError) as caught:
        automotive_from_bytes(bad.encode(), file="a.yaml", suffix=".yaml")
    error = one_error(caught)
    assert error.field == "hs2012" and "is not an HS2012 subheading" in error.message
    core = AUTOMOTIVE + (
        '    core_parts:\n      parts:\n        - {part: Advanced batteries, hs_code: "8507.99"}\n'
    )
    with pytest.raises(InputError) as caught:
        automotive_from_bytes(core.encode(), file="a.yaml", suffix=".yaml")
    error = one_error(caught)
    assert error.field == "hs_code" and "is not an HS2022 subheading" in error.message


# ------------------------------------------------------------------- configuration bounds


@pytest.mark.parametrize(
    ("model", "key", "too_much"),
    [
        (flag_params.SignatureParams, "max_age_years", limits.MAX_FLAG_YEARS + 1),
        (flag_params.BlanketParams, "max_months", limits.MAX_FLAG_MONTHS + 1),
        (flag_params.DwellParams, "max_days", limits.MAX_FLAG_DAYS + 1),
        (flag_params.ProducerSpreadParams, "max_chapters", limits.MAX_FLAG_CHAPTERS + 1),
        (flag_params.ConversionParams, "max_share", "100.01"),
        (flag_params.HuggingParams, "rvc_margin", "101"),
        (flag_params.PartyMatchParams, "min_similarity", "1.5"),
        (flag_params.SignatureParams, "max_age_years", 99_999_999_999_999_999_999),
        (flag_params.SignatureParams, "max_age_years", True),
    ],
)
def test_flag_parameters_have_upper_bounds(
    model: type[BaseModel], key: str, too_much: object
) -> None:
    with pytest.raises(ValidationError) as caught:
        model.model_validate({key: too_much})
    assert caught.value.errors()[0]["loc"] == (key,)


def test_flag_parameters_at_their_bounds_are_accepted() -> None:
    assert flag_params.SignatureParams(max_age_years=limits.MAX_FLAG_YEARS)
    assert flag_params.BlanketParams.model_validate({"max_months": "120"}).max_months == 120
    assert flag_params.DwellParams(max_days=limits.MAX_FLAG_DAYS)


def test_an_absurd_configured_age_is_one_line_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Through the CLI's entry point, which turns a configuration error into exit code 2."""
    folder = sample_copy(tmp_path)
    config = folder / "roo-check.toml"
    config.write_text("[flags.CERT005]\nmax_age_years = 99999999999\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_:
        main(["check", str(folder), "--config", str(config)])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    (line,) = [x for x in err.splitlines() if x.startswith("error:")]
    assert "[max_age_years]" in line and "less than or equal to 10" in line
