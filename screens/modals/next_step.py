"""One next step: what is to be done, who carries it (a person or a structure), by when."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Select

from screens.modals.form import FormModal, field_label
from workshop.i18n import t
from workshop.project import Project

R = TypeVar("R")
NOBODY = "-"


@dataclass(frozen=True)
class NextStepForm:
    text: str
    participant_id: int = 0
    structure_id: int = 0
    due: str = ""


class NextStepModal(FormModal[NextStepForm, R]):
    HINT_KEY = "next_steps.form.hint"

    def __init__(self, heading: str, save: Callable[[NextStepForm], R], project: Project, initial: NextStepForm | None = None) -> None:
        super().__init__(heading, save)
        self.project = project
        self.initial = initial or NextStepForm("")

    def _owners(self) -> list[tuple[Content, str]]:
        structures = self.project.structures()
        names = {s.id: s.name for s in structures}
        owners: list[tuple[Content, str]] = [(Content(t("next_steps.owner_to_name")), NOBODY)]
        owners += [
            (Content.assemble(person.name, (" — " + names.get(person.structure_id, ""), "$text-muted")), f"p{person.id}")
            for person in self.project.participants()
        ]
        owners += [(Content.assemble((t("next_steps.form.structure_prefix"), "$text-muted"), s.name), f"s{s.id}") for s in structures]
        return owners

    def compose_fields(self) -> ComposeResult:
        initial = self.initial
        owners = self._owners()
        current = f"p{initial.participant_id}" if initial.participant_id else f"s{initial.structure_id}" if initial.structure_id else NOBODY
        if current not in {value for _, value in owners}:
            current = NOBODY
        yield field_label("next_steps.form.text")
        yield Input(initial.text, id="text", placeholder=t("next_steps.form.text_placeholder"))
        yield field_label("next_steps.form.owner")
        yield Select(owners, value=current, allow_blank=False, id="owner")
        yield field_label("next_steps.form.due")
        yield Input(initial.due, id="due", placeholder=t("next_steps.form.due_placeholder"))

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#text", Input).focus()

    def values(self) -> NextStepForm:
        owner = str(self.query_one("#owner", Select).value)
        participant = int(owner[1:]) if owner.startswith("p") else 0
        structure = int(owner[1:]) if owner.startswith("s") else 0
        return NextStepForm(self.query_one("#text", Input).value, participant, structure, self.query_one("#due", Input).value)
