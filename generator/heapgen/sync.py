"""`heapgen sync`: generate, then `dbt build`, then the summary of the output tables."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from heapgen.dbt_runner import DbtError, DbtRun, invoke, output_row_counts
from heapgen.generate import generate
from heapgen.writer import Changes

DB_ENV = "HEAP_CONNECT_DB"
DEFAULT_DB = "heap_connect.duckdb"


def duckdb_path(project_dir: Path) -> Path:
    """The DuckDB target's file: $HEAP_CONNECT_DB, else heap_connect.duckdb in the project."""
    configured = os.environ.get(DB_ENV)
    return Path(configured) if configured else project_dir / DEFAULT_DB


def pin_duckdb_path(project_dir: Path) -> Path:
    """Make profiles.yml's env_var('HEAP_CONNECT_DB') an absolute path, so dbt finds the
    same file whatever directory heapgen runs in."""
    path = duckdb_path(project_dir).resolve()
    os.environ[DB_ENV] = str(path)
    return path


class SyncFailed(RuntimeError):
    def __init__(self, run: DbtRun) -> None:
        failed = [n for n in run.nodes if n.status in ("error", "fail", "runtime error")]
        lines = [f"{n.resource_type} {n.name}: {n.status}: {n.message}" for n in failed]
        super().__init__("dbt build failed:\n" + ("\n".join(lines) or "see logs/dbt.log"))
        self.run = run


@dataclass
class SyncResult:
    changes: Changes
    run: DbtRun
    row_counts: dict[str, tuple[int, int]]  # table: (rows, rows written by this sync)
    seconds: float

    @property
    def builds(self) -> dict[str, str]:
        """How each incremental output table was built: "batch" or "rebuild: <reason>"."""
        return {
            n.relation.split(".")[-1]: n.build
            for n in self.run.nodes
            if n.build and n.relation and n.resource_type == "model"
        }


def sync(
    project_dir: Path,
    definitions_dir: Path,
    *,
    target: str | None = None,
    full_refresh: bool = False,
    dbt_vars: dict[str, Any] | None = None,
    on_event: Callable[[Any], None] | None = None,
) -> SyncResult:
    started = time.perf_counter()
    pin_duckdb_path(project_dir)
    changes = generate(project_dir, definitions_dir)
    command = ["build", *(["--full-refresh"] if full_refresh else [])]
    if dbt_vars:
        command += ["--vars", json.dumps(dbt_vars)]
    run = invoke(command, project_dir, target, on_event=on_event)
    if not run.success:
        raise SyncFailed(run)
    batch_tables = [
        n.relation.split(".")[-1] for n in run.nodes if n.relation and n.build == "batch"
    ]
    try:
        counts = output_row_counts(project_dir, target, batch_tables)
    except DbtError:
        counts = {}
    return SyncResult(changes, run, counts, time.perf_counter() - started)
