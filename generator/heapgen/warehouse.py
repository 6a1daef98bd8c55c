"""Where the warehouse is, and the checks before heapgen touches it, so that a mistake ends in
one clear line and changes nothing: the DuckDB file's folder and the file itself, its raw
capture (`heap_raw`), another process holding it, and the lock that keeps syncs of one
warehouse one at a time."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from heapgen.raw_contract import TABLES, Table

DB_ENV = "HEAP_CONNECT_DB"
DEFAULT_DB = "heap_connect.duckdb"
ONE_SYNC = "one sync at a time per warehouse: wait for it to finish, then run again"


class WarehouseError(RuntimeError):
    """The warehouse cannot be used as asked; the message says why and what to do."""


def duckdb_path(project_dir: Path) -> Path:
    """The DuckDB target's file: $HEAP_CONNECT_DB, else heap_connect.duckdb in the project."""
    configured = os.environ.get(DB_ENV)
    return Path(configured) if configured else project_dir / DEFAULT_DB


def pin_duckdb_path(project_dir: Path) -> Path:
    """Make profiles.yml's env_var('HEAP_CONNECT_DB') an absolute path, so dbt finds the
    same file whatever directory heapgen runs in. Symlinks are kept, not resolved: the path
    stays the one the user gave, and so does dbt's profile, whose change makes dbt parse the
    whole project again instead of what changed."""
    path = duckdb_path(project_dir).absolute()
    os.environ[DB_ENV] = str(path)
    return path


def is_duckdb(target: str | None) -> bool:
    """The profile's default target and `duckdb` are the embedded DuckDB file."""
    return target in (None, "duckdb")


def require_folder(path: Path) -> None:
    """A DuckDB file can only be created in a folder that exists."""
    if not path.parent.is_dir():
        raise WarehouseError(
            f"{path}: the folder {path.parent} does not exist: create it, or set {DB_ENV} "
            "to a file in an existing folder"
        )


def require_file(path: Path) -> None:
    """The DuckDB file `path` exists (heapgen load creates it)."""
    require_folder(path)
    if not path.is_file():
        raise WarehouseError(
            f"{path}: no such database: run `heapgen load DIR` first, or set {DB_ENV} "
            "to the database's file"
        )


def require_database(path: Path, *, raw: Iterable[Table] = ()) -> None:
    """The DuckDB file `path` exists, no other process holds it, and it has the `raw` tables
    (the source's, which a sync reads). Creates and changes nothing."""
    require_file(path)
    try:
        con = duckdb.connect(str(path))
    except duckdb.Error as exc:
        reason = str(exc).splitlines()[0]
        if "lock" in reason.lower():
            pid = reason.rsplit("(PID ", 1)[-1].split(")")[0] if "(PID " in reason else None
            holder = f" (PID {pid})" if pid else ""
            raise WarehouseError(
                f"{path} is in use by another process{holder}: {ONE_SYNC}"
            ) from None
        raise WarehouseError(f"{path}: cannot open the database: {reason}") from None
    with con:
        found = set(
            con.execute("select table_schema, table_name from information_schema.tables").fetchall()
        )
    missing = [f"{t.schema}.{t.name}" for t in raw if (t.schema, t.name) not in found]
    if missing:
        raise WarehouseError(
            f"{path} has no raw capture ({missing[0]} is missing): run `heapgen load DIR` first"
        )


@contextmanager
def sync_lock(
    project_dir: Path, target: str | None, raw: Iterable[Table] = TABLES.values()
) -> Iterator[None]:
    """Hold the warehouse's sync lock, or fail at once when another sync holds it: a lock
    file next to the DuckDB file (after checking the file and its raw capture), or for
    another target target/heapgen-sync-<target>.lock in the project. The file exists only
    while a sync runs."""
    if is_duckdb(target):
        db = duckdb_path(project_dir)
        require_file(db)
        path = db.with_name(db.name + ".sync-lock")
    else:
        path = project_dir / "target" / f"heapgen-sync-{target}.lock"
        path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            # a sync that just finished may have removed the file we opened
            held = path.exists() and os.stat(path).st_ino == os.fstat(handle.fileno()).st_ino
        except BlockingIOError:
            held = False
        if not held:
            raise WarehouseError(f"another sync is running on this warehouse: {ONE_SYNC}")
        try:
            if is_duckdb(target):
                require_database(duckdb_path(project_dir), raw=raw)
            yield
        finally:
            path.unlink(missing_ok=True)
