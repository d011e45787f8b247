"""A ballot's options in as many columns as the space needs: the instructions never fall off.

At 80×24 a turn has about a dozen lines for its options; 35 options then take
three columns, each label cut with an ellipsis where it must be. Options run
down the first column, then the next, so their keys read in order.
"""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

GUTTER = 2  # cells between two columns


class OptionColumns(Widget, can_focus=False):
    def __init__(self, lines: list[Content], *, classes: str | None = None) -> None:
        super().__init__(classes=classes)
        self.lines = lines

    def set_lines(self, lines: list[Content]) -> None:
        if lines != self.lines:
            self.lines = lines
            self.refresh()

    def layout_for(self, width: int, height: int) -> tuple[int, int]:
        """(columns, rows) for the options in a region of this size."""
        count = len(self.lines)
        if not count:
            return 1, 0
        columns = max(1, -(-count // max(1, height)))
        return columns, -(-count // columns)

    def render(self) -> Content:
        width, height = self.content_region.size
        if not self.lines or width <= 0:
            return Content("")
        columns, rows = self.layout_for(width, height)
        column_width = max(1, (width - GUTTER * (columns - 1)) // columns)
        out: list[Content] = []
        for row in range(rows):
            cells = []
            for column in range(columns):
                index = column * rows + row
                if index >= len(self.lines):
                    break
                last = column == columns - 1 or (column + 1) * rows + row >= len(self.lines)
                cell = self.lines[index].truncate(column_width, ellipsis=True, pad=not last)
                cells.append(cell)
            out.append(Content(" " * GUTTER).join(cells))
        return Content("\n").join(out)
