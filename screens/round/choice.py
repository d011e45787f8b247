"""A single-choice turn and a scale (1 to 5) turn: one key picks one answer."""

from __future__ import annotations

from textual.content import Content

from screens.round.ballot import BallotTurn
from workshop.i18n import t
from workshop.rounds import SCALE_VALUES, RoundMode, RoundSpec

BLANK = "blank"


class ChoiceTurn(BallotTurn):
    def __init__(self, spec: RoundSpec, name: str, structure: str, proxy: bool = False) -> None:
        self.scale = spec.mode is RoundMode.SCALE
        super().__init__(spec, name, structure, proxy)

    def reset(self) -> None:
        self.choice: int | str | None = None  # an option index, BLANK, or nothing yet

    def labels(self) -> list[str]:
        if self.scale:
            return [t(f"rounds.scale.{v}") for v in SCALE_VALUES]
        return list(self.spec.options)

    def option_count(self) -> int:
        return len(self.labels())

    def option_lines(self) -> list[Content]:
        lines = []
        for index, label in enumerate(self.labels()):
            marker: Content | str = ""
            if not self.secret and self.choice == index:
                marker = Content.styled("▶", "bold $success")
            lines.append(self.option_line(index, label, marker))
        return lines

    def status_content(self) -> Content:
        if self.choice is None:
            return Content(t("rounds.choice.none"))
        if self.secret:
            # A blank vote reads like any other choice: the room must not tell them apart.
            return Content.styled(t("rounds.choice.made_secret"), "bold")
        if self.choice == BLANK:
            return Content.styled(t("rounds.choice.blank"), "bold")
        return Content.assemble((t("rounds.choice.made_open"), "bold"), " ", self.labels()[int(self.choice)])

    def hint(self) -> str:
        return t("rounds.choice.hint")

    def pick(self, index: int) -> None:
        self.choice = index
        self.say()

    def blank(self) -> None:
        self.choice = BLANK
        self.say()

    def undo(self) -> None:
        self.choice = None
        self.say()

    def clear(self) -> None:
        self.choice = None
        self.say(t("rounds.turn.cleared"))

    def confirm(self) -> None:
        if self.choice is None:
            self.say(t("rounds.choice.pick_first"))
            return
        if self.choice == BLANK:
            value = None
        elif self.scale:
            value = SCALE_VALUES[int(self.choice)]
        else:
            value = int(self.choice)
        self.announce(self.BallotConfirmed(value))
