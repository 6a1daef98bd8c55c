"""Tests of `heapgen.sample.write_sample`: the synthetic raw capture."""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from heapgen import raw_contract
from heapgen.sample import (
    EVENTS_FILE,
    IDENTIFIES_FILE,
    START,
    USER_PROPERTIES_FILE,
    SampleStats,
    write_sample,
)

USERS, DAYS, SEED = 400, 14, 7
FILES = (EVENTS_FILE, IDENTIFIES_FILE, USER_PROPERTIES_FILE)
TIME_RE = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}")
# one hierarchy element: tag#id.class1.class2[attr=value] (id, classes, attributes optional)
ELEMENT_RE = re.compile(
    r"[a-z][a-z0-9]*(?:#[A-Za-z][\w-]*)?(?:\.[A-Za-z_][\w-]*)*(?:\[[a-z][\w-]*=[^\]\s]+\])*"
)
AUTOCAPTURE = {
    "web": {"session", "view page", "click", "submit", "change"},
    "iOS": {"session", "view screen", "touch", "edit field", "swipe"},
    "android": {"session", "view screen", "touch"},
}
CUSTOM = {
    "Add To Cart",
    "Checkout Started",
    "Order Completed",
    "Signed Up",
    "Search",
    "Video Played",
    "Payment Processed",
    "Subscription Renewed",
    "Email Sent",
}
SESSION_REQUIRED = {
    "web": {
        "platform",
        "device_type",
        "country",
        "region",
        "city",
        "ip",
        "browser",
        "landing_page",
    },
    "iOS": {
        "platform",
        "device_type",
        "country",
        "region",
        "city",
        "ip",
        "device",
        "app_name",
        "app_version",
    },
    "android": {
        "platform",
        "country",
        "region",
        "city",
        "heap_device_id",
        "heap_app_name",
        "heap_app_version",
        "heap_device",
    },
}


def _ts(value: str) -> datetime:
    assert TIME_RE.fullmatch(value), value
    return datetime.strptime(value, "%Y-%m-%d %H:%M:%S.%f")


def _rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


class Sample:
    def __init__(self, out: Path, stats: SampleStats, progress: list[int]) -> None:
        self.out = out
        self.stats = stats
        self.progress = progress
        self.events = _rows(out / EVENTS_FILE)
        self.identifies = _rows(out / IDENTIFIES_FILE)
        self.user_properties = _rows(out / USER_PROPERTIES_FILE)

    def first_copies(self) -> list[dict[str, Any]]:
        seen: set[int] = set()
        out = []
        for row in self.events:
            if row["event_id"] not in seen:
                seen.add(row["event_id"])
                out.append(row)
        return out


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Sample:
    out = tmp_path_factory.mktemp("sample") / "raw"  # does not exist yet
    progress: list[int] = []
    stats = write_sample(out, USERS, DAYS, SEED, progress=progress.append)
    return Sample(out, stats, progress)


def test_same_arguments_give_identical_files(sample: Sample, tmp_path: Path) -> None:
    write_sample(tmp_path / "again", USERS, DAYS, SEED)
    for name in FILES:
        assert (tmp_path / "again" / name).read_bytes() == (sample.out / name).read_bytes(), name


def test_another_seed_gives_other_data(sample: Sample, tmp_path: Path) -> None:
    write_sample(tmp_path / "other", USERS, DAYS, SEED + 1)
    for name in FILES:
        assert (tmp_path / "other" / name).read_bytes() != (sample.out / name).read_bytes(), name


def test_stats_match_the_files(sample: Sample) -> None:
    ev = sample.events
    ids = Counter(r["event_id"] for r in ev)
    late = sum(1 for r in ev if _ts(r["loaded_at"]) - _ts(r["time"]) > timedelta(days=1))
    late_ids = sum(
        1 for r in sample.identifies if _ts(r["loaded_at"]) - _ts(r["time"]) > timedelta(days=1)
    )
    expected = SampleStats(
        events=len(ev),
        sessions=len({r["session_id"] for r in ev if r["type"] == "session"}),
        users=len({r["user_id"] for r in ev}),
        identifies=len(sample.identifies),
        user_properties=len(sample.user_properties),
        duplicates=len(ev) - len(ids),
        late=late,
        late_identifies=late_ids,
    )
    assert sample.stats == expected
    assert sample.stats.duplicates > 0 and sample.stats.late > 0


def test_progress_reports_rising_counts_up_to_the_total(sample: Sample) -> None:
    assert sample.progress, "progress was never called"
    assert sample.progress == sorted(sample.progress)
    assert sample.progress[-1] == sample.stats.events


def test_rows_follow_the_raw_contract(sample: Sample) -> None:
    for table, rows in (
        (raw_contract.EVENTS, sample.events),
        (raw_contract.IDENTIFIES, sample.identifies),
        (raw_contract.USER_PROPERTIES, sample.user_properties),
    ):
        allowed, required = set(table.column_names), set(table.required)
        assert rows, table.name
        for row in rows:
            assert set(row) <= allowed, (table.name, set(row) - allowed)
            assert required <= set(row), (table.name, required - set(row))
            _ts(row["time"])
            _ts(row["loaded_at"])
            assert isinstance(row["user_id"], int) and 0 < row["user_id"] < 2**53
            if "properties" in row:
                assert isinstance(row["properties"], dict)
    for row in sample.events:
        assert None not in row.values(), row  # nulls are left out, not written
        assert row["library"] in raw_contract.LIBRARIES
        for key in ("event_id", "session_id"):
            if key in row:
                assert isinstance(row[key], int) and 0 < row[key] < 2**53
        if row["is_custom"]:
            assert row["type"] not in AUTOCAPTURE.get(row["library"], set())
        else:
            assert row["type"] in AUTOCAPTURE[row["library"]]


def test_times_fall_in_the_window_and_load_after_they_happen(sample: Sample) -> None:
    start = START.replace(tzinfo=None)
    end = start + timedelta(days=DAYS)
    for row in sample.events + sample.identifies + sample.user_properties:
        time, loaded = _ts(row["time"]), _ts(row["loaded_at"])
        assert start <= time < end, row
        lag = loaded - time
        # on time (seconds; a redelivered copy within hours) or late (more than a day)
        assert timedelta(0) < lag <= timedelta(hours=7) or lag > timedelta(days=1), row


def test_ids_are_unique_apart_from_redelivered_copies(sample: Sample) -> None:
    by_id: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in sample.events:
        by_id[row["event_id"]].append(row)
    copies = [rows for rows in by_id.values() if len(rows) > 1]
    assert copies
    for first, *others in copies:
        for other in others:
            assert {**other, "loaded_at": None} == {**first, "loaded_at": None}
            assert other["loaded_at"] > first["loaded_at"]
    sessions = [r["session_id"] for r in sample.first_copies() if r["type"] == "session"]
    assert len(sessions) == len(set(sessions))


def test_every_library_and_event_type_is_present(sample: Sample) -> None:
    seen = Counter((r["library"], r["type"]) for r in sample.events)
    for library, types in AUTOCAPTURE.items():
        for typ in types:
            assert seen[(library, typ)] > 0, (library, typ)
    custom = {t for (_, t) in seen} - set().union(*AUTOCAPTURE.values())
    assert custom >= CUSTOM, CUSTOM - custom
    for library in ("web", "iOS", "android"):
        assert seen[(library, "Add To Cart")] > 0, library
    assert {t for (lib, t) in seen if lib == "server"} == {
        "Payment Processed",
        "Subscription Renewed",
        "Email Sent",
    }


def test_sessions_start_with_a_session_event_holding_the_session_fields(
    sample: Sample,
) -> None:
    session_fields = set(raw_contract.SESSION_FIELDS)
    started: dict[int, dict[str, Any]] = {}
    times: dict[int, set[str]] = defaultdict(set)
    for row in sample.first_copies():
        if row["library"] == "server":
            assert "session_id" not in row, row
            assert row["is_custom"] is True
            assert not session_fields & set(row), row
            continue
        sid = row["session_id"]
        if row["type"] == "session":
            assert sid not in started
            started[sid] = row
            assert SESSION_REQUIRED[row["library"]] <= set(row), row
            assert set(row) & session_fields <= SESSION_REQUIRED[row["library"]] | {
                "referrer",
                "landing_page_query",
                "landing_page_hash",
                "search_keyword",
                "utm_source",
                "utm_campaign",
                "utm_medium",
                "utm_term",
                "utm_content",
                "carrier",
            }, row
        else:
            session = started.get(sid)
            assert session is not None, f"event before (or without) its session: {row}"
            assert session["user_id"] == row["user_id"]
            assert session["library"] == row["library"]
            assert session["time"] < row["time"]
            assert not session_fields & set(row), row  # taken from the session event
        assert row["time"] not in times[sid], f"two events of a session share a time: {row}"
        times[sid].add(row["time"])
    libraries = Counter(s["library"] for s in started.values())
    assert set(libraries) == {"web", "iOS", "android"}
    web = [s for s in started.values() if s["library"] == "web"]
    assert {s["device_type"] for s in web} == {"Desktop", "Mobile", "Tablet"}
    assert any("referrer" not in s for s in web) and any("referrer" in s for s in web)
    assert any(s.get("utm_medium") == "cpc" and "utm_term" in s for s in web)
    assert any("search_keyword" in s for s in web)
    assert any("landing_page_hash" in s for s in web)


def test_web_pages_carry_their_fields_and_the_previous_page(sample: Sample) -> None:
    previous: dict[int, str] = {}
    for row in sample.first_copies():
        if row["library"] != "web" or row["type"] == "session":
            continue
        assert {"domain", "path", "title"} <= set(row), row
        if row["type"] == "view page":
            assert row.get("heap_previous_page") == previous.get(row["session_id"]), row
            previous[row["session_id"]] = row["path"]
        elif row["type"] in ("click", "submit", "change"):
            assert "hierarchy" in row, row
    web = [r for r in sample.events if r["library"] == "web"]
    assert {r["domain"] for r in web if "domain" in r} == {"shop.example.com", "blog.example.com"}
    paths = {r["path"] for r in web if r["type"] == "view page"}
    for path in (
        "/",
        "/products",
        "/cart",
        "/checkout",
        "/checkout/confirm",
        "/pricing",
        "/signup",
        "/login",
        "/account",
        "/search",
    ):
        assert path in paths, path
    assert any(p.startswith("/products/") for p in paths)
    assert any(p.startswith("/blog/") for p in paths)
    assert any("hash" in r for r in web if r["type"] == "view page")


def test_hierarchies_follow_the_element_grammar(sample: Sample) -> None:
    hierarchies = {r["hierarchy"] for r in sample.events if "hierarchy" in r}
    assert hierarchies
    orders: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for h in hierarchies:
        parts = h.split(" > ")
        assert len(parts) >= 3, h
        assert parts[0].split(".")[0] == "body", h
        for part in parts:
            assert ELEMENT_RE.fullmatch(part), (part, h)
        last = parts[-1].split("[")[0]
        tag_id, *classes = last.split(".")
        if "#" in tag_id and len(classes) > 1:
            orders[tag_id].add(tuple(classes))
    assert any(len(o) > 1 for o in orders.values()), "no element with two class orders"
    assert any("[data-testid=add-to-cart]" in h for h in hierarchies)
    assert any("[type=submit]" in h for h in hierarchies)
    assert any("[name=email]" in h for h in hierarchies)
    clicks = [r for r in sample.events if r["type"] == "click"]
    assert any("href" in r and "target_text" in r for r in clicks)


def test_app_events_carry_screen_and_target_fields(sample: Sample) -> None:
    for row in sample.first_copies():
        lib, typ = row["library"], row["type"]
        if lib not in ("iOS", "android") or typ == "session":
            continue
        assert "view_controller" in row, row
        if typ in ("touch", "edit field", "swipe"):
            assert "target_view_class" in row, row
        if lib == "iOS" and typ == "view screen":
            assert {"screen_a11y_id", "screen_a11y_label"} <= set(row), row
    ios_touch = [r for r in sample.events if r["library"] == "iOS" and r["type"] == "touch"]
    assert any({"target_a11y_id", "target_text", "action_method"} <= set(r) for r in ios_touch)


def test_custom_properties_have_the_documented_types(sample: Sample) -> None:
    props: dict[str, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
    for row in sample.events:
        if row["is_custom"]:
            props[row["type"]].append((row["library"], row["properties"]))
    for _, p in props["Add To Cart"]:
        assert isinstance(p["product_id"], int) and isinstance(p["quantity"], int)
        assert isinstance(p["sku"], str) and p["currency"] == "USD"
    # web writes whole prices as JSON integers (like JSON.stringify); the apps as doubles
    web_prices = [p["price"] for lib, p in props["Add To Cart"] if lib == "web"]
    app_prices = [p["price"] for lib, p in props["Add To Cart"] if lib != "web"]
    assert any(type(v) is int for v in web_prices) and any(type(v) is float for v in web_prices)
    assert all(type(v) is float for v in app_prices)
    assert any(v.is_integer() for v in app_prices)
    for _, p in props["Order Completed"]:
        assert isinstance(p["order_id"], str) and isinstance(p["items"], int)
        assert isinstance(p["first_order"], bool)
        datetime.strptime(p["delivery_date"], "%Y-%m-%d %H:%M:%S")
    assert any("coupon" in p for _, p in props["Order Completed"])
    for _, p in props["Payment Processed"]:
        assert type(p["amount"]) is float and isinstance(p["provider"], str)
    for _, p in props["Signed Up"]:
        assert isinstance(p["plan"], str) and isinstance(p["referral"], bool)
    for _, p in props["Search"]:
        assert isinstance(p["query"], str) and isinstance(p["results"], int)
    for _, p in props["Video Played"]:
        assert isinstance(p["duration_s"], float | int) and isinstance(p["autoplay"], bool)
    for _, p in props["Email Sent"]:
        assert isinstance(p["campaign"], str)


def test_a_second_device_logs_in_later_with_the_same_identity(sample: Sample) -> None:
    first_seen: dict[str, dict[int, datetime]] = defaultdict(dict)
    for row in sample.identifies:
        assert "@" in row["identity"]
        users = first_seen[row["identity"]]
        t = _ts(row["time"])
        users[row["user_id"]] = min(t, users.get(row["user_id"], t))
    shared = {i: u for i, u in first_seen.items() if len(u) > 1}
    assert shared, "no identity identified on two user_ids"
    assert len(shared) < len(first_seen) / 4  # about 10%, not most people
    for users in shared.values():
        times = sorted(users.values())
        assert times[0] < times[1]
    identified = {u for users in first_seen.values() for u in users}
    anonymous = {r["user_id"] for r in sample.events} - identified
    assert anonymous, "everyone was identified"


def test_user_properties_cover_every_json_type(sample: Sample) -> None:
    types: dict[str, set[type]] = defaultdict(set)
    for row in sample.user_properties:
        for key, value in row["properties"].items():
            types[key].add(type(value))
    seen = set().union(*types.values())
    assert {str, int, float, bool, type(None)} <= seen
    assert types["email"] == {str} and types["handle"] == {str}
    assert types["company_size"] >= {int, type(None)}
    assert types["ltv"] == {float}
    assert bool in types["is_trial"]
    assert "Account Status" in types
    for row in sample.user_properties:
        if "signup_at" in row["properties"]:
            datetime.strptime(row["properties"]["signup_at"], "%Y-%m-%d %H:%M:%S")
    # the first user property rows of an identified user hold email and handle
    identified = {r["user_id"] for r in sample.identifies}
    with_email = {r["user_id"] for r in sample.user_properties if "email" in r["properties"]}
    assert identified == with_email


def test_late_rows_land_more_than_a_day_after_they_happen(sample: Sample) -> None:
    late = [r for r in sample.events if _ts(r["loaded_at"]) - _ts(r["time"]) > timedelta(days=1)]
    assert len(late) == sample.stats.late
    share = sample.stats.late / sample.stats.events
    assert 0.002 < share < 0.01, share
    share = sample.stats.duplicates / sample.stats.events
    assert 0.001 < share < 0.006, share
    assert any(r["type"] == "session" for r in late)


def test_bad_arguments_are_rejected(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        write_sample(tmp_path, 10, 0, 1)
    with pytest.raises(ValueError):
        write_sample(tmp_path, -1, 3, 1)
