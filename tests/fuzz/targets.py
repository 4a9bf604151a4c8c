"""Every fuzz target: what it feeds the bytes to, and the sample files it starts from.

A target's ``run(data)`` calls the loaders as roo-check does and lets every exception
escape; :func:`run_checked` is the property (only ``RooCheckError`` may escape). Loaders
that take a path (the single-file BOM, the workbook, the rule files, the configuration)
are given a scratch file holding the bytes, so that the code under test is the real one.
The cross-file checks (inventory, supplier BOM, automotive figures against the goods)
run against the goods and BOM of the sample that the seeds come from.
"""

from __future__ import annotations

import atexit
import contextlib
import datetime as dt
import functools
import io
import json
import os
import random
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from roo_check.compare import compare_reports
from roo_check.engine.evidence import check_claims
from roo_check.errors import RooCheckError
from roo_check.loaders import discover, load_path
from roo_check.loaders.accumulation import check_supplier_boms, supplier_bom_from_bytes
from roo_check.loaders.automotive import read_automotive
from roo_check.loaders.certificate import certificate_from_bytes
from roo_check.loaders.config import load_config
from roo_check.loaders.declarations import declarations_from_bytes
from roo_check.loaders.goods import bom_from_table, goods_from_table
from roo_check.loaders.inventory import check_inventory, inventory_from_table
from roo_check.loaders.shipment import document_from_bytes, shipment_from_bytes
from roo_check.loaders.tabular import read_csv, read_table_bytes, read_xlsx_sheets
from roo_check.models.declarations import Register
from roo_check.models.report_view import ReportView
from roo_check.models.whatif import Scenario
from roo_check.rulebook.configure import apply_config
from roo_check.rulebook.load import default_rules_dir, load_file, load_rulebook
from roo_check.run import check_paths
from roo_check.whatif import scenario_edits
from tests.fuzz.mutate import is_zip, mutate_bytes, mutate_zip_member, rezip

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
RULES = default_rules_dir()
MAX_RULE_SEED_BYTES = 40_000
"""Rule files larger than this are left out of the seeds: mutating 200 kB of YAML spends
the fuzzer's time in the YAML parser, not in the schema."""


@dataclass(frozen=True)
class Target:
    name: str
    run: Callable[[bytes], None]
    seeds: Callable[[], list[bytes]]
    structured: bool = False
    """Seeds are zip archives: mutate inside a member rather than the raw bytes."""


# ------------------------------------------------------------------------------ scratch files


SCRATCH_ENV = "ROO_FUZZ_SCRATCH"
"""A folder for the scratch files, set by the atheris harness: libFuzzer ends the process
with exit(), so no atexit clean-up runs there, and one fixed folder per target is reused."""


def scratch_base() -> Path | None:
    """Memory-backed /dev/shm where there is one: a scratch file is written per input."""
    return Path("/dev/shm") if Path("/dev/shm").is_dir() else None


@functools.cache
def _scratch() -> Path:
    given = os.environ.get(SCRATCH_ENV)
    if given:
        folder = Path(given)
        folder.mkdir(parents=True, exist_ok=True)
        return folder
    folder = Path(tempfile.mkdtemp(prefix="roo-fuzz-", dir=scratch_base()))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def scratch_file(name: str, data: bytes) -> Path:
    """A file called ``name`` in this process's scratch folder, holding ``data``."""
    path = _scratch() / name
    path.write_bytes(data)
    return path


# -------------------------------------------------------------------------------- the seeds


def _read(paths: list[Path]) -> list[bytes]:
    return [path.read_bytes() for path in sorted(set(paths))]


def _samples(*patterns: str) -> list[bytes]:
    return _read([p for pattern in patterns for p in SAMPLES.glob(pattern)])


def _csv_seeds() -> list[bytes]:
    return _samples("*/goods.csv", "*/bom.csv", "*/inventory.csv", "*/suppliers/*.csv", "*.csv")


def _single_bom_seeds() -> list[bytes]:
    return _samples("*.bom.csv") + _read([ROOT / "tests/unit/fixtures/bom_single.csv"])


def _workbook_from_folder(folder: Path) -> bytes:
    """A single-workbook shipment built from a sample folder's CSV files."""
    import csv

    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet in ("goods", "bom", "inventory"):
        path = folder / f"{sheet}.csv"
        if not path.exists():
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        worksheet = workbook.create_sheet(sheet)
        for record in csv.reader(lines):
            worksheet.append(record)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_seeds() -> list[bytes]:
    built = [
        _workbook_from_folder(SAMPLES / name)
        for name in ("01-motor-tariff-shift", "35-fungible-copper")
    ]
    return _samples("*.xlsx") + built


def _automotive_seeds() -> list[bytes]:
    return _samples("*/automotive.yaml")


def _automotive_json_seeds() -> list[bytes]:
    return [
        json.dumps(yaml.safe_load(seed), default=str, indent=1).encode()
        for seed in _automotive_seeds()
    ]


def _rule_seeds() -> list[bytes]:
    files = sorted(RULES.rglob("*.yaml"), key=lambda p: p.stat().st_size)
    chosen = [
        p for p in files if "source" not in p.parts and p.stat().st_size < MAX_RULE_SEED_BYTES
    ]
    return _read(chosen)


_TOML_BLOCK = re.compile(r"```toml\n(.*?)```", re.DOTALL)


def _config_seeds() -> list[bytes]:
    """The configuration examples of the README, and the pyproject.toml form."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = [block.encode() for block in _TOML_BLOCK.findall(readme)]
    pyproject = (
        b'[tool.roo-check]\nfail-on = "error"\n\n[tool.roo-check.flags.CN002]\nenabled = false\n'
    )
    return [*blocks, pyproject]


# ---------------------------------------------------------------------- sample context


@functools.cache
def _sample(name: str):
    """A sample folder loaded once: (goods by part number, BOM lines, BOM table, goods file)."""
    folder = SAMPLES / name
    shipment = load_path(folder)
    bom_table = read_table_bytes(
        (folder / "bom.csv").read_bytes(), file=str(folder / "bom.csv"), suffix=".csv"
    )
    goods = {good.part_number: good for good in shipment.goods}
    return goods, shipment.bom, bom_table, str(folder / "goods.csv")


@functools.cache
def _rulebook():
    return load_rulebook()


def _each(*steps: Callable[[], object]) -> None:
    """Run every step; a step's RooCheckError does not stop the next (they are independent)."""
    for step in steps:
        with contextlib.suppress(RooCheckError):
            step()


# ------------------------------------------------------------------------------ the targets


def _csv_tables(data: bytes) -> None:
    _each(lambda: read_table_bytes(data, file="fuzz/table.csv", suffix=".csv"))
    table = read_csv(data, file="fuzz/table.csv")
    _each(lambda: goods_from_table(table), lambda: bom_from_table(table))


def _single_bom(data: bytes) -> None:
    discover.load_bom_csv(scratch_file("fuzz.bom.csv", data))


def _single_bom_checked(data: bytes) -> None:
    """The whole check of a single-file BOM: load, evaluate every rule, batch flags.

    ``debug=True``: check_paths records a bug met on one input as an internal error and goes
    on; here it must escape, to be seen.
    """
    path = scratch_file("fuzz.bom.csv", data)
    check_paths([path], _rulebook(), None, dt.date(2026, 6, 1), debug=True)


def _xlsx_workbook(data: bytes) -> None:
    _each(
        lambda: read_xlsx_sheets(
            data, file="fuzz.xlsx", sheets=["goods", "bom", "inventory"], optional=("inventory",)
        )
    )
    discover.load_workbook(scratch_file("fuzz.xlsx", data))


def _certificate(suffix: str) -> Callable[[bytes], None]:
    def run(data: bytes) -> None:
        certificate_from_bytes(data, file=f"fuzz/certificate{suffix}", suffix=suffix)

    return run


def _shipment(suffix: str) -> Callable[[bytes], None]:
    def run(data: bytes) -> None:
        shipment_from_bytes(data, file=f"fuzz/shipment{suffix}", suffix=suffix)

    return run


def _automotive(suffix: str) -> Callable[[bytes], None]:
    def run(data: bytes) -> None:
        document = read_automotive(data, file=f"fuzz/automotive{suffix}", suffix=suffix)
        goods, _bom, _table, goods_file = _sample("20-sedan-qualifies")
        # discover checks the figures against the goods of the shipment (file, list, locations).
        located = discover._Goods(
            goods_file, list(goods.values()), [(goods_file, None)] * len(goods)
        )
        discover._check_automotive(located, document)

    return run


def _inventory(data: bytes) -> None:
    document = inventory_from_table(
        read_table_bytes(data, file="fuzz/inventory.csv", suffix=".csv")
    )
    goods, bom, _table, goods_file = _sample("35-fungible-copper")
    check_inventory(document, goods, bom, goods_file)


def _supplier_bom(data: bytes) -> None:
    document = supplier_bom_from_bytes(data, file="fuzz/suppliers/ring.csv", suffix=".csv")
    goods, bom, table, _goods_file = _sample("32-accumulation-bearings")
    check_supplier_boms([document], goods, bom, bom_table=table)


def _rule_file(data: bytes) -> None:
    load_file(scratch_file("rule.yaml", data), "fuzz/rule.yaml")


def _config(data: bytes) -> None:
    path = scratch_file("roo-check.toml", data)
    config, _digest = load_config(path)
    apply_config(_rulebook(), config, str(path))


def _report_json(data: bytes) -> None:
    """A report as roo-check diff reads it, then compared with itself."""
    report = document_from_bytes(ReportView, data, file="fuzz/report.json", suffix=".json")
    compare_reports(report, report, old_name="a", new_name="b", fail_on="warning")


def _report_seeds() -> list[bytes]:
    return [(ROOT / "tests" / "golden" / "samples.json").read_bytes()]


def _scenario_yaml(data: bytes) -> None:
    scenario = document_from_bytes(Scenario, data, file="fuzz/scenario.yaml", suffix=".yaml")
    scenario_edits(scenario, "fuzz/scenario.yaml")


def _scenario_seeds() -> list[bytes]:
    return [
        b"note: burner from China\ndate: 2027-07-01\nset:\n  BURNER-G:\n"
        b"    origin_status: non-originating\n    country_of_origin: CN\n"
        b"  PCA-MAIN:\n    unit_value: '12.50'\npremium:\n  VFD-22K: '5000.00'\n",
    ]


def _declarations_csv(data: bytes) -> None:
    """A register table, then every claim of sample 40 checked against it (the dates and
    codes a register gives reach the engine's date arithmetic and coverage tests)."""
    declarations = declarations_from_bytes(data, file="fuzz/declarations.csv", suffix=".csv")
    goods, bom, _table, _goods_file = _sample("40-office-chairs-declarations")
    register = Register.of(declarations, [])
    for good in goods.values():
        lines = [line for line in bom if line.good_part_number == good.part_number]
        check_claims(good, lines, register, dt.date(2026, 6, 1))


def _declarations_seeds() -> list[bytes]:
    """The sample's register, and one with the other shapes: single shipments, HS codes, a
    non-originating declaration, lower-case criteria, a ';'-separated file."""
    other = (
        "declaration_id;supplier;part_numbers;hs_codes;origin_status;criterion;scope;"
        "period_start;period_end;invoice_number;signed_on;certifier\n"
        "D-1;Plasticos Tonala SA;ARM-PAIR;;originating;a;single shipment;;;INV-7;2026-03-02;Ana\n"
        'D-2;Ningbo Textile;"MESH-FAB; UPHOL-FAB";5407.61;non-originating;;single_shipment;;;;'
        "2026-01-05;Li\n"
        "D-3;Espumas de Occidente SA de CV;;39;originating;B;blanket;2024-02-29;2025-02-28;;"
        "2024-02-01;Jorge\n"
    )
    return [*_samples("*/declarations.csv"), other.encode()]


TARGETS: dict[str, Target] = {
    target.name: target
    for target in (
        Target("csv_tables", _csv_tables, _csv_seeds),
        Target("single_bom", _single_bom, _single_bom_seeds),
        Target("single_bom_check", _single_bom_checked, _single_bom_seeds),
        Target("xlsx_workbook", _xlsx_workbook, _xlsx_seeds, structured=True),
        Target("certificate_xml", _certificate(".xml"), lambda: _samples("*/certificate.xml")),
        Target("certificate_json", _certificate(".json"), lambda: _samples("*/certificate.json")),
        Target("shipment_json", _shipment(".json"), lambda: _samples("*/shipment.json")),
        Target("shipment_yaml", _shipment(".yaml"), lambda: _samples("*/shipment.yaml")),
        Target("automotive_yaml", _automotive(".yaml"), _automotive_seeds),
        Target("automotive_json", _automotive(".json"), _automotive_json_seeds),
        Target("inventory", _inventory, lambda: _samples("*/inventory.csv")),
        Target("supplier_bom", _supplier_bom, lambda: _samples("*/suppliers/*.csv")),
        Target("rule_file", _rule_file, _rule_seeds),
        Target("config", _config, _config_seeds),
        Target("report_json", _report_json, _report_seeds),
        Target("scenario_yaml", _scenario_yaml, _scenario_seeds),
        Target("declarations_csv", _declarations_csv, _declarations_seeds),
    )
}


def run_checked(target: Target, data: bytes) -> None:
    """The property: ``target`` on ``data`` returns or raises a RooCheckError, nothing else."""
    with contextlib.suppress(RooCheckError):
        target.run(data)


def mutate(target: Target, data: bytes, rng: random.Random, rounds: int) -> bytes:
    """A mutation of a seed: inside a zip member for workbooks (see tests.fuzz.mutate)."""
    if target.structured and is_zip(data) and rng.random() < 0.9:
        inner = mutate_zip_member(data, rng, lambda member: mutate_bytes(member, rng, rounds))
        if inner is not None:
            return inner
    return mutate_bytes(data, rng, rounds)


__all__ = ["TARGETS", "Target", "mutate", "rezip", "run_checked"]
