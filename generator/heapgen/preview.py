"""`heapgen preview`: what a labeled event, segment or defined property would hold, before a
sync, read from the warehouse's intermediate tables as the last sync left them.

The definitions are read and compiled by `heapgen.generate.prepare` (the loader and compilers
`heapgen generate` and `heapgen check` use, so a bad definition gives the same file:line
errors), then passed as data (JSON arguments, never SQL or Jinja) to the macro
`heap_connect.preview` in one `dbt run-operation`, which matches events with the sync's own
tagging macro for those labels only and runs nothing but select statements
(docs/decisions/0040-preview-through-the-sync-macros.md).
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from heapgen.contract import marked
from heapgen.dbt_runner import DbtError, first_error, invoke
from heapgen.generate import prepare
from heapgen.warehouse import duckdb_path, is_duckdb, pin_duckdb_path, require_database

TOP_FIELDS = ("target_text", "path", "hierarchy")


class PreviewError(ValueError):
    """A preview cannot be made as asked (an unknown name, a missing file); one line."""


@dataclass(frozen=True)
class Counted:
    """A value (a day, a field's value; None: unset) and its events and distinct users."""

    value: str | None
    events: int
    users: int


@dataclass(frozen=True)
class TableChange:
    """What a rebuild of an existing event table from the previewed definition would do."""

    table: str
    rows: int  # rows the table holds now
    users: int
    added: int  # rows it would gain (events the definition matches that it lacks)
    added_users: int
    removed: int  # rows it would lose
    removed_users: int
    added_ids: list[int]  # the first few, by event_id
    removed_ids: list[int]


@dataclass(frozen=True)
class LabelPreview:
    name: str
    table: str  # its table name (fixed in the lock file, or the one its first sync gives)
    file: str  # the definitions file it comes from
    sync: bool
    events: int  # over all history
    users: int
    first_time: str | None
    last_time: str | None
    since: date | None
    window_events: int  # from `since` on (all history without it)
    window_users: int
    days: list[Counted]  # per day of the window
    weeks: list[Counted]  # per week, from Monday (heap_connect.week_start)
    top: dict[str, list[Counted]]  # TOP_FIELDS: their most common values in the window
    columns: list[str]  # the built-in columns of its table
    examples: list[list[str | None]]  # its latest events in the window, as its table has them
    change: TableChange | None  # None: it has no table in the warehouse


@dataclass(frozen=True)
class SegmentPreview:
    name: str
    view: str
    members: int
    users: int  # every user in `users`
    as_of: str  # the time `within_days` counts back from (UTC)


@dataclass(frozen=True)
class Distribution:
    rows: int  # rows that carry the column
    values: list[tuple[str | None, int]]  # the most common values and their rows


@dataclass(frozen=True)
class PropertyPreview:
    name: str
    column: str
    scope: str
    rows_of: dict[str, Distribution]  # events and sessions (event scope), or users


@dataclass(frozen=True)
class Preview:
    labels: list[LabelPreview]
    segments: list[SegmentPreview]
    properties: list[PropertyPreview]


def _find(kind: str, name: str, named: dict[str, Any], aliases: dict[str, str]) -> Any:
    """The definition called `name` (or whose table / view / column is `name`), else a
    PreviewError naming the closest names."""
    if name in named:
        return named[name]
    if name in aliases:
        return named[aliases[name]]
    close = difflib.get_close_matches(name, list(named), n=3, cutoff=0.5)
    close += [aliases[c] for c in difflib.get_close_matches(name, list(aliases), n=3, cutoff=0.5)]
    close = list(dict.fromkeys(close))[:3]
    hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    raise PreviewError(f"no {kind} named {name!r} in the definitions{hint}")


def _definitions(project_dir: Path, definitions: Path | None) -> tuple[Path, Path | None]:
    """(the definitions folder, a file read over it): --definitions is a folder, or one file
    (not saved under the folder yet, or an edited copy) read over PROJECT_DIR/definitions."""
    if definitions is None:
        return project_dir / "definitions", None
    if definitions.is_dir():
        return definitions, None
    if definitions.is_file():
        return project_dir / "definitions", definitions
    raise PreviewError(f"{definitions}: no such definitions folder or file")


def _segment_events(condition: dict[str, Any]) -> list[dict[str, Any]]:
    """The labeled events a compiled segment condition counts, at any depth."""
    if condition["kind"] in ("all_of", "any_of"):
        return [e for child in condition["conditions"] for e in _segment_events(child)]
    if condition["kind"] in ("did", "did_not"):
        return [{key: condition[key] for key in ("event", "label_id", "model")}]
    return []


def _counted(rows: list[list[Any]]) -> list[Counted]:
    return [Counted(value, events, users) for value, events, users in rows]


@dataclass(frozen=True)
class Request:
    """A preview to make: the prepared definitions, the chosen ones, and the arguments of
    the run-operation (data only) that reads the warehouse for them."""

    project_dir: Path
    generation: Any  # heapgen.generate.prepare's result
    labels: list[Any]
    since: date | None
    args: dict[str, Any]

    @property
    def operation(self) -> list[str]:
        """The dbt command (YAML, dbt's --args, reads JSON as data: the definitions' values
        are never rendered)."""
        return ["run-operation", "preview", "--args", json.dumps(self.args, ensure_ascii=False)]


def request(
    project_dir: Path,
    definitions: Path | None = None,
    *,
    events: Sequence[str] = (),
    segments: Sequence[str] = (),
    properties: Sequence[str] = (),
    since: date | None = None,
    examples: int = 10,
    top: int = 5,
    values: int = 20,
) -> Request:
    """The preview of these labeled events, segments and defined properties (by name), as
    asked; reads the definitions only. Raises DefinitionError (as `heapgen check` would),
    PreviewError for an unknown name."""
    definitions_dir, overlay = _definitions(project_dir, definitions)
    generation = prepare(project_dir, definitions_dir, overlay)
    labels = {label.name: label for label in generation.labels}
    by_segment = {s.name: s for s in generation.segments}
    by_property = {p.name: p for p in generation.properties}
    chosen_labels = [
        _find("labeled event", n, labels, {x.label_id: x.name for x in labels.values()})
        for n in events
    ]
    chosen_segments = [
        _find("segment", n, by_segment, {s.segment_id: s.name for s in by_segment.values()})
        for n in segments
    ]
    chosen_properties = [
        _find("defined property", n, by_property, {p.column: p.name for p in by_property.values()})
        for n in properties
    ]
    args = {
        "labels": [
            {
                "label_id": label.label_id,
                "name": label.name,
                "criteria": label.criteria,
                "libraries": label.libraries,
            }
            for label in chosen_labels
        ],
        "segments": [
            {
                "segment_id": s.segment_id,
                "name": s.name,
                "where": s.where,
                "events": _segment_events(s.where),
            }
            for s in chosen_segments
        ],
        "properties": [
            {
                "name": p.name,
                "column": p.column,
                "scope": p.scope,
                "cases": p.cases,
                "default": p.default,
            }
            for p in chosen_properties
        ],
        "since": since.isoformat() if since else None,
        "examples": examples,
        "top": top,
        "values": values,
    }
    return Request(project_dir, generation, chosen_labels, since, args)


def preview(made: Request, *, target: str | None = None) -> Preview:
    """Run a preview `request` (labeled events, segments and defined properties by name) in
    one dbt invocation that only reads. Raises WarehouseError / DbtError for a warehouse it
    cannot read."""
    project_dir = made.project_dir
    if is_duckdb(target):  # a mistyped path must not create an empty database
        require_database(duckdb_path(project_dir))
    pin_duckdb_path(project_dir)
    command = [*made.operation, "--no-write-json"]  # dbt's JSON artifacts: a second at 1,000 labels
    run = invoke(command, project_dir, target)
    logged = marked(run.messages, "preview")
    if logged is None:
        # dbt's first line is only "Encountered an error ...: Compilation Error"
        reason = " ".join(run.errors[0].split()) if run.errors else first_error(run)
        reason = reason.split(" > in macro ")[0]  # not the Jinja call stack
        raise DbtError(f"dbt run-operation preview failed: {reason}")
    return read_preview(made, json.loads(logged))


def read_preview(made: Request, result: dict[str, Any]) -> Preview:
    """The preview from what macro `preview` logged for the request."""
    files = {label.name: label.file for label in made.generation.labels}
    return Preview(
        labels=[
            _label_preview(entry, label, files[label.name], made.since)
            for entry, label in zip(result["labels"], made.labels, strict=True)
        ],
        segments=[
            SegmentPreview(e["name"], e["segment_id"], e["members"], e["users"], e["as_of"])
            for e in result["segments"]
        ],
        properties=[
            PropertyPreview(
                e["name"],
                e["column"],
                e["scope"],
                {
                    name: Distribution(d["rows"], [(v, n) for v, n in d["values"]])
                    for name, d in e["rows_of"].items()
                },
            )
            for e in result["properties"]
        ],
    )


def _label_preview(
    entry: dict[str, Any], label: Any, file: str, since: date | None
) -> LabelPreview:
    events, users, first_time, last_time = entry["total"]
    window_events, window_users = entry["window"][:2]
    table = entry["table"]
    change = None
    if table is not None:
        change = TableChange(
            table=label.label_id,
            rows=table["rows"][0],
            users=table["rows"][1],
            added=table["added"][0],
            added_users=table["added"][1],
            removed=table["removed"][0],
            removed_users=table["removed"][1],
            added_ids=table["added_ids"],
            removed_ids=table["removed_ids"],
        )
    return LabelPreview(
        name=label.name,
        table=label.label_id,
        file=file,
        sync=label.sync,
        events=events,
        users=users,
        first_time=first_time,
        last_time=last_time,
        since=since,
        window_events=window_events,
        window_users=window_users,
        days=_counted(entry["day"]),
        weeks=_counted(entry["week"]),
        top={field: _counted(entry["top"][field]) for field in TOP_FIELDS},
        columns=entry["columns"],
        examples=entry["examples"],
        change=change,
    )
