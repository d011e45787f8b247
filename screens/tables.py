"""Filling a DataTable again without losing the facilitator's place in it."""

from __future__ import annotations

from collections.abc import Sequence

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
