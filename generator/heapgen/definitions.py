"""Typed definitions read from `definitions/`: settings, labeled events, defined
properties and segments. Every error names the file, the line, the bad value and,
for an unknown key, the nearest valid one.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from heapgen.naming import snake_case
from heapgen.yaml_lines import YamlSyntaxError, line_of, load_with_lines

SETTINGS_FILE = "heap_connect.yml"


class DefinitionError(ValueError):
    """One or more problems in the definitions; str() has one `file:line: message` per line."""

    def __init__(self, problems: list[tuple[Path, int, str]]) -> None:
        self.problems = problems
        super().__init__("\n".join(f"{file}:{line}: {message}" for file, line, message in problems))


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class SyncSettings(StrictModel):
    frequency_hours: float = Field(24, gt=0, description="hours between scheduled syncs")


class Settings(StrictModel):
    """`definitions/heap_connect.yml`: where the output goes and how often it syncs."""

    project: str = Field(min_length=1)
    environment: str = Field(min_length=1)
    sync: SyncSettings = SyncSettings()

    @field_validator("project", "environment")
    @classmethod
    def _has_alphanumerics(cls, value: str) -> str:
        if not snake_case(value):
            raise ValueError(f"{value!r} has no letters or digits to name a schema with")
        return value

    @property
    def output_schema(self) -> str:
        """`<project>_<environment>` in snake_case, e.g. main_production."""
        return f"{snake_case(self.project)}_{snake_case(self.environment)}"


class DefinitionsFile(StrictModel):
    """Any other YAML file under definitions/: lists of events, defined properties, segments.
    Their contents are typed by the labeled-events work; until then only the top level is."""

    events: list[dict[str, Any]] = []
    defined_properties: list[dict[str, Any]] = []
    segments: list[dict[str, Any]] = []


@dataclass(frozen=True)
class Definitions:
    settings: Settings
    settings_file: Path
    files: dict[Path, DefinitionsFile] = field(default_factory=dict)


def _nearest(key: str, model: type[BaseModel]) -> str:
    close = difflib.get_close_matches(str(key), list(model.model_fields), n=1, cutoff=0.0)
    return f"; did you mean '{close[0]}'?" if close else ""


def _model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel]:
    """The pydantic model that owns the last key of `loc`, for 'did you mean'."""
    current = model
    for part in loc[:-1]:
        info = current.model_fields.get(part) if isinstance(part, str) else None
        annotation = info.annotation if info else None
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            current = annotation
    return current


def _problems(
    exc: ValidationError, file: Path, lines: dict, model: type[BaseModel]
) -> list[tuple[Path, int, str]]:
    problems = []
    for error in exc.errors():
        loc = tuple(error["loc"])
        where = ".".join(str(part) for part in loc) or "(top level)"
        if error["type"] == "extra_forbidden":
            key = loc[-1]
            message = f"unknown key '{key}' in {'.'.join(map(str, loc[:-1])) or 'the top level'}"
            message += _nearest(key, _model_at(model, loc))
        elif error["type"] == "missing":
            message = f"missing required key '{where}'"
        else:
            message = f"{where}: {error['msg']} (got {error.get('input')!r})"
        problems.append((file, line_of(lines, loc), message))
    return problems


def _parse(file: Path, model: type[BaseModel]) -> BaseModel:
    try:
        data, lines = load_with_lines(file)
    except YamlSyntaxError as exc:
        raise DefinitionError([(exc.file, exc.line, exc.message)]) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise DefinitionError([(file, 1, "expected a mapping of keys at the top level")])
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise DefinitionError(_problems(exc, file, lines, model)) from None


def load_definitions(definitions_dir: Path) -> Definitions:
    """Read every `*.yml` / `*.yaml` under `definitions_dir`; all problems at once."""
    settings_file = definitions_dir / SETTINGS_FILE
    if not settings_file.is_file():
        raise DefinitionError(
            [(settings_file, 0, "missing: it names the project and environment (see README)")]
        )
    problems: list[tuple[Path, int, str]] = []
    settings: Settings | None = None
    files: dict[Path, DefinitionsFile] = {}
    paths = sorted([*definitions_dir.rglob("*.yml"), *definitions_dir.rglob("*.yaml")])
    for path in paths:
        try:
            if path == settings_file:
                settings = _parse(path, Settings)  # type: ignore[assignment]
            else:
                files[path] = _parse(path, DefinitionsFile)  # type: ignore[assignment]
        except DefinitionError as exc:
            problems.extend(exc.problems)
    if problems:
        raise DefinitionError(problems)
    assert settings is not None
    return Definitions(settings=settings, settings_file=settings_file, files=files)
