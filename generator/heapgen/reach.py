"""What an edited definition reaches: the dbt nodes a sync with nothing new to read builds
(docs/decisions/0045-an-edit-builds-what-it-reaches.md).

When no row arrived since the last sync, which succeeded, every incremental model has read
everything and every batch is empty: a build changes only what reads a file that changed
since that sync. When every changed file is one heapgen writes from the definitions, dbt's
own graph says what reads it, and `heapgen sync` builds those nodes and what is downstream
of them (`name+`), with the sync's batch tables (empty now; models read them), instead of
every node of the project. Any other change (a model or macro of the package, the settings,
the sources, the column spec, the profile, the vars, dbt's version) builds everything.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from heapgen.contract import EVENT_TAG, MACHINERY_MACRO_PATHS

PACKAGE = "heap_connect"
# Generated from the definitions, read by the nodes dbt's graph shows (and by macros that
# look them up: LOOKUP). The settings, the sources, the column spec, the contract and the
# transliteration table are generated too, but they decide every relation's name or
# reading (and dbt reads some of them while parsing): a change to them builds everything.
DEFINITION_MACROS = (
    "macros/heap_generated/heap_connect_labels.sql",
    "macros/heap_generated/heap_connect_defined_properties.sql",
    "macros/heap_generated/heap_connect_segments.sql",
)
DEFINITION_DIRS = ("models/heap_generated/", "tests/dbt/heap_generated/")
# A macro read by name through the package's namespace, `heap_connect['name']()`: not a
# call dbt records (decision 0023), so it is read from the macro's text.
LOOKUP = re.compile(r"""heap_connect\[['"](\w+)['"]\]""")
# The sync machinery (how a sync reaches a full build's rows) reads the definitions a model's
# declared state is built from (meta heap_state `from`, heap_connect.sync_policy), whatever
# its static calls could reach: its macros are not followed, the declared parts are.
STATE_PARTS = {
    "labels": "heap_connect_labels",
    "event_properties": "heap_connect_defined_properties",
    "user_properties": "heap_connect_defined_properties",
}
# A model whose config meta has this key true holds the rows the sync reads (from the
# watermarks): every build that builds anything builds it again.
BATCH_META = "heap_sync_batch"
EVENT_TABLES_MATERIALIZATION = "heap_event_tables"


@dataclass(frozen=True)
class ProjectSnapshot:
    """The project a sync builds: each file's checksum as dbt parsed it and the rest (the
    profile, target, vars, environment variables the project reads, dbt's version)."""

    files: dict[str, str]
    rest: str

    @property
    def fingerprint(self) -> str:
        """Equal fingerprints build equal tables from equal rows."""
        digest = hashlib.sha256()
        for file_id in sorted(self.files):
            digest.update(f"{file_id} {self.files[file_id]}\n".encode())
        digest.update(self.rest.encode())
        return digest.hexdigest()

    def edits_since(self, before: ProjectSnapshot) -> set[str] | None:
        """The files added, changed or removed since `before`; None when more changed."""
        if self.rest != before.rest:
            return None
        names = set(self.files) | set(before.files)
        return {name for name in names if self.files.get(name) != before.files.get(name)}

    def to_json(self) -> str:
        return json.dumps({"files": self.files, "rest": self.rest}, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> ProjectSnapshot | None:
        try:
            data = json.loads(text)
            return cls(dict(data["files"]), str(data["rest"]))
        except (ValueError, KeyError, TypeError):
            return None


def snapshot_path(project_dir: Path, target: str | None) -> Path:
    """Where heapgen keeps the project the last sync to `target` built, beside dbt's own
    state: only trusted when its fingerprint is the one the warehouse recorded."""
    return project_dir / "target" / f"heap_synced_project.{target or 'default'}.json"


def read_snapshot(project_dir: Path, target: str | None) -> ProjectSnapshot | None:
    path = snapshot_path(project_dir, target)
    return ProjectSnapshot.from_json(path.read_text()) if path.is_file() else None


def write_snapshot(project_dir: Path, target: str | None, snapshot: ProjectSnapshot) -> None:
    path = snapshot_path(project_dir, target)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    partial.write_text(snapshot.to_json())
    partial.replace(path)


def is_definition_file(file_id: str) -> bool:
    path = file_id.split("://", 1)[-1]
    return file_id.startswith(f"{PACKAGE}://") and (
        path in DEFINITION_MACROS or path.startswith(DEFINITION_DIRS)
    )


def reach(manifest: Any, changed: Iterable[str]) -> list[str] | None:
    """The names to select (`name+` for models and seeds) for a build after `changed` files
    with nothing new to read, or None when the build must take every node."""
    changed = set(changed)
    if not all(is_definition_file(file_id) for file_id in changed):
        return None
    paths = {file_id.split("://", 1)[-1] for file_id in changed}
    if any(source.original_file_path in paths for source in manifest.sources.values()):
        return None
    changed_macros = {
        unique_id
        for unique_id, macro in manifest.macros.items()
        if macro.package_name == PACKAGE and macro.original_file_path in paths
    }
    closure = _MacroClosure(manifest)
    reached = []
    for node in manifest.nodes.values():
        if node.package_name != PACKAGE:
            continue
        if (
            node.original_file_path in paths
            or (getattr(node, "patch_path", None) or "") in changed
            or closure.of_node(node) & changed_macros
        ):
            reached.append(node)
    if any(EVENT_TAG in node.tags for node in reached):
        # the event tables are synced by one node (decision 0020), not their own, which the
        # build excludes; every event model is its child, so `int_event_tables+` takes their
        # descendants too (1,000 event models selected one by one cost dbt 17.6 s, 0015)
        reached = [node for node in reached if EVENT_TAG not in node.tags] + [
            node
            for node in manifest.nodes.values()
            if node.config.materialized == EVENT_TABLES_MATERIALIZATION
        ]
    names = {f"{n.name}+" if n.resource_type != "test" else n.name for n in reached}
    names |= {
        node.name
        for node in manifest.nodes.values()
        if node.resource_type == "model" and node.config.meta.get(BATCH_META)
    }
    return sorted(names)


class _MacroClosure:
    """Every macro of the package a node runs, but the sync machinery's: the ones it calls,
    its materialization's, the warehouse implementations of each dispatched one
    (`<adapter>__name`), and theirs, transitively (with LOOKUP's reads by name); and the
    generated macros its declared state is built from (STATE_PARTS)."""

    def __init__(self, manifest: Any) -> None:
        self.macros = {
            unique_id: macro
            for unique_id, macro in manifest.macros.items()
            if macro.package_name == PACKAGE
            and not macro.original_file_path.startswith(MACHINERY_MACRO_PATHS)
        }
        self.implementations: dict[str, list[str]] = {}
        for unique_id, macro in self.macros.items():
            if "__" in macro.name:
                dispatched = f"macro.{PACKAGE}.{macro.name.split('__', 1)[1]}"
                self.implementations.setdefault(dispatched, []).append(unique_id)
        self.memo: dict[str, frozenset[str]] = {}

    def of_node(self, node: Any) -> frozenset[str]:
        roots = list(node.depends_on.macros)
        declared = node.config.meta.get("heap_state", {}).get("from", [])
        roots += [f"macro.{PACKAGE}.{STATE_PARTS[part]}" for part in declared]
        materialization = f"macro.{PACKAGE}.materialization_{node.config.materialized}_"
        roots += [m for m in self.macros if m.startswith(materialization)]
        found: set[str] = set()
        for root in roots:
            found |= self.of_macro(root)
        return frozenset(found)

    def of_macro(self, root: str) -> frozenset[str]:
        """All of `root`'s macros, from a whole walk (a memo of a walk cut short by a cycle
        would leave some out)."""
        if root not in self.memo:
            found: set[str] = set()
            stack = [root]
            while stack:
                unique_id = stack.pop()
                macro = self.macros.get(unique_id)
                if unique_id in found or macro is None:
                    continue
                found.add(unique_id)
                stack += macro.depends_on.macros
                stack += [f"macro.{PACKAGE}.{name}" for name in LOOKUP.findall(macro.macro_sql)]
                stack += self.implementations.get(unique_id, [])
            self.memo[root] = frozenset(found)
        return self.memo[root]
