"""The GitHub Action and the README's CI snippets: inputs never pasted into a script (GitHub's
security hardening guide: pass them through env:), the SARIF upload skippable and skipped on
pull requests from forks, the permissions documented, and the snippets naming a revision that
exists."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
README = (ROOT / "README.md").read_text(encoding="utf-8")
STEPS = ACTION["runs"]["steps"]


def test_no_expression_is_pasted_into_a_script() -> None:
    scripts = [step["run"] for step in STEPS if "run" in step]
    assert scripts
    for script in scripts:
        assert "${{" not in script, script


def test_every_input_used_by_a_script_goes_through_env() -> None:
    used = {
        name
        for step in STEPS
        for value in (step.get("env") or {}).values()
        for name in re.findall(r"inputs\.([a-z-]+)", str(value))
    }
    assert {"paths", "fail-on"} <= used


def test_the_sarif_upload_can_be_skipped_and_is_skipped_for_forks() -> None:
    assert ACTION["inputs"]["upload-sarif"]["default"] == "true"
    upload = next(s for s in STEPS if s.get("uses", "").startswith("github/codeql-action/upload"))
    condition = upload["if"]
    assert "inputs.upload-sarif == 'true'" in condition
    assert "github.event.pull_request.head.repo.full_name == github.repository" in condition
    assert "security-events" in ACTION["inputs"]["upload-sarif"]["description"]


def test_the_check_writes_annotations_and_keeps_the_exit_code() -> None:
    check = next(s for s in STEPS if s.get("id") == "check")
    assert "-o github=-" in check["run"] and "-o sarif=roo-check.sarif" in check["run"]
    assert ACTION["outputs"]["exit-code"]["value"] == "${{ steps.check.outputs.code }}"


def test_the_readme_documents_permissions_forks_and_private_repositories() -> None:
    assert "security-events: write" in README
    assert "from a fork" in README
    assert "Advanced Security" in README


def _revisions() -> list[str]:
    found = re.findall(r"rev: ([0-9a-f]{40})", README)
    found += re.findall(r"roo-check@([0-9a-f]{40})", README)
    return found


def test_the_snippets_name_one_full_commit_and_no_tag_that_does_not_exist() -> None:
    revisions = _revisions()
    assert len(revisions) == 3 and len(set(revisions)) == 1, revisions
    assert "v0.1.0" not in README


def test_the_revision_the_snippets_name_exists() -> None:
    """Checked where the repository's history is at hand (a clone, not an sdist)."""
    if not (ROOT / ".git").exists():
        pytest.skip("no git history here (an installed copy)")
    revision = _revisions()[0]
    shallow = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--is-shallow-repository"],
        capture_output=True,
        text=True,
        check=False,
    )
    found = subprocess.run(
        ["git", "-C", str(ROOT), "cat-file", "-e", f"{revision}^{{commit}}"],
        capture_output=True,
        check=False,
    )
    if found.returncode != 0 and shallow.stdout.strip() == "true":
        pytest.skip("a shallow clone does not hold the whole history")
    assert found.returncode == 0, f"{revision} is not a commit of this repository"
    for name in ("action.yml", ".pre-commit-hooks.yaml", "roo_check/reporters/github.py"):
        shown = subprocess.run(
            ["git", "-C", str(ROOT), "cat-file", "-e", f"{revision}:{name}"],
            capture_output=True,
            check=False,
        )
        assert shown.returncode == 0, f"{name} is not in {revision}"
