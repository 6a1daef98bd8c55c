"""Warehouse columns as Avro fields: the Avro type of each DuckDB type, and the select
expression that gives the value Avro stores (timestamps as UNIX epoch milliseconds).

Every field is nullable (`["null", type]`, default null): any Heap Connect column can be
empty. Timestamps are `long` with the `timestamp-millis` logical type, so a reader that
knows logical types sees a timestamp and any other reader the epoch milliseconds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from heapgen.destinations import ExportError

AVRO_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
TIMESTAMP_MILLIS = {"type": "long", "logicalType": "timestamp-millis"}
DATE = {"type": "int", "logicalType": "date"}

# DuckDB type -> (Avro type, how the value is selected: "plain" | "epoch_ms" | "date" | "text")
_TYPES: dict[str, tuple[Any, str]] = {
    "BIGINT": ("long", "plain"),
    "INTEGER": ("int", "plain"),
    "SMALLINT": ("int", "plain"),
    "TINYINT": ("int", "plain"),
    "UTINYINT": ("int", "plain"),
    "USMALLINT": ("int", "plain"),
    "UINTEGER": ("long", "plain"),
    "DOUBLE": ("double", "plain"),
    "FLOAT": ("float", "plain"),
    "BOOLEAN": ("boolean", "plain"),
    "VARCHAR": ("string", "plain"),
    "JSON": ("string", "text"),
    "UUID": ("string", "text"),
    "TIMESTAMP": (TIMESTAMP_MILLIS, "epoch_ms"),
    "TIMESTAMP_S": (TIMESTAMP_MILLIS, "epoch_ms"),
    "TIMESTAMP_MS": (TIMESTAMP_MILLIS, "epoch_ms"),
    "TIMESTAMP_NS": (TIMESTAMP_MILLIS, "epoch_ms"),
    "TIMESTAMP WITH TIME ZONE": (TIMESTAMP_MILLIS, "epoch_ms"),
    "DATE": (DATE, "date"),
}


def quote(identifier: str) -> str:
    """A DuckDB identifier, quoted."""
    return '"' + identifier.replace('"', '""') + '"'


@dataclass(frozen=True)
class AvroColumn:
    """One column of an exported table."""

    name: str
    duckdb_type: str
    avro_type: Any
    conversion: str

    def select(self, alias: str) -> str:
        """The expression that selects this column's Avro value from `alias`."""
        column = f"{alias}.{quote(self.name)}"
        expression = {
            "plain": column,
            "epoch_ms": f"epoch_ms({column})",
            "date": f"datediff('day', date '1970-01-01', {column})",
            "text": f"cast({column} as varchar)",
        }[self.conversion]
        return f"{expression} as {quote(self.name)}"

    def field(self) -> dict[str, Any]:
        return {"name": self.name, "type": ["null", self.avro_type], "default": None}


def avro_column(table: str, name: str, duckdb_type: str) -> AvroColumn:
    """The Avro column for a warehouse column; an error for names or types Avro cannot hold."""
    if not AVRO_NAME.match(name):
        raise ExportError(
            f"column {name!r} of table {table} is not a valid Avro field name "
            "(letters, digits and _, not starting with a digit)"
        )
    known = _TYPES.get(duckdb_type.upper())
    if known is None:
        raise ExportError(
            f"column {name} of table {table} has type {duckdb_type}, which the export "
            f"cannot write to Avro (it writes {', '.join(sorted(_TYPES))})"
        )
    avro_type, conversion = known
    return AvroColumn(name, duckdb_type, avro_type, conversion)


def avro_schema(table: str, columns: list[AvroColumn]) -> dict[str, Any]:
    """The Avro record schema of one table's files."""
    name = re.sub(r"[^A-Za-z0-9_]", "_", table)
    if name[:1].isdigit():
        name = "_" + name
    return {
        "type": "record",
        "name": name,
        "namespace": "heap_connect",
        "fields": [column.field() for column in columns],
    }
