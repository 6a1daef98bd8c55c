"""A model's own SQL and the heap_connect macros it calls are part of its state
(macros/incremental/model_logic_hash.sql): a new heap_connect version whose logic changed
rebuilds exactly the tables that logic reaches, says why (`logic changed`), and `heapgen plan`
lists them first. A state written before the logic hash existed rebuilds once."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from conftest import copy_project, keep_events, output_tables
from heapgen.load import load_directory
from heapgen.sample import write_sample
from heapgen.sync import SyncResult, sync

OUT = "main_production"
EVENTS = ("View Pricing Page", "Add To Cart", "Big Order", "View Product Screen")
TABLES = {"view_pricing_page", "add_to_cart", "big_order", "view_product_screen"}
SHARED = {"int_events", "int_events_labeled", "int_sessions", "sessions", "pageviews", "users"}


def planned(project: Path) -> dict[str, str]:
    """`heapgen plan`'s rebuilds (table or model: why), read against the warehouse."""
    from heapgen.cli import _warehouse_state
    from heapgen.generate import prepare

    built = _warehouse_state(project, None)
    changes = prepare(project, project / "definitions").changes(built)
    return {c.table: c.detail for c in changes if c.action == "rebuild"}


def rebuilt(result: SyncResult) -> dict[str, str]:
    """The incremental models a sync built from all history, and why: every other one it
    built took the batch."""
    builds = result.builds
    assert set(builds) == TABLES | SHARED
    return {t: b for t, b in builds.items() if b != "batch"}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert text.count(old) == 1, f"{path}: {old!r}"
    path.write_text(text.replace(old, new))


def test_a_logic_change_rebuilds_exactly_the_tables_it_reaches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    from heapgen.cli import main

    project = copy_project(tmp_path / "project")
    keep_events(project, *EVENTS)
    db = tmp_path / "warehouse.duckdb"
    monkeypatch.setenv("HEAP_CONNECT_DB", str(db))
    write_sample(tmp_path / "raw", users=40, days=2, seed=5)
    load_directory(db, tmp_path / "raw")
    sync(project, project / "definitions")
    synced = output_tables(db)
    assert planned(project) == {}

    # a macro every event table reaches (and nothing else does)
    edit(
        project / "macros" / "event_tables" / "event_table_layout.sql",
        "{%- set columns = [] -%}",
        "{#- a new heap_connect version -#}{%- set columns = [] -%}",
    )
    assert planned(project) == dict.fromkeys(TABLES, "logic changed")
    assert main(["plan", "--project-dir", str(project)]) == 0
    out = capsys.readouterr().out
    assert "0 create, 4 rebuild, 0 rename, 0 archive, 0 drop, 0 unchanged" in out
    assert out.count("logic changed") == len(TABLES)
    result = sync(project, project / "definitions")
    assert rebuilt(result) == dict.fromkeys(TABLES, "rebuild: logic changed")
    assert planned(project) == {}
    assert output_tables(db) == synced

    # pageviews' own SQL: pageviews alone (all_events, a view, is built every sync anyway)
    edit(
        project / "models" / "heap_connect" / "pageviews.sql",
        "where {{ heap_connect.is_pageview('e') }}",
        "where {{ heap_connect.is_pageview('e') }} and true",
    )
    assert planned(project) == {"pageviews": "logic changed"}
    result = sync(project, project / "definitions")
    assert rebuilt(result) == {"pageviews": "rebuild: logic changed"}
    assert output_tables(db) == synced

    # a warehouse synced by the previous version (states without a logic part, and no
    # project recorded for a sync with nothing new, decision 0024): every incremental model
    # is rebuilt once, int_events from the raw rows included
    with duckdb.connect(str(db)) as con:
        con.execute(f"delete from {OUT}_internal._heap_synced_project")
        con.execute(
            f"update {OUT}_internal._heap_sync_state set state_hash = "
            "regexp_replace(state_hash, '\\|[^|]*$', '') where state_hash <> 'view'"
        )
        states = con.execute(f"select state_hash from {OUT}_internal._heap_sync_state").fetchall()
    assert all(state.count("|") <= 1 for (state,) in states)
    assert planned(project) == dict.fromkeys(TABLES | SHARED, "logic changed")
    result = sync(project, project / "definitions")
    assert rebuilt(result) == dict.fromkeys(TABLES | SHARED, "rebuild: logic changed")
    assert output_tables(db) == synced
    assert planned(project) == {}
    assert sync(project, project / "definitions").nothing_new
