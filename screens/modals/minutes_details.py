"""What the minutes' header block says beyond the workshop's details: purpose, author, status."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Select

from screens.modals.form import FormModal, field_label
from workshop.i18n import t
from workshop.model import MinutesStatus

R = TypeVar("R")


@dataclass(frozen=True)
class MinutesDetailsForm:
    purpose: str = ""
    author: str = ""
    status: str = MinutesStatus.DRAFT.value


class MinutesDetailsModal(FormModal[MinutesDetailsForm, R]):
    def __init__(self, heading: str, save: Callable[[MinutesDetailsForm], R], initial: MinutesDetailsForm | None = None) -> None:
        super().__init__(heading, save)
        self.initial = initial or MinutesDetailsForm()

    def compose_fields(self) -> ComposeResult:
        yield field_label("next_steps.details.purpose")
        yield Input(self.initial.purpose, id="purpose", placeholder=t("next_steps.details.purpose_placeholder"))
        yield field_label("next_steps.details.author")
        yield Input(self.initial.author, id="author", placeholder=t("next_steps.details.author_placeholder"))
        yield field_label("next_steps.details.status")
        statuses = [(Content(t(f"minutes.status.{s.value}")), s.value) for s in MinutesStatus]
        yield Select(statuses, value=self.initial.status or MinutesStatus.DRAFT.value, allow_blank=False, id="status")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#purpose", Input).focus()

    def values(self) -> MinutesDetailsForm:
        return MinutesDetailsForm(
            self.query_one("#purpose", Input).value,
            self.query_one("#author", Input).value,
            str(self.query_one("#status", Select).value),
        )
