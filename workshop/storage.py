"""A durable TinyDB storage: in-memory data, atomic replace on every write.

TinyDB's own JSONStorage rewrites the live file in place and re-reads it on every
operation: a kill mid-write leaves a broken file and the cost grows with every
write. This storage keeps the data in memory and writes a whole new file next to
the old one, fsyncs it, moves it into place with `os.replace`, and fsyncs the
folder, so the file on disk is always the old state or the new one.

The previous version is kept as `<name>.bak` (a hard link, so it costs no copy).
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any, Iterator

from tinydb.storages import Storage

from workshop.errors import ProjectDamaged, StorageError

FILE_MODE = 0o600  # project files hold personal data: owner only


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def read_project_file(path: Path) -> dict[str, Any]:
    """Read and check a project file; raise ProjectDamaged if it is not one."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise
    except OSError as error:
        raise ProjectDamaged("error.project_unreadable", path=str(path), reason=str(error)) from error
    if not raw.strip():
        raise ProjectDamaged("error.project_empty", path=str(path))
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ProjectDamaged("error.project_not_json", path=str(path), reason=str(error)) from error
    if not isinstance(data, dict) or not all(
        isinstance(table, dict) and all(isinstance(doc, dict) for doc in table.values())
        for table in data.values()
    ):
        raise ProjectDamaged("error.project_bad_shape", path=str(path))
    return data


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
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
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
    tmp_backup = backup.with_name(backup.name + ".tmp")
    with contextlib.suppress(FileNotFoundError):
        os.unlink(tmp_backup)
    try:
        os.link(path, tmp_backup)
    except OSError:
        # File systems without hard links (FAT USB keys): fall back to a copy.
        tmp_backup.write_bytes(path.read_bytes())
        os.chmod(tmp_backup, FILE_MODE)
    os.replace(tmp_backup, backup)


class DurableStorage(Storage):
    """TinyDB storage that keeps the data in memory and saves it atomically."""

    def __init__(self, path: str | os.PathLike[str], create: bool = False) -> None:
        self.path = Path(path)
        self._batch_depth = 0
        self._dirty = False
        if create and not self.path.exists():
            self._data: dict[str, Any] = {}
            self._flush()
        else:
            self._data = read_project_file(self.path)

    # TinyDB's Storage interface -------------------------------------------------
    def read(self) -> dict[str, Any]:
        return self._data

    def write(self, data: dict[str, Any]) -> None:
        self._data = data
        if self._batch_depth:
            self._dirty = True
        else:
            self._flush()

    def close(self) -> None:
        if self._dirty:
            self._flush()

    # Our own --------------------------------------------------------------------
    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Group several changes into one save, made when the block ends."""
        self._batch_depth += 1
        try:
            yield
        finally:
            self._batch_depth -= 1
            if not self._batch_depth and self._dirty:
                self._flush()

    @property
    def pending(self) -> bool:
        """True when a change is held in memory because its save failed."""
        return self._dirty

    def retry(self) -> None:
        if self._dirty:
            self._flush()

    def _flush(self) -> None:
        payload = json.dumps(self._data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        try:
            write_atomically(self.path, payload)
        except OSError as error:
            self._dirty = True
            raise StorageError("error.storage", path=str(self.path), reason=error.strerror or str(error)) from error
        self._dirty = False
