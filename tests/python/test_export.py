"""`heapgen export`: Avro dumps with manifests, to a folder and to a real S3 API (moto's
server on 127.0.0.1). The round trip replays the dumps the way a consumer would (whole
tables replace, incremental ones merge on their key, user_migrations applied last) and must
give the warehouse's tables exactly."""

from __future__ import annotations

import itertools
import json
import os
import shutil
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from io import BytesIO
from pathlib import Path

import duckdb
import fastavro
import fastavro.read
import pytest
import yaml

from conftest import columns, copy_project, keep_events, query, table_rows
from heapgen.cli import main
from heapgen.destinations import ExportError, LocalFolder
from heapgen.export import export
from heapgen.export_state import ExportState
from heapgen.load import load_directory
from heapgen.sample import write_sample
from heapgen.sync import sync

OUT = "main_production"
INTERNAL = "main_production_internal"
EVENTS = ("View Pricing Page", "Add To Cart", "Add To Cart - Click")
KEYS = {"users": "user_id", "sessions": "session_id"}  # every other keyed table: event_id
WHOLE = {"user_migrations", "_event_metadata"}
NOT_EXPORTED = {"all_events", "_sync_history", "_sync_info", "_dropped_tables"}
AVRO_TYPES = {"long": "BIGINT", "int": "INTEGER", "double": "DOUBLE", "float": "FLOAT"}
AVRO_TYPES |= {"boolean": "BOOLEAN", "string": "VARCHAR"}
EPOCH = datetime(1970, 1, 1)


# ---------------------------------------------------------------------------- fixtures


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def _write_jsonl(path: Path, rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))


def _split_sample(raw: Path, first: Path, second: Path) -> None:
    """The sample's rows in two batches by arrival (loaded_at): 60% first, the rest later."""
    events = _jsonl(raw / "events.jsonl")
    cutoff = sorted(e["loaded_at"] for e in events)[len(events) * 6 // 10]
    for name in ("events", "identifies", "user_properties"):
        rows = _jsonl(raw / f"{name}.jsonl")
        _write_jsonl(first / f"{name}.jsonl", [r for r in rows if r["loaded_at"] < cutoff])
        _write_jsonl(second / f"{name}.jsonl", [r for r in rows if r["loaded_at"] >= cutoff])


@pytest.fixture(scope="module")
def first_sync(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A project (three events) synced once over the first batch of a small sample; the
    second batch waits in batch2/. Tests copy it (warehouse_copy) and never change it."""
    root = tmp_path_factory.mktemp("export_first_sync")
    project = copy_project(root / "project")
    keep_events(project, *EVENTS)
    write_sample(root / "raw", users=60, days=4, seed=5)
    _split_sample(root / "raw", root / "batch1", root / "batch2")
    old = os.environ.get("HEAP_CONNECT_DB")
    os.environ["HEAP_CONNECT_DB"] = str(root / "warehouse.duckdb")
    try:
        load_directory(root / "warehouse.duckdb", root / "batch1")
        sync(project, project / "definitions")
        with duckdb.connect(str(root / "warehouse.duckdb")) as con:
            con.execute("checkpoint")  # everything in the file, nothing left in its WAL
    finally:
        if old is None:
            os.environ.pop("HEAP_CONNECT_DB", None)
        else:
            os.environ["HEAP_CONNECT_DB"] = old
    yield root


@pytest.fixture
def warehouse(first_sync: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This test's own copy of the synced project and warehouse; returns the project."""
    shutil.copytree(first_sync / "project", tmp_path / "project")
    shutil.copy2(first_sync / "warehouse.duckdb", tmp_path / "warehouse.duckdb")
    monkeypatch.setenv("HEAP_CONNECT_DB", str(tmp_path / "warehouse.duckdb"))
    return tmp_path / "project"


def db_of(project: Path) -> Path:
    return project.parent / "warehouse.duckdb"


# ------------------------------------------------------------------- reading dumps back


class DumpReader:
    """Reads a destination's manifests and files: a folder, or a bucket through boto3."""

    def __init__(self, read: Callable[[str], bytes], manifest_keys: Callable[[], list[str]]):
        self.read = read
        self._manifest_keys = manifest_keys

    @classmethod
    def folder(cls, root: Path) -> DumpReader:
        return cls(
            lambda address: Path(address).read_bytes(),
            lambda: [str(p) for p in (root / "manifests").glob("sync_*.json")],
        )

    @classmethod
    def bucket(cls, client, bucket: str, prefix: str) -> DumpReader:
        def read(address: str) -> bytes:
            assert address.startswith(f"s3://{bucket}/"), address
            key = address[len(f"s3://{bucket}/") :]
            return client.get_object(Bucket=bucket, Key=key)["Body"].read()

        def manifest_keys() -> list[str]:
            listed = client.list_objects_v2(Bucket=bucket, Prefix=f"{prefix}/manifests/")
            return [f"s3://{bucket}/{item['Key']}" for item in listed.get("Contents", [])]

        return cls(read, manifest_keys)

    def manifests(self) -> list[dict]:
        found = [json.loads(self.read(address)) for address in self._manifest_keys()]
        return sorted(found, key=lambda m: m["dump_id"])

    def records(self, address: str) -> tuple[dict, list[dict]]:
        reader = fastavro.reader(BytesIO(self.read(address)))
        return reader.writer_schema, list(reader)


def _duckdb_type(field: dict) -> str:
    """The warehouse type of an Avro field: timestamps and dates are plain epoch-millisecond
    longs that say what they are in the field attribute `heap_connect_type`."""
    inner = field["type"][1] if isinstance(field["type"], list) else field["type"]
    return {"timestamp": "TIMESTAMP", "date": "DATE"}.get(
        field.get("heap_connect_type"), AVRO_TYPES[inner]
    )


def _values(schema: dict, record: dict, columns: list[str]) -> tuple:
    """A record's values in `columns` order, epoch milliseconds made timestamps or dates."""
    kinds = {f["name"]: f.get("heap_connect_type") for f in schema["fields"]}
    values = []
    for column in columns:
        value = record[column]
        if value is not None and kinds[column] in ("timestamp", "date"):
            assert isinstance(value, int), (column, value)
            value = EPOCH + timedelta(milliseconds=value)
            value = value.date() if kinds[column] == "date" else value
        values.append(value)
    return tuple(values)


def replay(reader: DumpReader) -> duckdb.DuckDBPyConnection:
    """Replay every complete dump in order into an in-memory DuckDB (schema `dump`), then
    apply the migrations in views (schema `replayed`), as docs/export.md tells consumers."""
    con = duckdb.connect()
    con.execute("create schema dump")
    con.execute("create schema replayed")
    tables: set[str] = set()
    for manifest in reader.manifests():
        listed = {t["name"] for t in manifest["tables"]}
        for gone in tables - listed:  # a table missing from a manifest was dropped
            con.execute(f'drop table dump."{gone}"')
        tables = listed
        for table in manifest["tables"]:
            _replay_table(con, reader, table)
    for name in tables:
        info = con.execute(f"select name from pragma_table_info('dump.\"{name}\"')")
        names = [c for (c,) in info.fetchall()]
        if name == "users":
            sql = (
                "select * from dump.users where user_id not in "
                "(select from_user_id from dump.user_migrations)"
            )
        elif "user_id" in names and name not in WHOLE:
            select = ", ".join(
                "coalesce(m.to_user_id, t.user_id) as user_id" if c == "user_id" else f't."{c}"'
                for c in names
            )
            sql = (
                f'select {select} from dump."{name}" as t '
                "left join dump.user_migrations as m on m.from_user_id = t.user_id"
            )
        else:
            sql = f'select * from dump."{name}"'
        con.execute(f'create view replayed."{name}" as {sql}')
    return con


def _replay_table(con: duckdb.DuckDBPyConnection, reader: DumpReader, table: dict) -> None:
    name = table["name"]
    rows: list[tuple] = []
    schema = None
    for address in table["files"]:
        schema, records = reader.records(address)
        rows += [_values(schema, r, table["columns"]) for r in records]
    if not table["incremental"]:
        assert schema is not None, f"a whole table has at least one file: {name}"
        types = {f["name"]: _duckdb_type(f) for f in schema["fields"]}
        definition = ", ".join(f'"{c}" {types[c]}' for c in table["columns"])
        con.execute(f'create or replace table dump."{name}" ({definition})')
    else:
        _add_columns(con, name, table["columns"], schema)
        key = table["key"]
        keys = [(r[table["columns"].index(key)],) for r in rows]
        if keys:
            con.execute("create or replace temp table merge_keys (k bigint)")
            con.executemany("insert into merge_keys values (?)", keys)
            con.execute(f'delete from dump."{name}" where "{key}" in (select k from merge_keys)')
    if rows:
        marks = ", ".join("?" for _ in table["columns"])
        con.executemany(f'insert into dump."{name}" values ({marks})', rows)


def _add_columns(
    con: duckdb.DuckDBPyConnection, name: str, wanted: list[str], schema: dict | None
) -> None:
    """Columns added since the last dump: the table takes the manifest's columns, in its
    order, the new ones empty (their types from the Avro schema of this dump's files)."""
    info = con.execute(f"select name, type from pragma_table_info('dump.\"{name}\"')")
    have = dict(info.fetchall())
    if list(have) == wanted:
        return
    assert set(have) <= set(wanted), "removed or retyped columns come with a whole table"
    assert schema is not None, f"added columns come with a file that has their types: {name}"
    new = {f["name"]: _duckdb_type(f) for f in schema["fields"] if f["name"] not in have}
    select = ", ".join(
        f'"{c}"' if c in have else f'cast(null as {new[c]}) as "{c}"' for c in wanted
    )
    con.execute(f'create or replace table dump."{name}" as select {select} from dump."{name}"')


def exported_tables(db: Path) -> set[str]:
    """The output schema's tables (views: all_events and segments are not exported)."""
    rows = query(
        db,
        "select table_name from information_schema.tables "
        f"where table_schema = '{OUT}' and table_type = 'BASE TABLE'",
    )
    return {name for (name,) in rows} - NOT_EXPORTED


def assert_replay_equals_warehouse(reader: DumpReader, db: Path) -> None:
    replayed = replay(reader)
    names = {
        n
        for (n,) in replayed.execute(
            "select view_name from duckdb_views() where schema_name = 'replayed'"
        ).fetchall()
    }
    assert names == exported_tables(db)
    for name in sorted(names):
        got = sorted(replayed.execute(f'select * from replayed."{name}"').fetchall(), key=repr)
        assert got == table_rows(db, f'{OUT}."{name}"'), f"replayed {name} differs"


def manifest_table(manifest: dict, name: str) -> dict:
    return next(t for t in manifest["tables"] if t["name"] == name)


def sync_again(project: Path) -> None:
    sync(project, project / "definitions")


def pretend_a_new_sync(db: Path) -> None:
    """A succeeded _sync_history row newer than any: the export sees a sync to dump."""
    with duckdb.connect(str(db)) as con:
        con.execute(
            f"insert into {OUT}._sync_history (status, start_time, finish_time) "
            f"select 'succeeded', max(start_time) + interval 1 hour, "
            f"max(start_time) + interval 1 hour from {OUT}._sync_history"
        )


# ------------------------------------------------------------------------------ tests


def _second_batch_with_a_migration(first_sync: Path, db: Path, out: Path) -> tuple[int, int]:
    """batch2 plus an identify that migrates a user already exported (its events too) into
    the owner of an identity: returns (from_user_id, to_user_id)."""
    shutil.copytree(first_sync / "batch2", out)
    identifies = _jsonl(first_sync / "batch1" / "identifies.jsonl")
    owners = query(db, f"select identity, owner_user_id from {INTERNAL}.int_identity_owners")
    migrated = {r for (r,) in query(db, f"select from_user_id from {OUT}.user_migrations")}
    identity, owner = sorted(owners)[0]
    identified = {r["user_id"] for r in identifies}
    (anonymous,) = query(
        db,
        f"select min(user_id) from {OUT}.pageviews where user_id not in "
        f"({', '.join(str(u) for u in identified | migrated | {owner})})",
    )[0]
    assert anonymous is not None, "the first batch has an anonymous user with pageviews"
    later = max(r["loaded_at"] for r in _jsonl(out / "events.jsonl"))
    rows = _jsonl(out / "identifies.jsonl")
    rows.append({"user_id": anonymous, "identity": identity, "time": later, "loaded_at": later})
    _write_jsonl(out / "identifies.jsonl", rows)
    return anonymous, owner


def _narrow_add_to_cart(project: Path) -> None:
    """Change a definition so its table loses rows: Add To Cart keeps quantity > 1 only."""
    path = project / "definitions" / "events" / "custom.yml"
    data = yaml.safe_load(path.read_text())
    (event,) = [e for e in data["events"] if e["name"] == "Add To Cart"]
    event["match"][0]["where"] = [{"property": "quantity", "op": "gt", "value": 1}]
    path.write_text(yaml.safe_dump(data, sort_keys=False))


@pytest.mark.parametrize("mode", ["folder", "s3"])
def test_round_trip_replays_to_the_warehouse(
    mode: str, warehouse: Path, first_sync: Path, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    db = db_of(warehouse)
    if mode == "s3":
        client, bucket = request.getfixturevalue("s3_bucket")
        to, reader = f"s3://{bucket}/heap/main", DumpReader.bucket(client, bucket, "heap/main")
    else:
        to, reader = str(tmp_path / "dumps"), DumpReader.folder(tmp_path / "dumps")

    first = export(warehouse, warehouse / "definitions", to)
    assert first.dump_id == 1
    assert all(not t.incremental for t in first.tables)
    assert_replay_equals_warehouse(reader, db)

    from_user, to_user = _second_batch_with_a_migration(first_sync, db, tmp_path / "batch2")
    load_directory(db, tmp_path / "batch2")
    _narrow_add_to_cart(warehouse)
    before = {r for (r,) in query(db, f"select event_id from {OUT}.add_to_cart")}
    sync_again(warehouse)
    after = {r for (r,) in query(db, f"select event_id from {OUT}.add_to_cart")}
    assert before - after, "the narrowed definition removed rows"
    assert (from_user, to_user) in query(
        db, f"select from_user_id, to_user_id from {OUT}.user_migrations"
    )

    second = export(warehouse, warehouse / "definitions", to)
    assert second.dump_id == 2
    manifest = reader.manifests()[-1]
    assert manifest["dump_id"] == 2
    modes = {t["name"]: t["incremental"] for t in manifest["tables"]}
    reasons = {t.name: t.reason for t in second.tables}
    assert modes["add_to_cart"] is False  # definition changed: whole
    assert modes["user_migrations"] is False and modes["_event_metadata"] is False
    for name in ("users", "sessions", "pageviews", "add_to_cart_click", "view_pricing_page"):
        assert modes[name] is True, (name, reasons[name])
    pageviews = manifest_table(manifest, "pageviews")
    total = query(db, f"select count(*) from {OUT}.pageviews")[0][0]
    assert 0 < pageviews["rows"] < total, "only the new pageviews"

    # migrations are not applied in dumps: the migrated user's pageviews are not sent again
    def pageview_rows(manifest: dict) -> list[dict]:
        files = manifest_table(manifest, "pageviews")["files"]
        return [r for f in files for r in reader.records(f)[1]]

    moved = dict(
        query(
            db,
            f"select p.event_id, p.user_id from {OUT}.pageviews as p join {INTERNAL}.int_events "
            f"as e on e.event_id = p.event_id where e.user_id = {from_user}",
        )
    )
    assert set(moved.values()) == {to_user}, "the warehouse has them under the owner"
    sent_before = {r["event_id"]: r["user_id"] for r in pageview_rows(reader.manifests()[0])}
    sent_now = {r["event_id"]: r["user_id"] for r in pageview_rows(manifest)}
    assert set(moved) & set(sent_before), "the migrated user had pageviews in the first dump"
    assert not set(moved) & set(sent_before) & set(sent_now), "they are not sent again"
    sent = {**sent_before, **sent_now}
    assert {sent[e] for e in moved if e in sent} == {from_user}, "as captured"
    users = manifest_table(manifest, "users")
    _, records = zip(*(reader.records(f) for f in users["files"]), strict=True)
    assert to_user in {r["user_id"] for r in itertools.chain(*records)}, "the owner changed"

    assert_replay_equals_warehouse(reader, db)


def test_removed_and_changed_rows(warehouse: Path, tmp_path: Path) -> None:
    """A table that lost rows is dumped whole; a changed row alone is dumped incrementally."""
    db, to = db_of(warehouse), str(tmp_path / "dumps")
    export(warehouse, warehouse / "definitions", to)
    with duckdb.connect(str(db)) as con:
        (session_id,) = con.execute(f"select min(session_id) from {OUT}.sessions").fetchone()
        con.execute(
            f"update {OUT}.sessions set city = 'Changed' where session_id = ?", [session_id]
        )
        (event_id,) = con.execute(f"select min(event_id) from {OUT}.pageviews").fetchone()
        con.execute(f"delete from {OUT}.pageviews where event_id = ?", [event_id])
    pretend_a_new_sync(db)

    result = export(warehouse, warehouse / "definitions", to)
    by_name = {t.name: t for t in result.tables}
    assert by_name["pageviews"].incremental is False
    assert by_name["pageviews"].reason == "1 rows removed since the last dump"
    assert by_name["sessions"].incremental is True and by_name["sessions"].rows == 1
    assert by_name["users"].incremental is True and by_name["users"].rows == 0
    assert by_name["users"].files == [], "nothing changed, no file"
    _, records = DumpReader.folder(tmp_path / "dumps").records(by_name["sessions"].files[0])
    assert [(r["session_id"], r["city"]) for r in records] == [(session_id, "Changed")]
    assert_replay_equals_warehouse(DumpReader.folder(tmp_path / "dumps"), db)


def test_added_columns_stay_incremental(warehouse: Path, tmp_path: Path) -> None:
    """A column added (a new property, a defined property) sends only the rows that hold a
    value in it, with the Avro schema that gives its type even when no row does."""
    db, to = db_of(warehouse), str(tmp_path / "dumps")
    export(warehouse, warehouse / "definitions", to)
    with duckdb.connect(str(db)) as con:
        (session_id,) = con.execute(f"select min(session_id) from {OUT}.sessions").fetchone()
        con.execute(f"alter table {OUT}.sessions add column channel varchar")
        con.execute(
            f"update {OUT}.sessions set channel = 'Paid' where session_id = ?", [session_id]
        )
        con.execute(f"alter table {OUT}.pageviews add column score double")
    pretend_a_new_sync(db)

    result = export(warehouse, warehouse / "definitions", to)
    by_name = {t.name: t for t in result.tables}
    assert by_name["sessions"].incremental is True
    assert by_name["sessions"].reason.endswith("columns added: channel")
    assert by_name["sessions"].rows == 1
    assert by_name["pageviews"].incremental is True and by_name["pageviews"].rows == 0
    assert len(by_name["pageviews"].files) == 1, "an empty part carries the new column's type"
    reader = DumpReader.folder(tmp_path / "dumps")
    schema, records = reader.records(by_name["pageviews"].files[0])
    assert records == [] and schema["fields"][-1]["type"] == ["null", "double"]
    assert_replay_equals_warehouse(reader, db)

    pretend_a_new_sync(db)  # the state now knows the new columns: nothing changed
    result = export(warehouse, warehouse / "definitions", to)
    assert all(t.rows == 0 for t in result.tables if t.incremental)
    assert {t.name for t in result.tables if not t.incremental} == WHOLE


@pytest.mark.parametrize("crash", ["writing parts", "before the state commit"])
def test_a_killed_export_is_never_a_complete_dump(
    crash: str, warehouse: Path, tmp_path: Path
) -> None:
    db, dumps = db_of(warehouse), tmp_path / "dumps"

    class Killed(Exception):
        pass

    with pytest.MonkeyPatch.context() as patch:
        if crash == "writing parts":
            original = LocalFolder.open_part
            calls = itertools.count(1)

            def open_part(self, key):
                if next(calls) == 3:
                    raise Killed(key)
                return original(self, key)

            patch.setattr(LocalFolder, "open_part", open_part)
        else:

            def commit(*args, **kwargs):
                raise Killed("after the manifest")

            patch.setattr(ExportState, "commit", commit)
        with pytest.raises(Killed):
            export(warehouse, warehouse / "definitions", str(dumps))

    written = list((dumps / "sync_1").rglob("*.avro"))
    assert written, "the first dump had begun"
    manifests = sorted(p.name for p in dumps.glob("manifests/*.json"))
    assert query(db, f"select count(*) from {INTERNAL}.heapgen_export_dumps") == [(0,)]
    assert query(db, f"select count(*) from {INTERNAL}.heapgen_export_rows") == [(0,)]
    if crash == "writing parts":
        assert manifests == [], "no manifest: not a complete dump"
        assert len(written) == 2
    else:
        assert manifests == ["sync_1.json"]

    result = export(warehouse, warehouse / "definitions", str(dumps))
    assert result.dump_id == 2, "a dump id is never used twice"
    assert all(not t.incremental for t in result.tables), "the state still knows no dump"
    reader = DumpReader.folder(dumps)
    assert [m["dump_id"] for m in reader.manifests()] == ([1, 2] if manifests else [2])
    assert_replay_equals_warehouse(reader, db)


def test_the_manifest_is_written_last(
    warehouse: Path, s3_bucket, monkeypatch: pytest.MonkeyPatch
) -> None:
    from heapgen.destinations import S3Prefix

    client, bucket = s3_bucket
    order: list[str] = []
    put_bytes, open_part = S3Prefix.put_bytes, S3Prefix.open_part

    def record_put(self, key, data):
        order.append(key)
        return put_bytes(self, key, data)

    def record_part(self, key):
        order.append(key)
        return open_part(self, key)

    monkeypatch.setattr(S3Prefix, "put_bytes", record_put)
    monkeypatch.setattr(S3Prefix, "open_part", record_part)
    result = export(warehouse, warehouse / "definitions", f"s3://{bucket}/x", rows_per_part=40)
    assert order[-1] == "manifests/sync_1.json"
    keys = {i["Key"] for i in client.list_objects_v2(Bucket=bucket)["Contents"]}
    assert keys == {f"x/{k}" for k in order}
    manifest = json.loads(
        client.get_object(Bucket=bucket, Key="x/manifests/sync_1.json")["Body"].read()
    )
    files = [f for t in manifest["tables"] for f in t["files"]]
    assert sorted(files) == sorted(f"s3://{bucket}/x/{k}" for k in order if k.endswith(".avro"))
    assert result.manifest == f"s3://{bucket}/x/manifests/sync_1.json"


def test_manifest_lists_the_heap_connect_tables(warehouse: Path, tmp_path: Path) -> None:
    db = db_of(warehouse)
    result = export(warehouse, warehouse / "definitions", str(tmp_path / "dumps"))
    manifest = json.loads((tmp_path / "dumps" / "manifests" / "sync_1.json").read_text())
    assert manifest["dump_id"] == 1 == result.dump_id
    names = [t["name"] for t in manifest["tables"]]
    event_tables = sorted(r for (r,) in query(db, f"select table_name from {OUT}._event_metadata"))
    assert names == [
        "users",
        "sessions",
        "pageviews",
        *event_tables,
        "user_migrations",
        "_event_metadata",
    ]
    assert "all_events" not in names
    for table in manifest["tables"]:
        name = table["name"]
        assert table["columns"] == [c for (c, _) in columns(db, OUT, name)]
        assert table["key"] == (None if name in WHOLE else KEYS.get(name, "event_id"))
        assert table["incremental"] is False
        assert table["rows"] == query(db, f'select count(*) from {OUT}."{name}"')[0][0]
        assert len(table["files"]) >= 1
        for path in table["files"]:
            assert Path(path).is_absolute()
            assert Path(path).parent == tmp_path / "dumps" / "sync_1" / name
            assert Path(path).name.startswith("part-0000") and path.endswith(".avro")
    definitions = Path(manifest["property_definitions"])
    assert definitions.parent == tmp_path / "dumps" / "sync_1"
    assert isinstance(json.loads(definitions.read_text()), list)


def test_avro_files_are_snappy_with_epoch_millis(warehouse: Path, tmp_path: Path) -> None:
    db = db_of(warehouse)
    sessions = query(db, f"select count(*) from {OUT}.sessions")[0][0]
    result = export(
        warehouse, warehouse / "definitions", str(tmp_path / "d"), rows_per_part=sessions
    )
    by_name = {t.name: t for t in result.tables}
    assert len(by_name["sessions"].files) == 1, "exactly rows_per_part rows: one part"
    pageviews = query(db, f"select count(*) from {OUT}.pageviews")[0][0]
    assert len(by_name["pageviews"].files) == -(-pageviews // sessions)

    # timestamps are plain longs, as in Heap's dumps: no logical type (tap-heap maps type
    # names only), the field attribute heap_connect_type says what they are
    stored = {}
    for path in by_name["pageviews"].files:
        with open(path, "rb") as handle:
            reader = fastavro.reader(handle)
            assert reader.codec == "snappy"
            fields = {f["name"]: f for f in reader.writer_schema["fields"]}
            rows = list(reader)
        assert len(rows) <= sessions
        stored |= {r["event_id"]: r for r in rows}
    assert fields["time"] == {
        "name": "time",
        "type": ["null", "long"],
        "default": None,
        "heap_connect_type": "timestamp",
    }
    assert fields["event_id"] == {"name": "event_id", "type": ["null", "long"], "default": None}
    assert fields["session_time"]["type"] == ["null", "double"]
    assert "logicalType" not in json.dumps(reader.writer_schema)
    expected = query(
        db, f"select event_id, epoch_ms(time), session_time, path from {OUT}.pageviews"
    )
    assert len(stored) == pageviews
    for event_id, millis, session_time, path in expected:
        row = stored[event_id]
        assert isinstance(row["time"], int) and row["time"] == millis
        assert (row["session_time"], row["path"]) == (session_time, path)


def test_a_dump_written_with_another_encoding_is_followed_by_a_whole_one(
    warehouse: Path, tmp_path: Path
) -> None:
    """A destination whose last dump wrote timestamps as `timestamp-millis` (the state kept
    no Avro encodings then) gets every keyed table whole once: the consumer's columns change
    from timestamps to epoch-millisecond longs, a merge cannot change them."""
    db, to = db_of(warehouse), str(tmp_path / "dumps")
    export(warehouse, warehouse / "definitions", to)
    with duckdb.connect(str(db)) as con:  # the state as an export before the change left it
        for table, kept in con.execute(
            f"select table_name, columns from {INTERNAL}.heapgen_export_tables"
        ).fetchall():
            pairs = json.dumps([entry[:2] for entry in json.loads(kept)])
            con.execute(
                f"update {INTERNAL}.heapgen_export_tables set columns = ? where table_name = ?",
                [pairs, table],
            )
    pretend_a_new_sync(db)

    result = export(warehouse, warehouse / "definitions", to)
    assert all(not t.incremental for t in result.tables)
    reasons = {t.name: t.reason for t in result.tables}
    assert reasons["users"].startswith("Avro encoding changed: user_id, identity, handle and ")
    pretend_a_new_sync(db)  # the state knows the encoding now: nothing to resend
    again = export(warehouse, warehouse / "definitions", to)
    assert {t.name for t in again.tables if not t.incremental} == WHOLE
    assert_replay_equals_warehouse(DumpReader.folder(tmp_path / "dumps"), db)


def test_s3_export_through_the_cli(warehouse: Path, s3_bucket, capsys) -> None:
    client, bucket = s3_bucket
    args = ["export", "--to", f"s3://{bucket}/heap", "--project-dir", str(warehouse)]
    assert main(args) == 0
    assert "dump 1:" in capsys.readouterr().out
    reader = DumpReader.bucket(client, bucket, "heap")
    assert [m["dump_id"] for m in reader.manifests()] == [1]
    assert_replay_equals_warehouse(reader, db_of(warehouse))
    assert main(args) == 0, "no new sync: nothing to export, not a failure"
    assert "nothing to export" in capsys.readouterr().out
    assert [m["dump_id"] for m in reader.manifests()] == [1]


def test_clear_errors(warehouse: Path, tmp_path: Path, s3_bucket, capsys, monkeypatch) -> None:
    _, bucket = s3_bucket
    profiles = warehouse / "profiles.yml"
    data = yaml.safe_load(profiles.read_text())
    data["heap_connect"]["outputs"]["snow"] = {"type": "snowflake", "account": "x"}
    profiles.write_text(yaml.safe_dump(data))
    base = ["export", "--project-dir", str(warehouse)]
    cases = [
        (["--to", str(tmp_path / "d"), "--target", "snow"], "reads DuckDB warehouses only"),
        (["--to", str(tmp_path / "d"), "--target", "nope"], "no target 'nope'"),
        (["--to", f"s3://{bucket}-missing/x"], "S3 head_bucket"),
        (["--to", "gs://bucket/x"], "give a folder or an s3://BUCKET/PREFIX"),
        (["--to", str(tmp_path / "d"), "--rows-per-part", "0"], "at least 1"),
    ]
    for extra, message in cases:
        assert main([*base, *extra]) == 1, extra
        assert message in capsys.readouterr().err, extra
    with duckdb.connect(str(db_of(warehouse))) as con:
        con.execute(f"update {OUT}._sync_history set status = 'failed'")
    assert main([*base, "--to", str(tmp_path / "d")]) == 1
    assert "is failed, not succeeded" in capsys.readouterr().err
    monkeypatch.setenv("HEAP_CONNECT_DB", str(tmp_path / "none.duckdb"))
    with pytest.raises(ExportError, match="no warehouse"):
        export(warehouse, warehouse / "definitions", str(tmp_path / "d"))
