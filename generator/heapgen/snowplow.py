"""Snowplow's enriched `atomic.events` as heap_connect's source (docs/sources/snowplow.md):
the columns the Snowplow staging models read, the table `heapgen load --source snowplow`
writes, and the one-element hierarchy of a link click's or form's element (the Python
statement of macros/sources/snowplow/snowplow_hierarchy.sql; the tests compare both).

Snowplow keeps a self-describing event's data in a column or table of its own, named after
its schema, and each loader names it differently (docs/sources/snowplow.md, "Layouts").
`heapgen load` writes the enriched event's own form: one `unstruct_event` column holding the
self-describing JSON (`{"schema": "iglu:...unstruct_event/...", "data": {"schema":
"iglu:<vendor>/<name>/jsonschema/<version>", "data": {...}}}`). A CSV file with
`unstruct_event_<vendor>_<name>_<version>` columns instead (a warehouse loader's form, as in
Snowplow's own test fixtures) is folded into that column as it is loaded.
"""

from __future__ import annotations

from heapgen.posthog import NAME_STOPS
from heapgen.raw_contract import Column, Table

# Snowplow's own events (schemas of com.snowplowanalytics.snowplow) that are Heap events:
# the element a link click or form event names becomes a one-element hierarchy.
LINK_CLICK, SUBMIT_FORM, CHANGE_FORM = "link_click", "submit_form", "change_form"
# Event types (atomic.events.event) that are not events in Heap.
DROPPED_EVENTS = ("page_ping",)
# The column prefix of a self-describing event in the wide-row loaders' layouts.
UNSTRUCT_PREFIX = "unstruct_event_"
UNSTRUCT_SCHEMA = "iglu:com.snowplowanalytics.snowplow/unstruct_event/jsonschema/1-0-0"

# Heap's browser, platform and device type from the raw user agent, for events whose
# enrichments (br_family, os_family, dvce_type) are empty: the first rule whose LIKE pattern
# matches (order matters: Edge's agent names Chrome, Chrome's Safari, iOS's Mac OS X,
# Android's Linux). macros/sources/snowplow/snowplow_useragent_field.sql applies them.
USERAGENT_RULES: dict[str, list[tuple[str, list[str]]]] = {
    "browser": [
        ("Edge", ["%Edg/%", "%Edge/%"]),
        ("Firefox", ["%Firefox/%", "%FxiOS/%"]),
        ("Chrome", ["%Chrome/%", "%CriOS/%"]),
        ("Safari", ["%Safari/%"]),
    ],
    "platform": [
        ("iOS", ["%iPhone%", "%iPad%"]),
        ("Android", ["%Android%"]),
        ("Mac OS X", ["%Mac OS X%"]),
        ("Windows", ["%Windows%"]),
        ("Linux", ["%Linux%"]),
    ],
    "device_type": [
        ("Tablet", ["%iPad%", "%Tablet%"]),
        ("Mobile", ["%Mobi%", "%iPhone%", "%Android%"]),
        ("Desktop", ["%"]),
    ],
}

# atomic.events' columns the staging models read (Snowplow's canonical event model:
# https://docs.snowplow.io/docs/fundamentals/canonical-event/), with the loader's types.
_TEXT_COLUMNS = (
    "app_id", "platform", "event", "user_id", "domain_userid", "domain_sessionid",
    "page_url", "page_title", "page_referrer", "page_urlhost", "page_urlpath",
    "page_urlquery", "page_urlfragment", "refr_urlhost", "refr_urlpath", "refr_term",
    "mkt_medium", "mkt_source", "mkt_term", "mkt_content", "mkt_campaign",
    "se_category", "se_action", "se_label", "se_property", "se_value",
    "useragent", "br_family", "os_family", "dvce_type", "dvce_ismobile",
    "geo_country", "geo_region_name", "geo_city",
    "event_vendor", "event_name", "event_format", "event_version",
)  # fmt: skip


def events_table(schema: str = "atomic", table: str = "events") -> Table:
    """`atomic.events` as `heapgen load --source snowplow` writes it (the enriched form:
    self-describing events in `unstruct_event`). Columns Snowplow has and heap_connect does
    not read are ignored."""
    return Table(
        table,
        (
            Column("event_id", "VARCHAR", required=True),
            *(Column(name, "VARCHAR") for name in _TEXT_COLUMNS),
            Column("collector_tstamp", "TIMESTAMP", required=True),
            Column("derived_tstamp", "TIMESTAMP"),
            Column("load_tstamp", "TIMESTAMP"),
            Column("unstruct_event", "JSON"),
        ),
        schema=schema,
        arrival="collector_tstamp",
        open_columns=True,
        derived_columns=unstruct_event_from_columns,
    )


def unstruct_event_from_columns(header: list[str]) -> dict[str, str]:
    """DuckDB SQL folding a file's `unstruct_event_<vendor>_<name>_<version>` columns (each
    the event's data, or a one-element array of it, as JSON text) into `unstruct_event`, the
    self-describing JSON of the event named by event_vendor, event_name and event_version.
    Nothing when the file has `unstruct_event` itself or no such column."""
    columns = [name for name in header if name.startswith(UNSTRUCT_PREFIX)]
    if "unstruct_event" in header or not columns:
        return {}
    data = ", ".join(
        f"CASE WHEN json_valid({quoted}) THEN CASE WHEN json_type({quoted}) = 'ARRAY' "
        f"THEN json_extract({quoted}, '$[0]') ELSE {quoted}::JSON END END"
        for quoted in ('"' + name.replace('"', '""') + '"' for name in columns)
    )
    return {
        "unstruct_event": f"CASE WHEN coalesce({data}) IS NOT NULL THEN json_object("
        f"'schema', '{UNSTRUCT_SCHEMA}', 'data', json_object('schema', 'iglu:' || event_vendor"
        f" || '/' || event_name || '/' || coalesce(event_format, 'jsonschema') || '/' || "
        f"event_version, 'data', coalesce({data})))::VARCHAR END"
    }


def element_hierarchy(tag: str, element_id: str | None, classes: list[str] | None) -> str:
    """A link click's or form element's one-element hierarchy, `tag#id.class1.class2` (the
    project's hierarchy form, heapgen.selectors): an id or class that holds a space, `#`,
    `.` or `[` is left out, as no selector could match it."""

    def usable(name: str | None) -> bool:
        return bool(name) and not any(char in NAME_STOPS for char in name or "")

    text = tag.lower()
    if usable(element_id):
        text += f"#{element_id}"
    return text + "".join(f".{name}" for name in classes or [] if usable(name))
