"""Plan a workshop's details: title, date, start time, place, facilitator."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from textual.app import ComposeResult
from textual.widgets import Input

from screens.modals.form import FormModal, field_label
from screens.widgets.line_input import LineInput
from workshop.i18n import t

R = TypeVar("R")


@dataclass(frozen=True)
class WorkshopForm:
    title: str
    date: str = ""
    start_time: str = ""
    place: str = ""
    facilitator: str = ""


class WorkshopModal(FormModal[WorkshopForm, R]):
    def __init__(self, heading: str, save: Callable[[WorkshopForm], R], initial: WorkshopForm | None = None) -> None:
        super().__init__(heading, save)
        self.initial = initial or WorkshopForm("")

    def compose_fields(self) -> ComposeResult:
        yield field_label("form.workshop_title")
        yield LineInput(self.initial.title, id="title", placeholder=t("form.workshop_title_placeholder"))
        yield field_label("form.workshop_date")
        yield LineInput(self.initial.date, id="date", placeholder=t("form.workshop_date_placeholder"))
        yield field_label("form.workshop_start")
        yield LineInput(self.initial.start_time, id="start_time", placeholder=t("form.workshop_start_placeholder"))
        yield field_label("form.workshop_place")
        yield LineInput(self.initial.place, id="place")
        yield field_label("form.workshop_facilitator")
        yield LineInput(self.initial.facilitator, id="facilitator")

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()

    def values(self) -> WorkshopForm:
        def read(name: str) -> str:
            return self.query_one(f"#{name}", Input).value

        return WorkshopForm(read("title"), read("date"), read("start_time"), read("place"), read("facilitator"))
