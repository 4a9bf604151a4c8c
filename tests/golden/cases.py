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

CHAPTER4 = [
    "samples/13-panama-routing",
    "samples/16-transit-under-customs-control",
    "samples/30-bicycle-intermediate-frame",
    "samples/31-bicycle-frame-not-designated",
    "samples/32-accumulation-bearings",
    "samples/33-pump-packing-tools-manual",
    "samples/34-paint-set",
    "samples/35-fungible-copper",
    "samples/36-net-cost-from-total-cost",
]

PROVISIONS = [
    "samples/37-apparel-chapter-rules",
    "samples/38-tampons-viscose",
]

DESK = ["samples/40-office-chairs-declarations", "samples/03-control-panel-fails"]
"""Suppliers' declarations (--strict-evidence) and the cheapest fix (--fixes)."""

DESK_OPTIONS = ["--strict-evidence", "--fixes"]

CASES = [
    ("desk.txt", ["check", *DESK, *DESK_OPTIONS, "--format", "text"]),
    ("desk.json", ["check", *DESK, *DESK_OPTIONS, "--format", "json"]),
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
    ("chapter4.txt", ["check", *CHAPTER4, "--format", "text"]),
    ("chapter4.json", ["check", *CHAPTER4, "--format", "json"]),
    ("chapter4.csv", ["check", *CHAPTER4, "--format", "csv"]),
    ("chapter4.junit.xml", ["check", *CHAPTER4, "--format", "junit"]),
    ("chapter4.sarif", ["check", *CHAPTER4, "--format", "sarif"]),
    ("provisions.txt", ["check", *PROVISIONS, "--format", "text"]),
    ("provisions.json", ["check", *PROVISIONS, "--format", "json"]),
]
