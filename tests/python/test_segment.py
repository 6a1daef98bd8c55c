"""The Segment / RudderStack source (docs/sources/segment.md): its settings, `heapgen load
--source segment|rudderstack`, and a sync of their warehouse schema end to end: pages, screens,
tracks with the properties of their per-event tables, the identity calls, traits, RudderStack's
session ids (unique per anonymous id only), and columns the tracker has not created yet."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from conftest import assert_one_definition_error, query
from heapgen.definitions import SegmentSource
from heapgen.ids import string_id
from heapgen.load import LoadError, load_directory
from heapgen.sync import sync

OUT = "main_production"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "source: {kind: segment, trait: [a]}",
            "unknown key 'trait' in source; did you mean 'traits'?",
        ),
        (
            "source: {kind: rudderstack, events: {pages: [a]}}",
            "'pages' is one of Segment's own tables",
        ),
        (
            "source: {kind: segment, events: {signed_up: ['a b']}}",
            "'a b' must be a plain identifier",
        ),
        ("source: {kind: segment, traits: ['x;drop']}", "'x;drop' must be a plain identifier"),
        (
            "source: {kind: rudderstack, schema: 'a.b'}",
            "source.schema: String should match pattern",
        ),
    ],
)
def test_a_bad_source_is_one_error_on_its_line(project: Path, text: str, message: str) -> None:
    settings = project / "definitions" / "heap_connect.yml"
    settings.write_text(settings.read_text() + "\n" + text + "\n")
    line = len(settings.read_text().splitlines())
    assert_one_definition_error(project, settings, line, message)


def test_load_checks_every_row_and_keeps_property_types(tmp_path: Path) -> None:
    source = SegmentSource(kind="segment", events={"order_completed": ["revenue", "coupon"]})
    folder = tmp_path / "files"
    folder.mkdir()
    call = {"id": "m1", "anonymous_id": "a1", "timestamp": "2026-11-05T10:00:00Z"}
    order = {**call, "event": "order_completed", "event_text": "Order Completed", "revenue": 12.5}
    (folder / "order_completed.jsonl").write_text(json.dumps(order) + "\n")
    (folder / "tracks.jsonl").write_text(json.dumps({**order, "revenue": None}) + "\n")
    db = tmp_path / "wh.duckdb"
    load_directory(db, folder, tables=source.tables())
    [(revenue, arrived)] = query(db, "select revenue, uuid_ts from segment.order_completed")
    assert json.loads(revenue) == 12.5 and arrived is not None  # a number, the load's time

    (folder / "pages.jsonl").write_text(json.dumps({**call, "timestamp": "soon"}) + "\n")
    with pytest.raises(LoadError) as error:
        load_directory(tmp_path / "other.duckdb", folder, tables=source.tables())
    assert str(error.value).startswith(f"{folder / 'pages.jsonl'}:1: timestamp is not a valid time")
    assert not (tmp_path / "other.duckdb").exists()


def _time(minute: int) -> str:
    return f"2026-11-05T10:{minute:02d}:00Z"


def _call(n: int, minute: int, **columns: object) -> dict:
    return {"id": f"m{n}", "timestamp": _time(minute), "uuid_ts": _time(minute + 30), **columns}


# the JavaScript SDK sends an empty OS
WEB = {
    "context_library_name": "RudderLabs JavaScript SDK",
    "context_os_name": "",
    "context_os_version": "",
}
IOS = {"context_library_name": "rudder-ios-library", "context_os_name": "iOS"}
# RudderStack's tables as it writes them: typed columns, and only the columns that ever had a
# value (tracks has no campaign or location columns; no call had a coupon)
TABLES = {
    "pages": [
        _call(1, 0, anonymous_id="a1", context_session_id=1000, context_page_path="/p",
              context_page_url="https://shop.example.com/p?x=1#top", context_page_search="?x=1",
              context_page_title="P", context_campaign_source="google", **WEB),
    ],
    "screens": [
        _call(2, 1, anonymous_id="a2", context_session_id=1000, name="Home",
              context_os_version="17.2", context_device_model="iPhone15,2", **IOS),
    ],
    "order_completed": [
        _call(3, 5, anonymous_id="a1", context_session_id=1000, event="order_completed",
              event_text="Order Completed", revenue=12, first_order=True, **WEB),
    ],
    "tracks": [
        _call(3, 5, anonymous_id="a1", context_session_id=1000, event="order_completed",
              event_text="Order Completed", **WEB),
        _call(4, 6, anonymous_id="a1", context_session_id=1000, event="signed_up",
              event_text="Signed Up", **WEB),
        _call(5, 8, user_id="u-7", event="payment_captured", event_text="Payment Captured",
              context_library_name="rudderstack-python-sdk"),
    ],
    "identifies": [
        _call(6, 6, anonymous_id="a1", user_id="ann@example.com", plan="pro"),
        _call(7, 7, anonymous_id="a2", plan="free"),
    ],
    "aliases": [_call(8, 7, previous_id="u-7", user_id="ann@example.com")],
}  # fmt: skip


SETTINGS = """
source:
  kind: rudderstack
  traits: [plan]
  events: {order_completed: [revenue, first_order, coupon]}
"""


def rudderstack_project(project: Path) -> Path:
    """The project copy reading TABLES (`source: rudderstack`), with a label per custom event."""
    settings = project / "definitions" / "heap_connect.yml"
    settings.write_text(settings.read_text() + SETTINGS)
    for path in (project / "definitions").rglob("*.yml"):
        if path != settings:
            path.unlink()
    (project / "heapgen.lock.yml").unlink(missing_ok=True)
    names = ("Order Completed", "Signed Up", "Payment Captured")
    (project / "definitions" / "events.yml").write_text(
        "events:\n"
        + "".join(
            f"  - name: {n}\n    match:\n      - event: custom\n        name: {n}\n" for n in names
        )
    )
    return project


def test_a_rudderstack_schema_syncs_into_heap_connect_tables(project: Path, tmp_path: Path) -> None:
    rudderstack_project(project)
    db = tmp_path / "warehouse.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute("create schema rudderstack")
        for name, rows in TABLES.items():
            path = tmp_path / f"{name}.jsonl"
            path.write_text("".join(json.dumps(row) + "\n" for row in rows))
            con.execute(
                f"create table rudderstack.{name} as select * from read_json_auto('{path}')"
            )
    sync(project, project / "definitions")

    owner, ios = string_id("a1"), string_id("a2")
    assert query(db, f"select user_id, identity, plan from {OUT}.users order by 1") == sorted(
        [(owner, "ann@example.com", "pro"), (ios, None, "free")]
    )
    # the identified id and the aliased server-side id migrate to the anonymous id
    assert sorted(
        query(db, f"select from_user_id, to_user_id from {OUT}.user_migrations")
    ) == sorted((string_id(other), owner) for other in ("ann@example.com", "u-7"))
    assert query(db, f"select user_id, session_id from {OUT}.payment_captured") == [(owner, None)]
    # one session number on two devices: two sessions
    sessions = (
        f"select user_id, session_id, utm_source, landing_page from {OUT}.sessions order by 1"
    )
    assert query(db, sessions) == sorted(
        [
            (owner, string_id("a1/1000"), "google", "shop.example.com/p"),
            (ios, string_id("a2/1000"), None, None),
        ]
    )
    views = "select library, path, query, hash, title, view_controller, platform, device"
    assert query(db, f"{views} from {OUT}.pageviews order by 1") == [
        ("iOS", None, None, None, None, "Home", "iOS 17.2", "iPhone15,2"),
        ("web", "/p", "?x=1", "#top", "P", None, None, None),
    ]
    # the per-event table's properties, without the column no call filled
    orders = query(db, f"select * from {OUT}.order_completed")
    columns = [
        c
        for (c,) in query(
            db,
            f"select column_name from information_schema.columns "
            f"where table_name = 'order_completed' and table_schema = '{OUT}'",
        )
    ]
    order = dict(zip(columns, orders[0], strict=True))
    assert (order["revenue"], order["first_order"]) == (12, True) and "coupon" not in order
    assert query(db, f"select count(*) from {OUT}.signed_up") == [(1,)]
    # every id is in the lookup of original strings, under its own number
    ids = dict(query(db, f"select segment_id, user_id from {OUT}_internal.segment_user_ids"))
    assert ids == {name: string_id(name) for name in ("a1", "a2", "ann@example.com", "u-7")}
    assert query(db, f"select time from {OUT}.signed_up") == [(datetime(2026, 11, 5, 10, 6),)]
