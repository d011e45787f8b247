"""The key bar: every key the screen offers, wrapped rather than cut, clickable."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widget import Widget

from screens.app import AtelierApp
from screens.modals.prompt import PromptModal
from screens.widgets.key_bar import KeyBar
from tests.screen_text import flat_text, screen_text, settle
from workshop.clock import FakeClock
from workshop.library import ProjectLibrary

GROUP = Binding.Group("Étape")


class Pane(Widget, can_focus=True):
    def __init__(self, key: str, description: str, id: str) -> None:
        super().__init__(id=id)
        self._bindings.bind(key, f"app.pressed('{key}')", description)


class Probe(App[None]):
    BINDINGS = [
        Binding("left", "pressed('left')", "Précédent", key_display="←", group=GROUP),
        Binding("right", "pressed('right')", "Suivant", key_display="→", group=GROUP),
        Binding("x", "pressed('x')", "Une action au nom assez long"),
        Binding("y", "pressed('y')", "Une autre action assez longue"),
        Binding("z", "pressed('z')", "Encore une action bien longue"),
        Binding("h", "pressed('h')", "Cachée", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.pressed: list[str] = []

    def compose(self) -> ComposeResult:
        yield Pane("a", "Ajouter", id="one")
        yield Pane("b", "Barrer", id="two")
        yield KeyBar()

    def action_pressed(self, key: str) -> None:
        self.pressed.append(key)


def bar_lines(app: App) -> list[str]:
    bar = app.screen.query_one(KeyBar)
    lines = screen_text(app).splitlines()
    return lines[bar.region.y : bar.region.bottom]


async def test_keys_wrap_onto_a_second_line_instead_of_being_cut() -> None:
    app = Probe()
    async with app.run_test(size=(60, 12)) as pilot:
        await settle(pilot)
        lines = bar_lines(app)
        assert len(lines) == 3, lines
        text = " ".join(lines)
        for shown in ("← → Étape", "x Une action au nom assez long", "y Une autre action assez longue", "z Encore"):
            assert shown in text
        assert "Cachée" not in text
        assert all(len(line.rstrip()) <= 60 for line in lines)
    async with Probe().run_test(size=(200, 12)) as pilot:
        await settle(pilot)
        assert len(bar_lines(pilot.app)) == 1


async def test_the_bar_follows_the_focus() -> None:
    app = Probe()
    async with app.run_test(size=(120, 12)) as pilot:
        await settle(pilot)
        assert "a Ajouter" in " ".join(bar_lines(app))
        app.query_one("#two").focus()
        await settle(pilot)
        text = " ".join(bar_lines(app))
        assert "b Barrer" in text and "a Ajouter" not in text


async def test_clicking_an_entry_presses_its_key() -> None:
    app = Probe()
    async with app.run_test(size=(120, 12)) as pilot:
        await settle(pilot)
        bar = app.screen.query_one(KeyBar)
        line = bar_lines(app)[0]
        column = line.index("y Une autre") - bar.region.x + 2
        await pilot.click(KeyBar, offset=(column, 0))
        await settle(pilot)
        assert app.pressed == ["y"]
        column = line.index("← →") - bar.region.x
        await pilot.click(KeyBar, offset=(column, 0))
        await settle(pilot)
        assert app.pressed == ["y", "left"], "a group is pressed by its first key"


async def test_home_keys_are_clickable(library: ProjectLibrary) -> None:
    app = AtelierApp(library=library, clock=FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        line = bar_lines(app)[0]
        bar = app.screen.query_one(KeyBar)
        await pilot.click(KeyBar, offset=(line.index("n Nouveau") - bar.region.x, 0))
        await settle(pilot)
        assert isinstance(app.screen, PromptModal)
        assert "Nom du nouveau projet de coopération" in flat_text(app)  # the new project's question, not another prompt


async def test_labels_follow_the_language_chosen_after_the_modules_were_imported(library: ProjectLibrary) -> None:
    """Key labels are catalog keys translated when the bar is drawn: choosing English
    once every screen module is imported (as `atelier --lang en` does) changes them all."""
    import screens.cockpit
    import screens.exercises.values  # noqa: F401
    from workshop.i18n import set_language

    set_language("en")
    with library.create("Coop") as project:
        project.add_structure("Alpha")
    app = AtelierApp(library=library, clock=FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        home = " ".join(bar_lines(app))
        for english in ("n New", "⏎ Open", "r Rename", "Del Delete", "^q Quit", "f1 Help"):
            assert english in home, english
        await pilot.press("enter")
        await settle(pilot)
        project = " ".join(bar_lines(app))
        assert "Esc Back" in project and "a Add" in project and "⏎ Edit" in project
        for french in ("Retour", "Ajouter", "Quitter", "Aide", "Échap", "Suppr"):
            assert french not in home + project, french
