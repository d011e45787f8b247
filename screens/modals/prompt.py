"""Ask for one line of text; dismisses with what `save` returned (or the text), None when cancelled.

With `save` (a core call), the text is checked where it is saved: a refusal is
said inside the dialog, which stays open with the text as typed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Static

from screens.modals.dialog import REFUSED, Dialog
from screens.typed_first import typed_first
from screens.widgets.key_bar import KeyBar
from screens.widgets.line_input import LineInput


class PromptModal(Dialog[Any]):
    DEFAULT_CSS = """
    PromptModal { align: center middle; }
    PromptModal > Vertical {
        width: 70; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 1 2;
    }
    PromptModal Input { margin-top: 1; }
    """
    BINDINGS = [
        # Priority: before the field's own Enter, so that the bar shows it.
        Binding("enter", "submit", "common.validate", key_display="⏎", priority=True),
        Binding("escape", "cancel", "common.cancel"),
    ]

    def __init__(
        self,
        question: str,
        value: str = "",
        placeholder: str = "",
        save: Callable[[str], Any] | None = None,
    ) -> None:
        super().__init__()
        self.question = question
        self.value = value
        self.placeholder = placeholder
        self.save = save

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(self.question))
            yield LineInput(value=self.value, placeholder=self.placeholder)
            yield self.error_line()
        yield KeyBar()

    @typed_first
    def action_submit(self) -> None:
        text = self.query_one(Input).value
        if self.save is None:
            self.dismiss(text)
            return
        result = self.attempt(self.save, text)
        if result is not REFUSED:
            self.dismiss(result)

    def action_cancel(self) -> None:
        self.dismiss(None)
