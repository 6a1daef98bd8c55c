"""Same activity, same tables: `heapgen sample` synced through heap_raw and `heapgen sample
--source posthog` (the same seed) synced through the PostHog source give equal Heap Connect
tables, column by column, for every field PostHog carries. Ids are compared through the
sample's mapping (an event's uuid, a user's distinct id, a session's uuid, each through
heapgen.ids.string_id). What PostHog cannot carry is left out of the comparison, each with its
reason (EXCLUDED_COLUMNS, EXCLUDED_TABLES, the migrations of identities)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import (
    assert_same_tables,
    comparable_tables,
    copy_project,
    output_tables,
    sample_id_maps,
)
from heapgen import posthog
from heapgen.ids import string_id
from heapgen.load import load_directory
from heapgen.posthog_sample import distinct_id, event_uuid, session_uuid, write_posthog_sample
from heapgen.sample import write_sample
from heapgen.sync import sync

OUT = "main_production"
USERS, DAYS, SEED = 40, 6, 11

# PostHog has no session-start event: a session starts at its first event, so the session's
# event_id and time, every row's seconds since it started, and a user's first-seen time
# (the session event came first) differ by the second or so the session event came earlier;
# so does last_modified of a user who never changed (it is then the first-seen time).
EXCLUDED_COLUMNS: dict[str, set[str]] = {
    "sessions": {"event_id", "time"},
    "users": {"joindate", "last_modified"},
    "*": {
        "session_time",
        # no search keyword in PostHog's events
        "search_keyword",
        # posthog-js sends a page's title with its page views only
        "title",
        # PostHog's mobile SDKs send no accessibility ids or labels of a screen
        "screen_a11y_id",
        "screen_a11y_label",
    },
}
# Tables of labels that match events PostHog's SDKs do not send: Heap's mobile autocapture
# (touch, edit field, gestures), and a combo of one.
EXCLUDED_TABLES = {
    "sign_up_mobile_tap",
    "edit_checkout_email",
    "swipe_gallery",
    "sign_up_click_link_any",
}
ID_COLUMNS = ("event_id", "user_id", "session_id", "from_user_id", "to_user_id")


def test_same_activity_same_tables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    raw, exported = tmp_path / "raw", tmp_path / "posthog"
    write_sample(raw, USERS, DAYS, SEED)
    write_posthog_sample(exported, USERS, DAYS, SEED)

    heap_project = copy_project(tmp_path / "heap_project")
    heap_db = tmp_path / "heap.duckdb"
    load_directory(heap_db, raw)
    monkeypatch.setenv("HEAP_CONNECT_DB", str(heap_db))
    sync(heap_project, heap_project / "definitions")

    posthog_project = copy_project(tmp_path / "posthog_project")
    settings = posthog_project / "definitions" / "heap_connect.yml"
    settings.write_text(settings.read_text() + "\nsource: {kind: posthog}\n")
    posthog_db = (
        tmp_path / "export.duckdb"
    )  # not posthog.duckdb: DuckDB would read "posthog" as the file's catalog
    load_directory(posthog_db, exported, tables={"events": posthog.events_table()})
    monkeypatch.setenv("HEAP_CONNECT_DB", str(posthog_db))
    sync(posthog_project, posthog_project / "definitions")

    heap_tables = output_tables(heap_db, OUT)
    posthog_tables = output_tables(posthog_db, OUT)
    # PostHog identifies the identified id with its identity too (docs/sources/posthog.md):
    # one more migration per identity, from that id, which heap_raw's sample has no user for
    identities = {
        string_id(json.loads(line)["identity"])
        for line in (raw / "identifies.jsonl").read_text().splitlines()
    }
    columns, rows = posthog_tables["user_migrations"]
    posthog_tables["user_migrations"] = (columns, [r for r in rows if r[0] not in identities])
    assert len(rows) > len(posthog_tables["user_migrations"][1])  # the sample identifies

    expected = comparable_tables(
        heap_tables,
        EXCLUDED_COLUMNS,
        EXCLUDED_TABLES,
        sample_id_maps(raw, event_uuid, distinct_id, session_uuid),
    )
    got = comparable_tables(posthog_tables, EXCLUDED_COLUMNS, EXCLUDED_TABLES, None)
    assert_same_tables(
        got,
        expected,
        compared=("pageviews", "add_to_cart_click", "server_payment", "users", "sessions"),
    )
