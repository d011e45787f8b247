"""Tick several entries of a short list; dismisses with the ticked values, or None when cancelled."""

from __future__ import annotations

from typing import Generic, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import SelectionList, Static
from textual.widgets.selection_list import Selection

from workshop.i18n import t

V = TypeVar("V")


class PickManyModal(ModalScreen["list[V] | None"], Generic[V]):
    DEFAULT_CSS = """
    PickManyModal { align: center middle; }
    PickManyModal > Vertical {
        width: 70; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 1 2;
    }
    PickManyModal SelectionList { height: auto; max-height: 12; margin-top: 1; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "common.cancel"),
        Binding("ctrl+s", "save", "common.save", priority=True),
    ]

    def __init__(self, question: str, choices: list[tuple[str, V]], ticked: list[V]) -> None:
        super().__init__()
        self.question = question
        self.choices = choices
        self.ticked = ticked

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(self.question))
            # Labels may have been typed by people: Content keeps them literal.
            yield SelectionList[int](
                *(Selection(Content(label), n, value in self.ticked) for n, (label, value) in enumerate(self.choices))
            )
            yield Static(Content(t("common.tick_and_save")), classes="hint")

    def on_mount(self) -> None:
        self.query_one(SelectionList).focus()

    def action_save(self) -> None:
        chosen = set(self.query_one(SelectionList).selected)
        self.dismiss([value for n, (_, value) in enumerate(self.choices) if n in chosen])

    def action_cancel(self) -> None:
        self.dismiss(None)
