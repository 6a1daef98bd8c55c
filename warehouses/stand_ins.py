"""Start, inspect and stop local stand-ins for the warehouses, and run dbt against them.

    python warehouses/stand_ins.py up     [--dir DIR] [--only postgres,bigquery] [--fresh]
    python warehouses/stand_ins.py status [--dir DIR]
    python warehouses/stand_ins.py dbt    [--dir DIR] --target T [--project-dir P] -- DBT_ARGS
    python warehouses/stand_ins.py down   [--dir DIR]

DIR defaults to build/warehouses. Targets of the generated profile:

- postgres:  dbt-postgres, a throw-away PostgreSQL 15 cluster (postgres.py), db heap_connect
- redshift:  dbt-redshift, the same cluster, db heap_connect_redshift, behind redshift_proxy.py
- snowflake: dbt-snowflake, fakesnow inside each dbt process (fakesnow_dbt.py), DIR/snowflake
- bigquery:  dbt-bigquery, `crucible serve --dialect bigquery` from .venv-crucible
- spark:     dbt-spark (method session), a local Spark Connect server (pyspark's jars, Java 17)
             that every dbt process reaches through `spark.remote`; parquet tables in DIR/spark
- duckdb:    dbt-duckdb, DIR/duckdb/heap_connect.duckdb (or $HEAP_CONNECT_DB)

`up` writes DIR/profiles.yml (profile `heap_connect`, one target each, dummy credentials,
ports chosen at start) and DIR/state.json. A stand-in that cannot start stops everything
already started and raises `StandInError` with its log tail. From pytest:

    state = stand_ins.up(tmp_dir); ...; stand_ins.run_dbt(state, "bigquery", ["build"], project)
    stand_ins.down(tmp_dir)

Every dbt run goes through `run_dbt`, which picks the interpreter (`dbt_python()`), wraps
Snowflake runs in fakesnow and sets DBT_PROFILES_DIR/DBT_TARGET.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import postgres  # noqa: E402  (sibling module)
import redshift_proxy  # noqa: E402  (sibling module)
from postgres import StandInError, free_port, log_tail  # noqa: E402

TARGETS = ("postgres", "redshift", "snowflake", "bigquery", "spark")
ALL_TARGETS = (*TARGETS, "duckdb")
DEFAULT_DIR = REPO / "build" / "warehouses"
PROFILE = "heap_connect"
POSTGRES_DATABASE = "heap_connect"
REDSHIFT_DATABASE = "heap_connect_redshift"
SCHEMA = "analytics"  # not `main`: DuckDB-backed fakesnow and crucible already have a `main` schema
BIGQUERY_PROJECT = "heap-connect-local"
SNOWFLAKE_DATABASE = "heap_connect"
# Modules the dbt interpreter must find for each target (checked by `up`, without importing).
ADAPTER_MODULES = {
    "postgres": ["dbt.adapters.postgres"],
    "redshift": ["dbt.adapters.redshift"],
    "snowflake": ["dbt.adapters.snowflake", "fakesnow"],
    "bigquery": ["dbt.adapters.bigquery"],
    "spark": ["dbt.adapters.spark", "pyspark"],
    "duckdb": ["dbt.adapters.duckdb"],
}
# The local Spark Connect server: small and quick rather than parallel (decision 0043): one
# JVM for the whole test sequence, two cores, one shuffle partition, no UI, an in-memory
# catalog (the tables' parquet files are under DIR/spark/warehouse and live as long as the
# server does, like crucible's tables). The test's data is tiny, so each statement's planning
# dominates: without adaptive execution and whole-stage code generation (Janino compiling
# Java per query) the warehouse test's Spark builds took 56 s against 72 s (2026-12-07).
SPARK_MASTER = "local[2]"
SPARK_DRIVER_MEMORY = "1g"
SPARK_CONF = {
    "spark.ui.enabled": "false",
    "spark.sql.shuffle.partitions": "1",
    "spark.sql.adaptive.enabled": "false",
    "spark.sql.codegen.wholeStage": "false",
    "spark.sql.catalogImplementation": "in-memory",
    "spark.sql.sources.partitionOverwriteMode": "dynamic",
    "spark.sql.session.timeZone": "UTC",
}

# The State fields that hold a server process (Process), in the order `down` stops them.
SERVER_PROCESSES = ("redshift_proxy", "crucible", "spark")

# Processes this interpreter started, so `down` can reap them (no zombies under pytest).
_CHILDREN: dict[int, subprocess.Popen] = {}


# --- where things are --------------------------------------------------------------------


def dbt_python() -> str:
    """The Python that runs dbt: $HEAP_CONNECT_DBT_PYTHON, else this interpreter when it has
    the adapters (the `warehouses` extra of pyproject.toml), else .venv/bin/python (where
    `make test` installs them). `up` checks the adapters are there."""
    if os.environ.get("HEAP_CONNECT_DBT_PYTHON"):
        return os.environ["HEAP_CONNECT_DBT_PYTHON"]
    try:
        has_adapters = importlib.util.find_spec("dbt.adapters.postgres") is not None
    except ModuleNotFoundError:
        has_adapters = False
    main_venv = REPO / ".venv" / "bin" / "python"
    return sys.executable if has_adapters or not main_venv.exists() else str(main_venv)


def crucible_executable() -> str:
    """`crucible`: $HEAP_CONNECT_CRUCIBLE, else .venv-crucible/bin/crucible, else PATH."""
    if os.environ.get("HEAP_CONNECT_CRUCIBLE"):
        return os.environ["HEAP_CONNECT_CRUCIBLE"]
    venv = REPO / ".venv-crucible" / "bin" / "crucible"
    if venv.exists():
        return str(venv)
    found = shutil.which("crucible")
    if found:
        return found
    raise StandInError(
        "crucible not found (no .venv-crucible/bin/crucible, none on PATH, "
        "HEAP_CONNECT_CRUCIBLE unset): run warehouses/install.sh"
    )


# --- state -------------------------------------------------------------------------------


@dataclass
class Process:
    pid: int
    port: int
    log_file: str
    marker: str  # a string in its command line, checked before signalling a pid from a file


@dataclass
class State:
    dir: str
    targets: list[str]
    dbt_python: str
    profiles_dir: str = ""
    postgres: dict | None = None  # postgres.PostgresCluster.to_dict()
    redshift_proxy: Process | None = None
    crucible: Process | None = None
    spark: Process | None = None
    snowflake_db_path: str = ""
    duckdb_path: str = ""
    detached: bool = False  # servers outlive the process that started them (`stand_ins.py up`)
    start_seconds: dict[str, float] = field(default_factory=dict)

    @property
    def path(self) -> Path:
        return Path(self.dir) / "state.json"

    def save(self) -> None:
        data = dict(self.__dict__)
        for key in SERVER_PROCESSES:
            if data[key] is not None:
                data[key] = dict(data[key].__dict__)
        self.path.write_text(json.dumps(data, indent=2) + "\n")

    @classmethod
    def load(cls, directory: str | os.PathLike) -> State | None:
        path = Path(directory).resolve() / "state.json"
        if not path.exists():
            return None
        data = json.loads(path.read_text())
        for key in SERVER_PROCESSES:
            if data.get(key):
                data[key] = Process(**data[key])
        return cls(**data)

    def cluster(self) -> postgres.PostgresCluster | None:
        return postgres.PostgresCluster(**self.postgres) if self.postgres else None


# --- processes ---------------------------------------------------------------------------


def _die_with_parent() -> None:
    """In the child before exec: SIGTERM when the process that started it dies (Linux)."""
    import ctypes

    pr_set_pdeathsig = 1
    ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


def _spawn(
    args: list[str],
    log_file: Path,
    marker: str,
    port: int,
    detach: bool,
    env: dict[str, str] | None = None,
) -> Process:
    """Start a server process. Its own session keeps a terminal's ^C from it (`down` stops it).

    Detached (`stand_ins.py up`), it outlives the caller; otherwise (pytest) it also gets
    SIGTERM when the caller dies, so a killed test run leaves no server behind.
    """
    log = open(log_file, "ab")  # noqa: SIM115  (handed to the child)
    try:
        child = subprocess.Popen(
            args,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=None if detach or not sys.platform.startswith("linux") else _die_with_parent,
            cwd=str(log_file.parent),
            env={**os.environ, **env} if env else None,
        )
    finally:
        log.close()
    _CHILDREN[child.pid] = child
    return Process(pid=child.pid, port=port, log_file=str(log_file), marker=marker)


def _alive(process: Process) -> bool:
    child = _CHILDREN.get(process.pid)
    if child is not None:
        return child.poll() is None
    try:
        cmdline = Path(f"/proc/{process.pid}/cmdline").read_bytes().replace(b"\x00", b" ")
        status = Path(f"/proc/{process.pid}/status").read_text()
    except OSError:
        return False
    return process.marker.encode() in cmdline and "\nState:\tZ" not in status


def _terminate(process: Process | None, timeout: float = 10.0) -> None:
    if process is None:
        return
    if not _alive(process):
        child = _CHILDREN.pop(process.pid, None)
        if child is not None:
            child.wait(timeout)  # reap it
        return
    with contextlib.suppress(ProcessLookupError):
        os.kill(process.pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while _alive(process) and time.monotonic() < deadline:
        time.sleep(0.05)
    if _alive(process):
        with contextlib.suppress(ProcessLookupError):
            os.kill(process.pid, signal.SIGKILL)
    child = _CHILDREN.pop(process.pid, None)
    if child is not None:
        child.wait(timeout)


def _wait_for(check, what: str, process: Process, timeout: float) -> None:
    """Poll `check()` until true; fail early with the log tail when the process died."""
    deadline = time.monotonic() + timeout
    while True:
        if not _alive(process):
            raise StandInError(
                f"{what} exited while starting\n--- {process.log_file}\n"
                f"{log_tail(process.log_file)}"
            )
        with contextlib.suppress(OSError, urllib.error.URLError, subprocess.SubprocessError):
            if check():
                return
        if time.monotonic() > deadline:
            raise StandInError(
                f"{what} not ready after {timeout:.0f} s\n--- {process.log_file}\n"
                f"{log_tail(process.log_file)}"
            )
        time.sleep(0.05)


def _rss_kb(pid: int) -> tuple[int, int]:
    """(current, peak) resident memory of a process in KiB, (0, 0) when it is gone."""
    try:
        fields = dict(
            line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines()
        )
    except OSError:
        return 0, 0
    rss = int(fields.get("VmRSS", "0 kB").split()[0])
    hwm = int(fields.get("VmHWM", "0 kB").split()[0])
    return rss, hwm


# --- each stand-in -----------------------------------------------------------------------


def _check_adapters(python: str, targets: list[str]) -> None:
    modules = sorted({m for t in targets for m in ADAPTER_MODULES[t]})
    probe = (
        "import importlib.util, sys\n"
        "def found(module):\n"
        "    try:\n"
        "        return importlib.util.find_spec(module) is not None\n"
        "    except ModuleNotFoundError:\n"
        "        return False\n"
        f"missing = [m for m in {modules!r} if not found(m)]\n"
        "print(' '.join(missing)); sys.exit(1 if missing else 0)\n"
    )
    result = subprocess.run([python, "-c", probe], capture_output=True, text=True)
    if result.returncode != 0:
        raise StandInError(
            f"{python} lacks {result.stdout.strip() or result.stderr.strip()}: "
            "install the warehouses extra: pip install -e '.[dev,warehouses]' (make test does), "
            "or set HEAP_CONNECT_DBT_PYTHON"
        )


def _start_postgres(state: State) -> None:
    databases = [
        name
        for target, name in (("postgres", POSTGRES_DATABASE), ("redshift", REDSHIFT_DATABASE))
        if target in state.targets
    ]
    cluster = postgres.start(state.dir, databases=tuple(databases))
    state.postgres = cluster.to_dict()
    state.save()


def _start_redshift_proxy(state: State) -> None:
    cluster = state.cluster()
    assert cluster is not None
    redshift_proxy.apply_shims(cluster, REDSHIFT_DATABASE)
    port = free_port()
    log_dir = Path(state.dir, "redshift")
    log_dir.mkdir(exist_ok=True)
    state.redshift_proxy = _spawn(
        [
            sys.executable,
            str(HERE / "redshift_proxy.py"),
            "--port",
            str(port),
            "--upstream-port",
            str(cluster.port),
        ],
        log_dir / "proxy.log",
        marker="redshift_proxy.py",
        port=port,
        detach=state.detached,
    )
    state.save()
    psql = str(Path(cluster.bin_dir, "psql")) if Path(cluster.bin_dir, "psql").exists() else "psql"

    def through_proxy() -> bool:
        # A whole session through the proxy: startup packet, ParameterStatus, a query.
        result = subprocess.run(
            [psql, "-X", "-At", "-h", "127.0.0.1", "-p", str(port), "-U", cluster.user,
             "-d", REDSHIFT_DATABASE, "-c", "select 1"],
            capture_output=True,
            text=True,
            timeout=3,
            env={**os.environ, "PGCONNECT_TIMEOUT": "2"},
        )  # fmt: skip
        return result.returncode == 0 and result.stdout.strip() == "1"

    _wait_for(through_proxy, "redshift proxy", state.redshift_proxy, timeout=15)


def _start_crucible(state: State) -> None:
    executable = crucible_executable()
    port = free_port()
    log_dir = Path(state.dir, "bigquery")
    log_dir.mkdir(exist_ok=True)
    state.crucible = _spawn(
        [executable, "serve", "--dialect", "bigquery", "--host", "127.0.0.1", "--port", str(port)],
        log_dir / "crucible.log",
        marker="crucible",
        port=port,
        detach=state.detached,
    )
    state.save()

    def healthy() -> bool:
        url = f"http://127.0.0.1:{port}/_crucible/health"
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200

    _wait_for(healthy, "crucible", state.crucible, timeout=30)


def spark_home(python: str) -> str:
    """pyspark's installation in `python`'s environment: its bin/spark-submit and jars/ are a
    whole Spark (no separate download)."""
    probe = (
        "import importlib.util, os\n"
        "print(os.path.dirname(importlib.util.find_spec('pyspark').origin))"
    )
    result = subprocess.run([python, "-c", probe], capture_output=True, text=True)
    if result.returncode != 0:
        raise StandInError(f"{python} has no pyspark: {result.stderr.strip()[-500:]}")
    return result.stdout.strip()


def _start_spark(state: State) -> None:
    """A Spark Connect server (org.apache.spark.sql.connect.service.SparkConnectServer, in
    pyspark's jars) on 127.0.0.1: one JVM for every dbt process of the run, which reach it as
    dbt-spark's `session` method with `spark.remote` (pyspark's Connect client)."""
    if shutil.which("java") is None:
        raise StandInError(
            "no `java` on PATH: install a JRE 17 (apt-get install -y openjdk-17-jre-headless)"
        )
    home = spark_home(state.dbt_python)
    port = free_port()
    directory = Path(state.dir, "spark")
    shutil.rmtree(directory / "warehouse", ignore_errors=True)
    directory.mkdir(exist_ok=True)
    conf = {
        **SPARK_CONF,
        "spark.connect.grpc.binding.address": "127.0.0.1",
        "spark.connect.grpc.binding.port": str(port),
        "spark.sql.warehouse.dir": str(directory / "warehouse"),
        # the JVM's scratch space (shuffle, spills) beside the tables, not in /tmp
        "spark.local.dir": str(directory / "tmp"),
    }
    args = [str(Path(home, "bin", "spark-submit")), "--master", SPARK_MASTER,
            "--driver-memory", SPARK_DRIVER_MEMORY]  # fmt: skip
    for key, value in conf.items():
        args += ["--conf", f"{key}={value}"]
    args += ["--class", "org.apache.spark.sql.connect.service.SparkConnectServer"]
    state.spark = _spawn(
        args, directory / "connect.log", marker="SparkConnectServer", port=port,
        detach=state.detached, env={"SPARK_HOME": home},
    )  # fmt: skip
    state.save()

    def listening() -> bool:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True

    _wait_for(listening, "spark connect server", state.spark, timeout=120)


def _start_snowflake(state: State) -> None:
    # fakesnow runs inside each dbt process (fakesnow_dbt.py); DuckDB files here keep the data
    # between processes. Nothing listens.
    path = Path(state.dir, "snowflake")
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir()
    state.snowflake_db_path = str(path)


def _start_duckdb(state: State) -> None:
    path = Path(state.dir, "duckdb")
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir()
    state.duckdb_path = str(path / "heap_connect.duckdb")


# --- profiles ----------------------------------------------------------------------------


def profiles(state: State) -> dict:
    """The `heap_connect` profile with one output per running stand-in (default: duckdb)."""
    outputs: dict[str, dict] = {
        "duckdb": {
            "type": "duckdb",
            "path": "{{ env_var('HEAP_CONNECT_DB', '" + state.duckdb_path + "') }}",
            "threads": 1,
        }
    }
    cluster = state.cluster()
    if "postgres" in state.targets and cluster:
        outputs["postgres"] = {
            "type": "postgres",
            "host": "127.0.0.1",
            "port": cluster.port,
            "user": cluster.user,
            "password": "unused-trust-auth",
            "dbname": POSTGRES_DATABASE,
            "schema": SCHEMA,
            "threads": 1,
            "connect_timeout": 10,
            "retries": 0,
        }
    if "redshift" in state.targets and state.redshift_proxy:
        outputs["redshift"] = {
            "type": "redshift",
            "host": "127.0.0.1",
            "port": state.redshift_proxy.port,
            "user": cluster.user if cluster else "postgres",
            "password": "unused-trust-auth",
            "dbname": REDSHIFT_DATABASE,
            "schema": SCHEMA,
            "threads": 1,
            "sslmode": "disable",
            "retries": 0,
            "connect_timeout": 10,
        }
    if "snowflake" in state.targets:
        outputs["snowflake"] = {
            "type": "snowflake",
            # Dummy credentials: fakesnow patches snowflake.connector.connect. Without fakesnow
            # (plain `dbt --target snowflake`) the connector dials 127.0.0.1:9 and fails fast
            # instead of reaching out to a real account.
            "account": "fakesnow",
            "user": "fake",
            "password": "snow",
            "role": "sysadmin",
            "warehouse": "fake_wh",
            "database": SNOWFLAKE_DATABASE,
            "schema": SCHEMA,
            "host": "127.0.0.1",
            "port": 9,
            "protocol": "http",
            "connect_retries": 0,
            "connect_timeout": 5,
            "threads": 1,
        }
    if "bigquery" in state.targets and state.crucible:
        outputs["bigquery"] = {
            "type": "bigquery",
            "method": "oauth-secrets",
            "token": "fake-token",
            "project": BIGQUERY_PROJECT,
            "dataset": SCHEMA,
            "api_endpoint": f"http://127.0.0.1:{state.crucible.port}",
            "location": "US",
            "job_retries": 0,
            "job_execution_timeout_seconds": 60,
            "threads": 1,
        }
    if "spark" in state.targets and state.spark:
        outputs["spark"] = {
            "type": "spark",
            "method": "session",
            "host": "127.0.0.1",
            "schema": SCHEMA,
            "threads": 1,
            # pyspark's builder reads spark.remote: a Connect client of the stand-in's server
            "server_side_parameters": {"spark.remote": f"sc://127.0.0.1:{state.spark.port}"},
        }
    return {PROFILE: {"target": "duckdb", "outputs": outputs}}


def _yaml(value: object, indent: int = 0) -> str:
    """Nested dicts of str/int/bool as block YAML; strings double-quoted (JSON is valid YAML)."""
    if not isinstance(value, dict):
        return json.dumps(value)
    lines = []
    for key, item in value.items():
        if isinstance(item, dict):
            lines.append(f"{' ' * indent}{key}:\n{_yaml(item, indent + 2)}")
        else:
            lines.append(f"{' ' * indent}{key}: {_yaml(item)}")
    return "\n".join(lines)


def write_profiles(state: State) -> Path:
    """DIR/profiles.yml, written whole (this module needs nothing beyond the standard library)."""
    path = Path(state.dir, "profiles.yml")
    header = "# Written by warehouses/stand_ins.py up; ports change on every start.\n"
    path.write_text(header + _yaml(profiles(state)) + "\n")
    state.profiles_dir = str(path.parent)
    return path


# --- up / down / status ------------------------------------------------------------------


def status(directory: str | os.PathLike = DEFAULT_DIR) -> dict[str, dict]:
    """Each stand-in of DIR: running or not, where, and its memory (KiB)."""
    state = State.load(directory)
    if state is None:
        return {}
    report: dict[str, dict] = {}
    cluster = state.cluster()
    if cluster:
        pids = postgres.server_pids(cluster)
        rss = [_rss_kb(pid) for pid in pids]
        report["postgres"] = {
            "running": postgres.is_running(cluster),
            "port": cluster.port,
            "rss_kb": sum(r for r, _ in rss),
            "peak_rss_kb": sum(h for _, h in rss),
            "processes": len(pids),
        }
    for name in SERVER_PROCESSES:
        process = getattr(state, name)
        if process:
            rss, hwm = _rss_kb(process.pid)
            report[name] = {
                "running": _alive(process),
                "port": process.port,
                "pid": process.pid,
                "rss_kb": rss,
                "peak_rss_kb": hwm,
            }
    if state.snowflake_db_path:
        report["snowflake"] = {
            "running": Path(state.snowflake_db_path).is_dir(),
            "db_path": state.snowflake_db_path,
            "in_process": True,
        }
    return report


def _healthy(state: State) -> bool:
    report = status(state.dir)
    expected = {"postgres"} if {"postgres", "redshift"} & set(state.targets) else set()
    expected |= {"redshift_proxy"} if "redshift" in state.targets else set()
    expected |= {"crucible"} if "bigquery" in state.targets else set()
    expected |= {"spark"} if "spark" in state.targets else set()
    expected |= {"snowflake"} if "snowflake" in state.targets else set()
    return all(report.get(name, {}).get("running") for name in expected)


def _with_port_retries(step, state: State, attempts: int = 3) -> None:
    """Run a start step; when the free port it picked was taken meanwhile, pick another."""
    for attempt in range(attempts):
        try:
            step(state)
            return
        except StandInError as exc:
            if "already in use" not in str(exc) or attempt == attempts - 1:
                raise


def up(
    directory: str | os.PathLike = DEFAULT_DIR,
    targets: list[str] | tuple[str, ...] = TARGETS,
    reuse: bool = True,
    detach: bool = False,
) -> State:
    """Start the stand-ins for `targets` under DIR, write DIR/profiles.yml; idempotent.

    With `reuse`, a complete, healthy set already running for the same targets is kept;
    otherwise whatever DIR holds is stopped first. On any failure everything started is
    stopped and StandInError carries the failing stand-in's log tail. Without `detach` the
    servers also stop when this process dies (PostgreSQL excepted: pg_ctl daemonizes it).
    """
    directory = Path(directory).resolve()
    targets = sorted(set(targets), key=ALL_TARGETS.index)
    unknown = set(targets) - set(ALL_TARGETS)
    if unknown:
        raise StandInError(f"unknown targets {sorted(unknown)}; known: {', '.join(ALL_TARGETS)}")
    previous = State.load(directory)
    if previous is not None:
        if reuse and previous.targets == targets and _healthy(previous):
            return previous
        down(directory)
    directory.mkdir(parents=True, exist_ok=True)
    state = State(dir=str(directory), targets=targets, dbt_python=dbt_python(), detached=detach)
    state.save()
    steps = [("adapters", lambda s: _check_adapters(s.dbt_python, [*s.targets, "duckdb"]))]
    if {"postgres", "redshift"} & set(targets):
        steps.append(("postgres", _start_postgres))
    if "redshift" in targets:
        steps.append(("redshift", _start_redshift_proxy))
    if "snowflake" in targets:
        steps.append(("snowflake", _start_snowflake))
    if "bigquery" in targets:
        steps.append(("bigquery", _start_crucible))
    if "spark" in targets:
        steps.append(("spark", _start_spark))
    steps.append(("duckdb", _start_duckdb))
    try:
        for name, step in steps:
            started = time.monotonic()
            try:
                _with_port_retries(step, state)
            except StandInError as exc:
                what = "dbt's Python" if name == "adapters" else f"stand-in {name} failed to start"
                raise StandInError(f"{what}: {exc}") from exc
            state.start_seconds[name] = round(time.monotonic() - started, 3)
            state.save()
        write_profiles(state)
        state.save()
    except BaseException:
        down(directory)
        raise
    return state


def down(directory: str | os.PathLike = DEFAULT_DIR) -> None:
    """Stop every stand-in of DIR and remove their data (profiles.yml and logs stay)."""
    state = State.load(directory)
    if state is None:
        return
    errors = []
    for process in (getattr(state, name) for name in SERVER_PROCESSES):
        try:
            _terminate(process)
        except Exception as exc:  # keep stopping the others
            errors.append(f"{process}: {exc}")
    # From the state, or from DIR/postgres/cluster.json when start failed half-way.
    cluster = state.cluster() or postgres.load(Path(state.dir, "postgres"))
    if cluster:
        try:
            postgres.stop(cluster)
        except StandInError as exc:
            errors.append(str(exc))
    for path in (state.snowflake_db_path, state.duckdb_path and Path(state.duckdb_path).parent):
        if path:
            shutil.rmtree(path, ignore_errors=True)
    state.path.unlink(missing_ok=True)
    if errors:
        raise StandInError("down: " + "\n".join(errors))


# --- dbt ---------------------------------------------------------------------------------


@dataclass
class DbtResult:
    target: str
    args: list[str]
    returncode: int
    output: str
    seconds: float
    max_rss_kb: int  # peak resident memory of the dbt process (includes fakesnow for snowflake)

    def check(self) -> DbtResult:
        if self.returncode != 0:
            raise AssertionError(
                f"dbt {' '.join(self.args)} on {self.target} exited {self.returncode}\n"
                + "\n".join(self.output.splitlines()[-60:])
            )
        return self


def dbt_command(state: State, target: str, args: list[str]) -> list[str]:
    if target == "snowflake":
        return [
            state.dbt_python,
            str(HERE / "fakesnow_dbt.py"),
            "--db-path",
            state.snowflake_db_path,
            "--",
            *args,
        ]
    script = Path(state.dbt_python).parent / "dbt"  # `python -m dbt.cli.main` warns (runpy)
    if script.exists():
        return [str(script), *args]
    return [state.dbt_python, "-m", "dbt.cli.main", *args]


def dbt_env(state: State, target: str, extra: dict[str, str] | None = None) -> dict[str, str]:
    """dbt's environment for `target`. On the Redshift stand-in HEAP_CONNECT_REDSHIFT_STAND_IN=1
    makes the project's few PartiQL/DATEDIFF overrides take their PostgreSQL form, on crucible
    HEAP_CONNECT_BIGQUERY_STAND_IN=1 the JSON key listing and DML forms crucible runs
    (macros/cross_db/on_stand_in.sql); fakesnow_dbt.py sets HEAP_CONNECT_FAKESNOW=1 itself."""
    stand_in = {
        "redshift": {"HEAP_CONNECT_REDSHIFT_STAND_IN": "1"},
        "bigquery": {"HEAP_CONNECT_BIGQUERY_STAND_IN": "1"},
    }.get(target, {})
    return {
        **os.environ,
        "DBT_PROFILES_DIR": state.profiles_dir,
        "DBT_TARGET": target,
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        **stand_in,
        **(extra or {}),
    }


def run_dbt(
    state: State,
    target: str,
    args: list[str],
    project_dir: str | os.PathLike,
    env: dict[str, str] | None = None,
    timeout: float = 600,
) -> DbtResult:
    """Run `dbt ARGS` in project_dir against one stand-in; never raises on dbt's exit code."""
    if target not in state.targets and target != "duckdb":
        raise StandInError(f"target {target} is not up in {state.dir} (up: {state.targets})")
    command = dbt_command(state, target, args)
    killed: list[bool] = []

    def kill() -> None:
        killed.append(True)
        child.kill()

    started = time.monotonic()
    with tempfile.TemporaryFile(mode="w+") as out:
        child = subprocess.Popen(
            command,
            cwd=str(project_dir),
            env=dbt_env(state, target, env),
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            text=True,
        )
        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            # wait4 reaps the child and gives its own resource usage: ru_maxrss is the peak
            # resident memory of this dbt process alone (KiB on Linux).
            _, wait_status, usage = os.wait4(child.pid, 0)
        finally:
            timer.cancel()
        child.returncode = os.waitstatus_to_exitcode(wait_status)
        out.seek(0)
        output = out.read()
    seconds = time.monotonic() - started
    if killed:
        output += f"\n(killed after {timeout:.0f} s)"
    return DbtResult(target, args, child.returncode, output, round(seconds, 2), usage.ru_maxrss)


# --- command line ------------------------------------------------------------------------


def _print_state(state: State) -> None:
    print(f"stand-ins up in {state.dir}: {', '.join(state.targets)}")
    for name, seconds in state.start_seconds.items():
        print(f"  {name:<10} started in {seconds:.2f} s")
    cluster = state.cluster()
    if cluster:
        print(f"  postgres   psql -h 127.0.0.1 -p {cluster.port} -U postgres {POSTGRES_DATABASE}")
    if state.redshift_proxy:
        print(f"  redshift   127.0.0.1:{state.redshift_proxy.port} -> db {REDSHIFT_DATABASE}")
    if state.crucible:
        print(f"  bigquery   http://127.0.0.1:{state.crucible.port} (project {BIGQUERY_PROJECT})")
    if state.snowflake_db_path:
        print(f"  snowflake  fakesnow files in {state.snowflake_db_path}")
    if state.spark:
        print(f"  spark      sc://127.0.0.1:{state.spark.port} (Spark Connect, {SPARK_MASTER})")
    print(f"profiles:    export DBT_PROFILES_DIR={state.profiles_dir}")
    print(f"run dbt:     python {Path(__file__).relative_to(REPO)} dbt --target T -- build")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("up", "down", "status", "dbt"):
        command = sub.add_parser(name)
        command.add_argument("--dir", default=str(DEFAULT_DIR), help="default: build/warehouses")
        if name == "up":
            command.add_argument("--only", help=f"comma-separated subset of {','.join(TARGETS)}")
            command.add_argument("--fresh", action="store_true", help="restart even when up")
        if name == "dbt":
            command.add_argument("--target", required=True, choices=ALL_TARGETS)
            command.add_argument("--project-dir", default=str(REPO))
            command.add_argument("dbt_args", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    try:
        if args.command == "up":
            targets = args.only.split(",") if args.only else list(TARGETS)
            _print_state(up(args.dir, targets, reuse=not args.fresh, detach=True))
        elif args.command == "down":
            down(args.dir)
            print(f"stand-ins in {args.dir} stopped")
        elif args.command == "status":
            report = status(args.dir)
            print(json.dumps(report, indent=2))
            return 0 if report and all(v["running"] for v in report.values()) else 1
        else:
            state = State.load(args.dir)
            if state is None:
                raise StandInError(f"nothing up in {args.dir}: run `stand_ins.py up` first")
            dbt_args = args.dbt_args[1:] if args.dbt_args[:1] == ["--"] else args.dbt_args
            # Output streams straight through: a plain subprocess, same command as run_dbt.
            return subprocess.call(
                dbt_command(state, args.target, dbt_args),
                cwd=args.project_dir,
                env=dbt_env(state, args.target),
            )
    except StandInError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # `stand_ins.py up | head`
        sys.exit(0)
