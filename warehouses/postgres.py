"""A throw-away PostgreSQL cluster on 127.0.0.1 for dbt-postgres and (through a proxy) dbt-redshift.

    python warehouses/postgres.py start DIR [--port N] [--database NAME ...]
    python warehouses/postgres.py stop DIR

The cluster lives in DIR/postgres (data/, socket/, postgres.log). As root, initdb and pg_ctl
run as the `postgres` user (initdb refuses root) through runuser; otherwise as the caller.
Trust authentication, fsync off: a test database, never a real one.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

SUPERUSER = "postgres"
# A unix socket path may hold at most 107 bytes (sun_path); DIR/postgres/socket/.s.PGSQL.NNNNN
# must fit, else the socket goes to a fresh directory under /tmp.
_MAX_SOCKET_PATH = 100


class StandInError(RuntimeError):
    """A stand-in could not start or stop; the message ends with its log tail."""


@dataclass
class PostgresCluster:
    root: str  # DIR/postgres: cluster.json and, when postgres can write there, everything else
    data_dir: str
    socket_dir: str
    port: int
    host: str = "127.0.0.1"
    user: str = SUPERUSER
    bin_dir: str = ""
    log_file: str = ""
    tmp_dirs: list[str] = field(default_factory=list)  # outside root, removed on stop

    def dsn(self, database: str = "postgres") -> str:
        return f"host={self.host} port={self.port} user={self.user} dbname={database}"

    def to_dict(self) -> dict:
        return asdict(self)


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nothing listens on right now (the caller binds it soon after)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def log_tail(path: str | os.PathLike, lines: int = 30) -> str:
    try:
        text = Path(path).read_text(errors="replace")
    except OSError as exc:
        return f"(no log: {exc})"
    return "\n".join(text.splitlines()[-lines:])


def find_bin_dir() -> str:
    """The server binaries: $PG_BIN, else the newest /usr/lib/postgresql/*/bin, else PATH."""
    if os.environ.get("PG_BIN"):
        return os.environ["PG_BIN"]
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0,
    )
    if candidates:
        return str(Path(candidates[-1]).parent)
    initdb = shutil.which("initdb")
    if initdb:
        return str(Path(initdb).resolve().parent)
    raise StandInError(
        "PostgreSQL server binaries not found (no /usr/lib/postgresql/*/bin/initdb, no initdb "
        "on PATH): run warehouses/install.sh, or set PG_BIN"
    )


def _as_root() -> bool:
    return os.geteuid() == 0


def _run_as_owner(args: list[str], **kwargs) -> subprocess.CompletedProcess:
    """Run a server binary as the postgres user when root (initdb and postgres refuse root)."""
    if _as_root():
        args = ["runuser", "-u", SUPERUSER, "--", *args]
    return subprocess.run(args, capture_output=True, text=True, **kwargs)


def _chown_to_owner(path: Path) -> None:
    if _as_root():
        shutil.chown(path, SUPERUSER, SUPERUSER)


def _owner_can_write(path: Path) -> bool:
    if not _as_root():
        return os.access(path, os.W_OK | os.X_OK)
    probe = subprocess.run(
        ["runuser", "-u", SUPERUSER, "--", "test", "-w", str(path), "-a", "-x", str(path)],
        capture_output=True,
    )
    return probe.returncode == 0


def _psql(cluster: PostgresCluster, sql: str, database: str = "postgres") -> None:
    """Run SQL through psql over the cluster's unix socket (psycopg2 may not be installed here)."""
    psql = Path(cluster.bin_dir) / "psql"
    psql_bin = str(psql) if psql.exists() else (shutil.which("psql") or "psql")
    result = subprocess.run(
        [
            psql_bin,
            "-X",
            "-q",
            "-v",
            "ON_ERROR_STOP=1",
            "-h",
            cluster.socket_dir,
            "-p",
            str(cluster.port),
            "-U",
            cluster.user,
            "-d",
            database,
        ],
        input=sql,
        capture_output=True,
        text=True,
        timeout=60,
    )
    if result.returncode != 0:
        raise StandInError(f"psql on {database} failed:\n{sql}\n{result.stderr.strip()}")


def create_database(cluster: PostgresCluster, name: str) -> None:
    """Create a database (no-op when it exists)."""
    _psql(
        cluster,
        f"select format('create database %I', '{name}') "
        f"where not exists (select from pg_database where datname = '{name}') \\gexec\n",
    )


def run_sql(cluster: PostgresCluster, database: str, sql: str) -> None:
    _psql(cluster, sql, database)


def start(
    directory: str | os.PathLike,
    port: int | None = None,
    databases: tuple[str, ...] = (),
    timeout: float = 30.0,
) -> PostgresCluster:
    """initdb a fresh cluster under DIR/postgres, start it on 127.0.0.1, create `databases`."""
    root = Path(directory, "postgres").resolve()
    if root.exists():
        leftover = load(root)  # a cluster left behind by an interrupted run
        if leftover is not None:
            stop(leftover)
        shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    bin_dir = find_bin_dir()

    # The postgres user must be able to write the data and socket dirs: not so under /root or
    # a private tmp dir, where both go to a fresh /tmp directory recorded in the cluster.
    _chown_to_owner(root)
    tmp_dirs: list[str] = []
    base = root
    if not _owner_can_write(root):
        base = Path(tempfile.mkdtemp(prefix="heap-connect-pg-"))
        tmp_dirs.append(str(base))
    _chown_to_owner(base)
    data_dir, socket_dir = base / "data", base / "socket"
    port = port or free_port()
    if len(str(socket_dir / f".s.PGSQL.{port}")) > _MAX_SOCKET_PATH:
        socket_dir = Path(tempfile.mkdtemp(prefix="heap-connect-pgsock-"))
        tmp_dirs.append(str(socket_dir))
    socket_dir.mkdir(exist_ok=True)
    _chown_to_owner(socket_dir)
    # The server's own log is written by the postgres user, so it goes where it can write.
    log_file = base / "postgres.log"
    log_file.touch()
    _chown_to_owner(log_file)
    if base != root:
        (root / "postgres.log").symlink_to(log_file)

    cluster = PostgresCluster(
        root=str(root),
        data_dir=str(data_dir),
        socket_dir=str(socket_dir),
        port=port,
        bin_dir=bin_dir,
        log_file=str(log_file),
        tmp_dirs=tmp_dirs,
    )
    (root / "cluster.json").write_text(json.dumps(cluster.to_dict(), indent=2))
    try:
        _init_and_start(cluster, timeout)
        for name in databases:
            create_database(cluster, name)
    except BaseException:
        stop(cluster, remove=False)  # the files stay for a look; the next start or stop clears them
        raise
    return cluster


def _init_and_start(cluster: PostgresCluster, timeout: float) -> None:
    bin_dir, data_dir, log_file = cluster.bin_dir, cluster.data_dir, cluster.log_file
    init = _run_as_owner(
        [
            f"{bin_dir}/initdb",
            "-D",
            str(data_dir),
            "-U",
            SUPERUSER,
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        ]
    )
    if init.returncode != 0:
        raise StandInError(f"initdb failed ({init.returncode}):\n{init.stdout}\n{init.stderr}")

    options = " ".join(
        [
            f"-p {cluster.port}",
            f"-k {cluster.socket_dir}",
            "-c listen_addresses=127.0.0.1",
            "-c fsync=off",
            "-c synchronous_commit=off",
            "-c full_page_writes=off",
            "-c max_connections=50",
            "-c shared_buffers=64MB",
        ]
    )
    started = _run_as_owner(
        [
            f"{bin_dir}/pg_ctl",
            "-D",
            str(data_dir),
            "-l",
            str(log_file),
            "-o",
            options,
            "-w",
            "-t",
            str(int(timeout)),
            "start",
        ]
    )
    if started.returncode != 0:
        raise StandInError(
            f"pg_ctl start failed ({started.returncode}): {started.stderr.strip()}\n"
            f"--- {log_file}\n{log_tail(log_file)}"
        )
    _wait_ready(cluster, timeout)


def _wait_ready(cluster: PostgresCluster, timeout: float) -> None:
    pg_isready = Path(cluster.bin_dir) / "pg_isready"
    deadline = time.monotonic() + timeout
    while True:
        result = subprocess.run(
            [str(pg_isready), "-q", "-h", cluster.host, "-p", str(cluster.port)],
            capture_output=True,
        )
        if result.returncode == 0:
            return
        if time.monotonic() > deadline:
            raise StandInError(
                f"PostgreSQL not ready on {cluster.host}:{cluster.port} after {timeout:.0f} s\n"
                f"--- {cluster.log_file}\n{log_tail(cluster.log_file)}"
            )
        time.sleep(0.05)


def load(root: str | os.PathLike) -> PostgresCluster | None:
    path = Path(root, "cluster.json")
    if not path.exists():
        return None
    return PostgresCluster(**json.loads(path.read_text()))


def is_running(cluster: PostgresCluster) -> bool:
    result = _run_as_owner([f"{cluster.bin_dir}/pg_ctl", "-D", cluster.data_dir, "status"])
    return result.returncode == 0


def server_pids(cluster: PostgresCluster) -> list[int]:
    """The postmaster and its children (for memory accounting)."""
    try:
        first = Path(cluster.data_dir, "postmaster.pid").read_text().split()[0]
        postmaster = int(first)
    except (OSError, IndexError, ValueError):
        return []
    children = subprocess.run(
        ["pgrep", "-P", str(postmaster)], capture_output=True, text=True
    ).stdout.split()
    return [postmaster, *(int(pid) for pid in children)]


def stop(cluster: PostgresCluster, remove: bool = True) -> None:
    """Stop the cluster (fast shutdown, then immediate) and remove its files."""
    if Path(cluster.data_dir, "postmaster.pid").exists():
        for mode in ("fast", "immediate"):
            result = _run_as_owner(
                [
                    f"{cluster.bin_dir}/pg_ctl",
                    "-D",
                    cluster.data_dir,
                    "-m",
                    mode,
                    "-w",
                    "-t",
                    "20",
                    "stop",
                ]
            )
            if result.returncode == 0 or not Path(cluster.data_dir, "postmaster.pid").exists():
                break
        else:
            raise StandInError(
                f"pg_ctl stop failed: {result.stderr.strip()}\n{log_tail(cluster.log_file)}"
            )
    if remove:
        for path in (*cluster.tmp_dirs, cluster.root):
            shutil.rmtree(path, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    start_cmd = sub.add_parser("start")
    start_cmd.add_argument("dir")
    start_cmd.add_argument("--port", type=int)
    start_cmd.add_argument("--database", action="append", default=[])
    stop_cmd = sub.add_parser("stop")
    stop_cmd.add_argument("dir")
    args = parser.parse_args(argv)
    try:
        if args.command == "start":
            cluster = start(args.dir, args.port, tuple(args.database))
            print(json.dumps(cluster.to_dict(), indent=2))
        else:
            cluster = load(Path(args.dir, "postgres").resolve())
            if cluster is None:
                print(f"no cluster in {args.dir}/postgres")
                return 0
            stop(cluster)
    except StandInError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
