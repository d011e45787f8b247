"""Type an action proposal: its text, the structure that makes it, the person.

Opened from any agenda item (the cockpit's tool) or from the commitments tracker;
the item and its exercise are recorded with the proposal. Dismisses with the
recorded Proposal, or None when cancelled. A refused entry keeps what was typed.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Input, Label, Select, Static

from screens.modals.dialog import REFUSED, Dialog
from screens.typed_first import typed_first
from screens.widgets.key_bar import KeyBar
from screens.widgets.line_input import LineInput
from workshop.i18n import t
from workshop.project import Project
from workshop.proposals import Proposal, record_proposal

NO_PERSON = 0


class ProposalModal(Dialog[Proposal | None]):
    DEFAULT_CSS = """
    ProposalModal { align: center middle; }
    ProposalModal > VerticalScroll {
        width: 80; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 2;
    }
    ProposalModal #heading { text-style: bold; color: $accent; }
    ProposalModal Label { margin-top: 1; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "common.cancel"),
        Binding("ctrl+s", "save", "common.save", priority=True),
    ]

    def __init__(
        self,
        project: Project,
        workshop_id: int = 0,
        item_id: int = 0,
        source: str | None = None,
        text: str = "",
        structure_id: int = 0,
        participant_id: int = 0,
    ) -> None:
        """`text`, `structure_id` and `participant_id` prefill the form: an exercise
        where an action comes up opens it with what is already known."""
        super().__init__()
        self.project = project
        self.prefill = (text, structure_id, participant_id)
        self.workshop_id = workshop_id
        self.item_id = item_id
        self.item = project.agenda_item(item_id) if item_id else None
        if source is None:
            kind = self.item.kind if self.item else ""
            source = "" if kind in ("", "free", "commitments") else kind
        self.source = source

    def compose(self) -> ComposeResult:
        structures = self.project.structures()
        names = {s.id: s.name for s in structures}
        people = self.project.participants()
        with VerticalScroll():
            yield Static(Content(t("proposals.entry.heading")), id="heading")
            if self.item is not None:
                yield Static(Content(t("proposals.entry.from_item", item=self.item.title)), classes="hint")
            yield Label(Content(t("proposals.entry.text")))
            text, structure_id, participant_id = self.prefill
            if participant_id and not structure_id:
                structure_id = next((p.structure_id for p in people if p.id == participant_id), 0)
            yield LineInput(value=text, placeholder=t("proposals.entry.text_placeholder"), id="text")
            yield Label(Content(t("proposals.entry.structure")))
            yield Select(
                [(Content(s.name), s.id) for s in structures],
                prompt=t("proposals.entry.choose_structure"),
                value=structure_id if structure_id in names else Select.NULL,
                id="structure",
            )
            yield Label(Content(t("proposals.entry.person")))
            yield Select(
                [(Content(t("proposals.entry.no_person")), NO_PERSON)]
                + [(Content.assemble(p.name, (" — " + names.get(p.structure_id, ""), "$text-muted")), p.id) for p in people],
                prompt=t("proposals.entry.choose_person"),
                value=participant_id if any(p.id == participant_id for p in people) else NO_PERSON,
                allow_blank=False,
                id="person",
            )
            yield self.error_line()
            yield Static(Content(t("proposals.entry.hint")), classes="hint")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#text", Input).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        # Choosing a person chooses their structure.
        if event.select.id == "person" and isinstance(event.value, int) and event.value:
            structure_id = self.project.participant(event.value).structure_id
            self.query_one("#structure", Select).value = structure_id

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    @typed_first
    def action_save(self) -> None:
        structure = self.query_one("#structure", Select).value
        person = self.query_one("#person", Select).value
        recorded = self.attempt(
            record_proposal,
            self.project,
            self.query_one("#text", Input).value,
            structure if isinstance(structure, int) else 0,
            person if isinstance(person, int) else 0,
            workshop_id=self.workshop_id,
            item_id=self.item_id,
            source=self.source,
        )
        if recorded is not REFUSED:
            self.app.notify(t("proposals.entry.recorded", number=recorded.id), markup=False)
            self.dismiss(recorded)

    def action_cancel(self) -> None:
        self.dismiss(None)
