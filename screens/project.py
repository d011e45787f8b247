"""A cooperation project: its structures, participants, workshops and settings."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from rich.text import Text
from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Select, Static, TabbedContent, TabPane, Tabs

from screens.app_base import AtelierBase
from screens.formatting import format_date, format_minutes
from screens.modals.confirm import ConfirmModal
from screens.modals.participant import ParticipantForm, ParticipantModal
from screens.modals.structure import StructureForm, StructureModal
from screens.modals.workshop import WorkshopForm, WorkshopModal
from screens.tables import Column, ColumnLayout, fill_table, selected_key
from screens.widgets.key_bar import KeyBar
from screens.widgets.line_input import LineInput
from workshop.errors import AtelierError, StorageError
from workshop.i18n import t
from workshop.model import Participant, Structure, Workshop
from workshop.names import name_key
from workshop.project import Project

TABS = ("structures", "participants", "workshops", "settings")
# Which tab each list action belongs to.
TAB_ACTIONS = {
    "structures": {"add", "edit", "remove", "promote", "open_row"},
    "participants": {"add", "edit", "remove", "open_row"},
    "workshops": {"add", "edit", "remove", "open_workshop", "open_row"},
    "settings": set(),
}
ON_SELECTION = {"edit", "remove", "promote", "open_workshop", "open_row"}  # need a selected row


def duplicates(names: list[str]) -> set[str]:
    """The comparison keys of names used more than once."""
    counts = Counter(name_key(name) for name in names)
    return {key for key, count in counts.items() if count > 1}


class ProjectScreen(Screen[None]):
    app = getters.app(AtelierBase)  # self.app typed as Atelier's (and checked when read)
    CSS_PATH = "project.tcss"
    BINDINGS = [
        Binding("escape", "close", "common.back"),
        Binding("a,insert", "add", "project.add"),
        # Priority: the table's own Enter would hide it from the key bar; on the
        # settings tab it is off and Enter reaches the field.
        Binding("enter", "open_row", "project.edit", priority=True),
        Binding("e", "edit", "project.edit", show=False),
        Binding("delete", "remove", "project.remove"),
        Binding("p", "promote", "project.promote"),
        Binding("f12", "app.save_as", "save_as.key"),
        Binding("1", "tab('structures')", "project.tab_structures", show=False),
        Binding("2", "tab('participants')", "project.tab_participants", show=False),
        Binding("3", "tab('workshops')", "project.tab_workshops", show=False),
        Binding("4", "tab('settings')", "project.tab_settings", show=False),
    ]

    def __init__(self, project: Project) -> None:
        super().__init__()
        self.project = project

    # Layout -------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(id="tabs", initial="structures"):
            with TabPane(t("project.tab_structures"), id="structures"):
                yield DataTable(id="structures-table", cursor_type="row", zebra_stripes=True)
                yield Static(id="structures-empty", classes="hint empty")
                # Why the selected structure cannot be removed, when it cannot (Suppr is then not offered).
                yield Static(id="structures-detail", classes="detail", markup=False)
                yield Static(id="structures-summary", classes="hint summary")
            with TabPane(t("project.tab_participants"), id="participants"):
                yield DataTable(id="participants-table", cursor_type="row", zebra_stripes=True)
                yield Static(id="participants-empty", classes="hint empty")
            with TabPane(t("project.tab_workshops"), id="workshops"):
                yield DataTable(id="workshops-table", cursor_type="row", zebra_stripes=True)
                yield Static(id="workshops-empty", classes="hint empty")
                # The selected workshop whole: what the narrow columns cut.
                yield Static(id="workshops-detail", classes="detail", markup=False)
            with TabPane(t("project.tab_settings"), id="settings"):
                with VerticalScroll(id="settings-form"):
                    yield Static(Content(t("project.settings_name")), classes="field-label")
                    yield LineInput(self.project.name, id="project-name")
                    yield Static(Content(t("project.settings_promoter")), classes="field-label")
                    yield Select([], id="promoter", prompt=t("project.no_promoter"))
                    yield Static(Content(t("project.settings_threshold")), classes="field-label")
                    with Vertical(id="threshold-row"):
                        yield LineInput(str(self.project.threshold), id="threshold", max_length=5)
                    yield Static(id="threshold-history", classes="hint")
                    yield Static(id="settings-error")
                    yield Static(Content(t("project.settings_hint")), classes="hint")
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = self.project.name
        self.query_one("#structures-table", DataTable).add_columns(
            t("project.col_name"), t("project.col_kind"), t("project.col_member"), t("project.col_people")
        )
        self.query_one("#participants-table", DataTable).add_columns(
            t("project.col_name"), t("project.col_structure"), t("project.col_role")
        )
        # At 80 columns the place gives way first, then the agenda; titles are cut
        # and read whole in the detail line.
        self.workshop_columns = ColumnLayout(
            [
                Column("title", t("project.col_title"), 14, flexible=True, weight=3),
                Column("date", t("project.col_date"), 10),
                Column("start", t("project.col_start"), 5),
                Column("place", t("project.col_place"), 10, flexible=True, gives_way=2, weight=2),
                Column("agenda", t("project.col_agenda"), 16, gives_way=1),
            ]
        )
        self.workshop_columns.apply(self.query_one("#workshops-table", DataTable), self.size.width)
        self.query_one("#settings-error", Static).display = False
        self.refresh_all()
        self.query_one("#structures-table", DataTable).focus()

    def on_screen_resume(self) -> None:
        if self.app.project is self.project:
            self.refresh_all()

    def on_atelier_base_change_undone(self, _message: object) -> None:
        # Ctrl+Z brought something back: show the project as it is now.
        self.refresh_all()

    # Filling ----------------------------------------------------------------------------
    def refresh_all(self) -> None:
        structures = self.project.structures()
        participants = self.project.participants()
        self._fill_structures(structures, participants)
        self._fill_participants(structures, participants)
        self._fill_workshops()
        self._fill_settings(structures)
        self.refresh_bindings()
        tabs = self.query_one(TabbedContent)
        tabs.get_tab("structures").label = Content(t("project.tab_structures_n", n=len(structures)))
        tabs.get_tab("participants").label = Content(t("project.tab_participants_n", n=len(participants)))
        tabs.get_tab("workshops").label = Content(t("project.tab_workshops_n", n=len(self.project.workshops())))

    def _fill_structures(self, structures: list[Structure], participants: list[Participant]) -> None:
        twins = duplicates([s.name for s in structures])
        people = Counter(p.structure_id for p in participants)
        promoter = self.project.promoter_id
        rows = []
        for s in structures:
            name = Text(s.name)
            if s.id == promoter:
                name.append("  ★ " + t("project.promoter_mark"), style="bold")
            if name_key(s.name) in twins:
                name.append("  ⚠ " + t("project.duplicate_mark"), style="bold yellow")
            rows.append(
                (
                    str(s.id),
                    [name, Text(t(f"kind.{s.kind}")), Text(t(f"member.{str(s.member).lower()}")), Text(str(people[s.id]))],
                )
            )
        fill_table(self.query_one("#structures-table", DataTable), rows)
        self._empty("structures", not structures, "project.structures_empty")
        self._show_structure_detail()
        summary = self.query_one("#structures-summary", Static)
        promoter_name = next((s.name for s in structures if s.id == promoter), None)
        summary.update(
            Content.from_markup(
                t("project.summary"),
                promoter=promoter_name if promoter_name is not None else t("project.no_promoter"),
                threshold=self.project.threshold,
            )
        )

    def _fill_participants(self, structures: list[Structure], participants: list[Participant]) -> None:
        names = {s.id: s.name for s in structures}
        twins = duplicates([p.name for p in participants])
        rows = []
        for p in participants:
            name = Text(p.name)
            if name_key(p.name) in twins:
                name.append("  ⚠ " + t("project.duplicate_mark"), style="bold yellow")
            rows.append((str(p.id), [name, Text(names.get(p.structure_id, "?")), Text(t(f"role.{p.role}"))]))
        fill_table(self.query_one("#participants-table", DataTable), rows)
        self._empty("participants", not participants, "project.participants_empty" if structures else "project.participants_need_structure")

    def _fill_workshops(self) -> None:
        rows = []
        for w in self.project.workshops():
            agenda = self.project.agenda(w.id)
            minutes = sum(item.planned_minutes for item in agenda)
            plan = t("project.agenda_summary", n=len(agenda), duration=format_minutes(minutes)) if agenda else "—"
            values = {"title": Text(w.title), "date": Text(format_date(w.date)), "start": Text(w.start_time), "place": Text(w.place), "agenda": Text(plan)}
            rows.append((str(w.id), self.workshop_columns.cells(values)))
        fill_table(self.query_one("#workshops-table", DataTable), rows)
        self._empty("workshops", not rows, "project.workshops_empty")
        self._show_workshop_detail()

    def _show_workshop_detail(self) -> None:
        detail = self.query_one("#workshops-detail", Static)
        key = selected_key(self.query_one("#workshops-table", DataTable))
        if not key:
            detail.update("")
            return
        w = self.project.workshop(int(key))
        when = " ".join(part for part in (format_date(w.date), w.start_time) if part)
        parts = [w.title] + [part for part in (when, w.place, w.facilitator) if part]
        detail.update(Content(" · ".join(parts)))

    def on_resize(self) -> None:
        if self.is_mounted and self.workshop_columns.apply(self.query_one("#workshops-table", DataTable), self.size.width):
            self._fill_workshops()

    def _fill_settings(self, structures: list[Structure]) -> None:
        select = self.query_one("#promoter", Select)
        options = [(Text(s.name), s.id) for s in structures]
        current = self.project.promoter_id
        with select.prevent(Select.Changed):
            select.set_options(options)
            select.value = current if any(s.id == current for s in structures) else Select.NULL
        name_input = self.query_one("#project-name", Input)
        if not name_input.has_focus:
            name_input.value = self.project.name
        threshold = self.query_one("#threshold", Input)
        if not threshold.has_focus:
            threshold.value = str(self.project.threshold)
        changes = [
            t("project.threshold_change", date=format_date(c.get("on", "")), previous=c.get("previous"), value=c.get("value"))
            for c in self.project.threshold_changes
        ]
        self.query_one("#threshold-history", Static).update(
            Content("\n".join([t("project.threshold_source"), *changes]))
        )

    def _empty(self, tab: str, empty: bool, key: str) -> None:
        hint = self.query_one(f"#{tab}-empty", Static)
        hint.update(Content(t(key)))
        hint.display = empty

    # Tabs and bindings ---------------------------------------------------------------------
    @property
    def active_tab(self) -> str:
        return self.query_one(TabbedContent).active or "structures"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.is_mounted:
            return True
        tab = self.active_tab
        if action in {"add", "edit", "remove", "promote", "open_workshop", "open_row"}:
            if action not in TAB_ACTIONS.get(tab, set()):
                return False
            if action in ON_SELECTION:
                if action == "remove" and tab == "structures" and self._selected_id():
                    return self.project.structure_removal_refusal(self._selected_id()) is None
                return self._selected_id() != 0
            if action == "add" and tab == "participants":
                return bool(self.project.structures())  # a person belongs to a structure
        return True

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self.refresh_bindings()
        tab = event.pane.id or ""
        if tab == "settings":
            # Focus stays on the tab bar, so that 1-3 still switch tabs; Tab goes to the fields.
            self.query_one(TabbedContent).query_one(Tabs).focus()
        elif tab:
            self.query_one(f"#{tab}-table", DataTable).focus()

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab

    def _table(self) -> DataTable:
        return self.query_one(f"#{self.active_tab}-table", DataTable)

    def _selected_id(self) -> int:
        key = selected_key(self._table())
        return int(key) if key else 0

    def binding_label(self, action: str) -> str | None:
        if action == "open_row":
            return t("project.open_workshop" if self.active_tab == "workshops" else "project.edit")
        if action == "promote" and self._selected_id() == self.project.promoter_id:
            return t("project.unpromote")
        return None

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()  # a click on a row, like Enter
        self.action_open_row()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.refresh_bindings()  # what the keys act on changed
        if event.data_table.id == "workshops-table":
            self._show_workshop_detail()
        elif event.data_table.id == "structures-table":
            self._show_structure_detail()

    def _show_structure_detail(self) -> None:
        detail = self.query_one("#structures-detail", Static)
        key = selected_key(self.query_one("#structures-table", DataTable))
        refusal = self.project.structure_removal_refusal(int(key)) if key else None
        detail.update(Content(t("project.cannot_remove", reason=refusal.message())) if refusal else "")
        detail.display = refusal is not None

    def action_open_row(self) -> None:
        if self.active_tab == "workshops":
            self.action_open_workshop()
        else:
            self.action_edit()

    # Actions ----------------------------------------------------------------------------
    def action_close(self) -> None:
        if isinstance(self.focused, (Input, Select)):
            # Escape leaves a settings field first (back to the tab bar), then the project.
            # What was typed without Enter is dropped: the fields show what is stored.
            self.query_one(TabbedContent).query_one(Tabs).focus()
            self.query_one("#project-name", Input).value = self.project.name
            self.query_one("#threshold", Input).value = str(self.project.threshold)
            return
        self.app.close_project()
        self.app.pop_screen()

    def action_add(self) -> None:
        {"structures": self._add_structure, "participants": self._add_participant, "workshops": self._add_workshop}.get(
            self.active_tab, lambda: None
        )()

    def action_edit(self) -> None:
        record_id = self._selected_id()
        if not record_id:
            return
        {"structures": self._edit_structure, "participants": self._edit_participant, "workshops": self._edit_workshop}.get(
            self.active_tab, lambda _id: None
        )(record_id)

    def action_remove(self) -> None:
        record_id = self._selected_id()
        if not record_id:
            return
        tab = self.active_tab
        remove: Callable[[int], None]
        if tab == "structures":
            name, remove, key = self.project.structure(record_id).name, self.project.remove_structure, "project.remove_structure"
        elif tab == "participants":
            name, remove, key = self.project.participant(record_id).name, self.project.remove_participant, "project.remove_participant"
        elif tab == "workshops":
            name, remove, key = self.project.workshop(record_id).title, self.project.remove_workshop, "project.remove_workshop"
        else:
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.app.attempt(remove, record_id)
                self.refresh_all()

        self.app.push_screen(ConfirmModal(t(key, name=name), t("project.remove")), confirmed)

    def action_promote(self) -> None:
        record_id = self._selected_id()
        if record_id:
            new = 0 if record_id == self.project.promoter_id else record_id
            self.app.attempt(self.project.set_promoter, new)
            self.refresh_all()

    def action_open_workshop(self) -> None:
        record_id = self._selected_id()
        if record_id:
            self.open_workshop(record_id)

    def open_workshop(self, workshop_id: int) -> None:
        from screens.workshop_plan import WorkshopPlanScreen

        self.app.push_screen(WorkshopPlanScreen(self.project, workshop_id))

    # Structures -------------------------------------------------------------------------
    def _after_save(self, record: Structure | Participant | Workshop | None, table: str, duplicate: bool) -> None:
        if record is None:
            return
        self.refresh_all()
        fill_table(self.query_one(f"#{table}-table", DataTable), None, keep=str(record.id))
        if duplicate:
            self.app.notify(t(f"project.{table[:-1]}_duplicate_saved", name=getattr(record, "name", "")), markup=False, severity="warning")

    def _add_structure(self) -> None:
        def save(form: StructureForm) -> Structure:
            return self.project.add_structure(form.name, form.kind, form.member)

        def saved(structure: Structure | None) -> None:
            self._after_save(structure, "structures", structure is not None and self.project.structure_name_taken(structure.name, structure.id))

        self.app.push_screen(
            StructureModal(t("project.new_structure"), save, self.project.structure_name_taken), saved
        )

    def _edit_structure(self, structure_id: int) -> None:
        current = self.project.structure(structure_id)

        def save(form: StructureForm) -> Structure:
            return self.project.update_structure(structure_id, name=form.name, kind=form.kind, member=form.member)

        def saved(structure: Structure | None) -> None:
            self._after_save(structure, "structures", structure is not None and self.project.structure_name_taken(structure.name, structure.id))

        self.app.push_screen(
            StructureModal(
                t("project.edit_structure"),
                save,
                lambda name: self.project.structure_name_taken(name, structure_id),
                StructureForm(current.name, current.kind, current.member),
            ),
            saved,
        )

    # Participants -----------------------------------------------------------------------
    def _add_participant(self) -> None:
        structures = self.project.structures()
        if not structures:
            self.app.notify(t("project.participants_need_structure"), markup=False, severity="warning")
            return

        def save(form: ParticipantForm) -> Participant:
            return self.project.add_participant(form.name, form.structure_id, form.role)

        def saved(participant: Participant | None) -> None:
            self._after_save(participant, "participants", participant is not None and self.project.participant_name_taken(participant.name, participant.id))

        self.app.push_screen(
            ParticipantModal(t("project.new_participant"), save, self.project.participant_name_taken, structures), saved
        )

    def _edit_participant(self, participant_id: int) -> None:
        current = self.project.participant(participant_id)

        def save(form: ParticipantForm) -> Participant:
            return self.project.update_participant(participant_id, name=form.name, structure_id=form.structure_id, role=form.role)

        def saved(participant: Participant | None) -> None:
            self._after_save(participant, "participants", participant is not None and self.project.participant_name_taken(participant.name, participant.id))

        self.app.push_screen(
            ParticipantModal(
                t("project.edit_participant"),
                save,
                lambda name: self.project.participant_name_taken(name, participant_id),
                self.project.structures(),
                ParticipantForm(current.name, current.structure_id, current.role),
            ),
            saved,
        )

    # Workshops --------------------------------------------------------------------------
    def _add_workshop(self) -> None:
        def save(form: WorkshopForm) -> Workshop:
            return self.project.add_workshop(form.title, form.date, form.place, form.facilitator, form.start_time)

        def saved(workshop: Workshop | None) -> None:
            self._after_save(workshop, "workshops", False)
            if workshop is not None:
                self.open_workshop(workshop.id)

        self.app.push_screen(WorkshopModal(t("project.new_workshop"), save), saved)

    def _edit_workshop(self, workshop_id: int) -> None:
        from screens.workshop_plan import edit_workshop_details

        edit_workshop_details(self, self.project, workshop_id, lambda workshop: self._after_save(workshop, "workshops", False))

    # Settings ---------------------------------------------------------------------------
    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "project-name" and self._apply(self.project.rename, event.value):
            self.sub_title = self.project.name
            event.input.value = self.project.name
            self.app.notify(t("project.renamed", name=self.project.name), markup=False)
        elif event.input.id == "threshold":
            self._change_threshold(event.input, event.value)

    def _change_threshold(self, field: Input, typed: str) -> None:
        """Save the threshold; below the source's 60 % only once the facilitator confirms."""

        def save(confirmed: bool = False) -> None:
            if self._apply(lambda: self.project.set_threshold(typed, confirmed=confirmed)):
                field.value = str(self.project.threshold)
                self.app.notify(t("project.threshold_saved", threshold=self.project.threshold), markup=False)
                self.refresh_all()

        try:
            lower = self.project.threshold_needs_confirmation(typed)
        except AtelierError:
            lower = False  # refused by the save below, with its message
        if not lower:
            save()
            return

        def answered(sure: bool | None) -> None:
            if sure:
                save(confirmed=True)
            else:
                field.value = str(self.project.threshold)

        value = self.project.parse_threshold(typed)
        self.app.push_screen(
            ConfirmModal(t("project.threshold_confirm_lower", threshold=value, current=self.project.threshold), t("project.threshold_lower")),
            answered,
        )

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id != "promoter":
            return
        value = event.value if isinstance(event.value, int) else 0  # a structure's id, or none
        if value != self.project.promoter_id:
            self._apply(self.project.set_promoter, value)
            self.refresh_all()

    def _apply(self, setter: Callable[..., object], *args: object) -> bool:
        """Run a settings change; on refusal, say why beside the fields and in a notification."""
        try:
            setter(*args)
        except StorageError as error:
            self._settings_error(error.message())
            self.app.notify(error.message(), markup=False, title=t("common.not_saved"), severity="error", timeout=20)
            return False
        except AtelierError as error:
            self._settings_error(error.message())
            self.app.notify(error.message(), markup=False, severity="warning")
            return False
        self._settings_error("")
        return True

    def _settings_error(self, message: str) -> None:
        error = self.query_one("#settings-error", Static)
        error.update(Content(message))
        error.display = bool(message)

    # Help -------------------------------------------------------------------------------
    def help_markdown(self) -> str:
        return t("help.project")
