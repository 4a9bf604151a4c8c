"""Fuzz target: a JSON report as roo-check diff reads it (document_from_bytes(ReportView)), compared with itself.

``python -m tests.fuzz.report_json -max_total_time=60`` (see tests/fuzz/harness.py).
"""

from tests.fuzz.harness import main

if __name__ == "__main__":
    main("report_json")
