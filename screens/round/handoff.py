"""The neutral screen between two voters: whose turn it is, nothing of the last input.

One widget drawn as a few centred lines (not one widget per line): it is shown
and hidden at every turn, and each widget on screen adds to that layout's cost.
"""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from screens.round.redraw import redraw
from screens.round.text import literal
from workshop.i18n import t


class HandOff(Static):
    """Waits for the named voter to press a key when ready.

    One hand-off serves the whole round (`show_voter` renames it); keys arrive
    through `take_key` from the round screen's stage.
    """

    class Acknowledged(Message):
        """The voter has the keyboard."""

    def __init__(self, name: str, structure: str, proxy: bool = False) -> None:
        self.voter_name = name
        self.structure = structure
        self.proxy = proxy
        super().__init__(self.lines(), classes="handoff")

    def lines(self) -> Content:
        lines = [Content.styled(t("rounds.handoff.turn_of"), "$text-muted"), Content("")]
        lines.append(literal(self.voter_name, "bold $accent"))
        if self.structure:
            lines.append(literal(self.structure, "$text-muted"))
        if self.proxy:
            lines.append(Content.styled(t("rounds.handoff.proxy"), "bold $warning"))
        lines += [Content(""), Content.styled(t("rounds.handoff.press_key"), "$text-muted")]
        return Content("\n").join(lines)

    def show_voter(self, name: str, structure: str, proxy: bool = False) -> None:
        if (name, structure, proxy) == (self.voter_name, self.structure, self.proxy):
            return
        self.voter_name, self.structure, self.proxy = name, structure, proxy
        redraw(self, self.lines())

    def take_key(self, event: events.Key) -> bool:
        if event.key in ("enter", "space") or (event.is_printable and "+" not in event.key):
            self.screen.post_message(self.Acknowledged())
            return True
        return False
