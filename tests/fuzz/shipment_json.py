"""Fuzz target: the shipment loader on JSON (shipment_from_bytes, suffix .json).

``python -m tests.fuzz.shipment_json -max_total_time=60`` (see tests/fuzz/harness.py).
"""

from tests.fuzz.harness import main

if __name__ == "__main__":
    main("shipment_json")
