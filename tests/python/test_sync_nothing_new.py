"""A sync with nothing new runs no build (decision 0024): when the project is the one the
last sync built, that sync succeeded and no raw row, identify, migration or deletion is
waiting, `heapgen sync` records the sync and leaves every table as it is. Anything else
builds: new raw rows, an edited definition, other vars, a sync that did not finish."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import duckdb
import pytest

from conftest import FIXTURES, keep_events, output_tables, query
from heapgen.load import load_directory
from heapgen.sync import sync

OUT = "main_production"
EVENTS = ("View Pricing Page", "Any Event On Checkout")


@pytest.fixture
def project(project: Path) -> Path:
    keep_events(project, *EVENTS)
    return project


def db() -> Path:
    return Path(os.environ["HEAP_CONNECT_DB"])


def statuses() -> list[str]:
    return [
        s for (s,) in query(db(), f"select status from {OUT}._sync_history order by start_time")
    ]


def test_nothing_new_records_a_sync_and_changes_no_table(project: Path) -> None:
    load_directory(db(), FIXTURES / "pipeline")
    first = sync(project, project / "definitions")
    assert not first.nothing_new
    tables = output_tables(db(), OUT)
    info = f"select event_table_name, inserted_row_count from {OUT}._sync_info"
    first_info = query(db(), info)
    second = sync(project, project / "definitions")
    assert second.nothing_new
    assert second.run.nodes == []  # no dbt node ran
    assert statuses() == ["succeeded", "succeeded"]
    assert output_tables(db(), OUT) == tables
    # every output table counted, none written
    assert second.row_counts.keys() == first.row_counts.keys()
    assert {name: rows for name, (rows, _) in second.row_counts.items()} == {
        name: rows for name, (rows, _) in first.row_counts.items()
    }
    assert all(written == 0 for _, written in second.row_counts.values())
    # _sync_info: a row per event table, as for any sync, none inserted
    added = sorted((Counter(query(db(), info)) - Counter(first_info)).elements())
    assert added == sorted((name.lower().replace(" ", "_"), 0) for name in EVENTS)


def test_new_rows_an_edit_other_vars_or_an_unfinished_sync_build(project: Path) -> None:
    load_directory(db(), FIXTURES / "pipeline")
    sync(project, project / "definitions")
    # other vars: another project
    assert not sync(project, project / "definitions", dbt_vars={"x": 1}).nothing_new
    assert not sync(project, project / "definitions", dbt_vars={"x": 2}).nothing_new
    assert sync(project, project / "definitions", dbt_vars={"x": 2}).nothing_new
    assert sync(project, project / "definitions").nothing_new is False  # vars back to none
    assert sync(project, project / "definitions").nothing_new
    # an edited definition
    web = project / "definitions" / "events" / "web.yml"
    text = web.read_text()
    web.write_text(text.replace("path: /pricing\n", "path: /pricing/plans\n", 1))
    assert web.read_text() != text
    assert not sync(project, project / "definitions").nothing_new
    assert sync(project, project / "definitions").nothing_new
    # a sync that did not finish: its row is the newest and still running
    with duckdb.connect(str(db())) as con:
        con.execute(
            f"insert into {OUT}._sync_history (status, start_time) select 'running', "
            f"max(start_time) + interval 1 microsecond from {OUT}._sync_history"
        )
    assert not sync(project, project / "definitions").nothing_new
    assert "failed" in statuses()
    # new raw rows (the same files again: late duplicates, still rows to read)
    assert sync(project, project / "definitions").nothing_new
    load_directory(db(), FIXTURES / "pipeline")
    assert not sync(project, project / "definitions").nothing_new
    # --full-refresh always builds
    assert not sync(project, project / "definitions", full_refresh=True).nothing_new
