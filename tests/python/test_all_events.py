"""all_events: every synced event table, pageviews and sessions, with event_table_name; the
union of their columns with explicit casts, or BigQuery's reduced column sets when forced."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from conftest import FIXTURES, columns, defined_columns, keep_events, query
from heapgen.load import load_directory
from heapgen.sync import sync

OUT = "main_production"
BASIC = ["event_id", "user_id", "session_id", "time", "event_table_name"]


def db() -> Path:
    return Path(os.environ["HEAP_CONNECT_DB"])


@pytest.fixture
def built(project: Path, tmp_path: Path) -> Path:
    keep_events(project, "View Pricing Page", "Any Event On Checkout", "Add To Cart")
    events = project / "definitions" / "typed.yml"
    events.write_text(
        "events:\n"
        "  - name: Typed\n    match: [{event: custom, name: Typed}]\n"
        "  - name: Texty\n    match: [{event: custom, name: Texty}]\n"
    )
    raw = tmp_path / "typed"
    raw.mkdir()
    rows = [
        {
            "event_id": 8801,
            "user_id": 1,
            "session_id": 10,
            "time": "2026-01-01 10:10:00",
            "library": "web",
            "type": "Typed",
            "is_custom": True,
            "properties": {"p": 1},
        },
        {
            "event_id": 8802,
            "user_id": 1,
            "session_id": 10,
            "time": "2026-01-01 10:11:00",
            "library": "web",
            "type": "Texty",
            "is_custom": True,
            "properties": {"p": "a"},
        },
    ]
    (raw / "events.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    load_directory(db(), FIXTURES / "pipeline")
    load_directory(db(), raw)
    return project


def member_counts() -> dict[str, int]:
    tables = [
        "pageviews",
        "sessions",
        "view_pricing_page",
        "any_event_on_checkout",
        "add_to_cart",
        "typed",
        "texty",
    ]
    return {t: query(db(), f"select count(*) from {OUT}.{t}")[0][0] for t in tables}


def test_rows_per_member_equal_the_member_tables(built: Path) -> None:
    sync(built, built / "definitions")
    counts = dict(
        query(db(), f"select event_table_name, count(*) from {OUT}.all_events group by 1")
    )
    expected = {t: n for t, n in member_counts().items() if n}
    assert counts == expected
    assert (
        sum(member_counts().values()) == query(db(), f"select count(*) from {OUT}.all_events")[0][0]
    )


def test_union_of_columns_with_conflicts_as_text(built: Path) -> None:
    sync(built, built / "definitions")
    cols = dict(columns(db(), OUT, "all_events"))
    assert list(cols)[:5] == BASIC
    assert cols["p"] == "VARCHAR"  # bigint in typed, text in texty
    assert cols["price"] == "BIGINT" and cols["referrer"] == "VARCHAR"  # fixture: price 20
    assert cols["session_time"] == "DOUBLE"
    defined = defined_columns(built, "event")
    assert defined and all(cols[c] == "VARCHAR" for c in defined)  # defined properties
    values = dict(query(db(), f"select event_id, p from {OUT}.all_events where p is not null"))
    assert values == {8801: "1", 8802: "a"}


def column_set(project: Path) -> tuple[str, int]:
    """The column set and statement length the last build of all_events chose."""
    compiled = next((project / "target" / "compiled").rglob("all_events.sql")).read_text()
    match = re.search(r"-- all_events column set: (\w+), \d+ tables, (\d+) characters", compiled)
    assert match, compiled[:500]
    return match.group(1), int(match.group(2))


def test_bigquery_fallbacks_forced_through_the_vars(built: Path) -> None:
    sync(built, built / "definitions")
    level, length = column_set(built)
    assert level == "all"
    # one character less than the union needs: the built-in columns
    sync(built, built / "definitions", dbt_vars={"heap_connect__all_events_max_chars": length - 1})
    level, builtin_length = column_set(built)
    assert level == "builtin" and builtin_length < length
    builtin = [name for name, _ in columns(db(), OUT, "all_events")]
    assert builtin[:5] == BASIC
    assert {"referrer", "path", "carrier", "heap_device", "session_time"} <= set(builtin)
    assert not {"p", "price", "quantity"} & set(builtin)
    assert not set(defined_columns(built, "event")) & set(builtin)  # not built-in columns
    # less than the built-in columns need: the five basic columns
    limit = {"heap_connect__all_events_max_chars": builtin_length - 1}
    sync(built, built / "definitions", dbt_vars=limit)
    assert column_set(built)[0] == "basic"
    assert [name for name, _ in columns(db(), OUT, "all_events")] == BASIC
    # more member tables than BigQuery may reference: the basic columns straight away
    sync(built, built / "definitions", dbt_vars={"heap_connect__all_events_max_tables": 3})
    assert column_set(built)[0] == "basic"
    assert [name for name, _ in columns(db(), OUT, "all_events")] == BASIC
    counts = dict(
        query(db(), f"select event_table_name, count(*) from {OUT}.all_events group by 1")
    )
    assert counts == {t: n for t, n in member_counts().items() if n}
