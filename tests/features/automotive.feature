Feature: The automotive appendix (USMCA Annex 4-B Appendix; SOR/2020-155 Part 6)
  A passenger vehicle, light truck or heavy truck is originating only if it meets its
  product-specific rule with the RVC threshold in force on the date (s. 13), its core parts
  originate (s. 14), at least 70% of its producer's steel and of its aluminum purchases are
  originating (s. 17) and its labour value content reaches the threshold (s. 18). Parts listed
  in Tables A.1 to E take staged RVC thresholds (s. 14, 15). Every figure is shown, with the
  threshold in force and the schedule it comes from.

  Scenario: A Table B principal part: the remanufactured water pump of SOR/2020-155 s. 4(4) Example 1
    # In July 2023 the s. 14(15)(d) threshold is 70% net cost: (1,000 - 280) / 1,000 = 72%.
    Given the USMCA rule set in force on 2023-07-15
    And a good "WP-R", "Remanufactured engine water pump", of subheading 8413.30 produced in MX
    And it is for use in a passenger vehicle
    And its net cost is 1,000.00 USD
    And its bill of materials:
      | part      | description                 | hs      | origin | status          | value  |
      | RECOVERED | recovered pump parts        | 8413.91 | MX     | originating     | 600.00 |
      | GASKETS   | gaskets                     | 8484.10 | MX     | originating     | 20.00  |
      | IMPELLER  | impeller and bearing kit    | 8413.91 | CN     | non-originating | 280.00 |
    When the good is checked
    Then the good is placed as a principal part (Table B) for a passenger vehicle
    And the threshold of AUTO-B-RVC is 70% net cost from 2023-07-01, citing "s. 14(15)(d)"
    And the regional value content is 72.00% under the net cost method

  Scenario Outline: A heavy-truck gear box either side of the July 1, 2027 step (s. 15(2), (4))
    # Net cost 6,000, non-originating 1,980: RVC (6,000 - 1,980) / 6,000 = 67.00%.
    Given the USMCA rule set in force on <date>
    And a good "GBX-HT12", "12-speed gear box for road tractors", of subheading 8708.40 produced in MX
    And it is for use in a heavy truck
    And its net cost is 6,000.00 USD
    And its bill of materials:
      | part       | description          | hs      | origin | status          | value   |
      | GEAR-SET   | machined gear set    | 8708.40 | MX     | originating     | 1450.00 |
      | CLUTCH-430 | clutch assembly      | 8708.93 | CN     | non-originating | 780.00  |
      | BRG-SET    | roller bearings      | 8482.20 | JP     | non-originating | 460.00  |
      | TCU-12     | control unit         | 8537.10 | DE     | non-originating | 740.00  |
    When the good is checked
    Then the good is placed as a heavy-truck engine, gear box or chassis (s. 15(4))
    And the threshold of AUTO-D-RVC is <threshold>% net cost from <step>, citing "<paragraph>"
    And the regional value content is 67.00% under the net cost method
    And the good is <verdict>

    Examples:
      | date       | threshold | step       | paragraph   | verdict         |
      | 2027-06-30 | 64        | 2024-07-01 | s. 15(2)(b) | originating     |
      | 2027-07-01 | 70        | 2027-07-01 | s. 15(2)(c) | not originating |

  Scenario: A heavy truck is placed by the HS 2012 code its HS 2022 code correlates to
    Given the USMCA rule set in force on 2026-11-25
    And a good "TR-8", "Road tractor for semi-trailers, diesel", of subheading 8701.21 produced in MX
    And its net cost is 98,000.00 USD
    And its bill of materials:
      | part   | description | hs      | origin | status      | value    |
      | ENGINE | engine      | 8408.20 | US     | originating | 21000.00 |
    When the good is checked
    Then the good is placed as a heavy truck
    And the threshold of AUTO-HT-RVC is 64% net cost from 2024-07-01, citing "8701.20 (b)"
    And check AUTO-LVC cannot be decided for want of "vehicles[].lvc"
    And the good cannot be decided for want of "steel_aluminum.steel"

  Scenario: A light truck whose HS 2022 code came from two HS 2012 categories needs the older code
    Given the USMCA rule set in force on 2026-11-25
    And a good "PU-H", "Hybrid diesel pick-up, 3.2 t", of subheading 8704.41 produced in MX
    And its net cost is 41,000.00 USD
    When the good is checked
    Then the good cannot be decided for want of "vehicles[].hs2012"

  Scenario: The sedan of samples/20 qualifies, every Part 6 check shown with its threshold
    When I run "roo-check check samples/20-sedan-qualifies --fail-on error"
    Then the exit code is 0
    And the output says "Automotive (SOR/2020-155 Part 6): passenger vehicle: MET"
    And the output says "AUTO-CORE-PARTS Core parts (Table A.2 column 1): MET"
    And the output says "77.00% of steel purchases originating (317,240,000.00 / 412,000,000.00 x 100) >= 70%"
    And the output says "73.00% of aluminum purchases originating"
    And the output says "LVC 41.54% = high-wage material and labour 31.54 points ((0.00 + 8,200.00) / 26,000.00 x 100) + technology 5.00 + assembly 5.00"
    And the output says "average base wage 128.40 MXN < 294.22 MXN: not a qualifying wage-rate plant"
    And the output says "schedule AUTO-PV-RVC: 66% from 2020-07-01 / 69% from 2021-07-01 / 72% from 2022-07-01 / 75% from 2023-07-01"
    And the output says "content (USD, transaction value 28,400.00): US 3,800.00, USMCA 15,250.00, non-USMCA 4,980.00"

  Scenario: The same sedan fails its labour value content when its suppliers pay below the wage rate
    When I run "roo-check check samples/21-sedan-fails-lvc"
    Then the exit code is 1
    And the output says "LVC 26.92% = high-wage material and labour 16.92 points"
    And the output says "not met (high-wage points 16.92 < 25; LVC 26.92% < 40%)"
    And the output says "average base wage 268.00 MXN < 294.22 MXN"

  Scenario: An electric vehicle with a Chinese traction battery fails the core parts requirement
    When I run "roo-check check samples/22-ev-battery-core-part"
    Then the exit code is 1
    And the output says "Advanced batteries (77 kWh lithium-ion traction battery pack): NOT MET"
    And the output says "the Schedule 1 change in tariff classification for 8507.60 is not met"
    And the output says "AUTO-PV-RVC Product-specific rule with the Part 6 RVC threshold: MET"

  Scenario: The gear box sample on its shipment date and after the 2027 step
    When I run "roo-check check samples/23-heavy-truck-gearbox-phase-in --fail-on error"
    Then the exit code is 0
    And the output says "net cost 64% [2024-07-01..2027-06-30]"
    When I run "roo-check check samples/23-heavy-truck-gearbox-phase-in --date 2027-07-01 --fail-on error"
    Then the exit code is 1
    And the output says "net cost 70% [2027-07-01..open]"
    And the output says "RVC (net cost) = (6,000.00 - 1,980.00) / 6,000.00 x 100 = 67.00% < 70%"

  Scenario: The schedules can be read without a shipment
    When I run "roo-check rules explain AUTO-D-RVC --date 2026-11-25"
    Then the exit code is 0
    And the output says "->      2024-07-01 .. 2027-06-30      64%"
