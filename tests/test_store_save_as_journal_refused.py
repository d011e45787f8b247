"""Save as… into a folder that takes the file but not, at first, its journal.

`DurableStorage.move_to` writes the whole project to the new file, then starts
a journal beside it. When that second step fails (the folder filled up just
then), the new file is still the project, complete on its own: nothing is
pending, the file says no journal follows it, the next change starts the
journal, and closing without a change leaves the file as it was written.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

import workshop.projectfile as projectfile
import workshop.storage as storage_module
from tests.disk import abandon
from workshop.errors import StorageError
from workshop.journal import journal_path
from workshop.project import Project
from workshop.storage import backup_path, read_project_file


def _no_journal(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def names(path: Path) -> list[str]:
    return [doc["name"] for doc in read_project_file(path).get("structures", {}).values()]


def saved_as_without_journal(project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Save `project` as a new file while no journal can be prepared; the new path."""
    target = tmp_path / "ailleurs"
    target.mkdir()
    with monkeypatch.context() as full:
        full.setattr(storage_module, "prepare_journal", _no_journal)
        new = project.save_as(target)
    assert new == target / project.path.name
    return new


def test_the_new_file_is_the_whole_project_when_its_journal_cannot_be_started(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project.add_structure("Les Tilleuls")
    old = project.path
    new = saved_as_without_journal(project, tmp_path, monkeypatch)
    assert project.path == new
    assert not project.store.storage.pending  # nothing waits for a save: it is all in the new file
    assert not journal_path(new).exists()
    # Read alone, as someone copying it now would: complete, and saying no journal follows it.
    assert names(new) == ["Les Tilleuls"]
    meta = next(iter(storage_module.parse_project_file(new)["meta"].values()))
    assert meta["journal"]["follows"] is False
    assert names(old) == ["Les Tilleuls"]  # the old file is left as it was


def test_the_next_change_starts_the_journal_in_the_new_place(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project.add_structure("Un")
    new = saved_as_without_journal(project, tmp_path, monkeypatch)
    project.add_structure("Deux")
    assert journal_path(new).exists()
    assert names(new) == ["Un", "Deux"]
    project.close()
    assert names(new) == ["Un", "Deux"] and not journal_path(new).exists()


def test_closing_without_a_change_leaves_the_new_file_as_it_was_written(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project.add_structure("Un")
    new = saved_as_without_journal(project, tmp_path, monkeypatch)
    written = new.read_bytes()
    project.close()
    assert new.read_bytes() == written  # nothing was written after it: nothing to write again
    assert not backup_path(new).exists() and not journal_path(new).exists()


def test_a_failed_save_after_it_leaves_the_new_file_openable_after_a_crash(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The journal started later is bound to the new file as written: if the save that
    started it fails before the file is replaced, and the app then dies, the new file
    and that (empty) journal still read as one project, never as a foreign journal."""
    project.add_structure("Un")
    new = saved_as_without_journal(project, tmp_path, monkeypatch)
    real_replace = os.replace

    def file_refused(src: object, dst: object) -> None:
        if Path(str(dst)) == new:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_replace(src, dst)

    with monkeypatch.context() as full:
        full.setattr(projectfile.os, "replace", file_refused)
        with pytest.raises(StorageError):
            project.add_structure("Deux")
    assert journal_path(new).exists()  # started, bound to the file on disk
    abandon(project)  # a crash: no last save
    assert names(new) == ["Un"]
    with Project.open(new) as again:
        assert [s.name for s in again.structures()] == ["Un"]
