"""Opening a project file: the durable TinyDB, its lock, and its tables.

One project is one JSON file. `ProjectStore.open` refuses a project another
Atelier holds (ProjectLocked) and a file that is not a project (ProjectDamaged,
the file left untouched).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.table import Table

from workshop.errors import ProjectDamaged, StorageError, ValidationError
from workshop.filenames import unused_path
from workshop.lock import ProjectLock
from workshop.storage import (
    DurableStorage,
    backup_path,
    read_project_file,
    remove_leftovers,
    storage_error,
    write_atomically,
)
from workshop.undo import RecordingDocs, UndoLog

PROJECT_SUFFIX = ".atelier"
FORMAT_VERSION = 1
# The highest id each table ever gave, so that a removed record's id is never
# given again (TinyDB restarts from the highest id present when a file is opened:
# a new participant would inherit a removed one's attendance and ballots).
ISSUED_IDS = "_issued_ids"


class _DocsById(MutableMapping[int, Any]):
    """A table's stored documents seen with integer ids, changed in place."""

    __slots__ = ("raw",)

    def __init__(self, raw: dict[str, Any]) -> None:
        self.raw = raw

    def __getitem__(self, doc_id: int) -> Any:
        return self.raw[str(doc_id)]

    def __setitem__(self, doc_id: int, doc: Any) -> None:
        self.raw[str(doc_id)] = doc

    def __delitem__(self, doc_id: int) -> None:
        del self.raw[str(doc_id)]

    def __contains__(self, doc_id: object) -> bool:
        return str(doc_id) in self.raw

    def __iter__(self) -> Iterator[int]:
        return (int(doc_id) for doc_id in list(self.raw))

    def __len__(self) -> int:
        return len(self.raw)

    def clear(self) -> None:
        self.raw.clear()


class ProjectTable(Table):
    """A TinyDB table whose writes cost the change, not the table's size.

    TinyDB's own `_update_table` copies the whole table into a new dict, and
    back, on every write: with 10,000 ballots each vote copied 10,000 entries.
    Here the update works in place on the stored dict.
    """

    def _get_next_id(self) -> int:
        next_id = super()._get_next_id()
        tables = self._storage.read()
        issued = tables.setdefault(ISSUED_IDS, {}).setdefault("1", {})
        highest = issued.get(self.name, 0)
        if next_id <= highest:
            next_id = highest + 1
            self._next_id = next_id + 1
        # Saved with the insert that asked for the id (same write).
        issued[self.name] = next_id
        return next_id

    def _update_table(self, updater: Callable[[dict[int, Mapping]], None]) -> None:
        tables = self._storage.read()
        if tables is None:
            tables = {}
        raw = tables.setdefault(self.name, {})
        docs: MutableMapping[int, Any] = _DocsById(raw)
        undo = getattr(self._storage, "undo_log", None)
        if undo is not None and undo.recording:
            docs = RecordingDocs(docs, undo, self.name)
        updater(docs)  # type: ignore[arg-type]
        self._storage.write(tables)
        self.clear_cache()


class ProjectDB(TinyDB):
    table_class = ProjectTable


class ProjectStore:
    """An open project file. Every change is on disk when a method returns."""

    def __init__(self, path: Path, db: TinyDB, lock: ProjectLock) -> None:
        self.path = path
        self.db = db
        self._lock = lock
        # Removals and decisions since the project was opened (Ctrl+Z), in memory only.
        self.undo = UndoLog(self)
        self.storage.undo_log = self.undo

    @classmethod
    def open(cls, path: str | os.PathLike[str], create: bool = False) -> ProjectStore:
        path = Path(path).expanduser().resolve()
        if not create and not path.exists():
            raise FileNotFoundError(path)
        lock = ProjectLock(path)
        lock.acquire()
        try:
            if lock.held:
                remove_leftovers(path)
            db = ProjectDB(path, storage=DurableStorage, create=create)
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

    def save_as(self, target: str | os.PathLike[str]) -> Path:
        """Write the project as it is in memory to a new file, and carry on in that one.

        The way out when the project's folder refuses saves (read-only, full):
        everything, a change a failed save kept in memory included, goes to the
        new file, which is locked first and then becomes the open project; the
        old file is left as it was. `target` is a file, or a folder to put one of
        the same name in. ValidationError when it exists or its folder does not,
        StorageError when it cannot be written (the project stays where it was).
        """
        if self.storage._batch_depth:
            raise ValidationError("error.save_as_busy")
        path = Path(target).expanduser()
        if path.is_dir():
            path = path / self.path.name
        if not path.name.endswith(PROJECT_SUFFIX):
            path = path.with_name(path.name + PROJECT_SUFFIX)
        path = path.resolve()
        if path == self.path:
            raise ValidationError("error.save_as_same", path=str(path))
        if not path.parent.is_dir():
            raise ValidationError("error.save_as_no_folder", path=str(path.parent))
        if path.exists() or backup_path(path).exists():
            raise ValidationError("error.project_exists", path=str(path))
        lock = ProjectLock(path)
        lock.acquire()
        try:
            write_atomically(path, self.storage._payload(), keep_backup=False)
        except OSError as error:
            lock.release()
            raise storage_error(path, error) from error
        except BaseException:
            lock.release()
            raise
        previous, self._lock = self._lock, lock
        self.path = path
        self.storage.path = path
        self.storage._dirty = False  # all of it is in the new file
        previous.release()
        return path

    def close(self) -> None:
        """Save what is pending and release the project.

        If the last save fails, a complete rescue copy is written elsewhere
        (home folder, then the temporary folder) and named in the error.
        """
        try:
            self.db.close()
        except StorageError as error:
            rescue = self._write_rescue_copy()
            if rescue is None:
                raise
            raise StorageError(
                "storage.rescued", path=str(self.path), reason=error.params.get("reason", ""), rescue=str(rescue)
            ) from error
        finally:
            self._lock.release()

    def _write_rescue_copy(self) -> Path | None:
        payload = self.storage._payload()
        stamp = time.strftime("%Y%m%d-%H%M%S")
        for folder in (Path.home(), Path(tempfile.gettempdir())):
            try:
                target = unused_path(folder, f"{self.path.stem}-rescue-{stamp}", PROJECT_SUFFIX)
                write_atomically(target, payload, keep_backup=False)
            except OSError:
                continue
            return target
        return None

    def __enter__(self) -> ProjectStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def restore_backup(path: Path) -> Path:
    """Put the backup in place of a damaged project; the damaged file is kept aside.

    Returns where the damaged file was moved. Raises ProjectDamaged when the
    backup is missing or damaged too, ProjectLocked when the project is open.
    """
    path = Path(path).expanduser().resolve()
    backup_problem(path)  # raises if the backup is missing or damaged too
    lock = ProjectLock(path)
    lock.acquire()
    try:
        payload = backup_path(path).read_bytes()
        stamp = time.strftime("%Y%m%d-%H%M%S")
        damaged_copy = unused_path(path.parent, f"{path.name}.damaged-{stamp}", "")
        if path.exists():
            os.replace(path, damaged_copy)
        # Copy, not move: the backup stays valid if the next save crashes.
        write_atomically(path, payload, keep_backup=False)
    finally:
        lock.release()
    return damaged_copy


def backup_problem(path: Path) -> None:
    """Raise ProjectDamaged when the project's backup is missing or does not validate itself."""
    backup = backup_path(path)
    if not backup.exists():
        raise ProjectDamaged("error.no_backup", path=str(path))
    try:
        read_project_file(backup)
    except ProjectDamaged as error:
        raise ProjectDamaged("error.backup_damaged", path=str(path), problem=error.message()) from error


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
