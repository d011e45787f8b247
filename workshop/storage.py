"""A durable TinyDB storage: in-memory data, atomic replace on every write.

TinyDB's own JSONStorage rewrites the live file in place and re-reads it on every
operation: a kill mid-write leaves a broken file and the cost grows with every
write. This storage keeps the data in memory and writes the whole project with
`workshop.projectfile.write_atomically` (temporary file, fsync, replace, folder
fsync, previous version kept as backup).
When a save fails (full disk, read-only folder), the data stays in memory and
the next write, or `retry()`, saves everything at once.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
from pathlib import Path
from typing import Any, Iterator

from tinydb.storages import Storage

from workshop.errors import StorageError
from workshop.projectfile import (  # noqa: F401 - the file helpers are part of this module's API
    FILE_MODE,
    TEMP_SUFFIX,
    backup_path,
    parse_project_file,
    read_project_file,
    remove_leftovers,
    temp_prefix,
    write_atomically,
)

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


class DurableStorage(Storage):
    """TinyDB storage that keeps the data in memory and saves it atomically."""

    def __init__(self, path: str | os.PathLike[str], create: bool = False) -> None:
        self.path = Path(path)
        self._batch_depth = 0
        self._dirty = False
        self._undo: bytes | None = None  # state at the start of a batch, when not on disk
        self.undo_log: Any = None  # the project's `workshop.undo.UndoLog`, told of each write
        if create and not self.path.exists():
            # Written with the first record (the project's meta): a file without
            # it would not be a project, and a crash before it leaves no file.
            self._data: dict[str, Any] = {}
            self._dirty = True
        else:
            self._data = read_project_file(self.path)

    # TinyDB's Storage interface -------------------------------------------------
    def read(self) -> dict[str, Any]:
        return self._data

    def write(self, data: dict[str, Any]) -> None:
        was_dirty = self._dirty
        self._data = data
        self._dirty = True
        if self._batch_depth:
            return
        try:
            self._flush()
        except (TypeError, ValueError):
            # A value JSON cannot hold (a bug in the caller): forget the change so
            # that every later save does not fail with it.
            if not was_dirty:
                self._data = parse_project_file(self.path)
                self._dirty = False
            raise

    def close(self) -> None:
        if self._dirty:
            self._flush()

    # Our own --------------------------------------------------------------------
    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Group several changes into one save, made when the block ends.

        When the block raises, its changes are undone: the project is left as it
        was before the block, in memory as on disk.
        """
        outermost = not self._batch_depth
        if outermost:
            # When the file already holds the current state it is the undo
            # record; otherwise (a save failed earlier) keep a copy.
            self._undo = None if not self._dirty else self._payload()
            dirty_before = self._dirty
        self._batch_depth += 1
        try:
            yield
        except BaseException:
            self._batch_depth -= 1
            if outermost:
                self._rollback(dirty_before)
            raise
        self._batch_depth -= 1
        if outermost:
            self._undo = None
            if self._dirty:
                try:
                    self._flush()
                except (TypeError, ValueError):
                    if not dirty_before:
                        self._data = parse_project_file(self.path)
                        self._dirty = False
                    raise

    def _rollback(self, dirty_before: bool) -> None:
        undo, self._undo = self._undo, None
        if not self._dirty:
            return  # the block changed nothing
        if undo is not None:
            self._data = json.loads(undo)
        else:
            self._data = parse_project_file(self.path)
        self._dirty = dirty_before

    @property
    def pending(self) -> bool:
        """True when a change is held in memory because its save failed."""
        return self._dirty

    def retry(self) -> None:
        """Save what a failed save left in memory (StorageError if it fails again)."""
        if self._dirty and not self._batch_depth:
            self._flush()

    def _payload(self) -> bytes:
        from workshop.validation import stamp_inventory

        stamp_inventory(self._data)  # what the file holds, checked when it is read again
        text = json.dumps(self._data, ensure_ascii=False, separators=(",", ":"))
        try:
            return text.encode("utf-8")
        except UnicodeEncodeError:
            # A lone surrogate (pasted from a broken clipboard) has no UTF-8 form:
            # JSON's \u escapes keep it exactly, and the file stays valid UTF-8.
            return json.dumps(self._data, ensure_ascii=True, separators=(",", ":")).encode("ascii")

    def _flush(self) -> None:
        try:
            write_atomically(self.path, self._payload())
        except OSError as error:
            self._dirty = True
            raise storage_error(self.path, error) from error
        self._dirty = False
