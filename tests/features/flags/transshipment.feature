Feature: Transit and transshipment red flags (USMCA Art. 4.18)
  An originating good loses its status if, on its way to the importing Party, it leaves
  customs control in a non-Party or undergoes there anything beyond unloading, reloading,
  storing, separating, labelling or marking required by the importing Party, or what keeps
  it in good condition or transports it. The importer must keep the transit records
  (19 CFR 182.15). As a compliance analyst I want shipments routed through third countries
  flagged with the routing leg concerned, so that I ask for those records before claiming
  preference. A flag never changes the origin determination.

  Scenario: Relabelled in Colon free zone, outside customs control
    Given a copy of sample "01-motor-tariff-shift"
    And the shipment is routed:
      | from            | to              | departure  | arrival    | customs control | operations             |
      | Manzanillo (MX) | Colon (PA)      | 2026-10-12 | 2026-10-16 | no              | unloading; relabelling |
      | Colon (PA)      | Long Beach (US) | 2026-10-20 | 2026-10-29 | yes             | reloading              |
    When roo-check checks the shipment
    Then TRANS001 is raised with evidence "routing[0] Manzanillo (MX) -> Colon (PA)"
    And TRANS001 says "left customs control in Colon (PA)"
    And TRANS002 is raised with evidence "routing[0] Manzanillo (MX) -> Colon (PA)"
    And TRANS002 says "'relabelling' at Colon (PA)"
    And TRANS002 says "labelling or marking is allowed only when required by the importing Party"
    And TRANS004 is not raised
    And the transit flags concern the whole shipment, not one good

  Scenario: A stop in a non-Party with no statement of customs control
    Given a copy of sample "01-motor-tariff-shift"
    And the shipment is routed:
      | from            | to              | departure  | arrival    | customs control | operations         |
      | Manzanillo (MX) | Colon (PA)      | 2026-10-12 | 2026-10-16 | not stated      | unloading; storage |
      | Colon (PA)      | Long Beach (US) | 2026-10-20 | 2026-10-29 | yes             | reloading          |
    When roo-check checks the shipment
    Then TRANS001 is raised with evidence "routing[0] Manzanillo (MX) -> Colon (PA)"
    And TRANS001 says "no record of customs control there is given"
    And TRANS002 is not raised

  Scenario: Transit under customs control with only the operations Art. 4.18 allows
    Given a copy of sample "01-motor-tariff-shift"
    And the shipment is routed:
      | from            | to              | departure  | arrival    | customs control | operations                                           |
      | Manzanillo (MX) | Colon (PA)      | 2026-10-12 | 2026-10-16 | yes             | Unloading; Labeling required by the importing Party |
      | Colon (PA)      | Long Beach (US) | 2026-10-20 | 2026-10-29 | yes             | re-loading                                           |
    When roo-check checks the shipment
    Then none of the transit or price flags is raised

  Scenario: Relabelling and repacking inside a Party are not a transit matter
    Given a copy of sample "01-motor-tariff-shift"
    And the shipment is routed:
      | from        | to          | departure  | arrival    | customs control | operations             |
      | Celaya (MX) | Laredo (US) | 2026-10-12 | 2026-10-13 | no              | relabelling; repacking |
    When roo-check checks the shipment
    Then none of the transit or price flags is raised

  Scenario: The goods wait 40 days in a third-country free zone
    Given a copy of sample "01-motor-tariff-shift"
    And the shipment is routed:
      | from            | to              | departure  | arrival    | customs control | operations         |
      | Manzanillo (MX) | Colon (PA)      | 2026-10-12 | 2026-10-16 | yes             | unloading; storage |
      | Colon (PA)      | Long Beach (US) | 2026-11-25 | 2026-12-04 | yes             | reloading          |
    When roo-check checks the shipment
    Then TRANS004 is raised with evidence "routing[0] Manzanillo (MX) -> Colon (PA)"
    And TRANS004 is raised with evidence "routing[1] Colon (PA) -> Long Beach (US)"
    And TRANS004 shows:
      | arrival    | departure  | dwell days |
      | 2026-10-16 | 2026-11-25 | 40         |
    And TRANS004 is compared with "14 days"
    And TRANS001 is not raised

  Scenario: Exactly the dwell limit is not flagged
    Given a copy of sample "01-motor-tariff-shift"
    And the shipment is routed:
      | from            | to              | departure  | arrival    | customs control | operations         |
      | Manzanillo (MX) | Colon (PA)      | 2026-10-12 | 2026-10-16 | yes             | unloading; storage |
      | Colon (PA)      | Long Beach (US) | 2026-10-30 | 2026-11-08 | yes             | reloading          |
    When roo-check checks the shipment
    Then TRANS004 is not raised

  Scenario: The company screens dwell at 60 days instead of 14
    Given a copy of sample "01-motor-tariff-shift"
    And the shipment is routed:
      | from            | to              | departure  | arrival    | customs control | operations         |
      | Manzanillo (MX) | Colon (PA)      | 2026-10-12 | 2026-10-16 | yes             | unloading; storage |
      | Colon (PA)      | Long Beach (US) | 2026-11-25 | 2026-12-04 | yes             | reloading          |
    And the company sets max_days to 60 for TRANS004
    When roo-check checks the shipment
    Then TRANS004 is not raised

  Scenario: Missing dates give no dwell time to judge
    Given a copy of sample "01-motor-tariff-shift"
    And the shipment is routed:
      | from            | to              | departure  | arrival | customs control | operations         |
      | Manzanillo (MX) | Colon (PA)      | 2026-10-12 |         | yes             | unloading; storage |
      | Colon (PA)      | Long Beach (US) | 2026-11-25 |         | yes             | reloading          |
    When roo-check checks the shipment
    Then TRANS004 is not raised

  Scenario: Invoiced by a trading house in Hong Kong
    Given a copy of sample "01-motor-tariff-shift"
    And the invoice is issued by "Pacific Bridge Trading Ltd" in HK
    When roo-check checks the shipment
    Then TRANS003 is raised with evidence "invoice.issuer"
    And TRANS003 says "issued by Pacific Bridge Trading Ltd in HK"
    And TRANS001 is not raised

  Scenario Outline: The bundled samples travel only through the Parties
    Given a copy of sample "<sample>"
    When roo-check checks the shipment
    Then none of the transit or price flags is raised

    Examples:
      | sample                | route                                 |
      | 01-motor-tariff-shift | Celaya -> Nuevo Laredo -> Laredo, TX  |
      | 02-boiler-rvc         | Monterrey -> Houston (US) -> Calgary  |
