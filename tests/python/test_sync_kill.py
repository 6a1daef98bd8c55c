"""A `heapgen sync` killed anywhere (SIGKILL), then a normal sync: the tables equal one full
build, and `_sync_history` shows the killed attempt.

`heapgen sync` runs as a process of its own, as a user or a scheduler runs it; the test
follows dbt's debug log (DBT_LOG_PATH, one folder per run), where dbt writes a line for each
statement it sends before sending it, and kills the process with SIGKILL once the log holds
the chosen number of statements, so the kill lands in a hook, a model's transaction, a data
test or the queries heapgen makes before and after the build. Nothing in the production
path knows about the test.

The test runs the two steps of an unkilled sequence, each sync killed twice before a normal
sync completes it:

1. the first batch of raw data into an empty warehouse; the first sync killed at a random
   point, the next halfway through its statements; a normal sync; the output tables equal
   those of the unkilled first sync, one full build of that batch (names, types, column
   order, every row);
2. the next batch and a definition change (a new match for one event: its table rebuilt from
   history; one event no longer synced: its table dropped; a new event: its table created);
   the sync killed at a random point before the drop of the unsynced table, the next just
   after that drop, before the drop is recorded; a normal sync; the tables equal those of
   the unkilled second sync, and `_dropped_tables` records the dropped table once. (That an
   incremental sync with these definition changes equals one full build is
   test_sync_lifecycle's definition-change sequence, and test_warehouse_sync's on the
   stand-ins.)

After each normal sync `_sync_history` holds what it held after the kills, every attempt a
kill left `running` now `failed` (the next sync marks it: macros/sync/on_sync_start.sql),
and the normal sync's own `succeeded`. The random kill points are shares of the statements
an unkilled sync of the same step executes (each step's first sync is that sync up to its
kill; a retry may do less), drawn from a seed printed with any failure
(HEAP_CONNECT_KILL_SEED repeats it).
On DuckDB a killed process releases the database's file lock; the normal sync after it
shows that no lock is left behind.

Run on DuckDB, and on the PostgreSQL stand-in when HEAP_CONNECT_TEST_TARGET includes
postgres (the default; warehouses/README.md).
"""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from conftest import FIXTURES, REPO, copy_project, keep_events, split_by_arrival
from heapgen.load import load_directory
from heapgen.sample import write_sample
from test_sync_lifecycle import add_event, edit_event
from test_warehouse_sync import assert_same, normalize, selected_targets

sys.path.insert(0, str(REPO / "warehouses"))

import stand_ins  # noqa: E402
import warehouse_tables  # noqa: E402

OUT = "main_production"
BOOKKEEPING = ("_sync_history", "_sync_info", "_dropped_tables")
INTERRUPTED = "interrupted: the sync ended before it could record its outcome"
HEAPGEN = str(Path(sys.executable).with_name("heapgen"))
# The start of a statement in dbt's debug log ("... [debug] [Thread-1]: On model.x.y: <sql>";
# not dbt's note on a relation lookup, 'On "<node>": cache miss').
STATEMENT = re.compile(r"\]: On (?!\")[^:\n]+: ")
SYNC_SECONDS = 300
UNSYNCED = "add_to_cart"  # the table the definition change drops
DROP = re.compile(rf'drop table if exists .*"{UNSYNCED}" cascade')

TARGETS = [
    "duckdb",
    *(
        [pytest.param("postgres", marks=pytest.mark.warehouses)]
        if "postgres" in selected_targets()
        else []
    ),
]


def count_statements(lines: list[bytes]) -> int:
    return sum(bool(STATEMENT.search(line.decode(errors="replace"))) for line in lines)


def statement_index(log: Path, pattern: re.Pattern) -> int:
    """The number of the statement (from 1) whose text first matches `pattern` in a log."""
    count = 0
    for line in log.read_bytes().split(b"\n"):
        count += count_statements([line])
        if pattern.search(line.decode(errors="replace")):
            return count
    raise AssertionError(f"{log}: no statement matches {pattern.pattern}")


def project_at(step: int, path: Path) -> Path:
    """The small project as its definitions stand at sync `step` (0, then 1)."""
    project = copy_project(path)
    keep_events(project, "View Pricing Page", "Add To Cart")
    if step:
        change_definitions(project)
    return project


def change_definitions(project: Path) -> None:
    """Before the second sync: a new match for View Pricing Page (its table rebuilt from all
    history, its label re-tagged), Add To Cart no longer synced (its table dropped, in
    _dropped_tables) and a new event (its table created)."""
    edit_event(project, "Add To Cart", lambda e: {**e, "sync": False})
    edit_event(
        project,
        "View Pricing Page",
        lambda e: {**e, "match": [{"event": "view page", "path": "/products*"}]},
    )
    add_event(project, {"name": "Search", "match": [{"event": "custom", "name": "Search"}]})


@dataclass
class Run:
    statements: int  # statements dbt logged before the process ended (or was killed)
    log: Path  # dbt's debug log of the run
    killed: bool
    returncode: int
    output: str


class Warehouse:
    """One warehouse, emptied by `reset`: a DuckDB file, or the PostgreSQL stand-in's
    database (every schema but the system's dropped)."""

    def __init__(self, target: str, root: Path) -> None:
        self.target = target
        self.root = root
        self.runs = 0
        self.kills: list[str] = []  # where the examples killed a sync
        self.full: list[dict] = []  # per step, the tables of one full build
        self.statements: list[int] = []  # per step, the statements of an unkilled sync
        self.drop_statement = 0  # the unkilled second sync's drop of the UNSYNCED table
        self.state = stand_ins.up(root / "stand_ins", [target] if target != "duckdb" else [])
        self.db = Path(self.state.duckdb_path)

    def reset(self) -> None:
        if self.target == "duckdb":
            for path in self.db.parent.glob(self.db.name + "*"):
                path.unlink()
            return
        with warehouse_tables._postgres(self.state, self.target) as con, con.cursor() as cur:
            cur.execute(
                "select nspname from pg_namespace where nspname not like 'pg\\_%' "
                "and nspname not in ('information_schema', 'public')"
            )
            for (schema,) in cur.fetchall():
                cur.execute(f'drop schema "{schema}" cascade')

    def load(self, batch: tuple[Path, Path]) -> None:
        folder, raw = batch
        if self.target == "duckdb":
            load_directory(self.db, folder)
        else:
            warehouse_tables.load_raw(self.state, self.target, raw, append=True)

    def prepare(self, project: Path) -> None:
        """The project's profiles: the stand-in's (PostgreSQL), or its own (DuckDB)."""
        if self.target != "duckdb":
            shutil.copy(Path(self.state.profiles_dir) / "profiles.yml", project / "profiles.yml")

    def sync(self, project: Path, kill_at: int | re.Pattern | None = None) -> Run:
        """`heapgen sync` in a process of its own; killed with SIGKILL as soon as dbt's log
        holds `kill_at` statements, or (a pattern) the statement after the first whose text
        matches it."""
        self.runs += 1
        folder = self.root / "runs" / str(self.runs)
        folder.mkdir(parents=True)
        log, output = folder / "dbt.log", folder / "output.txt"
        env = {**os.environ, "HEAP_CONNECT_DB": str(self.db), "DBT_LOG_PATH": str(folder)}
        command = [HEAPGEN, "sync", "--project-dir", str(project), "--target", self.target]
        with open(output, "wb") as out:
            process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
        killed, statements, read, line = False, 0, 0, b""
        after = kill_at if isinstance(kill_at, re.Pattern) else None
        kill_at = None if after else kill_at
        deadline = time.monotonic() + SYNC_SECONDS
        try:
            while process.poll() is None and time.monotonic() < deadline:
                if log.exists():  # the lines dbt added since the last look
                    with open(log, "rb") as handle:
                        handle.seek(read)
                        added = handle.read()
                    read += len(added)
                    *lines, line = (line + added).split(b"\n")
                    for text in lines:
                        statements += count_statements([text])
                        matched = after and after.search(text.decode(errors="replace"))
                        if matched and kill_at is None:
                            kill_at = statements + 1
                if kill_at is not None and statements >= kill_at:
                    os.kill(process.pid, signal.SIGKILL)
                    killed = True
                    break
                time.sleep(0.005)
        finally:
            if process.poll() is None and not killed:
                os.kill(process.pid, signal.SIGKILL)
            process.wait()
        if not killed and log.exists():
            statements = count_statements(log.read_bytes().split(b"\n"))
        return Run(statements, log, killed, process.returncode, output.read_text())

    def normal_sync(self, project: Path) -> Run:
        run = self.sync(project)
        assert run.returncode == 0, f"heapgen sync failed:\n{run.output[-3000:]}"
        return run

    def query(self, sql: str) -> list[tuple]:
        if self.target == "duckdb":
            with duckdb.connect(str(self.db), read_only=True) as con:
                return con.execute(sql).fetchall()
        with warehouse_tables._postgres(self.state, self.target) as con, con.cursor() as cur:
            cur.execute(sql)
            return cur.fetchall()

    def tables(self) -> dict[str, tuple[list[tuple[str, str]], list[tuple]]]:
        """Every table and view of the output schema but the bookkeeping: (columns with their
        types in order, sorted normalized rows)."""
        tables = {}
        for table in warehouse_tables.list_tables(self.state, self.target, OUT):
            if table in BOOKKEEPING:
                continue
            types = self.query(
                "select column_name, data_type from information_schema.columns "
                f"where table_schema = '{OUT}' and table_name = '{table}' "
                "order by ordinal_position"
            )
            rows = self.query(f'select * from {OUT}."{table}"')
            normalized = sorted((tuple(normalize(v) for v in row) for row in rows), key=repr)
            tables[table] = ([(c.lower(), t.lower()) for c, t in types], normalized)
        return tables

    def dropped(self) -> list[str]:
        return [t for (t,) in self.query(f"select event_table_name from {OUT}._dropped_tables")]

    def history(self) -> list[tuple[str, str | None]]:
        """_sync_history's (status, error), oldest first; [] before the first sync."""
        exists = self.query(
            "select count(*) from information_schema.tables "
            f"where table_schema = '{OUT}' and table_name = '_sync_history'"
        )
        if not exists[0][0]:
            return []
        return self.query(f"select status, error from {OUT}._sync_history order by start_time")

    def down(self) -> None:
        stand_ins.down(self.root / "stand_ins")


@pytest.fixture(scope="module")
def batches(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Path, Path]]:
    """Two (folder, DuckDB file) batches: a small sample and the identity fixture (merges,
    a chain of migrations) cut in two by loaded_at; the file holds the folder's rows."""
    root = tmp_path_factory.mktemp("kill_raw")
    write_sample(root / "sample", users=20, days=2, seed=5)
    sources = [root / "sample", FIXTURES / "identity"]
    pairs = []
    for k, folder in enumerate(split_by_arrival(sources, root, 2)):
        load_directory(root / f"batch_{k}.duckdb", folder)
        pairs.append((folder, root / f"batch_{k}.duckdb"))
    return pairs


@pytest.fixture(scope="module", params=TARGETS)
def warehouse(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    batches: list[tuple[Path, Path]],
):
    """The warehouse, and what the test compares with: per step, the output tables of the
    unkilled sequence (its first sync is one full build of the first step; its second, an
    incremental sync, is checked against one full build of both steps by
    test_sync_lifecycle's definition-change sequence and the equivalence tests), the
    statements an unkilled sync of the step executes, and the project as it stood after
    the first sync (its definitions and dbt's partial-parse state), which the test copies."""
    root = tmp_path_factory.mktemp(f"kill_{request.param}")
    warehouse = Warehouse(request.param, root)
    try:
        project = project_at(0, root / "unkilled")
        warehouse.prepare(project)
        warehouse.load(batches[0])
        statements = [warehouse.normal_sync(project).statements]
        reference = [warehouse.tables()]
        shutil.copytree(project, root / "step_0")
        change_definitions(project)
        warehouse.load(batches[1])
        second = warehouse.normal_sync(project)
        statements.append(second.statements)
        reference.append(warehouse.tables())
        assert warehouse.dropped() == [UNSYNCED]
        warehouse.drop_statement = statement_index(second.log, DROP)
        warehouse.full, warehouse.statements = reference, statements
        yield warehouse
    finally:
        warehouse.down()


# A kill point: the share, in thousandths, of the statements an unkilled sync of the step
# executes, or the statement after the second step's drop of the table of the event
# no longer synced (in the on-run-end hook, before the drop is recorded). Each step's sync
# is killed twice before a normal sync completes it: first at a share drawn at random
# (HEAP_CONNECT_KILL_SEED repeats a run's draw; the seed is in the failure message and in
# the warehouse table's detail), while the sync is still the unkilled one up to that point;
# then at a fixed point (the first step halfway, inside its build; the second just after
# the drop, wherever it comes: the retry of a killed sync may do less, e.g. with nothing
# left to read it builds only what the definition change reaches, decision 0045). The
# second step's random kill lands before the drop, so that the retry still has it to do.
HALFWAY = 500


def drawn_shares() -> tuple[int, tuple[int, int]]:
    seed = int(os.environ.get("HEAP_CONNECT_KILL_SEED") or random.SystemRandom().randrange(10**6))
    draw = random.Random(seed)
    return seed, (draw.randint(1, 999), draw.randint(1, 999))


def interrupted(history: list[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
    """`_sync_history` as the next sync leaves it: every `running` attempt marked failed."""
    return [("failed", INTERRUPTED) if s == "running" else (s, e) for s, e in history]


def test_a_killed_sync_is_completed_by_the_next(
    warehouse: Warehouse, batches: list[tuple[Path, Path]], record_property
) -> None:
    seed, drawn = drawn_shares()
    record_property("warehouse", warehouse.target)
    warehouse.reset()
    project = warehouse.root / "project"
    shutil.copytree(warehouse.root / "step_0", project)
    for step in (0, 1):
        if step:
            change_definitions(project)
        warehouse.load(batches[step])
        # the drawn kill: a share of the statements (up to the drop in the second step); then
        # the fixed one: halfway, or just after the drop (the drop done, not yet recorded)
        span = warehouse.drop_statement - 1 if step else warehouse.statements[step]
        fixed = DROP if step else max(1, warehouse.statements[step] * HALFWAY // 1000)
        for k, kill_at in enumerate((max(1, span * drawn[step] // 1000), fixed)):
            before = warehouse.history()
            killed = warehouse.sync(project, kill_at)
            where = "after the drop" if kill_at is DROP else f"at {kill_at}"
            warehouse.kills.append(f"sync {step + 1} {where} of {warehouse.statements[step]}")
            context = f"seed {seed}; killed " + "; ".join(warehouse.kills)
            record_property("detail", context)
            assert killed.killed, f"{context}: the sync ended first:\n{killed.output[-3000:]}"
            left = warehouse.history()
            assert left[: len(before)] in (before, interrupted(before)), (
                f"{context}: _sync_history changed its past beyond marking the interrupted"
            )
            if k:
                assert left[-1] == ("running", None), f"{context}: killed inside the build"
        warehouse.normal_sync(project)
        assert warehouse.history() == [*interrupted(left), ("succeeded", None)], context
        assert_same(warehouse.tables(), warehouse.full[step], f"{context}: after step {step + 1}")
        assert warehouse.dropped() == ([UNSYNCED] if step else []), f"{context}: _dropped_tables"
