"""Pure planning: (definitions, compiled events, lock, column spec) -> the generated files,
sorted by path. No I/O and no clock here, so the same inputs always give byte-identical files.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from heapgen import contract
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

    def macro_entry(self) -> str:
        """Its entry in the generated heap_connect_labels: one line of JSON (the macro
        decodes the lines with fromjson; a Jinja literal of a thousand labels cost dbt
        seconds to parse again after every edit, decision 0023)."""
        keys = (
            "label_id", "name", "file", "sync", "archived", "libraries", "definition_hash",
            "archived_properties", "source", "notes", "last_updated_at", "last_updated_by",
            "verified_at", "verified_by", "criteria",
        )  # fmt: skip
        return json.dumps({key: getattr(self, key) for key in keys}, ensure_ascii=False)


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
    column_docs: dict[str, str] | None = None,
) -> dict[str, str]:
    """Every generated file's project-relative path and content; `column_docs`: the built-in
    columns' descriptions (column_spec.read_column_docs)."""
    column_docs = column_docs or {}
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
        "macros/heap_generated/heap_connect_sync_contract.sql": render(
            "heap_connect_sync_contract.sql.j2",
            source="generator/heapgen/contract.py",
            contract=contract.CONTRACT,
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
    files.update(definitions.settings.source.generated_files())
    files["models/heap_generated/_heap_generated__models.yml"] = render(
        "event_models.yml.j2",
        labels=synced,
        segments=synced_segments,
        event_properties=event_properties,
        columns=_event_model_columns(spec, synced),
        every_event_table=definitions.settings.docs.event_table_columns == "every",
        all_events_columns=_all_events_columns(spec),
        docs=column_docs,
    )
    files["models/heap_generated/_heap_connect__models.yml"] = render(
        "heap_connect_models.yml.j2",
        user_properties=[p for p in properties if p.scope == "user"],
        event_properties=event_properties,
    )
    for segment in synced_segments:
        files[f"models/heap_generated/segments/{segment.model}.sql"] = render(
            "segment_model.sql.j2", segment=segment, tag=contract.SEGMENT_TAG
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
            tags=[contract.EVENT_TAG, *([contract.ARCHIVED_TAG] if label.archived else [])],
        )
    return dict(sorted(files.items()))


@dataclass(frozen=True)
class ModelColumns:
    """An event model's documented built-in columns, written once per set of libraries under
    a YAML anchor (`first`) and referred to by the other models of that set."""

    anchor: str
    first: bool
    builtin: list[str]


def _event_model_columns(spec: list[SpecColumn], labels: list[Label]) -> dict[str, ModelColumns]:
    """Per synced label, its event table's built-in columns (those of its libraries)."""
    found: dict[str, ModelColumns] = {}
    seen: set[str] = set()
    for label in labels:
        anchor = "event_columns_" + ("_".join(label.libraries) or "none").lower()
        found[label.label_id] = ModelColumns(
            anchor, anchor not in seen, _builtin_columns(spec, tuple(label.libraries))
        )
        seen.add(anchor)
    return found


def _all_events_columns(spec: list[SpecColumn]) -> list[str]:
    """all_events' columns but event_id and event_table_name: every built-in column of the
    tables it unions (event tables, pageviews, sessions), in their order."""
    tables = spec_by_table(spec)
    names: dict[str, None] = {}
    for table in ("all_events", "event_table", "pageviews", "sessions"):
        names.update(dict.fromkeys(c.column_name for c in tables[table]))
    return [n for n in names if n not in ("event_id", "event_table_name")]


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


@dataclass(frozen=True)
class Built:
    """What the warehouse's incremental models were last built from (macro sync_states)."""

    states: dict[str, str]  # model name: its state hash (heapgen.contract.parse_state)
    logic: dict[str, str]  # model name: its logic hash now (macro model_logic_hash)

    def tables(self) -> dict[str, str]:
        """Event table: the state hash it was last built from."""
        prefix = contract.EVENT_MODEL_PREFIX
        return {m[len(prefix) :]: s for m, s in self.states.items() if m.startswith(prefix)}

    def event_logic(self, table: str) -> str:
        """An event table's logic hash now: every event table of one heap_connect version
        has the same one, so a table generated since the warehouse was asked takes it too."""
        prefix = contract.EVENT_MODEL_PREFIX
        own = self.logic.get(prefix + table)
        events = (h for m, h in sorted(self.logic.items()) if m.startswith(prefix))
        return own if own is not None else next(events, "")


def plan_changes(
    previous: list[LockEntry],
    current: list[LockEntry],
    spec: list[SpecColumn],
    built: Built | None = None,
    archived: frozenset[str] = frozenset(),
    properties: str = "",
) -> list[PlannedChange]:
    """What the next sync does to event tables, then to the other incremental models. With
    `built` (what the warehouse's tables were last built from and the models' logic now,
    macros/incremental/model_state_hash.sql) the decisions are the sync's own: create a
    table the warehouse lacks, rebuild a changed or un-archived one (heapgen.contract.
    state_change: definition, defined properties or logic changed), keep an archived one
    frozen, drop one no longer synced, else sync the new batch; another incremental model
    (pageviews, sessions, int_*) is listed when its logic changed. Without it (no warehouse
    yet), the committed lock (the last generation) stands in for the warehouse.
    `properties`: the event-scope defined properties' hash (defined_properties.
    properties_hash), part of what the warehouse's tables were built from. Property columns
    are found while syncing, so only built-in columns a widened set of libraries brings are
    listed as new."""
    locked = {e.table: e for e in previous if e.synced}
    before = {t: e.definition_hash for t, e in locked.items()} if built is None else built.tables()
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
        if built is not None:
            logic = built.event_logic(entry.table)
            change = contract.state_change(
                held, contract.state_hash(entry.definition_hash, properties, logic)
            )
        elif held != entry.definition_hash:
            change = contract.REASONS["definition_changed"]
        else:
            change = None
        if entry.table in archived:
            action = "unchanged" if held == contract.STATE_ARCHIVED else "archive"
            changes.append(PlannedChange(action, entry.table, "archived: kept, not updated"))
        elif change is not None:
            changes.append(PlannedChange("rebuild", entry.table, change, new_columns=added))
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
    for model, state in sorted(built.states.items() if built is not None else []):
        logic = built.logic.get(model) if built is not None else None
        if model.startswith(contract.EVENT_MODEL_PREFIX) or logic is None:
            continue  # an event table (above), or not incremental (a segment's view)
        if contract.parse_state(state).logic != logic:
            changes.append(PlannedChange("rebuild", model, contract.REASONS["logic_changed"]))
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
