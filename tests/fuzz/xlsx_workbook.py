"""Fuzz target: the .xlsx reader (read_xlsx_sheets) and the single-workbook shipment
(discover.load_workbook); mutations land inside the zip's parts.

``python -m tests.fuzz.xlsx_workbook -max_total_time=60`` (see tests/fuzz/harness.py).
"""

from tests.fuzz.harness import main

if __name__ == "__main__":
    main("xlsx_workbook")
