"""The sync lifecycle: incremental syncs while definitions change (edit, rename, archive,
un-archive, unsync, add) equal one full build of the final state; an edit rebuilds only its
table; a sync that fails partway loses nothing and the next one completes it."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
import yaml

from conftest import (
    MARTS,
    copy_project,
    defined_columns,
    enable_marts,
    keep_events,
    output_tables,
    query,
    split_by_arrival,
    table_rows,
)
from heapgen.load import load_directory
from heapgen.sample import write_sample
from heapgen.sync import SyncFailed, SyncResult, sync

OUT = "main_production"
EVENTS = (
    "View Pricing Page",
    "Paid Landing On Product Page",
    "Any Event On Checkout",
    "Read Blog Post",
    "Add To Cart",
    "Big Order",
    "Order Without Coupon",
    "View Product Screen",
)
BATCHES = 4


@pytest.fixture(scope="module")
def batches(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """A small sample cut into BATCHES folders by loaded_at (all three raw tables), so each
    load brings what arrived next, late events and identifies included."""
    root = tmp_path_factory.mktemp("lifecycle")
    write_sample(root / "raw", users=120, days=4, seed=11)
    return split_by_arrival([root / "raw"], root, BATCHES)


def edit_event(project: Path, name: str, change: Callable[[dict], dict | None]) -> None:
    """Apply `change` to the definition of event `name` (None removes it)."""
    for path in (project / "definitions").rglob("*.yml"):
        data = yaml.safe_load(path.read_text()) or {}
        events = data.get("events") or []
        if any(e["name"] == name for e in events):
            changed = [change(dict(e)) if e["name"] == name else e for e in events]
            data["events"] = [e for e in changed if e is not None]
            path.write_text(yaml.safe_dump(data, sort_keys=False))
            return
    raise AssertionError(f"no event {name}")


def drop_segment(project: Path, name: str) -> None:
    path = project / "definitions" / "segments.yml"
    data = yaml.safe_load(path.read_text())
    data["segments"] = [s for s in data["segments"] if s["name"] != name]
    path.write_text(yaml.safe_dump(data, sort_keys=False))


def add_event(project: Path, definition: dict) -> None:
    path = project / "definitions" / "events" / "added.yml"
    data = yaml.safe_load(path.read_text()) if path.exists() else {"events": []}
    data["events"].append(definition)
    path.write_text(yaml.safe_dump(data, sort_keys=False))


def planned(project: Path) -> dict[str, str]:
    """`heapgen plan`'s decision per event table, read against the warehouse."""
    from heapgen.cli import _warehouse_state
    from heapgen.generate import prepare

    built = _warehouse_state(project, None)
    assert built is not None
    changes = prepare(project, project / "definitions").changes(built)
    return {c.table: c.action for c in changes if c.action != "unchanged"}


def full_build(
    project: Path, folders: list[Path], root: Path, monkeypatch: pytest.MonkeyPatch
) -> dict:
    """The output tables of one full build of `project`'s definitions (and lock file, and
    dbt_project.yml: its vars) over the raw data of `folders`, in a fresh project copy and
    DuckDB file under `root`."""
    full_project = copy_project(root / "project")
    for part in ("definitions", "heapgen.lock.yml", "dbt_project.yml"):
        source, target = project / part, full_project / part
        if source.is_dir():
            shutil.rmtree(target)
            shutil.copytree(source, target)
        else:
            target.write_text(source.read_text())
    full_db = root / "full.duckdb"
    monkeypatch.setenv("HEAP_CONNECT_DB", str(full_db))
    for folder in folders:
        load_directory(full_db, folder)
    sync(full_project, full_project / "definitions")
    return output_tables(full_db)


def builds(result: SyncResult) -> dict[str, str]:
    """How the sync built each event table and segment view."""
    shared = ("sessions", "pageviews", "users", *MARTS)
    return {t: b for t, b in result.builds.items() if t not in shared}


def test_incremental_syncs_with_definition_changes_equal_one_full_build(
    batches: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # with the opt-in marts: their batches over a realistic sample (late events, merged
    # users, user property columns that appear later)
    project = enable_marts(copy_project(tmp_path / "incremental"))
    keep_events(project, *EVENTS)
    db = tmp_path / "incremental.duckdb"
    monkeypatch.setenv("HEAP_CONNECT_DB", str(db))

    def sync_batch(k: int) -> SyncResult:
        load_directory(db, batches[k])
        return sync(project, project / "definitions")

    first = sync_batch(0)
    assert set(builds(first).values()) == {"rebuild: new table"}

    # one edit among many, a rename (same table), an archive
    edit_event(
        project,
        "Any Event On Checkout",
        lambda e: {**e, "match": [{"event": "any", "library": "web", "path": "/cart*"}]},
    )
    edit_event(project, "Add To Cart", lambda e: {**e, "name": "Add To Cart (Track)"})
    edit_event(project, "Read Blog Post", lambda e: {**e, "archived": True})
    frozen = table_rows(db, f"{OUT}.read_blog_post")
    assert planned(project) == {
        "any_event_on_checkout": "rebuild",
        "add_to_cart": "rename",
        "read_blog_post": "archive",
    }
    second = sync_batch(1)
    rebuilt = {t for t, b in builds(second).items() if b.startswith("rebuild")}
    assert rebuilt == {"any_event_on_checkout"}
    assert builds(second)["add_to_cart"] == "batch"
    assert table_rows(db, f"{OUT}.read_blog_post") == frozen
    info = dict(
        query(
            db,
            f"select event_table_name, inserted_row_count from {OUT}._sync_info "
            f"where sync_started >= (select max(start_time) from {OUT}._sync_history)",
        )
    )
    assert "read_blog_post" not in info
    assert (
        info["any_event_on_checkout"]
        == query(db, f"select count(*) from {OUT}.any_event_on_checkout")[0][0]
    )
    assert info["view_pricing_page"] < query(db, f"select count(*) from {OUT}.pageviews")[0][0]
    # a table that took the batch counts the batch's rows in it, not all its rows
    batch_rows = query(
        db,
        f"select count(*) from {OUT}.add_to_cart where event_id in "
        f"(select event_id from {OUT}_internal.int_event_batch)",
    )[0][0]
    assert (
        info["add_to_cart"]
        == batch_rows
        < query(db, f"select count(*) from {OUT}.add_to_cart")[0][0]
    )

    # un-archive, stop syncing one, add one
    edit_event(project, "Read Blog Post", lambda e: {**e, "archived": False})
    edit_event(project, "Big Order", lambda e: {**e, "sync": False})
    drop_segment(project, "Paying Without Orders")  # it counts Big Order
    add_event(
        project,
        {"name": "Search With No Results", "match": [{"event": "custom", "name": "Search"}]},
    )
    assert planned(project) == {
        "read_blog_post": "rebuild",
        "search_with_no_results": "create",
        "big_order": "drop",
    }
    third = sync_batch(2)
    assert builds(third)["read_blog_post"] == "rebuild: un-archived"
    assert builds(third)["search_with_no_results"] == "rebuild: new table"
    assert "big_order" not in output_tables(db)
    assert "paying_without_orders" not in output_tables(db)
    assert query(db, f"select event_table_name from {OUT}._dropped_tables") == [("big_order",)]

    # a session-level filter changes, and the last data arrives
    edit_event(
        project,
        "Paid Landing On Product Page",
        lambda e: {**e, "match": [{"event": "view page", "path": "/products/*"}]},
    )
    fourth = sync_batch(3)
    assert {t for t, b in builds(fourth).items() if b.startswith("rebuild")} == {
        "paid_landing_on_product_page"
    }
    incremental = output_tables(db)
    full = full_build(project, batches, tmp_path / "full", monkeypatch)
    assert set(MARTS) < set(incremental) == set(full)
    for name in full:
        assert incremental[name] == full[name], name


def test_a_sync_with_nothing_new_to_read_builds_only_what_changed(
    batches: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No new event, identify or migration: the sync rebuilds the edited and new event
    tables, keeps the archived one and writes nothing to the others (their batch is empty),
    with no dbt node per event table (int_event_tables syncs them all); the tables equal
    one full build. A model a sync left behind, or a new identify, is caught up."""
    project = copy_project(tmp_path / "nothing_new")
    keep_events(project, *EVENTS)
    db = tmp_path / "nothing_new.duckdb"
    monkeypatch.setenv("HEAP_CONNECT_DB", str(db))
    for folder in batches[:2]:
        load_directory(db, folder)
    first = sync(project, project / "definitions")
    tables = {t for t in builds(first) if not t.startswith("int_")}
    assert len(tables) == len(EVENTS)

    edit_event(
        project,
        "Any Event On Checkout",
        lambda e: {**e, "match": [{"event": "any", "library": "web", "path": "/cart*"}]},
    )
    edit_event(project, "Read Blog Post", lambda e: {**e, "archived": True})
    add_event(
        project,
        {"name": "Search With No Results", "match": [{"event": "custom", "name": "Search"}]},
    )
    edited = sync(project, project / "definitions")
    changed = {"any_event_on_checkout", "read_blog_post", "search_with_no_results"}
    assert {t: b for t, b in builds(edited).items() if t in tables | changed} == {
        **{t: "batch" for t in tables - changed},
        "any_event_on_checkout": "rebuild: definition changed",
        "read_blog_post": "batch",
        "search_with_no_results": "rebuild: new table",
    }
    assert [n.name for n in edited.run.nodes if n.name.startswith("heap_event__")] == []
    # only what the edited labels reach, and the (empty) batch tables (decision 0045)
    models = {n.name for n in edited.run.nodes if n.resource_type == "model"}
    assert models == {
        "int_event_batch", "int_user_batch", "int_events_labeled", "int_label_property_profile",
        "int_event_tables", "_event_metadata", "all_events",
        "heap_segment__paying_without_orders", "heap_segment__pricing_visitors_not_paying",
    }  # fmt: skip
    assert output_tables(db) == full_build(project, batches[:2], tmp_path / "full", monkeypatch)

    # a sync that stopped before one table (its watermark behind): the batch covers it
    monkeypatch.setenv("HEAP_CONNECT_DB", str(db))
    with duckdb.connect(str(db)) as con:
        con.execute(
            f"update {OUT}_internal._heap_sync_state set synced_through = synced_through"
            " - interval 1 second where model_name = 'heap_event__view_pricing_page'"
        )
    sync(project, project / "definitions")
    assert output_tables(db) == full_build(project, batches[:2], tmp_path / "full2", monkeypatch)
    monkeypatch.setenv("HEAP_CONNECT_DB", str(db))
    identify_only = tmp_path / "identify_only"
    identify_only.mkdir()
    shutil.copy(batches[2] / "identifies.jsonl", identify_only)
    assert (identify_only / "identifies.jsonl").read_text()
    load_directory(db, identify_only)
    sync(project, project / "definitions")


def test_an_edit_with_nothing_new_to_read_builds_what_it_reaches(
    batches: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing new to read: an edited defined property builds the tables that carry it,
    an edited segment its view, and neither builds the shared models upstream; the tables
    equal one full build (decision 0045). Other vars build everything (test_reach)."""
    project = enable_marts(copy_project(tmp_path / "edits"))
    keep_events(project, *EVENTS)
    db = tmp_path / "edits.duckdb"
    monkeypatch.setenv("HEAP_CONNECT_DB", str(db))
    for folder in batches[:2]:
        load_directory(db, folder)
    sync(project, project / "definitions")
    upstream = {"stg_events", "int_events", "int_sessions", "int_events_labeled", "int_user_map"}

    def models(result: SyncResult) -> set[str]:
        return {n.name for n in result.run.nodes if n.resource_type == "model"}

    # one label: its table alone is rebuilt, reading its rows straight from the join
    before = table_rows(db, f"{OUT}.view_pricing_page")
    edit_event(
        project,
        "View Pricing Page",
        lambda e: {**e, "match": [{"event": "view page", "path": "/cart*"}]},
    )
    edited = sync(project, project / "definitions")
    assert table_rows(db, f"{OUT}.view_pricing_page") != before
    assert [t for t, b in builds(edited).items() if not b.startswith("batch")] == [
        "view_pricing_page"
    ]
    assert not models(edited) & (upstream - {"int_events_labeled"})
    # the empty batch is written without reading int_events (heap_connect.event_batch_facts)
    batch = project / "target" / "run" / "heap_connect" / "models" / "intermediate"
    assert "or events.session_id in" not in (batch / "int_event_batch.sql").read_text()
    assert output_tables(db) == full_build(project, batches[:2], tmp_path / "full0", monkeypatch)

    monkeypatch.setenv("HEAP_CONNECT_DB", str(db))
    properties = project / "definitions" / "properties.yml"
    text = properties.read_text()
    properties.write_text(text.replace("value: Paid Search\n", "value: Paid Search Ads\n", 1))
    assert properties.read_text() != text
    edited = models(sync(project, project / "definitions"))
    assert {"int_event_tables", "pageviews", "sessions", *MARTS} <= edited
    assert not edited & upstream

    # then a segment (one full build checks both: the segment's sync builds none of the
    # tables the property's sync wrote)
    segments = project / "definitions" / "segments.yml"
    data = yaml.safe_load(segments.read_text())
    (paying,) = [s for s in data["segments"] if s["name"] == "Paying Without Orders"]
    assert paying["where"]["all_of"][0]["value"] == ["pro", "team"]
    paying["where"]["all_of"][0]["value"] = ["pro"]
    segments.write_text(yaml.safe_dump(data, sort_keys=False))
    edited = models(sync(project, project / "definitions"))
    assert "heap_segment__paying_without_orders" in edited
    assert not edited & (upstream | {"users", "pageviews", "sessions"})
    assert output_tables(db) == full_build(project, batches[:2], tmp_path / "full", monkeypatch)


def test_a_sync_that_fails_partway_loses_nothing(
    batches: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A model fails after its rows were written (its post-hook raises): that model's work
    (for int_event_tables: every event table's) is rolled back while others commit; the
    next sync completes it, and the result equals a clean run. With the opt-in marts on, which
    the failure skips after `users` succeeded: users_enhanced keeps its own arrival ledger, so
    the next sync still hands it the users whose identifies and user properties `users` took
    (a user property update that nothing else brings into a batch; the second batch's user
    properties come with the first, so that no new users column rebuilds users_enhanced whole
    at the next sync, which would hide a user it was not handed)."""
    project = enable_marts(copy_project(tmp_path / "faulty"))
    keep_events(project, "View Pricing Page", "Any Event On Checkout", "Add To Cart")
    db = tmp_path / "faulty.duckdb"
    monkeypatch.setenv("HEAP_CONNECT_DB", str(db))
    second_properties, second_rest = tmp_path / "second_properties", tmp_path / "second_rest"
    for folder, files in (
        (second_properties, ["user_properties"]),
        (second_rest, ["events", "identifies"]),
    ):
        folder.mkdir()
        for name in files:
            shutil.copy(batches[1] / f"{name}.jsonl", folder)
    load_directory(db, batches[0])
    load_directory(db, second_properties)
    sync(project, project / "definitions")

    settings = project / "dbt_project.yml"
    healthy = settings.read_text()
    fault = (
        "{% if model.name in ('int_event_tables', 'sessions') %}"
        "select error('injected fault'){% endif %}"
    )
    config = yaml.safe_load(healthy)
    config["models"]["heap_connect"]["+post-hook"].append(fault)
    settings.write_text(yaml.safe_dump(config, sort_keys=False))
    late_email = email_update(batches, tmp_path / "email_update")
    for folder in (second_rest, late_email):
        load_directory(db, folder)
    with pytest.raises(SyncFailed) as failed:
        sync(project, project / "definitions")
    assert "injected fault" in str(failed.value)
    statuses = {n.name: n.status for n in failed.value.run.nodes if n.resource_type == "model"}
    assert statuses["pageviews"] == "success"
    assert statuses["int_event_tables"] == "error"

    settings.write_text(healthy)
    load_directory(db, batches[2])
    sync(project, project / "definitions")
    recovered = output_tables(db)
    assert [s for (s,) in query(db, f"select status from {OUT}._sync_history order by 1")] == [
        "failed",
        "succeeded",
        "succeeded",
    ]

    updated = f"select count(*) from {OUT}.users_enhanced where email = 'late@example.com'"
    assert query(db, updated) == [(1,)], "the user property update reached users_enhanced"

    clean_db = tmp_path / "clean.duckdb"
    monkeypatch.setenv("HEAP_CONNECT_DB", str(clean_db))
    for folder in [*batches[:3], late_email]:
        load_directory(clean_db, folder)
    sync(project, project / "definitions")
    assert recovered == output_tables(clean_db)


def email_update(batches: list[Path], folder: Path) -> Path:
    """A user property update (a new email) in the second batch for a user whose rows are all
    in the first, loaded on a day of loaded_at no other row has: nothing else of the next syncs
    brings that user into a batch."""

    def rows(batch: Path) -> list[dict]:
        files = ("events.jsonl", "identifies.jsonl", "user_properties.jsonl")
        return [json.loads(line) for f in files for line in (batch / f).read_text().splitlines()]

    later = {r["user_id"] for batch in batches[1:3] for r in rows(batch)}
    user = min(r["user_id"] for r in rows(batches[0]) if r["user_id"] not in later)
    stamp = max(r["loaded_at"] for r in rows(batches[1]))
    update = {"user_id": user, "time": stamp, "loaded_at": "2025-06-01 00:00:00"}
    update["properties"] = {"email": "late@example.com"}
    folder.mkdir()
    (folder / "user_properties.jsonl").write_text(json.dumps(update) + "\n")
    return folder


def test_a_new_property_type_that_does_not_fit_rebuilds_the_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A property seen as integers, then as text, widens its column: the table is rebuilt
    (and equals a build from all history); integers after doubles fit and do not rebuild."""
    project = copy_project(tmp_path / "types")
    keep_events(project, "Add To Cart")
    db = tmp_path / "types.duckdb"
    monkeypatch.setenv("HEAP_CONNECT_DB", str(db))

    def track(event_id: int, loaded: str, properties: dict) -> dict:
        return {
            "event_id": event_id,
            "user_id": 7,
            "session_id": None,
            "time": "2026-02-01 10:00:00",
            "loaded_at": loaded,
            "library": "server",
            "type": "Add To Cart",
            "is_custom": True,
            "properties": properties,
        }

    def load(name: str, rows: list[dict]) -> None:
        folder = tmp_path / name
        folder.mkdir()
        (folder / "events.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
        load_directory(db, folder)

    load("one", [track(1, "2026-02-01 10:00:01", {"quantity": 2, "price": 1.5})])
    sync(project, project / "definitions")
    load("two", [track(2, "2026-02-01 11:00:00", {"quantity": 3, "price": 4})])
    fits = sync(project, project / "definitions")
    assert fits.builds["add_to_cart"] == "batch"
    load("three", [track(3, "2026-02-01 12:00:00", {"quantity": "a few", "colour": "red"})])
    widened = sync(project, project / "definitions")
    assert widened.builds["add_to_cart"].startswith("rebuild: column quantity (bigint)")
    types = dict(
        query(
            db,
            "select column_name, data_type from information_schema.columns "
            f"where table_schema = '{OUT}' and table_name = 'add_to_cart'",
        )
    )
    assert (types["quantity"], types["price"], types["colour"]) == ("VARCHAR", "DOUBLE", "VARCHAR")
    assert query(db, f"select event_id, quantity from {OUT}.add_to_cart order by 1") == [
        (1, "2"),
        (2, "3"),
        (3, "a few"),
    ]


def test_an_archived_property_keeps_its_column_empty_from_then_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Archiving a property empties its column for rows synced from then on, without a
    rebuild; un-archiving fills it again for new rows, without backfill."""
    project = copy_project(tmp_path / "archived_property")
    keep_events(project, "Add To Cart")
    db = tmp_path / "archived_property.duckdb"
    monkeypatch.setenv("HEAP_CONNECT_DB", str(db))

    def load(event_id: int) -> None:
        row = {
            "event_id": event_id,
            "user_id": 7,
            "session_id": None,
            "time": f"2026-02-01 10:00:0{event_id}",
            "loaded_at": f"2026-02-01 11:00:0{event_id}",
            "library": "server",
            "type": "Add To Cart",
            "is_custom": True,
            "properties": {"coupon": f"C{event_id}", "quantity": event_id},
        }
        folder = tmp_path / f"load_{event_id}"
        folder.mkdir()
        (folder / "events.jsonl").write_text(json.dumps(row) + "\n")
        load_directory(db, folder)

    load(1)
    sync(project, project / "definitions")
    edit_event(project, "Add To Cart", lambda e: {**e, "archived_properties": ["coupon"]})
    load(2)
    assert sync(project, project / "definitions").builds["add_to_cart"] == "batch"
    edit_event(project, "Add To Cart", lambda e: {**e, "archived_properties": []})
    load(3)
    assert sync(project, project / "definitions").builds["add_to_cart"] == "batch"
    assert query(db, f"select event_id, coupon, quantity from {OUT}.add_to_cart order by 1") == [
        (1, "C1", 1),
        (2, None, 2),
        (3, "C3", 3),
    ]


def test_events_arriving_after_a_sync_without_events_are_taken_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first sync sees only an identify (no event yet): the next one takes every event
    in (int_events holds none, so it has no watermark), as one full build does."""
    db = tmp_path / "late_events.duckdb"
    monkeypatch.setenv("HEAP_CONNECT_DB", str(db))
    project = copy_project(tmp_path / "late_events")
    keep_events(project, "View Pricing Page")
    first = tmp_path / "first"
    first.mkdir()
    identify = {"user_id": 1, "identity": "ann@example.com", "time": "2026-01-01 00:00:01"}
    (first / "identifies.jsonl").write_text(json.dumps(identify) + "\n")
    load_directory(db, first)
    sync(project, project / "definitions")
    second = tmp_path / "second"
    second.mkdir()
    view = {
        "event_id": 1,
        "user_id": 1,
        "session_id": 10,
        "time": "2026-01-01 00:00:02",
        "library": "web",
        "type": "view page",
        "path": "/pricing",
        "is_custom": False,
    }
    (second / "events.jsonl").write_text(json.dumps(view) + "\n")
    load_directory(db, second)
    result = sync(project, project / "definitions")
    assert result.builds["view_pricing_page"] == "batch"
    counts = query(
        db,
        f"select (select count(*) from {OUT}.view_pricing_page), "
        f"(select count(*) from {OUT}.pageviews), (select count(*) from {OUT}.sessions)",
    )
    assert counts == [(1, 1, 1)]


def test_a_property_first_seen_in_a_later_sync_takes_its_full_build_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A custom property (and a user property) first seen in a later sync gets the column
    position a full build gives it: among the property columns by name, before the
    defined-property columns. Every output table equals one full build: same columns in the
    same order with the same types, same rows."""
    project = copy_project(tmp_path / "order")
    keep_events(project, "Add To Cart", "View Pricing Page")
    db = tmp_path / "order.duckdb"
    monkeypatch.setenv("HEAP_CONNECT_DB", str(db))

    def track(event_id: int, properties: dict) -> dict:
        return {
            "event_id": event_id,
            "user_id": 7,
            "session_id": 70 + event_id,
            "time": f"2026-02-01 10:00:0{event_id}",
            "loaded_at": f"2026-02-01 11:00:0{event_id}",
            "library": "web",
            "type": "Add To Cart",
            "is_custom": True,
            "properties": properties,
        }

    def view(event_id: int) -> dict:
        return {**track(event_id, {}), "type": "view page", "is_custom": False, "path": "/pricing"}

    def load(name: str, events: list[dict], properties: dict) -> Path:
        folder = tmp_path / name
        folder.mkdir()
        (folder / "events.jsonl").write_text("".join(json.dumps(r) + "\n" for r in events))
        update = {"user_id": 7, "time": "2026-02-01 10:00:00", "properties": properties}
        (folder / "user_properties.jsonl").write_text(json.dumps(update) + "\n")
        load_directory(db, folder)
        return folder

    one = load("one", [track(1, {"quantity": 2, "price": 1.5}), view(2)], {"plan": "pro"})
    sync(project, project / "definitions")
    later = [track(3, {"coupon": "C3", "quantity": 3, "zone": "eu"}), view(4)]
    two = load("two", later, {"age": 41})
    built = sync(project, project / "definitions").builds
    assert built["add_to_cart"] == "batch, columns reordered: new column coupon, zone"
    assert built["view_pricing_page"] == "batch"

    incremental = output_tables(db)
    full = full_build(project, [one, two], tmp_path / "full", monkeypatch)
    assert set(incremental) == set(full)
    for name in full:
        assert incremental[name] == full[name], name
    defined = defined_columns(project, "event")
    assert defined, "the project's event-scope defined properties come last"
    names = [name for name, _ in incremental["add_to_cart"][0]]
    assert names[-len(defined) - 4 :] == ["coupon", "price", "quantity", "zone", *defined]
    defined = defined_columns(project, "user")
    names = [name for name, _ in incremental["users"][0]]
    assert names[-len(defined) - 2 :] == ["age", "plan", *defined]
