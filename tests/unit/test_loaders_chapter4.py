"""Loaders for the Chapter 4 inputs: new BOM columns, inventory records, supplier BOMs."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from roo_check.errors import InputError, InputErrors, RooCheckError
from roo_check.loaders import load_path
from roo_check.loaders.limits import MAX_ROWS
from roo_check.models.goods import MaterialType, OriginStatus
from roo_check.models.inventory import InventoryMethod, Movement
from tests.unit.test_loaders import workbook_bytes

GOODS_CSV = (
    "part_number,description,hs_code,producer,country_of_production,currency,transaction_value\n"
    "G-1,Electric motor,8501.52,Motores SA,MX,USD,100.00\n"
    "G-2,Pump,8413.70,Motores SA,MX,USD,80.00\n"
)
HEADER = (
    "good_part_number,part_number,parent_part_number,description,hs_code,quantity,unit,"
    "unit_value,currency,origin_status,material_type\n"
)
BOM_CSV = HEADER + (
    "G-1,M-1,,Stator,8503.00,1,pcs,10.00,USD,non-originating,direct\n"  # row 2
    "G-1,M-2,M-1,Copper wire,8544.11,2,kg,3.00,USD,non-originating,\n"  # row 3
    "G-1,M-3,,Bearing,8482.10,2,pcs,1.50,USD,non-originating,direct\n"  # row 4
    "G-2,M-3,,Bearing,8482.10,1,pcs,1.50,USD,unknown,\n"  # row 5
    "G-2,M-4,,Housing,8413.91,1,pcs,9.00,USD,originating,\n"  # row 6
)
INVENTORY_CSV = (
    "# method: FIFO\n"
    "# fiscal_year_start: 2025-01-01\n"
    "# currency: USD\n"
    "part_number,date,movement,quantity,unit_value,origin_status,good_part_number,reference\n"
    "M-3,2024-12-20,opening,400,2.10,non-originating,,LOT-88\n"  # row 5
    "M-3,2025-02-03,receipt,500,2.00,Originating,,GR-1022\n"  # row 6
    "M-3,2025-03-01,withdrawal,300,,,G-1,WO-311\n"  # row 7
)
SUPPLIER_CSV = (
    "# material: M-3\n"
    "# good_part_number: G-1\n"
    "# supplier: Rodamientos del Norte\n"
    "# country_of_production: MEX\n"
    "# currency: USD\n"
    "# evidence: RN-2025-044 signed 2025-01-15\n"
    "part_number,description,hs_code,quantity,unit,unit_value,currency,origin_status\n"
    "STEEL-RING,Bearing steel ring,7326.90,2,pcs,0.30,USD,non-originating\n"  # row 8
    "BALLS,Steel balls,7326.90,8,pcs,0.05,USD,originating\n"  # row 9
)


def errors_of(exc: RooCheckError) -> list[RooCheckError]:
    return list(exc.errors) if isinstance(exc, InputErrors) else [exc]


def shipment(tmp_path: Path, **files: str | bytes) -> Path:
    """A shipment folder; keys are file names with '__' for '/' and '_' for the last '.'."""
    root = tmp_path / "shipment"
    root.mkdir(exist_ok=True)
    files = {"goods.csv": GOODS_CSV, "bom.csv": BOM_CSV, **files}
    for name, content in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return root


def load_errors(root: Path) -> list[RooCheckError]:
    with pytest.raises((InputError, InputErrors)) as caught:
        load_path(root)
    errors = errors_of(caught.value)
    for error in errors:
        assert "\n" not in str(error)
    return errors


def first_error(root: Path) -> InputError:
    error = load_errors(root)[0]
    assert isinstance(error, InputError)
    return error


def only_error(root: Path) -> InputError:
    errors = load_errors(root)
    assert len(errors) == 1, [str(e) for e in errors]
    error = errors[0]
    assert isinstance(error, InputError)
    return error


def csv_rows(text: str) -> list[list[object]]:
    return [line.split(",") for line in text.splitlines()]


# ----------------------------------------------------------------------------- BOM columns

CHAPTER4_BOM = (
    "good_part_number,part_number,parent_part_number,description,hs_code,quantity,unit,"
    "unit_value,currency,origin_status,material_type,classified_with_good,invoiced_separately,"
    "customary,intermediate,net_cost,regional_value,regional_value_evidence,"
    "freight_insurance_packing,duties_taxes_brokerage,waste_spoilage,deductions_evidence\n"
    "G-1,M-1,,Stator,8503.00,1,pcs,10.00,USD,non-originating,Direct,,,,yes,9.10,,,,,,\n"
    "G-1,M-2,M-1,Copper wire,8544.11,2,kg,3.00,USD,non-originating,,,,,,,,,0.10,0.20,0.05,BL-7\n"
    "G-1,M-3,,Bearing,8482.10,2,pcs,1.50,USD,Non Originating,,,,,no,,1.20,RN-2025-044,,,,\n"
    "G-1,MAN-1,,Manual,4911.99,1,pcs,0.50,USD,unknown,ACCESSORY,yes,no,yes,,,,,,,,\n"
    "G-1,BOX-1,,Carton,4819.10,1,pcs,0.40,USD,unknown,Retail packaging,no,,,,,,,,,,\n"
    "G-1,PAL-1,,Pallet,4415.20,1,pcs,0.30,USD,unknown,shipping-packing,,,,,,,,,,,\n"
    "G-1,OIL,,Cutting oil,2710.19,1,l,0.20,USD,unknown,indirect,,,,,,,,,,,\n"
    "G-2,M-3,,Bearing,8482.10,1,pcs,1.50,USD,fungible,,,,,,,,,,,,\n"
)


def test_every_new_bom_column_is_read(tmp_path: Path) -> None:
    loaded = load_path(
        shipment(tmp_path, **{"bom.csv": CHAPTER4_BOM, "inventory.csv": INVENTORY_CSV})
    )
    lines = {(line.good_part_number, line.part_number): line for line in loaded.bom}
    stator, wire, bearing = lines["G-1", "M-1"], lines["G-1", "M-2"], lines["G-1", "M-3"]
    assert stator.intermediate is True and stator.net_cost == Decimal("9.10")
    assert stator.material_type is MaterialType.direct
    assert wire.material_type is MaterialType.direct  # empty cell: the default
    assert (wire.freight_insurance_packing, wire.duties_taxes_brokerage, wire.waste_spoilage) == (
        Decimal("0.10"),
        Decimal("0.20"),
        Decimal("0.05"),
    )
    assert wire.deductions_evidence == "BL-7"
    assert bearing.origin_status is OriginStatus.non_originating
    assert bearing.intermediate is False
    assert (bearing.regional_value, bearing.regional_value_evidence) == (
        Decimal("1.20"),
        "RN-2025-044",
    )
    manual = lines["G-1", "MAN-1"]
    assert manual.material_type is MaterialType.accessory
    assert (manual.classified_with_good, manual.invoiced_separately, manual.customary) == (
        True,
        False,
        True,
    )
    box = lines["G-1", "BOX-1"]
    assert box.material_type is MaterialType.retail_packaging
    assert box.classified_with_good is False and box.customary is None
    assert lines["G-1", "PAL-1"].material_type is MaterialType.shipping_packing
    assert lines["G-1", "OIL"].material_type is MaterialType.indirect
    assert lines["G-1", "OIL"].indirect is True
    assert lines["G-2", "M-3"].origin_status is OriginStatus.fungible


def test_new_bom_columns_in_a_workbook_are_exact(tmp_path: Path) -> None:
    header = [*csv_rows(HEADER)[0], "intermediate", "net_cost", "regional_value"]
    header.append("regional_value_evidence")
    stator = ["G-1", "M-1", None, "Stator", "8503.00", 1, "pcs", 0.1, "USD", "non-originating"]
    wire = ["G-1", "M-2", "M-1", "Wire", "8544.11", 1, "pcs", 0.3, "USD", "non-originating"]
    housing = ["G-2", "M-4", None, "Housing", "8413.91", 1, "pcs", 9, "USD", "originating"]
    bom = [
        header,
        [*stator, "Direct", True, 0.1, None, None],
        [*wire, None, "no", None, 0.1, "RN-1"],
        [*housing, None, None, None, None, None],
    ]
    path = tmp_path / "shipment.xlsx"
    path.write_bytes(workbook_bytes({"goods": csv_rows(GOODS_CSV), "bom": bom}))
    first, second, _housing = load_path(path).bom
    assert first.intermediate is True and first.net_cost == Decimal("0.1")
    assert second.intermediate is False and second.regional_value == Decimal("0.1")
    assert second.regional_value_evidence == "RN-1"


def test_the_old_indirect_column_says_what_to_write_instead(tmp_path: Path) -> None:
    bom = BOM_CSV.replace("material_type", "indirect")
    error = only_error(shipment(tmp_path, **{"bom.csv": bom}))
    assert error.file == str(tmp_path / "shipment" / "bom.csv")
    assert (error.location, error.field) == ("row 1", "indirect")
    assert error.message == (
        "unknown column 'indirect' (use the column 'material_type' with the value 'indirect')"
    )


def test_unknown_material_type(tmp_path: Path) -> None:
    bom = BOM_CSV.replace(
        "Bearing,8482.10,2,pcs,1.50,USD,non-originating,direct",
        "Bearing,8482.10,2,pcs,1.50,USD,non-originating,consumable",
    )
    error = only_error(shipment(tmp_path, **{"bom.csv": bom}))
    assert (error.location, error.field) == ("row 4", "material_type")
    assert "'consumable'" in error.message


def test_intermediate_without_inputs(tmp_path: Path) -> None:
    bom = HEADER.replace("\n", ",intermediate\n") + (
        "G-1,M-1,,Stator,8503.00,1,pcs,10.00,USD,non-originating,direct,yes\n"
        "G-1,M-2,M-1,Copper wire,8544.11,2,kg,3.00,USD,non-originating,,\n"
        "G-1,M-3,,Bearing,8482.10,2,pcs,1.50,USD,non-originating,direct,yes\n"
        "G-2,M-4,,Housing,8413.91,1,pcs,9.00,USD,originating,,\n"
    )
    error = only_error(shipment(tmp_path, **{"bom.csv": bom}))
    assert (Path(error.file or "").name, error.location, error.field) == (
        "bom.csv",
        "row 4",
        "intermediate",
    )
    assert error.message == (
        "an intermediate material is a self-produced sub-assembly: give its inputs as lines "
        "whose parent_part_number is M-3"
    )
    assert str(error).endswith(f"bom.csv:row 4 [intermediate]: {error.message}")


def test_intermediate_only_on_a_direct_line(tmp_path: Path) -> None:
    bom = BOM_CSV.replace("\n", ",\n").replace("material_type,", "material_type,intermediate")
    bom = bom.replace(
        "Stator,8503.00,1,pcs,10.00,USD,non-originating,direct,",
        "Stator,8503.00,1,pcs,10.00,USD,non-originating,indirect,yes",
    )
    error = only_error(shipment(tmp_path, **{"bom.csv": bom}))
    assert (error.location, error.field) == ("row 2", "intermediate")
    assert error.message == (
        "only a direct material can be designated intermediate (Art. 4.8); this line's "
        "material_type is indirect"
    )


def test_net_cost_only_with_intermediate(tmp_path: Path) -> None:
    bom = BOM_CSV.replace("\n", ",\n").replace("material_type,", "material_type,net_cost")
    bom = bom.replace("non-originating,direct,\nG-1,M-2", "non-originating,direct,9.00\nG-1,M-2")
    error = only_error(shipment(tmp_path, **{"bom.csv": bom}))
    assert (error.location, error.field) == ("row 2", "net_cost")
    assert error.message == "net_cost on a BOM line is read only for a designated intermediate"


def test_nested_intermediates_are_left_to_the_engine(tmp_path: Path) -> None:
    bom = HEADER.replace("\n", ",intermediate\n") + (
        "G-1,M-1,,Stator,8503.00,1,pcs,10.00,USD,non-originating,,yes\n"
        "G-1,M-2,M-1,Core,8503.00,1,pcs,3.00,USD,non-originating,,yes\n"
        "G-1,M-5,M-2,Sheet,7225.19,1,kg,1.00,USD,non-originating,,\n"
        "G-2,M-4,,Housing,8413.91,1,pcs,9.00,USD,originating,,\n"
    )
    loaded = load_path(shipment(tmp_path, **{"bom.csv": bom}))
    assert [line.intermediate for line in loaded.bom] == [True, True, False, False]


@pytest.mark.parametrize(
    ("material_type", "column", "allowed"),
    [
        ("direct", "classified_with_good", "accessory or retail_packaging lines (Art. 4.14, 4.15)"),
        ("retail_packaging", "invoiced_separately", "accessory lines (Art. 4.14)"),
        ("indirect", "customary", "accessory lines (Art. 4.14)"),
        ("shipping_packing", "customary", "accessory lines (Art. 4.14)"),
    ],
)
def test_accessory_conditions_only_on_accessories(
    tmp_path: Path, material_type: str, column: str, allowed: str
) -> None:
    bom = HEADER.replace("\n", f",{column}\n") + (
        f"G-1,M-1,,Stator,8503.00,1,pcs,10.00,USD,non-originating,{material_type},yes\n"
        "G-2,M-4,,Housing,8413.91,1,pcs,9.00,USD,originating,,\n"
    )
    error = only_error(shipment(tmp_path, **{"bom.csv": bom}))
    assert (Path(error.file or "").name, error.location, error.field) == (
        "bom.csv",
        "row 2",
        column,
    )
    assert error.message == (
        f"{column} is read only on {allowed}; this line's material_type is {material_type}: "
        "correct it or leave the cell empty"
    )


def test_classified_with_good_is_read_on_retail_packaging(tmp_path: Path) -> None:
    bom = HEADER.replace("\n", ",classified_with_good\n") + (
        "G-1,BOX,,Box,4819.10,1,pcs,1.00,USD,unknown,retail packaging,yes\n"
        "G-2,M-4,,Housing,8413.91,1,pcs,9.00,USD,originating,,\n"
    )
    (box, _housing) = load_path(shipment(tmp_path, **{"bom.csv": bom})).bom
    assert box.classified_with_good is True


# ----------------------------------------------------------------------------- fungible lines

FUNGIBLE_BOM = BOM_CSV.replace(
    "G-2,M-3,,Bearing,8482.10,1,pcs,1.50,USD,unknown,",
    "G-2,M-3,,Bearing,8482.10,1,pcs,1.50,USD,fungible,",
)


def test_fungible_line_needs_an_inventory(tmp_path: Path) -> None:
    error = only_error(shipment(tmp_path, **{"bom.csv": FUNGIBLE_BOM}))
    assert (Path(error.file or "").name, error.location, error.field) == (
        "bom.csv",
        "row 5",
        "origin_status",
    )
    assert error.message.startswith("origin_status fungible needs the stock records of 'M-3'")
    assert "add an inventory file" in error.message


def test_fungible_line_needs_records_of_its_material(tmp_path: Path) -> None:
    inventory = INVENTORY_CSV.replace("M-3,", "M-9,")
    error = only_error(shipment(tmp_path, **{"bom.csv": FUNGIBLE_BOM, "inventory.csv": inventory}))
    assert (error.location, error.field) == ("row 5", "origin_status")
    assert error.message.endswith("inventory.csv has none")


def test_fungible_line_with_records(tmp_path: Path) -> None:
    loaded = load_path(
        shipment(tmp_path, **{"bom.csv": FUNGIBLE_BOM, "inventory.csv": INVENTORY_CSV})
    )
    assert loaded.inventory is not None
    assert len(loaded.inventory.records_of("M-3")) == 3


def test_fungible_in_a_single_file_bom_needs_an_inventory(tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_text(
        "# part_number: G-1\n# description: Motor\n# hs_code: 8501.52\n# producer: P\n"
        "# country_of_production: MX\n# currency: USD\n"
        "part_number,description,hs_code,quantity,unit,unit_value,currency,origin_status\n"
        "M-3,Bearing,8482.10,1,pcs,1.50,USD,Fungible\n"
    )
    error = only_error(path)
    assert (error.location, error.field) == ("row 8", "origin_status")


# ---------------------------------------------------------------------------------- inventory


def test_inventory_csv_is_read(tmp_path: Path) -> None:
    root = shipment(tmp_path, **{"inventory.csv": INVENTORY_CSV})
    loaded = load_path(root)
    inventory = loaded.inventory
    assert inventory is not None
    assert inventory.method is InventoryMethod.fifo
    assert inventory.fiscal_year_start == dt.date(2025, 1, 1)
    assert inventory.currency == "USD"
    assert inventory.source == str(root / "inventory.csv")
    opening, receipt, withdrawal = inventory.records
    assert (opening.movement, opening.date, opening.unit_value) == (
        Movement.opening,
        dt.date(2024, 12, 20),
        Decimal("2.10"),
    )
    assert opening.origin_status is OriginStatus.non_originating
    assert receipt.origin_status is OriginStatus.originating and receipt.reference == "GR-1022"
    assert (withdrawal.good_part_number, withdrawal.quantity) == ("G-1", Decimal("300"))
    assert [r.row for r in inventory.records] == [5, 6, 7]
    (source,) = [s for s in loaded.sources if s.role == "inventory"]
    assert source.sha256 == hashlib.sha256((root / "inventory.csv").read_bytes()).hexdigest()


@pytest.mark.parametrize(
    ("written", "method"),
    [
        ("specific identification", InventoryMethod.specific_identification),
        ("Specific-Identification", InventoryMethod.specific_identification),
        ("LIFO", InventoryMethod.lifo),
        ("average", InventoryMethod.average),
    ],
)
def test_inventory_method_spellings(tmp_path: Path, written: str, method: InventoryMethod) -> None:
    inventory = INVENTORY_CSV.replace("FIFO", written)
    loaded = load_path(shipment(tmp_path, **{"inventory.csv": inventory}))
    assert loaded.inventory is not None and loaded.inventory.method is method


def _inventory_sheet(two_columns: bool) -> list[list[object]]:
    rows: list[list[object]] = (
        [
            ["# method", "fifo"],
            ["# fiscal_year_start:", dt.datetime(2025, 1, 1)],
            ["# currency", "USD"],
        ]
        if two_columns
        else [["# method: fifo"], ["# fiscal_year_start: 2025-01-01"], ["# currency: USD"]]
    )
    rows.append([])
    rows += [
        ["part_number", "date", "movement", "quantity", "unit_value", "origin_status"],
        ["M-3", dt.datetime(2024, 12, 20), "Opening", 400, 0.1, "non-originating"],
        ["M-3", dt.date(2025, 2, 3), "receipt", 500, 2, "originating"],
    ]
    return rows


@pytest.mark.parametrize("two_columns", [True, False])
def test_inventory_xlsx_in_a_folder(tmp_path: Path, two_columns: bool) -> None:
    data = workbook_bytes({"Stock": _inventory_sheet(two_columns)})
    loaded = load_path(shipment(tmp_path, **{"inventory.xlsx": data}))
    assert loaded.inventory is not None
    assert loaded.inventory.fiscal_year_start == dt.date(2025, 1, 1)
    opening, receipt = loaded.inventory.records
    assert opening.unit_value == Decimal("0.1") and opening.date == dt.date(2024, 12, 20)
    assert receipt.movement is Movement.receipt and opening.row == 6


def test_inventory_sheet_of_a_single_workbook(tmp_path: Path) -> None:
    sheets = {
        "goods": csv_rows(GOODS_CSV),
        "bom": csv_rows(FUNGIBLE_BOM),
        "inventory": _inventory_sheet(True),
    }
    path = tmp_path / "shipment.xlsx"
    path.write_bytes(workbook_bytes(sheets))
    loaded = load_path(path)
    assert loaded.inventory is not None and len(loaded.inventory.records) == 2
    bad = _inventory_sheet(True)
    bad[1][1] = dt.datetime(2024, 12, 1)  # the opening row of 2024-12-20 is now in the year
    sheets["inventory"] = bad
    path.write_bytes(workbook_bytes(sheets))
    error = only_error(path)
    assert (error.file, error.location, error.field) == (
        str(path),
        "sheet 'inventory' row 6",
        "date",
    )


def test_workbook_without_an_inventory_sheet_still_loads(tmp_path: Path) -> None:
    path = tmp_path / "shipment.xlsx"
    path.write_bytes(workbook_bytes({"goods": csv_rows(GOODS_CSV), "bom": csv_rows(BOM_CSV)}))
    assert load_path(path).inventory is None


def test_preamble_rows_in_a_goods_sheet_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "shipment.xlsx"
    goods = [["# note: x"], *csv_rows(GOODS_CSV)]
    path.write_bytes(workbook_bytes({"goods": goods, "bom": csv_rows(BOM_CSV)}))
    error = only_error(path)
    assert error.location == "sheet 'goods' row 1"
    assert "only read in a single-file BOM" in error.message


def test_bad_two_column_preamble_row(tmp_path: Path) -> None:
    rows = _inventory_sheet(True)
    rows[0] = ["# method: fifo", "lifo"]
    error = only_error(shipment(tmp_path, **{"inventory.xlsx": workbook_bytes({"s": rows})}))
    assert (error.location, error.field) == ("row 1", None)  # the first sheet of a file
    assert "'# key' in column A and its value in column B" in error.message


@pytest.mark.parametrize(
    ("old", "new", "row"),
    [
        ("M-3,2024-12-20,opening", "M-3,2025-01-01,opening", "row 5"),
        ("M-3,2025-02-03,receipt", "M-3,2024-12-31,receipt", "row 6"),
        ("M-3,2025-03-01,withdrawal", "M-3,2026-01-01,withdrawal", "row 7"),
    ],
)
def test_inventory_dates_against_the_fiscal_year(
    tmp_path: Path, old: str, new: str, row: str
) -> None:
    inventory = INVENTORY_CSV.replace(old, new)
    error = only_error(shipment(tmp_path, **{"inventory.csv": inventory}))
    assert (Path(error.file or "").name, error.location, error.field) == (
        "inventory.csv",
        row,
        "date",
    )
    if "opening" in old:
        assert "before fiscal_year_start 2025-01-01 (got 2025-01-01)" in error.message
    else:
        assert "outside the fiscal year 2025-01-01 to 2025-12-31" in error.message


def test_withdrawal_must_name_a_good(tmp_path: Path) -> None:
    inventory = INVENTORY_CSV.replace(",G-1,WO-311", ",G-11,WO-311")
    error = only_error(shipment(tmp_path, **{"inventory.csv": inventory}))
    assert (error.location, error.field) == ("row 7", "good_part_number")
    assert error.message.startswith("good 'G-11' is not a good of the shipment (")
    assert "did you mean 'G-1'?" in error.message


def test_inventory_currency_is_that_of_the_goods_with_fungible_lines(tmp_path: Path) -> None:
    inventory = INVENTORY_CSV.replace("# currency: USD", "# currency: MXN")
    error = only_error(shipment(tmp_path, **{"bom.csv": FUNGIBLE_BOM, "inventory.csv": inventory}))
    assert (Path(error.file or "").name, error.location, error.field) == (
        "inventory.csv",
        "row 3",
        "currency",
    )
    assert error.message.startswith(
        "currency MXN differs from the currency of the goods whose BOM has a fungible "
        "material: 'G-2' (USD)"
    )
    # Without a fungible line the currency of the records is not compared.
    assert load_path(shipment(tmp_path, **{"bom.csv": BOM_CSV, "inventory.csv": inventory}))


@pytest.mark.parametrize(
    ("old", "new", "location", "field", "message"),
    [
        (
            "reference",
            "referance",
            "row 4",
            "referance",
            "unknown column 'referance' (did you mean 'reference'?)",
        ),
        (
            "# method: FIFO",
            "# methd: FIFO",
            "row 1",
            "methd",
            "unknown key 'methd' (did you mean 'method'?)",
        ),
        ("# method: FIFO", "# method: weighted", "row 1", "method", "'weighted'"),
        (
            "# fiscal_year_start: 2025-01-01",
            "# fiscal_year_start: 01/01/2025",
            "row 2",
            "fiscal_year_start",
            "expected a date as YYYY-MM-DD, got '01/01/2025'",
        ),
        (
            "opening,400,2.10",
            "opening,400,",
            "row 5",
            "unit_value",
            "an opening row needs unit_value",
        ),
        ("opening", "opened", "row 5", "movement", "'opened'"),
        ("movement,", "", "row 4", "movement", "required column 'movement' is missing"),
    ],
)
def test_inventory_errors_name_file_row_and_field(
    tmp_path: Path, old: str, new: str, location: str, field: str, message: str
) -> None:
    inventory = INVENTORY_CSV.replace(old, new, 1)
    if old == "movement,":
        for movement in ("opening,", "receipt,", "withdrawal,"):
            inventory = inventory.replace(movement, "")
    error = first_error(shipment(tmp_path, **{"inventory.csv": inventory}))
    assert error.file == str(tmp_path / "shipment" / "inventory.csv")
    assert (error.location, error.field) == (location, field)
    assert message in error.message


def test_inventory_missing_key_and_missing_preamble(tmp_path: Path) -> None:
    inventory = INVENTORY_CSV.replace("# currency: USD\n", "")
    error = only_error(shipment(tmp_path, **{"inventory.csv": inventory}))
    assert error.field == "currency"
    assert error.message == (
        "the inventory's 'currency' is missing: add a '# currency: ...' line before the header"
    )
    bare = INVENTORY_CSV.split("\n", 3)[3]
    error = only_error(shipment(tmp_path, **{"inventory.csv": bare}))
    assert error.location == "row 1"
    assert error.message.startswith("an inventory file must start with '# key: value' lines")


def test_inventory_without_records(tmp_path: Path) -> None:
    inventory = INVENTORY_CSV.rsplit("\n", 4)[0] + "\n"
    error = only_error(shipment(tmp_path, **{"inventory.csv": inventory}))
    assert (error.location, error.message) == (
        "row 4",
        "the inventory has no records: the table has no rows",
    )


def test_inventory_row_limit(tmp_path: Path) -> None:
    header, first = INVENTORY_CSV.split("\n")[:4], "M-3,2025-02-03,receipt,1,2.00,originating,,\n"
    text = "\n".join(header) + "\n" + first * (MAX_ROWS + 1)
    error = only_error(shipment(tmp_path, **{"inventory.csv": text}))
    assert error.message == "more than 100,000 data rows; split the file"
    assert error.location == f"row {4 + MAX_ROWS + 1}"
    assert Path(error.file or "").name == "inventory.csv"


def test_two_inventory_files(tmp_path: Path) -> None:
    data = workbook_bytes({"s": _inventory_sheet(True)})
    error = only_error(
        shipment(tmp_path, **{"inventory.csv": INVENTORY_CSV, "inventory.xlsx": data})
    )
    assert error.message == (
        "two files for the inventory role (inventory.csv and inventory.xlsx); keep exactly one"
    )


# ------------------------------------------------------------------------------- supplier BOMs


def test_supplier_bom_is_read(tmp_path: Path) -> None:
    root = shipment(tmp_path, **{"suppliers/bearing.csv": SUPPLIER_CSV, "suppliers/notes.txt": "x"})
    loaded = load_path(root)
    (supplier,) = loaded.supplier_boms
    assert (supplier.material, supplier.good_part_number) == ("M-3", "G-1")
    assert supplier.supplier == "Rodamientos del Norte"
    assert supplier.country_of_production == "MX"
    assert supplier.evidence == "RN-2025-044 signed 2025-01-15"
    assert supplier.source == str(root / "suppliers" / "bearing.csv")
    ring, balls = supplier.lines
    assert {ring.good_part_number, balls.good_part_number} == {"M-3"}
    assert (ring.row, ring.unit_value, balls.origin_status) == (
        8,
        Decimal("0.30"),
        OriginStatus.originating,
    )
    (source,) = [s for s in loaded.sources if s.role == "supplier-bom"]
    data = (root / "suppliers" / "bearing.csv").read_bytes()
    assert source.sha256 == hashlib.sha256(data).hexdigest()


def test_supplier_bom_xlsx_first_sheet(tmp_path: Path) -> None:
    rows: list[list[object]] = [["# material", "M-3"], ["# supplier", "Rodamientos"]]
    rows += [["# country_of_production", "US"], ["# currency", "USD"], ["# evidence", "S-1"]]
    rows += csv_rows(SUPPLIER_CSV.split("\n", 6)[6])
    rows[-1][5] = 0.05
    data = workbook_bytes({"Hoja1": rows, "other": [["x"]]})
    loaded = load_path(shipment(tmp_path, **{"suppliers/M-3.xlsx": data}))
    (supplier,) = loaded.supplier_boms
    assert supplier.good_part_number is None
    assert supplier.lines[-1].unit_value == Decimal("0.05")


def supplier_error(tmp_path: Path, text: str, **extra: str) -> InputError:
    error = first_error(shipment(tmp_path, **{"suppliers/bearing.csv": text, **extra}))
    assert error.file == str(tmp_path / "shipment" / "suppliers" / "bearing.csv")
    return error


@pytest.mark.parametrize(
    ("old", "new", "location", "field", "message"),
    [
        (
            "# material: M-3",
            "# material: M-33",
            "row 1",
            "material",
            "material 'M-33' names no BOM line of good 'G-1' in ",
        ),
        ("# material: M-3", "# material: M-1", "row 1", "material", "has lines below it in "),
        (
            "# good_part_number: G-1\n",
            "# good_part_number: G-9\n",
            "row 2",
            "good_part_number",
            "good 'G-9' is not a good of the shipment (did you mean 'G-",
        ),
        (
            "USD",
            "MXN",
            "row 5",
            "currency",
            "currency MXN differs from the currency of good 'G-1' (USD)",
        ),
        (
            "# supplier:",
            "# suplier:",
            "row 3",
            "suplier",
            "unknown key 'suplier' (did you mean 'supplier'?)",
        ),
        (
            "# country_of_production: MEX",
            "# country_of_production: XX",
            "row 4",
            "country_of_production",
            "'XX' is not an ISO 3166 country code",
        ),
        (
            "0.30,USD",
            "0.30,MXN",
            "row 8",
            "currency",
            "differs from the supplier BOM's currency USD",
        ),
        (
            "part_number,",
            "good_part_number,part_number,",
            "row 7",
            "good_part_number",
            "unknown column 'good_part_number' (a supplier BOM breaks down",
        ),
    ],
)
def test_supplier_bom_errors_name_file_row_and_field(
    tmp_path: Path, old: str, new: str, location: str, field: str, message: str
) -> None:
    text = SUPPLIER_CSV.replace(old, new, 1 if old != "USD" else -1)
    if field == "good_part_number" and "column" in message:
        text = text.replace("\nSTEEL-RING", "\nM-3,STEEL-RING").replace("\nBALLS", "\nM-3,BALLS")
    error = supplier_error(tmp_path, text)
    assert (error.location, error.field) == (location, field)
    assert message in error.message


def test_supplier_bom_of_an_originating_material_changes_nothing(tmp_path: Path) -> None:
    text = SUPPLIER_CSV.replace("# material: M-3", "# material: M-4").replace(
        "# good_part_number: G-1", "# good_part_number: G-2"
    )
    error = supplier_error(tmp_path, text)
    assert (error.location, error.field) == ("row 1", "material")
    assert "is originating (" in error.message and "bom.csv row 6" in error.message
    assert "changes nothing" in error.message


def test_supplier_bom_of_an_intermediate_material(tmp_path: Path) -> None:
    bom = BOM_CSV.replace("\n", ",\n").replace("material_type,", "material_type,intermediate")
    bom = bom.replace(
        "G-1,M-1,,Stator,8503.00,1,pcs,10.00,USD,non-originating,direct,",
        "G-1,M-1,,Stator,8503.00,1,pcs,10.00,USD,non-originating,direct,yes",
    )
    text = SUPPLIER_CSV.replace("# material: M-3", "# material: M-1")
    errors = load_errors(shipment(tmp_path, **{"bom.csv": bom, "suppliers/bearing.csv": text}))
    messages = [e.message for e in errors if e.field == "material"]
    assert any("is designated intermediate" in m for m in messages)
    assert any("has lines below it" in m for m in messages)


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("intermediate", "yes", "(SOR/2020-155 s. 9(6))"),
        ("parent_part_number", "BALLS", "a supplier BOM is one level"),
        ("origin_status", "fungible", "the supplier applies its own inventory method"),
    ],
)
def test_supplier_bom_lines_are_one_level_and_not_intermediate(
    tmp_path: Path, column: str, value: str, message: str
) -> None:
    if column == "origin_status":
        text = SUPPLIER_CSV.replace("0.30,USD,non-originating", "0.30,USD,fungible")
    else:
        text = SUPPLIER_CSV.replace("origin_status\n", f"origin_status,{column}\n")
        text = text.replace("0.30,USD,non-originating", f"0.30,USD,non-originating,{value}")
    error = supplier_error(tmp_path, text)
    assert (error.location, error.field) == ("row 8", column)
    assert message in error.message


def test_supplier_bom_missing_keys(tmp_path: Path) -> None:
    text = SUPPLIER_CSV.replace("# evidence: RN-2025-044 signed 2025-01-15\n", "")
    error = supplier_error(tmp_path, text)
    assert error.field == "evidence"
    assert error.message == (
        "the supplier BOM's 'evidence' is missing: add a '# evidence: ...' line before the header"
    )
    error = supplier_error(tmp_path, SUPPLIER_CSV.split("\n", 6)[6])
    assert error.location == "row 1"
    assert error.message.startswith("a supplier BOM must start with '# key: value' lines")


def test_two_supplier_boms_for_one_material(tmp_path: Path) -> None:
    every_good = SUPPLIER_CSV.replace("# good_part_number: G-1\n", "")
    root = shipment(tmp_path, **{"suppliers/a.csv": SUPPLIER_CSV, "suppliers/b.csv": every_good})
    error = only_error(root)
    assert (error.file, error.location, error.field) == (
        str(root / "suppliers" / "b.csv"),
        "row 1",
        "material",
    )
    assert error.message == (
        f"a second supplier BOM for material 'M-3' of good 'G-1' (the first is "
        f"{root / 'suppliers' / 'a.csv'}); keep one file per material"
    )


def test_one_supplier_bom_per_good_is_fine(tmp_path: Path) -> None:
    for_g2 = SUPPLIER_CSV.replace("# good_part_number: G-1", "# good_part_number: G-2")
    root = shipment(tmp_path, **{"suppliers/a.csv": SUPPLIER_CSV, "suppliers/b.csv": for_g2})
    assert [s.good_part_number for s in load_path(root).supplier_boms] == ["G-1", "G-2"]


def test_hostile_supplier_files(tmp_path: Path) -> None:
    root = shipment(tmp_path)
    (root / "suppliers" / "dir.csv").mkdir(parents=True)
    (root / "suppliers" / "old.xls").write_bytes(b"whatever")
    (root / "suppliers" / "bin.csv").write_bytes(b"\x00\x01\x02")
    (root / "suppliers" / "good.csv").write_text(SUPPLIER_CSV)
    errors = load_errors(root)
    found = {(Path(e.file or "").name, e.message.split(";")[0]) for e in errors}
    assert found == {
        ("dir.csv", "not a regular file"),
        ("old.xls", "old Excel workbooks (.xls) are not read"),
        ("bin.csv", "the file contains NUL characters"),
    }


def test_suppliers_must_be_a_folder(tmp_path: Path) -> None:
    error = only_error(shipment(tmp_path, suppliers="not a folder"))
    assert error.message == "expected one folder suppliers/ holding the supplier BOM files"


def test_all_files_are_reported_together(tmp_path: Path) -> None:
    """A bad inventory and a bad supplier BOM are reported in one run with the other files."""
    inventory = INVENTORY_CSV.replace("receipt,500", "receipt,-5")
    supplier = SUPPLIER_CSV.replace("7326.90,8", "73XX.90,8")
    errors = load_errors(
        shipment(tmp_path, **{"inventory.csv": inventory, "suppliers/s.csv": supplier})
    )
    found = {(Path(e.file or "").name, e.location, e.field) for e in errors}
    assert found == {("inventory.csv", "row 6", "quantity"), ("s.csv", "row 9", "hs_code")}


# -------------------------------------------------------------------------------------- schema


@pytest.mark.parametrize(
    ("model", "title", "nested"),
    [("inventory", "Inventory", "InventoryRecord"), ("supplier-bom", "SupplierBom", "BomLine")],
)
def test_schema_command(model: str, title: str, nested: str) -> None:
    from roo_check.cli import cli

    result = CliRunner().invoke(cli, ["schema", "--model", model])
    assert result.exit_code == 0, result.output
    schema = json.loads(result.output)
    assert schema["title"] == title
    assert nested in schema["$defs"]
