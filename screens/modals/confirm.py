"""A yes/no question before something that changes or removes data.

The safe answer is the default: Enter and Escape cancel. Confirming takes its
own key (O for « oui », Y for "yes"), shown on the button and in the key bar, or
the button itself.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Static

from screens.modals.dialog import Dialog
from screens.widgets.key_bar import KeyBar
from workshop.i18n import t


class ConfirmModal(Dialog[bool]):
    """Dismisses with True (confirmed) or False."""

    DEFAULT_CSS = """
    ConfirmModal { align: center middle; }
    ConfirmModal > Vertical {
        width: 64; max-width: 100%; height: auto; max-height: 100%;
        border: thick $warning; background: $surface; padding: 1 2;
    }
    ConfirmModal #question { margin-bottom: 1; }
    ConfirmModal Horizontal { height: auto; align-horizontal: right; }
    ConfirmModal Button { margin-left: 1; }
    """
    BINDINGS = [
        Binding("escape", "answer(False)", "common.cancel"),
        Binding("o,y", "answer(True)", "common.yes", key_display="keys.confirm"),
        Binding("n", "answer(False)", "common.no", show=False),
    ]

    def __init__(self, question: str, confirm_label: str | None = None) -> None:
        super().__init__()
        self.question = question
        self.confirm_label = confirm_label or t("common.yes")

    def compose(self) -> ComposeResult:
        key = t("keys.confirm").upper()
        with Vertical():
            yield Static(Content(self.question), id="question")
            with Horizontal():
                yield Button(Content(t("confirm.cancel_button", label=t("common.cancel"))), id="no")
                yield Button(Content(t("confirm.yes_button", label=self.confirm_label, key=key)), id="yes", variant="error")
        yield KeyBar()

    def binding_label(self, action: str) -> str | None:
        # The key bar names what confirming does (« Retirer »), not a bare « Oui ».
        return self.confirm_label if action == "answer(True)" else None

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()  # the safe choice is the default

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
