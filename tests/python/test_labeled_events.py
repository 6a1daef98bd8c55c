"""Labeled events end to end on DuckDB: definitions -> heapgen sync -> one table per event,
each holding exactly the raw events its definition matches."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, columns, defined_columns, query
from heapgen.definitions import load_definitions
from heapgen.generate import generate
from heapgen.load import load_directory
from heapgen.sample import write_sample
from heapgen.sync import sync
from reference import expected_event_ids, read_jsonl

OUT = "main_production"


def db() -> Path:
    return Path(os.environ["HEAP_CONNECT_DB"])


def use_definitions(project: Path, events: list[dict]) -> None:
    """Replace the example definitions with `events` (one file)."""
    for path in (project / "definitions").rglob("*.yml"):
        if path.name != "heap_connect.yml":
            path.unlink()
    (project / "definitions" / "events.yml").write_text(yaml.safe_dump({"events": events}))
    (project / "heapgen.lock.yml").unlink(missing_ok=True)


def table_ids(table: str) -> set[int]:
    return {row[0] for row in query(db(), f"select event_id from {OUT}.{table}")}


def tables_by_name(project: Path) -> dict[str, str]:
    lock = yaml.safe_load((project / "heapgen.lock.yml").read_text())
    return {entry["name"]: entry["table"] for entry in lock["events"]}


@pytest.fixture(scope="module")
def sample_build(tmp_path_factory: pytest.TempPathFactory):
    """The example definitions synced over a small sample (built once for the module)."""
    from conftest import copy_project

    root = tmp_path_factory.mktemp("sample_build")
    project = copy_project(root / "project")
    write_sample(root / "raw", users=250, days=7, seed=11)
    old = os.environ.get("HEAP_CONNECT_DB")
    os.environ["HEAP_CONNECT_DB"] = str(root / "warehouse.duckdb")
    try:
        load_directory(root / "warehouse.duckdb", root / "raw")
        result = sync(project, project / "definitions")
        yield project, root, result
    finally:
        if old is None:
            os.environ.pop("HEAP_CONNECT_DB", None)
        else:
            os.environ["HEAP_CONNECT_DB"] = old


def test_every_event_table_holds_exactly_the_matching_raw_events(sample_build) -> None:
    project, root, _ = sample_build
    os.environ["HEAP_CONNECT_DB"] = str(root / "warehouse.duckdb")
    definitions = [e.definition for e in load_definitions(project / "definitions").events]
    expected = expected_event_ids(definitions, read_jsonl(root / "raw" / "events.jsonl"))
    tables = tables_by_name(project)
    assert len(tables) >= 10
    non_empty = 0
    for definition in definitions:
        if not definition.sync:
            continue
        got = table_ids(tables[definition.name])
        assert got == expected[definition.name], definition.name
        non_empty += bool(got)
    assert non_empty >= 12, "the examples should match something in the sample"


def test_columns_follow_the_libraries_and_properties(sample_build) -> None:
    project, root, _ = sample_build
    os.environ["HEAP_CONNECT_DB"] = str(root / "warehouse.duckdb")
    web_only = [name for name, _ in columns(db(), OUT, "view_pricing_page")]
    assert "referrer" in web_only and "path" in web_only
    assert not {"carrier", "app_version", "heap_device", "view_controller"} & set(web_only)
    defined = defined_columns(project, "event")
    assert defined, "the example definitions have event-scope defined properties"
    assert web_only[-len(defined) - 1 :] == ["session_time", *defined]
    mobile = [name for name, _ in columns(db(), OUT, "sign_up_mobile_tap")]
    assert "carrier" in mobile and "heap_device" in mobile and "referrer" not in mobile
    custom = dict(columns(db(), OUT, "big_order"))
    assert {"referrer", "carrier", "heap_device", "session_time"} <= set(custom)
    assert custom["revenue"] == "DOUBLE" and custom["items"] == "BIGINT"
    assert custom["first_order"] == "BOOLEAN" and custom["delivery_date"] == "TIMESTAMP"
    assert custom["payment_method"] == "VARCHAR"  # key "Payment Method"


def test_event_metadata_is_built_from_the_definitions(sample_build) -> None:
    project, root, _ = sample_build
    os.environ["HEAP_CONNECT_DB"] = str(root / "warehouse.duckdb")
    rows = {r[0]: r for r in query(db(), f"select * from {OUT}._event_metadata")}
    assert set(rows) == set(tables_by_name(project).values())
    pricing = rows["view_pricing_page"]
    assert pricing[1] == "View Pricing Page" and pricing[4].startswith("Every view")
    assert str(pricing[2]) == "2026-01-02 09:00:00" and pricing[3] == "growth@example.com"
    signup = rows["sign_up_click_link_any"]
    assert str(signup[6]) == "2026-01-03 10:30:00" and signup[7] == "analytics@example.com"


MATRIX = [  # (filter, expected event ids) over tests/fixtures/operators
    ({"op": "equals", "value": "Hello World"}, {9001}),
    ({"op": "equals", "value": "hello world", "case_insensitive": True}, {9001, 9002}),
    ({"op": "not_equals", "value": "Hello World"}, {9002, 9003, 9004, 9005, 9006}),
    ({"op": "contains", "value": "World"}, {9001}),
    ({"op": "contains", "value": "WORLD", "case_insensitive": True}, {9001, 9002}),
    ({"op": "not_contains", "value": "World"}, {9002, 9003, 9004, 9005, 9006}),
    ({"op": "starts_with", "value": "Hello"}, {9001, 9006}),
    ({"op": "ends_with", "value": "World"}, {9001}),
    ({"op": "matches", "value": "H*o"}, {9006}),
    ({"op": "matches", "value": "*o*"}, {9001, 9002, 9003, 9006}),
    ({"op": "in", "value": ["Goodbye", "Hello"]}, {9003, 9006}),
    ({"op": "not_in", "value": ["Goodbye", "Hello"]}, {9001, 9002, 9004, 9005}),
    ({"op": "is_set"}, {9001, 9002, 9003, 9006}),
    ({"op": "is_not_set"}, {9004, 9005}),
    ({"property": "n", "op": "gt", "value": 5}, {9002, 9003}),
    ({"property": "n", "op": "gte", "value": 5}, {9001, 9002, 9003}),
    ({"property": "n", "op": "lt", "value": 7}, {9001}),
    ({"property": "n", "op": "lte", "value": 7}, {9001, 9003}),
    ({"property": "x", "op": "matches", "value": "50%_off\\now"}, {9001}),
    ({"property": "x", "op": "matches", "value": "50%_*"}, {9001}),
    ({"property": "x", "op": "equals", "value": "50%_off\\now"}, {9001}),
    ({"property": "b", "op": "equals", "value": True}, {9001}),
    ({"property": 'it\'s "odd"; --', "op": "equals", "value": "yes"}, {9001}),
    ({"property": "path", "op": "starts_with", "value": "/pricing"}, {9001, 9002}),
    (
        {"property": "path", "op": "starts_with", "value": "/PRICING", "case_insensitive": True},
        {9001, 9002, 9003},
    ),
    (
        {"property": "utm_source", "op": "equals", "value": "google"},
        {9001, 9002, 9003, 9004, 9005, 9006},
    ),
]


def test_operator_matrix(project: Path) -> None:
    events = [
        {
            "name": f"Matrix {index}",
            "match": [{"event": "custom", "name": "Matrix", "where": [{"property": "s", **f}]}],
        }
        for index, (f, _) in enumerate(MATRIX)
    ]
    use_definitions(project, events)
    load_directory(db(), FIXTURES / "operators")
    sync(project, project / "definitions")
    definitions = [e.definition for e in load_definitions(project / "definitions").events]
    reference = expected_event_ids(definitions, read_jsonl(FIXTURES / "operators/events.jsonl"))
    for index, (f, expected) in enumerate(MATRIX):
        name = f"Matrix {index}"
        assert table_ids(f"matrix_{index}") == expected, (f, "warehouse")
        assert reference[name] == expected, (f, "reference")


def test_a_new_property_adds_a_column_without_regeneration(project: Path, tmp_path: Path) -> None:
    use_definitions(project, [{"name": "Matrix", "match": [{"event": "custom", "name": "Matrix"}]}])
    load_directory(db(), FIXTURES / "operators")
    sync(project, project / "definitions")
    assert "coupon" not in dict(columns(db(), OUT, "matrix"))
    raw = tmp_path / "later"
    raw.mkdir()
    (raw / "events.jsonl").write_text(
        '{"event_id": 9100, "user_id": 900, "session_id": 9000, "time": "2026-01-02 00:00:00",'
        ' "library": "web", "type": "Matrix", "is_custom": true, "properties": {"coupon": "X1"}}\n'
    )
    load_directory(db(), raw)
    assert not generate(project, project / "definitions").written
    sync(project, project / "definitions")
    assert dict(columns(db(), OUT, "matrix"))["coupon"] == "VARCHAR"
    assert query(db(), f"select coupon from {OUT}.matrix where event_id = 9100") == [("X1",)]


def test_unsynced_event_has_no_table_and_combos_still_see_it(project: Path) -> None:
    use_definitions(
        project,
        [
            {
                "name": "Hello",
                "sync": False,
                "match": [
                    {
                        "event": "custom",
                        "name": "Matrix",
                        "where": [{"property": "s", "op": "starts_with", "value": "Hello"}],
                    }
                ],
            },
            {
                "name": "Hello Or Goodbye",
                "match": [
                    {"labeled": "Hello"},
                    {
                        "event": "custom",
                        "name": "Matrix",
                        "where": [{"property": "s", "op": "equals", "value": "Goodbye"}],
                    },
                ],
            },
        ],
    )
    load_directory(db(), FIXTURES / "operators")
    result = sync(project, project / "definitions")
    assert "hello" not in result.row_counts
    assert table_ids("hello_or_goodbye") == {9001, 9003, 9006}
    assert not (project / "models/heap_generated/events/heap_event__hello.sql").exists()
