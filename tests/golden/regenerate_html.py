"""Regenerate the HTML golden report after an intended change:
``python -m tests.golden.regenerate_html``.

The case covers what the HTML report draws: routing strips (01, 02, 13), a blocking material
and a suppressed flag (03), de minimis (04), transshipment flags with evidence (13), headroom
(14) and an input error (99). The configuration is inline, recorded under a stable name, so
the report does not depend on where a temporary file was written.
Review the diff (or open the file in a browser) before committing it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import tomllib
from pathlib import Path

from roo_check.models.config import Config
from roo_check.models.findings import ConfigRecord, Report
from roo_check.reporters import RenderOptions, renderer
from roo_check.rulebook.configure import apply_config
from roo_check.rulebook.load import load_rulebook
from roo_check.run import check_paths

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
GOLDEN = HERE / "samples.html"

SAMPLES = [
    "samples/01-motor-tariff-shift",
    "samples/02-boiler-rvc",
    "samples/03-control-panel-fails",
    "samples/04-drill-de-minimis",
    "samples/13-panama-routing",
    "samples/14-rvc-hugging",
    "samples/40-office-chairs-declarations",
    "samples/99-broken-bom",
]
# Only used when a good states no date at all; fixed so the golden never depends on the clock.
FALLBACK_DATE = dt.date(2026, 11, 25)
CONFIG_NAME = "tests/golden/regenerate_html.py:CONFIG"
CONFIG = """\
[[suppress]]
rule = "CN001"
good = "CP-480"
reason = "PCA moves to a Guadalajara assembler in Q2 2027 (PO 5512); accepted until then"
owner = "j.ortega@example.com"
"""


def build_report() -> Report:
    config = Config.model_validate(tomllib.loads(CONFIG))
    # With each good's cheapest fix or single points of failure (check --fixes).
    rulebook = dataclasses.replace(apply_config(load_rulebook(), config, CONFIG_NAME), fixes=True)
    record = ConfigRecord(path=CONFIG_NAME, sha256=hashlib.sha256(CONFIG.encode()).hexdigest())
    with contextlib.chdir(ROOT):
        return check_paths(
            [Path(p) for p in SAMPLES], rulebook, None, FALLBACK_DATE, config, record
        )


def render_golden() -> str:
    return renderer("html")(build_report(), RenderOptions())


def main() -> None:
    GOLDEN.write_text(render_golden(), encoding="utf-8")
    print(f"wrote {GOLDEN.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
