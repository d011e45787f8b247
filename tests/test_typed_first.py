"""Letters typed just before Enter or Ctrl+S are part of what is saved, however fast they came.

Pilot's `press` waits for the app to be idle after every key: a burst of keys
(fast typing, or what a terminal multiplexer sends in one write) is never seen.
Here the keys are sent in one go, as the terminal driver would hand them over.
Found in tmux: `n`, then "Essai trois" and Enter in one write, and the new
project prompt said the name was empty while the field showed it.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from textual import events
from textual.app import App
from textual.keys import _character_to_key, _get_unicode_name_from_key

from screens.app import AtelierApp
from screens.modals.prompt import PromptModal
from screens.modals.structure import StructureModal
from screens.project import ProjectScreen
from tests.screen_text import settle
from workshop.clock import FakeClock
from workshop.library import ProjectLibrary
from workshop.project import Project


def burst(app: App[object], *keys: str) -> None:
    """Hand `keys` to the app in one go, with the characters a terminal sends for them."""
    assert app._driver is not None
    for key in keys:
        if len(key) == 1 and not key.isalnum():
            key = _character_to_key(key)
        try:
            char: str | None = unicodedata.lookup(_get_unicode_name_from_key(key))
        except KeyError:
            char = key if len(key) == 1 else None
        event = events.Key(key, char)
        event.set_sender(app)
        app._driver.send_message(event)


async def test_a_project_name_typed_in_one_burst_with_enter_is_the_name(library: ProjectLibrary) -> None:
    app = AtelierApp(library=library, clock=FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, PromptModal)
        burst(app, *"Essai trois", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ProjectScreen), "the prompt refused the name as empty"
        assert app.project is not None and app.project.name == "Essai trois"


async def test_a_form_saved_with_ctrl_s_right_after_typing_keeps_every_letter(
    project_path: Path, library: ProjectLibrary
) -> None:
    Project.create(project_path, "Essai").close()
    app = AtelierApp(library=library, project_path=project_path, clock=FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, StructureModal)
        # Ctrl+S twice in the same burst (an impatient facilitator): saved once.
        burst(app, *"Les Tilleuls", "ctrl+s", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ProjectScreen)
        assert app.project is not None
        assert [s.name for s in app.project.structures()] == ["Les Tilleuls"]
