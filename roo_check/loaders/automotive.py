"""The producer's automotive figures (``automotive.yaml`` / ``.json``) into :class:`AutomotiveFile`.

Same reading as the shipment documents: safe YAML or JSON, money as exact decimals, size
and nesting limits, one error line per problem naming the file, the path and the field.
"""

from __future__ import annotations

from roo_check.loaders.shipment import document_from_bytes
from roo_check.models.automotive import AutomotiveFile


def automotive_from_bytes(data: bytes, *, file: str, suffix: str) -> AutomotiveFile:
    return document_from_bytes(AutomotiveFile, data, file=file, suffix=suffix)
