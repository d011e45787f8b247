"""What a person would read on the terminal: the rendered screen as plain text."""

from __future__ import annotations

import re

from textual.app import App
from textual.pilot import Pilot
from textual.widgets import DataTable

_FRAME = re.compile(r"[█▀▄▔▁▊▎▌▐│─╭╮╰╯┃━╸╺]+")


async def settle(pilot: Pilot) -> None:
    """Let the app process messages and lay out new screens before reading them."""
    for _ in range(3):
        await pilot.pause()


def screen_text(app: App) -> str:
    """Every line of the current screen as rendered, without styles."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


def flat_text(app: App) -> str:
    """The screen's words with frames removed and lines joined: wrapped text reads whole again."""
    lines = (_FRAME.sub(" ", line).strip() for line in screen_text(app).splitlines())
    return " ".join(" ".join(line for line in lines if line).split())


def table_rows(table: DataTable) -> list[list[str]]:
    """The plain text of every cell, row by row, in display order."""
    rows = []
    for index in range(table.row_count):
        rows.append([getattr(cell, "plain", str(cell)) for cell in table.get_row_at(index)])
    return rows


def column(table: DataTable, index: int = 0) -> list[str]:
    return [row[index] for row in table_rows(table)]
