"""A project or journal that cannot be read because of an error carrying no
system code (a network folder's driver, a library in between) is said with that
error's own words: never "None", which tells the person nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

import workshop.projectfile as projectfile
from workshop.errors import JournalProblem, ProjectDamaged
from workshop.journal import journal_path
from workshop.project import Project
from workshop.storage import read_project_file

WORDS = "le lecteur réseau ne répond plus"


def test_a_project_unreadable_without_a_system_code_says_the_errors_own_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "projet.atelier"
    with Project.create(path, "Coopération") as project:
        project.add_structure("Un")

    def no_answer(self: Path) -> bytes:
        raise OSError(WORDS)

    monkeypatch.setattr(Path, "read_bytes", no_answer)
    with pytest.raises(ProjectDamaged) as caught:
        read_project_file(path)
    assert caught.value.key == "error.project_unreadable"
    assert caught.value.params == {"path": str(path), "reason": WORDS}
    assert caught.value.message() == f"Impossible de lire le projet {path} : {WORDS}"


def test_a_journal_unreadable_without_a_system_code_says_the_errors_own_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "projet.atelier"
    with Project.create(path, "Coopération") as project:
        project.add_structure("Un")

    def no_answer(journal: Path) -> None:
        raise OSError(WORDS)

    monkeypatch.setattr(projectfile, "read_journal", no_answer)
    with pytest.raises(JournalProblem) as caught:
        read_project_file(path)
    error = caught.value
    assert error.kind == "unreadable" and error.key == "error.journal_unreadable"
    assert error.params == {"path": str(path), "journal": str(journal_path(path)), "reason": WORDS}
    assert f"{journal_path(path)} du projet {path} : {WORDS}." in error.message()
