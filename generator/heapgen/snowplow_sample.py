"""`heapgen sample --source snowplow`: the sample's activity as Snowplow's enriched events
(atomic.events in the enriched form, JSON lines: self-describing events in `unstruct_event`),
so that the same activity can be synced through either source and the tables compared
(tests/python/test_snowplow_sample.py).

The sample is written as raw capture first (heapgen.sample) and converted row by row:

* ids: an event's event_id is its Heap event_id as a UUID, a user's domain_userid and a
  session's domain_sessionid as heapgen.posthog_sample writes PostHog's (heapgen.ids.string_id
  of them gives the numbers the Snowplow source syncs);
* `session` events are not events in Snowplow: their fields travel on every event of the
  session, as the JavaScript tracker and the enrichments put the browser, device, geography,
  referrer and campaign on every event;
* web page views become `page_view`, clicks `link_click`, submits `submit_form` and changes
  `change_form`, with the target element's id and classes (the last element of Heap's
  hierarchy: Snowplow names only that element); custom events become self-describing events
  of vendor `com.example` named as in Heap, their properties their data (Iglu schema names
  cannot hold spaces; the adapter reads event_name as it is); server-side events have
  platform `srv` and no session;
* Heap's mobile events (the iOS and Android libraries) are left out: the adapter reads
  Snowplow's web and server events (docs/sources/snowplow.md);
* an identify becomes a `page_ping` of the user carrying the identity as user_id at the
  identify's time (page pings are not Heap events; any event's user_id identifies); user
  property updates have no Snowplow counterpart and are left out.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from heapgen.posthog_sample import distinct_id, event_uuid, session_uuid
from heapgen.sample import SampleStats, raw_rows, session_rows, write_converted_sample
from heapgen.selectors import parse_hierarchy
from heapgen.snowplow import UNSTRUCT_SCHEMA

MOBILE = ("iOS", "android")
ELEMENT_EVENTS = {"click": "link_click", "submit": "submit_form", "change": "change_form"}
SNOWPLOW_VENDOR = "com.snowplowanalytics.snowplow"
CUSTOM_VENDOR = "com.example"


def domain_userid(user_id: int) -> str:
    return distinct_id(user_id)


def write_snowplow_sample(
    out_dir: Path, users: int, days: int, seed: int, progress: Any = None
) -> SampleStats:
    """Write `out_dir/events.jsonl`: the activity `heapgen sample` writes for these
    arguments, as Snowplow's enriched events."""
    return write_converted_sample(out_dir, users, days, seed, progress, convert)


def convert(raw_dir: Path) -> Iterator[dict[str, Any]]:
    """The raw capture of `raw_dir` as enriched events (see the module's docstring)."""
    sessions = session_rows(raw_dir)
    for row in raw_rows(raw_dir / "events.jsonl"):
        if (row["type"] == "session" and not row.get("is_custom")) or row["library"] in MOBILE:
            continue
        yield _event(row, sessions.get(row.get("session_id")))
    for row in raw_rows(raw_dir / "identifies.jsonl"):
        key = f"identify:{row['user_id']}:{row['identity']}:{row['time']}:{row['loaded_at']}"
        yield {
            **_atomic(key, row["user_id"], None, row["time"], row["loaded_at"]),
            "event": "page_ping",
            "user_id": row["identity"],
        }


def _atomic(
    event_id: str, user_id: int, session_id: int | None, time: str, loaded_at: str
) -> dict[str, Any]:
    return {
        "event_id": event_id,
        "platform": "web" if session_id is not None else "srv",
        "domain_userid": domain_userid(user_id),
        "domain_sessionid": session_uuid(session_id) if session_id is not None else None,
        "derived_tstamp": time,
        "collector_tstamp": loaded_at,
    }


def _unstruct(vendor: str, name: str, data: dict[str, Any]) -> dict[str, Any]:
    return {
        "event": "unstruct",
        "event_vendor": vendor,
        "event_name": name,
        "event_format": "jsonschema",
        "event_version": "1-0-0",
        "unstruct_event": {
            "schema": UNSTRUCT_SCHEMA,
            "data": {"schema": f"iglu:{vendor}/{name}/jsonschema/1-0-0", "data": data},
        },
    }


def _event(row: dict[str, Any], session: dict[str, Any] | None) -> dict[str, Any]:
    atomic = _atomic(
        event_uuid(row["event_id"]), row["user_id"], row.get("session_id"), row["time"],
        row["loaded_at"],
    )  # fmt: skip
    fields = session or {}
    for heap, snowplow in (
        ("platform", "os_family"),
        ("browser", "br_family"),
        ("country", "geo_country"),
        ("region", "geo_region_name"),
        ("city", "geo_city"),
        ("referrer", "page_referrer"),
        ("search_keyword", "refr_term"),
        ("utm_source", "mkt_source"),
        ("utm_campaign", "mkt_campaign"),
        ("utm_medium", "mkt_medium"),
        ("utm_term", "mkt_term"),
        ("utm_content", "mkt_content"),
    ):
        atomic[snowplow] = fields.get(heap)
    device_type = fields.get("device_type")
    atomic["dvce_type"] = "Computer" if device_type == "Desktop" else device_type
    atomic["page_urlhost"], atomic["page_urlpath"] = row.get("domain"), row.get("path")
    atomic["page_title"] = row.get("title")
    atomic["page_urlquery"] = (row.get("query") or "").removeprefix("?") or None
    atomic["page_urlfragment"] = (row.get("hash") or "").removeprefix("#") or None
    if row.get("heap_previous_page") is not None:
        atomic["refr_urlhost"] = row.get("domain")
        atomic["refr_urlpath"] = row["heap_previous_page"]
    if row.get("is_custom"):
        atomic.update(_unstruct(CUSTOM_VENDOR, row["type"], row.get("properties") or {}))
    elif row["type"] == "view page":
        atomic["event"] = "page_view"
    else:
        atomic.update(_unstruct(SNOWPLOW_VENDOR, ELEMENT_EVENTS[row["type"]], _element(row)))
    return atomic


def _element(row: dict[str, Any]) -> dict[str, Any]:
    """The data of a link_click, submit_form or change_form event: the target element (the
    last of Heap's hierarchy), a click's URL and text."""
    elements = parse_hierarchy(row.get("hierarchy"))
    target = elements[-1] if elements else None
    element_id = target.id if target else None
    classes = sorted(target.classes) if target else []
    if row["type"] == "click":
        data = {"targetUrl": row.get("href"), "elementContent": row.get("target_text")}
        return {**data, "elementId": element_id, "elementClasses": classes}
    if row["type"] == "submit":
        return {"formId": element_id, "formClasses": classes, "elements": []}
    return {
        "formId": None,
        "elementId": element_id,
        "nodeName": (target.tag if target else "input").upper(),
        "elementClasses": classes,
        "value": None,
    }
