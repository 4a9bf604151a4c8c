"""Collect the origin feature files (flag features have their own modules under flags/)."""

from pytest_bdd import scenarios

for _feature in (
    "tariff_shift.feature",
    "regional_value_content.feature",
    "de_minimis.feature",
    "origin_criteria.feature",
    "rule_selection.feature",
    "command_line.feature",
):
    scenarios(_feature)
