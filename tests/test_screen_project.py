"""The project screen: structures, participants, promoter and threshold."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Checkbox, DataTable, Input, Select, Static, TabbedContent

from screens.app import AtelierApp
from screens.modals.confirm import ConfirmModal
from screens.modals.help import HelpModal
from screens.modals.participant import ParticipantModal
from screens.modals.structure import StructureModal
from screens.project import ProjectScreen
from tests.screen_text import column, flat_text, screen_text, settle, table_rows
from workshop.clock import FakeClock
from workshop.library import ProjectLibrary
from workshop.model import Role
from workshop.project import Project


def open_app(library: ProjectLibrary, path: Path) -> AtelierApp:
    return AtelierApp(library=library, project_path=path, clock=FakeClock())


def notifications(app: AtelierApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def type_text(pilot, text: str) -> None:
    for char in text:
        await pilot.press(char)


def stored(path: Path) -> Project:
    return Project.open(path)


async def test_add_edit_remove_structure(project_path: Path, library: ProjectLibrary) -> None:
    Project.create(project_path, "Essai").close()
    app = open_app(library, project_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ProjectScreen)
        assert "Aucune structure" in screen_text(app)
        # Add: A opens the form, the name field has focus.
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, StructureModal)
        await type_text(pilot, "Les Tilleuls")
        app.screen.query_one("#kind", Select).value = "establishment"
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        table = screen.query_one("#structures-table", DataTable)
        assert table_rows(table) == [["Les Tilleuls", "Établissement", "Membre", "0"]]
        structure = app.project.structures()[0]
        assert (structure.name, structure.kind, structure.member) == ("Les Tilleuls", "establishment", True)

        # Edit with Enter: rename it and make it an external actor.
        await pilot.press("enter")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, StructureModal)
        assert form.query_one("#name", Input).value == "Les Tilleuls"
        form.query_one("#name", Input).value = "EHPAD Les Tilleuls"
        form.query_one("#member", Checkbox).value = False
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert table_rows(table) == [["EHPAD Les Tilleuls", "Établissement", "Acteur externe", "0"]]

        # Remove asks first.
        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")
        await settle(pilot)
        assert table.row_count == 1
        await pilot.press("delete")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert table.row_count == 0
    with stored(project_path) as project:
        assert project.structures() == []


async def test_empty_structure_name_is_refused_with_a_message(project_path: Path, library: ProjectLibrary) -> None:
    Project.create(project_path, "Essai").close()
    app = open_app(library, project_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await type_text(pilot, "   ")
        await pilot.press("enter")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, StructureModal), "the form stays open"
        error = form.query_one("#form-error", Static)
        assert error.display and "ne peut pas être vide" in str(error.render())
        assert not any("ne peut pas être vide" in m for m in notifications(app)), "said once, in the form"
        await pilot.press("escape")
        await settle(pilot)
        assert app.project.structures() == []


async def test_duplicate_structure_is_flagged(project_path: Path, library: ProjectLibrary) -> None:
    with Project.create(project_path, "Essai") as project:
        project.add_structure("Les Jardins")
    app = open_app(library, project_path)
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await type_text(pilot, "les  jardins")
        await settle(pilot)
        warning = app.screen.query_one("#name-warning", Static)
        assert warning.display and "déjà ce nom" in str(warning.render())
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ProjectScreen), "a duplicate is allowed, only flagged"
        assert any("doublon" in m for m in notifications(app))
        names = column(app.screen.query_one("#structures-table", DataTable))
        assert len(names) == 2 and all(name.endswith("⚠ doublon") for name in names)
        assert "⚠ doublon" in screen_text(app)


async def test_participants_add_edit_remove_and_duplicates(project_path: Path, library: ProjectLibrary) -> None:
    with Project.create(project_path, "Essai") as project:
        jardins = project.add_structure("Les Jardins")
        tilleuls = project.add_structure("Les Tilleuls")
    app = open_app(library, project_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        assert app.screen.query_one(TabbedContent).active == "participants"
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ParticipantModal)
        await type_text(pilot, "Zoé Martin")
        # No structure chosen yet: refused with a message.
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is form
        assert "structure" in str(form.query_one("#form-error", Static).render())
        form.query_one("#structure", Select).value = jardins.id
        form.query_one("#role", Select).value = Role.DIRECTION.value
        await pilot.press("ctrl+s")
        await settle(pilot)
        table = app.screen.query_one("#participants-table", DataTable)
        assert table_rows(table) == [["Zoé Martin", "Les Jardins", "Direction"]]

        # Edit: move her to the other structure.
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ParticipantModal)
        form.query_one("#structure", Select).value = tilleuls.id
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert table_rows(table) == [["Zoé Martin", "Les Tilleuls", "Direction"]]

        # A second Zoé Martin: flagged, both marked.
        await pilot.press("a")
        await settle(pilot)
        await type_text(pilot, "zoé martin")
        await settle(pilot)
        assert app.screen.query_one("#name-warning", Static).display
        app.screen.query_one("#structure", Select).value = jardins.id
        await pilot.press("enter")
        await settle(pilot)
        assert any("doublon" in m for m in notifications(app))
        assert all("⚠ doublon" in name for name in column(table))

        # Remove one, after confirmation.
        await pilot.press("delete")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert table.row_count == 1
        assert "doublon" not in column(table)[0]
        # A structure with participants cannot be removed: Delete is not offered,
        # and the line under the list says why.
        await pilot.press("1")
        await settle(pilot)
        structures = app.screen.query_one("#structures-table", DataTable)
        left = app.project.participants()[0]
        structures.move_cursor(row=[s.id for s in app.project.structures()].index(left.structure_id))
        await settle(pilot)
        assert "delete" not in app.screen.active_bindings
        assert "compte encore" in flat_text(app)
        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(app.screen, ProjectScreen)
        assert len(app.project.structures()) == 2


async def test_participant_needs_a_structure_first(project_path: Path, library: ProjectLibrary) -> None:
    Project.create(project_path, "Essai").close()
    app = open_app(library, project_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        assert "Ajoutez d'abord une structure" in flat_text(app)
        assert "a Ajouter" not in flat_text(app), "the key is not offered without a structure"
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, ProjectScreen)


async def test_promoter_with_key_and_in_settings(project_path: Path, library: ProjectLibrary) -> None:
    with Project.create(project_path, "Essai") as project:
        first = project.add_structure("Alpha")
        second = project.add_structure("Beta")
    app = open_app(library, project_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert app.project.promoter_id == first.id
        table = app.screen.query_one("#structures-table", DataTable)
        assert column(table)[0] == "Alpha  ★ porteur"
        assert "Porteur : Alpha" in screen_text(app)
        await pilot.press("p")  # again: unset
        await settle(pilot)
        assert app.project.promoter_id == 0
        # The settings tab: choose Beta in the list.
        await pilot.press("4")
        await settle(pilot)
        app.screen.query_one("#promoter", Select).value = second.id
        await settle(pilot)
        assert app.project.promoter_id == second.id
        assert column(table)[1] == "Beta  ★ porteur"
    with stored(project_path) as project:
        assert project.promoter_id == second.id


async def test_threshold_default_change_and_bad_values(project_path: Path, library: ProjectLibrary) -> None:
    Project.create(project_path, "Essai").close()
    app = open_app(library, project_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        field = app.screen.query_one("#threshold", Input)
        assert field.value == "60"
        for bad in ("abc", "0", "150"):
            field.focus()
            field.value = bad
            await pilot.press("enter")
            await settle(pilot)
            error = app.screen.query_one("#settings-error", Static)
            assert error.display and "entre 1 et 100" in str(error.render()), bad
            assert app.project.threshold == 60
        field.value = "75"
        await pilot.press("enter")
        await settle(pilot)
        assert app.project.threshold == 75
        assert not app.screen.query_one("#settings-error", Static).display
        field.value = "80"  # typed but not confirmed with Enter
        await pilot.press("escape")  # leaves the field, not the project
        await settle(pilot)
        assert isinstance(app.screen, ProjectScreen)
        assert field.value == "75", "the field shows the stored threshold again"
        await pilot.press("1")
        await settle(pilot)
        assert "Seuil d'engagement : 75 %" in screen_text(app)
    with stored(project_path) as project:
        assert project.threshold == 75


async def test_lowering_the_threshold_asks_and_is_dated(project_path: Path, library: ProjectLibrary) -> None:
    Project.create(project_path, "Essai").close()
    clock = FakeClock(__import__("time").mktime((2026, 11, 2, 10, 0, 0, 0, 0, -1)))
    app = AtelierApp(library=library, project_path=project_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        field = app.screen.query_one("#threshold", Input)
        field.focus()
        field.value = "50"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        assert "Abaisser le seuil à 50 %" in str(app.screen.query_one("#question", Static).render())
        await pilot.press("escape")  # not confirmed: nothing changes
        await settle(pilot)
        assert app.project.threshold == 60 and app.project.threshold_changes == []
        assert field.value == "60"
        field.focus()
        field.value = "50"
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert app.project.threshold == 50
        assert [(c["on"], c["previous"], c["value"]) for c in app.project.threshold_changes] == [("2026-11-02", 60, 50)]
        assert "Le 02/11/2026 : 60 % → 50 %" in str(app.screen.query_one("#threshold-history", Static).render())
        field.value = "70"  # raising: no question asked
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ProjectScreen) and app.project.threshold == 70


async def test_rename_in_settings_and_empty_name_refused(project_path: Path, library: ProjectLibrary) -> None:
    Project.create(project_path, "Essai").close()
    app = open_app(library, project_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        name = app.screen.query_one("#project-name", Input)
        name.focus()
        name.value = "  "
        await pilot.press("enter")
        await settle(pilot)
        assert app.project.name == "Essai"
        assert "ne peut pas être vide" in str(app.screen.query_one("#settings-error", Static).render())
        name.value = "Coopération renommée"
        await pilot.press("enter")
        await settle(pilot)
        assert app.project.name == "Coopération renommée"
        assert "Coopération renommée" in screen_text(app).splitlines()[0]


async def test_project_help(project_path: Path, library: ProjectLibrary) -> None:
    Project.create(project_path, "Essai").close()
    app = open_app(library, project_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpModal)
        assert "doublon" in app.screen.markdown and "**A**" in app.screen.markdown
        # Drawn as Markdown, not shown raw: the heading's words, bullets, no markers.
        shown = screen_text(app)
        assert "Le projet de coopération" in shown and "•" in shown
        assert "**" not in shown and "# " not in shown and "`" not in shown
