"""Plan one workshop: its details, who attends, and its timed agenda."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from rich.text import Text
from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static, TabbedContent, TabPane

from screens.app_base import AtelierBase
from screens.formatting import clock_after, format_date, format_minutes
from screens.modals.agenda_item import AgendaItemForm, AgendaItemModal
from screens.modals.confirm import ConfirmModal
from screens.modals.notes import NotesModal
from screens.modals.workshop import WorkshopForm, WorkshopModal
from screens.tables import Column, ColumnLayout, fill_table, selected_key
from screens.widgets.key_bar import KeyBar
from workshop.i18n import t
from workshop.model import AgendaItem, Attendance, Workshop
from workshop.project import Project
from workshop.registry import exercises

ATTENDANCE_CYCLE = [Attendance.PRESENT, Attendance.ABSENT, Attendance.EXCUSED]
ATTENDANCE_STYLE = {Attendance.PRESENT: "bold green", Attendance.ABSENT: "bold red", Attendance.EXCUSED: "bold yellow"}
TAB_ACTIONS = {
    "agenda": {"add_item", "edit_item", "notes", "remove_item", "move_up", "move_down"},
    "attendance": {"cycle", "mark_present", "mark_absent", "mark_excused"},
}
ON_ITEM = {"edit_item", "notes", "remove_item", "move_up", "move_down"}  # need a selected item


def edit_workshop_details(
    screen: Screen, project: Project, workshop_id: int, after: Callable[[Workshop | None], None]
) -> None:
    """Open the details form of a workshop; `after` gets the saved workshop (None if cancelled)."""
    current = project.workshop(workshop_id)

    def save(form: WorkshopForm) -> Workshop:
        return project.update_workshop(
            workshop_id,
            title=form.title,
            date=form.date,
            start_time=form.start_time,
            place=form.place,
            facilitator=form.facilitator,
        )

    initial = WorkshopForm(current.title, current.date, current.start_time, current.place, current.facilitator)
    screen.app.push_screen(WorkshopModal(t("plan.edit_details"), save, initial), after)


def exercise_title(kind: str) -> str:
    for exercise in exercises():
        if exercise.kind == kind:
            return exercise.title
    return kind


MOVE = Binding.Group("plan.move", compact=True)


class WorkshopPlanScreen(Screen[None]):
    app = getters.app(AtelierBase)  # self.app typed as Atelier's (and checked when read)
    CSS_PATH = "workshop_plan.tcss"
    BINDINGS = [
        Binding("escape", "close", "common.back"),
        Binding("i", "details", "plan.details"),
        Binding("l", "live", "plan.live"),
        Binding("s", "next_steps", "next_steps.tool"),
        Binding("a,insert", "add_item", "plan.add_item"),
        # Priority: the table's own Enter would hide it from the key bar.
        Binding("enter", "edit_item", "plan.edit_item", priority=True),
        Binding("e", "edit_item", "plan.edit_item", show=False),
        Binding("n", "notes", "plan.notes"),
        Binding("delete", "remove_item", "plan.remove_item"),
        Binding("shift+up,ctrl+up,minus", "move_up", "plan.move_up", key_display="⇧↑", group=MOVE),
        Binding("shift+down,ctrl+down,plus", "move_down", "plan.move_down", key_display="⇧↓", group=MOVE),
        Binding("space", "cycle", "plan.cycle"),
        Binding("p", "mark_present", "attendance.present"),
        Binding("a", "mark_absent", "attendance.absent"),
        Binding("x", "mark_excused", "attendance.excused"),
        Binding("1", "tab('agenda')", "plan.tab_agenda", show=False),
        Binding("2", "tab('attendance')", "plan.tab_attendance", show=False),
    ]

    def __init__(self, project: Project, workshop_id: int) -> None:
        super().__init__()
        self.project = project
        self.workshop_id = workshop_id

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="details")
        with TabbedContent(id="tabs", initial="agenda"):
            with TabPane(t("plan.tab_agenda"), id="agenda"):
                yield DataTable(id="agenda-table", cursor_type="row", zebra_stripes=True)
                yield Static(id="agenda-empty", classes="hint empty")
                # The selected item in full: what the narrow columns cut.
                yield Static(id="agenda-detail", classes="detail", markup=False)
                yield Static(id="agenda-total", classes="summary")
            with TabPane(t("plan.tab_attendance"), id="attendance"):
                yield DataTable(id="attendance-table", cursor_type="row", zebra_stripes=True)
                yield Static(id="attendance-empty", classes="hint empty")
                yield Static(id="attendance-total", classes="summary")
        yield KeyBar()

    def on_mount(self) -> None:
        # At 80 columns the exercise's name and the notes mark give way before the
        # times and the duration; long titles are cut, and read whole below the table.
        self.agenda_columns = ColumnLayout(
            [
                Column("start", t("plan.col_start"), 5),
                Column("title", t("plan.col_title"), 14, flexible=True, weight=3),
                Column("kind", t("plan.col_kind"), 12, flexible=True, gives_way=2, weight=2),
                Column("duration", t("plan.col_duration"), 7),
                Column("notes", t("plan.col_notes"), 5, gives_way=3),
            ]
        )
        self.agenda_columns.apply(self.query_one("#agenda-table", DataTable), self.size.width)
        self.query_one("#attendance-table", DataTable).add_columns(
            t("plan.col_name"), t("plan.col_structure"), t("plan.col_attendance")
        )
        self.refresh_all()
        self.query_one("#agenda-table", DataTable).focus()

    def on_screen_resume(self) -> None:
        if self.app.project is self.project:
            self.refresh_all()

    def on_atelier_base_change_undone(self, _message: object) -> None:
        # Ctrl+Z brought something back: show the project as it is now.
        self.refresh_all()

    @property
    def workshop(self) -> Workshop:
        return self.project.workshop(self.workshop_id)

    # Filling ----------------------------------------------------------------------------
    def refresh_all(self, keep_item: int | None = None) -> None:
        self.refresh_bindings()
        workshop = self.workshop
        self.sub_title = workshop.title
        self._fill_details(workshop)
        self._fill_agenda(workshop, keep_item)
        self._fill_attendance(workshop)

    def _fill_details(self, workshop: Workshop) -> None:
        parts: list[Content] = []
        when = " ".join(part for part in (format_date(workshop.date), workshop.start_time) if part)
        parts.append(Content(when or t("plan.no_date")))
        if workshop.place:
            parts.append(Content(workshop.place))
        if workshop.facilitator:
            parts.append(Content.from_markup(t("plan.facilitated_by"), name=workshop.facilitator))
        self.query_one("#details", Static).update(Content(" · ").join(parts))

    def _fill_agenda(self, workshop: Workshop, keep_item: int | None) -> None:
        items = self.project.agenda(self.workshop_id)
        rows = []
        offset = 0
        for item in items:
            values = {
                "start": Text(clock_after(workshop.start_time, offset)),
                "title": Text(item.title),
                "kind": Text(exercise_title(item.kind)),
                "duration": Text(format_minutes(item.planned_minutes), justify="right"),
                "notes": Text("✎" if item.notes.strip() else ""),
            }
            rows.append((str(item.id), self.agenda_columns.cells(values)))
            offset += item.planned_minutes
        fill_table(self.query_one("#agenda-table", DataTable), rows, None if keep_item is None else str(keep_item))
        self._show_item_detail()
        empty = self.query_one("#agenda-empty", Static)
        empty.update(Content(t("plan.agenda_empty")))
        empty.display = not items
        if workshop.start_time:
            total = t("plan.total_with_end", n=len(items), duration=format_minutes(offset), end=clock_after(workshop.start_time, offset))
        else:
            total = t("plan.total", n=len(items), duration=format_minutes(offset))
        self.query_one("#agenda-total", Static).update(Content(total))

    def _fill_attendance(self, workshop: Workshop) -> None:
        structures = {s.id: s.name for s in self.project.structures()}
        participants = self.project.participants()
        rows = []
        counts: Counter[str] = Counter()
        for p in participants:
            status = Attendance(workshop.status_of(p.id))
            counts[status] += 1
            rows.append(
                (
                    str(p.id),
                    [Text(p.name), Text(structures.get(p.structure_id, "?")), Text(t(f"attendance.{status.value}"), style=ATTENDANCE_STYLE[status])],
                )
            )
        fill_table(self.query_one("#attendance-table", DataTable), rows)
        empty = self.query_one("#attendance-empty", Static)
        empty.update(Content(t("plan.attendance_empty")))
        empty.display = not participants
        self.query_one("#attendance-total", Static).update(
            Content(
                t(
                    "plan.attendance_total",
                    present=counts[Attendance.PRESENT],
                    absent=counts[Attendance.ABSENT],
                    excused=counts[Attendance.EXCUSED],
                )
            )
        )

    # Tabs and bindings ---------------------------------------------------------------------
    @property
    def active_tab(self) -> str:
        return self.query_one(TabbedContent).active or "agenda"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.is_mounted:
            return True
        for tab, actions in TAB_ACTIONS.items():
            if action in actions:
                if tab != self.active_tab:
                    return False
                if action in ON_ITEM:
                    return self._can_act_on_item(action)
                if tab == "attendance":
                    return self._selected("attendance") != 0
        if action == "live":
            return bool(self.project.agenda(self.workshop_id))  # nothing to run without an agenda
        return True

    def _can_act_on_item(self, action: str) -> bool:
        table = self.query_one("#agenda-table", DataTable)
        if not self._selected("agenda"):
            return False
        if action == "move_up":
            return table.cursor_row > 0
        if action == "move_down":
            return table.cursor_row < table.row_count - 1
        return True

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.refresh_bindings()
        if event.data_table.id == "agenda-table":
            self._show_item_detail()

    def _show_item_detail(self) -> None:
        """The selected item whole: title, exercise, duration, and its notes begin."""
        detail = self.query_one("#agenda-detail", Static)
        item_id = self._selected("agenda")
        if not item_id:
            detail.update("")
            return
        item = self.project.agenda_item(item_id)
        parts = [item.title, exercise_title(item.kind), format_minutes(item.planned_minutes)]
        notes = next((line.strip() for line in item.notes.splitlines() if line.strip()), "")
        if notes:
            parts.append("✎ " + notes)
        detail.update(Content(" · ".join(parts)))

    def on_resize(self) -> None:
        if self.is_mounted and self.agenda_columns.apply(self.query_one("#agenda-table", DataTable), self.size.width):
            self._fill_agenda(self.workshop, None)

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self.refresh_bindings()
        if event.pane.id:
            self.query_one(f"#{event.pane.id}-table", DataTable).focus()

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab

    def _selected(self, table: str) -> int:
        key = selected_key(self.query_one(f"#{table}-table", DataTable))
        return int(key) if key else 0

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if self.active_tab == "agenda":
            self.action_edit_item()
        else:
            self.action_cycle()

    # Screen actions ------------------------------------------------------------------------
    def action_close(self) -> None:
        self.app.pop_screen()

    def action_details(self) -> None:
        edit_workshop_details(self, self.project, self.workshop_id, lambda _workshop: self.refresh_all())

    def action_next_steps(self) -> None:
        from screens.modals.next_steps import NextStepsModal

        self.app.push_screen(NextStepsModal(self.project, self.workshop_id), lambda _none: self.refresh_all())

    def action_live(self) -> None:
        try:
            from screens.cockpit import CockpitScreen  # built beside this screen, by the live feature
        except ModuleNotFoundError as error:
            if error.name != "screens.cockpit":
                raise
            self.app.notify(t("plan.live_missing"), markup=False, severity="warning")
            return
        self.app.push_screen(CockpitScreen(self.project, self.workshop_id))

    # Agenda -------------------------------------------------------------------------------
    def action_add_item(self) -> None:
        def save(form: AgendaItemForm) -> AgendaItem:
            return self.project.add_agenda_item(self.workshop_id, form.kind, form.title, form.minutes)

        def saved(item: AgendaItem | None) -> None:
            if item is not None:
                self.refresh_all(keep_item=item.id)

        self.app.push_screen(AgendaItemModal(t("plan.new_item"), save, exercises()), saved)

    def action_edit_item(self) -> None:
        item_id = self._selected("agenda")
        if not item_id:
            return
        current = self.project.agenda_item(item_id)

        def save(form: AgendaItemForm) -> AgendaItem:
            return self.project.update_agenda_item(item_id, title=form.title, planned_minutes=form.minutes)

        def saved(item: AgendaItem | None) -> None:
            if item is not None:
                self.refresh_all(keep_item=item.id)

        initial = AgendaItemForm(current.kind, current.title, str(current.planned_minutes))
        self.app.push_screen(
            AgendaItemModal(t("plan.edit_item_heading"), save, exercises(), initial, kind_fixed=True), saved
        )

    def action_notes(self) -> None:
        item_id = self._selected("agenda")
        if not item_id:
            return
        current = self.project.agenda_item(item_id)

        def save(text: str) -> AgendaItem:
            return self.project.update_agenda_item(item_id, notes=text)

        def saved(item: AgendaItem | None) -> None:
            if item is not None:
                self.refresh_all(keep_item=item.id)

        heading = t("plan.notes_heading", title=current.title)
        self.app.push_screen(NotesModal(heading, save, current.notes), saved)

    def action_remove_item(self) -> None:
        item_id = self._selected("agenda")
        if not item_id:
            return
        item = self.project.agenda_item(item_id)

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.app.attempt(self.project.remove_agenda_item, item_id)
                self.refresh_all()

        self.app.push_screen(ConfirmModal(t("plan.remove_item_confirm", title=item.title), t("plan.remove_item")), confirmed)

    def _move(self, delta: int) -> None:
        item_id = self._selected("agenda")
        if item_id and self.app.attempt(self.project.move_agenda_item, item_id, delta) is not None:
            self.refresh_all(keep_item=item_id)

    def action_move_up(self) -> None:
        self._move(-1)

    def action_move_down(self) -> None:
        self._move(1)

    # Attendance ---------------------------------------------------------------------------
    def _mark(self, status: Attendance | None) -> None:
        participant_id = self._selected("attendance")
        if not participant_id:
            return
        if status is None:
            current = Attendance(self.workshop.status_of(participant_id))
            status = ATTENDANCE_CYCLE[(ATTENDANCE_CYCLE.index(current) + 1) % len(ATTENDANCE_CYCLE)]
        if self.app.attempt(self.project.set_attendance, self.workshop_id, participant_id, status.value) is not None:
            self._fill_attendance(self.workshop)

    def action_cycle(self) -> None:
        self._mark(None)

    def action_mark_present(self) -> None:
        self._mark(Attendance.PRESENT)

    def action_mark_absent(self) -> None:
        self._mark(Attendance.ABSENT)

    def action_mark_excused(self) -> None:
        self._mark(Attendance.EXCUSED)

    # Help -------------------------------------------------------------------------------
    def help_markdown(self) -> str:
        return t("help.workshop_plan")
