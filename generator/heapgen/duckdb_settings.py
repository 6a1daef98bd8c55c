"""DuckDB settings every heapgen connection shares with dbt's (profiles.yml).

`HEAP_CONNECT_MEMORY_LIMIT` caps DuckDB's memory (`1GB`, `500MB`, `50%`; default `3GB`, decision
0025: a sync is a background job that must not take the machine, and DuckDB's own default,
80% of RAM, let a full sync at 1M events reach 5.3 GiB of RSS): past it, joins, sorts and
aggregates spill to a temporary folder beside the database file, so a warehouse bigger than
memory still syncs, only slower. profiles.yml reads
the same variable with the same default; tests/python/test_memory_limit.py checks that dbt's
connection, `heapgen load` and `heapgen export` all run under it.
"""

from __future__ import annotations

import os

import duckdb

MEMORY_ENV = "HEAP_CONNECT_MEMORY_LIMIT"
DEFAULT_MEMORY_LIMIT = "3GB"


def duckdb_settings() -> dict[str, str]:
    """The settings heapgen's DuckDB connections take (heap_connect.apply_duckdb_settings)."""
    return {"memory_limit": os.environ.get(MEMORY_ENV) or DEFAULT_MEMORY_LIMIT}


def apply_duckdb_settings(con: duckdb.DuckDBPyConnection) -> None:
    """SET each setting on an open connection. Not as duckdb.connect(config=...): a process
    that already holds the file open (dbt, in-process) with other settings would refuse it
    ("a different configuration than existing connections")."""
    for name, value in duckdb_settings().items():
        con.execute(f"SET {name} = '{value.replace(chr(39), chr(39) * 2)}'")
