"""JSON report: the Report model as documented, keys sorted, money and percentages as strings.

Decimals are written as strings so no reader turns them into floats; the report is
byte-identical for identical inputs, rules and dates.
"""

from __future__ import annotations

import json

from roo_check.models.findings import Report
from roo_check.reporters import RenderOptions


def render(report: Report, options: RenderOptions | None = None) -> str:
    data = report.model_dump(mode="json")
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
