"""Write facilitator notes in Markdown, for an agenda item or the next steps."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from textual.app import ComposeResult
from textual.widgets import TextArea

from screens.modals.form import FormModal, field_label

R = TypeVar("R")


class NotesModal(FormModal[str, R]):
    """Escape keeps what was typed (it saves): notes are never lost by a reflex key."""

    HINT_KEY = "form.notes_hint"

    def __init__(self, heading: str, save: Callable[[str], R], text: str = "") -> None:
        super().__init__(heading, save)
        self.text = text

    def compose_fields(self) -> ComposeResult:
        yield field_label("form.notes_label")
        yield TextArea(self.text, id="notes", soft_wrap=True, tab_behavior="focus")

    def on_mount(self) -> None:
        area = self.query_one("#notes", TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_cancel(self) -> None:
        self.action_save()

    def values(self) -> str:
        return self.query_one("#notes", TextArea).text
