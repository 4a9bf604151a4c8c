Feature: Non-qualifying operations: mere dilution (USMCA Art. 4.19)
  "A good shall not be considered to be an originating good merely by reason of (1) mere
  dilution with water or another substance that does not materially alter the characteristics
  of the good" (19 U.S.C. 4531(n)(1); SOR/2020-155 s. 11(a)). The law gives no Example.
  roo-check reads the producer's production steps: when dilution is all there is, alone or with
  only bottling, filling, packing, labelling or storing, the good is not originating whatever its
  rule says; with any other processing the good is decided by its rule.

  The good is windshield washer fluid of 3820.00, whose rule is (A) a change from any other
  subheading, or (B) no change in tariff classification with an RVC of 40% (transaction value)
  or 30% (net cost).

  Background:
    Given the USMCA rule set in force on 2026-10-02

  Rule: The washer fluid made from a Chinese concentrate of its own subheading meets its rule through the RVC
    No change of subheading (3820.00 to 3820.00), so alternative (A) fails; (B):
    RVC (TV) = (4.00 - 1.50) / 4.00 x 100 = 62.50% >= 40%; RVC (NC) = (3.60 - 1.50) / 3.60 = 58.33% >= 30%.

    Background:
      Given a good "WWF-4L", "Windshield washer fluid, -20 C, 4 l jug", of subheading 3820.00 produced in MX
      And its transaction value is 4.00 USD
      And its net cost is 3.60 USD
      And its bill of materials:
        | part       | description                        | hs      | origin | status          | value |
        | WASH-CONC  | washer fluid concentrate, bulk     | 3820.00 | CN     | non-originating | 1.50  |
        | JUG-4L     | HDPE jug with cap                  | 3923.30 | MX     | originating     | 0.40  |

    Scenario: Only dilution with water: not originating although the rule is met (19 U.S.C. 4531(n)(1); SOR 11(a))
      Given its production steps are "dilution with demineralised water"
      When the good is checked
      Then the good is not originating because "the only processing stated is mere dilution"
      And Art. 4.19 is not met because "dilution with demineralised water"
      And by its rule alone the good meets criterion B
      And the regional value content under the transaction value method is (4.00 - 1.50) / 4.00 x 100 = 62.50%

    Scenario: Dilution and bottling: bottling does not make the dilution more than mere dilution (19 U.S.C. 4531(n)(1); SOR 11(a))
      Given its production steps are "dilution with demineralised water; bottling; labelling"
      When the good is checked
      Then the good is not originating because "the only processing stated is mere dilution"
      And Art. 4.19 is not met because "dilution with demineralised water, bottling, labelling"

    Scenario: No production steps stated: dilution is not checked and the rule decides (Art. 4.19)
      When the good is checked
      Then the good is originating under criterion B
      And Art. 4.19 is not checked because "no production steps stated"

  Rule: With blending as well as dilution the good is decided by its rule
    Methanol of 2905.11 is blended with ethylene glycol, dye and surfactant before dilution.

    Scenario: Blended from methanol and diluted: the change of subheading makes it originating (Art. 4.19 does not apply; rule alternative A)
      Given a good "WWF-4L", "Windshield washer fluid, -20 C, 4 l jug", of subheading 3820.00 produced in MX
      And its transaction value is 4.00 USD
      And its net cost is 3.60 USD
      And its production steps are "blending with ethylene glycol, dye and surfactant; dilution with water; bottling"
      And its bill of materials:
        | part       | description                  | hs      | origin | status          | value |
        | METHANOL   | methanol                     | 2905.11 | TT     | non-originating | 1.20  |
        | MEG        | ethylene glycol              | 2905.31 | US     | originating     | 0.30  |
        | JUG-4L     | HDPE jug with cap            | 3923.30 | MX     | originating     | 0.40  |
      When the good is checked
      Then the good is originating under criterion B
      And alternative A is met
      And Art. 4.19 is met because "is stated with other processing"

    Scenario: Diluted and tested but short of its rule: not originating by its rule, not by Art. 4.19
      # Concentrate of the same subheading, so (B) decides: RVC (TV) = (4.00 - 2.80) / 4.00 = 30.00% < 40%;
      # RVC (NC) = (3.60 - 2.80) / 3.60 = 22.22% < 30%. Quality testing is processing beyond
      # dilution (so Art. 4.19 is met) but no process of GN 11(n)(iv). (Blending with ethylene
      # glycol would be "mixing or blending", GN 11(n)(iv)(D), and make the good originating:
      # see tests/unit/test_process_vocabulary.py.)
      Given a good "WWF-4L", "Windshield washer fluid, -20 C, 4 l jug", of subheading 3820.00 produced in MX
      And its transaction value is 4.00 USD
      And its net cost is 3.60 USD
      And its production steps are "dilution with water; quality testing; bottling"
      And its bill of materials:
        | part       | description                        | hs      | origin | status          | value |
        | WASH-CONC  | washer fluid concentrate, bulk     | 3820.00 | CN     | non-originating | 2.80  |
        | JUG-4L     | HDPE jug with cap                  | 3923.30 | MX     | originating     | 0.40  |
      When the good is checked
      Then the good is not originating because "no alternative met"
      And Art. 4.19 is met because "is stated with other processing"
      And the regional value content under the transaction value method is (4.00 - 2.80) / 4.00 x 100 = 30.00%
      And the regional value content under the net cost method is (3.60 - 2.80) / 3.60 x 100 = 22.22%
