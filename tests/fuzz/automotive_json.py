"""Fuzz target: the automotive figures loader on JSON (read_automotive) and its check
against the goods of sample 20.

``python -m tests.fuzz.automotive_json -max_total_time=60`` (see tests/fuzz/harness.py).
"""

from tests.fuzz.harness import main

if __name__ == "__main__":
    main("automotive_json")
