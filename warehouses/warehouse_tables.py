"""Load the raw capture tables into a warehouse stand-in, and read tables back, from Python.

`heapgen load` writes DuckDB only. For the integration tests on the stand-ins the raw rows
are first loaded (and checked) into a DuckDB file by `heapgen load`, then copied from there
with `load_raw(state, target, duckdb_file)` into `heap_raw.<table>` of the target, through
the warehouse's own client (another source's tables the same way, e.g. PostHog's export
table: `load_raw(..., tables={"events": heapgen.posthog.events_table()})`):

- postgres, redshift: psycopg2 straight to the PostgreSQL cluster (database heap_connect or
  heap_connect_redshift; the Redshift proxy is for dbt-redshift's connector only);
- snowflake: snowflake-connector-python under `fakesnow.patch(db_path=...)`, the same DuckDB
  files the dbt process opens afterwards (one process at a time: this one closes them);
- bigquery: google-cloud-bigquery against crucible's endpoint (anonymous credentials);
- spark: pyspark's Spark Connect client of the stand-in's server (parquet tables).

Column types follow the raw contract (generator/heapgen/raw_contract.py) per warehouse:
`properties` is jsonb on PostgreSQL, VARCHAR JSON text on Redshift, VARIANT on Snowflake,
JSON on BigQuery, STRING JSON text on Spark; times are timestamps without time zone
(BigQuery: TIMESTAMP, UTC; Spark: TIMESTAMP in the server's session time zone, UTC).

`read_table(state, target, schema, table)` returns (columns, rows): each column its name and
logical type (bigint, double, text, ...: what every warehouse's name for it means) in the
table's order, the rows with the client's Python values; the tests normalize them. Needs
the adapters (the warehouses extra).
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

from heapgen.raw_contract import TABLES, Table  # noqa: E402

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
    "spark": {"BIGINT": "bigint", "TIMESTAMP": "timestamp", "VARCHAR": "string",
              "BOOLEAN": "boolean", "JSON": "string"},
}  # fmt: skip


def raw_rows(duckdb_file: Path, table: str | Table) -> tuple[list[str], list[tuple]]:
    """The rows of a contract table (heap_raw.<table> by name) of a DuckDB file, JSON
    columns as JSON text."""
    import duckdb

    table = TABLES[table] if isinstance(table, str) else table
    select = ", ".join(
        f"cast({c.name} as varchar)" if c.type == "JSON" else c.name for c in table.columns
    )
    with duckdb.connect(str(duckdb_file), read_only=True) as con:
        rows = con.execute(f"select {select} from {table.schema}.{table.name}").fetchall()
    return [c.name for c in table.columns], rows


def _create_sql(target: str, table: Table, if_not_exists: bool = False) -> str:
    types = TYPES[target]
    columns = ", ".join(f"{_quoted(target, c.name)} {types[c.type]}" for c in table.columns)
    exists = "if not exists " if if_not_exists else ""
    using = " using parquet" if target == "spark" else ""
    return f"create table {exists}{table.schema}.{table.name} ({columns}){using}"


def _quoted(target: str, column: str) -> str:
    """A column name as the target's DDL and DML take it: PostHog's `timestamp` is a
    reserved word on PostgreSQL and Redshift (quoted there), not on the others."""
    return f'"{column}"' if target in ("postgres", "redshift") and column == "timestamp" else column


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


_SPARK_SESSIONS: dict[str, object] = {}


def _spark(state: stand_ins.State):
    """A Spark Connect session of the stand-in's server, one per server for this process."""
    from pyspark.sql import SparkSession

    assert state.spark is not None, "spark is not up"
    url = f"sc://127.0.0.1:{state.spark.port}"
    if url not in _SPARK_SESSIONS:
        _SPARK_SESSIONS[url] = SparkSession.builder.remote(url).getOrCreate()
    return _SPARK_SESSIONS[url]


def close_spark_sessions() -> None:
    """Stop this process's Spark Connect sessions. Call it before the server stops: at exit
    pyspark's client otherwise sends cleanup calls to the stopped server and retries them
    for minutes (a finished pytest session hung in `SparkConnectClient._on_exit`)."""
    while _SPARK_SESSIONS:
        _, session = _SPARK_SESSIONS.popitem()
        session.stop()


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
    state: stand_ins.State,
    target: str,
    duckdb_file: Path,
    append: bool = False,
    tables: dict[str, Table] | None = None,
) -> dict[str, int]:
    """Create the contract's tables on `target` (heap_raw.{events,identifies,user_properties}
    unless `tables` names others, e.g. heapgen.posthog.events_table()), replacing them, or
    with `append` keeping the rows they hold, and copy every row of the same tables of the
    DuckDB file into them. Returns rows per table."""
    counts: dict[str, int] = {}
    tables = TABLES if tables is None else tables
    schemas = sorted({table.schema for table in tables.values()})
    if target in ("postgres", "redshift"):
        from psycopg2.extras import execute_values

        with _postgres(state, target) as con, con.cursor() as cur:
            for schema in schemas:
                cur.execute(f"create schema if not exists {schema}")
            for name, table in tables.items():
                names, rows = raw_rows(duckdb_file, table)
                relation = f"{table.schema}.{table.name}"
                if not append:
                    cur.execute(f"drop table if exists {relation}")
                cur.execute(_create_sql(target, table, if_not_exists=append))
                columns = ", ".join(_quoted(target, n) for n in names)
                execute_values(cur, f"insert into {relation} ({columns}) values %s", rows)
                counts[name] = len(rows)
    elif target == "snowflake":
        with _snowflake(state) as con:
            cur = con.cursor()
            for schema in schemas:
                cur.execute(f"create schema if not exists {schema}")
            for name, table in tables.items():
                names, rows = raw_rows(duckdb_file, table)
                relation = f"{table.schema}.{table.name}"
                kinds = {c.name: c.type for c in table.columns}
                cur.execute(f"create or replace table {relation}_text "
                            f"({', '.join(n + ' varchar' for n in names)})")  # fmt: skip
                if rows:
                    cur.executemany(
                        f"insert into {relation}_text values ({', '.join(['%s'] * len(names))})",
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
                    f"insert into {relation} ({', '.join(names)}) "
                    f"select {casts} from {relation}_text"
                )
                cur.execute(f"drop table {relation}_text")
                counts[name] = len(rows)
    elif target == "bigquery":
        client = _bigquery(state)
        for schema in schemas:
            client.create_dataset(f"{stand_ins.BIGQUERY_PROJECT}.{schema}", exists_ok=True)
        for name, table in tables.items():
            names, rows = raw_rows(duckdb_file, table)
            relation = f"`{stand_ins.BIGQUERY_PROJECT}.{table.schema}.{table.name}`"
            kinds = [c.type for c in table.columns]
            if not append:
                client.query(f"drop table if exists {relation}").result()
            client.query(_create_sql(target, table, if_not_exists=append).replace(
                f"{table.schema}.{table.name}", relation)).result()  # fmt: skip
            for start in range(0, len(rows), 500):
                values = ",\n".join(
                    "("
                    + ", ".join(_bq_literal(v, k) for v, k in zip(row, kinds, strict=True))
                    + ")"
                    for row in rows[start : start + 500]
                )
                client.query(
                    f"insert into {relation} ({', '.join(names)}) values {values}"
                ).result()
            counts[name] = len(rows)
    elif target == "spark":
        spark = _spark(state)
        for schema in schemas:
            spark.sql(f"create schema if not exists {schema}")
        for name, table in tables.items():
            names, rows = raw_rows(duckdb_file, table)
            relation = f"{table.schema}.{table.name}"
            if not append:
                spark.sql(f"drop table if exists {relation}")
            spark.sql(_create_sql(target, table, if_not_exists=append))
            if rows:
                # the rows in the table's own column types, as _create_sql made them
                schema = spark.table(relation).select(*names).schema
                frame = spark.createDataFrame([tuple(row) for row in rows], schema=schema)
                frame.write.insertInto(relation)
            counts[name] = len(rows)
    else:
        raise ValueError(f"load_raw: unknown target {target}")
    return counts


# The logical type of a column as each client describes it, so that tables read from
# different warehouses compare: bigint, double, numeric, boolean, timestamp, date, text,
# json, or other:<name>. Integer widths and text lengths do not count (Snowflake has only
# NUMBER(38,0) and VARCHAR); anything else does.
_LOGICAL = {
    "bigint": {"BIGINT", "INTEGER", "SMALLINT", "TINYINT", "HUGEINT", "INT64", "INT"},
    "double": {"DOUBLE", "FLOAT", "REAL", "FLOAT64"},
    "boolean": {"BOOLEAN", "BOOL"},
    "timestamp": {"TIMESTAMP", "TIMESTAMP WITH TIME ZONE", "DATETIME", "TIMESTAMP_NTZ"},
    "date": {"DATE"},
    "text": {"VARCHAR", "STRING", "TEXT"},
    "json": {"JSON"},
}
# psycopg2's type codes (PostgreSQL OIDs) and the Snowflake connector's (FIELD_TYPES)
_POSTGRES_TYPES = {20: "bigint", 21: "bigint", 23: "bigint", 700: "double", 701: "double",
                   1700: "numeric", 16: "boolean", 1114: "timestamp", 1184: "timestamp",
                   1082: "date", 25: "text", 1043: "text", 1042: "text", 114: "json",
                   3802: "json"}  # fmt: skip
_SNOWFLAKE_TYPES = {1: "double", 2: "text", 3: "date", 4: "timestamp", 5: "json",
                    6: "timestamp", 7: "timestamp", 8: "timestamp", 9: "json", 10: "json",
                    13: "boolean"}  # fmt: skip


def _logical(name: str) -> str:
    base = name.upper().split("(")[0].strip()
    if base in ("DECIMAL", "NUMERIC", "BIGNUMERIC"):
        scale = name.rstrip(")").split(",")[-1].strip() if "," in name else "0"
        return "bigint" if scale == "0" and "(" in name else "numeric"
    return next((kind for kind, names in _LOGICAL.items() if base in names), f"other:{name}")


def _arrow_logical(kind) -> str:
    """The logical type of an Arrow column type (Spark Connect returns rows as Arrow)."""
    import pyarrow as pa

    if pa.types.is_decimal(kind):
        return _logical(f"DECIMAL({kind.precision}, {kind.scale})")
    for test, logical in ((pa.types.is_integer, "bigint"), (pa.types.is_floating, "double"),
                          (pa.types.is_boolean, "boolean"), (pa.types.is_timestamp, "timestamp"),
                          (pa.types.is_date, "date"), (pa.types.is_string, "text"),
                          (pa.types.is_large_string, "text")):  # fmt: skip
        if test(kind):
            return logical
    return f"other:{kind}"


def _described(target: str, description) -> list[tuple[str, str]]:
    """(lower-case name, logical type) of each column of a DB-API cursor description."""
    columns = []
    for d in description:
        if target == "duckdb":
            kind = _logical(str(d[1]))
        elif target in ("postgres", "redshift"):
            kind = _POSTGRES_TYPES.get(d[1], f"other:{d[1]}")
        elif d[1] == 0:  # Snowflake FIXED: NUMBER(p, s)
            kind = "bigint" if not d[5] else "numeric"
        else:
            kind = _SNOWFLAKE_TYPES.get(d[1], f"other:{d[1]}")
        columns.append((d[0].lower(), kind))
    return columns


def read_table(
    state: stand_ins.State, target: str, schema: str, table: str
) -> tuple[list[tuple[str, str]], list[tuple]]:
    """(columns in table order, each (lower-case name, logical type); rows) of
    schema.table on `target`."""
    if target == "duckdb":
        import duckdb

        with duckdb.connect(state.duckdb_path, read_only=True) as con:
            cur = con.execute(f'select * from "{schema}"."{table}"')
            return _described(target, cur.description), cur.fetchall()
    if target in ("postgres", "redshift"):
        with _postgres(state, target) as con, con.cursor() as cur:
            cur.execute(f'select * from "{schema}"."{table}"')
            return _described(target, cur.description), cur.fetchall()
    if target == "snowflake":
        with _snowflake(state) as con:
            cur = con.cursor()
            cur.execute(f"select * from {schema}.{table}")
            return _described(target, cur.description), cur.fetchall()
    if target == "bigquery":
        result = (
            _bigquery(state)
            .query(f"select * from `{stand_ins.BIGQUERY_PROJECT}.{schema}.{table}`")
            .result()
        )
        columns = [(f.name.lower(), _logical(f.field_type)) for f in result.schema]
        return columns, [tuple(row.values()) for row in result]
    if target == "spark":
        # this process's session keeps a table's file listing from its last read, and the
        # syncs (other sessions) write the table's files anew (drop and create, INSERT
        # OVERWRITE): a stale listing fails with FAILED_READ_FILE.FILE_NOT_EXIST. Then the
        # rows as Arrow, whose schema gives the types: two round trips (with sql(), .schema
        # and collect() it took four)
        session = _spark(state)
        session.catalog.refreshTable(f"`{schema}`.`{table}`")
        result = session.table(f"`{schema}`.`{table}`").toArrow()
        columns = [(f.name.lower(), _arrow_logical(f.type)) for f in result.schema]
        return columns, list(zip(*(column.to_pylist() for column in result.columns), strict=True))
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
    elif target == "spark":
        listed = _spark(state).sql(f"show tables in `{schema}`").collect()
        rows = [(row["tableName"],) for row in listed if not row["isTemporary"]]
    else:
        raise ValueError(f"list_tables: unknown target {target}")
    return sorted(r[0].lower() for r in rows)
