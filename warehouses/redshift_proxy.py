"""Make PostgreSQL 15 look enough like Redshift for dbt-redshift: a wire proxy and catalog shims.

    python warehouses/redshift_proxy.py --port 15439 --upstream-port 5432   # serve until SIGTERM

Why a proxy: redshift_connector's startup packet carries parameters PostgreSQL rejects
(`unrecognized configuration parameter "client_protocol_version"`), and it cannot parse
PostgreSQL's `server_version` (`Invalid version: '15.x (Debian …)'`). The proxy, on loopback
only, declines SSL/GSSAPI, keeps only user/database/application_name/options in the startup
packet and reports `server_version` 8.0.2 (what Redshift reports); everything after the
first ReadyForQuery is piped through untouched.

Why shims: dbt-redshift's column lookup calls `pg_get_late_binding_view_cols()` and reads
`pg_catalog.svv_external_columns`, and `dbt docs generate` reads `svv_table_info`: all exist
only on Redshift. `SHIMS_SQL` creates an empty set-returning function and empty views of
those names (see `apply_shims`).

Standard library only, so any Python 3.11 runs it.
"""

from __future__ import annotations

import argparse
import asyncio
import signal
import struct
import sys

PROTOCOL_3 = 196608
SSL_REQUEST = 80877103
GSSENC_REQUEST = 80877104
CANCEL_REQUEST = 80877102
KEPT_STARTUP_PARAMETERS = {"user", "database", "application_name", "options"}
REDSHIFT_SERVER_VERSION = "8.0.2"

# Applied to the database dbt-redshift uses, as a superuser. Column lists follow the
# Redshift docs (PG_GET_LATE_BINDING_VIEW_COLS, SVV_EXTERNAL_COLUMNS); both return no rows.
SHIMS_SQL = """
set allow_system_table_mods = on;
-- Redshift callers give a column definition list (`... from pg_get_late_binding_view_cols()
-- cols(view_schema name, view_name name, col_name name, col_type varchar, ordinal_position int)`),
-- which PostgreSQL allows only for functions returning `setof record`.
create or replace function pg_catalog.pg_get_late_binding_view_cols()
returns setof record
language sql stable as $$
    select null::name, null::name, null::name, null::varchar, null::int where false
$$;
create or replace view pg_catalog.svv_external_columns as
select
    null::varchar as schemaname,
    null::varchar as tablename,
    null::varchar as columnname,
    null::varchar as external_type,
    null::int as columnnum,
    null::int as part_key,
    null::varchar as is_nullable
where false;
-- Read by `dbt docs generate` (extended table stats): no rows, so the catalog has no stats.
create or replace view pg_catalog.svv_table_info as
select
    null::text as database,
    null::text as schema,
    null::oid as table_id,
    null::text as "table",
    null::text as encoded,
    null::text as diststyle,
    null::text as sortkey1,
    null::int as max_varchar,
    null::char(32) as sortkey1_enc,
    null::int as sortkey_num,
    null::bigint as size,
    null::numeric(10, 4) as pct_used,
    null::bigint as empty,
    null::numeric(5, 2) as unsorted,
    null::numeric(5, 2) as stats_off,
    null::numeric(38, 0) as tbl_rows,
    null::numeric(19, 2) as skew_sortkey1,
    null::numeric(19, 2) as skew_rows
where false;
grant execute on function pg_catalog.pg_get_late_binding_view_cols() to public;
grant select on pg_catalog.svv_external_columns, pg_catalog.svv_table_info to public;
-- Redshift functions the project calls that PostgreSQL lacks, with Redshift's semantics.
-- JSON_EXTRACT_PATH_TEXT(varchar, key, null_if_invalid): the key's text, NULL when missing
-- (or, with null_if_invalid, when the document is not JSON).
create or replace function pg_catalog.json_extract_path_text(
    doc text, key text, null_if_invalid boolean
) returns text
language plpgsql immutable as $$
begin
    return json_extract_path_text(doc::json, key);
exception when invalid_text_representation then
    if null_if_invalid then return null; end if;
    raise;
end
$$;
grant execute on function pg_catalog.json_extract_path_text(text, text, boolean) to public;
-- STRTOL(text, base): the text read as an integer in that base (the project reads hexadecimal),
-- https://docs.aws.amazon.com/redshift/latest/dg/r_STRTOL.html.
create or replace function pg_catalog.strtol(s text, base integer) returns bigint
language plpgsql immutable as $$
begin
    if base <> 16 then raise exception 'strtol: only base 16 is shimmed'; end if;
    return cast(cast('x' || lpad(s, 16, '0') as bit(64)) as bigint);
end
$$;
grant execute on function pg_catalog.strtol(text, integer) to public;
-- LEN(varchar): the number of characters, what dbt.length() writes on Redshift
-- (https://docs.aws.amazon.com/redshift/latest/dg/r_LEN.html).
create or replace function pg_catalog.len(s text) returns integer
language sql immutable as $$ select length(s) $$;
grant execute on function pg_catalog.len(text) to public;
-- Redshift reads backslashes in string literals as escapes (PostgreSQL 8.0's behaviour).
do $$ begin
    execute format('alter database %I set standard_conforming_strings = off', current_database());
    execute format('alter database %I set escape_string_warning = off', current_database());
end $$;
"""


async def _read_startup(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    header = await reader.readexactly(8)
    length, code = struct.unpack("!ii", header)
    return code, header + await reader.readexactly(length - 8)


def _rewrite_startup(packet: bytes) -> bytes:
    fields = packet[8:].split(b"\x00")
    pairs = dict(zip(fields[0:-1:2], fields[1::2], strict=False))
    kept = b"".join(
        key + b"\x00" + value + b"\x00"
        for key, value in pairs.items()
        if key and key.decode(errors="replace") in KEPT_STARTUP_PARAMETERS
    )
    body = struct.pack("!i", PROTOCOL_3) + kept + b"\x00"
    return struct.pack("!i", len(body) + 4) + body


def _rewrite_parameter_status(payload: bytes) -> bytes:
    name, _, rest = payload.partition(b"\x00")
    if name == b"server_version":
        return name + b"\x00" + REDSHIFT_SERVER_VERSION.encode() + b"\x00"
    return payload


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except (ConnectionError, asyncio.IncompleteReadError):
        pass
    finally:
        writer.close()


async def _server_to_client(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """Rewrite ParameterStatus(server_version) until the first ReadyForQuery, then pipe."""
    try:
        while True:
            kind = await reader.readexactly(1)
            (length,) = struct.unpack("!i", await reader.readexactly(4))
            payload = await reader.readexactly(length - 4)
            if kind == b"S":
                payload = _rewrite_parameter_status(payload)
            writer.write(kind + struct.pack("!i", len(payload) + 4) + payload)
            await writer.drain()
            if kind == b"Z":
                break
    except (ConnectionError, asyncio.IncompleteReadError):
        writer.close()
        return
    await _pipe(reader, writer)


async def _handle(
    client_reader: asyncio.StreamReader,
    client_writer: asyncio.StreamWriter,
    upstream: tuple[str, int],
) -> None:
    server_writer = None
    try:
        while True:
            code, packet = await _read_startup(client_reader)
            if code in (SSL_REQUEST, GSSENC_REQUEST):
                client_writer.write(b"N")  # no SSL, no GSSAPI encryption: plain text on loopback
                await client_writer.drain()
                continue
            break
        server_reader, server_writer = await asyncio.open_connection(*upstream)
        if code == CANCEL_REQUEST:
            server_writer.write(packet)
            await server_writer.drain()
            return
        server_writer.write(_rewrite_startup(packet) if code == PROTOCOL_3 else packet)
        await server_writer.drain()
        await asyncio.gather(
            _pipe(client_reader, server_writer),
            _server_to_client(server_reader, client_writer),
        )
    except (ConnectionError, asyncio.IncompleteReadError, OSError):
        pass
    finally:
        client_writer.close()
        if server_writer is not None:
            server_writer.close()


async def serve(host: str, port: int, upstream_host: str, upstream_port: int) -> None:
    server = await asyncio.start_server(
        lambda r, w: _handle(r, w, (upstream_host, upstream_port)), host, port
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    print(
        f"redshift proxy listening on {host}:{port} -> {upstream_host}:{upstream_port}", flush=True
    )
    async with server:
        await stop.wait()


def apply_shims(cluster, database: str) -> None:
    """Create the Redshift catalog shims in `database` of a `postgres.PostgresCluster`."""
    import postgres  # sibling module; imported here so the proxy itself needs nothing else

    postgres.run_sql(cluster, database, SHIMS_SQL)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Redshift wire proxy in front of PostgreSQL")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--upstream-host", default="127.0.0.1")
    parser.add_argument("--upstream-port", type=int, required=True)
    args = parser.parse_args(argv)
    asyncio.run(serve(args.host, args.port, args.upstream_host, args.upstream_port))
    return 0


if __name__ == "__main__":
    sys.exit(main())
