"""What the previous dump to a destination held, kept in the warehouse's internal schema.

Three tables, all keyed by the destination's address (each destination has dumps of its own):
- `heapgen_export_dumps`: one row per complete dump (dump_id, the sync it holds, when).
- `heapgen_export_tables`: the tables of the last dump, with their columns (name, warehouse
  type, Avro field as written) and definition hash.
- `heapgen_export_rows`: for every keyed table, each row's key and a hash of the row as the
  last dump left it, so the next export finds the rows new, changed or removed since.

Nothing here is written until the dump's manifest is: `commit` runs last, in one transaction.
A killed export leaves the state as it was, so the next export starts from the same place.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from heapgen.avro_columns import quote

DUMPS = "heapgen_export_dumps"
TABLES = "heapgen_export_tables"
ROWS = "heapgen_export_rows"


@dataclass(frozen=True)
class PreviousDump:
    dump_id: int
    sync_started_at: datetime


@dataclass(frozen=True)
class PreviousTable:
    columns: tuple[tuple[str, str], ...]  # (name, warehouse type), in order
    definition_hash: str | None
    # each column's Avro field as the dump wrote it (AvroColumn.encoding); None for dumps
    # written before the state kept it
    encodings: dict[str, str | None]


@dataclass(frozen=True)
class CommittedTable:
    """One table of a written dump, as the state must remember it."""

    name: str
    columns: tuple[tuple[str, str, str], ...]  # (name, warehouse type, Avro encoding)
    definition_hash: str | None
    key: str | None  # None: exported whole every time, no row state
    current: str | None  # temp table (key, row_hash, ...) of every row now
    # temp table of the keys in this incremental dump whose hashes alone are new; None when
    # every row's hash is to be kept anew (a whole table, or columns were added)
    changed: str | None
    incremental: bool


class ExportState:
    """The export state of one destination, read and written on an open DuckDB connection."""

    def __init__(self, con: Any, schema: str, destination: str) -> None:
        self.con = con
        self.schema = schema
        self.destination = destination

    def _table(self, name: str) -> str:
        return f"{quote(self.schema)}.{quote(name)}"

    def ensure(self) -> None:
        """Create the state tables when missing (the internal schema exists after a sync)."""
        self.con.execute(f"create schema if not exists {quote(self.schema)}")
        self.con.execute(
            f"create table if not exists {self._table(DUMPS)} (destination varchar, "
            "dump_id bigint, sync_started_at timestamp, exported_at timestamp, manifest varchar)"
        )
        self.con.execute(
            f"create table if not exists {self._table(TABLES)} (destination varchar, "
            "table_name varchar, columns varchar, definition_hash varchar, dump_id bigint)"
        )
        self.con.execute(
            f"create table if not exists {self._table(ROWS)} (destination varchar, "
            "table_name varchar, key bigint, row_hash ubigint)"
        )

    def last_dump(self) -> PreviousDump | None:
        row = self.con.execute(
            f"select dump_id, sync_started_at from {self._table(DUMPS)} "
            "where destination = ? order by dump_id desc limit 1",
            [self.destination],
        ).fetchone()
        return PreviousDump(*row) if row else None

    def previous_table(self, name: str) -> PreviousTable | None:
        row = self.con.execute(
            f"select columns, definition_hash from {self._table(TABLES)} "
            "where destination = ? and table_name = ?",
            [self.destination, name],
        ).fetchone()
        if not row:
            return None
        entries = json.loads(row[0])  # [name, type] or, since epoch-ms timestamps, [.., encoding]
        columns = tuple((entry[0], entry[1]) for entry in entries)
        encodings = {entry[0]: entry[2] if len(entry) > 2 else None for entry in entries}
        return PreviousTable(columns, row[1], encodings)

    def snapshot(
        self,
        temp: str,
        key: str,
        select_sql: str,
        columns: list[str],
        previous_columns: list[str] | None = None,
    ) -> int:
        """Hash every row of `select_sql` into temp table `temp`; returns its row count.

        `row_hash` hashes the row's `columns` in order (what the state keeps). When columns
        were added since the last dump (`previous_columns`, the ones it had), `compare_hash`
        hashes only those, and `has_added` is true where an added column holds a value: a
        row whose added columns are all empty and whose other values did not change is the
        same row the consumer already has (it adds the columns empty)."""
        previous_columns = previous_columns or columns
        added = [c for c in columns if c not in previous_columns]
        has_added = " or ".join(f"x.{quote(c)} is not null" for c in added) or "false"
        self.con.execute(
            f"create or replace temp table {quote(temp)} as select x.{quote(key)} as key, "
            f"{_row_hash(columns)} as row_hash, {_row_hash(previous_columns)} as compare_hash, "
            f"({has_added}) as has_added from ({select_sql}) as x"
        )
        return self.con.execute(f"select count(*) from {quote(temp)}").fetchone()[0]

    def removed_keys(self, table: str, current: str, explained_by: str | None = None) -> int:
        """How many keys the last dump held that are gone now. `explained_by`, a query of
        keys, lists removals the consumer makes itself (migrated users) and are not counted."""
        explained = f" and r.key not in ({explained_by})" if explained_by else ""
        return self.con.execute(
            f"select count(*) from {self._table(ROWS)} as r "
            "where r.destination = ? and r.table_name = ? "
            f"and not exists (select 1 from {quote(current)} as c where c.key = r.key)" + explained,
            [self.destination, table],
        ).fetchone()[0]

    def changed_rows(self, table: str, current: str, into: str) -> int:
        """Put into temp table `into` the rows new or changed since the last dump; count."""
        self.con.execute(
            f"create or replace temp table {quote(into)} as "
            f"select c.key, c.row_hash from {quote(current)} as c "
            f"left join (select key, row_hash from {self._table(ROWS)} "
            "  where destination = ? and table_name = ?) as r on r.key = c.key "
            "where r.key is null or r.row_hash <> c.compare_hash or c.has_added",
            [self.destination, table],
        )
        return self.con.execute(f"select count(*) from {quote(into)}").fetchone()[0]

    def commit(
        self, dump_id: int, sync_started_at: datetime, manifest: str, tables: list[CommittedTable]
    ) -> None:
        """Remember a dump whose manifest is written: its tables and their rows, at once."""
        params = [self.destination]
        self.con.execute("begin transaction")
        try:
            self.con.execute(f"delete from {self._table(TABLES)} where destination = ?", params)
            names = [t.name for t in tables]
            self.con.execute(
                f"delete from {self._table(ROWS)} where destination = ? "
                "and not list_contains(?, table_name)",
                [self.destination, names],
            )
            for table in tables:
                self._commit_table(dump_id, table)
            self.con.execute(
                f"insert into {self._table(DUMPS)} values (?, ?, ?, now()::timestamp, ?)",
                [self.destination, dump_id, sync_started_at, manifest],
            )
            self.con.execute("commit")
        except BaseException:
            self.con.execute("rollback")
            raise

    def _commit_table(self, dump_id: int, table: CommittedTable) -> None:
        self.con.execute(
            f"insert into {self._table(TABLES)} values (?, ?, ?, ?, ?)",
            [
                self.destination,
                table.name,
                json.dumps([list(column) for column in table.columns]),
                table.definition_hash,
                dump_id,
            ],
        )
        if table.key is None or table.current is None:
            return
        where = "destination = ? and table_name = ?"
        params = [self.destination, table.name]
        if table.changed is None:
            # every row's hash is new (whole table, or columns added): keep them all
            self.con.execute(f"delete from {self._table(ROWS)} where {where}", params)
            self.con.execute(
                f"insert into {self._table(ROWS)} select ?, ?, key, row_hash "
                f"from {quote(table.current)}",
                params,
            )
            return
        # only the changed rows' hashes are new: drop them and the removed rows, add them
        self.con.execute(
            f"delete from {self._table(ROWS)} as r where {where} and ("
            f"r.key in (select key from {quote(table.changed)}) or not exists "
            f"(select 1 from {quote(table.current)} as c where c.key = r.key))",
            params,
        )
        self.con.execute(
            f"insert into {self._table(ROWS)} select ?, ?, c.key, c.row_hash "
            f"from {quote(table.current)} as c "
            f"where c.key in (select key from {quote(table.changed)})",
            params,
        )


def _row_hash(columns: list[str]) -> str:
    """DuckDB's 64-bit hash of a row's values, in the order given (nulls included)."""
    return f"hash({', '.join(f'x.{quote(c)}' for c in columns)})"
