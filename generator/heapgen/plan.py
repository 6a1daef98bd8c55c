"""Pure planning: (definitions, compiled events, lock, column spec) -> the generated files,
sorted by path. No I/O and no clock here, so the same inputs always give byte-identical files.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from heapgen.column_spec import SPEC_PATH, SpecColumn, spec_by_table
from heapgen.criteria import CompiledEvent
from heapgen.defined_properties import CompiledProperty
from heapgen.definitions import SETTINGS_FILE, Definitions
from heapgen.lock import LOCK_FILE, LockEntry, render_lock
from heapgen.naming import (
    EVENT_MODEL_PREFIX,
    TRANSLITERATION,
    property_column,
    property_rename,
)
from heapgen.render import render
from heapgen.segments import CompiledSegment

GENERATED_DIRS = (
    PurePosixPath("models/heap_generated"),
    PurePosixPath("macros/heap_generated"),
    PurePosixPath("tests/dbt/heap_generated"),
)
# Event tables checked per test node (tests/dbt/heap_generated/event_table_checks_*.sql):
# few nodes, since dbt's cost per node dominates a sync's tests, and each query stays far
# below BigQuery's 1 MB limit on a query's text.
EVENT_TABLES_PER_CHECK = 50


@dataclass(frozen=True)
class Label:
    """Everything the generated files say about one labeled event."""

    label_id: str  # its table name
    model: str  # its dbt model name
    name: str
    file: str  # the definitions file, relative to the project
    sync: bool
    archived: bool
    libraries: list[str]
    definition_hash: str
    archived_properties: list[str]
    criteria: list[dict[str, Any]]
    source: str | None
    notes: str | None
    last_updated_at: str | None
    last_updated_by: str | None
    verified_at: str | None
    verified_by: str | None


def _timestamp(value: datetime | None) -> str | None:
    """A definition time as UTC without time zone, the way every Heap Connect time is."""
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.isoformat(sep=" ")


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def labels(
    definitions: Definitions,
    compiled: dict[str, CompiledEvent],
    lock: list[LockEntry],
    project_dir: Path,
) -> list[Label]:
    """The labeled events, sorted by table name."""
    tables = {entry.name: entry.table for entry in lock}
    result = []
    for event in definitions.events:
        d = event.definition
        table = tables[d.name]
        result.append(
            Label(
                label_id=table,
                model=EVENT_MODEL_PREFIX + table,
                name=d.name,
                file=_relative(event.file, project_dir),
                sync=d.sync,
                archived=d.archived,
                libraries=compiled[d.name].libraries,
                definition_hash=compiled[d.name].definition_hash,
                archived_properties=list(d.archived_properties),
                criteria=compiled[d.name].criteria,
                source=d.source,
                notes=d.notes,
                last_updated_at=_timestamp(d.last_updated_at),
                last_updated_by=d.last_updated_by,
                verified_at=_timestamp(d.verified_at),
                verified_by=d.verified_by,
            )
        )
    return sorted(result, key=lambda label: label.label_id)


def builtin_columns_by_scope(spec: list[SpecColumn]) -> dict[str, set[str]]:
    """The built-in columns of the tables a defined property of each scope is a column of
    (event: event tables, pageviews, sessions and all_events' event_table_name; user: users)."""
    tables = spec_by_table(spec)
    event = {c.column_name for t in ("event_table", "pageviews", "sessions") for c in tables[t]}
    return {
        "event": event | {"event_table_name"},
        "user": {c.column_name for c in tables["users"]},
    }


def generated_files(
    definitions: Definitions,
    spec: list[SpecColumn],
    all_labels: list[Label],
    lock: list[LockEntry],
    properties: list[CompiledProperty] | None = None,
    segments: list[CompiledSegment] | None = None,
    project_dir: Path | None = None,
) -> dict[str, str]:
    """Every generated file's project-relative path and content."""
    synced = [label for label in all_labels if label.sync]
    root = project_dir or Path(".")
    properties = [replace(p, file=_relative(p.file, root)) for p in properties or []]
    segments = [replace(s, file=_relative(s.file, root)) for s in segments or []]
    synced_segments = sorted((s for s in segments if s.sync), key=lambda s: s.segment_id)
    event_properties = [p for p in properties if p.scope == "event"]
    files = {
        "macros/heap_generated/heap_connect_settings.sql": render(
            "heap_connect_settings.sql.j2",
            source=f"definitions/{SETTINGS_FILE}",
            settings=definitions.settings,
        ),
        "macros/heap_generated/heap_connect_column_spec.sql": render(
            "heap_connect_column_spec.sql.j2",
            source=SPEC_PATH.as_posix(),
            tables=spec_by_table(spec),
        ),
        "macros/heap_generated/heap_connect_transliteration.sql": render(
            "heap_connect_transliteration.sql.j2",
            source="generator/heapgen/naming.py",
            table=TRANSLITERATION,
        ),
        "macros/heap_generated/heap_connect_labels.sql": render(
            "heap_connect_labels.sql.j2", labels=all_labels
        ),
        "macros/heap_generated/heap_connect_defined_properties.sql": render(
            "heap_connect_defined_properties.sql.j2", properties=properties
        ),
        "macros/heap_generated/heap_connect_segments.sql": render(
            "heap_connect_segments.sql.j2", segments=segments
        ),
        LOCK_FILE: render_lock(lock),
    }
    files["models/heap_generated/_heap_generated__models.yml"] = render(
        "event_models.yml.j2",
        labels=synced,
        segments=synced_segments,
        event_properties=event_properties,
    )
    for segment in synced_segments:
        files[f"models/heap_generated/segments/{segment.model}.sql"] = render(
            "segment_model.sql.j2", segment=segment
        )
    files["models/heap_generated/all_events.sql"] = render(
        "all_events.sql.j2", models=[label.model for label in synced]
    )
    for start in range(0, len(synced), EVENT_TABLES_PER_CHECK):
        number = start // EVENT_TABLES_PER_CHECK + 1
        files[f"tests/dbt/heap_generated/event_table_checks_{number:03d}.sql"] = render(
            "event_table_checks.sql.j2", labels=synced[start : start + EVENT_TABLES_PER_CHECK]
        )
    for label in synced:
        files[f"models/heap_generated/events/{label.model}.sql"] = render(
            "event_model.sql.j2",
            source=label.file,
            name=label.name,
            table=label.label_id,
            definition_hash=label.definition_hash,
            archived=label.archived,
        )
    return dict(sorted(files.items()))


@dataclass(frozen=True)
class PlannedChange:
    action: str  # create | rebuild | rename | drop | unchanged
    table: str
    detail: str = ""
    new_columns: tuple[str, ...] = ()


def _builtin_columns(spec: list[SpecColumn], libraries: tuple[str, ...]) -> list[str]:
    """The event-table spec columns events of `libraries` carry (as the event_table_columns
    macro selects them)."""
    return [
        c.column_name
        for c in spec_by_table(spec)["event_table"]
        if "all" in c.libraries or set(c.libraries) & set(libraries)
    ]


def _state_hash(definition_hash: str, properties: str) -> str:
    """An event table's state hash (macros/incremental/model_state_hash.sql)."""
    return f"{definition_hash}|{properties}" if properties else definition_hash


def plan_changes(
    previous: list[LockEntry],
    current: list[LockEntry],
    spec: list[SpecColumn],
    built: dict[str, str] | None = None,
    archived: frozenset[str] = frozenset(),
    properties: str = "",
) -> list[PlannedChange]:
    """What the next sync does to event tables. With `built` (table: the state hash the
    warehouse's table was last built from, see macros/incremental/model_state_hash.sql) the
    decisions are the sync's own: create a table the warehouse lacks, rebuild a changed or
    un-archived one, keep an archived one frozen, drop one no longer synced, else sync the
    new batch. Without it (no warehouse yet), the committed lock (the last generation) stands
    in for the warehouse. `properties`: the event-scope defined properties' hash
    (defined_properties.properties_hash), part of what the warehouse's tables were built from.
    Property columns are found while syncing, so only built-in columns a widened set of
    libraries brings are listed as new."""
    locked = {e.table: e for e in previous if e.synced}
    before = {t: e.definition_hash for t, e in locked.items()} if built is None else dict(built)
    changes = []
    for entry in sorted((e for e in current if e.synced), key=lambda e: e.table):
        held = before.pop(entry.table, None)
        old = locked.get(entry.table)
        if held is None:
            changes.append(PlannedChange("create", entry.table, entry.name))
            continue
        added = tuple(
            c
            for c in _builtin_columns(spec, entry.libraries)
            if old is not None and c not in _builtin_columns(spec, old.libraries)
        )
        if entry.table in archived:
            action = "unchanged" if held == "archived" else "archive"
            changes.append(PlannedChange(action, entry.table, "archived: kept, not updated"))
        elif held == "archived":
            changes.append(PlannedChange("rebuild", entry.table, "un-archived", new_columns=added))
        elif built is not None and held != _state_hash(entry.definition_hash, properties):
            reason = (
                "defined properties changed"
                if held.split("|")[0] == entry.definition_hash
                else "definition changed"
            )
            changes.append(PlannedChange("rebuild", entry.table, reason, new_columns=added))
        elif built is None and held != entry.definition_hash:
            changes.append(
                PlannedChange("rebuild", entry.table, "definition changed", new_columns=added)
            )
        elif old is not None and old.name != entry.name:
            changes.append(
                PlannedChange("rename", entry.table, f"{old.name!r} -> {entry.name!r}, kept")
            )
        else:
            changes.append(PlannedChange("unchanged", entry.table))
    for table in sorted(before):
        still = next((e for e in current if e.table == table), None)
        reason = "sync: false" if still is not None else "definition removed"
        changes.append(PlannedChange("drop", table, reason))
    return changes


@dataclass(frozen=True)
class RenamedKey:
    scope: str  # event (every event table) | user (users)
    key: str
    column: str
    reason: str


# users: the built-in user properties that fill their built-in columns (models/users.sql)
BUILTIN_USER_PROPERTIES = ("handle", "email")


def property_reserved(
    spec: list[SpecColumn], properties: list[CompiledProperty]
) -> dict[str, set[str]]:
    """Per scope, the columns a custom property key cannot take: an event table's built-in
    columns and the event-scope defined properties (macros/tables/event_table_reserved.sql),
    the users table's built-in columns but handle and email, and the user-scope defined
    properties (models/heap_connect/users.sql)."""
    tables = spec_by_table(spec)
    reserved = {
        "event": {c.column_name for c in tables["event_table"]},
        "user": {
            c.column_name for c in tables["users"] if c.column_name not in BUILTIN_USER_PROPERTIES
        },
    }
    for p in properties:
        reserved[p.scope].add(p.column)
    return reserved


def renamed_keys(keys: dict[str, list[str]], reserved: dict[str, set[str]]) -> list[RenamedKey]:
    """The property keys (by scope) whose column is not simply their snake_case, and why:
    every one keeps a column (heapgen.naming.property_column)."""
    result = []
    for scope in ("event", "user"):
        for key in sorted(keys.get(scope, [])):
            column = property_column(key, reserved[scope])
            reason = property_rename(key, column)
            if reason:
                result.append(RenamedKey(scope, key, column, reason))
    return result
