"""Elements to secure on the shared screen: the list with who and by when, taken from
the other exercises or typed, followed from workshop to workshop.

Opens on what fell due since the previous workshop (late ones in red) when there
is any, else on every open element. "Today" is the app's clock.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable, Header, Static

from exercises import securing, securing_exercise, securing_sources
from exercises.securing import Element, element_text
from exercises.securing_labels import (
    MISSING,
    Names,
    origin_label,
    source_notes,
    state_label,
)
from screens.exercises.base import ExerciseScreen
from screens.modals.confirm import ConfirmModal
from screens.modals.element import ElementForm, ElementModal
from screens.modals.pick_many import PickManyModal
from screens.widgets.key_bar import KeyBar
from workshop.i18n import t
from workshop.minutes.builder import format_date
from workshop.proposals import Referent

if TYPE_CHECKING:
    from workshop.project import Project

FILTERS = ("due", "open", "workshop", "all")
STATE_STYLES = {"to_secure": "", "in_progress": "yellow", "secured": "green", "abandoned": "dim"}


class SecuringScreen(ExerciseScreen):
    CSS_PATH = "securing.tcss"
    BINDINGS = [
        Binding("escape", "close", "common.back"),
        Binding("n", "new", "securing.key.new"),
        Binding("i", "take", "securing.key.take"),
        Binding("enter", "edit", "securing.key.edit"),
        Binding("f", "next_filter", "securing.key.filter"),
        Binding("delete", "remove", "securing.key.remove", show=False),
    ]
    exercise = securing_exercise.EXERCISE

    def __init__(self, project: Project, workshop_id: int, item_id: int = 0) -> None:
        super().__init__(project, workshop_id, item_id)
        self.filter = "open"
        self.shown: list[Element] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Content(t("securing.screen.question")), id="question", classes="hint")
        yield Static(id="filter-line")
        yield DataTable(id="elements", cursor_type="row", zebra_stripes=True)
        yield Static(id="empty", classes="hint")
        yield Static(id="detail")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = t("exercise.securing.title")
        self.sub_title = self.project.workshop(self.workshop_id).title
        # At the next workshop, open on what fell due since the last one.
        self.filter = "due" if securing.due_since_last(self.project, self.workshop_id) else "open"
        self.refresh_list()
        self.query_one(DataTable).focus()

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            self.refresh_list()

    def on_resize(self) -> None:
        if self.is_mounted:
            self.refresh_list()

    @property
    def today(self) -> str:
        return self.project.today()  # the app's clock, which the project reads

    # Display ---------------------------------------------------------------------------
    def _filtered(self) -> list[Element]:
        if self.filter == "due":
            return securing.due_since_last(self.project, self.workshop_id)
        every = securing.elements(self.project)
        if self.filter == "open":
            return [e for e in every if e.is_open]
        if self.filter == "workshop":
            return [e for e in every if e.workshop_id == self.workshop_id]
        return every

    def refresh_list(self, keep_id: int | None = None) -> None:
        table = self.query_one(DataTable)
        if keep_id is None and self.shown and 0 <= table.cursor_row < len(self.shown):
            keep_id = self.shown[table.cursor_row].id
        self.shown = self._filtered()
        names = Names(self.project)
        today = self.today
        table.clear(columns=True)
        wide = self.size.width >= 100
        who_width, state_width = (24, 24) if wide else (16, 12)
        # What is left for the element's text (each column has one cell of padding either side).
        text_width = max(16, self.size.width - 2 - 2 * 5 - 3 - who_width - 12 - state_width)
        for key, width in (("number", 3), ("text", text_width), ("who", who_width), ("due", 12), ("state", state_width)):
            table.add_column(t(f"securing.col.{key}"), width=width, key=key)
        for e in self.shown:
            late = e.is_late(today)
            style = "bold red" if late else ""
            due = format_date(e.due) + (" !" if late else "") if e.due else MISSING
            # Wide, the state says "late" in words; narrow, the "!" after the date and the colour do.
            state = state_label(e, today) if wide else t(f"securing.state.{e.state}")
            table.add_row(
                Text(str(e.id)),
                Text(element_text(e)),  # wrapped over as many lines as it needs (height=None)
                Text(names.referent(e)),
                Text(due, style=style),
                Text(state, style=style or STATE_STYLES.get(e.state, "")),
                key=str(e.id),
                height=None,
            )
        rows = [e.id for e in self.shown]
        if keep_id in rows:
            table.move_cursor(row=rows.index(keep_id))
        late_count = sum(1 for e in securing.elements(self.project) if e.is_late(today))
        line = t("securing.filter.line", name=t(f"securing.filter.{self.filter}"), count=len(self.shown))
        if late_count:
            line += " · " + t("securing.screen.late_count", count=late_count)
        self.query_one("#filter-line", Static).update(Content(line))
        empty = self.query_one("#empty", Static)
        empty.update(Content(t(f"securing.empty.{self.filter}")))
        empty.display = not self.shown
        table.display = bool(self.shown)
        self.show_detail()

    def current(self) -> Element | None:
        row = self.query_one(DataTable).cursor_row
        return self.shown[row] if 0 <= row < len(self.shown) else None

    def show_detail(self) -> None:
        item = self.current()
        detail = self.query_one("#detail", Static)
        detail.display = item is not None
        if item is None:
            return
        names = Names(self.project)
        lines = [
            Content(state_label(item, self.today)).stylize("bold"),
            Content(
                t(
                    "securing.screen.detail_who",
                    who=names.referent(item),
                    structure=names.referent_structure(item),
                    due=format_date(item.due) if item.due else MISSING,
                )
            ),
            Content(t("securing.screen.detail_origin", origin=origin_label(item, names), workshop=names.workshop(item.workshop_id))),
        ]
        lines += [Content(line) for line in source_notes(item)]
        if item.notes:
            lines.append(Content(t("securing.screen.detail_notes", notes=item.notes)))
        detail.update(Content("\n").join(lines))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail()

    # Actions ---------------------------------------------------------------------------
    def action_next_filter(self) -> None:
        self.filter = FILTERS[(FILTERS.index(self.filter) + 1) % len(FILTERS)]
        self.refresh_list()

    def action_new(self) -> None:
        def save(form: ElementForm) -> Element:
            return securing.add_element(
                self.project, form.text, item_id=self.item_id, workshop_id=self.workshop_id, referent=form.referent, due=form.due, notes=form.notes
            )

        def saved(element: Element | None) -> None:
            if element is not None:
                self.notify(t("securing.screen.added", number=element.id), markup=False)
                if self.filter == "due":
                    self.filter = "open"
                self.refresh_list(keep_id=element.id)

        self.app.push_screen(ElementModal(self.project, t("securing.screen.new_heading"), save, ElementForm(""), new=True), saved)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_edit()

    def action_edit(self) -> None:
        item = self.current()
        if item is None:
            return
        initial = ElementForm(
            element_text(item),
            Referent(item.referent_participant_id, item.referent_structure_id),
            format_date(item.due) if item.due else "",  # as people write dates (read back either way)
            item.state,
            item.state_reason,
            item.notes,
        )
        today = self.today

        def save(form: ElementForm) -> Element:
            return securing.update_element(
                self.project,
                item.id,
                text=form.text,
                referent=form.referent,
                due=form.due,
                state=form.state,
                reason=form.reason,
                notes=form.notes,
                on=today,
            )

        def saved(element: Element | None) -> None:
            self.refresh_list(keep_id=item.id)

        heading = t("securing.screen.edit_heading", number=item.id)
        self.app.push_screen(ElementModal(self.project, heading, save, initial, new=False), saved)

    def action_remove(self) -> None:
        item = self.current()
        if item is None:
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.app.attempt(securing.remove_element, self.project, item.id)
            self.refresh_list()

        self.app.push_screen(ConfirmModal(t("securing.screen.remove_confirm", text=element_text(item)), t("securing.key.remove")), confirmed)

    def action_take(self) -> None:
        found = self.app.attempt(securing_sources.candidates, self.project, self.workshop_id)
        if found is None:
            return
        if not found:
            self.notify(t("securing.screen.nothing_to_take"), markup=False, severity="warning")
            return
        # The element first: on a narrow screen the line is cut at its end, where the context is.
        choices = [(c.text + (" ★" if c.retained else "") + f" — {c.context}", c.key) for c in found]

        def picked(keys: list[str] | None) -> None:
            if not keys:
                return
            made = self.app.attempt(securing_sources.take, self.project, self.item_id, keys)
            if made:
                self.notify(t("securing.screen.taken", count=len(made)), markup=False)
                if self.filter == "due":
                    self.filter = "open"
                self.refresh_list(keep_id=made[0].id)

        self.app.push_screen(PickManyModal(t("securing.screen.take_question"), choices, []), picked)
