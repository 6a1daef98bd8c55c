"""`heapgen status`: the last syncs and every output table as the warehouse holds them, and
which events the definitions and the lock file leave out. The warehouse is read through dbt
(macro sync_status, the way `heapgen plan` and `heapgen query` reach it), so every target
answers through one code path; nothing is written, nothing from a definition is evaluated."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from heapgen.contract import marked
from heapgen.dbt_runner import DbtError, first_error, invoke
from heapgen.generate import prepare
from heapgen.warehouse import duckdb_path, is_duckdb, pin_duckdb_path, require_database

# A table of events is stale when its newest event is older than this many sync periods
# (definitions/heap_connect.yml sync.frequency_hours): one missed sync is tolerated.
STALE_PERIODS = 2
DEFAULT_SYNCS = 5
_DURATION = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([mhd])\s*")
_UNITS = {"m": "minutes", "h": "hours", "d": "days"}


class StatusInputError(ValueError):
    """An option of `heapgen status` is wrong; nothing was read."""


def parse_duration(text: str) -> timedelta:
    """`--stale-after`: a number and a unit, m (minutes), h (hours) or d (days): 6h, 90m, 2d."""
    found = _DURATION.fullmatch(text)
    if found is None or float(found.group(1)) <= 0:
        raise StatusInputError(
            f"--stale-after {text!r}: give a positive number and a unit, m, h or d (e.g. 6h, 2d)"
        )
    return timedelta(**{_UNITS[found.group(2)]: float(found.group(1))})


def parse_time(text: str | None) -> datetime | None:
    """A time as the warehouse or `--now` gives it, as UTC without time zone."""
    if text is None:
        return None
    value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    return value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value


def parse_now(text: str | None) -> datetime:
    """`--now` (UTC, ISO 8601: 2026-01-31T12:00 or '2026-01-31 12:00:00'), else the clock."""
    if text is None:
        return datetime.now(UTC).replace(tzinfo=None)
    try:
        return parse_time(text)  # type: ignore[return-value]
    except ValueError:
        raise StatusInputError(
            f"--now {text!r} is not a time: give UTC as ISO 8601, e.g. 2026-01-31T12:00:00"
        ) from None


@dataclass(frozen=True)
class Sync:
    """One _sync_history row."""

    status: str
    start_time: datetime | None
    finish_time: datetime | None
    error: str | None
    next_scheduled_sync_at: datetime | None

    @property
    def seconds(self) -> float | None:
        if self.start_time is None or self.finish_time is None:
            return None
        return (self.finish_time - self.start_time).total_seconds()


@dataclass(frozen=True)
class TableStatus:
    """One output table or view as the warehouse holds it."""

    name: str
    kind: str  # event table | segment | table | incremental | view
    archived: bool
    rows: int
    newest_event_time: datetime | None  # tables of events only
    sync_info: dict[str, Any] | None  # an event table's last _sync_info row
    build: str | None  # how the last sync that built it did: batch, rebuild: <reason>, full
    built_at: datetime | None  # that sync's start
    stale: bool


@dataclass(frozen=True)
class Status:
    syncs: list[Sync]  # newest first
    tables: list[TableStatus]
    archived: list[str]  # archived events' tables: kept, no longer updated
    left_out: list[str]  # events with sync: false: no table
    removed: list[str]  # in the lock file, no longer defined: dropped by the next sync
    now: datetime
    stale_after: timedelta
    stale_after_from: str  # where the threshold comes from
    warnings: list[str] = field(default_factory=list)

    @property
    def latest(self) -> Sync | None:
        return self.syncs[0] if self.syncs else None

    @property
    def failed(self) -> bool:
        """The latest sync failed: `heapgen status` exits non-zero."""
        return self.latest is not None and self.latest.status == "failed"

    def as_json(self) -> dict[str, Any]:
        def text(value: datetime | None) -> str | None:
            return value.isoformat(sep=" ") if value is not None else None

        def sync(s: Sync) -> dict[str, Any]:
            return {
                "status": s.status,
                "start_time": text(s.start_time),
                "finish_time": text(s.finish_time),
                "seconds": s.seconds,
                "error": s.error,
                "next_scheduled_sync_at": text(s.next_scheduled_sync_at),
            }

        return {
            "now": text(self.now),
            "latest_sync": sync(self.latest) if self.latest else None,
            "failed": self.failed,
            "syncs": [sync(s) for s in self.syncs],
            "tables": [
                {
                    "name": t.name,
                    "kind": t.kind,
                    "archived": t.archived,
                    "rows": t.rows,
                    "newest_event_time": text(t.newest_event_time),
                    "last_sync_info": t.sync_info,
                    "last_build": t.build,
                    "last_build_sync_started": text(t.built_at),
                    "stale": t.stale,
                }
                for t in self.tables
            ],
            "archived": self.archived,
            "left_out": self.left_out,
            "removed": self.removed,
            "stale_after_hours": self.stale_after.total_seconds() / 3600,
            "stale_after_from": self.stale_after_from,
            "warnings": self.warnings,
        }


def status_operation(syncs: int = DEFAULT_SYNCS) -> list[str]:
    """The dbt command that reads the warehouse's side of a status: macro sync_status logs
    the newest `syncs` syncs and the output tables (under the marker "status")."""
    return ["run-operation", "sync_status", "--args", json.dumps({"syncs": syncs})]


def _warehouse(project_dir: Path, target: str | None, syncs: int) -> dict[str, Any]:
    if is_duckdb(target):  # a mistyped path must not create an empty database
        require_database(duckdb_path(project_dir))
    pin_duckdb_path(project_dir)
    run = invoke([*status_operation(syncs), "--no-write-json"], project_dir, target)
    found = marked(run.messages, "status")
    if found is None:
        raise DbtError(f"cannot read the sync status: {first_error(run)}")
    return json.loads(found)


def read_status(
    project_dir: Path,
    definitions_dir: Path,
    *,
    target: str | None = None,
    syncs: int = DEFAULT_SYNCS,
    now: datetime | None = None,
    stale_after: timedelta | None = None,
) -> Status:
    """The warehouse's last `syncs` syncs and output tables, the events the definitions leave
    out, and the tables of events whose newest event is older than `stale_after` at `now`
    (default: STALE_PERIODS sync periods, sync.frequency_hours)."""
    generation = prepare(project_dir, definitions_dir)  # reads and validates, writes nothing
    return status_of(
        generation, _warehouse(project_dir, target, syncs), now=now, stale_after=stale_after
    )


def status_of(
    generation: Any,
    found: dict[str, Any],
    *,
    now: datetime | None = None,
    stale_after: timedelta | None = None,
) -> Status:
    """The status from the prepared definitions (heapgen.generate.prepare) and what macro
    sync_status logged (`found`)."""
    if stale_after is None:
        hours = generation.definitions.settings.sync.frequency_hours
        stale_after = timedelta(hours=STALE_PERIODS * hours)
        source = f"{STALE_PERIODS} x sync.frequency_hours ({hours:g} h)"
    else:
        source = "--stale-after"
    now = now or parse_now(None)
    history = [
        Sync(
            s["status"],
            parse_time(s["start_time"]),
            parse_time(s["finish_time"]),
            s["error"],
            parse_time(s["next_scheduled_sync_at"]),
        )
        for s in found["syncs"]
    ]
    tables = []
    for t in found["tables"]:
        newest = parse_time(t["newest_event_time"])
        build = t["build"] or {}
        stale = not t["archived"] and newest is not None and now - newest > stale_after
        tables.append(
            TableStatus(
                t["name"],
                t["kind"],
                t["archived"],
                t["rows"],
                newest,
                t["sync_info"],
                build.get("build"),
                parse_time(build.get("sync_started")),
                stale,
            )
        )
    labels = generation.labels
    defined = {label.label_id for label in labels}
    status = Status(
        history,
        tables,
        archived=[label.label_id for label in labels if label.sync and label.archived],
        left_out=[label.label_id for label in labels if not label.sync],
        removed=sorted({e.table for e in generation.previous_lock} - defined),
        now=now,
        stale_after=stale_after,
        stale_after_from=source,
    )
    status.warnings.extend(_warnings(status))
    return status


def age(delta: timedelta) -> str:
    """A duration for people: 3d 4h, 5h 12m, 40m."""
    minutes = int(delta.total_seconds() // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return f"{days}d {hours}h"
    return f"{hours}h {minutes}m" if hours else f"{minutes}m"


def _warnings(status: Status) -> list[str]:
    stale = [t for t in status.tables if t.stale]
    if not stale:
        return []
    tables = ", ".join(
        f"{t.name} ({age(status.now - t.newest_event_time)} ago)"  # type: ignore[operator]
        for t in stale
    )
    return [
        f"{len(stale)} table(s) whose newest event is older than {age(status.stale_after)} "
        f"({status.stale_after_from}): {tables}"
    ]
