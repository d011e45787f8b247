"""The first writes of a project: the backup made by the first change after an
opening is the file exactly as it was closed; and a new project whose first
journal cannot be put beside it is still a project that opens (its file says no
journal follows it until one does); a creation that fails leaves no lock behind
it."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

import workshop.projectfile as projectfile
from tests.disk import fill_disk
from workshop.errors import StorageError
from workshop.journal import journal_path
from workshop.project import Project
from workshop.storage import backup_path, read_project_file


def test_the_first_change_after_opening_keeps_the_file_as_closed_as_the_backup(tmp_path: Path) -> None:
    path = tmp_path / "projet.atelier"
    with Project.create(path, "Coopération") as project:
        project.add_structure("Un")
    closed = path.read_bytes()
    with Project.open(path) as again:
        again.add_structure("Deux")
        assert backup_path(path).read_bytes() == closed
        assert not journal_path(backup_path(path)).exists()  # the file closed had no journal
    assert sorted(doc["name"] for doc in read_project_file(path)["structures"].values()) == ["Deux", "Un"]


@pytest.mark.parametrize("refused", ["journal", "file"])
def test_a_new_project_whose_first_write_stops_halfway_still_opens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, refused: str
) -> None:
    """The file is written first, then its journal is placed, then the file is written
    whole again bound to it: stopped after the first step or the second, what is on
    disk reads as the project (the journal, when there is one, extends that file)."""
    path = tmp_path / "projet.atelier"
    real_replace = os.replace
    written: list[Path] = []

    def second_step_refused(src: object, dst: object) -> None:
        target = Path(str(dst))
        if refused == "journal" and target == journal_path(path):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        if refused == "file" and target == path and path in written:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        written.append(target)
        real_replace(src, dst)

    with monkeypatch.context() as full:
        full.setattr(projectfile.os, "replace", second_step_refused)
        with pytest.raises(StorageError):
            Project.create(path, "Coopération")
    assert path.exists() and journal_path(path).exists() == (refused == "file")
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []  # nothing half-made left behind
    meta = next(iter(read_project_file(path)["meta"].values()))
    assert meta["name"] == "Coopération"
    # Not locked by the attempt that failed: it opens, in this process as in any other.
    with Project.open(path) as again:
        assert again.name == "Coopération"


def test_a_new_project_refused_by_a_full_disk_can_be_created_once_there_is_room(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk refuses the new project; once room is made, the facilitator tries
    again with the same name: it used to be "locked" by the failed attempt until the
    app was restarted."""
    path = tmp_path / "projet.atelier"
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))  # where a rescue copy would go first
    with monkeypatch.context() as full:
        fill_disk(full)
        with pytest.raises(StorageError):
            Project.create(path, "Coopération")
    assert not path.exists()
    assert list(home.iterdir()) == []  # no rescue copy: there was nothing to rescue
    with Project.create(path, "Coopération") as project:
        project.add_structure("Un")
    assert [doc["name"] for doc in read_project_file(path)["structures"].values()] == ["Un"]
