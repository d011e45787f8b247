"""Add or edit an agenda item: its exercise (when added), title, planned duration."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Select, Static

from screens.modals.form import FormModal, field_label
from screens.widgets.line_input import LineInput
from workshop.exercise import Exercise

R = TypeVar("R")


@dataclass(frozen=True)
class AgendaItemForm:
    kind: str
    title: str
    minutes: str


class AgendaItemModal(FormModal[AgendaItemForm, R]):
    """With `exercises`, the kind is chosen (a new item); without, it is fixed (an edit)."""

    def __init__(
        self,
        heading: str,
        save: Callable[[AgendaItemForm], R],
        exercises: list[Exercise],
        initial: AgendaItemForm | None = None,
        kind_fixed: bool = False,
    ) -> None:
        super().__init__(heading, save)
        self.exercises = {e.kind: e for e in exercises}
        self.kind_fixed = kind_fixed
        first = exercises[0] if exercises else None
        self.initial = initial or AgendaItemForm(
            first.kind if first else "free", first.title if first else "", str(first.default_minutes if first else 15)
        )
        self._title_touched = initial is not None

    def compose_fields(self) -> ComposeResult:
        yield field_label("form.item_kind")
        if self.kind_fixed:
            exercise = self.exercises.get(self.initial.kind)
            yield Static(Content(exercise.title if exercise else self.initial.kind), id="kind-fixed")
        else:
            yield Select(
                [(Text(e.title), e.kind) for e in self.exercises.values()],
                value=self.initial.kind,
                allow_blank=False,
                id="kind",
            )
        yield Static(Content(self._summary(self.initial.kind)), id="kind-summary", classes="field-help")
        yield field_label("form.item_title")
        yield LineInput(self.initial.title, id="title")
        yield field_label("form.item_minutes")
        yield LineInput(self.initial.minutes, id="minutes", type="integer", max_length=4)

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus() if self.kind_fixed else self.query_one("#kind", Select).focus()

    def _summary(self, kind: str) -> str:
        exercise = self.exercises.get(kind)
        return exercise.summary if exercise else ""

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "title" and event.input.has_focus:
            self._title_touched = True

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id != "kind" or event.value is Select.NULL:
            return
        kind = str(event.value)
        self.query_one("#kind-summary", Static).update(Content(self._summary(kind)))
        exercise = self.exercises.get(kind)
        if exercise is not None and not self._title_touched:
            # Follow the chosen exercise until the facilitator writes a title of their own.
            self.query_one("#title", Input).value = exercise.title
            self.query_one("#minutes", Input).value = str(exercise.default_minutes)

    def values(self) -> AgendaItemForm:
        if self.kind_fixed:
            kind = self.initial.kind
        else:
            kind = str(self.query_one("#kind", Select).value)
        return AgendaItemForm(kind, self.query_one("#title", Input).value, self.query_one("#minutes", Input).value)
