Feature: Goods put up in sets (USMCA Art. 4.17)
  A set classified under GRI 3 is originating if each good in it is originating, or if the
  non-originating goods in it are worth not more than 10% of the value of the set
  (19 U.S.C. 4531(m); SOR/2020-155 s. 6(3)). The value of the set is its transaction value or
  net cost (SOR s. 6(4)); the set's product-specific rule is not applied ("notwithstanding the
  rules set forth in Annex 4-B"). SOR s. 6(5) gives Examples with shares, not amounts; the sets
  below put them in round figures.

  Background:
    Given the USMCA rule set in force on 2026-11-04

  Scenario: Paint set: brushes from a non-Party worth 4% of the set (SOR 6(5) Example 1)
    # samples/34. Non-originating goods: brushes 1.00 = 1.00 / 25.00 = 4.00% of the transaction
    # value (1.00 / 22.40 = 4.46% of the net cost), not more than 10%.
    Given a good "SET-ART", "Arts-and-crafts paint set in a wooden box", of subheading 3210.00 produced in MX
    And it is classified as a set under GRI 3
    And its transaction value is 25.00 USD
    And its net cost is 22.40 USD
    And its bill of materials:
      | part     | description                  | hs      | origin | status          | value |
      | PAINT-12 | acrylic colours, 12 tubes    | 3210.00 | MX     | originating     | 14.00 |
      | PAPER-A4 | watercolour paper pad        | 4802.56 | MX     | originating     | 5.00  |
      | BOX-PINE | reusable wooden box          | 4420.90 | US     | originating     | 5.00  |
      | BRUSH-3  | paint brushes, set of 3      | 9603.30 | CN     | non-originating | 1.00  |
    When the good is checked
    Then the good is originating under criterion B
    And the non-originating goods in the set are worth 1.00 USD, 4.00% of its transaction value
    And the non-originating goods in the set are worth 1.00 USD, 4.46% of its net cost

  Scenario: Shirt and tie set: a tie from a non-Party worth 13% of the set (SOR 6(5) Example 4)
    # Non-originating goods: tie 13.00 / 100.00 = 13.00% of the transaction value, more than 10%.
    Given a good "SHIRT-TIE", "Boys' woven cotton shirt with coordinating tie, for retail sale", of subheading 6205.20 produced in MX
    And it is classified as a set under GRI 3
    And its transaction value is 100.00 USD
    And its bill of materials:
      | part  | description                          | hs      | origin | status          | value |
      | SHIRT | boys' shirt, cotton/polyester, woven | 6205.20 | MX     | originating     | 87.00 |
      | TIE   | polyester woven tie                  | 6215.20 | CN     | non-originating | 13.00 |
    When the good is checked
    Then the good is not originating
    And the non-originating goods in the set are worth 13.00 USD, 13.00% of its transaction value

  Scenario Outline: The non-originating goods may be worth up to 10% of the set (SOR/2020-155 <example>)
    # <share>: <value> / 100.00 of the transaction value.
    Given a good "SET-1", "<set>", of subheading <hs> produced in MX
    And it is classified as a set under GRI 3
    And its transaction value is 100.00 USD
    And its bill of materials:
      | part   | description | hs           | origin | status          | value        |
      | MAIN   | <main>      | <hs>         | MX     | originating     | <main value> |
      | OTHER  | <other>     | <other hs>   | CN     | non-originating | <value>      |
    When the good is checked
    Then the good is originating under criterion B
    And the non-originating goods in the set are worth <value> USD, <share> of its transaction value

    Examples:
      | example                           | set                             | hs      | main                       | main value | other                     | other hs | value | share  |
      | s. 6(5) Example 3, pants set (8%) | Men's denim trousers with belt  | 6203.42 | men's cotton denim trousers | 92.00      | polyester webbing belt    | 6217.10  | 8.00  | 8.00%  |
      | s. 6(5) Example 5, chef set (9.7%) | Chef set: apron, gloves and hat | 6211.43 | apron and cooking gloves    | 90.30      | chef hat                  | 6505.00  | 9.70  | 9.70%  |
      | s. 6(3) and 19 U.S.C. 4531(m)(1)(B), exactly 10% ("does not exceed 10 percent") | Men's denim trousers with belt | 6203.42 | men's cotton denim trousers | 90.00 | polyester webbing belt | 6217.10 | 10.00 | 10.00% |

  Scenario: A good of the set that the shipment also lists is decided as a good of its own (Art. 4.17(a); SOR 6(2))
    # The set's BOM claims the paint originating, but the shipment also holds the paint as a good:
    # decided on its own, its organic pigments (3204.17, same chapter 32) fail the change of
    # chapter and de minimis 2.40 / 14.00 = 17.14% > 10%, so it is not originating.
    # Non-originating goods in the set: paint 14.00 + brushes 1.00 = 15.00 = 60.00% of 25.00.
    Given a good "SET-ART", "Arts-and-crafts paint set in a wooden box", of subheading 3210.00 produced in MX
    And it is classified as a set under GRI 3
    And its transaction value is 25.00 USD
    And its bill of materials:
      | part     | description                  | hs      | origin | status          | value |
      | PAINT-12 | acrylic colours, 12 tubes    | 3210.00 | MX     | originating     | 14.00 |
      | PAPER-A4 | watercolour paper pad        | 4802.56 | MX     | originating     | 5.00  |
      | BOX-PINE | reusable wooden box          | 4420.90 | US     | originating     | 5.00  |
      | BRUSH-3  | paint brushes, set of 3      | 9603.30 | CN     | non-originating | 1.00  |
    And the shipment also holds the good "PAINT-12", "Acrylic artists' colours, 12 tubes", of subheading 3210.00 produced in MX by "dispersion; milling; filling tubes" at a transaction value of 14.00 USD, made from:
      | part       | description               | hs      | origin | status          | value |
      | TIO2-W     | titanium dioxide pigment  | 2823.00 | CN     | non-originating | 0.16  |
      | ACRYL-BIND | acrylic binder            | 3906.90 | US     | non-originating | 1.20  |
      | ORG-PIG    | organic pigments          | 3204.17 | IN     | non-originating | 2.40  |
      | TUBES-AL   | aluminium tubes           | 7612.90 | MX     | originating     | 1.08  |
    When the shipment is checked
    Then the good is not originating
    And good PAINT-12 of the set counts as non-originating, "decided as a good of its own: not-originating"
    And good BRUSH-3 of the set counts as non-originating, "status claimed in the BOM: non-originating"
    And the non-originating goods in the set are worth 15.00 USD, 60.00% of its transaction value
