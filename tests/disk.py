"""The project as a reader of the disk finds it, a crash, and a disk that refuses every save."""

from __future__ import annotations

import errno
import hashlib
import os
from pathlib import Path
from typing import Any

import pytest

import workshop.journal as journal_module
import workshop.projectfile as projectfile
from workshop.journal import MAGIC, JournalFile, JournalWriter, journal_path, read_journal
from workshop.project import Project
from workshop.projectfile import read_project_file


def on_disk(path: Path) -> dict[str, Any]:
    """The project file with its journal replayed: everything saved so far."""
    return read_project_file(path)


def abandon(project: Project) -> None:
    """Leave the project as a crash would: no last save, no compaction (the OS frees the lock)."""
    project.store.storage._close_journal()
    project.store._lock.release()
    project.close = lambda: None  # and nothing more happens to it


def frame_start(raw: bytes, number: int) -> int:
    """Where frame `number` of a journal starts (0: the first after the header); frames are
    LLLLLLLL CCCCCCCC\\n payload \\n (length and checksum in hex)."""
    position = len(MAGIC)
    for _ in range(number):
        length = int(raw[position : position + 8], 16)
        position += 18 + length + 1
    return position


def refuse(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def fill_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every save fails as on a full disk: the journal's appends and whole writes of the file."""
    monkeypatch.setattr(projectfile.os, "replace", refuse)
    monkeypatch.setattr(JournalWriter, "append", lambda writer, payload: refuse())


def rewrite_journal(path: Path, generation: str, records: list[bytes]) -> None:
    """The journal of `path` written again with `records`, bound to the file as it is now
    (each frame with a right checksum): damage the checks must find in the records themselves."""
    name, fresh = journal_module.prepare_journal(
        journal_module.journal_path(path), generation, hashlib.sha256(path.read_bytes()).hexdigest()
    )
    writer = JournalWriter.resume(Path(name), fresh)
    for payload in records:
        writer.append(payload)
    writer.close()
    os.replace(name, journal_module.journal_path(path))


def crash_with_three_records(path: Path) -> JournalFile:
    """The project at `path` opened, four structures added, then the app killed: "Deux" is in
    the file (the first change writes it whole), "Trois" to "Cinq" are the journal's three records."""
    crashed = Project.open(path)
    for name in ("Deux", "Trois", "Quatre", "Cinq"):
        crashed.add_structure(name)
    abandon(crashed)
    journal = read_journal(journal_path(path))
    assert journal is not None and len(journal.records) == 3
    return journal
