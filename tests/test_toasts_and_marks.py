"""Toasts never cover a dialog's buttons or the key bar; check boxes and criteria
read without colour."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Button, Input
from textual.widgets._toast import Toast

from screens.app import AtelierApp
from screens.modals.structure import StructureModal
from screens.widgets.checkbox import Checkbox
from screens.widgets.key_bar import KeyBar
from tests.app_states import DONE, Walk, exercise, press
from tests.screen_text import screen_text, settle
from workshop.clock import FakeClock
from workshop.library import ProjectLibrary
from workshop.project import Project

LONG = "Enregistré, mais une autre structure s'appelle déjà « Les Jardins de Montreuil » : vérifiez qu'il ne s'agit pas d'un doublon."


async def test_toasts_stay_clear_of_a_dialogs_buttons_and_of_the_key_bar(tmp_path: Path) -> None:
    walk = Walk.make(tmp_path)
    app = walk.app
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await walk.go(pilot, lambda app, pilot: press(pilot, "a"))
        dialog = app.screen
        assert isinstance(dialog, StructureModal)
        for _ in range(3):
            app.notify(LONG, timeout=30)
        await settle(pilot)
        assert len(dialog.query(Toast)) == 3
        # Every cell of the buttons and of the key bar shows them, not a toast over them.
        for widget in [*dialog.query(Button), dialog.query_one(KeyBar)]:
            region = widget.region
            for y in range(region.y, region.bottom):
                for x in range(region.x, region.right):
                    on_top, _ = dialog.get_widget_at(x, y)
                    assert not isinstance(on_top, Toast) and not any(isinstance(n, Toast) for n in on_top.ancestors), (widget, x, y)
        assert "Enregistré, mais une autre structure" in screen_text(app), "a toast is still shown, at the top"


async def test_check_boxes_read_x_or_blank_without_colour(tmp_path: Path) -> None:
    walk = Walk.make(tmp_path)
    app = walk.app
    async with app.run_test(size=(80, 24)) as pilot:
        await walk.go(pilot, lambda app, pilot: press(pilot, "a"))
        box = app.screen.query_one("#member", Checkbox)
        assert box.value and "[x] Membre de la coopération" in screen_text(app)
        assert "▐X▌" not in screen_text(app)
        box.focus()
        await press(pilot, "space")
        assert not box.value and "[ ] Membre de la coopération" in screen_text(app)


async def test_every_supra_criterion_says_yes_or_no_in_words(tmp_path: Path) -> None:
    walk = Walk.make(tmp_path)
    app = walk.app
    async with app.run_test(size=(80, 24)) as pilot:
        # Reopened, then the measurable criterion unmet: its indicators removed.
        await walk.go(pilot, lambda app, pilot: exercise(app, pilot, DONE, "supra", "o", "I", "o", "I", "o"))
        text = screen_text(app)
        assert "☒ non Mesurable" in text
        assert "☑ oui Précis et spécifique" in text


async def test_a_toast_shows_a_typed_name_as_typed(project_path: Path, library: ProjectLibrary) -> None:
    # Toasts are given plain text with markup=False: brackets a person typed are not styles.
    typed = "[b]Coop[/b] [red]des Tilleuls[/] [/"
    Project.create(project_path, "Essai").close()
    app = AtelierApp(library=library, project_path=project_path, clock=FakeClock())
    async with app.run_test(size=(120, 24), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        name = app.screen.query_one("#project-name", Input)
        name.focus()
        name.value = typed
        await pilot.press("enter")
        await settle(pilot)
        assert app.project is not None and app.project.name == typed
        shown = " ".join(toast.render().plain for toast in app.screen.query(Toast))
        assert f"« {typed} »" in shown, shown
