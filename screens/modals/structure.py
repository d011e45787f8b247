"""Add or edit a structure: name, kind, member of the cooperation or external actor."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Select, Static

from screens.modals.form import NamedFormModal, field_label
from screens.widgets.checkbox import Checkbox
from workshop.i18n import t
from workshop.model import StructureKind

R = TypeVar("R")


@dataclass(frozen=True)
class StructureForm:
    name: str
    kind: str
    member: bool


class StructureModal(NamedFormModal[StructureForm, R]):
    NAME_LABEL = "form.structure_name"
    NAME_PLACEHOLDER = "form.structure_placeholder"
    NAME_DUPLICATE = "form.structure_duplicate"

    def __init__(
        self,
        heading: str,
        save: Callable[[StructureForm], R],
        name_taken: Callable[[str], bool],
        initial: StructureForm | None = None,
    ) -> None:
        super().__init__(heading, save, name_taken)
        self.initial = initial or StructureForm("", StructureKind.ASSOCIATION.value, True)

    def compose_fields(self) -> ComposeResult:
        yield from self.compose_name(self.initial.name)
        yield field_label("form.structure_kind")
        yield Select(
            [(Text(t(f"kind.{kind.value}")), kind.value) for kind in StructureKind],
            value=self.initial.kind,
            allow_blank=False,
            id="kind",
        )
        yield Checkbox(Content(t("form.structure_member")), self.initial.member, id="member")
        yield Static(Content(t("form.structure_member_help")), classes="field-help")

    def values(self) -> StructureForm:
        kind = self.query_one("#kind", Select).value
        return StructureForm(
            self.typed_name(),
            str(kind) if kind is not Select.NULL else StructureKind.OTHER.value,
            self.query_one("#member", Checkbox).value,
        )
