"""A consent turn: agree, can live with it, objection, abstain; then an optional reason.

In a secret round the reason field comes after every answer and is masked, so
that neither its appearance nor its text tells the room what was picked; a
reason given with "agree" or "abstain" is not kept.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Static

from screens.round.ballot import BallotTurn
from screens.widgets.line_input import LineInput
from workshop.i18n import t
from workshop.rounds import CONSENT_ANSWERS, ConsentAnswer


class ConsentTurn(BallotTurn):
    def reset(self) -> None:
        self.answer: ConsentAnswer | None = None
        if self.is_mounted:
            self.query_one(Input).value = ""
            self.remove_class("asking-reason")

    def compose_extra(self) -> ComposeResult:
        yield Static(Content(t("rounds.consent.reason_prompt_secret" if self.secret else "rounds.consent.reason_prompt")), classes="reason-label")
        yield LineInput(password=self.secret, placeholder=t("rounds.consent.reason_placeholder"), classes="reason")

    def option_count(self) -> int:
        return len(CONSENT_ANSWERS)

    def option_lines(self) -> list[Content]:
        lines = []
        for index, answer in enumerate(CONSENT_ANSWERS):
            marker: Content | str = ""
            if not self.secret and self.answer is answer:
                marker = Content.styled("▶", "bold $success")
            lines.append(self.option_line(index, t(f"rounds.consent.{answer.value}"), marker))
        return lines

    def status_content(self) -> Content:
        if self.answer is None:
            return Content(t("rounds.choice.none"))
        if self.secret:
            return Content.styled(t("rounds.choice.made_secret"), "bold")
        return Content.assemble((t("rounds.choice.made_open"), "bold"), " ", t(f"rounds.consent.{self.answer.value}"))

    def hint(self) -> str:
        return t("rounds.consent.hint")

    def pick(self, index: int) -> None:
        self.answer = CONSENT_ANSWERS[index]
        self.say()

    def undo(self) -> None:
        self.answer = None
        self.say()

    def clear(self) -> None:
        self.answer = None
        self.query_one(Input).value = ""
        self.say(t("rounds.turn.cleared"))

    def confirm(self) -> None:
        if self.answer is None:
            self.say(t("rounds.choice.pick_first"))
            return
        if self.secret or self.answer.takes_reason:
            self.add_class("asking-reason")
            self.query_one(Input).focus()
            self.say(t("rounds.consent.reason_hint"))
            return
        self.announce(self.BallotConfirmed(self.answer.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.answer is None:
            return
        reason = event.value if self.answer.takes_reason else ""
        self.announce(self.BallotConfirmed(self.answer.value, reason))

    def on_key(self, event: events.Key) -> None:
        # Keys typed in the reason field bubble here; only Escape is ours.
        if event.key == "escape" and self.has_class("asking-reason"):
            # Back to the answers: the voter corrects before passing the keyboard.
            event.stop()
            self.remove_class("asking-reason")
            self.screen.query_one("#stage").focus()
            self.say()
