"""`heapgen generate` / `heapgen check`: definitions -> generated dbt files on disk."""

from __future__ import annotations

from pathlib import Path

from heapgen.column_spec import read_column_spec
from heapgen.definitions import load_definitions
from heapgen.plan import GENERATED_DIRS, generated_files
from heapgen.writer import Changes, sync_files


def generate(project_dir: Path, definitions_dir: Path, *, check: bool = False) -> Changes:
    """Write (or, with check=True, only compare) every generated file. Definitions are
    fully read and validated before anything is written, so a bad definition writes nothing."""
    definitions = load_definitions(definitions_dir)
    files = generated_files(definitions, read_column_spec(project_dir))
    return sync_files(project_dir, files, GENERATED_DIRS, check=check)
