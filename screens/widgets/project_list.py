"""The home screen's list of projects: a header line and one line per project.

A light widget on purpose. The home screen is the first thing `atelier` shows,
and a DataTable or OptionList costs a noticeable share of the start-up time
(DESIGN §6). The list never takes the focus: the home screen owns the keys, so
the footer is laid out once.

Cells are drawn as plain segments: a name a person typed is never read as markup.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

GAP = 2  # spaces between columns
NAME_MIN = 12  # the name column never gets narrower than this


class ProjectRow(NamedTuple):
    name: str
    workshops: str
    modified: str
    warning: str = ""  # shown after the name, in red: the file could not be read


class ProjectList(ScrollView, can_focus=False):
    COMPONENT_CLASSES = {"project-list--header", "project-list--cursor", "project-list--warning", "project-list--empty"}
    DEFAULT_CSS = """
    ProjectList {
        height: 1fr;
        overflow-x: hidden;
    }
    ProjectList > .project-list--header { text-style: bold; color: $text-accent; }
    ProjectList > .project-list--cursor { background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold; }
    ProjectList > .project-list--warning { color: $text-error; text-style: bold; }
    ProjectList > .project-list--empty { color: $text-muted; }
    """

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    class Chosen(Message):
        """A project was double-clicked."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, headers: tuple[str, str, str], *, empty: str, id: str | None = None) -> None:  # `id`: Textual's name
        super().__init__(id=id)
        self.headers = headers
        self.empty = empty  # what to say when there is no project
        self.rows: list[ProjectRow] = []
        self._fixed_widths = self._measure()

    # Content ----------------------------------------------------------------------
    def set_rows(self, rows: list[ProjectRow]) -> None:
        self.rows = rows
        self._fixed_widths = self._measure()
        self.on_resize()
        self.cursor = min(self.cursor, max(len(rows) - 1, 0))
        self.refresh()

    @property
    def row_count(self) -> int:
        return len(self.rows)

    # Moving -----------------------------------------------------------------------
    def move(self, delta: int) -> None:
        self.move_to(self.cursor + delta)

    def move_to(self, index: int) -> None:
        if self.rows:
            self.cursor = max(0, min(len(self.rows) - 1, index))

    @property
    def page(self) -> int:
        return max(self.size.height - 2, 1)

    def watch_cursor(self) -> None:
        # Keep the cursor's line in view below the header line.
        visible = max(self.size.height - 1, 1)
        top = round(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False)
        elif self.cursor >= top + visible:
            self.scroll_to(y=self.cursor - visible + 1, animate=False)
        self.refresh()

    def on_resize(self) -> None:
        # One line per project below the column titles.
        self.virtual_size = Size(self.size.width, len(self.rows) + 1)

    def on_click(self, event: events.Click) -> None:
        if event.y < 1:
            return
        index = round(self.scroll_y) + event.y - 1
        if 0 <= index < len(self.rows):
            self.cursor = index
            if event.chain >= 2:
                self.post_message(self.Chosen(index))

    # Drawing ----------------------------------------------------------------------
    def _measure(self) -> tuple[int, int]:
        """The widths of the workshop count and date columns: their longest cell."""
        count = max([cell_len(self.headers[1])] + [cell_len(row.workshops) for row in self.rows])
        modified = max([cell_len(self.headers[2])] + [cell_len(row.modified) for row in self.rows])
        return count, modified

    def _widths(self, width: int) -> tuple[int, int, int]:
        count, modified = self._fixed_widths
        return max(width - count - modified - 2 * GAP - 2, NAME_MIN), count, modified

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width  # without the scrollbar
        base = self.rich_style
        name_width, count_width, modified_width = self._widths(width)
        if not self.rows:
            text = self.empty if y == 1 else ""
            return Strip([Segment(" " + fit(text, width - 1), base + self.get_component_rich_style("project-list--empty"))])
        if y == 0:
            style = base + self.get_component_rich_style("project-list--header")
            cells = [(self.headers[0], ""), (self.headers[1], ""), (self.headers[2], "")]
        else:
            index = round(self.scroll_y) + y - 1
            if index >= len(self.rows):
                return Strip.blank(width, base)
            row = self.rows[index]
            style = base
            if index == self.cursor:
                style = base + self.get_component_rich_style("project-list--cursor")
            cells = [(row.name, row.warning), (row.workshops, ""), (row.modified, "")]
        segments = [Segment(" ", style)]
        (name, warning), (count, _), (modified, _) = cells
        segments.extend(self._name_cell(name, warning, name_width, style))
        segments.append(Segment(" " * GAP + count.rjust(count_width) + " " * GAP, style))
        segments.append(Segment(fit(modified, modified_width), style))
        return Strip(segments).adjust_cell_length(width, style)

    def _name_cell(self, name: str, warning: str, width: int, style: Style) -> list[Segment]:
        if not warning:
            return [Segment(fit(name, width), style)]
        marked = "  ⚠ " + warning
        room = max(width - cell_len(marked), NAME_MIN // 2)
        name_part = name if cell_len(name) <= room else fit(name, room)  # the warning follows the name
        warning_style = style + self.get_component_rich_style("project-list--warning", partial=True)
        return [Segment(name_part, style), Segment(fit(marked, max(width - cell_len(name_part), 0)), warning_style)]


def fit(text: str, width: int) -> str:
    """`text` padded or cut to exactly `width` cells; a cut ends with an ellipsis."""
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    if width < 1:
        return ""
    return set_cell_size(text, width - 1) + "…"
