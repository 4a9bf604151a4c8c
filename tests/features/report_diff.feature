Feature: Comparing two reports before a supplier's BOM change is accepted
  A CI gate on supplier BOMs checks the BOM as it was and as the supplier changed it, then
  compares the two JSON reports with "roo-check diff OLD.json NEW.json". Goods are matched by
  shipment and part number (two reports of one shipment each are matched whatever the folder
  names). A good got worse when its status fell (originating, then cannot decide, then not
  originating), when a finding at or above --fail-on appeared, or when its shipment could no
  longer be checked; the gate then exits 1. An RVC that moves but still passes is listed, not
  failed.

  Background:
    Given a JSON report "old.json" of sample "02-boiler-rvc"

  Scenario: The same report twice: nothing differs, the gate passes
    When I compare "old.json" with "old.json"
    Then the exit code is 0
    And the output says "1 good(s) compared: 0 worse, 0 better, 0 changed, 0 added, 0 removed; no good got worse"

  Scenario: The burner and the boiler tubes re-sourced from China make the boiler fail: exit 1
    # Transaction value 412,000.00 USD; non-originating materials 118,000.00 (drum kit) +
    # 9,800.00 (valves) = 127,800.00 before: RVC (412,000 - 127,800) / 412,000 = 68.98 %;
    # with the burner (36,500.00) and the tubes (44,000.00) they are 208,300.00: 49.44 %.
    Given a JSON report "new.json" of sample "02-boiler-rvc" where these materials come from China, not originating:
      | part_number |
      | BURNER-G    |
      | TUBES-SML   |
    When I compare "old.json" with "new.json"
    Then the exit code is 1
    And the line of good "WB-20" begins "WORSE"
    And the line of good "WB-20" says "status originating -> not-originating"
    And the line of good "WB-20" says "RVC (transaction value) 68.98% -> 49.44%"
    And the line of good "WB-20" says "finding CERT007 - -> [error] goods[0].origin_criterion"
    And the output says "a good got worse"

  Scenario: The change undone is an improvement, and the gate passes
    Given a JSON report "new.json" of sample "02-boiler-rvc" where these materials come from China, not originating:
      | part_number |
      | BURNER-G    |
      | TUBES-SML   |
    When I compare "new.json" with "old.json"
    Then the exit code is 0
    And the line of good "WB-20" begins "BETTER"
    And the line of good "WB-20" says "status not-originating -> originating"

  Scenario: One material re-sourced: the boiler still originates, its RVC fell, the gate passes
    # With the burner alone: (412,000 - 164,300) / 412,000 = 60.12 %, still at least 60 %.
    Given a JSON report "new.json" of sample "02-boiler-rvc" where these materials come from China, not originating:
      | part_number |
      | BURNER-G    |
    When I compare "old.json" with "new.json"
    Then the exit code is 0
    And the line of good "WB-20" begins "CHANGED"
    And the line of good "WB-20" says "RVC (transaction value) 68.98% -> 60.12%"

  Scenario: A new warning makes a good worse at the default level, not with --fail-on error
    Given a JSON report "new.json" of sample "02-boiler-rvc" with flag "CN001" at "warning" added to good "WB-20"
    When I compare "old.json" with "new.json"
    Then the exit code is 1
    And the line of good "WB-20" says "finding CN001 - -> [warning]"
    When I compare "old.json" with "new.json" with "--fail-on error"
    Then the exit code is 0

  Scenario: A BOM that can no longer be read makes its goods worse
    Given a JSON report "new.json" of sample "02-boiler-rvc" whose BOM lost its header
    When I compare "old.json" with "new.json"
    Then the exit code is 1
    And the output says "input errors none -> see the new report"

  Scenario: A file that is not a roo-check report is refused with one line
    Given a file "notes.json" holding:
      """
      {"tool": "excel", "shipments": []}
      """
    When I compare "old.json" with "notes.json"
    Then the exit code is 2
    And standard error is one line naming "notes.json" and "tool"

  Scenario: The comparison as JSON for a pipeline
    When I compare "old.json" with "old.json" with "-f json"
    Then the exit code is 0
    And the JSON comparison says worse is false with 1 good compared
