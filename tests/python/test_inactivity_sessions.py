"""Client events without a session id join sessions of 30 minutes' inactivity per user
(heap_connect.apply_inactivity_sessions, decision 0027), and incremental syncs give the
sessions a full build gives when a late event lands before, between or across earlier
sessions, or when an earlier-loaded copy of an event with a session id moves it out of one.
The expected sessions are recomputed here from the rule, not read from our SQL."""

from __future__ import annotations

import json
import os
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from conftest import copy_project, keep_events, output_tables, query
from heapgen.ids import string_id
from heapgen.load import load_directory
from heapgen.sync import sync

OUT = "main_production"
START = datetime(2026, 3, 1, 9)
GAP = 30 * 60


def stamp(seconds: int) -> str:
    return (START + timedelta(seconds=seconds)).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3]


def page(event_id: int, user: int, at: int, loaded: int, session: int | None = None) -> dict:
    return {
        "event_id": event_id,
        "user_id": user,
        "session_id": session,
        "time": stamp(at),
        "loaded_at": stamp(loaded),
        "library": "web",
        "type": "view page",
        "path": "/pricing",
        "is_custom": False,
    }


# User 1 has two sessions (0-60 s, 4000-4100 s); an event at 1800 s extends the first (gaps
# 1740 s and 2200 s: still two), then one at 3000 s joins them into one; an event
# 1500 s before the first moves that session's start (and so its id); user 2's event 8 is
# first synced without a session, then an earlier-loaded copy with session 77 takes it out;
# a server-side event has no session.
BATCHES = [
    [
        page(1, 1, 0, 10),
        page(2, 1, 60, 70),
        page(3, 1, 4000, 4010),
        page(4, 1, 4100, 4110),
        page(8, 2, 500, 9000),
        page(9, 2, 600, 610),
    ],
    [page(5, 1, 1800, 20000)],
    [
        page(6, 1, 3000, 30000),
        page(7, 1, -1500, 30001),
        page(8, 2, 500, 8000, session=77),
        {**page(10, 2, 700, 30002), "library": "server", "type": "checkout", "is_custom": True},
    ],
]


def expected_sessions(events: list[dict]) -> dict[int, int | None]:
    """event_id -> session id: a client event's own, else the rule's, recomputed here."""
    first = {}
    for event in sorted(events, key=lambda e: e["loaded_at"]):
        first.setdefault(event["event_id"], event)
    sessions = {e["event_id"]: e["session_id"] for e in first.values()}
    cut = sorted(
        (e for e in first.values() if e["session_id"] is None and e["library"] != "server"),
        key=lambda e: (e["user_id"], e["time"], e["event_id"]),
    )
    previous, head = None, None
    for event in cut:
        at = datetime.strptime(event["time"], "%Y-%m-%d %H:%M:%S.%f")
        if (
            previous is None
            or previous[0] != event["user_id"]
            or (at - previous[1]).total_seconds() > GAP
        ):
            head = event["event_id"]
        sessions[event["event_id"]] = string_id(f"inactivity/{head}")
        previous = (event["user_id"], at)
    return sessions


def load_and_sync(project: Path, db: Path, batches: list[list[dict]], root: Path) -> None:
    os.environ["HEAP_CONNECT_DB"] = str(db)
    for index, batch in enumerate(batches):
        folder = root / f"{db.stem}_{index}"
        folder.mkdir(parents=True)
        (folder / "events.jsonl").write_text("".join(json.dumps(e) + "\n" for e in batch))
        load_directory(db, folder)
        sync(project, project / "definitions")


@pytest.fixture(scope="module")
def synced(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("inactivity")
    project = copy_project(root / "project")
    keep_events(project, "View Pricing Page")
    old = os.environ.get("HEAP_CONNECT_DB")
    load_and_sync(project, root / "incremental.duckdb", BATCHES, root)
    load_and_sync(project, root / "full.duckdb", [sum(BATCHES, [])], root)
    yield root
    if old is None:
        os.environ.pop("HEAP_CONNECT_DB", None)
    else:
        os.environ["HEAP_CONNECT_DB"] = old


def test_sessions_are_cut_by_30_minutes_of_inactivity(synced):
    expected = expected_sessions(sum(BATCHES, []))
    # the scenario exercises what it says: user 1 ends in one session of 7 events, whose
    # first event arrived last; event 8 has its own session
    assert len({expected[i] for i in range(1, 8)}) == 1 and expected[1] == string_id("inactivity/7")
    assert expected[8] == 77 and expected[10] is None
    got = dict(
        query(synced / "incremental.duckdb", f"select event_id, session_id from {OUT}.all_events")
    )
    assert got == {i: expected[i] for i in got}
    assert set(got) == set(range(1, 10))  # the server-side checkout is in no synced table
    sessions = query(
        synced / "incremental.duckdb", f"select session_id, event_id from {OUT}.sessions order by 1"
    )
    assert sorted(sessions) == sorted({(expected[7], 7), (77, 8), (expected[9], 9)})


def test_incremental_syncs_equal_one_full_build(synced):
    incremental = output_tables(synced / "incremental.duckdb")
    full = output_tables(synced / "full.duckdb")
    assert incremental == full
    assert len(full["sessions"][1]) == 3
