Feature: Certificate of origin integrity (USMCA Art. 5.2 and Annex 5-A)
  The importer claims preference on the strength of a certification of origin. It must hold
  the nine minimum data elements of Annex 5-A, cover the shipment (a blanket period is at most
  12 months), carry a plausible signature date (accepted for four years, never before
  1 July 2020), and agree with the goods file, the bill of materials and the invoice.
  As a compliance analyst I want every gap or contradiction flagged with the certificate
  element and the document row it concerns, so that I ask the certifier for a correction
  before the claim is made. A flag never changes the origin determination.

  Scenario Outline: A clean certificate raises no certificate flag (<sample>)
    Given a copy of the shipment "<sample>"
    When its certificate is checked
    Then no certificate flag is raised
    And the goods are still originating

    Examples:
      | sample                |
      | 01-motor-tariff-shift |
      | 02-boiler-rvc         |

  Scenario: A shipment without a certificate raises no certificate flag
    Given a copy of the shipment "01-motor-tariff-shift"
    And the certificate is removed
    When its certificate is checked
    Then no certificate flag is raised

  Scenario: A producer's certificate that names neither exporter nor importer, unsigned
    Given a copy of the shipment "01-motor-tariff-shift"
    And the certificate is changed:
      | element          | value     |
      | exporter         | (removed) |
      | importer         | (removed) |
      | signature.signed | false     |
    When its certificate is checked
    Then the certificate flags are "CERT001, CERT001, CERT001"
    And CERT001 concerns the certificate as a whole
    And CERT001 names the missing elements "3 exporter, 5 importer, 9 signature"
    And flag CERT001 says "a producer that does not know the exporter must state 'Unknown'"
    And flag CERT001 says "Annex 5-A asks for it if known"
    And the evidence of CERT001 shows "exporter" in "certificate.json" as "(missing)"

  Scenario: A producer may write "Unknown" for the exporter, and "Various" for the producer
    Given a copy of the shipment "01-motor-tariff-shift"
    And the certificate is changed:
      | element       | value     |
      | exporter      | (removed) |
      | exporter.name | Unknown   |
      | producer      | (removed) |
      | producer.name | Various   |
    When its certificate is checked
    Then no certificate flag is raised

  Scenario: A certificate that says neither which shipment nor which period it covers
    Given a copy of the shipment "01-motor-tariff-shift"
    And the certificate is changed:
      | element        | value     |
      | blanket_period | (removed) |
    When its certificate is checked
    Then the certificate flags are "CERT001"
    And flag CERT001 says "neither a blanket period nor the invoice number"

  Scenario: A producer's certificate signed by a trading company
    Given a copy of the shipment "01-motor-tariff-shift"
    And the certificate is changed:
      | element        | value                           |
      | certifier.name | Comercializadora Atlas SA de CV |
    When its certificate is checked
    Then the certificate flags are "CERT002"
    And flag CERT002 says "says it is the producer, but its name 'Comercializadora Atlas SA de CV' differs from the producer named 'Motores del Bajio SA de CV'"
    And the evidence of CERT002 shows "certifier.name" in "certificate.json" as "Comercializadora Atlas SA de CV"

  Scenario: An exporter certifying from outside the USMCA Parties
    Given a copy of the shipment "02-boiler-rvc"
    And the certificate is changed:
      | element           | value                         |
      | certifier.name    | Harbin Export Services Co Ltd |
      | certifier.address | 18 Hongqi Street, Harbin      |
      | certifier.country | CN                            |
    When its certificate is checked
    Then flag CERT002 says "located in CN, outside the USMCA Parties"
    And flag CERT008 says "'Harbin Export Services Co Ltd', does not match the issuer of invoice CIN-2026-0877"

  Scenario Outline: A blanket period of <length>
    Given a copy of the shipment "01-motor-tariff-shift"
    And the certificate is changed:
      | element              | value   |
      | blanket_period.start | <start> |
      | blanket_period.end   | <end>   |
    When its certificate is checked
    Then the certificate flags are "<flags>"

    Examples:
      | length                              | start      | end        | flags            |
      | exactly 12 months                   | 2026-01-01 | 2026-12-31 |                  |
      | 12 months and a day                 | 2026-01-01 | 2027-01-01 | CERT003          |
      | 12 months from a leap day           | 2024-02-29 | 2025-02-28 | CERT004          |
      | 12 months and a day from a leap day | 2024-02-29 | 2025-03-01 | CERT003, CERT004 |
      | end before start                    | 2026-12-31 | 2026-01-01 | CERT003, CERT004 |

  Scenario: A blanket period of 13 months
    Given a copy of the shipment "01-motor-tariff-shift"
    And the certificate is changed:
      | element              | value      |
      | blanket_period.start | 2026-01-01 |
      | blanket_period.end   | 2027-01-31 |
    When its certificate is checked
    Then flag CERT003 says "longer than 12 months (it may run to 2026-12-31 at the latest)"
    And the figures of CERT003 show "latest_end" as "2026-12-31"

  Scenario: A shipment made before the blanket period starts
    Given a copy of the shipment "01-motor-tariff-shift"
    And the certificate is changed:
      | element              | value      |
      | blanket_period.start | 2026-11-01 |
      | blanket_period.end   | 2027-10-31 |
    When its certificate is checked
    Then the certificate flags are "CERT004"
    And flag CERT004 says "The shipment date 2026-10-12 is before the period starts"
    And the evidence of CERT004 shows "shipment_date" in "shipment.json" as "2026-10-12"
    And the evidence of CERT004 shows "blanket_period.start" in "certificate.json" as "2026-11-01"

  Scenario Outline: A certificate signed on <signed>
    Given a copy of the shipment "01-motor-tariff-shift"
    And the certificate is changed:
      | element        | value    |
      | signature.date | <signed> |
    When its certificate is checked
    Then the certificate flags are "<flags>"

    Examples:
      | signed     | flags   |
      | 2026-10-12 |         |
      | 2026-10-13 | CERT005 |
      | 2022-10-12 |         |
      | 2022-10-11 | CERT005 |
      | 2020-06-30 | CERT005 |

  Scenario: A certificate signed after the goods shipped
    Given a copy of the shipment "01-motor-tariff-shift"
    And the certificate is changed:
      | element        | value      |
      | signature.date | 2026-11-02 |
    When its certificate is checked
    Then flag CERT005 says "signed on 2026-11-02, after the shipment date 2026-10-12"
    And the evidence of CERT005 shows "signature.date" in "certificate.json" as "2026-11-02"

  Scenario: The certificate classifies the motor in another subheading
    Given a copy of the shipment "01-motor-tariff-shift"
    And the certificate is changed:
      | element          | value   |
      | goods[0].hs_code | 8501.53 |
    When its certificate is checked
    Then the certificate flags are "CERT006"
    And CERT006 concerns good "EM-750"
    And flag CERT006 says "classifies EM-750 in subheading 8501.53, but the goods file classifies it in 8501.52"
    And the evidence of CERT006 shows "goods[0].hs_code" in "certificate.json" as "8501.53"
    And the evidence of CERT006 shows "good EM-750" in "goods.csv" as "8501.52"

  Scenario: Criterion C claimed for a motor built with Chinese and Japanese materials
    Given a copy of the shipment "01-motor-tariff-shift"
    And the certificate is changed:
      | element                   | value |
      | goods[0].origin_criterion | C     |
    When its certificate is checked
    Then the certificate flags are "CERT007"
    And flag CERT007 says "claims criterion C (only originating materials) for EM-750, but its BOM has 4 non-originating material(s)"
    And flag CERT007 names row 2 of the bill of materials as evidence
    And flag CERT007 names row 4 of the bill of materials as evidence
    And flag CERT007 names row 7 of the bill of materials as evidence
    And flag CERT007 names row 8 of the bill of materials as evidence

  Scenario: Criterion A claimed for a manufactured good
    Given a copy of the shipment "01-motor-tariff-shift"
    And the certificate is changed:
      | element                   | value |
      | goods[0].origin_criterion | A     |
    When its certificate is checked
    Then flag CERT007 says "its BOM lists 7 material(s) and the goods file declares no wholly obtained basis"

  Scenario: Criterion B claimed though the laminations do not make the tariff shift
    Given a copy of the shipment "01-motor-tariff-shift"
    And in the bill of materials, material "LAM-M19" is classified in 8501.40
    When its certificate is checked
    Then the certificate flags are "CERT007"
    And flag CERT007 says "the evaluation finds the product-specific rule PSR-8501 not met"
    And flag CERT007 names row 2 of the bill of materials as evidence

  Scenario: Criterion B claimed while the good cannot be decided is not a contradiction
    Given a copy of the shipment "01-motor-tariff-shift"
    And in the bill of materials, material "LAM-M19" is classified in 8503
    And the goods file gives good "EM-750" no transaction value or net cost
    When its certificate is checked
    Then flag CERT007 is not raised

  Scenario: The invoice is issued by someone other than the exporter certified
    Given a copy of the shipment "01-motor-tariff-shift"
    And the invoice is changed:
      | element        | value                   |
      | issuer.name    | Pacific Rim Trading Ltd |
      | issuer.country | HK                      |
    When its certificate is checked
    Then the certificate flags are "CERT008"
    And CERT008 concerns the certificate as a whole
    And flag CERT008 says "The exporter on the certification, 'Motores del Bajio SA de CV', does not match the issuer of invoice FAC-A-20417, 'Pacific Rim Trading Ltd'"
    And the evidence of CERT008 shows "invoice.issuer.name" in "shipment.json" as "Pacific Rim Trading Ltd"
    And the figures of CERT008 show "compared_name" as "pacific rim trading"

  Scenario: The same companies written differently on the invoice are not a mismatch
    Given a copy of the shipment "01-motor-tariff-shift"
    And the invoice is changed:
      | element        | value                           |
      | issuer.name    | MOTORES DEL BAJÍO, S.A. DE C.V. |
      | consignee.name | Great Lakes Pump Systems, Inc.  |
    When its certificate is checked
    Then no certificate flag is raised

  Scenario: The producer certified is not the producer of the goods
    Given a copy of the shipment "01-motor-tariff-shift"
    And the certificate is changed:
      | element       | value                           |
      | producer.name | Comercializadora Atlas SA de CV |
    When its certificate is checked
    Then flag CERT008 says "The producer on the certification, 'Comercializadora Atlas SA de CV', does not match the producer in the goods file, 'Motores del Bajio SA de CV'"
    And CERT008 concerns good "EM-750"

  Scenario: A second motor is invoiced but not certified
    Given a copy of the shipment "01-motor-tariff-shift"
    And the goods file also lists good "EM-1100", "Three-phase AC induction motor, 11 kW, IE3", built like EM-750
    And the invoice also bills 6 of "EM-1100" at 2480.00 USD
    When its certificate is checked
    Then the certificate flags are "CERT009"
    And CERT009 concerns good "EM-1100"
    And flag CERT009 says "Invoice FAC-A-20417 line 2 bills EM-1100"
    And the evidence of CERT009 shows "invoice.lines[1]" in "shipment.json" as "EM-1100"
