"""The column spec of every built-in Heap Connect table (`seeds/heap_connect__column_spec.csv`).

The seed is the single source: dbt loads it (and tests built tables against it) and the
generator renders it into the `heap_connect_column_spec` macro the models read.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

SPEC_PATH = Path("seeds") / "heap_connect__column_spec.csv"
# The descriptions of the built-in columns, as dbt docs blocks `heap_col__<column>`.
COLUMN_DOCS_PATH = Path("docs") / "dbt" / "heap_connect_columns.md"
_DOCS_BLOCK = re.compile(r"\{% docs heap_col__(\w+) %\}\n(.*?)\n\{% enddocs %\}", re.S)
LOGICAL_TYPES = ("bigint", "double", "boolean", "timestamp", "text")


@dataclass(frozen=True)
class SpecColumn:
    table_name: str
    column_position: int
    column_name: str
    data_type: str
    libraries: tuple[str, ...]  # ("all",) or a subset of web/iOS/android; () where n/a
    origin: str  # "seed" (the Heap Connect page) or "design" (DESIGN.md additions)


def read_column_spec(project_dir: Path) -> list[SpecColumn]:
    path = project_dir / SPEC_PATH
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    spec = [
        SpecColumn(
            table_name=row["table_name"],
            column_position=int(row["column_position"]),
            column_name=row["column_name"],
            data_type=row["data_type"],
            libraries=tuple(filter(None, row["libraries"].split(";"))),
            origin=row["origin"],
        )
        for row in rows
    ]
    for column in spec:
        if column.data_type not in LOGICAL_TYPES:
            raise ValueError(f"{path}: {column.column_name}: unknown type {column.data_type!r}")
    return sorted(spec, key=lambda c: (c.table_name, c.column_position))


def spec_by_table(spec: list[SpecColumn]) -> dict[str, list[SpecColumn]]:
    tables: dict[str, list[SpecColumn]] = {}
    for column in spec:
        tables.setdefault(column.table_name, []).append(column)
    return tables


def read_column_docs(project_dir: Path) -> dict[str, str]:
    """Column name -> its description, from the docs blocks of COLUMN_DOCS_PATH. The generated
    yml of event tables carries the text itself (a `{{ doc() }}` per column of 1,000 event
    tables cost dbt's full parse 18 s of CPU more than the text, decision 0041)."""
    text = (project_dir / COLUMN_DOCS_PATH).read_text(encoding="utf-8")
    return {name: body.strip() for name, body in _DOCS_BLOCK.findall(text)}
