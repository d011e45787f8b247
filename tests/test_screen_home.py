"""The home screen: the projects of the data folder; create, open, rename, delete."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from screens.app import AtelierApp
from screens.home import HomeScreen
from screens.modals.confirm import ConfirmModal
from screens.modals.help import HelpModal
from screens.modals.prompt import PromptModal
from screens.project import ProjectScreen
from screens.widgets.project_list import ProjectList
from tests.screen_text import flat_text, screen_text, settle
from workshop.clock import FakeClock
from workshop.library import ProjectLibrary
from workshop.project import Project


def make_app(library: ProjectLibrary, **kwargs: object) -> AtelierApp:
    return AtelierApp(library=library, clock=FakeClock(), **kwargs)


def names(app: AtelierApp) -> list[str]:
    return [row.name for row in app.screen.query_one(ProjectList).rows]


async def type_text(pilot, text: str) -> None:  # pilot: a Pilot
    for char in text:
        await pilot.press(char)


async def test_empty_folder_says_how_to_start(library: ProjectLibrary) -> None:
    async with make_app(library).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(pilot.app.screen, HomeScreen)
        assert "Aucun projet pour l'instant" in screen_text(pilot.app)


async def test_lists_projects_with_name_and_workshop_count(library: ProjectLibrary) -> None:
    library.ensure()
    with library.create("Coopération A") as project:
        project.add_workshop("Atelier 1")
        project.add_workshop("Atelier 2")
    library.create("Coopération B").close()
    async with make_app(library).run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        rows = {row.name: row.workshops for row in pilot.app.screen.query_one(ProjectList).rows}
        assert rows == {"Coopération A": "2", "Coopération B": "0"}
        text = screen_text(pilot.app)
        assert "Dernière modification" in text


async def test_create_open_rename_delete_flow(library: ProjectLibrary) -> None:
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        # Create: N, type a name, Enter: the project opens.
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, PromptModal)
        await type_text(pilot, "Petite enfance")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ProjectScreen)
        assert app.project is not None and app.project.name == "Petite enfance"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen) and app.project is None
        assert names(app) == ["Petite enfance"]

        # Rename: R, the current name is offered; replace it.
        await pilot.press("r")
        await settle(pilot)
        prompt = app.screen
        assert isinstance(prompt, PromptModal)
        prompt.query_one(Input).value = "Petite enfance du Val"
        await pilot.press("enter")
        await settle(pilot)
        assert names(app) == ["Petite enfance du Val"]
        (path,) = library.folder.glob("*.atelier")
        with Project.open(path) as project:
            assert project.name == "Petite enfance du Val"

        # Delete asks first; cancelling keeps the file.
        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        assert "Petite enfance du Val" in flat_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert path.exists()
        # Confirming removes it and its backup.
        await pilot.press("delete")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert not path.exists()
        assert not Path(str(path) + ".bak").exists()
        assert names(app) == []


async def test_empty_project_name_is_refused(library: ProjectLibrary) -> None:
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await type_text(pilot, "   ")
        await pilot.press("enter")
        await settle(pilot)
        prompt = app.screen
        assert isinstance(prompt, PromptModal), "the question stays open"
        assert not list(library.folder.glob("*.atelier")) if library.folder.exists() else True
        assert "ne peut pas être vide" in str(prompt.query_one(".dialog-error").render())
        assert isinstance(prompt.focused, Input), "the focus stays in the field"


async def test_open_with_enter(library: ProjectLibrary) -> None:
    library.create("À ouvrir").close()
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ProjectScreen)
        assert app.project is not None and app.project.name == "À ouvrir"


async def test_help_lists_the_keys(library: ProjectLibrary) -> None:
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpModal)
        assert "créer un projet" in app.screen.markdown
        await pilot.press("escape")
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpModal)


async def test_keys_move_through_a_long_list_and_keep_the_cursor_in_view(library: ProjectLibrary) -> None:
    library.ensure()
    for number in range(30):
        library.create(f"Projet {number:02d}").close()
    app = make_app(library)
    async with app.run_test(size=(80, 16)) as pilot:
        await settle(pilot)
        projects = app.screen.query_one(ProjectList)
        order = [row.name for row in projects.rows]  # the last changed first
        assert len(order) == 30 and projects.cursor == 0
        await pilot.press("down", "down")
        assert projects.cursor == 2
        await pilot.press("end")
        await settle(pilot)
        assert projects.cursor == 29
        assert order[29] in screen_text(app), "the last project scrolled into view"
        assert order[0] not in screen_text(app)
        assert "Dernière modification" in screen_text(app), "the column titles stay on screen, whole"
        await pilot.press("pageup")
        assert projects.cursor < 29
        await pilot.press("home", "up")
        await settle(pilot)
        assert projects.cursor == 0 and order[0] in screen_text(app)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ProjectScreen)
        assert app.project is not None and app.project.name == order[1]


async def test_a_double_click_opens_the_project(library: ProjectLibrary) -> None:
    library.create("Premier").close()
    library.create("Second").close()
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        projects = app.screen.query_one(ProjectList)
        line = 1 + [row.name for row in projects.rows].index("Second")  # below the column titles
        await pilot.click(ProjectList, offset=(3, line))
        assert projects.cursor == line - 1 and isinstance(app.screen, HomeScreen)
        await pilot.double_click(ProjectList, offset=(3, line))
        await settle(pilot)
        assert isinstance(app.screen, ProjectScreen)
        assert app.project is not None and app.project.name == "Second"


async def test_a_damaged_project_is_marked_in_the_list(library: ProjectLibrary) -> None:
    library.create("Sain").close()
    (library.folder / "abime.atelier").write_text("{pas du json", encoding="utf-8")
    app = make_app(library)
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        marked = [line for line in screen_text(app).splitlines() if "⚠" in line]
        assert len(marked) == 1 and "abime" in marked[0]


async def test_a_copy_made_without_its_journal_is_marked_incomplete_not_damaged(library: ProjectLibrary) -> None:
    """#19: a project copied while it was open, without its journal, is named for what it is."""
    import shutil

    with library.create("Original") as project:
        project.add_structure("Dans le journal")  # the file now says a journal follows it
        shutil.copy2(project.path, library.folder / "copie.atelier")
    app = make_app(library)
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        marked = [line for line in screen_text(app).splitlines() if "⚠" in line]
        assert len(marked) == 1 and "copie" in marked[0] and "copie incomplète" in marked[0], marked
        assert "endommagé" not in marked[0]


async def test_long_and_wide_names_are_cut_to_the_column(library: ProjectLibrary) -> None:
    long_name = "Coopération " + "très " * 30 + "longue"
    library.create(long_name).close()
    library.create("Ñoël 🌻 جمعية").close()
    app = make_app(library)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        lines = screen_text(app).splitlines()
        cut = next(line for line in lines if line.lstrip().startswith("Coopération très"))
        assert "…" in cut and "longue" not in cut
        assert any("Ñoël 🌻 جمعية" in line for line in lines)


async def test_the_cursor_stays_on_a_renamed_project(library: ProjectLibrary) -> None:
    import os

    for number, name in enumerate(("Ancien", "Moyen", "Récent")):
        project = library.create(name)
        project.close()
        os.utime(project.path, (1_700_000_000 + number, 1_700_000_000 + number))
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert names(app) == ["Récent", "Moyen", "Ancien"]
        await pilot.press("end", "r")
        await settle(pilot)
        app.screen.query_one(Input).value = "Ancien renommé"
        await pilot.press("enter")
        await settle(pilot)
        assert names(app)[0] == "Ancien renommé", "renaming makes it the last changed"
        assert app.screen.query_one(ProjectList).cursor == 0, "and the cursor follows it"


async def test_the_damaged_mark_follows_the_name_on_a_wide_screen(library: ProjectLibrary) -> None:
    library.ensure()
    (library.folder / "abime.atelier").write_text("{pas du json", encoding="utf-8")
    app = make_app(library)
    async with app.run_test(size=(200, 24)) as pilot:
        await settle(pilot)
        (line,) = [line for line in screen_text(app).splitlines() if "⚠" in line]
        assert "abime  ⚠" in line
