Feature: Indirect materials, accessories and packaging (USMCA Art. 4.9, 4.14, 4.15, 4.16)
  Not every line of a cost sheet is a material of the good in the same way:
  - an indirect material (lubricant, tools, fuel) is originating wherever it is made
    (Art. 4.9; 19 U.S.C. 4531(k); SOR/2020-155 s. 8(13));
  - accessories, spare parts, tools and manuals delivered with the good, classified with it,
    not invoiced separately and customary, are left out of the tariff shift but counted in the
    RVC as what they are (Art. 4.14; 19 U.S.C. 4531(h); SOR s. 8(23)-(25));
  - packaging for retail sale classified with the good likewise (Art. 4.15; 19 U.S.C. 4531(i);
    SOR s. 8(14)-(15));
  - packing for shipment is disregarded altogether (Art. 4.16; 19 U.S.C. 4531(j); SOR s. 8(17)).
  The law gives no worked figures for these articles (SOR s. 8(28) Example 7 lists typical
  accessories: tool kits, brushes, manuals); the pumps below are samples/33 in round figures.
  The rule for pumps of 8413.70 is (A) a change from any other heading, or (B) a change from
  8413.91-8413.92 with an RVC of 60% (transaction value) or 50% (net cost).

  Background:
    Given the USMCA rule set in force on 2026-11-10

  Rule: Indirect materials are originating wherever made (Art. 4.9)

    Scenario: A Chinese lubricant and drill bits consumed on the line stay out of VNM (Art. 4.9; 19 U.S.C. 4531(a)(5)(B), (D), (k))
      # The Chinese casing (8413.91) blocks alternative A, so the pump needs the RVC of (B).
      # VNM = motor 230.00 + casing 200.00 = 430.00; RVC (NC) = 470.00 / 900.00 = 52.22% >= 50%.
      # Counted as non-originating, the lubricant and bits would make VNM 470.00 and RVC (NC)
      # 430.00 / 900.00 = 47.78%: not originating.
      Given a good "PMP-100", "Centrifugal process pump, 15 kW", of subheading 8413.70 produced in US
      And its transaction value is 1,000.00 USD
      And its net cost is 900.00 USD
      And its bill of materials:
        | part      | description                            | hs      | origin | status          | value  | type     |
        | MOTOR-15  | electric motor, 15 kW                  | 8501.52 | CN     | non-originating | 230.00 | direct   |
        | CASING-1  | pump casing, iron casting              | 8413.91 | CN     | non-originating | 200.00 | direct   |
        | IMPELLER  | impeller, bronze                       | 8413.91 | US     | originating     | 100.00 | direct   |
        | LUBE-46   | machining lubricant, consumed on line  | 2710.19 | CN     | non-originating | 10.00  | indirect |
        | DRILLS    | drill bits, worn out in machining      | 8207.50 | CN     | non-originating | 30.00  | indirect |
      When the good is checked
      Then the good is originating under criterion B
      And material CASING-1 blocks the tariff shift under alternative A
      And material LUBE-46 is counted as originating, adding 0.00 USD to the value of non-originating materials
      And material DRILLS is counted as originating, adding 0.00 USD to the value of non-originating materials
      And the regional value content under the net cost method is (900.00 - 430.00) / 900.00 x 100 = 52.22%
      And the regional value content under the transaction value method is (1,000.00 - 430.00) / 1,000.00 x 100 = 57.00%

    Scenario: A test fixture of the pump's own heading used to test the good does not face the tariff shift (Art. 4.9; 19 U.S.C. 4531(a)(5)(F), (k))
      # The Chinese test-bench casing (8413.91) is not incorporated: equipment "used for testing or
      # inspecting the good". Counted as a material it would block (A) (heading 8413) and de
      # minimis could not save it: 150.00 / 1,000.00 = 15.00% > 10%.
      Given a good "PMP-110", "Centrifugal process pump, 15 kW", of subheading 8413.70 produced in US
      And its transaction value is 1,000.00 USD
      And its net cost is 900.00 USD
      And its bill of materials:
        | part      | description                                  | hs      | origin | status          | value  | type     |
        | MOTOR-15  | electric motor, 15 kW                        | 8501.52 | CN     | non-originating | 230.00 | direct   |
        | CASING-1  | pump casing, iron casting                    | 8413.91 | US     | originating     | 200.00 | direct   |
        | TESTCASE  | test-bench casing, worn out in pressure tests | 8413.91 | CN     | non-originating | 150.00 | indirect |
      When the good is checked
      Then the good is originating under criterion B
      And alternative A is met
      And material TESTCASE is counted as originating, adding 0.00 USD to the value of non-originating materials
      And the value of non-originating materials is 230.00 USD

    Scenario: Indirect materials are originating for criterion C too (Art. 4.9: "treated as an originating material")
      # Every material incorporated in the valve is originating; the cutting oil and welding gas
      # from Germany are indirect materials, so the valve is produced exclusively from originating
      # materials.
      Given a good "VLV-2", "Gate valve, cast iron, 2 inch", of subheading 8481.80 produced in MX
      And its transaction value is 120.00 USD
      And its bill of materials:
        | part     | description                    | hs      | origin | status          | value | type     |
        | BODY     | valve body, iron casting       | 7325.10 | MX     | originating     | 45.00 | direct   |
        | STEM     | valve stem, stainless steel    | 7222.20 | US     | originating     | 12.00 | direct   |
        | CUT-OIL  | cutting oil, consumed          | 3403.19 | DE     | non-originating | 2.00  | indirect |
        | ARGON    | welding gas, consumed          | 2804.21 | DE     | non-originating | 1.00  | indirect |
      When the good is checked
      Then the good is originating under criterion C
      And the value of non-originating materials is 0.00 USD

  Rule: Accessories, spare parts, tools and manuals delivered with the good (Art. 4.14)
    The pump is delivered with a spare rotating element of its own heading 8413, a tool kit and a
    manual. VNM = motor 300.00 + spare rotating element 150.00 + tool kit 20.00 = 470.00:
    RVC (TV) = 530.00 / 1,000.00 = 53.00% < 60% and RVC (NC) = 430.00 / 900.00 = 47.78% < 50%,
    so alternative (B) fails and only the tariff shift of (A) can make the pump originating.

    Scenario: A spare part of the pump's own heading does not block the tariff shift but counts in the RVC (Art. 4.14(1)(B)-(C); 19 U.S.C. 4531(h); SOR 8(24)(b), 8(25))
      Given a good "PMP-300", "Centrifugal process pump, 30 kW, with spare rotating element", of subheading 8413.70 produced in US
      And its transaction value is 1,000.00 USD
      And its net cost is 900.00 USD
      And its bill of materials:
        | part      | description                        | hs      | origin | status          | value  | type      | classified with good | invoiced separately | customary |
        | MOTOR-30  | electric motor, 30 kW              | 8501.52 | CN     | non-originating | 300.00 | direct    |                      |                     |           |
        | CASING-3  | pump casing                        | 8413.91 | US     | originating     | 200.00 | direct    |                      |                     |           |
        | IMPELLER  | impeller                           | 8413.91 | US     | originating     | 100.00 | direct    |                      |                     |           |
        | SPARE-ROT | spare rotating element, delivered  | 8413.91 | CN     | non-originating | 150.00 | accessory | yes                  | no                  | yes       |
        | TOOLKIT   | seal setting wrenches and puller   | 8204.11 | CN     | non-originating | 20.00  | accessory | yes                  | no                  | yes       |
        | MANUAL    | operation and maintenance manual   | 4911.99 | US     | originating     | 5.00   | accessory | yes                  | no                  | yes       |
      When the good is checked
      Then the good is originating under criterion B
      And alternative A is met
      And alternative B is not met
      And material SPARE-ROT does not face the tariff shift under alternative A
      And material SPARE-ROT is counted as non-originating, left out of the tariff shift, adding 150.00 USD to the value of non-originating materials
      And material MANUAL is counted as originating, left out of the tariff shift, adding 0.00 USD to the value of non-originating materials
      And the regional value content under the transaction value method is (1,000.00 - 470.00) / 1,000.00 x 100 = 53.00%
      And the regional value content under the net cost method is (900.00 - 470.00) / 900.00 x 100 = 47.78%

    Scenario: A spare part invoiced separately is an ordinary material of the pump (Art. 4.14(2)(A); SOR 8(23)(a))
      # The spare rotating element (8413.91) now faces the change of heading and fails it;
      # de minimis: 150.00 / 1,000.00 = 15.00% > 10%. (B) fails on the RVC as above.
      Given a good "PMP-300", "Centrifugal process pump, 30 kW, spare part invoiced apart", of subheading 8413.70 produced in US
      And its transaction value is 1,000.00 USD
      And its net cost is 900.00 USD
      And its bill of materials:
        | part      | description                        | hs      | origin | status          | value  | type      | classified with good | invoiced separately | customary |
        | MOTOR-30  | electric motor, 30 kW              | 8501.52 | CN     | non-originating | 300.00 | direct    |                      |                     |           |
        | CASING-3  | pump casing                        | 8413.91 | US     | originating     | 200.00 | direct    |                      |                     |           |
        | IMPELLER  | impeller                           | 8413.91 | US     | originating     | 100.00 | direct    |                      |                     |           |
        | SPARE-ROT | spare rotating element, delivered  | 8413.91 | CN     | non-originating | 150.00 | accessory | yes                  | yes                 | yes       |
        | TOOLKIT   | seal setting wrenches and puller   | 8204.11 | CN     | non-originating | 20.00  | accessory | yes                  | no                  | yes       |
        | MANUAL    | operation and maintenance manual   | 4911.99 | US     | originating     | 5.00   | accessory | yes                  | no                  | yes       |
      When the good is checked
      Then the good is not originating
      And material SPARE-ROT is counted as non-originating, facing the tariff shift, adding 150.00 USD to the value of non-originating materials
      And material SPARE-ROT is counted because "Art. 4.14(2) is not met (invoiced_separately)"
      And material SPARE-ROT blocks the tariff shift under alternative A
      And de minimis does not save the good at 15.00% of the transaction value
      And the regional value content under the net cost method is (900.00 - 470.00) / 900.00 x 100 = 47.78%

    Scenario: Accessory conditions not stated, and the answer turns on them: cannot decide, naming them (Art. 4.14(2))
      # If the conditions hold the pump is originating (as two scenarios up); if not, it is not
      # (as one scenario up).
      Given a good "PMP-300", "Centrifugal process pump, 30 kW, spare part conditions unknown", of subheading 8413.70 produced in US
      And its transaction value is 1,000.00 USD
      And its net cost is 900.00 USD
      And its bill of materials:
        | part      | description                        | hs      | origin | status          | value  | type      | classified with good | invoiced separately | customary |
        | MOTOR-30  | electric motor, 30 kW              | 8501.52 | CN     | non-originating | 300.00 | direct    |                      |                     |           |
        | CASING-3  | pump casing                        | 8413.91 | US     | originating     | 200.00 | direct    |                      |                     |           |
        | IMPELLER  | impeller                           | 8413.91 | US     | originating     | 100.00 | direct    |                      |                     |           |
        | SPARE-ROT | spare rotating element, delivered  | 8413.91 | CN     | non-originating | 150.00 | accessory | yes                  |                     |           |
        | TOOLKIT   | seal setting wrenches and puller   | 8204.11 | CN     | non-originating | 20.00  | accessory | yes                  | no                  | yes       |
        | MANUAL    | operation and maintenance manual   | 4911.99 | US     | originating     | 5.00   | accessory | yes                  | no                  | yes       |
      When the good is checked
      Then the good cannot be decided for want of "accessory SPARE-ROT (row 5): customary"
      And the data wanted include "accessory SPARE-ROT (row 5): invoiced_separately"
      And material SPARE-ROT is counted as non-originating, undecided in the tariff shift, adding 150.00 USD to the value of non-originating materials

    Scenario: Accessory conditions not stated, but the answer does not turn on them (Art. 4.14(2))
      # The tool kit (8204.11) changes heading anyway, so it passes (A) whether or not Art. 4.14
      # takes it out of the shift. The spare rotating element's conditions are stated.
      Given a good "PMP-300", "Centrifugal process pump, 30 kW, tool kit conditions unknown", of subheading 8413.70 produced in US
      And its transaction value is 1,000.00 USD
      And its net cost is 900.00 USD
      And its bill of materials:
        | part      | description                        | hs      | origin | status          | value  | type      | classified with good | invoiced separately | customary |
        | MOTOR-30  | electric motor, 30 kW              | 8501.52 | CN     | non-originating | 300.00 | direct    |                      |                     |           |
        | CASING-3  | pump casing                        | 8413.91 | US     | originating     | 200.00 | direct    |                      |                     |           |
        | IMPELLER  | impeller                           | 8413.91 | US     | originating     | 100.00 | direct    |                      |                     |           |
        | SPARE-ROT | spare rotating element, delivered  | 8413.91 | CN     | non-originating | 150.00 | accessory | yes                  | no                  | yes       |
        | TOOLKIT   | seal setting wrenches and puller   | 8204.11 | CN     | non-originating | 20.00  | accessory |                      |                     |           |
        | MANUAL    | operation and maintenance manual   | 4911.99 | US     | originating     | 5.00   | accessory | yes                  | no                  | yes       |
      When the good is checked
      Then the good is originating under criterion B
      And the value of non-originating materials is 470.00 USD

  Rule: Packaging for retail sale classified with the good is out of the tariff shift and in the RVC (Art. 4.15)
    A diary of 4820.10 must change from a heading outside 4817-4822; its gift box of 4819.20 is
    inside that group.

    Scenario: A Chinese gift box classified with the diary does not block the shift but counts in VNM (Art. 4.15; 19 U.S.C. 4531(i); SOR 8(14)(a), 8(15))
      # VNM = paper 3.00 + gift box 1.50 = 4.50; RVC (TV) = 5.50 / 10.00 = 55.00%.
      Given a good "DIARY-27", "Diary 2027, A5, in a gift box", of subheading 4820.10 produced in MX
      And its transaction value is 10.00 USD
      And its bill of materials:
        | part     | description                    | hs      | origin | status          | value | type             | classified with good |
        | PAPER    | uncoated writing paper, reels  | 4802.56 | CN     | non-originating | 3.00  | direct           |                      |
        | COVER    | bookbinding board              | 4810.92 | US     | originating     | 1.00  | direct           |                      |
        | GIFTBOX  | printed folding gift box       | 4819.20 | CN     | non-originating | 1.50  | retail_packaging | yes                  |
      When the good is checked
      Then the good is originating under criterion B
      And material GIFTBOX is counted as non-originating, left out of the tariff shift, adding 1.50 USD to the value of non-originating materials
      And the regional value content under the transaction value method is (10.00 - 4.50) / 10.00 x 100 = 55.00%

    Scenario: A presentation case classified apart from the diary is an ordinary material (Art. 4.15: "if classified with the good")
      # The case (4819.20) now faces the shift and fails it; de minimis 1.50 / 10.00 = 15.00% > 10%.
      Given a good "DIARY-27", "Diary 2027, A5, in a reusable presentation case", of subheading 4820.10 produced in MX
      And its transaction value is 10.00 USD
      And its bill of materials:
        | part     | description                    | hs      | origin | status          | value | type             | classified with good |
        | PAPER    | uncoated writing paper, reels  | 4802.56 | CN     | non-originating | 3.00  | direct           |                      |
        | COVER    | bookbinding board              | 4810.92 | US     | originating     | 1.00  | direct           |                      |
        | GIFTBOX  | reusable presentation case     | 4819.20 | CN     | non-originating | 1.50  | retail_packaging | no                   |
      When the good is checked
      Then the good is not originating
      And material GIFTBOX blocks the tariff shift under alternative A
      And de minimis does not save the good at 15.00% of the transaction value

    Scenario: Retail packaging left out of the tariff shift still counts in the RVC, and here it makes the RVC fail (Art. 4.15, second sentence)
      # The Chinese casing blocks (A), so the pump needs (B). VNM = casing 300.00 + motor 150.00
      # + carton 30.00 = 480.00: RVC (NC) = 420.00 / 900.00 = 46.67% < 50%; RVC (TV) = 520.00 /
      # 1,000.00 = 52.00% < 60%. Without the carton the RVC (NC) would be exactly 50.00%.
      Given a good "PMP-G1", "Garden pump, 1 kW, in a printed retail carton", of subheading 8413.70 produced in MX
      And its transaction value is 1,000.00 USD
      And its net cost is 900.00 USD
      And its bill of materials:
        | part     | description                     | hs      | origin | status          | value  | type             | classified with good |
        | CASING-G | pump casing, die-cast aluminium | 8413.91 | CN     | non-originating | 300.00 | direct           |                      |
        | MOTOR-1  | electric motor, 1 kW            | 8501.52 | CN     | non-originating | 150.00 | direct           |                      |
        | SHAFT-G  | pump shaft                      | 8483.10 | MX     | originating     | 50.00  | direct           |                      |
        | CARTON-R | printed retail carton           | 4819.10 | CN     | non-originating | 30.00  | retail_packaging | yes                  |
      When the good is checked
      Then the good is not originating
      And material CARTON-R is counted as non-originating, left out of the tariff shift, adding 30.00 USD to the value of non-originating materials
      And the regional value content under the net cost method is (900.00 - 480.00) / 900.00 x 100 = 46.67%

  Rule: Packing for shipment is disregarded entirely (Art. 4.16)

    Scenario: A Chinese export crate does not stop a good made of originating materials from criterion C (Art. 4.16; 19 U.S.C. 4531(j); SOR 8(17))
      Given a good "PMP-200", "Centrifugal pump, 7.5 kW", of subheading 8413.70 produced in US
      And its transaction value is 1,000.00 USD
      And its net cost is 900.00 USD
      And its bill of materials:
        | part     | description                     | hs      | origin | status          | value  | type             |
        | MOTOR-7  | electric motor, 7.5 kW          | 8501.52 | MX     | originating     | 300.00 | direct           |
        | CASING-2 | pump casing                     | 8413.91 | US     | originating     | 200.00 | direct           |
        | CRATE-W  | export crate, heat-treated pine | 4415.10 | CN     | non-originating | 40.00  | shipping_packing |
      When the good is checked
      Then the good is originating under criterion C
      And material CRATE-W is counted as disregarded, left out of the tariff shift, adding 0.00 USD to the value of non-originating materials
      And the value of non-originating materials is 0.00 USD

    Scenario: An export crate stays out of the RVC (Art. 4.16)
      # As the first pump: VNM 430.00 and RVC (NC) 52.22%. Counted, the crate would make VNM
      # 470.00 and RVC (NC) 47.78%.
      Given a good "PMP-100", "Centrifugal process pump, 15 kW, crated", of subheading 8413.70 produced in US
      And its transaction value is 1,000.00 USD
      And its net cost is 900.00 USD
      And its bill of materials:
        | part      | description                            | hs      | origin | status          | value  | type             |
        | MOTOR-15  | electric motor, 15 kW                  | 8501.52 | CN     | non-originating | 230.00 | direct           |
        | CASING-1  | pump casing, iron casting              | 8413.91 | CN     | non-originating | 200.00 | direct           |
        | IMPELLER  | impeller, bronze                       | 8413.91 | US     | originating     | 100.00 | direct           |
        | CRATE-W   | export crate, heat-treated pine        | 4415.10 | CN     | non-originating | 40.00  | shipping_packing |
      When the good is checked
      Then the good is originating under criterion B
      And the regional value content under the net cost method is (900.00 - 430.00) / 900.00 x 100 = 52.22%

    Scenario: Packing for shipment of the good's own heading does not face the tariff shift (Art. 4.16)
      # Storage boxes of 3923.10 shipped in reusable Chinese crates of the same subheading: the
      # crates are disregarded, so the only non-originating material, resin of 3901.20, changes
      # chapter and the boxes qualify.
      Given a good "BOX-40", "Stackable storage box, 40 l, polypropylene", of subheading 3923.10 produced in MX
      And its transaction value is 8.00 USD
      And its bill of materials:
        | part     | description                        | hs      | origin | status          | value | type             |
        | RESIN    | polyethylene, primary form         | 3901.20 | US     | non-originating | 2.40  | direct           |
        | CRATE-P  | reusable plastic shipping crate    | 3923.10 | CN     | non-originating | 0.90  | shipping_packing |
      When the good is checked
      Then the good is originating under criterion B
      And material CRATE-P is counted as disregarded, left out of the tariff shift, adding 0.00 USD to the value of non-originating materials
      And the value of non-originating materials is 2.40 USD
