Feature: Transit and transshipment (USMCA Art. 4.18)
  A good that met its rule loses originating status if, on its way to the importing Party,
  it leaves customs control in a non-Party or undergoes there anything beyond unloading,
  reloading, separation from a bulk shipment, storing, labelling or marking required by the
  importing Party, or what preserves or transports it (19 U.S.C. 4531(l); SOR/2020-155 s. 10).
  A good that fails is "entirely non-originating" (SOR s. 10(2)). The law gives no worked
  Example; the motor below is samples/13 and samples/16: by its rule alone it originates,
  RVC (TV) = (1,850.00 - 369.50) / 1,850.00 x 100 = 80.03%.

  Background:
    Given the USMCA rule set in force on 2026-10-12

  Rule: A stop in a non-Party keeps originating status only under customs control and with the operations Art. 4.18(a) allows

    Background:
      Given a good "EM-750", "Three-phase AC induction motor, 7.5 kW, IE3", of subheading 8501.52 produced in MX
      And its transaction value is 1,850.00 USD
      And its net cost is 1,640.00 USD
      And its bill of materials:
        | part     | description                     | hs      | origin | status          | value  |
        | LAM-M19  | silicon steel laminations       | 7226.19 | CN     | non-originating | 310.00 |
        | WIRE-CU  | enamelled copper winding wire   | 8544.11 | MX     | originating     | 265.00 |
        | BRG-6205 | deep-groove ball bearings       | 8482.10 | JP     | non-originating | 38.00  |
        | HSG-AL   | aluminium motor housing         | 7616.99 | US     | originating     | 142.00 |
        | SHAFT-42 | rotor shaft                     | 8483.10 | MX     | originating     | 55.00  |
        | FAN-160  | plastic cooling fan             | 3926.90 | CN     | non-originating | 9.50   |
        | VARN-F   | impregnation varnish            | 3208.90 |        | unknown         | 12.00  |

    Scenario: Goods that leave customs control in Panama lose originating status (Art. 4.18(b); 19 U.S.C. 4531(l)(2); SOR 10(1)(a), 10(2))
      Given its shipment is routed:
        | from             | from country | to              | to country | under customs control | operations                   |
        | Manzanillo, Col. | MX           | Colon Free Zone | PA         | no                    | unloading; storage           |
        | Colon Free Zone  | PA           | Long Beach, CA  | US         | yes                   | unloading; customs clearance |
      When the good is checked
      Then the good is not originating because "originating status lost in transit"
      And Art. 4.18 is not met because "left customs control in Colon Free Zone (PA), a non-Party"
      And by its rule alone the good meets criterion B
      And the regional value content under the transaction value method is (1,850.00 - 369.50) / 1,850.00 x 100 = 80.03%

    Scenario: Relabelling in Panama under customs control is more than Art. 4.18(a) allows (19 U.S.C. 4531(l)(1); SOR 10(1)(b))
      Given its shipment is routed:
        | from             | from country | to              | to country | under customs control | operations                     |
        | Manzanillo, Col. | MX           | Colon Free Zone | PA         | yes                   | unloading; storage; relabelling |
        | Colon Free Zone  | PA           | Long Beach, CA  | US         | yes                   | unloading; customs clearance   |
      When the good is checked
      Then the good is not originating because "originating status lost in transit"
      And Art. 4.18 is not met because "'relabelling' in Colon Free Zone (PA), an operation Art. 4.18(a) does not allow"

    Scenario: Unloading, storage and reloading under customs control keep originating status (Art. 4.18(a); 19 U.S.C. 4531(l)(1)(A); SOR 10(1))
      # samples/16-transit-under-customs-control
      Given its shipment is routed:
        | from                       | from country | to                         | to country | under customs control | operations                   |
        | Manzanillo, Col.           | MX           | Balboa (transshipment hub) | PA         | yes                   | unloading; storage; reloading |
        | Balboa (transshipment hub) | PA           | Houston, TX                | US         | yes                   | unloading; customs clearance |
      When the good is checked
      Then the good is originating under criterion B
      And Art. 4.18 is met because "stayed under customs control in Balboa (transshipment hub) (PA)"

    Scenario: Marking required by the importing Party is allowed in a non-Party (19 U.S.C. 4531(l)(1)(A); SOR 10(1)(b))
      Given its shipment is routed:
        | from             | from country | to              | to country | under customs control | operations                                                |
        | Manzanillo, Col. | MX           | Colon Free Zone | PA         | yes                   | unloading; country of origin marking required by the US |
        | Colon Free Zone  | PA           | Long Beach, CA  | US         | yes                   | unloading                                                 |
      When the good is checked
      Then the good is originating under criterion B
      And Art. 4.18 is met because "stayed under customs control in Colon Free Zone (PA)"

    Scenario: Labelling abroad without saying the importing Party requires it leaves the question open (SOR 10(1)(b))
      Given its shipment is routed:
        | from             | from country | to              | to country | under customs control | operations           |
        | Manzanillo, Col. | MX           | Colon Free Zone | PA         | yes                   | unloading; labelling |
        | Colon Free Zone  | PA           | Long Beach, CA  | US         | yes                   | unloading            |
      When the good is checked
      Then the good cannot be decided for want of "routing[0].operations[1]"
      And Art. 4.18 is undecided because "allowed only when required by the importing Party"

    Scenario: A routing only through the Parties needs no customs control (Art. 4.18)
      Given its shipment is routed:
        | from     | from country | to          | to country | under customs control | operations        |
        | Celaya   | MX           | Laredo, TX  | US         |                       | customs clearance |
      When the good is checked
      Then the good is originating under criterion B
      And Art. 4.18 is met because "routed only through the territory of the Parties"

    Scenario: Without a routing transit is reported as not checked and changes nothing (Art. 4.18)
      Given its shipment states no routing
      When the good is checked
      Then the good is originating under criterion B
      And Art. 4.18 is not checked because "states no routing"

    Scenario: A stop in a non-Party without a statement of customs control cannot be decided (Art. 4.18(b); SOR 10(1)(a))
      Given its shipment is routed:
        | from             | from country | to              | to country | under customs control | operations                   |
        | Manzanillo, Col. | MX           | Colon Free Zone | PA         |                       | unloading; storage           |
        | Colon Free Zone  | PA           | Long Beach, CA  | US         | yes                   | unloading; customs clearance |
      When the good is checked
      Then the good cannot be decided for want of "routing[0].under_customs_control"
      And Art. 4.18 is undecided because "no statement that it stayed under customs control in Colon Free Zone (PA)"

  Rule: A smart card of 8523.52 keeps its status when processed abroad without a change of subheading (SOR/2020-155 s. 10(3)(a); GN 11(o) chapter 85, note to 8523.52)
    19 U.S.C. 4531(l) has no such exception; roo-check applies the note as the rule set states it.

    Scenario: A smart card made of originating materials, programmed in Hong Kong outside customs control, stays originating (SOR 10(3)(a))
      # Programming does not change the card's subheading 8523.52. Criterion C: every material originates.
      Given a good "SC-1IC", "Contact smart card with a single integrated circuit, blank", of subheading 8523.52 produced in MX
      And its product kind is "smart card" containing a single integrated circuit
      And its transaction value is 1.20 USD
      And its bill of materials:
        | part      | description                     | hs      | origin | status      | value |
        | CHIP-MOD  | chip module, single IC           | 8542.31 | US     | originating | 0.55  |
        | CARD-BODY | PVC card body, printed           | 3921.90 | MX     | originating | 0.15  |
      And its shipment is routed:
        | from          | from country | to        | to country | under customs control | operations  |
        | Tijuana       | MX           | Hong Kong | HK         | no                    | programming |
        | Hong Kong     | HK           | Los Angeles, CA | US   | yes                   | unloading   |
      When the good is checked
      Then the good is originating under criterion C
      And Art. 4.18 is met because "Art. 4.18 does not apply (GN 11(o) chapter 85, note to 8523.52; SOR/2020-155 s. 10(3)(a))"

    Scenario: A single-IC smart card that qualifies under its rule (A) keeps its status when programmed abroad (SOR 10(3)(a))
      # The good is the one alternative (A) of the 8523.52 rule names, so the note to 8523.52 and
      # SOR 10(3)(a) apply to it: originating, whatever was done to it in Hong Kong.
      Given a good "SC-1IC", "Contact smart card with a single integrated circuit, blank", of subheading 8523.52 produced in MX
      And its product kind is smart cards which contain a single integrated circuit or parts of such smart cards
      And its transaction value is 1.20 USD
      And its bill of materials:
        | part      | description                     | hs      | origin | status          | value |
        | CHIP-MOD  | chip module, single IC           | 8542.31 | TW     | non-originating | 0.55  |
        | CARD-BODY | PVC card body, printed           | 3921.90 | MX     | originating     | 0.15  |
      And its shipment is routed:
        | from          | from country | to        | to country | under customs control | operations  |
        | Tijuana       | MX           | Hong Kong | HK         | no                    | programming |
        | Hong Kong     | HK           | Los Angeles, CA | US   | yes                   | unloading   |
      When the good is checked
      Then the good is originating under criterion B
      And Art. 4.18 is met because "SOR/2020-155 s. 10(3)(a)"

  Rule: The command line shows the same decision for the bundled samples

    Scenario: The command line on samples/13: left customs control and relabelled in Panama
      When I run "roo-check check samples/13-panama-routing" in-process
      Then the exit code is 1
      And the output says "EM-750  8501.52  not-originating  -     PSR-8501  80.03%  77.47%"
      And the output says "Art. 4.18 Transit and transshipment: NOT MET: originating status lost in transit"

    Scenario: The command line on samples/16: transshipped in Panama under customs control
      When I run "roo-check check samples/16-transit-under-customs-control" in-process
      Then the exit code is 0
      And the output says "EM-750  8501.52  originating  B     PSR-8501  80.03%  77.47%"
      And the output says "Art. 4.18 Transit and transshipment: MET: stayed under customs control"
