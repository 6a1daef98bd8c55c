"""Mistakes a new user makes end in one clear line (what is wrong, what to do), a non-zero
exit, and nothing created or changed: run as a user would, `heapgen` in its own process.
Also: one sync at a time per warehouse."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from conftest import keep_events, query
from heapgen.load import load_directory
from heapgen.sample import write_sample

OUT = "main_production"


def heapgen(*args: str, db: Path, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "HEAP_CONNECT_DB": str(db)}
    return subprocess.run(
        [sys.executable, "-m", "heapgen.cli", *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
    )


def assert_one_error_line(done: subprocess.CompletedProcess, *expected: str) -> None:
    """A non-zero exit, nothing on stdout, one line on stderr holding every `expected`."""
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    shown = (
        f"exit {done.returncode}\nstdout:\n{done.stdout[-3000:]}\nstderr:\n{done.stderr[-3000:]}"
    )
    assert done.returncode != 0, shown
    assert done.stdout.strip() == "", shown
    assert len(lines) == 1, shown
    assert lines[0].startswith("error: "), shown
    for text in expected:
        assert text in lines[0], shown


def tables_of(db: Path) -> list[tuple]:
    return query(db, "select table_schema, table_name from information_schema.tables order by all")


@pytest.mark.parametrize(
    ("option", "expected"),
    [(("--days", "0"), "--days must be 1 or more"), (("--users", "-1"), "--users must be 0")],
)
def test_sample_with_impossible_sizes(tmp_path: Path, option: tuple, expected: str) -> None:
    out = tmp_path / "sample"
    done = heapgen("sample", str(out), *option, db=tmp_path / "unused.duckdb")
    assert_one_error_line(done, expected)
    assert not out.exists()


def test_a_folder_that_is_not_a_project(tmp_path: Path) -> None:
    """Definitions alone (a mistyped --project-dir, or a repository holding only them): the
    project's files heapgen reads are named, nothing is written."""
    from conftest import REPO

    folder = tmp_path / "not_a_project"
    shutil.copytree(REPO / "definitions", folder / "definitions")
    for command in (["check"], ["generate"]):
        done = heapgen(*command, "--project-dir", str(folder), db=tmp_path / "unused.duckdb")
        assert_one_error_line(done, "heap_connect__column_spec.csv:0: missing", "--project-dir")
    assert sorted(p.name for p in folder.iterdir()) == ["definitions"]


def test_a_database_in_a_missing_folder(project: Path, tmp_path: Path) -> None:
    db = tmp_path / "nonexistent" / "dir" / "x.duckdb"
    for command in (["sync"], ["query", "select 1"], ["plan"]):
        done = heapgen(*command, "--project-dir", str(project), db=db)
        assert_one_error_line(done, f"the folder {db.parent} does not exist", "HEAP_CONNECT_DB")
    raw = tmp_path / "raw"
    write_sample(raw, users=2, days=1, seed=1)
    done = heapgen("load", str(raw), "--project-dir", str(project), db=db)
    assert done.returncode != 0 and "Traceback" not in done.stderr, done.stderr
    assert f"the folder {db.parent} does not exist" in done.stderr
    assert not (tmp_path / "nonexistent").exists()


def test_a_sync_before_any_load(project: Path, tmp_path: Path) -> None:
    db = tmp_path / "empty.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute("create table notes (x integer)")
    before = tables_of(db)
    generated = {p: p.read_bytes() for p in (project / "models").rglob("*") if p.is_file()}
    done = heapgen("sync", "--project-dir", str(project), db=db)
    assert_one_error_line(done, "heap_raw", "run `heapgen load DIR` first")
    assert tables_of(db) == before  # no _sync_history, no schema
    after = {p: p.read_bytes() for p in (project / "models").rglob("*") if p.is_file()}
    assert after == generated


def test_a_sync_without_a_database(project: Path, tmp_path: Path) -> None:
    db = tmp_path / "missing.duckdb"
    done = heapgen("sync", "--project-dir", str(project), db=db)
    assert_one_error_line(done, "no such database", "run `heapgen load DIR` first")
    assert not db.exists()


@pytest.mark.parametrize(
    ("value", "expected"),
    [("{a: [", "--vars is not YAML"), ("[1, 2]", "--vars must be a mapping")],
)
def test_vars_that_are_not_a_yaml_mapping(
    project: Path, tmp_path: Path, value: str, expected: str
) -> None:
    db = tmp_path / "x.duckdb"
    done = heapgen("sync", "--project-dir", str(project), "--vars", value, db=db)
    assert_one_error_line(done, expected, "e.g. --vars")
    assert not db.exists()


def test_plan_reports_a_warehouse_it_cannot_read(project: Path, tmp_path: Path) -> None:
    db = tmp_path / "not_duckdb.duckdb"
    db.write_text("not a database\n")
    done = heapgen("plan", "--project-dir", str(project), db=db)
    assert_one_error_line(done, "cannot open the database")
    assert db.read_text() == "not a database\n"
    done = heapgen("plan", "--project-dir", str(project), "--target", "nowhere", db=db)
    assert_one_error_line(done, "nowhere")
    assert "no warehouse synced yet" not in done.stdout


def test_query_on_a_mistyped_path_creates_nothing(project: Path, tmp_path: Path) -> None:
    db = tmp_path / "heap_conect.duckdb"
    done = heapgen("query", "select 1", "--project-dir", str(project), db=db)
    assert_one_error_line(done, "no such database", "HEAP_CONNECT_DB")
    assert not db.exists()


def test_a_second_concurrent_sync_exits_at_once(project: Path, tmp_path: Path) -> None:
    """One sync at a time per warehouse: a second one, while the first builds, exits at
    once with one line, and neither records a sync nor touches the first one's tables."""
    keep_events(project, "View Pricing Page")
    db = tmp_path / "warehouse.duckdb"
    raw = tmp_path / "raw"
    write_sample(raw, users=5, days=1, seed=1)
    load_directory(db, raw)
    env = {**os.environ, "HEAP_CONNECT_DB": str(db)}
    first = subprocess.Popen(
        [sys.executable, "-m", "heapgen.cli", "sync", "--project-dir", str(project)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    log = project / "logs" / "dbt.log"
    deadline = time.monotonic() + 300
    while not (log.exists() and "Began running node model." in log.read_text(errors="replace")):
        assert first.poll() is None, first.communicate()
        assert time.monotonic() < deadline, "the first sync did not start building"
        time.sleep(0.2)
    second = heapgen("sync", "--project-dir", str(project), db=db)
    out, err = first.communicate(timeout=600)
    assert_one_error_line(second, "one sync at a time per warehouse")
    assert first.returncode == 0, out + err
    assert query(db, f"select status from {OUT}._sync_history") == [("succeeded",)]
