"""An element to secure: what, who is responsible (a person or a structure), by when,
its state (with the reason when abandoned) and notes.

Built on FormModal, with compact fields so that the whole form fits at 80×24:
the core checks what was typed; a refusal (an unreadable
date, an abandonment without a reason) keeps the form open with the message
inside it, as typed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Select

from screens.modals.form import FormModal, field_label
from screens.widgets.line_input import LineInput
from workshop.i18n import t
from workshop.project import Project
from workshop.proposals import NO_REFERENT, Referent

R = TypeVar("R")
NOBODY = "-"
STATES = ("to_secure", "in_progress", "secured", "abandoned")


@dataclass(frozen=True)
class ElementForm:
    text: str
    referent: Referent = NO_REFERENT
    due: str = ""
    state: str = "to_secure"
    reason: str = ""
    notes: str = ""


def referent_value(referent: Referent) -> str:
    if referent.participant_id:
        return f"p{referent.participant_id}"
    if referent.structure_id:
        return f"s{referent.structure_id}"
    return NOBODY


def referent_of(value: object) -> Referent:
    if isinstance(value, str) and value[:1] == "p" and value[1:].isdigit():
        return Referent.participant(int(value[1:]))
    if isinstance(value, str) and value[:1] == "s" and value[1:].isdigit():
        return Referent.structure(int(value[1:]))
    return NO_REFERENT


class ElementModal(FormModal[ElementForm, R]):
    HINT_KEY = "securing.form.hint"

    def __init__(self, project: Project, heading: str, save: Callable[[ElementForm], R], initial: ElementForm, new: bool) -> None:
        super().__init__(heading, save)
        self.project = project
        self.initial = initial
        self.new = new

    def compose_fields(self) -> ComposeResult:
        structures = self.project.structures()
        names = {s.id: s.name for s in structures}
        choices: list[tuple[Content, str]] = [(Content(t("securing.form.nobody")), NOBODY)]
        choices += [
            (Content.assemble(p.name, (" — " + names.get(p.structure_id, ""), "$text-muted")), f"p{p.id}")
            for p in self.project.participants()
        ]
        choices += [(Content.assemble((t("securing.form.structure_prefix"), "$text-muted"), s.name), f"s{s.id}") for s in structures]
        current = referent_value(self.initial.referent)
        if current not in {value for _, value in choices}:
            current = NOBODY
        yield field_label("securing.form.text")
        yield LineInput(self.initial.text, id="text", placeholder=t("securing.form.text_placeholder"), compact=True)
        yield field_label("securing.form.referent")
        yield Select(choices, value=current, allow_blank=False, id="referent", compact=True)
        yield field_label("securing.form.due")
        yield LineInput(self.initial.due, id="due", placeholder=t("securing.form.due_placeholder"), compact=True)
        if not self.new:
            yield field_label("securing.form.state")
            yield Select(
                [(Content(t(f"securing.state.{s}")), s) for s in STATES], value=self.initial.state, allow_blank=False, id="state", compact=True
            )
            yield field_label("securing.form.reason")
            yield LineInput(self.initial.reason, id="reason", placeholder=t("securing.form.reason_placeholder"), compact=True)
        yield field_label("securing.form.notes")
        yield LineInput(self.initial.notes, id="notes", placeholder=t("securing.form.notes_placeholder"), compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#text", Input).focus()

    def values(self) -> ElementForm:
        state, reason = self.initial.state, self.initial.reason
        if not self.new:
            state = str(self.query_one("#state", Select).value)
            reason = self.query_one("#reason", Input).value
        return ElementForm(
            text=self.query_one("#text", Input).value,
            referent=referent_of(self.query_one("#referent", Select).value),
            due=self.query_one("#due", Input).value,
            state=state,
            reason=reason,
            notes=self.query_one("#notes", Input).value,
        )
