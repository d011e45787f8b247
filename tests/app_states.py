"""Every screen of the demo project in each of its states, reached as a facilitator
would, for the tests that walk them all (the key bar's truth, the 80×24 grid).

A state is a coroutine that starts on the project screen of a freshly opened demo
and leaves the app in that state. `Walk` goes back to the pristine demo on a fresh
project screen before each state, so that a state never depends on what was
pressed in another.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual.screen import Screen

from exercises import apt, fairness, roadmap, stakeholders, swot, values
from exercises.fills.rounds import spread
from screens.app import AtelierApp
from screens.cockpit import CockpitScreen
from screens.project import ProjectScreen
from screens.registry import exercise_screen
from screens.round import RoundScreen
from screens.workshop_plan import WorkshopPlanScreen
from tests.screen_text import settle
from workshop.clock import FakeClock
from workshop.demo import build_demo
from workshop.library import ProjectLibrary
from workshop.model import AgendaItem, Workshop
from workshop.projectfile import read_project_file
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
    pristine_data: dict[str, Any]  # the pristine demo as a project holds it in memory
    base: Screen[Any] | None = None  # the project screen as opening showed it, while nothing can have changed it
    going: bool = False  # in `go`, which brings the project screen back on top itself
    watching: bool = False

    @classmethod
    def make(cls, folder: Path) -> Walk:
        path = folder / "demo.atelier"
        path.write_bytes(pristine_demo())
        app = AtelierApp(library=ProjectLibrary(folder / "data"), project_path=path, clock=FakeClock())
        return cls(app, path, path.read_bytes(), read_project_file(path))

    async def go(self, pilot, state: State) -> None:
        """The pristine demo, on its project screen as opening shows it, then `state`.

        The project is closed and opened again only when its data changed (or
        its undo log: something changed and was taken back). Otherwise the
        screens above the project screen are closed, and the project screen is
        built again unless nothing could have changed it since it was built: no
        key was pressed while it was on top, and it never came back on top. A key
        that moved a cursor or switched a tab leaves nothing behind.
        """
        app = self.app
        project = app.project
        if not self.watching:
            self._watch(pilot)
            if len(app.screen_stack) == 2:
                self.base = app.screen_stack[1]  # as the app opened the project at start-up
        self.going = True
        # Compared with the data as read (the file also carries its journal binding and inventory).
        unchanged = project is not None and not project.undo.steps and project.store.storage.read() == self.pristine_data
        if unchanged and self.base is not None and app.screen_stack[1:2] == [self.base]:
            while len(app.screen_stack) > 2:
                await app.pop_screen()
        else:
            while len(app.screen_stack) > 1:  # down to the home screen
                await app.pop_screen()
            if unchanged:
                assert project is not None
                app.push_screen(ProjectScreen(project))  # what opening it shows (see AtelierApp.open_project)
                app.resume_round_on_screen()
            else:
                app.close_project()
                self.path.write_bytes(self.pristine)
                for leftover in self.path.parent.glob("*.bak"):
                    leftover.unlink()
                assert app.open_project(self.path)
        await settle(pilot)
        self.base = app.screen if isinstance(app.screen, ProjectScreen) else None
        self.going = False
        await state(app, pilot)
        await settle(pilot)

    def _watch(self, pilot) -> None:
        """Forget the project screen as soon as a key may reach it, or it comes back on top."""
        self.watching = True
        press = pilot.press

        async def pressed(*keys: str) -> None:
            if self.app.screen is self.base:
                self.base = None
            await press(*keys)

        pilot.press = pressed

        def changed(screen: Screen[Any]) -> None:
            if screen is self.base and not self.going:
                self.base = None

        self.app.screen_change_signal.subscribe(self.app, changed, immediate=True)
