"""The machine-readable contracts agree with the documents they come from:
the column spec seed with the Heap Connect schema page, the heap_raw source and
staging models with the raw contract."""

from __future__ import annotations

import re

import yaml

from conftest import REPO, SHARED
from heapgen import raw_contract
from heapgen.column_spec import read_column_spec, spec_by_table

SPEC_TEXT = SHARED / "spec" / "heap-connect-data-schema.txt"
SECTIONS = {
    "Users Table": "users",
    "Sessions Table": "sessions",
    "Pageviews Table": "pageviews",
    "Event Tables": "event_table",
    "Segments View (Redshift And Snowflake Only)": "segment",
    "All Events Table": "all_events",
    "Sync History Table": "_sync_history",
    "Sync Info Table": "_sync_info",
    "Dropped Tables Table": "_dropped_tables",
    "User Migrations Table": "user_migrations",
    "Event Metadata Table": "_event_metadata",
}
ROW = re.compile(
    r"^([A-Za-z0-9_]+) (BIGINT|TEXT|TIMESTAMP|STRING)\b(?: (All|Web, iOS|Web|iOS|Android)\b)?"
)
TYPES = {"BIGINT": "bigint", "TEXT": "text", "TIMESTAMP": "timestamp", "STRING": "text"}
LIBRARIES = {
    "All": ("all",),
    "Web, iOS": ("web", "iOS"),
    "Web": ("web",),
    "iOS": ("iOS",),
    "Android": ("android",),
    None: (),
}


def columns_in_the_schema_page() -> dict[str, list[tuple[str, str, tuple[str, ...]]]]:
    tables: dict[str, list] = {}
    current = None
    for line in SPEC_TEXT.read_text(encoding="utf-8").splitlines():
        text = line.strip()
        if text in SECTIONS:
            current = SECTIONS[text]
            tables[current] = []
            continue
        match = ROW.match(text)
        if current and match and match.group(1) not in ("user", "Event"):
            name, kind, libraries = match.groups()
            tables[current].append((name.lower(), TYPES[kind], LIBRARIES[libraries]))
    return tables


def test_seed_has_every_column_of_the_schema_page_in_order() -> None:
    page = columns_in_the_schema_page()
    seed = spec_by_table(read_column_spec(REPO))
    assert set(seed) == set(page)
    for table, expected in page.items():
        from_page = [
            (c.column_name, c.data_type, c.libraries) for c in seed[table] if c.origin == "seed"
        ]
        assert from_page == expected, table
        assert [c.column_position for c in seed[table]] == list(range(1, len(seed[table]) + 1))


def test_design_additions_come_after_the_seed_columns() -> None:
    for table, columns in spec_by_table(read_column_spec(REPO)).items():
        origins = [c.origin for c in columns]
        assert origins == sorted(origins, key=lambda o: o != "seed"), table
    design = [(c.table_name, c.column_name) for c in read_column_spec(REPO) if c.origin == "design"]
    assert design == [("event_table", "session_time"), ("pageviews", "session_time")]


def test_heap_raw_source_documents_the_raw_contract() -> None:
    source = yaml.safe_load((REPO / "models/heap_generated/_heap_raw__sources.yml").read_text())
    tables = {t["name"]: t for t in source["sources"][0]["tables"]}
    assert set(tables) == set(raw_contract.TABLES)
    for name, table in raw_contract.TABLES.items():
        documented = [c["name"] for c in tables[name]["columns"]]
        assert documented == table.column_names
        assert all(c.get("description") for c in tables[name]["columns"])


def test_staging_models_select_every_contract_column() -> None:
    for name in raw_contract.TABLES:
        sql = (REPO / f"models/staging/heap_raw/stg_{name}.sql").read_text()
        # `as name` or `as {{ heap_connect.quote_column('name') }}` (a reserved word somewhere)
        selected = re.findall(
            r"\bas (?:\{\{ heap_connect\.quote_column\('(\w+)'\) \}\}|(\w+)),?(?:\s*--.*)?$"
            r"|^\s+(\w+),?$",
            sql,
            flags=re.M,
        )
        names = [a or b or c for a, b, c in selected]
        assert names == raw_contract.interface_column_names(name), name
        assert f"source('heap_raw', '{name}')" in sql


def test_every_source_kind_has_its_class_sample_writer_and_staging_models() -> None:
    from heapgen.cli import SAMPLE_WRITERS
    from heapgen.definitions import SOURCE_CLASSES, default_source

    assert tuple(SOURCE_CLASSES) == raw_contract.SOURCE_KINDS
    assert tuple(SAMPLE_WRITERS) == raw_contract.SOURCE_KINDS
    for kind in raw_contract.SOURCE_KINDS:
        assert default_source(kind).kind == kind
        # kinds of one adapter share its folder (rudderstack: segment's)
        folder = getattr(SOURCE_CLASSES[kind], "STAGING_FOLDER", kind)
        models = list((REPO / "models/staging" / folder).glob("stg_*.sql"))
        assert {p.stem for p in models} == {f"stg_{name}" for name in raw_contract.TABLES}, kind
        for model in models:  # enabled for this kind
            enabled = re.search(
                r"config\(enabled=heap_connect\.source_kind\(\) (.*?)\) \}\}", model.read_text()
            )
            assert enabled and f"'{kind}'" in enabled.group(1), model
