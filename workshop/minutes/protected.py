"""The files an export never writes: projects and everything that keeps them safe.

`atelier export g.atelier --md g.atelier --force` used to replace the project
with its own minutes. An export target is refused, with or without `--force`,
when it is (or resolves to, through a symbolic or hard link) the project being
exported, its journal, its backup or its locks; when its name is that of any
project, journal, backup, lock, damaged or set-aside copy, rescue copy or
temporary save file; or when its content is that of a project file or a
journal, whatever its name.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from workshop.errors import ExportError
from workshop.i18n import t
from workshop.journal import MAGIC, journal_path
from workshop.lock import lock_path, machine_lock_path
from workshop.projectfile import TEMP_SUFFIX, backup_path, looks_like_project

PROJECT_SUFFIX = ".atelier"  # workshop.store.PROJECT_SUFFIX, without importing TinyDB

# What a name says the file is, most specific first.
_NAMES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("temporary", re.compile(r"^\..*\.atelier(\.bak)?\..*" + re.escape(TEMP_SUFFIX) + r"$", re.IGNORECASE)),
    ("journal", re.compile(r"\.atelier(\.bak)?\.journal$", re.IGNORECASE)),
    ("backup", re.compile(r"\.atelier\.bak$", re.IGNORECASE)),
    ("lock", re.compile(r"\.atelier\.lock$", re.IGNORECASE)),
    ("damaged", re.compile(r"\.atelier\.(damaged|set-aside)-", re.IGNORECASE)),
    ("rescue", re.compile(r"-rescue-.*\.atelier$", re.IGNORECASE)),
    ("project", re.compile(r"\.atelier$", re.IGNORECASE)),
)


class ProtectedTarget(ExportError):
    """An export target that is a project file or keeps one safe; nothing was written."""

    key = "protect.refused"

    def __init__(self, path: Path, kind: str) -> None:
        super().__init__(path=str(path), what=t(f"protect.kind.{kind}"))
        self.kind = kind


def refuse_project_files(paths: list[Path], project: Path | None = None) -> None:
    """Raise ProtectedTarget for the first path an export must not write."""
    for path in paths:
        kind = protected_kind(path, project)
        if kind is not None:
            raise ProtectedTarget(path, kind)


def protected_kind(path: Path, project: Path | None = None) -> str | None:
    """Why `path` must not be written by an export (a catalog suffix), or None."""
    real = Path(os.path.realpath(path))
    if project is not None:
        project = Path(os.path.realpath(project))
        own = {
            real_path(project): "open",
            real_path(journal_path(project)): "open_journal",
            real_path(backup_path(project)): "open_backup",
            real_path(lock_path(project)): "open_lock",
            real_path(machine_lock_path(project)): "open_lock",
        }
        if real in own:
            return own[real]
        same = _same_file_as(
            path, [(project, "open"), (journal_path(project), "open_journal"), (backup_path(project), "open_backup")]
        )
        if same is not None:
            return same
    for name in {path.name, real.name}:
        for kind, pattern in _NAMES:
            if pattern.search(name):
                return kind
    if real.is_file() and looks_like_project(real):
        return "project"
    if real.is_file() and _looks_like_journal(real):
        return "journal"
    return None


def _looks_like_journal(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def real_path(path: Path) -> Path:
    return Path(os.path.realpath(path))


def _same_file_as(path: Path, candidates: list[tuple[Path, str]]) -> str | None:
    """A hard link to the project or its backup is the same file under another name."""
    try:
        target = os.stat(path)
    except OSError:
        return None
    for candidate, kind in candidates:
        try:
            info = os.stat(candidate)
        except OSError:
            continue
        if (info.st_dev, info.st_ino) == (target.st_dev, target.st_ino):
            return kind
    return None
