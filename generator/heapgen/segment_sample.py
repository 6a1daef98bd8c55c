"""`heapgen sample --source segment|rudderstack`: the sample's activity as Segment's or
RudderStack's warehouse schema (docs/sources/segment.md), one JSON lines file per table, so
that the same activity can be synced through either source and the tables compared
(tests/python/test_segment_sample.py).

The sample is written as raw capture first (heapgen.sample) and converted row by row:

* ids: a call's `id` is its event_id as a UUID, a user's `anonymous_id` the user_id as a UUID
  (heapgen.ids.string_id of them gives the numbers the source syncs); RudderStack's
  `context_session_id` is the session's start in milliseconds, as its SDKs set it;
* `session` events are not calls: their fields travel in every call's context, as the SDKs
  send them (`context_campaign_*`, `context_page_referrer`, `context_os_*`, `context_app_*`,
  ...), the session's geography as `context_location_*`;
* web page views become `pages` rows, app screen views `screens` rows (the screen's name),
  custom and server-side events a `tracks` row and a row of their per-event table (named and
  with property columns in snake_case, as both trackers name them);
* Heap's autocapture (web clicks, submits, changes; mobile touches, field edits, gestures) has
  no counterpart in Segment's or RudderStack's SDKs: those rows are left out;
* identifies become `identifies` rows with the identity as `user_id`; user property updates
  `identifies` rows without a `user_id`, their properties as trait columns.

`source.yml` in the same folder is the `source:` block of definitions/heap_connect.yml that
reads them (the per-event tables and trait columns written).
"""

from __future__ import annotations

import json
import tempfile
import uuid
from collections import defaultdict
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from heapgen.naming import snake_case
from heapgen.posthog_sample import _iso
from heapgen.sample import SampleStats, raw_rows, write_sample

LIBRARIES = {
    "segment": {
        "web": "analytics.js",
        "iOS": "analytics-ios",
        "android": "analytics-android",
        "server": "analytics-python",
    },
    "rudderstack": {
        "web": "RudderLabs JavaScript SDK",
        "iOS": "rudder-ios-library",
        "android": "com.rudderstack.android.sdk.core",
        "server": "rudderstack-python-sdk",
    },
}
AUTOCAPTURE = ("click", "submit", "change", "touch", "edit field", "swipe")
NAMESPACE = uuid.UUID("0c6f3c0e-2b1d-4f7a-8f55-6a3e1d2c9b71")  # ids of identifies rows


def call_id(event_id: int) -> str:
    return str(uuid.UUID(int=event_id))


def anonymous_id(user_id: int) -> str:
    return str(uuid.UUID(int=user_id))


def session_key(user_id: int, session_start: str) -> str:
    """The string whose heapgen.ids.string_id is the session's id (stg_events)."""
    return f"{anonymous_id(user_id)}/{_milliseconds(session_start)}"


def _milliseconds(time: str) -> int:
    return round(datetime.fromisoformat(time + "+00:00").timestamp() * 1000)


def write_segment_sample(
    out_dir: Path, users: int, days: int, seed: int, progress: Any = None, kind: str = "segment"
) -> SampleStats:
    """Write `out_dir/<table>.jsonl` for every table and `out_dir/source.yml`: the activity
    `heapgen sample` writes for these arguments, in `kind`'s warehouse schema."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as raw:
        stats = write_sample(Path(raw), users, days, seed, progress)
        tables, source = convert(Path(raw), kind)
    for name, rows in tables.items():
        with (out_dir / f"{name}.jsonl").open("w") as out:
            for row in rows:
                out.write(json.dumps(row, separators=(",", ":")) + "\n")
    (out_dir / "source.yml").write_text(yaml.safe_dump({"source": source}, sort_keys=False))
    return stats


def write_rudderstack_sample(
    out_dir: Path, users: int, days: int, seed: int, progress: Any = None
) -> SampleStats:
    """`write_segment_sample` in RudderStack's warehouse schema."""
    return write_segment_sample(out_dir, users, days, seed, progress, kind="rudderstack")


def convert(raw_dir: Path, kind: str) -> tuple[dict[str, list[dict[str, Any]]], dict[str, Any]]:
    """The raw capture of `raw_dir` as rows of each table (see the module's docstring), and
    the `source:` block that reads them: each per-event table with its property columns, the
    trait columns of identifies."""
    tables: dict[str, list[dict[str, Any]]] = defaultdict(list)
    events: dict[str, dict[str, None]] = defaultdict(dict)
    traits: dict[str, None] = {}
    sessions = {
        row["session_id"]: row
        for row in raw_rows(raw_dir / "events.jsonl")
        if row["type"] == "session" and not row.get("is_custom")
    }
    for row in raw_rows(raw_dir / "events.jsonl"):
        custom = bool(row.get("is_custom"))
        if not custom and (row["type"] == "session" or row["type"] in AUTOCAPTURE):
            continue
        call = _call(row, sessions.get(row.get("session_id")), kind)
        if custom:
            table = snake_case(row["type"])
            track = {**call, "event": table, "event_text": row["type"]}
            props = {snake_case(k): v for k, v in (row.get("properties") or {}).items()}
            events[table].update(dict.fromkeys(props))
            tables["tracks"].append(track)
            tables[table].append({**track, **props})
        elif row["type"] == "view page":
            tables["pages"].append(call)
        else:
            tables["screens"].append({**call, "name": row.get("view_controller")})
    for row in raw_rows(raw_dir / "identifies.jsonl"):
        key = f"identify:{row['user_id']}:{row['identity']}:{row['time']}:{row['loaded_at']}"
        ids = _ids(str(uuid.uuid5(NAMESPACE, key)), row["user_id"], row["time"], row["loaded_at"])
        tables["identifies"].append({**ids, "user_id": row["identity"]})
    for row in raw_rows(raw_dir / "user_properties.jsonl"):
        props = json.dumps(row["properties"], sort_keys=True)
        key = f"traits:{row['user_id']}:{row['time']}:{props}"
        ids = _ids(str(uuid.uuid5(NAMESPACE, key)), row["user_id"], row["time"], row["loaded_at"])
        values = {snake_case(k): v for k, v in (row.get("properties") or {}).items()}
        traits.update(dict.fromkeys(values))
        tables["identifies"].append({**ids, **values})
    source = {
        "kind": kind,
        "schema": kind,
        "events": {name: sorted(columns) for name, columns in sorted(events.items())},
        "traits": sorted(traits),
    }
    return dict(tables), source


def _ids(row_id: str, user_id: int, time: str, loaded_at: str) -> dict[str, Any]:
    return {
        "id": row_id,
        "anonymous_id": anonymous_id(user_id),
        "user_id": None,
        "timestamp": _iso(time),
        "received_at": _iso(loaded_at),
        "uuid_ts": _iso(loaded_at),
    }


def _call(row: dict[str, Any], session: dict[str, Any] | None, kind: str) -> dict[str, Any]:
    library = row["library"]
    call = _ids(call_id(row["event_id"]), row["user_id"], row["time"], row["loaded_at"])
    call["context_library_name"] = LIBRARIES[kind][library]
    if kind == "rudderstack" and session is not None and library != "server":
        call["context_session_id"] = _milliseconds(session["time"])
    fields = session or {}
    for heap, context in (
        ("ip", "context_ip"),
        ("country", "context_location_country"),
        ("region", "context_location_region"),
        ("city", "context_location_city"),
        ("utm_source", "context_campaign_source"),
        ("utm_campaign", "context_campaign_name"),
        ("utm_medium", "context_campaign_medium"),
        ("utm_term", "context_campaign_term"),
        ("utm_content", "context_campaign_content"),
    ):
        if fields.get(heap) is not None:
            call[context] = fields[heap]
    if library == "web":
        if fields.get("referrer") is not None:
            call["context_page_referrer"] = fields["referrer"]
        if row.get("domain") is not None:
            parts = (row.get(part) or "" for part in ("path", "query", "hash"))
            call["context_page_url"] = f"https://{row['domain']}" + "".join(parts)
            call["context_page_path"] = row.get("path")
            call["context_page_search"] = row.get("query")
        if row.get("title") is not None:
            call["context_page_title"] = row["title"]
    elif library in ("iOS", "android"):
        if fields.get("platform") is not None:
            os_name, _, version = fields["platform"].partition(" ")
            call["context_os_name"], call["context_os_version"] = os_name, version
        for heap, context in (
            ("device", "context_device_model"),
            ("carrier", "context_network_carrier"),
            ("app_name", "context_app_name"),
            ("app_version", "context_app_version"),
            ("heap_device", "context_device_model"),
            ("heap_device_id", "context_device_id"),
            ("heap_app_name", "context_app_name"),
            ("heap_app_version", "context_app_version"),
        ):
            if fields.get(heap) is not None:
                call[context] = fields[heap]
    return call
