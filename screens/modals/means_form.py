"""One contribution of means: its kind, the structure that provides it, how much, in words.

Used for an action's resources (the roadmap) and for what a structure brings (the
fairness balance). The core checks the amount; a refusal keeps the form open.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Select, Static

from exercises.means import KINDS, MeansKind, format_number, kind_label
from screens.modals.form import FormModal, field_label
from workshop.errors import ValidationError
from workshop.i18n import t

R = TypeVar("R")
NOBODY = 0


@dataclass(frozen=True)
class MeansEntry:
    kind: str
    structure_id: int  # 0: not said
    amount: str  # as typed
    text: str


class MeansFormModal(FormModal[MeansEntry, R]):
    def __init__(
        self,
        heading: str,
        structures: list[tuple[str, int]],
        save: Callable[[MeansEntry], R],
        initial: MeansEntry | None = None,
        structure_required: bool = False,
    ) -> None:
        super().__init__(heading, save)
        self.structures = structures
        self.initial = initial or MeansEntry(MeansKind.STAFF_TIME.value, 0, "", "")
        self.structure_required = structure_required

    def compose_fields(self) -> ComposeResult:
        yield field_label("plan.form.kind")
        yield Select([(Content(kind_label(k.value)), k.value) for k in KINDS], value=self.initial.kind, allow_blank=False, id="kind")
        yield field_label("plan.form.provider")
        choices = [(Content(name), value) for name, value in self.structures]
        if not self.structure_required:
            choices.insert(0, (Content(t("plan.form.provider_unknown")), NOBODY))
        known = {value for _, value in choices}
        start = self.initial.structure_id if self.initial.structure_id in known else (Select.NULL if self.structure_required else NOBODY)
        yield Select(choices, value=start, allow_blank=self.structure_required, prompt="—", id="structure")
        yield field_label("plan.form.amount")
        yield Input(self.initial.amount, placeholder=t("plan.form.amount_placeholder"), id="amount")
        yield Static(Content(self._unit_hint(self.initial.kind)), id="unit", classes="field-help")
        yield field_label("plan.form.means_text")
        yield Input(self.initial.text, placeholder=t("plan.form.means_text_placeholder"), id="text")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#kind", Select).focus()

    def _unit_hint(self, kind: str) -> str:
        return t(f"plan.form.unit.{kind}")

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "kind" and isinstance(event.value, str):
            self.query_one("#unit", Static).update(Content(self._unit_hint(event.value)))

    def values(self) -> MeansEntry:
        kind = self.query_one("#kind", Select).value
        structure = self.query_one("#structure", Select).value
        if self.structure_required and not isinstance(structure, int):
            raise ValidationError("plan.error.choose_structure")
        return MeansEntry(
            str(kind),
            structure if isinstance(structure, int) else NOBODY,
            self.query_one("#amount", Input).value,
            self.query_one("#text", Input).value,
        )


def typed_amount(amount: float | None) -> str:
    """An amount as the form shows it again (no unit: the kind says it)."""
    return "" if amount is None else format_number(amount).replace("\u202f", " ")
