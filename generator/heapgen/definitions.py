"""Typed definitions read from `definitions/`: settings, labeled events, defined
properties and segments. Every error names the file, the line, the bad value and,
for an unknown key, the nearest valid one.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal, get_args

from pydantic import (
    AfterValidator,
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

from heapgen import posthog, raw_contract, snowplow
from heapgen import segment as segment_schema
from heapgen.naming import snake_case
from heapgen.raw_contract import SOURCE_KINDS
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


IDENTIFIER = r"[A-Za-z_][A-Za-z0-9_$]*"


class HeapRawSource(StrictModel):
    """The raw capture contract (`heap_raw.events`, `identifies`, `user_properties`): a
    tracker or `heapgen load` writes it; its schema is the var heap_connect__raw_schema."""

    kind: Literal["heap_raw"] = "heap_raw"

    def as_settings(self) -> dict[str, Any]:
        """What the generated settings macro says of the source."""
        return self.model_dump(by_alias=True)

    def tables(self) -> dict[str, raw_contract.Table]:
        """The tables a sync reads and `heapgen load` writes."""
        return dict(raw_contract.TABLES)

    def generated_files(self) -> dict[str, str]:
        """heap_raw's dbt source (templates/heap_raw_sources.yml.j2: the raw contract's tables
        and columns, described), generated like a tracker's so that a project declares its
        own source only: a bare `dbt source freshness` checks the tables the project reads."""
        from heapgen.render import render

        yml = render("heap_raw_sources.yml.j2")
        return {"models/heap_generated/_heap_raw__sources.yml": yml}


# PostHog's batch exports write the events model with other columns per destination
# (docs/sources/posthog.md; PostHog's posthog/batch_exports/sql/events_<destination>.sql):
# the column that holds the autocapture chain and how it is written there (text; a JSON string;
# a JSON string of that JSON string; a VARIANT string; none), and the column that says when the
# row landed. Any timestamp works as the arrival column: a sync reads every raw row whatever
# its value (the arrival ledger, decision 0017); an ingestion time only reads less.
POSTHOG_LAYOUTS: dict[str, dict[str, str | None]] = {
    "s3": {"chain": "elements_chain", "chain_encoding": "text", "arrival": "_inserted_at"},
    "bigquery": {"chain": "elements", "chain_encoding": "json", "arrival": "bq_ingested_timestamp"},
    "snowflake": {
        "chain": "elements",
        "chain_encoding": "variant",
        "arrival": "snowflake_ingested_timestamp",
    },
    "postgres": {"chain": "elements", "chain_encoding": "json_twice", "arrival": "timestamp"},
    "redshift": {"chain": None, "chain_encoding": None, "arrival": "timestamp"},
}


class TrackerSource(StrictModel):
    """A tracker's own tables in the warehouse: the database they are in, and the dbt source
    saying where they are (`templates/<STAGING_FOLDER>_sources.yml.j2`; STAGING_FOLDER: its
    staging models' folder, models/staging/<STAGING_FOLDER>/)."""

    STAGING_FOLDER: ClassVar[str]
    database: str | None = Field(None, description="default: the target's database")

    def generated_files(self) -> dict[str, str]:
        """The dbt source saying where the tracker's tables are."""
        from heapgen.render import render

        yml = render(
            f"{self.STAGING_FOLDER}_sources.yml.j2",
            source=self,
            layout=self.as_settings(),  # type: ignore[attr-defined]
            tables=self.tables(),  # type: ignore[attr-defined]
        )
        return {f"models/heap_generated/_{self.STAGING_FOLDER}__sources.yml": yml}

    @field_validator("database")
    @classmethod
    def _database_is_an_identifier(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(IDENTIFIER, value):
            raise ValueError(f"database {value!r} must be a plain identifier")
        return value


class PostHogSource(TrackerSource):
    """PostHog's batch-export events table (docs/sources/posthog.md)."""

    STAGING_FOLDER: ClassVar[str] = "posthog"
    kind: Literal["posthog"]
    schema_: str = Field("posthog", alias="schema", pattern=f"^{IDENTIFIER}$")
    table: str = Field("events", pattern=f"^{IDENTIFIER}$")
    layout: Literal[tuple(POSTHOG_LAYOUTS)] = "s3"  # type: ignore[valid-type]

    def as_settings(self) -> dict[str, Any]:
        """What the generated settings macro says of the source: its keys and its layout's
        columns."""
        return {
            **self.model_dump(by_alias=True),
            **POSTHOG_LAYOUTS[self.layout],
            "identity_events": list(posthog.IDENTITY_EVENTS),
            "field_properties": list(posthog.FIELD_PROPERTIES),
        }

    def tables(self) -> dict[str, raw_contract.Table]:
        """The tables a sync reads and `heapgen load` writes (the S3 export's columns)."""
        table = posthog.events_table(self.schema_, self.table)
        return {table.name: table}


# Segment and RudderStack write the same warehouse schema (docs/sources/segment.md); what differs
# per kind: the column with the SDK's session id (RudderStack's SDKs send `context.sessionId`, a
# number unique per anonymous id only; Segment has no sessions), the column that says when a
# row landed (the default of `arrival:`), and the `context_library_name` of the web SDKs
# (every other library is a mobile app by `context_os_name`, else server-side).
SEGMENT_KINDS: dict[str, dict[str, Any]] = {
    "segment": {
        "session": None,
        "arrival": "uuid_ts",
        "web_libraries": ["analytics.js", "analytics-next"],
    },
    "rudderstack": {
        "session": "context_session_id",
        "arrival": "uuid_ts",
        "web_libraries": ["RudderLabs JavaScript SDK"],
    },
}


def _identifiers(values: Any) -> Any:
    for value in values:
        if not re.fullmatch(IDENTIFIER, value):
            raise ValueError(f"{value!r} must be a plain identifier (a column or table name)")
    return values


Identifiers = Annotated[list[str], AfterValidator(_identifiers)]


class SegmentSource(TrackerSource):
    """The warehouse schema Segment writes (`tracks`, the per-event tables, `pages`, `screens`,
    `identifies`, `aliases`; docs/sources/segment.md). RudderStack writes the same schema:
    RudderStackSource."""

    STAGING_FOLDER: ClassVar[str] = "segment"  # models/staging/segment/, for both kinds
    kind: Literal["segment"]
    schema_: str = Field("segment", alias="schema", pattern=f"^{IDENTIFIER}$")
    # the per-event tables to read properties from, each with its property columns
    events: dict[str, Identifiers] = {}
    # the trait columns of `identifies`: user properties
    traits: Identifiers = []
    arrival: str | None = Field(None, pattern=f"^{IDENTIFIER}$", description="default: uuid_ts")

    def as_settings(self) -> dict[str, Any]:
        """What the generated settings macro says of the source: its keys and its kind's."""
        kind = SEGMENT_KINDS[self.kind]
        return {
            **self.model_dump(by_alias=True),
            **kind,
            "arrival": self.arrival or kind["arrival"],
            "context_columns": list(segment_schema.CONTEXT_COLUMNS),
        }

    def tables(self) -> dict[str, raw_contract.Table]:
        """The tables a sync reads and `heapgen load` writes (their columns heap_connect reads)."""
        settings = self.as_settings()
        return segment_schema.warehouse_tables(
            self.schema_, self.events, self.traits, settings["arrival"], settings["session"]
        )

    @field_validator("events")
    @classmethod
    def _event_tables(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        _identifiers(value)
        taken = set(segment_schema.TABLES)
        for table in value:
            if table in taken:
                raise ValueError(f"{table!r} is one of Segment's own tables, not a per-event table")
        return value


class RudderStackSource(SegmentSource):
    """RudderStack's warehouse schema: Segment's, with its SDKs' session ids."""

    kind: Literal["rudderstack"]  # type: ignore[assignment]
    schema_: str = Field("rudderstack", alias="schema", pattern=f"^{IDENTIFIER}$")


# Where each Snowplow loader keeps a self-describing event's data (docs/sources/snowplow.md,
# "Layouts"): `json`, the enriched event's `unstruct_event` column of self-describing JSON
# text (the enriched TSV, `heapgen load`); `columns`, one column per schema named
# `unstruct_event_<vendor>_<name>_<major>` (Snowflake: a VARIANT OBJECT) or
# `..._<major>_<minor>_<patch>` (BigQuery: a RECORD), found in the table's columns; None, in
# tables of their own (Redshift's and PostgreSQL's shredded tables), not read.
SNOWPLOW_LAYOUTS: dict[str, dict[str, str | None]] = {
    "enriched": {"unstruct": "json"},
    "snowflake": {"unstruct": "columns"},
    "bigquery": {"unstruct": "columns"},
    "redshift": {"unstruct": None},
    "postgres": {"unstruct": None},
}


class SnowplowSource(TrackerSource):
    """Snowplow's enriched events table, atomic.events (docs/sources/snowplow.md)."""

    STAGING_FOLDER: ClassVar[str] = "snowplow"
    kind: Literal["snowplow"]
    schema_: str = Field("atomic", alias="schema", pattern=f"^{IDENTIFIER}$")
    table: str = Field("events", pattern=f"^{IDENTIFIER}$")
    layout: Literal[tuple(SNOWPLOW_LAYOUTS)] = "enriched"  # type: ignore[valid-type]

    def as_settings(self) -> dict[str, Any]:
        """What the generated settings macro says of the source: its keys and its layout."""
        return {
            **self.model_dump(by_alias=True),
            **SNOWPLOW_LAYOUTS[self.layout],
            "dropped_events": list(snowplow.DROPPED_EVENTS),
            "unstruct_prefix": snowplow.UNSTRUCT_PREFIX,
            "useragent_rules": snowplow.USERAGENT_RULES,
        }

    def tables(self) -> dict[str, raw_contract.Table]:
        """The tables a sync reads and `heapgen load` writes (the enriched form)."""
        table = snowplow.events_table(self.schema_, self.table)
        return {table.name: table}


def _source_kind(value: Any) -> str:
    kind = value.get("kind") if isinstance(value, dict) else getattr(value, "kind", None)
    return f"source:{kind}"


def _source_mapping(value: Any) -> Any:
    """`source: heap_raw` is short for `source: {kind: heap_raw}`."""
    return {"kind": value} if isinstance(value, str) else value


Source = Annotated[
    Annotated[HeapRawSource, Tag("source:heap_raw")]
    | Annotated[PostHogSource, Tag("source:posthog")]
    | Annotated[SegmentSource, Tag("source:segment")]
    | Annotated[RudderStackSource, Tag("source:rudderstack")]
    | Annotated[SnowplowSource, Tag("source:snowplow")],
    Discriminator(_source_kind),
]
# One class per kind of raw_contract.SOURCE_KINDS (a test checks they agree)
SOURCE_CLASSES: dict[str, type[StrictModel]] = {
    "heap_raw": HeapRawSource,
    "posthog": PostHogSource,
    "segment": SegmentSource,
    "rudderstack": RudderStackSource,
    "snowplow": SnowplowSource,
}


def default_source(kind: str) -> Any:
    """The source of `kind` with every key at its default (`heapgen load --source`)."""
    return SOURCE_CLASSES[kind](kind=kind)


class DocsSettings(StrictModel):
    """What the generated dbt docs describe (decision 0041)."""

    event_table_columns: Literal["every", "one_per_library_set"] = Field(
        "every",
        description=(
            "every: each event table lists its built-in columns with their descriptions; "
            "one_per_library_set: only the first event table of each set of libraries does "
            "(the others share its columns). At 1,000 labels the lists add ~1.5 s of CPU to "
            "every dbt parse (decision 0041)"
        ),
    )


class Settings(StrictModel):
    """`definitions/heap_connect.yml`: where the output goes, which tracker's tables feed
    it, how often it syncs, and what the generated docs describe."""

    project: str = Field(min_length=1)
    environment: str = Field(min_length=1)
    source: Source = HeapRawSource()
    sync: SyncSettings = SyncSettings()
    docs: DocsSettings = DocsSettings()

    @field_validator("source", mode="before")
    @classmethod
    def _source_shorthand(cls, value: Any) -> Any:
        return _source_mapping(value)

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


def _check_operator_value(op: str, value: Any) -> None:
    """Raise ValueError when `value` does not fit operator `op`."""
    if op in ("is_set", "is_not_set"):
        if value is not None:
            raise ValueError(f"op {op} takes no value (got {value!r})")
    elif op in ("in", "not_in"):
        if not isinstance(value, list) or not value:
            raise ValueError(f"op {op} needs a non-empty list value (got {value!r})")
    elif op in ("gt", "gte", "lt", "lte"):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"op {op} compares numbers: value must be a number (got {value!r})")
    elif value is None or isinstance(value, list):
        raise ValueError(f"op {op} needs one value (got {value!r})")


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
        _check_operator_value(self.op, self.value)
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


# Heap Connect's limit on a defined property's value (the seed: "Keep Defined Property Values
# Below 256 Characters"): a longer literal is a definition error, a longer computed value
# fails the sync (heap_connect.defined_property_value).
MAX_DEFINED_VALUE = 256


def value_text(value: Any) -> str:
    """A literal definition value as the text a column holds: strings as written, numbers
    and booleans as their JSON text (`true`, `42`, `1.5`)."""
    return value if isinstance(value, str) else json.dumps(value)


class ComputedValue(StrictModel):
    """`{property: <name>}`: the value is the text of an event or session field or custom
    property (event scope), or of a user property (user scope), of the row itself."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)

    property: str = Field(min_length=1)


def _literal_fits(value: Any) -> Scalar:
    if not isinstance(value, str | int | float | bool):
        raise ValueError(
            f"a value is text, a number, a boolean or {{property: <name>}} (got {value!r})"
        )
    length = len(value_text(value))
    if length > MAX_DEFINED_VALUE:
        raise ValueError(
            f"a defined property value may have at most {MAX_DEFINED_VALUE} characters "
            f"(got {length} characters)"
        )
    return value


def _value_kind(value: Any) -> str:
    return "value:computed" if isinstance(value, dict) else "value:literal"


# A defined property's value: a literal (text, number, boolean) or a computed {property: ...}.
DefinedValue = Annotated[
    Annotated[Annotated[Any, AfterValidator(_literal_fits)], Tag("value:literal")]
    | Annotated[ComputedValue, Tag("value:computed")],
    Discriminator(_value_kind),
]


class PropertyCase(StrictModel):
    """One case of a defined property: its value when every `when` filter holds."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)

    value: DefinedValue
    when: list[Filter] = Field(min_length=1)


class DefinedProperty(StrictModel):
    """A defined property: a column whose value is the first case whose filters all hold,
    else `default` (null when there is none). Event scope: a column of every event table,
    pageviews and sessions; user scope: a column of users."""

    name: str = Field(min_length=1)
    scope: Literal["event", "user"]
    cases: list[PropertyCase] = []
    default: DefinedValue | None = None
    notes: str | None = None

    @model_validator(mode="after")
    def _has_a_value(self) -> DefinedProperty:
        if not self.cases and self.default is None:
            raise ValueError("a defined property needs `cases`, a `default`, or both")
        return self


class EventCount(StrictModel):
    """`did` / `did_not`: the user did labeled event `event` at least `at_least` times (in
    the `within_days` days up to the sync's time when set, else ever)."""

    event: str = Field(min_length=1)
    at_least: int = Field(1, ge=1)
    within_days: int | None = Field(None, ge=1)


class UserPropertyCondition(StrictModel):
    """`{user_property, op, value, case_insensitive}`: a test of a users column."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)

    user_property: str = Field(min_length=1)
    op: Literal[OPERATORS]  # type: ignore[valid-type]
    value: Scalar | list[Scalar] | None = None
    case_insensitive: bool = False

    @model_validator(mode="after")
    def _value_fits_operator(self) -> UserPropertyCondition:
        _check_operator_value(self.op, self.value)
        return self


class DidCondition(StrictModel):
    did: EventCount


class DidNotCondition(StrictModel):
    did_not: EventCount


class AllOfCondition(StrictModel):
    all_of: list[Condition] = Field(min_length=1)


class AnyOfCondition(StrictModel):
    any_of: list[Condition] = Field(min_length=1)


CONDITION_KEYS = ("all_of", "any_of", "user_property", "did", "did_not")


class _UnknownCondition(StrictModel):
    """What a condition with none (or more than one) of the condition keys is checked
    against: an unknown key gets the nearest valid one, anything else one clear message."""

    all_of: Any = None
    any_of: Any = None
    user_property: Any = None
    op: Any = None
    value: Any = None
    case_insensitive: Any = None
    did: Any = None
    did_not: Any = None

    @model_validator(mode="before")
    @classmethod
    def _a_mapping(cls, value: Any) -> Any:
        if not isinstance(value, dict):
            raise ValueError(
                "a condition is a mapping with one of "
                + ", ".join(CONDITION_KEYS)
                + f" (got {value!r})"
            )
        return value

    @model_validator(mode="after")
    def _one_kind(self) -> _UnknownCondition:
        given = [key for key in CONDITION_KEYS if getattr(self, key) is not None]
        raise ValueError(
            "a condition takes exactly one of " + ", ".join(CONDITION_KEYS) + f" (got {given})"
        )


def _condition_kind(value: Any) -> str:
    if not isinstance(value, dict):
        return "cond:unknown"
    kinds = [key for key in CONDITION_KEYS if key in value]
    if not kinds and "op" in value:
        kinds = ["user_property"]  # a misspelt user_property: report the key
    return f"cond:{kinds[0]}" if len(kinds) == 1 else "cond:unknown"


Condition = Annotated[
    Annotated[AllOfCondition, Tag("cond:all_of")]
    | Annotated[AnyOfCondition, Tag("cond:any_of")]
    | Annotated[UserPropertyCondition, Tag("cond:user_property")]
    | Annotated[DidCondition, Tag("cond:did")]
    | Annotated[DidNotCondition, Tag("cond:did_not")]
    | Annotated[_UnknownCondition, Tag("cond:unknown")],
    Discriminator(_condition_kind),
]
AllOfCondition.model_rebuild()
AnyOfCondition.model_rebuild()


class SegmentDefinition(StrictModel):
    """A segment: the users for whom `where` holds; one view per synced segment."""

    name: str = Field(min_length=1)
    view: str | None = None
    sync: bool = True
    notes: str | None = None
    where: Condition

    @field_validator("view")
    @classmethod
    def _view_is_an_identifier(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"[a-z_][a-z0-9_]*", value):
            raise ValueError(
                f"view {value!r} must be snake_case: lower-case letters, digits and _, "
                "not starting with a digit"
            )
        return value


class DefinitionsFile(StrictModel):
    """Any other YAML file under definitions/: lists of events, defined properties, segments."""

    events: list[EventDefinition] = []
    defined_properties: list[DefinedProperty] = []
    segments: list[SegmentDefinition] = []


# Discriminator tags pydantic puts into an error's location: left out of the location shown,
# and the model they stand for (for "did you mean"), or None for a non-model member.
_UNION_TAGS: dict[str, type[BaseModel] | None] = {
    "criterion": EventCriterion,
    "combo": LabeledCriterion,
    "value:literal": None,
    "value:computed": ComputedValue,
    "cond:all_of": AllOfCondition,
    "cond:any_of": AnyOfCondition,
    "cond:user_property": UserPropertyCondition,
    "cond:did": DidCondition,
    "cond:did_not": DidNotCondition,
    "cond:unknown": _UnknownCondition,
    "source:heap_raw": HeapRawSource,
    "source:posthog": PostHogSource,
    "source:segment": SegmentSource,
    "source:rudderstack": RudderStackSource,
    "source:snowplow": SnowplowSource,
}


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
class LocatedProperty(LocatedEvent):
    """A defined property and where it was written."""

    definition: DefinedProperty  # type: ignore[assignment]


@dataclass(frozen=True)
class LocatedSegment(LocatedEvent):
    """A segment and where it was written."""

    definition: SegmentDefinition  # type: ignore[assignment]


@dataclass(frozen=True)
class Definitions:
    settings: Settings
    settings_file: Path
    events: list[LocatedEvent] = field(default_factory=list)
    defined_properties: list[LocatedProperty] = field(default_factory=list)
    segments: list[LocatedSegment] = field(default_factory=list)


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
            current = _UNION_TAGS[part] or current
        elif isinstance(part, str) and part in current.model_fields:
            inner = _inner_models(current.model_fields[part].annotation)
            if len(inner) == 1:
                current = inner[0]
    return current


def _nearest(key: str, model: type[BaseModel]) -> str:
    keys = [info.alias or name for name, info in model.model_fields.items()]
    close = difflib.get_close_matches(str(key), keys, n=1, cutoff=0.0)
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
        elif error["type"] == "union_tag_invalid" and loc == ("source",):
            kind = error["ctx"]["tag"].removeprefix("source:")
            close = difflib.get_close_matches(kind, SOURCE_KINDS, n=1, cutoff=0.0)
            message = (
                f"source: missing key 'kind' ({' or '.join(SOURCE_KINDS)})"
                if kind == "None"
                else f"source: kind {kind!r} is not one of {', '.join(SOURCE_KINDS)}"
                f"; did you mean {close[0]!r}?"
            )
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


def _duplicate_names(
    events: list[LocatedEvent], kind: str = "event"
) -> list[tuple[Path, int, str]]:
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
                    f"{kind} {name!r} is defined twice "
                    f"(first at {first.file}:{first.line_of('name')})",
                )
            )
        else:
            seen[name] = event
    return problems


def load_settings(definitions_dir: Path) -> Settings:
    """Only `definitions/heap_connect.yml` (a sync's checks need no labeled event)."""
    settings_file = definitions_dir / SETTINGS_FILE
    if not settings_file.is_file():
        raise DefinitionError(
            [(settings_file, 0, "missing: it names the project and environment (see README)")]
        )
    settings, _ = _parse(settings_file, Settings)
    return settings  # type: ignore[return-value]


def _overlaid(located: list[Any], overlay: Path) -> list[Any]:
    """`located` with the definitions of other files that `overlay` defines again left out
    (the overlay's own stay, after the others)."""
    names = {item.definition.name for item in located if item.file == overlay}
    return [item for item in located if item.file == overlay or item.definition.name not in names]


def load_definitions(definitions_dir: Path, overlay: Path | None = None) -> Definitions:
    """Read every `*.yml` / `*.yaml` under `definitions_dir`; all problems at once.
    `overlay`: one more definitions file (e.g. one not saved under `definitions_dir` yet, or
    an edited copy), read last; what it defines replaces the definitions of the same name."""
    settings_file = definitions_dir / SETTINGS_FILE
    if not settings_file.is_file():
        raise DefinitionError(
            [(settings_file, 0, "missing: it names the project and environment (see README)")]
        )
    problems: list[tuple[Path, int, str]] = []
    settings: Settings | None = None
    events: list[LocatedEvent] = []
    properties: list[LocatedProperty] = []
    segments: list[LocatedSegment] = []
    paths = sorted([*definitions_dir.rglob("*.yml"), *definitions_dir.rglob("*.yaml")])
    if overlay is not None and overlay.resolve() == settings_file.resolve():
        overlay = None  # the settings file is read as the settings anyway
    if overlay is not None:
        paths = [p for p in paths if p.resolve() != overlay.resolve()] + [overlay]
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
        for index, prop in enumerate(parsed.defined_properties):  # type: ignore[attr-defined]
            located_path = ("defined_properties", index)
            properties.append(
                LocatedProperty(prop, path, line_of(lines, located_path), lines, located_path)
            )
        for index, segment in enumerate(parsed.segments):  # type: ignore[attr-defined]
            located_path = ("segments", index)
            segments.append(
                LocatedSegment(segment, path, line_of(lines, located_path), lines, located_path)
            )
    if overlay is not None:
        events, properties, segments = (
            _overlaid(events, overlay),
            _overlaid(properties, overlay),
            _overlaid(segments, overlay),
        )
    problems.extend(_duplicate_names(events))
    problems.extend(_duplicate_names(properties, "defined property"))
    problems.extend(_duplicate_names(segments, "segment"))
    if problems:
        raise DefinitionError(problems)
    assert settings is not None
    return Definitions(
        settings=settings,
        settings_file=settings_file,
        events=events,
        defined_properties=properties,
        segments=segments,
    )
