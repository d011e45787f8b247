"""Opening a project: the durable TinyDB, its lock, and its tables.

A project is one JSON file, followed by its journal while it is open (see
`workshop.storage`). `ProjectStore.open` refuses a project another Atelier
holds (ProjectLocked) and a file that is not a project (ProjectDamaged, the
file left untouched), or whose journal is missing, foreign or damaged
(JournalProblem; `open_without_journal` is the way on).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.table import Table

from workshop.errors import JournalProblem, ProjectDamaged, StorageError, ValidationError
from workshop.filenames import unused_path
from workshop.journal import JournalFile, journal_path
from workshop.lock import ProjectLock
from workshop.projectfile import load_project, parse_project_file, replay
from workshop.storage import (
    MISSING,
    DurableStorage,
    backup_path,
    new_generation,
    project_payload,
    read_project_file,
    remove_leftovers,
    storage_error,
    write_atomically,
)
from workshop.undo import RecordingDocs, UndoLog

PROJECT_SUFFIX = ".atelier"
FORMAT_VERSION = 2  # 2: the file may be followed by a journal (older versions refuse it rather than miss it)
# The highest id each table ever gave, so that a removed record's id is never
# given again (TinyDB restarts from the highest id present when a file is opened:
# a new participant would inherit a removed one's attendance and ballots).
ISSUED_IDS = "_issued_ids"


class _DocsById(MutableMapping[int, Any]):
    """A table's stored documents seen with integer ids, changed in place.

    Every document added, replaced or removed is reported to the storage
    (`DurableStorage.changing`) before it changes: the journal records it, and
    a batch that fails puts it back. A document changed in place is reported by
    `ProjectTable.update` before it is handed to the change.
    """

    __slots__ = ("raw", "storage", "table")

    def __init__(self, raw: dict[str, Any], storage: DurableStorage, table: str) -> None:
        self.raw = raw
        self.storage = storage
        self.table = table

    def __getitem__(self, doc_id: int) -> Any:
        return self.raw[str(doc_id)]

    def __setitem__(self, doc_id: int, doc: Any) -> None:
        key = str(doc_id)
        self.storage.changing(self.table, key, self.raw.get(key, MISSING), copy=False)
        self.raw[key] = doc

    def __delitem__(self, doc_id: int) -> None:
        key = str(doc_id)
        self.storage.changing(self.table, key, self.raw[key], copy=False)
        del self.raw[key]

    def __contains__(self, doc_id: object) -> bool:
        return str(doc_id) in self.raw

    def __iter__(self) -> Iterator[int]:
        return (int(doc_id) for doc_id in list(self.raw))

    def __len__(self) -> int:
        return len(self.raw)

    def clear(self) -> None:
        for doc_id in list(self):
            del self[doc_id]

    def will_change(self, doc_id: int) -> Any:
        """The stored document, reported as about to be changed in place."""
        key = str(doc_id)
        doc = self.raw[key]
        self.storage.changing(self.table, key, doc, copy=True)
        return doc


class ProjectTable(Table):
    """A TinyDB table whose writes cost the change, not the table's size.

    TinyDB's own `_update_table` copies the whole table into a new dict, and
    back, on every write: with 10,000 ballots each vote copied 10,000 entries.
    Here the update works in place on the stored dict, and each write tells the
    storage which documents it touched: the journal records those, whole.
    """

    _storage: DurableStorage

    def _get_next_id(self) -> int:
        next_id = super()._get_next_id()
        tables = self._storage.read()
        issued_table = tables.setdefault(ISSUED_IDS, {})
        self._storage.changing(ISSUED_IDS, "1", issued_table.get("1", MISSING), copy=True)
        issued = issued_table.setdefault("1", {})
        highest = issued.get(self.name, 0)
        if next_id <= highest:
            next_id = highest + 1
            self._next_id = next_id + 1
        # Saved with the insert that asked for the id (same write).
        issued[self.name] = next_id
        return next_id

    def _update_table(self, updater: Callable[[dict[int, Mapping]], None]) -> None:
        storage = self._storage
        with storage.batch():  # saved when it ends (or with the caller's batch); undone if it fails
            tables = storage.read()
            raw = tables.setdefault(self.name, {})
            docs: MutableMapping[int, Any] = _DocsById(raw, storage, self.name)
            undo = storage.undo_log
            if undo is not None and undo.recording:
                docs = RecordingDocs(docs, undo, self.name)  # Ctrl+Z: each document's state before the step
            updater(docs)  # type: ignore[arg-type]
        self.clear_cache()

    def update(
        self,
        fields: Mapping | Callable[[MutableMapping], None],
        cond: Callable[[Mapping], bool] | None = None,
        doc_ids: Iterable[int] | None = None,
    ) -> list[int]:
        """TinyDB's `update`, each matching document reported to the storage before it changes.

        As in TinyDB, `doc_ids` (when given) chooses the documents and `cond` is not looked at.
        """
        return self.update_multiple([(fields, None if doc_ids is not None else cond)], doc_ids)

    def update_multiple(
        self,
        updates: Iterable[tuple[Mapping | Callable[[MutableMapping], None], Callable[[Mapping], bool] | None]],
        doc_ids: Iterable[int] | None = None,
    ) -> list[int]:
        """TinyDB's `update_multiple` (and, with one update, its `update`), reporting each change."""
        updates = list(updates)
        wanted = None if doc_ids is None else list(doc_ids)
        updated: list[int] = []

        def updater(table: _DocsById) -> None:
            for doc_id in (wanted if wanted is not None else list(table)):
                if doc_id not in table:
                    continue
                for fields, cond in updates:
                    if cond is not None and not cond(table[doc_id]):
                        continue
                    updated.append(doc_id)
                    doc = table.will_change(doc_id)
                    if callable(fields):
                        fields(doc)
                    else:
                        doc.update(fields)

        self._update_table(updater)  # type: ignore[arg-type]
        return updated


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
        if any(p.exists() for p in (path, backup_path(path), journal_path(path))):
            raise ValidationError("error.project_exists", path=str(path))
        lock = ProjectLock(path)
        lock.acquire()
        try:
            self.storage.move_to(path)
        except OSError as error:
            lock.release()
            raise storage_error(path, error) from error
        except BaseException:
            lock.release()
            raise
        previous, self._lock = self._lock, lock
        self.path = path
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

    def forget(self) -> None:
        """Release a project whose creation failed: nothing more is written (there is
        nothing to save or rescue yet), and the lock does not outlive the failure."""
        self.storage._close_journal()
        self._lock.release()

    def _write_rescue_copy(self) -> Path | None:
        payload = self.storage.payload()
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

    The backup is the previous version of the file with the journal that
    extended it (`workshop.projectfile`): both are read, and written as one
    file. The damaged file (and its journal) are moved to `<name>.damaged-<time>`
    (and `….journal`); the backup stays as it is. Returns where the damaged
    file was moved. Raises ProjectDamaged when the backup is missing or damaged
    too, ProjectLocked when the project is open.
    """
    path = Path(path).expanduser().resolve()
    backup_problem(path)  # raises if the backup is missing or damaged too
    lock = ProjectLock(path)
    lock.acquire()
    try:
        data = load_project(backup_path(path), backup=True).data
        payload = project_payload(data, new_generation(), False, None)
        damaged_copy = _set_aside(path, "damaged")
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
        load_project(backup, backup=True)
    except ProjectDamaged as error:
        raise ProjectDamaged("error.backup_damaged", path=str(path), problem=error.message()) from error


def open_without_journal(path: Path) -> Path:
    """Make a project whose journal is missing, foreign or damaged openable again; nothing is lost.

    The project becomes its file plus what can be read of its journal (the
    records before the damage, when the journal extends the file; nothing
    otherwise). The file and its journal are first moved aside as they were,
    to `<name>.set-aside-<time>` (and `….journal`), where they can still be
    recovered by hand. Returns that path. ProjectDamaged when the file itself
    is damaged (the backup is the way out then), ProjectLocked when it is open.
    """
    from workshop.validation import check_project, stamp_inventory

    path = Path(path).expanduser().resolve()
    lock = ProjectLock(path)
    lock.acquire()
    try:
        try:
            data = load_project(path).data
        except JournalProblem as problem:
            data = parse_project_file(path)
            check_project(data, path, records=False)
            if problem.usable:
                replay(data, JournalFile(None, "", problem.usable), path)
                stamp_inventory(data)
            check_project(data, path)
        payload = project_payload(data, new_generation(), False, None)
        aside = _set_aside(path, "set-aside")
        write_atomically(path, payload, keep_backup=False)
    finally:
        lock.release()
    return aside


def _set_aside(path: Path, why: str) -> Path:
    """Move the project file and its journal to `<name>.<why>-<time>` (and its journal); that path."""
    base = f"{path.name}.{why}-{time.strftime('%Y%m%d-%H%M%S')}"
    aside, counter = path.parent / base, 1
    while aside.exists() or journal_path(aside).exists():
        counter += 1
        aside = path.parent / f"{base}-{counter}"
    if journal_path(path).exists():
        os.replace(journal_path(path), journal_path(aside))
    if path.exists():
        os.replace(path, aside)
    return aside


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
