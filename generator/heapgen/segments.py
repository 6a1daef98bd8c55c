"""Segments -> the arguments of `heap_connect.segment_view` (plain data, never SQL strings).

A segment's `where` becomes a tree of conditions:

    {"kind": "all_of" | "any_of", "conditions": [...]}
    {"kind": "user_property", "filter": <criteria.compile_filter dict, source user, column>}
    {"kind": "did" | "did_not", "event": "Add To Cart", "label_id": "add_to_cart",
     "model": "heap_event__add_to_cart", "at_least": 3, "within_days": 30 | None}

Behaviour is counted in the labeled event's output table, so a segment may only name an
event that has one: an unknown event is an error, and so, for a synced segment, is an event
with `sync: false` or `archived: true` (its table is gone or no longer updated).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from heapgen.criteria import compile_filter
from heapgen.defined_properties import user_field
from heapgen.definitions import (
    AllOfCondition,
    AnyOfCondition,
    DefinitionError,
    DidCondition,
    DidNotCondition,
    LocatedEvent,
    LocatedSegment,
    UserPropertyCondition,
)
from heapgen.lock import LockEntry
from heapgen.naming import EVENT_MODEL_PREFIX, RESERVED_TABLES, SEGMENT_MODEL_PREFIX, heap_name


@dataclass(frozen=True)
class CompiledSegment:
    segment_id: str  # its view name
    model: str
    name: str
    file: Path
    sync: bool
    notes: str | None
    where: dict[str, Any]
    definition_hash: str


class _Compiler:
    def __init__(
        self, events: list[LocatedEvent], lock: list[LockEntry], segment: LocatedSegment
    ) -> None:
        self.events = {e.definition.name: e for e in events}
        self.tables = {entry.name: entry.table for entry in lock}
        self.segment = segment
        self.problems: list[tuple[Path, int, str]] = []

    def condition(self, condition: Any, path: tuple[Any, ...]) -> dict[str, Any]:
        if isinstance(condition, AllOfCondition | AnyOfCondition):
            kind = "all_of" if isinstance(condition, AllOfCondition) else "any_of"
            children = getattr(condition, kind)
            return {
                "kind": kind,
                "conditions": [
                    self.condition(child, (*path, kind, i)) for i, child in enumerate(children)
                ],
            }
        if isinstance(condition, UserPropertyCondition):
            field = user_field(condition.user_property)
            compiled = compile_filter(
                condition.user_property,
                condition.op,
                condition.value,
                condition.case_insensitive,
                source="user",
            )
            return {"kind": "user_property", "filter": {**compiled, "column": field["column"]}}
        if isinstance(condition, DidCondition | DidNotCondition):
            kind = "did" if isinstance(condition, DidCondition) else "did_not"
            count = getattr(condition, kind)
            self.check_event(count.event, (*path, kind, "event"))
            table = self.tables.get(count.event, "")
            return {
                "kind": kind,
                "event": count.event,
                "label_id": table,
                "model": EVENT_MODEL_PREFIX + table,
                "at_least": count.at_least,
                "within_days": count.within_days,
            }
        raise TypeError(f"unexpected condition {condition!r}")  # pragma: no cover

    def check_event(self, name: str, path: tuple[Any, ...]) -> None:
        segment = self.segment
        where = (segment.file, segment.line_of(*path))
        event = self.events.get(name)
        prefix = f"segment {segment.definition.name!r}: event {name!r}"
        if event is None:
            self.problems.append((*where, f"{prefix} is not a defined labeled event"))
        elif segment.definition.sync and not event.definition.sync:
            self.problems.append(
                (
                    *where,
                    f"{prefix} is not synced (sync: false), so it has no table to count "
                    "in; sync the event or the segment must not use it",
                )
            )
        elif segment.definition.sync and event.definition.archived:
            self.problems.append(
                (
                    *where,
                    f"{prefix} is archived: its table is no longer updated, so the "
                    "segment would count stale events; un-archive the event or drop the condition",
                )
            )


def _hash(payload: Any) -> str:
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def compile_segments(
    segments: list[LocatedSegment], events: list[LocatedEvent], lock: list[LockEntry]
) -> list[CompiledSegment]:
    """Every segment compiled, in definition order. View names are the snake_case of the
    name (or `view:`) and share the namespace of event tables: a view name that an event's
    table, a Heap Connect table or another segment already has is an error naming both."""
    problems: list[tuple[Path, int, str]] = []
    event_tables = {entry.table: entry.name for entry in lock}
    owners: dict[str, LocatedSegment] = {}
    compiled: list[CompiledSegment] = []
    for located in segments:
        d = located.definition
        view = d.view or heap_name(d.name)
        line = located.line_of("view") if d.view else located.line_of("name")
        prefix = f"segment {d.name!r}"
        if not view:
            problems.append(
                (
                    located.file,
                    line,
                    f"{prefix}: its name has no letters or digits to make a "
                    "view name from; set `view:`",
                )
            )
            continue
        if view in RESERVED_TABLES:
            problems.append(
                (
                    located.file,
                    line,
                    f"{prefix}: view {view!r} is a Heap Connect table of its "
                    "own; rename the segment or set `view:`",
                )
            )
            continue
        if view in event_tables:
            problems.append(
                (
                    located.file,
                    line,
                    f"{prefix} and event {event_tables[view]!r} both make "
                    f"table {view!r}; rename one or set `view:` / `table:`",
                )
            )
            continue
        if view in owners:
            other = owners[view]
            problems.append(
                (
                    located.file,
                    line,
                    f"segments {other.definition.name!r} "
                    f"({other.file}:{other.line_of('name')}) and {d.name!r} both make view "
                    f"{view!r}; rename one or set `view:`",
                )
            )
            continue
        owners[view] = located
        compiler = _Compiler(events, lock, located)
        where = compiler.condition(d.where, ("where",))
        problems.extend(compiler.problems)
        compiled.append(
            CompiledSegment(
                segment_id=view,
                model=SEGMENT_MODEL_PREFIX + view,
                name=d.name,
                file=located.file,
                sync=d.sync,
                notes=d.notes,
                where=where,
                definition_hash=_hash(where),
            )
        )
    if problems:
        raise DefinitionError(problems)
    return compiled
