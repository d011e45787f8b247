"""Every screen of the demo project in each of its states, reached as a facilitator
would, for the tests that walk them all (the key bar's truth, the 80×24 grid).

A state is a coroutine that starts on the project screen of a freshly opened demo
and leaves the app in that state. `Walk` reopens the pristine demo before each
state, so that a state never depends on what was pressed in another.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

from exercises import apt, fairness, roadmap, stakeholders, swot, values
from exercises.fills.rounds import spread
from screens.app import AtelierApp
from screens.cockpit import CockpitScreen
from screens.registry import exercise_screen
from screens.round import RoundScreen
from screens.workshop_plan import WorkshopPlanScreen
from tests.screen_text import settle
from workshop.clock import FakeClock
from workshop.demo import build_demo
from workshop.library import ProjectLibrary
from workshop.model import AgendaItem, Workshop
from workshop.rounds import RoundMode, RoundSpec, cast, get_round, reveal, skip, start_round

State = Callable[[AtelierApp, object], Awaitable[None]]

DONE, PLANNED, TODAY = 0, 1, 2  # the demo's workshops, by date: run in October, December, today


def workshop(app: AtelierApp, which: int) -> Workshop:
    assert app.project is not None
    return app.project.workshops()[which]


def item(app: AtelierApp, which: int, kind: str) -> AgendaItem:
    assert app.project is not None
    return next(i for i in app.project.agenda(workshop(app, which).id) if i.kind == kind)


async def press(pilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


async def exercise(app: AtelierApp, pilot, which: int, kind: str, *keys: str) -> None:
    factory = exercise_screen(kind)
    assert factory is not None and app.project is not None
    chosen = item(app, which, kind)
    await app.push_screen(factory(app.project, chosen.workshop_id, chosen.id))
    await settle(pilot)
    await press(pilot, *keys)


async def plan(app: AtelierApp, pilot, which: int, *keys: str) -> None:
    assert app.project is not None
    await app.push_screen(WorkshopPlanScreen(app.project, workshop(app, which).id))
    await settle(pilot)
    await press(pilot, *keys)


async def cockpit(app: AtelierApp, pilot, which: int, *keys: str) -> None:
    assert app.project is not None
    await app.push_screen(CockpitScreen(app.project, workshop(app, which).id))
    await settle(pilot)
    await press(pilot, *keys)


async def round_screen(app: AtelierApp, pilot, played: str, *keys: str) -> None:
    """A dot vote on today's first item, `played` as far as: "none", "some" (then
    the rest passed), "all" (results revealed)."""
    assert app.project is not None
    project = app.project
    first = project.agenda(workshop(app, TODAY).id)[0]
    spec = RoundSpec("Quelle priorité pour 2027 ?", RoundMode.DOT, options=["Transport", "Accueil", "Formation"], budget=3, cap=2)
    started = start_round(project, first.workshop_id, first.id, spec)
    voters = get_round(project, started.id).voters
    if played in ("some", "all"):
        for voter in voters[:4]:
            cast(project, started.id, voter, spread([0, 1], 3, 3, 2))
        for voter in voters[4:]:
            if played == "some":
                skip(project, started.id, voter)
            else:
                cast(project, started.id, voter, spread([2], 3, 3, 2))
    if played == "all":
        reveal(project, started.id)
    await app.push_screen(RoundScreen(project, started.id))
    await settle(pilot)
    await press(pilot, *keys)


def at_step(module, kind: str, step: str, *keys: str) -> State:
    async def state(app: AtelierApp, pilot) -> None:
        chosen = item(app, DONE, kind)
        module.set_step(app.project, chosen.id, step)
        await exercise(app, pilot, DONE, kind, *keys)

    return state


async def on_retained(app: AtelierApp, pilot, *keys: str) -> None:
    """The commitment tracker of the October workshop, on its first retained proposal."""
    await exercise(app, pilot, DONE, "commitments")
    screen = app.screen
    row = next(n for n, p in enumerate(screen.shown) if p.retained)
    screen.query_one("#proposals").move_cursor(row=row)
    await settle(pilot)
    await press(pilot, *keys)


async def home(app: AtelierApp, pilot) -> None:
    await press(pilot, "escape")


STATES: dict[str, State] = {
    "home": home,
    "project-structures": lambda app, pilot: press(pilot, "1"),
    "project-participants": lambda app, pilot: press(pilot, "2"),
    "project-workshops": lambda app, pilot: press(pilot, "3"),
    "project-settings": lambda app, pilot: press(pilot, "4"),
    "plan-agenda": lambda app, pilot: plan(app, pilot, DONE),
    "plan-agenda-last": lambda app, pilot: plan(app, pilot, DONE, *["down"] * (len(app.project.agenda(workshop(app, DONE).id)) - 1)),
    "plan-attendance": lambda app, pilot: plan(app, pilot, PLANNED, "2"),
    "cockpit-today": lambda app, pilot: cockpit(app, pilot, TODAY),
    "cockpit-today-running": lambda app, pilot: cockpit(app, pilot, TODAY, "space", "right"),
    "cockpit-today-values": lambda app, pilot: cockpit(app, pilot, TODAY, "right"),
    "cockpit-run-in-october": lambda app, pilot: cockpit(app, pilot, DONE),
    "values-contribute": lambda app, pilot: exercise(app, pilot, TODAY, "values"),
    "values-merge": at_step(values, "values", "merge"),
    "values-merge-two-marked": at_step(values, "values", "merge", "space", "down", "space"),
    "values-vote": at_step(values, "values", "vote"),
    "values-define": lambda app, pilot: exercise(app, pilot, DONE, "values"),
    "apt-groups": at_step(apt, "apt", "groups"),
    "apt-grid": at_step(apt, "apt", "grid"),
    "apt-weigh": at_step(apt, "apt", "weigh"),
    "apt-objectives": at_step(apt, "apt", "outputs"),
    "apt-risks": at_step(apt, "apt", "outputs", "2"),
    "apt-charter": at_step(apt, "apt", "outputs", "3"),
    "apt-balance": lambda app, pilot: exercise(app, pilot, DONE, "apt"),
    "supra-drafts": lambda app, pilot: exercise(app, pilot, TODAY, "supra"),
    "supra-adopted": lambda app, pilot: exercise(app, pilot, DONE, "supra"),
    "supra-crossing": lambda app, pilot: exercise(app, pilot, DONE, "supra", "1", "2"),
    "matrix-empty": lambda app, pilot: exercise(app, pilot, TODAY, "matrix"),
    "matrix-action": lambda app, pilot: exercise(app, pilot, DONE, "matrix"),
    "matrix-cell": lambda app, pilot: exercise(app, pilot, DONE, "matrix", "right", "down"),
    "commitments-list": lambda app, pilot: exercise(app, pilot, DONE, "commitments"),
    "commitments-retained": lambda app, pilot: on_retained(app, pilot),
    "commitments-structures": lambda app, pilot: exercise(app, pilot, DONE, "commitments", "2"),
    "commitments-history": lambda app, pilot: exercise(app, pilot, DONE, "commitments", "3"),
    "commitments-today": lambda app, pilot: exercise(app, pilot, TODAY, "commitments"),
    "convention": lambda app, pilot: cockpit(app, pilot, DONE, "x", "ctrl+o"),
    "governance-today": lambda app, pilot: exercise(app, pilot, TODAY, "governance"),
    "governance-done": lambda app, pilot: exercise(app, pilot, DONE, "governance"),
    "securing-today": lambda app, pilot: exercise(app, pilot, TODAY, "securing"),
    "securing-done": lambda app, pilot: exercise(app, pilot, DONE, "securing"),
    **{f"swot-{step.value}": at_step(swot, "swot", step.value) for step in swot.STEPS},
    "swot-today": lambda app, pilot: exercise(app, pilot, TODAY, "swot"),
    **{f"stakeholders-{step.value}": at_step(stakeholders, "stakeholders", step.value) for step in stakeholders.STEPS},
    "stakeholders-today": lambda app, pilot: exercise(app, pilot, TODAY, "stakeholders"),
    **{f"roadmap-{step.value}": at_step(roadmap, "roadmap", step.value) for step in roadmap.STEPS},
    "roadmap-today": lambda app, pilot: exercise(app, pilot, TODAY, "roadmap"),
    **{f"fairness-{step.value}": at_step(fairness, "fairness", step.value) for step in fairness.STEPS},
    "fairness-today": lambda app, pilot: exercise(app, pilot, TODAY, "fairness"),
    "round-handoff": lambda app, pilot: round_screen(app, pilot, "none"),
    "round-turn": lambda app, pilot: round_screen(app, pilot, "none", "enter"),
    "round-waiting": lambda app, pilot: round_screen(app, pilot, "some"),
    "round-results": lambda app, pilot: round_screen(app, pilot, "all"),
}

# Dialogs, each opened by its key.
DIALOGS: dict[str, State] = {
    "confirm-removal": lambda app, pilot: press(pilot, "2", "delete"),
    "structure-form": lambda app, pilot: press(pilot, "a"),
    "participant-form": lambda app, pilot: press(pilot, "2", "a"),
    "workshop-form": lambda app, pilot: press(pilot, "3", "a"),
    "new-project": lambda app, pilot: press(pilot, "escape", "n"),
    "agenda-item-form": lambda app, pilot: plan(app, pilot, DONE, "a"),
    "notes-form": lambda app, pilot: plan(app, pilot, DONE, "n"),
    "item-notes": lambda app, pilot: cockpit(app, pilot, TODAY, "o"),
    "proposal": lambda app, pilot: cockpit(app, pilot, TODAY, "a"),
    "export": lambda app, pilot: cockpit(app, pilot, DONE, "x"),
    "round-setup": lambda app, pilot: cockpit(app, pilot, TODAY, "r"),
    "next-steps": lambda app, pilot: plan(app, pilot, DONE, "s"),
    "next-steps-today": lambda app, pilot: cockpit(app, pilot, TODAY, "s"),
    "next-step-form": lambda app, pilot: plan(app, pilot, DONE, "s", "a"),
    "help": lambda app, pilot: press(pilot, "f1"),
    "reason-refused": lambda app, pilot: exercise(app, pilot, DONE, "commitments", "x"),
    "follow-up": lambda app, pilot: on_retained(app, pilot, "s"),
    "merge-pick": at_step(values, "values", "merge", "space", "down", "space", "m"),
    "versions": lambda app, pilot: exercise(app, pilot, DONE, "supra", "h"),
}


_PRISTINE: dict[str, bytes] = {}  # the demo, built once per test process


def pristine_demo() -> bytes:
    if "demo" not in _PRISTINE:
        import tempfile

        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "demo.atelier"
            build_demo(path, FakeClock())
            _PRISTINE["demo"] = path.read_bytes()
    return _PRISTINE["demo"]


@dataclass
class Walk:
    """A demo project and an app that can go back to any state from scratch."""

    app: AtelierApp
    path: Path
    pristine: bytes

    @classmethod
    def make(cls, folder: Path) -> Walk:
        path = folder / "demo.atelier"
        path.write_bytes(pristine_demo())
        app = AtelierApp(library=ProjectLibrary(folder / "data"), project_path=path, clock=FakeClock())
        return cls(app, path, path.read_bytes())

    async def go(self, pilot, state: State) -> None:
        """The pristine demo, on its project screen, then `state`.

        The project is opened again only when something changed it; otherwise
        going back to the project screen is enough.
        """
        app = self.app
        project = app.project
        unchanged = project is not None and json.loads(self.pristine) == project.store.storage.read()
        bottom = 2 if unchanged else 1  # home, then the project screen
        while len(app.screen_stack) > bottom:
            await app.pop_screen()
        if not unchanged:
            app.close_project()
            self.path.write_bytes(self.pristine)
            for leftover in self.path.parent.glob("*.bak"):
                leftover.unlink()
            assert app.open_project(self.path)
        await settle(pilot)
        await state(app, pilot)
        await settle(pilot)
