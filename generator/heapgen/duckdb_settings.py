"""DuckDB settings every heapgen connection shares with dbt's (profiles.yml).

`HEAP_CONNECT_MEMORY_LIMIT` caps DuckDB's memory (`1GB`, `500MB`, `50%`; default `80%`, DuckDB's
own default): past it, joins, sorts and aggregates spill to a temporary folder beside the
database file, so a warehouse bigger than memory still syncs, only slower. profiles.yml reads
the same variable with the same default; tests/python/test_memory_limit.py checks that dbt's
connection, `heapgen load` and `heapgen export` all run under it.
"""

from __future__ import annotations

import os

MEMORY_ENV = "HEAP_CONNECT_MEMORY_LIMIT"
DEFAULT_MEMORY_LIMIT = "80%"


def duckdb_settings() -> dict[str, str]:
    """The `config` for duckdb.connect()."""
    return {"memory_limit": os.environ.get(MEMORY_ENV) or DEFAULT_MEMORY_LIMIT}
