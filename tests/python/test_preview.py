"""`heapgen preview`: what a labeled event matches equals what a sync of it writes (counts,
users, days, top values, example rows), what it would change in a synced table equals what
the next sync changes, segment members and defined-property values equal values computed
here independently, an unsaved definition with a mistake gives `heapgen check`'s error, and
the warehouse is left exactly as it was. One small project, synced once, previewed once."""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from datetime import timedelta
from pathlib import Path

import duckdb
import pytest
import yaml

from conftest import copy_project, keep_events, query
from heapgen.cli import main
from heapgen.load import load_directory
from heapgen.preview import LabelPreview, Preview, PreviewError, preview, request
from heapgen.sample import write_sample
from heapgen.sync import sync

OUT = "main_production"
INTERNAL = "main_production_internal"
EVENTS = (
    "Add To Cart",
    "Add To Cart - Click",
    "Add To Cart (Any)",  # a combo of the two above
    "Paid Landing On Product Page",  # session-level filters
    "View Pricing Page",
    "Big Order",
)
COMPARED = ("Add To Cart (Any)", "Paid Landing On Product Page", "Add To Cart - Click")
EDITED = "View Pricing Page"
# the edit: product pages instead of the pricing page (rows both added and removed)
EDITED_MATCH = [{"event": "view page", "path": "/products/*"}]
# a new event in the unsaved file, its text Jinja and SQL that must stay data
PROBE = "Probe {{ 'x' }} 'quoted\""
PROBE_MATCH = [
    {"event": "click", "target_text": "Add to cart"},
    {"event": "custom", "name": "{{ exceptions.raise_compiler_error('evaluated') }}'; --"},
]


def warehouse_state(db: Path) -> dict[tuple[str, str, str], list[tuple]]:
    """Every table and view of every schema with its rows, sorted."""
    with duckdb.connect(str(db)) as con:  # (dbt, in this process, holds it read-write)
        tables = con.execute(
            "select table_schema, table_name, table_type from information_schema.tables"
        ).fetchall()
        return {
            (schema, name, kind): sorted(
                con.execute(f'select * from "{schema}"."{name}"').fetchall(), key=repr
            )
            for schema, name, kind in tables
        }


def merge_two_shoppers(db: Path, folder: Path) -> None:
    """Two users who added to cart identified with one identity: the second is migrated to
    the first, so the event tables count them as one user."""
    first, second = query(
        db,
        "select user_id from heap_raw.events where type = 'Add To Cart' "
        "group by user_id order by count(*) desc, user_id limit 2",
    )
    folder.mkdir()
    rows = [
        {"user_id": user, "identity": "merged@example.com", "time": time, "loaded_at": time}
        for (user,), time in ((first, "2026-01-01 00:00:00"), (second, "2026-01-01 00:00:01"))
    ]
    (folder / "identifies.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    load_directory(db, folder)


@pytest.fixture(scope="module")
def synced(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """A project of EVENTS synced once, then previewed once (EDITED from an unsaved edited
    copy of its file, read over the definitions), the warehouse compared around it."""
    root = tmp_path_factory.mktemp("preview")
    project = copy_project(root / "project")
    keep_events(project, *EVENTS)
    db = root / "warehouse.duckdb"
    with pytest.MonkeyPatch.context() as env:
        env.setenv("HEAP_CONNECT_DB", str(db))
        write_sample(root / "raw", users=120, days=4, seed=11)
        load_directory(db, root / "raw")
        merge_two_shoppers(db, root / "merge")
        sync(project, project / "definitions")
        first_day = query(db, f'select min("time") from {INTERNAL}.int_events')[0][0].date()
        since = first_day + timedelta(days=1)
        edited = root / "unsaved" / "web.yml"  # an edited copy, outside definitions/
        edited.parent.mkdir()
        data = yaml.safe_load((project / "definitions" / "events" / "web.yml").read_text())
        for event in data["events"]:
            if event["name"] == EDITED:
                event["match"] = EDITED_MATCH
        data["events"].append({"name": PROBE, "table": "probe", "match": PROBE_MATCH})
        edited.write_text(yaml.safe_dump(data, sort_keys=False))
        before = warehouse_state(db)
        asked = request(
            project,
            edited,
            events=[*COMPARED, EDITED, PROBE],
            segments=["Paying Without Orders"],
            properties=["Marketing Channel", "Customer Tier"],
            since=since,
        )
        result = preview(asked)
        after = warehouse_state(db)
        yield {
            "project": project,
            "db": db,
            "result": result,
            "since": since,
            "edited": edited,
            "before": before,
            "after": after,
            "env": env,
        }


def label(result: Preview, name: str) -> LabelPreview:
    return next(p for p in result.labels if p.name == name)


def test_nothing_is_written(synced: dict) -> None:
    before, after = synced["before"], synced["after"]
    assert sorted(after) == sorted(before)  # the same tables and views in every schema
    assert after == before  # with the same rows
    assert any(schema == INTERNAL for schema, _, _ in before)


@pytest.mark.parametrize("name", COMPARED)
def test_label_preview_equals_its_synced_table(synced: dict, name: str) -> None:
    db, since = synced["db"], synced["since"]
    got = label(synced["result"], name)
    table = f"{OUT}.{got.table}"
    events, users, first, last = query(
        db,
        f'select count(*), count(distinct user_id), cast(min("time") as varchar), '
        f'cast(max("time") as varchar) from {table}',
    )[0]
    assert events > 0
    if name == "Add To Cart (Any)":  # user ids as the table has them: after migrations
        assert query(db, f"select count(*) from {OUT}.user_migrations")[0][0] == 1
    assert (got.events, got.users, got.first_time, got.last_time) == (events, users, first, last)
    window = f"\"time\" >= '{since}'"
    assert (got.window_events, got.window_users) == query(
        db, f"select count(*), count(distinct user_id) from {table} where {window}"
    )[0]
    days = query(
        db,
        f'select cast(cast("time" as date) as varchar), count(*), count(distinct user_id) '
        f"from {table} where {window} group by 1 order by 1",
    )
    assert [(d.value, d.events, d.users) for d in got.days] == days
    assert sum(w.events for w in got.weeks) == got.window_events
    for field in ("target_text", "path"):
        counted = Counter(
            row[0] for row in query(db, f"select {field} from {table} where {window}")
        )
        assert {c.value: c.events for c in got.top[field]} == {
            value: counted[value] for value in (c.value for c in got.top[field])
        }
        assert [c.events for c in got.top[field]] == sorted(counted.values(), reverse=True)[:5]
    # the examples: the latest events of the window, each exactly its row in the table
    columns = ", ".join(f'cast("{c}" as varchar)' for c in got.columns)
    latest = query(
        db,
        f'select {columns} from {table} where {window} order by "time" desc, event_id desc '
        "limit 10",
    )
    assert [tuple(row) for row in got.examples] == latest
    assert got.change is not None and (got.change.added, got.change.removed) == (0, 0)
    assert got.change.rows == events


def test_what_an_edit_would_change_equals_the_next_sync(synced: dict) -> None:
    project, db, env = synced["project"], synced["db"], synced["env"]
    got = label(synced["result"], EDITED)
    assert got.file == str(synced["edited"])
    change = got.change
    assert change is not None and change.added > 0 and change.removed > 0
    table = f"{OUT}.{got.table}"
    old = dict(query(db, f"select event_id, user_id from {table}"))
    assert change.rows == len(old)
    # save the edit, and sync it
    shutil.copy(synced["edited"], project / "definitions" / "events" / "web.yml")
    env.setenv("HEAP_CONNECT_DB", str(db))
    sync(project, project / "definitions")
    new = dict(query(db, f"select event_id, user_id from {table}"))
    added, removed = sorted(set(new) - set(old)), sorted(set(old) - set(new))
    assert (change.added, change.removed) == (len(added), len(removed))
    assert change.added_users == len({new[e] for e in added})
    assert change.removed_users == len({old[e] for e in removed})
    assert (change.added_ids, change.removed_ids) == (added[:5], removed[:5])
    assert (got.events, got.users) == (len(new), len(set(new.values())))


def test_an_unsaved_new_event(synced: dict) -> None:
    """Its values stay data (the Jinja is not rendered, the quotes do not end a string), and
    it counts what its criteria say, with no table to compare with."""
    got = label(synced["result"], PROBE)
    assert (got.table, got.change) == ("probe", None)
    clicks = query(
        synced["db"],
        f"select count(*) from {INTERNAL}.int_events "
        "where library = 'web' and type = 'click' and target_text = 'Add to cart'",
    )[0][0]
    assert got.events == clicks > 0


def test_segment_members(synced: dict) -> None:
    db = synced["db"]
    (got,) = synced["result"].segments
    # Paying Without Orders: plan pro or team, and never a Big Order
    members = query(
        db,
        f"select count(*) from {OUT}.users where plan in ('pro', 'team') "
        f"and user_id not in (select user_id from {OUT}.big_order)",
    )[0][0]
    assert members > 0
    users = query(db, f"select count(*) from {OUT}.users")[0][0]
    assert (got.members, got.users) == (members, users)
    assert got.members == query(db, f"select count(*) from {OUT}.paying_without_orders")[0][0]


def marketing_channel(utm_medium: str | None, referrer: str | None) -> str:
    """definitions/properties.yml's Marketing Channel, written out again."""
    paid = {"cpc": "Paid Search", "ppc": "Paid Search", "paid_social": "Paid Social"}
    if utm_medium in paid or utm_medium in ("email", "social"):
        return paid.get(utm_medium) or utm_medium.capitalize()
    if referrer is not None and (
        re.fullmatch(r"https://.*\.google\..*", referrer, re.S) or "bing.com" in referrer
    ):
        return "Organic Search"
    return "Referral" if referrer is not None else "Direct"


def test_property_distributions(synced: dict) -> None:
    db = synced["db"]
    channel, tier = synced["result"].properties
    events = query(
        db,
        f"select s.utm_medium, s.referrer from {INTERNAL}.int_events e "
        f"left join {INTERNAL}.int_sessions s on s.session_id = e.session_id "
        "where e.type <> 'session'",
    )
    expected = Counter(marketing_channel(*row) for row in events)
    assert len(expected) > 3
    assert channel.rows_of["events"].rows == len(events)
    assert dict(channel.rows_of["events"].values) == dict(expected)
    sessions = query(db, f"select utm_medium, referrer from {INTERNAL}.int_sessions")
    assert dict(channel.rows_of["sessions"].values) == dict(
        Counter(marketing_channel(*row) for row in sessions)
    )
    assert dict(channel.rows_of["sessions"].values) == dict(
        query(db, f"select marketing_channel, count(*) from {OUT}.sessions group by 1")
    )
    plans = [row[0] for row in query(db, f"select plan from {OUT}.users")]
    tiers = {"team": "Business", "pro": "Paid", None: "Anonymous"}
    assert dict(tier.rows_of["users"].values) == dict(Counter(tiers.get(p, "Free") for p in plans))


def test_cli_prints_the_preview(synced: dict, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    """The command's output, from the preview above (no second dbt run)."""
    result = synced["result"]
    monkeypatch.setattr("heapgen.preview.preview", lambda *args, **kwargs: result)
    project = str(synced["project"])
    args = ["preview", *COMPARED, "--segment", "Paying Without Orders", "--project-dir", project]
    assert main([*args, "--property", "Customer Tier"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    first = result.labels[0]
    assert f"matches {first.events:,} events of {first.users:,} users over all history" in out
    assert f"{result.segments[0].members:,} of {result.segments[0].users:,} users" in out
    assert main([*args, "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["labels"][0]["events"] == first.events


def test_errors(synced: dict, capsys) -> None:
    project = synced["project"]
    with pytest.raises(PreviewError, match="no labeled event named 'Add To Crt'.*'Add To Cart'"):
        request(project, events=["Add To Crt"])
    assert main(["preview", "Big Ordr", "--project-dir", str(project)]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "did you mean 'Big Order'" in err, err
    # an unsaved definitions file with a mistake: heapgen check's error, in the folder or read
    # over it
    bad = project / "definitions" / "events" / "new.yml"
    bad.write_text("events:\n  - name: New Event\n    match:\n      - event: clik\n")
    assert main(["check", "--project-dir", str(project)]) == 2
    checked = capsys.readouterr().err
    assert f"{bad}:4:" in checked
    assert main(["preview", "New Event", "--project-dir", str(project)]) == 2
    assert capsys.readouterr().err == checked
    folder = project.parent / "elsewhere"
    shutil.copytree(project / "definitions", folder)
    bad.unlink()
    assert main(["check", "--project-dir", str(project), "--definitions", str(folder)]) == 2
    checked = capsys.readouterr().err
    outside = folder / "events" / "new.yml"
    assert f"{outside}:4:" in checked
    args = ["preview", "New Event", "--project-dir", str(project), "--definitions", str(outside)]
    assert main(args) == 2
    assert capsys.readouterr().err == checked
