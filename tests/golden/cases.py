"""The golden report cases: (file name, command-line arguments). Shared by test and regenerator."""

from __future__ import annotations

SAMPLES = [
    "samples/01-motor-tariff-shift",
    "samples/02-boiler-rvc",
    "samples/03-control-panel-fails",
    "samples/04-drill-de-minimis",
]

AUTOMOTIVE = [
    "samples/20-sedan-qualifies",
    "samples/21-sedan-fails-lvc",
    "samples/22-ev-battery-core-part",
    "samples/23-heavy-truck-gearbox-phase-in",
]

CASES = [
    ("samples.txt", ["check", *SAMPLES, "--format", "text"]),
    ("samples.json", ["check", *SAMPLES, "--format", "json"]),
    ("samples.csv", ["check", *SAMPLES, "--format", "csv"]),
    ("samples.junit.xml", ["check", *SAMPLES, "--format", "junit"]),
    ("samples.sarif", ["check", *SAMPLES, "--format", "sarif"]),
    ("automotive.txt", ["check", *AUTOMOTIVE, "--format", "text"]),
    ("automotive.json", ["check", *AUTOMOTIVE, "--format", "json"]),
    ("automotive.csv", ["check", *AUTOMOTIVE, "--format", "csv"]),
    ("automotive.junit.xml", ["check", *AUTOMOTIVE, "--format", "junit"]),
    ("automotive.sarif", ["check", *AUTOMOTIVE, "--format", "sarif"]),
]
