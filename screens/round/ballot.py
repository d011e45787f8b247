"""What every vote turn shares: the voter's name, option keys, a status line, confirming.

Options are picked with keys (1–9, then a–z; the French keyboard's unshifted top
row counts as 1–9), so no cursor is needed. In a secret round nothing on screen
may depend on what the voter picked, only how much of the budget is used: a
choice made (blank included) reads the same whatever the option, and a key that
adds nothing (over the cap, over the budget, no such option) gets one neutral
message whatever the reason.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from screens.round.options import OptionColumns
from screens.round.redraw import redraw
from screens.round.text import literal
from workshop.i18n import t
from workshop.rounds import RoundSpec, option_index

# The AZERTY top row without Shift: & é " ' ( - è _ ç à  →  1 … 9, 0.
AZERTY_DIGITS = {ch: str((i + 1) % 10) for i, ch in enumerate("&é\"'(-è_çà")}


def typed_digit_or_letter(event: events.Key) -> str | None:
    character = event.character
    if not character or "+" in event.key and not event.key.startswith("shift+"):
        return None
    character = AZERTY_DIGITS.get(character, character)
    return character.lower() if len(character) == 1 else None


class BallotTurn(Vertical):
    """Base of the vote turns; subclasses fill `option_lines`, `status_content`, `pick`…

    One turn widget serves every voter of a round (`start` resets it): nothing is
    mounted between voters, so a key press costs little. Keys arrive through
    `take_key` from the round screen's stage, which keeps the focus.
    """

    class BallotConfirmed(Message):
        """The voter passes the keyboard: this ballot is final."""

        def __init__(self, choice: Any, reason: str = "") -> None:
            super().__init__()
            self.choice = choice
            self.reason = reason

    def __init__(self, spec: RoundSpec, name: str, structure: str, proxy: bool = False) -> None:
        super().__init__(classes="turn")
        self.spec = spec
        self.secret = spec.secret
        self.voter_name = name
        self.structure = structure
        self.proxy = proxy
        self.message = ""
        self._shown: dict[str, Content] = {}
        self.reset()

    def compose(self) -> ComposeResult:
        # What the voter must read first, then the options in what room is left. Few
        # widgets: the turn is shown and hidden for every voter, each one adds to the cost.
        yield Static(self.voter_content(), classes="turn-voter")
        yield Static(self.state_content(), classes="ballot-state")
        yield Static(Content(self.hint()), classes="hint")
        yield from self.compose_extra()
        yield OptionColumns(self.option_lines(), classes="ballot-options")

    def compose_extra(self) -> ComposeResult:
        """Widgets a mode adds under the status line."""
        return iter(())

    def start(self, name: str, structure: str, proxy: bool = False) -> None:
        """The next voter has the keyboard: a blank ballot."""
        self.voter_name = name
        self.structure = structure
        self.proxy = proxy
        self.message = ""
        self.reset()
        self._set(".turn-voter", self.voter_content())
        self.refresh_ballot()

    def voter_content(self) -> Content:
        """The voter's line, and under it the secret ballot's reminder."""
        parts: list[Any] = [literal(self.voter_name, "bold")]
        if self.structure:
            parts += [" — ", literal(self.structure)]
        if self.proxy:
            parts += ["  ", (t("rounds.turn.proxy_badge"), "bold $warning")]
        line = Content.assemble(*parts)
        if self.secret:
            line = Content("\n").join([line, Content.styled(t("rounds.turn.secret_badge"), "italic")])
        return line

    def state_content(self) -> Content:
        """The counter (or the choice made), then the last message (an empty line when none)."""
        return Content("\n").join([self.status_content(), Content.styled(self.message, "$warning")])

    # Subclasses -----------------------------------------------------------------
    def reset(self) -> None:
        """Forget the previous voter's ballot."""

    def option_lines(self) -> list[Content]:
        raise NotImplementedError

    def status_content(self) -> Content:
        raise NotImplementedError

    def hint(self) -> str:
        return t("rounds.turn.hint_choice")

    def pick(self, index: int) -> None:
        """The voter pressed the key of option `index`."""

    def undo(self) -> None:
        """Backspace: take back the last change."""

    def clear(self) -> None:
        """Delete: start the ballot again."""

    def blank(self) -> None:
        """0: a blank ballot, where the mode allows it."""
        self.nothing_added(t("rounds.turn.no_blank"))

    def confirm(self) -> None:
        raise NotImplementedError

    # Shared ---------------------------------------------------------------------
    def option_count(self) -> int:
        return len(self.spec.options)

    def say(self, message: str = "") -> None:
        self.message = message
        self.refresh_ballot()

    def nothing_added(self, reason: str) -> None:
        """A key that changed nothing: in a secret round, one message whatever the reason."""
        self.say(t("rounds.turn.nothing_added") if self.secret else reason)

    def _set(self, selector: str, content: Content) -> None:
        # Only what changed is updated (and laid out again only if its height changes).
        old = self._shown.get(selector)
        if old == content or not self.is_mounted:
            return
        self._shown[selector] = content
        redraw(self.query_one(selector, Static), content, old)

    def refresh_ballot(self) -> None:
        if self.is_mounted:
            if not self.secret:  # a secret ballot's options never change
                self.query_one(OptionColumns).set_lines(self.option_lines())
            self._set(".ballot-state", self.state_content())

    def on_mount(self) -> None:
        for selector in (".turn-voter", ".ballot-state"):
            shown = self.query_one(selector, Static).render()
            if isinstance(shown, Content):  # composed as Content: what `_set` compares with
                self._shown[selector] = shown

    def option_line(self, index: int, label: str, marker: Content | str = "") -> Content:
        """The option's key, then the open vote's marker (before the label: a cut label keeps it)."""
        from workshop.rounds import option_key

        parts: list[Content | str | tuple[str, str]] = [(f" {option_key(index)} ", "reverse bold"), " "]
        if marker:
            parts += [marker, " "]
        return Content.assemble(*parts, literal(label))

    def announce(self, message: Message) -> None:
        # Straight to the screen: posted while the stage handles a key, a bubbling
        # message would stop at the stage (Textual stops it after its sender).
        self.screen.post_message(message)

    def take_key(self, event: events.Key) -> bool:
        """A key pressed while the stage has the focus; True when it was used."""
        if event.key == "enter":
            self.confirm()
        elif event.key == "backspace":
            self.undo()
        elif event.key == "delete":
            self.clear()
        else:
            typed = typed_digit_or_letter(event)
            index = option_index(typed) if typed else None
            if typed == "0":
                self.blank()
            elif index is not None and index < self.option_count():
                self.pick(index)
            elif typed and typed.isalnum():
                self.nothing_added(t("rounds.turn.no_such_key"))
            else:
                return False
        return True
