"""Incremental syncs on each warehouse stand-in equal the same syncs on DuckDB, and DuckDB's
incremental syncs equal one full build.

A small `heapgen sample` plus the identity fixture (migrations, a chain) and the operators
fixture (awkward property keys and values) is cut into BATCHES loads by loaded_at. Each batch
is loaded (and checked) into a DuckDB file of its own by `heapgen load` and appended from
there to `heap_raw` of the warehouse through its own client (warehouses/warehouse_tables.py).
After each load the whole project is built with `dbt build` (models, the opt-in marts, data
tests, the sync hooks); between builds the definitions change as users change them (rename, archive,
un-archive, a new match, unsync, a new event: change_definitions) and the generated models
are written again; before the last build a user deletion is recorded, so that build also
deletes a person whose rows the same batch brings, and the last batch brings an identify
that merges a user whose rows the first sync wrote (moved in place, except on Spark).
After every build each table of the Heap Connect output schema is read back and compared with
DuckDB's after the same step: same tables, same columns (name and logical type: bigint,
double, text, ...) in the same order, same rows (values
normalized: times as naive UTC, floats rounded, numerics that are whole as int). The
bookkeeping tables are compared on what does not depend on the clock. After the last build,
what `heapgen preview` (labels, segments, properties: PREVIEWED) and `heapgen status` read
from the warehouse must be DuckDB's too (their macros, run as the commands run them).

    HEAP_CONNECT_TEST_TARGET=postgres,redshift .venv/bin/pytest -m warehouses \
        tests/python/test_warehouse_sync.py

Every statement dbt executed on the stand-in (dbt's log: models, hooks, data tests, the
adapter's own DDL and metadata queries) is then parsed with sqlglot in the warehouse's
dialect, so syntax a stand-in accepts but the warehouse's grammar does not is caught (the
offline compile, test_offline_compile.py, does the same for the production SQL).

HEAP_CONNECT_TEST_TARGET picks the stand-ins (default: all five, stand_ins.TARGETS). Each
target's stand-in is
started for its own test and stopped after it, so only one runs at a time. A stand-in that
cannot start fails its test (never a skip). conftest.py prints a pass/fail table with wall
times at the end of the session.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
import json
import logging
import os
import re
import shutil
import sys
import time
from pathlib import Path

import pytest
import sqlglot

from conftest import (
    FIXTURES,
    MARTS,
    REPO,
    copy_project,
    enable_marts,
    keep_events,
    split_by_arrival,
    without_users,
)
from heapgen.generate import generate
from heapgen.load import load_directory
from heapgen.sample import write_sample
from test_sync_lifecycle import add_event, edit_event

sys.path.insert(0, str(REPO / "warehouses"))

import stand_ins  # noqa: E402
import warehouse_tables  # noqa: E402

pytestmark = pytest.mark.warehouses

OUTPUT_SCHEMA = "main_production"
INTERNAL_SCHEMA = "main_production_internal"
BATCHES = 3
# Before the last build a user deletion is recorded (heapgen delete-users records it with this
# run-operation), so the last build applies it with the last batch and the definition changes:
# the identity fixture's person, asked for by the identity of one of its merged ids
# (user 2 -> 1 -> 3), so the whole person goes: users 1, 2 and 3.
DELETE_USERS = [
    "run-operation",
    "record_deletion_requests",
    "--args",
    json.dumps({"identities": ["ann@example.com"]}),
]
DELETED = {1, 2, 3}
# Clock-dependent bookkeeping: compared on these columns only, and not with the full build
# (its _sync_info counts one sync's rows).
CLOCK_FREE_COLUMNS = {
    "_sync_history": ["status", "error"],
    "_sync_info": ["event_table_name", "synced_to_time", "inserted_row_count"],
    "_dropped_tables": ["event_table_name"],
}


def selected_targets() -> list[str]:
    value = os.environ.get("HEAP_CONNECT_TEST_TARGET", "")
    targets = [t.strip() for t in value.split(",") if t.strip()] or list(stand_ins.TARGETS)
    unknown = set(targets) - set(stand_ins.TARGETS)
    if unknown:
        raise pytest.UsageError(f"HEAP_CONNECT_TEST_TARGET: unknown {sorted(unknown)}")
    return targets


TARGETS = selected_targets()

Tables = dict[str, tuple[list[str], list]]


def normalize(value: object) -> object:
    """One comparable form per value, whatever the client returned."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC).replace(tzinfo=None)
        return value.isoformat(sep=" ")
    if isinstance(value, decimal.Decimal):
        value = float(value)
    if isinstance(value, float):
        return int(value) if value.is_integer() else round(value, 6)
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True)
    return value


def snapshot(state: stand_ins.State, target: str) -> Tables:
    """Every table of the output schema: (its columns in table order, each (name, logical
    type); its rows, normalized and sorted)."""
    tables = {}
    for table in warehouse_tables.list_tables(state, target, OUTPUT_SCHEMA):
        columns, rows = warehouse_tables.read_table(state, target, OUTPUT_SCHEMA, table)
        keep = CLOCK_FREE_COLUMNS.get(table)
        if keep:
            names = [name for name, _ in columns]
            rows = [tuple(row[names.index(c)] for c in keep) for row in rows]
            columns = [columns[names.index(c)] for c in keep]
        normalized = sorted((tuple(normalize(v) for v in row) for row in rows), key=repr)
        tables[table] = (columns, normalized)
    return tables


def assert_same(got: Tables, expected: Tables, what: str) -> None:
    """Same tables, the same columns (names and logical types) in the same order, and the
    same rows; a failure lists every table that differs, with its columns on both sides or a
    few rows only one side has."""
    assert sorted(got) == sorted(expected), f"{what}: same output tables"
    problems = []
    for table, (columns, rows) in expected.items():
        got_columns, got_rows = got[table]
        if got_columns != columns:
            problems.append(f"{table}: columns {got_columns} != expected {columns}")
        elif got_rows != rows:
            extra = [r for r in got_rows if r not in rows][:3]
            missing = [r for r in rows if r not in got_rows][:3]
            problems.append(
                f"{table}: {len(got_rows)} rows, expected {len(rows)}; only here: {extra}; "
                f"only expected: {missing}; columns {columns}"
            )
    assert not problems, f"{what}: tables differ:\n" + "\n".join(problems)


# A statement in dbt's log: "On <node id>: <sql>", up to the next log line's timestamp (not
# dbt's note on a relation lookup outside a cached schema, 'On "<node>": cache miss ...').
LOGGED_STATEMENT = re.compile(
    r"\]: On (?!\")[^:\n]+: (.*?)(?=\n(?:\x1b\[0m)?\d\d:\d\d:\d\d\.\d+ |\Z)", re.S
)
DBT_QUERY_COMMENT = re.compile(r'/\* \{"app": "dbt".*?\*/', re.S)
SQL_SCRIPT = re.compile(r"begin\s(.*);\s*end", re.S | re.I)
DIALECTS = {"postgres": "postgres", "redshift": "redshift", "snowflake": "snowflake",
            "bigquery": "bigquery", "spark": "spark"}  # fmt: skip


def unparseable_statements(log: Path, dialect: str) -> tuple[int, list[str]]:
    """(statements, those sqlglot cannot parse in `dialect`) of every statement dbt logged
    as executed. Bind parameters (seeds' %s) are read as NULL; a seed's insert that dbt logged
    cut short (ending in "...") is left out."""
    # sqlglot warns for each statement it keeps as an opaque Command (SHOW ..., OPTIONS(...))
    logging.getLogger("sqlglot").setLevel(logging.ERROR)
    statements, failures = 0, []
    for match in LOGGED_STATEMENT.finditer(log.read_text()):
        sql = DBT_QUERY_COMMENT.sub("", match.group(1)).strip().rstrip(";").replace("%s", "null")
        if not sql or sql.endswith("..."):
            continue
        statements += 1
        # a SQL script (Spark: BEGIN ... END, macros/cross_db/spark_rewrite.sql), which sqlglot
        # does not read: its statements, split by sqlglot's own tokenizer
        script = SQL_SCRIPT.fullmatch(sql)
        try:
            sqlglot.parse(script.group(1) if script else sql, read=dialect)
        except sqlglot.errors.ParseError as error:
            failures.append(f"{str(error).splitlines()[0]}\n{sql[:2000]}")
    return statements, failures


# The events the test project keeps (fewer models and data tests: the builds stay short), one
# of each kind: page views, CSS selectors and a combo, web and app, custom and server-side,
# property filters, a session-level filter, labeled references, the segments' events; plus
# one on the operators fixture's events, whose property keys are awkward (quotes, dots).
EVENTS = (
    "View Pricing Page",
    "Sign Up - Click Link (Any)",
    "Sign Up - Mobile Tap",
    "Add To Cart",
    "Add To Cart - Click",
    "Add To Cart (Any)",
    "Big Order",
    "Server Payment",
    "Paid Landing On Product Page",
    "Any Event On Checkout",
)


def trimmed_project(path: Path) -> Path:
    """A copy of the project with the EVENTS, the segments on them, every defined property,
    an event on the operators fixture and the opt-in marts; its models generated."""
    project = enable_marts(copy_project(path))
    keep_events(project, *EVENTS)
    matrix = {"name": "Operators Matrix", "match": [{"event": "custom", "name": "Matrix"}]}
    add_event(project, matrix)
    generate(project, project / "definitions")
    return project


def change_definitions(project: Path, k: int) -> None:
    """The definition changes before build k, as in the DuckDB lifecycle test: before the
    second, a rename (same table) and an archive (its table frozen); before the third, a new
    match for one event (its table rebuilt from all history, its label re-tagged, the other
    tables take only the batch), the archived event un-archived (rebuilt), one event no
    longer synced (its table dropped, in _dropped_tables) and a new one (created). Then the
    generated models are written again, as `heapgen sync` does."""
    if k == 1:
        new_name = "Paid Landing On A Product Page"
        edit_event(project, "Paid Landing On Product Page", lambda e: {**e, "name": new_name})
        edit_event(project, "Sign Up - Click Link (Any)", lambda e: {**e, "archived": True})
    elif k == 2:
        edit_event(
            project,
            "Any Event On Checkout",
            lambda e: {**e, "match": [{"event": "any", "library": "web", "path": "/cart*"}]},
        )
        edit_event(project, "Sign Up - Click Link (Any)", lambda e: {**e, "archived": False})
        edit_event(project, "Server Payment", lambda e: {**e, "sync": False})
        search = [{"event": "custom", "name": "Search"}]
        add_event(project, {"name": "Search With No Results", "match": search})
    else:
        return
    generate(project, project / "definitions")


def add_late_properties(folder: Path) -> None:
    """An Add To Cart event with two properties no earlier event had, in the last batch:
    `bundle` sorts before the table's other properties and defined properties follow them,
    so the sync copies its tables into a full build's column order
    (heap_connect.column_order_change)."""
    events = folder / "events.jsonl"
    rows = [json.loads(line) for line in events.read_text().splitlines()]
    last = max(rows, key=lambda r: r["loaded_at"])
    late = {
        "event_id": 990_000_001,
        "user_id": last["user_id"],
        "session_id": None,
        "time": last["time"],
        "loaded_at": last["loaded_at"],
        "library": "server",
        "type": "Add To Cart",
        "is_custom": True,
        "properties": {"bundle": "spring", "quantity": 2, "zz_gift": True},
    }
    events.write_text(events.read_text() + json.dumps(late) + "\n")


def drop_sessions(folders: list[Path]) -> None:
    """One web user's events come without a session id (sessions of 30 minutes' inactivity,
    decision 0027), and the last batch brings one of theirs ten minutes before their first:
    that session's start and id move, so the sync rewrites rows an earlier sync wrote."""
    loaded = [
        [json.loads(line) for line in (f / "events.jsonl").read_text().splitlines()]
        for f in folders
    ]
    web = sorted(e["user_id"] for rows in loaded for e in rows if e["library"] == "web")
    user = web[0]
    for folder, rows in zip(folders, loaded, strict=True):
        for row in rows:
            if row["user_id"] == user:
                row["session_id"] = None
        (folder / "events.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    first = min(
        (e for rows in loaded for e in rows if e["user_id"] == user), key=lambda e: e["time"]
    )
    early = dt.datetime.fromisoformat(first["time"]) - dt.timedelta(minutes=10)
    late = {**first, "event_id": 990_000_002, "time": early.strftime("%Y-%m-%d %H:%M:%S.%f")[:-3]}
    late["loaded_at"] = max(e["loaded_at"] for e in loaded[-1])
    with (folders[-1] / "events.jsonl").open("a") as out:
        out.write(json.dumps(late) + "\n")


def move_an_event(folders: list[Path]) -> None:
    """The first batch brings an Add To Cart event alone on its day; the last brings a copy of
    it loaded earlier (so it wins, decision 0017) whose time is a day earlier, also alone: the
    sync replaces the held event with a copy on another day, and the day it leaves has no event
    left (on Spark, a day partition of int_events that the sync must drop, decision 0043)."""
    rows = [json.loads(line) for line in (folders[0] / "events.jsonl").read_text().splitlines()]
    user = next(r["user_id"] for r in rows if r["user_id"] not in DELETED)
    held = {
        "event_id": 990_000_003,
        "user_id": user,
        "session_id": None,
        "time": "2025-12-20 12:00:00.000",
        "loaded_at": max(r["loaded_at"] for r in rows),
        "library": "server",
        "type": "Add To Cart",
        "is_custom": True,
        "properties": {},
    }
    loaded_earlier = min(r["loaded_at"] for r in rows)
    copy = {**held, "time": "2025-12-19 12:00:00.000", "loaded_at": loaded_earlier}
    assert copy["loaded_at"] < held["loaded_at"]
    with (folders[0] / "events.jsonl").open("a") as out:
        out.write(json.dumps(held) + "\n")
    with (folders[-1] / "events.jsonl").open("a") as out:
        out.write(json.dumps(copy) + "\n")


def identify_late(folders: list[Path]) -> None:
    """The last batch brings an identify that merges an anonymous user whose events all came
    in the first batch into an identified one (the sample's earliest identity): the sync
    moves those events' rows, which it wrote two syncs before, to their new user, updating
    them in place where the warehouse can (decision 0008)."""

    def rows(folder: Path, table: str) -> list[dict]:
        return [json.loads(line) for line in (folder / f"{table}.jsonl").read_text().splitlines()]

    identifies = [r for f in folders for r in rows(f, "identifies")]
    owner = min((r for r in identifies if r["user_id"] not in DELETED), key=lambda r: r["time"])
    later = {e["user_id"] for f in folders[1:] for e in rows(f, "events")}
    known = {r["user_id"] for r in identifies} | later | DELETED
    user = min(e["user_id"] for e in rows(folders[0], "events") if e["user_id"] not in known)
    at = max(e["loaded_at"] for e in rows(folders[-1], "events"))
    assert owner["time"] < at
    merge = {"user_id": user, "identity": owner["identity"], "time": at, "loaded_at": at}
    with (folders[-1] / "identifies.jsonl").open("a") as out:
        out.write(json.dumps(merge) + "\n")


@pytest.fixture(scope="module")
def batches(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Path, Path]]:
    """BATCHES (folder, DuckDB file) pairs: the next share of the raw rows by loaded_at, all
    three raw tables, so each load brings what arrived next; the DuckDB file holds the
    folder's rows in heap_raw, loaded and checked by `heapgen load`."""
    root = tmp_path_factory.mktemp("raw")
    write_sample(root / "sample", users=15, days=2, seed=3)
    sources = [root / "sample", FIXTURES / "identity", FIXTURES / "operators"]
    folders = split_by_arrival(sources, root, BATCHES)
    add_late_properties(folders[-1])
    drop_sessions(folders)
    move_an_event(folders)
    identify_late(folders)
    files = []
    for k, folder in enumerate(folders):
        load_directory(root / f"batch_{k}.duckdb", folder)
        files.append((folder, root / f"batch_{k}.duckdb"))
    return files


SYNC_STATES = ["run-operation", "sync_states"]


def nothing_new_sync(state: stand_ins.State, target: str, project: Path, **kw) -> Tables:
    """What `heapgen sync` does when the project is the one the last sync built and nothing
    new arrived (decision 0024): record the project's fingerprint (here a made-up one), then
    ask sync_nothing_new, which must answer true and record a sync that built nothing. The
    output tables after it."""
    from heapgen.contract import MARKERS

    fingerprint = json.dumps({"fingerprint": "warehouse-test"})
    record = ["run-operation", "record_synced_project", "--args", fingerprint]
    stand_ins.run_dbt(state, target, record, project, **kw).check()
    asked = ["run-operation", "sync_nothing_new", "--args", fingerprint]
    result = stand_ins.run_dbt(state, target, asked, project, **kw).check()
    answer = logged(result.output, MARKERS["nothing_new"])
    assert answer is True, f"{target}: " + result.output[-3000:]
    return snapshot(state, target)


def stand_in_build(k: int) -> list[str]:
    """A stand-in's build k: the data tests run in the last one only. Every build's tables
    are compared with DuckDB's, and the tests' SQL still runs once on each stand-in (on
    Spark the tests took ~30 s of each build, CI time)."""
    return ["build"] if k == BATCHES - 1 else ["build", "--exclude", "resource_type:test"]


def edited_label_build(
    state: stand_ins.State, target: str, project: Path, selection: list[str] | None, **kw
) -> tuple[Tables, list[str]]:
    """An edited label with nothing new to read: the build `heapgen sync` runs then
    (decision 0045), the nodes the changed files reach in dbt's graph and the batch tables.
    The selection is worked out on DuckDB's project (`selection` None), whose files every
    stand-in's project repeats. The output tables after it, and the selection."""
    from heapgen.dbt_runner import invoke
    from heapgen.reach import reach
    from heapgen.sync import project_snapshot

    def parsed() -> object:
        prior = os.environ.get("HEAP_CONNECT_DB")
        os.environ["HEAP_CONNECT_DB"] = state.duckdb_path
        try:
            run = invoke(["parse"], project)
        finally:
            if prior is None:
                del os.environ["HEAP_CONNECT_DB"]
            else:
                os.environ["HEAP_CONNECT_DB"] = prior
        assert run.success, run.errors
        return run.manifest

    before = project_snapshot(project, parsed(), None, None) if selection is None else None
    pricing = [{"event": "view page", "path": "/cart*"}]
    edit_event(project, "View Pricing Page", lambda e: {**e, "match": pricing})
    generate(project, project / "definitions")
    if before is not None:
        manifest = parsed()
        edits = project_snapshot(project, manifest, None, None).edits_since(before)
        selection = reach(manifest, edits or set())
    assert selection and "int_event_tables+" in selection and "int_events+" not in selection
    # without the data tests (stand_in_build), on DuckDB as on the stand-ins
    build = ["build", "--select", *selection, "--exclude", "tag:heap_event", "resource_type:test"]
    stand_ins.run_dbt(state, target, build, project, **kw).check()
    return snapshot(state, target), selection


# What `heapgen preview` and `heapgen status` are asked after the last build: a combo label,
# one whose match was edited (its table rebuilt), one on the awkward operators fixture, one
# with a session-field filter (renamed; nothing in this data matches it), one no longer
# synced (no table), two segments and a property of each scope.
PREVIEWED = {
    "events": [
        "Add To Cart (Any)",
        "Any Event On Checkout",
        "Operators Matrix",
        "Paid Landing On A Product Page",
        "Server Payment",
    ],
    "segments": ["Engaged Shoppers", "Paying Without Orders"],
    "properties": ["Marketing Channel", "Customer Tier"],
    "since": dt.date(2026, 1, 6),
}
STATUS_NOW = dt.datetime(2027, 1, 1)


def logged(output: str, marker: str) -> dict:
    """The JSON a macro logged after `marker` (heapgen.contract.MARKERS) in dbt's output."""
    for line in output.splitlines():
        if marker in line:
            return json.loads(line.split(marker, 1)[1])
    raise AssertionError(f"no {marker!r} line in dbt's output:\n" + output[-3000:])


def canonical(value: object) -> object:
    """A value as text from a warehouse, comparable across warehouses: a time as naive UTC
    ISO text, a number rounded; lists and dicts value by value."""
    if isinstance(value, dict):
        return {k: canonical(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [canonical(v) for v in value]
    if not isinstance(value, str):
        return normalize(value)
    text = value.strip()
    if re.fullmatch(
        r"\d{4}-\d\d-\d\d[ T]\d\d:\d\d(:\d\d(\.\d+)?)?( ?(UTC|[+-]\d\d(:?\d\d)?|Z))?", text
    ):
        moment = dt.datetime.fromisoformat(
            re.sub(r" ?UTC$|Z$", "+00:00", text).replace(" +", "+").replace(" -", "-")
        )
        if moment.tzinfo is not None:
            moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
        return moment.isoformat(sep=" ")
    if re.fullmatch(r"-?\d+\.\d+(e[+-]?\d+)?", text, re.I):
        return normalize(float(text))
    return value


def differences(got: object, expected: object, path: str = "") -> list[str]:
    """Where two JSON-like values differ: one line per differing leaf, `path: got != expected`."""
    if isinstance(got, dict) and isinstance(expected, dict):
        return [
            line
            for key in dict.fromkeys([*expected, *got])
            for line in differences(got.get(key), expected.get(key), f"{path}.{key}")
        ]
    if isinstance(got, list) and isinstance(expected, list) and len(got) == len(expected):
        return [
            line
            for k, (a, b) in enumerate(zip(got, expected, strict=True))
            for line in differences(a, b, f"{path}[{k}]")
        ]
    return [] if got == expected else [f"{path}: {got!r} != {expected!r}"]


def previewed_and_status(state: stand_ins.State, target: str, project: Path, **kw) -> dict:
    """What `heapgen preview` (PREVIEWED) and `heapgen status` read from the warehouse: their
    macros run as the commands run them (the run-operation each builds), their output read
    by the commands' own readers, then made comparable across warehouses: values through
    `canonical`, the segments' as-of time and the sync times left out (clock)."""
    from heapgen.contract import MARKERS
    from heapgen.preview import read_preview, request
    from heapgen.status import status_of, status_operation

    asked = request(project, **PREVIEWED)
    result = stand_ins.run_dbt(state, target, asked.operation, project, **kw).check()
    preview = dataclasses.asdict(read_preview(asked, logged(result.output, MARKERS["preview"])))
    for segment in preview["segments"]:
        segment.pop("as_of")
    result = stand_ins.run_dbt(state, target, status_operation(), project, **kw).check()
    status = status_of(asked.generation, logged(result.output, MARKERS["status"]), now=STATUS_NOW)
    return {
        "preview": canonical(preview),
        "syncs": [(s.status, s.error) for s in status.syncs],
        "tables": [
            (t.name, t.kind, t.archived, t.rows, canonical(str(t.newest_event_time)), t.build)
            for t in status.tables
        ],
        "status": canonical(
            {k: v for k, v in status.as_json().items() if k in ("archived", "left_out", "removed")}
        ),
        "warnings": status.warnings,
    }


def warehouse_state(result: stand_ins.DbtResult) -> dict:
    """The JSON the sync_states macro logs (heapgen.dbt_runner.sync_states reads it), with
    logic hashes left out: they cover the macros dbt dispatches to on each warehouse
    (macros/incremental/model_logic_hash.sql), so they differ between warehouses."""
    from heapgen.contract import parse_state, state_hash
    from heapgen.dbt_runner import STATE_MARKER

    state = logged(result.check().output, STATE_MARKER)
    for model, held in state["states"].items():
        parts = parse_state(held)
        if parts.logic is not None:
            state["states"][model] = state_hash(parts.own, parts.properties, "")
    state["logic"] = sorted(state["logic"])
    return state


def persons_ids(tables: Tables) -> set[int]:
    """Every user id in users and user_migrations."""
    users = {row[0] for row in tables["users"][1]}
    columns, rows = tables["user_migrations"]
    at = [k for k, (name, _) in enumerate(columns) if name in ("from_user_id", "to_user_id")]
    return users | {row[k] for row in rows for k in at}


@pytest.fixture(scope="module")
def reference(batches: list[tuple[Path, Path]], tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The syncs on DuckDB: the output tables after each build, and a full build of the
    final definitions over every batch."""
    root = tmp_path_factory.mktemp("duckdb")
    state = stand_ins.up(root / "stand_ins", [])
    started = time.monotonic()
    try:
        project = trimmed_project(root / "incremental")
        env = {"HEAP_CONNECT_DB": state.duckdb_path}
        steps = []
        for k, (folder, _) in enumerate(batches):
            load_directory(Path(state.duckdb_path), folder)
            change_definitions(project, k)
            if k == BATCHES - 1:
                stand_ins.run_dbt(state, "duckdb", DELETE_USERS, project, env=env).check()
            stand_ins.run_dbt(state, "duckdb", ["build"], project, env=env).check()
            steps.append(snapshot(state, "duckdb"))
        assert steps[-2]["user_migrations"][1], "the identity fixture gives migrations"
        migrated = [{row[0] for row in step["user_migrations"][1]} for step in steps[-2:]]
        assert migrated[1] - migrated[0], "the last batch's identify merges a user"
        columns, rows = steps[-1]["any_event_on_checkout"]
        paths = {row[columns.index(("path", "text"))] for row in rows}
        assert paths and all(p.startswith("/cart") for p in paths), "the edit re-tagged history"
        assert len(steps[-1]["operators_matrix"][1]) > 1, "the operators fixture has a table"
        archived = "sign_up_click_link_any"
        assert steps[1][archived] == steps[0][archived], "archived: frozen"
        assert "paid_landing_on_product_page" in steps[-1], "renamed: the same table"
        assert "server_payment" not in steps[-1], "unsynced: dropped"
        assert steps[-1]["_dropped_tables"][1] == [("server_payment",)]
        assert "search_with_no_results" in steps[-1], "added"
        names = [name for name, _ in steps[-1]["add_to_cart"][0]]
        assert names.index("bundle") < names.index("quantity") < names.index("zz_gift")
        assert "zz_gift" not in [name for name, _ in steps[-2]["add_to_cart"][0]]
        assert len(steps[-1]) > 10, "segments, users, sessions, pageviews, event tables"
        assert all(steps[-1][mart][1] for mart in MARTS), "the marts have rows"
        assert persons_ids(steps[-2]) & DELETED, "the person is there before the deletion"
        assert not persons_ids(steps[-1]) & DELETED, "deleted, with the last batch's rows"
        incremental_seconds = time.monotonic() - started

        full = enable_marts(copy_project(root / "full"))
        shutil.rmtree(full / "definitions")
        shutil.copytree(project / "definitions", full / "definitions")
        shutil.copy(project / "heapgen.lock.yml", full / "heapgen.lock.yml")
        generate(full, full / "definitions")
        full_state = dataclasses.replace(state, duckdb_path=str(root / "full.duckdb"))
        for k, (folder, _) in enumerate(batches):
            kept = without_users([folder], DELETED, root / f"kept_{k}")
            load_directory(Path(full_state.duckdb_path), kept)
        env = {"HEAP_CONNECT_DB": full_state.duckdb_path}
        stand_ins.run_dbt(state, "duckdb", ["build"], full, env=env).check()
        full_tables = snapshot(full_state, "duckdb")
        env = {"HEAP_CONNECT_DB": state.duckdb_path}
        asked = stand_ins.run_dbt(state, "duckdb", SYNC_STATES, project, env=env)
        warehouse = warehouse_state(asked)
        edited, selection = edited_label_build(state, "duckdb", project, None, env=env)
        nothing_new = nothing_new_sync(state, "duckdb", project, env=env)
        read_back = previewed_and_status(state, "duckdb", project, env=env)
    finally:
        stand_ins.down(root / "stand_ins")
    assert warehouse["nothing_to_read"], "after the last build a sync has nothing new to read"
    assert len(warehouse["tables"]) > 10 and set(warehouse["tables"]) < set(steps[-1])
    labels = {label["name"]: label for label in read_back["preview"]["labels"]}
    matched = {name: label["events"] for name, label in labels.items()}
    assert all(matched[name] for name in PREVIEWED["events"][:3]), f"events matched: {matched}"
    assert labels["Server Payment"]["change"] is None, "no longer synced: no table"
    assert labels["Add To Cart (Any)"]["change"]["rows"] == labels["Add To Cart (Any)"]["events"]
    assert read_back["syncs"][0] == ("succeeded", None)
    # the edit rebuilt its table and what reads it, and nothing upstream
    changed = {t for t in steps[-1] if edited[t] != steps[-1][t]}
    assert {"view_pricing_page", "_sync_history", "_sync_info"} <= changed, changed
    assert not changed & {"pageviews", "sessions", "users", "add_to_cart"}, changed
    # a sync with nothing new: one more history row and a 0-row _sync_info row per table
    changed = {t for t in edited if nothing_new[t] != edited[t]}
    assert changed == {"_sync_history", "_sync_info"}, changed
    assert nothing_new["_sync_history"][1].count(("succeeded", None)) == (
        edited["_sync_history"][1].count(("succeeded", None)) + 1
    )
    return {
        "steps": steps,
        "edited": edited,
        "selection": selection,
        "nothing_new": nothing_new,
        "full": full_tables,
        "warehouse_state": warehouse,
        "read_back": read_back,
        "seconds": round(incremental_seconds, 1),
        "rows": sum(len(rows) for _, rows in steps[-1].values()),
        "tables": len(steps[-1]),
    }


def test_duckdb_incremental_syncs_equal_one_full_build(reference: dict, record_property) -> None:
    record_property("warehouse", "duckdb")
    record_property("seconds", reference["seconds"])
    record_property("detail", f"{reference['rows']} rows in {reference['tables']} tables")
    final = {t: v for t, v in reference["steps"][-1].items() if t not in CLOCK_FREE_COLUMNS}
    full = {t: v for t, v in reference["full"].items() if t not in CLOCK_FREE_COLUMNS}
    assert_same(final, full, "duckdb: incremental syncs vs one full build")


@pytest.mark.parametrize("target", TARGETS)
def test_incremental_syncs_equal_duckdb(
    target: str,
    reference: dict,
    batches: list[tuple[Path, Path]],
    tmp_path: Path,
    record_property,
) -> None:
    record_property("warehouse", target)
    started = time.monotonic()
    dbt_seconds = []
    state = stand_ins.up(tmp_path / "stand_ins", [target])
    try:
        project = trimmed_project(tmp_path / "project")
        for k, (_, raw) in enumerate(batches):
            warehouse_tables.load_raw(state, target, raw, append=True)
            change_definitions(project, k)
            if k == BATCHES - 1:
                stand_ins.run_dbt(state, target, DELETE_USERS, project).check()
            result = stand_ins.run_dbt(state, target, stand_in_build(k), project)
            dbt_seconds.append(round(result.seconds))
            record_property("detail", "dbt build " + " + ".join(map(str, dbt_seconds)) + " s")
            result.check()
            assert_same(snapshot(state, target), reference["steps"][k], f"{target}, sync {k + 1}")
        assert (
            warehouse_tables.read_table(state, target, INTERNAL_SCHEMA, "_heap_deletion_requests")[
                1
            ]
            == []
        )
        _, deleted_rows = warehouse_tables.read_table(
            state, target, INTERNAL_SCHEMA, "_deleted_users"
        )
        assert {row[0] for row in deleted_rows} == DELETED, f"{target}: _deleted_users"
        # what `heapgen sync` asks before building (macro sync_states): the same answer
        warehouse = warehouse_state(stand_ins.run_dbt(state, target, SYNC_STATES, project))
        assert warehouse == reference["warehouse_state"], f"{target}: sync_states"
        edited, _ = edited_label_build(state, target, project, reference["selection"])
        assert_same(edited, reference["edited"], f"{target}, an edit with nothing new to read")
        nothing_new = nothing_new_sync(state, target, project)
        assert_same(nothing_new, reference["nothing_new"], f"{target}, a sync with nothing new")
        read_back = previewed_and_status(state, target, project)
        assert read_back == reference["read_back"], f"{target}: heapgen preview and status:\n" + (
            "\n".join(differences(read_back, reference["read_back"])[:20])
        )
        if target == "spark":
            # parquet takes no DELETE: two nodes writing one bookkeeping table again at once
            # lose rows, so a sync with more threads stops before writing anything
            threads = stand_ins.run_dbt(state, target, ["build", "--threads", "2"], project)
            assert threads.returncode != 0, "a Spark sync with 2 threads must stop"
            assert "with threads: 1, and target `spark` has threads: 2" in threads.output
            assert_same(snapshot(state, target), nothing_new, "spark, a sync stopped for threads")
        log = project / "logs" / "dbt.log"
        statements, failures = unparseable_statements(log, DIALECTS[target])
        assert statements > 100, "dbt's log holds the executed statements"
        assert not failures, f"{len(failures)} of {statements} statements do not parse:\n" + (
            "\n\n".join(failures[:5])
        )
        # the late identify's rows moved in place (updates_in_place), except on Spark
        moved = "moved_key" in log.read_text()
        assert moved == (target != "spark"), f"{target}: rows moved in place: {moved}"
        builds = " + ".join(map(str, dbt_seconds))
        record_property("detail", f"dbt build {builds} s; {statements} statements parse")
    finally:
        record_property("seconds", round(time.monotonic() - started, 1))
        warehouse_tables.close_spark_sessions()
        stand_ins.down(tmp_path / "stand_ins")
