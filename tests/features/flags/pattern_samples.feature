Feature: The bundled pattern samples raise exactly the flags they should
  Each sample is a pattern named in the 2025-26 reporting on Chinese goods routed through
  Mexico; the clean shipment raises none (false positives cost analysts as much as misses).

  Scenario Outline: <sample>
    When I run "roo-check check samples/<sample> --format json"
    Then the exit code is <exit>
    And the flags raised are exactly "<flags>"

    Examples:
      | sample                  | exit | flags                                |
      | 10-relabelled-drills    | 1    | CERT007, CN001, PROC001, PROC002     |
      | 11-kit-assembly-ebike   | 1    | CN001, PROC002                       |
      | 12-certificate-mismatch | 1    | CERT006, CERT007, CERT008            |
      | 13-panama-routing       | 1    | TRANS001, TRANS002, TRANS003, TRANS004 |
      | 14-rvc-hugging          | 1    | CN001, CN004                         |
      | 15-clean-pump           | 0    |                                      |
      | 01-motor-tariff-shift   | 0    |                                      |
      | 02-boiler-rvc           | 0    |                                      |

  Scenario: Every flag rule is listed with its id, severity and summary
    When I run "roo-check rules list --kind flag"
    Then the exit code is 0
    And the output says "TRANS001  error    The good passed through a non-Party"
    And the output says "CN001     warning  Materials from countries of concern exceed the configured share"

  Scenario: A configuration file in the working folder changes a threshold, and the report records it
    Given a configuration file "roo-check.toml" in a scratch folder:
      """
      [flags.CN001]
      max_share = "10"
      """
    When I run "roo-check check ROOT/samples/01-motor-tariff-shift" in the scratch folder
    Then the exit code is 1
    And the output says "[WARNING] CN001 good EM-750: Materials from CN are worth 319.50 USD, 17.27%"
    And the output says "configuration roo-check.toml sha256:"
