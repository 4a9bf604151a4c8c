Feature: Intermediate materials (USMCA Art. 4.8)
  A producer may designate a sub-assembly it makes (a self-produced material) as an
  intermediate material (19 U.S.C. 4531(a)(6), (d)(9); SOR/2020-155 s. 8(6)-(10)). A designated
  sub-assembly is decided under its own rule; if it qualifies, it is an originating material of
  the good at its total cost and its non-originating inputs leave the good's VNM (SOR s.
  7(4)(b), 8(8)). Not designated, or not qualifying, it is looked through: its inputs are
  counted instead (SOR s. 7(5)(a), 8(7)(a)). Only one layer of designations that rely on an RVC
  is allowed (19 U.S.C. 4531(d)(9)(B); SOR s. 8(6), Examples 5 and 6).

  The bicycles follow SOR/2020-155 s. 8(28) Example 3, Situations B and C, figure for figure:
  the frame shop's costs are originating materials 1.00, non-originating materials 7.50, other
  product costs 1.50, period costs 0.50 (of which 0.20 excluded costs) and other costs 0.10:
  total cost 10.60, net cost 10.40. The bicycle adds non-originating materials 5.50 (rims, hubs,
  saddle of heading 8714), other product costs 6.50, period costs 0.50 (0.20 excluded) and other
  costs 0.10: total cost of the bicycle 10.60 + 12.60 = 23.20. The Example states only the net
  cost method; the bicycle is given a transaction value of 30.00 so that both methods the rule
  for 8712 allows (60% TV, 50% NC) can be computed.

  Background:
    Given the USMCA rule set in force on 2026-10-27

  Scenario: Situation B: the frame is not designated, so its non-originating tubes count in the bicycle's VNM (SOR 8(28) Example 3, Situation B; SOR 7(5)(a))
    # Net cost = total cost 23.20 - excluded costs (0.20 + 0.20) = 22.80.
    # VNM = tubes 7.50 + rims 2.50 + hubs 1.50 + saddle 1.50 = 13.00.
    # The Example prints 42.9% (truncated); 9.80 / 22.80 = 42.98%.
    Given a good "BK-B", "Trekking bicycle, frame not designated", of subheading 8712.00 produced in MX
    And its transaction value is 30.00 USD
    And its net cost is 22.80 USD
    And its bill of materials:
      | part     | parent   | description                          | hs      | origin | status          | value |
      | FRAME-T7 |          | bicycle frame, made in our frame shop | 8714.91 | MX     | non-originating | 10.60 |
      | TUBES-CM | FRAME-T7 | Cr-Mo steel tube set                 | 7304.31 | CN     | non-originating | 7.50  |
      | DROPOUTS | FRAME-T7 | dropouts and lugs                    | 7326.19 | US     | originating     | 1.00  |
      | RIMS-700 |          | rims, pair                           | 8714.92 | CN     | non-originating | 2.50  |
      | HUBS-QR  |          | hubs, pair                           | 8714.93 | TW     | non-originating | 1.50  |
      | SADDLE-G |          | saddle                               | 8714.95 | CN     | non-originating | 1.50  |
    When the good is checked
    Then the good is not originating
    And material FRAME-T7 is counted as look-through, adding 0.00 USD to the value of non-originating materials
    And material TUBES-CM is counted as non-originating, adding 7.50 USD to the value of non-originating materials
    And the regional value content under the net cost method is (22.80 - 13.00) / 22.80 x 100 = 42.98%
    And the regional value content under the transaction value method is (30.00 - 13.00) / 30.00 x 100 = 56.67%
    And material RIMS-700 blocks the tariff shift under alternative A

  Scenario: Situation C: the designated frame qualifies under its own rule and its inputs leave the bicycle's VNM (SOR 8(28) Example 3, Situation C; SOR 7(4)(b), 8(8))
    # The frame is an originating material at its total cost 10.60, so its 0.20 of excluded costs
    # are no longer excluded costs of the bicycle: net cost = 23.20 - 0.20 = 23.00.
    # VNM = rims 2.50 + hubs 1.50 + saddle 1.50 = 5.50. The Example prints 76.1%.
    Given a good "BK-C", "Trekking bicycle, frame designated", of subheading 8712.00 produced in MX
    And its transaction value is 30.00 USD
    And its net cost is 23.00 USD
    And its bill of materials:
      | part     | parent   | description                          | hs      | origin | status          | value | intermediate | net cost |
      | FRAME-T7 |          | bicycle frame, made in our frame shop | 8714.91 | MX     | non-originating | 10.60 | yes          | 10.40    |
      | TUBES-CM | FRAME-T7 | Cr-Mo steel tube set                 | 7304.31 | CN     | non-originating | 7.50  |              |          |
      | DROPOUTS | FRAME-T7 | dropouts and lugs                    | 7326.19 | US     | originating     | 1.00  |              |          |
      | RIMS-700 |          | rims, pair                           | 8714.92 | CN     | non-originating | 2.50  |              |          |
      | HUBS-QR  |          | hubs, pair                           | 8714.93 | TW     | non-originating | 1.50  |              |          |
      | SADDLE-G |          | saddle                               | 8714.95 | CN     | non-originating | 1.50  |              |          |
    When the good is checked
    Then the good is originating under criterion B
    And the designated intermediate material FRAME-T7 is originating under criterion B of its own rule PSR-8714-8715
    And its own regional value content under the net cost method is (10.40 - 7.50) / 10.40 x 100 = 27.88% (FRAME-T7)
    And the non-originating inputs of FRAME-T7, worth 7.50 USD, leave the value of non-originating materials
    And material FRAME-T7 is counted as originating, adding 0.00 USD to the value of non-originating materials
    And the regional value content under the net cost method is (23.00 - 5.50) / 23.00 x 100 = 76.09%
    And the regional value content under the transaction value method is (30.00 - 5.50) / 30.00 x 100 = 81.67%

  Scenario: A designated frame that fails its own rule is looked through (SOR 8(7)(a), 8(10); Example 3 figures)
    # The frame shop only paints a frame bought unfinished (8714.91 to 8714.91): no change of
    # heading, and 7.50 is far more than 10% of the frame, so the frame is not originating and
    # the bicycle counts it as in Situation B: VNM = 7.50 + 2.50 + 1.50 + 1.50 = 13.00.
    Given a good "BK-X", "Trekking bicycle, frame designated but not qualifying", of subheading 8712.00 produced in MX
    And its transaction value is 30.00 USD
    And its net cost is 22.80 USD
    And its bill of materials:
      | part      | parent   | description                             | hs      | origin | status          | value | intermediate | net cost |
      | FRAME-T7  |          | bicycle frame, painted in our frame shop | 8714.91 | MX     | non-originating | 10.60 | yes          | 10.40    |
      | FRAME-UNF | FRAME-T7 | bicycle frame, brazed, unpainted         | 8714.91 | TW     | non-originating | 7.50  |              |          |
      | DROPOUTS  | FRAME-T7 | dropouts and lugs                        | 7326.19 | US     | originating     | 1.00  |              |          |
      | RIMS-700  |          | rims, pair                               | 8714.92 | CN     | non-originating | 2.50  |              |          |
      | HUBS-QR   |          | hubs, pair                               | 8714.93 | TW     | non-originating | 1.50  |              |          |
      | SADDLE-G  |          | saddle                                   | 8714.95 | CN     | non-originating | 1.50  |              |          |
    When the good is checked
    Then the good is not originating
    And the designated intermediate material FRAME-T7 is not originating under its own rule PSR-8714-8715, so the designation falls
    And material FRAME-T7 is counted as look-through, adding 0.00 USD to the value of non-originating materials
    And material FRAME-UNF is counted as non-originating, adding 7.50 USD to the value of non-originating materials
    And the regional value content under the net cost method is (22.80 - 13.00) / 22.80 x 100 = 42.98%

  Scenario: Two designations one inside the other, both relying on an RVC, are an input error (SOR 8(28) Example 5; 19 U.S.C. 4531(d)(9)(B))
    # Material X (bearing BRG-X) is designated and qualifies only through its RVC:
    #   its rings of 8482.99.05 are excluded from the shift; RVC (NC) = (19.00 - 6.00) / 19.00 = 68.42%.
    # Material Y (motor MOTOR-Y), into which X goes, is designated too and qualifies only through
    #   its RVC: its stator of 8503.00.35 is excluded; RVC (NC) = (380.00 - 120.00) / 380.00 = 68.42%.
    # SOR 8(6) allows only one of the two to be designated.
    Given a good "PMP-500", "Centrifugal pump, 5 kW", of subheading 8413.70 produced in US
    And its transaction value is 1,000.00 USD
    And its net cost is 900.00 USD
    And its bill of materials:
      | part     | parent  | description                      | hs         | origin | status          | value  | intermediate | net cost |
      | MOTOR-Y  |         | electric motor, made in our plant | 8501.52    | US     | non-originating | 400.00 | yes          | 380.00   |
      | STATOR   | MOTOR-Y | wound stator                     | 8503.00.35 | CN     | non-originating | 120.00 |              |          |
      | BRG-X    | MOTOR-Y | ball bearing, made in our plant  | 8482.10    | US     | non-originating | 20.00  | yes          | 19.00    |
      | RINGS    | BRG-X   | unfinished bearing rings         | 8482.99.05 | JP     | non-originating | 6.00   |              |          |
      | BALLS    | BRG-X   | steel balls and cage             | 8482.91    | MX     | originating     | 4.00   |              |          |
      | HOUSING  | MOTOR-Y | motor housing                    | 7616.99    | US     | originating     | 60.00  |              |          |
      | CASING   |         | pump casing                      | 8413.91    | US     | originating     | 200.00 |              |          |
    When the good is checked for input errors
    Then the check stops with an input error on field "intermediate"
    And the input error says "intermediate materials MOTOR-Y"
    And the input error says "BRG-X"
    And the input error says "only one may be designated"

  Scenario: Designations side by side, neither inside the other, are allowed (SOR 8(28) Example 6)
    # The same motor and bearing, each used directly in the pump: both qualify through their RVC
    # (68.42% each, as above) and both are designated. Their non-originating inputs (120.00 and
    # 6.00) leave the pump's VNM, which is only the seal: 30.00.
    Given a good "PMP-600", "Centrifugal pump, 5 kW", of subheading 8413.70 produced in US
    And its transaction value is 1,000.00 USD
    And its net cost is 900.00 USD
    And its bill of materials:
      | part     | parent  | description                      | hs         | origin | status          | value  | intermediate | net cost |
      | MOTOR-Y  |         | electric motor, made in our plant | 8501.52    | US     | non-originating | 400.00 | yes          | 380.00   |
      | STATOR   | MOTOR-Y | wound stator                     | 8503.00.35 | CN     | non-originating | 120.00 |              |          |
      | HOUSING  | MOTOR-Y | motor housing                    | 7616.99    | US     | originating     | 60.00  |              |          |
      | BRG-X    |         | ball bearing, made in our plant  | 8482.10    | US     | non-originating | 20.00  | yes          | 19.00    |
      | RINGS    | BRG-X   | unfinished bearing rings         | 8482.99.05 | JP     | non-originating | 6.00   |              |          |
      | BALLS    | BRG-X   | steel balls and cage             | 8482.91    | MX     | originating     | 4.00   |              |          |
      | CASING   |         | pump casing                      | 8413.91    | US     | originating     | 200.00 |              |          |
      | SEAL     |         | mechanical seal                  | 8484.20    | CN     | non-originating | 30.00  |              |          |
    When the good is checked
    Then the good is originating under criterion B
    And the designated intermediate material MOTOR-Y is originating under criterion B of its own rule PSR-8501
    And its own regional value content under the net cost method is (380.00 - 120.00) / 380.00 x 100 = 68.42% (MOTOR-Y)
    And the designated intermediate material BRG-X is originating under criterion B of its own rule PSR-8482.10-8482.80
    And its own regional value content under the net cost method is (19.00 - 6.00) / 19.00 x 100 = 68.42% (BRG-X)
    And the regional value content under the net cost method is (900.00 - 30.00) / 900.00 x 100 = 96.67%
