"""Fuzz target: the whole check of a single-file BOM (run.check_paths: load, evaluate, flags):
a file the loaders accept must not crash the engine.

``python -m tests.fuzz.single_bom_check -max_total_time=60`` (see tests/fuzz/harness.py).
"""

from tests.fuzz.harness import main

if __name__ == "__main__":
    main("single_bom_check")
