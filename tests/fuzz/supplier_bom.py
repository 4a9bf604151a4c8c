"""Fuzz target: the supplier BOM loader (supplier_bom_from_bytes) and check_supplier_boms
against sample 32.

``python -m tests.fuzz.supplier_bom -max_total_time=60`` (see tests/fuzz/harness.py).
"""

from tests.fuzz.harness import main

if __name__ == "__main__":
    main("supplier_bom")
