"""Shared test fixtures: paths, a throw-away copy of the dbt project, builds on DuckDB."""

from __future__ import annotations

import json
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
REAL_DATA = SHARED / "data" / "real"
REAL_DATASETS = ("apache", "otto", "snowplow")
FIXTURES = REPO / "tests" / "fixtures"

PROJECT_PARTS = (
    "dbt_project.yml",
    "profiles.yml",
    "macros",
    "models",
    "seeds",
    "tests/dbt",
    "definitions",
    "heapgen.lock.yml",
    "docs/dbt",
)


def copy_project(destination: Path) -> Path:
    """A copy of the dbt project (no target/, no database) to build in isolation."""
    for part in PROJECT_PARTS:
        source = REPO / part
        target = destination / part
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return destination


# dbt parses a project afresh (~6 s of the ~10 s of a first dbt command) unless its
# target/partial_parse.msgpack was written under the same profile, and the DuckDB profile
# holds the file's path. So every `project` of a session (of an xdist worker: tests run one at
# a time there) reaches its DuckDB file through one path, DB_LINK, a symlink re-pointed at the
# test's tmp_path, and starts with the msgpack of one parse of a fresh copy under that path:
# dbt then parses only what the test changed, as it does between a user's syncs.


@pytest.fixture(scope="session")
def db_link(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The session's one path to the current test's folder (a symlink, pointed by `project`)."""
    return tmp_path_factory.getbasetemp() / "db_link"


def point_db_link(link: Path, folder: Path) -> None:
    """Point the link at `folder`, and close dbt-duckdb's environment of this process (dbt
    run in-process by heapgen keeps the DuckDB file it opened while the profile is the same:
    it would be the previous test's)."""
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager

    with DuckDBConnectionManager._LOCK:
        if DuckDBConnectionManager._ENV is not None:
            DuckDBConnectionManager._ENV.close()
            DuckDBConnectionManager._ENV = None
    link.unlink(missing_ok=True)
    link.symlink_to(folder, target_is_directory=True)


@pytest.fixture(scope="session")
def parsed_project(tmp_path_factory: pytest.TempPathFactory, db_link: Path) -> Path:
    """The partial_parse.msgpack of a fresh project copy parsed with `project`'s profile."""
    import subprocess
    import sys

    root = tmp_path_factory.mktemp("parsed")
    project = copy_project(root / "project")
    point_db_link(db_link, root)
    dbt = str(Path(sys.executable).with_name("dbt"))
    env = {**os.environ, "HEAP_CONNECT_DB": str(db_link / "warehouse.duckdb")}
    args = [dbt, "parse", "--project-dir", str(project), "--profiles-dir", str(project)]
    subprocess.run(args, env=env, check=True, capture_output=True)
    return project / "target" / "partial_parse.msgpack"


MARTS = ("users_enhanced", "sessions_enhanced")  # models/heap_connect_marts


def enable_marts(project: Path) -> Path:
    """Turn the opt-in marts on in a project copy (var heap_connect__marts in its
    dbt_project.yml), so its syncs build them and output_tables() compares them too."""
    settings = project / "dbt_project.yml"
    off, on = "  heap_connect__marts: false\n", "  heap_connect__marts: true\n"
    text = settings.read_text()
    assert off in text
    settings.write_text(text.replace(off, on))
    return project


@pytest.fixture
def project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, db_link: Path, parsed_project: Path
) -> Iterator[Path]:
    """A project copy whose DuckDB file is tmp_path/warehouse.duckdb (reached through
    db_link), with the session's parse."""
    root = copy_project(tmp_path / "project")
    (root / "target").mkdir()
    shutil.copy2(parsed_project, root / "target" / parsed_project.name)
    point_db_link(db_link, tmp_path)
    monkeypatch.setenv("HEAP_CONNECT_DB", str(db_link / "warehouse.duckdb"))
    yield root


def query(db: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(db)) as con:
        return con.execute(sql).fetchall()


def warehouse_files(db: Path) -> dict[str, str]:
    """The DuckDB file and its write-ahead log (a committed write lands there first, while a
    process holds the database), each by its SHA-256: equal before and after a command
    that wrote nothing."""
    import hashlib

    files = db.parent.glob(db.name + "*")
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


def table_rows(db: Path, table: str) -> list[tuple]:
    """Every row of a table, sorted, for comparing whole tables."""
    with duckdb.connect(str(db)) as con:
        rows = con.execute(f"select * from {table}").fetchall()
    return sorted(rows, key=repr)


def columns(db: Path, schema: str, table: str) -> list[tuple[str, str]]:
    return query(
        db,
        "select column_name, data_type from information_schema.columns "
        f"where table_schema = '{schema}' and table_name = '{table}' order by ordinal_position",
    )


BOOKKEEPING = frozenset({"_sync_history", "_sync_info", "_dropped_tables"})  # one row per attempt


def output_tables(
    db: Path, schema: str = "main_production", skip: frozenset[str] = BOOKKEEPING
) -> dict[str, tuple[list[tuple[str, str]], list[tuple]]]:
    """Every table and view of `schema` but `skip`, as (its columns in table order, each
    (name, type); its rows, sorted): what "the same tables" means when incremental syncs
    are compared with one full build (same names, types, column order and rows)."""
    tables = {}
    for (name,) in query(
        db,
        "select table_name from information_schema.tables "
        f"where table_schema = '{schema}' order by 1",
    ):
        if name not in skip:
            tables[name] = (columns(db, schema, name), table_rows(db, f'{schema}."{name}"'))
    return tables


def defined_columns(project: Path, scope: str) -> list[str]:
    """The columns the project's defined properties of `scope` add, in definition order
    (after every other column of event tables, pageviews and sessions, or users)."""
    from heapgen.definitions import load_definitions
    from heapgen.naming import heap_name

    properties = load_definitions(project / "definitions").defined_properties
    return [heap_name(p.definition.name) for p in properties if p.definition.scope == scope]


def _segment_events(condition: object) -> set[str]:
    """The labeled events a segment condition counts (did / did_not), at any depth."""
    if isinstance(condition, list):
        return set().union(*(_segment_events(c) for c in condition))
    if not isinstance(condition, dict):
        return set()
    found = {condition[k]["event"] for k in ("did", "did_not") if k in condition}
    return found.union(*(_segment_events(v) for v in condition.values()))


def split_by_arrival(sources: list[Path], root: Path, batches: int) -> list[Path]:
    """The raw JSONL rows of `sources` (events, identifies, user_properties) cut into
    `batches` folders under `root` by loaded_at, so each load brings what arrived next."""
    import json

    arrivals = []
    for source in sources:
        for table in ("events", "identifies", "user_properties"):
            path = source / f"{table}.jsonl"
            for line in path.read_text().splitlines() if path.exists() else []:
                arrivals.append((json.loads(line)["loaded_at"], table, line))
    arrivals.sort()
    folders = []
    for k in range(batches):
        part = arrivals[len(arrivals) * k // batches : len(arrivals) * (k + 1) // batches]
        folder = root / f"batch_{k}"
        folder.mkdir()
        for table in ("events", "identifies", "user_properties"):
            lines = [line + "\n" for _, t, line in part if t == table]
            (folder / f"{table}.jsonl").write_text("".join(lines))
        folders.append(folder)
    return folders


def without_users(folders: list[Path], users: set[int], out: Path) -> Path:
    """One folder with every raw row (JSONL) of `folders` except those of `users`: what is
    left after a user deletion, for the full build to compare with."""
    out.mkdir()
    for table in ("events", "identifies", "user_properties"):
        lines = [
            line
            for folder in folders
            if (folder / f"{table}.jsonl").exists()
            for line in (folder / f"{table}.jsonl").read_text().splitlines()
            if line.strip() and json.loads(line)["user_id"] not in users
        ]
        (out / f"{table}.jsonl").write_text("".join(line + "\n" for line in lines))
    return out


def assert_one_definition_error(project: Path, path: Path, line: int, message: str) -> None:
    """`heapgen generate` fails with exactly one problem, at `path`:`line`, saying `message`,
    and writes nothing."""
    from heapgen.definitions import DefinitionError
    from heapgen.generate import generate

    generated = project / "macros" / "heap_generated"
    before = {p: p.read_bytes() for p in generated.iterdir()}
    with pytest.raises(DefinitionError) as error:
        generate(project, project / "definitions")
    assert len(error.value.problems) == 1, str(error.value)
    file, got_line, got_message = error.value.problems[0]
    assert (file, got_line) == (path, line), str(error.value)
    assert message in got_message, got_message
    assert {p: p.read_bytes() for p in generated.iterdir()} == before


def keep_events(project: Path, *names: str) -> None:
    """Trim the project copy's example definitions to the events `names` (fewer models,
    faster builds), and its segments to those that only count these events, and forget the
    lock, so names are assigned afresh."""
    import yaml

    for path in (project / "definitions").rglob("*.yml"):
        if path.name == "heap_connect.yml":
            continue
        data = yaml.safe_load(path.read_text()) or {}
        data["events"] = [e for e in data.get("events", []) if e["name"] in names]
        if "segments" in data:
            data["segments"] = [
                s for s in data["segments"] if _segment_events(s.get("where")) <= set(names)
            ]
        path.write_text(yaml.safe_dump(data, sort_keys=False))
    (project / "heapgen.lock.yml").unlink(missing_ok=True)


@pytest.fixture(scope="session")
def project_for_safety(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One project copy for tests that only compile macros (shared across examples)."""
    import os

    root = tmp_path_factory.mktemp("compile_only")
    project = copy_project(root / "project")
    old = os.environ.get("HEAP_CONNECT_DB")
    os.environ["HEAP_CONNECT_DB"] = str(root / "compile.duckdb")
    yield project
    if old is None:
        os.environ.pop("HEAP_CONNECT_DB", None)
    else:
        os.environ["HEAP_CONNECT_DB"] = old


@pytest.fixture(scope="session")
def heap_sample_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """The sample of same_activity.SAMPLE synced through heap_raw, once for every source's
    "same activity, same tables" test: its raw files and its output tables."""
    from heapgen.load import load_directory
    from heapgen.sample import write_sample
    from heapgen.sync import sync
    from same_activity import OUT, SAMPLE

    root = tmp_path_factory.mktemp("heap_sample")
    raw = root / "raw"
    write_sample(raw, *SAMPLE)
    project = copy_project(root / "project")
    db = root / "heap.duckdb"
    load_directory(db, raw)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HEAP_CONNECT_DB", str(db))
        sync(project, project / "definitions")
    return raw, output_tables(db, OUT)


# In CI (CI=true) property tests draw the same examples every run: a landing must not hang
# on a chance draw. Locally they keep exploring new examples.
from hypothesis import settings as _hypothesis_settings  # noqa: E402

_hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    _hypothesis_settings.load_profile("ci")


# --- the warehouse table at the end of a session that ran the warehouse tests -------------
# One row per warehouse test (tests/python/test_warehouse_sync.py, test_offline_compile.py, ...):
# the warehouse, what was checked (the module's check, or the "check" the test recorded),
# pass/FAIL (an error in a fixture, such as a stand-in that cannot start, is a FAIL), the
# test's wall time (setup + call + teardown: the first
# test of a module also pays for its module fixtures) and what the test recorded.
# Collected from the test reports (pytest_runtest_logreport), which under pytest-xdist reach
# the controller with their recorded properties, so the table is printed there too.
WAREHOUSE_CHECKS = {
    "test_warehouse_sync.py": "incremental syncs = DuckDB",
    "test_warehouse_staging.py": "sources' staging = DuckDB",  # each test records its source
    "test_offline_compile.py": "offline compile + sqlglot",
    "test_sync_kill.py": "killed syncs = unkilled",
    "test_warehouses_smoke.py": "stand-in smoke (tiny project)",
}
_warehouse_rows: dict[str, dict] = {}


# The longest modules first, longest first (their CI times in 2026-12: minutes each, the rest
# well under one): with --no-loadscope-reorder (Makefile; xdist otherwise orders modules by
# their number of tests, which put these few-test modules last) pytest-xdist's loadscope hands
# modules to workers in collection order, so the long ones start at once and the workers
# share the short ones at the end, instead of one worker running a long module alone.
LONGEST_FIRST = (
    "test_warehouse_sync.py",
    "test_sync_kill.py",
    "test_sync_equivalence.py",
    "test_sync_lifecycle.py",
    "test_warehouse_staging.py",
    "test_sync_metadata.py",
    "test_offline_compile.py",
    "test_tap_heap.py",
    "test_posthog.py",
    "test_sync_nothing_new.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        module = item.nodeid.split("::")[0].rsplit("/", 1)[-1]
        return LONGEST_FIRST.index(module) if module in LONGEST_FIRST else len(LONGEST_FIRST)

    items.sort(key=rank)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    module = report.nodeid.split("::")[0].rsplit("/", 1)[-1]
    check = WAREHOUSE_CHECKS.get(module)
    if check is None:
        return
    row = _warehouse_rows.setdefault(report.nodeid, {"check": check, "seconds": 0.0, "status": ""})
    row["seconds"] += report.duration
    properties = dict(report.user_properties)
    if "warehouse" in properties:
        row["warehouse"] = properties["warehouse"]
    elif "[" in report.nodeid:
        row.setdefault("warehouse", report.nodeid.rsplit("[", 1)[1].rstrip("]"))
    if row.get("warehouse") == "duckdb" and check == WAREHOUSE_CHECKS["test_warehouse_sync.py"]:
        row["check"] = "incremental syncs = full"
    if "check" in properties:
        row["check"] = properties["check"]
    if "detail" in properties:
        row["detail"] = properties["detail"]
    if report.failed:
        row["status"] = "FAIL"
    elif report.skipped and row["status"] != "FAIL":
        row["status"] = "SKIP"
    elif report.when == "call" and report.passed and not row["status"]:
        row["status"] = "pass"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not _warehouse_rows:
        return
    terminalreporter.section("warehouses")
    header = f"{'warehouse':<10} {'check':<28} {'result':<6} {'wall':>8}  detail"
    terminalreporter.write_line(header)
    order = ["duckdb", "postgres", "redshift", "snowflake", "bigquery", "spark", "databricks"]
    for row in _warehouse_rows.values():
        row.setdefault("warehouse", "?")
    rows = sorted(
        _warehouse_rows.values(),
        key=lambda r: (r["check"], order.index(r["warehouse"]) if r["warehouse"] in order else 9),
    )
    for row in rows:
        terminalreporter.write_line(
            f"{row['warehouse']:<10} {row['check']:<28} {row['status'] or 'FAIL':<6} "
            f"{row['seconds']:>7.1f}s  {row.get('detail', '')}"
        )


@pytest.fixture(scope="module")
def s3_server() -> Iterator[str]:
    """An S3 API on loopback: moto's server, for the whole module."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3_bucket(s3_server: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """A fresh bucket on the loopback S3; boto3 reaches it through AWS_ENDPOINT_URL."""
    import boto3

    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_ENDPOINT_URL": s3_server,
        "AWS_CONFIG_FILE": str(tmp_path / "no-aws-config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "no-aws-credentials"),
    }.items():
        monkeypatch.setenv(name, value)
    client = boto3.client("s3")
    bucket = f"heap-rs3-{uuid.uuid4().hex[:12]}"
    client.create_bucket(Bucket=bucket)
    return client, bucket
