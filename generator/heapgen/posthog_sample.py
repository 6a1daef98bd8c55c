"""`heapgen sample --source posthog`: the sample's activity as PostHog's S3 batch export
writes it (the events model, JSON lines), so that the same activity can be synced through
either source and the tables compared (tests/python/test_posthog_sample.py).

The sample is written as raw capture first (heapgen.sample) and converted row by row:

* ids: an event's uuid is its event_id as a UUID, a user's distinct id `user-<user_id>`, a
  session's `$session_id` its session_id as a UUID (heapgen.ids.string_id of them gives the
  numbers the PostHog source syncs);
* `session` events are not events in PostHog: their fields travel on every event of the
  session, as PostHog's SDKs send `$os`, `$browser`, `$referrer`, UTM parameters ...;
* web page views become `$pageview`, clicks, submits and changes `$autocapture` with an
  `elements_chain` written from the hierarchy (PostHog's format, clicked element first);
  app screen views `$screen`; custom and server-side events keep their name and properties;
* Heap's mobile autocapture (touch, edit field, gestures) has no PostHog counterpart in its
  SDKs' events: those rows are left out;
* identifies become `$identify` events (the identity as distinct id, the user's id as
  `$anon_distinct_id`), user property updates `$set` events.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from heapgen.sample import SampleStats, raw_rows, session_rows, write_converted_sample
from heapgen.selectors import parse_hierarchy

LIBS = {
    "web": "web",
    "iOS": "posthog-ios",
    "android": "posthog-android",
    "server": "posthog-python",
}
EVENTS = {"view page": "$pageview", "view screen": "$screen"}
AUTOCAPTURE = ("click", "submit", "change")
NAMESPACE = uuid.UUID("5b2a5a3e-6d2f-4f4e-9a51-2f1c6f0e0a11")  # uuids of $identify, $set


def event_uuid(event_id: int) -> str:
    return str(uuid.UUID(int=event_id))


def session_uuid(session_id: int) -> str:
    return str(uuid.UUID(int=session_id))


def distinct_id(user_id: int) -> str:
    return f"user-{user_id}"


def write_posthog_sample(
    out_dir: Path, users: int, days: int, seed: int, progress: Any = None
) -> SampleStats:
    """Write `out_dir/events.jsonl`: the activity `heapgen sample` writes for these
    arguments, in PostHog's export format."""
    return write_converted_sample(out_dir, users, days, seed, progress, convert)


def _iso(time: str) -> str:
    """'2026-01-06 09:51:32.301' (UTC) -> '2026-01-06T09:51:32.301000Z'."""
    date, clock = time.split(" ")
    whole, _, fraction = clock.partition(".")
    return f"{date}T{whole}.{fraction.ljust(6, '0')}Z"


def _posthog_row(
    row_id: str, event: str, who: str, time: str, loaded_at: str, props: dict[str, Any], chain: str
) -> dict[str, Any]:
    return {
        "uuid": row_id,
        "event": event,
        "distinct_id": who,
        "person_id": None,
        "properties": props,
        "person_properties": {},
        "elements_chain": chain,
        "timestamp": _iso(time),
        "created_at": _iso(loaded_at),
        "_inserted_at": _iso(loaded_at),
    }


def convert(raw_dir: Path) -> Iterator[dict[str, Any]]:
    """The raw capture of `raw_dir` as PostHog export rows (see the module's docstring)."""
    sessions = session_rows(raw_dir)
    for row in raw_rows(raw_dir / "events.jsonl"):
        if row["type"] == "session" and not row.get("is_custom"):
            continue
        mobile = row["library"] in ("iOS", "android") and not row.get("is_custom")
        if mobile and row["type"] != "view screen":
            continue  # touches, field edits, gestures: Heap's mobile autocapture
        yield _event(row, sessions.get(row.get("session_id")))
    for row in raw_rows(raw_dir / "identifies.jsonl"):
        key = f"identify:{row['user_id']}:{row['identity']}:{row['time']}:{row['loaded_at']}"
        props = {"$anon_distinct_id": distinct_id(row["user_id"])}
        yield _posthog_row(
            str(uuid.uuid5(NAMESPACE, key)), "$identify", row["identity"], row["time"],
            row["loaded_at"], props, "",
        )  # fmt: skip
    for row in raw_rows(raw_dir / "user_properties.jsonl"):
        key = f"set:{row['user_id']}:{row['time']}:{json.dumps(row['properties'], sort_keys=True)}"
        yield _posthog_row(
            str(uuid.uuid5(NAMESPACE, key)), "$set", distinct_id(row["user_id"]), row["time"],
            row["loaded_at"], {"$set": row.get("properties")}, "",
        )  # fmt: skip


def _event(row: dict[str, Any], session: dict[str, Any] | None) -> dict[str, Any]:
    library = row["library"]
    props: dict[str, Any] = {"$lib": LIBS[library]}
    if row.get("session_id") is not None:
        props["$session_id"] = session_uuid(row["session_id"])
    fields = session or {}
    for heap, posthog in (
        ("device_type", "$device_type"),
        ("country", "$geoip_country_name"),
        ("region", "$geoip_subdivision_1_name"),
        ("city", "$geoip_city_name"),
        ("ip", "$ip"),
        ("browser", "$browser"),
    ):
        if fields.get(heap) is not None:
            props[posthog] = fields[heap]
    if library == "web":
        if fields.get("platform") is not None:
            props["$os"] = fields["platform"]
        props["$referrer"] = fields.get("referrer") or "$direct"
        for key in ("utm_source", "utm_campaign", "utm_medium", "utm_term", "utm_content"):
            if fields.get(key) is not None:
                props[key] = fields[key]
        if row.get("domain") is not None:
            props["$host"] = row.get("domain")
            props["$pathname"] = row.get("path")
            url = f"https://{row.get('domain')}{row.get('path') or ''}{row.get('query') or ''}"
            props["$current_url"] = url + (row.get("hash") or "")
        if row.get("heap_previous_page") is not None:
            props["$prev_pageview_pathname"] = row.get("heap_previous_page")
    elif library in ("iOS", "android"):
        if row.get("view_controller") is not None:  # the SDKs send it with every event
            props["$screen_name"] = row["view_controller"]
        if fields.get("platform") is not None:
            os_name, _, version = fields["platform"].partition(" ")
            props["$os"], props["$os_version"] = os_name, version
        for heap, posthog in (
            ("device", "$device_model"),
            ("carrier", "$network_carrier"),
            ("app_name", "$app_name"),
            ("app_version", "$app_version"),
            ("heap_device", "$device_model"),
            ("heap_device_id", "$device_id"),
            ("heap_app_name", "$app_name"),
            ("heap_app_version", "$app_version"),
        ):
            if fields.get(heap) is not None:
                props[posthog] = fields[heap]
    chain = ""
    if row.get("is_custom"):
        event = row["type"]
    elif row["type"] in AUTOCAPTURE:
        event = "$autocapture"
        props["$event_type"] = row["type"]
        if row.get("target_text") is not None:
            props["$el_text"] = row.get("target_text")
        chain = elements_chain(row.get("hierarchy"), row.get("href"), row.get("target_text"))
    else:
        event = EVENTS[row["type"]]
        if event == "$pageview" and row.get("title") is not None:
            props["title"] = row.get("title")

    props.update(row.get("properties") or {})
    return _posthog_row(
        event_uuid(row["event_id"]), event, distinct_id(row["user_id"]), row["time"],
        row["loaded_at"], props, chain,
    )  # fmt: skip


def _quoted(value: str) -> str:
    return '"' + value.replace('"', '\\"') + '"'


def elements_chain(hierarchy: str | None, href: str | None, text: str | None) -> str:
    """A Heap hierarchy as PostHog's elements_chain: the clicked element first, each element
    `tag.classes:` and its keys in alphabetical order, as PostHog's elementsToString writes
    them (`attr__class`, `attr__id`, `attr__<name>`; `href` and `text` on the clicked one)."""
    elements = parse_hierarchy(hierarchy)
    written = []
    for position, element in enumerate(reversed(elements)):
        keys: dict[str, str] = {}
        classes = sorted(element.classes)
        if classes:
            keys["attr__class"] = " ".join(classes)
        if element.id is not None:
            keys["attr__id"] = element.id
        for name, value in element.attrs.items():
            keys[f"attr__{name}"] = value
        if position == 0 and href is not None:
            keys["href"] = href
        if position == 0 and text is not None:
            keys["text"] = text
        keys["nth-child"] = keys["nth-of-type"] = "1"
        head = element.tag + "".join("." + name for name in classes)
        written.append(head + ":" + "".join(f"{k}={_quoted(keys[k])}" for k in sorted(keys)))
    return ";".join(written)
