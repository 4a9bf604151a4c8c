"""The compiled rule set, cached on disk so a command validates its rules once, not every run.

Validating the 100-odd rule files takes about half a second; unpickling the rulebook they
compile to takes a few tens of milliseconds. The cache is an optimisation only: any doubt
and the rules are validated from their files again, so a cache can never change a result.

- **Key.** The rule set hash (every rule file's path and bytes), the resolved rule folder,
  the roo-check version and a fingerprint of roo-check's own code (each module's path, size
  and modification time). A changed rule file, another version or an edited module gives
  another file name: a stale or foreign entry is never read.
- **Integrity.** The file starts with a header naming the format, the key and the SHA-256 of
  the pickled rulebook; a file whose header or digest disagrees (truncated, corrupted,
  half-written by a crashed run) is ignored and rebuilt.
- **Trust.** Unpickling runs code, so only a file this user owns, that no one else can
  write, in a folder no one else can write, is read. A cache folder shared with other users
  is therefore read by none but its owner: each user gets their rules validated afresh.
- **Read-only or shared folders.** A folder that cannot be created or written is used
  read-only or not at all (never an error). Concurrent runs each write a temporary file
  and rename it into place atomically; they write the same bytes, so whichever rename
  lands last, the entry is whole.

``ROO_CHECK_CACHE_DIR`` chooses the folder (default ``$XDG_CACHE_HOME/roo-check``, else
``~/.cache/roo-check``); ``ROO_CHECK_CACHE_DIR=off`` turns the cache off.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import stat
import tempfile
from pathlib import Path

from roo_check import __version__
from roo_check.rulebook.index import Rulebook

CACHE_ENV = "ROO_CHECK_CACHE_DIR"
OFF = ("off", "0", "none", "")
_MAGIC = b"roo-check compiled rules 1\n"
_PACKAGE = Path(__file__).resolve().parent.parent


def cache_folder() -> Path | None:
    """Where compiled rule sets are kept, or None when the cache is turned off."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen is not None:
        return None if chosen.strip().lower() in OFF else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base, "roo-check")


def code_fingerprint() -> str:
    """roo-check's own code as the cache sees it: every module's path, size and mtime."""
    digest = hashlib.sha256(__version__.encode())
    for folder, dirs, names in os.walk(_PACKAGE):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(n for n in names if n.endswith(".py")):
            info = os.stat(os.path.join(folder, name))
            relative = os.path.relpath(os.path.join(folder, name), _PACKAGE)
            digest.update(f"{relative}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
    return digest.hexdigest()


def _key(root: Path, ruleset_hash: str) -> str:
    parts = (__version__, code_fingerprint(), str(root), ruleset_hash)
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def _entry(folder: Path, key: str) -> Path:
    return folder / f"rules-{key[:32]}.pickle"


def load(root: Path, ruleset_hash: str) -> Rulebook | None:
    """The compiled rulebook for this rule set, if a trustworthy cache entry holds it."""
    folder = cache_folder()
    if folder is None or not _trusted(folder, is_folder=True):
        return None
    key = _key(root, ruleset_hash)
    data = _read_own(_entry(folder, key))
    if data is None:
        return None
    header, _, payload = data.partition(b"\n\n")
    expected = _MAGIC + f"{key}\n{hashlib.sha256(payload).hexdigest()}".encode()
    if header != expected:
        return None
    try:
        rulebook = _unpickle(payload)
    except Exception:
        return None
    if not isinstance(rulebook, Rulebook) or rulebook.ruleset_hash != ruleset_hash:
        return None
    return rulebook


def _unpickle(payload: bytes) -> object:
    """Unpickled with the cyclic garbage collector paused: the tens of thousands of objects
    it creates would otherwise set off collections that scan them again and again (half the
    time of the load), and none of them is garbage."""
    paused = gc.isenabled()
    gc.disable()
    try:
        return pickle.loads(payload)
    finally:
        if paused:
            gc.enable()


def store(rulebook: Rulebook, root: Path) -> None:
    """Keep the compiled rulebook for the next run, if the cache folder can be written."""
    folder = cache_folder()
    if folder is None:
        return
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return
    if not _trusted(folder, is_folder=True):
        return
    key = _key(root, rulebook.ruleset_hash)
    payload = pickle.dumps(rulebook, protocol=pickle.HIGHEST_PROTOCOL)
    header = _MAGIC + f"{key}\n{hashlib.sha256(payload).hexdigest()}".encode()
    _write_atomic(_entry(folder, key), header + b"\n\n" + payload)


def _trusted(path: Path, *, is_folder: bool) -> bool:
    """Owned by this user and writable by no one else (a folder with the sticky bit, like
    /tmp, is not enough: another user's file in it could still be read)."""
    try:
        info = os.stat(path, follow_symlinks=False) if not is_folder else os.stat(path)
    except OSError:
        return False
    kind_ok = stat.S_ISDIR(info.st_mode) if is_folder else stat.S_ISREG(info.st_mode)
    return kind_ok and _owned_private(info)


def _owned_private(info: os.stat_result) -> bool:
    owner = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    return owner and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _read_own(path: Path) -> bytes | None:
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not (stat.S_ISREG(info.st_mode) and _owned_private(info)):
            return None
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read()
    except OSError:
        return None
    finally:
        os.close(fd)


def _write_atomic(path: Path, data: bytes) -> None:
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
