"""The values and APT screens end to end on the demo project (Pilot, 80×24).

The room's turns are played through the rounds engine in place of the rounds
screen (`run_round`), so these tests are about the exercise screens.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, OptionList

from exercises import apt, apt_outputs, values
from exercises.fills.rounds import contribute_all, spread, vote_all
from screens.app import AtelierApp
from screens.exercises.apt import AptScreen
from screens.exercises.stepped import SteppedExerciseScreen
from screens.exercises.values import ValuesScreen
from screens.modals.help import HelpModal
from screens.registry import exercise_screen
from workshop.library import ProjectLibrary
from workshop.registry import get_exercise
from workshop.rounds import RoundMode, get_round

TRICKY = "[red]Zoé[/] [/ [0] 🌱"


class Room:
    """Plays a round as the people in the room would, then hands back to the exercise."""

    def __init__(self) -> None:
        self.texts: Callable[[int], list[str]] = lambda voter: []
        self.prefer: list[int] = [0, 1]
        self.played: list[int] = []

    def play(self, screen: SteppedExerciseScreen, round_id: int, done: Callable[[object], None]) -> None:
        project = screen.project
        round_ = get_round(project, round_id)
        if round_.mode is RoundMode.CONTRIBUTION:
            contribute_all(project, round_id, self.texts)
        else:
            vote_all(project, round_id, lambda voter, n, budget, cap: spread(self.prefer, n, budget, cap))
        self.played.append(round_id)
        done(None)


@pytest.fixture
def room(monkeypatch: pytest.MonkeyPatch) -> Room:
    played = Room()
    monkeypatch.setattr(SteppedExerciseScreen, "run_round", lambda self, rid, done: played.play(self, rid, done))
    return played


async def _open(app: AtelierApp, pilot, kind: str):
    await pilot.pause()
    project = app.project
    planned = project.workshops()[1]  # the demo's workshop still to run
    item = next(i for i in project.agenda(planned.id) if i.kind == kind)
    app.push_screen(exercise_screen(kind)(project, planned.id, item.id))
    await pilot.pause()
    return project, planned, item


async def _type(pilot, text: str) -> None:
    await pilot.pause()
    pilot.app.screen.query_one(Input).value = text
    await pilot.press("enter")
    await pilot.pause()


def _cells(screen) -> list[str]:
    table = screen.query_one(DataTable)
    return [str(table.get_row_at(n)[1]) for n in range(table.row_count)]


async def test_values_end_to_end(demo_path: Path, library: ProjectLibrary, room: Room) -> None:
    app = AtelierApp(library=library, project_path=demo_path)
    async with app.run_test(size=(80, 24)) as pilot:
        project, workshop, item = await _open(app, pilot, "values")
        screen = app.screen
        assert isinstance(screen, ValuesScreen)
        names = {p.id: p.name for p in project.participants()}
        said = {"Zoé Martin": ["Solidarité", TRICKY], "Marc Lefèvre": ["Entraide"], "Sophie Laurent": ["solidarité", "Confiance"]}
        room.texts = lambda voter: said.get(names[voter], [])
        await pilot.press("r")
        await pilot.pause()
        state = values.state(project, item.id)
        assert state.step == values.Step.MERGE
        # Voters in the project's order: La Passerelle, then the EHPAD, then Les Jardins.
        assert [v.label for v in state.values] == ["solidarité", "Confiance", "Entraide", TRICKY]
        assert TRICKY in _cells(screen)  # shown literally
        # Merge "solidarité" and "Entraide" under a label the facilitator types.
        await pilot.press("space", "down", "down", "space", "m")
        await pilot.pause()
        labels = [str(o.prompt) for o in app.screen.query_one(OptionList).options]
        assert labels == ["solidarité", "Entraide", "Écrire un autre libellé…"]
        await pilot.press("down", "down", "enter")
        await _type(pilot, "Solidarité")
        state = values.state(project, item.id)
        merged = state.values[0]
        assert merged.label == "Solidarité"
        assert {names[s.participant_id] for s in merged.sources} == {"Zoé Martin", "Marc Lefèvre", "Sophie Laurent"}
        # The facilitator adds one from the keyboard.
        await pilot.press("a")
        await _type(pilot, "Équité")
        # Vote: everybody puts their dots on the first two values.
        await pilot.press("n", "v")
        await pilot.pause()
        state = values.state(project, item.id)
        assert state.voted and state.step == values.Step.VOTE
        assert len(state.retained()) == 4  # all of them: fewer than five
        await pilot.press("minus", "minus")
        await pilot.pause()
        assert [v.label for v in values.state(project, item.id).retained()] == ["Solidarité", "Confiance"]
        # Define the first retained value, and note a divergence for a structure.
        await pilot.press("n", "enter")
        await _type(pilot, "On s'entraide [vraiment]")
        await pilot.press("s")
        await pilot.pause()
        assert app.screen.query_one(OptionList)
        await pilot.press("enter")
        await _type(pilot, "Aussi entre salariés")
        first = values.state(project, item.id).retained()[0]
        assert first.definition == "On s'entraide [vraiment]"
        assert list(first.divergences.values()) == ["Aussi entre salariés"]
        # F1: the facilitator guide.
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpModal)
        assert "Valeurs communes" in app.screen.markdown
        await pilot.press("escape", "escape")
        await pilot.pause()
        # Reopened (after a crash, say), the exercise is at the same step.
        app.push_screen(ValuesScreen(project, workshop.id, item.id))
        await pilot.pause()
        assert app.screen.step == values.Step.DEFINE
        blocks = get_exercise("values").minutes_section(project, workshop, project.agenda_item(item.id))
        retained = blocks[1]
        assert retained.rows[0] == ("Solidarité", "On s'entraide [vraiment]", f"{first.points:g}")
        assert first.points > 0


async def test_apt_end_to_end(demo_path: Path, library: ProjectLibrary, room: Room) -> None:
    app = AtelierApp(library=library, project_path=demo_path)
    async with app.run_test(size=(80, 24)) as pilot:
        project, workshop, item = await _open(app, pilot, "apt")
        screen = app.screen
        assert isinstance(screen, AptScreen)
        assert screen.step == apt.Step.GROUPS
        # Add a group, then move to the grid.
        await pilot.press("a")
        await _type(pilot, "Familles [des résidents]")
        await pilot.press("n")
        await pilot.pause()
        # A contribution round exercises.fills the directions' fears.
        names = {p.id: p.name for p in project.participants()}
        room.texts = lambda voter: {"Zoé Martin": ["Perdre la main"], "Karim Benali": [TRICKY]}.get(names[voter], [])
        await pilot.press("2", "r")
        await pilot.pause()
        state = apt.state(project, item.id)
        directions = state.groups[0].id
        assert sorted(i.text for i in state.items_of(directions, "fear")) == sorted(["Perdre la main", TRICKY])
        own, others, _ = apt.mirror(state, directions)
        assert [i.text for i in own] == ["Perdre la main"] and [i.text for i in others] == [TRICKY]
        # Typed items: an attraction and a temptation for the directions.
        await pilot.press("1", "a")
        await _type(pilot, "Peser face aux financeurs")
        await pilot.press("3", "a")
        await _type(pilot, "Accaparer la présidence")
        await pilot.press("m")
        await pilot.pause()
        assert apt.state(project, item.id).mirror
        assert TRICKY in [str(c) for c in _cells(screen)]
        # The next group shows nothing yet; go back.
        await pilot.press("right")
        await pilot.pause()
        assert screen.query_one(DataTable).row_count == 0
        await pilot.press("left")
        # Weigh everything with a dot vote.
        room.prefer = [1, 0]
        await pilot.press("n", "v")
        await pilot.pause()
        state = apt.state(project, item.id)
        assert all(i.weight is not None for i in state.items)
        assert state.weighed_rounds
        # Outputs: a risk with its mitigation and owner, a rule tied to a value, a proposal.
        await pilot.press("n", "2")
        await pilot.pause()
        fear = apt_outputs.risk_plan(apt.state(project, item.id))[0].item
        await pilot.press("m")
        await _type(pilot, "Comité paritaire")
        await pilot.press("o")
        await _type(pilot, "Zoé Martin")
        await pilot.press("p")
        await _type(pilot, "Créer un comité paritaire")
        risk = next(r for r in apt_outputs.risk_plan(apt.state(project, item.id)) if r.item.id == fear.id)
        assert (risk.mitigation, risk.owner) == ("Comité paritaire", "Zoé Martin")
        assert len(risk.item.proposal_ids) == 1
        await pilot.press("3", "enter")
        await _type(pilot, "La présidence tourne chaque année")
        await pilot.press("v")
        await pilot.pause()
        # The demo's first workshop retained values: they are offered.
        await pilot.press("enter")
        await pilot.pause()
        rule = apt_outputs.charter(project, apt.state(project, item.id))[0]
        assert rule.rule == "La présidence tourne chaque année" and rule.value
        # The balance chart.
        await pilot.press("n")
        await pilot.pause()
        assert screen.step == apt.Step.BALANCE
        chart = str(screen.query_one("#chart").render())
        assert "Directions" in chart and "█" in chart
        blocks = get_exercise("apt").minutes_section(project, workshop, project.agenda_item(item.id))
        tables = [b for b in blocks if hasattr(b, "rows")]
        assert ("Directions", "Perdre la main", "Comité paritaire", "Zoé Martin") in tables[-3].rows or any(
            ("Comité paritaire" in row and "Zoé Martin" in row) for b in tables for row in b.rows
        )


@pytest.mark.parametrize("kind", ["values", "apt"])
async def test_screens_survive_small_and_large_terminals(demo_path: Path, library: ProjectLibrary, kind: str) -> None:
    app = AtelierApp(library=library, project_path=demo_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        project = app.project
        done = project.workshops()[0]
        item = next(i for i in project.agenda(done.id) if i.kind == kind)
        app.push_screen(exercise_screen(kind)(project, done.id, item.id))
        await pilot.pause()
        for size in ((10, 5), (40, 12), (200, 60), (80, 24)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            for key in ("b", "n", "b", "b", "b", "b"):
                await pilot.press(key)
                await pilot.pause()
        assert app.screen.step == app.screen.steps[0]


# Through the rounds screens, as in the room ------------------------------------------------------
async def _play_contributions(pilot, app: AtelierApp, texts: list[list[str]]) -> None:
    from screens.round import RoundScreen

    assert isinstance(app.screen, RoundScreen)
    for said in texts:
        await pilot.press("enter")  # the person takes the keyboard
        for text in said:
            await pilot.press(*text, "enter")
        await pilot.press("ctrl+d")  # and passes it on
        await pilot.pause()
    await pilot.press("f2")  # reveal
    await pilot.pause()
    await pilot.press("enter")  # back to the exercise
    await pilot.pause()


async def _play_dots(pilot, app: AtelierApp, voters: int, keys: list[str]) -> None:
    from screens.round import RoundScreen

    assert isinstance(app.screen, RoundScreen)
    for _ in range(voters):
        await pilot.press("enter", *keys, "enter")
        await pilot.pause()
    await pilot.press("f2")
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()


async def test_values_and_apt_through_the_round_screens(demo_path: Path, library: ProjectLibrary) -> None:
    app = AtelierApp(library=library, project_path=demo_path)
    async with app.run_test(size=(80, 24)) as pilot:
        project, workshop, item = await _open(app, pilot, "values")
        present = len(project.present(workshop.id))
        said = [["partage"], ["entraide", "soin"], []] + [["partage"]] * (present - 3)
        await pilot.press("r")
        await pilot.pause()
        await _play_contributions(pilot, app, said)
        assert isinstance(app.screen, ValuesScreen)
        state = values.state(project, item.id)
        assert [(v.label, len(v.sources)) for v in state.values] == [("partage", present - 2), ("entraide", 1), ("soin", 1)]
        await pilot.press("n", "v")
        await pilot.pause()
        await _play_dots(pilot, app, present, ["2", "2", "1"])
        assert isinstance(app.screen, ValuesScreen)
        state = values.state(project, item.id)
        assert state.voted
        assert values.ranked(state)[0].label == "entraide" and values.ranked(state)[0].voters == present
        app.pop_screen()
        await pilot.pause()

        apt_item = next(i for i in project.agenda(workshop.id) if i.kind == "apt")
        app.push_screen(AptScreen(project, workshop.id, apt_item.id))
        await pilot.pause()
        await pilot.press("n", "2", "r")
        await pilot.pause()
        await _play_contributions(pilot, app, [["être absorbés"], ["perdre la main"]] + [[]] * (present - 2))
        grid = apt.state(project, apt_item.id)
        assert sorted(i.text for i in grid.items) == ["perdre la main", "être absorbés"]
        await pilot.press("n", "v")
        await pilot.pause()
        await _play_dots(pilot, app, present, ["1", "1", "2"])  # the whole budget: 3 points, 2 at most on one
        assert isinstance(app.screen, AptScreen)
        grid = apt.state(project, apt_item.id)
        assert [i.weight for i in grid.items_of(grid.groups[0].id)] == [2 * present, present]
