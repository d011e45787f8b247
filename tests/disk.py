"""The project as a reader of the disk finds it, and a disk that refuses every save."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pytest

import workshop.projectfile as projectfile
from workshop.journal import JournalWriter
from workshop.projectfile import read_project_file


def on_disk(path: Path) -> dict[str, Any]:
    """The project file with its journal replayed: everything saved so far."""
    return read_project_file(path)


def refuse(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def fill_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every save fails as on a full disk: the journal's appends and whole writes of the file."""
    monkeypatch.setattr(projectfile.os, "replace", refuse)
    monkeypatch.setattr(JournalWriter, "append", lambda writer, payload: refuse())
