"""Run one target under atheris: seeds from samples/, the property, findings on disk.

``python -m tests.fuzz.<target> [CORPUS_DIR] [libFuzzer flags]``. Without a corpus folder
the seeds go to a temporary one (kept: it holds the inputs the run added); an empty corpus
folder is filled with the seeds first.

By default the first exception other than ``RooCheckError`` stops the run and libFuzzer
writes the input as ``crash-<sha1>``; ``python -m tests.fuzz.<target> crash-<sha1>`` runs
that one input again and shows the traceback. (libFuzzer's ``-minimize_crash`` re-executes
``argv[0]``, a module file here, so it does not work with ``python -m``: shrink by hand.) With ``ROO_FUZZ_FINDINGS=DIR`` the run keeps going instead: each distinct finding
(exception type and innermost roo_check frame) is written once to DIR as
``<target>-<id>.txt`` (traceback) and ``<target>-<id>.input`` (the bytes), so that one
shallow bug does not hide the others for the rest of the run.
"""

from __future__ import annotations

import hashlib
import os
import random
import sys
import tempfile
import traceback
from pathlib import Path

FINDINGS_ENV = "ROO_FUZZ_FINDINGS"
INSTRUMENTED = ["roo_check", "openpyxl", "yaml"]
XLSX_MAX_LEN = 1_000_000
"""Room for a re-zipped workbook to grow (libFuzzer's default is the largest seed)."""


def signature(exc: BaseException) -> str:
    """Exception type and the innermost frame in roo_check (else the innermost at all)."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if f"{os.sep}roo_check{os.sep}" in f.filename]
    frame = (ours or frames or [None])[-1]
    if frame is None:
        return type(exc).__name__
    where = frame.filename.split(f"{os.sep}roo_check{os.sep}")[-1]
    return f"{type(exc).__name__} at {where}:{frame.lineno} in {frame.name}"


def record_finding(folder: Path, target: str, data: bytes, exc: BaseException) -> bool:
    """Write a finding once per signature; True if it was new."""
    sig = signature(exc)
    stem = folder / f"{target}-{hashlib.sha1(sig.encode()).hexdigest()[:12]}"
    if stem.with_suffix(".txt").exists():
        return False
    folder.mkdir(parents=True, exist_ok=True)
    stem.with_suffix(".input").write_bytes(data)
    text = "".join(traceback.format_exception(exc))
    stem.with_suffix(".txt").write_text(
        f"target: {target}\nsignature: {sig}\ninput: {data[:2000]!r}\n\n{text}", encoding="utf-8"
    )
    return True


def _corpus_dirs(argv: list[str]) -> list[str]:
    return [arg for arg in argv[1:] if not arg.startswith("-")]


def _seed(folder: Path, seeds: list[bytes]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    if any(folder.iterdir()):
        return
    for seed in seeds:
        (folder / hashlib.sha1(seed).hexdigest()).write_bytes(seed)


def _arguments(name: str, seeds: list[bytes], structured: bool) -> list[str]:
    argv = list(sys.argv)
    dirs = _corpus_dirs(argv)
    if dirs:
        if Path(dirs[0]).is_dir() or not Path(dirs[0]).exists():
            _seed(Path(dirs[0]), seeds)
    else:
        folder = Path(tempfile.mkdtemp(prefix=f"roo-fuzz-{name}-"))
        _seed(folder, seeds)
        argv.append(str(folder))
    if structured and not any(arg.startswith("-max_len=") for arg in argv):
        argv.append(f"-max_len={XLSX_MAX_LEN}")
    return argv


def main(name: str) -> None:
    """Fuzz target ``name`` of :data:`tests.fuzz.targets.TARGETS` with atheris."""
    import atheris

    with atheris.instrument_imports(include=INSTRUMENTED):
        from roo_check.errors import RooCheckError
        from tests.fuzz import targets
        from tests.fuzz.mutate import is_zip, mutate_zip_member

    target = targets.TARGETS[name]
    findings = os.environ.get(FINDINGS_ENV)
    base = targets.scratch_base() or Path(tempfile.gettempdir())
    os.environ.setdefault(targets.SCRATCH_ENV, str(base / f"roo-fuzz-{os.getuid()}-{name}"))

    def one_input(data: bytes) -> None:
        try:
            target.run(data)
        except RooCheckError:
            return
        except (Exception, SystemExit) as exc:
            if findings is None:
                raise
            record_finding(Path(findings), name, data, exc)

    def zip_mutator(data: bytes, max_size: int, seed: int) -> bytes:
        rng = random.Random(seed)
        if is_zip(data) and rng.random() < 0.9:
            inner = mutate_zip_member(
                data, rng, lambda member: atheris.Mutate(member, len(member) + 256)
            )
            if inner is not None and len(inner) <= max_size:
                return inner
        return atheris.Mutate(data, max_size)

    argv = _arguments(name, target.seeds(), target.structured)
    extra = {"custom_mutator": zip_mutator} if target.structured else {}
    atheris.Setup(argv, one_input, **extra)
    atheris.Fuzz()
