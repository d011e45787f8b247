"""The neutral screen between two voters: whose turn it is, nothing of the last input."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from screens.round.text import literal
from workshop.i18n import t


class HandOff(Vertical, can_focus=True):
    """Waits for the named voter to press a key when ready."""

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
        if self.structure:
            yield Static(literal(self.structure), classes="handoff-structure")
        if self.proxy:
            yield Static(Content(t("rounds.handoff.proxy")), classes="proxy-note")
        yield Static(Content(t("rounds.handoff.press_key")), classes="hint")

    def on_key(self, event: events.Key) -> None:
        if event.key in ("enter", "space") or (event.is_printable and "+" not in event.key):
            event.stop()
            event.prevent_default()
            self.post_message(self.Acknowledged())
