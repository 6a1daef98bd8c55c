"""`users` takes its batch on an incremental sync: only the users the batch touches are
rewritten, each from all of its history; and the data tests of incremental models check the
rows the sync wrote (batch-scoped), yet still fail when one of those rows is bad."""

from __future__ import annotations

import json
import shutil
from datetime import datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from conftest import copy_project, keep_events, output_tables, query
from heapgen.dbt_runner import invoke
from heapgen.load import load_directory
from heapgen.sample import write_sample
from heapgen.sync import SyncFailed, sync

OUT = "main_production"
INTERNAL = "main_production_internal"
MARKER = "untouched@example.com"


@pytest.fixture(scope="module")
def first_sync(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A project with one labeled event and its warehouse after one sync of a sample."""
    root = tmp_path_factory.mktemp("users_incremental")
    project = copy_project(root / "project")
    keep_events(project, "View Pricing Page")
    db = root / "first.duckdb"
    write_sample(root / "sample", users=20, days=2, seed=5)
    load_directory(db, root / "sample")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("HEAP_CONNECT_DB", str(db))
        sync(project, project / "definitions")
    execute(db, "checkpoint")
    return project, db


@pytest.fixture
def warehouse(first_sync, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A copy of the first sync's warehouse for one test (same file name: DuckDB's catalog
    is named after it, and views name their catalog)."""
    project, db = first_sync
    copy = tmp_path / db.name
    shutil.copy(db, copy)
    monkeypatch.setenv("HEAP_CONNECT_DB", str(copy))
    return project, copy


def execute(db: Path, sql: str) -> None:
    with duckdb.connect(str(db)) as con:
        con.execute(sql)


def new_session(db: Path, folder: Path, user_id: int, first_id: int) -> list[int]:
    """Loads a new web session (a session event, then two pageviews) of `user_id`, an hour
    after the newest event; returns its event ids."""
    (newest,) = query(db, f"select max(time) from {INTERNAL}.int_events")[0]
    start = newest + timedelta(hours=1)
    session_id = first_id * 10
    rows = []
    for k, kind in enumerate(["session", "view page", "view page"]):
        at = start + timedelta(seconds=k)
        rows.append(
            {
                "event_id": first_id + k,
                "user_id": user_id,
                "session_id": session_id,
                "time": at.strftime("%Y-%m-%d %H:%M:%S.%f")[:-3],
                "loaded_at": datetime(2030, 1, 1).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3],
                "library": "web",
                "type": kind,
                "path": "/pricing",
                "is_custom": False,
            }
        )
    folder.mkdir()
    (folder / "events.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    load_directory(db, folder)
    return [r["event_id"] for r in rows]


def two_users(db: Path) -> tuple[int, int]:
    """Two users of the warehouse that no migration involves."""
    rows = query(
        db,
        f"select user_id from {OUT}.users where user_id not in "
        f"(select from_user_id from {OUT}.user_migrations union all "
        f"select to_user_id from {OUT}.user_migrations) order by user_id",
    )
    return rows[0][0], rows[-1][0]


def test_users_rewrites_only_the_users_of_its_batch(warehouse, tmp_path: Path) -> None:
    project, db = warehouse
    untouched, touched = two_users(db)
    (before,) = query(db, f"select * from {OUT}.users where user_id = {untouched}")
    # a row sync 2 does not rewrite keeps whatever it holds
    execute(db, f"update {OUT}.users set email = '{MARKER}' where user_id = {untouched}")
    (old_touched,) = query(
        db, f"select joindate, last_modified from {OUT}.users where user_id = {touched}"
    )
    new_session(db, tmp_path / "batch", touched, 900_000_000)

    result = sync(project, project / "definitions")

    assert result.builds["users"] == "batch"
    assert query(db, f"select user_id from {INTERNAL}.int_user_batch") == [(touched,)]
    users_count = query(db, f"select count(*) from {OUT}.users")[0][0]
    assert result.row_counts["users"] == (users_count, 1)
    assert query(db, f"select email from {OUT}.users where user_id = {untouched}") == [(MARKER,)]
    # the touched user is recomputed from all of its history: same joindate, and its row is
    # the one a full build gives
    assert query(db, f"select joindate from {OUT}.users where user_id = {touched}") == [
        (old_touched[0],)
    ]
    execute(
        db,
        f"update {OUT}.users set email = {before[3]!r} where user_id = {untouched}"
        if before[3] is not None
        else f"update {OUT}.users set email = null where user_id = {untouched}",
    )
    incremental = output_tables(db)
    sync(project, project / "definitions", full_refresh=True)
    assert output_tables(db) == incremental


def test_a_batch_scoped_test_reads_only_the_batch(warehouse, tmp_path: Path) -> None:
    """Two old sessions rows share an event_id: an incremental sync's unique test on
    sessions.event_id does not look at them (they are not the batch's), a test of the whole
    table (dbt test, outside a build) does."""
    project, db = warehouse
    _, user = two_users(db)
    execute(
        db,
        f"insert into {OUT}.sessions select * replace (-1 as session_id) from {OUT}.sessions "
        f"where session_id = (select min(session_id) from {OUT}.sessions)",
    )
    new_session(db, tmp_path / "batch", user, 900_000_000)

    result = sync(project, project / "definitions")

    assert result.builds["sessions"] == "batch"
    compiled = next(
        project.glob("target/run/heap_connect/models/*/*/unique_sessions_event_id.sql")
    ).read_text()
    assert f'"{INTERNAL}"."int_event_batch"' in compiled
    whole = invoke(["test", "--select", "unique_sessions_event_id"], project)
    assert [n.status for n in whole.nodes if n.resource_type == "test"] == ["fail"]


def test_a_batch_scoped_test_fails_on_a_bad_batch_row(warehouse, tmp_path: Path) -> None:
    """A sessions row the batch writes repeats the event_id of an older row: the batch-scoped
    unique test fails the sync."""
    project, db = warehouse
    _, user = two_users(db)
    first_id = 900_000_000
    # an older row (another session) that holds the event_id the new session's row will have
    execute(
        db,
        f"insert into {OUT}.sessions select * replace (-1 as session_id, {first_id} as event_id) "
        f"from {OUT}.sessions where session_id = (select min(session_id) from {OUT}.sessions)",
    )
    new_session(db, tmp_path / "batch", user, first_id)

    with pytest.raises(SyncFailed) as failed:
        sync(project, project / "definitions")

    assert "test unique_sessions_event_id: fail" in str(failed.value)
    failures = [n.name for n in failed.value.run.nodes if n.status == "fail"]
    assert failures == ["unique_sessions_event_id"]


def load_properties(db: Path, folder: Path, rows: list[tuple[int, dict]]) -> None:
    """Loads user property updates (user id, properties) stamped after every event."""
    (newest,) = query(db, f"select max(time) from {INTERNAL}.int_events")[0]
    at = (newest + timedelta(hours=2)).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3]
    folder.mkdir()
    (folder / "user_properties.jsonl").write_text(
        "".join(
            json.dumps({"user_id": u, "time": at, "loaded_at": at, "properties": p}) + "\n"
            for u, p in rows
        )
    )
    load_directory(db, folder)


def test_new_user_property_columns_take_their_full_build_place(warehouse, tmp_path: Path) -> None:
    """A property first sent in a later sync gets its column among the property columns by
    name, before the user-scope defined properties (the table copied with its batch, decision
    0018); a value its column's type cannot hold rebuilds users from all history; each time
    the table is the one a full build gives."""
    project, db = warehouse
    first, second = two_users(db)
    load_properties(db, tmp_path / "b1", [(first, {"zeta": 3, "Aaa New": "x"})])
    result = sync(project, project / "definitions")
    assert result.builds["users"] == "batch, columns reordered: new column aaa_new, zeta"
    names = [name for name, _ in output_tables(db)["users"][0]]
    assert names[6] == "aaa_new" and names[-2:] == ["zeta", "customer_tier"]
    incremental = output_tables(db)

    load_properties(db, tmp_path / "b2", [(second, {"zeta": "high"})])
    result = sync(project, project / "definitions")
    assert result.builds["users"] == "rebuild: column zeta (bigint) cannot hold text values"
    widened = output_tables(db)
    assert ("zeta", "VARCHAR") in widened["users"][0]

    load_properties(db, tmp_path / "b3", [(second, {"aaa new": "y"})])
    assert sync(project, project / "definitions").builds["users"] == "batch"
    incremental = output_tables(db)
    sync(project, project / "definitions", full_refresh=True)
    assert output_tables(db) == incremental
