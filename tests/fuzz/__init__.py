"""Fuzz targets for every loader of hostile input (issue 12).

The property each target checks: reading any bytes raises nothing but
:class:`roo_check.errors.RooCheckError` (or returns). Any other exception is a finding.

Run one target with atheris (coverage-guided)::

    python -m tests.fuzz.csv_tables -atheris_runs=100000
    python -m tests.fuzz.xlsx_workbook -max_total_time=60

every target for a time each, two at a time, with a table of the results::

    python -m tests.fuzz.run_all --seconds 60

The same targets run in the normal test suite through hypothesis
(``tests/fuzz/test_fuzz_loaders.py``), so CI checks the property on every change.
Seeds are read from ``samples/`` at run time; no corpus is committed.

This package imports nothing from ``roo_check`` at import time, so that atheris can
instrument the package when a target starts.
"""
