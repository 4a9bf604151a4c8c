Feature: The cheapest fix for a failing good, and what a passing good hangs on
  "roo-check fix PATH..." says, for each good that is not originating, which non-originating
  materials to obtain as originating at the least cost (their value, or the premiums of a
  scenario file) under criterion C or any alternative of its rule, solved exactly and checked
  by deciding the good again; and, for each good that originates, its single points of
  failure: each material whose loss of originating status alone would make it fail.

  Scenario: The motor control panel of sample 03 qualifies once its drive is originating
    # PSR-8537: (A) a change of heading except from printed circuit assemblies, de minimis
    # 10 % of 6,200.00 = 620.00 USD: the controller board (2,150.00) must be originating;
    # (B) a change of heading and an RVC of 50 % by transaction value or 40 % by net cost:
    # VNM 3,910.00 may be at most 6,200 x 50 % = 3,100.00 (it must fall by 810.00) or
    # 5,600 x 60 % = 3,360.00 (by 550.00). The contactors (380.00) are not enough; the drive
    # (1,380.00) is: VNM 2,530.00, RVC (6,200 - 2,530) / 6,200 = 59.19 %, (5,600 - 2,530) /
    # 5,600 = 54.82 %. Criterion C would take all three, 3,910.00.
    When I run "roo-check fix samples/03-control-panel-fails"
    Then the exit code is 0
    And the output says "cheapest fix: obtain VFD-22K as originating (cost 1,380.00 USD) under alternative B, net cost"
    And the output says "RVC 59.19% (transaction value), RVC 54.82% (net cost)"
    And the output says "or the non-originating value falls by 810.00 USD (alternative B, transaction value) or 550.00 USD (alternative B, net cost)"
    And the output says "alternative A: PCA-MAIN (2,150.00)"
    And the output says "criterion C: CONT-40A, PCA-MAIN, VFD-22K (3,910.00)"

  Scenario: A premium for the drive makes the controller board the cheaper fix
    Given a file "premiums.yaml" holding:
      """
      note: What an originating source would cost more, from the purchasing team's quotes
      premium:
        VFD-22K: "5000.00"
        PCA-MAIN: "900.00"
      """
    When I run the fix of sample "03-control-panel-fails" with the scenario "premiums.yaml"
    Then the exit code is 0
    And the output says "cheapest fix: obtain PCA-MAIN as originating (cost 900.00 USD) under alternative A"

  Scenario: A passing panel names the materials it cannot lose
    # VNM 2,380.00: RVC (5,000 - 2,380) / 5,000 = 52.40 % by transaction value (50 % needed),
    # (4,100 - 2,380) / 4,100 = 41.95 % by net cost (40 %). The wire (160.00) lost: 49.20 % and
    # 38.05 %, both short; the terminal blocks (95.00) lost: 50.50 %, still enough.
    When I run "roo-check fix samples/14-rvc-hugging"
    Then the exit code is 0
    And the output says "14-rvc-hugging CP-240: originating"
    And the output says "single points of failure: BRKR-2P, ENCL-IP65, WIRE-H"

  Scenario: A sedan that fails its labour value content has no fix in its materials
    When I run "roo-check fix samples/21-sedan-fails-lvc"
    Then the exit code is 0
    And the output says "no fix by obtaining materials as originating; decided again: Not originating: Part 6 requirement not met: Labour value content"
