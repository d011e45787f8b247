"""Opening a project file: the durable TinyDB, its lock, and its tables.

One project is one JSON file. `ProjectStore.open` refuses a project another
Atelier holds (ProjectLocked) and a file that is not a project (ProjectDamaged,
the file left untouched).
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path
from typing import Any, Iterator

from tinydb import TinyDB
from tinydb.table import Table

from workshop.errors import ProjectDamaged
from workshop.lock import ProjectLock
from workshop.storage import DurableStorage, backup_path, read_project_file, write_atomically

PROJECT_SUFFIX = ".atelier"
FORMAT_VERSION = 1


class ProjectStore:
    """An open project file. Every change is on disk when a method returns."""

    def __init__(self, path: Path, db: TinyDB, lock: ProjectLock) -> None:
        self.path = path
        self.db = db
        self._lock = lock

    @classmethod
    def open(cls, path: str | os.PathLike[str], create: bool = False) -> ProjectStore:
        path = Path(path).expanduser().resolve()
        if not create and not path.exists():
            raise FileNotFoundError(path)
        lock = ProjectLock(path)
        lock.acquire()
        try:
            db = TinyDB(path, storage=DurableStorage, create=create)
        except BaseException:
            lock.release()
            raise
        return cls(path, db, lock)

    @property
    def storage(self) -> DurableStorage:
        return self.db.storage  # type: ignore[return-value]

    def table(self, name: str) -> Table:
        return self.db.table(name, cache_size=0)

    def batch(self) -> contextlib.AbstractContextManager[None]:
        """Several changes saved as one (and atomically together)."""
        return self.storage.batch()

    def close(self) -> None:
        try:
            self.db.close()
        finally:
            self._lock.release()

    def __enter__(self) -> ProjectStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def restore_backup(path: Path) -> Path:
    """Put the backup in place of a damaged project; the damaged file is kept aside.

    Returns where the damaged file was moved. Raises ProjectDamaged when the
    backup is missing or damaged too.
    """
    backup = backup_path(path)
    if not backup.exists():
        raise ProjectDamaged("error.no_backup", path=str(path))
    read_project_file(backup)  # raises if the backup is damaged too
    stamp = time.strftime("%Y%m%d-%H%M%S")
    damaged_copy = path.with_name(f"{path.name}.damaged-{stamp}")
    if path.exists():
        os.replace(path, damaged_copy)
    # Copy, not move: the backup stays valid if the next save crashes.
    payload = backup.read_bytes()
    write_atomically(path, payload, keep_backup=False)
    return damaged_copy


def peek(path: Path) -> dict[str, Any]:
    """Read a project file without opening it for writing (home screen listing)."""
    return read_project_file(path)


@contextlib.contextmanager
def opened(path: str | os.PathLike[str]) -> Iterator[ProjectStore]:
    store = ProjectStore.open(path)
    try:
        yield store
    finally:
        store.close()
