"""Integration: raw files -> heapgen load -> heapgen sync (dbt build with its data tests)
-> users / sessions / pageviews on DuckDB, checked against the raw files independently."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import duckdb
import pytest
import yaml

from conftest import (
    FIXTURES,
    MARTS,
    REAL_DATA,
    REAL_DATASETS,
    columns,
    defined_columns,
    keep_events,
    query,
    table_rows,
)
from heapgen.dbt_runner import invoke
from heapgen.load import load_directory
from heapgen.sync import sync

OUT = "main_production"
OUTPUT_TABLES = ("users", "sessions", "pageviews")


def db_of(project: Path) -> Path:
    return Path(os.environ["HEAP_CONNECT_DB"])


@pytest.fixture
def project(project: Path) -> Path:
    """These tests are about users, sessions and pageviews: two events are enough."""
    keep_events(project, "View Pricing Page", "Add To Cart")
    return project


def load_and_sync(project: Path, *raw_dirs: Path):
    for raw in raw_dirs:
        load_directory(db_of(project), raw)
    return sync(project, project / "definitions")


def jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


@pytest.fixture
def real_raw(tmp_path: Path) -> list[Path]:
    """The three real datasets, each in a directory of its own."""
    dirs = []
    for name in REAL_DATASETS:
        target = tmp_path / "raw" / name
        shutil.copytree(REAL_DATA / name, target)
        dirs.append(target)
    return dirs


def test_real_data_builds_and_matches_the_raw_files(project: Path, real_raw: list[Path]) -> None:
    result = load_and_sync(project, *real_raw)
    assert {"users", "sessions", "pageviews"} <= set(result.row_counts)
    assert [n for n in result.run.nodes if n.resource_type == "test"], "data tests ran"
    db = db_of(project)

    events = [e for d in real_raw for e in jsonl(d / "events.jsonl")]
    unique = {e["event_id"]: e for e in reversed(events)}  # any copy: copies are identical
    pageview_ids = {
        i
        for i, e in unique.items()
        if (e["library"], e["type"])
        in {("web", "view page"), ("iOS", "view screen"), ("android", "view screen")}
    }
    assert {r[0] for r in query(db, f"select event_id from {OUT}.pageviews")} == pageview_ids
    session_ids = {e["session_id"] for e in unique.values() if e["session_id"] is not None}
    assert {r[0] for r in query(db, f"select session_id from {OUT}.sessions")} == session_ids
    user_ids = {e["user_id"] for e in unique.values()}
    for d in real_raw:
        user_ids |= {r["user_id"] for r in jsonl(d / "identifies.jsonl")}
        user_ids |= {r["user_id"] for r in jsonl(d / "user_properties.jsonl")}
    migrated = {r[0] for r in query(db, f"select from_user_id from {OUT}.user_migrations")}
    identified = {r["user_id"] for d in real_raw for r in jsonl(d / "identifies.jsonl")}
    assert migrated and migrated <= identified  # snowplow's shared identities
    assert {r[0] for r in query(db, f"select user_id from {OUT}.users")} == user_ids - migrated

    # every session with a `session` event takes that event's id, time and fields
    session_events = {e["session_id"]: e for e in unique.values() if e["type"] == "session"}
    rows = query(db, f"select session_id, event_id, referrer, utm_source from {OUT}.sessions")
    for session_id, event_id, referrer, utm_source in rows:
        if session_id in session_events:
            event = session_events[session_id]
            assert (event_id, referrer, utm_source) == (
                event["event_id"],
                event["referrer"],
                event["utm_source"],
            )
    # OTTO has no session events: its sessions start at their first event
    otto = [e for e in jsonl(real_raw[1] / "events.jsonl")]
    first = {}
    for e in sorted(otto, key=lambda e: (e["time"], e["event_id"])):
        first.setdefault(e["session_id"], e)
    rows = dict(query(db, f"select session_id, event_id from {OUT}.sessions"))
    assert all(rows[s] == e["event_id"] for s, e in first.items())


def test_session_fields_reach_pageviews(project: Path, real_raw: list[Path]) -> None:
    load_and_sync(project, *real_raw)
    mismatched = query(
        db_of(project),
        f"""select count(*) from {OUT}.pageviews p join {OUT}.sessions s using (session_id)
            where p.referrer is distinct from s.referrer
               or p.landing_page is distinct from s.landing_page
               or p.utm_source is distinct from s.utm_source
               or p.browser is distinct from s.browser
               or p.session_time <> datediff('millisecond', s.time, p.time) / 1000.0""",
    )
    assert mismatched == [(0,)]
    with_referrer = query(db_of(project), f"select count(referrer) from {OUT}.pageviews")
    assert with_referrer[0][0] > 0


def test_columns_match_the_spec_in_order(project: Path) -> None:
    load_and_sync(project, FIXTURES / "pipeline")
    spec = {}
    for table, name, kind in query(
        db_of(project),
        f"select table_name, column_name, data_type from {OUT}_internal.heap_connect__column_spec "
        "order by table_name, column_position",
    ):
        spec.setdefault(table, []).append((name, kind))
    duck = {"bigint": "BIGINT", "text": "VARCHAR", "timestamp": "TIMESTAMP", "double": "DOUBLE"}
    defined = [(name, "VARCHAR") for name in defined_columns(project, "event")]
    for table in ("sessions", "pageviews"):
        expected = [(n, duck[k]) for n, k in spec[table]] + defined
        assert columns(db_of(project), OUT, table) == expected
    users = columns(db_of(project), OUT, "users")
    assert users[:6] == [(n, duck[k]) for n, k in spec["users"]]


def test_only_heap_connect_tables_in_the_output_schema(project: Path) -> None:
    load_and_sync(project, FIXTURES / "pipeline")
    tables = query(
        db_of(project),
        f"select table_name from information_schema.tables where table_schema = '{OUT}'",
    )
    lock = yaml.safe_load((project / "heapgen.lock.yml").read_text())
    event_tables = {entry["table"] for entry in lock["events"]}
    assert event_tables, "the example definitions have synced events"
    bookkeeping = {"_sync_history", "_sync_info", "_dropped_tables"}
    expected = {*OUTPUT_TABLES, "_event_metadata", "user_migrations", "all_events"}
    segment_views = {
        p.stem.removeprefix("heap_segment__")
        for p in (project / "models" / "heap_generated" / "segments").glob("*.sql")
    }
    assert segment_views, "the example definitions have a segment on these events"
    expected |= bookkeeping | event_tables | segment_views
    assert {t for (t,) in tables} == expected
    # the opt-in marts are off by default: no table of theirs, nor their seed
    assert not set(MARTS) & {t for (t,) in tables}
    internal = query(
        db_of(project),
        f"select table_name from information_schema.tables where table_schema = '{OUT}_internal'",
    )
    assert ("heap_connect__referrer_domains",) not in internal and ("int_events",) in internal


def test_users_properties_types_and_latest_values(project: Path) -> None:
    load_and_sync(project, FIXTURES / "pipeline")
    db = db_of(project)
    assert columns(db, OUT, "users") == [
        ("user_id", "BIGINT"),
        ("identity", "VARCHAR"),
        ("handle", "VARCHAR"),
        ("email", "VARCHAR"),
        ("joindate", "TIMESTAMP"),
        ("last_modified", "TIMESTAMP"),
        ("account_status", "VARCHAR"),
        ("mixed", "VARCHAR"),
        ("nulled", "VARCHAR"),
        ("property_user_id", "BIGINT"),  # the key `user_id` is a built-in column's name
        ("renews_at", "TIMESTAMP"),
        ("score", "DOUBLE"),
        ("seats", "DOUBLE"),
        ("vip", "BOOLEAN"),
        *((name, "VARCHAR") for name in defined_columns(project, "user")),
    ]
    rows = {r[0]: r for r in query(db, f"select * from {OUT}.users")}
    assert set(rows) == {1, 2, 3, 4, 5}
    ann = rows[1]
    assert ann[1:4] == ("ann@example.com", "ann", "ann@example.com")  # the late, older email loses
    assert ann[4] == datetime(2026, 1, 1, 9, 59)  # joindate: the earliest thing seen
    assert ann[5] == datetime(2026, 1, 1, 10, 5)  # last_modified: the latest update
    assert ann[6:14] == ("paid", "one", None, 77, datetime(2026, 2, 1), 1.5, 5.0, True)
    assert rows[2][6:14] == (None, None, None, None, None, None, 2.5, False)
    assert rows[4][1:6] == (None, None, None, datetime(2026, 1, 2, 12), datetime(2026, 1, 2, 12))
    assert rows[5][1] == "bob@example.com"


def test_property_keys_never_vanish_and_every_rename_is_reported(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    """Keys with accents, with nothing left to snake_case, or named like a built-in column
    each get a column of their own (transliterated, hashed, `property_`), an event named
    `Événement 🚀` gets the table `evenement`, and heapgen plan and the sync summary name
    every renamed key."""
    import hashlib

    from heapgen import cli
    from heapgen.generate import prepare

    raw = tmp_path / "raw"
    shutil.copytree(FIXTURES / "pipeline", raw)
    hostile = {"ünï": 1, "type": "t", "path": "/p", "🚀": "rocket", "Café": "c", "sku": "s"}
    event = {
        "event_id": 4002,
        "user_id": 4,
        "time": "2026-01-02 12:01:00.000",
        "loaded_at": "2026-01-02 12:01:01.000",
        "library": "server",
        "type": "Payment Processed",
        "is_custom": True,
        "properties": hostile,
    }
    update = {
        "user_id": 4,
        "time": "2026-01-02 12:02:00.000",
        "properties": {"ünï": "u", "joindate": "j"},
        "loaded_at": "2026-01-02 12:02:01.000",
    }
    with (raw / "events.jsonl").open("a") as f:
        f.write(json.dumps(event) + "\n")
    with (raw / "user_properties.jsonl").open("a") as f:
        f.write(json.dumps(update) + "\n")
    custom = project / "definitions" / "events" / "custom.yml"
    data = yaml.safe_load(custom.read_text())
    data["events"].append(
        {"name": "Événement 🚀", "match": [{"event": "custom", "name": "Payment Processed"}]}
    )
    custom.write_text(yaml.safe_dump(data, allow_unicode=True))
    load_directory(db_of(project), raw)
    monkeypatch.setattr(cli.console, "width", 250)
    rocket = "property_" + hashlib.md5("🚀".encode()).hexdigest()[:8]

    # plan, before any sync: the raw keys the sync will rename
    generation = prepare(project, project / "definitions")
    assert "evenement" in {label.label_id for label in generation.labels}
    from heapgen.dbt_runner import raw_property_keys

    renamed = {
        (r.scope, r.key): r.column for r in generation.renamed_keys(raw_property_keys(project))
    }
    assert renamed == {
        ("event", "ünï"): "uni",
        ("event", "type"): "property_type",
        ("event", "path"): "property_path",
        ("event", "🚀"): rocket,
        ("event", "Café"): "cafe",
        ("user", "user_id"): "property_user_id",
        ("user", "joindate"): "property_joindate",
        ("user", "ünï"): "uni",
    }
    assert cli.main(["plan", "--project-dir", str(project)]) == 0
    out = capsys.readouterr().out
    assert "property keys renamed" in out
    assert "'ünï'" in out and "property_type" in out and rocket in out

    assert cli.main(["sync", "--project-dir", str(project)]) == 0
    out = capsys.readouterr().out
    for line in ("'type'", "property_type", "'path'", "property_path", rocket, "'ünï'", "uni"):
        assert line in out, line
    assert "property_user_id" in out and "property_joindate" in out
    db = db_of(project)
    table = [name for name, _ in columns(db, OUT, "evenement")]
    for column in ("uni", "property_type", "property_path", rocket, "cafe", "sku"):
        assert column in table, column
    assert query(
        db,
        f'select uni, property_type, property_path, "{rocket}", cafe, sku '
        f"from {OUT}.evenement where event_id = 4002",
    ) == [(1, "t", "/p", "rocket", "c", "s")]
    assert query(db, f"select uni, property_joindate from {OUT}.users where user_id = 4") == [
        ("u", "j")
    ]


def test_late_session_event_and_sessions_without_session_events(project: Path) -> None:
    load_and_sync(project, FIXTURES / "pipeline")
    db = db_of(project)
    assert query(
        db,
        f"select event_id, platform, device, session_time from {OUT}.pageviews "
        "where session_id = 20",
    ) == [(2002, "iOS 17.4", "iPhone15,2", 1.0)]
    # session 30 has no session event: it starts at its first event, a custom event
    assert query(
        db, f"select event_id, time, library from {OUT}.sessions where session_id = 30"
    ) == [(3001, datetime(2026, 1, 2, 9), "android")]
    assert query(
        db, f"select session_time, heap_device from {OUT}.pageviews where session_id = 30"
    ) == [(4.0, None)]
    # the server-side event has no session
    assert query(db, f"select count(*) from {OUT}.sessions where user_id = 4") == [(0,)]


def test_loading_the_same_files_twice_changes_no_output_table(
    project: Path, real_raw: list[Path]
) -> None:
    load_and_sync(project, *real_raw, FIXTURES / "pipeline")
    db = db_of(project)
    before = {t: table_rows(db, f"{OUT}.{t}") for t in OUTPUT_TABLES}
    raw_before = query(db, "select count(*) from heap_raw.events")[0][0]
    load_and_sync(project, *real_raw, FIXTURES / "pipeline")
    assert query(db, "select count(*) from heap_raw.events")[0][0] == 2 * raw_before
    assert {t: table_rows(db, f"{OUT}.{t}") for t in OUTPUT_TABLES} == before


def test_column_spec_test_fails_when_a_column_is_renamed(project: Path) -> None:
    load_and_sync(project, FIXTURES / "pipeline")
    with duckdb.connect(str(db_of(project))) as con:
        con.execute(f"alter table {OUT}.sessions rename column utm_term to utm_terms")
        con.execute(f"alter table {OUT}.pageviews drop column title")
    run = invoke(["test", "--select", "test_name:matches_column_spec"], project)
    assert not run.success
    failed = sorted(n.name for n in run.nodes if n.status == "fail")
    assert failed == [
        "matches_column_spec_pageviews_True__pageviews",
        "matches_column_spec_sessions_True__sessions",
    ]


def test_event_table_checks_fail_on_a_renamed_column_or_a_duplicate_row(project: Path) -> None:
    """The event tables' one test node holds their column-spec and row checks, and its
    failing rows name the table and the problem."""
    load_and_sync(project, FIXTURES / "pipeline")
    checks = sorted(p.stem for p in (project / "tests" / "dbt" / "heap_generated").glob("*.sql"))
    assert checks == ["event_table_checks_001"]
    select = ["test", "--select", "heap_event__add_to_cart", "--store-failures"]

    def problems() -> list[tuple[str, str]]:
        return query(
            db_of(project),
            "select table_name, problem from main_dbt_test__audit."
            "event_table_checks_001 order by all",
        )

    with duckdb.connect(str(db_of(project))) as con:
        con.execute(f"alter table {OUT}.add_to_cart rename column title to titles")
    run = invoke(select, project)
    assert [n.name for n in run.nodes if n.status == "fail"] == ["event_table_checks_001"]
    assert problems() == [("add_to_cart", "column titles differs from the column spec")]
    with duckdb.connect(str(db_of(project))) as con:
        con.execute(f"alter table {OUT}.add_to_cart rename column titles to title")
        con.execute(f"insert into {OUT}.add_to_cart select * from {OUT}.add_to_cart limit 1")
    rerun = invoke(select, project)
    assert [n.name for n in rerun.nodes if n.status == "fail"] == ["event_table_checks_001"]
    assert problems() == [("add_to_cart", "event_id is not unique")]
    with duckdb.connect(str(db_of(project))) as con:
        con.execute(
            f"create or replace table {OUT}.add_to_cart as select distinct * from {OUT}.add_to_cart"
        )
    assert invoke(select, project).success


def test_demo_pipeline_produces_non_empty_tables(tmp_path: Path) -> None:
    """What `make demo` runs, through the installed command line, at a small scale."""
    from conftest import copy_project

    project = copy_project(tmp_path / "demo")
    env = {**os.environ, "HEAP_CONNECT_DB": str(tmp_path / "demo.duckdb")}
    heapgen = [sys.executable, "-m", "heapgen.cli"]
    steps = [
        [*heapgen, "sample", str(tmp_path / "raw"), "--users", "60", "--days", "3", "--seed", "7"],
        [*heapgen, "load", str(tmp_path / "raw"), "--project-dir", str(project)],
        [*heapgen, "sync", "--project-dir", str(project)],
    ]
    for step in steps:
        done = subprocess.run(step, env=env, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stdout + done.stderr
    assert "sync succeeded" in done.stdout
    counts = {
        t: query(tmp_path / "demo.duckdb", f"select count(*) from {OUT}.{t}")[0][0]
        for t in OUTPUT_TABLES
    }
    assert all(n > 0 for n in counts.values()), counts
    summary = [
        line.split("│")[1].strip() for line in done.stdout.splitlines() if line.startswith("│")
    ]
    assert set(OUTPUT_TABLES) <= set(summary), done.stdout
    # dbt's JSON artifacts only when asked for (they cost seconds a sync at 1,000 labels)
    artifacts = [project / "target" / name for name in ("manifest.json", "graph.gpickle")]
    assert not any(path.exists() for path in artifacts)
    again = [*heapgen, "sync", "--project-dir", str(project), "--dbt-artifacts"]
    done = subprocess.run(again, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (project / "target" / "manifest.json").exists()
