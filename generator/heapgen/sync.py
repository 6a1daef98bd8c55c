"""`heapgen sync`: generate, then `dbt build`, then the summary of the output tables."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from heapgen.contract import EVENT_TAG, marked
from heapgen.dbt_runner import (
    DbtError,
    DbtRun,
    deleted_users,
    event_table_builds,
    first_error,
    invoke,
    output_row_counts,
    renamed_property_keys,
)
from heapgen.definitions import load_settings
from heapgen.generate import prepare, write
from heapgen.reach import ProjectSnapshot, reach, read_snapshot, write_snapshot
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
    nothing_new: bool = False  # nothing to read and the project unchanged: no build ran

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
        """How each incremental output table was built: "batch" (an event table: with
        ", columns reordered: <why>" when a new property column made it copy the table into
        a full build's column order) or "rebuild: <reason>"."""
        builds = {
            n.relation.split(".")[-1]: n.build
            for n in self.run.nodes
            if n.build and n.relation and n.resource_type == "model"
        }
        return {**builds, **event_table_builds(self.run)}


def sync(
    project_dir: Path,
    definitions_dir: Path,
    *,
    target: str | None = None,
    full_refresh: bool = False,
    dbt_vars: dict[str, Any] | None = None,
    on_event: Callable[[Any], None] | None = None,
    dbt_artifacts: bool = False,
) -> SyncResult:
    """Generate, then parse once, check for anything new, build and record the project.
    `dbt_artifacts`: dbt also writes its JSON artifacts and graph into target/ (each parse,
    build and operation: ~1 s each at 1,000 labels, decision 0015), else only its partial
    parse file and logs."""
    started = time.perf_counter()
    pin_duckdb_path(project_dir)
    raw = load_settings(definitions_dir).source.tables().values()
    with sync_lock(project_dir, target, raw):
        return _sync(
            project_dir, definitions_dir, target, full_refresh, dbt_vars, on_event, started,
            [] if dbt_artifacts else ["--no-write-json"],
        )  # fmt: skip


def _sync(
    project_dir: Path,
    definitions_dir: Path,
    target: str | None,
    full_refresh: bool,
    dbt_vars: dict[str, Any] | None,
    on_event: Callable[[Any], None] | None,
    started: float,
    artifacts: list[str],
) -> SyncResult:
    generation = prepare(project_dir, definitions_dir)
    changes = write(project_dir, generation)
    extra = ["--vars", json.dumps(dbt_vars)] if dbt_vars else []
    extra += artifacts
    # one parse, reused by every command of the sync
    parsed = invoke(["parse", *extra], project_dir, target)
    if not parsed.success:
        raise SyncFailed(parsed)
    manifest = parsed.manifest
    snapshot = project_snapshot(project_dir, manifest, target, dbt_vars)
    args = json.dumps({"fingerprint": snapshot.fingerprint})
    # what the files changed since the project heapgen last synced reach (decision 0045),
    # when that is only definitions; the check is asked about that project only then
    previous = read_snapshot(project_dir, target)
    edits = snapshot.edits_since(previous) if previous and not full_refresh else None
    select = reach(manifest, edits) if edits is not None else None
    if not full_refresh:
        # the same project as the last sync built and nothing new to read: a build would
        # rewrite no row (decision 0024)
        asked = {
            "fingerprint": snapshot.fingerprint,
            "previous": previous.fingerprint if previous and select is not None else None,
        }
        check = invoke(
            ["run-operation", "sync_nothing_new", "--args", json.dumps(asked), *extra],
            project_dir, target, manifest=manifest,
        )  # fmt: skip
        found = marked(check.messages, "nothing_new")
        if found is None:
            reason = first_error(check)
            raise DbtError(f"cannot tell whether there is anything new to sync: {reason}")
        if found == "true":
            write_snapshot(project_dir, target, snapshot)  # the project the warehouse built
            counts = {name: (rows, 0) for name, (rows, _) in output_row_counts(check).items()}
            seconds = time.perf_counter() - started
            return SyncResult(changes, check, counts, seconds, nothing_new=True)
        # nothing new to read since the last sync, which built `previous`: build only what
        # the changed files reach
        if marked(check.messages, "nothing_to_read") != "true":
            select = None
    # every event table is synced by one node, int_event_tables (decision 0020): their own
    # models would each cost dbt's fixed time per node for nothing
    command = ["build", *(["--full-refresh"] if full_refresh else [])]
    command += ["--select", *select] if select is not None else []
    command += ["--exclude", f"tag:{EVENT_TAG}", *extra]
    run = invoke(command, project_dir, target, on_event=on_event, manifest=manifest)
    if not run.success:
        raise SyncFailed(run)
    recorded = invoke(
        ["run-operation", "record_synced_project", "--args", args, *extra],
        project_dir, target, manifest=manifest,
    )  # fmt: skip
    if not recorded.success:
        reason = first_error(recorded)
        raise DbtError(f"the sync succeeded but could not record its project: {reason}")
    write_snapshot(project_dir, target, snapshot)
    return SyncResult(changes, run, output_row_counts(run), time.perf_counter() - started)


def project_snapshot(
    project_dir: Path, manifest: Any, target: str | None, dbt_vars: dict[str, Any] | None
) -> ProjectSnapshot:
    """What decides a build's tables besides the warehouse's rows: every file of the dbt
    project as dbt parsed it (its checksum: models, macros, generated definitions, YAML,
    seeds), the profile, the target, the vars, the environment variables the project reads
    and dbt's version. Equal fingerprints build equal tables from equal rows."""
    from dbt.version import __version__ as dbt_version

    files = {file_id: manifest.files[file_id].checksum.checksum for file_id in manifest.files}
    profile = project_dir / "profiles.yml"
    rest = {
        "profile": profile.read_text() if profile.exists() else "",
        "target": target,
        "vars": dbt_vars or {},
        "env": manifest.env_vars,
        "dbt": dbt_version,
    }
    return ProjectSnapshot(files, json.dumps(rest, sort_keys=True, default=str))
