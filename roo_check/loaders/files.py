"""Open an input file safely: the one way roo-check reads a file a user hands it.

Every loader, the configuration loader and the rule loader read through :func:`read_file`,
because the files are hostile until parsed:

- a FIFO, device or socket named ``bom.csv`` would hang the run or read forever: the file
  is examined before it is opened, opened without blocking (``O_NONBLOCK``) and examined
  again on the opened descriptor; anything but a regular file is refused;
- a symbolic link ``bom.csv -> /etc/passwd`` in a shipment folder would leak a file the user
  never gave: a file found *inside* a folder (``within``) must resolve inside that folder,
  and is refused without reading its target otherwise. A path named on the command line may
  be a link (the user chose it), but must still lead to a regular file;
- a symbolic link loop is refused on one line, never a traceback;
- at most :data:`~roo_check.limits.MAX_FILE_BYTES` are read, checked on the descriptor
  before reading and again after.

A refused file's content is never read, so it can never appear in a message.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from roo_check.errors import InputError, RooCheckError
from roo_check.limits import MiB, input_limits

_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)

_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)

ErrorType = type[RooCheckError]


def kind_of(mode: int) -> str:
    """What a file of this ``st_mode`` is, in words ("a FIFO"), for a message."""
    return next((name for test, name in _KINDS if test(mode)), "a special file")


def check_file(
    path: str | os.PathLike[str],
    *,
    within: str | os.PathLike[str] | None = None,
    file: str | None = None,
    error: ErrorType = InputError,
) -> Path:
    """The real path of ``path`` if it may be read: a regular file, inside ``within`` if given.

    Raises ``error`` (one line, naming ``file``, default ``str(path)``) for a missing file, a
    symbolic link loop or a dangling link, a link leading outside ``within``, and anything
    that is not a regular file. Nothing is opened, so nothing of a refused file is read.
    """
    name = file if file is not None else str(path)
    real = _resolve(Path(path), name, error)
    if within is not None:
        _check_inside(Path(path), real, Path(within), name, error)
    try:
        info = os.stat(real)
    except OSError as exc:
        raise error(os_message(exc), file=name) from None
    _check_regular(info.st_mode, name, error)
    return real


def read_file(
    path: str | os.PathLike[str],
    *,
    within: str | os.PathLike[str] | None = None,
    file: str | None = None,
    error: ErrorType = InputError,
    limit: int | None = None,
) -> bytes:
    """The bytes of a regular file, read safely (see the module's docstring).

    ``within``: the folder the user gave, which a file found in it must not leave (``None``
    for a path the user named directly). ``file``: the name used in messages. ``error``: the
    error raised (``RuleError`` for rule files). ``limit``: the most bytes accepted (default:
    the input file size limit in force, :func:`roo_check.limits.input_limits`).
    """
    name = file if file is not None else str(path)
    limit = input_limits().file_size if limit is None else limit
    real = check_file(path, within=within, file=name, error=error)
    try:
        fd = os.open(real, _OPEN_FLAGS)
    except OSError as exc:
        # ELOOP here: the resolved file became a link after the check (O_NOFOLLOW).
        message = "is a symbolic link; refused" if exc.errno == errno.ELOOP else os_message(exc)
        raise error(message, file=name) from None
    with open(fd, "rb", closefd=True) as handle:
        info = os.fstat(fd)
        # The file may have been swapped between the check and the open: look again.
        _check_regular(info.st_mode, name, error)
        _check_size(info.st_size, limit, name, error)
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            raise error(os_message(exc), file=name) from None
    # The file may have grown between fstat() and read().
    _check_size(len(data), limit, name, error)
    return data


def inside(path: str | os.PathLike[str], folder: str | os.PathLike[str]) -> bool:
    """Whether ``path`` resolves inside ``folder`` (or is the folder itself); False for a
    path that cannot be resolved (a loop, a dangling link)."""
    try:
        real = Path(path).resolve(strict=True)
        root = Path(folder).resolve(strict=True)
    except (OSError, RuntimeError):
        return False
    return real == root or real.is_relative_to(root)


# ------------------------------------------------------------------------------ the checks


def _resolve(path: Path, name: str, error: ErrorType) -> Path:
    """``path`` with every symbolic link followed; a loop or a dangling link is refused."""
    try:
        return path.resolve(strict=True)
    except RuntimeError:  # Python < 3.13 reports a loop so
        raise error("symbolic link loop; refused", file=name) from None
    except FileNotFoundError:
        message = "is a symbolic link to a missing file" if path.is_symlink() else "no such file"
        raise error(message, file=name) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise error("symbolic link loop; refused", file=name) from None
        raise error(os_message(exc), file=name) from None


def _check_inside(path: Path, real: Path, folder: Path, name: str, error: ErrorType) -> None:
    """A file found in ``folder`` must resolve inside it; say so without reading the target."""
    try:
        root = folder.resolve(strict=True)
    except (OSError, RuntimeError):
        raise error("cannot resolve the folder", file=str(folder)) from None
    if real != root and real.is_relative_to(root):
        return
    what = "is a symbolic link to" if path.is_symlink() else "is reached through a symbolic link to"
    where = "the current folder" if str(folder) in ("", ".") else f"the folder {folder}"
    raise error(f"{what} a file outside {where}; refused", file=name)


def _check_regular(mode: int, name: str, error: ErrorType) -> None:
    if not stat.S_ISREG(mode):
        raise error(f"not a regular file; it is {kind_of(mode)}", file=name)


def _check_size(size: int, limit: int, name: str, error: ErrorType) -> None:
    if size > limit:
        shown = f" ({limit // MiB} MiB)" if limit % MiB == 0 else ""
        raise error(f"file is {size:,} bytes; the limit is {limit:,} bytes{shown}", file=name)


def os_message(exc: OSError) -> str:
    """One line for an operating system error, without the path (the message names it)."""
    if exc.errno == errno.ENOENT:
        return "no such file"
    if exc.errno == errno.ELOOP:
        return "symbolic link loop; refused"
    if exc.errno == errno.ENXIO:
        return "not a regular file; it is a socket or device"
    return f"cannot read the file: {exc.strerror or type(exc).__name__}"
