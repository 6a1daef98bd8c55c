"""The warehouse schema Segment and RudderStack write (docs/sources/segment.md): the columns of
their tables that heap_connect reads, as `heapgen load --source segment|rudderstack` writes
them and a sync checks exist.

Both write one table per call type (`tracks`, `pages`, `screens`, `identifies`, `aliases`,
and `users`, the latest traits per user id, which heap_connect does not read: `identifies`
has every trait with its time), and one table per custom event named after it in snake_case,
whose extra columns are that event's properties. `context.*` fields are flattened into
`context_<path>` columns (`context.page.url` -> `context_page_url`). Properties and traits are
columns whose type the first value decided: the loader keeps them as JSON values, so that
numbers, booleans and strings stay what they are.
"""

from __future__ import annotations

from heapgen.raw_contract import Column, Table

# The `context_*` columns the mapping reads (docs/sources/segment.md: the mapping).
CONTEXT_COLUMNS: tuple[str, ...] = (
    "context_library_name",
    "context_ip",
    "context_page_url",
    "context_page_path",
    "context_page_search",
    "context_page_referrer",
    "context_page_title",
    "context_campaign_source",
    "context_campaign_name",
    "context_campaign_medium",
    "context_campaign_term",
    "context_campaign_content",
    "context_os_name",
    "context_os_version",
    "context_device_model",
    "context_device_id",
    "context_network_carrier",
    "context_app_name",
    "context_app_version",
    "context_location_country",
    "context_location_region",
    "context_location_city",
)
# Segment's own tables (a per-event table cannot have these names).
TABLES: tuple[str, ...] = ("tracks", "pages", "screens", "identifies", "aliases", "users")


def _id_columns(arrival: str) -> tuple[Column, ...]:
    """The columns every call's row has: its id, the user's ids, its time, its arrival."""
    return (
        Column("id", "VARCHAR", required=True),
        Column("anonymous_id", "VARCHAR"),
        Column("user_id", "VARCHAR"),
        Column("timestamp", "TIMESTAMP", required=True),
        Column("received_at", "TIMESTAMP"),
        *((Column(arrival, "TIMESTAMP"),) if arrival not in ("timestamp", "received_at") else ()),
    )


def _values(names: list[str]) -> tuple[Column, ...]:
    return tuple(Column(name, "JSON", any_json=True) for name in names)


def warehouse_tables(
    schema: str,
    events: dict[str, list[str]],
    traits: list[str],
    arrival: str,
    session: str | None,
) -> dict[str, Table]:
    """The tables of the schema heap_connect reads: the call tables and the listed per-event
    tables (`events`: table -> its property columns), with `traits` on `identifies`."""
    ids = _id_columns(arrival)
    call = (
        *ids,
        *((Column(session, "BIGINT"),) if session else ()),
        *(Column(name, "VARCHAR") for name in CONTEXT_COLUMNS),
    )
    track = (*call, Column("event", "VARCHAR"), Column("event_text", "VARCHAR", required=True))

    def table(name: str, columns: tuple[Column, ...]) -> Table:
        return Table(name, columns, schema=schema, arrival=arrival, open_columns=True)

    tables = [
        # per-event tables first: a file is the first table whose name starts it, and a
        # per-event table may be named like `pages_viewed`
        *(table(name, (*track, *_values(columns))) for name, columns in events.items()),
        table("tracks", track),
        table("pages", call),
        table("screens", (*call, Column("name", "VARCHAR"))),
        table("identifies", (*call, *_values(traits))),
        table("aliases", (*ids, Column("previous_id", "VARCHAR", required=True))),
    ]
    return {t.name: t for t in tables}
