"""The compiled rule set cached on disk (``roo_check.rulebook.cache``): used when it is the
same rule set, the same roo-check and a file only this user could have written; rebuilt
otherwise; never an error, never a changed result."""

from __future__ import annotations

import datetime as dt
import os
import pickle
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from roo_check.reporters import renderer
from roo_check.rulebook import cache, load
from roo_check.rulebook.load import default_rules_dir, load_rulebook
from roo_check.run import check_paths

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "01-motor-tariff-shift"

pytestmark = pytest.mark.slow  # each test validates the whole rule set again (~1 s)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private cache folder and an empty in-process memo, so each load goes to the disk."""
    target = tmp_path / "cache"
    monkeypatch.setenv(cache.CACHE_ENV, str(target))
    monkeypatch.setattr(load, "_MEMO", {})
    return target


def _fresh(root: Path | None = None):
    load._MEMO.clear()
    return load_rulebook(root)


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("rules-*.pickle")) if folder.is_dir() else []


def _report(rulebook) -> str:
    report = check_paths([SAMPLE], rulebook, dt.date(2026, 11, 20), dt.date(2026, 11, 20))
    return renderer("json")(report)


def test_a_second_run_reads_the_compiled_rules_and_decides_the_same(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = _fresh()
    assert len(_entries(folder)) == 1
    monkeypatch.setattr(load, "_build", _must_not_build)
    cached = _fresh()
    assert cached is not built
    assert cached.ruleset_hash == built.ruleset_hash
    assert [r.id for r in cached.rules] == [r.id for r in built.rules]
    assert _report(cached) == _report(built)


def _must_not_build(*_args, **_kwargs):
    raise AssertionError("the rules were validated again although the cache holds them")


def test_a_changed_rule_file_is_a_new_entry(folder: Path, tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), rules)
    first = _fresh(rules)
    target = next(rules.rglob("chapter-01.yaml"), None) or sorted(rules.rglob("*.yaml"))[0]
    target.write_bytes(target.read_bytes() + b"\n# an edit\n")
    second = _fresh(rules)
    assert second.ruleset_hash != first.ruleset_hash
    assert len(_entries(folder)) == 2


def test_another_version_never_reads_the_entry(folder: Path, monkeypatch) -> None:
    _fresh()
    monkeypatch.setattr(cache, "__version__", "99.0.0")
    calls = []
    real = load._build
    monkeypatch.setattr(load, "_build", lambda *a: calls.append(1) or real(*a))
    _fresh()
    assert calls == [1]
    assert len(_entries(folder)) == 2


@pytest.mark.parametrize("damage", ["truncate", "flip", "empty", "garbage"])
def test_a_damaged_entry_is_rebuilt(folder: Path, damage: str, monkeypatch) -> None:
    good = _fresh()
    entry = _entries(folder)[0]
    data = entry.read_bytes()
    damaged = {
        "truncate": data[: len(data) // 2],
        "flip": data[:-100] + bytes([data[-100] ^ 0xFF]) + data[-99:],
        "empty": b"",
        "garbage": os.urandom(4096),
    }[damage]
    entry.write_bytes(damaged)
    rebuilt = _fresh()
    assert rebuilt.ruleset_hash == good.ruleset_hash
    assert entry.read_bytes() == data  # written again, whole


def test_an_entry_others_can_write_is_not_read(folder: Path) -> None:
    """Unpickling runs code: a file another user could have replaced is never unpickled."""
    _fresh()
    entry = _entries(folder)[0]
    header, _, _ = entry.read_bytes().partition(b"\n\n")
    poison = pickle.dumps(_Boom())
    import hashlib

    lines = header.split(b"\n")
    lines[-1] = hashlib.sha256(poison).hexdigest().encode()
    entry.write_bytes(b"\n".join(lines) + b"\n\n" + poison)
    entry.chmod(0o666)
    assert _fresh().rules  # rebuilt, the poisoned file not unpickled
    os.chmod(folder, 0o777)
    entry.chmod(0o600)
    entry.write_bytes(b"\n".join(lines) + b"\n\n" + poison)
    assert _fresh().rules  # a folder others can write is not trusted either


class _Boom:
    def __reduce__(self):
        return (_explode, ())


def _explode():
    raise AssertionError("a cache entry others could write was unpickled")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs chown")
def test_an_entry_owned_by_another_user_is_not_read(folder: Path, monkeypatch) -> None:
    _fresh()
    entry = _entries(folder)[0]
    os.chown(entry, 65534, 65534)
    calls = []
    real = load._build
    monkeypatch.setattr(load, "_build", lambda *a: calls.append(1) or real(*a))
    _fresh()
    assert calls == [1]


def test_a_read_only_cache_folder_is_no_error(folder: Path) -> None:
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        assert _fresh().rules
        if os.geteuid() != 0:  # root writes anyway
            assert _entries(folder) == []
    finally:
        folder.chmod(0o700)


def test_a_cache_folder_that_cannot_be_created_is_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(cache.CACHE_ENV, str(blocker / "cache"))
    assert _fresh().rules


def test_the_cache_can_be_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.CACHE_ENV, "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert _fresh().rules
    assert list(tmp_path.rglob("*.pickle")) == []


def test_concurrent_runs_share_a_folder(folder: Path) -> None:
    """Four processes loading at once: each succeeds and the entry left is whole."""
    code = "from roo_check.rulebook.load import load_rulebook; print(load_rulebook().ruleset_hash)"
    env = {**os.environ, cache.CACHE_ENV: str(folder)}
    runs = [
        subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, text=True)
        for _ in range(4)
    ]
    hashes = {run.communicate(timeout=120)[0].strip() for run in runs}
    assert all(run.returncode == 0 for run in runs)
    assert len(hashes) == 1
    assert len(_entries(folder)) == 1
    assert list(folder.glob(".*.tmp")) == []
    assert _fresh().ruleset_hash == hashes.pop()
