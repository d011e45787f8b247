"""A yes/no question, answered with the keyboard."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from workshop.i18n import t


class ConfirmModal(ModalScreen[bool]):
    """Ask before something that cannot be undone; dismisses with True or False."""

    DEFAULT_CSS = """
    ConfirmModal { align: center middle; }
    ConfirmModal > Vertical {
        width: 60; max-width: 100%; height: auto; max-height: 100%;
        border: thick $warning; background: $surface; padding: 1 2;
    }
    ConfirmModal #question { margin-bottom: 1; }
    ConfirmModal Horizontal { height: auto; align-horizontal: right; }
    ConfirmModal Button { margin-left: 1; }
    """
    BINDINGS = [
        Binding("escape", "answer(False)", t("common.cancel")),
        Binding("y,o", "answer(True)", t("common.yes"), show=False),
        Binding("n", "answer(False)", t("common.no"), show=False),
    ]

    def __init__(self, question: str, confirm_label: str | None = None) -> None:
        super().__init__()
        self.question = question
        self.confirm_label = confirm_label or t("common.yes")

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(self.question), id="question")
            with Horizontal():
                yield Button(Content(t("common.cancel")), id="no")
                yield Button(Content(self.confirm_label), id="yes", variant="error")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
