"""Same activity, same tables: the comparison the sample tests of each source make between the
sample synced through heap_raw and the same activity synced through a tracker's tables
(tests/python/test_posthog_sample.py, test_segment_sample.py). Every table is compared column
by column, with heap_raw's ids mapped to the numbers the source gives the same things and the
tables and columns the source cannot carry left out (each test names them with the reason)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from heapgen.ids import string_id

OUT = "main_production"
SAMPLE = (40, 6, 11)  # users, days, seed of the sample every source's test converts
# A tracker without session-start events: a session starts at its first event, so the
# session's event_id and time, every row's seconds since it started, and a user's first-seen
# time (the session event came first) differ by the second or so the session event came
# earlier; so does last_modified of a user who never changed (it is then the first-seen time).
NO_SESSION_EVENTS: dict[str, set[str]] = {
    "sessions": {"event_id", "time"},
    "users": {"joindate", "last_modified"},
    "*": {"session_time"},
}


def comparable(
    tables: dict,
    maps: dict[str, dict[int, int]] | None,
    excluded_columns: dict[str, set[str]],
    excluded_tables: set[str],
) -> dict:
    """Every table as (its kept columns, its rows on them, ids mapped when `maps`). Columns of
    excluded_columns["*"] are left out of every table, those under a table's name out of that
    table; those under "sessions" are also blanked on all_events' session rows."""
    result = {}
    for name, (columns, rows) in tables.items():
        if name in excluded_tables:
            continue
        dropped = excluded_columns.get("*", set()) | excluded_columns.get(name, set())
        kept = [i for i, (column, _) in enumerate(columns) if column not in dropped]
        names = [column for column, _ in columns]
        table_name = names.index("event_table_name") if "event_table_name" in names else None
        projected = []
        for row in rows:
            if name == "all_events" and row[table_name] in excluded_tables:
                continue
            is_session = name == "all_events" and row[table_name] == "sessions"
            values = []
            for i in kept:
                column, value = columns[i][0], row[i]
                if is_session and column in excluded_columns.get("sessions", set()):
                    value = None  # a session's excluded columns, in all_events too
                elif maps is not None and column in maps and value is not None:
                    value = maps[column][value]
                values.append(value)
            projected.append(tuple(values))
        result[name] = ([columns[i] for i in kept], sorted(projected, key=repr))
    return result


def without_identity_migrations(tables: dict, raw: Path) -> dict:
    """`tables` without the user_migrations rows from an identity's own id: a source whose
    identified id is a user of its own (PostHog's distinct id, Segment's user id) identifies it
    with its identity too, one more migration per identity, which heap_raw's sample has no
    user for."""
    identities = {
        string_id(json.loads(line)["identity"])
        for line in (raw / "identifies.jsonl").read_text().splitlines()
    }
    columns, rows = tables["user_migrations"]
    kept = [r for r in rows if r[0] not in identities]
    assert len(rows) > len(kept)  # the sample identifies
    return {**tables, "user_migrations": (columns, kept)}


def assert_same_tables(got: dict, expected: dict, nonempty: tuple[str, ...]) -> None:
    """The comparable tables are equal (names, columns, rows); those of `nonempty` have rows,
    so that the comparison compared something."""
    assert sorted(got) == sorted(expected)
    for name in expected:
        assert got[name][0] == expected[name][0], name
        assert got[name][1] == expected[name][1], difference(name, got[name], expected[name])
    for name in nonempty:
        assert expected[name][1], name


def difference(name: str, got: tuple, expected: tuple) -> str:
    """Where two tables first differ: row counts, or the columns of the first differing row."""
    columns, got_rows = got
    expected_rows = expected[1]
    if len(got_rows) != len(expected_rows):
        return f"{name}: {len(got_rows)} rows, expected {len(expected_rows)}"
    for got_row, expected_row in zip(got_rows, expected_rows, strict=True):
        if got_row != expected_row:
            differing = {
                column: (g, e)
                for (column, _), g, e in zip(columns, got_row, expected_row, strict=True)
                if g != e
            }
            return f"{name}: first differing row, (got, expected) by column: {differing}"
    return name


def sample_id_maps(
    raw: Path,
    event_id: Callable[[int], str],
    user_id: Callable[[int], str],
    session_id: Callable[[int], str],
) -> dict[str, dict[int, int]]:
    """heap_raw id of the sample in `raw` -> the number a tracker's source gives the same
    thing: heapgen.ids.string_id of the tracker's id the sample wrote for it."""
    events: dict[int, int] = {}
    users: dict[int, int] = {}
    sessions: dict[int, int] = {}
    for name in ("events", "identifies", "user_properties"):
        path = raw / f"{name}.jsonl"
        for line in path.read_text().splitlines() if path.exists() else []:
            row = json.loads(line)
            users[row["user_id"]] = string_id(user_id(row["user_id"]))
            if name == "events":
                events[row["event_id"]] = string_id(event_id(row["event_id"]))
                if row.get("session_id") is not None:
                    sessions[row["session_id"]] = string_id(session_id(row["session_id"]))
    return id_maps(events, users, sessions)


def id_maps(
    events: dict[int, int], users: dict[int, int], sessions: dict[int, int]
) -> dict[str, dict[int, int]]:
    """Maps of heap_raw ids to a source's, by the output columns that hold each kind."""
    return {
        "event_id": events,
        "user_id": users,
        "from_user_id": users,
        "to_user_id": users,
        "session_id": sessions,
    }
