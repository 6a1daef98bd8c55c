"""Every model compiles for the real Redshift, Snowflake and BigQuery with no connection, and
its SQL parses in that warehouse's dialect (sqlglot).

The stand-ins accept SQL the real warehouse would not (PostgreSQL under the Redshift target)
and run some overrides in a stand-in form (macros/cross_db/on_stand_in.sql). This compiles the
project as for production: dummy credentials pointing at a closed port, `dbt compile
--no-populate-cache` with var heap_connect__offline (macros/cross_db/is_offline.sql), so
nothing may connect; a connection attempt fails the compile fast. Then each compiled model is
parsed with sqlglot's dialect: syntax errors are caught, dialect semantics are not.

Marker `warehouses` (needs the adapters' venv: warehouses/install.sh).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import copy_project

pytestmark = pytest.mark.warehouses

DBT = Path(sys.executable).parent / "dbt"
DIALECTS = {"redshift": "redshift", "snowflake": "snowflake", "bigquery": "bigquery"}

# Dummy credentials: every host is 127.0.0.1:9 (discard; nothing listens), so a connection
# attempt fails within seconds instead of reaching a real account.
OFFLINE_PROFILES = {
    "heap_connect": {
        "target": "redshift",
        "outputs": {
            "redshift": {
                "type": "redshift", "host": "127.0.0.1", "port": 9, "user": "offline",
                "password": "offline", "dbname": "offline", "schema": "analytics",
                "threads": 1, "sslmode": "disable", "retries": 0, "connect_timeout": 3,
            },
            "snowflake": {
                "type": "snowflake", "account": "offline", "user": "offline",
                "password": "offline", "database": "offline", "warehouse": "offline",
                "schema": "analytics", "host": "127.0.0.1", "port": 9, "protocol": "http",
                "connect_retries": 0, "connect_timeout": 3, "threads": 1,
            },
            "bigquery": {
                "type": "bigquery", "method": "oauth-secrets", "token": "offline",
                "project": "offline-project", "dataset": "analytics",
                "api_endpoint": "http://127.0.0.1:9", "location": "US", "job_retries": 0,
                "job_execution_timeout_seconds": 5, "threads": 1,
            },
        },
    }
}  # fmt: skip


@pytest.fixture(scope="module")
def offline_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not DBT.exists():
        pytest.fail(f"{DBT} missing: run the warehouse tests with .venv-warehouses/bin/pytest")
    root = tmp_path_factory.mktemp("offline")
    project = copy_project(root / "project")
    (root / "profiles").mkdir()
    # JSON is YAML
    (root / "profiles" / "profiles.yml").write_text(json.dumps(OFFLINE_PROFILES, indent=2))
    return project


def compile_offline(project: Path, target: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DBT_PROFILES_DIR": str(project.parent / "profiles"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    env.pop("HEAP_CONNECT_REDSHIFT_STAND_IN", None)
    env.pop("HEAP_CONNECT_FAKESNOW", None)
    return subprocess.run(
        [str(DBT), "compile", "--target", target, "--no-populate-cache",
         "--select", "resource_type:model", "--indirect-selection", "empty",
         "--target-path", f"target-{target}", "--vars", "{heap_connect__offline: true}"],
        cwd=project, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


@pytest.mark.parametrize("target", sorted(DIALECTS))
def test_every_model_compiles_offline_and_parses(offline_project: Path, target: str) -> None:
    import sqlglot

    result = compile_offline(offline_project, target)
    output = result.stdout + result.stderr
    assert result.returncode == 0 and "Database Error" not in output, output[-4000:]
    compiled = offline_project / f"target-{target}" / "compiled" / "heap_connect" / "models"
    models = {p.stem for p in (offline_project / "models").rglob("*.sql")}
    files = {p.stem: p for p in compiled.rglob("*.sql")}
    assert set(files) == models, f"models without compiled SQL: {sorted(models - set(files))}"
    errors = []
    for name, path in sorted(files.items()):
        try:
            sqlglot.parse(path.read_text(), read=DIALECTS[target])
        except sqlglot.errors.ParseError as exc:
            errors.append(f"{name}: {str(exc).splitlines()[0]}")
    assert not errors, f"{target}: compiled SQL sqlglot cannot parse:\n" + "\n".join(errors)


def test_real_overrides_are_compiled(offline_project: Path) -> None:
    """Off the stand-ins the Redshift overrides are the Redshift forms (PartiQL, DATEDIFF)."""
    compiled = offline_project / "target-redshift" / "compiled" / "heap_connect" / "models"
    if not compiled.exists():
        compile_offline(offline_project, "redshift")
    pageviews = (compiled / "heap_connect" / "pageviews.sql").read_text()
    assert "datediff(millisecond" in pageviews
    users = (compiled / "heap_connect" / "users.sql").read_text()
    assert "unpivot src.heap_properties as entry_value at entry_key" in users
