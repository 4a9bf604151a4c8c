"""Fuzz target: the inventory loader (inventory_from_table) and check_inventory against
sample 35.

``python -m tests.fuzz.inventory -max_total_time=60`` (see tests/fuzz/harness.py).
"""

from tests.fuzz.harness import main

if __name__ == "__main__":
    main("inventory")
