"""Pure planning: (definitions, column spec) -> the generated files, sorted by path.

No I/O and no clock here, so the same inputs always give byte-identical files.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from heapgen.column_spec import SPEC_PATH, SpecColumn, spec_by_table
from heapgen.definitions import SETTINGS_FILE, Definitions
from heapgen.render import render

GENERATED_DIRS = (PurePosixPath("models/heap_generated"), PurePosixPath("macros/heap_generated"))


def generated_files(definitions: Definitions, spec: list[SpecColumn]) -> dict[str, str]:
    """Every generated file's project-relative path and content."""
    files = {
        "macros/heap_generated/heap_connect_settings.sql": render(
            "heap_connect_settings.sql.j2",
            source=f"definitions/{SETTINGS_FILE}",
            settings=definitions.settings,
        ),
        "macros/heap_generated/heap_connect_column_spec.sql": render(
            "heap_connect_column_spec.sql.j2",
            source=SPEC_PATH.as_posix(),
            tables=spec_by_table(spec),
        ),
    }
    return dict(sorted(files.items()))
