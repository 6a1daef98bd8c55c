"""The Snowplow staging models on each warehouse stand-in equal the same models on DuckDB.

`source: {kind: snowplow}` (the enriched layout) over atomic.events holding a small sample
(`heapgen sample --source snowplow`), one link click per element of test_snowplow.ELEMENTS, a
form submission and change, a structured event, a custom event with awkward properties and a
page ping carrying a user_id. The table is loaded (and checked) by `heapgen load --source
snowplow`'s loader into a DuckDB file, then copied into each stand-in through its own client,
`unstruct_event` in the warehouse's JSON type (warehouses/warehouse_tables.py). Only the
staging models are built there (`dbt build -s staging`); the three staging views are read back
and must equal DuckDB's (test_warehouse_posthog.staging: `properties` compared as JSON), and
the elements' hierarchies must be test_snowplow's on each warehouse. The wide-row layouts'
forms (snowplow_unstruct_column) are compiled and parsed by test_offline_compile.py.

    HEAP_CONNECT_TEST_TARGET=postgres,redshift .venv/bin/pytest -m warehouses \
        tests/python/test_warehouse_snowplow.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from conftest import REPO, copy_project
from heapgen import snowplow
from heapgen.generate import generate
from heapgen.ids import string_id
from heapgen.snowplow_sample import SNOWPLOW_VENDOR, _unstruct, write_snowplow_sample
from test_snowplow import ELEMENTS
from test_warehouse_posthog import duckdb_staging, staging_on_stand_in
from test_warehouse_sync import assert_same, selected_targets

sys.path.insert(0, str(REPO / "warehouses"))


pytestmark = pytest.mark.warehouses

TARGETS = selected_targets()
BUILD = ["build", "--select", "staging"]
TABLES = {"events": snowplow.events_table()}
AWKWARD_PROPERTIES = {'plan "x"': "a\\b", "nested": {"k": [1, {"x": "}"}]}, "ünï": "☃", "n": 1.5}


def element_id(k: int) -> str:
    return f"0190a1b2-00c0-7000-8000-{k:012d}"


def fixture_rows() -> list[dict]:
    """The events beside the sample's: link clicks, form events, a structured event, a custom
    event and an identifying page ping, of one user in one session."""
    base = {
        "platform": "web", "domain_userid": "element-user", "domain_sessionid": "element-session",
        "page_urlhost": "shop.example.com", "page_urlpath": "/elements", "page_urlquery": "k=1",
    }  # fmt: skip
    rows = []
    for k, (tag, elem_id, classes, _) in enumerate(ELEMENTS):
        names = json.loads(classes) if classes else None
        if tag == "form":
            data = {"formId": elem_id, "formClasses": names, "elements": []}
            name = "submit_form"
        elif tag != "a":  # a form field: a change (nodeName)
            data = {"formId": None, "elementId": elem_id, "nodeName": tag, "elementClasses": names}
            name = "change_form"
        else:
            data = {"targetUrl": f"/to/{k}", "elementContent": f"text {k}", "elementId": elem_id,
                    "elementClasses": names}  # fmt: skip
            name = "link_click"
        rows.append({**base, **_unstruct(SNOWPLOW_VENDOR, name, data), "event_id": element_id(k)})
    rows.append({**base, "event": "struct", "se_category": "cat", "se_action": "act",
                 "se_label": "l", "se_value": "2.5", "event_id": element_id(90)})  # fmt: skip
    rows.append({**base, **_unstruct("com.acme", "awkward", AWKWARD_PROPERTIES),
                 "event_id": element_id(91)})  # fmt: skip
    rows.append({**base, "event": "page_ping", "user_id": "ann@example.com",
                 "event_id": element_id(92)})  # fmt: skip
    for k, row in enumerate(rows):
        row["derived_tstamp"] = row["collector_tstamp"] = f"2026-11-04 10:{k:02d}:00.000"
        row["load_tstamp"] = f"2026-11-04 11:{k:02d}:00.000"
    return rows


def assert_elements(tables: dict, what: str) -> None:
    """test_snowplow's ELEMENTS give their hierarchy in stg_events."""
    columns, rows = tables["stg_events"]
    names = [name for name, _ in columns]
    by_id = {row[names.index("event_id")]: row for row in rows}
    for k, (*_, hierarchy) in enumerate(ELEMENTS):
        assert by_id[string_id(element_id(k))][names.index("hierarchy")] == hierarchy, (what, k)


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The project with `source: snowplow`, the DuckDB file atomic.events is loaded into, and
    DuckDB's staging views built from it."""
    root = tmp_path_factory.mktemp("snowplow_staging")
    project = copy_project(root / "project")
    settings = project / "definitions" / "heap_connect.yml"
    settings.write_text(settings.read_text() + "\nsource: {kind: snowplow}\n")
    generate(project, project / "definitions")
    files = root / "files"
    write_snowplow_sample(files, 3, 2, 5)
    with (files / "events.jsonl").open("a") as out:
        out.writelines(json.dumps(row) + "\n" for row in fixture_rows())
    raw, tables = duckdb_staging(root, project, files, TABLES)
    lines = (files / "events.jsonl").read_text().splitlines()
    pings = sum(json.loads(line).get("event") == "page_ping" for line in lines)
    assert len(tables["stg_events"][1]) == len(lines) - pings
    assert len(tables["stg_identifies"][1]) >= pings >= 1
    assert_elements(tables, "duckdb")
    return {"project": project, "raw": raw, "tables": tables, "rows": len(lines)}


@pytest.mark.parametrize("target", TARGETS)
def test_snowplow_staging_equals_duckdb(
    target: str, reference: dict, tmp_path: Path, record_property
) -> None:
    record_property("warehouse", target)
    got = staging_on_stand_in(target, reference, TABLES, tmp_path, record_property)
    assert_same(got, reference["tables"], target)
    assert_elements(got, target)
