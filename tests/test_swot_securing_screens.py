"""The FFOM and elements-to-secure screens end to end on the demo project (Pilot, 80×24).

The room's turns are played through the rounds engine in place of the rounds
screen (`run_round`), so these tests are about the exercise screens.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, OptionList, Select, Static

from exercises import securing, swot
from exercises.fills.rounds import contribute_all, spread, vote_all
from screens.app import AtelierApp
from screens.cockpit import CockpitScreen
from screens.exercises.base import ExerciseScreen
from screens.exercises.securing import SecuringScreen
from screens.exercises.swot import SwotScreen
from screens.exercises.swot_grid import QuadrantGrid
from screens.modals.element import ElementModal
from screens.modals.help import HelpModal
from screens.modals.pick_many import PickManyModal
from screens.modals.proposal import ProposalModal
from screens.registry import exercise_screen
from tests.screen_text import flat_text, screen_text, settle, table_rows
from workshop.clock import FakeClock
from workshop.library import ProjectLibrary
from workshop.proposals import proposal
from workshop.rounds import RoundMode, get_round

TRICKY = "[red]Zoé[/] [/ [0]"
SIZE = (80, 24)


def _clock(year: int, month: int, day: int) -> FakeClock:
    return FakeClock(time.mktime((year, month, day, 15, 0, 0, 0, 0, -1)))


class Room:
    """Plays a round as the people in the room would, then hands back to the exercise."""

    def __init__(self) -> None:
        self.texts: Callable[[int], list[str]] = lambda voter: []
        self.prefer: list[int] = [0, 1]
        self.secret: list[bool] = []

    def play(self, screen: ExerciseScreen, round_id: int, done: Callable[[object], None]) -> None:
        project = screen.project
        round_ = get_round(project, round_id)
        if round_.mode is RoundMode.CONTRIBUTION:
            contribute_all(project, round_id, self.texts)
        else:
            self.secret.append(round_.spec.secret)
            vote_all(project, round_id, lambda voter, n, budget, cap: spread(self.prefer, n, budget, cap))
        done(None)


@pytest.fixture
def room(monkeypatch: pytest.MonkeyPatch) -> Room:
    played = Room()
    monkeypatch.setattr(ExerciseScreen, "run_round", lambda self, rid, done: played.play(self, rid, done))
    return played


async def _open(app: AtelierApp, pilot, kind: str):
    await pilot.pause()
    project = app.project
    planned = project.workshops()[1]  # the demo's workshop still to run
    item = next(i for i in project.agenda(planned.id) if i.kind == kind)
    app.push_screen(exercise_screen(kind)(project, planned.id, item.id))
    await settle(pilot)
    return project, planned, item


async def _type(pilot, text: str) -> None:
    await pilot.pause()
    pilot.app.screen.query_one(Input).value = text
    await pilot.press("enter")
    await settle(pilot)


async def _pick(pilot, label: str) -> None:
    """Choose the option whose label starts with `label` in the open PickOneModal."""
    options = pilot.app.screen.query_one(OptionList)
    labels = [str(o.prompt) for o in options.options]
    index = next(n for n, text in enumerate(labels) if text.startswith(label))
    options.highlighted = index
    await pilot.press("enter")
    await settle(pilot)


def _panel_lines(app: AtelierApp, quadrant: str) -> list[str]:
    panel = app.screen.query_one(QuadrantGrid).panel(quadrant)
    return [str(o.prompt) for o in panel.entries.options]


async def test_swot_from_scope_to_answers_at_80x24(demo_path: Path, library: ProjectLibrary, room: Room) -> None:
    app = AtelierApp(library=library, project_path=demo_path, clock=_clock(2026, 12, 7))
    async with app.run_test(size=SIZE) as pilot:
        project, workshop, item = await _open(app, pilot, "swot")
        screen = app.screen
        assert isinstance(screen, SwotScreen) and screen.step == swot.Step.SCOPE
        # Scope: the cooperation project (first row).
        await pilot.press("enter")
        await settle(pilot)
        assert screen.step == swot.Step.GRID and swot.state(project, item.id).scope == swot.Scope.PROJECT
        text = flat_text(app)
        assert "Interne, avant le projet : ce qui marche déjà" in text  # the focused quadrant's reminder
        assert "Faiblesses" in text and "Opportunités" in text and "Menaces" in text  # the others, folded
        # The facilitator types a strength, shown literally.
        await pilot.press("a")
        await _type(pilot, TRICKY)
        assert _panel_lines(app, "strength") == [TRICKY]
        assert TRICKY in screen_text(app)
        # A hidden round on the weaknesses: nothing readable until revealed.
        names = {p.id: p.name for p in project.participants()}
        said = {"Zoé Martin": ["Des locaux trop petits"], "Marc Lefèvre": ["Peu de temps"], "Sophie Laurent": ["Des salles exiguës"]}
        room.texts = lambda voter: said.get(names[voter], [])
        await pilot.press("2", "r")
        await settle(pilot)
        await _pick(pilot, "ce quadrant")
        lines = _panel_lines(app, "weakness")
        assert len(lines) == 3 and all("caché" in line for line in lines)
        assert "Des locaux" not in screen_text(app)
        await pilot.press("o")
        await settle(pilot)
        assert sorted(_panel_lines(app, "weakness")) == ["Des locaux trop petits", "Des salles exiguës", "Peu de temps"]
        # Move the strength typed by mistake to the threats.
        await pilot.press("1", "d")
        await settle(pilot)
        await _pick(pilot, "Menaces")
        state = swot.state(project, item.id)
        assert [e.quadrant for e in state.entries if e.text == TRICKY] == ["threat"]
        # Merge two weaknesses under the first wording: both authors stay.
        await pilot.press("2")
        options = screen.query_one(QuadrantGrid).panel("weakness").entries
        wanted = [n for n, line in enumerate(_panel_lines(app, "weakness")) if line != "Peu de temps"]
        for index in wanted:
            options.highlighted = index
            await pilot.press("space")
        await pilot.press("m")
        await settle(pilot)
        await _pick(pilot, "Des locaux trop petits")
        merged = next(e for e in swot.state(project, item.id).entries if e.text == "Des locaux trop petits")
        assert {names[s.participant_id] for s in merged.sources} == {"Zoé Martin", "Sophie Laurent"}
        # Weigh the weaknesses by a secret dot vote.
        await pilot.press("n", "2", "v")
        await settle(pilot)
        await _pick(pilot, "Vote secret")
        assert room.secret == [True]
        weighed = swot.state(project, item.id).entries_of(swot.state(project, item.id).analysis().id, "weakness")
        assert all(e.weight is not None for e in weighed) and any(e.retained for e in weighed)
        assert "★" in screen_text(app)
        # Answers: the retained weakness, an answer typed, then a proposal and an element from it.
        await pilot.press("n")
        await settle(pilot)
        assert screen.step == swot.Step.ANSWERS
        table = screen.query_one(DataTable)
        assert table_rows(table)[0][0].startswith("Faiblesse : ")
        await pilot.press("a")
        await _type(pilot, "Partager nos salles [selon un planning]")
        rows = table_rows(table)
        assert rows[1][0] == "   → Partager nos salles [selon un planning]"
        table.move_cursor(row=1)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, ProposalModal)
        await pilot.press("ctrl+s")
        await settle(pilot)
        answer = swot.state(project, item.id).answers[0]
        assert len(answer.proposal_ids) == 1
        assert proposal(project, answer.proposal_ids[0]).source == "swot"
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, ElementModal)
        app.screen.query_one("#due", Input).value = "31/02/2027"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ElementModal)  # refused: it stays open, as typed, with the reason
        assert "31/02/2027" in flat_text(app)
        app.screen.query_one("#due", Input).value = "28/02/2027"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        answer = swot.state(project, item.id).answers[0]
        element = securing.element(project, answer.element_ids[0])
        assert (element.text, element.due, element.origin) == ("Partager nos salles [selon un planning]", "2027-02-28", "swot")
        assert "P" in table_rows(table)[1][1] and "S" in table_rows(table)[1][1]
        # Compare: one analysis only, the screen says what it needs.
        await pilot.press("n")
        await settle(pilot)
        assert "au moins deux structures" in flat_text(app)
        # F1: the guide.
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpModal) and "FFOM" in app.screen.markdown


async def test_each_structure_in_turn_on_screen(demo_path: Path, library: ProjectLibrary, room: Room) -> None:
    app = AtelierApp(library=library, project_path=demo_path, clock=_clock(2026, 12, 7))
    async with app.run_test(size=SIZE) as pilot:
        project, workshop, item = await _open(app, pilot, "swot")
        screen = app.screen
        await pilot.press("down", "enter")  # each structure in turn
        await settle(pilot)
        state = swot.state(project, item.id)
        assert state.scope == swot.Scope.EACH and len(state.analyses) == 4
        first = swot.subject(project, state.analysis())
        assert f"Analyse de {first} (1/4)" in flat_text(app)
        names = {p.id: p.name for p in project.participants()}
        room.texts = lambda voter: ["1: Une équipe", "4: Moins de subventions"] if names[voter] != "Claire Fontaine" else []
        await pilot.press("r")
        await settle(pilot)
        await _pick(pilot, "les quatre quadrants")
        await pilot.press("O")  # everything of this structure revealed at once
        await settle(pilot)
        assert _panel_lines(app, "strength") == ["Une équipe ×3"]  # three people wrote it: one entry, three authors
        await pilot.press("s")
        await settle(pilot)
        assert "(2/4)" in flat_text(app)
        assert all("caché" in line for line in _panel_lines(app, "threat"))  # the next structure's are still hidden
        for _ in range(3):
            await pilot.press("O", "s")
            await settle(pilot)
        for _ in range(3):
            await pilot.press("n")
        await settle(pilot)
        assert screen.step == swot.Step.COMPARE
        rows = table_rows(screen.query_one(DataTable))
        assert rows[0][:2] == ["Force", "Une équipe"] and rows[0][3] == "par 4 sur 4"


async def test_the_grid_unfolds_on_a_large_screen(demo_path: Path, library: ProjectLibrary) -> None:
    app = AtelierApp(library=library, project_path=demo_path)
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        project = app.project
        done = project.workshops()[0]  # the demo's run workshop: each structure's grid filled
        item = next(i for i in project.agenda(done.id) if i.kind == "swot")
        swot.set_step(project, item.id, swot.Step.GRID)
        app.push_screen(SwotScreen(project, done.id, item.id))
        await settle(pilot)
        grid = app.screen.query_one(QuadrantGrid)
        assert not grid.has_class("-folded")
        text = screen_text(app)
        for reminder in ("ce qui marche déjà", "ce qui manque ou coince", "pourrait servir le projet", "fragiliser le projet"):
            assert reminder in text
        assert "Une petite équipe, beaucoup de temps partiels ★" in text
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert grid.has_class("-folded")


async def test_securing_follow_up_at_the_next_workshop(demo_path: Path, library: ProjectLibrary) -> None:
    app = AtelierApp(library=library, project_path=demo_path, clock=_clock(2026, 12, 7))
    async with app.run_test(size=SIZE) as pilot:
        project, workshop, item = await _open(app, pilot, "securing")
        screen = app.screen
        assert isinstance(screen, SecuringScreen)
        # It opens on what fell due since the first workshop; late ones say so.
        assert screen.filter == "due"
        rows = {row[1]: row for row in table_rows(screen.query_one(DataTable))}
        late = rows["La baisse des subventions de fonctionnement"]
        assert (late[3], late[4]) == ("15/11/2026 !", "À sécuriser")  # narrow: the "!" says it is late
        assert rows["Informer les salariés de chaque structure du projet"][3:] == ["30/10/2026", "Sécurisé"]
        assert "5 en retard" in flat_text(app)
        # A new element: a refused date keeps the form open, then it is saved.
        await pilot.press("n")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, ElementModal)
        modal.query_one("#text", Input).value = TRICKY
        modal.query_one("#due", Input).value = "demain"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is modal and "demain" in flat_text(app)
        modal.query_one("#due", Input).value = "15/01/2027"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen and screen.filter == "open"
        made = next(e for e in securing.elements(project) if e.text == TRICKY)
        assert made.due == "2027-01-15" and made.workshop_id == workshop.id
        assert TRICKY in screen_text(app)
        # Abandoning needs a reason: refused, then given.
        table = screen.query_one(DataTable)
        table.move_cursor(row=[e.id for e in screen.shown].index(made.id))
        await pilot.press("enter")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ElementModal)
        form.query_one("#state", Select).value = "abandoned"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form and securing.element(project, made.id).state == "to_secure"
        form.query_one("#reason", Input).value = "Plus d'actualité"
        await pilot.press("ctrl+s")
        await settle(pilot)
        stored = securing.element(project, made.id)
        assert (stored.state, stored.state_reason, stored.state_on) == ("abandoned", "Plus d'actualité", "2026-12-07")


async def test_securing_takes_elements_from_the_earlier_exercises(demo_path: Path, library: ProjectLibrary) -> None:
    app = AtelierApp(library=library, project_path=demo_path, clock=_clock(2026, 12, 7))
    async with app.run_test(size=SIZE) as pilot:
        project, workshop, item = await _open(app, pilot, "securing")
        before = len(securing.elements(project))
        await pilot.press("i")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, PickManyModal)
        assert "Une petite équipe, beaucoup de temps partiels ★" in flat_text(app)
        assert modal.choices[0][0] == "Une petite équipe, beaucoup de temps partiels ★ — FFOM · Faiblesse · Centre social La Passerelle"
        await pilot.press("space", "down", "space")
        await pilot.press("ctrl+s")
        await settle(pilot)
        taken = securing.elements(project)[before:]
        assert len(taken) == 2 and all(e.origin and e.item_id == item.id for e in taken)
        # What was taken is not offered again.
        await pilot.press("i")
        await settle(pilot)
        keys = {key for _, key in app.screen.choices}
        assert not keys & {e.origin_key for e in taken}
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, SecuringScreen)
        assert len(securing.elements(project)) == before + 2  # Escape took nothing


async def test_the_cockpit_flags_late_elements_when_the_next_workshop_opens(demo_path: Path, library: ProjectLibrary) -> None:
    app = AtelierApp(library=library, project_path=demo_path, clock=_clock(2026, 12, 7))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        planned = app.project.workshops()[1]
        late = securing.late(app.project, "2026-12-07")
        assert late
        app.clear_notifications()
        app.push_screen(CockpitScreen(app.project, planned.id))
        await settle(pilot)
        # In the facilitator's panel, where it stays while it holds; no toast over the countdown.
        notices = " ".join(str(app.screen.query_one("#notices", Static).render()).split())
        assert f"⚠ {len(late)} élément(s) à sécuriser en retard : faites-en le point à l'étape « Ce qu'il faut sécuriser, qui s'en charge, pour quand »." in notices
        assert not app._notifications
        # Dealt with (each one done), the notice goes when the cockpit is back.
        item = next(i for i in app.project.agenda(planned.id) if i.kind == "securing")
        app.push_screen(SecuringScreen(app.project, planned.id, item.id))
        await settle(pilot)
        for element in late:
            securing.update_element(app.project, element.id, state="secured")
        app.pop_screen()
        await settle(pilot)
        assert "sécuriser" not in str(app.screen.query_one("#notices", Static).render())


async def test_no_notice_when_nothing_is_late(demo_path: Path, library: ProjectLibrary) -> None:
    app = AtelierApp(library=library, project_path=demo_path, clock=_clock(2026, 10, 12))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(CockpitScreen(app.project, app.project.workshops()[0].id))
        await settle(pilot)
        notices = app.screen.query_one("#notices", Static)
        assert not notices.display and "sécuriser" not in str(notices.render())


@pytest.mark.parametrize("size", [(40, 12), (63, 20), (80, 24), (120, 40), (250, 70)])
async def test_every_step_survives_any_size(demo_path: Path, library: ProjectLibrary, size: tuple[int, int]) -> None:
    app = AtelierApp(library=library, project_path=demo_path)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        project = app.project
        done = project.workshops()[0]
        item = next(i for i in project.agenda(done.id) if i.kind == "swot")
        swot.set_step(project, item.id, swot.Step.SCOPE)
        app.push_screen(SwotScreen(project, done.id, item.id))
        await settle(pilot)
        for _ in swot.STEPS:
            await pilot.press("n", "tab", "4")
            await settle(pilot)
        assert app.screen.step == swot.Step.COMPARE
        securing_item = next(i for i in project.agenda(done.id) if i.kind == "securing")
        app.push_screen(SecuringScreen(project, done.id, securing_item.id))
        await settle(pilot)
        await pilot.press("f", "f")
        await settle(pilot)
        assert isinstance(app.screen, SecuringScreen)



async def test_a_round_that_ended_while_the_screen_was_away_is_collected_on_opening(demo_path: Path, library: ProjectLibrary) -> None:
    app = AtelierApp(library=library, project_path=demo_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        project = app.project
        planned = project.workshops()[1]
        item = next(i for i in project.agenda(planned.id) if i.kind == "swot")
        # The round ran to its end, then the app stopped before the exercise collected it.
        started = swot.start_contribution_round(project, item.id, "threat", hidden=False)
        contribute_all(project, started.id, lambda voter: ["Moins de subventions"])
        assert swot.state(project, item.id).entries == []
        app.push_screen(SwotScreen(project, planned.id, item.id))
        await settle(pilot)
        current = swot.state(project, item.id)
        assert [e.text for e in current.entries] == ["Moins de subventions"]
        assert len(current.entries[0].sources) == len(get_round(project, started.id).voters)
