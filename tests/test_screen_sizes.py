"""Every planning screen and form survives any terminal size, from 10×5 to 250×70, and
from 80×24 on shows each dialog's question and the field or button that has the focus."""

from __future__ import annotations

from pathlib import Path

import pytest

from screens.app import AtelierApp
from screens.home import HomeScreen
from screens.project import ProjectScreen
from screens.workshop_plan import WorkshopPlanScreen
from tests.conftest import copy_demo
from tests.screen_text import flat_text, settle
from workshop.clock import FakeClock
from workshop.library import ProjectLibrary

SIZES = [(10, 5), (20, 8), (40, 12), (80, 24), (120, 40), (250, 70)]


@pytest.fixture
def demo_library(tmp_path: Path, built_demo: Path) -> ProjectLibrary:
    library = ProjectLibrary(tmp_path / "data")
    library.ensure()
    copy_demo(built_demo, library.folder)
    return library


async def visit(pilot, keys: str) -> None:
    """Press each key (space-separated) and let the app settle; a crash fails the test,
    and so does a focused field the person cannot see (see `where_typing_goes_is_seen`)."""
    for key in keys.split():
        await pilot.press(key)
        await pilot.pause()
        where_typing_goes_is_seen(pilot.app)


def where_typing_goes_is_seen(app) -> None:
    """The focused widget is on the terminal: whole from 80×24 on, at least partly at 40×12.

    DESIGN §5: the app works at 80×24 and larger, and only must not crash below.
    (At 20×8 and 10×5 a dialog's focused field or button is often below the
    bottom edge: usable there is not asked.)"""
    focused = app.focused
    if focused is None:
        return
    region, screen = focused.region, app.screen.region
    if screen.width >= 80 and screen.height >= 24:
        assert region.area, f"{type(focused).__name__} has the focus but takes no room on {type(app.screen).__name__}"
        assert screen.contains_region(region), f"{type(focused).__name__} at {region} leaves the {screen.width}×{screen.height} screen"
    elif screen.width >= 40 and screen.height >= 12:
        assert screen.overlaps(region), f"{type(focused).__name__} at {region} is off the {screen.width}×{screen.height} screen"


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_home_and_its_dialogs(size: tuple[int, int], demo_library: ProjectLibrary) -> None:
    app = AtelierApp(library=demo_library, clock=FakeClock())
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        # Each dialog shows its own question: from 80×24 on, whole; at 20×8 and 40×12, its first word.
        for key, question in (
            ("f1", "Vos projets"),
            ("n", "Nom du nouveau projet de coopération"),
            ("r", "Nouveau nom du projet"),
            ("delete", "Supprimer définitivement le projet"),
        ):
            await visit(pilot, key)
            assert not isinstance(app.screen, HomeScreen), f"{key} opened no dialog"
            shown = flat_text(app)
            if size >= (80, 24):
                assert question in shown, f"{key}: {question!r} not on the {size} screen"
            elif size >= (20, 8):
                assert question.split()[0] in shown, f"{key}: nothing of {question!r} at {size}"
            # At 10×5 the frame leaves 3 rows of 6 columns: the dialog is open, no more is asked.
            await visit(pilot, "escape")
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
