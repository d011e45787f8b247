"""The next meeting decided at the end of a workshop: date, time, place, purpose."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from textual.app import ComposeResult
from textual.widgets import Input

from screens.modals.form import FormModal, field_label
from workshop.i18n import t

R = TypeVar("R")


@dataclass(frozen=True)
class NextMeetingForm:
    date: str = ""
    time: str = ""
    place: str = ""
    purpose: str = ""


class NextMeetingModal(FormModal[NextMeetingForm, R]):
    def __init__(self, heading: str, save: Callable[[NextMeetingForm], R], initial: NextMeetingForm | None = None) -> None:
        super().__init__(heading, save)
        self.initial = initial or NextMeetingForm()

    def compose_fields(self) -> ComposeResult:
        yield field_label("next_steps.meeting.date")
        yield Input(self.initial.date, id="date", placeholder=t("form.workshop_date_placeholder"))
        yield field_label("next_steps.meeting.time")
        yield Input(self.initial.time, id="time", placeholder="09:30")
        yield field_label("next_steps.meeting.place")
        yield Input(self.initial.place, id="place")
        yield field_label("next_steps.meeting.purpose")
        yield Input(self.initial.purpose, id="purpose")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#date", Input).focus()

    def values(self) -> NextMeetingForm:
        def read(name: str) -> str:
            return self.query_one(f"#{name}", Input).value

        return NextMeetingForm(read("date"), read("time"), read("place"), read("purpose"))
