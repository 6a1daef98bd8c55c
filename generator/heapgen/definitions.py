"""Typed definitions read from `definitions/`: settings, labeled events, defined
properties and segments. Every error names the file, the line, the bad value and,
for an unknown key, the nearest valid one.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationError,
    create_model,
    field_validator,
    model_validator,
)

from heapgen import raw_contract
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


EVENT_KINDS = (
    "view page",
    "click",
    "submit",
    "change",
    "touch",
    "edit field",
    "view screen",
    "custom",
    "any",
)
OPERATORS = (
    "equals",
    "not_equals",
    "contains",
    "not_contains",
    "starts_with",
    "ends_with",
    "matches",
    "in",
    "not_in",
    "gt",
    "gte",
    "lt",
    "lte",
    "is_set",
    "is_not_set",
)
# Fields a criterion can filter on by name (shorthand or `where`); any other property name
# is a custom property inside `properties`.
FIELD_NAMES: tuple[str, ...] = (
    "library",
    "type",
    *raw_contract.SESSION_FIELDS,
    *raw_contract.EVENT_FIELDS,
)

Scalar = str | int | float | bool


class Filter(StrictModel):
    """One `where:` filter: `{property, op, value, case_insensitive}`. Names and values are
    kept exactly as written (no whitespace stripped): they are compared with the data."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)

    property: str = Field(min_length=1)
    op: Literal[OPERATORS]  # type: ignore[valid-type]
    value: Scalar | list[Scalar] | None = None
    case_insensitive: bool = False

    @model_validator(mode="after")
    def _value_fits_operator(self) -> Filter:
        op, value = self.op, self.value
        if op in ("is_set", "is_not_set"):
            if value is not None:
                raise ValueError(f"op {op} takes no value (got {value!r})")
        elif op in ("in", "not_in"):
            if not isinstance(value, list) or not value:
                raise ValueError(f"op {op} needs a non-empty list value (got {value!r})")
        elif op in ("gt", "gte", "lt", "lte"):
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ValueError(
                    f"op {op} compares numbers: value must be a number (got {value!r})"
                )
        elif value is None or isinstance(value, list):
            raise ValueError(f"op {op} needs one value (got {value!r})")
        return self


class _EventCriterionBase(StrictModel):
    """A base event (`event:`) plus field shorthands, a selector and `where` filters."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, coerce_numbers_to_str=True, str_strip_whitespace=False
    )

    event: Literal[EVENT_KINDS]  # type: ignore[valid-type]
    name: str | None = None
    selector: str | None = None
    where: list[Filter] = []

    @model_validator(mode="after")
    def _keys_fit_the_event(self) -> _EventCriterionBase:
        if self.name is not None and self.event != "custom":
            raise ValueError(
                "`name` filters custom events: use it with `event: custom` "
                f"(event is {self.event!r})"
            )
        if self.selector is not None and self.event not in ("click", "submit", "change", "any"):
            raise ValueError(
                "`selector` matches web elements: use it with click, submit, change or any "
                f"(event is {self.event!r})"
            )
        return self

    def shorthands(self) -> dict[str, str]:
        """The field shorthands set on this criterion, in field order."""
        return {
            name: getattr(self, name) for name in FIELD_NAMES if getattr(self, name) is not None
        }


# One optional `field: value` shorthand per event / session field (equals, or `*` wildcard).
EventCriterion = create_model(
    "EventCriterion",
    __base__=_EventCriterionBase,
    **{name: (str | None, None) for name in FIELD_NAMES},
)


class LabeledCriterion(StrictModel):
    """A combo: every event of another labeled event."""

    labeled: str = Field(min_length=1)


def _criterion_kind(value: Any) -> str:
    return "combo" if isinstance(value, dict) and "labeled" in value else "criterion"


Criterion = Annotated[
    Annotated[LabeledCriterion, Tag("combo")] | Annotated[EventCriterion, Tag("criterion")],
    Discriminator(_criterion_kind),
]


class EventDefinition(StrictModel):
    """One labeled event: a display name and an OR of criteria."""

    name: str = Field(min_length=1)
    table: str | None = None
    sync: bool = True
    archived: bool = False
    source: str | None = None
    notes: str | None = None
    last_updated_at: datetime | None = None
    last_updated_by: str | None = None
    verified_at: datetime | None = None
    verified_by: str | None = None
    match: list[Criterion] = Field(min_length=1)
    archived_properties: list[str] = []

    @field_validator("table")
    @classmethod
    def _table_is_an_identifier(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"[a-z_][a-z0-9_]*", value):
            raise ValueError(
                f"table {value!r} must be snake_case: lower-case letters, digits and _, "
                "not starting with a digit"
            )
        return value


class DefinitionsFile(StrictModel):
    """Any other YAML file under definitions/: lists of events, defined properties, segments.
    Defined properties and segments are typed by their own issue; until then only the list is."""

    events: list[EventDefinition] = []
    defined_properties: list[dict[str, Any]] = []
    segments: list[dict[str, Any]] = []


_UNION_TAGS: dict[str, type[BaseModel]] = {"criterion": EventCriterion, "combo": LabeledCriterion}


@dataclass(frozen=True)
class LocatedEvent:
    """An event definition and where it was written."""

    definition: EventDefinition
    file: Path
    line: int  # the line of its list item
    lines: dict[tuple[Any, ...], int] = field(repr=False, compare=False)  # path -> line
    path: tuple[Any, ...] = ()  # its path in the file, e.g. ("events", 3)

    def line_of(self, *sub_path: Any) -> int:
        return line_of(self.lines, (*self.path, *sub_path))


@dataclass(frozen=True)
class Definitions:
    settings: Settings
    settings_file: Path
    events: list[LocatedEvent] = field(default_factory=list)


def _inner_models(annotation: Any) -> list[type[BaseModel]]:
    """The pydantic models inside an annotation (list[X], X | None, Annotated[...])."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in get_args(annotation) for m in _inner_models(arg)]


def _model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel]:
    """The pydantic model that owns the last key of `loc`, for 'did you mean'."""
    current = model
    for part in loc[:-1]:
        if part in _UNION_TAGS:
            current = _UNION_TAGS[part]
        elif isinstance(part, str) and part in current.model_fields:
            inner = _inner_models(current.model_fields[part].annotation)
            if len(inner) == 1:
                current = inner[0]
    return current


def _nearest(key: str, model: type[BaseModel]) -> str:
    close = difflib.get_close_matches(str(key), list(model.model_fields), n=1, cutoff=0.0)
    return f"; did you mean '{close[0]}'?" if close else ""


def _readable(loc: tuple[Any, ...]) -> str:
    """('events', 0, 'match', 1, 'where') -> 'events[0].match[1].where'."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _problems(
    exc: ValidationError, file: Path, lines: dict, model: type[BaseModel]
) -> list[tuple[Path, int, str]]:
    errors = exc.errors()
    # a misspelt required key is one mistake: report the unknown key (with its suggestion),
    # not also the missing key it was meant to be
    misspelt = set()
    for error in errors:
        if error["type"] == "extra_forbidden":
            raw_loc = tuple(error["loc"])
            suggestion = _nearest(raw_loc[-1], _model_at(model, raw_loc))
            misspelt.add((*raw_loc[:-1], suggestion))
    problems = []
    for error in errors:
        raw_loc = tuple(error["loc"])
        loc = tuple(part for part in raw_loc if part not in _UNION_TAGS)
        where = _readable(loc) or "the top level"
        if error["type"] == "extra_forbidden":
            key = loc[-1]
            message = f"unknown key '{key}' in {_readable(loc[:-1]) or 'the top level'}"
            message += _nearest(key, _model_at(model, raw_loc))
        elif error["type"] == "missing":
            if (*raw_loc[:-1], f"; did you mean '{raw_loc[-1]}'?") in misspelt:
                continue
            message = f"missing required key '{where}'"
        elif error["type"] == "literal_error":
            allowed = error.get("ctx", {}).get("expected", "")
            close = difflib.get_close_matches(
                str(error.get("input")), re.findall(r"'([^']*)'", allowed), n=1, cutoff=0.0
            )
            hint = f"; did you mean '{close[0]}'?" if close else ""
            message = f"{where}: {error.get('input')!r} is not one of {allowed}{hint}"
        else:
            text = error["msg"].removeprefix("Value error, ")
            message = f"{where}: {text}"
            if "got " not in text:
                message += f" (got {error.get('input')!r})"
        problems.append((file, line_of(lines, loc), message))
    return problems


def _parse(file: Path, model: type[BaseModel]) -> tuple[BaseModel, dict]:
    try:
        data, lines = load_with_lines(file)
    except YamlSyntaxError as exc:
        raise DefinitionError([(exc.file, exc.line, exc.message)]) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise DefinitionError([(file, 1, "expected a mapping of keys at the top level")])
    try:
        return model.model_validate(data), lines
    except ValidationError as exc:
        raise DefinitionError(_problems(exc, file, lines, model)) from None


def _duplicate_names(events: list[LocatedEvent]) -> list[tuple[Path, int, str]]:
    seen: dict[str, LocatedEvent] = {}
    problems = []
    for event in events:
        name = event.definition.name
        if name in seen:
            first = seen[name]
            problems.append(
                (
                    event.file,
                    event.line_of("name"),
                    f"event {name!r} is defined twice "
                    f"(first at {first.file}:{first.line_of('name')})",
                )
            )
        else:
            seen[name] = event
    return problems


def load_definitions(definitions_dir: Path) -> Definitions:
    """Read every `*.yml` / `*.yaml` under `definitions_dir`; all problems at once."""
    settings_file = definitions_dir / SETTINGS_FILE
    if not settings_file.is_file():
        raise DefinitionError(
            [(settings_file, 0, "missing: it names the project and environment (see README)")]
        )
    problems: list[tuple[Path, int, str]] = []
    settings: Settings | None = None
    events: list[LocatedEvent] = []
    paths = sorted([*definitions_dir.rglob("*.yml"), *definitions_dir.rglob("*.yaml")])
    for path in paths:
        try:
            if path == settings_file:
                settings, _ = _parse(path, Settings)  # type: ignore[assignment]
                continue
            parsed, lines = _parse(path, DefinitionsFile)
        except DefinitionError as exc:
            problems.extend(exc.problems)
            continue
        for index, event in enumerate(parsed.events):  # type: ignore[attr-defined]
            located_path = ("events", index)
            events.append(
                LocatedEvent(event, path, line_of(lines, located_path), lines, located_path)
            )
    problems.extend(_duplicate_names(events))
    if problems:
        raise DefinitionError(problems)
    assert settings is not None
    return Definitions(settings=settings, settings_file=settings_file, events=events)
