"""Fuzz target: the XML certificate loader (certificate_from_bytes, suffix .xml).

``python -m tests.fuzz.certificate_xml -max_total_time=60`` (see tests/fuzz/harness.py).
"""

from tests.fuzz.harness import main

if __name__ == "__main__":
    main("certificate_xml")
