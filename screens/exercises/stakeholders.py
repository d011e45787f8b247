"""Stakeholders to mobilise on the shared screen: list them, characterise them, map them, mobilise.

The list is the same at every step; its columns say what the step is about.
At the map step the picture takes the left of the screen (each stakeholder is
its number in the list, the legend on the right); the highlighted one is shown
reversed on the map.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import DataTable, Static

from exercises import stakeholders, stakeholders_exercise, stakeholders_sheet
from exercises.stakeholders import Stakeholder, StakeholdersState, Step
from exercises.stakeholders_map import cell_width_for, text_map
from exercises.stakeholders_sheet import Sheet
from screens.exercises.stepped import SteppedExerciseScreen
from screens.modals.confirm import ConfirmModal
from screens.parameters import int_parameter
from screens.tables import fill_table, selected_key
from workshop.errors import NotFound
from workshop.i18n import t

if TYPE_CHECKING:
    from workshop.project import Project

IDENTIFY = frozenset({Step.IDENTIFY})
RATING = frozenset({Step.CHARACTERISE, Step.MAP})
AFTER_IDENTIFY = frozenset({Step.CHARACTERISE, Step.MAP, Step.MOBILISE})
LEGEND_WIDTH = 34  # the map leaves at least this much to the legend
MOBILISE_STYLE = "bold $accent"
CURSOR_STYLE = "bold reverse"


class StakeholdersScreen(SteppedExerciseScreen):
    CSS_PATH = ["stepped.tcss", "stakeholders.tcss"]
    exercise = stakeholders_exercise.EXERCISE
    steps = tuple(s.value for s in stakeholders.STEPS)
    step_prefix = "stakeholders.step."
    BINDINGS = [
        Binding("s", "import_structures", "stakeholders.key.structures"),
        Binding("a", "add", "stakeholders.key.add"),
        Binding("r", "names_round", "stakeholders.key.round"),
        Binding("p", "carry", "stakeholders.key.carry", show=False),
        Binding("e", "edit", "stakeholders.key.edit"),
        Binding("space", "mobilise", "stakeholders.key.mobilise"),
        Binding("s", "add_structure", "stakeholders.key.add_structure"),
        Binding("m", "rate('motivation', 1)", "stakeholders.key.motivation_up"),
        Binding("M", "rate('motivation', -1)", "stakeholders.key.motivation_down", show=False),
        Binding("c", "rate('contribution', 1)", "stakeholders.key.contribution_up"),
        Binding("C", "rate('contribution', -1)", "stakeholders.key.contribution_down", show=False),
        Binding("delete", "remove", "stakeholders.key.remove", show=False),
        Binding("shift+up", "move(-1)", "stakeholders.key.move", show=False),
        Binding("shift+down", "move(1)", "stakeholders.key.move", show=False),
    ]
    STEP_ACTIONS = {
        "import_structures": IDENTIFY,
        "carry": IDENTIFY,
        "names_round": IDENTIFY,
        "move": IDENTIFY,
        "remove": frozenset({Step.IDENTIFY, Step.CHARACTERISE}),
        "mobilise": AFTER_IDENTIFY,
        "add_structure": AFTER_IDENTIFY,
        "rate": RATING,
    }

    def __init__(self, project: Project, workshop_id: int, item_id: int) -> None:
        super().__init__(project, workshop_id, item_id)
        self.state: StakeholdersState = stakeholders.load(project, item_id)

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="stakeholders-body"):
            yield Static(id="map")
            yield DataTable(id="stakeholders", cursor_type="row", zebra_stripes=True)
        yield Static(id="detail")

    def on_mount(self) -> None:
        self.app.attempt(stakeholders.collect_pending, self.project, self.item_id)
        self.state = stakeholders.load(self.project, self.item_id)
        super().on_mount()
        self.query_one(DataTable).focus()

    def on_resize(self) -> None:
        if self.is_mounted:
            self.show()

    # State -------------------------------------------------------------------------------
    @property
    def step(self) -> str:
        return self.state.step

    def store_step(self, step: str) -> None:
        saved = self.app.attempt(stakeholders.set_step, self.project, self.item_id, step)
        if saved is not None:
            self.state = saved

    def reload(self) -> None:
        self.state = stakeholders.load(self.project, self.item_id)
        self.refresh_view()

    def hint(self) -> str:
        return t(f"stakeholders.screen.{self.step}_hint")

    def current(self) -> Stakeholder | None:
        key = selected_key(self.query_one(DataTable))
        if key is None:
            return None
        try:
            return self.state.stakeholder(int(key))
        except NotFound:  # removed meanwhile
            return None

    # Drawing -------------------------------------------------------------------------------
    def show(self) -> None:
        on_map = self.step == Step.MAP
        self.set_class(on_map, "-map")
        table = self.query_one(DataTable)
        keep = selected_key(table)
        table.clear(columns=True)
        structures = stakeholders.structures_by_id(self.project)
        people = {p.id: p.name for p in self.project.participants()}
        columns, rows = self._rows(structures, people)
        if on_map:
            # The legend shares the width with the map: its name column takes what is left.
            legend = self.size.width - (self._map_width() + 2)
            fixed = sum(w for _, w in columns if w > 0) + 2 * len(columns) + 2
            for label, width in columns:
                table.add_column(label, width=width if width > 0 else max(8, legend - fixed))
        else:
            self.add_columns(table, columns)
        fill_table(table, rows, keep)
        state = self.state
        placed = sum(1 for s in state.stakeholders if s.rated)
        summary = t("stakeholders.screen.count", count=len(state.stakeholders), placed=placed, mobilise=len(stakeholders.to_mobilise(state)))
        self.set_status(summary)
        self.show_detail()

    def _rows(self, structures: dict, people: dict[int, str]) -> tuple[list[tuple[str, int]], list]:
        state = self.state
        name_of = {s.id: stakeholders.display_name(s, structures) for s in state.stakeholders}
        rows = []
        step = self.step
        for number, s in enumerate(state.stakeholders, start=1):
            star = Text("★" if s.to_mobilise else "", style="bold")
            if step == Step.IDENTIFY:
                proposers = ", ".join(people[p] for p in s.proposed_by if p in people)
                cells = [Text(str(number)), Text(name_of[s.id]), Text(t(f"stakeholders.category.{s.category}")), Text(proposers)]
            elif step == Step.CHARACTERISE:
                marks = [Text("✓" if text else "…") for text in (s.stakes, s.losses, s.gains)]
                cells = [Text(str(number)), star, Text(name_of[s.id]), *marks, Text(_rating(s.motivation)), Text(_rating(s.contribution))]
            elif step == Step.MAP:
                # The map shows both ratings; the status line says them for the highlighted one.
                cells = [Text(str(number)), star, Text(name_of[s.id])]
            else:
                in_project = "✓" if s.structure_id in structures else ""
                cells = [
                    Text(str(number)),
                    star,
                    Text(name_of[s.id]),
                    Text(stakeholders.support_label(s)),
                    Text(stakeholders.participation_label(s)),
                    Text(in_project),
                ]
            rows.append((str(s.id), cells))
        c = "stakeholders.col."
        if step == Step.IDENTIFY:
            columns = [(t(c + "number"), 3), (t(c + "name"), 0), (t(c + "category"), 20), (t(c + "proposed_by"), 0)]
        elif step == Step.CHARACTERISE:
            columns = [(t(c + "number"), 3), (t(c + "mobilise"), 1), (t(c + "name"), 0)]
            columns += [(t(c + k), 8) for k in ("stakes", "losses", "gains")] + [(t(c + "motivation"), 5), (t(c + "contribution"), 6)]
        elif step == Step.MAP:
            columns = [(t(c + "number"), 3), (t(c + "mobilise"), 1), (t(c + "name"), 0)]
        else:
            columns = [(t(c + "number"), 3), (t(c + "mobilise"), 1), (t(c + "name"), 0), (t(c + "support"), 0), (t(c + "participation"), 14), (t(c + "in_project"), 7)]
        return columns, rows

    def show_detail(self) -> None:
        stakeholder = self.current()
        detail = self.query_one("#detail", Static)
        if self.step == Step.MAP:
            self._draw_map(stakeholder)
        if stakeholder is None:
            detail.update(Content(t("stakeholders.screen.empty") if not self.state.stakeholders else ""))
            return
        name = stakeholders.display_name(stakeholder, stakeholders.structures_by_id(self.project))
        lines = [Content.styled(name, "bold") + Content(f" — {t(f'stakeholders.category.{stakeholder.category}')}")]
        for key, text in (
            ("detail_stakes", stakeholder.stakes),
            ("detail_losses", stakeholder.losses),
            ("detail_gains", stakeholder.gains),
            ("detail_support", stakeholders.support_label(stakeholder)),
            ("detail_contact", stakeholder.contact),
            ("detail_participation", stakeholders.participation_label(stakeholder)),
        ):
            if text:
                lines.append(Content(t(f"stakeholders.screen.{key}", text=text)))
        detail.update(Content("\n").join(lines))
        if self.step == Step.MAP:
            self.set_status(self._where(stakeholder, name))

    def _where(self, stakeholder: Stakeholder, name: str) -> str:
        where = stakeholders.quadrant(stakeholder)
        values = {"name": name, "motivation": _rating(stakeholder.motivation), "contribution": _rating(stakeholder.contribution)}
        if where is None:
            return t("stakeholders.screen.not_placed", **values)
        return t("stakeholders.screen.where", quadrant=t(f"stakeholders.quadrant.{where.value}"), **values)

    def _map_width(self) -> int:
        return text_map(self.state, self._cell()).width

    def _row_height(self) -> int:
        """Lines per motivation: more on a tall projector screen, where a crowded cell can wrap."""
        available = self.size.height - 8  # header, steps, hint, status, key bar
        return max(1, min(3, (available - 8) // 5))

    def _cell(self) -> int:
        return cell_width_for(max(20, self.size.width - LEGEND_WIDTH))

    def _draw_map(self, highlighted: Stakeholder | None) -> None:
        picture = text_map(self.state, self._cell(), self._row_height())
        mobilising = {s.id for s in self.state.stakeholders if s.to_mobilise}
        lines = [Content(line) for line in picture.lines]
        for mark in picture.marks:
            if highlighted is not None and mark.stakeholder_id == highlighted.id:
                style = CURSOR_STYLE
            elif mark.stakeholder_id in mobilising:
                style = MOBILISE_STYLE
            else:
                continue
            lines[mark.line] = lines[mark.line].stylize(style, mark.start, mark.end)
        map_widget = self.query_one("#map", Static)
        map_widget.styles.width = picture.width + 2
        map_widget.update(Content("\n").join(lines))

    def on_data_table_row_highlighted(self, _event: DataTable.RowHighlighted) -> None:
        self.show_detail()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        allowed = super().check_action(action, parameters)
        if not allowed or not self.is_mounted:
            return allowed
        if action == "carry":
            return not self.state.stakeholders
        if action == "import_structures":
            return stakeholders.importable(self.project, self.item_id) > 0  # every structure listed already
        if action in ("edit", "remove", "move", "mobilise", "rate", "add_structure"):
            current = self.current()
            if current is None:
                return False
            if action == "rate":
                axis, delta = str(parameters[0]), int_parameter(parameters, 1)
                return 0 <= getattr(current, axis) + delta <= stakeholders.RATINGS[-1]
            if action == "add_structure":
                # Offered only where it can work: marked to mobilise, not in the project yet.
                return current.to_mobilise and current.structure_id not in stakeholders.structures_by_id(self.project)
        return True

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    # Identify ----------------------------------------------------------------------------------
    def action_import_structures(self) -> None:
        count = self.app.attempt(stakeholders.import_structures, self.project, self.item_id)
        if count is None:
            return
        self.notify(t("stakeholders.screen.imported", count=count) if count else t("stakeholders.screen.nothing_imported"), markup=False)
        self.reload()

    def action_carry(self) -> None:
        carried = self.app.attempt(stakeholders.carry_over, self.project, self.item_id)
        if carried is not None:
            self.notify(t("stakeholders.screen.carried", count=len(carried.stakeholders)), markup=False)
            self.reload()

    def _name_taken(self, exclude: int = 0) -> Callable[[str], bool]:
        from workshop.names import name_key

        structures = stakeholders.structures_by_id(self.project)
        names = {name_key(stakeholders.display_name(s, structures)) for s in self.state.stakeholders if s.id != exclude}
        return lambda name: name_key(name) in names

    def action_add(self) -> None:
        from screens.modals.stakeholder import StakeholderModal

        def save(sheet: Sheet) -> Stakeholder:
            return stakeholders_sheet.add_described(self.project, self.item_id, sheet)

        def added(result: Stakeholder | None) -> None:
            if result is not None:
                self.state = stakeholders.load(self.project, self.item_id)
                self.refresh_view()
                fill_table(self.query_one(DataTable), None, keep=str(result.id))

        self.app.push_screen(StakeholderModal(t("stakeholders.screen.add_title"), save, self._name_taken()), added)

    def action_edit(self) -> None:
        from screens.modals.stakeholder import StakeholderModal

        stakeholder = self.current()
        if stakeholder is None:
            return
        structures = stakeholders.structures_by_id(self.project)
        sheet = Sheet.of(stakeholder, structures)

        def save(changed: Sheet) -> Stakeholder:
            return stakeholders_sheet.describe(self.project, self.item_id, stakeholder.id, changed)

        def saved(result: Stakeholder | None) -> None:
            if result is not None:
                self.reload()

        heading = t("stakeholders.screen.edit_title", name=sheet.name)
        in_project = stakeholder.structure_id in structures
        self.app.push_screen(StakeholderModal(heading, save, self._name_taken(stakeholder.id), sheet, in_project), saved)

    def action_names_round(self) -> None:
        from workshop.rounds import get_round

        running = [r for r in self.state.names_rounds if r not in self.state.collected_rounds]
        started = None
        for round_id in running:
            candidate = self.app.attempt(get_round, self.project, round_id)
            if candidate is not None and not candidate.done:
                started = candidate
        if started is None:
            started = self.app.attempt(stakeholders.start_names_round, self.project, self.item_id)
        if started is None:
            return
        round_id = started.id
        self.run_round(round_id, lambda _result: self._collect(round_id))

    def _collect(self, round_id: int) -> None:
        before = len(self.state.stakeholders)
        self.app.attempt(stakeholders.collect_pending, self.project, self.item_id)
        self.reload()
        if round_id in self.state.collected_rounds and len(self.state.stakeholders) >= before:
            self.notify(t("stakeholders.screen.collected"), markup=False)

    def action_remove(self) -> None:
        stakeholder = self.current()
        if stakeholder is None:
            return
        name = stakeholders.display_name(stakeholder, stakeholders.structures_by_id(self.project))

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.app.attempt(stakeholders.remove_stakeholder, self.project, self.item_id, stakeholder.id)
            self.reload()

        self.app.push_screen(ConfirmModal(t("stakeholders.screen.remove_confirm", name=name), t("stakeholders.key.remove")), confirmed)

    def action_move(self, delta: int) -> None:
        stakeholder = self.current()
        if stakeholder is not None:
            self.app.attempt(stakeholders.move_stakeholder, self.project, self.item_id, stakeholder.id, delta)
            self.reload()

    # Characterise, map, mobilise ----------------------------------------------------------------------
    def action_rate(self, axis: str, delta: int) -> None:
        stakeholder = self.current()
        if stakeholder is not None:
            self.app.attempt(stakeholders_sheet.nudge, self.project, self.item_id, stakeholder.id, axis, delta)
            self.reload()

    def action_mobilise(self) -> None:
        stakeholder = self.current()
        if stakeholder is not None:
            self.app.attempt(stakeholders_sheet.set_mobilise, self.project, self.item_id, stakeholder.id, not stakeholder.to_mobilise)
            self.reload()

    def action_add_structure(self) -> None:
        stakeholder = self.current()
        if stakeholder is None:
            return
        added = self.app.attempt(stakeholders_sheet.add_as_structure, self.project, self.item_id, stakeholder.id)
        if added is None:
            return
        key = "stakeholders.screen.linked_structure" if added.existed else "stakeholders.screen.added_structure"
        self.notify(t(key, name=added.structure.name), markup=False)
        self.reload()


def _rating(value: int) -> str:
    return str(value) if value else "—"
