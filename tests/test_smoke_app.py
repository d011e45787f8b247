"""The app starts on the home screen and opens a project."""

from __future__ import annotations

from pathlib import Path

from screens.app import AtelierApp
from screens.home import HomeScreen
from screens.project import ProjectScreen
from workshop.library import ProjectLibrary


async def test_home_then_open_demo(demo_path: Path, library: ProjectLibrary) -> None:
    app = AtelierApp(library=library, project_path=demo_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ProjectScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.project is None
