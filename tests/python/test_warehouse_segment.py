"""The Segment / RudderStack staging models on each warehouse stand-in equal the same models
on DuckDB.

`source: {kind: rudderstack}` over test_segment's TABLES (pages, screens, a per-event table,
tracks, identifies, aliases), loaded (and checked) by `heapgen load`'s loader into a DuckDB
file with typed property and trait columns, as the trackers create them, then copied into each
stand-in through its own client (warehouses/warehouse_tables.py). Only the staging models are
built there (`dbt build -s staging`); the three staging views are read back and must equal
DuckDB's: same columns, same rows, ids included (heap_connect.string_id), `properties` compared
as JSON. The real forms of the stand-in-only SQL are compiled and parsed by
test_offline_compile.py.

    HEAP_CONNECT_TEST_TARGET=postgres,redshift .venv/bin/pytest -m warehouses \\
        tests/python/test_warehouse_segment.py
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import REPO, copy_project
from heapgen.definitions import load_settings
from heapgen.generate import generate
from test_segment import TABLES, rudderstack_project
from test_warehouse_posthog import BUILD, duckdb_staging, staging
from test_warehouse_sync import assert_same, selected_targets

sys.path.insert(0, str(REPO / "warehouses"))

import stand_ins  # noqa: E402
import warehouse_tables  # noqa: E402

pytestmark = pytest.mark.warehouses

TARGETS = selected_targets()
# the types the trackers give these property and trait columns (the loader's default: JSON)
TYPED = {"revenue": "BIGINT", "first_order": "BOOLEAN", "coupon": "VARCHAR", "plan": "VARCHAR"}


def _typed_tables(project: Path) -> dict:
    tables = load_settings(project / "definitions").source.tables()
    return {
        name: replace(table, columns=tuple(
            replace(c, type=TYPED[c.name], any_json=False) if c.name in TYPED else c
            for c in table.columns
        ))
        for name, table in tables.items()
    }  # fmt: skip


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The project with `source: rudderstack` (its models generated), the DuckDB file its
    tables are loaded into, and DuckDB's staging views built from it."""
    root = tmp_path_factory.mktemp("segment_staging")
    project = rudderstack_project(copy_project(root / "project"))
    generate(project, project / "definitions")
    tables = _typed_tables(project)
    files = root / "files"
    files.mkdir()
    for name, rows in TABLES.items():
        (files / f"{name}.jsonl").write_text("".join(json.dumps(row) + "\n" for row in rows))
    raw, got = duckdb_staging(root, project, files, tables)
    calls = len(TABLES["pages"]) + len(TABLES["screens"]) + len(TABLES["tracks"])
    assert len(got["stg_events"][1]) == calls
    assert len(got["stg_identifies"][1]) == 4 and len(got["stg_user_properties"][1]) == 2
    counts = {name: len(rows) for name, rows in TABLES.items()}
    return {"project": project, "raw": raw, "tables": got, "typed": tables, "counts": counts}


@pytest.mark.parametrize("target", TARGETS)
def test_segment_staging_equals_duckdb(
    target: str, reference: dict, tmp_path: Path, record_property
) -> None:
    record_property("warehouse", target)
    started = time.monotonic()
    state = stand_ins.up(tmp_path / "stand_ins", [target])
    try:
        loaded = warehouse_tables.load_raw(
            state, target, reference["raw"], tables=reference["typed"]
        )
        assert loaded == {name: reference["counts"].get(name, 0) for name in reference["typed"]}
        result = stand_ins.run_dbt(state, target, BUILD, reference["project"])
        record_property("detail", f"dbt build -s staging {result.seconds:.0f} s")
        result.check()
        assert_same(staging(state, target), reference["tables"], target)
    finally:
        record_property("seconds", round(time.monotonic() - started, 1))
        stand_ins.down(tmp_path / "stand_ins")
