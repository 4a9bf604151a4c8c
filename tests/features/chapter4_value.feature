Feature: Net cost from total cost, and the value of non-originating materials (USMCA Art. 4.5, 4.7)
  Net cost is total cost minus sales promotion, marketing and after-sales service costs,
  royalties, shipping and packing costs and non-allowable interest (Art. 4.5; 19 U.S.C.
  4531(a)(8); SOR/2020-155 s. 7(11)). Freight, insurance and packing to the producer, duties,
  taxes and brokerage paid in a Party, and waste and spoilage included in a non-originating
  material's value may be deducted from it (Art. 4.7; 19 U.S.C. 4531(d)(10); SOR s. 8(2)), but
  only with documentary evidence of the amount (SOR s. 8(3)).

  The good is a pump of 8413.70 whose Chinese casing (8413.91) fails the change of heading of
  alternative (A), so it needs the RVC of (B): 60% (transaction value) or 50% (net cost), the
  50% of SOR s. 7(22) Example 4.

  Background:
    Given the USMCA rule set in force on 2026-11-17

  Scenario: Net cost from total cost: total cost 100.00 minus excluded costs 12.00 is 88.00 (SOR 7(22) Example 4)
    # Excluded costs: sales promotion 5.00 + royalties 2.50 + shipping and packing 3.00 +
    # non-allowable interest 1.50 = 12.00. The Example prints 54.5%: 48 / 88 = 54.55% >= 50%.
    Given a good "GOOD-A", "Good A of Example 4: centrifugal pump", of subheading 8413.70 produced in MX
    And its total cost is 100.00 USD
    And its sales promotion, marketing and after-sales service costs are 5.00 USD
    And its royalties are 2.50 USD
    And its shipping and packing costs are 3.00 USD
    And its non-allowable interest costs are 1.50 USD
    And its bill of materials:
      | part     | description                   | hs      | origin | status          | value |
      | CASING   | pump casing (non-originating) | 8413.91 | CN     | non-originating | 40.00 |
      | MOTOR    | motor (originating)           | 8501.52 | US     | originating     | 30.00 |
    When the good is checked
    Then the good is originating under criterion B
    And the net cost is the total cost 100.00 minus the excluded costs 12.00 = 88.00 USD
    And the regional value content under the net cost method is (88.00 - 40.00) / 88.00 x 100 = 54.55%

  Scenario: The excluded costs come off the base: a good that would pass on its total cost fails on its net cost (Art. 4.5; SOR 7(11)(a))
    # The same good with a casing of 46.00: on total cost (100.00 - 46.00) / 100.00 = 54% would
    # pass 50%, but on net cost (88.00 - 46.00) / 88.00 = 47.73% does not. Its transaction value
    # of 100.00 gives (100.00 - 46.00) / 100.00 = 54.00% < 60%.
    Given a good "GOOD-A", "Good A of Example 4 with a dearer casing", of subheading 8413.70 produced in MX
    And its transaction value is 100.00 USD
    And its total cost is 100.00 USD
    And its sales promotion, marketing and after-sales service costs are 5.00 USD
    And its royalties are 2.50 USD
    And its shipping and packing costs are 3.00 USD
    And its non-allowable interest costs are 1.50 USD
    And its bill of materials:
      | part     | description                   | hs      | origin | status          | value |
      | CASING   | pump casing (non-originating) | 8413.91 | CN     | non-originating | 46.00 |
      | MOTOR    | motor (originating)           | 8501.52 | US     | originating     | 30.00 |
    When the good is checked
    Then the good is not originating
    And the net cost is the total cost 100.00 minus the excluded costs 12.00 = 88.00 USD
    And the regional value content under the net cost method is (88.00 - 46.00) / 88.00 x 100 = 47.73%
    And the regional value content under the transaction value method is (100.00 - 46.00) / 100.00 x 100 = 54.00%

  Scenario: Deductions backed by documents reduce the casing's value in VNM (Art. 4.7; 19 U.S.C. 4531(d)(10); SOR 8(2))
    # Casing 46.00 as landed, of which freight 3.00, duties 1.50 and waste 1.50 = 6.00 deducted:
    # VNM = 40.00. RVC (NC) = 48.00 / 88.00 = 54.55%; RVC (TV) = 70.00 / 110.00 = 63.64%.
    Given a good "PMP-88", "Centrifugal pump", of subheading 8413.70 produced in MX
    And its transaction value is 110.00 USD
    And its net cost is 88.00 USD
    And its bill of materials:
      | part     | description                   | hs      | origin | status          | value | freight | duties | waste | deduction evidence                               |
      | CASING   | pump casing, landed           | 8413.91 | CN     | non-originating | 46.00 | 3.00    | 1.50   | 1.50  | carrier invoice FX-118; pedimento 26-24-3197-6001 |
      | MOTOR    | motor                         | 8501.52 | US     | originating     | 30.00 |         |        |       |                                                  |
    When the good is checked
    Then the good is originating under criterion B
    And the deduction of 3.00 USD for freight, insurance, packing and transport to the producer from material CASING is made
    And the deduction of 1.50 USD for non-recoverable duties and taxes from material CASING is made
    And the deduction of 1.50 USD for waste and spoilage from material CASING is made
    And material CASING is counted as non-originating, facing the tariff shift, adding 40.00 USD to the value of non-originating materials
    And the regional value content under the net cost method is (88.00 - 40.00) / 88.00 x 100 = 54.55%
    And the regional value content under the transaction value method is (110.00 - 40.00) / 110.00 x 100 = 63.64%

  Scenario: Without documentary evidence no deduction is made (SOR 8(3))
    # VNM stays 46.00: RVC (NC) = 42.00 / 88.00 = 47.73% < 50%; RVC (TV) = 64.00 / 110.00 = 58.18% < 60%.
    Given a good "PMP-88", "Centrifugal pump", of subheading 8413.70 produced in MX
    And its transaction value is 110.00 USD
    And its net cost is 88.00 USD
    And its bill of materials:
      | part     | description                   | hs      | origin | status          | value | freight | duties | waste | deduction evidence |
      | CASING   | pump casing, landed           | 8413.91 | CN     | non-originating | 46.00 | 3.00    | 1.50   | 1.50  |                    |
      | MOTOR    | motor                         | 8501.52 | US     | originating     | 30.00 |         |        |       |                    |
    When the good is checked
    Then the good is not originating
    And the deduction of 3.00 USD for freight, insurance, packing and transport to the producer from material CASING is not made
    And material CASING is counted as non-originating, facing the tariff shift, adding 46.00 USD to the value of non-originating materials
    And the regional value content under the net cost method is (88.00 - 46.00) / 88.00 x 100 = 47.73%
    And the regional value content under the transaction value method is (110.00 - 46.00) / 110.00 x 100 = 58.18%

  Scenario: The value de minimis weighs is the value after the Art. 4.7 deductions (19 U.S.C. 4531(d)(8), (d)(10))
    # The Chinese casing of the pump's own heading fails (A)'s tariff shift. Landed at 11.00
    # (11.00% of the transaction value) it is over the de minimis limit; with freight 1.50
    # deducted on the carrier's invoice it is 9.50 = 9.50% <= 10%, and the pump qualifies.
    Given a good "PMP-SM", "Small circulating pump", of subheading 8413.70 produced in MX
    And its transaction value is 100.00 USD
    And its bill of materials:
      | part     | description                   | hs      | origin | status          | value | freight | deduction evidence  |
      | CASING-S | pump casing, landed           | 8413.91 | CN     | non-originating | 11.00 | 1.50    | carrier invoice FX-2207 |
      | MOTOR-S  | motor                         | 8501.52 | US     | originating     | 30.00 |         |                     |
    When the good is checked
    Then the good is originating under criterion B
    And de minimis saves the good at 9.50% of the transaction value

  Scenario: A net cost that disagrees with total cost minus excluded costs is an input error naming the field (Art. 4.5; SOR 7(22) Example 4)
    # 100.00 - 12.00 = 88.00, not 90.00.
    Given a file "cost-sheet/goods.csv" in the scratch folder:
      """
      part_number,description,hs_code,producer,country_of_production,currency,total_cost,net_cost,sales_promotion_costs,royalties,shipping_packing_costs,non_allowable_interest,shipment_date
      GOOD-A,Good A of Example 4,8413.70,Producer SA de CV,MX,USD,100.00,90.00,5.00,2.50,3.00,1.50,2026-11-17
      """
    And a file "cost-sheet/bom.csv" in the scratch folder:
      """
      good_part_number,part_number,description,hs_code,quantity,unit,extended_value,currency,country_of_origin,origin_status
      GOOD-A,CASING,Pump casing,8413.91,1,pcs,40.00,USD,CN,non-originating
      """
    When I run "roo-check check SCRATCH/cost-sheet" in-process
    Then the exit code is 2
    And standard error is one line naming "goods.csv:row 2" and "[net_cost]"
    And standard error is one line naming "[net_cost]" and "net_cost 90.00 differs from total_cost minus excluded costs = 88.00"
