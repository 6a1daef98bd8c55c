"""Any sequence of syncs equals one full build: random interleavings of events, identifies
and user property updates, loaded over several syncs in arrival (loaded_at) order, give
exactly the tables one build of all the data gives."""

from __future__ import annotations

import json
import os
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis import strategies as st

from conftest import MARTS, copy_project, enable_marts, keep_events, output_tables
from heapgen.load import load_directory
from heapgen.sync import sync
from reference import migrations

OUT = "main_production"
START = datetime(2026, 1, 1)
USERS = range(1, 7)
IDENTITIES = ["ann@example.com", "bob@example.com", "cat@example.com"]


def stamp(seconds: int) -> str:
    return (START + timedelta(seconds=seconds)).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3]


@st.composite
def histories(draw):
    """Rows of the three raw tables, each with a time and a loaded_at at or after it."""
    rows = {"events": [], "identifies": [], "user_properties": []}
    next_id = iter(range(1000, 100000))
    for _ in range(draw(st.integers(3, 18))):
        kind = draw(st.sampled_from(["pageview", "pageview", "identify", "props"]))
        user = draw(st.sampled_from(USERS))
        at = draw(st.integers(0, 3600))
        loaded = at + draw(st.sampled_from([1, 2, 5000, 9000]))  # some arrive late
        if kind == "pageview":
            # None: a client event without a session id, cut by 30 minutes' inactivity
            session = draw(st.sampled_from([user * 100, user * 100 + 1, None]))
            path = draw(st.sampled_from(["/", "/pricing", "/cart"]))
            event = pageview(next(next_id), user, session, at, loaded, path)
            rows["events"].append(event)
            if draw(st.booleans()):  # at-least-once delivery
                rows["events"].append({**event, "loaded_at": stamp(loaded + 7)})
            if session is not None and draw(st.booleans()):
                rows["events"].append(
                    {
                        "event_id": next(next_id),
                        "user_id": user,
                        "session_id": session,
                        "time": stamp(max(at - 5, 0)),
                        "loaded_at": stamp(loaded + 3),
                        "library": "web",
                        "type": "session",
                        "is_custom": False,
                        "referrer": draw(st.sampled_from([None, "https://www.google.com/"])),
                    }
                )
        elif kind == "identify":
            rows["identifies"].append(
                {
                    "user_id": user,
                    "time": stamp(at),
                    "loaded_at": stamp(loaded),
                    "identity": draw(st.sampled_from(IDENTITIES)),
                }
            )
        else:
            props = draw(
                st.dictionaries(
                    st.sampled_from(["plan", "score", "Account Status"]),
                    st.one_of(st.none(), st.sampled_from(["free", "pro"]), st.integers(0, 9)),
                    min_size=1,
                )
            )
            rows["user_properties"].append(
                {
                    "user_id": user,
                    "time": stamp(at),
                    "loaded_at": stamp(loaded),
                    "properties": props,
                }
            )
    # runs of client events without a session id on a 20-minute grid (plus jitter): neighbours
    # 20 minutes apart share a session, 40 and more apart do not, so a late event extends a
    # session, joins two or lands in a gap; each arrives early or late
    for user in draw(st.lists(st.sampled_from(USERS), min_size=1, max_size=3, unique=True)):
        for _ in range(draw(st.integers(2, 5))):
            at = draw(st.integers(0, 5)) * 1200 + draw(st.integers(0, 90))
            loaded = at + draw(st.sampled_from([1, 2, 5000, 9000]))
            rows["events"].append(pageview(next(next_id), user, None, at, loaded, "/"))
    return rows


def pageview(event_id: int, user: int, session: int | None, at: int, loaded: int, path: str):
    return {
        "event_id": event_id,
        "user_id": user,
        "session_id": session,
        "time": stamp(at),
        "loaded_at": stamp(loaded),
        "library": "web",
        "type": "view page",
        "path": path,
        "is_custom": False,
    }


def has_cycle(identifies: list[dict]) -> bool:
    """The reference reading of ownership and migrations, enough to spot cycles."""
    moves = migrations(identifies)
    for start in moves:
        seen, user = {start}, moves[start]
        while user in moves:
            if user in seen:
                return True
            seen.add(user)
            user = moves[user]
    return False


def write(directory: Path, rows: dict[str, list[dict]]) -> Path:
    directory.mkdir(parents=True)
    for table, items in rows.items():
        (directory / f"{table}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in items))
    return directory


@pytest.fixture(scope="module")
def small_project(tmp_path_factory: pytest.TempPathFactory):
    """A project copy with one labeled event and the opt-in marts (their incremental logic:
    sessions and users rewritten per user, first sessions and indexes that late events and
    migrations move), shared by the examples."""
    project = enable_marts(copy_project(tmp_path_factory.mktemp("equivalence") / "project"))
    keep_events(project, "View Pricing Page")
    old = os.environ.get("HEAP_CONNECT_DB")
    yield project
    if old is None:
        os.environ.pop("HEAP_CONNECT_DB", None)
    else:
        os.environ["HEAP_CONNECT_DB"] = old


def build(project: Path, db: Path, batches: list[dict[str, list[dict]]], root: Path) -> dict:
    os.environ["HEAP_CONNECT_DB"] = str(db)
    for index, batch in enumerate(batches):
        load_directory(db, write(root / f"{db.stem}_{index}", batch))
        sync(project, project / "definitions")
    # the bookkeeping tables record each sync attempt, so they differ by design
    return output_tables(db, OUT)


# 3 examples here and 5 below (each ~30 s): both draw from histories(), which since
# 2026-12-06 also draws client events without a session id, in runs per user that late events
# extend, split or join (test_inactivity_sessions.py has the deterministic cases): recutting
# only the rows a sync wrote instead of their users' every event failed it (seen failing with
# 3 examples); CI must stay under 25 minutes.
@pytest.mark.parametrize("batch_count", [3])
@settings(max_examples=3, deadline=None, suppress_health_check=list(HealthCheck))
@given(history=histories())
def test_syncs_in_arrival_order_equal_one_full_build(small_project, batch_count, history):
    assume(history["events"])
    assume(not has_cycle(history["identifies"]))
    project = small_project
    arrivals = sorted(
        (
            (row["loaded_at"], table, i)
            for table, items in history.items()
            for i, row in enumerate(items)
        )
    )
    cut = [
        arrivals[len(arrivals) * k // batch_count : len(arrivals) * (k + 1) // batch_count]
        for k in range(batch_count)
    ]
    batches = [
        {table: [history[table][i] for _, t, i in part if t == table] for table in history}
        for part in cut
    ]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        incremental = build(project, root / "incremental.duckdb", batches, root)
        full = build(project, root / "full.duckdb", [history], root)
    assert incremental == full
    assert {"users", "sessions", "pageviews", "user_migrations", *MARTS} <= set(full)


# --- arrival order is the loader's, not loaded_at's ---------------------------------------
# Loaders are not ordered (a backfill, a replay, parallel loaders, a skewed clock): a batch
# may carry loaded_at values older than, equal to or far newer than rows already synced.
# Every raw row is taken exactly once whatever its loaded_at; the first-loaded copy of an
# event still wins, also when it is loaded after a later copy was synced.
LOADED_AT_OFFSETS = [-400 * 86400, -3600, 0, 1, 5000, 9000, 80 * 365 * 86400]


@st.composite
def unordered_arrivals(draw):
    """A history whose rows carry random loaded_at values (past, future, equal), cut into
    batches in an order that has nothing to do with loaded_at."""
    history = draw(histories())
    for table in history.values():
        for row in table:
            at = datetime.strptime(row["time"], "%Y-%m-%d %H:%M:%S.%f")
            offset = draw(st.sampled_from(LOADED_AT_OFFSETS))
            row["loaded_at"] = stamp(int((at - START).total_seconds()) + offset)
    # a redelivered copy that differs in an event-level field and maybe its session: the
    # first-loaded one wins, and the session the other copy was in is recomputed
    pages = [e for e in history["events"] if e["type"] == "view page"]
    if pages and draw(st.booleans()):
        original = draw(st.sampled_from(pages))
        first = datetime.strptime(original["loaded_at"], "%Y-%m-%d %H:%M:%S.%f")
        history["events"].append(
            {
                **original,
                "path": "/redelivered",
                "session_id": draw(st.sampled_from([original["session_id"], None, 999])),
                "loaded_at": (
                    first - timedelta(seconds=draw(st.sampled_from([1, 86400])))
                ).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3],
            }
        )
    rows = [(table, row) for table, items in history.items() for row in items]
    order = draw(st.permutations(range(len(rows))))
    cuts = sorted(draw(st.lists(st.integers(0, len(rows)), min_size=2, max_size=2)))
    parts = [order[: cuts[0]], order[cuts[0] : cuts[1]], order[cuts[1] :]]
    batches = [
        {t: [rows[i][1] for i in part if rows[i][0] == t] for t in history} for part in parts
    ]
    return history, batches


# no shrinking: each example is two builds (~20 s), and a failure prints its whole draw
@settings(
    max_examples=3,  # 5 until 2026-12-06: CI time (the sources' tests)
    deadline=None,
    suppress_health_check=list(HealthCheck),
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
@given(drawn=unordered_arrivals())
def test_syncs_in_any_loaded_at_order_equal_one_full_build(small_project, drawn):
    history, batches = drawn
    assume(history["events"])
    assume(not has_cycle(history["identifies"]))
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        incremental = build(small_project, root / "incremental.duckdb", batches, root)
        full = build(small_project, root / "full.duckdb", [history], root)
    assert incremental == full


def test_a_later_load_with_older_loaded_at_is_synced(small_project, tmp_path):
    """The issue's repro: two samples over the same days, loaded and synced one after the
    other; the second sync takes every new event although none is loaded after the first
    sample's newest row."""
    from heapgen.sample import write_sample

    db = tmp_path / "two_samples.duckdb"
    os.environ["HEAP_CONNECT_DB"] = str(db)
    for seed in (1, 2):
        folder = tmp_path / f"s{seed}"
        write_sample(folder, users=20, days=2, seed=seed)
        load_directory(db, folder)
        sync(small_project, small_project / "definitions")
    incremental = output_tables(db)
    sync(small_project, small_project / "definitions", full_refresh=True)
    full = output_tables(db)
    assert incremental == full
    assert len(full["sessions"][1]) > 0
