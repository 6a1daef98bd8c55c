"""What an edited definition reaches (heapgen.reach, decision 0045): read from dbt's own
graph of the project, with the lookups, dispatches and materializations dbt does not
record as calls, and the parts of the definitions each model's declared state is built
from."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from heapgen.dbt_runner import invoke
from heapgen.reach import ProjectSnapshot, reach

LABELS = "heap_connect://macros/heap_generated/heap_connect_labels.sql"
PROPERTIES = "heap_connect://macros/heap_generated/heap_connect_defined_properties.sql"
SEGMENTS = "heap_connect://macros/heap_generated/heap_connect_segments.sql"


@pytest.fixture(scope="module")
def manifest(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from conftest import copy_project

    project = copy_project(tmp_path_factory.mktemp("reach"))
    run = invoke(["parse"], project)
    assert run.success, run.errors
    return run.manifest


def test_an_edited_label_reaches_what_tags_and_writes_event_tables(manifest: Any) -> None:
    selected = reach(manifest, {LABELS})
    assert selected is not None
    # int_events_labeled declares its state from the labels; _event_metadata reads them by
    # a lookup (heap_connect.labels); int_event_tables through its materialization
    for name in ("int_events_labeled+", "_event_metadata+", "int_event_tables+"):
        assert name in selected
    # the batch tables, alone: what they feed is not rebuilt for them
    assert {"int_event_batch", "int_user_batch"} <= set(selected)
    for upstream in ("int_events", "int_sessions", "users", "pageviews", "stg_events"):
        assert not {upstream, f"{upstream}+"} & set(selected)


def test_an_edited_property_reaches_the_tables_that_carry_it(manifest: Any) -> None:
    selected = set(reach(manifest, {PROPERTIES}) or [])
    assert {"pageviews+", "sessions+", "users+", "int_event_tables+"} <= selected
    assert not {"int_events+", "int_events_labeled+", "int_sessions+"} & selected


def test_an_edited_segment_reaches_the_segment_views(manifest: Any) -> None:
    selected = set(reach(manifest, {SEGMENTS}) or [])
    views = {n.name for n in manifest.nodes.values() if "heap_segment" in n.tags}
    assert views and selected == {f"{v}+" for v in views} | {"int_event_batch", "int_user_batch"}


@pytest.mark.parametrize(
    "changed",
    [
        "heap_connect://macros/tables/labels.sql",  # the package's own macro
        "heap_connect://models/intermediate/int_events.sql",
        "heap_connect://macros/heap_generated/heap_connect_settings.sql",
        "heap_connect://models/heap_generated/_heap_raw__sources.yml",  # the sources
        "heap_connect://seeds/heap_connect__column_spec.csv",
    ],
)
def test_any_other_change_builds_everything(manifest: Any, changed: str) -> None:
    assert reach(manifest, {LABELS, changed}) is None


def test_other_vars_or_profile_are_not_an_edit() -> None:
    before = ProjectSnapshot({"a": "1", "b": "2"}, '{"vars": {}}')
    assert before.edits_since(before) == set()
    assert ProjectSnapshot({"a": "1", "c": "3"}, before.rest).edits_since(before) == {"b", "c"}
    assert ProjectSnapshot(before.files, '{"vars": {"x": 1}}').edits_since(before) is None
    assert ProjectSnapshot.from_json(before.to_json()) == before
    assert ProjectSnapshot.from_json("not json") is None


def test_the_fingerprint_is_the_one_earlier_versions_recorded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A warehouse synced before the snapshot existed keeps matching (no build on
    upgrade): the value is what 2dfe7ed's heapgen.sync.project_fingerprint gave."""
    import dbt.version

    from heapgen.sync import project_snapshot

    monkeypatch.setattr(dbt.version, "__version__", "1.11.16")
    files = {"heap_connect://models/a.sql": "x", "heap_connect://macros/b.sql": "y"}
    manifest = SimpleNamespace(
        files={k: SimpleNamespace(checksum=SimpleNamespace(checksum=v)) for k, v in files.items()},
        env_vars={"HEAP_CONNECT_DB": "/tmp/x.duckdb"},
    )
    snapshot = project_snapshot(Path("/nonexistent"), manifest, "duckdb", {"x": 1})
    earlier = "844c806f81778f11665b027f5fcf8cdf5c58bdfd2774161da0f549e8a4b523b3"
    assert snapshot.fingerprint == earlier
