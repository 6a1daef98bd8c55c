"""`heapgen generate` / `heapgen check`: definitions -> generated dbt files on disk."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from heapgen.column_spec import (
    COLUMN_DOCS_PATH,
    SPEC_PATH,
    SpecColumn,
    read_column_docs,
    read_column_spec,
)
from heapgen.criteria import compile_events
from heapgen.defined_properties import (
    CompiledProperty,
    compile_defined_properties,
    properties_hash,
)
from heapgen.definitions import DefinitionError, Definitions, load_definitions
from heapgen.lock import LockEntry, assign_tables, read_lock
from heapgen.plan import (
    GENERATED_DIRS,
    Built,
    Label,
    PlannedChange,
    RenamedKey,
    builtin_columns_by_scope,
    generated_files,
    labels,
    plan_changes,
    property_reserved,
    renamed_keys,
)
from heapgen.segments import CompiledSegment, compile_segments
from heapgen.writer import Changes, sync_files


@dataclass(frozen=True)
class Generation:
    definitions: Definitions
    labels: list[Label]
    lock: list[LockEntry]  # after this generation
    previous_lock: list[LockEntry]  # as committed before it
    files: dict[str, str]
    spec: list[SpecColumn]
    properties: list[CompiledProperty]
    segments: list[CompiledSegment]

    def changes(self, built: Built | None = None) -> list[PlannedChange]:
        """What the next sync does to event tables (and which other incremental models a
        logic change rebuilds); `built`: what the warehouse's tables were last built from and
        the models' logic now (None: compare with the committed lock)."""
        archived = frozenset(label.label_id for label in self.labels if label.archived)
        properties = properties_hash(self.properties, "event")
        return plan_changes(self.previous_lock, self.lock, self.spec, built, archived, properties)

    def renamed_keys(self, keys: dict[str, list[str]]) -> list[RenamedKey]:
        """Which of these property keys (by scope: event, user) a sync names other than by
        their snake_case, and why."""
        return renamed_keys(keys, property_reserved(self.spec, self.properties))


def prepare(project_dir: Path, definitions_dir: Path, overlay: Path | None = None) -> Generation:
    """Read and validate everything, and compute every generated file; writes nothing.
    `overlay`: one more definitions file, read over `definitions_dir`'s (load_definitions)."""
    definitions = load_definitions(definitions_dir, overlay)
    for part in (SPEC_PATH, COLUMN_DOCS_PATH):  # the project's files heapgen reads
        if not (project_dir / part).is_file():
            message = "missing: a heap_connect project's file (is --project-dir the project?)"
            raise DefinitionError([(project_dir / part, 0, message)])
    compiled = compile_events(definitions.events)
    previous = read_lock(project_dir)
    lock = assign_tables(definitions.events, compiled, previous)
    all_labels = labels(definitions, compiled, lock, project_dir)
    spec = read_column_spec(project_dir)
    properties = compile_defined_properties(
        definitions.defined_properties, builtin_columns_by_scope(spec)
    )
    segments = compile_segments(definitions.segments, definitions.events, lock)
    files = generated_files(
        definitions, spec, all_labels, lock, properties, segments, project_dir=project_dir,
        column_docs=read_column_docs(project_dir),
    )  # fmt: skip
    return Generation(definitions, all_labels, lock, previous, files, spec, properties, segments)


def write(project_dir: Path, generation: Generation, *, check: bool = False) -> Changes:
    """Write (or, with check=True, only compare) the generation's files."""
    return sync_files(project_dir, generation.files, GENERATED_DIRS, check=check)


def generate(project_dir: Path, definitions_dir: Path, *, check: bool = False) -> Changes:
    """Write (or, with check=True, only compare) every generated file. Definitions are
    fully read and validated before anything is written, so a bad definition writes nothing."""
    return write(project_dir, prepare(project_dir, definitions_dir), check=check)
