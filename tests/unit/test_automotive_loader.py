"""automotive.yaml / .json: the producer's Part 6 figures, read exactly, each problem one line."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from roo_check.errors import InputError, InputErrors, RooCheckError
from roo_check.loaders import load_path
from roo_check.loaders.automotive import automotive_from_bytes
from roo_check.loaders.shipment import parse_yaml
from roo_check.models import automotive as models
from roo_check.models.automotive import AutomotiveFile

DOC = Path(__file__).resolve().parents[2] / "docs" / "input-formats.md"
HEADING = "## automotive.yaml — the producer's automotive figures (optional)"

GOODS_CSV = (
    "part_number,description,hs_code,producer,country_of_production,currency,net_cost\n"
    "VEH-1,Sedan,8703.23,Automotriz SA,MX,USD,26000.00\n"
    "PRT-1,Gear box,8708.40,Automotriz SA,MX,USD,1800.00\n"
)
BOM_CSV = (
    "good_part_number,part_number,description,hs_code,quantity,unit,unit_value,currency,"
    "origin_status\n"
    "VEH-1,TRN-1,Gear box,8708.40,1,pcs,2600.00,USD,originating\n"
    "PRT-1,GEAR-1,Gear set,8483.40,1,pcs,300.00,USD,non-originating\n"
)

# Line numbers matter: the error tests below name them.
AUTOMOTIVE_YAML = """\
producer: Automotriz SA
currency: USD
steel_aluminum:
  period_basis: previous fiscal year
  period: {start: 2025-01-01, end: 2025-12-31}
  steel: {purchases: "412000000.00", originating: "317240000.00"}
plants:
  - {id: SLP-ASSY, name: San Luis Potosi assembly, country: MX, role: vehicle assembly}
  - {id: TOL-TRN, name: Toledo transmissions, country: US, role: production}
vehicles:
  - good: VEH-1
    lvc:
      method: net cost
      high_wage_labour:
        - {plant: SLP-ASSY, amount: "610.00"}
      high_wage_materials:
        - {plant: TOL-TRN, amount: "2600.00"}
        - {plant: TOL-TRN, amount: 0.10}
      assembly_credit_plant: TOL-TRN
parts:
  - good: PRT-1
    table: D
"""


def errors_of(exc: RooCheckError) -> list[RooCheckError]:
    return list(exc.errors) if isinstance(exc, InputErrors) else [exc]


def shipment_folder(tmp_path: Path, automotive: str | None, name: str = "automotive.yaml") -> Path:
    root = tmp_path / "shipment"
    root.mkdir()
    (root / "goods.csv").write_text(GOODS_CSV, encoding="utf-8")
    (root / "bom.csv").write_text(BOM_CSV, encoding="utf-8")
    if automotive is not None:
        (root / name).write_text(automotive, encoding="utf-8")
    return root


def doc_section() -> str:
    text = DOC.read_text(encoding="utf-8")
    start = text.index(HEADING)
    return text[start : text.index("\n## ", start + 1)]


def doc_example() -> str:
    section = doc_section()
    return section.split("```yaml\n", 1)[1].split("```", 1)[0]


def as_json(document: Any) -> Any:
    """A parsed YAML document as JSON-ready data (dates as ISO text, decimals as numbers)."""
    if isinstance(document, dict):
        return {key: as_json(value) for key, value in document.items()}
    if isinstance(document, list):
        return [as_json(value) for value in document]
    if isinstance(document, dt.date):
        return document.isoformat()
    return document


def json_text(document: Any) -> str:
    """JSON with every Decimal written as the exact number it is (never through float)."""
    marked = json.dumps(as_json(document), default=lambda d: f"@@{d}@@")
    return marked.replace('"@@', "").replace('@@"', "")


# ------------------------------------------------------------------------------- happy paths


def test_full_documented_example_loads_from_yaml() -> None:
    figures = automotive_from_bytes(doc_example().encode(), file="automotive.yaml", suffix=".yaml")
    assert figures.producer == "Automotriz del Bajio SA de CV"
    assert figures.currency == "USD"
    assert figures.alternative_staging_regime is not None
    assert figures.alternative_staging_regime.vehicles == ["SED-26"]
    assert figures.steel_aluminum is not None and figures.steel_aluminum.steel is not None
    assert figures.steel_aluminum.steel.originating == Decimal("317240000.00")
    assert figures.steel_aluminum.period.end == dt.date(2025, 12, 31)
    plant = figures.plant("TOL-TRN")
    assert plant is not None and plant.contract_years == Decimal("5")
    vehicle = figures.vehicle("SED-26")
    assert vehicle is not None and vehicle.hs2012 == "870323"
    assert vehicle.core_parts is not None and len(vehicle.core_parts.parts) == 3
    battery = vehicle.core_parts.parts[2]
    assert battery.part is models.SuperCorePart.advanced_batteries
    assert battery.averaging is not None
    assert battery.averaging.category is models.PartsAveragingPeriod.parts_producer_fiscal_year
    assert vehicle.lvc is not None and vehicle.lvc.averaging is models.AveragingCategory.class_plant
    assert [a.amount for a in vehicle.lvc.high_wage_materials] == [Decimal("2600.00")]
    bus = figures.vehicle("BUS-30")
    assert bus is not None and bus.persons == 30
    part = figures.part("AXL-R")
    assert part is not None and part.table == "B" and part.averaging is not None


def test_json_reads_the_same_as_yaml() -> None:
    document, _ = parse_yaml(doc_example().encode(), file="automotive.yaml")
    text = json_text(document)
    assert '"capacity_transmissions": 350000,' in text  # numbers stay JSON numbers
    from_json = automotive_from_bytes(text.encode(), file="automotive.json", suffix=".json")
    from_yaml = automotive_from_bytes(
        doc_example().encode(), file="automotive.yaml", suffix=".yaml"
    )
    assert from_json == from_yaml


def test_money_is_exact_decimal_in_yaml_and_json() -> None:
    figures = automotive_from_bytes(
        AUTOMOTIVE_YAML.encode(), file="automotive.yaml", suffix=".yaml"
    )
    assert figures.vehicles[0].lvc is not None
    quoted, plain = figures.vehicles[0].lvc.high_wage_materials
    assert isinstance(plain.amount, Decimal) and str(plain.amount) == "0.10"
    assert plain.amount == Decimal("0.10") and str(quoted.amount) == "2600.00"

    document = {
        "producer": "P",
        "currency": "USD",
        "plants": [{"id": "A", "name": "A", "country": "US", "role": "production"}],
        "vehicles": [
            {
                "good": "VEH-1",
                "lvc": {
                    "method": "net cost",
                    "high_wage_materials": [{"plant": "A", "amount": 0.1}],
                },
            }
        ],
    }
    text = json.dumps(document).replace('"amount": 0.1', '"amount": 0.10')
    figures = automotive_from_bytes(text.encode(), file="automotive.json", suffix=".json")
    assert figures.vehicles[0].lvc is not None
    amount = figures.vehicles[0].lvc.high_wage_materials[0].amount
    assert isinstance(amount, Decimal) and str(amount) == "0.10"


@pytest.mark.parametrize("name", ["automotive.yaml", "Automotive.YML", "automotive.json"])
def test_folder_loads_the_automotive_file(tmp_path: Path, name: str) -> None:
    content = AUTOMOTIVE_YAML
    if name.endswith(".json"):
        content = json_text(parse_yaml(AUTOMOTIVE_YAML.encode(), file=name)[0])
    root = shipment_folder(tmp_path, content, name)
    shipment = load_path(root)
    assert shipment.automotive is not None
    assert shipment.automotive.vehicles[0].good == "VEH-1"
    assert shipment.file_for("automotive") == str(root / name)
    (source,) = [s for s in shipment.sources if s.role == "automotive"]
    assert source.sha256 == hashlib.sha256((root / name).read_bytes()).hexdigest()


def test_folder_without_automotive_file(tmp_path: Path) -> None:
    shipment = load_path(shipment_folder(tmp_path, None))
    assert shipment.automotive is None
    assert [s.role for s in shipment.sources] == ["goods", "bom"]


def test_documented_example_loads_in_a_folder(tmp_path: Path) -> None:
    root = shipment_folder(tmp_path, doc_example())
    goods = GOODS_CSV + (
        "SED-26,Sedan,8703.23,Automotriz SA,MX,USD,26000.00\n"
        "BUS-30,Bus,8702.10,Automotriz SA,MX,USD,90000.00\n"
        "AXL-R,Rear axle,8708.50,Automotriz SA,MX,USD,900.00\n"
    )
    bom = BOM_CSV + (
        "SED-26,ENG-20,Engine,8407.34,1,pcs,4050.00,USD,originating\n"
        "BUS-30,ENG-90,Engine,8408.20,1,pcs,9000.00,USD,originating\n"
        "AXL-R,GEAR-2,Gear set,8483.40,1,pcs,120.00,USD,non-originating\n"
    )
    (root / "goods.csv").write_text(goods, encoding="utf-8")
    (root / "bom.csv").write_text(bom, encoding="utf-8")
    assert load_path(root).automotive is not None


def test_two_automotive_files_are_refused(tmp_path: Path) -> None:
    root = shipment_folder(tmp_path, AUTOMOTIVE_YAML)
    (root / "automotive.json").write_text("{}", encoding="utf-8")
    with pytest.raises(InputError, match="two files for the automotive role"):
        load_path(root)


# ----------------------------------------------------------------------------------- errors

ERROR_CASES = {
    "plant not in plants": (
        ("{plant: TOL-TRN, amount: 0.10}", "{plant: TOL-TRM, amount: 0.10}"),
        "line 18, $.vehicles[0].lvc.high_wage_materials[1].plant",
        "plant",
        "names plant 'TOL-TRM', which is not in plants (did you mean 'TOL-TRN'?)",
    ),
    "assembly credit plant not in plants": (
        ("assembly_credit_plant: TOL-TRN", "assembly_credit_plant: DET-ENG"),
        "line 19, $.vehicles[0].lvc.assembly_credit_plant",
        "assembly_credit_plant",
        "names plant 'DET-ENG', which is not in plants; plant ids: SLP-ASSY, TOL-TRN",
    ),
    "plant id twice": (
        (
            "role: production}\n",
            "role: production}\n  - {id: SLP-ASSY, name: Saltillo, country: MX, role: production}\n",
        ),
        "line 10, $.plants[2].id",
        "id",
        "plant id 'SLP-ASSY' appears twice (first at $.plants[0])",
    ),
    "good twice": (
        ("good: PRT-1", "good: VEH-1"),
        "line 21, $.parts[0].good",
        "good",
        "good 'VEH-1' has two entries (first at $.vehicles[0])",
    ),
    "originating above purchases": (
        ('originating: "317240000.00"', 'originating: "512000000.00"'),
        "line 6, $.steel_aluminum.steel",
        "steel",
        "originating purchases (512000000.00) exceed all purchases (412000000.00)",
    ),
    "period ends before it starts": (
        ("end: 2025-12-31", "end: 2024-12-31"),
        "line 5, $.steel_aluminum.period",
        "period",
        "period ends (2024-12-31) before it starts (2025-01-01)",
    ),
    "unknown key": (
        ("high_wage_labour:", "high_wage_labor:"),
        "line 15, $.vehicles[0].lvc.high_wage_labor",
        "high_wage_labor",
        "unknown field (check the spelling)",
    ),
    "bad value": (
        ("method: net cost", "method: net costs"),
        "line 13, $.vehicles[0].lvc.method",
        "method",
        "Input should be 'net cost' or 'annual purchase value' (got 'net costs')",
    ),
    "malformed YAML": (
        ("plants:\n", "plants: [\n"),
        "line 8",
        None,
        "malformed YAML: did not find expected node content",
    ),
}


@pytest.mark.parametrize("case", sorted(ERROR_CASES))
def test_each_problem_is_one_line_naming_file_element_and_field(case: str) -> None:
    (old, new), location, field, message = ERROR_CASES[case]
    assert AUTOMOTIVE_YAML.count(old) == 1
    text = AUTOMOTIVE_YAML.replace(old, new)
    with pytest.raises(InputError) as caught:
        automotive_from_bytes(text.encode(), file="automotive.yaml", suffix=".yaml")
    error = caught.value
    assert not isinstance(error, InputErrors)
    assert (error.file, error.location, error.field) == ("automotive.yaml", location, field)
    assert error.message == message
    assert "\n" not in str(error)


def test_json_errors_name_the_path(tmp_path: Path) -> None:
    document = as_json(parse_yaml(AUTOMOTIVE_YAML.encode(), file="a.yaml")[0])
    document["vehicles"][0]["lvc"]["high_wage_labour"][0]["plant"] = "NOWHERE"
    with pytest.raises(InputError) as caught:
        automotive_from_bytes(json_text(document).encode(), file="automotive.json", suffix=".json")
    assert str(caught.value) == (
        "automotive.json:$.vehicles[0].lvc.high_wage_labour[0].plant [plant]: names plant "
        "'NOWHERE', which is not in plants; plant ids: SLP-ASSY, TOL-TRN"
    )


FOLDER_CASES = {
    "vehicle names an unknown good": (
        ("good: VEH-1", "good: VEH-9"),
        "line 11, $.vehicles[0].good",
        "good",
        "good 'VEH-9' is not in {root}/goods.csv (did you mean 'VEH-1'?)",
    ),
    "part names an unknown good": (
        ("good: PRT-1", "good: BRAKE-7"),
        "line 21, $.parts[0].good",
        "good",
        "good 'BRAKE-7' is not in {root}/goods.csv",
    ),
    "currency differs from the goods'": (
        ("currency: USD", "currency: CAD"),
        "line 2, $.currency",
        "currency",
        "currency CAD differs from the currency of the goods it names: vehicles[0] 'VEH-1' "
        "(USD), parts[0] 'PRT-1' (USD); roo-check does no currency conversion, so give the "
        "automotive figures in the goods' currency",
    ),
}


@pytest.mark.parametrize("case", sorted(FOLDER_CASES))
def test_automotive_file_must_agree_with_the_goods(tmp_path: Path, case: str) -> None:
    (old, new), location, field, message = FOLDER_CASES[case]
    assert AUTOMOTIVE_YAML.count(old) == 1
    root = shipment_folder(tmp_path, AUTOMOTIVE_YAML.replace(old, new))
    with pytest.raises(InputError) as caught:
        load_path(root)
    error = caught.value
    assert not isinstance(error, InputErrors)
    expected = (str(root / "automotive.yaml"), location, field, message.format(root=root))
    assert (error.file, error.location, error.field, error.message) == expected


def test_automotive_problems_are_reported_with_the_other_files(tmp_path: Path) -> None:
    root = shipment_folder(tmp_path, AUTOMOTIVE_YAML.replace("plants:\n", "plants: [\n"))
    (root / "bom.csv").write_text(BOM_CSV.replace("8483.40", "84B3.40"), encoding="utf-8")
    with pytest.raises(InputErrors) as caught:
        load_path(root)
    files = sorted(Path(e.file or "").name for e in errors_of(caught.value))
    assert files == ["automotive.yaml", "bom.csv"]


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(noise=st.binary(max_size=80), position=st.integers(min_value=0), cut=st.integers(0, 40))
def test_damaged_files_only_ever_raise_one_line_input_errors(
    suffix: str, noise: bytes, position: int, cut: int
) -> None:
    valid = AUTOMOTIVE_YAML.encode()
    if suffix == ".json":
        valid = json_text(parse_yaml(valid, file="a.yaml")[0]).encode()
    at = position % (len(valid) + 1)
    damaged = valid[:at] + noise + valid[at + cut :]
    try:
        automotive_from_bytes(damaged, file=f"automotive{suffix}", suffix=suffix)
    except (InputError, InputErrors) as exc:
        assert all("\n" not in str(e) for e in errors_of(exc))


# ------------------------------------------------------------------------------ the document


def _models(model: type[BaseModel], seen: dict[str, type[BaseModel]]) -> None:
    if model.__name__ in seen:
        return
    seen[model.__name__] = model
    for info in model.model_fields.values():
        for candidate in vars(models).values():
            if (
                isinstance(candidate, type)
                and issubclass(candidate, BaseModel)
                and candidate.__name__ in str(info.annotation)
            ):
                _models(candidate, seen)


def test_the_document_describes_every_field() -> None:
    section = doc_section()
    seen: dict[str, type[BaseModel]] = {}
    _models(AutomotiveFile, seen)
    assert {"Period", "MetalPurchases", "PlantAmount", "CorePart", "Averaging"} <= set(seen)
    for model in seen.values():
        for name in model.model_fields:
            assert f"| {name} |" in section or f"`{name}`" in section, (model.__name__, name)
    example = parse_yaml(doc_example().encode(), file="doc.yaml")[0]
    assert set(example) == set(AutomotiveFile.model_fields)
