"""The pre-commit hook works from a clone, as a supplier repository would use it.

`pre-commit try-repo` installs roo-check from this repository into its own environment
(from PyPI for the dependencies) and runs the hook on the files given.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow
"""pre-commit builds the hook's environment. Both tests share the supplier repository and that
environment (a module fixture): ``--dist loadfile`` runs the module on one xdist worker."""

FAILING_BOM = """\
# part_number: CP-480
# description: Motor control panel, 480 V
# hs_code: 8537.10
# producer: Tableros Electricos de Monterrey SA de CV
# country_of_production: MX
# currency: USD
# transaction_value: 6200.00
# net_cost: 5600.00
# shipment_date: 2026-11-02
part_number,description,hs_code,product_kind,quantity,unit,extended_value,currency,country_of_origin,origin_status
PCA-MAIN,Controller board,8538.90,printed circuit assemblies,1,pcs,2150.00,USD,CN,non-originating
VFD-22K,Drive module,8504.40,,1,pcs,1380.00,USD,CN,non-originating
"""


def _pre_commit() -> str:
    found = shutil.which("pre-commit", path=str(Path(sys.executable).parent)) or shutil.which(
        "pre-commit"
    )
    if found is None:
        pytest.fail("pre-commit is not installed: install the test extra (pip install '.[test]')")
    return found


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(cwd.parent / "pre-commit-cache")}
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=env, timeout=900)


@pytest.fixture(scope="module")
def supplier_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = tmp_path_factory.mktemp("supplier") / "repo"
    repo.mkdir()
    for args in (
        ["git", "init", "-q"],
        ["git", "config", "user.email", "t@example.com"],
        ["git", "config", "user.name", "t"],
    ):
        subprocess.run(args, cwd=repo, check=True)
    shutil.copy(ROOT / "samples/gearbox-6at.bom.csv", repo / "gearbox-6at.bom.csv")
    (repo / "control-panel.bom.csv").write_text(FAILING_BOM)
    subprocess.run(["git", "add", "."], cwd=repo, check=True)
    return repo


def test_hook_passes_an_originating_bom(supplier_repo: Path) -> None:
    result = _run(
        [_pre_commit(), "try-repo", str(ROOT), "roo-check", "--files", "gearbox-6at.bom.csv"],
        supplier_repo,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout


def test_hook_fails_a_bom_that_does_not_originate(supplier_repo: Path) -> None:
    result = _run(
        [_pre_commit(), "try-repo", str(ROOT), "roo-check", "--files", "control-panel.bom.csv"],
        supplier_repo,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Failed" in result.stdout and "CP-480" in result.stdout
