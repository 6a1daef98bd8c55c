"""Same activity, same tables: `heapgen sample` synced through heap_raw and `heapgen sample
--source posthog` (the same seed) synced through the PostHog source give equal Heap Connect
tables, column by column, for every field PostHog carries. Ids are compared through the
sample's mapping (an event's uuid, a user's distinct id, a session's uuid, each through
heapgen.ids.string_id). What PostHog cannot carry is left out of the comparison, each with its
reason (EXCLUDED_COLUMNS, EXCLUDED_TABLES, the migrations of identities)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import copy_project, output_tables
from heapgen import posthog
from heapgen.load import load_directory
from heapgen.posthog_sample import distinct_id, event_uuid, session_uuid, write_posthog_sample
from heapgen.sync import sync
from same_activity import (
    NO_SESSION_EVENTS,
    OUT,
    SAMPLE,
    assert_same_tables,
    comparable,
    sample_id_maps,
    without_identity_migrations,
)

# besides NO_SESSION_EVENTS (no session-start event):
EXCLUDED_COLUMNS: dict[str, set[str]] = {
    **NO_SESSION_EVENTS,
    "*": NO_SESSION_EVENTS["*"]
    | {
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


def test_same_activity_same_tables(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, heap_sample_run: tuple[Path, dict]
) -> None:
    raw, heap_tables = heap_sample_run
    exported = tmp_path / "posthog"
    write_posthog_sample(exported, *SAMPLE)

    posthog_project = copy_project(tmp_path / "posthog_project")
    settings = posthog_project / "definitions" / "heap_connect.yml"
    settings.write_text(settings.read_text() + "\nsource: {kind: posthog}\n")
    posthog_db = (
        tmp_path / "export.duckdb"
    )  # not posthog.duckdb: DuckDB would read "posthog" as the file's catalog
    load_directory(posthog_db, exported, tables={"events": posthog.events_table()})
    monkeypatch.setenv("HEAP_CONNECT_DB", str(posthog_db))
    sync(posthog_project, posthog_project / "definitions")

    posthog_tables = without_identity_migrations(output_tables(posthog_db, OUT), raw)
    expected = comparable(
        heap_tables,
        sample_id_maps(raw, event_uuid, distinct_id, session_uuid),
        EXCLUDED_COLUMNS,
        EXCLUDED_TABLES,
    )
    got = comparable(posthog_tables, None, EXCLUDED_COLUMNS, EXCLUDED_TABLES)
    # page views, clicks, custom and server events
    nonempty = ("pageviews", "add_to_cart_click", "server_payment", "users", "sessions")
    assert_same_tables(got, expected, nonempty)
