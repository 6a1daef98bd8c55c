"""HEAP_CONNECT_MEMORY_LIMIT caps DuckDB's memory for dbt's connection (profiles.yml) and
for heapgen's own (load, export), with one default on both sides."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from conftest import REPO, copy_project
from heapgen.duckdb_settings import DEFAULT_MEMORY_LIMIT, MEMORY_ENV, duckdb_settings
from heapgen.load import _connect


def dbt_memory_limit(project: Path, env: dict[str, str]) -> str:
    """current_setting('memory_limit') as dbt's DuckDB connection has it."""
    done = subprocess.run(
        [sys.executable, "-m", "heapgen.cli", "query", "--project-dir", str(project),
         "select current_setting('memory_limit') as heap_memory_limit"],
        env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    found = re.search(r"\|\s*([0-9.]+ [KMG]iB)\s*\|", done.stdout)
    assert found, done.stdout
    return found.group(1)


def setting_for(limit: str) -> str:
    """How DuckDB reports `limit` once set."""
    with duckdb.connect(":memory:", config={"memory_limit": limit}) as con:
        return con.execute("select current_setting('memory_limit')").fetchone()[0]


def test_profile_default_is_the_python_default():
    profile = (REPO / "profiles.yml").read_text()
    assert f"env_var('{MEMORY_ENV}', '{DEFAULT_MEMORY_LIMIT}')" in profile


def test_dbt_and_heapgen_connections_take_the_limit(tmp_path, monkeypatch):
    import os

    project = copy_project(tmp_path / "project")
    duckdb.connect(str(tmp_path / "w.duckdb")).close()  # heapgen query opens no new file
    env = {**os.environ, "HEAP_CONNECT_DB": str(tmp_path / "w.duckdb"), MEMORY_ENV: "300MB"}
    capped = dbt_memory_limit(project, env)
    assert capped == setting_for("300MB") != setting_for(DEFAULT_MEMORY_LIMIT)
    monkeypatch.setenv(MEMORY_ENV, "300MB")
    assert duckdb_settings() == {"memory_limit": "300MB"}
    con = _connect(tmp_path / "load.duckdb")
    try:
        assert con.execute("select current_setting('memory_limit')").fetchone()[0] == (
            setting_for("300MB")
        )
    finally:
        con.close()
    monkeypatch.delenv(MEMORY_ENV)
    assert duckdb_settings() == {"memory_limit": DEFAULT_MEMORY_LIMIT}


@pytest.mark.parametrize("limit", ["1GB", "50%"])
def test_limits_duckdb_accepts(limit):
    assert setting_for(limit).endswith("iB")
