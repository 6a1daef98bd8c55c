"""Warehouse columns as Avro fields: the Avro type of each DuckDB type, and the select
expression that gives the value Avro stores (timestamps as UNIX epoch milliseconds).

Every field is nullable (`["null", type]`, default null): any Heap Connect column can be
empty. Timestamps and dates are plain `long` UNIX epoch milliseconds (a date: its midnight
UTC), as in Heap Connect's S3 dumps, with no logical type: Heap's consumers (tap-heap) map
plain type names only. The field carries the attribute `heap_connect_type` ("timestamp" or
"date"), which Avro readers ignore, so a consumer can tell them from other longs.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from heapgen.destinations import ExportError

HEAP_CONNECT_TYPE = "heap_connect_type"  # the field attribute of epoch-millisecond fields
AVRO_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# DuckDB type -> (Avro type, how the value is selected: "plain" | "text" | "timestamp" | "date";
# the last two give epoch milliseconds and name the field's heap_connect_type)
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
    "TIMESTAMP": ("long", "timestamp"),
    "TIMESTAMP_S": ("long", "timestamp"),
    "TIMESTAMP_MS": ("long", "timestamp"),
    "TIMESTAMP_NS": ("long", "timestamp"),
    "TIMESTAMP WITH TIME ZONE": ("long", "timestamp"),
    "DATE": ("long", "date"),
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
            "timestamp": f"epoch_ms({column})",
            "date": f"epoch_ms(cast({column} as timestamp))",
            "text": f"cast({column} as varchar)",
        }[self.conversion]
        return f"{expression} as {quote(self.name)}"

    def encoding(self) -> str:
        """The Avro field as written, as text: the export state compares it between dumps."""
        return json.dumps(self.field(), sort_keys=True)

    def field(self) -> dict[str, Any]:
        field = {"name": self.name, "type": ["null", self.avro_type], "default": None}
        if self.conversion in ("timestamp", "date"):
            field[HEAP_CONNECT_TYPE] = self.conversion
        return field


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
