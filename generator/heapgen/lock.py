"""`heapgen.lock.yml`: each event's table name, fixed at first generation.

The lock is committed with the definitions. An event keeps the table it was first given:
through renames (a lock entry whose event is gone and whose definition hash equals a new
event's is the same event renamed), until `table:` says otherwise. Two events on one table
name, or an event on a name the Heap Connect schema uses itself, are errors naming both.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from heapgen import __version__
from heapgen.criteria import CompiledEvent
from heapgen.definitions import DefinitionError, LocatedEvent
from heapgen.naming import RESERVED_TABLES, heap_name

LOCK_FILE = "heapgen.lock.yml"
HEADER = (
    "# written by `heapgen generate` — commit it. Each event's table name is fixed here at\n"
    "# first generation and kept through renames; set `table:` in the definition to change it.\n"
)


@dataclass(frozen=True)
class LockEntry:
    name: str
    table: str
    definition_hash: str
    synced: bool = True
    libraries: tuple[str, ...] = ()


def read_lock(project_dir: Path) -> list[LockEntry]:
    path = project_dir / LOCK_FILE
    if not path.is_file():
        return []
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}
    try:
        return [
            LockEntry(**{**entry, "libraries": tuple(entry.get("libraries", ()))})
            for entry in data.get("events", [])
        ]
    except TypeError as exc:
        raise DefinitionError([(path, 1, f"unreadable lock file: {exc}")]) from None


def render_lock(entries: list[LockEntry]) -> str:
    body: dict[str, Any] = {
        "generator": f"heapgen {__version__}",
        "events": [
            {
                "name": e.name,
                "table": e.table,
                "definition_hash": e.definition_hash,
                "synced": e.synced,
                "libraries": list(e.libraries),
            }
            for e in sorted(entries, key=lambda e: e.table)
        ],
    }
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text = yaml.dump(body, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)
    return HEADER + text


def assign_tables(
    events: list[LocatedEvent], compiled: dict[str, CompiledEvent], lock: list[LockEntry]
) -> list[LockEntry]:
    """The lock after this generation: one entry per defined event, in definition order."""
    by_name = {entry.name: entry for entry in lock}
    defined = {event.definition.name for event in events}
    orphans = [entry for entry in lock if entry.name not in defined]
    entries: list[LockEntry] = []
    owner: dict[str, LocatedEvent] = {}
    problems: list[tuple[Path, int, str]] = []
    for event in events:
        name = event.definition.name
        digest = compiled[name].definition_hash
        table = event.definition.table
        if table is None and name in by_name:
            table = by_name[name].table
        if table is None:
            renamed = [o for o in orphans if o.definition_hash == digest]
            if len(renamed) == 1:
                table = renamed[0].table
                orphans.remove(renamed[0])
        if table is None:
            table = heap_name(name)
        line = event.line_of("table") if event.definition.table else event.line_of("name")
        if not table:
            problems.append(
                (
                    event.file,
                    line,
                    f"event {name!r}: its name has no letters or "
                    "digits to make a table name from; set `table:`",
                )
            )
            continue
        if table in RESERVED_TABLES:
            problems.append(
                (
                    event.file,
                    line,
                    f"event {name!r}: table {table!r} is a Heap "
                    "Connect table of its own; rename the event or set `table:`",
                )
            )
            continue
        if table in owner:
            other = owner[table]
            problems.append(
                (
                    event.file,
                    line,
                    f"events {other.definition.name!r} "
                    f"({other.file}:{other.line_of('name')}) and {name!r} both make "
                    f"table {table!r}; rename one or set `table:`",
                )
            )
            continue
        owner[table] = event
        entries.append(
            LockEntry(
                name=name,
                table=table,
                definition_hash=digest,
                synced=event.definition.sync,
                libraries=tuple(compiled[name].libraries),
            )
        )
    if problems:
        raise DefinitionError(problems)
    return entries
