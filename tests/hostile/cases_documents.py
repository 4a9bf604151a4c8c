"""Hostile documents: certificate.xml and .json, shipment.json and .yaml, automotive.yaml and
.json. XML bombs and external entities, deep and wide trees, YAML aliases and tags, JSON
NaN and duplicate keys, absurd numbers and dates, HS codes in no edition.
"""

from __future__ import annotations

import json
import re

import yaml

from tests.hostile.build import (
    SECRET,
    Base,
    Case,
    Op,
    accepted,
    append,
    err,
    extend,
    on_base,
    recode,
    remove,
    sample,
    sub,
    sub_bytes,
    truncate,
    write,
    write_hex,
)
from tests.hostile.ops import SAMPLES

MiB = 1024 * 1024
DEEP = 100_000
"""Nesting depth of the deep documents (the limit is 64)."""
WIDE = 200_001
"""Values of the wide documents (the limit is 200,000)."""

CERT_XML = Base(
    "certificate-xml",
    (sample("01-motor-tariff-shift", "ship"),),
    ("check", "ship"),
    "ship/certificate.xml",
    0,
)
CERT_JSON = Base(
    "certificate-json", (sample("02-boiler-rvc", "ship"),), ("check", "ship"),
    "ship/certificate.json", 0,
)  # fmt: skip
SHIP_JSON = Base(
    "shipment-json", (sample("01-motor-tariff-shift", "ship"),), ("check", "ship"),
    "ship/shipment.json", 0,
)  # fmt: skip
SHIP_YAML = Base(
    "shipment-yaml", (sample("02-boiler-rvc", "ship"),), ("check", "ship"),
    "ship/shipment.yaml", 0,
)  # fmt: skip
AUTO_YAML = Base(
    "automotive-yaml", (sample("20-sedan-qualifies", "ship"),), ("check", "ship"),
    "ship/automotive.yaml", 0,
)  # fmt: skip


def _automotive_json_text() -> str:
    data = yaml.safe_load((SAMPLES / "20-sedan-qualifies/automotive.yaml").read_text())
    return json.dumps(data, indent=1, default=str) + "\n"


AUTO_JSON = Base(
    "automotive-json",
    (
        sample("20-sedan-qualifies", "ship"),
        remove("ship/automotive.yaml"),
        write("ship/automotive.json", _automotive_json_text()),
    ),
    ("check", "ship"),
    "ship/automotive.json",
    0,
)

XML_ENTITY = "DTD|DOCTYPE|entit"


# ---------------------------------------------------------------------------- shared bytes


def file_cases(base: Base, marker: str) -> list[Case]:
    """Empty, BOM-only, NUL, invalid UTF-8, truncated and oversize: any document."""
    f = base.file
    return [
        on_base(base, "empty-file", "empty-file", "a zero-byte file", write(f, ""), stderr=err(f)),
        on_base(base, "bom-only", "bom-only", "only the UTF-8 byte-order mark",
                write_hex(f, b"\xef\xbb\xbf"), stderr=err(f)),
        on_base(base, "nul-byte", "nul-byte", "a NUL byte in the text",
                sub_bytes(f, marker, b"\x00" + marker.encode()), stderr=err(f)),
        on_base(base, "invalid-utf8", "invalid-utf8", "a Latin-1 byte (0xE9)",
                sub_bytes(f, marker, b"\xe9" + marker.encode()), stderr=err(f)),
        on_base(base, "truncated", "truncated", "the document cut 40 bytes short",
                truncate(f, -40), stderr=err(f)),
        on_base(base, "oversize-file", "huge-file", "grown past 20 MiB (sparse zeros)",
                extend(f, 21 * MiB), stderr=err(f, text="20 MiB|limit")),
    ]  # fmt: skip


def _deep(f: str, anchor: str, opening: str, closing: str, key: str, suffix: str = "") -> list[Op]:
    """Insert ``key`` with a value nested ``DEEP`` levels deep right after ``anchor``."""
    return [
        sub(f, anchor, anchor + key + "@DEEP@" + suffix),
        sub(f, "@DEEP@", "", before=(opening, DEEP), after=(closing, DEEP)),
    ]


# ------------------------------------------------------------------------------------ XML

CERT_LAUGHS = (
    '<!DOCTYPE certificate [<!ENTITY l0 "lol">'
    + "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    + "]>\n<certificate xmlns"
)


def certificate_xml_cases() -> list[Case]:
    b, f = CERT_XML, CERT_XML.file
    name = "<name>Motores del Bajio SA de CV</name>"
    root = "<certificate xmlns"
    cases = file_cases(b, "<certifierRole>")
    cases += [
        accepted(b, "utf-16", "utf-16", "the certificate in UTF-16 with its BOM and declaration",
                 "XML 1.0 requires every parser to read UTF-16 declared as such",
                 sub(f, 'encoding="UTF-8"', 'encoding="UTF-16"'), recode(f, encoding="utf-16")),
        on_base(b, "doctype", "xml-doctype", "an internal DOCTYPE",
                sub(f, root, "<!DOCTYPE certificate>\n" + root), stderr=err(f, text=XML_ENTITY)),
        on_base(b, "billion-laughs", "xml-bomb", "nested entities (billion laughs)",
                sub(f, root, CERT_LAUGHS), sub(f, name, "<name>&l9;</name>"),
                stderr=err(f, text=XML_ENTITY)),
        on_base(b, "quadratic-blowup", "xml-bomb", "one 10,000-character entity used 20,000 times",
                sub(f, root, '<!DOCTYPE certificate [<!ENTITY a "@A@">]>\n' + root),
                sub(f, "@A@", "", before=("a", 10_000)),
                sub(f, name, "<name>@Q@</name>"), sub(f, "@Q@", "", before=("&a;", 20_000)),
                stderr=err(f, text=XML_ENTITY)),
        on_base(b, "external-entity-secret", "xml-external-entity",
                "an external entity reading the secret file into the certifier's name",
                sub(f, root, f'<!DOCTYPE certificate [<!ENTITY xxe SYSTEM "file://{SECRET}">]>\n' + root),
                sub(f, name, "<name>&xxe;</name>"), stderr=err(f, text=XML_ENTITY)),
        on_base(b, "parameter-entity-secret", "xml-external-entity",
                "a parameter entity loading the secret file as a DTD",
                sub(f, root, f'<!DOCTYPE certificate [<!ENTITY % p SYSTEM "file://{SECRET}"> %p;]>\n' + root),
                stderr=err(f, text=XML_ENTITY)),
        on_base(b, "external-dtd-secret", "xml-external-entity", "a DOCTYPE whose DTD is the secret file",
                sub(f, root, f'<!DOCTYPE certificate SYSTEM "file://{SECRET}">\n' + root),
                stderr=err(f, text=XML_ENTITY)),
        on_base(b, "xinclude-secret", "xml-external-entity", "an XInclude of the secret file as text",
                sub(f, name, f'<name><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file://{SECRET}" parse="text"/></name>'),
                stderr=err(f)),
        accepted(b, "stylesheet-pi-secret", "xml-processing-instruction",
                 "an xml-stylesheet processing instruction naming the secret file",
                 "processing instructions are not read; nothing outside the file is opened",
                 sub(f, root, f'<?xml-stylesheet type="text/xsl" href="file://{SECRET}"?>\n' + root)),
        on_base(b, "deep-nesting", "deep-nesting", f"elements nested {DEEP:,} deep",
                *_deep(f, "<certifierRole>producer</certifierRole>", "<x>", "</x>", ""),
                stderr=err(f, text="deep|depth|nest")),
        on_base(b, "wide-elements", "wide-tree", f"{WIDE:,} empty elements",
                sub(f, "<goods>", "<goods>", after=("<x/>", WIDE)), stderr=err(f), timeout=30.0),
        on_base(b, "wrong-namespace", "schema", "another namespace",
                sub(f, "urn:roo-check:usmca:certificate:1", "urn:evil"), stderr=err(f)),
        on_base(b, "attribute", "schema", "an attribute on an element",
                sub(f, name, '<name onload="x">Motores del Bajio SA de CV</name>'), stderr=err(f)),
        on_base(b, "duplicate-element", "schema", "certifierRole twice",
                sub(f, "<certifierRole>producer</certifierRole>",
                    "<certifierRole>producer</certifierRole><certifierRole>importer</certifierRole>"),
                stderr=err(f)),
        on_base(b, "control-char-reference", "control-chars", "&#x1b; (not allowed in XML 1.0)",
                sub(f, name, "<name>Motores&#x1b;[2J</name>"), stderr=err(f)),
        on_base(b, "raw-control-char", "control-chars", "a raw 0x01 byte",
                sub_bytes(f, name, b"<name>Mo\x01tores</name>"), stderr=err(f)),
        on_base(b, "long-text-1mib", "long-field", "a certifier name of 1 MiB",
                sub(f, "Motores del Bajio SA de CV</name>", "Motores del Bajio SA de CV</name>", before=("M", MiB)),
                stderr=err(f), timeout=30.0),
        on_base(b, "origin-criterion-unknown", "unknown-enum", "originCriterion 'E'",
                sub(f, "<originCriterion>B</originCriterion>", "<originCriterion>E</originCriterion>"),
                stderr=err(f)),
        on_base(b, "certifier-role-unknown", "unknown-enum", "certifierRole 'emperor'",
                sub(f, "<certifierRole>producer<", "<certifierRole>emperor<"), stderr=err(f)),
    ]  # fmt: skip
    cases += _certificate_xml_values()
    return cases


def _certificate_xml_values() -> list[Case]:
    b, f = CERT_XML, CERT_XML.file
    hs = "<hsCode>8501.52</hsCode>"
    signed, start, end = (
        "<date>2025-12-19</date>",
        "<start>2026-01-01</start>",
        "<end>2026-12-31</end>",
    )
    cases = [
        on_base(b, f"hs-{variant}", klass, f"hsCode {value!r}",
                sub(f, hs, f"<hsCode>{value}</hsCode>"), stderr=err(f, field="(hsCode|hs_code)"))
        for variant, klass, value in (
            ("no-edition", "hs-in-no-edition", "9999.99"),
            ("not-in-hs2022", "hs-in-no-edition", "8501.59"),
            ("five-digits", "malformed-code", "8501.5"),
            ("fullwidth", "unicode-digits", "８５０１.５２"),
        )
    ]  # fmt: skip
    for variant, klass, value in (
        ("year-9999", "far-date", "9999-12-31"),
        ("year-10000", "far-date", "10000-01-01"),
        ("year-0001", "far-date", "0001-01-01"),
        ("impossible", "impossible-date", "2026-02-30"),
        ("with-timezone", "non-iso-date", "2025-12-19+14:00"),
    ):
        cases.append(
            on_base(b, f"signature-date-{variant}", klass, f"signature date {value}",
                    sub(f, signed, f"<date>{value}</date>"), stderr=err(f, field="(date|signature)"))
        )  # fmt: skip
    cases += [
        on_base(b, "blanket-year-9999", "far-date", "blanket period from 9999-01-01 to 9999-12-31",
                sub(f, start, "<start>9999-01-01</start>"), sub(f, end, "<end>9999-12-31</end>"),
                stderr=err(f, field="(start|end|blanketPeriod|blanket_period)")),
        on_base(b, "blanket-end-9999", "far-date", "blanket period to 9999-12-31 ('no end')",
                sub(f, end, "<end>9999-12-31</end>"), stderr=err(f, field="(end|blanketPeriod|blanket_period)")),
        on_base(b, "blanket-start-0001", "far-date", "blanket period from 0001-01-01",
                sub(f, start, "<start>0001-01-01</start>"),
                stderr=err(f, field="(start|blanketPeriod|blanket_period)")),
        on_base(b, "blanket-end-10000", "far-date", "blanket period to 10000-01-01",
                sub(f, end, "<end>10000-01-01</end>"), stderr=err(f, field="(end|blanketPeriod|blanket_period)")),
    ]  # fmt: skip
    return cases


# ----------------------------------------------------------------------------------- JSON


def json_cases(base: Base, marker: str) -> list[Case]:
    """What any JSON document can do: bytes, structure, NaN, duplicate keys, nesting."""
    f = base.file
    cases = file_cases(base, marker)
    cases += [
        on_base(base, "utf-16", "utf-16", "the document in UTF-16 with its BOM",
                recode(f, encoding="utf-16"), stderr=err(f)),
        on_base(base, "not-json", "wrong-format", "YAML text in a .json file",
                write(f, "certifier_role: exporter\n"), stderr=err(f)),
        on_base(base, "top-level-array", "wrong-shape", "a list instead of an object",
                write(f, "[]\n"), stderr=err(f)),
        on_base(base, "top-level-null", "wrong-shape", "null", write(f, "null\n"), stderr=err(f)),
        on_base(base, "deep-nesting", "deep-nesting", f"arrays nested {DEEP:,} deep",
                *_deep(f, "{", "[", "]", '"deep": ', ", "),
                stderr=err(f, text="deep|depth|nest")),
        on_base(base, "wide-array", "wide-tree", f"an array of {WIDE:,} numbers",
                sub(f, "{", '{"wide": [0@W@], ', 1), sub(f, "@W@", "", after=(",0", WIDE)),
                stderr=err(f), timeout=30.0),
        on_base(base, "duplicate-key", "duplicate-key", "a key given twice",
                sub(f, "{", "{" + marker + ' "first", ', 1),
                stderr=err(f, text="duplicate|twice")),
        on_base(base, "unknown-key", "unknown-key", "a key the model does not have",
                sub(f, "{", '{"evil_key": 1, ', 1), stderr=err(f, field="evil_key")),
        on_base(base, "nan-value", "nan-infinity", "a bare NaN", sub(f, "{", '{"x": NaN, ', 1),
                stderr=err(f)),
        on_base(base, "infinity-value", "nan-infinity", "a bare Infinity",
                sub(f, "{", '{"x": -Infinity, ', 1), stderr=err(f)),
        on_base(base, "huge-number", "absurd-number", "the number 1e999999",
                sub(f, "{", '{"x": 1e999999, ', 1), stderr=err(f)),
        on_base(base, "digits-100000", "absurd-number", "an integer of 100,000 digits",
                sub(f, "{", '{"x": 1@D@, ', 1), sub(f, "@D@", "", after=("0", 100_000)),
                stderr=err(f)),
    ]  # fmt: skip
    return cases


def _json_value_cases(base: Base, old: str, field: str, loc: str, values) -> list[Case]:
    """A value at ``loc``: the error names that place (a bare NaN or Infinity, which the JSON
    parser refuses before any place is known, is named instead)."""
    f = base.file
    return [
        on_base(base, f"{field}-{variant}", klass, f"{field} {value}",
                sub(f, old, old.split(":")[0] + ": " + value),
                stderr=err(f, text="NaN|Infinity") if value in ("NaN", "Infinity") else err(f, loc))
        for variant, klass, value in values
    ]  # fmt: skip


JSON_NUMBERS = (
    ("huge-exponent", "absurd-number", "1e999999"),
    ("tiny-exponent", "absurd-number", "1e-999999999"),
    ("tiny-exponent-string", "absurd-number", '"1e-999999999"'),
    ("digits-31", "absurd-number", "1234567890123456789012345678901"),
    ("nan", "nan-infinity", "NaN"),
    ("infinity", "nan-infinity", "Infinity"),
    ("negative", "negative-value", "-24"),
    ("zero", "zero-value", "0"),
    ("arabic-indic-string", "unicode-digits", '"٢٤"'),
)
JSON_DATES = (
    ("year-9999", "far-date", '"9999-12-31"'),
    ("year-10000", "far-date", '"10000-01-01"'),
    ("year-0001", "far-date", '"0001-01-01"'),
    ("impossible", "impossible-date", '"2026-02-30"'),
    ("basic-iso", "non-iso-date", '"20261012"'),
    ("unix-seconds", "non-iso-date", "1791763200"),
)


def certificate_json_cases() -> list[Case]:
    b, f = CERT_JSON, CERT_JSON.file
    cases = json_cases(b, '"certifier_role":')
    cases += _json_value_cases(b, '"hs_code": "8402.12"', "hs_code", "$.goods[0].hs_code", (
        ("no-edition", "hs-in-no-edition", '"9999.99"'),
        ("nul-escape", "control-chars", '"8402.12\\u0000"'),
        ("newline-forged", "forged-line", '"84\\nerror: FORGED line"'),
    ))  # fmt: skip
    cases += [
        on_base(b, f"signature-date-{variant}", klass, f"signature date {value}",
                sub(f, '"date": "2026-09-30"', f'"date": {value}'),
                stderr=err(f, "$.signature.date", "date"))
        for variant, klass, value in JSON_DATES
    ]  # fmt: skip
    blanket = '"invoice_number": "CIN-2026-0877"'
    cases += [
        on_base(b, "blanket-year-9999", "far-date", "blanket period 9999-01-01 to 9999-12-31",
                sub(f, blanket, '"blanket_period": {"start": "9999-01-01", "end": "9999-12-31"}'),
                stderr=err(f, field="(start|end|blanket_period)")),
        on_base(b, "blanket-end-9999", "far-date", "blanket period to 9999-12-31",
                sub(f, blanket, '"blanket_period": {"start": "2026-01-01", "end": "9999-12-31"}'),
                stderr=err(f, field="(end|blanket_period)")),
        on_base(b, "origin-criterion-unknown", "unknown-enum", "origin criterion 'E'",
                sub(f, '"origin_criterion": "B"', '"origin_criterion": "E"'),
                stderr=err(f, "$.goods[0].origin_criterion", "origin_criterion")),
        on_base(b, "lone-surrogate", "invalid-unicode", "a lone surrogate \\ud800 in a name",
                sub(f, '"name": "Calderas', '"name": "\\ud800Calderas'), stderr=err(f)),
        on_base(b, "long-text-1mib", "long-field", "a certifier name of 1 MiB",
                sub(f, '"name": "Calderas', '"name": "Calderas', after=("C", MiB)),
                stderr=err(f), timeout=30.0),
        on_base(b, "signed-not-boolean", "wrong-type", "signed: 1e999999",
                sub(f, '"signed": true', '"signed": 1e999999'), stderr=err(f)),
    ]  # fmt: skip
    return cases


def shipment_json_cases() -> list[Case]:
    b = SHIP_JSON
    cases = json_cases(b, '"shipment_id":')
    cases += _json_value_cases(
        b, '"quantity": 24', "quantity", "$.invoice.lines[0].quantity", JSON_NUMBERS
    )
    cases += _json_value_cases(
        b, '"shipment_date": "2026-10-12"', "shipment_date", "$.shipment_date", JSON_DATES
    )
    cases += _json_value_cases(b, '"unit_price": "1850.00"', "unit_price", "$.invoice.lines[0].unit_price", (
        ("tiny-exponent", "absurd-number", '"1e-999999999"'),
        ("huge-exponent", "absurd-number", '"1e999999"'),
        ("excess-precision", "absurd-number", '"1850.0000000000000000000000000001"'),
    ))  # fmt: skip
    cases += _json_value_cases(b, '"departure": "2026-10-12"', "departure", "$.routing[0].departure", (
        ("year-9999", "far-date", '"9999-12-31"'),
    ))  # fmt: skip
    cases += _json_value_cases(b, '"to_country": "MX"', "to_country", "$.routing[0].to_country", (
        ("unknown", "unknown-enum", '"ZZ"'),
    ))  # fmt: skip
    return cases


# ----------------------------------------------------------------------------------- YAML

YAML_LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True)
)


def yaml_cases(base: Base, first: str) -> list[Case]:
    """What any YAML document can do: aliases, tags, merge keys, duplicates, nesting."""
    f = base.file
    cases = file_cases(base, first)
    cases += [
        on_base(base, "utf-16", "utf-16", "the document in UTF-16 with its BOM",
                recode(f, encoding="utf-16"), stderr=err(f)),
        on_base(base, "billion-laughs", "yaml-aliases", "nine levels of aliases (billion laughs)",
                sub(f, first, YAML_LAUGHS + first), stderr=err(f, text="alias|anchor")),
        on_base(base, "one-alias", "yaml-aliases", "a single anchor and alias",
                sub(f, first, "x: &x 1\ny: *x\n" + first), stderr=err(f, text="alias|anchor")),
        on_base(base, "merge-key", "yaml-aliases", "a merge key <<",
                sub(f, first, "base: &b {k: 1}\nother:\n  <<: *b\n" + first), stderr=err(f)),
        on_base(base, "python-tag", "yaml-tags", "a !!python/object/apply tag running a command",
                sub(f, first, "x: !!python/object/apply:os.system ['echo PWNED > pwned.txt']\n" + first),
                stderr=err(f)),
        on_base(base, "binary-tag", "yaml-tags", "a !!binary value", sub(f, first, "x: !!binary aGVsbG8=\n" + first),
                stderr=err(f)),
        on_base(base, "set-tag", "yaml-tags", "a !!set value", sub(f, first, "x: !!set {a, b}\n" + first),
                stderr=err(f)),
        on_base(base, "duplicate-key", "duplicate-key", "the first key given twice",
                sub(f, first, first + first.split(":")[0] + ": again\n"), stderr=err(f, text="duplicate|twice")),
        on_base(base, "deep-flow-nesting", "deep-nesting", f"flow sequences nested {DEEP:,} deep",
                *_deep(f, first, "[", "]", "deep: ", "\n"),
                stderr=err(f, text="deep|depth|nest"), timeout=30.0),
        on_base(base, "wide-sequence", "wide-tree", f"a sequence of {WIDE:,} numbers",
                sub(f, first, "wide: [0@W@]\n" + first), sub(f, "@W@", "", after=(",0", WIDE)),
                stderr=err(f), timeout=30.0),
        on_base(base, "two-documents", "wrong-shape", "two YAML documents", append(f, "---\nx: 1\n"),
                stderr=err(f)),
        on_base(base, "tab-indent", "malformed-yaml", "a tab used for indentation",
                sub(f, first, "x:\n\t- 1\n" + first), stderr=err(f)),
        on_base(base, "scalar-document", "wrong-shape", "a plain scalar", write(f, "just text\n"),
                stderr=err(f)),
        on_base(base, "unknown-key", "unknown-key", "a key the model does not have",
                sub(f, first, "evil_key: 1\n" + first), stderr=err(f, field="evil_key")),
    ]  # fmt: skip
    return cases


def names(field: str, value: str) -> str:
    """An error naming the field or quoting the value (YAML refuses some values while parsing,
    before the field is known, and then names the line and the value)."""
    return f"({re.escape(field)}|{re.escape(value)})"


def _yaml_value_cases(base: Base, old: str, field: str, values) -> list[Case]:
    f = base.file
    key = old.split(":")[0]
    return [
        on_base(base, f"{field}-{variant}", klass, f"{field} {value}",
                sub(f, old, f"{key}: {value}"), stderr=err(f, text=names(field, value)))
        for variant, klass, value in values
    ]  # fmt: skip


YAML_NUMBERS = (
    ("huge-exponent", "absurd-number", "1e999999"),
    ("tiny-exponent", "absurd-number", "1e-999999999"),
    ("digits-31", "absurd-number", "1234567890123456789012345678901"),
    ("nan", "nan-infinity", ".nan"),
    ("infinity", "nan-infinity", ".inf"),
    ("minus-infinity", "nan-infinity", "-.inf"),
    ("hex", "hex-number", "0x1F"),
    ("negative", "negative-value", "-1"),
    ("zero", "zero-value", "0"),
    ("sexagesimal", "non-decimal-number", "1:30"),
)
YAML_DATES = (
    ("year-9999", "far-date", "9999-12-31"),
    ("year-10000", "far-date", "10000-01-01"),
    ("year-0001", "far-date", "0001-01-01"),
    ("impossible", "impossible-date", "2026-02-30"),
    ("basic-iso", "non-iso-date", "20261002"),
)


def shipment_yaml_cases() -> list[Case]:
    b, f = SHIP_YAML, SHIP_YAML.file
    cases = yaml_cases(b, "shipment_id: CIN-2026-0877\n")
    cases += [
        on_base(b, f"quantity-{variant}", klass, f"quantity {value}",
                sub(f, "quantity: 1,", f"quantity: {value},"), stderr=err(f, text=names("quantity", value)))
        for variant, klass, value in YAML_NUMBERS
    ]  # fmt: skip
    cases += _yaml_value_cases(b, "shipment_date: 2026-10-02", "shipment_date", YAML_DATES)
    cases += [
        on_base(b, "unit-price-tiny", "absurd-number", "unit_price 1e-999999999 unquoted",
                sub(f, 'unit_price: "412000.00"', "unit_price: 1e-999999999"),
                stderr=err(f, text=names("unit_price", "1e-999999999"))),
        on_base(b, "country-norway-unquoted", "yaml-implicit-type",
                "from_country NO unquoted (YAML 1.1 reads it as false)",
                sub(f, "from_country: MX, to_place: Altamira", "from_country: NO, to_place: Altamira"),
                stderr=err(f, field="from_country")),
        accepted(b, "quantity-leading-zero", "leading-zero",
                 "quantity 01 (YAML 1.1 would read 0-prefixed numbers as octal)",
                 "documented: numbers are read in decimal only (010 is ten)",
                 sub(f, "quantity: 1,", "quantity: 01,")),
    ]  # fmt: skip
    return cases


# ----------------------------------------------------------------------------- automotive

ENGINE = "          bom_part: ENG-20\n"
VEHICLE = "  - good: SED-26\n"


def automotive_yaml_cases() -> list[Case]:
    b, f = AUTO_YAML, AUTO_YAML.file
    cases = yaml_cases(b, "producer: Automotriz del Bajio SA de CV\n")
    cases += [
        on_base(b, "core-part-hs-no-edition", "hs-in-no-edition", "a core part of HS 9999.99",
                sub(f, ENGINE, '          hs_code: "9999.99"\n' + ENGINE), stderr=err(f, field="hs_code")),
        on_base(b, "core-part-hs-not-hs2022", "hs-in-no-edition", "a core part of HS 8407.39 (none such)",
                sub(f, ENGINE, '          hs_code: "8407.39"\n' + ENGINE), stderr=err(f, field="hs_code")),
        on_base(b, "vehicle-hs2012-no-edition", "hs-in-no-edition", "hs2012 9999.99",
                sub(f, VEHICLE, VEHICLE + '    hs2012: "9999.99"\n'), stderr=err(f, field="hs2012")),
        on_base(b, "period-year-9999", "far-date", "steel period to 9999-12-31",
                sub(f, "period: {start: 2025-01-01, end: 2025-12-31}", "period: {start: 2025-01-01, end: 9999-12-31}"),
                stderr=err(f, text=names("end", "9999-12-31"))),
        on_base(b, "period-impossible", "impossible-date", "steel period from 2025-02-30",
                sub(f, "period: {start: 2025-01-01, end: 2025-12-31}", "period: {start: 2025-02-30, end: 2025-12-31}"),
                stderr=err(f, text=names("start", "2025-02-30"))),
        on_base(b, "period-reversed", "inconsistent", "a period ending before it starts",
                sub(f, "period: {start: 2025-01-01, end: 2025-12-31}", "period: {start: 2025-12-31, end: 2025-01-01}"),
                stderr=err(f)),
        on_base(b, "unknown-vehicle", "unknown-reference", "vehicle good SED-99 not in goods.csv",
                sub(f, VEHICLE, "  - good: SED-99\n"), stderr=err(f, field="good")),
        on_base(b, "unknown-plant", "unknown-reference", "an LVC amount of plant DET-AXX",
                sub(f, "{plant: DET-AXL,", "{plant: DET-AXX,"), stderr=err(f, field="plant")),
        on_base(b, "duplicate-plant", "duplicate-key", "two plants with id SAL-BIW",
                sub(f, "  - id: DET-AXL\n", "  - id: SAL-BIW\n"), stderr=err(f)),
        on_base(b, "originating-over-purchases", "inconsistent", "steel originating above purchases",
                sub(f, 'originating: "317240000.00"', 'originating: "512000000.00"'), stderr=err(f)),
    ]  # fmt: skip
    cases += [
        on_base(b, f"net-cost-{variant}", klass, f"an engine's net_cost {value}",
                sub(f, 'net_cost: "4050.00"', f"net_cost: {value}"), stderr=err(f, text=names("net_cost", value)))
        for variant, klass, value in YAML_NUMBERS[:7]
    ]  # fmt: skip
    return cases


def automotive_json_cases() -> list[Case]:
    b, f = AUTO_JSON, AUTO_JSON.file
    cases = json_cases(b, '"producer":')
    cases += [
        on_base(b, "vehicle-hs2012-no-edition", "hs-in-no-edition", "hs2012 9999.99",
                sub(f, '"good": "SED-26",', '"good": "SED-26", "hs2012": "9999.99",'),
                stderr=err(f, field="hs2012")),
        on_base(b, "net-cost-tiny-exponent", "absurd-number", "net_cost 1e-999999999",
                sub(f, '"net_cost": "4050.00"', '"net_cost": 1e-999999999'),
                stderr=err(f, "$.vehicles[0].core_parts.parts[0].net_cost")),
        on_base(b, "net-cost-nan", "nan-infinity", "net_cost NaN",
                sub(f, '"net_cost": "4050.00"', '"net_cost": NaN'), stderr=err(f)),
    ]  # fmt: skip
    return cases


def document_cases() -> list[Case]:
    return (
        certificate_xml_cases()
        + certificate_json_cases()
        + shipment_json_cases()
        + shipment_yaml_cases()
        + automotive_yaml_cases()
        + automotive_json_cases()
    )
