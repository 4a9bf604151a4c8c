"""Apply a company's configuration to the rulebook: thresholds, severities, countries, and
its readings of production steps (``[processes]``).

The result is a new Rulebook; the bundled rules are never edited. Every override goes
through the same parameter models as the rule files, so a typo stops the run.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from pydantic import ValidationError

from roo_check.errors import InputError
from roo_check.models.config import Config
from roo_check.models.findings import Severity
from roo_check.rulebook.flag_params import CHECK_PARAMS, CountryShareParams
from roo_check.rulebook.index import Rulebook
from roo_check.rulebook.process_schema import ProcessVocabulary, bundled_vocabulary
from roo_check.rulebook.schema import FlagRule

_RULE_KEYS = {"severity", "enabled"}
_SEVERITIES = {"error", "warning", "info"}


def apply_config(rulebook: Rulebook, config: Config, file: str) -> Rulebook:
    known = {f.id: f for f in rulebook.flags}
    for flag_id in config.flags:
        if flag_id not in known:
            raise InputError(
                f"unknown flag id {flag_id!r} (see `roo-check rules list`)",
                file=file,
                location=f"flags.{flag_id}",
                field=flag_id,
            )
    for suppression in config.suppress:
        if suppression.rule not in known and rulebook.rule(suppression.rule) is None:
            raise InputError(
                f"suppression names unknown rule {suppression.rule!r}",
                file=file,
                location="suppress",
                field="rule",
            )
    flags = [_configured_flag(flag, config, file) for flag in rulebook.flags]
    undecided = config.severity.cannot_decide
    return dataclasses.replace(
        rulebook,
        flags=tuple(flags),
        processes=_processes(rulebook, config, file),
        undecided_severity=Severity(undecided) if undecided else rulebook.undecided_severity,
        strict_evidence=bool(config.strict_evidence) or rulebook.strict_evidence,
    )


def _processes(rulebook: Rulebook, config: Config, file: str) -> ProcessVocabulary | None:
    """The company's readings of production steps (``[processes]``) over the vocabulary."""
    if not config.processes:
        return rulebook.processes
    vocabulary = rulebook.processes or bundled_vocabulary()
    for key, value in config.processes.items():
        try:
            vocabulary = vocabulary.with_overrides({key: value})
        except ValueError as exc:
            raise InputError(str(exc), file=file, location=f"processes.{key}", field=key) from None
    return vocabulary


def _configured_flag(flag: FlagRule, config: Config, file: str) -> FlagRule:
    """The flag with the configuration's severity, switch and parameters, marked with the
    keys the configuration set (reports say "set by the company" only for those)."""
    override = dict(config.flags.get(flag.id, {}))
    params = dict(flag.params)
    keys: list[str] = []
    if config.countries_of_concern and CHECK_PARAMS[flag.check] is CountryShareParams:
        params["countries"] = list(config.countries_of_concern)
        keys.append("countries_of_concern")
    updates: dict[str, object] = {}
    for key in _RULE_KEYS & override.keys():
        updates[key] = override.pop(key)
    if "severity" in updates and updates["severity"] not in _SEVERITIES:
        raise InputError(
            f"severity must be one of {', '.join(sorted(_SEVERITIES))}",
            file=file,
            location=f"flags.{flag.id}",
            field="severity",
        )
    params.update(override)
    _validate_params(flag, params, file)
    keys.extend(sorted({*updates, *override}))
    copy = flag.model_copy(update={**updates, "params": params})
    return copy.configured(Path(file).name, tuple(keys))


def _validate_params(flag: FlagRule, params: dict[str, object], file: str) -> None:
    try:
        CHECK_PARAMS[flag.check].model_validate(params)
    except ValidationError as exc:
        first = exc.errors()[0]
        key = str(first["loc"][-1]) if first["loc"] else flag.id
        message = (
            f"unknown setting {key!r} for {flag.id}"
            if first["type"] == "extra_forbidden"
            else first["msg"].removeprefix("Value error, ")
        )
        raise InputError(message, file=file, location=f"flags.{flag.id}", field=key) from None
