"""Filling a DataTable again without losing the facilitator's place in it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.widgets import DataTable
from textual.widgets.data_table import CellDoesNotExist, RowDoesNotExist

Row = tuple[str, Sequence[Text]]  # (row key, cells; rich Text so that typed names stay literal)


def selected_key(table: DataTable) -> str | None:
    if not table.row_count:
        return None
    try:
        key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
    except CellDoesNotExist:  # an out-of-range cursor means nothing is selected
        return None
    return key.value


def fill_table(table: DataTable, rows: Sequence[Row] | None, keep: str | None = None) -> None:
    """Replace the rows (unless `rows` is None) and put the cursor on `keep`, or where it was."""
    target = keep if keep is not None else selected_key(table)
    previous_row = table.cursor_row
    if rows is not None:
        table.clear()
        for key, cells in rows:
            table.add_row(*cells, key=key)
    if not table.row_count:
        return
    try:
        index = table.get_row_index(target) if target is not None else previous_row
    except RowDoesNotExist:
        index = previous_row
    table.move_cursor(row=max(0, min(index, table.row_count - 1)), animate=False)


@dataclass(frozen=True)
class Column:
    """A table column that knows how to give way on a narrow screen."""

    key: str
    label: str
    width: int  # cells it needs (fixed), or at least (flexible)
    flexible: bool = False  # takes a share of what is left, cutting long texts with "…"
    gives_way: int = 0  # 0: always shown; on a narrow screen the highest number goes first
    weight: int = 1  # a flexible column's share of the room left


class ColumnLayout:
    """Which columns a table shows at a given width, and how wide.

    Columns give way in a chosen order (notes before times, the exercise's
    name before the item's title); what a cut column hides is said whole in the
    screen's detail line for the selected row.
    """

    def __init__(self, columns: Sequence[Column]) -> None:
        self.columns = list(columns)
        self.shown: list[tuple[Column, int]] = []

    def fit(self, width: int) -> list[tuple[Column, int]]:
        kept = list(self.columns)
        # Each cell has one cell of padding on both sides; the table keeps room for a scrollbar.
        room = max(10, width - 2)

        def needed(columns: list[Column]) -> int:
            return sum(c.width + 2 for c in columns)

        for column in sorted(self.columns, key=lambda c: -c.gives_way):
            if needed(kept) <= room or not column.gives_way:
                break
            kept.remove(column)
        spare = max(0, room - needed(kept))
        weights = sum(c.weight for c in kept if c.flexible)
        widths = []
        for column in kept:
            grow = spare * column.weight // weights if column.flexible else 0
            widths.append((column, column.width + grow))
        return widths

    def apply(self, table: DataTable, width: int) -> bool:
        """Set the table's columns for `width`; True when they changed (refill the rows)."""
        shown = self.fit(width)
        if shown == self.shown and len(table.columns) == len(shown):
            return False
        self.shown = shown
        table.clear(columns=True)
        for column, size in shown:
            table.add_column(Text(column.label), width=size, key=column.key)
        return True

    def cells(self, values: dict[str, Text]) -> list[Text]:
        """The row's cells for the columns shown, cut with "…" rather than wrapped."""
        cells = []
        for column, _size in self.shown:
            cell = values.get(column.key, Text(""))
            cell.no_wrap = True
            cell.overflow = "ellipsis"
            cells.append(cell)
        return cells
