Feature: Fungible materials (USMCA Art. 4.13)
  Where originating and non-originating units of one material are mixed in stock, the
  inventory management method the producer chose for the fiscal year says which units a good
  used (19 U.S.C. 4531(g); SOR/2020-155 s. 8(18)-(19), Schedule 8). The stock records below are
  those of SOR/2020-155 Schedule 8, Appendix A, with its assumptions: one unit of Material A
  goes into one unit of Good A, and every other material of Good A is originating. Each shipment
  of Good A is a lot drawn from stock by a withdrawal of its own (A-0110 is the 100 units
  shipped on 01/10/21, and so on). The opening inventory (200 units on 01/01/21) is entered as
  the receipts that make it up, dated when received (Schedule 8 s. 9).

  Good A is enamelled copper wire of 8544.11 made from copper wire of 7408.11, which the rule
  excludes from the tariff shift of (A): a unit of Good A with non-originating copper needs
  de minimis or the RVC of (B), 60% (transaction value) or 50% (net cost). Per unit of Good A:
  transaction value 2.00, net cost 1.80, enamel 0.20 (originating). The non-originating value
  per unit is the lot's non-originating value divided by its units.

  Background:
    Given the USMCA rule set in force on 2021-01-25
    And the stock records of material MAT-A for the fiscal year from 2021-01-01:
      | date       | movement   | quantity | unit value | origin          | good   |
      | 2020-12-18 | opening    | 100      | 1.00       | originating     |        |
      | 2020-12-27 | opening    | 100      | 1.10       | non-originating |        |
      | 2021-01-01 | receipt    | 1,000    | 1.00       | originating     |        |
      | 2021-01-05 | receipt    | 1,000    | 1.10       | non-originating |        |
      | 2021-01-10 | withdrawal | 100      |            |                 | A-0110 |
      | 2021-01-10 | receipt    | 1,000    | 1.05       | originating     |        |
      | 2021-01-15 | withdrawal | 700      |            |                 | A-0115 |
      | 2021-01-16 | receipt    | 2,000    | 1.10       | non-originating |        |
      | 2021-01-20 | withdrawal | 1,000    |            |                 | A-0120 |
      | 2021-01-23 | withdrawal | 900      |            |                 | A-0123 |

  Scenario Outline: FIFO: the units first received are the first withdrawn (Schedule 8 Appendix A, Example 1 (<step>))
    # Non-originating value per unit = <value> / <units>; RVC (TV) = (2.00 - that) / 2.00 x 100.
    Given the producer manages that stock by the FIFO method
    And a good "<lot>", "Good A: enamelled copper wire, one unit", of subheading 8544.11 produced in MX
    And its transaction value is 2.00 USD
    And its net cost is 1.80 USD
    And its bill of materials:
      | part   | description          | hs      | origin | status      | value |
      | MAT-A  | copper wire, 1 unit   | 7408.11 |        | fungible    | 1.05  |
      | ENAMEL | wire enamel           | 3208.90 | US     | originating | 0.20  |
    When the good is checked
    Then of the <units> units of MAT-A withdrawn under FIFO, <originating> are originating and <non-originating> non-originating, worth <value> USD
    And the good is originating under criterion <criterion>
    And the regional value content is <rvc>% under the transaction value method

    Examples:
      | step | lot    | units | originating | non-originating | value  | criterion | rvc    |
      | 1    | A-0110 | 100   | 100.00      | 0.00            | 0.00   | C         | 100.00 |
      | 2    | A-0115 | 700   | 600.00      | 100.00          | 110.00 | B         | 92.14  |
      | 3    | A-0120 | 1,000 | 400.00      | 600.00          | 660.00 | B         | 67.00  |
      | 4    | A-0123 | 900   | 500.00      | 400.00          | 440.00 | B         | 75.56  |

  Scenario Outline: LIFO: the units last received are the first withdrawn (Schedule 8 Appendix A, Example 2 (<step>))
    # As in the Example, Good A is originating only if the copper it used is: with non-originating
    # copper, RVC (TV) = (2.00 - 1.10) / 2.00 = 45.00% < 60% and de minimis 1.10 / 2.00 = 55% > 10%.
    Given the producer manages that stock by the LIFO method
    And a good "<lot>", "Good A: enamelled copper wire, one unit", of subheading 8544.11 produced in MX
    And its transaction value is 2.00 USD
    And its net cost is 1.80 USD
    And its bill of materials:
      | part   | description          | hs      | origin | status      | value |
      | MAT-A  | copper wire, 1 unit   | 7408.11 |        | fungible    | 1.05  |
      | ENAMEL | wire enamel           | 3208.90 | US     | originating | 0.20  |
    When the good is checked
    Then of the <units> units of MAT-A withdrawn under LIFO, <originating> are originating and <non-originating> non-originating, worth <value> USD
    And the good is <verdict>

    Examples:
      | step | lot    | units | originating | non-originating | value    | verdict                         |
      | 1    | A-0110 | 100   | 0.00        | 100.00          | 110.00   | not originating                 |
      | 2    | A-0115 | 700   | 700.00      | 0.00            | 0.00     | originating under criterion C   |
      | 3    | A-0120 | 1,000 | 0.00        | 1,000.00        | 1,100.00 | not originating                 |
      | 4    | A-0123 | 900   | 0.00        | 900.00          | 990.00   | not originating                 |

  Scenario Outline: Average: the non-originating share of the stock before each withdrawal (Schedule 8 s. 8; Appendix A, Example 3 (<step>))
    # Step (1) is exact in the Example: 1,100 / 2,200 = 50%; 100 x 1.05 x 50% = 52.50.
    # From step (2) on the Example multiplies by ratios and unit values rounded to two places
    # (0.34 x 1.05 gives 238 units and 249.90; 0.64 x 1.07 gives 640 and 684.80, 576 and 616.32).
    # The provision prevails over the Example (SOR s. 1(4)); exactly:
    #   (2) 1,050 / 3,100 = 33.87%: 700 x 1,050 / 3,100 = 237.10 units, worth 700 x 33.87% x 3,255 / 3,100 = 248.95
    #   (3) 2,812.90 / 4,400 = 63.93%: 639.30 units, worth 1,000 x 63.93% x 4,720 / 4,400 = 685.79
    #   (4) the same share: 575.37 units, worth 617.21
    Given the producer manages that stock by the average method
    And a good "<lot>", "Good A: enamelled copper wire, one unit", of subheading 8544.11 produced in MX
    And its transaction value is 2.00 USD
    And its net cost is 1.80 USD
    And its bill of materials:
      | part   | description          | hs      | origin | status      | value |
      | MAT-A  | copper wire, 1 unit   | 7408.11 |        | fungible    | 1.05  |
      | ENAMEL | wire enamel           | 3208.90 | US     | originating | 0.20  |
    When the good is checked
    Then of the <units> units of MAT-A withdrawn under the average method, <originating> are originating and <non-originating> non-originating, worth <value> USD
    And the non-originating share of the stock before the withdrawal is <share>%
    And the good is originating under criterion B
    And the regional value content is <rvc>% under the transaction value method

    Examples:
      | step | lot    | units | originating | non-originating | value  | share | rvc   |
      | 1    | A-0110 | 100   | 50.00       | 50.00           | 52.50  | 50.00 | 73.75 |
      | 2    | A-0115 | 700   | 462.90      | 237.10          | 248.95 | 33.87 | 82.22 |
      | 3    | A-0120 | 1,000 | 360.70      | 639.30          | 685.79 | 63.93 | 65.71 |
      | 4    | A-0123 | 900   | 324.63      | 575.37          | 617.21 | 63.93 | 65.71 |

  Scenario: A lot with no withdrawal of its own draws its BOM quantity on its production date (Schedule 8 s. 1, FIFO)
    # Produced on 2021-01-18: under FIFO the first units still in stock are 400 of the
    # 1,000 originating units received on 2021-01-01, so its one unit is originating.
    Given the producer manages that stock by the FIFO method
    And a good "A-0118", "Good A: enamelled copper wire, one unit", of subheading 8544.11 produced in MX
    And its production date is 2021-01-18
    And its transaction value is 2.00 USD
    And its net cost is 1.80 USD
    And its bill of materials:
      | part   | description          | hs      | origin | status      | value |
      | MAT-A  | copper wire, 1 unit   | 7408.11 |        | fungible    | 1.05  |
      | ENAMEL | wire enamel           | 3208.90 | US     | originating | 0.20  |
    When the good is checked
    Then of the 1 units of MAT-A withdrawn under FIFO, 1.00 are originating and 0.00 non-originating, worth 0.00 USD
    And the good is originating under criterion C

  Scenario: Produced outside the fiscal year the records cover: the method of that year is not stated, so it cannot be decided (Art. 4.13(3); 19 U.S.C. 4531(g)(3); SOR 8(19))
    # With originating copper the unit is originating (criterion C); with non-originating copper
    # it is not (RVC (TV) = (2.00 - 1.05) / 2.00 = 47.50% < 60%). The answer turns on the share.
    Given the producer manages that stock by the FIFO method
    And a good "A-2201", "Good A: enamelled copper wire, one unit", of subheading 8544.11 produced in MX
    And its production date is 2022-01-12
    And its transaction value is 2.00 USD
    And its net cost is 1.80 USD
    And its bill of materials:
      | part   | description          | hs      | origin | status      | value |
      | MAT-A  | copper wire, 1 unit   | 7408.11 |        | fungible    | 1.05  |
      | ENAMEL | wire enamel           | 3208.90 | US     | originating | 0.20  |
    When the good is checked
    Then the good cannot be decided for want of "inventory.csv fiscal_year_start"
    And the stock records cannot give the share of MAT-A because "outside the fiscal year 2021-01-01 to 2021-12-31"

  Scenario: A fungible material without stock records cannot be split, and here the answer turns on it (Art. 4.13)
    Given a good "A-0120", "Good A: enamelled copper wire, one unit", of subheading 8544.11 produced in MX
    And its transaction value is 2.00 USD
    And its net cost is 1.80 USD
    And its bill of materials:
      | part   | description          | hs      | origin | status      | value |
      | MAT-A  | copper wire, 1 unit   | 7408.11 |        | fungible    | 1.05  |
      | ENAMEL | wire enamel           | 3208.90 | US     | originating | 0.20  |
    When the good is checked
    Then the good cannot be decided for want of "material MAT-A (row 2): inventory.csv"
