"""The app when the disk says no: failed saves, damaged and locked projects."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

import workshop.projectfile as projectfile
from screens.app import AtelierApp
from screens.home import HomeScreen
from screens.modals.confirm import ConfirmModal
from screens.project import ProjectScreen
from tests.disk import abandon
from workshop.library import ProjectLibrary
from workshop.project import Project
from workshop.storage import backup_path, read_project_file


def messages(app: AtelierApp) -> list[str]:
    return [str(n.message) + " " + str(n.title or "") for n in app._notifications]


def names_on_disk(path: Path) -> list[str]:
    data = read_project_file(path)  # the file and its journal
    return [doc["name"] for doc in data.get("structures", {}).values()]


def full_disk(*args: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


async def test_a_failed_save_is_shown_the_app_keeps_running_and_saves_later(
    project_path: Path, library: ProjectLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    Project.create(project_path, "Projet [red]test[/]").close()
    app = AtelierApp(library=library, project_path=project_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ProjectScreen)
        with monkeypatch.context() as broken:
            broken.setattr(projectfile.os, "replace", full_disk)
            assert app.attempt(app.project.add_structure, "Les [b]Tilleuls") is None
            await pilot.pause()
            assert any("disque est plein" in m and "Non enregistré" in m for m in messages(app))
            app.retry_pending_save()  # still full: no new message, no crash
            await pilot.pause()
        assert isinstance(app.screen, ProjectScreen) and app.is_running
        assert names_on_disk(project_path) == []
        assert [s.name for s in app.project.structures()] == ["Les [b]Tilleuls"]  # kept in memory
        app.retry_pending_save()  # space is back: saved without a new change
        await pilot.pause()
        assert names_on_disk(project_path) == ["Les [b]Tilleuls"]
        assert any("de nouveau sur le disque" in m for m in messages(app))
        app.attempt(app.project.add_structure, "La Passerelle")
        assert names_on_disk(project_path) == ["Les [b]Tilleuls", "La Passerelle"]


async def test_leaving_a_project_whose_save_fails_writes_a_rescue_copy(
    project_path: Path, library: ProjectLibrary, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    Project.create(project_path, "Projet").close()
    app = AtelierApp(library=library, project_path=project_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        real_replace = os.replace

        def read_only_project_folder(src: object, dst: object) -> None:
            if Path(str(dst)).parent == project_path.parent:
                raise OSError(errno.EROFS, os.strerror(errno.EROFS))
            real_replace(src, dst)

        monkeypatch.setattr(projectfile.os, "replace", read_only_project_folder)
        app.attempt(app.project.add_structure, "À ne pas perdre")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert any("copie de secours" in m for m in messages(app))
    rescues = list(home.glob("*.atelier"))
    assert len(rescues) == 1 and names_on_disk(rescues[0]) == ["À ne pas perdre"]


async def test_a_damaged_project_shows_the_message_and_restoring_the_backup_works(
    project_path: Path, library: ProjectLibrary
) -> None:
    with Project.create(project_path, "Projet") as project:
        project.add_structure("Sauvée")
        project.add_structure("Dernière")
    project_path.write_bytes(b'{"structures": {"1": {"name": "Sauv')
    app = AtelierApp(library=library, project_path=project_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        assert "illisible" in app.screen.question and str(project_path) in app.screen.question
        assert project_path.read_bytes().startswith(b'{"structures"')  # left untouched
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, ProjectScreen)
        # The backup is the previous file and the journal that extended it: nothing is lost.
        assert [s.name for s in app.project.structures()] == ["Dernière", "Sauvée"]
        assert any("Sauvegarde restaurée" in m for m in messages(app))
    damaged = list(project_path.parent.glob("projet.atelier.damaged-*"))
    assert len(damaged) == 1 and damaged[0].read_bytes().endswith(b"Sauv")


async def test_a_damaged_project_without_backup_is_refused_clearly(project_path: Path, library: ProjectLibrary) -> None:
    project_path.write_bytes(b"")
    app = AtelierApp(library=library, project_path=project_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert any("vide" in m and "Aucune sauvegarde" in m for m in messages(app))
    assert project_path.read_bytes() == b"" and not backup_path(project_path).exists()


async def test_a_project_open_elsewhere_is_refused_with_the_message(project_path: Path, library: ProjectLibrary) -> None:
    with Project.create(project_path, "Projet"):
        app = AtelierApp(library=library, project_path=project_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            assert app.project is None
            assert any("déjà ouvert dans un autre Atelier" in m for m in messages(app))


async def test_quitting_when_the_last_save_fails_tells_where_the_rescue_copy_is(
    project_path: Path,
    library: ProjectLibrary,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capfd: pytest.CaptureFixture[str],
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    Project.create(project_path, "Projet").close()
    app = AtelierApp(library=library, project_path=project_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        monkeypatch.setattr(projectfile.os, "fsync", lambda fd: full_disk())
        app.attempt(app.project.add_structure, "Dernière saisie")
        monkeypatch.undo()
        monkeypatch.setenv("HOME", str(home))
        real_replace = os.replace

        def project_folder_full(src: object, dst: object) -> None:
            if Path(str(dst)).parent == project_path.parent:
                full_disk()
            real_replace(src, dst)

        monkeypatch.setattr(projectfile.os, "replace", project_folder_full)
        await pilot.press("ctrl+q")
        await pilot.pause()
    printed = capfd.readouterr().err.replace("\n", "")  # printed in the terminal after the app is gone
    rescue = next(home.glob("*.atelier"))
    assert "copie de secours" in printed and str(rescue) in printed
    assert names_on_disk(rescue) == ["Dernière saisie"]


# Exit statuses --------------------------------------------------------------------------------
async def test_the_exit_status_says_a_locked_project_was_refused(project_path: Path, library: ProjectLibrary) -> None:
    with Project.create(project_path, "Projet"):
        app = AtelierApp(library=library, project_path=project_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+q")
            await pilot.pause()
    assert app.return_code == 2


async def test_the_exit_status_says_a_damaged_project_was_refused(
    project_path: Path, library: ProjectLibrary, capfd: pytest.CaptureFixture[str]
) -> None:
    project_path.write_bytes(b'{"meta": {"1": {"name": 7}}}')
    app = AtelierApp(library=library, project_path=project_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 2
    printed = " ".join(capfd.readouterr().err.split())  # in the terminal once the app has gone
    assert "champ « name » : il faudrait un texte, le fichier a un nombre entier." in printed


async def test_a_project_opened_from_its_backup_after_all_exits_with_zero(
    project_path: Path, library: ProjectLibrary
) -> None:
    with Project.create(project_path, "Projet") as project:
        project.add_structure("Sauvée")
        project.add_structure("Dernière")
    project_path.write_bytes(b"{")
    app = AtelierApp(library=library, project_path=project_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("o")  # restore the backup
        await pilot.pause()
        assert isinstance(app.screen, ProjectScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0


async def test_the_exit_status_says_the_last_save_failed(
    project_path: Path, library: ProjectLibrary, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    Project.create(project_path, "Projet").close()
    app = AtelierApp(library=library, project_path=project_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        monkeypatch.setattr(projectfile.os, "fsync", lambda fd: full_disk())
        app.attempt(app.project.add_structure, "Jamais enregistrée")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 1


async def test_a_damaged_backup_is_not_offered(project_path: Path, library: ProjectLibrary) -> None:
    with Project.create(project_path, "Projet") as project:
        project.add_structure("A")
        project.add_structure("B")
    project_path.write_bytes(b"{")
    backup = backup_path(project_path)
    backup.write_bytes(b'{"meta": {"1": {"name": "P"}}, "participants": {"1": {"structure_id": 1}}}')
    app = AtelierApp(library=library, project_path=project_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmModal)  # nothing to restore: no question
        assert any("La sauvegarde de" in m and "ne peut pas servir non plus" in m for m in messages(app))
    assert project_path.read_bytes() == b"{"


async def test_a_copy_made_without_its_journal_is_named_and_opens_without_it_on_request(
    project_path: Path, library: ProjectLibrary
) -> None:
    from workshop.journal import journal_path

    project = Project.create(project_path, "Projet")
    project.add_structure("Dans le journal")
    abandon(project)  # a copy taken while it was open, without its journal
    journal_path(project_path).unlink()
    app = AtelierApp(library=library, project_path=project_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        assert "incomplet" in app.screen.question and str(journal_path(project_path)) in app.screen.question
        assert "Ouvrir le projet tel que son fichier le contient, sans les changements du journal" in app.screen.question
        before = project_path.read_bytes()
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, ProjectScreen)
        assert app.project.structures() == []
        assert any("sans son journal" in m for m in messages(app))
        assert app.refusal is None
    aside = list(project_path.parent.glob("projet.atelier.set-aside-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == before


async def test_declining_to_open_without_the_journal_changes_nothing(project_path: Path, library: ProjectLibrary) -> None:
    from workshop.journal import journal_path

    project = Project.create(project_path, "Projet")
    project.add_structure("Dans le journal")
    abandon(project)
    journal_path(project_path).unlink()
    before = sorted(p.name for p in project_path.parent.iterdir())
    app = AtelierApp(library=library, project_path=project_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.project is None
        assert "incomplet" in (app.refusal or "")
    assert sorted(p.name for p in project_path.parent.iterdir()) == before
