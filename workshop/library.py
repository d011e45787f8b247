"""The projects in a data folder, as the home screen lists them.

Listing imports neither TinyDB nor the lock: the home screen is the first thing
people see, so it stays cheap to start.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workshop.errors import AtelierError, JournalProblem, ProjectDamaged, ValidationError
from workshop.filenames import safe_stem, unused_path
from workshop.journal import journal_path
from workshop.lock import lock_path
from workshop.names import clean_name
from workshop.projectfile import backup_path, read_project_file

if TYPE_CHECKING:
    from workshop.project import Project

PROJECT_SUFFIX = ".atelier"  # the same as workshop.store.PROJECT_SUFFIX (a test checks it)
WORKSHOPS_TABLE = "workshops"  # workshop.project.WORKSHOPS


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("atelier", appauthor=False)) / "projects"


@dataclass(frozen=True)
class ProjectSummary:
    path: Path
    name: str
    workshops: int
    modified: float
    problem: str = ""  # a message when the file cannot be read
    journal: str = ""  # when its journal is the problem: "missing", "foreign", "damaged" or "unreadable"


class ProjectLibrary:
    def __init__(self, folder: Path | None = None) -> None:
        self.folder = Path(folder) if folder else default_data_dir()

    def ensure(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)

    def summaries(self) -> list[ProjectSummary]:
        if not self.folder.is_dir():
            return []
        found: list[ProjectSummary] = []
        for path in self.folder.glob(f"*{PROJECT_SUFFIX}"):
            if not path.is_file():
                continue  # a folder, or a file removed meanwhile
            found.append(summarise(path))
        return sorted(found, key=lambda s: -s.modified)

    def create(self, name: str) -> Project:
        from workshop.project import Project

        name = clean_name(name, "project")
        self.ensure()
        path = unused_path(self.folder, safe_stem(name, "projet"), PROJECT_SUFFIX)
        return Project.create(path, name)

    def rename(self, path: Path, name: str) -> None:
        from workshop.project import Project

        with Project.open(path) as project:
            project.rename(name)

    def delete(self, path: Path) -> None:
        """Remove a project file, its journal and its backup. Refused while it is open elsewhere."""
        if path.parent.resolve() != self.folder.resolve():
            raise ValidationError("error.invalid")
        from workshop.lock import ProjectLock
        from workshop.projectfile import remove_leftovers

        lock = ProjectLock(path.resolve())
        lock.acquire()
        try:
            for victim in (path, journal_path(path), backup_path(path), journal_path(backup_path(path))):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(victim)
            remove_leftovers(path)
        finally:
            lock.release()
            with contextlib.suppress(OSError):
                os.unlink(lock_path(path.resolve()))


def summarise(path: Path) -> ProjectSummary:
    try:
        modified = path.stat().st_mtime
    except OSError:
        modified = 0.0
    with contextlib.suppress(OSError):
        modified = max(modified, journal_path(path).stat().st_mtime)  # its latest changes are there
    try:
        # The listing checks the file's layout, meta and inventory; its records are
        # checked when it is opened (their rules need modules the first screen
        # does not import), with the problem named and the backup offered.
        data = read_project_file(path, records=False)
    except JournalProblem as error:
        return ProjectSummary(path, path.stem, 0, modified, error.message(), error.kind)
    except ProjectDamaged as error:
        return ProjectSummary(path, path.stem, 0, modified, error.message())
    except (AtelierError, OSError) as error:
        return ProjectSummary(path, path.stem, 0, modified, str(error))
    meta: dict[str, Any] = next(iter(data.get("meta", {}).values()), {})
    return ProjectSummary(path, str(meta.get("name") or path.stem), len(data.get(WORKSHOPS_TABLE, {})), modified)
