"""Mutations of sample files, shared by the hypothesis tests and the atheris mutator.

A byte-level mutation of an .xlsx workbook almost always breaks the zip's CRC, so the
reader would only ever see "not a valid workbook". :func:`mutate_zip_member` mutates one
part inside the archive and zips it again, which gets past the container to openpyxl and
the table reader.
"""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Callable

TOKENS: tuple[bytes, ...] = (
    b"\x00",
    b"\r",
    b"\n",
    b"\r\n",
    b",",
    b";",
    b"\t",
    b'"',
    b"'",
    b"#",
    b"# part_number: X\n",
    b"-",
    b"-1",
    b"0",
    b"1e999999",
    b"-1e-999999",
    b"NaN",
    b"Infinity",
    b"9" * 40,
    b"0.0000000000000000000000001",
    b"2026-02-30",
    b"9999-12-31",
    b"0001-01-01",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xc3\x28",
    b"\xe2\x80\xae",
    b"=cmd|'/c calc'!A0",
    b"<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>",
    b"&e;",
    b"<a>",
    b"</a>",
    b"<![CDATA[",
    b"{",
    b"}",
    b"[",
    b"]",
    b": ",
    b"- ",
    b"&a ",
    b"*a",
    b"<<: *a",
    b"!!python/object/apply:os.system ['true']",
    b"!!binary",
    b"null",
    b"true",
    b"~",
    b"0x1F",
    b"1_000",
    b"8501.10",
    b"99",
    b"USD",
    b"CN",
    b"XX",
    b"originating",
    b"non-originating",
    b"fungible",
    b"unknown",
    b"[[",
    b"]]",
    b"=",
    b'"""',
    b"\\u0000",
    b"\\ud800",
)
"""Bytes that parsers and validators treat specially: separators, quotes, odd numbers and
dates, encodings, XML entities, YAML anchors and tags, TOML tables, codes and statuses."""


def _flip(data: bytearray, rng: random.Random) -> None:
    if data:
        data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)


def _set_byte(data: bytearray, rng: random.Random) -> None:
    if data:
        data[rng.randrange(len(data))] = rng.randrange(256)


def _insert_token(data: bytearray, rng: random.Random) -> None:
    at = rng.randrange(len(data) + 1)
    data[at:at] = rng.choice(TOKENS)


def _delete(data: bytearray, rng: random.Random) -> None:
    if data:
        start = rng.randrange(len(data))
        del data[start : start + rng.randrange(1, 64)]


def _duplicate(data: bytearray, rng: random.Random) -> None:
    """Repeat a slice (often a whole line): more rows, repeated keys, nested structures."""
    if data:
        start = rng.randrange(len(data))
        piece = data[start : start + rng.randrange(1, 256)]
        at = rng.randrange(len(data) + 1)
        data[at:at] = piece * rng.randrange(1, 4)


def _truncate(data: bytearray, rng: random.Random) -> None:
    if data:
        del data[rng.randrange(len(data)) :]


def _replace_token(data: bytearray, rng: random.Random) -> None:
    """Replace a run of word characters (a value, a key) by a token."""
    if not data:
        return
    start = rng.randrange(len(data))
    end = start
    while end < len(data) and (chr(data[end]).isalnum() or data[end] in b"._-"):
        end += 1
    data[start:end] = rng.choice(TOKENS)


MUTATIONS: tuple[Callable[[bytearray, random.Random], None], ...] = (
    _flip,
    _set_byte,
    _insert_token,
    _insert_token,
    _delete,
    _duplicate,
    _truncate,
    _replace_token,
    _replace_token,
)


def mutate_bytes(data: bytes, rng: random.Random, rounds: int) -> bytes:
    """``rounds`` random mutations of ``data``."""
    out = bytearray(data)
    for _ in range(rounds):
        rng.choice(MUTATIONS)(out, rng)
    return bytes(out)


def is_zip(data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04"


def rezip(members: list[tuple[str, bytes]]) -> bytes:
    """An archive holding ``members`` in order (deflated, as Excel writes them)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members:
            archive.writestr(name, content)
    return buffer.getvalue()


def zip_members(data: bytes) -> list[tuple[str, bytes]] | None:
    """The members of a zip archive, or None if ``data`` is not one that opens cleanly."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return [(info.filename, archive.read(info)) for info in archive.infolist()]
    except Exception:  # any damage: the caller mutates the raw bytes instead
        return None


def mutate_zip_member(
    data: bytes, rng: random.Random, mutate: Callable[[bytes], bytes]
) -> bytes | None:
    """``data`` with one member mutated by ``mutate``; None if ``data`` is no sound zip."""
    members = zip_members(data)
    if not members:
        return None
    index = rng.randrange(len(members))
    name, content = members[index]
    members[index] = (name, mutate(content))
    return rezip(members)
