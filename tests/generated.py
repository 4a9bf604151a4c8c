"""Shipments written by the benchmark generator (benchmarks/generate.py), for tests that need
a realistic shipment larger than the samples: goods over chapters with real rules, multi-level
BOMs, a certificate and routing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def generated_shipment(out: Path, goods: int) -> Path:
    """A shipment folder of ``goods`` goods (ten BOM lines each) written under ``out``; the
    generator's fixed seed makes it the same every time."""
    lines = goods * 10
    command = [sys.executable, str(ROOT / "benchmarks" / "generate.py"), "--out", str(out)]
    subprocess.run(
        [*command, "--sizes", str(lines), "--batch", "0"], check=True, capture_output=True
    )
    return out / f"size-{lines}"
