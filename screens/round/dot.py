"""A dot-vote turn: spend a budget of points, at most a cap per option."""

from __future__ import annotations

from textual.content import Content

from screens.round.ballot import BallotTurn
from workshop.i18n import t


class DotTurn(BallotTurn):
    def reset(self) -> None:
        self.points = [0] * len(self.spec.options)
        self.history: list[int] = []
        self.confirm_short = False

    @property
    def used(self) -> int:
        return sum(self.points)

    def option_lines(self) -> list[Content]:
        lines = []
        for index, label in enumerate(self.spec.options):
            marker: Content | str = ""
            if not self.secret and self.points[index]:
                marker = Content.styled("●" * self.points[index], "bold $success")
            lines.append(self.option_line(index, label, marker))
        return lines

    def status_content(self) -> Content:
        text = t("rounds.dot.used", used=self.used, budget=self.spec.budget, cap=self.spec.cap)
        return Content.styled(text, "bold")

    def hint(self) -> str:
        return t("rounds.dot.hint")

    def pick(self, index: int) -> None:
        self.confirm_short = False
        if self.used >= self.spec.budget:
            self.nothing_added(t("rounds.dot.budget_spent"))
        elif self.points[index] >= self.spec.cap:
            self.nothing_added(t("rounds.dot.cap_reached", cap=self.spec.cap))
        else:
            self.points[index] += 1
            self.history.append(index)
            self.say()

    def undo(self) -> None:
        self.confirm_short = False
        if self.history:
            self.points[self.history.pop()] -= 1
        self.say()

    def clear(self) -> None:
        self.confirm_short = False
        self.points = [0] * len(self.spec.options)
        self.history.clear()
        self.say(t("rounds.turn.cleared"))

    def confirm(self) -> None:
        left = self.spec.budget - self.used
        if left and not self.confirm_short:
            self.confirm_short = True
            self.say(t("rounds.dot.points_left", left=left))
            return
        self.announce(self.BallotConfirmed(list(self.points)))
