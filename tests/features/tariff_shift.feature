Feature: Tariff shift (USMCA Art. 4.2(b), Annex 4-B; HTSUS General Note 11(o))
  Every non-originating material must undergo the change in tariff classification the
  product-specific rule requires; a material of unknown status counts as non-originating.

  Background:
    Given the USMCA rule set in force on 2026-10-12

  Scenario: An electric motor qualifies by a change of heading
    Given a good "EM-750", "Three-phase AC induction motor, 7.5 kW", of subheading 8501.52 produced in MX
    And its transaction value is 1,850.00 USD
    And its net cost is 1,640.00 USD
    And its bill of materials:
      | part     | description                       | hs      | origin | status          | value  |
      | LAM-M19  | silicon electrical steel          | 7226.19 | CN     | non-originating | 310.00 |
      | WIRE-CU  | enamelled copper winding wire     | 8544.11 | MX     | originating     | 265.00 |
      | BRG-6205 | ball bearings                     | 8482.10 | JP     | non-originating | 38.00  |
      | HSG-AL   | aluminium housing casting         | 7616.99 | US     | originating     | 142.00 |
      | SHAFT-42 | rotor shaft                       | 8483.10 | MX     | originating     | 55.00  |
      | FAN-160  | plastic cooling fan               | 3926.90 | CN     | non-originating | 9.50   |
      | VARN-F   | impregnation varnish              | 3208.90 |        | unknown         | 12.00  |
    When the good is checked
    Then the good is originating under criterion B
    And the rule applied is PSR-8501
    And alternative A is met
    And the value of non-originating materials is 369.50 USD
    And the regional value content is 80.03% under the transaction value method
    And the regional value content is 77.47% under the net cost method

  Scenario: A Chinese printed circuit assembly blocks the change of heading of a control panel
    Given a good "CP-480", "Motor control panel, 480 V", of subheading 8537.10 produced in MX
    And its transaction value is 6,200.00 USD
    And its net cost is 5,600.00 USD
    And its bill of materials:
      | part      | description            | hs      | origin | status          | value   | kind                       |
      | PCA-MAIN  | controller board       | 8538.90 | CN     | non-originating | 2150.00 | printed circuit assemblies |
      | VFD-22K   | frequency drive module | 8504.40 | CN     | non-originating | 1380.00 |                            |
      | ENCL-IP54 | empty cabinet          | 8538.10 | MX     | originating     | 420.00  |                            |
      | CONT-40A  | contactors             | 8536.49 | DE     | non-originating | 380.00  |                            |
    When the good is checked
    Then the good is not originating
    And the rule applied is PSR-8537
    And material PCA-MAIN blocks the tariff shift under alternative A
    And alternative B is not met
    And the value of non-originating materials is 3,910.00 USD
    And the regional value content is 36.94% under the transaction value method
    And the regional value content is 30.18% under the net cost method

  Scenario: Materials from more than one of the listed groups block a machining centre
    Given a good "MC-600", "Vertical machining centre", of subheading 8457.10 produced in MX
    And its transaction value is 80,000.00 USD
    And its bill of materials:
      | part   | description           | hs      | origin | status          | value   |
      | MOTOR  | spindle servo motor   | 8501.52 | CN     | non-originating | 3000.00 |
      | CNC    | numerical controller  | 8537.10 | TW     | non-originating | 6000.00 |
      | SCREWS | ball screws           | 8483.40 | JP     | non-originating | 2000.00 |
    When the good is checked
    Then the good is not originating
    And material MOTOR blocks the tariff shift under alternative A
    And material CNC blocks the tariff shift under alternative A
    And de minimis does not save the good at 11.25% of the transaction value

  Scenario: A material from only one of the listed groups is allowed
    Given a good "MC-600", "Vertical machining centre", of subheading 8457.10 produced in MX
    And its transaction value is 80,000.00 USD
    And its bill of materials:
      | part   | description           | hs      | origin | status          | value   |
      | MOTOR  | spindle servo motor   | 8501.52 | CN     | non-originating | 3000.00 |
      | CNC    | numerical controller  | 8537.10 | MX     | originating     | 6000.00 |
      | SCREWS | ball screws           | 8483.40 | JP     | non-originating | 2000.00 |
    When the good is checked
    Then the good is originating under criterion B
    And alternative A is met

  Scenario: A turbine made from a turbine of the same group does not shift "outside that group"
    Given a good "ST-40", "Steam turbine, over 40 MW", of subheading 8406.81 produced in CA
    And its transaction value is 900,000.00 USD
    And its bill of materials:
      | part    | description                  | hs      | origin | status          | value     |
      | ST-CORE | smaller turbine module       | 8406.82 | DE     | non-originating | 300000.00 |
    When the good is checked
    Then the good is not originating
    And material ST-CORE blocks the tariff shift under alternative A

  Scenario: A material classified too coarsely to apply an "except from" list is not a silent pass
    Given a good "RD-1250", "Radial drilling machine", of subheading 8459.29 produced in MX
    And its transaction value is 24,500.00 USD
    And its bill of materials:
      | part    | description            | hs      | origin | status          | value   |
      | SPINDLE | spindle head, tariff item not stated | 8466.93 | CN | non-originating | 3800.00 |
    When the good is checked
    Then the good cannot be decided for want of "SPINDLE"
