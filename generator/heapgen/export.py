"""`heapgen export`: the S3-style dump of the last sync (Heap Connect's S3 destination).

One dump per sync, numbered by a dump id that only grows: Snappy-compressed Avro files
`sync_<dump_id>/<table>/part-NNNNN-<uuid>.avro` for users, sessions, pageviews, every event
table, user_migrations and _event_metadata, then `sync_<dump_id>/property_definitions.json`,
then, last, the manifest `manifests/sync_<dump_id>.json`. Only then is the export state (what
this dump holds, export_state.py) committed: a dump without a manifest is not a dump, and an
export killed before its manifest is simply done again, under a new dump id.

A keyed table holds the rows new or changed since the previous dump to the same destination
(`incremental: true`, the consumer merges them on the key), or every row (`incremental:
false`, the consumer replaces the table) when the table is new to the destination, its
columns or its definition changed, or rows were removed (a merge cannot delete).
`user_migrations` and `_event_metadata` are always whole. Migrations are not applied: event
rows carry the user id as captured, and consumers apply `user_migrations` (docs/export.md).
"""

from __future__ import annotations

import itertools
import json
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from heapgen.avro_columns import AvroColumn, avro_column, avro_schema, quote
from heapgen.definitions import SETTINGS_FILE, load_definitions
from heapgen.destinations import Destination, ExportError, open_destination
from heapgen.duckdb_settings import apply_duckdb_settings
from heapgen.export_state import CommittedTable, ExportState, PreviousTable
from heapgen.lock import read_lock
from heapgen.sync import duckdb_path

DEFAULT_ROWS_PER_PART = 1_000_000
FETCH_ROWS = 10_000  # rows read from DuckDB at a time
FIRST_TABLES = ("users", "sessions", "pageviews")
LAST_TABLES = ("user_migrations", "_event_metadata")
ALWAYS_WHOLE = frozenset(LAST_TABLES)

ProgressCallback = Callable[[str, int, int], None]  # (table, rows written, rows to write)


@dataclass(frozen=True)
class Schemas:
    output: str
    internal: str


@dataclass(frozen=True)
class TableSource:
    """One table to export: its columns and the query of its rows as the dump holds them."""

    name: str
    key: str | None  # the merge key; None for tables exported whole every time
    columns: list[AvroColumn]
    select: str  # rows with warehouse types; user ids as captured (before migrations)
    definition_hash: str | None = None
    # a query of the keys whose removal the consumer makes itself (users migrated away)
    removed_by_consumer: str | None = None


@dataclass
class TableExport:
    """What the dump holds of one table."""

    name: str
    columns: list[str]
    key: str | None
    incremental: bool
    reason: str
    rows: int = 0
    files: list[str] = field(default_factory=list)


@dataclass
class ExportResult:
    destination: str
    dump_id: int | None  # None: the last sync was exported already, nothing written
    manifest: str | None
    tables: list[TableExport]
    seconds: float
    message: str = ""


@dataclass(frozen=True)
class _Options:
    rows_per_part: int
    progress: ProgressCallback | None
    started: float


def export(
    project_dir: Path,
    definitions_dir: Path,
    to: str,
    *,
    target: str | None = None,
    rows_per_part: int = DEFAULT_ROWS_PER_PART,
    endpoint_url: str | None = None,
    progress: ProgressCallback | None = None,
) -> ExportResult:
    """Write the dump of the last successful sync to `to` (a folder or s3://bucket/prefix)."""
    import duckdb

    started = time.perf_counter()
    if rows_per_part < 1:
        raise ExportError(f"--rows-per-part must be at least 1 (got {rows_per_part})")
    require_duckdb_target(project_dir, target)
    schemas = schema_names(project_dir, definitions_dir)
    db = duckdb_path(project_dir)
    if not db.is_file():
        raise ExportError(f"no warehouse at {db}: run `heapgen sync` first")
    destination = open_destination(to, endpoint_url)
    options = _Options(rows_per_part, progress, started)
    try:
        con = duckdb.connect(str(db))
        apply_duckdb_settings(con)
    except duckdb.Error as exc:
        raise ExportError(f"cannot open {db} (is a sync running?): {exc}") from exc
    with con:
        try:
            con.execute("set enable_progress_bar = false")  # heapgen prints its own
            return _export_from(con, project_dir, definitions_dir, schemas, destination, options)
        except duckdb.Error as exc:
            raise ExportError(f"reading {db} failed: {exc}") from exc


def _export_from(
    con: Any,
    project_dir: Path,
    definitions_dir: Path,
    schemas: Schemas,
    destination: Destination,
    options: _Options,
) -> ExportResult:
    """The export on an open warehouse connection: one dump, or nothing when it is done."""
    sync_started_at = last_successful_sync(con, schemas.output)
    state = ExportState(con, schemas.internal, destination.uri)
    state.ensure()
    previous = state.last_dump()
    if previous and previous.sync_started_at == sync_started_at:
        message = (
            f"nothing to export: dump {previous.dump_id} already holds the sync that "
            f"started at {sync_started_at:%Y-%m-%d %H:%M:%S}; sync again for a new dump"
        )
        seconds = time.perf_counter() - options.started
        return ExportResult(destination.uri, None, None, [], seconds, message)
    dump_id = max([previous.dump_id if previous else 0, *destination.dump_ids()]) + 1
    sources = table_sources(con, schemas, event_definition_hashes(project_dir))
    dump = Dump(con, state, destination, dump_id, options.rows_per_part, options.progress)
    exports, committed = [], []
    for index, source in enumerate(sources):
        table_export, table_state = dump.export_table(index, source)
        exports.append(table_export)
        committed.append(table_state)
    manifest = write_manifest(destination, dump_id, sync_started_at, exports, definitions_dir)
    state.commit(dump_id, sync_started_at, manifest, committed)
    seconds = time.perf_counter() - options.started
    return ExportResult(destination.uri, dump_id, manifest, exports, seconds)


def require_duckdb_target(project_dir: Path, target: str | None) -> None:
    """The export reads the warehouse with DuckDB's Python API; other targets come later."""
    try:
        profile_name = yaml.safe_load((project_dir / "dbt_project.yml").read_text())["profile"]
        profile = yaml.safe_load((project_dir / "profiles.yml").read_text())[profile_name]
    except (OSError, KeyError, TypeError, yaml.YAMLError) as exc:
        raise ExportError(f"cannot read the dbt profile in {project_dir}: {exc}") from exc
    name = target or profile.get("target")
    outputs = profile.get("outputs") or {}
    if name not in outputs:
        raise ExportError(f"no target {name!r} in profiles.yml (targets: {', '.join(outputs)})")
    kind = outputs[name].get("type")
    if kind != "duckdb":
        raise ExportError(
            f"target {name!r} is {kind}: `heapgen export` reads DuckDB warehouses only for "
            "now (Redshift, BigQuery and Snowflake come with the warehouses issue)"
        )


def schema_names(project_dir: Path, definitions_dir: Path) -> Schemas:
    """The output schema (from definitions/heap_connect.yml) and the internal one beside it
    (dbt_project.yml's var heap_connect__internal_schema_suffix)."""
    output = load_definitions(definitions_dir).settings.output_schema
    project = yaml.safe_load((project_dir / "dbt_project.yml").read_text()) or {}
    suffix = (project.get("vars") or {}).get("heap_connect__internal_schema_suffix", "_internal")
    return Schemas(output, output + suffix)


def last_successful_sync(con: Any, output_schema: str) -> datetime:
    """When the last sync started; an error unless it succeeded (a dump is of a whole sync)."""
    history = f"{quote(output_schema)}._sync_history"
    if not _relation_exists(con, output_schema, "_sync_history"):
        raise ExportError(f"no {output_schema}._sync_history: run `heapgen sync` first")
    row = con.execute(
        f"select status, start_time from {history} order by start_time desc limit 1"
    ).fetchone()
    if row is None:
        raise ExportError("no sync has run yet: run `heapgen sync` first")
    status, start_time = row
    if status != "succeeded":
        raise ExportError(
            f"the last sync (started {start_time:%Y-%m-%d %H:%M:%S}) is {status}, not "
            "succeeded: run `heapgen sync` until it succeeds, then export"
        )
    return start_time


def event_definition_hashes(project_dir: Path) -> dict[str, str]:
    """Each synced event table's definition hash (heapgen.lock.yml): a new hash means the
    sync rebuilt the table from a changed definition, so it is exported whole."""
    return {entry.table: entry.definition_hash for entry in read_lock(project_dir) if entry.synced}


def _relation_exists(con: Any, schema: str, name: str) -> bool:
    return bool(
        con.execute(
            "select count(*) from information_schema.tables "
            "where table_schema = ? and table_name = ?",
            [schema, name],
        ).fetchone()[0]
    )


def _base_tables(con: Any, schema: str) -> dict[str, list[tuple[str, str]]]:
    rows = con.execute(
        "select c.table_name, c.column_name, c.data_type from information_schema.columns c "
        "join information_schema.tables t "
        "  on t.table_schema = c.table_schema and t.table_name = c.table_name "
        "where c.table_schema = ? and t.table_type = 'BASE TABLE' "
        "order by c.table_name, c.ordinal_position",
        [schema],
    ).fetchall()
    tables: dict[str, list[tuple[str, str]]] = {}
    for table, column, kind in rows:
        tables.setdefault(table, []).append((column, kind))
    return tables


def table_sources(con: Any, schemas: Schemas, hashes: dict[str, str]) -> list[TableSource]:
    """The tables of a dump, in manifest order: users, sessions, pageviews, the event tables
    (those _event_metadata lists), user_migrations, _event_metadata."""
    tables = _base_tables(con, schemas.output)
    missing = [name for name in (*FIRST_TABLES, *LAST_TABLES) if name not in tables]
    if missing:
        raise ExportError(f"{schemas.output} has no {', '.join(missing)}: run `heapgen sync` first")
    listed = con.execute(
        f"select distinct table_name from {quote(schemas.output)}._event_metadata"
    ).fetchall()
    event_tables = sorted(name for (name,) in listed if name in tables)
    sources = []
    for name in (*FIRST_TABLES, *event_tables, *LAST_TABLES):
        columns = [avro_column(name, column, kind) for column, kind in tables[name]]
        sources.append(_source(con, schemas, name, columns, hashes.get(name)))
    return sources


def _source(
    con: Any, schemas: Schemas, name: str, columns: list[AvroColumn], definition_hash: str | None
) -> TableSource:
    """The query of a table's rows as dumped: event-level tables take the user id as
    captured from the internal model (int_events, int_sessions), before migrations."""
    table = f"{quote(schemas.output)}.{quote(name)}"
    names = [c.name for c in columns]
    if name in ALWAYS_WHOLE:
        key, captured = None, None
    elif name == "users":
        key, captured = "user_id", None
    elif name == "sessions":
        key, captured = "session_id", "int_sessions"
    else:
        key, captured = "event_id", "int_events"
    if key is not None and key not in names:
        raise ExportError(f"table {name} has no {key} column to merge on")
    select_list = [f"t.{quote(n)}" for n in names]
    join = ""
    if captured and "user_id" in names and _relation_exists(con, schemas.internal, captured):
        select_list[names.index("user_id")] = "coalesce(c.user_id, t.user_id) as user_id"
        join = (
            f" left join {quote(schemas.internal)}.{quote(captured)} as c "
            f"on c.{quote(key)} = t.{quote(key)}"
        )
    select = f"select {', '.join(select_list)} from {table} as t{join}"
    removed_by_consumer = None
    if name == "users":  # users merged into another leave `users`: user_migrations says so
        removed_by_consumer = f"select from_user_id from {quote(schemas.output)}.user_migrations"
    return TableSource(name, key, columns, select, definition_hash, removed_by_consumer)


@dataclass
class Dump:
    """One dump being written: where, under which id, and how its parts are cut."""

    con: Any
    state: ExportState
    destination: Destination
    dump_id: int
    rows_per_part: int
    progress: ProgressCallback | None = None

    def export_table(self, index: int, source: TableSource) -> tuple[TableExport, CommittedTable]:
        """Decide whole or incremental, write the table's parts; and what the state keeps."""
        names = [c.name for c in source.columns]
        columns = tuple((c.name, c.duckdb_type, c.encoding()) for c in source.columns)
        current = changed = None
        where, total, added = "", None, []
        if source.key is None:
            incremental, reason = False, "always whole"
        else:
            current, changed = f"export_current_{index}", f"export_changed_{index}"
            previous = self.state.previous_table(source.name)
            reason = _schema_change(previous, source, columns)
            kept = [name for name, _ in previous.columns] if previous and not reason else None
            total = self.state.snapshot(current, source.key, source.select, names, kept)
            if reason is None:
                removed = self.state.removed_keys(source.name, current, source.removed_by_consumer)
                reason = f"{removed:,} rows removed since the last dump" if removed else None
            incremental = reason is None
            if incremental:
                total = self.state.changed_rows(source.name, current, changed)
                added = [name for name in names if name not in (kept or names)]
                reason = "rows new or changed since the last dump"
                if added:
                    reason += f"; columns added: {', '.join(added)}"
                where = f" where x.{quote(source.key)} in (select key from {quote(changed)})"
        table_export = TableExport(source.name, names, source.key, incremental, reason or "")
        sql = (
            f"select {', '.join(c.select('x') for c in source.columns)} "
            f"from ({source.select}) as x{where}"
        )
        self._write_parts(
            source, sql, table_export, total, needs_file=not incremental or bool(added)
        )
        committed = CommittedTable(
            source.name,
            columns,
            source.definition_hash,
            source.key,
            current,
            changed if incremental and not added else None,
            incremental,
        )
        return table_export, committed

    def _write_parts(
        self,
        source: TableSource,
        sql: str,
        table_export: TableExport,
        total: int | None,
        needs_file: bool,
    ) -> None:
        """Stream `sql` into parts of at most rows_per_part rows. With `needs_file` (a whole
        table, or columns added) there is at least one part, empty or not: the Avro schema
        tells the consumer the columns' types. Otherwise no row, no part."""
        from fastavro import parse_schema
        from fastavro.write import Writer

        schema = parse_schema(avro_schema(source.name, source.columns))
        names = [c.name for c in source.columns]
        rows = _rows(self.con.execute(sql))
        first = next(rows, None)
        if first is None and not needs_file:
            return
        pending: Iterator[tuple] = itertools.chain([first], rows) if first is not None else iter(())
        for part in itertools.count():
            key = f"sync_{self.dump_id}/{source.name}/part-{part:05d}-{uuid.uuid4()}.avro"
            with self.destination.open_part(key) as handle:
                writer = Writer(handle, schema, codec="snappy")
                for row in itertools.islice(pending, self.rows_per_part):
                    writer.write(dict(zip(names, row, strict=True)))
                    table_export.rows += 1
                    if table_export.rows % FETCH_ROWS == 0:
                        self._report(source.name, table_export.rows, total)
                writer.flush()
            table_export.files.append(self.destination.uri_of(key))
            following = next(pending, None)
            if following is None:
                break
            pending = itertools.chain([following], pending)
        self._report(source.name, table_export.rows, total)

    def _report(self, table: str, rows: int, total: int | None) -> None:
        if self.progress:
            self.progress(table, rows, max(total or 0, rows))


def _schema_change(
    previous: PreviousTable | None,
    source: TableSource,
    columns: tuple[tuple[str, str, str], ...],
) -> str | None:
    """Why a keyed table must be dumped whole whatever its rows, or None. Columns added are
    no reason: the consumer adds them (the manifest lists the columns) and gets the rows
    whose new columns hold a value in the incremental part."""
    if previous is None:
        return "new to this destination"
    now = {name: kind for name, kind, _ in columns}
    if any(now.get(name) != kind for name, kind in previous.columns):
        return "columns removed or retyped"
    recoded = [n for n, _, avro in columns if previous.encodings.get(n, avro) != avro]
    if recoded:  # e.g. timestamps written with a logical type before they were plain longs
        more = f" and {len(recoded) - 3} more" if len(recoded) > 3 else ""
        return f"Avro encoding changed: {', '.join(recoded[:3])}{more}"
    if previous.definition_hash != source.definition_hash:
        return "definition changed"
    return None


def _rows(cursor: Any) -> Iterator[tuple]:
    while batch := cursor.fetchmany(FETCH_ROWS):
        yield from batch


def defined_properties(definitions_dir: Path) -> list[Any]:
    """Every `defined_properties:` entry of the definitions, as written."""
    entries: list[Any] = []
    paths = sorted([*definitions_dir.rglob("*.yml"), *definitions_dir.rglob("*.yaml")])
    for path in paths:
        if path.name == SETTINGS_FILE and path.parent == definitions_dir:
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        entries.extend(data.get("defined_properties") or [])
    return entries


def write_manifest(
    destination: Destination,
    dump_id: int,
    sync_started_at: datetime,
    tables: list[TableExport],
    definitions_dir: Path,
) -> str:
    """Write property_definitions.json, then the manifest: the step that completes a dump."""
    properties = json.dumps(defined_properties(definitions_dir), indent=2, default=str)
    property_definitions = destination.put_bytes(
        f"sync_{dump_id}/property_definitions.json", properties.encode()
    )
    manifest = {
        "dump_id": dump_id,
        "sync_started_at": sync_started_at.isoformat(),
        "tables": [
            {
                "name": t.name,
                "columns": t.columns,
                "key": t.key,
                "files": t.files,
                "incremental": t.incremental,
                "rows": t.rows,
            }
            for t in tables
        ],
        "property_definitions": property_definitions,
    }
    body = json.dumps(manifest, indent=2).encode()
    return destination.put_bytes(f"manifests/sync_{dump_id}.json", body)
