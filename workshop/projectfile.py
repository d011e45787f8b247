"""The project file on disk: reading and checking it, writing it atomically.

Kept apart from the TinyDB storage so that listing projects (the home screen)
imports neither TinyDB nor the lock machinery.

A write goes to a temporary file in the same folder, is flushed and fsynced,
moved into place with `os.replace`, and the folder is fsynced: the file on
disk is always the old state or the new one. The previous version is kept as
`<name>.bak` (a hard link, so it costs no copy).
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

from workshop.errors import ProjectDamaged

FILE_MODE = 0o600  # project files hold personal data: owner only
TEMP_SUFFIX = ".tmp"
SNIFF_BYTES = 4096
# TinyDB's layout as it starts on disk: {"<table>": {} or {"<integer id>": {…, whatever
# the indentation, after an optional byte-order mark. A truncated project still starts so.
_PROJECT_START = re.compile(rb'\A(?:\xef\xbb\xbf)?\s*\{\s*"(?:[^"\\]|\\.)*"\s*:\s*\{\s*(?:\}|"\d+"\s*:\s*\{)')

def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def temp_prefix(path: Path) -> str:
    """Temporary files of `path` start with this; leftovers of a crash are removed on open."""
    return f".{path.name}."


def looks_like_project(path: Path) -> bool:
    """True when the file's first bytes are those of a project file, whatever its name."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError:
        return False
    return _PROJECT_START.match(head) is not None


def read_project_file(path: Path, records: bool = True) -> dict[str, Any]:
    """Read a project file and check everything it holds; ProjectDamaged names what is wrong.

    `records=False` checks the layout, meta and inventory only (the home
    screen's listing, see `workshop.validation.validate`). Nothing is ever
    written here.
    """
    from workshop.validation import check_project

    data = parse_project_file(path)
    check_project(data, path, records)
    return data


def parse_project_file(path: Path) -> Any:
    """The JSON of a project file, unchecked; ProjectDamaged when it is not JSON at all.

    Every text in it is made visible per the text policy (workshop.text): a
    control character an older version or another tool left in a name reaches
    neither the terminal nor the minutes raw. The file itself is not changed.
    """
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
        text = raw.decode("utf-8-sig")
        data = json.loads(text, object_pairs_hook=_refuse_twice_the_same_key)
    except _DuplicateKey as error:
        from workshop.schema import Finding
        from workshop.validation import damaged

        raise damaged(path, [Finding("schema.duplicate_key", params={"key": error.key})]) from None
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
        raise ProjectDamaged("error.project_not_json", path=str(path), reason=str(error)[:200]) from error
    from workshop.text import may_hold_forbidden, visible_in

    if may_hold_forbidden(text):
        visible_in(data)
    return data


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _refuse_twice_the_same_key(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # JSON readers keep the last of two equal keys and drop the other silently:
    # two records with one id, two tables with one name, are damage to report.
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return result


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
            _owner_only(path)  # it becomes the backup: a file that arrived readable by others stays so no longer
            _link_backup(path)
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    _fsync_dir(folder)


def _owner_only(path: Path) -> None:
    try:
        if os.stat(path).st_mode & 0o077:
            os.chmod(path, FILE_MODE)
    except OSError:
        pass  # not ours to change (another owner): the copy made below is owner-only anyway


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
        for leftover in owner.parent.glob(f"{glob.escape(prefix)}*{TEMP_SUFFIX}"):
            with contextlib.suppress(OSError):
                leftover.unlink()
