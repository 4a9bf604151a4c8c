"""Fuzz target: a what-if scenario file (document_from_bytes(Scenario)) and its changes.

``python -m tests.fuzz.scenario_yaml -max_total_time=60`` (see tests/fuzz/harness.py).
"""

from tests.fuzz.harness import main

if __name__ == "__main__":
    main("scenario_yaml")
