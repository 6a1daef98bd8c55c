"""The project's full sync on each warehouse stand-in equals the same sync on DuckDB.

A small `heapgen sample` is loaded (and checked) into DuckDB by `heapgen load`, copied into
`heap_raw` of each stand-in (warehouses/warehouse_tables.py), and the whole project is built
there with `dbt build` (models, data tests, the sync hooks). Every table of the Heap Connect
output schema is then read back and compared with DuckDB's: same tables, same columns in the
same order, same rows (values normalized: times as naive UTC, floats rounded, numerics that
are whole as int). The bookkeeping tables are compared on what does not depend on the clock.

    HEAP_CONNECT_TEST_TARGET=postgres,redshift .venv-warehouses/bin/pytest -m warehouses \
        tests/python/test_warehouse_sync.py

HEAP_CONNECT_TEST_TARGET picks the stand-ins (default: all four); only those are started.
Marker `warehouses`: deselected from `make test` (pyproject addopts) for now.
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
import os
import sys
import time
from pathlib import Path

import pytest

from conftest import FIXTURES, REPO, copy_project
from heapgen.load import load_directory
from heapgen.sample import write_sample

sys.path.insert(0, str(REPO / "warehouses"))

import stand_ins  # noqa: E402
import warehouse_tables  # noqa: E402

pytestmark = pytest.mark.warehouses

OUTPUT_SCHEMA = "main_production"
# Clock-dependent bookkeeping: compared on these columns only.
CLOCK_FREE_COLUMNS = {
    "_sync_history": ["status", "error"],
    "_sync_info": ["event_table_name", "synced_to_time", "inserted_row_count"],
    "_dropped_tables": ["event_table_name"],
}


def selected_targets() -> list[str]:
    value = os.environ.get("HEAP_CONNECT_TEST_TARGET", "")
    targets = [t.strip() for t in value.split(",") if t.strip()] or list(stand_ins.TARGETS)
    unknown = set(targets) - set(stand_ins.TARGETS)
    if unknown:
        raise pytest.UsageError(f"HEAP_CONNECT_TEST_TARGET: unknown {sorted(unknown)}")
    return targets


TARGETS = selected_targets()
TIMINGS: dict[str, dict] = {}


def normalize(value: object) -> object:
    """One comparable form per value, whatever the client returned."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC).replace(tzinfo=None)
        return value.isoformat(sep=" ")
    if isinstance(value, decimal.Decimal):
        value = float(value)
    if isinstance(value, float):
        return int(value) if value.is_integer() else round(value, 6)
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True)
    return value


def snapshot(state: stand_ins.State, target: str) -> dict[str, tuple[list[str], list]]:
    """Every table of the output schema: (columns, sorted normalized rows)."""
    tables = {}
    for table in warehouse_tables.list_tables(state, target, OUTPUT_SCHEMA):
        columns, rows = warehouse_tables.read_table(state, target, OUTPUT_SCHEMA, table)
        keep = CLOCK_FREE_COLUMNS.get(table)
        if keep:
            rows = [tuple(row[columns.index(c)] for c in keep) for row in rows]
            columns = keep
        normalized = sorted((tuple(normalize(v) for v in row) for row in rows), key=repr)
        tables[table] = (columns, normalized)
    return tables


@pytest.fixture(scope="module")
def stand_ins_state(tmp_path_factory: pytest.TempPathFactory):
    directory = tmp_path_factory.mktemp("stand_ins")
    started = time.monotonic()
    state = stand_ins.up(directory, TARGETS)
    TIMINGS["stand-ins up"] = {"seconds": round(time.monotonic() - started, 1)}
    yield state
    stand_ins.down(directory)
    print_summary()


@pytest.fixture(scope="module")
def raw_sample(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """A small generated sample, plus the identity fixture (migrations, a chain) and the
    operators fixture (awkward property keys and values): their ids do not overlap."""
    raw = tmp_path_factory.mktemp("raw")
    write_sample(raw, users=15, days=2, seed=3)
    return [raw, FIXTURES / "identity", FIXTURES / "operators"]


@pytest.fixture(scope="module")
def reference(stand_ins_state, raw_sample: list[Path], tmp_path_factory: pytest.TempPathFactory):
    """The sync on DuckDB: its output tables, and the DuckDB file holding heap_raw."""
    project = copy_project(tmp_path_factory.mktemp("duckdb") / "project")
    for raw in raw_sample:
        load_directory(Path(stand_ins_state.duckdb_path), raw)
    result = stand_ins.run_dbt(stand_ins_state, "duckdb", ["build"], project)
    TIMINGS["duckdb"] = {"seconds": result.seconds, "passed": result.returncode == 0}
    result.check()
    tables = snapshot(stand_ins_state, "duckdb")
    TIMINGS["duckdb"]["rows"] = sum(len(rows) for _, rows in tables.values())
    TIMINGS["duckdb"]["tables"] = len(tables)
    assert tables["user_migrations"][1], "the identity fixture gives migrations"
    return tables


@pytest.mark.parametrize("target", TARGETS)
def test_full_sync_equals_duckdb(
    target: str, stand_ins_state, reference, tmp_path_factory: pytest.TempPathFactory
) -> None:
    started = time.monotonic()
    TIMINGS[target] = {"passed": False}
    project = copy_project(tmp_path_factory.mktemp(target) / "project")
    warehouse_tables.load_raw(stand_ins_state, target, Path(stand_ins_state.duckdb_path))
    result = stand_ins.run_dbt(stand_ins_state, target, ["build"], project)
    TIMINGS[target]["dbt_seconds"] = result.seconds
    result.check()
    got = snapshot(stand_ins_state, target)
    TIMINGS[target]["seconds"] = round(time.monotonic() - started, 1)
    assert sorted(got) == sorted(reference), "same output tables"
    for table, (columns, rows) in reference.items():
        got_columns, got_rows = got[table]
        assert got_columns == columns, f"{target}: columns of {table}"
        assert got_rows == rows, f"{target}: rows of {table}"
    TIMINGS[target]["passed"] = True


def print_summary() -> None:
    lines = ["", "warehouse sync (full build of the sample, compared with DuckDB):"]
    for name, entry in TIMINGS.items():
        status = {True: "pass", False: "FAIL"}.get(entry.get("passed"), "")
        lines.append(
            f"  {name:<14} {status:<5} {entry.get('seconds', '-')!s:>7} s"
            + (f"  (dbt build {entry['dbt_seconds']} s)" if "dbt_seconds" in entry else "")
            + (f"  ({entry['rows']} rows in {entry['tables']} tables)" if "rows" in entry else "")
        )
    sys.__stdout__.write("\n".join(lines) + "\n")
