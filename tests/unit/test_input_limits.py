"""The input size limits a pipeline may raise (``--limit``, ``ROO_CHECK_LIMITS``): the
defaults protect a desk user; a pipeline sized for large inputs sets its own figures."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from roo_check.cli import cli
from roo_check.limits import MAX_FILE_BYTES, InputLimits, input_limits, parse_limits

SAMPLE = str(Path(__file__).resolve().parents[2] / "samples" / "01-motor-tariff-shift")


def _check(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(cli, ["check", SAMPLE, "-q", *args], env=env)


def test_a_lowered_file_size_limit_refuses_the_file_with_its_name() -> None:
    result = _check("--limit", "file-size=200")
    assert result.exit_code == 2
    assert "the limit is 200 bytes" in result.output
    assert "goods.csv" in result.output or "bom.csv" in result.output


def test_the_limit_comes_from_the_environment_too() -> None:
    result = _check(env={"ROO_CHECK_LIMITS": "rows=5 file-size=200"})
    assert result.exit_code == 2
    assert "the limit is 200 bytes" in result.output


def test_each_invocation_starts_from_the_documented_limits() -> None:
    assert _check("--limit", "file-size=200").exit_code == 2
    assert input_limits() == InputLimits()  # restored when the invocation ends
    assert _check().exit_code in (0, 1)


@pytest.mark.parametrize(
    "given, message",
    [
        ("rows", "expected NAME=VALUE"),
        ("lines=10", "one of file-size, rows, xml-elements, values"),
        ("rows=2k", "expected a whole number"),
        ("file-size=1.5GiB", "expected a whole number of bytes"),
        ("rows=0", "must be between 1 and 1,000,000,000"),
        ("file-size=65GiB", "must be between 1 and"),
    ],
)
def test_a_bad_limit_is_a_usage_error(given: str, message: str) -> None:
    result = _check("--limit", given)
    assert result.exit_code == 2
    assert message in result.output


def test_units_and_several_limits_in_one_value() -> None:
    limits = parse_limits(["file-size=2GiB, rows=2_000_000", "xml-elements=5000000"])
    assert limits == InputLimits(
        file_size=2 * 1024**3, rows=2_000_000, xml_elements=5_000_000, values=200_000
    )
    assert parse_limits([]).file_size == MAX_FILE_BYTES
