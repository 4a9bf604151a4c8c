Feature: Exit codes a pipeline can trust
  CI gates merges on roo-check's exit code, so each code means one thing:
  0 nothing at or above --fail-on, 1 findings at or above it, 2 input or usage errors (one line
  per problem), 3 an internal error (a bug of roo-check, never mistaken for a failing good).
  A good that cannot be decided is a finding of severity "error" by default: a claim the
  records cannot support is not a claim (19 CFR 182.15), so an incomplete supplier BOM fails a
  pipeline even when it is set to --fail-on error to ignore risk-flag warnings.

  Scenario: A gear box BOM without its net cost cannot be decided and fails the pipeline
    Given the supplier BOM "samples/gearbox-6at.bom.csv" without its "net_cost" line in the scratch folder
    When I run "roo-check check SCRATCH/gearbox.bom.csv --date 2026-11-20 --fail-on error -q" through the top-level guard
    Then the exit code is 1
    And the output says "gearbox.bom.csv:1:1: PSR-8708.40-PVLT [error] good GB-6AT (8708.40): Cannot decide"

  Scenario: A company that accepts undecided goods as warnings says so in its configuration
    Given the supplier BOM "samples/gearbox-6at.bom.csv" without its "net_cost" line in the scratch folder
    And a configuration file "roo-check.toml" in a scratch folder:
      """
      [severity]
      cannot-decide = "warning"
      """
    When I run "roo-check check SCRATCH/gearbox.bom.csv --date 2026-11-20 --fail-on error --config SCRATCH/roo-check.toml" through the top-level guard
    Then the exit code is 0

  Scenario: A bug of roo-check exits 3 with one line asking for a report, never 1
    Given roo-check has a bug that fails while evaluating any shipment
    When I run "roo-check check samples/01-motor-tariff-shift" through the top-level guard
    Then the exit code is 3
    And standard error is one line naming "internal error" and "please report it"

  Scenario: With --debug the same bug shows its traceback
    Given roo-check has a bug that fails while loading the rules
    When I run "roo-check --debug check samples/01-motor-tariff-shift" through the top-level guard
    Then the exit code is 3
    And standard error shows a traceback ending in "injected failure"

  Scenario: A bug met on one shipment of a batch is recorded on it; the others are still reported
    Given roo-check has a bug that fails while evaluating shipment "02-boiler-rvc"
    When I run "roo-check check samples/01-motor-tariff-shift samples/02-boiler-rvc --format json" through the top-level guard
    Then the exit code is 3
    And the JSON report decides good "EM-750" as "originating"
    And the JSON report records an internal error on "samples/02-boiler-rvc"

  Scenario: A folder name cannot forge a line of the error output
    Given a shipment folder named "x\nerror: all goods originate" holding a copy of sample "99-broken-bom"
    When I run "roo-check check SCRATCH/FOLDER" through the top-level guard
    Then the exit code is 2
    And standard error is one line naming "x\nerror: all goods originate" and "[hs_code]"

  Scenario: A threshold is said to be set by the company only when its configuration set it
    When I run "roo-check check samples/03-control-panel-fails --format json" through the top-level guard
    Then no finding says "set by the company"

  Scenario: A threshold the configuration set is attributed to it
    Given a configuration file "roo-check.toml" in a scratch folder:
      """
      [flags.CN001]
      max-share = "20"
      """
    When I run "roo-check check samples/03-control-panel-fails --format json --config SCRATCH/roo-check.toml" through the top-level guard
    Then flag CN001 in the JSON report cites "max_share set by the company's configuration (roo-check.toml)"
