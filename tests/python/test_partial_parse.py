"""An edited definition makes dbt parse again only what it changed (decision 0023): at a
thousand labels a full parse costs most of a minute, so the models of the other labeled
events must keep the nodes dbt's partial parse saved."""

from __future__ import annotations

import json
from pathlib import Path

from heapgen.dbt_runner import invoke
from heapgen.generate import generate


def _event_nodes(project: Path) -> dict[str, float]:
    """Each event table model's node, by name: when dbt's parse created it."""
    run = invoke(["parse"], project)
    assert run.success, run.errors
    manifest = json.loads((project / "target" / "manifest.json").read_text())
    return {
        node["name"]: node["created_at"]
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model" and "heap_event" in node["tags"]
    }


def test_an_edited_definition_parses_only_its_own_model(project: Path) -> None:
    generate(project, project / "definitions")
    before = _event_nodes(project)
    web = project / "definitions" / "events" / "web.yml"
    text = web.read_text()
    edited = text.replace("path: /pricing ", "path: /pricing/plans ", 1)
    assert edited != text
    web.write_text(edited)
    changes = generate(project, project / "definitions")
    after = _event_nodes(project)
    assert after.keys() == before.keys()
    reparsed = sorted(name for name in after if after[name] != before[name])
    # the edited label's model is parsed again (its yml entry's definition_hash changed);
    # no other event model is
    assert len(reparsed) == 1, (reparsed, changes)
