"""What people type is shown as typed, everywhere: never read as markup (DESIGN §5)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Select

from screens.app import AtelierApp
from screens.modals.confirm import ConfirmModal
from screens.modals.participant import ParticipantModal
from screens.project import ProjectScreen
from screens.workshop_plan import WorkshopPlanScreen
from tests.screen_text import column, flat_text, screen_text, settle
from workshop.clock import FakeClock
from workshop.library import ProjectLibrary
from workshop.project import Project

NAMES = ["[red]Zoé[/]", "[/", "[0]", "Léa 🌻 Ñoël", "جمعية الأمل", "[b]gras[/b] $x {y}"]


def build(path: Path) -> int:
    with Project.create(path, "[bold]Projet[/bold] 🌻") as project:
        structures = [project.add_structure(name) for name in NAMES]
        project.set_promoter(structures[0].id)
        for i, name in enumerate(NAMES):
            project.add_participant(name, structures[i].id)
        workshop = project.add_workshop("[i]Atelier[/i] [/", "2026-12-07", "[link=x]Salle[/link]", "[0] Camille", "14:00")
        for name in NAMES:
            project.add_agenda_item(workshop.id, "free", name, 10)
        return workshop.id


async def test_home_lists_a_markup_like_project_name(library: ProjectLibrary) -> None:
    library.ensure()
    build(library.folder / "p.atelier")
    app = AtelierApp(library=library, clock=FakeClock())
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert "[bold]Projet[/bold] 🌻" in screen_text(app)
        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        assert "« [bold]Projet[/bold] 🌻 »" in flat_text(app)


async def test_project_tabs_show_names_literally(tmp_path: Path, library: ProjectLibrary) -> None:
    path = tmp_path / "p.atelier"
    build(path)
    app = AtelierApp(library=library, project_path=path, clock=FakeClock())
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ProjectScreen)
        text = screen_text(app)
        assert "[bold]Projet[/bold] 🌻" in text.splitlines()[0], "the header shows the project name"
        for name in NAMES:
            assert name in text, name
        assert "Porteur : [red]Zoé[/]" in text
        await pilot.press("2")
        await settle(pilot)
        text = screen_text(app)
        for name in NAMES:
            assert text.count(name) >= 2, name  # the person and their structure
        await pilot.press("3")
        await settle(pilot)
        text = screen_text(app)
        assert "[i]Atelier[/i] [/" in text and "[link=x]Salle[/link]" in text
        await pilot.press("4")
        await settle(pilot)
        assert "[red]Zoé[/]" in screen_text(app), "the promoter list"
        assert app.screen.query_one("#promoter", Select).value == app.project.promoter_id


async def test_forms_and_confirmations_show_names_literally(tmp_path: Path, library: ProjectLibrary) -> None:
    path = tmp_path / "p.atelier"
    build(path)
    app = AtelierApp(library=library, project_path=path, clock=FakeClock())
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        table = app.screen.query_one("#participants-table", DataTable)
        target = column(table).index("[/")
        table.move_cursor(row=target)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, ParticipantModal)
        text = screen_text(app)
        assert text.count("[/") >= 2, "the name field and the structure list"
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("delete")
        await settle(pilot)
        assert "Retirer « [/ » du projet ?" in flat_text(app)


@pytest.mark.parametrize("size", [(200, 50), (80, 24)])
async def test_workshop_plan_shows_names_literally(tmp_path: Path, library: ProjectLibrary, size: tuple[int, int]) -> None:
    path = tmp_path / "p.atelier"
    workshop_id = build(path)
    app = AtelierApp(library=library, project_path=path, clock=FakeClock())
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        app.screen.open_workshop(workshop_id)
        await settle(pilot)
        assert isinstance(app.screen, WorkshopPlanScreen)
        text = screen_text(app)
        assert "[i]Atelier[/i] [/" in text.splitlines()[0]
        assert "[link=x]Salle[/link]" in flat_text(app) and "animé par [0] Camille" in flat_text(app)
        for name in NAMES:
            assert name in text, name
        await pilot.press("2")
        await settle(pilot)
        text = screen_text(app)
        for name in NAMES:
            assert name in text, name
        await pilot.press("1")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert "Notes : [red]Zoé[/]" in flat_text(app)
