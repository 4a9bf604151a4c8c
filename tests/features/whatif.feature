Feature: What if a supplier, a price or the date changes
  "roo-check whatif PATH... --set PART.FIELD=VALUE" checks the inputs as given and as changed
  and reports only what differs: goods that change status, criterion, alternative met, RVC
  figures or findings, with the reason on each side. The changed side may be checked on
  another date (--date) or under other rules (--rules); a scenario can be kept in a file.
  Exit 1 when a good got worse, as "roo-check diff" says it.

  Scenario: The burner and the boiler tubes re-sourced from China
    # Non-originating materials 127,800.00 USD as given, 208,300.00 as changed (+ 36,500.00
    # burner, + 44,000.00 tubes): RVC by transaction value (412,000 - 208,300) / 412,000 =
    # 49.44 %, below 60 %; by net cost (371,000 - 208,300) / 371,000 = 43.85 %, below 50 %.
    When I run "roo-check whatif samples/02-boiler-rvc --set BURNER-G.origin_status=non-originating --set BURNER-G.country_of_origin=CN --set TUBES-SML.origin_status=non-originating --set TUBES-SML.country_of_origin=CN"
    Then the exit code is 1
    And the line of good "WB-20" begins "WORSE"
    And the line of good "WB-20" says "RVC (transaction value) 68.98% -> 49.44%; RVC (net cost) 65.55% -> 43.85%"
    And the line of good "WB-20" says "reason Originating under criterion B: PSR-8402.11-8402.20 met under alternative B"
    And the line of good "WB-20" says "-> Not originating: PSR-8402.11-8402.20: no alternative met"

  Scenario: The heavy-truck phase-in of July 1, 2027 as a what-if
    # RVC by net cost 67.00 %: at least 64 % until June 30, 2027, below 70 % from July 1.
    When I run "roo-check whatif samples/23-heavy-truck-gearbox-phase-in --date 2027-07-01"
    Then the exit code is 1
    And the output says "as given -> as changed (0 change(s), on 2027-07-01)"
    And the line of good "GBX-HT12" says "status originating -> not-originating"

  Scenario: A scenario kept in a file
    Given a file "burner-from-china.yaml" holding:
      """
      note: Burner from Shenzhen instead of Ohio (quote Q-2211)
      set:
        BURNER-G:
          origin_status: non-originating
          country_of_origin: CN
      """
    When I run the what-if of sample "02-boiler-rvc" with the scenario "burner-from-china.yaml"
    Then the exit code is 0
    And the line of good "WB-20" begins "CHANGED"
    And the line of good "WB-20" says "RVC (transaction value) 68.98% -> 60.12%"

  Scenario: No change, no difference
    When I run "roo-check whatif samples/02-boiler-rvc samples/23-heavy-truck-gearbox-phase-in"
    Then the exit code is 0
    And the output says "2 good(s) compared: 0 worse, 0 better, 0 changed, 0 added, 0 removed; no good got worse"

  Scenario: A change the file could not hold is refused with one line
    When I run "roo-check whatif samples/02-boiler-rvc --set BURNER-G.country_of_origin=XX"
    Then the exit code is 2
    And standard error is one line naming "BURNER-G" and "not an ISO 3166 country code"

  Scenario: A part number no input has is refused
    When I run "roo-check whatif samples/02-boiler-rvc --set BURNR-G.country_of_origin=CN"
    Then the exit code is 2
    And standard error is one line naming "BURNR-G.country_of_origin" and "no material or good"
