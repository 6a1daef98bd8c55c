"""Sync bookkeeping: _sync_history (running -> succeeded / failed, interrupted syncs),
_sync_info per event table, _dropped_tables when an event stops being synced."""

from __future__ import annotations

import json
import os
from datetime import timedelta
from pathlib import Path

import duckdb
import pytest
import yaml

from conftest import FIXTURES, columns, keep_events, query, warehouse_files
from heapgen.cli import main
from heapgen.dbt_runner import invoke
from heapgen.load import load_directory
from heapgen.sync import SyncFailed, sync

OUT = "main_production"
EVENTS = ("View Pricing Page", "Any Event On Checkout")


@pytest.fixture
def project(project: Path) -> Path:
    keep_events(project, *EVENTS)
    return project


def db() -> Path:
    return Path(os.environ["HEAP_CONNECT_DB"])


def history() -> list[tuple]:
    return query(
        db(),
        f"select status, start_time, finish_time, error, next_scheduled_sync_at "
        f"from {OUT}._sync_history order by start_time",
    )


def test_bookkeeping_tables_match_the_spec(project: Path) -> None:
    load_directory(db(), FIXTURES / "pipeline")
    sync(project, project / "definitions")
    spec = query(
        db(),
        f"select table_name, column_name, data_type from "
        f"{OUT}_internal.heap_connect__column_spec order by column_position",
    )
    duck = {"bigint": "BIGINT", "text": "VARCHAR", "timestamp": "TIMESTAMP"}
    for table in ("_sync_history", "_sync_info", "_dropped_tables"):
        expected = [(name, duck[kind]) for t, name, kind in spec if t == table]
        assert columns(db(), OUT, table) == expected


def test_a_successful_sync_is_recorded_with_its_tables(project: Path) -> None:
    load_directory(db(), FIXTURES / "pipeline")
    sync(project, project / "definitions")
    [(status, start, finish, error, next_sync)] = history()
    assert (status, error) == ("succeeded", None)
    assert start <= finish and next_sync - start == timedelta(hours=24)
    info = query(
        db(),
        f"select event_table_name, sync_started, sync_ended, synced_to_time, "
        f"inserted_row_count from {OUT}._sync_info order by 1",
    )
    assert [row[0] for row in info] == ["any_event_on_checkout", "view_pricing_page"]
    for name, started, ended, synced_to, inserted in info:
        assert start <= started <= ended <= finish
        assert (synced_to, inserted) == query(
            db(), f"select max(time), count(*) from {OUT}.{name}"
        )[0]
    # a second sync adds a history row and a row per table, and keeps the earlier ones; with
    # nothing new to read it builds no table and inserts no rows (decision 0024)
    second = sync(project, project / "definitions")
    assert second.nothing_new and second.builds == {}
    [_, (_, second_start, second_finish, *_)] = history()
    assert [row[0] for row in history()] == ["succeeded", "succeeded"]
    assert query(db(), f"select count(*) from {OUT}._sync_info") == [(4,)]
    latest = query(
        db(),
        f"select event_table_name, sync_started, sync_ended, synced_to_time, "
        f"inserted_row_count from {OUT}._sync_info order by sync_started, 1",
    )[2:]
    assert [row[0] for row in latest] == ["any_event_on_checkout", "view_pricing_page"]
    for name, started, ended, synced_to, inserted in latest:
        assert second_start <= started <= ended <= second_finish
        assert (synced_to, inserted) == (
            query(db(), f"select max(time) from {OUT}.{name}")[0][0],
            0,
        )


def test_a_failed_sync_is_recorded_with_its_error(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_directory(db(), FIXTURES / "pipeline")
    sync(project, project / "definitions")
    raw = tmp_path / "cycle"
    raw.mkdir()
    rows = [
        {"user_id": 7, "identity": "x", "time": "2026-01-02 00:00:00"},
        {"user_id": 8, "identity": "y", "time": "2026-01-02 00:00:00"},
        {"user_id": 8, "identity": "x", "time": "2026-01-02 01:00:00"},
        {"user_id": 7, "identity": "y", "time": "2026-01-02 02:00:00"},
    ]
    (raw / "identifies.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    load_directory(db(), raw)
    with pytest.raises(SyncFailed):
        sync(project, project / "definitions")
    (_, *_), (status, start, finish, error, _) = history()
    assert status == "failed" and start <= finish
    assert "int_user_map" in error and "user migration cycle: users 7, 8" in error

    # `heapgen status` exits non-zero (for monitoring), shows the error, and writes nothing
    before = warehouse_files(db())
    capsys.readouterr()
    from heapgen import cli

    monkeypatch.setattr(cli.console, "width", 1000)  # the error's lines whole in their cell
    assert main(["status", "--project-dir", str(project), "--json"]) == 1
    shown = json.loads(capsys.readouterr().out)
    assert shown["failed"] and shown["latest_sync"]["error"] == error
    assert main(["status", "--project-dir", str(project)]) == 1
    out = capsys.readouterr().out
    assert "the latest sync failed" in out and all(line in out for line in error.splitlines())
    assert warehouse_files(db()) == before


def test_an_interrupted_sync_is_marked_failed_by_the_next(project: Path) -> None:
    load_directory(db(), FIXTURES / "pipeline")
    sync(project, project / "definitions")
    with duckdb.connect(str(db())) as con:  # what a killed process leaves behind
        con.execute(
            f"insert into {OUT}._sync_history values "
            "('running', '2026-01-01 00:00:00', null, null, '2026-01-02 00:00:00')"
        )
    sync(project, project / "definitions")
    statuses = [(row[0], row[3]) for row in history()]
    assert statuses[0] == (
        "failed",
        "interrupted: the sync ended before it could record its outcome",
    )
    assert [s for s, _ in statuses[1:]] == ["succeeded", "succeeded"]


def set_synced(project: Path, name: str, synced: bool) -> None:
    """Set `sync:` of event `name`, and remove the segments (a segment must not count an
    unsynced event)."""
    for path in (project / "definitions").rglob("*.yml"):
        data = yaml.safe_load(path.read_text()) or {}
        data.pop("segments", None)
        for event in data.get("events", []):
            if event["name"] == name:
                event["sync"] = synced
        path.write_text(yaml.safe_dump(data, sort_keys=False))


def output_table_names() -> set[str]:
    return {
        t
        for (t,) in query(
            db(), f"select table_name from information_schema.tables where table_schema = '{OUT}'"
        )
    }


def dropped_tables() -> list[str]:
    return [t for (t,) in query(db(), f"select event_table_name from {OUT}._dropped_tables")]


def test_unsyncing_an_event_drops_its_table_and_records_it(project: Path) -> None:
    load_directory(db(), FIXTURES / "pipeline")
    sync(project, project / "definitions")
    set_synced(project, "View Pricing Page", False)
    sync(project, project / "definitions")
    tables = output_table_names()
    assert "view_pricing_page" not in tables and "any_event_on_checkout" in tables
    assert dropped_tables() == ["view_pricing_page"]
    sync(project, project / "definitions")  # dropped once, not again
    assert query(db(), f"select count(*) from {OUT}._dropped_tables") == [(1,)]


def test_a_table_dropped_by_a_killed_sync_is_recorded_by_the_next(project: Path) -> None:
    """A sync killed after it dropped an unsynced event's table and before it recorded the
    drop (on DuckDB each statement of the on-run-end hook commits by itself: SIGKILL there
    leaves exactly this): the next sync records it in _dropped_tables, once. Synced again,
    then unsynced again, it is recorded a second time."""
    load_directory(db(), FIXTURES / "pipeline")
    sync(project, project / "definitions")
    set_synced(project, "View Pricing Page", False)
    with duckdb.connect(str(db())) as con:  # what the killed sync left behind
        con.execute(f"drop table {OUT}.view_pricing_page")
        con.execute(
            f"insert into {OUT}._sync_history values "
            "('running', now()::timestamp, null, null, now()::timestamp)"
        )
    sync(project, project / "definitions")
    assert [status for status, *_ in history()] == ["succeeded", "failed", "succeeded"]
    assert dropped_tables() == ["view_pricing_page"]
    sync(project, project / "definitions")
    assert dropped_tables() == ["view_pricing_page"]

    set_synced(project, "View Pricing Page", True)
    sync(project, project / "definitions")
    assert "view_pricing_page" in output_table_names()
    set_synced(project, "View Pricing Page", False)
    sync(project, project / "definitions")
    assert "view_pricing_page" not in output_table_names()
    assert dropped_tables() == ["view_pricing_page", "view_pricing_page"]


def test_commands_that_do_not_sync_record_nothing(project: Path) -> None:
    load_directory(db(), FIXTURES / "pipeline")
    sync(project, project / "definitions")
    assert invoke(["test"], project).success
    assert invoke(["compile"], project).success
    assert len(history()) == 1


def test_an_archived_event_keeps_its_table_frozen_until_unarchived(
    project: Path, tmp_path: Path
) -> None:
    load_directory(db(), FIXTURES / "pipeline")
    sync(project, project / "definitions")
    path = next(
        p
        for p in (project / "definitions").rglob("*.yml")
        if "Any Event On Checkout" in p.read_text()
    )

    def set_archived(value: bool) -> None:
        data = yaml.safe_load(path.read_text())
        for event in data["events"]:
            if event["name"] == "Any Event On Checkout":
                event["archived"] = value
        path.write_text(yaml.safe_dump(data, sort_keys=False))

    def rows() -> int:
        return query(db(), f"select count(*) from {OUT}.any_event_on_checkout")[0][0]

    before = rows()
    set_archived(True)
    sync(project, project / "definitions")
    raw = tmp_path / "later"
    raw.mkdir()
    (raw / "events.jsonl").write_text(
        json.dumps(
            {
                "event_id": 77001,
                "user_id": 1,
                "session_id": 10,
                "time": "2026-01-03 00:00:00",
                "library": "web",
                "type": "view page",
                "path": "/checkout",
            }
        )
        + "\n"
    )
    load_directory(db(), raw)
    sync(project, project / "definitions")
    assert rows() == before  # frozen: the new checkout pageview is not added
    info = query(
        db(),
        f"select count(*) from {OUT}._sync_info where event_table_name = 'any_event_on_checkout'",
    )
    assert info == [(1,)]  # only the sync before it was archived
    set_archived(False)
    sync(project, project / "definitions")
    assert rows() == before + 1  # un-archived: rebuilt from all history
