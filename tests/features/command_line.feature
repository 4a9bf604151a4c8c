Feature: Checking shipment files from the command line
  A compliance analyst runs roo-check on the bundled samples; each gives the decision a
  customs specialist would give. Exit codes: 0 all originating, 1 findings, 2 input error.

  Scenario: A motor that qualifies by tariff shift
    When I run "roo-check check samples/01-motor-tariff-shift"
    Then the exit code is 0
    And the output says "EM-750  8501.52  originating  B     PSR-8501  80.03%  77.47%"

  Scenario: A boiler that qualifies only through RVC
    When I run "roo-check check samples/02-boiler-rvc"
    Then the exit code is 0
    And the output says "RVC (transaction value) = (412,000.00 - 127,800.00) / 412,000.00 x 100 = 68.98% >= 60%"

  Scenario: A control panel whose Chinese circuit board blocks the shift and whose RVC is too low
    When I run "roo-check check samples/03-control-panel-fails"
    Then the exit code is 1
    And the output says "[BLOCKS] PCA-MAIN row 2 8538.90 CN non-originating 2,150.00 USD"
    And the output says "RVC (net cost) = (5,600.00 - 3,910.00) / 5,600.00 x 100 = 30.18% < 40%"

  Scenario: A drilling machine saved by de minimis
    When I run "roo-check check samples/04-drill-de-minimis"
    Then the exit code is 0
    And the output says "1,960.00 USD = 8.00% of transaction value, limit 10%: MET"

  Scenario: The same drilling machine from an Excel workbook
    When I run "roo-check check samples/05-drill-workbook.xlsx"
    Then the exit code is 0
    And the output says "RD-1250  8459.29  originating  B     PSR-8459.29  75.27%  72.33%"

  Scenario: A supplier BOM checked on its own, as a CI pipeline does
    When I run "roo-check check samples/gearbox-6at.bom.csv --date 2026-11-20"
    Then the exit code is 0
    And the output says "GB-6AT  8708.40  originating  B     PSR-8708.40-PVLT"

  Scenario: A broken BOM gives one line naming the file, the row and the field
    When I run "roo-check check samples/99-broken-bom"
    Then the exit code is 2
    And standard error is one line naming "bom.csv:row 4" and "[hs_code]"

  Scenario: One broken folder never loses the others' results
    When I run "roo-check check samples/99-broken-bom samples/01-motor-tariff-shift --format json"
    Then the exit code is 2
    And the JSON report has 1 determinations and 1 input errors

  Scenario: The JSON report is reproducible
    When I run "roo-check check samples/02-boiler-rvc --format json --date 2026-10-02"
    Then the exit code is 0
    And the JSON report records "sha256" for every input file

  Scenario: A certificate with an external entity is refused and nothing outside the input is read
    Given a copy of sample "01-motor-tariff-shift" whose certificate declares an external entity reading a secret file
    When I run "roo-check check SCRATCH/shipment" in a scratch folder
    Then the exit code is 2
    And standard error is one line naming "certificate.xml" and "DTD"
    And nothing outside the input was read

  Scenario: A rule file with an unknown key stops the run (rules fail closed)
    Given a copy of the bundled rules where "usmca/annex-4b/chapter-84.yaml" has the unknown key "thresholdz" in its first rule
    When I run "roo-check check samples/01-motor-tariff-shift --rules SCRATCH/rules" in a scratch folder
    Then the exit code is 2
    And standard error is one line naming "chapter-84.yaml" and "thresholdz"

  Scenario: A customs specialist asks which rule governs an HS code
    When I run "roo-check rules explain 8501.10 --date 2026-06-01"
    Then the exit code is 0
    And the output says "PSR-8501  HTSUS GN 11(o), chapter 85, heading 8501"
    And the output says "(A) A change to heading 8501 from any other heading, except from tariff items 8503.00.35"
    And the output says "every non-originating material must be classified in another heading than the good (CTH)"
    And the output says "passes: a good of 8501.10"
    And the output says "fails: a good of 8501.10"

  Scenario: Explaining a rule id shows its thresholds
    When I run "roo-check rules explain PSR-8402.11-8402.20 --date 2026-06-01"
    Then the exit code is 0
    And the output says "RVC thresholds: (B) TV 60% / NC 50%"

  Scenario Outline: --fail-on decides which findings fail a pipeline
    When I run "roo-check check samples/14-rvc-hugging --quiet --fail-on <level>"
    Then the exit code is <exit>

    Examples:
      | level   | exit |
      | warning | 1    |
      | error   | 0    |
      | never   | 0    |

  Scenario: Several reports from one run, one to standard output
    When I run "roo-check check samples/01-motor-tariff-shift -o json=SCRATCH/r.json -o text=-" in a scratch folder
    Then the exit code is 0
    And the output says "EM-750  8501.52  originating  B"
    And the file "r.json" in the scratch folder is a JSON report

  Scenario: Debugging a supplier file: what the loaders understood
    When I run "roo-check parse samples/gearbox-6at.bom.csv"
    Then the exit code is 0
    And the output says "GB-6AT"
    And the output says "origin_status"

  Scenario: Explaining a chapter general rule (GN 11(n))
    When I run "roo-check rules explain GEN-28-38-A"
    Then the exit code is 0
    And the output says "chapter general rule: an extra way to qualify"
    And the output says "the good must result from chemical reaction in the territory"
