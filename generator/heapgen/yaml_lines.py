"""YAML loading that remembers where every value came from.

`load_with_lines` returns the plain Python value of a YAML document plus a map from each
value's path (a tuple of keys and list indexes, as pydantic reports `loc`) to its 1-based
line, so an error can name the file and line of the bad value.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

Path_ = tuple[Any, ...]
# libyaml's parser when PyYAML has it (it does in the wheels): several times faster
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SCALARS = yaml.constructor.SafeConstructor()


class YamlSyntaxError(ValueError):
    def __init__(self, file: Path, line: int, message: str) -> None:
        super().__init__(f"{file}:{line}: {message}")
        self.file, self.line, self.message = file, line, message


def _to_python(node: yaml.Node, path: Path_, lines: dict[Path_, int], file: Path) -> Any:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _to_python(key_node, (*path, "<key>"), {}, file)
            if key in result:
                raise YamlSyntaxError(file, key_node.start_mark.line + 1, f"duplicate key {key!r}")
            lines[(*path, key)] = key_node.start_mark.line + 1
            result[key] = _to_python(value_node, (*path, key), lines, file)
            lines[(*path, key)] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _to_python(item, (*path, index), lines, file) for index, item in enumerate(node.value)
        ]
    return _SCALARS.construct_object(node, deep=True)


def load_with_lines(file: Path) -> tuple[Any, dict[Path_, int]]:
    """Parse one YAML file; raises YamlSyntaxError with the line of a syntax error."""
    text = file.read_text(encoding="utf-8")
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise YamlSyntaxError(file, line, f"invalid YAML: {exc.problem or exc}") from exc
    lines: dict[Path_, int] = {}
    if node is None:
        return None, lines
    return _to_python(node, (), lines, file), lines


def line_of(lines: dict[Path_, int], path: Path_) -> int:
    """The line of the deepest known prefix of `path` (1 when nothing is known)."""
    for end in range(len(path), -1, -1):
        if tuple(path[:end]) in lines:
            return lines[tuple(path[:end])]
    return 1
