"""The USMCA certification of origin, from XML (validated against ``certificate.xsd``) or JSON.

XML element names are the model's field names in camelCase (``certifierRole``,
``hsCode``) in namespace :data:`NAMESPACE`; JSON keys are the field names themselves
(``certifier_role``, ``hs_code``). Either way the result is a validated
:class:`~roo_check.models.certificate.Certificate`; whether the certificate is *right*
is for the engine to say.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from lxml import etree
from pydantic import ValidationError

from roo_check.errors import InputError
from roo_check.loaders import Problems, one_line, validation_problems
from roo_check.loaders.limits import read_limited
from roo_check.loaders.safe_xml import element_location, local_name, parse_xml
from roo_check.loaders.shipment import document_from_bytes
from roo_check.models.certificate import Certificate

NAMESPACE = "urn:roo-check:usmca:certificate:1"
"""XML namespace of the certificate format, version 1."""

SCHEMA_RESOURCE = "certificate.xsd"

_LISTS = {"goods": "good"}
"""Elements holding a list, and the name of their items."""
_BOOLEANS = frozenset({"signed"})
_ELEMENT_IN_MESSAGE = re.compile(r"Element '(?:\{[^}]*\})?([^']+)'")
_NAMESPACE_IN_MESSAGE = re.compile(r"\{(?:urn|https?):[^}]*\}")

Loc = tuple[int | str, ...]


@cache
def certificate_schema() -> etree.XMLSchema:
    """The compiled XSD of the certificate XML, itself read with the hardened parser."""
    data = resources.files("roo_check.schemas").joinpath(SCHEMA_RESOURCE).read_bytes()
    return etree.XMLSchema(parse_xml(data, file=SCHEMA_RESOURCE))


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)


def _text(element: etree._Element) -> str | None:
    text = (element.text or "").strip()
    return text or None


def _convert(element: etree._Element, loc: Loc, where: dict[Loc, etree._Element]) -> dict[str, Any]:
    """An XML element of element-only content -> the dict the model validates."""
    where[loc] = element
    data: dict[str, Any] = {}
    for child in element:
        name = local_name(child)
        key = _snake(name)
        child_loc = (*loc, key)
        where[child_loc] = child
        if name in _LISTS:
            items = []
            for index, item in enumerate(child.iterchildren()):
                items.append(_convert(item, (*child_loc, index), where))
            data[key] = items
        elif len(child):
            data[key] = _convert(child, child_loc, where)
        else:
            text = _text(child)
            if text is None:
                continue
            if name in _BOOLEANS:
                data[key] = text in ("true", "1")
            else:
                data[key] = text
    return data


def _refuse_attributes(root: etree._Element, *, file: str, problems: Problems) -> None:
    # XSD processors honour xsi:* attributes (xsi:type, xsi:schemaLocation) even where a
    # schema declares none; the format uses no attribute at all, so refuse every one.
    for element in root.iter():
        for name in element.attrib:
            problems.add(
                f"attribute {etree.QName(name).localname!r} is not allowed "
                "(the certificate format uses elements only)",
                file=file,
                location=element_location(element),
                field=local_name(element),
            )


def _schema_problems(tree: etree._ElementTree, *, file: str, problems: Problems) -> None:
    schema = certificate_schema()
    if schema.validate(tree):
        return
    by_line: dict[int, list[etree._Element]] = {}
    for element in tree.getroot().iter():
        by_line.setdefault(element.sourceline or 0, []).append(element)
    for entry in schema.error_log:
        named = _ELEMENT_IN_MESSAGE.search(entry.message)
        field = named.group(1) if named else None
        candidates = by_line.get(entry.line, [])
        element = next((e for e in candidates if local_name(e) == field), None)
        location = element_location(element) if element is not None else f"line {entry.line}"
        message = _NAMESPACE_IN_MESSAGE.sub("", entry.message)
        message = _ELEMENT_IN_MESSAGE.sub("", message, count=1).lstrip(": ").strip()
        problems.add(
            f"does not match the certificate schema: {one_line(message, 250)}",
            file=file,
            location=location,
            field=field,
        )


def certificate_from_xml(data: bytes, *, file: str) -> Certificate:
    """Parse, schema-check and validate a certificate XML document."""
    tree = parse_xml(data, file=file)
    problems = Problems()
    _refuse_attributes(tree.getroot(), file=file, problems=problems)
    problems.raise_if_any()
    _schema_problems(tree, file=file, problems=problems)
    problems.raise_if_any()

    where: dict[Loc, etree._Element] = {}
    document = _convert(tree.getroot(), (), where)
    try:
        return Certificate.model_validate(document)
    except ValidationError as exc:

        def locate(loc: Loc) -> tuple[str | None, str | None]:
            probe = loc
            while probe and probe not in where:
                probe = probe[:-1]
            element = where.get(probe)
            names = [part for part in loc if isinstance(part, str)]
            field = _camel(names[-1]) if names else None
            # Where the value came from, or for a missing value the element that lacks it.
            return (element_location(element) if element is not None else None), field

        problems.extend(validation_problems(exc, file=file, locate=locate))
        problems.raise_if_any()
        raise


def certificate_from_json(data: bytes, *, file: str) -> Certificate:
    """Parse and validate a certificate JSON document (keys are the model's field names)."""
    return document_from_bytes(Certificate, data, file=file, suffix=".json")


def certificate_from_bytes(data: bytes, *, file: str, suffix: str) -> Certificate:
    """A certificate from ``.xml`` or ``.json`` bytes."""
    suffix = suffix.lower()
    if suffix == ".xml":
        return certificate_from_xml(data, file=file)
    if suffix == ".json":
        return certificate_from_json(data, file=file)
    raise InputError(
        f"cannot read a certificate from a {suffix or 'extension-less'} file (use .xml or .json)",
        file=file,
    )


def load_certificate(path: str | Path) -> Certificate:
    """A certificate from a ``.xml`` or ``.json`` file."""
    data = read_limited(path)
    return certificate_from_bytes(data, file=str(path), suffix=Path(path).suffix)
