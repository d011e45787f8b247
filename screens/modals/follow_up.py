"""The follow-up of a retained proposal: referent, due date, status (and why it was dropped).

Saves through the core and dismisses with the updated Proposal; a refused entry
(a drop without a reason, an unreadable date) keeps the form open as typed.
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
from workshop.proposals import NO_REFERENT, Proposal, Referent, Status, follow_up

NOBODY = "-"


class FollowUpModal(Dialog["Proposal | None"]):
    DEFAULT_CSS = """
    FollowUpModal { align: center middle; }
    FollowUpModal > VerticalScroll {
        width: 80; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 2;
    }
    FollowUpModal #heading { text-style: bold; color: $accent; }
    FollowUpModal Label { margin-top: 0; color: $text-muted; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "common.cancel"),
        Binding("ctrl+s", "save", "common.save", priority=True),
    ]

    def __init__(self, project: Project, proposal: Proposal, today: str) -> None:
        super().__init__()
        self.project = project
        self.proposal = proposal
        self.today = today

    def compose(self) -> ComposeResult:
        p = self.proposal
        structures = self.project.structures()
        names = {s.id: s.name for s in structures}
        referents: list[tuple[Content, str]] = [(Content(t("proposals.follow.nobody")), NOBODY)]
        referents += [
            (Content.assemble(person.name, (" — " + names.get(person.structure_id, ""), "$text-muted")), f"p{person.id}")
            for person in self.project.participants()
        ]
        referents += [(Content.assemble((t("proposals.follow.structure_prefix"), "$text-muted"), s.name), f"s{s.id}") for s in structures]
        current = f"p{p.referent_participant_id}" if p.referent_participant_id else (
            f"s{p.referent_structure_id}" if p.referent_structure_id else NOBODY
        )
        if current not in {value for _, value in referents}:
            current = NOBODY
        with VerticalScroll():
            yield Static(Content(t("proposals.follow.heading")), id="heading")
            yield Static(Content(p.text), id="proposal-text")
            yield Label(Content(t("proposals.follow.referent")))
            yield Select(referents, value=current, allow_blank=False, id="referent")
            yield Label(Content(t("proposals.follow.due")))
            yield LineInput(value=p.due, placeholder=t("proposals.follow.due_placeholder"), id="due")
            yield Label(Content(t("proposals.follow.status")))
            yield Select(
                [(Content(t(f"proposals.status.{s.value}")), s.value) for s in Status],
                value=p.status,
                allow_blank=False,
                id="status",
            )
            yield Label(Content(t("proposals.follow.reason")))
            yield LineInput(value=p.status_reason, placeholder=t("proposals.follow.reason_placeholder"), id="reason")
            yield self.error_line()
            yield Static(Content(t("proposals.entry.hint")), classes="hint")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#referent", Select).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def _referent(self) -> Referent:
        value = self.query_one("#referent", Select).value
        if isinstance(value, str) and value[:1] == "p":
            return Referent.participant(int(value[1:]))
        if isinstance(value, str) and value[:1] == "s":
            return Referent.structure(int(value[1:]))
        return NO_REFERENT

    @typed_first
    def action_save(self) -> None:
        status = self.query_one("#status", Select).value
        saved = self.attempt(
            follow_up,
            self.project,
            self.proposal.id,
            referent=self._referent(),
            due=self.query_one("#due", Input).value,
            status=str(status),
            # A reason explains a drop; for any other status it is not kept.
            reason=self.query_one("#reason", Input).value if status == Status.DROPPED else "",
            on=self.today,
        )
        if saved is not REFUSED:
            self.dismiss(saved)

    def action_cancel(self) -> None:
        self.dismiss(None)
