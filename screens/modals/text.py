"""Write a longer text (a clause, a note) in a few lines; Ctrl+S saves, Escape cancels.

The text goes to a `save` callback (a core call): when the core refuses it, the
dialog stays open with the message and keeps the focus.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static, TextArea

from screens.modals.form import FormModal

R = TypeVar("R")


class TextModal(FormModal[str, R]):
    HINT_KEY = "convention.screen.text_hint"

    def __init__(self, heading: str, help_text: str, save: Callable[[str], R], initial: str = "") -> None:
        super().__init__(heading, save)
        self.help_text = help_text
        self.initial = initial

    def compose_fields(self) -> ComposeResult:
        if self.help_text:
            yield Static(Content(self.help_text), classes="field-help")
        yield TextArea(self.initial, id="text", soft_wrap=True, show_line_numbers=False)

    def on_mount(self) -> None:
        super().on_mount()
        area = self.query_one("#text", TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def values(self) -> str:
        return self.query_one("#text", TextArea).text
