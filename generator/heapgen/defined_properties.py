"""Defined properties -> the arguments of `heap_connect.defined_property_select` (plain data,
never SQL strings).

Each property becomes

    {"name": "Marketing Channel", "column": "marketing_channel", "scope": "event" | "user",
     "cases": [{"value": <value>, "filters": [<compiled filter>, ...]}, ...],
     "default": <value> | None, "definition_hash": "..."}

where a value is `{"kind": "literal", "text": "Paid Search"}` or
`{"kind": "field", "source": "event" | "session" | "property" | "user", "name": "utm_source",
"column": <users column, user scope>}`, and filters are `criteria.compile_filter` dicts
(user scope: `source: user` and the users `column` they read). Event-scope properties read
event and session fields and custom properties exactly as event criteria do; user-scope
properties read the users columns (`identity`, `handle`, `email`, one per user property).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from heapgen.contract import PROPERTY_SEPARATOR, hashes
from heapgen.criteria import compile_filter, field_source
from heapgen.definitions import (
    ComputedValue,
    DefinitionError,
    Filter,
    LocatedProperty,
    value_text,
)
from heapgen.naming import heap_name


@dataclass(frozen=True)
class CompiledProperty:
    name: str
    column: str
    scope: str
    file: Path
    notes: str | None
    cases: list[dict[str, Any]]
    default: dict[str, Any] | None
    definition_hash: str  # changes exactly when a row's value of the column can change

    @property
    def description(self) -> str:
        """Its column's dbt description (the generated models' yml)."""
        notes = f": {self.notes.rstrip('.')}" if self.notes else ""
        return f"Defined property {self.name}{notes}."


def user_field(name: str) -> dict[str, Any]:
    """Where a user property is read from: the users column of its name (snake_case)."""
    return {"source": "user", "name": name, "column": heap_name(name)}


def _value(value: Any, scope: str) -> dict[str, Any] | None:
    if value is None:
        return None
    if isinstance(value, ComputedValue):
        if scope == "user":
            return {"kind": "field", **user_field(value.property)}
        return {"kind": "field", "source": field_source(value.property), "name": value.property}
    return {"kind": "literal", "text": value_text(value)}


def _filter(f: Filter, scope: str) -> dict[str, Any]:
    if scope == "user":
        compiled = compile_filter(f.property, f.op, f.value, f.case_insensitive, source="user")
        compiled["column"] = heap_name(f.property)
        return compiled
    return compile_filter(f.property, f.op, f.value, f.case_insensitive)


def _hash(payload: Any) -> str:
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def compile_defined_properties(
    properties: list[LocatedProperty], builtin_columns: dict[str, set[str]]
) -> list[CompiledProperty]:
    """Every defined property compiled, in definition order. `builtin_columns`: per scope,
    the built-in columns of the tables the property becomes a column of; a property whose
    column is one of them, or another property's, is an error naming both."""
    problems: list[tuple[Path, int, str]] = []
    owners: dict[str, LocatedProperty] = {}
    compiled: list[CompiledProperty] = []
    for located in properties:
        d = located.definition
        column = heap_name(d.name)
        line = located.line_of("name")
        if not column:
            problems.append(
                (
                    located.file,
                    line,
                    f"defined property {d.name!r}: its name has no letters or "
                    "digits to make a column name from",
                )
            )
            continue
        if column in builtin_columns.get(d.scope, set()):
            tables = "event tables, pageviews and sessions" if d.scope == "event" else "users"
            problems.append(
                (
                    located.file,
                    line,
                    f"defined property {d.name!r}: column {column!r} is a "
                    f"built-in column of {tables}; rename the property",
                )
            )
            continue
        if column in owners:
            other = owners[column]
            problems.append(
                (
                    located.file,
                    line,
                    f"defined properties {other.definition.name!r} "
                    f"({other.file}:{other.line_of('name')}) and {d.name!r} both make column "
                    f"{column!r}; rename one",
                )
            )
            continue
        owners[column] = located
        cases = [
            {
                "value": _value(case.value, d.scope),
                "filters": [_filter(f, d.scope) for f in case.when],
            }
            for case in d.cases
        ]
        default = _value(d.default, d.scope)
        compiled.append(
            CompiledProperty(
                name=d.name,
                column=column,
                scope=d.scope,
                file=located.file,
                notes=d.notes,
                cases=cases,
                default=default,
                definition_hash=_hash({"scope": d.scope, "cases": cases, "default": default}),
            )
        )
    if problems:
        raise DefinitionError(problems)
    return compiled


def properties_hash(properties: list[CompiledProperty], scope: str) -> str:
    """The defined properties of `scope` as one string, `column:hash+...` sorted: part of
    the state every table that carries them was built from (macros/incremental/
    defined_properties_hash.sql gives the same string), so editing one rebuilds them."""
    return hashes(
        {p.column: p.definition_hash for p in properties if p.scope == scope}, PROPERTY_SEPARATOR
    )
