"""Same activity, same tables: `heapgen sample` synced through heap_raw and `heapgen sample
--source snowplow` (the same seed) synced through the Snowplow source give equal Heap Connect
tables, column by column, for every field Snowplow carries. Ids are compared through the
sample's mapping (an event's UUID, a user's domain_userid, a session's domain_sessionid, each
through heapgen.ids.string_id). What Snowplow cannot carry is left out of the comparison, each
with its reason (EXCLUDED_COLUMNS, EXCLUDED_TABLES); Heap's mobile events are left out of both
sides (the adapter reads Snowplow's web and server events)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import copy_project, output_tables
from heapgen import snowplow
from heapgen.load import load_directory
from heapgen.sample import write_sample
from heapgen.snowplow_sample import (
    MOBILE,
    domain_userid,
    event_uuid,
    session_uuid,
    write_snowplow_sample,
)
from heapgen.sync import sync
from same_activity import assert_same_tables, comparable, sample_id_maps

OUT = "main_production"
USERS, DAYS, SEED = 40, 6, 11

EXCLUDED_COLUMNS: dict[str, set[str]] = {
    # Snowplow has no session-start event: a session starts at its first event, so the
    # session's event_id and time, every row's seconds since it started, and a user's
    # first-seen time differ by the second or so the session event came earlier; so does
    # last_modified
    "sessions": {"event_id", "time"},
    # Snowplow's events set no user properties: the users' property columns (and the
    # example project's defined property over them)
    "users": {"joindate", "last_modified", "handle", "email", "customer_tier"},
    "*": {
        "session_time",
        # IPs are never carried
        "ip",
        # Snowplow names only the target element of a link click or form event: a
        # one-element hierarchy
        "hierarchy",
    },
}
# Labels whose selectors name the target's ancestors (one-element hierarchies cannot match
# them), a combo of one, and segments over user properties
EXCLUDED_TABLES = {
    "sign_up_click_link_any",
    "add_to_cart_click",
    "add_to_cart_any",
    "search_type_query",
}


def _without_mobile(raw: Path) -> None:
    """heap_raw's sample without Heap's mobile events, as the Snowplow sample has them."""
    path = raw / "events.jsonl"
    lines = [line for line in path.read_text().splitlines() if line.strip()]
    kept = [line for line in lines if json.loads(line)["library"] not in MOBILE]
    assert len(kept) < len(lines)
    path.write_text("".join(line + "\n" for line in kept))
    (raw / "user_properties.jsonl").write_text("")  # no Snowplow counterpart


def test_same_activity_same_tables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    raw, enriched = tmp_path / "raw", tmp_path / "snowplow"
    write_sample(raw, USERS, DAYS, SEED)
    _without_mobile(raw)
    write_snowplow_sample(enriched, USERS, DAYS, SEED)

    heap_project = copy_project(tmp_path / "heap_project")
    heap_db = tmp_path / "heap.duckdb"
    load_directory(heap_db, raw)
    monkeypatch.setenv("HEAP_CONNECT_DB", str(heap_db))
    sync(heap_project, heap_project / "definitions")

    snowplow_project = copy_project(tmp_path / "snowplow_project")
    settings = snowplow_project / "definitions" / "heap_connect.yml"
    settings.write_text(settings.read_text() + "\nsource: {kind: snowplow}\n")
    snowplow_db = tmp_path / "events.duckdb"
    load_directory(snowplow_db, enriched, tables={"events": snowplow.events_table()})
    monkeypatch.setenv("HEAP_CONNECT_DB", str(snowplow_db))
    sync(snowplow_project, snowplow_project / "definitions")

    expected = comparable(
        output_tables(heap_db, OUT),
        sample_id_maps(raw, event_uuid, domain_userid, session_uuid),
        EXCLUDED_COLUMNS,
        EXCLUDED_TABLES,
    )
    got = comparable(output_tables(snowplow_db, OUT), None, EXCLUDED_COLUMNS, EXCLUDED_TABLES)
    assert_same_tables(
        got,
        expected,
        nonempty=("pageviews", "checkout_submit_form", "server_payment", "users", "sessions"),
    )
