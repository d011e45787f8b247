"""A compaction that wrote the file and placed the new journal, but cannot open that
journal to append to it (refused by the system just then), has still saved the
project: the change is not refused, and the next change writes the project whole
again rather than failing."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

import workshop.journal as journal_module
from workshop.project import Project
from workshop.storage import read_project_file


def names(path: Path) -> list[str]:
    return sorted(doc["name"] for doc in read_project_file(path).get("structures", {}).values())


def test_a_journal_that_cannot_be_opened_after_a_compaction_loses_no_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "projet.atelier"
    with Project.create(path, "Coopération") as project:
        project.add_structure("Un")
    real_open = os.open

    def no_appending(name: object, flags: int, *args: object) -> int:
        if flags & os.O_WRONLY and not flags & os.O_CREAT:  # opening an existing journal to append
            raise OSError(errno.EACCES, os.strerror(errno.EACCES))
        return real_open(name, flags, *args)

    again = Project.open(path)
    try:
        with monkeypatch.context() as refused:
            refused.setattr(journal_module.os, "open", no_appending)
            again.add_structure("Deux")  # the first change: written whole; its journal cannot be opened
            assert not again.store.storage.pending
            again.add_structure("Trois")  # written whole again
            assert not again.store.storage.pending
        assert names(path) == ["Deux", "Trois", "Un"]
    finally:
        again.close()
    assert names(path) == ["Deux", "Trois", "Un"]
