"""On a file system without hard links (a FAT USB key) the backup is a copy; when
even that copy cannot be written (the key is full when it is created, or when it
is flushed to the disk), the compaction stops before touching the project, no
half-written copy is left, and what was saved stays readable: at closing, the
journal still holds every change."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from workshop.journal import journal_path
from workshop.project import Project
from workshop.storage import read_project_file


def _full() -> OSError:
    return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="tells the copy's descriptor by its path in /proc")
@pytest.mark.parametrize("fails", ["create", "sync"])
def test_a_backup_copy_that_cannot_be_written_loses_nothing(
    project: Project, monkeypatch: pytest.MonkeyPatch, fails: str
) -> None:
    path = project.path
    project.add_structure("Un")
    before = path.read_bytes()
    real_open, real_fsync = os.open, os.fsync

    def no_links(*args: object) -> None:
        raise OSError(errno.EPERM, "no hard links on this file system")

    def copy_refused(name: object, flags: int, *args: object) -> int:
        if fails == "create" and str(name).endswith(".link.tmp") and flags & os.O_CREAT:  # the copy standing for a link
            raise _full()
        return real_open(name, flags, *args)

    def copy_not_synced(fd: int) -> None:
        if fails == "sync" and os.readlink(f"/proc/self/fd/{fd}").endswith(".link.tmp"):
            raise _full()
        real_fsync(fd)

    monkeypatch.setattr(os, "link", no_links)
    monkeypatch.setattr(os, "open", copy_refused)
    monkeypatch.setattr(os, "fsync", copy_not_synced)
    project.close()  # the last compaction cannot make its backup: it stops, the journal stays
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert journal_path(path).exists()
    assert [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")] == []
    assert [doc["name"] for doc in read_project_file(path)["structures"].values()] == ["Un"]
