Feature: Chinese content and minimal-processing flags
  Flags do not decide origin; they point at patterns an analyst must judge, with evidence.
  Thresholds come from rules/risk/ and the company's configuration.

  Background:
    Given the USMCA rule set in force on 2026-11-03

  Scenario: A finished Chinese drill relabelled in Mexico (PROC001, PROC002, CN001)
    Given a good "TD-18V", "Cordless drill/driver, 18 V", of subheading 8467.21 produced in MX
    And its transaction value is 48.00 USD
    And its production steps are "relabelling; repackaging"
    And its bill of materials:
      | part        | description                  | hs      | origin | status          | value |
      | DRL-18V-OEM | finished drill, unbranded    | 8467.21 | CN     | non-originating | 39.50 |
      | BOX-RET     | printed retail box           | 4819.10 | MX     | originating     | 1.20  |
    When the shipment is checked
    Then flag PROC001 is raised
    And flag PROC001 says "82.29% of its transaction value"
    And flag PROC001 names row 2 of the bill of materials as evidence
    And flag PROC002 is raised
    And flag CN001 says "82.29% of the good's transaction value, above the 25% screening threshold"

  Scenario: Real production with a minority of Chinese parts raises no content or processing flag
    Given a good "EM-750", "AC motor", of subheading 8501.52 produced in MX
    And its transaction value is 1,850.00 USD
    And its production steps are "stamping; winding; machining; assembly; testing"
    And its bill of materials:
      | part    | description          | hs      | origin | status          | value  |
      | LAM-M19 | electrical steel     | 7226.19 | CN     | non-originating | 310.00 |
      | WIRE-CU | winding wire         | 8544.11 | MX     | originating     | 265.00 |
    When the shipment is checked
    Then flag CN001 is not raised
    And flag PROC001 is not raised
    And flag PROC002 is not raised
    And flag PROC003 is not raised
    And flag CN003 is not raised

  Scenario: Little value added over the materials (PROC003)
    Given a good "PS-1", "Power supply", of subheading 8504.40 produced in MX
    And its tariff item is 8504.40.95
    And its transaction value is 100.00 USD
    And its bill of materials:
      | part  | description    | hs      | origin | status          | value |
      | BOARD | bare board kit | 8534.00 | CN     | non-originating | 60.00 |
      | CASE  | plastic case   | 3926.90 | MX     | originating     | 35.00 |
    When the shipment is checked
    Then flag PROC003 is raised
    And flag PROC003 says "5.00 (5.00%) above"

  Scenario: Materials of unknown origin hide what a verification will ask about (CN003)
    Given a good "GS-1", "Gasket set", of subheading 8484.10 produced in US
    And its transaction value is 100.00 USD
    And its bill of materials:
      | part     | description    | hs      | origin | status      | value |
      | GRAPHITE | graphite sheet | 6815.19 |        | unknown     | 15.00 |
      | STEEL    | steel core     | 7219.33 | US     | originating | 30.00 |
    When the shipment is checked
    Then flag CN003 is raised
    And flag CN003 says "15.00% of the good's transaction value"

  Scenario: A control panel that qualifies by 2.4 points (CN004) with its headroom
    Given a good "CP-240", "Pump control panel", of subheading 8537.10 produced in MX
    And its transaction value is 5,000.00 USD
    And its net cost is 4,100.00 USD
    And its bill of materials:
      | part      | description      | hs      | origin | status          | value   | kind                       |
      | PCA-CTRL  | controller board | 8538.90 | CN     | non-originating | 1500.00 | printed circuit assemblies |
      | VFD-5K    | drive module     | 8504.40 | CN     | non-originating | 180.00  |                            |
      | CONT-25A  | contactors       | 8536.49 | DE     | non-originating | 700.00  |                            |
      | BRKR-2P   | circuit breakers | 8536.20 | US     | originating     | 510.00  |                            |
      | TERM-BLK  | terminal blocks  | 8536.90 | MX     | originating     | 95.00   |                            |
    When the shipment is checked
    Then flag CN004 says "RVC 52.40% (transaction value) is 2.40 points above the 50% threshold"
    And flag CN004 says "It can absorb only 120.00 USD more non-originating value; any one of BRKR-2P sourced from China instead would make it fail"
    And flag CN001 says "33.60%"

  Scenario: The same panel with 10 points of room does not hug the threshold
    Given a good "CP-240", "Pump control panel", of subheading 8537.10 produced in MX
    And its transaction value is 6,000.00 USD
    And its bill of materials:
      | part      | description      | hs      | origin | status          | value   | kind                       |
      | PCA-CTRL  | controller board | 8538.90 | MX     | originating     | 1500.00 | printed circuit assemblies |
      | CONT-25A  | contactors       | 8536.49 | DE     | non-originating | 700.00  |                            |
    When the shipment is checked
    Then the good is originating under criterion B
    And flag CN004 is not raised

  Scenario: De minimis used almost to the limit is hugging too
    Given a good "DR-1", "Drilling machine", of subheading 8459.29 produced in MX
    And its transaction value is 6,000.00 USD
    And its bill of materials:
      | part  | description       | hs      | origin | status          | value  |
      | MOTOR | three-phase motor | 8501.52 | CN     | non-originating | 570.00 |
    When the shipment is checked
    Then flag CN004 says "de minimis at 9.50% of the transaction value is 0.50 points under the 10% limit"
