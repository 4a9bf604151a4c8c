Feature: Origin criteria A, B, C and D (USMCA Art. 4.2; 19 U.S.C. 4531(c))

  Background:
    Given the USMCA rule set in force on 2026-06-01

  Scenario: Produced exclusively from originating materials (criterion C)
    Given a good "EM-750", "AC motor", of subheading 8501.52 produced in MX
    And its transaction value is 1,850.00 USD
    And its bill of materials:
      | part    | description      | hs      | origin | status      | value  |
      | WIRE-CU | winding wire     | 8544.11 | MX     | originating | 265.00 |
      | HSG-AL  | housing          | 7616.99 | US     | originating | 142.00 |
    When the good is checked
    Then the good is originating under criterion C

  Scenario: Wholly obtained waste and scrap (criterion A is a declared fact)
    Given a good "SCRAP-PB", "Spent lead-acid accumulators collected in Mexico", of subheading 8549.11 produced in MX
    And it is declared wholly obtained: "4.3(j) waste and scrap from used goods collected in Mexico"
    When the good is checked
    Then the good is originating under criterion A

  Scenario: Parts classified with the good and 65% RVC (criterion D; reference notes section 7, Ex 10)
    Given a good "ST-5", "Steam turbine for marine propulsion", of subheading 8406.10 produced in MX
    And its transaction value is 2,000,000.00 USD
    And its bill of materials:
      | part  | description       | hs      | origin | status          | value     | part of good |
      | ROTOR | turbine rotor     | 8406.10 | DE     | non-originating | 700000.00 | yes          |
    When the good is checked
    Then the good is originating under criterion D
    And criterion B is not met because "no alternative met"
    And the regional value content is 65.00% under the transaction value method

  Scenario: Criterion D is not available for apparel (chapters 61-63)
    Given a good "TS-1", "Cotton T-shirt", of subheading 6109.10 produced in MX
    And its transaction value is 10.00 USD
    When the good is checked
    Then criterion D is not met because "not available for goods of chapters 61 through 63"

  Scenario: A good produced outside the USMCA territory is not originating
    Given a good "EM-750", "AC motor", of subheading 8501.52 produced in CN
    And its transaction value is 1,850.00 USD
    And its bill of materials:
      | part    | description  | hs      | origin | status      | value  |
      | WIRE-CU | winding wire | 8544.11 | MX     | originating | 265.00 |
    When the good is checked
    Then the good is not originating
    And criterion C is not met because "outside the territory"

  Scenario: A material of unknown status counts as non-originating
    Given a good "GS-1", "Gasket set", of subheading 8484.10 produced in US
    And its transaction value is 100.00 USD
    And its bill of materials:
      | part   | description   | hs      | origin | status  | value |
      | INSERT | gasket insert | 8484.10 |        | unknown | 40.00 |
    When the good is checked
    Then the good is not originating
    And criterion C is not met because "unknown status"
