"""Pick one entry from a list; dismisses with the chosen value, or None when cancelled."""

from __future__ import annotations

from typing import Generic, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from screens.widgets.key_bar import KeyBar
from workshop.i18n import t

V = TypeVar("V")


class PickOneModal(ModalScreen["V | None"], Generic[V]):
    DEFAULT_CSS = """
    PickOneModal { align: center middle; }
    PickOneModal > Vertical {
        width: 70; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 1 2;
    }
    PickOneModal OptionList { height: auto; max-height: 16; margin-top: 1; }
    """
    BINDINGS = [
        # Priority: the list's own Enter would hide this one from the key bar.
        Binding("enter", "choose", "common.choose", priority=True),
        Binding("escape", "cancel", "common.cancel"),
    ]

    def __init__(self, question: str, choices: list[tuple[str, V]]) -> None:
        super().__init__()
        self.question = question
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(self.question))
            # Labels are often typed by people: Content keeps them literal.
            yield OptionList(*(Option(Content(label), id=str(n)) for n, (label, _) in enumerate(self.choices)))
            yield Static(Content(t("common.enter_to_confirm")), classes="hint")
        yield KeyBar()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.choices[int(event.option.id or 0)][1])

    def action_choose(self) -> None:
        index = self.query_one(OptionList).highlighted
        if index is not None:
            self.dismiss(self.choices[index][1])

    def action_cancel(self) -> None:
        self.dismiss(None)
