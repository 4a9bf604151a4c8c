Feature: Accumulation (USMCA Art. 4.11)
  Production in the Parties by several producers counts as one (19 U.S.C. 4531(e); SOR/2020-155
  s. 9). A producer may trace a non-originating material it bought from a producer in a Party
  through that producer's BOM (SOR s. 9(1), 9(7)(a)(ii)), or take off its VNM the amount its
  supplier's signed statement attributes to production in the Parties and originating inputs
  (SOR s. 9(2)(b); 19 U.S.C. 4531(d)(4)(B)).

  The bearings follow SOR/2020-155 s. 9(8) Example 1 figure for figure (samples/32). Producer A
  turns imported unfinished rings (8482.99, 0.75) into finished rings, still of 8482.99 and so
  not originating, and sells them for 1.50 to Producer B, who makes bearings of 8482.10 with
  0.45 of originating balls and cage. The rule for 8482.10 excludes rings of 8482.99.05 from
  the tariff shift, so the bearing needs an RVC of 50% (net cost) or 60% (transaction value).
  The Example states only the net cost method; the bearing is given the transaction value of
  Situation E, 3.00, so that both methods can be computed.

  Background:
    Given the USMCA rule set in force on 2026-11-09

  Scenario: Situation A: without accumulation the bought rings count in VNM at their price (SOR 9(8) Example 1, Situation A)
    # The Example prints 47.4%: 1.35 / 2.85 = 47.37% < 50%.
    Given a good "BRG-A", "Deep-groove ball bearing 6204", of subheading 8482.10 produced in MX
    And its transaction value is 3.00 USD
    And its net cost is 2.85 USD
    And its bill of materials:
      | part       | description                      | hs         | origin | status          | value |
      | RING-6204  | finished bearing rings, set       | 8482.99.05 | MX     | non-originating | 1.50  |
      | BALLS-CAGE | steel balls and cage              | 8482.91    | MX     | originating     | 0.45  |
    When the good is checked
    Then the good is not originating
    And material RING-6204 blocks the tariff shift under alternative A
    And the regional value content under the net cost method is (2.85 - 1.50) / 2.85 x 100 = 47.37%
    And the regional value content under the transaction value method is (3.00 - 1.50) / 3.00 x 100 = 50.00%

  Scenario: Situation B: the rings traced through Producer A's BOM leave only the imported unfinished rings in VNM (SOR 9(8) Example 1, Situation B; SOR 9(1), 9(7)(a)(ii))
    # Producer A's costs join Producer B's: net cost = 2.85 total cost - 0.10 excluded = 2.75.
    # VNM = the unfinished rings Producer A imported, 0.75. The Example prints 72.7%.
    Given a good "BRG-B", "Deep-groove ball bearing 6204", of subheading 8482.10 produced in MX
    And its transaction value is 3.00 USD
    And its net cost is 2.75 USD
    And its bill of materials:
      | part       | description                      | hs         | origin | status          | value |
      | RING-6204  | finished bearing rings, set       | 8482.99.05 | MX     | non-originating | 1.50  |
      | BALLS-CAGE | steel balls and cage              | 8482.91    | MX     | originating     | 0.45  |
    And supplier "Anillos del Bajio SA de CV" produced material RING-6204 in MX and lists its inputs in statement "AB-2026-030":
      | part      | description                         | hs         | origin | status          | value |
      | UNF-RING  | unfinished bearing rings, imported    | 8482.99.05 | JP     | non-originating | 0.75  |
      | SHIELD-ST | ring shields, stamped steel           | 7326.19    | MX     | originating     | 0.15  |
    When the good is checked
    Then the good is originating under criterion B
    And material RING-6204 is counted as traced, adding 0.00 USD to the value of non-originating materials
    And material UNF-RING is counted as non-originating, facing the tariff shift, adding 0.75 USD to the value of non-originating materials
    And material UNF-RING blocks the tariff shift under alternative A
    And the regional value content under the net cost method is (2.75 - 0.75) / 2.75 x 100 = 72.73%
    And the regional value content under the transaction value method is (3.00 - 0.75) / 3.00 x 100 = 75.00%

  Scenario: Situation C: Producer A's statement of 0.65 of regional value comes off the rings' value (SOR 9(8) Example 1, Situation C; SOR 9(2)(b))
    # Statement: net cost 1.40 - non-originating materials 0.75 = 0.65.
    # VNM = 1.50 - 0.65 = 0.85. The Example prints 70.2%.
    Given a good "BRG-C", "Deep-groove ball bearing 6204", of subheading 8482.10 produced in MX
    And its transaction value is 3.00 USD
    And its net cost is 2.85 USD
    And its bill of materials:
      | part       | description                      | hs         | origin | status          | value | regional value | statement                                      |
      | RING-6204  | finished bearing rings, set       | 8482.99.05 | MX     | non-originating | 1.50  | 0.65           | Anillos del Bajio statement AB-2026-031         |
      | BALLS-CAGE | steel balls and cage              | 8482.91    | MX     | originating     | 0.45  |                |                                                |
    When the good is checked
    Then the good is originating under criterion B
    And material RING-6204 is counted as non-originating, facing the tariff shift, adding 0.85 USD to the value of non-originating materials
    And the regional value content under the net cost method is (2.85 - 0.85) / 2.85 x 100 = 70.18%
    And the regional value content under the transaction value method is (3.00 - 0.85) / 3.00 x 100 = 71.67%

  Scenario: Situation D: a statement of only Producer A's other product costs, 0.35, still qualifies (SOR 9(8) Example 1, Situation D; SOR 9(2)(b))
    # VNM = 1.50 - 0.35 = 1.15. The Example prints 59.6%.
    Given a good "BRG-D", "Deep-groove ball bearing 6204", of subheading 8482.10 produced in MX
    And its transaction value is 3.00 USD
    And its net cost is 2.85 USD
    And its bill of materials:
      | part       | description                      | hs         | origin | status          | value | regional value | statement                                      |
      | RING-6204  | finished bearing rings, set       | 8482.99.05 | MX     | non-originating | 1.50  | 0.35           | Anillos del Bajio statement AB-2026-032         |
      | BALLS-CAGE | steel balls and cage              | 8482.91    | MX     | originating     | 0.45  |                |                                                |
    When the good is checked
    Then the good is originating under criterion B
    And the regional value content under the net cost method is (2.85 - 1.15) / 2.85 x 100 = 59.65%
    And the regional value content under the transaction value method is (3.00 - 1.15) / 3.00 x 100 = 61.67%

  Scenario: A supplier BOM from a producer outside the Parties is not applied (Art. 4.11(1); SOR 9(7)(a)(ii): production "entirely in the territory of one or more of the CUSMA countries")
    # The ring maker's BOM is from its plant in Japan: the rings count as bought, as in
    # Situation A: VNM 1.50, RVC (NC) = (2.85 - 1.50) / 2.85 = 47.37%.
    Given a good "BRG-J", "Deep-groove ball bearing 6204", of subheading 8482.10 produced in MX
    And its transaction value is 3.00 USD
    And its net cost is 2.85 USD
    And its bill of materials:
      | part       | description                      | hs         | origin | status          | value |
      | RING-6204  | finished bearing rings, set       | 8482.99.05 | JP     | non-originating | 1.50  |
      | BALLS-CAGE | steel balls and cage              | 8482.91    | MX     | originating     | 0.45  |
    And supplier "Osaka Ring Forging KK" produced material RING-6204 in JP and lists its inputs in statement "ORF-2026-7":
      | part      | description                         | hs         | origin | status          | value |
      | UNF-RING  | unfinished bearing rings             | 8482.99.05 | JP     | non-originating | 0.75  |
      | SHIELD-ST | ring shields, stamped steel           | 7326.19    | MX     | originating     | 0.15  |
    When the good is checked
    Then the good is not originating
    And material RING-6204 is counted as non-originating, facing the tariff shift, adding 1.50 USD to the value of non-originating materials
    And material RING-6204 is counted because "produced in JP, outside the Parties"
    And the regional value content under the net cost method is (2.85 - 1.50) / 2.85 x 100 = 47.37%
