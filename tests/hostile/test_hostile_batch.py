"""One broken input never changes another's result: hostile folders checked in one run beside
good ones leave the good ones' JSON entries byte for byte as a run of the good ones alone
gives, and each hostile folder carries its own errors (README: "In a batch, a broken folder
is reported and the others are still checked").
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile.ops import SAMPLES, build_case, write_secret
from tests.hostile.test_hostile_corpus import BY_ID, child_env

GOOD = ("01-motor-tariff-shift", "02-boiler-rvc", "15-clean-pump")

HOSTILE = (
    "bom-csv/nul-byte",
    "bom-csv/cycle-5000",
    "goods-csv/number-tiny-exponent",
    "goods-csv/number-huge-exponent",
    "certificate-xml/external-entity-secret",
    "certificate-xml/billion-laughs",
    "certificate-json/signature-date-year-9999",
    "shipment-yaml/billion-laughs",
    "automotive-yaml/core-part-hs-no-edition",
    "inventory-csv/date-year-9999-date",
    "suppliers-csv/number-nan",
    "goods-xlsx/zip-bomb-lying-sizes",
    "bom-xlsx/macro-vba-project",
    "folder/bom-symlink-secret",
    "folder/bom-csv-fifo",
    "folder/bom-symlink-loop",
    "folder/empty-folder",
)
"""Cases whose input is a folder ``ship`` checked alone (``check ship``), each an input error."""


def _hostile_folders(build_root: Path, work: Path) -> list[str]:
    """Build each hostile case and move its folder into ``work`` (a move keeps FIFOs and links
    as they are; the links to the secret are absolute)."""
    names = []
    for index, case_id in enumerate(HOSTILE):
        case = BY_ID[case_id]
        assert case["argv"] == ["check", "ship"] and case["expect"]["exit"] == 2, case_id
        folder = build_case(build_root, case)
        name = f"h{index:02d}-{case_id.replace('/', '-')}"
        (folder / "ship").rename(work / name)
        names.append(name)
    return names


def _run(work: Path, paths: list[str], report: str) -> tuple[int, dict]:
    """A run in its own process, not in-process: the inputs are hostile (FIFOs, entity and
    zip bombs), and a regression must fail this test within its timeout, not hang or exhaust
    the test worker."""
    run = subprocess.run(
        [sys.executable, "-m", "roo_check.cli", "check", *paths, "-o", f"json={report}"],
        cwd=work,
        env=child_env(),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert "Traceback" not in run.stderr, run.stderr
    return run.returncode, json.loads((work / report).read_text(encoding="utf-8"))


def _entries(report: dict) -> dict[str, str]:
    return {s["name"]: json.dumps(s, sort_keys=True) for s in report["shipments"]}


@pytest.mark.slow
def test_hostile_folders_leave_good_ones_unchanged(tmp_path: Path) -> None:
    build_root, work = tmp_path / "build", tmp_path / "work"
    work.mkdir()
    build_root.mkdir()
    write_secret(build_root, "ROO-SECRET-BATCH")
    good = []
    for sample in GOOD:
        shutil.copytree(SAMPLES / sample, work / f"good-{sample}")
        good.append(f"good-{sample}")
    hostile = _hostile_folders(build_root, work)

    code_all, together = _run(work, [*good, *hostile], "all.json")
    code_good, alone = _run(work, good, "good.json")

    assert code_good == 0 and code_all == 2, (code_good, code_all)
    mixed, clean = _entries(together), _entries(alone)
    for name in good:
        assert mixed[name] == clean[name], f"{name} differs when checked beside hostile folders"
    for name in hostile:
        entry = json.loads(mixed[name])
        kinds = {error["kind"] for error in entry["errors"]}
        assert entry["errors"] and "InternalError" not in kinds, (name, entry["errors"])
        assert not entry["determinations"], name
    report_text = (work / "all.json").read_text(encoding="utf-8")
    assert "ROO-SECRET-BATCH" not in report_text
