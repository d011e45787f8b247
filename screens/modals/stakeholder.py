"""A stakeholder's sheet: who it is, what is at stake for it, what it could bring, how to reach it.

The questions are the exercise's (seed 003), one field each; the form stays
open with the message when the core refuses a field, and saves all or nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Checkbox, Input, Select, SelectionList, Static
from textual.widgets.selection_list import Selection

from exercises.stakeholders import RATINGS, Participation, Support
from exercises.stakeholders_sheet import Sheet
from screens.modals.form import NamedFormModal, field_label
from screens.widgets.line_input import LineInput
from workshop.i18n import t
from workshop.model import StructureKind

R = TypeVar("R")


class StakeholderModal(NamedFormModal[Sheet, R]):
    CSS_PATH = ["form.tcss", "sheet.tcss"]
    NAME_LABEL = "stakeholders.form.name"
    NAME_PLACEHOLDER = "stakeholders.form.name_placeholder"
    NAME_DUPLICATE = "stakeholders.error.duplicate_warning"

    def __init__(
        self,
        heading: str,
        save: Callable[[Sheet], R],
        name_taken: Callable[[str], bool],
        initial: Sheet | None = None,
        in_project: bool = False,
    ) -> None:
        super().__init__(heading, save, name_taken)
        self.initial = initial or Sheet("", StructureKind.OTHER.value)
        self.in_project = in_project  # one of the project's structures: its name is the structure's

    def compose_fields(self) -> ComposeResult:
        sheet = self.initial
        yield from self.compose_name(sheet.name)
        if self.in_project:
            yield Static(Content(t("stakeholders.form.renames_structure")), classes="field-help")
        yield field_label("stakeholders.form.kind")
        yield Select([(Text(t(f"kind.{k.value}")), k.value) for k in StructureKind], value=sheet.kind or StructureKind.OTHER.value, allow_blank=False, id="kind")
        for name in ("stakes", "losses", "gains"):
            yield field_label(f"stakeholders.form.{name}")
            yield LineInput(getattr(sheet, name), id=name)
        yield field_label("stakeholders.form.supports")
        yield SelectionList(
            *(Selection(Content(t(f"stakeholders.support.{s.value}")), s.value, s.value in sheet.supports) for s in Support), id="supports"
        )
        yield field_label("stakeholders.form.support_note")
        yield LineInput(sheet.support_note, id="support_note")
        yield field_label("stakeholders.form.contact")
        yield LineInput(sheet.contact, id="contact")
        yield field_label("stakeholders.form.participation")
        forms = [(Text(t("stakeholders.form.participation_none")), "")] + [(Text(t(f"stakeholders.participation.{p.value}")), p.value) for p in Participation]
        yield Select(forms, value=sheet.participation, allow_blank=False, id="participation")
        yield field_label("stakeholders.form.participation_note")
        yield LineInput(sheet.participation_note, id="participation_note")
        ratings = [(Text(t("stakeholders.form.not_rated")), 0)] + [(Text(str(r)), r) for r in RATINGS]
        yield field_label("stakeholders.form.motivation")
        yield Select(ratings, value=sheet.motivation, allow_blank=False, id="motivation")
        yield field_label("stakeholders.form.contribution")
        yield Select(ratings, value=sheet.contribution, allow_blank=False, id="contribution")
        yield Checkbox(Content(t("stakeholders.form.to_mobilise")), sheet.to_mobilise, id="to_mobilise")

    def values(self) -> Sheet:
        def text(field_id: str) -> str:
            return self.query_one(f"#{field_id}", Input).value

        def chosen(field_id: str) -> object:
            value = self.query_one(f"#{field_id}", Select).value
            return None if value is Select.NULL else value

        def rating(field_id: str) -> int:
            value = self.query_one(f"#{field_id}", Select).value
            return value if isinstance(value, int) else 0

        return Sheet(
            self.typed_name(),
            str(chosen("kind") or StructureKind.OTHER.value),
            text("stakes"),
            text("losses"),
            text("gains"),
            tuple(str(v) for v in self.query_one("#supports", SelectionList).selected),
            text("support_note"),
            text("contact"),
            str(chosen("participation") or ""),
            text("participation_note"),
            rating("motivation"),
            rating("contribution"),
            self.query_one("#to_mobilise", Checkbox).value,
        )
