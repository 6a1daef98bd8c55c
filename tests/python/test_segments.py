"""Segments: definition errors (unknown, unsynced and archived events with file:line, view
name collisions), then end to end on DuckDB over a tiny capture: every condition kind, each
segment view recomputed by a Python reading of the definition, `within_days` at its boundary
(exactly D days before the sync's time counts, one second more does not)."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import assert_one_definition_error, columns, copy_project, query
from heapgen.definitions import (
    AllOfCondition,
    AnyOfCondition,
    DidCondition,
    DidNotCondition,
    load_definitions,
)
from heapgen.generate import generate
from heapgen.load import load_directory
from heapgen.naming import heap_name
from heapgen.sync import sync
from reference import defined_value, filter_holds, text_of

OUT = "main_production"
AS_OF = datetime(2026, 3, 1)


def db() -> Path:
    return Path(os.environ["HEAP_CONNECT_DB"])


def use_definitions(project: Path, definitions: dict | str) -> Path:
    for path in (project / "definitions").rglob("*.yml"):
        if path.name != "heap_connect.yml":
            path.unlink()
    path = project / "definitions" / "defs.yml"
    text = definitions if isinstance(definitions, str) else yaml.safe_dump(definitions)
    path.write_text(text)
    (project / "heapgen.lock.yml").unlink(missing_ok=True)
    return path


def write_raw(directory: Path, **tables: list[dict]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for table in ("events", "identifies", "user_properties"):
        rows = tables.get(table, [])
        (directory / f"{table}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    return directory


# --- definition errors -------------------------------------------------------------------

EVENTS = (
    "events:\n"
    "  - name: Buy\n    match: [{event: custom, name: Buy}]\n"  # lines 2-3
    "  - name: Hidden\n    sync: false\n    match: [{event: custom, name: Hidden}]\n"  # 4-6
    "  - name: Old\n    archived: true\n    match: [{event: custom, name: Old}]\n"  # 7-9
)


@pytest.mark.parametrize(
    ("segments", "line", "message"),
    [
        (
            "  - name: S\n    where:\n      all_of:\n        - did: {event: Buy}\n"
            "        - did_not:\n            event: Nope\n",
            16,
            "segment 'S': event 'Nope' is not a defined labeled event",
        ),
        (
            "  - name: S\n    where: {did: {event: Hidden}}\n",
            12,
            "segment 'S': event 'Hidden' is not synced (sync: false)",
        ),
        (
            "  - name: S\n    where:\n      any_of:\n        - did: {event: Old, at_least: 2}\n",
            14,
            "segment 'S': event 'Old' is archived",
        ),
        (
            "  - name: buy\n    where: {did: {event: Buy}}\n",
            11,
            "segment 'buy' and event 'Buy' both make table 'buy'",
        ),
        (
            "  - name: Users!\n    where: {did: {event: Buy}}\n",
            11,
            "view 'users' is a Heap Connect table of its own",
        ),
        (
            "  - name: Power Users\n    where: {did: {event: Buy}}\n"
            "  - name: power-users\n    where: {did: {event: Buy}}\n",
            13,
            "segments 'Power Users' (",
        ),
        (
            "  - name: S\n    where:\n      all_of:\n        - didd: {event: Buy}\n",
            14,
            "unknown key 'didd' in segments[0].where.all_of[0]; did you mean 'did'?",
        ),
        (
            "  - name: S\n    where: {any_of: [{user_propety: plan, op: equals, value: pro}]}\n",
            12,
            "unknown key 'user_propety' in segments[0].where.any_of[0]; "
            "did you mean 'user_property'?",
        ),
        (
            "  - name: S\n    where: {did: {event: Buy, within_days: 0}}\n",
            12,
            "within_days: Input should be greater than or equal to 1",
        ),
        (
            "  - name: S\n    where: {user_property: seats, op: gt, value: many}\n",
            12,
            "op gt compares numbers",
        ),
        (
            "  - name: S\n    where: {did: {event: Buy}, did_not: {event: Buy}}\n",
            12,
            "a condition takes exactly one of all_of, any_of, user_property, did, did_not",
        ),
    ],
    ids=[
        "unknown-event",
        "unsynced-event",
        "archived-event",
        "collides-with-event-table",
        "reserved",
        "two-segments-one-view",
        "unknown-key",
        "misspelt-user-property",
        "within-days-zero",
        "bad-value",
        "two-kinds",
    ],
)
def test_bad_segment_is_one_clear_error_and_writes_nothing(
    project: Path, segments: str, line: int, message: str
) -> None:
    path = use_definitions(project, EVENTS + "segments:\n" + segments)
    assert_one_definition_error(project, path, line, message)


def test_an_unsynced_segment_may_use_unsynced_events_and_has_no_view(project: Path) -> None:
    use_definitions(
        project,
        EVENTS + "segments:\n  - name: Later\n    sync: false\n    where: {did: {event: Hidden}}\n"
        "  - name: Buyers\n    view: buyers_view\n    where: {did: {event: Buy}}\n",
    )
    generate(project, project / "definitions")
    segments = sorted(p.name for p in (project / "models/heap_generated/segments").iterdir())
    assert segments == ["heap_segment__buyers_view.sql"]
    model = (project / "models/heap_generated/segments/heap_segment__buyers_view.sql").read_text()
    assert "{{ config(alias=\"buyers_view\", materialized='view'" in model
    assert '{{ heap_connect.segment_view(segment_id="buyers_view"' in model


# --- end to end -----------------------------------------------------------------------------


def at(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def custom(event_id: int, user_id: int, type_: str, moment: datetime) -> dict:
    return {
        "event_id": event_id,
        "user_id": user_id,
        "session_id": None,
        "time": at(moment),
        "library": "server",
        "type": type_,
        "is_custom": True,
    }


BOUNDARY = AS_OF - timedelta(days=10)  # within_days: 10
CAPTURE = {
    "events": [
        custom(11, 1, "Buy", datetime(2026, 2, 25)),
        custom(12, 1, "Buy", datetime(2026, 2, 26)),
        custom(13, 1, "Buy", datetime(2026, 2, 27)),
        custom(14, 1, "Visit", datetime(2026, 2, 27)),
        custom(21, 2, "Buy", BOUNDARY),  # exactly 10 days before: counts
        custom(31, 3, "Buy", BOUNDARY - timedelta(seconds=1)),  # one second more: does not
        custom(32, 3, "Visit", datetime(2026, 2, 28)),
        custom(41, 4, "Visit", datetime(2026, 2, 20)),
        custom(42, 4, "Visit", datetime(2026, 2, 21)),
        custom(51, 5, "Buy", datetime(2026, 1, 1)),
        custom(52, 5, "Buy", datetime(2026, 1, 2)),
        custom(61, 6, "Visit", datetime(2026, 2, 1)),
    ],
    "user_properties": [
        {"user_id": 1, "time": "2026-01-01 00:00:00", "properties": {"plan": "pro", "seats": 10}},
        {"user_id": 2, "time": "2026-01-01 00:00:00", "properties": {"plan": "Pro", "seats": 2}},
        {"user_id": 3, "time": "2026-01-01 00:00:00", "properties": {"plan": "free", "seats": 1}},
        {"user_id": 5, "time": "2026-01-01 00:00:00", "properties": {"plan": "team", "seats": 50}},
    ],
    "identifies": [{"user_id": 6, "identity": "six@example.com", "time": "2026-02-01 00:00:00"}],
}


def up(user_property: str, op: str, value: Any = None, **extra: Any) -> dict:
    return {"user_property": user_property, "op": op, "value": value, **extra}


SEGMENTS = {
    "Plan Equals": up("plan", "equals", "pro"),
    "Plan Equals Any Case": up("plan", "equals", "PRO", case_insensitive=True),
    "Plan In": up("plan", "in", ["free", "team"]),
    "Plan Not Equals": up("plan", "not_equals", "pro"),
    "Plan Starts With": up("plan", "starts_with", "t"),
    "Many Seats": up("seats", "gt", 5),
    "No Plan": up("plan", "is_not_set"),
    "Identified": up("identity", "is_set"),
    "Never Sent": up("never_sent", "is_not_set"),
    "Paid Tier": up("Tier", "equals", "Paid"),  # a user-scope defined property
    "Buyers": {"did": {"event": "Buy"}},
    "Non Buyers": {"did_not": {"event": "Buy"}},
    "Frequent Buyers": {"did": {"event": "Buy", "at_least": 3}},
    "Repeat Buyers Lately": {"did": {"event": "Buy", "at_least": 2, "within_days": 10}},
    "Recent Buyers": {"did": {"event": "Buy", "within_days": 10}},
    "No Recent Buy": {"did_not": {"event": "Buy", "within_days": 10}},
    "Nested": {
        "all_of": [
            {
                "any_of": [
                    up("plan", "equals", "pro", case_insensitive=True),
                    up("seats", "gte", 50),
                ]
            },
            {
                "any_of": [
                    {"did": {"event": "Buy", "within_days": 10}},
                    {"did_not": {"event": "Visit"}},
                ]
            },
        ]
    },
}
DEFINITIONS = {
    "events": [
        {"name": "Buy", "match": [{"event": "custom", "name": "Buy"}]},
        {"name": "Visit", "match": [{"event": "custom", "name": "Visit"}]},
    ],
    "defined_properties": [
        {
            "name": "Tier",
            "scope": "user",
            "cases": [
                {
                    "value": "Paid",
                    "when": [{"property": "plan", "op": "in", "value": ["pro", "team"]}],
                }
            ],
            "default": "Free",
        }
    ],
    "segments": [
        *({"name": name, "where": where} for name, where in SEGMENTS.items()),
        {"name": "Not Synced", "sync": False, "where": {"did": {"event": "Buy"}}},
    ],
}


def reference_members(project: Path, capture: dict, as_of: datetime) -> dict[str, set[int]]:
    """Segment name -> its users, by DESIGN.md, from the raw capture and the definitions."""
    definitions = load_definitions(project / "definitions")
    users: dict[int, dict[str, str | None]] = {}
    for e in capture["events"]:
        users.setdefault(e["user_id"], {})
    for row in capture.get("user_properties", []):
        for key, value in row["properties"].items():
            users.setdefault(row["user_id"], {})[heap_name(key)] = text_of(value)
    for row in capture.get("identifies", []):
        users.setdefault(row["user_id"], {})["identity"] = row["identity"]
    for prop in definitions.defined_properties:  # user-scope defined properties
        for values in users.values():
            values[heap_name(prop.definition.name)] = defined_value(
                prop.definition, lambda n, v=values: v.get(heap_name(n))
            )[1]

    def count(user_id: int, event: str, within_days: int | None) -> int:
        since = as_of - timedelta(days=within_days) if within_days else datetime.min
        return sum(
            1
            for e in capture["events"]
            if e["user_id"] == user_id
            and e["type"] == event
            and datetime.fromisoformat(e["time"]) >= since
        )

    def holds(condition: Any, user_id: int) -> bool:
        if isinstance(condition, AllOfCondition):
            return all(holds(c, user_id) for c in condition.all_of)
        if isinstance(condition, AnyOfCondition):
            return any(holds(c, user_id) for c in condition.any_of)
        if isinstance(condition, DidCondition | DidNotCondition):
            spec = condition.did if isinstance(condition, DidCondition) else condition.did_not
            did = count(user_id, spec.event, spec.within_days) >= spec.at_least
            return did if isinstance(condition, DidCondition) else not did
        value = users[user_id].get(heap_name(condition.user_property))
        return filter_holds(condition, value)

    return {
        s.definition.name: {u for u in users if holds(s.definition.where, u)}
        for s in definitions.segments
        if s.definition.sync
    }


def view_members(view: str) -> set[int]:
    return {user_id for (user_id,) in query(db(), f"select user_id from {OUT}.{view}")}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("segments")
    project = copy_project(root / "project")
    use_definitions(project, DEFINITIONS)
    old = os.environ.get("HEAP_CONNECT_DB")
    os.environ["HEAP_CONNECT_DB"] = str(root / "warehouse.duckdb")
    try:
        load_directory(db(), write_raw(root / "raw", **CAPTURE))
        sync(project, project / "definitions", dbt_vars={"heap_connect__segments_as_of": at(AS_OF)})
        yield project
    finally:
        if old is None:
            os.environ.pop("HEAP_CONNECT_DB", None)
        else:
            os.environ["HEAP_CONNECT_DB"] = old


def test_every_segment_view_holds_exactly_its_users(built: Path) -> None:
    expected = reference_members(built, CAPTURE, AS_OF)
    assert set(expected) == set(SEGMENTS)
    for name, members in expected.items():
        assert view_members(heap_name(name)) == members, name
    # no condition is vacuous on this capture: each segment has someone in it and leaves
    # someone out, but the one on a property no user ever sent (unset for everyone)
    everyone = set(range(1, 7))
    assert expected.pop("Never Sent") == everyone
    assert all(set() < m < everyone for m in expected.values()), expected


def test_within_days_counts_back_from_the_sync_time_inclusive(built: Path) -> None:
    recent = view_members("recent_buyers")
    assert 2 in recent, "an event exactly within_days before the sync's time counts"
    assert 3 not in recent, "one second earlier does not"
    assert 3 in view_members("no_recent_buy") and 2 not in view_members("no_recent_buy")


def test_segments_are_views_of_user_id_only(built: Path) -> None:
    kinds = dict(
        query(
            db(),
            "select table_name, table_type from information_schema.tables "
            f"where table_schema = '{OUT}'",
        )
    )
    for name in SEGMENTS:
        view = heap_name(name)
        assert kinds[view] == "VIEW", view
        assert columns(db(), OUT, view) == [("user_id", "BIGINT")]
    assert "not_synced" not in kinds


def test_within_days_defaults_to_the_start_of_the_sync(project: Path, tmp_path: Path) -> None:
    use_definitions(
        project,
        {
            "events": [{"name": "Buy", "match": [{"event": "custom", "name": "Buy"}]}],
            "segments": [{"name": "Recent", "where": {"did": {"event": "Buy", "within_days": 10}}}],
        },
    )
    now = datetime.now(UTC).replace(tzinfo=None)
    capture = {
        "events": [
            custom(1, 1, "Buy", now - timedelta(days=10) + timedelta(hours=1)),
            custom(2, 2, "Buy", now - timedelta(days=10) - timedelta(hours=1)),
        ]
    }
    load_directory(db(), write_raw(tmp_path / "raw", **capture))
    sync(project, project / "definitions")
    [(started,)] = query(db(), f"select start_time from {OUT}._sync_history")
    assert view_members("recent") == reference_members(project, capture, started)["Recent"]
    assert view_members("recent") == {1}
    compiled = next((project / "target" / "compiled").rglob("heap_segment__recent.sql"))
    assert f"-- segment as of {at(started)} (UTC)" in compiled.read_text()
