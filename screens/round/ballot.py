"""What every vote turn shares: the voter's name, option keys, a status line, confirming.

Options are picked with keys (1–9, then a–z; the French keyboard's unshifted top
row counts as 1–9), so no cursor is needed. In a secret round nothing on screen
may depend on what the voter picked: only how much of the budget is used, and
messages that name no option.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

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


class BallotTurn(Vertical, can_focus=True):
    """Base of the vote turns; subclasses fill `options_content`, `status_content`, `handle`."""

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

    def compose(self) -> ComposeResult:
        yield Static(self.voter_content(), classes="turn-voter")
        if self.secret:
            yield Static(Content.styled(t("rounds.turn.secret_badge"), "italic"), classes="secret-badge")
        yield Static(self.options_content(), classes="ballot-options")
        yield Static(self.status_content(), classes="ballot-status")
        yield Static(Content(self.message), classes="ballot-message")
        yield from self.compose_extra()
        yield Static(Content(self.hint()), classes="hint")

    def compose_extra(self) -> ComposeResult:
        """Widgets a mode adds under the status line."""
        return iter(())

    def voter_content(self) -> Content:
        parts: list[Any] = [literal(self.voter_name, "bold")]
        if self.structure:
            parts += [" — ", literal(self.structure)]
        if self.proxy:
            parts += ["  ", (t("rounds.turn.proxy_badge"), "bold $warning")]
        return Content.assemble(*parts)

    # Subclasses -----------------------------------------------------------------
    def options_content(self) -> Content:
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

    def confirm(self) -> None:
        raise NotImplementedError

    # Shared ---------------------------------------------------------------------
    def option_count(self) -> int:
        return len(self.spec.options)

    def say(self, message: str = "") -> None:
        self.message = message
        self.refresh_ballot()

    def refresh_ballot(self) -> None:
        if not self.is_mounted:
            return
        self.query_one(".ballot-options", Static).update(self.options_content())
        self.query_one(".ballot-status", Static).update(self.status_content())
        self.query_one(".ballot-message", Static).update(Content(self.message))

    def option_line(self, index: int, label: str, marker: Content | str = "") -> Content:
        from workshop.rounds import option_key

        return Content.assemble((f" {option_key(index)} ", "reverse bold"), " ", literal(label), marker)

    def on_key(self, event: events.Key) -> None:
        if not self.has_focus:
            return
        handled = True
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
                self.say(t("rounds.turn.no_such_key"))
            else:
                handled = False
        if handled:
            event.stop()
            event.prevent_default()
