Feature: What changes when the rules change
  "roo-check rules diff" lists the product-specific rules and thresholds added, removed or
  changed between two rule directories, or between two dates of one rule set; with --check it
  also checks a batch under both and lists the goods whose decision changes, exiting 1 when
  one got worse, as "roo-check diff" does.

  Scenario: The heavy-truck phase-in of July 1, 2027 between two dates of the bundled rules
    When I run "roo-check rules diff --date 2026-12-31 --date 2027-07-01"
    Then the exit code is 0
    And the output says "CHANGED automotive threshold AUTO-HT-RVC net_cost: heavy truck: net cost 64% from 2024-07-01 to 2027-06-30 -> heavy truck: net cost 70% from 2027-07-01"
    And the output says "CHANGED automotive threshold AUTO-D-RVC net_cost: heavy-truck principal parts (Table D): net cost 64%"
    And the output says "8 rule item(s) differ: 1 added, 1 removed, 6 changed"

  Scenario: A heavy-truck gear box that passes in 2026 fails from July 1, 2027
    # Net cost 6,000.00 USD, non-originating materials 1,980.00: RVC (6,000 - 1,980) / 6,000
    # = 67.00 %, at least the 64 % of SOR/2020-155 s. 15(2)(b), below the 70 % of s. 15(2)(c).
    When I run "roo-check rules diff --date 2026-12-31 --date 2027-07-01 --check samples/23-heavy-truck-gearbox-phase-in"
    Then the exit code is 1
    And the line of good "GBX-HT12" begins "WORSE"
    And the line of good "GBX-HT12" says "status originating -> not-originating"

  Scenario: A rule directory that raises the boiler rule's thresholds
    Given two copies of the bundled rules, the new one with rule "PSR-8402.11-8402.20" asking RVC 70 by transaction value and 66 by net cost
    When I compare the two rule directories checking samples "02-boiler-rvc" and "01-motor-tariff-shift"
    Then the exit code is 1
    And the output says "CHANGED product-specific rule PSR-8402.11-8402.20: (A) CTH | (B) CTH or from 8402.90 + RVC TV 60/NC 50 -> (A) CTH | (B) CTH or from 8402.90 + RVC TV 70/NC 66 [alternatives]"
    And the line of good "WB-20" begins "WORSE"
    And the output says "2 good(s) compared: 1 worse, 0 better, 0 changed, 0 added, 0 removed"

  Scenario: Nothing to compare is a usage error
    When I run "roo-check rules diff --date 2027-07-01"
    Then the exit code is 2
    And standard error is one line naming "two rule directories" and "two dates"
