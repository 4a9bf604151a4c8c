Feature: Choosing the product-specific rule in force (GN 11(o); the evaluation date selects the rule)

  Scenario: An engine's rule depends on the vehicle it is for, and the rules disagree
    # RVC (NC) = (4,000 - 1,100) / 4,000 = 72.5%: under 75% for a passenger vehicle, enough
    # for the rule for other vehicles, so the vehicle must be stated
    Given the USMCA rule set in force on 2026-06-01
    And a good "ENG-2.0", "Spark-ignition engine, 1,998 cc", of subheading 8407.34 produced in MX
    And its net cost is 4,000.00 USD
    And its bill of materials:
      | part  | description | hs      | origin | status          | value    |
      | TURBO | turbocharger | 8414.80 | JP     | non-originating | 1,100.00 |
    When the good is checked
    Then the good cannot be decided for want of "end_use"

  Scenario: Without the vehicle stated, rules that all agree decide the engine
    # RVC (NC) = (4,000 - 300) / 4,000 = 92.5%: every vehicle's rule is met
    Given the USMCA rule set in force on 2026-06-01
    And a good "ENG-2.0", "Spark-ignition engine, 1,998 cc", of subheading 8407.34 produced in MX
    And its net cost is 4,000.00 USD
    And its bill of materials:
      | part  | description | hs      | origin | status          | value  |
      | TURBO | turbocharger | 8414.80 | JP     | non-originating | 300.00 |
    When the good is checked
    Then the good is originating under criterion B

  Scenario: The same engine for a passenger vehicle falls under the 75% net cost rule
    # Figures of reference notes section 7, Ex 7 (NC 4,000; VNM 300 + 200 + 450 = 950)
    Given the USMCA rule set in force on 2026-06-01
    And a good "ENG-2.0", "Spark-ignition engine, 1,998 cc", of subheading 8407.34 produced in MX
    And it is for use in a passenger vehicle
    And its net cost is 4,000.00 USD
    And its bill of materials:
      | part  | description  | hs      | origin | status          | value  |
      | TURBO | turbocharger | 8414.80 | JP     | non-originating | 300.00 |
      | CRANK | crankshaft   | 8483.10 | DE     | non-originating | 450.00 |
      | SENS  | sensors      | 9026.20 | CN     | non-originating | 200.00 |
    When the good is checked
    Then the good is originating under criterion B
    And the rule applied is PSR-8407.31-8407.34-PVLT
    And the regional value content is 76.25% under the net cost method

  Scenario: Tariff-item rules need the good's 8-digit tariff item
    Given the USMCA rule set in force on 2026-06-01
    And a good "TP-1", "Steam turbine part", of subheading 8406.90 produced in MX
    And its transaction value is 5,000.00 USD
    And its bill of materials:
      | part  | description        | hs      | origin | status          | value    |
      | BLANK | rotor blade blanks | 8406.90 | DE     | non-originating | 1,000.00 |
    When the good is checked
    Then the good cannot be decided for want of "tariff_item"

  Scenario Outline: A transformer before and after the 1 July 2025 rule change for 8504.21-8504.34
    Given the USMCA rule set in force on <date>
    And a good "TR-250", "Liquid-filled distribution transformer, 250 kVA", of subheading 8504.33 produced in MX
    And its transaction value is 10,000.00 USD
    And its net cost is 9,000.00 USD
    And its bill of materials:
      | part  | description                     | hs      | origin | status          | value   |
      | CORE  | grain-oriented electrical steel | 7225.11 | CN     | non-originating | 3900.00 |
      | BUSH  | porcelain bushings              | 8546.20 | CN     | non-originating | 900.00  |
    When the good is checked
    Then the rule applied is <rule>
    And the good is <verdict>

    Examples:
      | date       | rule                       | verdict                          |
      | 2025-03-01 | PSR-8504.21-8504.34-P1     | originating under criterion B    |
      | 2025-09-01 | PSR-8504.21-8504.34-P2     | not originating                  |
