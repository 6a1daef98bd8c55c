"""User deletion (GDPR erasure): `heapgen delete-users` records requests, the next sync
removes those users (every user id merged into them included) from the raw tables, the
intermediate tables and every output table, and nothing brings them back: not a later sync,
not `--full-refresh`, not a raw row that arrives late (dropped and counted). After the
deletion the incremental tables equal one full build of the raw data without those users,
and the next export sends the tables that lost rows whole."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import FIXTURES, MARTS, copy_project, enable_marts, keep_events, query, without_users
from heapgen.cli import main
from heapgen.load import load_directory
from heapgen.sample import write_sample
from heapgen.sync import sync

OUT = "main_production"
INTERNAL = "main_production_internal"
EVENTS = ("View Pricing Page", "Add To Cart", "Big Order", "Any Event On Checkout")
# the identity fixture: 1 owns ann@, 2 -> 1 (ann@), 3 owns cat@, 1 -> 3 (cat@): one person
PERSON = {1, 2, 3}
NOT_COMPARED = {"_sync_history", "_sync_info", "_dropped_tables"}


def ordered_tables(db: Path, schema: str) -> dict[str, tuple[list[tuple], list[tuple]]]:
    """Every table and view of `schema`: (columns in order with types, sorted rows)."""
    names = [
        name
        for (name,) in query(
            db, f"select table_name from information_schema.tables where table_schema = '{schema}'"
        )
    ]
    tables = {}
    for name in sorted(names):
        cols = query(
            db,
            "select column_name, data_type from information_schema.columns "
            f"where table_schema = '{schema}' and table_name = '{name}' order by ordinal_position",
        )
        rows = sorted(query(db, f'select * from {schema}."{name}"'), key=repr)
        tables[name] = (cols, rows)
    return tables


def user_rows(db: Path, users: set[int]) -> dict[str, int]:
    """Per table of heap_raw, the internal schema and the output schema (views included),
    how many rows name one of `users` in a user id column (_deleted_users aside)."""
    listed = ", ".join(map(str, sorted(users)))
    found = {}
    for schema, table, column in query(
        db,
        "select table_schema, table_name, column_name from information_schema.columns "
        f"where table_schema in ('heap_raw', '{INTERNAL}', '{OUT}') "
        "and column_name in ('user_id', 'from_user_id', 'to_user_id') "
        "and table_name not in ('_deleted_users', '_heap_deletion_requests')",
    ):
        count = query(db, f'select count(*) from {schema}."{table}" where {column} in ({listed})')
        if count[0][0]:
            found[f"{schema}.{table}.{column}"] = count[0][0]
    return found


def deleted_users(db: Path) -> list[tuple]:
    return query(
        db,
        "select user_id, table_name, sum(rows_removed) from "
        f"{INTERNAL}._deleted_users group by all order by all",
    )


@pytest.fixture
def raw(tmp_path: Path) -> list[Path]:
    """A small sample plus the identity fixture (one person under three merged ids). Loaded
    at once: the syncs after it bring no new property key, so the comparison with a full
    build holds the columns' order too (a key first seen in a later batch is another matter:
    test_sync_equivalence.py)."""
    write_sample(tmp_path / "sample", users=30, days=2, seed=7)
    return [tmp_path / "sample", FIXTURES / "identity"]


def test_deleted_users_leave_every_table_and_never_come_back(
    raw: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = enable_marts(copy_project(tmp_path / "project"))  # deleted users leave them too
    keep_events(project, *EVENTS)
    db = tmp_path / "warehouse.duckdb"
    monkeypatch.setenv("HEAP_CONNECT_DB", str(db))
    args = ["--project-dir", str(project)]
    for folder in raw:
        load_directory(db, folder)
    sync(project, project / "definitions")
    assert main(["export", "--to", str(tmp_path / "dump"), *args]) == 0

    # the sample user with the most events, by user id in a CSV file; the person of the
    # identity fixture by an identity of one of its merged ids; an id never seen
    (sample_user,) = query(
        db,
        f"select user_id from {INTERNAL}.int_events where user_id > 3 "
        "group by user_id order by count(*) desc, user_id limit 1",
    )[0]
    ids_file = tmp_path / "ids.csv"
    ids_file.write_text(f"user_id,identity\n{sample_user},\n")
    unknown = 987654321
    gone = PERSON | {sample_user}
    before = user_rows(db, gone)
    assert {
        "heap_raw.events.user_id",
        f"{OUT}.sessions.user_id",
        f"{OUT}.users.user_id",
        *(f"{OUT}.{mart}.user_id" for mart in MARTS),
    } <= set(before)
    assert f"{OUT}.user_migrations.from_user_id" in before, "the person's merged ids"
    tagged = query(
        db,
        f"select count(*) from {INTERNAL}.int_events_labeled where event_id in "
        f"(select event_id from {INTERNAL}.int_events where user_id in (1, 2, 3, {sample_user}))",
    )[0][0]
    assert tagged > 0

    command = ["delete-users", "--identity", "ann@example.com", "--file", str(ids_file)]
    assert main([*command, "--user-id", str(unknown), *args]) == 0
    pending = query(db, f"select user_id, identity from {INTERNAL}._heap_deletion_requests")
    assert sorted(pending, key=repr) == sorted(
        [(None, "ann@example.com"), (sample_user, None), (unknown, None)], key=repr
    )
    assert user_rows(db, gone) == before, "recording a request deletes nothing yet"

    result = sync(project, project / "definitions")
    assert user_rows(db, gone) == {}
    assert query(
        db,
        f"select count(*) from {INTERNAL}.int_events_labeled where event_id not in "
        f"(select event_id from {INTERNAL}.int_events)",
    ) == [(0,)]
    assert query(db, f"select count(*) from {INTERNAL}._heap_deletion_requests") == [(0,)]
    # every id recorded once as applied, the rows removed counted per table
    applied = query(
        db,
        f"select user_id from {INTERNAL}._deleted_users where table_name is null order by 1",
    )
    assert applied == [(i,) for i in sorted(gone | {unknown})]
    removed = {}
    for _, table, rows in deleted_users(db):
        if table:
            removed[table] = removed.get(table, 0) + rows
    assert removed["heap_raw.events"] == before["heap_raw.events.user_id"]
    assert removed["heap_raw.identifies"] == before["heap_raw.identifies.user_id"]
    assert removed[f"{OUT}.sessions"] == before[f"{OUT}.sessions.user_id"]
    for mart in MARTS:
        assert removed[f"{OUT}.{mart}"] == before[f"{OUT}.{mart}.user_id"]
    assert removed[f"{INTERNAL}.int_events_labeled"] == tagged
    users, summary = result.deletions
    assert users == len(gone | {unknown}) and summary == removed
    # event tables that lost rows are rebuilt (their property columns follow what is left)
    assert result.builds.get("add_to_cart") == "rebuild: users deleted"
    assert result.builds.get("sessions") == "batch"

    # the next export: the tables that lost rows go whole
    assert main(["export", "--to", str(tmp_path / "dump"), *args]) == 0
    manifest = json.loads((tmp_path / "dump" / "manifests" / "sync_2.json").read_text())
    whole = {t["name"]: t["incremental"] for t in manifest["tables"]}
    assert whole["users"] is False and whole["sessions"] is False, manifest
    assert whole["pageviews"] is False and whole["add_to_cart"] is False

    # late rows: an event of the person loaded late with an old loaded_at, and an identify
    # of the sample user
    late = tmp_path / "late"
    late.mkdir()
    event = {
        "event_id": 99999901,
        "user_id": 2,
        "session_id": 99999901,
        "time": "2026-01-01 10:00:00",
        "loaded_at": "2025-06-01 00:00:00",
        "library": "web",
        "type": "view page",
        "is_custom": False,
        "path": "/pricing",
    }
    identify = {
        "user_id": sample_user,
        "identity": "late@example.com",
        "time": "2026-01-02 00:00:00",
        "loaded_at": "2026-01-02 00:00:01",
    }
    (late / "events.jsonl").write_text(json.dumps(event) + "\n")
    (late / "identifies.jsonl").write_text(json.dumps(identify) + "\n")
    load_directory(db, late)
    log = project / "logs" / "dbt.log"
    logged_before = log.stat().st_size
    result = sync(project, project / "definitions")
    assert user_rows(db, gone) == {}
    # a table holding none of their rows is asked (one count) and left alone: on Spark a
    # delete writes the whole table again, on every sync after a deletion
    statements = log.read_text()[logged_before:]
    for table, deleted_from in (("events", True), ("identifies", True), ("user_properties", False)):
        delete = re.compile(rf'delete from "[^"]+"\."heap_raw"\."{table}"\s+where user_id in')
        assert bool(delete.search(statements)) is deleted_from, table
    counted = query(
        db,
        f"select table_name, sum(rows_removed) from {INTERNAL}._deleted_users "
        "where applied_at = (select max(applied_at) from "
        f"{INTERNAL}._deleted_users) group by all order by all",
    )
    assert counted == [("heap_raw.events", 1), ("heap_raw.identifies", 1)]
    assert result.deletions[0] == 0, "no new request: late rows only"

    # equal to one full build of the raw data without those users, columns in order
    full = enable_marts(copy_project(tmp_path / "full"))
    keep_events(full, *EVENTS)
    full_db = tmp_path / "full.duckdb"
    monkeypatch.setenv("HEAP_CONNECT_DB", str(full_db))
    load_directory(full_db, without_users([*raw, late], gone, tmp_path / "kept"))
    sync(full, full / "definitions")
    expected = {k: v for k, v in ordered_tables(full_db, OUT).items() if k not in NOT_COMPARED}
    got = {k: v for k, v in ordered_tables(db, OUT).items() if k not in NOT_COMPARED}
    assert sorted(got) == sorted(expected)
    for name in expected:
        assert got[name] == expected[name], name

    # --full-refresh brings nothing back
    monkeypatch.setenv("HEAP_CONNECT_DB", str(db))
    sync(project, project / "definitions", full_refresh=True)
    assert user_rows(db, gone) == {}
    got = {k: v for k, v in ordered_tables(db, OUT).items() if k not in NOT_COMPARED}
    for name in expected:
        assert got[name] == expected[name], name


def test_delete_users_rejects_bad_input_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    project = copy_project(tmp_path / "project")
    monkeypatch.setenv("HEAP_CONNECT_DB", str(tmp_path / "warehouse.duckdb"))
    args = ["--project-dir", str(project)]

    def error() -> str:  # the console wraps long lines
        return " ".join(capsys.readouterr().err.split())

    bad = tmp_path / "ids.csv"
    bad.write_text("user_id\n12\nabc\n")
    assert main(["delete-users", "--file", str(bad), *args]) == 1
    assert f"{bad}:3: user id 'abc' is not a whole number" in error()
    headless = tmp_path / "headless.csv"
    headless.write_text("12\n13\n")
    assert main(["delete-users", "--file", str(headless), *args]) == 1
    assert "line 1 must be a header naming a user_id or an identity column" in error()
    assert main(["delete-users", "--user-id", "x1", *args]) == 1
    assert "--user-id: user id 'x1' is not a whole number" in error()
    assert main(["delete-users", *args]) == 1
    assert "no user to delete" in error()
    assert main(["delete-users", "--user-id", "5", *args]) == 1
    assert "no warehouse at" in error()
    assert not (tmp_path / "warehouse.duckdb").exists()
