"""Load the raw capture tables into a warehouse stand-in, and read tables back, from Python.

`heapgen load` writes DuckDB only. For the integration tests on the stand-ins the raw rows
are first loaded (and checked) into a DuckDB file by `heapgen load`, then copied from there
with `load_raw(state, target, duckdb_file)` into `heap_raw.<table>` of the target, through
the warehouse's own client:

- postgres, redshift: psycopg2 straight to the PostgreSQL cluster (database heap_connect or
  heap_connect_redshift; the Redshift proxy is for dbt-redshift's connector only);
- snowflake: snowflake-connector-python under `fakesnow.patch(db_path=...)`, the same DuckDB
  files the dbt process opens afterwards (one process at a time: this one closes them);
- bigquery: google-cloud-bigquery against crucible's endpoint (anonymous credentials).

Column types follow the raw contract (generator/heapgen/raw_contract.py) per warehouse:
`properties` is jsonb on PostgreSQL, VARCHAR JSON text on Redshift, VARIANT on Snowflake,
JSON on BigQuery; times are timestamps without time zone (BigQuery: TIMESTAMP, UTC).

`read_table(state, target, schema, table)` returns (column names, rows) with the client's
Python values; the tests normalize them. Needs the adapters (the warehouses extra).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sys
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import stand_ins  # noqa: E402  (sibling module)

REPO = HERE.parent
if str(REPO / "generator") not in sys.path:
    sys.path.insert(0, str(REPO / "generator"))

from heapgen.raw_contract import RAW_SCHEMA, TABLES  # noqa: E402

# Contract type (DuckDB name) -> the target's type name.
TYPES = {
    "postgres": {"BIGINT": "bigint", "TIMESTAMP": "timestamp", "VARCHAR": "text",
                 "BOOLEAN": "boolean", "JSON": "jsonb"},
    "redshift": {"BIGINT": "bigint", "TIMESTAMP": "timestamp", "VARCHAR": "varchar(65535)",
                 "BOOLEAN": "boolean", "JSON": "varchar(65535)"},
    "snowflake": {"BIGINT": "bigint", "TIMESTAMP": "timestamp_ntz", "VARCHAR": "varchar",
                  "BOOLEAN": "boolean", "JSON": "variant"},
    "bigquery": {"BIGINT": "INT64", "TIMESTAMP": "TIMESTAMP", "VARCHAR": "STRING",
                 "BOOLEAN": "BOOL", "JSON": "JSON"},
}  # fmt: skip


def raw_rows(duckdb_file: Path, table: str) -> tuple[list[str], list[tuple]]:
    """The rows of heap_raw.<table> of a DuckDB file, JSON columns as JSON text."""
    import duckdb

    columns = TABLES[table].columns
    select = ", ".join(
        f"cast({c.name} as varchar)" if c.type == "JSON" else c.name for c in columns
    )
    with duckdb.connect(str(duckdb_file), read_only=True) as con:
        rows = con.execute(f"select {select} from {RAW_SCHEMA}.{table}").fetchall()
    return [c.name for c in columns], rows


def _create_sql(target: str, table: str, if_not_exists: bool = False) -> str:
    types = TYPES[target]
    columns = ", ".join(f"{c.name} {types[c.type]}" for c in TABLES[table].columns)
    exists = "if not exists " if if_not_exists else ""
    return f"create table {exists}{RAW_SCHEMA}.{table} ({columns})"


# --- connections ---------------------------------------------------------------------------


@contextlib.contextmanager
def _postgres(state: stand_ins.State, target: str) -> Iterator:
    import psycopg2

    cluster = state.cluster()
    assert cluster is not None, "PostgreSQL is not up"
    database = stand_ins.POSTGRES_DATABASE if target == "postgres" else stand_ins.REDSHIFT_DATABASE
    con = psycopg2.connect(cluster.dsn(database))
    try:
        yield con
        con.commit()
    finally:
        con.close()


@contextlib.contextmanager
def _snowflake(state: stand_ins.State) -> Iterator:
    import fakesnow
    import snowflake.connector

    with fakesnow.patch(db_path=state.snowflake_db_path):
        con = snowflake.connector.connect(
            database=stand_ins.SNOWFLAKE_DATABASE, schema=stand_ins.SCHEMA
        )
        try:
            yield con
        finally:
            con.close()


def _bigquery(state: stand_ins.State):
    from google.api_core.client_options import ClientOptions
    from google.auth.credentials import AnonymousCredentials
    from google.cloud import bigquery

    assert state.crucible is not None, "crucible is not up"
    return bigquery.Client(
        project=stand_ins.BIGQUERY_PROJECT,
        credentials=AnonymousCredentials(),
        client_options=ClientOptions(api_endpoint=f"http://127.0.0.1:{state.crucible.port}"),
        location="US",
    )


# --- BigQuery literals (crucible runs DML; rows go in as one INSERT per table) --------------


def _bq_literal(value: object, kind: str) -> str:
    if value is None:
        return "NULL"
    if kind == "JSON":
        return f"PARSE_JSON({json.dumps(value)})"
    if kind == "TIMESTAMP":
        assert isinstance(value, dt.datetime)
        return f"TIMESTAMP '{value.isoformat(sep=' ')}'"
    if kind == "BOOLEAN":
        return "TRUE" if value else "FALSE"
    if kind == "BIGINT":
        return str(int(value))
    return json.dumps(str(value))  # a double-quoted literal with \" and \uXXXX escapes


# --- public --------------------------------------------------------------------------------


def load_raw(
    state: stand_ins.State, target: str, duckdb_file: Path, append: bool = False
) -> dict[str, int]:
    """Create heap_raw.{events,identifies,user_properties} on `target` (replacing them, or
    with `append` keeping the rows they hold) and copy every row of the DuckDB file's raw
    tables into them. Returns rows per table."""
    counts: dict[str, int] = {}
    if target in ("postgres", "redshift"):
        from psycopg2.extras import execute_values

        with _postgres(state, target) as con, con.cursor() as cur:
            cur.execute(f"create schema if not exists {RAW_SCHEMA}")
            for table in TABLES:
                names, rows = raw_rows(duckdb_file, table)
                if not append:
                    cur.execute(f"drop table if exists {RAW_SCHEMA}.{table}")
                cur.execute(_create_sql(target, table, if_not_exists=append))
                execute_values(
                    cur, f"insert into {RAW_SCHEMA}.{table} ({', '.join(names)}) values %s", rows
                )
                counts[table] = len(rows)
    elif target == "snowflake":
        with _snowflake(state) as con:
            cur = con.cursor()
            cur.execute(f"create schema if not exists {RAW_SCHEMA}")
            for table in TABLES:
                names, rows = raw_rows(duckdb_file, table)
                kinds = {c.name: c.type for c in TABLES[table].columns}
                cur.execute(f"create or replace table {RAW_SCHEMA}.{table}_text "
                            f"({', '.join(n + ' varchar' for n in names)})")  # fmt: skip
                if rows:
                    cur.executemany(
                        f"insert into {RAW_SCHEMA}.{table}_text values "
                        f"({', '.join(['%s'] * len(names))})",
                        [tuple(None if v is None else str(v) for v in row) for row in rows],
                    )
                if append:
                    cur.execute(_create_sql(target, table, if_not_exists=True))
                else:
                    cur.execute(f"create or replace {_create_sql(target, table)[len('create ') :]}")
                casts = ", ".join(
                    f"parse_json({n})" if kinds[n] == "JSON"
                    else f"cast({n} as {TYPES[target][kinds[n]]})"
                    for n in names
                )  # fmt: skip
                cur.execute(
                    f"insert into {RAW_SCHEMA}.{table} ({', '.join(names)}) "
                    f"select {casts} from {RAW_SCHEMA}.{table}_text"
                )
                cur.execute(f"drop table {RAW_SCHEMA}.{table}_text")
                counts[table] = len(rows)
    elif target == "bigquery":
        client = _bigquery(state)
        dataset = f"{stand_ins.BIGQUERY_PROJECT}.{RAW_SCHEMA}"
        client.create_dataset(dataset, exists_ok=True)
        for table in TABLES:
            names, rows = raw_rows(duckdb_file, table)
            kinds = [c.type for c in TABLES[table].columns]
            if not append:
                client.query(f"drop table if exists `{dataset}.{table}`").result()
            client.query(_create_sql(target, table, if_not_exists=append).replace(
                f"{RAW_SCHEMA}.{table}", f"`{dataset}.{table}`")).result()  # fmt: skip
            for start in range(0, len(rows), 500):
                values = ",\n".join(
                    "("
                    + ", ".join(_bq_literal(v, k) for v, k in zip(row, kinds, strict=True))
                    + ")"
                    for row in rows[start : start + 500]
                )
                client.query(
                    f"insert into `{dataset}.{table}` ({', '.join(names)}) values {values}"
                ).result()
            counts[table] = len(rows)
    else:
        raise ValueError(f"load_raw: unknown target {target}")
    return counts


def read_table(
    state: stand_ins.State, target: str, schema: str, table: str
) -> tuple[list[str], list[tuple]]:
    """(lower-case column names, rows) of schema.table on `target`."""
    if target == "duckdb":
        import duckdb

        with duckdb.connect(state.duckdb_path, read_only=True) as con:
            cur = con.execute(f'select * from "{schema}"."{table}"')
            return [d[0].lower() for d in cur.description], cur.fetchall()
    if target in ("postgres", "redshift"):
        with _postgres(state, target) as con, con.cursor() as cur:
            cur.execute(f'select * from "{schema}"."{table}"')
            return [d[0].lower() for d in cur.description], cur.fetchall()
    if target == "snowflake":
        with _snowflake(state) as con:
            cur = con.cursor()
            cur.execute(f"select * from {schema}.{table}")
            return [d[0].lower() for d in cur.description], cur.fetchall()
    if target == "bigquery":
        result = (
            _bigquery(state)
            .query(f"select * from `{stand_ins.BIGQUERY_PROJECT}.{schema}.{table}`")
            .result()
        )
        return [f.name.lower() for f in result.schema], [tuple(row.values()) for row in result]
    raise ValueError(f"read_table: unknown target {target}")


def list_tables(state: stand_ins.State, target: str, schema: str) -> list[str]:
    """Lower-case names of the tables and views of `schema` on `target`."""
    sql = (
        "select table_name from information_schema.tables "
        f"where lower(table_schema) = '{schema.lower()}'"
    )
    if target == "duckdb":
        import duckdb

        with duckdb.connect(state.duckdb_path, read_only=True) as con:
            rows = con.execute(sql).fetchall()
    elif target in ("postgres", "redshift"):
        with _postgres(state, target) as con, con.cursor() as cur:
            cur.execute(sql)
            rows = cur.fetchall()
    elif target == "snowflake":
        # fakesnow lists views in information_schema.views only
        views = sql.replace("information_schema.tables", "information_schema.views")
        with _snowflake(state) as con:
            cur = con.cursor()
            cur.execute(f"{sql} union {views}")
            rows = cur.fetchall()
    elif target == "bigquery":
        # crucible has no INFORMATION_SCHEMA: the API's tables.list
        listed = _bigquery(state).list_tables(f"{stand_ins.BIGQUERY_PROJECT}.{schema}")
        rows = [(t.table_id,) for t in listed]
    else:
        raise ValueError(f"list_tables: unknown target {target}")
    return sorted(r[0].lower() for r in rows)
