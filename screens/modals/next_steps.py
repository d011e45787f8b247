"""What follows a workshop, as the room decides it: the next steps (who, by when), the next
meeting, and what the minutes' header says (purpose, author, status).

Opened from the cockpit (S) at the end of a day, and from the workshop plan (S).
Every change is saved at once through the core; what it shows is read back from
the project, and what people typed is shown literally.
"""

from __future__ import annotations

from rich.text import Text
from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from screens.app_base import AtelierBase
from screens.formatting import format_date
from screens.modals.confirm import ConfirmModal
from screens.modals.minutes_details import MinutesDetailsForm, MinutesDetailsModal
from screens.modals.next_meeting import NextMeetingForm, NextMeetingModal
from screens.modals.next_step import NextStepForm, NextStepModal
from screens.parameters import int_parameter
from screens.tables import fill_table, selected_key
from screens.widgets.key_bar import KeyBar
from workshop import next_steps as steps
from workshop.i18n import t
from workshop.model import MinutesStatus, Workshop
from workshop.project import Project

MAX_WIDTH = 110  # the frame's width on a large screen (see next_steps.tcss)
MOVE = Binding.Group("next_steps.key.move", compact=True)


class NextStepsModal(ModalScreen[None]):
    app = getters.app(AtelierBase)  # self.app typed as Atelier's (and checked when read)
    CSS_PATH = "next_steps.tcss"
    # Descriptions are catalog keys, translated when the key bar is drawn.
    BINDINGS = [
        Binding("escape", "close", "common.back"),
        Binding("a,insert", "add", "next_steps.key.add"),
        # Priority: the table's own Enter would hide it from the key bar.
        Binding("enter", "edit", "next_steps.key.edit", key_display="⏎", priority=True),
        Binding("e", "edit", "next_steps.key.edit", show=False),
        Binding("space", "toggle_done", "next_steps.key.toggle"),
        Binding("delete", "remove", "next_steps.key.remove"),  # never one letter: a removal is Delete, confirmed
        Binding("shift+up", "move(-1)", "next_steps.key.move", key_display="⇧↑", group=MOVE),
        Binding("shift+down", "move(1)", "next_steps.key.move", key_display="⇧↓", group=MOVE),
        Binding("r", "meeting", "next_steps.key.meeting"),
        Binding("c", "details", "next_steps.key.details"),
    ]
    ON_STEP = frozenset({"edit", "toggle_done", "remove", "move"})  # keys that act on the selected step

    def __init__(self, project: Project, workshop_id: int) -> None:
        super().__init__()
        self.project = project
        self.workshop_id = workshop_id

    @property
    def workshop(self) -> Workshop:
        return self.project.workshop(self.workshop_id)

    def compose(self) -> ComposeResult:
        with Vertical(id="next-steps"):
            yield Static(id="heading")
            yield Static(id="meeting")
            yield Static(id="minutes-details")
            yield DataTable(id="steps-table", cursor_type="row", zebra_stripes=True)
            yield Static(id="steps-empty", classes="hint")
            # The selected step whole: its text and owner give way in the table at 80 columns.
            yield Static(id="step-detail", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        # Fixed widths, so that who and when stay in view at 80 columns (the step's text is cut, not them).
        room = max(40, min(MAX_WIDTH, self.app.size.width) - 12)
        due, state = 10, max(len(t(f"next_steps.status.{s.value}")) for s in steps.StepStatus)
        who = max(12, room // 4)
        table = self.query_one("#steps-table", DataTable)
        table.add_column(t("next_steps.col.what"), width=max(12, room - who - due - state - 6))
        table.add_column(t("next_steps.col.who"), width=who)
        table.add_column(t("next_steps.col.due"), width=due)
        table.add_column(t("next_steps.col.state"), width=state)
        self.refresh_all()
        self.query_one("#steps-table", DataTable).focus()

    # Showing -------------------------------------------------------------------------------
    def refresh_all(self, keep: int | None = None) -> None:
        workshop = self.workshop
        self.query_one("#heading", Static).update(Content.from_markup(t("next_steps.heading"), title=workshop.title))
        self.query_one("#meeting", Static).update(self._meeting_line(workshop))
        self.query_one("#minutes-details", Static).update(self._details_line(workshop))
        self._fill(keep)

    def _meeting_line(self, workshop: Workshop) -> Content:
        if not workshop.next_meeting_date:
            return Content.assemble((t("next_steps.meeting.label"), "bold"), t("next_steps.meeting.none"))
        parts = [format_date(workshop.next_meeting_date)]
        if workshop.next_meeting_time:
            parts.append(workshop.next_meeting_time)
        if workshop.next_meeting_place:
            parts.append(workshop.next_meeting_place)
        if workshop.next_meeting_purpose:
            parts.append(workshop.next_meeting_purpose)
        return Content.assemble((t("next_steps.meeting.label"), "bold"), " · ".join(parts))

    def _details_line(self, workshop: Workshop) -> Content:
        status = t(f"minutes.status.{workshop.minutes_status or MinutesStatus.DRAFT.value}")
        author = workshop.minutes_author or workshop.facilitator or "—"
        return Content.assemble(
            (t("next_steps.details.label"), "bold"),
            Content.from_markup(t("next_steps.details.summary"), status=status, author=author, purpose=workshop.purpose or "—"),
        )

    def _fill(self, keep: int | None = None) -> None:
        from workshop.minutes.next_steps import step_owner

        found = steps.next_steps(self.project, self.workshop_id)
        rows = []
        for step in found:
            who, structure = step_owner(self.project, step)
            owner = f"{who} ({structure})" if who and structure else who or structure
            rows.append(
                (
                    str(step.id),
                    [
                        Text(step.text),
                        Text(owner),
                        Text(format_date(step.due) or "—"),
                        Text(t(f"next_steps.status.{step.status}"), style="green" if step.done else ""),
                    ],
                )
            )
        fill_table(self.query_one("#steps-table", DataTable), rows, None if keep is None else str(keep))
        empty = self.query_one("#steps-empty", Static)
        empty.update(Content(t("next_steps.empty")))
        empty.display = not found
        self.refresh_bindings()
        self._show_selected()

    def _selected(self) -> int:
        key = selected_key(self.query_one("#steps-table", DataTable))
        return int(key) if key else 0

    # Actions ------------------------------------------------------------------------------------
    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def on_data_table_row_highlighted(self, _event: DataTable.RowHighlighted) -> None:
        self.refresh_bindings()
        self._show_selected()

    def _show_selected(self) -> None:
        from workshop.minutes.next_steps import step_owner

        detail = self.query_one("#step-detail", Static)
        step_id = self._selected()
        if not step_id:
            detail.update("")
            return
        step = steps.next_step(self.project, step_id)
        who, structure = step_owner(self.project, step)
        owner = f"{who} ({structure})" if who and structure else who or structure
        parts = [step.text, owner, format_date(step.due)]
        detail.update(Content(" — ".join(part for part in parts if part)))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.ON_STEP and self.is_mounted and not self._selected():
            return False  # no step yet: the bar offers only what acts
        if action == "move" and self.is_mounted:
            found = [s.id for s in steps.next_steps(self.project, self.workshop_id)]
            at = found.index(self._selected()) if self._selected() in found else -1
            return 0 <= at + int_parameter(parameters) < len(found)
        return True

    def action_close(self) -> None:
        self.dismiss(None)

    def _saved(self, step: steps.NextStep | None) -> None:
        if step is not None:
            self.refresh_all(keep=step.id)

    def action_add(self) -> None:
        def save(form: NextStepForm) -> steps.NextStep:
            return steps.add_next_step(self.project, self.workshop_id, form.text, form.participant_id, form.structure_id, form.due)

        self.app.push_screen(NextStepModal(t("next_steps.form.new"), save, self.project), self._saved)

    def action_edit(self) -> None:
        step_id = self._selected()
        if not step_id:
            return
        current = steps.next_step(self.project, step_id)

        def save(form: NextStepForm) -> steps.NextStep:
            return steps.edit_next_step(self.project, step_id, form.text, form.participant_id, form.structure_id, form.due)

        initial = NextStepForm(current.text, current.participant_id, current.structure_id, format_date(current.due))
        self.app.push_screen(NextStepModal(t("next_steps.form.edit"), save, self.project, initial), self._saved)

    def action_toggle_done(self) -> None:
        step_id = self._selected()
        if not step_id:
            return
        from workshop.proposals.tracker import day_of

        current = steps.next_step(self.project, step_id)
        status = steps.StepStatus.TO_DO if current.done else steps.StepStatus.DONE
        self._saved(self.app.attempt(steps.set_status, self.project, step_id, status, on=day_of(self.app.clock.now())))

    def action_remove(self) -> None:
        step_id = self._selected()
        if not step_id:
            return
        current = steps.next_step(self.project, step_id)

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.app.attempt(steps.remove_next_step, self.project, step_id)
                self.refresh_all()

        self.app.push_screen(ConfirmModal(t("next_steps.remove_confirm", text=current.text), t("next_steps.key.remove")), confirmed)

    def action_move(self, delta: int) -> None:
        step_id = self._selected()
        if step_id and self.app.attempt(steps.move_next_step, self.project, step_id, delta) is not None:
            self.refresh_all(keep=step_id)

    def action_meeting(self) -> None:
        current = self.workshop

        def save(form: NextMeetingForm) -> Workshop:
            return self.project.update_workshop(
                self.workshop_id,
                next_meeting_date=form.date,
                next_meeting_time=form.time,
                next_meeting_place=form.place,
                next_meeting_purpose=form.purpose,
            )

        initial = NextMeetingForm(
            format_date(current.next_meeting_date), current.next_meeting_time, current.next_meeting_place, current.next_meeting_purpose
        )
        self.app.push_screen(NextMeetingModal(t("next_steps.meeting.heading"), save, initial), lambda _w: self.refresh_all())

    def action_details(self) -> None:
        current = self.workshop

        def save(form: MinutesDetailsForm) -> Workshop:
            return self.project.update_workshop(
                self.workshop_id, purpose=form.purpose, minutes_author=form.author, minutes_status=form.status
            )

        initial = MinutesDetailsForm(current.purpose, current.minutes_author, current.minutes_status)
        self.app.push_screen(MinutesDetailsModal(t("next_steps.details.heading"), save, initial), lambda _w: self.refresh_all())

    def help_markdown(self) -> str:
        return t("help.next_steps")
