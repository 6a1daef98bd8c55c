"""`heapgen status` on one synced project: after a successful sync (exit 0, every output table
with the rows, newest event time, last _sync_info row and build the warehouse holds, read
independently here), as JSON, with a pinned clock (stale tables warned about, none when
fresh); it never writes to the warehouse. After a failed sync: test_sync_metadata.py's
test_a_failed_sync_is_recorded_with_its_error. The same project answers `dbt source
freshness` with the thresholds its vars give, and `dbt docs generate` describes every model
and column it built."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from dbt.cli.main import dbtRunner

from conftest import BOOKKEEPING, REPO, copy_project, keep_events, query, warehouse_files
from heapgen.cli import main
from heapgen.column_spec import SPEC_PATH
from heapgen.contract import PROPERTY_PREFIX
from heapgen.load import load_directory
from heapgen.naming import heap_name, property_column
from heapgen.sample import write_sample
from heapgen.sync import sync

OUT = "main_production"
KEPT = (
    "View Pricing Page",
    "Add To Cart (Any)",
    "Add To Cart - Click",
    "Big Order",
    "Add To Cart",
    "Read Blog Post",
)
HEAP_RAW_SOURCES = "models/heap_generated/_heap_raw__sources.yml"
ARCHIVED = "Add To Cart"  # archived: its table is kept, no longer updated
LEFT_OUT = "Read Blog Post"  # sync: false: no table


@dataclass
class Synced:
    project: Path
    db: Path
    builds: dict[str, str]  # how the sync said it built each incremental table (its log)


def _edit(project: Path, name: str, **changes: object) -> None:
    for path in (project / "definitions").rglob("*.yml"):
        data = yaml.safe_load(path.read_text()) or {}
        events = data.get("events") or []
        for event in events:
            if event["name"] == name:
                event.update(changes)
                path.write_text(yaml.safe_dump(data, sort_keys=False))
                return
    raise AssertionError(f"no event {name}")


@pytest.fixture(scope="module")
def synced(tmp_path_factory: pytest.TempPathFactory) -> Synced:
    root = tmp_path_factory.mktemp("status")
    write_sample(root / "raw", users=40, days=2, seed=5)
    project = copy_project(root / "project")
    keep_events(project, *KEPT)
    _edit(project, ARCHIVED, archived=True)
    _edit(project, LEFT_OUT, sync=False)
    db = root / "warehouse.duckdb"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HEAP_CONNECT_DB", str(db))
        load_directory(db, root / "raw")
        result = sync(project, project / "definitions")
    return Synced(project, db, result.builds)


def _status(synced: Synced, capsys: pytest.CaptureFixture, *args: str) -> tuple[int, str]:
    """Run `heapgen status` in this process; its exit code and what it printed. The
    warehouse file is byte for byte the same after it."""
    from heapgen import cli

    before = warehouse_files(synced.db)
    capsys.readouterr()
    with pytest.MonkeyPatch.context() as patch:  # whole table cells, whatever the terminal
        patch.setattr(cli.console, "width", 200)
        code = main(["status", "--project-dir", str(synced.project), *args])
    out = capsys.readouterr()
    assert warehouse_files(synced.db) == before, "status wrote"
    return code, out.out + out.err


@pytest.fixture
def env(synced: Synced, monkeypatch: pytest.MonkeyPatch) -> Synced:
    monkeypatch.setenv("HEAP_CONNECT_DB", str(synced.db))
    monkeypatch.setenv("COLUMNS", "250")  # rich: no table name cut short
    return synced


def _outputs(db: Path) -> dict[str, tuple[int, datetime | None]]:
    """Every table and view of the output schema but the bookkeeping: its rows and, for a
    table of events (event_id and time columns), its newest time."""
    found = {}
    for (name,) in query(
        db, f"select table_name from information_schema.tables where table_schema = '{OUT}'"
    ):
        if name in BOOKKEEPING:
            continue
        names = {c for (c,) in query(db, _columns_sql(name))}
        newest = "max(time)" if {"event_id", "time"} <= names else "null"
        found[name] = query(db, f'select count(*), {newest} from {OUT}."{name}"')[0]
    return found


def _columns_sql(table: str) -> str:
    return (
        "select column_name from information_schema.columns "
        f"where table_schema = '{OUT}' and table_name = '{table}'"
    )


def _definitions(project: Path) -> tuple[list[str], list[str]]:
    """The archived and the left-out events' tables, read from the definitions and the lock."""
    lock = yaml.safe_load((project / "heapgen.lock.yml").read_text())
    tables = {e["name"]: e["table"] for e in lock["events"]}
    events = [
        e
        for path in (project / "definitions").rglob("*.yml")
        for e in (yaml.safe_load(path.read_text()) or {}).get("events") or []
    ]
    archived = [tables[e["name"]] for e in events if e.get("archived")]
    left_out = [tables[e["name"]] for e in events if e.get("sync") is False]
    return archived, left_out


def _time(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def test_status_after_a_successful_sync_as_json(env: Synced, capsys) -> None:
    outputs = _outputs(env.db)
    newest = max(t for _, t in outputs.values() if t is not None)
    code, out = _status(env, capsys, "--json", "--now", (newest + timedelta(hours=1)).isoformat())
    assert code == 0
    status = json.loads(out)

    (history,) = query(
        env.db,
        f"select status, start_time, finish_time, error from {OUT}._sync_history "
        "order by start_time desc limit 1",
    )
    latest = status["latest_sync"]
    assert (latest["status"], _time(latest["start_time"]), _time(latest["finish_time"])) == (
        history[:3]
    )
    assert latest["error"] is None and status["failed"] is False

    tables = {t["name"]: t for t in status["tables"]}
    assert set(tables) == set(outputs)
    for name, (rows, newest_time) in outputs.items():
        assert (tables[name]["rows"], _time(tables[name]["newest_event_time"])) == (
            rows,
            newest_time,
        ), name
    info = {
        row[0]: row[1:]
        for row in query(
            env.db,
            f"select event_table_name, sync_started, inserted_row_count from {OUT}._sync_info",
        )
    }
    for name, (started, inserted) in info.items():
        got = tables[name]["last_sync_info"]
        assert (_time(got["sync_started"]), got["inserted_row_count"]) == (started, inserted)
    # every table the sync said it built from its batch or rebuilt (and why): the same words;
    # every other table and view of the output schema was built whole
    said = {n: b for n, b in env.builds.items() if n in tables}
    assert said and {n: t["last_build"] for n, t in tables.items() if n in said} == said
    assert {t["last_build"] for n, t in tables.items() if n not in said} == {"full"}
    archived, left_out = _definitions(env.project)
    assert (status["archived"], status["left_out"]) == (archived, left_out)
    assert archived and left_out and archived[0] in tables and left_out[0] not in tables
    assert status["warnings"] == [] and not any(t["stale"] for t in tables.values())


def test_status_warns_of_stale_tables(env: Synced, capsys) -> None:
    """A pinned clock and threshold halfway between the oldest and the newest table's newest
    event: the older half is warned about, the archived table never."""
    outputs = _outputs(env.db)
    times = sorted(t for _, t in outputs.values() if t is not None)
    now = times[-1] + timedelta(hours=1)
    minutes = int((times[-1] - times[0]).total_seconds() / 120) + 60
    code, out = _status(env, capsys, "--now", now.isoformat(), "--stale-after", f"{minutes}m")
    assert code == 0
    assert all(name in out for name in outputs)
    archived, _ = _definitions(env.project)
    stale = sorted(
        n
        for n, (_, t) in outputs.items()
        if t and now - t > timedelta(minutes=minutes) and n not in archived
    )
    fresh = sorted(n for n in outputs if n not in stale)
    assert stale and fresh
    (warning,) = [line for line in out.splitlines() if line.startswith("warning:")]
    listed = sorted(part.split(" (")[0] for part in warning.split(": ", 2)[2].split(", "))
    assert listed == stale
    assert "the latest sync succeeded" in out


def _dbt(env: Synced, *command: str) -> Any:
    """A dbt command (two words allowed: `source freshness`) on the synced project."""
    project = ["--project-dir", str(env.project), "--profiles-dir", str(env.project)]
    return dbtRunner().invoke(["--log-level", "none", *command, *project])


def test_source_freshness_takes_its_thresholds_from_vars(env: Synced) -> None:
    """`dbt source freshness` checks every raw table's newest loaded_at against the warn and
    error thresholds of the project's vars (given on the command line, vars would make dbt
    parse the project again: seconds): the sample landed months ago, so each is an error."""
    variables = yaml.safe_load((env.project / "dbt_project.yml").read_text())["vars"]
    warn, error = (variables[f"heap_connect__raw_freshness_{k}_hours"] for k in ("warn", "error"))
    now = datetime.utcnow()
    ages = {
        t: now - query(env.db, f"select max(loaded_at) from heap_raw.{t}")[0][0]
        for t in ("events", "identifies", "user_properties")
    }
    assert all(age > timedelta(hours=error) for age in ages.values())
    run = _dbt(env, "source", "freshness")
    results = [r for r in run.result.results if r.node.resource_type == "source"]
    assert {r.node.name: str(r.status) for r in results} == dict.fromkeys(ages, "error")
    for r in results:
        criteria = r.node.freshness
        assert (criteria.warn_after.count, criteria.warn_after.period) == (warn, "hour")
        assert (criteria.error_after.count, criteria.error_after.period) == (error, "hour")
        assert r.node.loaded_at_field == "loaded_at"


def test_docs_describe_every_built_model_and_column(env: Synced) -> None:
    """After `dbt docs generate`, every model, seed and source table in the warehouse (the
    catalog's: the generated event tables and segment views too) has a description, and so
    has each of its columns (the manifest's), but the columns named by the data: custom
    property keys of the raw rows that are no built-in column of any Heap Connect table and
    no defined property."""
    assert _dbt(env, "parse").success  # target/manifest.json
    assert _dbt(env, "docs", "generate", "--no-compile").success  # target/catalog.json
    target = env.project / "target"
    manifest, catalog = ({}, {})
    for part in ("nodes", "sources"):
        manifest.update(json.loads((target / "manifest.json").read_text())[part])
        catalog.update(json.loads((target / "catalog.json").read_text())[part])
    with (env.project / SPEC_PATH).open(newline="") as handle:
        builtin = {row["column_name"] for row in csv.DictReader(handle)}
    defined = {
        heap_name(p["name"])
        for path in (env.project / "definitions").rglob("*.yml")
        for p in (yaml.safe_load(path.read_text()) or {}).get("defined_properties") or []
    }
    keys = {
        key
        for table in ("events", "user_properties")
        for (key,) in query(
            env.db, f"select distinct unnest(json_keys(properties)) from heap_raw.{table}"
        )
    }
    named_by_data = {
        c
        for key in keys
        for c in (property_column(key), PROPERTY_PREFIX + property_column(key))
        if c not in builtin | defined
    }
    built = [uid for uid, node in manifest.items() if uid in catalog]
    assert {manifest[uid]["resource_type"] for uid in built} == {"model", "seed", "source"}
    kinds = {manifest[uid]["config"].get("materialized") for uid in built}
    assert {"heap_event_table", "incremental", "table", "view"} <= kinds
    undescribed = []
    for uid in built:
        node = manifest[uid]
        if not node["description"].strip():
            undescribed.append(node["name"])
        described = {n.lower() for n, c in node["columns"].items() if c["description"].strip()}
        undescribed += [
            f"{node['name']}.{c}"
            for c in catalog[uid]["columns"]
            if c.lower() not in described and c.lower() not in named_by_data
        ]
    assert undescribed == []


@pytest.mark.parametrize("kind", ["posthog", "segment", "rudderstack", "snowplow"])
def test_a_tracker_source_declares_its_freshness(kind: str) -> None:
    """A tracker's generated dbt source checks each table's arrival column (one the table has,
    as `heapgen load` creates it) with the vars' thresholds, as heap_raw's does."""
    from heapgen.definitions import default_source

    source = default_source(kind)
    (text,) = source.generated_files().values()
    (declared,) = yaml.safe_load(text)["sources"]
    heap_raw = yaml.safe_load((REPO / HEAP_RAW_SOURCES).read_text())["sources"][0]
    assert declared["config"]["freshness"] == heap_raw["config"]["freshness"]
    for table in source.tables().values():
        assert declared["config"]["loaded_at_field"] in table.column_names, table.name
