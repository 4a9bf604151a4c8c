"""Fuzz target: the configuration loader (loaders.config.load_config on a scratch roo-check.toml)
and rulebook.configure.apply_config over the bundled rules.

``python -m tests.fuzz.config -max_total_time=60`` (see tests/fuzz/harness.py).
"""

from tests.fuzz.harness import main

if __name__ == "__main__":
    main("config")
