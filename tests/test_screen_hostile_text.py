"""Hostile names on every screen: no control character reaches the terminal, no border moves.

The demo project is given hostile texts the way an imported or hand-edited file
would bring them (written into the file, past the core's checks): escape
sequences, C1 controls, bidi overrides, noncharacters, lone surrogates, and
emoji sequences that Rich measures as one character but many terminals draw
code point by code point (a family joined by ZWJ, a VS16 heart, a skin tone).
Every screen is then rendered, and each line checked:

- no segment carries a character that acts on a terminal;
- drawn code point by code point (the way tmux or the Linux console draw), each
  line still takes exactly the screen's width: nothing after an emoji, a
  border least of all, has moved.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from rich.cells import get_character_cell_size
from textual.app import App
from textual.events import Key, Paste
from textual.keys import _character_to_key
from textual.widgets import TextArea

from screens import registry
from screens.app import AtelierApp
from screens.cockpit import CockpitScreen
from screens.project import ProjectScreen
from screens.widgets.line_input import LineInput
from screens.workshop_plan import WorkshopPlanScreen
from tests.conftest import copy_demo
from tests.screen_text import screen_text, settle
from workshop.clock import FakeClock
from workshop.library import ProjectLibrary

SIZE = (120, 40)
FAMILY = "👨\u200d👩\u200d👧"
HOSTILE = [
    f"\x1b[31mRouge\x1b[0m {FAMILY}",
    "Cœur ❤\ufe0f \u202eesrever",
    "Main 👋🏽 \x9b31m\x00nul",
    "Non\ufffecaractère \ud800 seul",
    "\x1b]0;titre\x07 \u2066isolé\u2069",
]
RAW = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff]")


def hostile_demo(built_demo: Path, folder: Path) -> Path:
    """The demo, with hostile texts written straight into the file (as an imported file brings them)."""
    path = copy_demo(built_demo, folder)
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    for index, record in enumerate(data["structures"].values()):
        record["name"] = f"{HOSTILE[index % len(HOSTILE)]} S{index}"
    for index, record in enumerate(data["participants"].values()):
        record["name"] = f"{HOSTILE[(index + 1) % len(HOSTILE)]} P{index}"
    for index, record in enumerate(data["workshops"].values()):
        record["title"] = f"Atelier {index} {HOSTILE[index]}"
        record["place"] = HOSTILE[2]
    for index, record in enumerate(data["agenda"].values()):
        record["title"] = f"{HOSTILE[index % len(HOSTILE)]} {index}"
        record["notes"] = f"**Gras** {FAMILY}\n\n<script>alert(1)</script>\n\n- {HOSTILE[0]}"
    for record in data["rounds"].values():
        for contribution in record.get("contributions", []):
            contribution["text"] = HOSTILE[1] + " " + contribution["text"]
    for record in data["proposals"].values():
        record["text"] = HOSTILE[0] + " " + record["text"]
    for record in data.get("securing", {}).values():
        record["text"] = HOSTILE[3] + " " + record["text"]
    for record in data.get("swot", {}).values():
        for index, entry in enumerate(record.get("entries", [])):
            entry["text"] = f"{HOSTILE[index % len(HOSTILE)]} {entry['text']}"
    data["meta"]["1"]["name"] = f"Projet {HOSTILE[0]}"
    # ensure_ascii keeps the lone surrogate as a \ud800 escape, as a JSON tool would write it
    path.write_text(json.dumps(data, ensure_ascii=True), encoding="utf-8")
    return path


def drawn_width(text: str) -> int:
    """The width a terminal that draws each code point on its own gives the text."""
    return sum(get_character_cell_size(char) for char in text)


def check_screen(app: App, where: str) -> None:
    width = app.size.width
    for number, strip in enumerate(app.screen._compositor.render_strips()):
        text = "".join(segment.text for segment in strip if not segment.control)
        assert not RAW.search(text), f"{where}, line {number}: raw {RAW.search(text).group()!r} in {text!r}"
        assert drawn_width(text) == width, f"{where}, line {number} drawn {drawn_width(text)} cells wide: {text!r}"


async def _show(app: App, pilot: Any, screen: Any, where: str) -> None:
    await app.push_screen(screen)
    await settle(pilot)
    check_screen(app, where)
    app.pop_screen()
    await settle(pilot)


@pytest.fixture
def hostile_library(tmp_path: Path, built_demo: Path) -> ProjectLibrary:
    library = ProjectLibrary(tmp_path / "data")
    library.ensure()
    hostile_demo(built_demo, library.folder)
    return library


async def test_home_and_its_confirmation_dialog(hostile_library: ProjectLibrary) -> None:
    app = AtelierApp(library=hostile_library, clock=FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        check_screen(app, "home")
        assert "Projet ␛[31mRouge␛[0m" in screen_text(app)  # shown, visibly
        await pilot.press("d")  # a bordered dialog naming the project
        await settle(pilot)
        check_screen(app, "delete dialog")


async def test_every_screen_of_a_hostile_project(hostile_library: ProjectLibrary) -> None:
    app = AtelierApp(library=hostile_library, project_path=hostile_library.folder / "demo.atelier", clock=FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ProjectScreen)
        for tab in ("1", "2", "3", "4"):
            await pilot.press(tab)
            await settle(pilot)
            check_screen(app, f"project tab {tab}")
        project = app.project
        assert project is not None
        for workshop in project.workshops():
            app.screen.open_workshop(workshop.id)
            await settle(pilot)
            assert isinstance(app.screen, WorkshopPlanScreen)
            for tab in ("1", "2"):
                await pilot.press(tab)
                await settle(pilot)
                check_screen(app, f"plan of {workshop.id}, tab {tab}")
            cockpit = CockpitScreen(project, workshop.id)
            await app.push_screen(cockpit)
            await settle(pilot)
            for item in project.agenda(workshop.id):
                cockpit.live.go_to(item.id)
                cockpit.refresh_all()
                await settle(pilot)
                check_screen(app, f"cockpit on {item.id}")
                factory = registry.exercise_screen(item.kind)
                if factory is not None:
                    await _show(app, pilot, factory(project, workshop.id, item.id), f"{item.kind} screen of {item.id}")
            for tool in registry.tools():
                item_id = project.agenda(workshop.id)[0].id
                await _show(app, pilot, tool.factory(project, workshop.id, item_id), f"tool {tool.action}")
            app.pop_screen()  # the cockpit
            await settle(pilot)
            app.pop_screen()  # the plan
            await settle(pilot)


async def test_notes_show_markdown_and_html_as_text(hostile_library: ProjectLibrary) -> None:
    app = AtelierApp(library=hostile_library, project_path=hostile_library.folder / "demo.atelier", clock=FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        project = app.project
        workshop = project.workshops()[0]
        await app.push_screen(CockpitScreen(project, workshop.id))
        await settle(pilot)
        text = screen_text(app)
        assert "<script>alert(1)</script>" in text  # HTML shown as the text it is
        assert "**Gras**" not in text and "Gras" in text  # Markdown rendered
        check_screen(app, "cockpit notes")


async def test_a_paste_into_a_text_area_never_reaches_the_terminal_raw(hostile_library: ProjectLibrary) -> None:
    from screens.modals.item_notes import ItemNotesModal

    app = AtelierApp(library=hostile_library, project_path=hostile_library.folder / "demo.atelier", clock=FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await app.push_screen(ItemNotesModal("Notes", ""))
        await settle(pilot)
        area = app.screen.query_one(TextArea)
        area.focus()
        app._driver.send_message(Paste(f"\x1b[2J\x1b[31mrouge\x07 {FAMILY} ❤\ufe0f fin"))  # as the terminal sends it
        await settle(pilot)
        assert area.text.count("\x1b") == 2  # not yet through the core: only the screen protects the terminal
        check_screen(app, "notes being typed")


async def test_a_paste_into_a_single_line_field_keeps_every_line(hostile_library: ProjectLibrary) -> None:
    from screens.modals.prompt import PromptModal

    app = AtelierApp(library=hostile_library, clock=FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await app.push_screen(PromptModal("Nom ?"))
        await settle(pilot)
        field = app.screen.query_one(LineInput)
        field.focus()
        await settle(pilot)
        app._driver.send_message(Paste("ligne1\r\nligne2\r\n"))  # as the terminal sends it
        await settle(pilot)
        assert field.value == "ligne1 ligne2"
        field.value = ""
        app._driver.send_message(Paste("Tab\x0bvertical \x1b[31m"))
        await settle(pilot)
        assert field.value == "Tab vertical ␛[31m"
        check_screen(app, "prompt after a paste")


async def test_a_typed_zero_width_joiner_is_kept(hostile_library: ProjectLibrary) -> None:
    from screens.modals.prompt import PromptModal

    app = AtelierApp(library=hostile_library, clock=FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await app.push_screen(PromptModal("Nom ?"))
        await settle(pilot)
        for char in FAMILY:
            # As the terminal's input parser hands them over, one character at a
            # time (Pilot's press() cannot: it finds no character for a joiner).
            name = _character_to_key(char) if not char.isalnum() else char
            app._driver.send_message(Key(name, char))
            await pilot.pause()
        await settle(pilot)
        assert app.screen.query_one(LineInput).value == FAMILY
        check_screen(app, "prompt with a family emoji typed")
