"""Identity: identity owners, user migrations (second devices, chains, cycles) applied to
every table, users merged, user properties latest-wins across merged users."""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path

import pytest

from conftest import FIXTURES, keep_events, output_tables, query
from heapgen.dbt_runner import invoke
from heapgen.load import load_directory
from heapgen.sync import SyncFailed, sync

OUT = "main_production"
IDENTITY = FIXTURES / "identity"
TABLES_WITH_USERS = ("sessions", "pageviews", "view_pricing_page", "any_event_on_checkout")


def db() -> Path:
    return Path(os.environ["HEAP_CONNECT_DB"])


@pytest.fixture
def project(project: Path) -> Path:
    keep_events(project, "View Pricing Page", "Any Event On Checkout")
    return project


def raw_dir(root: Path, name: str, **files: list[dict]) -> Path:
    """A directory of raw capture files holding `files` (table name -> rows)."""
    directory = root / name
    directory.mkdir(parents=True)
    for table in ("events", "identifies", "user_properties"):
        rows = files.get(table, [])
        (directory / f"{table}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    return directory


def fixture_rows(table: str) -> list[dict]:
    return [json.loads(line) for line in (IDENTITY / f"{table}.jsonl").read_text().splitlines()]


def table_names() -> list[str]:
    rows = query(
        db(),
        f"select table_name from information_schema.tables where table_schema = '{OUT}' order by 1",
    )
    return [t for (t,) in rows]


def snapshot() -> dict:
    return output_tables(db(), OUT)


def assert_no_table_references_a_migrated_user() -> None:
    migrated = {r[0] for r in query(db(), f"select from_user_id from {OUT}.user_migrations")}
    assert migrated
    for table in table_names():
        names = {
            c
            for (c,) in query(
                db(),
                "select column_name from information_schema.columns "
                f"where table_schema = '{OUT}' and table_name = '{table}'",
            )
        }
        if "user_id" in names:
            ids = {r[0] for r in query(db(), f"select distinct user_id from {OUT}.{table}")}
            assert not ids & migrated, table


def check_merged_state() -> None:
    assert sorted(query(db(), f"select * from {OUT}.user_migrations")) == [
        (1, 3, datetime(2026, 1, 1, 13)),
        (2, 3, datetime(2026, 1, 1, 12)),
    ]
    users = {
        r[0]: r
        for r in query(
            db(),
            f"select user_id, identity, email, joindate, "
            f"last_modified, plan, device_note from {OUT}.users",
        )
    }
    assert set(users) == {3, 5}
    assert users[3][1:] == (
        "cat@example.com",  # the surviving user's own identity
        "cat@example.com",
        datetime(2026, 1, 1, 8),  # earliest joindate of the merged users
        datetime(2026, 1, 1, 14),  # latest change of any of them
        "pro",  # latest value by time across the merged users (user 1 at 12:30)
        "tablet",  # user 2's later update, after its migration
    )
    assert query(db(), f"select session_id, user_id from {OUT}.sessions order by 1") == [
        (10, 3),
        (20, 3),
        (30, 3),
        (50, 5),
    ]
    assert query(db(), f"select event_id, user_id from {OUT}.pageviews order by 1") == [
        (101, 3),
        (201, 3),
        (301, 3),
        (501, 5),
    ]
    assert query(db(), f"select event_id, user_id from {OUT}.view_pricing_page order by 1") == [
        (101, 3),
        (301, 3),
    ]
    assert_no_table_references_a_migrated_user()


def test_second_device_and_chain_are_merged_everywhere(project: Path) -> None:
    load_directory(db(), IDENTITY)
    sync(project, project / "definitions")
    check_merged_state()


def test_migrations_arriving_after_the_events_they_move(project: Path, tmp_path: Path) -> None:
    """Migrations arriving after the events they move: the next sync gives the merged state,
    and, as the events changed only user, it updates their rows in place (DuckDB keeps an
    updated row's rowid; a row deleted and inserted again gets a new one) in the event
    tables, pageviews and sessions (decision 0008)."""
    events = raw_dir(
        tmp_path,
        "first",
        events=fixture_rows("events"),
        user_properties=fixture_rows("user_properties"),
    )
    load_directory(db(), events)
    sync(project, project / "definitions")
    assert {r[0] for r in query(db(), f"select user_id from {OUT}.users")} == {1, 2, 3, 5}
    keys = {t: "session_id" if t == "sessions" else "event_id" for t in TABLES_WITH_USERS}

    def rows() -> dict[str, list[tuple]]:
        return {
            t: query(db(), f"select {k}, rowid, user_id from {OUT}.{t} order by 1")
            for t, k in keys.items()
        }

    before = rows()
    load_directory(db(), raw_dir(tmp_path, "later", identifies=fixture_rows("identifies")))
    sync(project, project / "definitions")
    check_merged_state()
    after = rows()
    moved = [t for t, held in before.items() if [r[2] for r in after[t]] != [r[2] for r in held]]
    assert moved == ["sessions", "pageviews", "view_pricing_page"]
    for table, held in before.items():
        assert [r[:2] for r in after[table]] == [r[:2] for r in held], table


def test_properties_set_before_and_after_a_migration(project: Path, tmp_path: Path) -> None:
    load_directory(db(), IDENTITY)
    sync(project, project / "definitions")
    late = [
        {"user_id": 2, "time": "2026-01-02 00:00:00", "properties": {"plan": "team"}},
        {"user_id": 1, "time": "2025-12-31 00:00:00", "properties": {"plan": "old"}},
    ]
    load_directory(db(), raw_dir(tmp_path, "props", user_properties=late))
    sync(project, project / "definitions")
    assert query(db(), f"select plan from {OUT}.users where user_id = 3") == [("team",)]


def test_a_cycle_fails_the_sync_naming_the_users_and_changes_nothing(
    project: Path, tmp_path: Path
) -> None:
    load_directory(db(), IDENTITY)
    sync(project, project / "definitions")
    before = snapshot()
    cycle = [
        {"user_id": 7, "identity": "x@example.com", "time": "2026-01-02 00:00:00"},
        {"user_id": 8, "identity": "y@example.com", "time": "2026-01-02 00:00:00"},
        {"user_id": 8, "identity": "x@example.com", "time": "2026-01-02 01:00:00"},
        {"user_id": 7, "identity": "y@example.com", "time": "2026-01-02 02:00:00"},
    ]
    load_directory(db(), raw_dir(tmp_path, "cycle", identifies=cycle))
    with pytest.raises(SyncFailed) as error:
        sync(project, project / "definitions")
    assert "user migration cycle: users 7, 8" in str(error.value)
    assert snapshot() == before


def test_applying_migrations_twice_changes_nothing(project: Path) -> None:
    load_directory(db(), IDENTITY)
    sync(project, project / "definitions")
    before = snapshot()
    # rows written before their migration arrived: put old ids back, then apply twice
    import duckdb

    with duckdb.connect(str(db())) as con:
        con.execute(f"update {OUT}.pageviews set user_id = 2 where event_id = 201")
        con.execute(f"update {OUT}.view_pricing_page set user_id = 1 where event_id = 101")
    sql = (
        "{% for t in ['pageviews', 'view_pricing_page'] %}"
        "{{ heap_connect.apply_user_migrations(api.Relation.create(database=target.database, "
        "schema='main_production', identifier=t)) }};\n{% endfor %}"
    )
    run = invoke(["compile", "--inline", sql], project)
    assert run.success
    with duckdb.connect(str(db())) as con:
        for _ in range(2):
            for statement in filter(str.strip, run.compiled.split(";")):
                con.execute(statement)
    assert snapshot() == before
