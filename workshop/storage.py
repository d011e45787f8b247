"""A durable TinyDB storage: in-memory data, atomic replace on every write.

TinyDB's own JSONStorage rewrites the live file in place and re-reads it on every
operation: a kill mid-write leaves a broken file and the cost grows with every
write. This storage keeps the data in memory and writes a whole new file next to
the old one, fsyncs it, moves it into place with `os.replace`, and fsyncs the
folder, so the file on disk is always the old state or the new one.

The previous version is kept as `<name>.bak` (a hard link, so it costs no copy).
When a save fails (full disk, read-only folder), the data stays in memory and
the next write, or `retry()`, saves everything at once.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import tempfile
from pathlib import Path
from typing import Any, Iterator

from tinydb.storages import Storage

from workshop.errors import ProjectDamaged, StorageError

FILE_MODE = 0o600  # project files hold personal data: owner only
TEMP_SUFFIX = ".tmp"

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


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def temp_prefix(path: Path) -> str:
    """Temporary files of `path` start with this; leftovers of a crash are removed on open."""
    return f".{path.name}."


def read_project_file(path: Path) -> dict[str, Any]:
    """Read and check a project file; raise ProjectDamaged if it is not one."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise
    except OSError as error:
        raise ProjectDamaged("error.project_unreadable", path=str(path), reason=error.strerror or str(error)) from error
    if not raw.strip():
        raise ProjectDamaged("error.project_empty", path=str(path))
    try:
        # utf-8-sig: a file saved by hand with a byte-order mark is still read.
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
        raise ProjectDamaged("error.project_not_json", path=str(path), reason=str(error)[:200]) from error
    if not _is_project_shape(data):
        raise ProjectDamaged("error.project_bad_shape", path=str(path))
    return data


def _is_project_shape(data: Any) -> bool:
    """TinyDB's layout: {table: {"<integer id>": {document}}}."""
    if not isinstance(data, dict):
        return False
    for table in data.values():
        if not isinstance(table, dict):
            return False
        for doc_id, doc in table.items():
            if not isinstance(doc, dict) or not doc_id.isdigit():
                return False
    return True


def storage_error(path: Path, error: OSError) -> StorageError:
    from workshop.i18n import t

    key = _REASONS.get(error.errno or 0)
    reason = t(key) if key else (error.strerror or str(error))
    return StorageError("error.storage", path=str(path), reason=reason)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # some platforms cannot open a folder; the rename is still atomic
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_atomically(path: Path, payload: bytes, keep_backup: bool = True) -> None:
    """Write `payload` to `path` so that a crash leaves the old file or the new one."""
    folder = path.parent
    fd, tmp_name = tempfile.mkstemp(prefix=temp_prefix(path), suffix=TEMP_SUFFIX, dir=folder)
    try:
        os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if keep_backup and path.exists():
            _link_backup(path)
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    _fsync_dir(folder)


def _link_backup(path: Path) -> None:
    backup = backup_path(path)
    tmp_backup = backup.with_name(temp_prefix(backup) + "link" + TEMP_SUFFIX)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(tmp_backup)
    try:
        try:
            os.link(path, tmp_backup)
        except OSError:
            # File systems without hard links (FAT USB keys): fall back to a copy,
            # owner-only from the start and on disk before it replaces the old backup.
            payload = path.read_bytes()
            fd = os.open(tmp_backup, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp_backup, backup)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_backup)
        raise


def remove_leftovers(path: Path) -> None:
    """Remove temporary files a crash left beside `path` (call only while holding its lock)."""
    for owner in (path, backup_path(path)):
        prefix = temp_prefix(owner)
        for leftover in owner.parent.glob(f"{glob_escape(prefix)}*{TEMP_SUFFIX}"):
            with contextlib.suppress(OSError):
                leftover.unlink()


def glob_escape(text: str) -> str:
    import glob

    return glob.escape(text)


class DurableStorage(Storage):
    """TinyDB storage that keeps the data in memory and saves it atomically."""

    def __init__(self, path: str | os.PathLike[str], create: bool = False) -> None:
        self.path = Path(path)
        self._batch_depth = 0
        self._dirty = False
        self._undo: bytes | None = None  # state at the start of a batch, when not on disk
        if create and not self.path.exists():
            self._data: dict[str, Any] = {}
            self._flush()
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
                self._data = read_project_file(self.path)
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
                        self._data = read_project_file(self.path)
                        self._dirty = False
                    raise

    def _rollback(self, dirty_before: bool) -> None:
        undo, self._undo = self._undo, None
        if not self._dirty:
            return  # the block changed nothing
        if undo is not None:
            self._data = json.loads(undo)
        else:
            self._data = read_project_file(self.path)
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
        return json.dumps(self._data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    def _flush(self) -> None:
        try:
            write_atomically(self.path, self._payload())
        except OSError as error:
            self._dirty = True
            raise storage_error(self.path, error) from error
        self._dirty = False
