"""The storage creates a project only where none is: asked to create one over an
existing file (a second "new project" racing the first, a name chosen twice), it
opens that file as it is, and asked to open a file that is not there, it says so
(it never starts an empty project in its place)."""

from __future__ import annotations

from pathlib import Path

import pytest

from workshop.project import Project
from workshop.storage import DurableStorage, read_project_file


def test_creating_where_a_project_already_is_opens_it_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "projet.atelier"
    with Project.create(path, "Coopération") as project:
        project.add_structure("Les Tilleuls")
    before = path.read_bytes()
    storage = DurableStorage(path, create=True)
    try:
        assert [doc["name"] for doc in storage.read()["structures"].values()] == ["Les Tilleuls"]
        assert not storage.pending
    finally:
        storage.close()
    assert path.read_bytes() == before
    assert [doc["name"] for doc in read_project_file(path)["structures"].values()] == ["Les Tilleuls"]


def test_opening_a_project_that_is_not_there_says_so(tmp_path: Path) -> None:
    path = tmp_path / "parti.atelier"
    with pytest.raises(FileNotFoundError):
        DurableStorage(path)
    assert list(tmp_path.iterdir()) == []
