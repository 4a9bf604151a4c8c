"""Hardened XML parsing: no DTD, no entity, no network, nothing read beyond the input bytes.

A supplier's XML is parsed only after its size is checked, by a parser that neither loads
DTDs nor resolves entities nor touches the network. On top of that, any document that
has a DOCTYPE or an entity (declared or referenced) is refused outright: a certificate
never needs one, and refusing is simpler to trust than defusing. Depth and element count
are limited after parsing.
"""

from __future__ import annotations

import re

from lxml import etree

from roo_check.errors import InputError
from roo_check.limits import input_limits
from roo_check.loaders import one_line
from roo_check.loaders.limits import MAX_XML_DEPTH, check_size

DTD_REFUSED = "DTDs and entities are not allowed"

_MARKERS = tuple(
    marker.encode(encoding)
    for marker in ("<!DOCTYPE", "<!ENTITY")
    for encoding in ("utf-8", "utf-16-le", "utf-16-be")
)
_POSITION = re.compile(r",? line \d+, column \d+.*$")
_UNDEFINED_ENTITY = re.compile(r"^Entity '([^']*)' not defined")


def hardened_parser() -> etree.XMLParser:
    """A new lxml parser that loads no DTD, resolves no entity and never uses the network."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def _line_of(data: bytes, offset: int) -> int:
    return data[:offset].count(b"\n") + 1


def _refuse_markers(data: bytes, *, file: str) -> None:
    """Refuse before parsing: the cheapest way to be sure no DTD reaches the parser."""
    for marker in _MARKERS:
        offset = data.find(marker)
        if offset >= 0:
            raise InputError(DTD_REFUSED, file=file, location=f"line {_line_of(data, offset)}")


def refuse_dtd_and_entities(tree: etree._ElementTree, *, file: str) -> None:
    """Refuse a parsed document that has a DOCTYPE, a DTD subset or any entity node."""
    info = tree.docinfo
    if info.doctype or info.internalDTD is not None or info.externalDTD is not None:
        raise InputError(DTD_REFUSED, file=file, location="line 1")
    for node in tree.getroot().iter():
        if isinstance(node, etree._Entity):
            raise InputError(
                f"{DTD_REFUSED} (found &{node.name};)",
                file=file,
                location=f"line {node.sourceline}" if node.sourceline else None,
            )


def _check_shape(root: etree._Element, *, file: str) -> None:
    most = input_limits().xml_elements
    count = 0
    depth = 0
    for event, element in etree.iterwalk(root, events=("start", "end")):
        if event == "end":
            depth -= 1
            continue
        depth += 1
        count += 1
        if depth > MAX_XML_DEPTH:
            raise InputError(
                f"elements are nested more than {MAX_XML_DEPTH} deep",
                file=file,
                location=f"line {element.sourceline}",
            )
        if count > most:
            raise InputError(
                f"the document has more than {most:,} elements",
                file=file,
                location=f"line {element.sourceline}",
            )


def parse_xml(data: bytes, *, file: str) -> etree._ElementTree:
    """Parse untrusted XML bytes; raise :class:`InputError` for anything unsafe or malformed."""
    check_size(len(data), file=file)
    _refuse_markers(data, file=file)
    try:
        root = etree.fromstring(data, parser=hardened_parser())
    except etree.XMLSyntaxError as exc:
        message = _POSITION.sub("", str(exc.msg or exc)).strip() or "malformed XML"
        entity = _UNDEFINED_ENTITY.match(message)
        if entity:
            message = f"{DTD_REFUSED} (found &{entity.group(1)};)"
        else:
            message = f"malformed XML: {one_line(message, 200)}"
        raise InputError(
            message, file=file, location=f"line {exc.lineno}" if exc.lineno else None
        ) from None
    except (etree.LxmlError, ValueError, TypeError) as exc:
        raise InputError(f"malformed XML: {one_line(str(exc), 200)}", file=file) from None
    if root is None:
        raise InputError("malformed XML: the document is empty", file=file)
    tree = root.getroottree()
    refuse_dtd_and_entities(tree, file=file)
    _check_shape(root, file=file)
    return tree


def local_name(element: etree._Element) -> str:
    """The element's name without its namespace."""
    return etree.QName(element).localname


def element_path(element: etree._Element) -> str:
    """A readable path such as ``/certificate/goods/good[2]/hsCode`` (namespaces left out)."""
    parts: list[str] = []
    node: etree._Element | None = element
    while node is not None:
        name = local_name(node)
        parent = node.getparent()
        if parent is not None:
            same = [child for child in parent.iterchildren(node.tag)]
            if len(same) > 1:
                name = f"{name}[{same.index(node) + 1}]"
        parts.append(name)
        node = parent
    return "/" + "/".join(reversed(parts))


def element_location(element: etree._Element) -> str:
    """``line 14, /certificate/goods/good[2]/hsCode``: where a user finds the element."""
    line = element.sourceline
    path = element_path(element)
    return f"line {line}, {path}" if line else path
