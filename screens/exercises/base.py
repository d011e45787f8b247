"""What every exercise screen shares: the agenda item it works on, the same header
(the exercise, then the item), Escape to go back, its guide on F1, and rounds
handed around on the rounds screen. Exercises in steps go to the next one with N."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual import getters
from textual.screen import Screen

from screens.app_base import AtelierBase

if TYPE_CHECKING:
    from workshop.exercise import Exercise
    from workshop.project import Project


class ExerciseScreen(Screen[None]):
    app = getters.app(AtelierBase)  # self.app typed as Atelier's (and checked when read)
    exercise: ClassVar[Exercise]

    def __init__(self, project: Project, workshop_id: int, item_id: int = 0) -> None:
        super().__init__()
        self.project = project
        self.workshop_id = workshop_id
        self.item_id = item_id  # 0: opened as a tool, on no particular item

    def on_mount(self) -> None:
        # Called after the exercise's own on_mount (Textual walks the classes).
        self.title = self.exercise.title
        if self.item_id:
            self.sub_title = self.project.agenda_item(self.item_id).title
        else:
            self.sub_title = self.project.workshop(self.workshop_id).title

    def action_close(self) -> None:
        self.dismiss(None)

    def help_markdown(self) -> str:
        return self.exercise.guide()

    def run_round(self, round_id: int, done: Callable[[object], None]) -> None:
        """Hand the keyboard around with the rounds screen; `done` gets its result."""
        from screens.round import RoundScreen

        self.app.push_screen(RoundScreen(self.project, round_id), done)

    def round_finished(self, round_id: int) -> None:
        """A round of this exercise came back from the rounds screen (its results to collect)."""

    def resume_round(self, round_id: int) -> None:
        """Back into a round after a restart: when it ends, the exercise takes its results."""
        self.run_round(round_id, lambda _result: self.round_finished(round_id))
