Feature: Economic plausibility red flags (prices and producers)
  CBP's 2025 transshipment alert names dubious pricing and shell exporters with unrelated
  product lines among the signs of illegal transshipment. As a compliance analyst I want a
  good invoiced below the cost of its own materials, a cost sheet whose transaction value the
  invoice does not support, and a "producer" of unrelated goods flagged, with the figures
  compared, so that I can question the producer before relying on its certification.
  Prices are compared only in the good's own currency: roo-check converts no currency.

  The motor EM-750 of sample 01 has a transaction value of 1,850.00 USD, and its direct
  materials in the bill of materials add up to 831.50 USD.

  Scenario: A motor invoiced below the cost of its materials
    Given a copy of sample "01-motor-tariff-shift"
    And the invoice prices EM-750 at 700.00 USD a unit
    When roo-check checks the shipment
    Then ECON001 is raised for good EM-750
    And ECON001 shows:
      | unit price | material cost | shortfall | currency |
      | 700.00     | 831.50        | 131.50    | USD      |
    And ECON001 is raised with evidence "invoice.lines[0]"
    And ECON001 is raised with evidence "row 2"
    And ECON002 is raised for good EM-750

  Scenario: A price equal to the material cost is not below it
    Given a copy of sample "01-motor-tariff-shift"
    And the invoice prices EM-750 at 831.50 USD a unit
    When roo-check checks the shipment
    Then ECON001 is not raised

  Scenario: A price in another currency is not compared
    Given a copy of sample "01-motor-tariff-shift"
    And the invoice prices EM-750 at 700.00 MXN a unit
    When roo-check checks the shipment
    Then ECON001 is not raised
    And ECON002 is not raised

  Scenario: The cost sheet's transaction value is far above the invoiced price
    Given a copy of sample "01-motor-tariff-shift"
    And the invoice prices EM-750 at 1,400.00 USD a unit
    When roo-check checks the shipment
    Then ECON002 is raised for good EM-750
    And ECON002 shows:
      | transaction value | unit price | deviation percent |
      | 1,850.00          | 1,400.00   | 32.14             |
    And ECON002 is compared with "20%"
    And ECON002 says "differs by 32.14% from its invoiced unit price"
    And ECON001 is not raised

  Scenario: A gap that shipping terms explain is not flagged
    Given a copy of sample "01-motor-tariff-shift"
    And the invoice prices EM-750 at 1,700.00 USD a unit
    When roo-check checks the shipment
    Then none of the transit or price flags is raised

  Scenario: The company tolerates only a 5% gap
    Given a copy of sample "01-motor-tariff-shift"
    And the invoice prices EM-750 at 1,700.00 USD a unit
    And the company sets max_deviation to 5 for ECON002
    When roo-check checks the shipment
    Then ECON002 is raised for good EM-750
    And ECON002 shows:
      | deviation percent |
      | 8.82              |

  Scenario: One "producer" of motors, T-shirts, plastic clips and shelving in one batch
    Given copies of sample "01-motor-tariff-shift" with the good classified in 8501.52, 6109.10, 3926.90 and 9403.20
    And the producer in copy-2 is written "MOTORES DEL BAJÍO, S.A. DE C.V."
    When roo-check checks the batch
    Then ECON003 is raised once, for producer "Motores del Bajio SA de CV"
    And ECON003 shows:
      | chapters | chapter list   | goods |
      | 4        | 39, 61, 85, 94 | 4     |
    And ECON003 is compared with "3 chapters"
    And the ECON003 evidence lists EM-750 in chapter 61 from shipment "copy-2"
    And the ECON003 evidence lists EM-750 in chapter 94 from shipment "copy-4"

  Scenario: A producer of related goods in three chapters is not flagged
    Given copies of sample "01-motor-tariff-shift" with the good classified in 8501.52, 8483.10, 7326.90 and 8501.10
    When roo-check checks the batch
    Then ECON003 is not raised
