"""The raw capture contract (`heap_raw`): tables, columns and their types.

This is the single Python statement of DESIGN.md's "Raw capture contract"; the
sample writer, the loader and the tests read it, and a test checks that the dbt
source in `models/heap_generated/_heap_raw__sources.yml` documents the same columns.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

RAW_SCHEMA = "heap_raw"
# The kinds of source a project can name in definitions/heap_connect.yml (`source:`): heap_raw
# itself, or a tracker's tables that staging maps onto this contract (models/staging/<kind>/).
SOURCE_KINDS: tuple[str, ...] = ("heap_raw", "posthog", "segment", "rudderstack", "snowplow")

SESSION_FIELDS: tuple[str, ...] = (
    "platform",
    "device_type",
    "country",
    "region",
    "city",
    "ip",
    "browser",
    "referrer",
    "landing_page",
    "landing_page_query",
    "landing_page_hash",
    "search_keyword",
    "utm_source",
    "utm_campaign",
    "utm_medium",
    "utm_term",
    "utm_content",
    "device",
    "carrier",
    "app_name",
    "app_version",
    "heap_device_id",
    "heap_app_name",
    "heap_app_version",
    "heap_device",
)

EVENT_FIELDS: tuple[str, ...] = (
    "domain",
    "path",
    "query",
    "hash",
    "title",
    "href",
    "target_text",
    "hierarchy",
    "heap_previous_page",
    "view_controller",
    "action_method",
    "target_view_class",
    "target_view_name",
    "target_a11y_id",
    "target_a11y_label",
    "screen_a11y_id",
    "screen_a11y_label",
)

LIBRARIES: tuple[str, ...] = ("web", "iOS", "android", "server")


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # DuckDB type name used by the loader
    required: bool = False  # a row without it is rejected
    # a JSON column holding any JSON value (a tracker's property column, whose type its
    # first value decided), not only an object
    any_json: bool = False


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    schema: str = RAW_SCHEMA
    arrival: str = "loaded_at"  # the loader fills it with the load's start when a row has none
    # True for a tracker's export that may gain columns (PostHog's): the loader ignores keys
    # and columns it does not know instead of rejecting the file
    open_columns: bool = False
    # SQL (DuckDB, over the file's columns) for columns a CSV or Parquet file does not have,
    # from its header (Snowplow's unstruct_event_* columns folded into unstruct_event)
    derived_columns: Callable[[list[str]], dict[str, str]] | None = None

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def required(self) -> list[str]:
        return [c.name for c in self.columns if c.required]


EVENTS = Table(
    "events",
    (
        Column("event_id", "BIGINT", required=True),
        Column("user_id", "BIGINT", required=True),
        Column("session_id", "BIGINT"),
        Column("time", "TIMESTAMP", required=True),
        Column("loaded_at", "TIMESTAMP"),
        Column("library", "VARCHAR", required=True),
        Column("type", "VARCHAR", required=True),
        Column("is_custom", "BOOLEAN"),
        *(Column(name, "VARCHAR") for name in SESSION_FIELDS),
        *(Column(name, "VARCHAR") for name in EVENT_FIELDS),
        Column("properties", "JSON"),
    ),
)

IDENTIFIES = Table(
    "identifies",
    (
        Column("user_id", "BIGINT", required=True),
        Column("identity", "VARCHAR", required=True),
        Column("time", "TIMESTAMP", required=True),
        Column("loaded_at", "TIMESTAMP"),
    ),
)

USER_PROPERTIES = Table(
    "user_properties",
    (
        Column("user_id", "BIGINT", required=True),
        Column("time", "TIMESTAMP", required=True),
        Column("properties", "JSON", required=True),
        Column("loaded_at", "TIMESTAMP"),
    ),
)

TABLES: dict[str, Table] = {t.name: t for t in (EVENTS, IDENTIFIES, USER_PROPERTIES)}

# Columns of the staging interface (stg_<table>) that the raw contract does not have: what
# another source can say and heap_raw cannot, each placed before the table's `loaded_at`;
# heap_raw's staging fills them with a constant (decision 0026). PostHog's `$set_once` sets a
# property only while nothing has.
INTERFACE_EXTRAS: dict[str, tuple[Column, ...]] = {
    "user_properties": (Column("set_once", "BOOLEAN"),),
}


def interface_column_names(table: str) -> list[str]:
    """The columns of the staging model stg_<table>, in order: the raw contract's, with the
    interface's extras before loaded_at."""
    names = TABLES[table].column_names
    at = names.index("loaded_at")
    return names[:at] + [c.name for c in INTERFACE_EXTRAS.get(table, ())] + names[at:]
