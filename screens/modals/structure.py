"""Add or edit a structure: name, kind, member of the cooperation or external actor."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Checkbox, Input, Select, Static

from screens.modals.form import FormModal, field_label
from workshop.i18n import t
from workshop.model import StructureKind

R = TypeVar("R")


@dataclass(frozen=True)
class StructureForm:
    name: str
    kind: str
    member: bool


class StructureModal(FormModal[StructureForm, R]):
    def __init__(
        self,
        heading: str,
        save: Callable[[StructureForm], R],
        name_taken: Callable[[str], bool],
        initial: StructureForm | None = None,
    ) -> None:
        super().__init__(heading, save)
        self.name_taken = name_taken
        self.initial = initial or StructureForm("", StructureKind.ASSOCIATION.value, True)

    def compose_fields(self) -> ComposeResult:
        yield field_label("form.structure_name")
        yield Input(self.initial.name, id="name", placeholder=t("form.structure_placeholder"))
        yield Static(id="name-warning", classes="field-warning")
        yield field_label("form.structure_kind")
        yield Select(
            [(Text(t(f"kind.{kind.value}")), kind.value) for kind in StructureKind],
            value=self.initial.kind,
            allow_blank=False,
            id="kind",
        )
        yield Checkbox(Content(t("form.structure_member")), self.initial.member, id="member")
        yield Static(Content(t("form.structure_member_help")), classes="field-help")

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
        warning.update(Content(t("form.structure_duplicate") if taken else ""))
        warning.display = taken

    def values(self) -> StructureForm:
        kind = self.query_one("#kind", Select).value
        return StructureForm(
            self.query_one("#name", Input).value,
            str(kind) if kind is not Select.NULL else StructureKind.OTHER.value,
            self.query_one("#member", Checkbox).value,
        )
