"""Planning a workshop: details, attendance, agenda (add, edit, notes, reorder, remove)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input, Select, Static, TextArea

from screens.app import AtelierApp
from screens.modals.agenda_item import AgendaItemModal
from screens.modals.confirm import ConfirmModal
from screens.modals.help import HelpModal
from screens.modals.notes import NotesModal
from screens.modals.workshop import WorkshopModal
from screens.project import ProjectScreen
from screens.workshop_plan import WorkshopPlanScreen
from tests.screen_text import column, screen_text, settle, table_rows
from workshop.clock import FakeClock
from workshop.library import ProjectLibrary
from workshop.model import Attendance
from workshop.project import Project
from workshop.registry import exercises


def notifications(app: AtelierApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def type_text(pilot, text: str) -> None:
    for char in text:
        await pilot.press(char)


def make_project(path: Path) -> tuple[int, list[int]]:
    with Project.create(path, "Essai") as project:
        s = project.add_structure("Les Jardins")
        people = [project.add_participant(name, s.id).id for name in ("Ana", "Bruno", "Chloé")]
        workshop = project.add_workshop("Atelier 1", "2026-12-07", "Mairie", "Camille", start_time="14:00")
        project.add_agenda_item(workshop.id, "free", "Accueil", 20)
        project.add_agenda_item(workshop.id, "free", "Pause", 15)
        project.add_agenda_item(workshop.id, "free", "Suite", 30)
        return workshop.id, people


async def open_plan(pilot, app: AtelierApp) -> WorkshopPlanScreen:
    await settle(pilot)
    await pilot.press("3")
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(app.screen, WorkshopPlanScreen)
    return app.screen


async def test_create_workshop_then_edit_details(project_path: Path, library: ProjectLibrary) -> None:
    Project.create(project_path, "Essai").close()
    app = AtelierApp(library=library, project_path=project_path, clock=FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        assert "Aucun atelier" in screen_text(app)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, WorkshopModal)
        form.query_one("#title", Input).value = "Atelier 1 — Fondations"
        form.query_one("#date", Input).value = "31/02/2026"  # not a date
        form.query_one("#start_time", Input).value = "9h30"
        form.query_one("#place", Input).value = "Salle des fêtes"
        form.query_one("#facilitator", Input).value = "Camille Petit"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form, "a bad date keeps the form open"
        assert "Date non reconnue" in str(form.query_one("#form-error", Static).render())
        form.query_one("#date", Input).value = "12/10/2026"
        await pilot.press("ctrl+s")
        await settle(pilot)
        plan = app.screen
        assert isinstance(plan, WorkshopPlanScreen), "a new workshop opens its plan"
        workshop = app.project.workshops()[0]
        assert (workshop.title, workshop.date, workshop.start_time, workshop.place, workshop.facilitator) == (
            "Atelier 1 — Fondations",
            "2026-10-12",
            "09:30",
            "Salle des fêtes",
            "Camille Petit",
        )
        text = screen_text(app)
        assert "12/10/2026 09:30 · Salle des fêtes · animé par Camille Petit" in text
        assert "Le déroulé est vide" in text

        # I edits the details; a bad time is refused.
        await pilot.press("i")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, WorkshopModal)
        assert form.query_one("#title", Input).value == "Atelier 1 — Fondations"
        form.query_one("#start_time", Input).value = "25:00"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Heure non reconnue" in str(form.query_one("#form-error", Static).render())
        form.query_one("#start_time", Input).value = "10:00"
        form.query_one("#place", Input).value = "Mairie"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is plan
        assert "10:00 · Mairie" in screen_text(app)
        # Back to the project: the list shows the workshop.
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ProjectScreen)
        rows = table_rows(app.screen.query_one("#workshops-table", DataTable))
        assert rows == [["Atelier 1 — Fondations", "12/10/2026", "10:00", "Mairie", "—"]]


async def test_edit_and_remove_workshop_from_project(project_path: Path, library: ProjectLibrary) -> None:
    make_project(project_path)
    app = AtelierApp(library=library, project_path=project_path, clock=FakeClock())
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        table = app.screen.query_one("#workshops-table", DataTable)
        assert table_rows(table)[0][-1] == "3 étapes, 1 h 05"
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, WorkshopModal)
        app.screen.query_one("#title", Input).value = "Atelier un"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert column(table) == ["Atelier un"]
        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")
        await settle(pilot)
        assert table.row_count == 0
        assert app.project.workshops() == []


async def test_agenda_times_total_add_edit_reorder_remove(project_path: Path, library: ProjectLibrary) -> None:
    workshop_id, _ = make_project(project_path)
    app = AtelierApp(library=library, project_path=project_path, clock=FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        plan = await open_plan(pilot, app)
        table = plan.query_one("#agenda-table", DataTable)
        assert [row[:2] + row[3:4] for row in table_rows(table)] == [
            ["14:00", "Accueil", "20 min"],
            ["14:20", "Pause", "15 min"],
            ["14:35", "Suite", "30 min"],
        ]
        assert "3 étapes · durée totale 1 h 05 · fin prévue 15:05" in screen_text(app)

        # Add: the kinds offered are the registered exercises.
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, AgendaItemModal)
        kinds = form.query_one("#kind", Select)
        assert [value for _prompt, value in kinds._options] == [e.kind for e in exercises()]
        title = form.query_one("#title", Input)
        title.value = "Discussion ouverte"
        form.query_one("#minutes", Input).value = "0"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form and "entre 1 et 1440" in str(form.query_one("#form-error", Static).render())
        form.query_one("#minutes", Input).value = "25"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert column(table, 1) == ["Accueil", "Pause", "Suite", "Discussion ouverte"]
        assert table.cursor_row == 3, "the cursor follows the new item"
        assert "4 étapes · durée totale 1 h 30 · fin prévue 15:30" in screen_text(app)

        # Reorder by keyboard: up twice, then down once.
        await pilot.press("shift+up")
        await settle(pilot)
        await pilot.press("ctrl+up")
        await settle(pilot)
        assert column(table, 1) == ["Accueil", "Discussion ouverte", "Pause", "Suite"]
        assert column(table, 0) == ["14:00", "14:20", "14:45", "15:00"]
        assert table.cursor_row == 1
        await pilot.press("shift+down")
        await settle(pilot)
        assert column(table, 1) == ["Accueil", "Pause", "Discussion ouverte", "Suite"]
        assert [i.title for i in app.project.agenda(workshop_id)] == ["Accueil", "Pause", "Discussion ouverte", "Suite"]

        # Edit title and duration with Enter.
        await pilot.press("enter")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, AgendaItemModal) and form.kind_fixed
        assert form.query_one("#title", Input).value == "Discussion ouverte"
        form.query_one("#title", Input).value = "Débat"
        form.query_one("#minutes", Input).value = "40"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert table_rows(table)[2][1:4] == ["Débat", "Temps libre", "40 min"]

        # Notes in Markdown; Escape keeps them.
        await pilot.press("n")
        await settle(pilot)
        notes = app.screen
        assert isinstance(notes, NotesModal)
        notes.query_one(TextArea).text = "- **Règles** du débat\n- tour de parole"
        await pilot.press("escape")
        await settle(pilot)
        assert app.project.agenda(workshop_id)[2].notes == "- **Règles** du débat\n- tour de parole"
        assert table_rows(table)[2][4] == "✎"

        # Remove, after confirmation.
        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("escape")
        await settle(pilot)
        assert table.row_count == 4
        await pilot.press("delete")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert column(table, 1) == ["Accueil", "Pause", "Suite"]
        assert [i.position for i in app.project.agenda(workshop_id)] == [0, 1, 2]


async def test_agenda_without_start_time_shows_offsets(project_path: Path, library: ProjectLibrary) -> None:
    workshop_id, _ = make_project(project_path)
    with Project.open(project_path) as project:
        project.update_workshop(workshop_id, start_time="")
    app = AtelierApp(library=library, project_path=project_path, clock=FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        plan = await open_plan(pilot, app)
        assert column(plan.query_one("#agenda-table", DataTable)) == ["+0:00", "+0:20", "+0:35"]
        assert "durée totale 1 h 05" in screen_text(app)


async def test_free_item_kind_follows_the_exercise_title(project_path: Path, library: ProjectLibrary) -> None:
    make_project(project_path)
    app = AtelierApp(library=library, project_path=project_path, clock=FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        plan = await open_plan(pilot, app)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        assert form.query_one("#title", Input).value == exercises()[0].title
        await pilot.press("enter")  # opens the kind list
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is plan
        assert column(plan.query_one("#agenda-table", DataTable), 1)[-1] == exercises()[0].title


async def test_attendance_cycle_and_direct_keys(project_path: Path, library: ProjectLibrary) -> None:
    workshop_id, people = make_project(project_path)
    app = AtelierApp(library=library, project_path=project_path, clock=FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        plan = await open_plan(pilot, app)
        await pilot.press("2")
        await settle(pilot)
        table = plan.query_one("#attendance-table", DataTable)
        assert table_rows(table) == [
            ["Ana", "Les Jardins", "Présent·e"],
            ["Bruno", "Les Jardins", "Présent·e"],
            ["Chloé", "Les Jardins", "Présent·e"],
        ]
        await pilot.press("space")
        await settle(pilot)
        assert column(table, 2)[0] == "Absent·e"
        await pilot.press("space")
        await settle(pilot)
        assert column(table, 2)[0] == "Excusé·e"
        await pilot.press("enter")
        await settle(pilot)
        assert column(table, 2)[0] == "Présent·e"
        await pilot.press("down")
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("down")
        await pilot.press("x")
        await settle(pilot)
        assert column(table, 2) == ["Présent·e", "Absent·e", "Excusé·e"]
        assert "Présent·es : 1 · absent·es : 1 · excusé·es : 1" in screen_text(app)
        await pilot.press("p")
        await settle(pilot)
        assert column(table, 2)[2] == "Présent·e"
        assert isinstance(app.screen, WorkshopPlanScreen), "A marks absent here, it does not add an item"
    with Project.open(project_path) as project:
        workshop = project.workshop(workshop_id)
        assert [workshop.status_of(p) for p in people] == [Attendance.PRESENT, Attendance.ABSENT, Attendance.PRESENT]


async def test_live_key_without_cockpit_says_so(project_path: Path, library: ProjectLibrary, monkeypatch) -> None:
    import sys

    make_project(project_path)
    monkeypatch.setitem(sys.modules, "screens.cockpit", None)  # as if the module were missing
    app = AtelierApp(library=library, project_path=project_path, clock=FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        plan = await open_plan(pilot, app)
        await pilot.press("l")
        await settle(pilot)
        assert app.screen is plan
        assert any("pas disponible" in m for m in notifications(app))


async def test_plan_help(project_path: Path, library: ProjectLibrary) -> None:
    make_project(project_path)
    app = AtelierApp(library=library, project_path=project_path, clock=FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await open_plan(pilot, app)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpModal)
        assert "Maj+↑" in app.screen.markdown and "excusé" in app.screen.markdown
