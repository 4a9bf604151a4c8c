"""Build a hostile case's files from its list of operations (the ``build`` of the manifest).

A case is described as data so that the manifest says exactly how each file was made, and
so that what git cannot hold (files of many megabytes, symlinks, FIFOs, names with newlines)
is made at test time. Every path is relative to the case's folder; ``@ROOT@`` in a symlink
target, a written text or a replacement is the corpus root, where ``secret.txt`` lies
outside every case folder.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import shutil
import struct
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
RULES = ROOT / "rules"
ROOT_MARK = "@ROOT@"
SECRET_NAME = "secret.txt"

Op = dict[str, Any]

NUMERIC_COLUMNS = frozenset(
    {"quantity", "unit_value", "extended_value", "transaction_value", "net_cost", "total_cost"}
)
"""Columns written as number cells when a CSV is turned into a worksheet (as Excel would)."""


class Workspace:
    """The corpus root and one case's folder inside it."""

    def __init__(self, root: Path, case_dir: Path) -> None:
        self.root = root
        self.case_dir = case_dir

    def path(self, relative: str) -> Path:
        """A path inside the case folder; refuse one that climbs out (a generator bug)."""
        parts = Path(relative).parts
        if Path(relative).is_absolute() or ".." in parts:
            raise ValueError(f"op path escapes the case folder: {relative!r}")
        return self.case_dir / relative

    def expand(self, text: str) -> str:
        return text.replace(ROOT_MARK, str(self.root))


# ------------------------------------------------------------------------------ plain files


def _sample(ws: Workspace, op: Op) -> None:
    source = SAMPLES / op["name"]
    target = ws.path(op["to"])
    if source.is_dir():
        shutil.copytree(source, target, symlinks=True)
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)


def _rules(ws: Workspace, op: Op) -> None:
    """Copy rule files (paths relative to rules/) into a rule folder of the case."""
    target = ws.path(op["to"])
    for name in op["files"]:
        dest = target / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(RULES / name, dest)


def _write(ws: Workspace, op: Op) -> None:
    target = ws.path(op["path"])
    target.parent.mkdir(parents=True, exist_ok=True)
    if "hex" in op:
        target.write_bytes(bytes.fromhex(op["hex"]))
        return
    text = ws.expand(op["text"])
    target.write_bytes(text.encode(op.get("encoding", "utf-8"), "surrogatepass"))


def _replace(ws: Workspace, op: Op) -> None:
    target = ws.path(op["path"])
    data = target.read_bytes()
    old = op["old"].encode("utf-8", "surrogatepass")
    if "new_hex" in op:
        new = bytes.fromhex(op["new_hex"])
    else:
        new = ws.expand(op["new"]).encode("utf-8", "surrogatepass")
    new = _pad(op.get("pad_before")) + new + _pad(op.get("pad_after"))
    count = op.get("count", 1)  # 0: every occurrence
    if data.count(old) < max(count, 1):
        raise ValueError(f"{op['path']}: {op['old']!r} occurs fewer than {count} times")
    target.write_bytes(data.replace(old, new, count if count > 0 else -1))


def _pad(spec: list[Any] | None) -> bytes:
    """``[template, count]``: the template repeated, ``@I@`` in it numbering the copies."""
    if not spec:
        return b""
    template, count = spec
    if "@I@" not in template:
        return (template * count).encode("utf-8")
    return "".join(template.replace("@I@", str(i)) for i in range(count)).encode("utf-8")


def _append(ws: Workspace, op: Op) -> None:
    with ws.path(op["path"]).open("ab") as handle:
        handle.write(op["text"].encode("utf-8"))


def _recode(ws: Workspace, op: Op) -> None:
    """Re-encode a UTF-8 text file, optionally with other line endings."""
    target = ws.path(op["path"])
    text = target.read_text(encoding="utf-8")
    if "newline" in op:
        text = text.replace("\n", op["newline"])
    target.write_bytes(text.encode(op.get("encoding", "utf-8")))


def _truncate(ws: Workspace, op: Op) -> None:
    """Cut a file to ``size`` bytes (negative: that many bytes off its end)."""
    target = ws.path(op["path"])
    size = op["size"]
    if size < 0:
        size = max(0, target.stat().st_size + size)
    with target.open("r+b") as handle:
        handle.truncate(size)


def _extend(ws: Workspace, op: Op) -> None:
    """Grow a file to ``size`` bytes with a hole (sparse zeros): big on disk, cheap to make."""
    target = ws.path(op["path"])
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("ab") as handle:
        handle.truncate(op["size"])


def _lines(ws: Workspace, op: Op) -> None:
    """``head``, then ``template`` ``times`` times (``@I@`` its index, ``@NEXT@`` the next one,
    wrapping round), then ``tail``: long or numerous rows without holding them in the manifest."""
    target = ws.path(op["path"])
    target.parent.mkdir(parents=True, exist_ok=True)
    times = op["times"]
    template = op["template"]
    with target.open("w", encoding="utf-8", newline="") as handle:
        handle.write(op.get("head", ""))
        for index in range(times):
            line = template.replace("@I@", str(index))
            handle.write(line.replace("@NEXT@", str((index + 1) % times)))
        handle.write(op.get("tail", ""))


def _remove(ws: Workspace, op: Op) -> None:
    target = ws.path(op["path"])
    if target.is_dir() and not target.is_symlink():
        shutil.rmtree(target)
    else:
        target.unlink()


def _rename(ws: Workspace, op: Op) -> None:
    target = ws.path(op["to"])
    target.parent.mkdir(parents=True, exist_ok=True)
    ws.path(op["path"]).rename(target)


def _copy(ws: Workspace, op: Op) -> None:
    source, target = ws.path(op["path"]), ws.path(op["to"])
    target.parent.mkdir(parents=True, exist_ok=True)
    if source.is_dir():
        shutil.copytree(source, target, symlinks=True)
    else:
        shutil.copyfile(source, target)


def _mkdir(ws: Workspace, op: Op) -> None:
    ws.path(op["path"]).mkdir(parents=True, exist_ok=True)


def _symlink(ws: Workspace, op: Op) -> None:
    target = ws.path(op["path"])
    target.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(ws.expand(op["target"]), target)


def _fifo(ws: Workspace, op: Op) -> None:
    target = ws.path(op["path"])
    target.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(target)


def _many(ws: Workspace, op: Op) -> None:
    """``count`` copies of one small text file, named by ``name`` with ``@I@`` its index."""
    for index in range(op["count"]):
        target = ws.path(op["name"].replace("@I@", f"{index:05d}"))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(op["text"], encoding="utf-8")


# ---------------------------------------------------------------------------------- workbooks


def _cell_value(spec: Any) -> Any:
    """A cell of an ``xlsx`` op: text as is, or ``{"number": "1.5"}``, ``{"date": ...}``,
    ``{"bool": 1}``, ``{"repeat": [text, count]}`` or ``{"formula": "=1/0"}`` (saved without
    a computed value, as openpyxl saves formulas)."""
    if not isinstance(spec, dict):
        return spec
    if "number" in spec:
        return Decimal(spec["number"])
    if "date" in spec:
        return dt.date.fromisoformat(spec["date"])
    if "repeat" in spec:
        text, count = spec["repeat"]
        return text * count
    if "bool" in spec:
        return bool(spec["bool"])
    return spec["formula"]


def _csv_rows(path: Path) -> list[list[Any]]:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    if not rows:
        return rows
    header = rows[0]
    numeric = {i for i, name in enumerate(header) if name in NUMERIC_COLUMNS}
    return [header] + [
        [Decimal(c) if i in numeric and c else (c or None) for i, c in enumerate(row)]
        for row in rows[1:]
    ]


def _xlsx(ws: Workspace, op: Op) -> None:
    """A workbook whose sheets come from CSV files of the case or from literal rows."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for spec in op["sheets"]:
        sheet = book.create_sheet(spec["title"])
        rows = _csv_rows(ws.path(spec["csv"])) if "csv" in spec else []
        rows = [*spec.get("before", []), *rows, *spec.get("rows", [])]
        for row in rows:
            sheet.append([_cell_value(c) for c in row])
    for cell in op.get("cells", []):
        book[cell["sheet"]][cell["ref"]] = _cell_value(cell["value"])
    target = ws.path(op["path"])
    target.parent.mkdir(parents=True, exist_ok=True)
    book.save(target)
    _restore_long_cells(target, [_cell_value(c["value"]) for c in op.get("cells", [])])


def _restore_long_cells(target: Path, values: list[object]) -> None:
    """openpyxl cuts a text cell to Excel's 32,767 characters when it is set; a hostile
    workbook is not written by Excel, so put the whole text back into the saved XML."""
    long = [v for v in values if isinstance(v, str) and len(v) > 32_767]
    if not long:
        return
    with zipfile.ZipFile(target) as archive:
        parts = [(info, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in parts:
            for value in long:
                data = data.replace(value[:32_767].encode(), value.encode())
            archive.writestr(info, data)


def _write_member(archive: zipfile.ZipFile, member: Op) -> None:
    if "count" in member:
        for index in range(member["count"]):
            archive.writestr(member["name"].replace("@I@", str(index)), member.get("text", ""))
        return
    if "zeros" in member:
        chunk = bytes(1 << 20)
        with archive.open(member["name"], "w", force_zip64=True) as handle:
            for _ in range(member["zeros"] // len(chunk)):
                handle.write(chunk)
        return
    archive.writestr(member["name"], member.get("text", "").encode("utf-8"))


def _zip(ws: Workspace, op: Op) -> None:
    """Rebuild (or build) a zip archive: keep the members of ``base`` but those in ``drop``,
    apply ``patch`` text replacements to members, then ``add`` new ones."""
    target = ws.path(op["path"])
    base = ws.path(op["base"]) if "base" in op else None
    kept: list[tuple[str, bytes]] = []
    if base is not None:
        with zipfile.ZipFile(base) as source:
            kept = [(i.filename, source.read(i)) for i in source.infolist()]
    patches = op.get("patch", [])
    drop = set(op.get("drop", []))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in kept:
            if name in drop:
                continue
            for patch in (p for p in patches if p["name"] == name):
                if patch["old"].encode() not in data:
                    raise ValueError(f"{name}: {patch['old']!r} not found")
                data = data.replace(patch["old"].encode(), ws.expand(patch["new"]).encode(), 1)
            archive.writestr(name, data)
        for member in op.get("add", []):
            _write_member(archive, member)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(buffer.getvalue())


def _zip_lie(ws: Workspace, op: Op) -> None:
    """Make every member of an archive declare ``size`` bytes uncompressed, in the local
    headers and the central directory alike (a zip bomb that hides its size)."""
    target = ws.path(op["path"])
    data = bytearray(target.read_bytes())
    size = op["size"]
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = data.find(signature)
        while start >= 0:
            struct.pack_into("<I", data, start + offset, size)
            start = data.find(signature, start + 4)
    target.write_bytes(bytes(data))


HANDLERS: dict[str, Callable[[Workspace, Op], None]] = {
    "sample": _sample,
    "rules": _rules,
    "write": _write,
    "replace": _replace,
    "append": _append,
    "recode": _recode,
    "truncate": _truncate,
    "extend": _extend,
    "lines": _lines,
    "remove": _remove,
    "rename": _rename,
    "copy": _copy,
    "mkdir": _mkdir,
    "symlink": _symlink,
    "fifo": _fifo,
    "many": _many,
    "xlsx": _xlsx,
    "zip": _zip,
    "zip_lie": _zip_lie,
}


def build_case(root: Path, case: dict[str, Any]) -> Path:
    """Make one case's folder under ``root/cases`` and return it."""
    case_dir = case_folder(root, case["id"])
    case_dir.mkdir(parents=True)
    workspace = Workspace(root, case_dir)
    for op in case["build"]:
        HANDLERS[op["op"]](workspace, op)
    return case_dir


def case_folder(root: Path, case_id: str) -> Path:
    return root / "cases" / case_id


def write_secret(root: Path, token: str) -> Path:
    """The file every symlink and external entity of the corpus aims at. Shaped like a CSV
    table and a TOML key so that a loader which follows a link would echo it in a message."""
    path = root / SECRET_NAME
    path.write_text(f"{token},{token}\n{token} = '{token}'\n", encoding="utf-8")
    return path


def materialise(cases: list[dict[str, Any]], root: Path, token: str) -> None:
    """Build every case under ``root`` (which must be empty or absent) beside the secret."""
    root.mkdir(parents=True, exist_ok=True)
    write_secret(root, token)
    for case in cases:
        build_case(root, case)
