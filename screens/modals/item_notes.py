"""Edit an agenda item's facilitator notes (Markdown) in a text area.

Closing keeps what was typed (nothing typed is lost): dismisses with the text,
or None when it did not change.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from screens.widgets.key_bar import KeyBar
from workshop.i18n import t


class ItemNotesModal(ModalScreen[str | None]):
    DEFAULT_CSS = """
    ItemNotesModal { align: center middle; }
    ItemNotesModal > Vertical {
        width: 90%; max-width: 120; height: 90%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    ItemNotesModal #notes-title { text-style: bold; height: auto; }
    ItemNotesModal TextArea { height: 1fr; }
    """
    BINDINGS = [
        Binding("escape", "close", "cockpit.notes_save_close"),
        Binding("ctrl+s", "close", "cockpit.notes_save_close", show=False),
    ]

    def __init__(self, title: str, notes: str) -> None:
        super().__init__()
        self.item_title = title
        self.notes = notes

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(t("cockpit.notes_editor_title", title=self.item_title)), id="notes-title")
            yield TextArea(self.notes, soft_wrap=True, tab_behavior="focus", id="notes-text")
            yield Static(Content(t("cockpit.notes_editor_hint")), classes="hint")
        yield KeyBar()

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_close(self) -> None:
        text = self.query_one(TextArea).text
        self.dismiss(text if text != self.notes else None)
