"""Stakeholders to mobilise on the shared screen, driven with the keyboard."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input, Static

from exercises import stakeholders
from exercises.stakeholders import Step
from screens.app import AtelierApp
from screens.exercises.stakeholders import StakeholdersScreen
from screens.modals.stakeholder import StakeholderModal
from screens.registry import exercise_screen
from screens.round import RoundScreen
from tests.screen_text import column, screen_text, settle
from workshop.library import ProjectLibrary
from workshop.rounds import contribute, finish_turn, get_round


def _item(app: AtelierApp, workshop_index: int) -> tuple[int, int]:
    workshop = app.project.workshops()[workshop_index]
    item = next(i for i in app.project.agenda(workshop.id) if i.kind == "stakeholders")
    return workshop.id, item.id


async def _open(app: AtelierApp, pilot, workshop_index: int) -> tuple[StakeholdersScreen, int]:
    workshop_id, item_id = _item(app, workshop_index)
    app.push_screen(StakeholdersScreen(app.project, workshop_id, item_id))
    await settle(pilot)
    assert isinstance(app.screen, StakeholdersScreen)
    return app.screen, item_id


async def test_registered_for_the_cockpit() -> None:
    assert exercise_screen("stakeholders") is StakeholdersScreen


async def test_identify_characterise_map_and_mobilise(demo_path: Path, library: ProjectLibrary, clock) -> None:
    app = AtelierApp(library=library, project_path=demo_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        project = app.project
        screen, item_id = await _open(app, pilot, 1)  # the planned workshop: nothing yet
        assert "La liste est vide" in screen_text(app)
        # The project's structures in one key.
        await pilot.press("s")
        await settle(pilot)
        table = screen.query_one(DataTable)
        assert len(column(table, 1)) == len(project.structures())
        # A names round: the keyboard goes round, the names come back into the list.
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, RoundScreen)
        state = stakeholders.load(project, item_id)
        started = get_round(project, state.names_rounds[-1])
        contribute(project, started.id, started.voters[0], "[red]CAF[/red] : finance les familles")
        for voter in started.voters:
            finish_turn(project, started.id, voter)
        await pilot.press("f9")
        await settle(pilot)
        assert app.screen is screen
        assert "[red]CAF[/red]" in column(table, 1)  # literal, never markup
        # An empty name is refused: the form stays open with the reason.
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, StakeholderModal)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, StakeholderModal)
        assert "Donnez un nom" in str(app.screen.query_one("#form-error", Static).render())
        app.screen.query_one("#name", Input).value = "Fondation Aînés"
        app.screen.query_one("#stakes", Input).value = "Son appel à projets"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        names = [s.name for s in stakeholders.load(project, item_id).stakeholders]
        assert names[-1] == "Fondation Aînés"
        # The map step: rate the highlighted one, see its number where it belongs.
        await pilot.press("n", "n")
        await settle(pilot)
        assert stakeholders.load(project, item_id).step == Step.MAP
        await pilot.press("end")
        await pilot.press("m", "m", "m", "m", "c", "c")
        await settle(pilot)
        fondation = stakeholders.load(project, item_id).stakeholders[-1]
        assert (fondation.motivation, fondation.contribution) == (4, 2)
        number = str(len(names))
        row = next(line for line in screen_text(app).splitlines() if line.startswith("  4  │"))
        assert row[6 + 7 : 6 + 7 + len(number)] == number  # contribution 2: the second column
        assert "Fondation Aînés : motivation 4, contribution 2 — À associer" in screen_text(app)
        # Mobilise: Space marks it, S adds it to the project as an external actor.
        await pilot.press("n")
        await settle(pilot)
        before = len(project.structures())
        await pilot.press("s")
        await settle(pilot)
        assert len(project.structures()) == before  # not marked yet: refused, nothing added
        await pilot.press("space", "s")
        await settle(pilot)
        added = next(s for s in project.structures() if s.name == "Fondation Aînés")
        assert not added.member and stakeholders.load(project, item_id).stakeholders[-1].structure_id == added.id
        assert column(table, 5)[-1] == "✓"


async def test_the_sheet_opens_on_enter_and_saves_whole(demo_path: Path, library: ProjectLibrary) -> None:
    app = AtelierApp(library=library, project_path=demo_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen, item_id = await _open(app, pilot, 0)  # the demo's filled list
        await pilot.press("home", "enter")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, StakeholderModal)
        first = stakeholders.load(app.project, item_id).stakeholders[0]
        assert modal.query_one("#stakes", Input).value == first.stakes
        modal.query_one("#contact", Input).value = "x" * 1001
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is modal and "trop long" in str(modal.query_one("#form-error", Static).render())
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen and stakeholders.load(app.project, item_id).stakeholders[0] == first


async def test_every_step_survives_any_size(demo_path: Path, library: ProjectLibrary) -> None:
    app = AtelierApp(library=library, project_path=demo_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen, _ = await _open(app, pilot, 0)
        await pilot.press("b", "b", "b")
        for _step in range(4):
            for size in ((10, 5), (40, 12), (80, 24), (200, 50)):
                await pilot.resize_terminal(*size)
                await settle(pilot)
            await pilot.press("n")
        assert app.screen is screen
        await pilot.press("f1")
        await settle(pilot)
        assert app.screen.markdown.startswith("# Parties prenantes à mobiliser")


async def test_p_takes_up_the_previous_workshops_list(demo_path: Path, library: ProjectLibrary) -> None:
    app = AtelierApp(library=library, project_path=demo_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen, item_id = await _open(app, pilot, 1)
        await pilot.press("p")
        await settle(pilot)
        assert len(column(screen.query_one(DataTable), 1)) == 10
        assert stakeholders.load(app.project, item_id).stakeholders[5].to_mobilise
