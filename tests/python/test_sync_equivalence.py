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
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import copy_project, keep_events, output_tables
from heapgen.load import load_directory
from heapgen.sync import sync

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
            session = user * 100 + draw(st.integers(0, 1))
            path = draw(st.sampled_from(["/", "/pricing", "/cart"]))
            event = {
                "event_id": next(next_id),
                "user_id": user,
                "session_id": session,
                "time": stamp(at),
                "loaded_at": stamp(loaded),
                "library": "web",
                "type": "view page",
                "path": path,
                "is_custom": False,
            }
            rows["events"].append(event)
            if draw(st.booleans()):  # at-least-once delivery
                rows["events"].append({**event, "loaded_at": stamp(loaded + 7)})
            if draw(st.booleans()):
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
    return rows


def has_cycle(identifies: list[dict]) -> bool:
    """The reference reading of ownership and migrations, enough to spot cycles."""
    ordered = sorted(identifies, key=lambda r: (r["time"], r["loaded_at"], r["user_id"]))
    owner: dict[str, int] = {}
    for row in ordered:
        owner.setdefault(row["identity"], row["user_id"])
    moves: dict[int, int] = {}
    for row in ordered:
        if row["user_id"] != owner[row["identity"]]:
            moves.setdefault(row["user_id"], owner[row["identity"]])
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
    """A project copy with one labeled event, shared by the examples."""
    project = copy_project(tmp_path_factory.mktemp("equivalence") / "project")
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


@pytest.mark.parametrize("batch_count", [3])
@settings(max_examples=4, deadline=None, suppress_health_check=list(HealthCheck))
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
    assert {"users", "sessions", "pageviews", "user_migrations"} <= set(full)
