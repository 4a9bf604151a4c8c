"""Fuzz target: the shipment loader on YAML (shipment_from_bytes, suffix .yaml).

``python -m tests.fuzz.shipment_yaml -max_total_time=60`` (see tests/fuzz/harness.py).
"""

from tests.fuzz.harness import main

if __name__ == "__main__":
    main("shipment_yaml")
