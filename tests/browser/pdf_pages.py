"""Just enough of PDF to check a printed report without a PDF library: its pages in order,
each with its MediaBox and the text drawn on it (decoded through the fonts' ToUnicode maps).

Written for the PDFs Chromium prints (Skia): objects in the clear, streams FlateDecode'd with
a direct /Length, text shown as hex glyph strings of Type0 fonts. Anything else fails loudly
rather than reading wrong.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

_OBJECT = re.compile(rb"(\d+) 0 obj\b")
_REF = rb"\s+(\d+) 0 R"


@dataclass(frozen=True)
class Page:
    media_box: tuple[float, ...]
    text: str
    """Every text run of the page in drawing order, joined with single spaces."""


def _objects(data: bytes) -> dict[int, tuple[bytes, bytes | None]]:
    """Each object's dictionary text and, for a stream, its decoded bytes."""
    found: dict[int, tuple[bytes, bytes | None]] = {}
    pos = 0
    while match := _OBJECT.search(data, pos):
        start = match.end()
        end = data.index(b"endobj", start)
        at = data.find(b"stream", start, end)
        if at == -1:
            found[int(match.group(1))] = (data[start:end], None)
            pos = end
            continue
        head = data[start:at]
        direct = re.search(rb"/Length\s+(\d+)\b(?!\s+\d+\s+R)", head)
        assert direct, f"object {match.group(1).decode()}: a stream without a direct /Length"
        length = int(direct.group(1))
        body = at + len(b"stream")
        body += 2 if data[body : body + 2] == b"\r\n" else 1
        raw = data[body : body + length]
        found[int(match.group(1))] = (head, zlib.decompress(raw) if b"FlateDecode" in head else raw)
        pos = data.index(b"endobj", body + length)
    return found


def _unicode_map(cmap: bytes) -> dict[int, str]:
    glyphs: dict[int, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, text in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            glyphs[int(code, 16)] = bytes.fromhex(text.decode()).decode("utf-16-be")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", cmap, re.S):
        for first, last, text in re.findall(
            rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block
        ):
            base = int(text, 16)
            for offset, code in enumerate(range(int(first, 16), int(last, 16) + 1)):
                glyphs[code] = chr(base + offset)
    return glyphs


def _page_order(objects: dict[int, tuple[bytes, bytes | None]]) -> list[int]:
    """Page objects in reading order, walking the page tree from its root."""
    roots = [
        n
        for n, (head, _) in objects.items()
        if re.search(rb"/Type\s*/Pages\b", head) and b"/Parent" not in head
    ]
    assert len(roots) == 1, f"{len(roots)} page tree roots"
    order: list[int] = []
    todo = roots[:]
    while todo:
        number = todo.pop(0)
        head = objects[number][0]
        if re.search(rb"/Type\s*/Pages\b", head):
            kids = re.search(rb"/Kids\s*\[([^\]]*)\]", head)
            todo[:0] = [int(k) for k in re.findall(rb"(\d+) 0 R", kids.group(1) if kids else b"")]
        else:
            order.append(number)
    return order


def _fonts(objects: dict[int, tuple[bytes, bytes | None]], page: bytes) -> dict[bytes, dict]:
    resources = page
    if ref := re.search(rb"/Resources" + _REF, page):
        resources = objects[int(ref.group(1))][0]
    table = re.search(rb"/Font\s*<<(.*?)>>", resources, re.S)
    fonts: dict[bytes, dict] = {}
    for name, number in re.findall(rb"/(\w+)" + _REF, table.group(1) if table else b""):
        head = objects[int(number)][0]
        cmap = re.search(rb"/ToUnicode" + _REF, head)
        fonts[name] = _unicode_map(objects[int(cmap.group(1))][1] or b"") if cmap else {}
    return fonts


def _text(content: bytes, fonts: dict[bytes, dict]) -> str:
    """The text of a content stream: the runs of one text object (BT ... ET) joined as drawn,
    text objects apart by a space."""
    parts: list[str] = []
    glyphs: dict[int, str] = {}
    for token in re.finditer(rb"/(\w+)\s+[\d.]+\s+Tf|<([0-9A-Fa-f]*)>|\b(BT|ET)\b", content):
        if token.group(1):
            glyphs = fonts.get(token.group(1), {})
        elif token.group(3):
            parts.append(" ")
        else:
            code = token.group(2).decode()
            parts.extend(
                glyphs.get(int(code[i : i + 4], 16), "\ufffd") for i in range(0, len(code), 4)
            )
    return " ".join("".join(parts).split())


def pages(data: bytes) -> list[Page]:
    assert data.startswith(b"%PDF"), data[:20]
    objects = _objects(data)
    found = []
    for number in _page_order(objects):
        head = objects[number][0]
        box = re.search(rb"/MediaBox\s*\[([^\]]+)\]", head)
        assert box, f"page object {number} has no MediaBox"
        contents = re.search(rb"/Contents" + _REF, head)
        content = objects[int(contents.group(1))][1] or b"" if contents else b""
        found.append(
            Page(
                media_box=tuple(float(v) for v in box.group(1).split()),
                text=_text(content, _fonts(objects, head)),
            )
        )
    return found
