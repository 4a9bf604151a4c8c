"""Fuzz target: the rule schema (rulebook.load.load_file on a scratch rule file).

``python -m tests.fuzz.rule_file -max_total_time=60`` (see tests/fuzz/harness.py).
"""

from tests.fuzz.harness import main

if __name__ == "__main__":
    main("rule_file")
