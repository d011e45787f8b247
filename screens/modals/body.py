"""A governance body's rules: who sits, how often, how it decides, its quorum, how it is called on.

Also the two small forms of the governance screen: the project's leader, and
the rotating governance team. Every form stays open with the core's message
when it refuses a field.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Checkbox, Input, Select, SelectionList
from textual.widgets.selection_list import Selection

from exercises.governance import BodySheet, DecisionRule, Phase
from screens.modals.form import FormModal, NamedFormModal, field_label
from screens.widgets.line_input import LineInput
from workshop.i18n import t
from workshop.model import Participant, Structure

R = TypeVar("R")


def _people_label(person: Participant, structures: dict[int, str]) -> Content:
    structure = structures.get(person.structure_id, "")
    return Content(f"{person.name} ({structure})" if structure else person.name)


class BodyModal(NamedFormModal[BodySheet, R]):
    CSS_PATH = ["form.tcss", "sheet.tcss"]
    NAME_LABEL = "governance.form.name"
    NAME_PLACEHOLDER = "governance.form.name_placeholder"
    NAME_DUPLICATE = "governance.form.duplicate_warning"

    def __init__(
        self,
        heading: str,
        save: Callable[[BodySheet], R],
        name_taken: Callable[[str], bool],
        structures: list[Structure],
        people: list[Participant],
        initial: BodySheet | None = None,
    ) -> None:
        super().__init__(heading, save, name_taken)
        self.structures = structures
        self.people = people
        self.initial = initial or BodySheet("")

    def compose_fields(self) -> ComposeResult:
        sheet = self.initial
        names = {s.id: s.name for s in self.structures}
        yield from self.compose_name(sheet.name)
        yield field_label("governance.form.phase")
        yield Select([(Text(t(f"governance.phase.{p.value}")), p.value) for p in Phase], value=sheet.phase, allow_blank=False, id="phase")
        yield Checkbox(Content(t("governance.form.mandatory")), sheet.mandatory, id="mandatory")
        yield field_label("governance.form.purpose")
        yield LineInput(sheet.purpose, id="purpose")
        yield field_label("governance.form.structures")
        yield SelectionList(*(Selection(Content(s.name), s.id, s.id in sheet.structures) for s in self.structures), id="structures")
        yield field_label("governance.form.people")
        yield SelectionList(*(Selection(_people_label(p, names), p.id, p.id in sheet.people) for p in self.people), id="people")
        yield field_label("governance.form.other_members")
        yield LineInput(sheet.other_members, id="other_members")
        yield field_label("governance.form.frequency")
        yield LineInput(sheet.frequency, placeholder=t("governance.form.frequency_placeholder"), id="frequency")
        yield field_label("governance.form.rule")
        yield Select([(Text(t(f"governance.rule_choice.{r.value}")), r.value) for r in DecisionRule], value=sheet.rule, allow_blank=False, id="rule")
        yield field_label("governance.form.majority")
        yield LineInput(sheet.majority, placeholder=t("governance.form.majority_placeholder"), id="majority")
        yield field_label("governance.form.quorum")
        yield LineInput(sheet.quorum, placeholder=t("governance.form.quorum_placeholder"), id="quorum")
        yield field_label("governance.form.convened")
        yield LineInput(sheet.convened, id="convened")
        yield field_label("governance.form.referral")
        yield LineInput(sheet.referral, id="referral")

    def values(self) -> BodySheet:
        def text(field_id: str) -> str:
            return self.query_one(f"#{field_id}", Input).value

        def chosen(field_id: str, default: str) -> str:
            value = self.query_one(f"#{field_id}", Select).value
            return default if value is Select.NULL else str(value)

        return BodySheet(
            self.typed_name(),
            chosen("phase", Phase.PROJECT.value),
            self.query_one("#mandatory", Checkbox).value,
            text("purpose"),
            tuple(int(v) for v in self.query_one("#structures", SelectionList).selected),
            tuple(int(v) for v in self.query_one("#people", SelectionList).selected),
            text("other_members"),
            text("frequency"),
            chosen("rule", DecisionRule.CONSENT.value),
            text("majority"),
            text("quorum"),
            text("convened"),
            text("referral"),
        )


@dataclass(frozen=True)
class LeaderForm:
    structure_id: int
    person_id: int
    means: str


class LeaderModal(FormModal[LeaderForm, R]):
    def __init__(self, save: Callable[[LeaderForm], R], structures: list[Structure], people: list[Participant], initial: LeaderForm) -> None:
        super().__init__(t("governance.screen.leader_title"), save)
        self.structures = structures
        self.people = people
        self.initial = initial

    def compose_fields(self) -> ComposeResult:
        names = {s.id: s.name for s in self.structures}
        yield field_label("governance.form.leader_structure")
        structures = [(Text(t("governance.form.no_structure")), 0)] + [(Text(s.name), s.id) for s in self.structures]
        yield Select(structures, value=self.initial.structure_id, allow_blank=False, id="structure")
        yield field_label("governance.form.leader_person")
        people = [(Text(t("governance.form.nobody")), 0)] + [(Text(_people_label(p, names).plain), p.id) for p in self.people]
        yield Select(people, value=self.initial.person_id, allow_blank=False, id="person")
        yield field_label("governance.form.leader_means")
        yield LineInput(self.initial.means, id="means")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#structure", Select).focus()

    def values(self) -> LeaderForm:
        structure = self.query_one("#structure", Select).value
        person = self.query_one("#person", Select).value
        return LeaderForm(
            structure if isinstance(structure, int) else 0,
            person if isinstance(person, int) else 0,
            self.query_one("#means", Input).value,
        )


@dataclass(frozen=True)
class TeamForm:
    chosen: bool
    structure_ids: tuple[int, ...]
    rotation: str


class TeamModal(FormModal[TeamForm, R]):
    CSS_PATH = ["form.tcss", "sheet.tcss"]

    def __init__(self, save: Callable[[TeamForm], R], structures: list[Structure], initial: TeamForm) -> None:
        super().__init__(t("governance.screen.team_title"), save)
        self.structures = structures
        self.initial = initial

    def compose_fields(self) -> ComposeResult:
        yield Checkbox(Content(t("governance.form.team_chosen")), self.initial.chosen, id="chosen")
        yield field_label("governance.form.team_structures")
        yield SelectionList(*(Selection(Content(s.name), s.id, s.id in self.initial.structure_ids) for s in self.structures), id="team")
        yield field_label("governance.form.rotation")
        yield LineInput(self.initial.rotation, placeholder=t("governance.form.rotation_placeholder"), id="rotation")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#chosen", Checkbox).focus()

    def values(self) -> TeamForm:
        return TeamForm(
            self.query_one("#chosen", Checkbox).value,
            tuple(int(v) for v in self.query_one("#team", SelectionList).selected),
            self.query_one("#rotation", Input).value,
        )
