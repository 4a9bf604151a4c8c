Feature: An auditor verifies a report against the files and rules it names
  A report handed over with an entry is evidence. `roo-check verify REPORT.json` recomputes the
  rule-set hash, the configuration's and every input's SHA-256, runs the check again with the
  same rules, configuration and date, and compares the JSON byte for byte: exit 0 verified,
  1 a mismatch (one line naming what differs), 2 an unreadable report.

  Background:
    Given a copy of sample "01-motor-tariff-shift" in the audit folder as "ship"
    And a JSON report "report.json" of "ship" made in the audit folder

  Scenario: An untouched report verifies
    When the auditor runs "roo-check verify report.json"
    Then the exit code is 0
    And the output says "verified: report.json matches the files, rules and configuration it names"

  Scenario: A bill of materials edited after the report does not verify
    Given the file "ship/bom.csv" in the audit folder is edited
    When the auditor runs "roo-check verify report.json"
    Then the exit code is 1
    And the output says "FAIL  input ship/bom.csv"

  Scenario: A determination edited in the report does not verify
    Given the report "report.json" says "not-originating" where it said "originating"
    When the auditor runs "roo-check verify report.json"
    Then the exit code is 1
    And the output says "shipments[0].determinations[0].status"

  Scenario: A report that is not a roo-check report is an input error
    Given the report "report.json" is replaced by "not json"
    When the auditor runs "roo-check verify report.json"
    Then the exit code is 2
