"""Add or edit a participant: name, structure, role."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Select

from screens.modals.form import NamedFormModal, field_label
from workshop.errors import ValidationError
from workshop.i18n import t
from workshop.model import Role, Structure

R = TypeVar("R")


@dataclass(frozen=True)
class ParticipantForm:
    name: str
    structure_id: int
    role: str


class ParticipantModal(NamedFormModal[ParticipantForm, R]):
    NAME_LABEL = "form.participant_name"
    NAME_PLACEHOLDER = "form.participant_placeholder"
    NAME_DUPLICATE = "form.participant_duplicate"

    def __init__(
        self,
        heading: str,
        save: Callable[[ParticipantForm], R],
        name_taken: Callable[[str], bool],
        structures: list[Structure],
        initial: ParticipantForm | None = None,
    ) -> None:
        super().__init__(heading, save, name_taken)
        self.structures = structures
        first = structures[0].id if len(structures) == 1 else 0
        self.initial = initial or ParticipantForm("", first, Role.STAFF.value)

    def compose_fields(self) -> ComposeResult:
        yield from self.compose_name(self.initial.name)
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

    def values(self) -> ParticipantForm:
        structure = self.query_one("#structure", Select).value
        role = self.query_one("#role", Select).value
        name = self.typed_name()
        if not name.strip():
            raise ValidationError("error.name_empty", what="participant")
        if not isinstance(structure, int):
            raise ValidationError("error.participant_needs_structure")
        return ParticipantForm(name, structure, str(role))
