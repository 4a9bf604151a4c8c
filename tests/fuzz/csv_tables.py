"""Fuzz target: the CSV table reader (read_csv, read_table_bytes) and the goods and BOM loaders
(goods_from_table, bom_from_table) on one table.

``python -m tests.fuzz.csv_tables -max_total_time=60`` (see tests/fuzz/harness.py).
"""

from tests.fuzz.harness import main

if __name__ == "__main__":
    main("csv_tables")
