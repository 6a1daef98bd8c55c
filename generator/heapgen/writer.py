"""Write generated files only where they changed, remove stale ones, or just report."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath


@dataclass
class Changes:
    written: list[str] = field(default_factory=list)  # new or changed
    removed: list[str] = field(default_factory=list)  # generated before, gone now
    unchanged: list[str] = field(default_factory=list)

    @property
    def stale(self) -> bool:
        return bool(self.written or self.removed)


def _existing(project_dir: Path, managed_dirs: Iterable[PurePosixPath]) -> set[str]:
    found = set()
    for directory in managed_dirs:
        root = project_dir / directory
        if root.is_dir():
            found |= {p.relative_to(project_dir).as_posix() for p in root.rglob("*") if p.is_file()}
    return found


def sync_files(
    project_dir: Path,
    files: dict[str, str],
    managed_dirs: Iterable[PurePosixPath],
    *,
    check: bool = False,
) -> Changes:
    """Make the managed directories hold exactly `files`. With check=True nothing is
    written: the result says what would change."""
    managed_dirs = list(managed_dirs)
    changes = Changes()
    for rel, content in files.items():
        path = project_dir / rel
        if path.is_file() and path.read_text(encoding="utf-8") == content:
            changes.unchanged.append(rel)
            continue
        changes.written.append(rel)
        if not check:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(path.name + ".tmp")
            tmp.write_text(content, encoding="utf-8")
            tmp.replace(path)
    for rel in sorted(_existing(project_dir, managed_dirs) - set(files)):
        changes.removed.append(rel)
        if not check:
            (project_dir / rel).unlink()
    return changes
