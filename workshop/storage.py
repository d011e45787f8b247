"""A durable TinyDB storage: in-memory data, each change appended to the project's journal.

TinyDB's own JSONStorage rewrites the live file in place and re-reads it on every
operation: a kill mid-write leaves a broken file and the cost grows with every
write. Rewriting the whole file atomically on every change is safe, but costs
the size of the project (100 ms and more after a few years of workshops). So:

- The data lives in memory. Each durable change appends one record to the
  journal (`workshop.journal`): the documents the change touched, whole (the
  tables tell which: `changing`, called by `workshop.store.ProjectTable`),
  then fsyncs. Its cost is the change's own size.
- The project file is written whole ("compaction", `_compact`) when the project
  is opened, when it is closed, and when the journal grows past the file's size
  (at least `JOURNAL_BOUND`): temporary file, fsync, previous version kept as
  backup, replace, folder fsync, and a new empty journal bound to the new file
  (see `workshop.projectfile.replace_project_file` for why a crash at any
  moment leaves the old project or the new one). Closed cleanly, a project is
  one file again.
- When a save fails (full disk, read-only folder), the change stays in memory
  and the documents it touched stay marked: the next save, or `retry()`,
  writes them all in one record (or writes the project whole).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from workshop.errors import StorageError
from workshop.journal import JournalFile, JournalWriter, dump_json, encode_record, journal_path, prepare_journal
from workshop.projectfile import (  # noqa: F401 - the file helpers are part of this module's API
    FILE_MODE,
    JOURNAL_FIELD,
    TEMP_SUFFIX,
    backup_path,
    load_project,
    parse_project_file,
    place_journal,
    read_project_file,
    remove_leftovers,
    replace_project_file,
    temp_prefix,
    write_atomically,
)

# The journal is folded into the file once it is larger than the file (times this ratio),
# and than JOURNAL_BOUND: replaying it at the next open then costs no more than reading
# the file again, and the compactions' cost, spread over the changes, stays a fraction of theirs.
JOURNAL_BOUND = 4 * 1024 * 1024
JOURNAL_RATIO = 1.0
MISSING: Any = type("Missing", (), {"__repr__": lambda self: "MISSING"})()  # a document not there

# Why a save failed, in the person's words rather than the system's.
_REASONS = {
    errno.ENOSPC: "storage.reason.full",
    errno.EDQUOT: "storage.reason.full",
    errno.EFBIG: "storage.reason.full",
    errno.EROFS: "storage.reason.read_only",
    errno.EACCES: "storage.reason.denied",
    errno.EPERM: "storage.reason.denied",
    errno.ENOENT: "storage.reason.gone",
    errno.EIO: "storage.reason.io",
}


def storage_error(path: Path, error: OSError) -> StorageError:
    from workshop.i18n import t

    key = _REASONS.get(error.errno or 0)
    reason = t(key) if key else (error.strerror or str(error))
    return StorageError("error.storage", path=str(path), reason=reason)


def new_generation() -> str:
    """A fresh id for a version of the project file written whole."""
    return secrets.token_hex(8)


def project_payload(data: dict[str, Any], generation: str | None, follows: bool, folds: dict[str, Any] | None) -> bytes:
    """The bytes of the project file holding `data`, its meta record stamped (on a copy).

    Stamped: the table inventory (checked when the file is read again), the
    format, and the journal binding (`workshop.projectfile.Binding`).
    TypeError or ValueError when a value cannot be written as JSON.
    """
    from workshop.projectfile import META, meta_record
    from workshop.validation import FORMAT_VERSION, stamp_inventory

    record = meta_record(data)
    if record is not None:
        meta = dict(data[META])
        key = next(k for k, v in meta.items() if v is record)
        stamped = dict(record, format=FORMAT_VERSION)
        stamped[JOURNAL_FIELD] = {"generation": generation, "follows": follows, "folds": folds}
        meta[key] = stamped
        data = {**data, META: meta}
    stamp_inventory(data)
    return dump_json(data)


def _stamp_format(data: dict[str, Any]) -> None:
    from workshop.projectfile import meta_record
    from workshop.validation import FORMAT_VERSION

    record = meta_record(data)
    if record is not None:
        record["format"] = FORMAT_VERSION


def _clone(value: Any) -> Any:
    """A deep copy of JSON data (lists and dicts; everything else is immutable)."""
    if type(value) is dict:
        return {key: _clone(item) for key, item in value.items()}
    if type(value) is list:
        return [_clone(item) for item in value]
    return value


class DurableStorage(Storage):
    """TinyDB storage that keeps the data in memory and journals every change."""

    def __init__(self, path: str | os.PathLike[str], create: bool = False) -> None:
        self.path = Path(path)
        self._batch_depth = 0
        self._changed: dict[str, set[str]] = {}  # documents touched since the last durable save
        self._whole = False  # a change the tables did not describe: the next save writes the project whole
        self._before: dict[tuple[str, str], Any] = {}  # documents as they were when the outermost batch began
        self._journal: JournalWriter | None = None
        # The project file on disk, and the journal that extends it (when no writer is open on it).
        self._generation: str | None = None
        self._digest = ""
        self._file_size = 0
        self._follows = False  # the file on disk says a journal follows it (written since it was opened)
        self._extension: JournalFile | None = None
        self.undo_log: Any = None  # the project's `workshop.undo.UndoLog`, told of each write
        if create and not self.path.exists():
            # Written with the first record (the project's meta): a file without
            # it would not be a project, and a crash before it leaves no file.
            # Nothing is pending until then: closed before any change, it leaves no file.
            self._data: dict[str, Any] = {}
            return
        loaded = load_project(self.path)
        self._data = loaded.data
        _stamp_format(self._data)  # an older format is converted by the next write
        self._generation = loaded.binding.generation
        self._digest = loaded.digest
        self._file_size = loaded.size
        self._follows = loaded.binding.follows
        self._extension = loaded.journal
        try:
            if loaded.journal is not None and (loaded.journal.records or loaded.journal.torn):
                self._compact(follows=True)  # what a crash left in the journal goes into the file
            elif self._follows:
                if self._extension is None:
                    self._start_journal()  # the one beside was folded already (a compaction cut short)
                self._resume()
        except OSError:
            # The folder refuses writes (read-only, full): carry on from the journal as it is.
            if self._extension is not None:
                with contextlib.suppress(OSError):
                    self._resume()

    # TinyDB's Storage interface -------------------------------------------------
    def read(self) -> dict[str, Any]:
        return self._data

    def write(self, data: dict[str, Any]) -> None:
        """A change made around the tables (TinyDB's `drop_table`): the project is written whole."""
        self._data = data
        self._whole = True
        if not self._batch_depth:
            self._save()

    def close(self) -> None:
        """Save what is pending; then, if anything was written since the file was, write the
        project whole, without a journal (one file again).

        StorageError when what is pending cannot be saved. When only the last
        compaction fails, nothing is lost: the journal still holds every change.
        """
        try:
            if self.pending:
                self._save()
            if self._follows:
                with contextlib.suppress(OSError):
                    self._compact(follows=False)
        finally:
            self._close_journal()

    # Changes --------------------------------------------------------------------
    def changing(self, table: str, doc_id: str, current: Any, copy: bool) -> None:
        """A document of `table` is about to change (`current`: as it is now, or MISSING).

        The next save writes it; a batch that fails puts it back as it was
        (`copy`: it is about to change in place, so what is kept is a copy).
        """
        if self._batch_depth and (table, doc_id) not in self._before:
            self._before[(table, doc_id)] = _clone(current) if copy else current
        ids = self._changed.get(table)
        if ids is None:
            self._changed[table] = {doc_id}
        else:
            ids.add(doc_id)

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Group several changes into one save (one journal record), made when the block ends.

        When the block raises, its changes are undone: the project is left as it
        was before the block, in memory as on disk.
        """
        outermost = not self._batch_depth
        if outermost:
            self._before = {}
            changed_before = {table: set(ids) for table, ids in self._changed.items()}
        self._batch_depth += 1
        try:
            yield
        except BaseException:
            self._batch_depth -= 1
            if outermost:
                self._rollback(changed_before)
            raise
        self._batch_depth -= 1
        if outermost:
            try:
                self._save()
            except (TypeError, ValueError):
                # A value JSON cannot hold (a bug in the caller): forget the change so
                # that every later save does not fail with it.
                self._rollback(changed_before)
                raise
            finally:
                self._before = {}

    def _rollback(self, changed_before: dict[str, set[str]]) -> None:
        before, self._before = self._before, {}
        for (table, doc_id), doc in before.items():
            docs = self._data.setdefault(table, {})
            if doc is MISSING:
                docs.pop(doc_id, None)
            else:
                docs[doc_id] = doc
        self._changed = changed_before

    @property
    def pending(self) -> bool:
        """True when a change is held in memory because its save failed."""
        return bool(self._changed) or self._whole

    def retry(self) -> None:
        """Save what a failed save left in memory (StorageError if it fails again)."""
        if self.pending and not self._batch_depth:
            self._save()

    # Writing --------------------------------------------------------------------
    def _save(self) -> None:
        if not self.pending:
            return
        journal = self._journal
        if self._whole or journal is None or journal.broken:
            try:
                self._compact(follows=True)
            except OSError as error:
                raise storage_error(self.path, error) from error
            return
        record = encode_record(self._data, self._changed)
        try:
            journal.append(record)
        except OSError as error:
            raise storage_error(self.path, error) from error
        self._changed = {}
        if journal.end > max(JOURNAL_BOUND, JOURNAL_RATIO * self._file_size):
            with contextlib.suppress(OSError):
                self._compact(follows=True)  # the change is saved; failing here only delays the compaction

    def _folds(self) -> dict[str, Any] | None:
        """The journal that extends the file on disk, as the next file names it (None: none does)."""
        if self._journal is not None:
            generation, records, tail = self._journal.generation, self._journal.records, self._journal.tail
        elif self._extension is not None:
            generation, records, tail = self._extension.generation, len(self._extension.records), self._extension.tail
        else:
            return None
        return {"generation": generation, "records": records, "tail": f"{tail:08x}"}

    def _compact(self, follows: bool) -> None:
        """Write the whole project as its file; with a new, empty journal when `follows`.

        OSError when the project on disk did not change (the journal in use is
        still the one to append to); TypeError or ValueError for data JSON cannot hold.
        """
        if follows and self._folds() is None:
            self._start_journal()
        generation = new_generation()
        folds = self._folds()
        payload = project_payload(self._data, generation, follows, folds)
        digest = hashlib.sha256(payload).hexdigest()
        new_journal, fresh = None, None
        if follows:
            new_journal, fresh = prepare_journal(journal_path(self.path), generation, digest)
        # The journal goes to the backup with the file it extends, unless it holds nothing.
        placed = replace_project_file(self.path, payload, new_journal, journal_extends=bool(folds and folds["records"]))
        # The file is the new one: the old journal is folded into it, never to be appended to again.
        self._close_journal()
        self._extension = fresh if placed else None
        self._generation, self._digest, self._file_size = generation, digest, len(payload)
        self._follows = follows
        self._changed = {}
        self._whole = False
        if fresh is not None and placed:
            with contextlib.suppress(OSError):
                self._resume()

    def _resume(self) -> None:
        """Open the journal that extends the file, to append to it (its torn tail cut off)."""
        assert self._extension is not None
        self._journal = JournalWriter.resume(journal_path(self.path), self._extension)
        self._extension = None

    def _start_journal(self) -> None:
        """Put an empty journal beside the file on disk (written first when there is none yet).

        A file says that a journal follows it only once that journal exists: a
        file found alone then is a copy made without it, never a crash.
        """
        if not self.path.exists():
            self._generation = new_generation()
            payload = project_payload(self._data, self._generation, False, None)
            write_atomically(self.path, payload, keep_backup=False)
            self._digest, self._file_size = hashlib.sha256(payload).hexdigest(), len(payload)
        name, fresh = prepare_journal(journal_path(self.path), self._generation, self._digest)
        place_journal(self.path, name)
        self._close_journal()
        self._extension = fresh

    def _close_journal(self) -> None:
        if self._journal is not None:
            self._journal.close()
            self._journal = None

    # Whole copies (save as, rescue) -----------------------------------------------
    def payload(self) -> bytes:
        """The whole project as a file of its own, with no journal (a rescue copy)."""
        return project_payload(self._data, new_generation(), False, None)

    def move_to(self, target: Path) -> None:
        """Write the whole project to `target` (a new file) and carry on there.

        OSError when `target` could not be written (nothing changed). The old
        file and its journal are left as they are.
        """
        generation = new_generation()
        payload = project_payload(self._data, generation, False, None)
        write_atomically(target, payload, keep_backup=False)
        self._close_journal()
        self.path = target
        self._extension = None
        self._generation, self._digest, self._file_size = generation, hashlib.sha256(payload).hexdigest(), len(payload)
        self._follows = False
        self._changed = {}
        self._whole = False
        with contextlib.suppress(OSError):
            self._compact(follows=True)  # else the journal is started with the next change
