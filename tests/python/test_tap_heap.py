"""Heap's own consumer reads the export: Singer's tap-heap (the tap Stitch runs on Heap
Connect's S3 dumps), from its own virtualenv with its own pinned packages (tap_heap_env.py),
discovers and syncs `heapgen export`'s dumps from a loopback S3 API (moto's server).

tap-heap builds its clients with plain `boto3.client('s3')` / `boto3.resource('s3')`: the
endpoint comes from AWS_ENDPOINT_URL, which boto3 honours (the s3_bucket fixture sets it,
with test credentials; tap-heap then reads the bucket without assuming its IAM role). It
reads `manifests/*.json` and `sync_<dump_id>/...` at the bucket's root, so the dumps go
there. Its second run gets the state its first run left, and must emit only the second
dump's records."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

import tap_heap_env
from conftest import columns, copy_project, keep_events, query, split_by_arrival
from heapgen.export import export
from heapgen.load import load_directory
from heapgen.sample import write_sample
from heapgen.sync import sync

OUT = "main_production"
NOT_EXPORTED = {"all_events", "_sync_history", "_sync_info", "_dropped_tables"}
TIMEOUT = 300  # seconds for one tap run: tap-heap retries a failing file for two minutes
# a custom event with properties and a web event: tap-heap spends ~4 s per stream and run
# (its record writer polls a queue with a 5 s timeout), so two event tables keep the test
# short (every event table has the same built-in columns; a custom one adds its properties)
EVENTS = ("Add To Cart", "View Pricing Page")


@pytest.fixture(scope="module")
def tap_heap() -> Path:
    return tap_heap_env.ensure()


def run_tap(tap: Path, workdir: Path, *args: str) -> str:
    """One tap-heap run; its stdout (Singer messages, or the catalog)."""
    config = workdir / "config.json"
    if not config.exists():  # the required keys; the role is not assumed (see above)
        keys = ("account_id", "external_id", "role_name")
        settings = {"start_date": "2020-01-01T00:00:00Z", **{k: "unused" for k in keys}}
        config.write_text(json.dumps({**settings, "bucket": workdir.name}))
    done = subprocess.run(
        [str(tap), "--config", str(config), *args],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    assert done.returncode == 0, f"tap-heap {' '.join(args)} failed:\n{done.stderr[-4000:]}"
    return done.stdout


def sync_messages(tap: Path, workdir: Path, catalog: Path, state: dict | None) -> list[dict]:
    args = ["--properties", str(catalog)]
    if state is not None:
        (workdir / "state.json").write_text(json.dumps(state))
        args += ["--state", str(workdir / "state.json")]
    return [json.loads(line) for line in run_tap(tap, workdir, *args).splitlines() if line]


def records(messages: list[dict]) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for message in messages:
        if message["type"] == "RECORD":
            found.setdefault(message["stream"], []).append(message["record"])
    return found


def last_state(messages: list[dict]) -> dict:
    return [m["value"] for m in messages if m["type"] == "STATE"][-1]


def stream_keys(stream: dict) -> list[str]:
    (top,) = [e["metadata"] for e in stream["metadata"] if e["breadcrumb"] == []]
    return top["table-key-properties"]


def exported(db: Path) -> dict[str, int]:
    """Every table the export writes, with its row count in the warehouse."""
    names = query(
        db,
        "select table_name from information_schema.tables "
        f"where table_schema = '{OUT}' and table_type = 'BASE TABLE'",
    )
    tables = {name for (name,) in names} - NOT_EXPORTED
    return {t: query(db, f'select count(*) from {OUT}."{t}"')[0][0] for t in sorted(tables)}


def test_tap_heap_reads_the_export(
    tap_heap: Path, s3_bucket, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    client, bucket = s3_bucket
    project = copy_project(tmp_path / "project")
    keep_events(project, *EVENTS)
    db = tmp_path / "warehouse.duckdb"
    monkeypatch.setenv("HEAP_CONNECT_DB", str(db))
    write_sample(tmp_path / "raw", users=30, days=2, seed=11)
    first_batch, second_batch = split_by_arrival([tmp_path / "raw"], tmp_path, 2)
    load_directory(db, first_batch)
    sync(project, project / "definitions")
    first = export(project, project / "definitions", f"s3://{bucket}")
    assert first.dump_id == 1
    workdir = tmp_path / bucket  # the tap's config names the bucket after its folder
    workdir.mkdir()

    # discovery: every exported table is a stream, every column is in its schema
    tables = exported(db)
    catalog = json.loads(run_tap(tap_heap, workdir, "--discover"))
    streams = {s["tap_stream_id"]: s for s in catalog["streams"]}
    assert set(streams) == set(tables)
    for name in tables:
        wanted = [column for column, _ in columns(db, OUT, name)]
        assert set(wanted) <= set(streams[name]["schema"]["properties"]), name
    for stream in catalog["streams"]:  # select every stream (a Singer catalog's metadata)
        for entry in stream["metadata"]:
            if entry["breadcrumb"] == []:
                entry["metadata"]["selected"] = True
    (workdir / "catalog.json").write_text(json.dumps(catalog))

    # the first sync: every row of every table, timestamps as epoch milliseconds
    messages = sync_messages(tap_heap, workdir, workdir / "catalog.json", None)
    got = records(messages)
    assert {name: len(got.get(name, [])) for name in tables} == tables
    schemas = {m["stream"]: m["schema"] for m in messages if m["type"] == "SCHEMA"}
    assert schemas["users"]["properties"]["joindate"]["type"] == ["null", "integer"]
    joined = dict(query(db, f"select user_id, epoch_ms(joindate) from {OUT}.users"))
    assert {r["user_id"]: r["joindate"] for r in got["users"]} == joined

    # a second sync with new rows, a second dump, read from the tap's state alone
    load_directory(db, second_batch)
    sync(project, project / "definitions")
    second = export(project, project / "definitions", f"s3://{bucket}")
    assert second.dump_id == 2
    in_dump = {t.name: t for t in second.tables}
    assert {name for name, t in in_dump.items() if t.incremental} >= {"sessions", "pageviews"}
    assert 0 < in_dump["pageviews"].rows < query(db, f"select count(*) from {OUT}.pageviews")[0][0]
    again = sync_messages(tap_heap, workdir, workdir / "catalog.json", last_state(messages))
    got_again = records(again)
    tables = exported(db)
    assert set(in_dump) == set(tables)
    assert {name: len(got_again.get(name, [])) for name in tables} == {
        name: t.rows for name, t in in_dump.items()
    }, "the second run emits the second dump's rows, nothing more"
    for name, table in in_dump.items():
        if not table.incremental:
            assert table.rows == tables[name], f"{name} is whole: every row"

    # merged on the keys tap-heap declares (a whole table replaces), the two runs give the
    # warehouse's row counts (users: less those merged into another since, which the
    # consumer drops by user_migrations)
    migrated = {r for (r,) in query(db, f"select from_user_id from {OUT}.user_migrations")}
    for name, count in tables.items():
        if not in_dump[name].incremental:
            assert len(got_again.get(name, [])) == count, name
            continue
        (key,) = stream_keys(streams[name])
        rows = {r[key]: r for r in [*got.get(name, []), *got_again.get(name, [])]}
        if name == "users":
            rows = {k: r for k, r in rows.items() if k not in migrated}
        assert len(rows) == count, name
    assert client.list_objects_v2(Bucket=bucket, Prefix="manifests/")["KeyCount"] == 2
