Feature: Suppliers' declarations behind originating claims
  A BOM line that claims a material originating names, in "evidence", the supplier's
  declaration (certification of origin) that backs it. roo-check checks every claim against
  the register of declarations (declarations.csv, a folder declarations/ of Annex 5-A
  certifications, or --declarations PATH): the declaration exists, covers that material from
  that supplier, is in force on the good's production date and says the same thing
  (USMCA Art. 5.2, 5.8; 19 CFR 182.15). Each problem is a risk flag (EVID001-EVID006); with
  --strict-evidence the material is also set aside as non-originating and the good decided
  again, the answer as claimed kept beside it. "roo-check suppliers" lists what each
  declaration protects and the renewals due, most consequential first.

  Sample 40: two swivel chairs of 9401.39 made in Guadalajara (rule PSR-9401.10-9401.80:
  (A) a change from any other chapter; (B) a change from 9401.90 with an RVC of 60 % by
  transaction value or 50 % by net cost). The office chair CHAIR-EXEC (TV 400.00, NC 360.00)
  claims four materials originating: the base (DECL-2026-014, in force), the synchro
  mechanism (DECL-2026-021, a declaration of another supplier), the seat foam
  (DECL-2025-088, expired on 2025-12-31) and the armrests (no evidence at all).

  Scenario: A claim without evidence
    When I run "roo-check check samples/40-office-chairs-declarations -q"
    Then the exit code is 1
    And the output says "/bom.csv:5:1: EVID001 [warning] material ARM-PAIR of good CHAIR-EXEC: claimed originating with no evidence: name the supplier's declaration"

  Scenario: An expired declaration
    # Production date 2026-11-16; the blanket period of DECL-2025-088 ended 2025-12-31.
    When I run "roo-check check samples/40-office-chairs-declarations -q"
    Then the output says "/bom.csv:4:1: EVID005 [error] material FOAM-SEAT of good CHAIR-EXEC: declaration DECL-2025-088 covers 2025-01-01 to 2025-12-31: expired on 2026-11-16"

  Scenario: A declaration for another supplier
    # The mechanism now comes from Mecanismos del Bajio; the declaration it names is the
    # former supplier's.
    When I run "roo-check check samples/40-office-chairs-declarations -q"
    Then the output says "/bom.csv:3:1: EVID004 [error] material MECH-SYNC of good CHAIR-EXEC: declaration DECL-2026-021 is from Herrajes Industriales de Monterrey SA, not from the BOM line's supplier Mecanismos del Bajio SA"

  Scenario: Strict evidence sets the unsupported claims aside and the office chair fails
    # Set aside: MECH-SYNC 80.00 and ARM-PAIR 20.00 (both 9401.99, no change of chapter) and
    # FOAM-SEAT 30.00. (A) fails: 100.00 of non-shifting materials is 25 % of the TV, above
    # the 10 % de minimis. (B): VNM 60.00 + 130.00 = 190.00; RVC (400 - 190) / 400 = 52.50 %
    # < 60 %, (360 - 190) / 360 = 47.22 % < 50 %. As claimed, the good is originating.
    When I run "roo-check check samples/40-office-chairs-declarations -q --strict-evidence"
    Then the exit code is 1
    And the output says "PSR-9401.10-9401.80 [error] good CHAIR-EXEC (9401.39): Not originating"
    And the output says "[RVC 52.50% (transaction value), RVC 47.22% (net cost)]"
    And the output says "with every unsupported claim set aside the good is not-originating, as claimed it is originating"

  Scenario: The register given once for a batch
    Given a copy of sample "40-office-chairs-declarations" without its register
    When I check the copy with "--declarations samples/40-office-chairs-declarations/declarations.csv --declarations samples/40-office-chairs-declarations/declarations"
    Then the output says "EVID005 [error] material FOAM-SEAT of good CHAIR-EXEC"
    And the output says "EVID004 [error] material MECH-SYNC of good CHAIR-EXEC"

  Scenario: The renewal list, most consequential first
    # CHAIR-TASK (TV 200.00, NC 170.00, 300 invoiced at 200.00 = 60,000.00 USD) fails without
    # its base: VNM 52.00 + 35.00 = 87.00, RVC 56.50 % by TV and 48.82 % by NC. The foam of
    # DECL-2026-044 (chapter 39) protects no good; the expired DECL-2025-088 protects nothing
    # either (the office chair originates under (A) without its foam).
    When I run "roo-check suppliers samples/40-office-chairs-declarations --date 2026-12-02 --within 60d"
    Then the exit code is 1
    And the output says "1. DECL-2026-014 Fundiciones de Jalisco SA de CV: valid until 2026-12-31 (29 days left); 60,000.00 USD at stake; goods depending on it: CHAIR-TASK"
    And the output says "2. DECL-2025-088 Espumas de Occidente SA de CV: expired 2025-12-31 (336 days ago); nothing at stake"
    And the output says "protects 40-office-chairs-declarations CHAIR-TASK: not-originating without it; 60,000.00 USD (invoice SEG-INV-40112: 300 units)"
    And the output says "40-office-chairs-declarations CHAIR-EXEC ARM-PAIR row 5: claimed originating with no evidence"

  Scenario: The renewal list as a workbook
    When I run "roo-check suppliers samples/40-office-chairs-declarations --date 2026-12-02 -f xlsx -o SCRATCH/renewals.xlsx" in a scratch folder
    Then the workbook "renewals.xlsx" has the value at stake of "DECL-2026-014" as the number 60000
