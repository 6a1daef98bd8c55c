"""The `heapgen` command line: arguments and output only; the work is in the modules."""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from heapgen import __version__
from heapgen.contract import BUILD_FULL, BUILD_REBUILD
from heapgen.raw_contract import SOURCE_KINDS

console = Console()
errors = Console(stderr=True, soft_wrap=True)  # an error line is never cut


def _common(
    parser: argparse.ArgumentParser,
    definitions_help: str = "definitions directory (default: PROJECT_DIR/definitions)",
) -> None:
    parser.add_argument(
        "--project-dir", type=Path, default=Path("."), help="dbt project directory (default: .)"
    )
    parser.add_argument("--definitions", type=Path, default=None, help=definitions_help)


def _definitions_dir(args: argparse.Namespace) -> Path:
    return args.definitions or args.project_dir / "definitions"


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )


# `heapgen sample --source KIND`: the module and function writing that source's files of the
# same simulated activity (heapgen.sample's), and what the files are called
SAMPLE_WRITERS: dict[str, tuple[str, str, str]] = {
    "heap_raw": ("heapgen.sample", "write_sample", "heap_raw's files"),
    "posthog": ("heapgen.posthog_sample", "write_posthog_sample", "the PostHog export"),
    "segment": ("heapgen.segment_sample", "write_segment_sample", "Segment's tables"),
    "rudderstack": ("heapgen.segment_sample", "write_rudderstack_sample", "RudderStack's tables"),
    "snowplow": ("heapgen.snowplow_sample", "write_snowplow_sample", "Snowplow's enriched events"),
}


def cmd_sample(args: argparse.Namespace) -> int:
    import importlib

    module, function, what = SAMPLE_WRITERS[args.source]
    writer = getattr(importlib.import_module(module), function)
    started = time.perf_counter()
    with _progress() as progress:
        task = progress.add_task("writing events", total=None)
        stats = writer(
            args.out_dir,
            users=args.users,
            days=args.days,
            seed=args.seed,
            progress=lambda n: progress.update(task, completed=n),
        )
    seconds = time.perf_counter() - started
    console.print(
        f"wrote {what} of {stats.events:,} events, {stats.identifies:,} identifies and "
        f"{stats.user_properties:,} user property updates for {stats.users:,} users "
        f"to {args.out_dir} in {seconds:.1f} s"
    )
    return 0


def cmd_load(args: argparse.Namespace) -> int:
    from heapgen.load import load_directory
    from heapgen.sync import duckdb_path

    db = duckdb_path(args.project_dir)
    tables = _source_tables(args)
    started = time.perf_counter()
    report = load_directory(
        db, args.in_dir, progress=lambda message: console.print(message), tables=tables
    )
    seconds = time.perf_counter() - started
    table = Table("file", "table", "rows", title=f"loaded into {db}")
    for item in report.files:
        table.add_row(str(item.path), f"{tables[item.table].schema}.{item.table}", f"{item.rows:,}")
    console.print(table)
    console.print(f"{report.total_rows:,} rows in {seconds:.1f} s")
    return 0


def _source_tables(args: argparse.Namespace) -> dict[str, Any]:
    """The tables `heapgen load` writes: --source's, else those of the source the project's
    definitions/heap_connect.yml names (heap_raw by default). A tracker's table is where that
    file says (schema and table), else its default (posthog.events, atomic.events)."""
    from heapgen.definitions import default_source, load_settings

    settings_file = _definitions_dir(args) / "heap_connect.yml"
    source = load_settings(_definitions_dir(args)).source if settings_file.is_file() else None
    kind = args.source or (source.kind if source else "heap_raw")
    if source is None or source.kind != kind:
        source = default_source(kind)
    return source.tables()


def _print_changes(changes: Any, check: bool) -> None:
    verb = "would write" if check else "wrote"
    for path in changes.written:
        console.print(f"{verb} {path}")
    for path in changes.removed:
        console.print(f"{'would remove' if check else 'removed'} {path}")


def cmd_generate(args: argparse.Namespace) -> int:
    from heapgen.generate import generate

    changes = generate(args.project_dir, _definitions_dir(args))
    _print_changes(changes, check=False)
    console.print(
        f"{len(changes.written)} written, {len(changes.removed)} removed, "
        f"{len(changes.unchanged)} unchanged"
    )
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from heapgen.generate import generate

    changes = generate(args.project_dir, _definitions_dir(args), check=True)
    if changes.stale:
        _print_changes(changes, check=True)
        errors.print("generated files are stale: run `heapgen generate` and commit the result")
        return 1
    console.print(f"generated files are up to date ({len(changes.unchanged)} files)")
    return 0


def cmd_plan(args: argparse.Namespace) -> int:
    from heapgen.generate import prepare

    generation = prepare(args.project_dir, _definitions_dir(args))
    built = _warehouse_state(args.project_dir, args.target)
    changes = generation.changes(built)
    title = "next sync (event tables, then the models a logic change rebuilds)"
    table = Table("action", "table", "detail", "new columns", title=title)
    for change in changes:
        if change.action != "unchanged" or args.all:
            table.add_row(change.action, change.table, change.detail, ", ".join(change.new_columns))
    console.print(table)
    counts = {
        action: sum(c.action == action for c in changes)
        for action in ("create", "rebuild", "rename", "archive", "drop", "unchanged")
    }
    console.print(", ".join(f"{n} {action}" for action, n in counts.items()))
    against = (
        "the warehouse's sync state"
        if built is not None
        else "heapgen.lock.yml (the last `heapgen generate`: no warehouse synced yet)"
    )
    console.print(
        f"compared with {against}; other tables take the new batch. New property columns "
        "are added while syncing, and a property whose type must widen rebuilds its table "
        "then (it depends on the data)"
    )
    _print_renamed_keys(args.project_dir, args.target, generation)
    return 0


def _print_renamed_keys(project_dir: Path, target: str | None, generation: Any) -> None:
    """The raw property keys whose column is not simply their snake_case: every one keeps a
    column, and none is renamed without a word."""
    from heapgen.dbt_runner import DbtError, raw_property_keys
    from heapgen.sync import duckdb_path

    if target in (None, "duckdb") and not duckdb_path(project_dir).exists():
        return
    try:
        keys = raw_property_keys(project_dir, target)
    except DbtError as exc:
        console.print(f"property keys: heap_raw could not be read ({exc})")
        return
    renamed = generation.renamed_keys(keys)
    if not renamed:
        return
    table = Table("tables", "property key", "column", "why", title="property keys renamed")
    for r in renamed:
        tables = "every event table" if r.scope == "event" else "users"
        table.add_row(tables, repr(r.key), r.column, r.reason)
    console.print(table)


def _warehouse_state(project_dir: Path, target: str | None) -> Any:
    """What the warehouse's incremental tables were last built from and their logic now
    (heapgen.plan.Built), or None when there is no synced warehouse to ask (a DuckDB file
    that does not exist is not created). A warehouse that cannot be asked is an error, not
    "nothing synced"."""
    from heapgen.dbt_runner import sync_states
    from heapgen.plan import Built
    from heapgen.warehouse import duckdb_path, is_duckdb, pin_duckdb_path, require_database

    if is_duckdb(target):
        db = duckdb_path(project_dir)
        if not db.exists() and db.parent.is_dir():
            return None
        require_database(db)
    pin_duckdb_path(project_dir)
    warehouse = sync_states(project_dir, target)
    return Built(warehouse.states, warehouse.logic) if warehouse.states else None


def cmd_sync(args: argparse.Namespace) -> int:
    from heapgen.sync import parse_vars, sync

    with _progress() as progress:
        task = progress.add_task("dbt build", total=None)

        def on_event(event: Any) -> None:
            name = event.info.name
            if name == "NodeStart":
                node = event.data.node_info
                progress.update(task, description=f"building {node.node_name}")
            elif name == "NodeFinished":
                progress.advance(task)

        result = sync(
            args.project_dir,
            _definitions_dir(args),
            target=args.target,
            full_refresh=args.full_refresh,
            dbt_vars=parse_vars(args.vars),
            on_event=on_event,
            dbt_artifacts=args.dbt_artifacts,
        )
    table = Table(
        "table", "rows", "written", "build", "status", "seconds", title="Heap Connect tables"
    )
    built = {n.relation.split(".")[-1]: n for n in result.run.nodes if n.resource_type == "model"}
    builds = result.builds
    for name, (rows, written) in sorted(result.row_counts.items()):
        node = built.get(name)
        synced = name in builds  # event tables: synced by int_event_tables, not their own node
        build = (builds.get(name) or BUILD_FULL) if node and node.status == "success" else ""
        table.add_row(
            name,
            f"{rows:,}",
            f"{written:,}" if node or synced or result.nothing_new else "",
            (build or builds.get(name, "")).replace(BUILD_REBUILD, "rebuilt: "),
            node.status if node else ("success" if synced else ""),
            f"{node.seconds:.2f}" if node else "",
        )
    console.print(table)
    renamed = result.renamed_keys
    if renamed:
        from heapgen.naming import property_rename

        keys = Table("table", "property key", "column", "why", title="property keys renamed")
        for name, columns in sorted(renamed.items()):
            for key, column in sorted(columns.items()):
                keys.add_row(name, repr(key), column, property_rename(key, column) or "")
        console.print(keys)
    users, removed = result.deletions
    if users or removed:
        rows = ", ".join(f"{table} {n:,}" for table, n in sorted(removed.items()))
        console.print(
            f"deleted {users} user id(s) requested since the last sync; rows removed of "
            f"deleted users (late raw rows included): {rows or 'none'}"
        )
    if result.nothing_new:
        console.print(
            f"sync succeeded in {result.seconds:.1f} s: nothing new since the last sync "
            "(no raw row, definition or setting changed), no table was built"
        )
        return 0
    tests = [n for n in result.run.nodes if n.resource_type == "test"]
    console.print(
        f"sync succeeded in {result.seconds:.1f} s: {len(built)} models built "
        f"({len(builds)} tables synced), {len(tests)} data tests passed"
    )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from heapgen.export import export

    with _progress() as progress:
        tasks: dict[str, Any] = {}

        def on_progress(table: str, done: int, total: int) -> None:
            if table not in tasks:
                tasks[table] = progress.add_task(f"exporting {table}", total=total)
            progress.update(tasks[table], completed=done, total=total)

        result = export(
            args.project_dir,
            _definitions_dir(args),
            args.to,
            target=args.target,
            rows_per_part=args.rows_per_part,
            endpoint_url=args.endpoint_url,
            progress=on_progress,
        )
    if result.dump_id is None:
        console.print(result.message)
        return 0
    table = Table("table", "mode", "rows", "files", "why", title=f"dump {result.dump_id}")
    for item in result.tables:
        mode = "incremental" if item.incremental else "whole"
        table.add_row(item.name, mode, f"{item.rows:,}", str(len(item.files)), item.reason)
    console.print(table)
    rows = sum(t.rows for t in result.tables)
    files = sum(len(t.files) for t in result.tables)
    console.print(
        f"dump {result.dump_id}: {rows:,} rows in {files} Avro files, "
        f"{len(result.tables)} tables, in {result.seconds:.1f} s; manifest {result.manifest}"
    )
    return 0


def cmd_delete_users(args: argparse.Namespace) -> int:
    from heapgen.deletion import collect_requests, record_requests
    from heapgen.sync import duckdb_path, pin_duckdb_path

    requests = collect_requests(args.user_id, args.identity, args.file)
    if args.target in (None, "duckdb") and not duckdb_path(args.project_dir).exists():
        errors.print(
            f"[bold red]error:[/] no warehouse at {escape(str(duckdb_path(args.project_dir)))}: "
            "nothing to delete (set $HEAP_CONNECT_DB or --project-dir)",
            markup=True,
            highlight=False,
        )
        return 1
    pin_duckdb_path(args.project_dir)
    recorded = record_requests(args.project_dir, args.target, requests)
    console.print(
        f"recorded {recorded} deletion request(s) ({len(requests.user_ids)} user ids, "
        f"{len(requests.identities)} identities); the next `heapgen sync` deletes these users "
        "and every user id merged into them"
    )
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    from heapgen.dbt_runner import invoke
    from heapgen.warehouse import duckdb_path, is_duckdb, pin_duckdb_path, require_database

    if is_duckdb(args.target):  # a mistyped path must not create an empty database
        require_database(duckdb_path(args.project_dir))
    pin_duckdb_path(args.project_dir)
    run = invoke(
        ["show", "--inline", args.sql, "--limit", str(args.limit)],
        args.project_dir,
        args.target,
        quiet=False,
    )
    return 0 if run.success else 1


def _since(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (YYYY-MM-DD)") from None


def cmd_preview(args: argparse.Namespace) -> int:
    from heapgen.preview import preview, request
    from heapgen.preview_console import print_preview

    if not (args.names or args.segment or args.property):
        errors.print("[bold red]error:[/] name a labeled event, a --segment or a --property")
        return 2
    with _progress() as progress:
        progress.add_task("previewing (reading the warehouse)", total=None)
        asked = request(
            args.project_dir,
            args.definitions,
            events=args.names,
            segments=args.segment,
            properties=args.property,
            since=args.since,
            examples=args.examples,
        )
        result = preview(asked, target=args.target)
    if args.json:
        sys.stdout.write(json.dumps(dataclasses.asdict(result), default=str, indent=2) + "\n")
        return 0
    print_preview(result, console)
    return 0


def _when(value: Any) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S") if value is not None else ""


def cmd_status(args: argparse.Namespace) -> int:
    import json

    from heapgen.status import parse_duration, parse_now, read_status

    stale_after = parse_duration(args.stale_after) if args.stale_after else None
    status = read_status(
        args.project_dir,
        _definitions_dir(args),
        target=args.target,
        syncs=args.syncs,
        now=parse_now(args.now),
        stale_after=stale_after,
    )
    if args.json:
        print(json.dumps(status.as_json(), indent=2))
        return 1 if status.failed else 0
    syncs = Table("status", "started", "finished", "seconds", "error", title="last syncs")
    for s in status.syncs:
        seconds = f"{s.seconds:.1f}" if s.seconds is not None else ""
        error = (s.error or "").splitlines()
        more = f" (+{len(error) - 1} lines)" if len(error) > 1 else ""
        syncs.add_row(
            s.status, _when(s.start_time), _when(s.finish_time), seconds, (error or [""])[0] + more
        )
    if status.syncs:
        console.print(syncs)
    succeeded = next((s.start_time for s in status.syncs if s.status == "succeeded"), None)
    tables = Table(
        "table", "rows", "newest event", "inserted", "last build", title="Heap Connect tables"
    )
    for t in status.tables:
        # the last _sync_info row's rows inserted; the build, with its sync's start when that
        # was not the latest successful sync
        inserted = f"{t.sync_info['inserted_row_count']:,}" if t.sync_info else ""
        build = t.build.replace(BUILD_REBUILD, "rebuilt: ") if t.build else ""
        if build and t.built_at != succeeded:
            build += f" ({_when(t.built_at)[:16]})"
        newest = _when(t.newest_event_time)[:16] + (" [yellow]stale[/]" if t.stale else "")
        name = escape(t.name) + (" (archived)" if t.archived else "")
        tables.add_row(name, f"{t.rows:,}", newest, inserted, escape(build))
    if status.tables:
        console.print(tables)
    for names, what in (
        (status.archived, "archived (table kept, no longer updated)"),
        (status.left_out, "left out (sync: false, no table)"),
        (status.removed, "no longer defined (dropped by the next sync)"),
    ):
        if names:
            console.print(f"{what}: {', '.join(names)}")
    for warning in status.warnings:
        console.print(f"[bold yellow]warning:[/] {escape(warning)}", highlight=False)
    latest = status.latest
    if latest is None:
        console.print("no sync yet: `heapgen sync` records the first in _sync_history")
    elif status.failed:
        console.print(
            f"[bold red]the latest sync failed[/] (started {_when(latest.start_time)}):\n"
            f"{escape(latest.error or 'no error recorded')}",
            highlight=False,
        )
        return 1
    else:
        next_sync = _when(latest.next_scheduled_sync_at)
        console.print(
            f"the latest sync {latest.status} (started {_when(latest.start_time)}); "
            f"next scheduled at {next_sync or 'unknown'}"
        )
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="heapgen",
        description="Self-hosted Heap Connect: raw capture in, Heap Connect's schema out.",
    )
    parser.add_argument("--version", action="version", version=f"heapgen {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("sample", help="write realistic synthetic raw capture files (JSONL)")
    p.add_argument("out_dir", type=Path)
    p.add_argument("--users", type=int, default=1000)
    p.add_argument("--days", type=int, default=14)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument(
        "--source",
        choices=SOURCE_KINDS,
        default="heap_raw",
        help="the format: heap_raw's files (default), or the same activity as PostHog's export "
        "(events.jsonl), Snowplow's enriched events (events.jsonl) or Segment's or "
        "RudderStack's tables (<table>.jsonl and source.yml, the `source:` block that reads them)",
    )
    _common(p)
    p.set_defaults(func=cmd_sample)

    p = sub.add_parser(
        "load",
        help="append events*/identifies*/user_properties* files to heap_raw, or a tracker's "
        "export files to its tables (--source posthog, segment, rudderstack, snowplow)",
    )
    p.add_argument("in_dir", type=Path)
    p.add_argument(
        "--source",
        choices=SOURCE_KINDS,
        help="whose files these are (default: the source definitions/heap_connect.yml names)",
    )
    _common(p)
    p.set_defaults(func=cmd_load)

    p = sub.add_parser("generate", help="write the generated dbt files from the definitions")
    _common(p)
    p.set_defaults(func=cmd_generate)

    p = sub.add_parser("check", help="exit 1 when the generated files are stale")
    _common(p)
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("plan", help="what the next sync creates, rebuilds, renames and drops")
    p.add_argument("--all", action="store_true", help="also list unchanged tables")
    p.add_argument("--target", default=None, help="dbt target whose state to read")
    _common(p)
    p.set_defaults(func=cmd_plan)

    p = sub.add_parser("sync", help="generate, dbt build, and print the output tables")
    p.add_argument("--target", default=None, help="dbt target (default: the profile's)")
    p.add_argument("--full-refresh", action="store_true", help="rebuild every table from history")
    p.add_argument(
        "--vars",
        type=str,
        default=None,
        help="dbt vars as YAML or JSON, e.g. '{heap_connect__all_events_max_tables: 500}'",
    )
    p.add_argument(
        "--dbt-artifacts",
        action="store_true",
        help="also write dbt's target/manifest.json, run_results.json and graph (for dbt docs "
        "or tools reading them); off by default: at 1,000 labels they cost seconds a sync",
    )
    _common(p)
    p.set_defaults(func=cmd_sync)

    p = sub.add_parser(
        "export", help="write the S3-style dump of the last sync (Avro files and a manifest)"
    )
    p.add_argument("--to", required=True, help="a folder, or s3://BUCKET/PREFIX")
    p.add_argument("--target", default=None, help="dbt target (default: the profile's)")
    p.add_argument(
        "--rows-per-part",
        type=int,
        default=1_000_000,
        help="most rows in one Avro file; larger tables get several parts (default: 1000000)",
    )
    p.add_argument(
        "--endpoint-url",
        default=None,
        help="an S3-compatible API to write to instead of AWS (also: $AWS_ENDPOINT_URL)",
    )
    _common(p)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser(
        "delete-users", help="record users to delete (GDPR erasure); the next sync deletes them"
    )
    p.add_argument("--user-id", action="append", default=[], help="a user id (repeatable)")
    p.add_argument("--identity", action="append", default=[], help="an identity (repeatable)")
    p.add_argument(
        "--file",
        action="append",
        default=[],
        type=Path,
        help="a CSV file with a header naming a user_id and / or an identity column",
    )
    p.add_argument("--target", default=None, help="dbt target (default: the profile's)")
    _common(p)
    p.set_defaults(func=cmd_delete_users)

    p = sub.add_parser(
        "preview",
        help="what a labeled event matches (events and users, per day, top values, examples, "
        "rows a sync would add or remove), a segment's members or a defined property's values, "
        "from the warehouse's intermediate tables; writes nothing",
    )
    p.add_argument("names", nargs="*", metavar="NAME", help="labeled events (name or table)")
    p.add_argument("--segment", action="append", default=[], metavar="NAME", help="a segment")
    p.add_argument(
        "--property", action="append", default=[], metavar="NAME", help="a defined property"
    )
    p.add_argument(
        "--since", type=_since, default=None, help="YYYY-MM-DD: the chart, values and examples"
    )
    p.add_argument("--examples", type=int, default=10, help="example rows (default: 10)")
    p.add_argument("--json", action="store_true", help="print the preview as JSON")
    p.add_argument("--target", default=None, help="dbt target (default: the profile's)")
    _common(
        p,
        "definitions directory, or one definitions file read over PROJECT_DIR/definitions "
        "(not saved there yet, or an edited copy: its definitions replace those of their names)",
    )
    p.set_defaults(func=cmd_preview)

    p = sub.add_parser("query", help="run a SQL query on the target and print the result")
    p.add_argument("sql")
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--target", default=None)
    _common(p)
    p.set_defaults(func=cmd_query)

    p = sub.add_parser(
        "status",
        help="the last syncs, and per output table its rows, newest event and last build; "
        "exits 1 when the latest sync failed",
    )
    p.add_argument("--target", default=None, help="dbt target (default: the profile's)")
    p.add_argument("--json", action="store_true", help="print the same facts as JSON")
    p.add_argument(
        "--stale-after",
        default=None,
        help="warn about tables whose newest event is older than this (e.g. 6h, 90m, 2d; "
        "default: twice sync.frequency_hours of definitions/heap_connect.yml)",
    )
    p.add_argument(
        "--now",
        default=None,
        help="the time to measure staleness from (UTC, ISO 8601; default: now)",
    )
    p.add_argument("--syncs", type=int, default=5, help="how many of the last syncs to list")
    _common(p)
    p.set_defaults(func=cmd_status)
    return parser


def main(argv: list[str] | None = None) -> int:
    from heapgen.dbt_runner import DbtError
    from heapgen.definitions import DefinitionError
    from heapgen.deletion import DeletionError
    from heapgen.destinations import ExportError
    from heapgen.preview import PreviewError
    from heapgen.sync import SyncFailed

    args = build_parser().parse_args(argv)
    from heapgen.sample import SampleError
    from heapgen.status import StatusInputError
    from heapgen.sync import SyncInputError
    from heapgen.warehouse import WarehouseError

    known: tuple[type[Exception], ...] = (
        DefinitionError,
        DbtError,
        SyncFailed,
        ExportError,
        SampleError,
        SyncInputError,
        WarehouseError,
        DeletionError,
        PreviewError,
        StatusInputError,
    )
    try:
        from heapgen.load import LoadError

        known = (*known, LoadError)
    except ImportError:
        pass
    try:
        return args.func(args)
    except known as exc:
        errors.print(f"[bold red]error:[/] {escape(str(exc))}", markup=True, highlight=False)
        return 2 if isinstance(exc, DefinitionError) else 1


if __name__ == "__main__":
    sys.exit(main())
