"""Defined properties: definition errors (file:line, 256-character literals, column
collisions), then end to end on DuckDB over a tiny capture: every case kind on event tables,
pageviews, sessions and users, recomputed row by row by the Python reference, and a computed
value over 256 characters failing the sync with the property's name."""

from __future__ import annotations

import json
import os
from functools import partial
from pathlib import Path

import pytest
import yaml

from conftest import assert_one_definition_error, columns, copy_project, keep_events, query
from heapgen.definitions import load_definitions
from heapgen.load import load_directory
from heapgen.naming import heap_name
from heapgen.sync import SyncFailed, sync
from reference import (
    defined_value,
    read_jsonl,
    session_value,
    sessions_of,
    unique_events,
    value_of,
)

OUT = "main_production"
LONG_URL = "https://shop.example.com/search?q=" + "n" * 266  # 300 characters


def db() -> Path:
    return Path(os.environ["HEAP_CONNECT_DB"])


def use_definitions(project: Path, definitions: dict) -> Path:
    """Replace the example definitions with `definitions` (one file)."""
    for path in (project / "definitions").rglob("*.yml"):
        if path.name != "heap_connect.yml":
            path.unlink()
    path = project / "definitions" / "defs.yml"
    path.write_text(yaml.safe_dump(definitions, sort_keys=False))
    (project / "heapgen.lock.yml").unlink(missing_ok=True)
    return path


def write_raw(directory: Path, **tables: list[dict]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for table in ("events", "identifies", "user_properties"):
        rows = tables.get(table, [])
        (directory / f"{table}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    return directory


# --- definition errors -------------------------------------------------------------------

PROPERTY = "defined_properties:\n  - name: Channel\n    scope: event\n"


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            PROPERTY + "    cases:\n      - value: " + "x" * 257 + "\n"
            "        when: [{property: path, op: is_set}]\n",
            5,
            "at most 256 characters (got 257 characters)",
        ),
        (
            PROPERTY + "    default: " + "é" * 257 + "\n",
            4,
            "at most 256 characters (got 257 characters)",
        ),
        (
            PROPERTY
            + "    cases:\n      - value: Paid\n        whn: [{property: a, op: is_set}]\n",
            6,
            "unknown key 'whn' in defined_properties[0].cases[0]; did you mean 'when'?",
        ),
        (
            PROPERTY + "    cases:\n      - value: {propety: path}\n"
            "        when: [{property: a, op: is_set}]\n",
            5,
            "unknown key 'propety' in defined_properties[0].cases[0].value; "
            "did you mean 'property'?",
        ),
        (
            "defined_properties:\n  - name: Channel\n    scope: session\n    default: x\n",
            3,
            "'session' is not one of 'event' or 'user'",
        ),
        (
            "defined_properties:\n  - name: Channel\n    scope: event\n",
            2,
            "needs `cases`, a `default`, or both",
        ),
        (
            PROPERTY + "    cases:\n      - value: Paid\n"
            "        when: [{property: n, op: gt, value: ten}]\n",
            6,
            "op gt compares numbers",
        ),
        (
            PROPERTY
            + "    cases:\n      - value: [a, b]\n        when: [{property: a, op: is_set}]\n",
            5,
            "a value is text, a number, a boolean or {property: <name>}",
        ),
        (
            "defined_properties:\n  - name: Session Time\n    scope: event\n    default: x\n",
            2,
            "column 'session_time' is a built-in column of event tables, pageviews and sessions",
        ),
        (
            "defined_properties:\n  - name: Email\n    scope: user\n    default: x\n",
            2,
            "column 'email' is a built-in column of users",
        ),
        (
            "defined_properties:\n  - name: Plan Tier\n    scope: user\n    default: x\n"
            "  - name: plan-tier\n    scope: event\n    default: y\n",
            5,
            "both make column 'plan_tier'",
        ),
        (
            "defined_properties:\n  - name: Tier\n    scope: user\n    default: x\n"
            "  - name: Tier\n    scope: event\n    default: y\n",
            5,
            "defined property 'Tier' is defined twice",
        ),
    ],
    ids=[
        "literal-257",
        "default-257-chars-not-bytes",
        "unknown-key",
        "unknown-computed-key",
        "bad-scope",
        "no-value",
        "bad-filter-value",
        "bad-value-type",
        "builtin-event-column",
        "builtin-user-column",
        "two-properties-one-column",
        "duplicate-name",
    ],
)
def test_bad_defined_property_is_one_clear_error_and_writes_nothing(
    project: Path, text: str, line: int, message: str
) -> None:
    path = project / "definitions" / "props.yml"
    path.write_text(text)
    assert_one_definition_error(project, path, line, message)


def test_a_literal_of_exactly_256_characters_is_accepted(tmp_path: Path) -> None:
    (tmp_path / "heap_connect.yml").write_text("project: Main\nenvironment: Production\n")
    (tmp_path / "props.yml").write_text(
        PROPERTY + "    cases:\n      - value: " + "x" * 256 + "\n"
        "        when: [{property: path, op: is_set}]\n    default: 12345\n"
    )
    [prop] = load_definitions(tmp_path).defined_properties
    assert prop.definition.cases[0].value == "x" * 256
    assert prop.definition.default == 12345


# --- end to end -----------------------------------------------------------------------------


def event(event_id: int, user_id: int, session_id: int | None, time: str, **fields) -> dict:
    row = {"event_id": event_id, "user_id": user_id, "session_id": session_id, "time": time}
    row.update({"library": "web", "is_custom": False} | fields)
    return row


# names and values that must reach SQL and the generated Jinja only as literals
ODD_KEY = 'it\'s "odd"; --'
ODD_VALUE = "{{ z }}'"
ODD_LITERAL = "'; drop table users; --{{ y }}{% if %}\\\n"

EVENTS = [
    # web session from paid search: both the first and the second channel case hold
    event(101, 1, 10, "2026-02-01 10:00:00", type="session", utm_medium="cpc", utm_source="google"),
    event(102, 1, 10, "2026-02-01 10:00:01", type="view page", path="/checkout/step-1"),
    event(103, 1, 10, "2026-02-01 10:00:02", type="view page", path="/blog/hello"),
    event(
        104,
        1,
        10,
        "2026-02-01 10:00:03",
        type="Order",
        is_custom=True,
        properties={"total": 120, "coupon": "SAVE10", "channel": "shadowed"},
    ),
    # a newsletter session: only the second channel case holds
    event(
        201, 2, 20, "2026-02-01 11:00:00", type="session", utm_medium="email", utm_source="google"
    ),
    event(202, 2, 20, "2026-02-01 11:00:01", type="view page", path="/pricing"),
    event(
        203,
        2,
        20,
        "2026-02-01 11:00:02",
        type="Order",
        is_custom=True,
        properties={"total": 30, ODD_KEY: ODD_VALUE},
    ),
    # upper-case medium: only the case-insensitive case holds
    event(301, 3, 30, "2026-02-01 12:00:00", type="session", utm_medium="CPC"),
    event(302, 3, 30, "2026-02-01 12:00:01", type="view page", path="/"),
    event(
        303,
        3,
        30,
        "2026-02-01 12:00:02",
        type="Order",
        is_custom=True,
        properties={"total": 12.5, "coupon": "WELCOME"},
    ),
    # an iOS session without campaign: defaults
    event(401, 4, 40, "2026-02-01 13:00:00", library="iOS", type="session"),
    event(402, 4, 40, "2026-02-01 13:00:01", library="iOS", type="view screen"),
    # server-side: no session at all
    event(
        501,
        5,
        None,
        "2026-02-01 14:00:00",
        library="server",
        type="Order",
        is_custom=True,
        properties={"total": 999},
    ),
]
USER_PROPERTIES = [
    {
        "user_id": 1,
        "time": "2026-02-01 10:00:00",
        "properties": {
            "seats": 60,
            "vip": True,
            "Account Status": "Gold",
            "email": "a@example.com",
        },
    },
    {
        "user_id": 2,
        "time": "2026-02-01 11:00:00",
        "properties": {"seats": 3, "vip": True, "Account Status": "Silver"},
    },
    {"user_id": 3, "time": "2026-02-01 12:00:00", "properties": {"seats": 1, "vip": False}},
]
IDENTIFIES = [{"user_id": 3, "identity": "c@example.com", "time": "2026-02-01 12:00:05"}]

DEFINITIONS = {
    "events": [
        {"name": "Order", "match": [{"event": "custom", "name": "Order"}]},
        {"name": "Any Web", "match": [{"event": "any", "library": "web"}]},
    ],
    "defined_properties": [
        {
            "name": "Channel",  # also a custom property key of orders: the defined one wins
            "scope": "event",
            "cases": [
                {
                    "value": "Paid Search",
                    "when": [{"property": "utm_medium", "op": "in", "value": ["cpc", "ppc"]}],
                },
                {
                    "value": "Google",
                    "when": [{"property": "utm_source", "op": "equals", "value": "google"}],
                },
                {
                    "value": "Paid (any case)",
                    "when": [
                        {
                            "property": "utm_medium",
                            "op": "equals",
                            "value": "cpc",
                            "case_insensitive": True,
                        }
                    ],
                },
            ],
            "default": "Direct",
        },
        {
            "name": "Page Section",
            "scope": "event",
            "cases": [
                {
                    "value": {"property": "path"},
                    "when": [{"property": "path", "op": "starts_with", "value": "/checkout"}],
                },
                {
                    "value": "Blog",
                    "when": [{"property": "path", "op": "matches", "value": "/blog/*"}],
                },
                {
                    "value": {"property": "utm_source"},
                    "when": [
                        {"property": "utm_source", "op": "is_set"},
                        {"property": "library", "op": "equals", "value": "web"},
                    ],
                },
            ],
            "default": {"property": "type"},
        },
        {
            "name": "Order Size",
            "scope": "event",
            "cases": [
                {"value": "big", "when": [{"property": "total", "op": "gte", "value": 100}]},
                {"value": 1, "when": [{"property": "coupon", "op": "is_set"}]},
                {
                    "value": True,
                    "when": [
                        {"property": "total", "op": "lt", "value": 100},
                        {"property": "coupon", "op": "not_equals", "value": "WELCOME"},
                    ],
                },
            ],
        },
        {
            "name": "Coupon Code",
            "scope": "event",
            "cases": [
                {"value": {"property": "coupon"}, "when": [{"property": "coupon", "op": "is_set"}]}
            ],
        },
        {"name": "Library Copy", "scope": "event", "default": {"property": "library"}},
        {
            "name": "It's {{ odd }} -- %}",  # column it_s_odd, shadowing the custom ODD_KEY
            "scope": "event",
            "cases": [
                {
                    "value": ODD_LITERAL,
                    "when": [{"property": ODD_KEY, "op": "equals", "value": ODD_VALUE}],
                }
            ],
            "default": {"property": ODD_KEY},
        },
        {
            "name": "Tier",
            "scope": "user",
            "cases": [
                {"value": "Enterprise", "when": [{"property": "seats", "op": "gte", "value": 50}]},
                {
                    "value": {"property": "Account Status"},
                    "when": [{"property": "vip", "op": "equals", "value": True}],
                },
                {"value": "Known", "when": [{"property": "identity", "op": "is_set"}]},
            ],
            "default": "Anonymous",
        },
        {"name": "Contact", "scope": "user", "default": {"property": "email"}},
        {
            "name": "Never Sent",
            "scope": "user",
            "cases": [
                {
                    "value": "unset",
                    "when": [
                        {"property": "never_sent", "op": "is_not_set"},
                        {"property": "seats", "op": "lt", "value": 50},
                    ],
                }
            ],
        },
    ],
}
EVENT_PROPERTIES = [
    "channel",
    "page_section",
    "order_size",
    "coupon_code",
    "library_copy",
    "it_s_odd",
]
USER_DEFINED = ["tier", "contact", "never_sent"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("defined_properties")
    project = copy_project(root / "project")
    use_definitions(project, DEFINITIONS)
    old = os.environ.get("HEAP_CONNECT_DB")
    os.environ["HEAP_CONNECT_DB"] = str(root / "warehouse.duckdb")
    try:
        raw = write_raw(
            root / "raw", events=EVENTS, user_properties=USER_PROPERTIES, identifies=IDENTIFIES
        )
        load_directory(db(), raw)
        sync(project, project / "definitions")
        yield project, raw
    finally:
        if old is None:
            os.environ.pop("HEAP_CONNECT_DB", None)
        else:
            os.environ["HEAP_CONNECT_DB"] = old


def properties(project: Path, scope: str) -> list:
    return [
        p.definition
        for p in load_definitions(project / "definitions").defined_properties
        if p.definition.scope == scope
    ]


def warehouse_values(table: str, key: str, names: list[str]) -> dict[int, tuple]:
    rows = query(db(), f"select {key}, {', '.join(names)} from {OUT}.{table}")
    return {row[0]: tuple(row[1:]) for row in rows}


def test_event_rows_take_the_first_matching_case_else_the_default(built) -> None:
    project, raw = built
    props = properties(project, "event")
    events = unique_events(read_jsonl(raw / "events.jsonl"))
    sessions = sessions_of(events)
    winners: dict[str, set[int]] = {p.name: set() for p in props}
    tables = {
        "order": lambda e: e["type"] == "Order",
        "any_web": lambda e: e["library"] == "web" and e["type"] != "session",
        "pageviews": lambda e: e["type"] in ("view page", "view screen"),
    }
    for table, member in tables.items():
        expected = {}
        for e in events:
            if not member(e):
                continue
            session = sessions.get(e["session_id"])
            values = []
            for p in props:
                case, value = defined_value(p, lambda n, e=e, s=session: value_of(n, e, s))
                winners[p.name].add(case)
                values.append(value)
            expected[e["event_id"]] = tuple(values)
        got = warehouse_values(table, "event_id", EVENT_PROPERTIES)
        assert got == expected, table
    # the capture exercises every case and the default of every property
    for p in props:
        assert winners[p.name] >= {*range(len(p.cases)), -1}, (p.name, winners[p.name])
    # first match wins: session 10 matches the first two channel cases
    assert warehouse_values("pageviews", "event_id", ["channel"])[102] == ("Paid Search",)
    assert warehouse_values("order", "event_id", ["it_s_odd"])[203] == (ODD_LITERAL,)


def test_sessions_read_session_fields_and_library_only(built) -> None:
    project, raw = built
    props = properties(project, "event")
    events = unique_events(read_jsonl(raw / "events.jsonl"))
    expected = {}
    for session_id, s in sessions_of(events).items():
        lookup = partial(session_value, session=s)
        expected[session_id] = tuple(defined_value(p, lookup)[1] for p in props)
    assert warehouse_values("sessions", "session_id", EVENT_PROPERTIES) == expected


def test_users_read_user_properties_and_identity(built) -> None:
    project, _ = built
    props = properties(project, "user")
    text_columns = ["identity", "email", "seats", "vip", "account_status"]
    rows = query(
        db(),
        "select user_id, "
        + ", ".join(f"cast({c} as varchar)" for c in text_columns)
        + f", {', '.join(USER_DEFINED)} from {OUT}.users",
    )
    assert len(rows) == 5
    winners: dict[str, set[int]] = {p.name: set() for p in props}
    for row in rows:
        user = dict(zip(text_columns, row[1 : 1 + len(text_columns)], strict=True))

        def lookup(name: str, user: dict = user) -> str | None:
            return user.get(heap_name(name))

        expected = []
        for p in props:
            case, value = defined_value(p, lookup)
            winners[p.name].add(case)
            expected.append(value)
        assert tuple(row[1 + len(text_columns) :]) == tuple(expected), row
    assert winners["Tier"] == {0, 1, 2, -1}


def test_columns_come_last_as_text_and_shadow_a_custom_property(built) -> None:
    for table in ("order", "any_web", "pageviews", "sessions"):
        cols = columns(db(), OUT, table)
        assert cols[-len(EVENT_PROPERTIES) :] == [(c, "VARCHAR") for c in EVENT_PROPERTIES]
        assert [c for c, _ in cols].count("channel") == 1
    assert columns(db(), OUT, "users")[-3:] == [(c, "VARCHAR") for c in USER_DEFINED]
    assert query(db(), f"select channel from {OUT}.order where event_id = 104") == [
        ("Paid Search",)
    ]
    all_events = dict(columns(db(), OUT, "all_events"))
    assert {c: all_events[c] for c in EVENT_PROPERTIES} == dict.fromkeys(
        EVENT_PROPERTIES, "VARCHAR"
    )


def test_a_computed_value_over_256_characters_fails_the_sync_naming_the_property(
    project: Path, tmp_path: Path
) -> None:
    use_definitions(
        project,
        {
            "events": [{"name": "Note", "match": [{"event": "custom", "name": "Note"}]}],
            "defined_properties": [
                {"name": "Long Note", "scope": "event", "default": {"property": "note"}},
                {"name": "Long Bio", "scope": "user", "default": {"property": "bio"}},
            ],
        },
    )
    fits = "é" * 256  # characters, not bytes
    load_directory(
        db(),
        write_raw(
            tmp_path / "fits",
            events=[
                event(
                    1,
                    1,
                    None,
                    "2026-02-01 10:00:00",
                    type="Note",
                    is_custom=True,
                    properties={"note": fits},
                )
            ],
            user_properties=[
                {"user_id": 1, "time": "2026-02-01 10:00:00", "properties": {"bio": fits}}
            ],
        ),
    )
    sync(project, project / "definitions")
    assert query(db(), f"select long_note from {OUT}.note") == [(fits,)]
    assert query(db(), f"select long_bio from {OUT}.users") == [(fits,)]

    load_directory(
        db(),
        write_raw(
            tmp_path / "too_long",
            events=[
                event(
                    2,
                    2,
                    None,
                    "2026-02-01 11:00:00",
                    type="Note",
                    is_custom=True,
                    properties={"note": LONG_URL},
                )
            ],
            user_properties=[
                {"user_id": 2, "time": "2026-02-01 11:00:00", "properties": {"bio": "b" * 300}}
            ],
        ),
    )
    with pytest.raises(SyncFailed) as error:
        sync(project, project / "definitions")
    message = str(error.value)
    # the property, its table, the raw row to fix and the start of its value
    note = (
        "defined property 'Long Note' (column long_note) has a value of 300 characters"
        f" in table note at event_id 2 (value starting '{LONG_URL[:40]}...')"
    )
    bio = (
        "defined property 'Long Bio' (column long_bio) has a value of 300 characters"
        f" in table users at user_id 2 (value starting '{'b' * 40}...')"
    )
    assert note in message and bio in message, message
    # the failed models left the previous tables as they were; the sync is recorded failed
    assert query(db(), f"select event_id from {OUT}.note") == [(1,)]
    assert query(db(), f"select user_id from {OUT}.users") == [(1,)]
    [(status, recorded)] = query(
        db(), f"select status, error from {OUT}._sync_history order by start_time desc limit 1"
    )
    assert status == "failed" and note in recorded and bio in recorded, recorded


def test_the_shipped_definitions_sync_raw_rows_with_a_long_path(project: Path, tmp_path: Path):
    """The example definitions copy no field (a copied `path` over 256 characters would stop
    every sync of the demo project): a page with a 300-character URL syncs."""
    from heapgen.definitions import ComputedValue

    shipped = load_definitions(project / "definitions").defined_properties
    for prop in shipped:
        values = [prop.definition.default, *(case.value for case in prop.definition.cases)]
        assert not any(isinstance(v, ComputedValue) for v in values), prop.definition.name
    keep_events(project, "View Pricing Page")
    path = "/search/" + "p" * 292
    load_directory(
        db(),
        write_raw(
            tmp_path / "long_path",
            events=[
                event(1, 1, 10, "2026-02-01 10:00:00", type="session", path=path),
                event(2, 1, 10, "2026-02-01 10:00:01", type="view page", path=path),
            ],
        ),
    )
    sync(project, project / "definitions")
    assert query(db(), f"select event_id, site_area from {OUT}.pageviews") == [(2, "Other Page")]
