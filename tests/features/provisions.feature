Feature: The chapter, heading and subheading rules beside the product-specific rules (GN 11(o))
  GN 11(o) prints, beside the rules, provisions that change how a rule applies. roo-check
  applies each one (rules/usmca/provisions.yaml); where the file cannot say whether a
  provision reaches a material, the good is decided both ways and a disagreement is "cannot
  decide", naming the datum.

  Background:
    Given the USMCA rule set in force on 2026-03-01

  Rule: Chapter 61 rule 1: "the rule applicable to that good shall only apply to the component that determines the tariff classification of the good"
    A ramie pullover of 6110.90 is knitted in Mexico from US ramie yarn; small woven polyester
    elbow patches from China (5407.61) are sewn on. The rule's exception names chapter 54, but
    the patches are not part of the knitted body that determines classification.

    Background:
      Given a good "RAM-PO-1", "Ramie pullover with woven elbow patches", of subheading 6110.90 produced in MX
      And its transaction value is 40.00 USD
      And it weighs 0.50 kg
      And its production steps are "knit to shape and sewn or otherwise assembled"

    Scenario: The patches lie outside the component that determines classification
      Given its bill of materials:
        | part   | hs      | origin | status          | value | component | weight | role          | formed and finished |
        | YARN   | 5308.90 | US     | originating     | 12.00 | yes       | 0.45   |               |                     |
        | PATCH  | 5407.61 | CN     | non-originating | 2.00  |           | 0.04   |               |                     |
        | THREAD | 5508.10 | MX     | originating     | 0.20  |           | 0.01   | sewing thread | yes                 |
      When the good is checked
      Then the good is originating under criterion B
      And the rule applied is PSR-6110.90

    Scenario: Without the component marked, the answer turns on it
      Given its bill of materials:
        | part   | hs      | origin | status          | value | weight | formed and finished |
        | YARN   | 5308.90 | US     | originating     | 12.00 | 0.45   |                     |
        | PATCH  | 5407.61 | CN     | non-originating | 2.00  | 0.04   |                     |
        | THREAD | 5508.10 | MX     | originating     | 0.20  | 0.01   | yes                 |
      When the good is checked
      Then the good cannot be decided for want of "classifying_component"

    Scenario: Chapter 61 rule 3: Chinese sewing thread makes the good not originating
      Given its bill of materials:
        | part   | hs      | origin | status          | value | component | weight |
        | YARN   | 5308.90 | US     | originating     | 12.00 | yes       | 0.48   |
        | THREAD | 5508.10 | CN     | non-originating | 0.20  |           | 0.01   |
      When the good is checked
      Then the good is not originating because "CN-61-3: THREAD not shown formed and finished in the territory"
      And by its rule alone the good meets criterion B

  Rule: Heading 9619: "shall be considered originating, notwithstanding the origin of ... rayon fiber, other than lyocell or acetate, of headings 5502, 5504, or 5507"
    Tampons made in the US from Austrian viscose staple fibre: the rule excepts chapter 55, the
    heading rule sets that origin aside.

    Background:
      Given a good "TMP-16", "Tampons, regular, box of 16", of subheading 9619.00 produced in US
      And its product kind is tampons
      And its transaction value is 10.00 USD
      And it weighs 0.10 kg

    Scenario: Viscose rayon fibre is disregarded
      Given its bill of materials:
        | part    | hs      | origin | status          | value | weight |
        | VISCOSE | 5504.10 | AT     | non-originating | 3.00  | 0.09   |
        | STRING  | 5607.50 | US     | originating     | 0.10  | 0.005  |
      When the good is checked
      Then the good is originating under criterion B

    Scenario: Fibre of 5504.90 must be stated not to be lyocell
      Given its bill of materials:
        | part   | hs      | origin | status          | value | weight |
        | FIBRE  | 5504.90 | AT     | non-originating | 3.00  | 0.09   |
        | STRING | 5607.50 | US     | originating     | 0.10  | 0.005  |
      When the good is checked
      Then the good cannot be decided for want of "product_kind"

  Rule: Subheading 0910.99: "subdivision (e)(i) of this note applies to nonoriginating thyme, bay leaves, or curry of subheading 0910.99 used in the production of mixtures of subheading 0910.99"
    For goods of chapters 1-27, de minimis does not reach a material of the good's own
    subheading (GN 11(e)(ii)); this subheading rule lets thyme, bay leaves and curry back in.

    Background:
      Given a good "HERB-MIX", "Herbes de Provence mixture", of subheading 0910.99 produced in MX
      And its product kind is mixture of spices
      And its transaction value is 100.00 USD

    Scenario: 5 % Spanish thyme is within de minimis
      Given its bill of materials:
        | part    | hs      | origin | status          | value | kind  |
        | THYME   | 0910.99 | ES     | non-originating | 5.00  | thyme |
        | OREGANO | 1211.90 | MX     | originating     | 30.00 |       |
      When the good is checked
      Then the good is originating under criterion B

    Scenario: 5 % Indian fenugreek is not one of the spices the rule names
      Given its bill of materials:
        | part    | hs      | origin | status          | value | kind      |
        | FENUG   | 0910.99 | IN     | non-originating | 5.00  | fenugreek |
        | OREGANO | 1211.90 | MX     | originating     | 30.00 |           |
      When the good is checked
      Then the good is not originating

  Rule: Chapter 84 rule 2: "the origin of each unit presented within a system shall be determined in accordance with the rule that would be applicable to such unit if it were presented separately"

    Scenario: A workstation system with a Chinese monitor
      Given a good "WS-SYS", "Workstation: processing unit and monitor", of subheading 8471.49 produced in MX
      And its transaction value is 1000.00 USD
      And its bill of materials:
        | part    | hs      | origin | status          | value  |
        | CPU     | 8471.50 | MX     | originating     | 600.00 |
        | MONITOR | 8528.52 | CN     | non-originating | 300.00 |
      When the good is checked
      Then the good is not originating because "units MONITOR are not originating"
