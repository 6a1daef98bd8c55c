"""Same activity, same tables: `heapgen sample` synced through heap_raw and `heapgen sample
--source segment|rudderstack` (the same seed) synced through that source give equal Heap
Connect tables, column by column, for every field those trackers carry. Ids are compared
through the sample's mapping (a call's id, an anonymous id, RudderStack's session id, each
through heapgen.ids.string_id). What they cannot carry is left out of the comparison, each with
its reason (EXCLUDED_COLUMNS, EXCLUDED_TABLES, the migrations of identities)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import copy_project, output_tables
from heapgen.definitions import load_settings
from heapgen.ids import string_id
from heapgen.load import load_directory
from heapgen.segment_sample import anonymous_id, call_id, session_key, write_segment_sample
from heapgen.sync import sync
from same_activity import (
    NO_SESSION_EVENTS,
    OUT,
    SAMPLE,
    assert_same_tables,
    comparable,
    without_identity_migrations,
)

# besides NO_SESSION_EVENTS (no session-start event):
EXCLUDED_COLUMNS: dict[str, set[str]] = {
    **NO_SESSION_EVENTS,
    "*": NO_SESSION_EVENTS["*"]
    | {
        # no search keyword; no device type or browser, and no OS on the web: the SDKs send
        # the user agent, which heap_connect does not parse
        "search_keyword",
        "device_type",
        "browser",
        "platform",
        # the mobile SDKs send the current screen's name with screen calls only; the defined
        # property Site Area is "App Screen" by it
        "view_controller",
        "site_area",
        # no previous page in the SDKs' context
        "heap_previous_page",
        # no accessibility ids or labels of a screen
        "screen_a11y_id",
        "screen_a11y_label",
    },
}
# Segment has no sessions: its client calls get sessions of 30 minutes' inactivity (decision
# 0027), not the sample's, so sessions are not compared there.
SESSIONLESS_COLUMNS = {"session_id", "previous_session_id"}
SESSIONLESS_TABLES = {"sessions"}
# Tables of labels that match Heap's autocapture (web clicks, submits, changes; mobile touches,
# field edits, gestures), which Segment's and RudderStack's SDKs do not send, or a combo or
# page label taking such events; and labels naming a property by a name that is not snake_case
# (`Payment Method`, `Shipping Method`): the trackers name property columns in snake_case.
EXCLUDED_TABLES = {
    "add_to_cart_click",
    "add_to_cart_any",
    "any_event_on_checkout",
    "checkout_submit_form",
    "edit_checkout_email",
    "search_type_query",
    "sign_up_click_link_any",
    "sign_up_mobile_tap",
    "swipe_gallery",
    "big_order",
    "order_without_coupon",
}


def _id_maps(raw: Path, kind: str) -> dict[str, dict[int, int]]:
    """heap_raw id -> the number the source gives the same thing."""
    events: dict[int, int] = {}
    users: dict[int, int] = {}
    sessions: dict[int, int] = {}
    for name in ("events", "identifies", "user_properties"):
        for line in (raw / f"{name}.jsonl").read_text().splitlines():
            row = json.loads(line)
            users[row["user_id"]] = string_id(anonymous_id(row["user_id"]))
            if name == "events":
                events[row["event_id"]] = string_id(call_id(row["event_id"]))
                if row["type"] == "session" and not row.get("is_custom"):
                    key = session_key(row["user_id"], row["time"])
                    sessions[row["session_id"]] = string_id(key)
    maps = {"event_id": events, "user_id": users, "from_user_id": users, "to_user_id": users}
    return maps if kind == "segment" else {**maps, "session_id": sessions}


def _synced(tmp_path: Path, kind: str, monkeypatch: pytest.MonkeyPatch) -> dict:
    exported = tmp_path / kind
    write_segment_sample(exported, *SAMPLE, kind=kind)
    project = copy_project(tmp_path / "project")
    settings = project / "definitions" / "heap_connect.yml"
    settings.write_text(settings.read_text() + "\n" + (exported / "source.yml").read_text())
    db = tmp_path / "tables.duckdb"
    load_directory(db, exported, tables=load_settings(project / "definitions").source.tables())
    monkeypatch.setenv("HEAP_CONNECT_DB", str(db))
    sync(project, project / "definitions")
    return output_tables(db, OUT)


@pytest.mark.parametrize("kind", ["segment", "rudderstack"])
def test_same_activity_same_tables(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, heap_sample_run: tuple[Path, dict], kind: str
) -> None:
    raw, heap_tables = heap_sample_run
    got_tables = without_identity_migrations(_synced(tmp_path, kind, monkeypatch), raw)
    columns, tables = EXCLUDED_COLUMNS, EXCLUDED_TABLES
    if kind == "segment":
        columns = {**columns, "*": columns["*"] | SESSIONLESS_COLUMNS}
        tables = tables | SESSIONLESS_TABLES
    expected = comparable(heap_tables, _id_maps(raw, kind), columns, tables)
    got = comparable(got_tables, None, columns, tables)
    # page views, screen views, custom and server events
    nonempty = ("pageviews", "view_product_screen", "add_to_cart", "server_payment", "users")
    assert_same_tables(got, expected, nonempty)
