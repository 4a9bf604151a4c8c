"""Files are opened safely (issue 12): no hang on a FIFO, no leak through a symbolic link, no
traceback on a link loop, a folder named like a file, a deep TOML or YAML document, or a
report destination that cannot be written; every refusal is one line, exit 2.
"""

from __future__ import annotations

import os
import shutil
import signal
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from roo_check.cli import main
from roo_check.errors import InputError, InputErrors, RooCheckError, RuleError, UsageError
from roo_check.loaders import load_path
from roo_check.loaders.config import find_config, load_config
from roo_check.loaders.files import read_file
from roo_check.reporters.output import plan_outputs, write_atomic
from roo_check.rulebook.load import default_rules_dir, load_rulebook
from tests.unit.report_support import ROOT

SAMPLE = ROOT / "samples" / "01-motor-tariff-shift"
SECRET = "TOP-SECRET-CONTENT-4711"
FORMATS = {"text": "text", "json": "json"}


@pytest.fixture(autouse=True)
def no_hang() -> Iterator[None]:
    """A test that blocks on a FIFO fails after 20 s instead of hanging the suite."""

    def stop(_signum: int, _frame: object) -> None:
        raise TimeoutError("blocked: a file was opened that should have been refused")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(20)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def shipment(tmp_path: Path) -> Path:
    """A copy of the simplest sample folder, with a secret file beside it (outside it)."""
    (tmp_path / "secret.csv").write_text(SECRET + "\n")
    return Path(shutil.copytree(SAMPLE, tmp_path / "shipment"))


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """Run the command line in-process: (exit code, standard error)."""
    with pytest.raises(SystemExit) as leaving:
        main(list(args))
    return int(leaving.value.code or 0), capsys.readouterr().err


def errors_of(path: Path) -> list[RooCheckError]:
    with pytest.raises((InputError, InputErrors)) as caught:
        load_path(path)
    error = caught.value
    return list(error.errors) if isinstance(error, InputErrors) else [error]


def only_error(path: Path) -> str:
    [error] = errors_of(path)
    return str(error)


def replace_with_link(path: Path, target: str | Path) -> None:
    path.unlink()
    path.symlink_to(target)


# ------------------------------------------------------------------- symbolic links in a folder


def test_a_link_to_a_file_outside_the_folder_is_refused_unread(shipment: Path) -> None:
    replace_with_link(shipment / "bom.csv", shipment.parent / "secret.csv")
    message = only_error(shipment)
    assert message.endswith(
        f"bom.csv [bom]: is a symbolic link to a file outside the folder {shipment}; refused"
    )
    assert SECRET not in message


def test_a_relative_link_out_of_the_folder_is_refused(shipment: Path, capsys) -> None:
    replace_with_link(shipment / "bom.csv", "../secret.csv")
    code, err = run_cli(capsys, "check", str(shipment))
    assert code == 2
    assert "bom.csv [bom]: is a symbolic link to a file outside the folder" in err
    assert SECRET not in err + capsys.readouterr().out


def test_a_link_to_a_file_inside_the_folder_is_read(shipment: Path) -> None:
    (shipment / "bom.csv").rename(shipment / "materials.csv")
    (shipment / "bom.csv").symlink_to("materials.csv")
    assert [line.part_number for line in load_path(shipment).bom][:1] == ["LAM-M19"]


@pytest.mark.parametrize(
    "links", [{"bom.csv": "bom.csv"}, {"bom.csv": "a.csv", "a.csv": "bom.csv"}]
)
def test_a_link_loop_is_one_line(shipment: Path, links: dict[str, str]) -> None:
    (shipment / "bom.csv").unlink()
    for name, target in links.items():
        (shipment / name).symlink_to(target)
    assert only_error(shipment).endswith("bom.csv [bom]: symbolic link loop; refused")


def test_a_dangling_link_is_one_line(shipment: Path) -> None:
    replace_with_link(shipment / "bom.csv", "gone.csv")
    assert only_error(shipment).endswith("bom.csv [bom]: is a symbolic link to a missing file")


def test_suppliers_folder_linked_outside_is_refused(shipment: Path) -> None:
    outside = shipment.parent / "elsewhere"
    outside.mkdir()
    (outside / "s.csv").write_text(SECRET)
    (shipment / "suppliers").symlink_to(outside)
    message = only_error(shipment)
    assert "suppliers: is a symbolic link to a folder outside the folder" in message
    assert SECRET not in message


def test_a_supplier_file_linked_outside_is_refused(shipment: Path) -> None:
    (shipment / "suppliers").mkdir()
    (shipment / "suppliers" / "s.csv").symlink_to(shipment.parent / "secret.csv")
    message = only_error(shipment)
    assert "s.csv: is a symbolic link to a file outside the folder" in message
    assert SECRET not in message


def test_a_path_named_on_the_command_line_may_be_a_link(tmp_path: Path) -> None:
    """The user chose the link: a single-file BOM reached through one is read."""
    link = tmp_path / "bom.csv"
    link.symlink_to(ROOT / "samples" / "gearbox-6at.bom.csv")
    assert len(load_path(link).goods) == 1


# -------------------------------------------------------------------- FIFOs, devices, folders


def test_a_fifo_in_a_folder_is_refused_without_waiting(shipment: Path) -> None:
    (shipment / "bom.csv").unlink()
    os.mkfifo(shipment / "bom.csv")
    assert only_error(shipment).endswith("bom.csv [bom]: not a regular file; it is a FIFO")


def test_a_fifo_named_on_the_command_line_is_refused(tmp_path: Path, capsys) -> None:
    os.mkfifo(tmp_path / "bom.csv")
    code, err = run_cli(capsys, "check", str(tmp_path / "bom.csv"))
    assert code == 2
    assert "bom.csv: not a regular file or folder; it is a FIFO" in err


def test_a_folder_named_bom_csv_is_refused(shipment: Path) -> None:
    (shipment / "bom.csv").unlink()
    (shipment / "bom.csv").mkdir()
    assert only_error(shipment).endswith("bom.csv [bom]: not a regular file; it is a directory")


def test_a_device_is_refused_without_reading() -> None:
    with pytest.raises(InputError, match="not a regular file; it is a character device"):
        read_file("/dev/zero")


def test_a_file_over_the_limit_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    big.write_bytes(b"x" * 101)
    assert read_file(big, limit=101) == b"x" * 101
    with pytest.raises(InputError, match=r"file is 101 bytes; the limit is 100 bytes$"):
        read_file(big, limit=100)


# --------------------------------------------------------------------------- configuration


def test_a_fifo_as_config_is_refused(shipment: Path, capsys) -> None:
    fifo = shipment.parent / "roo-check.toml"
    os.mkfifo(fifo)
    code, err = run_cli(capsys, "check", str(shipment), "--config", str(fifo))
    assert code == 2
    assert err.strip().endswith("roo-check.toml: not a regular file; it is a FIFO")


@pytest.mark.parametrize("make", [os.mkfifo, os.mkdir])
def test_a_discovered_config_that_is_no_file_is_refused(tmp_path: Path, make, monkeypatch) -> None:
    make(tmp_path / "roo-check.toml")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError, match=r"roo-check\.toml: not a regular file; it is a"):
        find_config(Path())


def test_a_discovered_config_linked_outside_is_refused(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "secret.toml").write_text(f'fail-on = "{SECRET}"\n')
    (tmp_path / "work").mkdir()
    (tmp_path / "work" / "pyproject.toml").symlink_to(tmp_path / "secret.toml")
    monkeypatch.chdir(tmp_path / "work")
    with pytest.raises(InputError) as caught:
        find_config(Path())
    assert str(caught.value) == (
        "pyproject.toml: is a symbolic link to a file outside the current folder; refused"
    )


@pytest.mark.parametrize(
    "text",
    ["a = " + "[" * 100_000 + "]" * 100_000, "a = " + "{b = " * 100_000 + "1" + "}" * 100_000],
    ids=["arrays", "tables"],
)
def test_a_deeply_nested_config_is_one_line(tmp_path: Path, text: str) -> None:
    path = tmp_path / "roo-check.toml"
    path.write_text(text)
    with pytest.raises(InputError) as caught:
        load_config(path)
    assert str(caught.value) == (f"{path}: nested too deeply: arrays or tables inside one another")


def test_a_config_with_invalid_utf8_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "roo-check.toml"
    path.write_bytes(b'fail-on = "\xff"\n')
    with pytest.raises(InputError) as caught:
        load_config(path)
    assert str(caught.value) == f"{path}: not valid UTF-8 at byte 11"


def test_a_config_whose_tool_is_no_table_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "roo-check.toml"
    path.write_text("tool = 1\n")
    with pytest.raises(InputError, match=r"\[tool.roo-check\] must be a table"):
        load_config(path)


# ---------------------------------------------------------------------------------- rules


def rule_dir(tmp_path: Path, name: str, data: bytes | None = None) -> Path:
    root = tmp_path / "rules"
    root.mkdir()
    if data is not None:
        (root / name).write_bytes(data)
    return root


def rule_error(root: Path) -> str:
    with pytest.raises(RuleError) as caught:
        load_rulebook(root)
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_a_folder_named_like_a_rule_file_is_refused(tmp_path: Path) -> None:
    root = rule_dir(tmp_path, "x.yaml")
    (root / "x.yaml").mkdir()
    assert rule_error(root) == "x.yaml: not a regular file; it is a directory"


def test_a_fifo_rule_file_is_refused(tmp_path: Path, capsys) -> None:
    root = rule_dir(tmp_path, "f.yaml")
    os.mkfifo(root / "f.yaml")
    code, err = run_cli(capsys, "check", str(SAMPLE), "--rules", str(root))
    assert code == 2
    assert err == "error: f.yaml: not a regular file; it is a FIFO\n"


def test_a_rule_file_linked_outside_the_rules_is_refused(tmp_path: Path) -> None:
    (tmp_path / "secret.yaml").write_text(f"kind: {SECRET}\n")
    root = rule_dir(tmp_path, "p.yaml")
    (root / "p.yaml").symlink_to(tmp_path / "secret.yaml")
    message = rule_error(root)
    assert message.startswith("p.yaml: is a symbolic link to a file outside the folder")
    assert SECRET not in message


def test_a_rule_file_linked_inside_the_rules_is_read(tmp_path: Path) -> None:
    root = Path(shutil.copytree(default_rules_dir(), tmp_path / "rules"))
    kinds = root / "usmca" / "kinds.yaml"
    (root / "source").mkdir(exist_ok=True)  # source/ is not read as rules
    kinds.rename(root / "source" / "kinds.yaml")
    kinds.symlink_to(Path("..") / "source" / "kinds.yaml")
    assert load_rulebook(root).kinds == load_rulebook().kinds


def test_a_rule_link_loop_is_one_line(tmp_path: Path) -> None:
    root = rule_dir(tmp_path, "l.yaml")
    (root / "l.yaml").symlink_to("l.yaml")
    assert rule_error(root) == "l.yaml: symbolic link loop; refused"


def test_a_rule_file_with_invalid_utf8_names_the_byte(tmp_path: Path) -> None:
    root = rule_dir(tmp_path, "bad.yaml", b"kind: risk_flags\nrules: [\xff]\n")
    assert rule_error(root) == "bad.yaml: not valid UTF-8 at byte 25"


def test_an_impossible_date_in_a_rule_file_names_the_line(tmp_path: Path) -> None:
    root = rule_dir(
        tmp_path, "d.yaml", b"kind: risk_flags\nrules:\n  - effective_from: 2026-02-30\n"
    )
    assert rule_error(root) == (
        "d.yaml:line 3: not valid YAML: '2026-02-30' is not a valid date: "
        "day is out of range for month"
    )


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            b"a: [\n  b: c\n d\n",
            "bad.yaml:line 4: not valid YAML: did not find expected ',' or ']'",
        ),
        (b"a: b\n\x07c: d\n", "bad.yaml:line 2: not valid YAML: character #x0007 is not allowed"),
        (b"a: " + b"[" * 100_000 + b"]" * 100_000, "bad.yaml:line 1: not valid YAML: exceeded"),
    ],
    ids=["syntax", "control character", "deep"],
)
def test_a_yaml_error_is_one_line(tmp_path: Path, data: bytes, expected: str) -> None:
    assert rule_error(rule_dir(tmp_path, "bad.yaml", data)).startswith(expected)


def test_a_parser_running_out_of_stack_is_one_line(tmp_path: Path, monkeypatch) -> None:
    """libyaml stops at 1,000 levels; the pure-Python parser recurses until RecursionError."""

    def recurse(*_args: object, **_kwargs: object) -> object:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(yaml, "load", recurse)
    root = rule_dir(tmp_path, "deep.yaml", b"a: [[[]]]\n")
    assert rule_error(root) == "deep.yaml: not valid YAML: nested too deeply"


def test_a_rule_set_loaded_twice_is_validated_once(tmp_path: Path) -> None:
    root = Path(shutil.copytree(default_rules_dir(), tmp_path / "rules"))
    first = load_rulebook(root)
    assert load_rulebook(root) is first
    criteria = root / "usmca" / "origin-criteria.yaml"
    criteria.write_text(criteria.read_text() + "\n# a changed file is read again\n")
    changed = load_rulebook(root)
    assert changed is not first
    assert changed.ruleset_hash != first.ruleset_hash


def test_a_rule_set_broken_after_loading_still_fails(tmp_path: Path) -> None:
    """Rules fail closed: the memo never hides a file broken since the last load."""
    root = Path(shutil.copytree(default_rules_dir(), tmp_path / "rules"))
    load_rulebook(root)
    (root / "usmca" / "origin-criteria.yaml").write_text("kind: [\n")
    with pytest.raises(RuleError, match=r"origin-criteria\.yaml:line 2: not valid YAML"):
        load_rulebook(root)


# ------------------------------------------------------------------------ sub-assembly loops


def test_a_long_sub_assembly_loop_is_one_short_line(shipment: Path) -> None:
    size = 5_000
    header = (SAMPLE / "bom.csv").read_text().splitlines()[0]
    columns = header.split(",")
    rows = []
    for i in range(size):
        values = dict.fromkeys(columns, "")
        values.update(
            good_part_number="EM-750",
            part_number=f"P{i:05d}",
            parent_part_number=f"P{(i + 1) % size:05d}",
            description="Part",
            hs_code="8503.00",
            quantity="1",
            unit="pcs",
            extended_value="1.00",
            currency="USD",
            country_of_origin="CN",
            origin_status="non-originating",
        )
        rows.append(",".join(values[c] for c in columns))
    (shipment / "bom.csv").write_text("\n".join([header, *rows]) + "\n")
    message = only_error(shipment)
    assert len(message) < 300
    assert message.endswith(
        "sub-assemblies loop back on themselves: P00000 -> P00001 -> P00002 -> ... -> P04999 "
        "-> P00000 (5,000 sub-assemblies in the loop)"
    )


# ----------------------------------------------------------------------------- report output


@pytest.mark.parametrize(
    ("target", "reason"),
    [
        ("{tmp}", "it is a directory"),
        ("{tmp}/report.json/x.html", "{tmp}/report.json is a file, not a folder"),
        ("{tmp}/report.json/deeper/x.html", "{tmp}/report.json is a file, not a folder"),
        ("/proc/roo-check-report.json", "it is in /proc, the kernel's virtual file system"),
        ("/sys/kernel/roo-check-report.json", "it is in /sys, the kernel's virtual file system"),
    ],
)
def test_an_impossible_destination_is_refused_before_the_run(
    tmp_path: Path, target: str, reason: str
) -> None:
    (tmp_path / "report.json").write_text("an old report")
    path = target.format(tmp=tmp_path)
    with pytest.raises(UsageError) as caught:
        plan_outputs((), (f"json={path}",), FORMATS)
    assert str(caught.value) == f"cannot write the report to {path}: {reason.format(tmp=tmp_path)}"
    with pytest.raises(UsageError):
        write_atomic(Path(path), "{}")
    assert (tmp_path / "report.json").read_text() == "an old report"


def test_a_destination_the_system_refuses_is_one_line(tmp_path: Path) -> None:
    long_name = tmp_path / ("r" * 300 + ".json")
    with pytest.raises(UsageError) as caught:
        write_atomic(long_name, "{}")
    assert str(caught.value) == f"cannot write the report to {long_name}: File name too long"
    assert list(tmp_path.iterdir()) == [], "no temporary file is left behind"


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_an_unwritable_folder_is_one_line(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    with pytest.raises(UsageError, match="cannot create a file in its folder: Permission denied"):
        write_atomic(locked / "report.json", "{}")
    with pytest.raises(UsageError, match="cannot create the folder"):
        write_atomic(locked / "sub" / "report.json", "{}")


def test_an_unwritable_destination_exits_2_without_traceback(tmp_path: Path, capsys) -> None:
    code, err = run_cli(capsys, "check", str(SAMPLE), "-o", f"text={tmp_path}")
    assert code == 2
    assert err == f"error: cannot write the report to {tmp_path}: it is a directory\n"


def test_a_fifo_nobody_reads_is_refused_not_waited_on(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "out")
    with pytest.raises(UsageError, match="it is a FIFO that no program is reading"):
        write_atomic(tmp_path / "out", "report")


def test_a_device_is_written_in_place_never_replaced() -> None:
    """``-o /dev/null`` discards the report; renaming over it would replace the device."""
    write_atomic(Path(os.devnull), "report\n")
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_a_report_is_still_written_atomically(tmp_path: Path) -> None:
    target = tmp_path / "new" / "report.json"
    write_atomic(target, "{}\n")
    write_atomic(target, '{"a": 1}\n')
    assert target.read_bytes() == b'{"a": 1}\n'
    assert [p.name for p in target.parent.iterdir()] == ["report.json"]


def test_a_format_given_with_its_own_path_is_one_report(tmp_path: Path) -> None:
    """``-f json -o json=OUT`` is one JSON report (it was rendered twice: OUT and stdout)."""
    out = tmp_path / "r.json"
    assert plan_outputs(("json",), (f"json={out}",), FORMATS) == [("json", out)]
    assert plan_outputs(("json", "html"), (f"json={out}",), FORMATS) == [
        ("json", out),
        ("html", None),
    ]
