"""The names a project's files take beside it, as a person sees them in the folder
and as the export guard (workshop.minutes.protected) knows them: the project,
its journal while it is open, the previous version `<name>.bak` with the journal
that extended it `<name>.bak.journal`, and the lock. Every one of them is
refused as an export target."""

from __future__ import annotations

from pathlib import Path

import pytest

import workshop.storage as storage_module
from workshop.minutes.protected import protected_kind
from workshop.project import Project


def test_the_files_beside_an_open_project_and_what_the_export_guard_calls_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "projet.atelier"
    with Project.create(path, "Coopération") as project:
        project.add_structure("Un")
    project = Project.open(path)
    try:
        project.add_structure("Deux")  # the first change: the file as closed becomes the backup
        project.add_structure("Trois")  # in the journal
        monkeypatch.setattr(storage_module, "JOURNAL_BOUND", 1)
        monkeypatch.setattr(storage_module, "JOURNAL_RATIO", 0.0)
        project.add_structure("Quatre")  # past the bound: the file and its journal become the backup
        monkeypatch.undo()
        found = {p.name: protected_kind(p) for p in tmp_path.iterdir()}
        assert found == {
            "projet.atelier": "project",
            "projet.atelier.journal": "journal",
            "projet.atelier.bak": "backup",
            "projet.atelier.bak.journal": "journal",
            "projet.atelier.lock": "lock",
        }
    finally:
        project.close()
    # Closed: one file again; its backup is the version written past the bound, whose
    # journal held nothing since (so the backup has none), and the lock file stays, free.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["projet.atelier", "projet.atelier.bak", "projet.atelier.lock"]
