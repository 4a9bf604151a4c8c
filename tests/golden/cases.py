"""The golden report cases: (file name, command-line arguments). Shared by test and regenerator."""

from __future__ import annotations

SAMPLES = [
    "samples/01-motor-tariff-shift",
    "samples/02-boiler-rvc",
    "samples/03-control-panel-fails",
    "samples/04-drill-de-minimis",
]

CASES = [
    ("samples.txt", ["check", *SAMPLES, "--format", "text"]),
    ("samples.json", ["check", *SAMPLES, "--format", "json"]),
    ("samples.csv", ["check", *SAMPLES, "--format", "csv"]),
    ("samples.junit.xml", ["check", *SAMPLES, "--format", "junit"]),
    ("samples.sarif", ["check", *SAMPLES, "--format", "sarif"]),
]
