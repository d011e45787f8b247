"""The FFOM's four-quadrant grid on the projected screen.

On a large screen the four quadrants sit side by side, two by two, each under
its name and a one-line reminder of what belongs there. On a small one (80×24)
the grid folds: the quadrant in focus takes the room, the three others shrink
to one line each (name, count, what is still hidden), in their place in the
2 × 2 order. Entries waiting to be sorted (a four-quadrant round typed without
numbers) get a tray of their own above the grid, shown only while it holds any.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Container, Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from exercises.swot import QUADRANTS, UNSORTED

# The colour of each quadrant's name, here and in the answers and comparison tables.
STYLE = {"strength": "green", "weakness": "yellow", "opportunity": "cyan", "threat": "red", "": "magenta"}
WIDE_MIN_WIDTH = 100  # below this width, or this height, the grid folds
WIDE_MIN_HEIGHT = 32


class QuadrantPanel(Vertical):
    """One quadrant: its title, the reminder, its entries (one option each)."""

    def __init__(self, quadrant: str) -> None:
        super().__init__(classes="quadrant", id=f"q-{quadrant or 'unsorted'}")
        self.quadrant = quadrant
        self.entry_ids: list[int] = []

    def compose(self) -> ComposeResult:
        yield Static(classes="q-title")
        yield Static(classes="q-reminder")
        yield OptionList(classes="q-list")

    @property
    def entries(self) -> OptionList:
        return self.query_one(OptionList)

    def show(self, title: Content, reminder: Content, rows: list[tuple[int, Content]], empty: Content) -> None:
        """`rows`: (entry id, what to show) in display order."""
        self.query_one(".q-title", Static).update(title)
        self.query_one(".q-reminder", Static).update(reminder)
        options = self.entries
        keep = options.highlighted
        self.entry_ids = [entry_id for entry_id, _ in rows]
        options.clear_options()
        if rows:
            options.add_options([Option(prompt, id=str(entry_id)) for entry_id, prompt in rows])
            options.highlighted = min(keep or 0, len(rows) - 1)
        else:
            options.add_option(Option(empty, disabled=True))

    def selected(self) -> int | None:
        index = self.entries.highlighted
        if index is None or not 0 <= index < len(self.entry_ids):
            return None
        return self.entry_ids[index]

    def select(self, entry_id: int) -> None:
        if entry_id in self.entry_ids:
            self.entries.highlighted = self.entry_ids.index(entry_id)


class QuadrantGrid(Container):
    """The four quadrants and the tray of entries to sort; one of them has the focus."""

    def compose(self) -> ComposeResult:
        yield QuadrantPanel(UNSORTED)
        for quadrant in QUADRANTS:
            yield QuadrantPanel(quadrant.value)

    def panel(self, quadrant: str) -> QuadrantPanel:
        return self.query_one(f"#q-{quadrant or 'unsorted'}", QuadrantPanel)

    def panels(self) -> list[QuadrantPanel]:
        return list(self.query(QuadrantPanel))

    @staticmethod
    def folds(width: int, height: int) -> bool:
        """Whether the grid folds at this terminal size."""
        return width < WIDE_MIN_WIDTH or height < WIDE_MIN_HEIGHT

    def fold(self, width: int, height: int, focused: str, with_unsorted: bool) -> None:
        """Fold or unfold for the terminal's size; mark the quadrant in focus."""
        folded = self.folds(width, height)
        self.set_class(folded, "-folded")
        self.set_class(with_unsorted, "-with-unsorted")
        for panel in self.panels():
            panel.display = bool(panel.quadrant) or with_unsorted
            here = panel.quadrant == focused
            panel.set_class(here, "-focused")
            panel.set_class(folded and not here, "-summary")
        panel = self.panel(focused)
        if panel.display and not panel.entries.has_focus:
            panel.entries.focus()
