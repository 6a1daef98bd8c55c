"""Snowplow as the source (docs/sources/snowplow.md).

Real data: Snowplow's own fixture of real enriched events (dbt-snowplow-web 0.15.2,
../shared/data/real/original/, Apache-2.0) loaded as atomic.events and synced through the
Snowplow source gives the Heap Connect tables that its conversion to heap_raw
(../shared/data/real/snowplow/, CONVERSION.md there) gives synced through heap_raw, ids
mapped; what differs is named with its reason (REAL_DIFFERENCES). The element hierarchy rule
in Python (heapgen.snowplow) is checked against the SQL.
"""

from __future__ import annotations

import csv
import json
import shutil
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from conftest import REAL_DATA, assert_one_definition_error, copy_project, output_tables
from heapgen import snowplow
from heapgen.dbt_runner import invoke
from heapgen.generate import generate
from heapgen.ids import string_id
from heapgen.load import load_directory
from heapgen.sync import sync
from same_activity import assert_same_tables, comparable, id_maps

OUT = "main_production"
FIXTURE = REAL_DATA / "original" / "snowplow_web_events_0.15.2.csv"
CONVERTED = REAL_DATA / "snowplow"
# Labels over the fixture's events, so that clicks and custom events (their properties) are
# compared too; the project's example labels match none of them.
LABELS = """
events:
  - name: Link Click
    match:
      - event: click
  - name: Consent
    match:
      - event: custom
        name: consent_preferences
  - name: CMP Visible
    match:
      - event: custom
        name: cmp_visible
  - name: Login
    match:
      - event: custom
        name: authentication:login
"""
# What the conversion to heap_raw (CONVERSION.md) did that the adapter does not, each with
# its reason. Columns left out of the comparison, by table ("*": every table):
REAL_DIFFERENCES: dict[str, set[str]] = {
    # heap_raw's conversion writes a `session` event per session; Snowplow has none, so a
    # session starts at its first event: the session's own event id differs
    "sessions": {"event_id"},
    # the derived `plan` user property is the conversion's test artefact, not Snowplow data;
    # it moves last_modified, and the example project's defined property customer_tier reads it
    "users": {"plan", "last_modified", "customer_tier"},
    # the page title Snowplow's tracker sends with every event: the conversion kept it on page
    # views only; one other event of the fixture (a login) has one
    "login": {"title"},
    "all_events": {"title"},
    "*": {
        # the conversion gives a page view the path of the session's previous page view; the
        # adapter gives it its referrer's path when the referrer is on the same host (what the
        # browser reported when the event was captured; a late row cannot change it): 25 of
        # the 48 page views differ
        "heap_previous_page",
        # array fields of consent_preferences: the conversion joined their elements with
        # commas; the adapter leaves them out (a custom event's properties are its data's
        # scalar fields)
        "consent_scopes",
        "domains_applied",
    },
}
# Events without a domain_sessionid (the fixture's test case "NULL domain_sessionid": one
# event of one user): the conversion skipped them; the adapter keeps them, in a session of 30
# minutes' inactivity (decision 0027). Their users' rows are left out of the comparison.


# (tag, elementId, elementClasses as JSON, the one-element hierarchy)
ELEMENTS = [
    ("a", "signup", '["cta","primary"]', "a#signup.cta.primary"),
    ("a", None, '["nav__link"]', "a.nav__link"),
    ("form", "checkout-form", "[]", "form#checkout-form"),
    ("INPUT", "q", None, "input#q"),
    ("a", "", '[""]', "a"),
    # what a hierarchy cannot hold is left out: a space, `#`, `.` or `[` in an id or class
    ("a", "has space", '["w-[200px]","ok","a.b","x#y"]', "a.ok"),
    ("a", "id.dot", '["c1","c2","c3"]', "a.c1.c2.c3"),
    ("button", "é-ü", '["ünï"]', "button#é-ü.ünï"),
]


def test_the_element_rule_in_python_and_sql(project: Path) -> None:
    for tag, element_id, classes, hierarchy in ELEMENTS:
        names = json.loads(classes) if classes else None
        assert snowplow.element_hierarchy(tag, element_id, names) == hierarchy
    run = invoke(
        ["compile", "--inline", "select position, {{ heap_connect.snowplow_hierarchy('tag',"
         " 'element_id', 'classes') }} from elements order by position"],
        project,
    )  # fmt: skip
    assert run.success, run.errors
    with duckdb.connect() as con:
        con.execute("create table elements (position int, tag varchar, element_id varchar,"
                    " classes json)")  # fmt: skip
        con.executemany(
            "insert into elements values (?, ?, ?, ?)",
            [
                (i, tag, element_id, classes)
                for i, (tag, element_id, classes, _) in enumerate(ELEMENTS)
            ],
        )
        got = [hierarchy for _, hierarchy in con.execute(run.compiled).fetchall()]
    assert got == [hierarchy for *_, hierarchy in ELEMENTS]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("source: {kind: snowplow, layout: redshfit}", "did you mean 'redshift'?"),
        (
            "source: {kind: snowplow, shema: x}",
            "unknown key 'shema' in source; did you mean 'schema'?",
        ),
        ("source: {kind: snowplow, database: 'a b'}", "source.database: database 'a b' must be"),
    ],
)
def test_a_bad_snowplow_source_is_one_error_on_its_line(
    project: Path, text: str, message: str
) -> None:
    settings = project / "definitions" / "heap_connect.yml"
    settings.write_text(settings.read_text() + "\n" + text + "\n")
    line = len(settings.read_text().splitlines())
    assert_one_definition_error(project, settings, line, message)


def _time(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _heap_type(row: dict[str, str]) -> str:
    """The Heap event type of a fixture row (the mapping of docs/sources/snowplow.md)."""
    names = {"link_click": "click", "submit_form": "submit", "change_form": "change"}
    if row["event"] == "page_view":
        return "view page"
    if row["event"] == "struct":
        return f"{row['se_category']}:{row['se_action']}"
    return names.get(row["event_name"], row["event_name"])


def _id_maps(fixture: Path, converted: Path) -> dict[str, dict[int, int]]:
    """heap_raw id (the conversion's) -> the number the Snowplow source gives the same thing
    (heapgen.ids.string_id of Snowplow's id). The conversion's hash is not ours, so each
    converted event is found in the fixture by its time, arrival and Heap type."""
    by_arrival: dict[datetime, list[dict]] = {}
    first_copy: dict[str, dict] = {}  # a repeated event_id's copies carry its first's fields
    with fixture.open(newline="") as fh:
        for row in sorted(csv.DictReader(fh), key=lambda row: row["collector_tstamp"]):
            # the conversion's loaded_at is never before the event's time
            stamps = ("collector_tstamp", "load_tstamp", "derived_tstamp")
            arrival = max(_time(row[name]) for name in stamps if row[name])
            by_arrival.setdefault(arrival, []).append(row)
            first_copy.setdefault(row["event_id"], row)
    events, users, sessions = {}, {}, {}
    candidates = []
    for line in (converted / "events.jsonl").read_text().splitlines():
        event = json.loads(line)
        if event["type"] != "session":
            matches = {
                (row["event_id"], row["domain_userid"], row["domain_sessionid"])
                for row in by_arrival[_time(event["loaded_at"])]
                if _time(first_copy[row["event_id"]]["derived_tstamp"]) == _time(event["time"])
                and _heap_type(row) == event["type"]
                and (row["page_urlpath"] or None) == event["path"]
            }
            candidates.append((event, sorted(matches)))
    # rows alike in all of these (two events in one millisecond): first the events only one
    # row fits, then the others by the users and sessions those gave, then in order
    taken: set[str] = set()
    for pass_ in range(3):
        for event, matches in candidates:
            if event["event_id"] in events:
                continue
            left = [m for m in matches if m[0] not in taken or pass_ == 0]
            if pass_ > 0:
                left = [
                    m for m in left
                    if users.get(event["user_id"], string_id(m[1])) == string_id(m[1])
                    and sessions.get(event["session_id"], string_id(m[2])) == string_id(m[2])
                ]  # fmt: skip
            if len(left) == 1 or (pass_ == 2 and left):
                event_id, domain_userid, domain_sessionid = left[0]
                taken.add(event_id)
                events[event["event_id"]] = string_id(event_id)
                users[event["user_id"]] = string_id(domain_userid)
                sessions[event["session_id"]] = string_id(domain_sessionid)
    assert set(events) == {event["event_id"] for event, _ in candidates}
    return id_maps(events, users, sessions)


def _sync(project: Path, db: Path, monkeypatch: pytest.MonkeyPatch) -> dict:
    (project / "definitions" / "events" / "snowplow.yml").write_text(LABELS)
    monkeypatch.setenv("HEAP_CONNECT_DB", str(db))
    sync(project, project / "definitions")
    return output_tables(db, OUT)


def test_real_fixture_gives_the_tables_of_its_heap_raw_conversion(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    heap_project = copy_project(tmp_path / "heap_project")
    heap_db = tmp_path / "heap.duckdb"
    load_directory(heap_db, CONVERTED)
    expected_tables = _sync(heap_project, heap_db, monkeypatch)

    snowplow_project = copy_project(tmp_path / "snowplow_project")
    settings = snowplow_project / "definitions" / "heap_connect.yml"
    settings.write_text(settings.read_text() + "\nsource: {kind: snowplow}\n")
    files = tmp_path / "atomic"
    files.mkdir()
    shutil.copy(FIXTURE, files / "events.csv")
    snowplow_db = tmp_path / "events.duckdb"  # atomic.duckdb: DuckDB would read "atomic" as it
    load_directory(snowplow_db, files, tables={"events": snowplow.events_table()})
    got_tables = _sync(snowplow_project, snowplow_db, monkeypatch)

    expected = comparable(expected_tables, _id_maps(FIXTURE, CONVERTED), REAL_DIFFERENCES, set())
    with FIXTURE.open(newline="") as fh:
        sessionless = {
            string_id(row["domain_userid"])
            for row in csv.DictReader(fh)
            if row["domain_userid"] and not row["domain_sessionid"] and row["event"] != "page_ping"
        }
    assert len(sessionless) == 1
    for name, (table_columns, rows) in got_tables.items():
        names = [column for column, _ in table_columns]
        if "user_id" in names:
            kept = [row for row in rows if row[names.index("user_id")] not in sessionless]
            got_tables[name] = (table_columns, kept)
    got = comparable(got_tables, None, REAL_DIFFERENCES, set())
    assert_same_tables(
        got, expected, nonempty=("pageviews", "link_click", "consent", "users", "sessions")
    )


def test_the_wide_row_layout_reads_the_events_the_enriched_layout_reads(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fixture as a wide-row loader writes it (its `unstruct_event_<vendor>_<name>_<version>`
    columns, one-element arrays of JSON, as in the CSV) read in the `snowflake` layout gives
    the staging rows that `heapgen load`'s enriched form of it gives in the `enriched` layout."""
    settings = project / "definitions" / "heap_connect.yml"
    base = settings.read_text()
    files = tmp_path / "files"
    files.mkdir()
    shutil.copy(FIXTURE, files / "events.csv")
    staged = {}
    for layout in ("enriched", "snowflake"):
        db = tmp_path / f"{layout}.duckdb"
        if layout == "enriched":
            load_directory(db, files, tables={"events": snowplow.events_table()})
        else:
            with duckdb.connect(str(db)) as con:
                con.execute("create schema atomic")
                con.execute(
                    "create table atomic.events as select * from read_csv(?, all_varchar = true)",
                    [str(FIXTURE)],
                )
        settings.write_text(base + f"\nsource: {{kind: snowplow, layout: {layout}}}\n")
        generate(project, project / "definitions")
        monkeypatch.setenv("HEAP_CONNECT_DB", str(db))
        run = invoke(["build", "--select", "staging"], project)
        assert run.success, run.errors
        with duckdb.connect(str(db)) as con:
            staged[layout] = con.execute(
                "select * from main_production_internal.stg_events order by event_id, loaded_at"
            ).fetchall()
            if layout == "enriched":  # a custom event's scalar fields: no arrays
                (properties,) = con.execute(
                    "select properties from main_production_internal.stg_events"
                    " where type = 'consent_preferences' order by event_id limit 1"
                ).fetchone()
                assert set(json.loads(properties)) == {
                    "basis_for_processing", "consent_url", "consent_version", "event_type",
                    "gdpr_applies",
                }  # fmt: skip
            if layout == "enriched":  # Snowplow's ids with their numbers
                ids = dict(con.execute(
                    "select domain_userid, user_id"
                    " from main_production_internal.snowplow_domain_userids"
                ).fetchall())  # fmt: skip
    with FIXTURE.open(newline="") as fh:
        cookies = {row["domain_userid"] for row in csv.DictReader(fh) if row["domain_userid"]}
    assert ids == {cookie: string_id(cookie) for cookie in cookies}
    assert staged["snowflake"] == staged["enriched"]
    assert sum(row[-1] is not None for row in staged["enriched"]) > 60  # custom properties
