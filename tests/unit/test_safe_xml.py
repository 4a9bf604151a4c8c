"""The hardened XML parser: nothing outside the input is ever read, no DTD or entity passes."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from roo_check import limits as size_limits
from roo_check.errors import InputError
from roo_check.loaders import limits
from roo_check.loaders.certificate import certificate_from_xml
from roo_check.loaders.safe_xml import (
    DTD_REFUSED,
    element_location,
    element_path,
    hardened_parser,
    parse_xml,
    refuse_dtd_and_entities,
)

SECRET = "s3cr3t-token-9f2c"

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<lolz>&lol9;</lolz>
"""


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(SECRET, encoding="utf-8")
    return path


def _xxe(secret: Path) -> bytes:
    return (
        '<?xml version="1.0"?>\n'
        f'<!DOCTYPE certificate [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>\n'
        '<certificate xmlns="urn:roo-check:usmca:certificate:1">\n'
        "  <certifierRole>&xxe;</certifierRole>\n"
        "</certificate>\n"
    ).encode()


def test_external_entity_is_refused_and_the_secret_never_read(secret_file: Path) -> None:
    data = _xxe(secret_file)
    with pytest.raises(InputError) as caught:
        parse_xml(data, file="evil.xml")
    assert caught.value.message == DTD_REFUSED
    assert caught.value.file == "evil.xml"
    assert SECRET not in str(caught.value)
    # The certificate loader goes through the same gate.
    with pytest.raises(InputError, match=DTD_REFUSED) as caught:
        certificate_from_xml(data, file="evil.xml")
    assert SECRET not in str(caught.value)


def test_the_parser_itself_never_reads_an_external_entity(secret_file: Path) -> None:
    """Belt and braces: even without the DOCTYPE refusal, the parser reads nothing outside."""
    root = etree.fromstring(_xxe(secret_file), parser=hardened_parser())
    assert SECRET not in etree.tostring(root, encoding="unicode")
    assert SECRET not in "".join(root.itertext())


def test_external_dtd_is_refused(secret_file: Path) -> None:
    data = f'<!DOCTYPE r SYSTEM "{secret_file.as_uri()}"><r/>'.encode()
    with pytest.raises(InputError, match=DTD_REFUSED):
        parse_xml(data, file="x.xml")


def test_any_doctype_is_refused_even_an_empty_one() -> None:
    with pytest.raises(InputError) as caught:
        parse_xml(b'<?xml version="1.0"?>\n<!DOCTYPE r>\n<r/>', file="x.xml")
    assert caught.value.message == DTD_REFUSED
    assert caught.value.location == "line 2"


def test_billion_laughs_is_refused() -> None:
    with pytest.raises(InputError, match=DTD_REFUSED):
        parse_xml(BILLION_LAUGHS, file="lol.xml")


def test_the_parser_itself_does_not_expand_billion_laughs() -> None:
    """Without the DOCTYPE refusal, libxml2 either keeps the entity unexpanded or stops."""
    try:
        root = etree.fromstring(BILLION_LAUGHS, parser=hardened_parser())
    except etree.XMLSyntaxError as exc:
        assert "amplification" in str(exc)
    else:
        assert len(etree.tostring(root)) < 1000


def test_undeclared_entity_reference_is_refused() -> None:
    with pytest.raises(InputError) as caught:
        parse_xml(b"<r>\n<a>&boom;</a></r>", file="x.xml")
    assert caught.value.message.startswith(DTD_REFUSED)
    assert caught.value.location == "line 2"


def test_utf16_doctype_is_refused() -> None:
    data = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE r [<!ENTITY a "b">]><r>&a;</r>'
    with pytest.raises(InputError, match=DTD_REFUSED):
        parse_xml(data.encode("utf-16"), file="x.xml")


def test_post_parse_check_catches_a_doctype_the_byte_scan_missed() -> None:
    tree = etree.fromstring(
        b'<!DOCTYPE r [<!ENTITY a "b">]><r>&a;</r>', parser=hardened_parser()
    ).getroottree()
    with pytest.raises(InputError, match=DTD_REFUSED):
        refuse_dtd_and_entities(tree, file="x.xml")


def test_xinclude_is_not_processed(secret_file: Path) -> None:
    data = (
        '<r xmlns:xi="http://www.w3.org/2001/XInclude">'
        f'<xi:include href="{secret_file.as_uri()}" parse="text"/></r>'
    ).encode()
    tree = parse_xml(data, file="x.xml")
    assert SECRET not in etree.tostring(tree, encoding="unicode")


def test_oversize_document_is_refused_before_parsing() -> None:
    data = b"<r>" + b" " * (limits.MAX_FILE_BYTES + 1) + b"</r>"
    with pytest.raises(InputError, match="limit is"):
        parse_xml(data, file="big.xml")


def test_depth_limit() -> None:
    depth = limits.MAX_XML_DEPTH + 1
    data = b"<a>" * depth + b"</a>" * depth
    with pytest.raises(InputError, match="nested more than"):
        parse_xml(data, file="deep.xml")
    ok = limits.MAX_XML_DEPTH
    parse_xml(b"<a>" * ok + b"</a>" * ok, file="ok.xml")


def test_element_count_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(size_limits, "_ACTIVE", [size_limits.InputLimits(xml_elements=10)])
    with pytest.raises(InputError, match="more than 10 elements"):
        parse_xml(b"<r>" + b"<a/>" * 10 + b"</r>", file="many.xml")
    monkeypatch.setattr(size_limits, "_ACTIVE", [size_limits.InputLimits(xml_elements=11)])
    parse_xml(b"<r>" + b"<a/>" * 10 + b"</r>", file="many.xml")  # a pipeline raised the limit


def test_malformed_xml_names_the_line() -> None:
    with pytest.raises(InputError) as caught:
        parse_xml(b"<r>\n<a>\n</b></r>", file="bad.xml")
    assert caught.value.location == "line 3"
    assert caught.value.message.startswith("malformed XML: ")
    assert "\n" not in str(caught.value)


def test_comments_are_removed_and_paths_are_readable() -> None:
    tree = parse_xml(
        b'<c xmlns="urn:x"><!-- note --><g><h>1</h></g>\n<g><h>2</h></g></c>', file="x.xml"
    )
    second = tree.getroot()[1][0]
    assert element_path(second) == "/c/g[2]/h"
    assert element_location(second) == "line 2, /c/g[2]/h"
    assert all(not isinstance(node, etree._Comment) for node in tree.getroot().iter())
