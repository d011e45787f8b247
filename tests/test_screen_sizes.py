"""Every planning screen and form survives any terminal size, from 10×5 to 250×70."""

from __future__ import annotations

from pathlib import Path

import pytest

from screens.app import AtelierApp
from screens.home import HomeScreen
from screens.project import ProjectScreen
from screens.workshop_plan import WorkshopPlanScreen
from tests.screen_text import settle
from workshop.clock import FakeClock
from workshop.demo import build_demo
from workshop.library import ProjectLibrary

SIZES = [(10, 5), (20, 8), (40, 12), (80, 24), (120, 40), (250, 70)]


@pytest.fixture
def demo_library(tmp_path: Path) -> ProjectLibrary:
    library = ProjectLibrary(tmp_path / "data")
    library.ensure()
    build_demo(library.folder / "demo.atelier", FakeClock())
    return library


async def visit(pilot, keys: str) -> None:  # pilot: a Pilot
    """Press each key (space-separated) and let the app settle; a crash fails the test."""
    for key in keys.split():
        await pilot.press(key)
        await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_home_and_its_dialogs(size: tuple[int, int], demo_library: ProjectLibrary) -> None:
    app = AtelierApp(library=demo_library, clock=FakeClock())
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await visit(pilot, "f1 escape n escape r escape delete escape")
        assert isinstance(app.screen, HomeScreen)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_project_tabs_and_forms(size: tuple[int, int], demo_library: ProjectLibrary) -> None:
    app = AtelierApp(library=demo_library, project_path=demo_library.folder / "demo.atelier", clock=FakeClock())
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ProjectScreen)
        await visit(pilot, "f1 escape a escape e escape")  # structures (none can be removed: they have people)
        await visit(pilot, "2 a escape e escape delete escape")  # participants
        await visit(pilot, "3 e escape delete escape")  # workshops
        await visit(pilot, "4 tab tab")  # settings
        assert isinstance(app.screen, ProjectScreen)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_workshop_plan_tabs_and_forms(size: tuple[int, int], demo_library: ProjectLibrary) -> None:
    app = AtelierApp(library=demo_library, project_path=demo_library.folder / "demo.atelier", clock=FakeClock())
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ProjectScreen)
        screen.open_workshop(app.project.workshops()[-1].id)
        await settle(pilot)
        assert isinstance(app.screen, WorkshopPlanScreen)
        await visit(pilot, "f1 escape i escape a escape e escape n escape delete escape shift+down shift+up")
        await visit(pilot, "2 space p a x")
        assert isinstance(app.screen, WorkshopPlanScreen)


async def test_resizing_a_live_app_through_every_size(demo_library: ProjectLibrary) -> None:
    """A projector plugged in mid-session: each screen is resized through the whole grid."""
    app = AtelierApp(library=demo_library, project_path=demo_library.folder / "demo.atelier", clock=FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        project_screen = app.screen
        assert isinstance(project_screen, ProjectScreen)
        for tab in ("1", "2", "3", "4"):
            await visit(pilot, tab)
            for size in SIZES:
                await pilot.resize_terminal(*size)
                await settle(pilot)
        project_screen.open_workshop(app.project.workshops()[0].id)
        await settle(pilot)
        for keys in ("1", "2", "1 a"):
            await visit(pilot, keys)
            for size in reversed(SIZES):
                await pilot.resize_terminal(*size)
                await settle(pilot)
