Feature: A company's configuration sets thresholds and accepts findings
  Thresholds, countries of concern and severities are data a company overrides in
  roo-check.toml (or [tool.roo-check] in pyproject.toml); suppressions keep the finding in
  the report, marked with reason and owner.

  Background:
    Given the USMCA rule set in force on 2026-10-12
    And a good "EM-750", "AC motor", of subheading 8501.52 produced in MX
    And its transaction value is 1,850.00 USD
    And its bill of materials:
      | part    | description      | hs      | origin | status          | value  |
      | LAM-M19 | electrical steel | 7226.19 | CN     | non-originating | 310.00 |
      | FAN-160 | cooling fan      | 3926.90 | VN     | non-originating | 9.50   |
      | WIRE-CU | winding wire     | 8544.11 | MX     | originating     | 265.00 |

  Scenario: Under the default 25% threshold 16.76% of Chinese content raises nothing
    When the shipment is checked
    Then flag CN001 is not raised

  Scenario: A stricter company threshold raises the flag without touching code
    Given a configuration:
      """
      [tool.roo-check.flags.CN001]
      max-share = "15"
      severity = "error"
      """
    When the shipment is checked
    Then flag CN001 says "16.76% of the good's transaction value, above the 15% screening threshold"

  Scenario: Countries of concern are configurable
    Given a configuration:
      """
      countries-of-concern = ["CN", "VN"]
      [flags.CN001]
      max_share = "17"
      """
    When the shipment is checked
    Then flag CN001 says "Materials from CN/VN are worth 319.50 USD, 17.27%"

  Scenario: A suppression keeps the finding, marked with its reason and owner
    Given a configuration:
      """
      [flags.CN001]
      max_share = "15"
      [[suppress]]
      rule = "CN001"
      good = "EM-750"
      reason = "Electrical steel sourcing moves to a US mill in Q1 2027 (PO 4471)"
      owner = "m.garcia@example.com"
      """
    When the shipment is checked
    Then flag CN001 is suppressed by "m.garcia@example.com"
