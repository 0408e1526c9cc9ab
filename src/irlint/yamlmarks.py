"""YAML loading that remembers where each value stands, so errors can name a line and column."""

from __future__ import annotations

import re
from typing import Any

import yaml

Path_ = tuple[str | int, ...]


# libyaml's parser when PyYAML was built with it (rule packs load 5x faster); the pure-Python one otherwise.
_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class StrictLoader(_BaseLoader):  # type: ignore[misc]
    """A SafeLoader with YAML 1.2 booleans: only true/false, so that ``[no, on, yes]`` stay words."""


StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


class YamlSyntaxError(Exception):
    """The text is not valid YAML; ``line``/``column`` are 1-based."""

    def __init__(self, message: str, line: int | None, column: int | None) -> None:
        super().__init__(message)
        self.message, self.line, self.column = message, line, column


class _PythonStrictLoader(yaml.SafeLoader):
    """The pure-Python twin of StrictLoader: its error messages are the clearer ones, so errors are re-read with it."""


_PythonStrictLoader.yaml_implicit_resolvers = StrictLoader.yaml_implicit_resolvers


def load_with_marks(text: str) -> tuple[Any, dict[Path_, tuple[int, int]]]:
    """Parse YAML ``text``; return the data and a map from key paths to 1-based (line, column)."""
    try:
        return _load_with_marks(text, StrictLoader)
    except YamlSyntaxError:
        if StrictLoader.__mro__[1] is yaml.SafeLoader:
            raise
        return _load_with_marks(text, _PythonStrictLoader)


def _load_with_marks(text: str, loader_class: Any) -> tuple[Any, dict[Path_, tuple[int, int]]]:
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        message = " ".join(part for part in (error.context, error.problem) if part) or "invalid YAML"
        raise YamlSyntaxError(message, mark.line + 1 if mark else None, mark.column + 1 if mark else None) from None
    except yaml.YAMLError as error:
        raise YamlSyntaxError(str(error), None, None) from None
    finally:
        loader.dispose()
    marks: dict[Path_, tuple[int, int]] = {}
    if node is not None:
        _collect(node, (), marks)
    return data, marks


def _collect(node: yaml.Node, path: Path_, marks: dict[Path_, tuple[int, int]]) -> None:
    marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                _collect(value, (*path, str(key.value)), marks)
                marks[(*path, str(key.value))] = (key.start_mark.line + 1, key.start_mark.column + 1)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _collect(item, (*path, index), marks)


def locate(marks: dict[Path_, tuple[int, int]], loc: tuple[Any, ...]) -> tuple[int | None, int | None]:
    """The best-known (line, column) for a pydantic error location: the deepest path that exists in ``marks``."""
    path: Path_ = ()
    best = marks.get((), (None, None))
    for part in loc:
        candidate = (*path, part if isinstance(part, int) else str(part))
        if candidate in marks:
            path = candidate
            best = marks[candidate]
    return best
