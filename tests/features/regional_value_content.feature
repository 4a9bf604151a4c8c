Feature: Regional value content (USMCA Art. 4.5)
  RVC(TV) = (TV - VNM) / TV x 100 and RVC(NC) = (NC - VNM) / NC x 100, compared unrounded
  with the rule's threshold ("not less than"); both are shown when both can be computed.

  Background:
    Given the USMCA rule set in force on 2026-10-02

  Scenario: A boiler qualifies only through the RVC alternative
    # Reference notes section 7, Ex 2, with the figures of samples/02-boiler-rvc
    Given a good "WB-20", "Watertube steam boiler, 20 t/h", of subheading 8402.12 produced in MX
    And its transaction value is 412,000.00 USD
    And its net cost is 371,000.00 USD
    And its bill of materials:
      | part      | description             | hs      | origin | status          | value     |
      | DRUM-KIT  | drum and tube panels    | 8402.90 | CN     | non-originating | 118000.00 |
      | BURNER-G  | gas burner              | 8416.20 | US     | originating     | 36500.00  |
      | VALV-SAF  | safety valves           | 8481.40 | IT     | non-originating | 9800.00   |
    When the good is checked
    Then the good is originating under criterion B
    And the rule applied is PSR-8402.11-8402.20
    And material DRUM-KIT blocks the tariff shift under alternative A
    And alternative B is met
    And the value of non-originating materials is 127,800.00 USD
    And the regional value content is 68.98% under the transaction value method
    And the regional value content is 65.55% under the net cost method

  Scenario: Both methods fall short (reference notes section 7, Ex 3)
    Given a good "B-10", "Steam boiler", of subheading 8402.11 produced in MX
    And its transaction value is 10,000.00 USD
    And its net cost is 8,200.00 USD
    And its bill of materials:
      | part   | description  | hs      | origin | status          | value   |
      | PARTS  | boiler parts | 8402.90 | CN     | non-originating | 3500.00 |
      | VALVES | valves       | 8481.80 | KR     | non-originating | 800.00  |
    When the good is checked
    Then the good is not originating
    And the regional value content is 57.00% under the transaction value method
    And the regional value content is 47.56% under the net cost method

  Scenario: A method the rule allows cannot be computed, so the good cannot be decided
    Given a good "B-10", "Steam boiler", of subheading 8402.11 produced in MX
    And its transaction value is 10,000.00 USD
    And its bill of materials:
      | part   | description  | hs      | origin | status          | value   |
      | PARTS  | boiler parts | 8402.90 | CN     | non-originating | 3500.00 |
      | VALVES | valves       | 8481.80 | KR     | non-originating | 800.00  |
    When the good is checked
    Then the good cannot be decided for want of "net_cost"

  Scenario: A gear box for a passenger vehicle needs 75% under the net cost method, no shift
    Given a good "GB-6AT", "6-speed automatic transmission", of subheading 8708.40 produced in MX
    And it is for use in a passenger vehicle
    And its transaction value is 1,690.00 USD
    And its net cost is 1,450.00 USD
    And its bill of materials:
      | part     | description                | hs      | origin | status          | value  |
      | GEARSET  | planetary gear sets        | 8483.40 | MX     | originating     | 310.00 |
      | TCU-01   | transmission control unit  | 8537.10 | CN     | non-originating | 140.00 |
      | BRG-SET  | bearings                   | 8482.10 | JP     | non-originating | 45.00  |
      | SOL-PACK | shift solenoid valves      | 8481.80 | DE     | non-originating | 95.00  |
      | SEAL-KIT | seals                      | 4016.93 | CN     | non-originating | 12.00  |
      | CASE-AL  | transmission case          | 8708.40 | MX     | originating     | 260.00 |
    When the good is checked
    Then the good is originating under criterion B
    And the rule applied is PSR-8708.40-PVLT
    And the regional value content is 79.86% under the net cost method
