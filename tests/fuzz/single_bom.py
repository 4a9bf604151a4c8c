"""Fuzz target: the single-file BOM path (discover.load_bom_csv: '# key: value' lines, the BOM
table, the checks across them).

``python -m tests.fuzz.single_bom -max_total_time=60`` (see tests/fuzz/harness.py).
"""

from tests.fuzz.harness import main

if __name__ == "__main__":
    main("single_bom")
