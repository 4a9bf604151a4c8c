"""Fuzz target: the JSON certificate loader (certificate_from_bytes, suffix .json).

``python -m tests.fuzz.certificate_json -max_total_time=60`` (see tests/fuzz/harness.py).
"""

from tests.fuzz.harness import main

if __name__ == "__main__":
    main("certificate_json")
