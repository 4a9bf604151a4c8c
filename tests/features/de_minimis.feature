Feature: De minimis (USMCA Art. 4.12; 19 U.S.C. 4531(f))
  Non-originating materials that fail the tariff shift are disregarded when their value is
  not more than 10% of the good's adjusted transaction value (or total cost).

  Background:
    Given the USMCA rule set in force on 2026-11-10

  Scenario Outline: An excepted Chinese motor in a drilling machine (reference notes section 7, Ex 4)
    Given a good "DR-1", "Drilling machine", of subheading 8459.29 produced in MX
    And its transaction value is 6,000.00 USD
    And its bill of materials:
      | part  | description          | hs      | origin | status          | value   |
      | CAST  | iron castings        | 7325.10 | IN     | non-originating | 1200.00 |
      | MOTOR | three-phase motor    | 8501.52 | CN     | non-originating | <motor> |
    When the good is checked
    Then material MOTOR blocks the tariff shift under alternative A
    And de minimis <verdict> the good at <share>% of the transaction value

    Examples:
      | motor  | share | verdict       |
      | 900.00 | 15.00 | does not save |
      | 500.00 | 8.33  | saves         |
      | 600.00 | 10.00 | saves         |

  Scenario: A gasket component of the same heading, 8% then 12% (reference notes section 7, Ex 5)
    Given a good "GS-1", "Gasket set", of subheading 8484.10 produced in US
    And its transaction value is 100.00 USD
    And its bill of materials:
      | part     | description       | hs      | origin | status          | value |
      | GRAPHITE | graphite sheet    | 6815.19 | CN     | non-originating | 20.00 |
      | INSERT   | gasket insert     | 8484.10 | CN     | non-originating | 8.00  |
    When the good is checked
    Then the good is originating under criterion B
    And de minimis saves the good at 8.00% of the transaction value

  Scenario: The same gasket with a 12% component is not originating
    Given a good "GS-1", "Gasket set", of subheading 8484.10 produced in US
    And its transaction value is 100.00 USD
    And its bill of materials:
      | part     | description       | hs      | origin | status          | value |
      | GRAPHITE | graphite sheet    | 6815.19 | CN     | non-originating | 20.00 |
      | INSERT   | gasket insert     | 8484.10 | CN     | non-originating | 12.00 |
    When the good is checked
    Then the good is not originating
    And de minimis does not save the good at 12.00% of the transaction value
