"""Fuzz target: a register of suppliers' declarations (declarations_from_bytes on a .csv), and
sample 40's originating claims checked against it (engine.evidence.check_claims).

``python -m tests.fuzz.declarations_csv -max_total_time=60`` (see tests/fuzz/harness.py).
"""

from tests.fuzz.harness import main

if __name__ == "__main__":
    main("declarations_csv")
