"""Add or edit a participant: name, structure, role."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Select, Static

from screens.modals.form import FormModal, field_label
from workshop.errors import ValidationError
from workshop.i18n import t
from workshop.model import Role, Structure

R = TypeVar("R")


@dataclass(frozen=True)
class ParticipantForm:
    name: str
    structure_id: int
    role: str


class ParticipantModal(FormModal[ParticipantForm, R]):
    def __init__(
        self,
        heading: str,
        save: Callable[[ParticipantForm], R],
        name_taken: Callable[[str], bool],
        structures: list[Structure],
        initial: ParticipantForm | None = None,
    ) -> None:
        super().__init__(heading, save)
        self.name_taken = name_taken
        self.structures = structures
        first = structures[0].id if len(structures) == 1 else 0
        self.initial = initial or ParticipantForm("", first, Role.STAFF.value)

    def compose_fields(self) -> ComposeResult:
        yield field_label("form.participant_name")
        yield Input(self.initial.name, id="name", placeholder=t("form.participant_placeholder"))
        yield Static(id="name-warning", classes="field-warning")
        yield field_label("form.participant_structure")
        # Structure names are typed by people: rich Text keeps them literal.
        yield Select(
            [(Text(s.name), s.id) for s in self.structures],
            value=self.initial.structure_id or Select.NULL,
            prompt=t("form.participant_structure_prompt"),
            id="structure",
        )
        yield field_label("form.participant_role")
        yield Select(
            [(Text(t(f"role.{role.value}")), role.value) for role in Role],
            value=self.initial.role,
            allow_blank=False,
            id="role",
        )

    def on_mount(self) -> None:
        super().on_mount()
        self._check_name(self.initial.name)
        self.query_one("#name", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "name":
            self._check_name(event.value)

    def _check_name(self, name: str) -> None:
        warning = self.query_one("#name-warning", Static)
        taken = bool(name.strip()) and self.name_taken(name)
        warning.update(Content(t("form.participant_duplicate") if taken else ""))
        warning.display = taken

    def values(self) -> ParticipantForm:
        structure = self.query_one("#structure", Select).value
        role = self.query_one("#role", Select).value
        name = self.query_one("#name", Input).value
        if not name.strip():
            raise ValidationError("error.name_empty", what="participant")
        if structure is Select.NULL:
            raise ValidationError("error.participant_needs_structure")
        return ParticipantForm(name, int(structure), str(role))  # type: ignore[arg-type]
