"""A read-only copy of a project, for exporting without holding its lock.

`atelier export` may run while the app has the project open (the lock refuses a
second writer, not a reader), and the app's export worker must not read data the
interface is changing meanwhile: both export from a snapshot.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage

from workshop.errors import StorageError
from workshop.project import Project
from workshop.storage import read_project_file
from workshop.store import ProjectStore


class _FrozenStorage(Storage):
    def __init__(self, data: dict[str, Any], path: str = "") -> None:
        self._data = data
        self._path = path

    def read(self) -> dict[str, Any]:
        return self._data

    def write(self, data: dict[str, Any]) -> None:
        raise StorageError("error.storage", path=self._path, reason="read-only snapshot")


class _NoLock:
    def release(self) -> None:
        pass


def frozen_project(path: Path, data: dict[str, Any]) -> Project:
    """A read-only project over `data` (never changed: it may share its documents)."""
    db = TinyDB(storage=_FrozenStorage, data=data, path=str(path))
    # _NoLock stands in for the ProjectLock a read-only snapshot never takes.
    return Project(ProjectStore(path, db, _NoLock()))  # type: ignore[arg-type]


def open_snapshot(path: str | Path) -> Project:
    """The project file as it is on disk, read-only. FileNotFoundError, ProjectDamaged."""
    path = Path(path).expanduser().resolve()
    return frozen_project(path, read_project_file(path))


def snapshot(project: Project) -> Project:
    """A read-only copy of an open project's current data (call it on the thread that writes)."""
    data = json.loads(json.dumps(project.store.db.storage.read()))
    copy = frozen_project(project.path, data)
    copy.clock = project.clock  # "today" stays the app's, not the system's
    return copy
