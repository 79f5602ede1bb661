"""YAML reading that remembers line numbers, so errors can say where in a file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

__all__ = ["LineDict", "load_yaml_file", "unknown_keys", "where", "yaml_problem"]


class LineDict(dict[str, Any]):
    """A mapping read from YAML that knows the line it started on."""

    line: int = 0


class _LineLoader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    mapping = LineDict(loader.construct_pairs(node, deep=True))
    mapping.line = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
# Keep dates as the text wrote them: "2024-10-01" must not become a datetime silently.
_LineLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_yaml_file(path: Path, error: type[Exception], raw: bytes | None = None) -> Any:
    """Parse a YAML file (or its bytes, read elsewhere); raise ``error`` with file and line on any problem."""
    if raw is None:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise error(f"{path}: cannot be read: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise error(f"{path}: is not UTF-8 (byte offset {exc.start})") from None
    try:
        return yaml.load(text, Loader=_LineLoader)
    except yaml.YAMLError as exc:
        line, problem = yaml_problem(exc)
        raise error(f"{path}{f' line {line}' if line else ''}: malformed YAML: {problem}") from None


def yaml_problem(exc: yaml.YAMLError, first_line: int = 1) -> tuple[int | None, str]:
    """Where a YAML parser stopped (the line, counting from ``first_line``) and what it refused."""
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return (mark.line + first_line if mark is not None else None), problem


def unknown_keys(data: dict[Any, Any], allowed: tuple[str, ...]) -> str | None:
    """A message naming the keys a mapping should not have, or None when it has none."""
    unknown = sorted(str(k) for k in data if k not in allowed)
    return f"unknown key(s) {', '.join(unknown)}; allowed: {', '.join(allowed)}" if unknown else None


def where(path: Path, node: Any) -> str:
    """Name a place in a file for an error message: 'file.yaml line 12'."""
    line = getattr(node, "line", 0)
    return f"{path} line {line}" if line else str(path)
