"""A what-if scenario file (YAML or JSON), read as untrusted as any other input."""

from __future__ import annotations

from pathlib import Path

from roo_check.loaders.files import read_file
from roo_check.loaders.shipment import document_from_bytes
from roo_check.models.whatif import Scenario


def load_scenario(path: str | Path) -> Scenario:
    name = str(path)
    return document_from_bytes(
        Scenario, read_file(path, file=name), file=name, suffix=Path(path).suffix
    )
