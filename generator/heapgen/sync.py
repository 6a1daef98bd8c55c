"""`heapgen sync`: generate, then `dbt build`, then the summary of the output tables."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from heapgen.contract import took_batch
from heapgen.dbt_runner import (
    DbtError,
    DbtRun,
    deleted_users,
    invoke,
    output_row_counts,
    renamed_property_keys,
    sync_states,
)
from heapgen.generate import Generation, prepare, write
from heapgen.naming import EVENT_MODEL_PREFIX
from heapgen.plan import Built
from heapgen.warehouse import duckdb_path as duckdb_path  # heapgen.sync.duckdb_path, as before
from heapgen.warehouse import pin_duckdb_path, sync_lock
from heapgen.writer import Changes


class SyncInputError(ValueError):
    """An argument of the sync is wrong; nothing was run."""


def parse_vars(text: str | None) -> dict[str, Any] | None:
    """`--vars`: dbt vars as a YAML (or JSON) mapping."""
    if text is None:
        return None
    try:
        value = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at column {mark.column + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "not YAML"
        raise SyncInputError(
            f"--vars is not YAML ({problem}{where}): give a mapping, "
            "e.g. --vars '{heap_connect__all_events_max_tables: 500}'"
        ) from None
    if not isinstance(value, dict):
        raise SyncInputError(
            f"--vars must be a mapping of dbt vars, not {type(value).__name__}: "
            "e.g. --vars '{heap_connect__all_events_max_tables: 500}'"
        )
    return value


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
    left_out: list[str]  # event tables with nothing to do, not built (see left_out)

    @property
    def renamed_keys(self) -> dict[str, dict[str, str]]:
        """Per table, the property keys this sync's build named other than by their
        snake_case: key -> column (heapgen.naming.property_rename says why)."""
        return renamed_property_keys(self.run)

    @property
    def deletions(self) -> tuple[int, dict[str, int]]:
        """Users this sync deleted, and rows removed per table (late raw rows included)."""
        return deleted_users(self.run)

    @property
    def builds(self) -> dict[str, str]:
        """How each incremental output table was built: "batch" (with ", columns reordered:
        <why>" when a new property column made it copy the table into a full build's column
        order) or "rebuild: <reason>"."""
        return {
            n.relation.split(".")[-1]: n.build
            for n in self.run.nodes
            if n.build and n.relation and n.resource_type == "model"
        }


def left_out(
    project_dir: Path,
    generation: Generation,
    target: str | None,
    dbt_vars: dict[str, Any] | None = None,
) -> list[str]:
    """The event tables a sync can leave out of its build: when it would find nothing new to
    read (no event, identify or migration: macros/sync/nothing_to_read.sql), an event table
    that exists and whose state is as built (definition, defined properties, logic) would
    take an empty batch and write nothing, yet costs dbt's fixed time per node (a model and
    its checks). So editing one definition rebuilds that table (and all_events,
    _event_metadata, ...) without visiting every other one. Any doubt (the warehouse cannot
    be asked) leaves nothing out."""
    try:
        warehouse = sync_states(project_dir, target, dbt_vars)
    except DbtError:
        return []
    if not warehouse.nothing_to_read:
        return []
    return [
        change.table
        for change in generation.changes(Built(warehouse.states, warehouse.logic))
        if change.action in ("unchanged", "rename") and change.table.lower() in warehouse.tables
    ]


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
    with sync_lock(project_dir, target):
        return _sync(
            project_dir, definitions_dir, target, full_refresh, dbt_vars, on_event, started
        )


def _sync(
    project_dir: Path,
    definitions_dir: Path,
    target: str | None,
    full_refresh: bool,
    dbt_vars: dict[str, Any] | None,
    on_event: Callable[[Any], None] | None,
    started: float,
) -> SyncResult:
    generation = prepare(project_dir, definitions_dir)
    changes = write(project_dir, generation)
    unchanged = [] if full_refresh else left_out(project_dir, generation, target, dbt_vars)
    command = ["build", *(["--full-refresh"] if full_refresh else [])]
    if unchanged:
        command += ["--exclude", *(EVENT_MODEL_PREFIX + table for table in unchanged)]
    if dbt_vars:
        command += ["--vars", json.dumps(dbt_vars)]
    run = invoke(command, project_dir, target, on_event=on_event)
    if not run.success:
        raise SyncFailed(run)
    batch_tables = [
        n.relation.split(".")[-1] for n in run.nodes if n.relation and took_batch(n.build)
    ]
    try:
        counts = output_row_counts(project_dir, target, batch_tables)
    except DbtError:
        counts = {}
    return SyncResult(changes, run, counts, time.perf_counter() - started, unchanged)
