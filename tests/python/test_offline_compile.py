"""Every model compiles for the real Redshift, Snowflake, BigQuery and Databricks with no
connection, and its SQL parses in that warehouse's dialect (sqlglot).

The project is compiled with `source: {kind: posthog}` in the layout of PostHog's export to
that warehouse (docs/sources/posthog.md), so the PostHog staging models and their macros
(elements_chain -> hierarchy, string ids, JSON without PostHog's `$` properties) are compiled
in their real forms with every model after staging, which does not depend on the source.
heap_raw's staging models (casts of its columns, no warehouse-specific forms) are run and
their executed SQL parsed on every stand-in by test_warehouse_sync.py.

The stand-ins accept SQL the real warehouse would not (PostgreSQL under the Redshift target)
and run some overrides in a stand-in form (macros/cross_db/on_stand_in.sql). This compiles the
project as for production (the opt-in marts on: var heap_connect__marts): dummy credentials
pointing at a closed port, `dbt compile --no-populate-cache` with var heap_connect__offline
(macros/cross_db/is_offline.sql), so nothing may connect; a connection attempt fails the
compile fast. Then each compiled model is
parsed with sqlglot's dialect: syntax errors are caught, dialect semantics are not.

Databricks (dbt-databricks) compiles in a venv of its own, .venv-databricks (warehouses/
install.sh): dbt-databricks 1.11.8 pins dbt-spark 1.10 and an older dbt-core than the other
adapters (decision 0043). Its project reads heap_raw: the PostHog, Segment and Snowplow staging
forms for Spark SQL are not written yet (each raises a compile error naming the adapter).

Marker `warehouses` (needs the adapters' venv: warehouses/install.sh).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, copy_project, keep_events
from heapgen.generate import generate

pytestmark = pytest.mark.warehouses

DBT = Path(sys.executable).parent / "dbt"
DATABRICKS_DBT = Path(
    os.environ.get("HEAP_CONNECT_DATABRICKS_DBT") or REPO / ".venv-databricks" / "bin" / "dbt"
)
# the warehouses whose projects read PostHog's export in their own layout (and compile the
# Segment and Snowplow staging models), then every target compiled offline
DIALECTS = {"redshift": "redshift", "snowflake": "snowflake", "bigquery": "bigquery"}
COMPILED = {**DIALECTS, "databricks": "databricks"}

# The sync's deletes and updates, as a sync's hooks write them on Databricks: in place (Delta
# takes DELETE, UPDATE and MERGE), not the Spark forms that write a parquet table again. An
# analysis of the offline Databricks project, compiled with its models.
DATABRICKS_DML = """
{%- set t = api.Relation.create(database='offline', schema='analytics', identifier='t') -%}
{%- set at = modules.datetime.datetime(2026, 1, 2, 3, 4, 5) -%}
{{ heap_connect.delete_where(t, 'label_id in (\\'a\\')', ['heap_day']) }};
{{ heap_connect.delete_where_in(t, 'event_id', 'select event_id from analytics.b', ['heap_day']) }};
{{ heap_connect.set_sync_status('succeeded', at, none, at) }};
{{ heap_connect.apply_inactivity_sessions(t, at) }};
{{ heap_connect.move_user_ids(t, 'event_id', 'select moved_key, moved_user_id from analytics.m') }};
select '{{ 'in place' if heap_connect.updates_in_place() else 'rewritten' }}' as identify_rows
"""

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
            "databricks": {
                "type": "databricks", "catalog": "offline", "schema": "analytics",
                "host": "127.0.0.1:9", "http_path": "/sql/1.0/warehouses/offline",
                "token": "offline", "connect_retries": 0, "connect_timeout": 3, "threads": 1,
            },
        },
    }
}  # fmt: skip


@pytest.fixture(scope="module")
def offline_projects(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One project copy per warehouse, its source PostHog's export in that warehouse's layout
    (its models generated), beside one profiles.yml."""
    if not DBT.exists():
        pytest.fail(f"{DBT} missing: install the warehouses extra (make test does)")
    if not DATABRICKS_DBT.exists():
        pytest.fail(f"{DATABRICKS_DBT} missing: run warehouses/install.sh (make test does)")
    root = tmp_path_factory.mktemp("offline")
    (root / "profiles").mkdir()
    # JSON is YAML
    (root / "profiles" / "profiles.yml").write_text(json.dumps(OFFLINE_PROFILES, indent=2))
    projects = {}
    for target in COMPILED:
        project = copy_project(root / target)
        settings = project / "definitions" / "heap_connect.yml"
        if target in DIALECTS:
            settings.write_text(
                settings.read_text() + f"\nsource:\n  kind: posthog\n  layout: {target}\n"
            )
        generate(project, project / "definitions")
        if target == "databricks":  # compiled with the models (dbt's default analysis path)
            (project / "analyses").mkdir(exist_ok=True)
            (project / "analyses" / "databricks_dml.sql").write_text(DATABRICKS_DML)
        projects[target] = project
    return projects


def compiled_models(projects: dict[str, Path], target: str) -> Path:
    """The target's compiled models (compiling them first if no test has)."""
    compiled = projects[target] / f"target-{target}" / "compiled" / "heap_connect" / "models"
    if not compiled.exists():
        compile_offline(projects[target], target)
    return compiled


def compile_offline(
    project: Path, target: str, select: str = "resource_type:model"
) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DBT_PROFILES_DIR": str(project.parent / "profiles"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    env.pop("HEAP_CONNECT_REDSHIFT_STAND_IN", None)
    env.pop("HEAP_CONNECT_FAKESNOW", None)
    env.pop("HEAP_CONNECT_BIGQUERY_STAND_IN", None)
    dbt = DATABRICKS_DBT if target == "databricks" else DBT
    selects = [select, "resource_type:analysis"] if target == "databricks" else [select]
    return subprocess.run(
        [str(dbt), "compile", "--target", target, "--no-populate-cache",
         "--select", *selects, "--indirect-selection", "empty",
         "--target-path", f"target-{target}",
         "--vars", "{heap_connect__offline: true, heap_connect__physical_design: true,"
         " heap_connect__marts: true}"],
        cwd=project, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


# The physical design (var heap_connect__physical_design, macros/schema/physical_design.sql)
# each warehouse's output tables get, as the adapter's model configs.
EVENT_DESIGN = {
    "redshift": {"dist": "user_id", "sort": ['"time"']},
    "bigquery": {
        "partition_by": {"field": "time", "data_type": "timestamp", "granularity": "day"},
        "cluster_by": ["user_id"],
    },
    "snowflake": {"cluster_by": ['to_date("TIME")', "user_id"]},
    "databricks": {},
}
# The intermediate tables partitioned so that a sync overwrites only what its batch touches,
# where the warehouse takes no DELETE (heap_connect.batch_partition_config; decision 0043)
BATCH_PARTITIONS = {
    "databricks": {
        name: {"partition_by": ["heap_day"]}
        for name in ("int_events", "int_events_labeled", "int_sessions")
    }
}
USER_DESIGN = {
    "redshift": {"dist": "user_id", "sort": ["user_id"]},
    "bigquery": {"cluster_by": ["user_id"]},
    "snowflake": {},
    "databricks": {},
}


@pytest.mark.parametrize("target", sorted(COMPILED))
def test_every_model_compiles_offline_and_parses(
    offline_projects: dict[str, Path], target: str, record_property
) -> None:
    import sqlglot

    record_property("warehouse", target)
    offline_project = offline_projects[target]
    result = compile_offline(offline_project, target)
    output = result.stdout + result.stderr
    assert result.returncode == 0 and "Database Error" not in output, output[-4000:]
    compiled = offline_project / f"target-{target}" / "compiled" / "heap_connect" / "models"
    staging = offline_project / "models" / "staging"
    source = "posthog" if target in DIALECTS else "heap_raw"
    models = {  # every model but those of the sources the project does not use
        p.stem
        for p in (offline_project / "models").rglob("*.sql")
        if p.parent == staging or not p.is_relative_to(staging) or p.parent.name == source
    }
    files = {p.stem: p for p in compiled.rglob("*.sql")}
    assert set(files) == models, f"models without compiled SQL: {sorted(models - set(files))}"
    errors = []
    for name, path in sorted(files.items()):
        try:
            sqlglot.parse(path.read_text(), read=COMPILED[target])
        except sqlglot.errors.ParseError as exc:
            errors.append(f"{name}: {str(exc).splitlines()[0]}")
    assert not errors, f"{target}: compiled SQL sqlglot cannot parse:\n" + "\n".join(errors)
    record_property("detail", f"{len(files)} models parsed")

    # physical design: the configs the adapter's materializations read, on the tables that
    # should have them and no others
    manifest = json.loads((offline_project / f"target-{target}" / "manifest.json").read_text())
    keys = {"dist", "sort", "partition_by", "cluster_by"}
    for node in manifest["nodes"].values():
        if node["resource_type"] != "model":
            continue
        config = {k: v for k, v in node["config"].items() if k in keys and v}
        if "heap_event" in node["tags"] or node["name"] in (
            "pageviews",
            "sessions",
            "sessions_enhanced",
        ):
            assert config == EVENT_DESIGN[target], node["name"]
        elif node["name"] in ("users", "users_enhanced"):
            assert config == USER_DESIGN[target], node["name"]
        else:
            assert config == BATCH_PARTITIONS.get(target, {}).get(node["name"], {}), node["name"]


def test_real_overrides_are_compiled(offline_projects: dict[str, Path], record_property) -> None:
    """Off the stand-ins the Redshift overrides are the Redshift forms (PartiQL, DATEDIFF),
    and the BigQuery ones the BigQuery forms (JSON_KEYS, TO_JSON_STRING of a subscript)."""
    record_property("warehouse", "redshift, bigquery")
    compiled = compiled_models(offline_projects, "redshift")
    pageviews = (compiled / "heap_connect" / "pageviews.sql").read_text()
    assert "datediff(millisecond" in pageviews
    users = (compiled / "heap_connect" / "users.sql").read_text()
    assert "unpivot src.heap_properties as entry_value at entry_key" in users
    compiled = compiled_models(offline_projects, "bigquery")
    users = (compiled / "heap_connect" / "users.sql").read_text()
    assert "json_keys(src.properties, 1)" in users and "regexp_extract_all" not in users
    assert "cast(src.properties[entry_key] as json)" not in users


# What only the real form of each PostHog macro writes (macros/sources/posthog/,
# macros/cross_db/json_object_without.sql, string_id.sql, microseconds_after.sql), and what
# only its stand-in form (or another warehouse's) does; whitespace runs read as one space.
POSTHOG_REAL_FORMS = {
    "redshift": (
        ["listagg(", "regexp_count(", "'pe')", "(*SKIP)(*F)", "is_valid_json(properties)",
         "strtol(", "dateadd( microsecond"],
        ["regexp_matches(", "jsonb", "interval '1 microsecond'"],
    ),
    "snowflake": (
        ["regexp_substr_all(", "array_reverse(", "object_pick(properties", "is_object(",
         "to_number(", "regexp_substr(elements_chain,"],
        ["cast(regexp_instr(", "parse_json('{'", "position(substr("],
    ),
    "bigquery": (
        ["regexp_extract_all(", "with offset", "json_keys(properties, 1)", "json_object(",
         "json_value(`elements`)"],
        ["parse_json(concat('{'", "quoted_key"],
    ),
}  # fmt: skip


@pytest.mark.parametrize("target", sorted(DIALECTS))
def test_posthog_staging_is_compiled_in_its_real_forms(
    offline_projects: dict[str, Path], target: str, record_property
) -> None:
    """The PostHog staging models (the layout of PostHog's export to that warehouse) take the
    real forms of their macros off the stand-ins, not the stand-in forms."""
    record_property("warehouse", target)
    staging = compiled_models(offline_projects, target) / "staging" / "posthog"
    sql = " ".join(" ".join(p.read_text().split()) for p in sorted(staging.glob("*.sql")))
    present, absent = POSTHOG_REAL_FORMS[target]
    missing = [form for form in present if form not in sql]
    assert not missing, f"{target}: real forms missing: {missing}"
    stand_in = [form for form in absent if form in sql]
    assert not stand_in, f"{target}: stand-in forms compiled: {stand_in}"


# What only the real form of each Segment macro writes (macros/sources/segment/), and what only
# its stand-in form (or another warehouse's) does; whitespace runs read as one space.
SEGMENT_REAL_FORMS = {
    "redshift": (["json_serialize(cast(", "as super)", "strtol("], ["jsonb"]),
    "snowflake": (["object_construct(", "to_number("], ["position(substr("]),
    "bigquery": (["parse_json(concat('{'", "to_json_string(to_json("], []),
}  # fmt: skip


@pytest.mark.parametrize("target", sorted(DIALECTS))
def test_segment_staging_compiles_offline_in_its_real_forms(
    offline_projects: dict[str, Path], target: str, record_property
) -> None:
    """The Segment / RudderStack staging models (`source: {kind: rudderstack}` with a
    per-event table and traits) compile for the real warehouse, parse in its dialect and take
    the real forms of their macros."""
    import sqlglot

    record_property("warehouse", target)
    project = offline_projects[target].parent / f"segment_{target}"
    if not project.exists():
        copy_project(project)
        keep_events(project, "View Pricing Page")  # staging reads no label: fewer to parse
        settings = project / "definitions" / "heap_connect.yml"
        settings.write_text(
            settings.read_text()
            + "\nsource:\n  kind: rudderstack\n  traits: [plan, email]\n"
            + "  events: {order_completed: [revenue, first_order]}\n"
        )
        generate(project, project / "definitions")
    result = compile_offline(project, target, select="staging")
    output = result.stdout + result.stderr
    assert result.returncode == 0 and "Database Error" not in output, output[-4000:]
    staging = project / f"target-{target}" / "compiled" / "heap_connect" / "models" / "staging"
    files = sorted((staging / "segment").glob("*.sql"))
    assert {p.stem for p in files} == {
        p.stem for p in (project / "models" / "staging" / "segment").glob("*.sql")
    }
    errors = []
    for path in files:
        try:
            sqlglot.parse(path.read_text(), read=DIALECTS[target])
        except sqlglot.errors.ParseError as exc:
            errors.append(f"{path.stem}: {str(exc).splitlines()[0]}")
    assert not errors, f"{target}: compiled SQL sqlglot cannot parse:\n" + "\n".join(errors)
    sql = " ".join(" ".join(p.read_text().split()) for p in files)
    present, absent = SEGMENT_REAL_FORMS[target]
    missing = [form for form in present if form not in sql]
    assert not missing, f"{target}: real forms missing: {missing}"
    stand_in = [form for form in absent if form in sql]
    assert not stand_in, f"{target}: stand-in forms compiled: {stand_in}"


# What only the real form of each Snowplow macro writes (macros/sources/snowplow/,
# macros/cross_db/json_object_of.sql, json_array_element_text.sql), the project compiled with
# `source: {kind: snowplow}` in that warehouse's layout; and what only a stand-in form does.
SNOWPLOW_REAL_FORMS = {
    "redshift": (["json_serialize(object(", "json_extract_array_element_text("], ["jsonb"]),
    "snowflake": (
        ["object_construct(", "json_extract_path_text(", "is_array(unstruct_event_"],
        [],
    ),
    "bigquery": (["to_json(unstruct_event_", "to_json_string(json_object(", "json_value("], []),
}


@pytest.mark.parametrize("target", sorted(DIALECTS))
def test_snowplow_staging_compiles_offline_in_its_real_forms(
    tmp_path_factory: pytest.TempPathFactory, target: str, record_property
) -> None:
    """The Snowplow staging models, compiled for the real warehouse in its loader's layout
    (docs/sources/snowplow.md), parse in its dialect and take the real forms of their macros."""
    import sqlglot

    record_property("warehouse", target)
    root = tmp_path_factory.mktemp(f"snowplow_{target}")
    (root / "profiles").mkdir()
    (root / "profiles" / "profiles.yml").write_text(json.dumps(OFFLINE_PROFILES, indent=2))
    project = copy_project(root / "project")
    keep_events(project, "View Pricing Page")  # staging reads no label: fewer to parse
    settings = project / "definitions" / "heap_connect.yml"
    settings.write_text(settings.read_text() + f"\nsource: {{kind: snowplow, layout: {target}}}\n")
    generate(project, project / "definitions")
    result = compile_offline(project, target, select="staging")
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    compiled = project / f"target-{target}" / "compiled" / "heap_connect" / "models" / "staging"
    files = sorted((compiled / "snowplow").glob("*.sql"))
    assert {p.stem for p in files} == {
        p.stem for p in (project / "models" / "staging" / "snowplow").glob("*.sql")
    }
    for path in files:
        sqlglot.parse(path.read_text(), read=DIALECTS[target])
    sql = " ".join(" ".join(p.read_text().split()) for p in files)
    present, absent = SNOWPLOW_REAL_FORMS[target]
    assert not [form for form in present if form not in sql], f"{target}: real forms missing"
    assert not [form for form in absent if form in sql], f"{target}: stand-in forms compiled"


# What only the Spark forms of the project's macros write (dbt-databricks dispatches to
# databricks__, then spark__, then default__), and what only other warehouses' forms write;
# whitespace runs read as one space. Plus Unity Catalog's three-part names.
DATABRICKS_FORMS = (
    ["from_json(", " rlike ", "variant_explode(", "unix_millis(",
     "`offline`.`main_production`.", "`offline`.`heap_raw`."],
    ["regexp_matches(", "json_extract_string(", "::"],
)  # fmt: skip


def test_databricks_takes_the_spark_forms(
    offline_projects: dict[str, Path], record_property
) -> None:
    """Compiled for Databricks, the models take the Spark forms of the project's macros and
    Unity Catalog's three-part names (catalog.schema.table), no other warehouse's forms. Only
    the models' SQL, in its rebuild form (heap_connect__offline): not the hooks, the sync's
    run-operations or the incremental materialization (decision 0043)."""
    record_property("warehouse", "databricks")
    compiled = compiled_models(offline_projects, "databricks")
    sql = " ".join(" ".join(p.read_text().split()) for p in sorted(compiled.rglob("*.sql")))
    present, absent = DATABRICKS_FORMS
    missing = [form for form in present if form not in sql]
    assert not missing, f"databricks: Spark forms missing: {missing}"
    other = [form for form in absent if form in sql]
    assert not other, f"databricks: other warehouses' forms compiled: {other}"


def test_databricks_deletes_and_updates_in_place(
    offline_projects: dict[str, Path], record_property
) -> None:
    """On Databricks the sync's deletes and updates (delete_where, delete_where_in,
    set_sync_status, apply_inactivity_sessions, move_user_ids; compiled offline as an
    analysis) are DELETE, DELETE, UPDATE, MERGE and MERGE, so that a sync moves an
    identify's rows in place (updates_in_place), which
    sqlglot's Databricks dialect parses, and never write a table again through one beside it
    (heap_connect.spark_rewrite), as they must on Spark's parquet tables (decision 0043)."""
    import sqlglot
    from sqlglot import exp

    record_property("warehouse", "databricks")
    compiled = compiled_models(offline_projects, "databricks").parent / "analyses"
    sql = (compiled / "databricks_dml.sql").read_text()
    assert "__heap_kept" not in sql and "insert overwrite" not in sql.lower(), sql
    statements = [s for s in sqlglot.parse(sql, read="databricks") if s is not None]
    kinds = [type(s).__name__ for s in statements]
    assert kinds == ["Delete", "Delete", "Update", "Merge", "Merge", "Select"], (kinds, sql)
    assert all(isinstance(s, (exp.Delete, exp.Update, exp.Merge)) for s in statements[:-1])
    assert "'in place'" in sql, sql
