"""The neutral screen between two voters: whose turn it is, nothing of the last input."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from screens.round.redraw import redraw
from screens.round.text import literal
from workshop.i18n import t


class HandOff(Vertical):
    """Waits for the named voter to press a key when ready.

    One hand-off serves the whole round (`show_voter` renames it); keys arrive
    through `take_key` from the round screen's stage.
    """

    class Acknowledged(Message):
        """The voter has the keyboard."""

    def __init__(self, name: str, structure: str, proxy: bool = False) -> None:
        super().__init__(classes="handoff")
        self.voter_name = name
        self.structure = structure
        self.proxy = proxy

    def compose(self) -> ComposeResult:
        yield Static(Content(t("rounds.handoff.turn_of")), classes="handoff-lead")
        yield Static(literal(self.voter_name), classes="handoff-name")
        yield Static(literal(self.structure), classes="handoff-structure")
        yield Static(Content(t("rounds.handoff.proxy")), classes="proxy-note")
        yield Static(Content(t("rounds.handoff.press_key")), classes="hint")

    def on_mount(self) -> None:
        self.query_one(".handoff-structure").display = bool(self.structure)
        self.query_one(".proxy-note").display = self.proxy

    def show_voter(self, name: str, structure: str, proxy: bool = False) -> None:
        if (name, structure, proxy) == (self.voter_name, self.structure, self.proxy):
            return
        self.voter_name, self.structure, self.proxy = name, structure, proxy
        redraw(self.query_one(".handoff-name", Static), literal(name))
        redraw(self.query_one(".handoff-structure", Static), literal(structure))
        self.on_mount()

    def take_key(self, event: events.Key) -> bool:
        if event.key in ("enter", "space") or (event.is_printable and "+" not in event.key):
            self.screen.post_message(self.Acknowledged())
            return True
        return False
