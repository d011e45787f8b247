"""The live cockpit on the demo project, driven with the keyboard and a FakeClock."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Digits, Markdown, Static, TextArea

from screens import registry
from screens.app import AtelierApp
from screens.cockpit import CockpitScreen
from screens.modals.help import HelpModal
from screens.modals.item_notes import ItemNotesModal
from screens.widgets.agenda_sidebar import AgendaRow, AgendaSidebar
from screens.widgets.countdown import BlockDigits, CountdownDisplay, block_lines, block_size, fit_scale
from screens.widgets.key_bar import KeyBar
from tests.screen_text import screen_text
from workshop.clock import FakeClock
from workshop.demo import AGENDA
from workshop.library import ProjectLibrary
from workshop.project import Project
from workshop.timer import Level

SIZE = (100, 30)


def planned_workshop(project: Project) -> int:
    """The demo's workshop of the day, still to run (the first one was run in October)."""
    return project.workshops()[-1].id


async def open_cockpit(app: AtelierApp, pilot) -> CockpitScreen:  # pilot: a Pilot
    await pilot.pause()
    assert app.project is not None
    screen = CockpitScreen(app.project, planned_workshop(app.project))
    await app.push_screen(screen)
    await pilot.pause()
    return screen


def digits(screen: CockpitScreen) -> str:
    return screen.query_one("#countdown Digits", Digits).value


def text_of(static: Static) -> str:
    return str(static.visual.plain) if hasattr(static.visual, "plain") else str(static.content)


@pytest.fixture
def app(demo_path: Path, library: ProjectLibrary, clock: FakeClock) -> AtelierApp:
    return AtelierApp(library=library, project_path=demo_path, clock=clock)


async def test_start_then_the_digits_follow_the_clock(app: AtelierApp, clock: FakeClock) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_cockpit(app, pilot)
        assert digits(screen) == "20:00"  # "Accueil et tour de présentation", 20 min
        await pilot.press("space")
        clock.advance(65)
        screen.update_timer()
        await pilot.pause()
        assert digits(screen) == "18:55"
        assert screen.reading is not None and screen.reading.running
        await pilot.press("space")
        clock.advance(600)
        screen.update_timer()
        await pilot.pause()
        assert digits(screen) == "18:55"  # paused
        assert screen.query_one(CountdownDisplay).has_class("-paused")


async def test_warning_colours_then_red_overtime_and_one_bell(
    app: AtelierApp, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    rings: list[None] = []
    monkeypatch.setattr(app, "bell", lambda: rings.append(None))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_cockpit(app, pilot)
        countdown = screen.query_one(CountdownDisplay)
        await pilot.press("space")
        clock.advance(16 * 60)  # 4 min left of 20: 20%
        screen.update_timer()
        assert countdown.level is Level.WARNING
        clock.advance(3 * 60)  # 1 min left: 5%
        screen.update_timer()
        assert countdown.level is Level.DANGER
        clock.advance(60 + 133)
        screen.update_timer()
        screen.update_timer()
        await pilot.pause()
        assert digits(screen) == "+02:13"
        assert countdown.has_class("-overtime")
        assert "dépassé" in text_of(screen.query_one("#timer-state", Static))
        clock.advance(30)
        screen.update_timer()
        assert len(rings) == 1


async def test_covered_by_another_screen_the_bell_still_rings_and_the_time_is_right_on_return(
    app: AtelierApp, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An exercise or a round covers the cockpit: the countdown is not drawn there, but
    the bell rings when time is up, and coming back shows the time as it is."""
    rings: list[None] = []
    monkeypatch.setattr(app, "bell", lambda: rings.append(None))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_cockpit(app, pilot)
        await pilot.press("space")
        await app.push_screen(Screen())  # what an exercise or a round does
        await pilot.pause()
        clock.advance(20 * 60 + 5)  # the 20 minutes are over
        screen.update_timer()
        assert len(rings) == 1
        assert digits(screen) == "20:00"  # not drawn while covered
        await app.pop_screen()
        await pilot.pause()
        assert digits(screen) == "+00:05"


async def test_under_a_dialog_the_countdown_keeps_moving(app: AtelierApp, clock: FakeClock) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_cockpit(app, pilot)
        await pilot.press("space", "o")  # the item's notes, over the cockpit
        await pilot.pause()
        assert isinstance(app.screen, ItemNotesModal)
        clock.advance(65)
        screen.update_timer()
        await pilot.pause()
        assert digits(screen) == "18:55"


async def test_plus_and_minus_keys_adjust_the_time(app: AtelierApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_cockpit(app, pilot)
        await pilot.press("plus", "equals_sign")
        assert digits(screen) == "22:00"
        await pilot.press("minus", "minus", "minus")
        assert digits(screen) == "19:00"
        assert "1 min retirée" in text_of(screen.query_one("#timer-state", Static))


async def test_minus_below_zero_shows_overtime(app: AtelierApp, clock: FakeClock) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_cockpit(app, pilot)
        await pilot.press("space")
        clock.advance(19 * 60 + 30)
        await pilot.press("minus")
        await pilot.pause()
        assert digits(screen) == "+00:30"


async def test_projection_mode_hides_the_facilitator_panels(app: AtelierApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_cockpit(app, pilot)
        sidebar = screen.query_one(AgendaSidebar)
        notes = screen.query_one("#notes")
        assert sidebar.display and notes.display
        await pilot.press("f")
        await pilot.pause()
        assert not sidebar.display
        assert not notes.display
        assert screen.query_one(CountdownDisplay).display
        assert screen.query_one("#item-title").display
        await pilot.press("f")
        await pilot.pause()
        assert sidebar.display and notes.display


async def test_next_and_previous_record_the_time_spent(app: AtelierApp, clock: FakeClock) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_cockpit(app, pilot)
        title = screen.query_one("#item-title", Static)
        assert text_of(title) == "Accueil et tour de présentation"
        await pilot.press("space")
        clock.advance(300)
        await pilot.press("right")
        assert text_of(title) == "Diagnostic : où en sont nos structures ?"
        assert f"2 sur {len(AGENDA)}" in text_of(screen.query_one("#position", Static))
        assert app.project is not None
        first = app.project.agenda(screen.workshop_id)[0]
        assert first.actual_seconds == pytest.approx(300)
        await pilot.press("n")
        assert text_of(title) == "Nos valeurs communes"
        await pilot.press("left", "b")
        assert text_of(title) == "Accueil et tour de présentation"
        rows = list(screen.query(AgendaRow))
        assert rows[0].has_class("-current")
        assert "Diagnostic" in rows[1].text


async def test_a_restarted_app_shows_the_right_remaining_time(
    demo_path: Path, library: ProjectLibrary, clock: FakeClock
) -> None:
    first = AtelierApp(library=library, project_path=demo_path, clock=clock)
    async with first.run_test(size=SIZE) as pilot:
        screen = await open_cockpit(first, pilot)
        await pilot.press("space")
        clock.advance(100)
        await pilot.press("right")  # on to the 50-min item, running
        clock.advance(60)
        await pilot.press("plus")
    # The app is gone (as after a crash, nothing more was saved); time went on.
    clock.advance(200)
    second = AtelierApp(library=library, project_path=demo_path, clock=clock)
    async with second.run_test(size=SIZE) as pilot:
        screen = await open_cockpit(second, pilot)
        assert text_of(screen.query_one("#item-title", Static)) == "Diagnostic : où en sont nos structures ?"
        assert digits(screen) == "46:40"  # 50 + 1 - (1 + 3:20)
        assert screen.reading is not None and screen.reading.running


async def test_a_grid_of_sizes_never_crashes(app: AtelierApp, clock: FakeClock) -> None:
    sizes = [(10, 5), (20, 8), (40, 12), (63, 20), (80, 24), (120, 40), (160, 50), (250, 70)]
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_cockpit(app, pilot)
        await pilot.press("space")
        for step, size in enumerate(sizes + sizes[::-1]):
            if step == len(sizes):  # the second pass in projection mode
                await pilot.press("f")
            await pilot.resize_terminal(*size)
            clock.advance(400)
            screen.update_timer()
            await pilot.press("n")
            await pilot.pause()
            assert app.screen is screen
        assert screen.has_class("-projection")


async def test_the_agenda_gives_way_on_narrow_terminals(app: AtelierApp) -> None:
    async with app.run_test(size=(50, 20)) as pilot:
        screen = await open_cockpit(app, pilot)
        assert not screen.query_one(AgendaSidebar).display
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert screen.query_one(AgendaSidebar).display


async def test_user_text_is_shown_literally(app: AtelierApp, demo_path: Path) -> None:
    tricky = "[red]Zoé[/] [/ [0] ✨ مرحبا"
    async with app.run_test(size=SIZE) as pilot:
        assert app.project is not None
        workshop_id = planned_workshop(app.project)
        items = app.project.agenda(workshop_id)
        app.project.update_agenda_item(items[0].id, title=tricky)
        app.project.update_agenda_item(items[1].id, title="[bold]Suite[/bold]")
        app.project.update_workshop(workshop_id, title="[b]Atelier[/b] [/")
        screen = await open_cockpit(app, pilot)
        header_title = app.format_title(screen.title or "", screen.sub_title or "")
        assert "[b]Atelier[/b] [/" in header_title.plain
        assert text_of(screen.query_one("#item-title", Static)) == tricky
        assert "[bold]Suite[/bold]" in text_of(screen.query_one("#next-up", Static))
        assert tricky in list(screen.query(AgendaRow))[0].text
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, ItemNotesModal)
        await pilot.press("escape")


async def test_notes_are_rendered_and_edited_in_a_text_area(app: AtelierApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_cockpit(app, pilot)
        await pilot.press("o")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, ItemNotesModal)
        area = modal.query_one(TextArea)
        area.insert("- **Tour** de table")
        await pilot.press("space", "n", "f")  # typed into the notes, not cockpit keys
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert app.project is not None
        item = app.project.agenda(screen.workshop_id)[0]
        assert item.notes == "- **Tour** de table nf"
        assert screen.reading is not None and not screen.reading.running
        markdown = screen.query_one("#notes-body", Markdown)
        assert "Tour" in markdown.source


async def test_help_lists_the_keys(app: AtelierApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_cockpit(app, pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpModal)
        assert "Espace" in app.screen.markdown and "+02:13" in app.screen.markdown


class ProbeScreen(Screen[None]):
    """Stands for a tool or an exercise screen; renames the item to prove the cockpit refreshes."""

    BINDINGS = [("escape", "leave", "")]

    def __init__(self, project: Project, workshop_id: int, item_id: int) -> None:
        super().__init__()
        self.args = (project, workshop_id, item_id)

    def action_leave(self) -> None:
        project, _workshop_id, item_id = self.args
        project.update_agenda_item(item_id, title="Renommé par l'outil")
        self.dismiss()


def open_probe(project: Project, workshop_id: int, item_id: int) -> ProbeScreen:
    return ProbeScreen(project, workshop_id, item_id)


@pytest.fixture
def probe_tool(monkeypatch: pytest.MonkeyPatch) -> registry.CockpitTool:
    tool = registry.CockpitTool("k", "probe", "cockpit.key_notes", f"{__name__}:open_probe", order=1)
    monkeypatch.setattr(registry, "TOOLS", (*registry.TOOLS, tool))
    return tool


async def test_registered_tools_become_footer_keys(app: AtelierApp, probe_tool: registry.CockpitTool) -> None:
    async with app.run_test(size=(160, 30)) as pilot:
        screen = await open_cockpit(app, pilot)
        assert "k" in screen.active_bindings
        assert screen.active_bindings["k"].binding.action == "tool('probe')"
        shown = {(entry.key, entry.description) for entry in screen.query_one(KeyBar).entries}
        assert ("k", "Notes") in shown
        assert "**K**" in screen.help_markdown()
        await pilot.press("right")
        await pilot.press("k")
        await pilot.pause()
        probe = app.screen
        assert isinstance(probe, ProbeScreen)
        assert app.project is not None
        current = app.project.agenda(screen.workshop_id)[1]
        assert probe.args == (app.project, screen.workshop_id, current.id)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert text_of(screen.query_one("#item-title", Static)) == "Renommé par l'outil"


async def test_a_tool_cannot_take_a_cockpit_key(app: AtelierApp, monkeypatch: pytest.MonkeyPatch) -> None:
    tool = registry.CockpitTool("n", "thief", "cockpit.key_notes", f"{__name__}:open_probe")
    monkeypatch.setattr(registry, "TOOLS", (*registry.TOOLS, tool))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_cockpit(app, pilot)
        await pilot.press("n")
        assert not isinstance(app.screen, ProbeScreen)
        assert f"2 sur {len(AGENDA)}" in text_of(screen.query_one("#position", Static))


async def test_enter_opens_the_exercise_screen_of_the_item(
    app: AtelierApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(registry.EXERCISE_SCREENS, "free", f"{__name__}:ProbeScreen")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_cockpit(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ProbeScreen)
        assert app.screen.args[1:] == (screen.workshop_id, app.project.agenda(screen.workshop_id)[0].id)


async def test_enter_on_a_free_item_opens_nothing(app: AtelierApp) -> None:
    assert "free" not in registry.EXERCISE_SCREENS
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_cockpit(app, pilot)
        assert "enter" not in screen.active_bindings, "⏎ is not offered on a free item"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen


async def test_escape_goes_back_and_the_timer_keeps_running(app: AtelierApp, clock: FakeClock) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_cockpit(app, pilot)
        below = app.screen_stack[-2]
        await pilot.press("space")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is below
        clock.advance(60)
        assert screen.live is not None and screen.live.reading().elapsed == pytest.approx(60)


async def test_an_empty_agenda_explains_itself(app: AtelierApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.project is not None
        empty = app.project.add_workshop("Atelier sans déroulé")
        screen = CockpitScreen(app.project, empty.id)
        await app.push_screen(screen)
        await pilot.pause()
        await pilot.press("space", "plus", "minus", "n", "b", "enter", "o", "f", "f")
        await pilot.pause()
        assert app.screen is screen
        assert "vide" in text_of(screen.query_one("#item-title", Static))
        assert not screen.query_one(CountdownDisplay).display


async def test_projection_fills_the_screen_with_block_digits(app: AtelierApp) -> None:
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_cockpit(app, pilot)
        countdown = screen.query_one(CountdownDisplay)
        assert not countdown.blocks_shown
        await pilot.press("f")
        await pilot.pause()
        assert countdown.blocks_shown
        drawn = countdown.query_one(BlockDigits).render()
        assert isinstance(drawn, Content)
        lines = drawn.plain.split("\n")
        assert len(lines) >= 20 and "█" in lines[0]  # at least 4 times the 5-row glyphs
        assert digits(screen) == "20:00"  # the Digits keep the value
        await pilot.press("f")
        await pilot.pause()
        assert not countdown.blocks_shown


def test_block_digits_scale_and_fit() -> None:
    assert block_lines("1", 1) == ["  ██  ", "████  ", "  ██  ", "  ██  ", "██████"]
    assert block_lines("-", 2)[4:6] == ["████████████"] * 2
    assert block_size("20:00", 1) == (34, 5)
    assert fit_scale("20:00", 34, 5) == 1
    assert fit_scale("20:00", 33, 50) == 0
    assert fit_scale("20:00", 200, 16) == 3


async def test_a_missing_workshop_shows_a_message_and_nothing_breaks(app: AtelierApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        below = app.screen
        assert app.project is not None
        screen = CockpitScreen(app.project, 999)
        await app.push_screen(screen)
        await pilot.pause()
        await pilot.press("space", "n", "o", "enter", "plus")
        assert app.screen is screen
        assert len(app._notifications) == 1
        await pilot.press("escape")
        assert app.screen is below


async def test_every_cockpit_key_is_on_screen_at_80_columns(app: AtelierApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_cockpit(app, pilot)
        await pilot.pause()
        bar = screen.query_one(KeyBar)
        lines = screen_text(app).splitlines()[bar.region.y : bar.region.bottom]
        shown = " ".join(" ".join(lines).split())
        assert len(bar.entries) >= 10
        for entry in bar.entries:
            assert f"{entry.display} {entry.description}" in shown, entry


async def test_a_workshop_run_on_another_day_says_so(app: AtelierApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.project is not None
        earlier = app.project.workshops()[0].id  # run on 12/10/2026
        await app.push_screen(CockpitScreen(app.project, earlier))
        await pilot.pause()
        text = screen_text(app)
        assert "Mené le 12/10/2026" in " ".join(text.split())
        assert "pas encore lancé" not in text
