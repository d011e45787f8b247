"""A saved change is on the disk, not only in the system's cache: the file's bytes
are fsynced, then, once the file is under its name, its folder (a rename lives in
the folder: without that fsync a power cut can bring back the old name's content,
or no file at all). Checked through the project, not the storage's internals."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from workshop.project import Project


def synced(monkeypatch: pytest.MonkeyPatch, project_file: Path) -> list[tuple[str, bool]]:
    """Each fsync from now on: the path it synced, and whether `project_file` then
    existed under its name. The real fsync still runs."""
    calls: list[tuple[str, bool]] = []
    real = os.fsync

    def fsync(fd: int) -> None:
        calls.append((os.readlink(f"/proc/self/fd/{fd}"), project_file.exists()))
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    return calls


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="reads the synced paths from /proc")
def test_a_new_project_and_its_folder_reach_the_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "nouveau.atelier"
    calls = synced(monkeypatch, path)
    with Project.create(path, "Coopération"):
        pass
    folder = str(tmp_path)
    files = [i for i, (target, _) in enumerate(calls) if target != folder]
    folders = [i for i, (target, exists) in enumerate(calls) if target == folder and exists]
    assert files, "the project's bytes were never fsynced"
    assert folders, "the folder was not fsynced once the project file was in place"
    assert min(folders) > min(files)


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="reads the synced paths from /proc")
def test_a_change_to_a_project_reaches_the_disk(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = synced(monkeypatch, project.path)
    project.add_structure("Les Tilleuls")
    assert calls, "a change was acknowledged without an fsync"
    assert any(target.startswith(str(project.path.parent) + os.sep) for target, _ in calls)
