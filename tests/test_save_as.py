"""Save as…: the way out when the project's folder refuses saves, named by the message that says so."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

import workshop.projectfile as projectfile
from screens.app import AtelierApp
from screens.modals.save_as import SaveAsModal
from screens.project import ProjectScreen
from screens.widgets.key_bar import KeyBar
from tests.screen_text import flat_text, settle
from workshop.errors import ProjectLocked, StorageError, ValidationError
from workshop.journal import JournalWriter
from workshop.library import ProjectLibrary
from workshop.project import Project
from workshop.storage import read_project_file


def names(path: Path) -> list[str]:
    return [doc["name"] for doc in read_project_file(path).get("structures", {}).values()]


@pytest.fixture
def refusing_folder(project_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The project's folder refuses every save from now on (a USB key made read-only)."""

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    real_mkstemp = projectfile.tempfile.mkstemp

    def mkstemp(*args: object, **kwargs: object):
        if Path(str(kwargs.get("dir"))) == project_path.parent:
            refuse()
        return real_mkstemp(*args, **kwargs)

    real_append = JournalWriter.append

    def append(writer: JournalWriter, payload: bytes) -> None:
        if writer.path.parent == project_path.parent:
            refuse()
        real_append(writer, payload)

    def start() -> None:
        monkeypatch.setattr(projectfile.tempfile, "mkstemp", mkstemp)
        monkeypatch.setattr(JournalWriter, "append", append)

    return start


def test_save_as_writes_what_a_failed_save_kept_and_carries_on_there(
    project_path: Path, tmp_path: Path, refusing_folder
) -> None:
    elsewhere = tmp_path / "ailleurs"
    elsewhere.mkdir()
    with Project.create(project_path, "P") as project:
        project.add_structure("Enregistrée")
        before = project_path.read_bytes()
        refusing_folder()
        with pytest.raises(StorageError) as failed:
            project.add_structure("Gardée en mémoire")
        assert "F12 (« Enregistrer sous… »)" in failed.value.message()
        new = project.save_as(elsewhere)  # a folder: the file keeps its name
        assert new == elsewhere / "projet.atelier"
        assert project.path == new
        assert names(new) == ["Enregistrée", "Gardée en mémoire"]
        assert stat.S_IMODE(new.stat().st_mode) == 0o600
        project.add_structure("Après")  # saved in the new file now
        assert names(new) == ["Enregistrée", "Gardée en mémoire", "Après"]
        with pytest.raises(ProjectLocked):
            Project.open(new)  # the new file is the one held
        Project.open(project_path).close()  # the old one is free again
    assert project_path.read_bytes() == before  # and left as it was


def test_save_as_refuses_an_existing_file_the_same_file_and_a_missing_folder(project: Project, tmp_path: Path) -> None:
    other = tmp_path / "autre.atelier"
    Project.create(other, "Autre").close()
    before = other.read_bytes()
    for target, key in (
        (other, "error.project_exists"),
        (project.path, "error.save_as_same"),
        (tmp_path / "nulle-part" / "p.atelier", "error.save_as_no_folder"),
    ):
        with pytest.raises(ValidationError) as refused:
            project.save_as(target)
        assert refused.value.key == key
    assert other.read_bytes() == before
    assert project.save_as(tmp_path / "copie").name == "copie.atelier"  # the suffix is added


async def test_f12_saves_elsewhere_from_any_screen_and_the_key_bar_and_help_name_it(
    project_path: Path, library: ProjectLibrary, tmp_path: Path, refusing_folder
) -> None:
    elsewhere = tmp_path / "cle"
    elsewhere.mkdir()
    Project.create(project_path, "P").close()
    app = AtelierApp(library=library, project_path=project_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ProjectScreen)
        bar = app.screen.query_one(KeyBar)
        assert any(entry.display == "f12" and entry.description == "Enregistrer sous…" for entry in bar.entries)
        await pilot.press("f1")
        await settle(pilot)
        assert "**F12** (depuis n'importe quel écran du projet)" in app.screen.markdown  # the F1 help
        await pilot.press("escape")
        await settle(pilot)
        refusing_folder()
        app.attempt(app.project.add_structure, "Pendant la panne")
        await pilot.press("f12")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, SaveAsModal)
        field = modal.query_one("#path")
        field.value = str(project_path)  # the same file: refused, the form stays open with the reason
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is modal
        assert "C'est déjà le fichier du projet" in flat_text(app)
        field.value = str(elsewhere)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ProjectScreen)
        assert app.project.path == elsewhere / "projet.atelier"
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert names(elsewhere / "projet.atelier") == ["Pendant la panne"]
    assert app.return_code == 0  # nothing was lost


async def test_a_project_in_a_read_only_folder_says_so_on_opening(
    project_path: Path, library: ProjectLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    import screens.app as app_module

    Project.create(project_path, "P").close()
    real_access = os.access
    monkeypatch.setattr(
        app_module.os, "access", lambda path, mode: False if Path(path) == project_path.parent else real_access(path, mode)
    )
    app = AtelierApp(library=library, project_path=project_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ProjectScreen)
        shown = [str(n.message) for n in app._notifications]
        assert any(m.startswith("Le dossier de ce projet est en lecture seule") and "F12" in m for m in shown)
