"""Shipment documents (invoice and routing) from JSON or YAML, and the JSON/YAML reading
shared with the certificate loader.

JSON is parsed with ``parse_float=Decimal`` (money is never a float), duplicate keys and
NaN/Infinity are refused. YAML is parsed with the safe loader (libyaml's when available),
numbers read exactly as Decimal and in decimal only (no octal ``010``); anchors, aliases
and merge keys are refused (so an alias bomb cannot expand) and so are duplicate keys,
which PyYAML would otherwise silently overwrite. Both are limited in size,
nesting and number of values. Errors name the JSON path (``$.invoice.lines[0].quantity``)
and, for YAML, the line.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from roo_check.errors import InputError
from roo_check.limits import input_limits
from roo_check.loaders import (
    Problems,
    one_line,
    oversized_numbers,
    show_value,
    validation_problems,
)
from roo_check.loaders.limits import (
    MAX_CELL_CHARS,
    MAX_NESTING,
    check_size,
    number_too_large,
    read_limited,
    text_too_long,
)
from roo_check.models.shipment import Shipment
from roo_check.money import number_problem

M = TypeVar("M", bound=BaseModel)
Loc = tuple[int | str, ...]

_MERGE_TAG = "tag:yaml.org,2002:merge"
_DECIMAL_DIGITS = re.compile(r"^[+-]?[0-9][0-9_]*$")


class _YamlLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The safe loader (libyaml's if available) reading numbers exactly and in decimal."""


def _yaml_number(node: yaml.ScalarNode) -> Decimal:
    """The number a YAML scalar is written as, within the bounds every input number obeys."""
    text = str(node.value).replace("_", "")
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = Decimal("NaN")
    problem = number_problem(value)
    if problem is not None:
        raise yaml.constructor.ConstructorError(
            None, None, f"{show_value(node.value)}: {problem}", node.start_mark
        )
    return value


def _yaml_float(loader: Any, node: yaml.ScalarNode) -> Decimal:
    # A YAML float is read as the decimal it is written as, never through binary floating point.
    return _yaml_number(node)


def _yaml_int(loader: Any, node: yaml.ScalarNode) -> int:
    # YAML 1.1 would read 010 as octal 8 and 0x10 as 16; only plain decimal is accepted.
    text = str(node.value)
    if not _DECIMAL_DIGITS.match(text):
        raise yaml.constructor.ConstructorError(
            None, None, f"{text!r}: write numbers in plain decimal digits", node.start_mark
        )
    return int(_yaml_number(node))


def _yaml_timestamp(loader: Any, node: yaml.ScalarNode) -> object:
    # An impossible date (2026-02-30) is named with its line, not left as Python's message.
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError) as exc:
        raise yaml.constructor.ConstructorError(
            None, None, f"{show_value(node.value)} is no calendar date ({exc})", node.start_mark
        ) from None


_YamlLoader.add_constructor("tag:yaml.org,2002:float", _yaml_float)
_YamlLoader.add_constructor("tag:yaml.org,2002:int", _yaml_int)
_YamlLoader.add_constructor("tag:yaml.org,2002:timestamp", _yaml_timestamp)


def json_path(loc: Loc) -> str:
    """``("invoice", "lines", 0, "quantity")`` -> ``$.invoice.lines[0].quantity``."""
    text = "$"
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text


def _decode(data: bytes, *, file: str, kind: str) -> str:
    check_size(len(data), file=file)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"the {kind} file is not UTF-8 text", file=file, location=f"line {line}"
        ) from None


# ---------------------------------------------------------------------------------- JSON


class _Object(dict[str, Any]):
    """A JSON object that remembers the keys it was given more than once."""

    duplicates: tuple[str, ...] = ()


def _pairs(pairs: list[tuple[str, Any]]) -> _Object:
    result = _Object()
    duplicates: list[str] = []
    for key, value in pairs:
        if key in result:
            duplicates.append(key)
        result[key] = value
    if duplicates:
        result.duplicates = tuple(duplicates)
    return result


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _check_tree(data: Any, *, file: str, problems: Problems) -> None:
    """Nesting, value count, duplicate keys and unencodable strings, with their paths."""
    most = input_limits().values
    stack: list[tuple[Any, Loc]] = [(data, ())]
    count = 0
    while stack:
        value, loc = stack.pop()
        count += 1
        if count > most:
            raise InputError(f"the document has more than {most:,} values", file=file)
        if len(loc) > MAX_NESTING:
            raise InputError(
                f"values are nested more than {MAX_NESTING} deep",
                file=file,
                location=json_path(loc),
            )
        if isinstance(value, dict):
            for key in getattr(value, "duplicates", ()):
                problems.add(
                    f"duplicate key {key!r}", file=file, location=json_path(loc), field=key
                )
            for key, item in value.items():
                _check_text(key, loc, file=file, problems=problems)
                stack.append((item, (*loc, key)))
        elif isinstance(value, list):
            stack.extend((item, (*loc, index)) for index, item in enumerate(value))
        elif (problem := _json_number_problem(value)) is not None:
            problems.add(f"{show_value(str(value))}: {problem}", file=file, location=json_path(loc))
        else:
            _check_text(value, loc, file=file, problems=problems)


def _json_number_problem(value: Any) -> str | None:
    """Why a JSON number is out of bounds (see :func:`roo_check.money.number_problem`)."""
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        return None
    if isinstance(value, int) and number_too_large(value):
        return "too large a number"  # before converting a huge integer
    return number_problem(Decimal(value))


def _check_text(value: Any, loc: Loc, *, file: str, problems: Problems) -> None:
    if isinstance(value, str):
        if len(value) > MAX_CELL_CHARS:
            message = text_too_long(len(value), "text value")
            problems.add(message, file=file, location=json_path(loc))
            return
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            problems.add(
                "text holds an invalid character (a lone surrogate escape)",
                file=file,
                location=json_path(loc),
            )


def parse_json(data: bytes, *, file: str) -> Any:
    """Parse untrusted JSON bytes: floats as Decimal, duplicate keys and NaN refused."""
    text = _decode(data, file=file, kind="JSON")
    try:
        document = json.loads(
            text, parse_float=Decimal, parse_constant=_no_constant, object_pairs_hook=_pairs
        )
    except json.JSONDecodeError as exc:
        raise InputError(
            f"malformed JSON: {exc.msg}",
            file=file,
            location=f"line {exc.lineno} column {exc.colno}",
        ) from None
    except RecursionError:
        raise InputError(f"values are nested more than {MAX_NESTING} deep", file=file) from None
    except ArithmeticError:
        # Decimal refuses an exponent of 19 digits or more (1E9999999999999999999).
        raise InputError("malformed JSON: too large a number", file=file) from None
    except ValueError as exc:
        raise InputError(f"malformed JSON: {one_line(str(exc), 200)}", file=file) from None
    problems = Problems()
    _check_tree(document, file=file, problems=problems)
    problems.raise_if_any()
    return document


# ---------------------------------------------------------------------------------- YAML


def _yaml_error(exc: Exception, *, file: str) -> InputError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc) or type(exc).__name__
    return InputError(
        f"malformed YAML: {one_line(str(problem), 200)}",
        file=file,
        location=f"line {mark.line + 1}" if mark is not None else None,
    )


def _walk_yaml(root: Any, *, file: str, problems: Problems) -> dict[Loc, int]:
    """Check the node graph before anything is built from it; return the line of each path.

    With aliases resolved, a node reached twice is an alias: refused before it can expand.
    """
    lines: dict[Loc, int] = {}
    seen: set[int] = set()
    # (node, path, line where the node is used: the key's line for a mapping value)
    stack: list[tuple[Any, Loc, int]] = [(root, (), root.start_mark.line + 1)]
    most = input_limits().values
    while stack:
        node, loc, used_at = stack.pop()
        if id(node) in seen:
            raise InputError(
                "YAML anchors and aliases are not allowed", file=file, location=f"line {used_at}"
            )
        seen.add(id(node))
        if len(seen) > most:
            raise InputError(f"the document has more than {most:,} values", file=file)
        line = node.start_mark.line + 1
        if len(loc) > MAX_NESTING:
            raise InputError(
                f"values are nested more than {MAX_NESTING} deep",
                file=file,
                location=f"line {line}",
            )
        lines[loc] = line
        if isinstance(node, yaml.ScalarNode) and len(node.value) > MAX_CELL_CHARS:
            message = text_too_long(len(node.value), "text value")
            raise InputError(message, file=file, location=f"line {line}")
        children: list[tuple[Any, Loc, int]] = []
        if isinstance(node, yaml.MappingNode):
            children = _mapping_children(node, loc, file=file, problems=problems)
        elif isinstance(node, yaml.SequenceNode):
            children.extend((item, (*loc, index), line) for index, item in enumerate(node.value))
        stack.extend(reversed(children))  # visit in document order
    return lines


def _mapping_children(
    node: yaml.MappingNode, loc: Loc, *, file: str, problems: Problems
) -> list[tuple[Any, Loc, int]]:
    """The keys and values of a mapping to walk, each used at its key's line.

    A key that is not a scalar is walked too, so that the alias check and the limits reach
    it; having no name, its path is ``?``.
    """
    children: list[tuple[Any, Loc, int]] = []
    keys: set[str] = set()
    for key_node, value_node in node.value:
        key_line = key_node.start_mark.line + 1
        if key_node.tag == _MERGE_TAG:
            raise InputError(
                "YAML merge keys (<<) are not allowed",
                file=file,
                location=f"line {key_line}",
            )
        key: int | str = "?"
        if isinstance(key_node, yaml.ScalarNode):
            key = key_node.value
            if key in keys:
                problems.add(
                    f"duplicate key {key!r}",
                    file=file,
                    location=f"line {key_line}, {json_path(loc)}",
                    field=str(key),
                )
            keys.add(key_node.value)
        else:
            children.append((key_node, (*loc, key), key_line))
        children.append((value_node, (*loc, key), key_line))
    return children


def parse_yaml(data: bytes, *, file: str) -> tuple[Any, dict[Loc, int]]:
    """Parse untrusted YAML bytes safely; return the data and the source line of each path."""
    text = _decode(data, file=file, kind="YAML")
    loader = _YamlLoader(text)
    try:
        try:
            node = loader.get_single_node()
        except (yaml.YAMLError, ValueError, RecursionError) as exc:
            raise _yaml_error(exc, file=file) from None
        if node is None:
            raise InputError("the YAML document is empty", file=file)
        problems = Problems()
        lines = _walk_yaml(node, file=file, problems=problems)
        problems.raise_if_any()
        try:
            document = loader.construct_document(node)
        except (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError) as exc:
            raise _yaml_error(exc, file=file) from None
    finally:
        loader.dispose()
    return document, lines


# ------------------------------------------------------------------------------ validation


def validate_document(
    model: type[M], document: Any, *, file: str, lines: dict[Loc, int] | None = None
) -> M:
    """Validate parsed JSON/YAML into ``model``; errors name the JSON path (and YAML line)."""
    if not isinstance(document, dict):
        raise InputError(
            f"expected an object (a mapping of keys to values) at the top level, "
            f"got {type(document).__name__}",
            file=file,
            location="$",
        )

    def locate(loc: Loc) -> tuple[str | None, str | None]:
        field = next((str(p) for p in reversed(loc) if isinstance(p, str)), None)
        path = json_path(loc)
        if lines is None:
            return path, field
        probe = loc
        while probe not in lines and probe:
            probe = probe[:-1]
        line = lines.get(probe)
        return (f"line {line}, {path}" if line else path), field

    problems = Problems()
    try:
        result = model.model_validate(document)
    except ValidationError as exc:
        problems.extend(validation_problems(exc, file=file, locate=locate))
        problems.raise_if_any()
        raise  # unreachable: a ValidationError always holds at least one error
    for loc in oversized_numbers(result):
        location, field = locate(loc)
        problems.add("too large a number", file=file, location=location, field=field)
    problems.raise_if_any()
    return result


def document_from_bytes(model: type[M], data: bytes, *, file: str, suffix: str) -> M:
    """Read ``model`` from JSON (``.json``) or YAML (``.yaml``/``.yml``) bytes."""
    suffix = suffix.lower()
    if suffix == ".json":
        return validate_document(model, parse_json(data, file=file), file=file)
    if suffix in (".yaml", ".yml"):
        document, lines = parse_yaml(data, file=file)
        return validate_document(model, document, file=file, lines=lines)
    raise InputError(
        f"cannot read {suffix or 'extension-less'} files (use .json or .yaml)", file=file
    )


def shipment_from_bytes(data: bytes, *, file: str, suffix: str) -> Shipment:
    """A :class:`Shipment` from JSON or YAML bytes (``suffix`` picks the format)."""
    return document_from_bytes(Shipment, data, file=file, suffix=suffix)


def load_shipment(path: str | Path) -> Shipment:
    """A :class:`Shipment` from a ``.json``, ``.yaml`` or ``.yml`` file."""
    data = read_limited(path)
    return shipment_from_bytes(data, file=str(path), suffix=Path(path).suffix)
