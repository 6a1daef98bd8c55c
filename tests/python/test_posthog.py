"""The PostHog source (docs/sources/posthog.md): its settings, PostHog's elements_chain as
Heap's hierarchy (Python's statement of the rule and the warehouse SQL, on chains in
PostHog's own formats), string ids, `heapgen load --source posthog`, and a sync of PostHog
events end to end (incremental syncs equal one full build)."""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from conftest import REPO, assert_one_definition_error, copy_project, output_tables, query
from heapgen import posthog
from heapgen.dbt_runner import invoke
from heapgen.ids import string_id
from heapgen.load import LoadError, load_directory
from heapgen.posthog import chain_value, hierarchy_from_chain
from heapgen.selectors import compile_selector, matches
from heapgen.sync import sync

FIXTURE = REPO / "tests" / "fixtures" / "posthog" / "events.jsonl"
OUT = "main_production"

# (elements_chain as PostHog writes it, Heap hierarchy, href, text). The first is PostHog's
# own test of elementsToString (posthog/models/test: an unprefixed attribute is not an HTML
# attribute of autocapture, `attr_id` is the older id key, a quoted `;` and `\"` stay inside
# their value); the others are autocapture as posthog-js sends it (`attr__` attributes).
CHAINS = [
    (
        'a.small:data-attr="something \\" that; could mess up"href="/a-url"nth-child="1"'
        'nth-of-type="0"number="33"prop="value"style="min-height: 100vh;"text="bla bla";'
        'button.btn.btn-primary:nth-child="0"nth-of-type="0";div:nth-child="0"nth-of-type="0";'
        'div:attr_id="nested"nth-child="0"nth-of-type="0"',
        "div#nested > div > button.btn.btn-primary > a.small",
        "/a-url",
        "bla bla",
    ),
    (
        'a.cta.primary:attr__class="cta primary"attr__href="/signup"attr__id="signup"'
        'href="/signup"nth-child="2"nth-of-type="1"text="Sign up";'
        'nav.top:attr__class="top"nth-child="1"nth-of-type="1";'
        'div:attr__id="app"nth-child="1"nth-of-type="1";body:nth-child="2"nth-of-type="1"',
        "body > div#app > nav.top > a#signup.cta.primary[href=/signup]",
        "/signup",
        "Sign up",
    ),
    (  # a value with spaces keeps its name only; escaped quotes and `;` inside text
        'button:attr__aria-label="Add to cart"attr__data-sku="sku-42"attr__type="submit"'
        'nth-child="1"nth-of-type="1"text="Buy \\"now\\"; pay later"',
        "button[aria-label][data-sku=sku-42][type=submit]",
        None,
        'Buy "now"; pay later',
    ),
    (  # classes and ids Heap's grammar cannot hold are left out; an empty value stays
        'div.w-[200px].md:flex.ok:attr__id="a b"attr__data-x="1]2"attr__data-y=""'
        'nth-child="1"nth-of-type="1"',
        "div.md:flex.ok[data-x][data-y=]",
        None,
        None,
    ),
    (  # attr__id wins over attr_id; an input's attributes
        'input.search-input:attr__id="q"attr__name="q"attr__type="search"attr_id="old"'
        'nth-child="1"nth-of-type="1";form#search:attr__action="/search"attr__role="search"'
        'nth-child="1"nth-of-type="1"',
        "form#search[action=/search][role=search] > input#q.search-input[name=q][type=search]",
        None,
        None,
    ),
    ("", None, None, None),
    (None, None, None, None),
    ("svg", "svg", None, None),
]

# (selector, chain index, matches): every selector kind the project supports, on the
# hierarchies above, as CSS would answer on the page PostHog captured.
SELECTORS = [
    ("a.cta", 1, True),
    ("#signup", 1, True),
    ("nav > a", 1, True),
    ("div#app a.primary", 1, True),
    ("div > a", 1, False),
    ("[href=/signup]", 1, True),
    ("a[href]", 1, True),
    (".primary.cta", 1, True),
    ("nav.bottom a", 1, False),
    ("body > div", 1, True),
    ("button, nav", 1, True),
    ("button[aria-label]", 2, True),
    ("button[data-sku=sku-42]", 2, True),
    ("button[type=button]", 2, False),
    ("div.ok[data-y]", 3, True),
    ("div.ok.md", 3, False),  # the class is `md:flex`, not `md`
    ("form#search > input[type=search]", 4, True),
    ("input#old", 4, False),
    ("div#nested button.btn-primary > a.small", 0, True),
    ("a[prop]", 0, False),
]


def _compiled(project: Path, sql: str) -> str:
    run = invoke(["compile", "--inline", sql], project)
    assert run.success, run.errors
    return run.compiled


def test_the_rule_in_python() -> None:
    for chain, hierarchy, href, text in CHAINS:
        assert hierarchy_from_chain(chain) == hierarchy, chain
        assert (chain_value(chain, "href") or chain_value(chain, "attr__href")) == href, chain
        assert chain_value(chain, "text") == text, chain


def test_the_rule_in_sql_and_selectors_on_it(project: Path) -> None:
    sql = _compiled(
        project,
        "select position, {{ heap_connect.posthog_hierarchy('chain') }} as hierarchy,"
        " coalesce({{ heap_connect.posthog_chain_value('chain', 'href') }},"
        " {{ heap_connect.posthog_chain_value('chain', 'attr__href') }}) as href,"
        " {{ heap_connect.posthog_chain_value('chain', 'text') }} as text"
        " from chains order by position",
    )
    with duckdb.connect() as con:
        con.execute("create table chains (position integer, chain varchar)")
        con.executemany(
            "insert into chains values (?, ?)", [(i, c[0]) for i, c in enumerate(CHAINS)]
        )
        got = con.execute(sql).fetchall()
        assert [row[1:] for row in got] == [(h, href, text) for _, h, href, text in CHAINS]
        for selector, index, expected in SELECTORS:
            hierarchy = got[index][1]
            (found,) = con.execute(
                "select regexp_matches(?, ?)", [hierarchy, compile_selector(selector)]
            ).fetchone()
            assert found is expected, (selector, hierarchy)
            assert matches(selector, hierarchy) is expected, (selector, hierarchy)


def test_string_ids_are_the_same_in_python_and_sql(project: Path) -> None:
    values = [
        "",
        "anon-1",
        "ann@example.com",
        "0190a1b2-0001-7000-8000-000000000001",
        "Événement 🚀",
    ]
    # the rule written out: the first 15 hex digits of MD5, a number below 2^60
    assert string_id("") == int("d41d8cd98f00b20", 16)
    for value in values:
        assert string_id(value) == int(hashlib.md5(value.encode()).hexdigest()[:15], 16)
        assert 0 <= string_id(value) < 2**60
    sql = _compiled(project, "select value, {{ heap_connect.string_id('value') }} from ids")
    with duckdb.connect() as con:
        con.execute("create table ids (value varchar)")
        con.executemany("insert into ids values (?)", [(v,) for v in [*values, None]])
        got = dict(con.execute(sql).fetchall())
    assert got == {**{v: string_id(v) for v in values}, None: None}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("source: mixpanel", "source: kind 'mixpanel' is not one of heap_raw, posthog, segment"),
        (
            "source: {kind: posthog, layot: s3}",
            "unknown key 'layot' in source; did you mean 'layout'?",
        ),
        ("source: {kind: posthog, layout: bq}", "source.layout: 'bq' is not one of"),
        ("source: {schema: x}", "source: missing key 'kind' (heap_raw or posthog"),
        ("source: {kind: posthog, table: 'a;b'}", "source.table: String should match pattern"),
    ],
)
def test_a_bad_source_is_one_error_on_its_line(project: Path, text: str, message: str) -> None:
    settings = project / "definitions" / "heap_connect.yml"
    settings.write_text(settings.read_text() + "\n" + text + "\n")
    line = len(settings.read_text().splitlines())
    assert_one_definition_error(project, settings, line, message)


def test_load_keeps_every_row_and_reports_bad_lines(tmp_path: Path) -> None:
    tables = {"events": posthog.events_table("ph", "exported")}
    good = tmp_path / "good"
    good.mkdir()
    shutil.copy(FIXTURE, good / "2026-11-02T00:00:00+00:00-2026-11-03T00:00:00+00:00.jsonl")
    extra = json.loads(FIXTURE.read_text().splitlines()[0])
    extra["uuid"], extra["a_field_posthog_adds_later"] = "0190a1b2-0001-7000-8000-00000000ffff", 1
    (good / "later.jsonl").write_text(json.dumps(extra) + "\n")  # unknown keys are ignored
    (good / "manifest.json").write_text('{"files": []}')  # PostHog's list of its files
    db = tmp_path / "wh.duckdb"
    report = load_directory(db, good, tables=tables)
    assert report.total_rows == len(FIXTURE.read_text().splitlines()) + 1
    [(rows, arrived, properties)] = query(
        db, "select count(*), min(_inserted_at), max(properties->>'$.\"$lib\"') from ph.exported"
    )
    assert rows == report.total_rows and arrived is not None and properties == "web"

    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "part.jsonl").write_text(
        FIXTURE.read_text().splitlines()[0]
        + "\n"
        + json.dumps({"uuid": "u", "event": "e", "distinct_id": "d", "timestamp": "yesterday"})
        + "\n"
    )
    with pytest.raises(LoadError) as error:
        load_directory(tmp_path / "other.duckdb", bad, tables=tables)
    assert str(error.value).startswith(f"{bad / 'part.jsonl'}:2: timestamp is not a valid time")
    assert not (tmp_path / "other.duckdb").exists()


def _posthog_project(project: Path) -> Path:
    """The project copy with source posthog and labels that match the fixture's events."""
    settings = project / "definitions" / "heap_connect.yml"
    settings.write_text(settings.read_text() + "\nsource:\n  kind: posthog\n")
    for path in (project / "definitions").rglob("*.yml"):
        if path != settings:
            path.unlink()
    (project / "heapgen.lock.yml").unlink(missing_ok=True)
    (project / "definitions" / "events.yml").write_text(
        "events:\n"
        "  - name: Add To Cart Click\n"
        "    match:\n"
        "      - event: click\n"
        "        selector: 'div.product button.add-to-cart'\n"
        "  - name: Checkout Submit\n"
        "    match:\n"
        "      - event: submit\n"
        "        selector: 'form[action=\"/pay\"]'\n"
        "  - name: Order Completed\n"
        "    match:\n"
        "      - event: custom\n"
        "        name: order completed\n"
        "  - name: Payment Captured\n"
        "    match:\n"
        "      - event: custom\n"
        "        name: payment captured\n"
    )
    return project


def _load_rows(db: Path, rows: list[str], tmp_path: Path, name: str) -> None:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "events.jsonl").write_text("".join(row + "\n" for row in rows))
    load_directory(db, folder, tables={"events": posthog.events_table()})


def test_a_posthog_export_syncs_into_heap_connect_tables(project: Path, tmp_path: Path) -> None:
    _posthog_project(project)
    db = tmp_path / "warehouse.duckdb"
    rows = FIXTURE.read_text().splitlines()
    _load_rows(db, rows, tmp_path, "all")
    sync(project, project / "definitions")
    anon, ann, ios = string_id("anon-1"), string_id("ann@example.com"), string_id("anon-ios-7")
    # the anonymous id that identified first owns the identity; the identified id migrates
    assert query(db, f"select from_user_id, to_user_id from {OUT}.user_migrations") == [(ann, anon)]
    # the page view's $set_once plan (trial) loses to the identify's $set; its landing path stays
    users = f"select user_id, identity, email, plan, initial_landing_path from {OUT}.users"
    assert sorted(query(db, users)) == sorted(
        [
            (anon, "ann@example.com", "ann@example.com", "pro", "/products"),
            (ios, None, None, "free", None),
        ]
    )
    session = string_id("0190a1b2-0000-7000-8000-000000000001")
    assert query(
        db,
        f"select user_id, platform, browser, device_type, country, region, city, referrer,"
        f" landing_page, landing_page_query, landing_page_hash, utm_source, utm_medium"
        f" from {OUT}.sessions where session_id = {session}",
    ) == [
        (
            anon, "Mac OS X", "Chrome", "Desktop", "France", "Île-de-France", "Paris",
            "https://www.google.com/", "shop.example.com/products", "?category=shoes", "#top",
            "google", "cpc",
        )
    ]  # fmt: skip
    assert query(db, f"select user_id, target_text from {OUT}.add_to_cart_click") == [
        (anon, "Add to cart")
    ]
    clicked = "button#add.btn.add-to-cart[data-sku=sku-42][type=button]"
    assert query(db, f"select hierarchy from {OUT}_internal.int_events where type = 'click'") == [
        (f"body > main#content > div.product.card > {clicked}",)
    ]
    # custom properties: the event's own, not PostHog's `$` ones
    order_columns = [c for c, _ in query(
        db, f"select column_name, 1 from information_schema.columns where table_schema = '{OUT}'"
        " and table_name = 'order_completed' order by ordinal_position")]  # fmt: skip
    assert sorted(order_columns[-3:]) == ["coupon", "items", "order_total"]
    assert not {"lib", "current_url", "pathname", "host", "geoip_city_name"} & set(order_columns)
    assert query(db, f"select user_id, order_total, items from {OUT}.order_completed") == [
        (anon, 42.5, 2)
    ]
    # server-side events have no session
    assert query(db, f"select user_id, session_id from {OUT}.payment_captured") == [(anon, None)]
    assert query(db, f"select count(*) from {OUT}.checkout_submit") == [(1,)]
    assert query(
        db, f"select library, view_controller, app_name from {OUT}.pageviews where library = 'iOS'"
    ) == [("iOS", "ProductViewController", "Shop")]
    # a bare `dbt source freshness` checks the project's source only: heap_raw is not declared
    # in a project fed by a tracker (its tables do not exist here: each would be an error)
    from dbt.cli.main import dbtRunner

    dirs = ["--project-dir", str(project), "--profiles-dir", str(project)]
    run = dbtRunner().invoke(["--log-level", "none", "source", "freshness", *dirs])
    results = [r for r in run.result.results if r.node.resource_type == "source"]
    checked = {(r.node.source_name, r.node.name, str(r.status)) for r in results}
    assert {(source, table) for source, table, _ in checked} == {("posthog", "events")}, checked
    assert {status for _, _, status in checked} <= {"pass", "warn", "error"}, checked


def test_incremental_posthog_syncs_equal_one_full_build(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The export arrives in three parts, out of order (the identify and a late server event
    last); the tables equal one build of everything."""
    _posthog_project(project)
    rows = FIXTURE.read_text().splitlines()
    order = sorted(rows, key=lambda r: json.loads(r)["event"] in ("$identify", "payment captured"))
    parts = [order[:3], order[3:6], order[6:]]
    db = tmp_path / "warehouse.duckdb"
    for k, part in enumerate(parts):
        _load_rows(db, part, tmp_path, f"part_{k}")
        sync(project, project / "definitions")
    incremental = output_tables(db, OUT)

    full_project = _posthog_project(copy_project(tmp_path / "full"))
    full_db = tmp_path / "full.duckdb"
    _load_rows(full_db, rows, tmp_path, "everything")
    monkeypatch.setenv("HEAP_CONNECT_DB", str(full_db))
    sync(full_project, full_project / "definitions")
    assert output_tables(full_db, OUT) == incremental


def _identity_event(
    n: int, event: str, who: str, minute: int, loaded: int | None = None, **props: object
) -> str:
    return json.dumps(
        {
            "uuid": f"0190a1b2-0002-7000-8000-{n:012d}",
            "event": event,
            "distinct_id": who,
            "properties": {"$lib": "web", **props},
            "elements_chain": "",
            "timestamp": f"2026-11-05T10:{minute:02d}:00.000000Z",
            "_inserted_at": f"2026-11-05T11:{minute if loaded is None else loaded:02d}:00.000000Z",
        }
    )


def _once(**properties: object) -> dict:
    return {"$set_once": properties}


def test_identify_twice_and_create_alias_merge_into_the_first(
    project: Path, tmp_path: Path
) -> None:
    """A distinct id identified twice (two devices), and an alias: every id ends in the user
    of the anonymous id that identified first, with all their events. `$set_once` sets a
    property only while nothing has: the earliest counts, a `$set` at any time beats it,
    also across the merged ids and when an earlier one arrives in a later sync."""
    _posthog_project(project)
    db = tmp_path / "warehouse.duckdb"
    rows = [
        _identity_event(
            1, "order completed", "anon-a", 1, **_once(plan="trial", signup_source="ad")
        ),
        _identity_event(2, "$identify", "bo@example.com", 2, **{"$anon_distinct_id": "anon-a"}),
        _identity_event(3, "order completed", "anon-b", 3, **_once(signup_source="email")),
        _identity_event(
            4,
            "$identify",
            "bo@example.com",
            4,
            **{"$anon_distinct_id": "anon-b"},
            **{"$set": {"plan": "pro"}},
        ),
        _identity_event(5, "$create_alias", "bo@example.com", 5, alias="backend-7"),
        _identity_event(6, "payment captured", "backend-7", 6),
        _identity_event(
            7, "order completed", "bo@example.com", 7, **_once(plan="free", company="Acme")
        ),
    ]
    _load_rows(db, rows, tmp_path, "identity")
    sync(project, project / "definitions")
    owner = string_id("anon-a")
    assert query(db, f"select user_id, identity from {OUT}.users") == [(owner, "bo@example.com")]
    users = f"select plan, signup_source, company, last_modified from {OUT}.users"
    minute = lambda m: datetime(2026, 11, 5, 10, m)  # noqa: E731
    assert query(db, users) == [("pro", "ad", "Acme", minute(5))]
    # an earlier $set_once, loaded after the others, takes over; a later one changes nothing
    late = [
        _identity_event(
            8, "order completed", "anon-b", 0, loaded=30, **_once(signup_source="organic")
        ),
        _identity_event(9, "order completed", "anon-a", 9, loaded=31, **_once(company="Other")),
    ]
    _load_rows(db, late, tmp_path, "late")
    sync(project, project / "definitions")
    assert query(db, users) == [("pro", "organic", "Acme", minute(5))]
    assert sorted(
        query(db, f"select from_user_id, to_user_id from {OUT}.user_migrations")
    ) == sorted((string_id(other), owner) for other in ("anon-b", "bo@example.com", "backend-7"))
    assert query(db, f"select distinct user_id from {OUT}.order_completed") == [(owner,)]
    assert query(db, f"select count(*) from {OUT}.order_completed") == [(5,)]
    assert query(db, f"select user_id from {OUT}.payment_captured") == [(owner,)]
    # every id is in the lookup of original strings, under its own number
    ids = dict(query(db, f"select distinct_id, user_id from {OUT}_internal.posthog_distinct_ids"))
    names = ["anon-a", "anon-b", "bo@example.com", "backend-7"]
    assert ids == {name: string_id(name) for name in names}
