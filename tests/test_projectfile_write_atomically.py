"""`write_atomically`, the helper behind every whole write that is not a
compaction (save as, rescue copy, restored backup): the new bytes under the
name, owner-only, the previous version kept as `<name>.bak` unless told not to,
and that backup alone (a journal that extended the previous file does not go
with it: the previous file is not the one it extends any more)."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from workshop.journal import journal_path
from workshop.projectfile import backup_path, write_atomically


def test_writing_over_a_file_keeps_the_previous_version_as_the_backup_alone(tmp_path: Path) -> None:
    path = tmp_path / "projet.atelier"
    path.write_bytes(b"previous")
    journal_path(path).write_bytes(b"a journal of the previous file")
    journal_path(backup_path(path)).write_bytes(b"the journal of an older backup")
    write_atomically(path, b"new")
    assert path.read_bytes() == b"new"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert backup_path(path).read_bytes() == b"previous"
    assert not journal_path(backup_path(path)).exists()  # the backup reads as its file alone
    assert journal_path(path).read_bytes() == b"a journal of the previous file"  # not the helper's to touch
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [path.name, backup_path(path).name, journal_path(path).name]
    )


def test_writing_without_a_backup_keeps_none(tmp_path: Path) -> None:
    path = tmp_path / "projet.atelier"
    path.write_bytes(b"previous")
    write_atomically(path, b"new", keep_backup=False)
    assert path.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_a_write_refused_at_the_rename_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "projet.atelier"
    path.write_bytes(b"previous")

    def refused(src: object, dst: object) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(os, "replace", refused)
    with pytest.raises(OSError) as caught:
        write_atomically(path, b"new", keep_backup=False)
    assert caught.value.errno == errno.EROFS  # the person is told why, not about the cleanup
    assert path.read_bytes() == b"previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_a_temporary_file_removed_from_under_the_write_is_reported_as_such(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another tool cleaning temporary files removed ours before the rename: the write
    fails with the rename's own error, and the cleanup (nothing left to remove) is silent."""
    path = tmp_path / "projet.atelier"
    path.write_bytes(b"previous")

    def gone(src: object, dst: object) -> None:
        os.unlink(str(src))
        raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(src))

    monkeypatch.setattr(os, "replace", gone)
    with pytest.raises(FileNotFoundError):
        write_atomically(path, b"new", keep_backup=False)
    assert path.read_bytes() == b"previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]
