"""The roadmap's forms: objectives, operational objectives, actions, partners, calendar, milestones.

Each hands what was typed to a core call (`save`); when the core refuses it, the
form stays open with the message and what was typed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Select, Static

from screens.modals.form import FormModal, field_label
from screens.widgets.check_list import CheckList
from workshop.errors import ValidationError
from workshop.i18n import t
from workshop.proposals import Status

R = TypeVar("R")
NOBODY = "-"


@dataclass(frozen=True)
class TextAndLinks:
    text: str
    linked: list[int]


class TextAndLinksFormModal(FormModal[TextAndLinks, R]):
    """A text and the entries it comes from (a shared objective and its shared stakes)."""

    def __init__(
        self,
        heading: str,
        text_key: str,
        links_key: str,
        choices: list[tuple[str, int]],
        save: Callable[[TextAndLinks], R],
        initial: TextAndLinks | None = None,
    ) -> None:
        super().__init__(heading, save)
        self.text_key, self.links_key = text_key, links_key
        self.choices = choices
        self.initial = initial or TextAndLinks("", [])

    def compose_fields(self) -> ComposeResult:
        yield field_label(self.text_key)
        yield Input(self.initial.text, id="text")
        if self.choices:
            yield field_label(self.links_key)
            yield CheckList(self.choices, set(self.initial.linked), id="links")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#text", Input).focus()

    def values(self) -> TextAndLinks:
        linked = self.query_one("#links", CheckList).selected if self.choices else []
        return TextAndLinks(self.query_one("#text", Input).value, linked)


@dataclass(frozen=True)
class UnderAndText:
    parent_id: int
    text: str


class UnderAndTextFormModal(FormModal[UnderAndText, R]):
    """A text under a parent entry: an operational objective under its shared objective,
    an action under its operational objective."""

    def __init__(
        self,
        heading: str,
        parent_key: str,
        text_key: str,
        parents: list[tuple[str, int]],
        save: Callable[[UnderAndText], R],
        initial: UnderAndText | None = None,
    ) -> None:
        super().__init__(heading, save)
        self.parent_key, self.text_key = parent_key, text_key
        self.parents = parents
        self.initial = initial or UnderAndText(0, "")

    def compose_fields(self) -> ComposeResult:
        known = {value for _, value in self.parents}
        yield field_label(self.parent_key)
        yield Select(
            [(Content(label), value) for label, value in self.parents],
            value=self.initial.parent_id if self.initial.parent_id in known else Select.NULL,
            prompt="—",
            id="parent",
        )
        yield field_label(self.text_key)
        yield Input(self.initial.text, id="text")

    def on_mount(self) -> None:
        super().on_mount()
        (self.query_one("#text", Input) if self.initial.parent_id else self.query_one("#parent", Select)).focus()

    def values(self) -> UnderAndText:
        parent = self.query_one("#parent", Select).value
        if not isinstance(parent, int):
            raise ValidationError("roadmap.form.choose_parent")
        return UnderAndText(parent, self.query_one("#text", Input).value)


@dataclass(frozen=True)
class TakenProposal:
    operational_id: int
    proposal_id: int


class TakeProposalFormModal(FormModal[TakenProposal, R]):
    """A retained proposal, and the operational objective it serves."""

    def __init__(
        self,
        heading: str,
        parents: list[tuple[str, int]],
        proposals: list[tuple[str, int]],
        save: Callable[[TakenProposal], R],
        operational_id: int = 0,
    ) -> None:
        super().__init__(heading, save)
        self.parents, self.proposals = parents, proposals
        self.operational_id = operational_id

    def compose_fields(self) -> ComposeResult:
        known = {value for _, value in self.parents}
        yield field_label("roadmap.form.proposal")
        yield Select([(Content(label), value) for label, value in self.proposals], prompt="—", id="proposal")
        yield field_label("roadmap.form.operational")
        yield Select(
            [(Content(label), value) for label, value in self.parents],
            value=self.operational_id if self.operational_id in known else Select.NULL,
            prompt="—",
            id="parent",
        )
        yield Static(Content(t("roadmap.form.one_item")), classes="field-help")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#proposal", Select).focus()

    def values(self) -> TakenProposal:
        proposal = self.query_one("#proposal", Select).value
        parent = self.query_one("#parent", Select).value
        if not isinstance(proposal, int):
            raise ValidationError("roadmap.form.choose_proposal")
        if not isinstance(parent, int):
            raise ValidationError("roadmap.form.choose_parent")
        return TakenProposal(parent, proposal)


@dataclass(frozen=True)
class Partners:
    structure_ids: list[int]
    new_name: str


class PartnersFormModal(FormModal[Partners, R]):
    """The external actors to mobilise for an action, and a new one to add."""

    def __init__(self, heading: str, choices: list[tuple[str, int]], ticked: list[int], save: Callable[[Partners], R]) -> None:
        super().__init__(heading, save)
        self.choices, self.ticked = choices, ticked

    def compose_fields(self) -> ComposeResult:
        if self.choices:
            yield field_label("roadmap.form.partners")
            yield CheckList(self.choices, set(self.ticked), id="partners")
        else:
            yield Static(Content(t("roadmap.form.no_external")), classes="field-help")
        yield field_label("roadmap.form.new_partner")
        yield Input("", placeholder=t("roadmap.form.new_partner_placeholder"), id="new")

    def on_mount(self) -> None:
        super().on_mount()
        (self.query_one("#partners", CheckList) if self.choices else self.query_one("#new", Input)).focus()

    def values(self) -> Partners:
        chosen = self.query_one("#partners", CheckList).selected if self.choices else []
        return Partners(chosen, self.query_one("#new", Input).value)


@dataclass(frozen=True)
class Calendar:
    start: str
    end: str
    referent: str  # "p<id>", "s<id>" or "-"
    status: str  # "" when the state is not changed here
    reason: str


class CalendarFormModal(FormModal[Calendar, R]):
    """Step 9: when the action starts and ends, who carries it, where it stands."""

    def __init__(
        self,
        heading: str,
        action_text: str,
        referents: list[tuple[Content, str]],
        save: Callable[[Calendar], R],
        initial: Calendar,
        status_note: str = "",
    ) -> None:
        super().__init__(heading, save)
        self.action_text = action_text
        self.referents = referents
        self.initial = initial
        self.status_note = status_note  # said instead of the status field when it cannot be changed here

    def compose_fields(self) -> ComposeResult:
        yield Static(Content(self.action_text), classes="field-help")
        yield field_label("roadmap.form.start")
        yield Input(self.initial.start, placeholder=t("roadmap.form.date_placeholder"), id="start")
        yield field_label("roadmap.form.end")
        yield Input(self.initial.end, placeholder=t("roadmap.form.date_placeholder"), id="end")
        known = {value for _, value in self.referents}
        yield field_label("roadmap.form.referent")
        yield Select(self.referents, value=self.initial.referent if self.initial.referent in known else NOBODY, allow_blank=False, id="referent")
        yield field_label("roadmap.form.status")
        if self.status_note:
            yield Static(Content(self.status_note), classes="field-help")
        else:
            yield Select([(Content(t(f"proposals.status.{s.value}")), s.value) for s in Status], value=self.initial.status, allow_blank=False, id="status")
            yield field_label("roadmap.form.reason")
            yield Input(self.initial.reason, placeholder=t("roadmap.form.reason_placeholder"), id="reason")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#start", Input).focus()

    def values(self) -> Calendar:
        referent = self.query_one("#referent", Select).value
        status = "" if self.status_note else str(self.query_one("#status", Select).value)
        reason = "" if self.status_note else self.query_one("#reason", Input).value
        return Calendar(
            self.query_one("#start", Input).value,
            self.query_one("#end", Input).value,
            referent if isinstance(referent, str) else NOBODY,
            status,
            reason,
        )


@dataclass(frozen=True)
class MilestoneEntry:
    text: str
    date: str
    structure_ids: list[int]


class MilestoneFormModal(FormModal[MilestoneEntry, R]):
    def __init__(
        self,
        heading: str,
        structures: list[tuple[str, int]],
        save: Callable[[MilestoneEntry], R],
        initial: MilestoneEntry | None = None,
    ) -> None:
        super().__init__(heading, save)
        self.structures = structures
        self.initial = initial or MilestoneEntry("", "", [])

    def compose_fields(self) -> ComposeResult:
        yield field_label("roadmap.form.milestone")
        yield Input(self.initial.text, id="text")
        yield field_label("roadmap.form.milestone_date")
        yield Input(self.initial.date, placeholder=t("roadmap.form.date_placeholder"), id="date")
        yield field_label("roadmap.form.actors")
        yield CheckList(self.structures, set(self.initial.structure_ids), id="actors")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#text", Input).focus()

    def values(self) -> MilestoneEntry:
        return MilestoneEntry(
            self.query_one("#text", Input).value,
            self.query_one("#date", Input).value,
            self.query_one("#actors", CheckList).selected,
        )
