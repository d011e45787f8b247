"""One line of text to type (optionally for a structure), in a form that stays open
with the core's message when the text is refused."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Select

from screens.modals.form import FormModal, field_label
from workshop.errors import ValidationError

R = TypeVar("R")


class LineFormModal(FormModal[str, R]):
    """`save(text)` is the core call; its refusal keeps the form open, the text as typed."""

    def __init__(self, heading: str, label_key: str, save: Callable[[str], R], value: str = "", placeholder: str = "") -> None:
        super().__init__(heading, save)
        self.label_key = label_key
        self.value = value
        self.placeholder = placeholder

    def compose_fields(self) -> ComposeResult:
        yield field_label(self.label_key)
        yield Input(self.value, placeholder=self.placeholder, id="line")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#line", Input).focus()

    def values(self) -> str:
        return self.query_one("#line", Input).value


@dataclass(frozen=True)
class StructureLine:
    structure_id: int
    text: str


class StructureLineFormModal(FormModal[StructureLine, R]):
    """A structure, and one line about it (a stake, a benefit, an adjustment)."""

    def __init__(
        self,
        heading: str,
        label_key: str,
        structures: list[tuple[str, int]],
        save: Callable[[StructureLine], R],
        structure_id: int = 0,
        text: str = "",
    ) -> None:
        super().__init__(heading, save)
        self.label_key = label_key
        self.structures = structures
        self.initial = StructureLine(structure_id, text)

    def compose_fields(self) -> ComposeResult:
        known = {value for _, value in self.structures}
        yield field_label("plan.form.structure")
        yield Select(
            [(Content(name), value) for name, value in self.structures],
            value=self.initial.structure_id if self.initial.structure_id in known else Select.NULL,
            prompt="—",
            id="structure",
        )
        yield field_label(self.label_key)
        yield Input(self.initial.text, id="line")

    def on_mount(self) -> None:
        super().on_mount()
        if self.initial.structure_id:
            self.query_one("#line", Input).focus()
        else:
            self.query_one("#structure", Select).focus()

    def values(self) -> StructureLine:
        chosen = self.query_one("#structure", Select).value
        if not isinstance(chosen, int):
            raise ValidationError("plan.error.choose_structure")
        return StructureLine(chosen, self.query_one("#line", Input).value)
