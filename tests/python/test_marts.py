"""The opt-in marts (var heap_connect__marts, docs/marts.md): users_enhanced and
sessions_enhanced recomputed in Python from the raw rows (reference.py's reading of sessions,
pageviews and migrations; the seed CSV for referrers), every column of both compared with a
sync of a sample, the identity fixture (a chain of merged users) and rows written for the
cases the sample lacks, then a sync that the marts take as a batch (a merged person's new
session, a user's new first session). Their incremental syncs are compared with full builds by
test_sync_equivalence.py, test_sync_lifecycle.py and test_user_deletion.py (conftest.enable_marts);
a default build has none of them: test_pipeline.py."""

from __future__ import annotations

import csv
import json
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import NamedTuple

import pytest

from conftest import FIXTURES, MARTS, REPO, columns, copy_project, enable_marts, keep_events, query
from heapgen.definitions import load_definitions
from heapgen.load import load_directory
from heapgen.sample import write_sample
from heapgen.sync import sync
from reference import (
    defined_value,
    is_pageview,
    migrations,
    read_jsonl,
    resolved,
    session_value,
    sessions_of,
    unique_events,
)

OUT = "main_production"
SEED = REPO / "seeds" / "heap_connect_marts" / "heap_connect__referrer_domains.csv"
# the columns each mart adds after the table it copies, with their DuckDB types
SESSIONS_ADDED = [
    ("end_time", "TIMESTAMP"),
    ("duration_seconds", "DOUBLE"),
    ("event_count", "BIGINT"),
    ("pageview_count", "BIGINT"),
    ("exit_page", "VARCHAR"),
    ("session_index", "BIGINT"),
    ("referrer_medium", "VARCHAR"),
    ("referrer_source", "VARCHAR"),
    ("gclid", "VARCHAR"),
    ("fbclid", "VARCHAR"),
]
INITIAL = [  # users_enhanced's initial_<x>: the first session's <x>
    "referrer",
    "landing_page",
    "utm_source",
    "utm_medium",
    "utm_campaign",
    "utm_term",
    "utm_content",
    "marketing_channel",  # the shipped definitions define Marketing Channel
    "browser",
    "device_type",
    "platform",
    "country",
    "region",
    "city",
]
USERS_ADDED = [(f"initial_{name}", "VARCHAR") for name in INITIAL] + [
    ("session_count", "BIGINT"),
    ("pageview_count", "BIGINT"),
    ("first_seen_at", "TIMESTAMP"),
    ("last_seen_at", "TIMESTAMP"),
]


def event(event_id: int, user_id: int, session_id: int | None, time: str, **fields) -> dict:
    library = fields.pop("library", "web")
    kind = fields.pop("type", "view page")
    return {
        "event_id": event_id,
        "user_id": user_id,
        "session_id": session_id,
        "time": time,
        "loaded_at": time,
        "library": library,
        "type": kind,
        "is_custom": False,
        **fields,
    }


# What the sample does not have: a referrer by an email client under a listed search domain
# (mail.google.com before google.com), one from the site itself (internal: another case,
# a port), one under a listed parent (www.reddit.com), an unlisted one; click ids without the
# query's `?`, empty, and before a `#`; an earlier session that arrives as the user's first; a
# server-side event as the last seen; an app session; a user with user properties only, one
# of them named like a column users_enhanced adds (session_count).
CRAFTED_EVENTS = [
    event(900_001, 9001, 90_010, "2026-01-03 10:00:00", type="session",
          referrer="https://mail.google.com/mail/u/0/#inbox",
          landing_page="shop.example.com/pricing",
          landing_page_query="gclid=g1-_x&fbclid=&utm_medium=email", utm_medium="email"),
    event(900_002, 9001, 90_010, "2026-01-03 10:00:01", domain="shop.example.com", path="/pricing"),
    event(900_003, 9001, 90_010, "2026-01-03 10:01:00", type="click", domain="shop.example.com"),
    event(900_004, 9001, 90_010, "2026-01-03 10:03:30.250", domain="shop.example.com",
          path="/cart"),
    event(900_005, 9001, 90_011, "2026-01-02 08:00:00", type="session",
          referrer="http://Shop.Example.com:8080/blog", landing_page="shop.example.com/",
          browser="Firefox", country="Iceland"),
    event(900_006, 9001, 90_011, "2026-01-02 08:00:00", path="/"),
    event(900_007, 9001, None, "2026-01-04 12:00:00", library="server", type="Invoice Paid"),
    event(900_010, 9002, 90_020, "2026-01-02 09:00:00", type="session",
          referrer="https://www.reddit.com/r/trailrunning/", landing_page="blog.example.com/blog/x",
          landing_page_query="?x=1&fbclid=IwAR1#top"),
    event(900_011, 9002, 90_021, "2026-01-02 11:00:00", type="session",
          referrer="https://unknown.example.net/a?b=1", landing_page="shop.example.com/"),
    event(900_012, 9002, 90_021, "2026-01-02 11:00:02", type="click"),
    event(900_013, 9002, 90_022, "2026-01-02 12:00:00", library="iOS", type="session",
          platform="iOS 17"),
    event(900_014, 9002, 90_022, "2026-01-02 12:00:03", library="iOS", type="view screen",
          view_controller="HomeViewController"),
    event(900_015, 9002, 90_022, "2026-01-02 12:00:09", library="iOS", type="view screen",
          view_controller="CartViewController"),
]  # fmt: skip
CRAFTED_USER_PROPERTIES = [
    {
        "user_id": 9003,
        "time": "2026-01-02 00:00:00",
        "loaded_at": "2026-01-02 00:00:01",
        "properties": {"session_count": 7, "plan": "pro"},
    }
]


# Loaded for a second sync, which the marts take as a batch: a new session of the identity
# fixture's person (user 3, with users 1 and 2 merged into it: its counts read their events
# too), and a session of 9002 earlier than its first (its initial properties and every index
# of its sessions move).
LATE_EVENTS = [
    event(900_100, 3, 90_030, "2026-01-05 09:00:00", type="session",
          referrer="https://duckduckgo.com/", landing_page="shop.example.com/"),
    event(900_101, 3, 90_030, "2026-01-05 09:00:05", domain="shop.example.com", path="/"),
    event(900_102, 9002, 90_023, "2026-01-01 06:00:00", type="session",
          referrer="https://t.co/abc", landing_page="shop.example.com/x", utm_source="twitter"),
]  # fmt: skip


class Built(NamedTuple):
    db: Path
    project: Path
    raw: dict[str, list[dict]]  # the raw rows loaded, per raw table
    builds: dict[str, str]  # how the second sync built each table


def write_rows(folder: Path, **tables: list[dict]) -> Path:
    folder.mkdir()
    for table, rows in tables.items():
        (folder / f"{table}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """A sync with the marts on over a sample, the identity fixture and CRAFTED_*, then one
    over LATE_EVENTS."""
    root = tmp_path_factory.mktemp("marts")
    project = enable_marts(copy_project(root / "project"))
    keep_events(project, "View Pricing Page")
    write_sample(root / "sample", users=20, days=2, seed=4)
    crafted = write_rows(
        root / "crafted", events=CRAFTED_EVENTS, user_properties=CRAFTED_USER_PROPERTIES
    )
    late = write_rows(root / "late", events=LATE_EVENTS)
    db = root / "warehouse.duckdb"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HEAP_CONNECT_DB", str(db))
        for folder in (root / "sample", FIXTURES / "identity", crafted):
            load_directory(db, folder)
        sync(project, project / "definitions")
        load_directory(db, late)
        builds = sync(project, project / "definitions").builds
    folders = [root / "sample", FIXTURES / "identity", crafted, late]
    raw = {}
    for table in ("events", "identifies", "user_properties"):
        raw[table] = read_jsonl(
            *(f / f"{table}.jsonl" for f in folders if (f / f"{table}.jsonl").exists())
        )
    return Built(db, project, raw, builds)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def rows_by(db: Path, table: str, key: str) -> tuple[list[str], dict]:
    names = [name for name, _ in columns(db, OUT, table)]
    rows = query(db, f"select * from {OUT}.{table}")
    return names, {row[names.index(key)]: dict(zip(names, row, strict=True)) for row in rows}


def url_host(url: str | None) -> str | None:
    """The host of a URL written with or without a scheme, lower case."""
    if url is None:
        return None
    rest = url.split("://", 1)[1] if "://" in url else url
    for delimiter in "/?#:":
        rest = rest.split(delimiter, 1)[0]
    return rest.lower() or None


def referrer_of(referrer: str | None, landing_page: str | None) -> tuple[str | None, str | None]:
    """(medium, source) by docs/marts.md: internal, else the longest listed domain that is the
    host or a parent of it, else referral."""
    host = url_host(referrer)
    if host is None:
        return None, None
    if host == url_host(landing_page):
        return "internal", host
    with SEED.open(newline="") as handle:
        listed = [
            r
            for r in csv.DictReader(handle)
            if host == r["domain"] or host.endswith("." + r["domain"])
        ]
    if listed:
        best = max(listed, key=lambda r: len(r["domain"]))
        return best["medium"], best["source"]
    return "referral", host


def parameter(query_string: str | None, name: str) -> str | None:
    """The first value of `name` in a query string, as written; None when absent or empty."""
    for part in (query_string or "").lstrip("?").split("&"):
        if part.startswith(name + "="):
            return part[len(name) + 1 :].split("#", 1)[0] or None
    return None


def page_of(event: dict) -> str | None:
    if event["library"] == "web":
        return (event.get("domain") or "") + (event.get("path") or "") or None
    return event.get("view_controller")


def expected_marts(built: Built) -> tuple[dict, dict]:
    """(sessions_enhanced's added columns by session_id, users_enhanced's by user_id)."""
    events = unique_events(built.raw["events"])
    moves = migrations(built.raw["identifies"])
    channel = next(
        p.definition
        for p in load_definitions(built.project / "definitions").defined_properties
        if p.definition.name == "Marketing Channel"
    )
    by_session: dict[int, list[dict]] = {}
    for e in events:
        if e.get("session_id") is not None:
            by_session.setdefault(e["session_id"], []).append(e)
    sessions = {}
    for session_id, s in sessions_of(events).items():
        members = by_session[session_id]
        end = max(at(e["time"]) for e in members)
        pages = sorted(
            (e for e in members if is_pageview(e)), key=lambda e: (e["time"], e["event_id"])
        )
        medium, source = referrer_of(s.get("referrer"), s.get("landing_page"))
        sessions[session_id] = {
            "user_id": resolved(s["user_id"], moves),
            "start": at(s["time"]),
            "session": s,
            "end_time": end,
            "duration_seconds": round((end - at(s["time"])).total_seconds(), 3),
            "event_count": sum(e["type"] != "session" for e in members),
            "pageview_count": len(pages),
            "exit_page": page_of(pages[-1]) if pages else None,
            "referrer_medium": medium,
            "referrer_source": source,
            "gclid": parameter(s.get("landing_page_query"), "gclid"),
            "fbclid": parameter(s.get("landing_page_query"), "fbclid"),
        }
    of_user: dict[int, list[int]] = {}
    for session_id, row in sessions.items():
        of_user.setdefault(row["user_id"], []).append(session_id)
    users: dict[int, dict] = {}
    for user_id, ids in of_user.items():
        ids.sort(key=lambda i: (sessions[i]["start"], i))
        for index, session_id in enumerate(ids, start=1):
            sessions[session_id]["session_index"] = index
        first = sessions[ids[0]]["session"]
        initial = {f"initial_{name}": first.get(name) for name in INITIAL}
        lookup = partial(session_value, session=first)
        initial["initial_marketing_channel"] = defined_value(channel, lookup)[1]
        users[user_id] = {**initial, "session_count": len(ids)}
    for e in events:
        user = users.setdefault(resolved(e["user_id"], moves), {"session_count": 0})
        times = [t for t in (user.get("first_seen_at"), user.get("last_seen_at")) if t] + [
            at(e["time"])
        ]
        user["first_seen_at"], user["last_seen_at"] = min(times), max(times)
        user["pageview_count"] = user.get("pageview_count", 0) + is_pageview(e)
    return sessions, users


def test_marts_equal_their_python_reading(built: Built) -> None:
    db = built.db
    expected_sessions, expected_users = expected_marts(built)
    assert {m: built.builds[m] for m in MARTS} == {m: "batch" for m in MARTS}

    # sessions_enhanced: every sessions column as sessions has it, then its own
    session_columns = columns(db, OUT, "sessions")
    assert columns(db, OUT, "sessions_enhanced") == session_columns + SESSIONS_ADDED
    _, sessions = rows_by(db, "sessions", "session_id")
    names, enhanced = rows_by(db, "sessions_enhanced", "session_id")
    assert set(enhanced) == set(sessions) == set(expected_sessions)
    for session_id, row in enhanced.items():
        assert {n: row[n] for n, _ in session_columns} == sessions[session_id], session_id
        want = expected_sessions[session_id]
        got = {n: row[n] for n, _ in SESSIONS_ADDED}
        got["duration_seconds"] = round(got["duration_seconds"], 3)
        assert got == {n: want[n] for n, _ in SESSIONS_ADDED}, session_id

    # users_enhanced: every users column (the user property session_count renamed: the mart
    # adds a session_count of its own), then its own
    user_columns = columns(db, OUT, "users")
    renamed = {"session_count": "property_session_count"}
    assert (
        columns(db, OUT, "users_enhanced")
        == [(renamed.get(n, n), t) for n, t in user_columns] + USERS_ADDED
    )
    _, users = rows_by(db, "users", "user_id")
    _, enhanced = rows_by(db, "users_enhanced", "user_id")
    assert set(enhanced) == set(users)
    blank = {"session_count": 0, "pageview_count": 0}
    for user_id, row in enhanced.items():
        assert {n: row[renamed.get(n, n)] for n, _ in user_columns} == users[user_id], user_id
        want = {n: None for n, _ in USERS_ADDED} | blank | expected_users.get(user_id, {})
        assert {n: row[n] for n, _ in USERS_ADDED} == want, user_id

    # the cases written for this test came out as meant
    crafted = {
        k: enhanced[9001][k] for k in ("initial_referrer", "initial_browser", "session_count")
    }
    assert crafted == {
        "initial_referrer": "http://Shop.Example.com:8080/blog",
        "initial_browser": "Firefox",
        "session_count": 2,
    }
    assert enhanced[9003]["property_session_count"] == 7 and enhanced[9003]["session_count"] == 0
    referrers = {
        s: (expected_sessions[s]["referrer_medium"], expected_sessions[s]["gclid"])
        for s in (90_010, 90_011, 90_020, 90_021)
    }
    assert referrers == {
        90_010: ("email", "g1-_x"),
        90_011: ("internal", None),
        90_020: ("social", None),
        90_021: ("referral", None),
    }
    # the identity fixture's person (users 1, 2 -> 3) has its 3 sessions and the late one;
    # 9002's late session is its first
    assert enhanced[3]["session_count"] == 4 and enhanced[3]["pageview_count"] >= 4
    assert (enhanced[9002]["initial_referrer"], enhanced[9002]["session_count"]) == (
        "https://t.co/abc",
        4,
    )
    assert {r["referrer_medium"] for r in expected_sessions.values()} >= {"search", "social"}


def test_referrer_domains_seed_is_well_formed() -> None:
    """What the seed's data tests would check, without a dbt node in every sync: one row per
    domain, lower case, a known medium, a source."""
    with SEED.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    domains = [r["domain"] for r in rows]
    assert len(domains) == len(set(domains))
    assert all(d == d.lower() and "/" not in d and not d.startswith("www.") for d in domains)
    assert {r["medium"] for r in rows} == {"search", "social", "email"}
    assert all(r["source"] for r in rows)
