"""The FFOM (SWOT) on the projected screen: scope, the four-quadrant grid, weights,
cooperation answers, comparison across structures."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable, OptionList, Static

from exercises import swot, swot_answers, swot_compare, swot_exercise, swot_weigh
from exercises.swot import (
    ALL_QUADRANTS,
    QUADRANTS,
    UNSORTED,
    Entry,
    Quadrant,
    Scope,
    Step,
    SwotState,
)
from screens.exercises.stepped import SteppedExerciseScreen
from screens.exercises.swot_answers import AnswersStep
from screens.exercises.swot_grid import STYLE, QuadrantGrid, QuadrantPanel
from screens.modals.confirm import ConfirmModal
from screens.modals.pick_one import PickOneModal
from screens.modals.prompt import PromptModal
from workshop.errors import NotFound
from workshop.i18n import t

if TYPE_CHECKING:
    from workshop.project import Project

GRID_STEPS = frozenset({Step.GRID.value, Step.WEIGH.value})
ORDER = (UNSORTED, *(q.value for q in QUADRANTS))  # Tab goes round in this order
OTHER_TEXT = "\x00other"  # the choice "type another wording" (no typed text can hold a NUL)


def _only(*steps: Step) -> frozenset[str]:
    return frozenset(s.value for s in steps)


def quadrant_name(quadrant: str) -> str:
    return t(f"swot.quadrant.{quadrant or 'unsorted'}.title")


class SwotScreen(AnswersStep, SteppedExerciseScreen):
    exercise = swot_exercise.EXERCISE
    CSS_PATH = ["stepped.tcss", "swot.tcss"]
    steps = tuple(s.value for s in swot.STEPS)
    step_prefix = "swot.step."
    BINDINGS = [
        # The grid
        Binding("1", "quadrant('strength')", "swot.key.strength", show=False),
        Binding("2", "quadrant('weakness')", "swot.key.weakness", show=False),
        Binding("3", "quadrant('opportunity')", "swot.key.opportunity", show=False),
        Binding("4", "quadrant('threat')", "swot.key.threat", show=False),
        Binding("0", "quadrant('')", "swot.key.unsorted", show=False),
        Binding("tab", "cycle(1)", "swot.key.next_quadrant", show=False),
        Binding("shift+tab", "cycle(-1)", "swot.key.previous_quadrant", show=False),
        Binding("left", "column", "swot.key.column", show=False),
        Binding("right", "column", "swot.key.column", show=False),
        Binding("s", "structure(1)", "swot.key.structure"),
        Binding("r", "round", "swot.key.round"),
        Binding("h", "toggle_hidden", "swot.key.hidden", show=False),
        Binding("o", "reveal", "swot.key.reveal"),
        Binding("O", "reveal_all", "swot.key.reveal_all", show=False),
        Binding("a", "add", "swot.key.add"),
        Binding("e", "edit", "swot.key.edit", show=False),
        Binding("d", "move", "swot.key.move"),
        Binding("space", "mark", "swot.key.mark"),
        Binding("m", "merge", "swot.key.merge"),
        Binding("delete", "remove", "swot.key.remove", show=False),
        # Weighing
        Binding("v", "vote", "swot.key.vote"),
        Binding("space", "toggle_retained", "swot.key.retain"),
        # Answers
        Binding("a", "answer", "swot.key.answer"),
        Binding("r", "answer_round", "swot.key.answer_round"),
        Binding("e", "edit_answer", "swot.key.edit", show=False),
        Binding("delete", "remove_answer", "swot.key.remove", show=False),
        Binding("p", "proposal", "swot.key.proposal"),
        Binding("x", "element", "swot.key.element"),
    ]
    STEP_ACTIONS = {
        "quadrant": GRID_STEPS,
        "cycle": GRID_STEPS,
        "column": GRID_STEPS,
        "structure": GRID_STEPS,
        "round": _only(Step.GRID),
        "toggle_hidden": _only(Step.GRID),
        "reveal": _only(Step.GRID),
        "reveal_all": _only(Step.GRID),
        "add": _only(Step.GRID),
        "edit": _only(Step.GRID),
        "move": _only(Step.GRID),
        "mark": _only(Step.GRID),
        "merge": _only(Step.GRID),
        "remove": _only(Step.GRID),
        "vote": _only(Step.WEIGH),
        "toggle_retained": _only(Step.WEIGH),
        "answer": _only(Step.ANSWERS),
        "answer_round": _only(Step.ANSWERS),
        "edit_answer": _only(Step.ANSWERS),
        "remove_answer": _only(Step.ANSWERS),
        "proposal": _only(Step.ANSWERS),
        "element": _only(Step.ANSWERS),
    }

    def __init__(self, project: Project, workshop_id: int, item_id: int) -> None:
        super().__init__(project, workshop_id, item_id)
        self.state: SwotState = swot.state(project, item_id)
        self.quadrant: str = Quadrant.STRENGTH.value
        self.marked: set[int] = set()
        self.hidden = True
        self.rows: list[tuple[str, int]] = []  # the table's rows: ("entry" | "answer" | "scope", id)
        self.scope_rows: list[tuple[str, int]] = []
        self.compared: list[swot_compare.ComparedEntry] = []

    def on_mount(self) -> None:
        self.catch_up()
        super().on_mount()

    def catch_up(self) -> None:
        """Rounds that finished while the screen was away (a crash, F9 then the cockpit)
        are collected now: every round is collected once, whenever it ends."""
        from workshop.rounds import get_round

        state = self.state
        finished = [int(rid) for rid in state.weigh_rounds if int(rid) not in state.weighed_rounds]
        with self.project.batch():
            self.app.attempt(swot.collect_contributions, self.project, self.item_id)
            self.app.attempt(swot_answers.collect_answers, self.project, self.item_id)
            for round_id in finished:
                if get_round(self.project, round_id).done:
                    self.app.attempt(swot_weigh.collect_weights, self.project, self.item_id, round_id)
        self.state = swot.state(self.project, self.item_id)

    def compose_body(self) -> ComposeResult:
        yield Static(id="title", classes="section-title")
        yield QuadrantGrid(id="grid")
        yield DataTable(id="table", cursor_type="row", zebra_stripes=True)
        yield Static(id="detail")

    # State -------------------------------------------------------------------------------
    @property
    def step(self) -> str:
        return self.state.step

    def store_step(self, step: str) -> None:
        saved = self.app.attempt(swot.set_step, self.project, self.item_id, step)
        if saved is not None:
            self.state = saved

    def reload(self) -> None:
        self.state = swot.state(self.project, self.item_id)
        self.marked &= {e.id for e in self.state.entries}
        self.refresh_view()

    def do(self, action: Callable[..., object], *args: object, **kwargs: object) -> object:
        """Run a core change on this item, then show the stored state."""
        result = self.app.attempt(action, self.project, self.item_id, *args, **kwargs)
        self.reload()
        return result

    def hint(self) -> str:
        if self.step == Step.GRID and self.state.scope == Scope.EACH:
            return t("swot.screen.grid_each_hint")
        return t(f"swot.screen.{self.step}_hint")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "structure" and len(self.state.analyses) < 2:
            return False
        if action in ("reveal", "reveal_all") and not swot.hidden_count(self.state, self.analysis.id):
            return False
        if self.step == Step.ANSWERS and self.is_mounted and not self.answers_key_acts(action):
            return False
        if action == "merge" and len(self.marked) < 2:
            return False  # marked with Space first, two at least
        return super().check_action(action, parameters)

    @property
    def analysis(self) -> swot.Analysis:
        return self.state.analysis()

    # Display -----------------------------------------------------------------------------
    def show(self) -> None:
        in_grid = self.step in GRID_STEPS
        self.query_one(QuadrantGrid).display = in_grid
        table = self.query_one(DataTable)
        table.display = not in_grid
        if in_grid:
            self.show_grid()
        else:
            getattr(self, f"show_{self.step}")(table)
            if not table.has_focus:
                table.focus()
        self.show_detail()

    def _title(self, text: str) -> None:
        self.query_one("#title", Static).update(Content(text))

    def on_resize(self) -> None:
        if self.is_mounted and self.step in GRID_STEPS:
            self.show_grid()

    def show_grid(self) -> None:
        state, analysis = self.state, self.analysis
        subject = swot.subject(self.project, analysis)
        if len(state.analyses) > 1:
            position = [a.id for a in state.analyses].index(analysis.id) + 1
            self._title(t("swot.screen.title_each", subject=subject, n=position, total=len(state.analyses)))
        else:
            self._title(t("swot.screen.title", subject=subject))
        unsorted = bool(state.entries_of(analysis.id, UNSORTED))
        if self.quadrant == UNSORTED and not unsorted:
            self.quadrant = Quadrant.STRENGTH.value
        grid = self.query_one(QuadrantGrid)
        weighing = self.step == Step.WEIGH
        folded = grid.folds(self.size.width, self.size.height)
        for panel in grid.panels():
            entries = state.entries_of(analysis.id, panel.quadrant)
            rows = [(e.id, self._entry_line(e, weighing)) for e in entries]
            title = self._panel_title(panel.quadrant, entries, summary=folded and panel.quadrant != self.quadrant)
            panel.show(title, self._reminder(panel.quadrant), rows, Content(t("swot.screen.empty_quadrant")))
        grid.fold(self.size.width, self.size.height, self.quadrant, unsorted)
        if weighing:
            retained = sum(1 for e in state.entries_of(analysis.id) if e.retained)
            self.set_status(t("swot.screen.weigh_status", retained=retained))
        else:
            mode = t("swot.screen.hidden_on" if self.hidden else "swot.screen.hidden_off")
            self.set_status(t("swot.screen.grid_status", count=len(state.entries_of(analysis.id)), marked=len(self.marked), mode=mode))
        self.refresh_bindings()  # M (merge) follows what is marked

    def _panel_title(self, quadrant: str, entries: list[Entry], summary: bool = False) -> Content:
        """" 2  Weaknesses  3": the key, the name, the count; folded, the first entry follows."""
        number = str(ORDER.index(quadrant)) if quadrant else "0"
        parts: list = [(f" {number} ", "reverse"), " ", (quadrant_name(quadrant), f"bold {STYLE[quadrant]}")]
        parts.append(("  " + t("swot.screen.count", count=len(entries)), "dim"))
        hidden = sum(1 for e in entries if e.hidden)
        if hidden:
            parts.append(("  " + t("swot.screen.hidden_count", count=hidden), "bold $warning"))
        shown = [e for e in entries if not e.hidden]
        if summary and shown:
            parts += [("  · ", "dim"), Content(shown[0].text).stylize("dim")]  # typed by people: literal
        return Content.assemble(*parts)

    def _reminder(self, quadrant: str) -> Content:
        return Content(t(f"swot.quadrant.{quadrant or 'unsorted'}.reminder")).stylize("dim italic")

    def _entry_line(self, entry: Entry, weighing: bool) -> Content:
        mark = "✓ " if entry.id in self.marked else ""
        if entry.hidden:
            return Content.assemble(mark, ("▒▒▒▒▒▒▒▒ ", "dim"), (t("swot.screen.hidden_entry"), "dim italic"))
        parts: list = [mark]
        if entry.weight is not None:
            parts.append((f"{entry.weight:>3g} ", "bold"))
        elif weighing:
            parts.append(("  · ", "dim"))  # not voted on yet
        parts.append(Content(entry.text))  # typed by people: literal
        if entry.retained:
            parts.append((" ★", "bold $warning"))
        if len(entry.sources) > 1:
            parts.append((f" ×{len(entry.sources)}", "dim"))
        return Content.assemble(*parts)

    def show_scope(self, table: DataTable) -> None:
        state = self.state
        self._title(t("swot.screen.scope_title"))
        table.clear(columns=True)
        self.add_columns(table, [("", 2), (t("swot.col.scope"), 0), (t("swot.col.entries"), 9)])
        self.scope_rows = [("project", 0), ("each", 0)] + [("structure", s.id) for s in self.project.structures()]
        counts = {a.structure_id: len(state.entries_of(a.id)) for a in state.analyses}
        chosen_ids = [a.structure_id for a in state.analyses]
        for kind, sid in self.scope_rows:
            if kind == "project":
                label, on = t("swot.scope.project"), state.scope == Scope.PROJECT
                count = counts.get(0, 0) if on else 0
            elif kind == "each":
                label, on = t("swot.scope.each"), state.scope == Scope.EACH
                count = sum(counts.values()) if on else 0
            else:
                label = t("swot.scope.structure_of", name=self.project.structure(sid).name)
                on = state.scope == Scope.STRUCTURE and chosen_ids == [sid]
                count = counts.get(sid, 0) if on else 0
            table.add_row(Text("●" if on else ""), Text(label), Text(str(count) if on else ""))
        current = next((n for n, (kind, sid) in enumerate(self.scope_rows) if self._scope_on(kind, sid)), 0)
        table.move_cursor(row=current)
        self.set_status("")

    def _scope_on(self, kind: str, structure_id: int) -> bool:
        state = self.state
        if kind == "structure":
            return state.scope == Scope.STRUCTURE and [a.structure_id for a in state.analyses] == [structure_id]
        return state.scope == kind

    def show_compare(self, table: DataTable) -> None:
        compared = self.app.attempt(swot_compare.comparison, self.project, self.item_id)
        table.clear(columns=True)
        self.rows = []
        self.compared = []
        self._title(t("swot.screen.compare_title"))
        if compared is None or not compared.possible:
            self.set_status(t("swot.screen.compare_impossible"))
            return
        names = {s.id: s.name for s in self.project.structures()}
        self.compared = list(compared.entries)
        total = len(compared.structures)
        wide = self.size.width >= 100
        self.add_columns(
            table, [(t("swot.col.quadrant"), 11), (t("swot.col.entry"), 0), (t("swot.col.structures"), 30 if wide else 16), (t("swot.col.shared"), 11)]
        )
        for row in compared.entries:
            shared = t("swot.compare.shared", count=len(row.structures), total=total) if row.shared else t("swot.compare.specific")
            table.add_row(
                Text(t(f"swot.quadrant.{row.quadrant}.one"), style=STYLE[row.quadrant]),
                Text(row.text),
                Text(", ".join(names.get(s, "—") for s in row.structures)),
                Text(shared, style="bold" if row.shared else "dim"),
            )
        words = "; ".join(f"{w.word} ({len(w.structures)})" for w in compared.words[:8])
        status = t("swot.screen.compare_status", count=total)
        if words:
            status += "\n" + t("swot.screen.shared_words", words=words)
        self.set_status(status)

    def show_detail(self) -> None:
        detail = self.query_one("#detail", Static)
        lines: list[Content] = []
        if self.step in GRID_STEPS:
            entry = self.selected_entry()
            if entry is not None and not entry.hidden:
                lines.append(Content(entry.text).stylize("bold"))
                lines.append(Content(t("swot.screen.said_by", names=self._proposers(entry))))
        elif self.step == Step.COMPARE:
            row = self.query_one(DataTable).cursor_row
            if 0 <= row < len(self.compared):
                compared = self.compared[row]
                names = {s.id: s.name for s in self.project.structures()}
                lines.append(Content(compared.text).stylize("bold"))
                lines.append(Content(", ".join(names.get(s, "—") for s in compared.structures)))
        elif self.step == Step.ANSWERS:
            kind, row_id = self._row()
            if kind == "entry":
                entry = self.state.entry(row_id)
                lines.append(Content(entry.text).stylize("bold"))
                lines.append(Content(t("swot.screen.answers_hint_entry")))
            elif kind == "answer":
                answer = self.state.answer(row_id)
                lines.append(Content(answer.text).stylize("bold"))
                author = self._author(answer.participant_id, answer.structure_id)
                if author:
                    lines.append(Content(t("swot.screen.said_by", names=author)))
                if answer.proposal_ids or answer.element_ids:
                    lines.append(Content(self._followed(answer)))
        detail.display = bool(lines)
        detail.update(Content("\n").join(lines))

    def _author(self, participant_id: int | None, structure_id: int | None) -> str:
        try:
            if participant_id:
                return self.project.participant(participant_id).name
            if structure_id:
                return self.project.structure(structure_id).name
        except NotFound:  # removed since
            return ""
        return ""

    def _proposers(self, entry: Entry) -> str:
        names: list[str] = []
        for source in entry.sources:
            who = self._author(source.participant_id, source.structure_id) or t("swot.minutes.facilitator")
            if who not in names:
                names.append(who)
        return ", ".join(names)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        panel = event.option_list.parent
        if isinstance(panel, QuadrantPanel) and panel.quadrant != self.quadrant and event.option_list.has_focus:
            self.quadrant = panel.quadrant
        self.show_detail()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        panel = event.widget.parent
        if self.step in GRID_STEPS and isinstance(panel, QuadrantPanel) and panel.quadrant != self.quadrant:
            # A click on another quadrant puts it in focus.
            self.quadrant = panel.quadrant
            self.show_grid()
            self.show_detail()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail()
        if self.step == Step.ANSWERS:
            self.refresh_bindings()  # what the keys act on follows the row

    # Selection ---------------------------------------------------------------------------
    def selected_entry(self) -> Entry | None:
        if self.step not in GRID_STEPS:
            return None
        entry_id = self.query_one(QuadrantGrid).panel(self.quadrant).selected()
        if entry_id is None:
            return None
        try:
            return self.state.entry(entry_id)
        except NotFound:  # removed meanwhile
            return None

    def _row(self) -> tuple[str, int]:
        row = self.query_one(DataTable).cursor_row
        return self.rows[row] if 0 <= row < len(self.rows) else ("", 0)

    def _visible(self) -> Entry | None:
        """The selected entry, once revealed: a hidden one cannot be read, so not edited."""
        entry = self.selected_entry()
        if entry is not None and entry.hidden:
            self.notify(t("swot.screen.reveal_first"), markup=False, severity="warning")
            return None
        return entry

    # Step 1: scope -----------------------------------------------------------------------
    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if self.step == Step.SCOPE:
            self.choose_scope(event.cursor_row)
        elif self.step == Step.ANSWERS:
            kind, _ = self._row()
            self.action_edit_answer() if kind == "answer" else self.action_answer()

    def choose_scope(self, row: int) -> None:
        if not 0 <= row < len(self.scope_rows):
            return
        kind, structure_id = self.scope_rows[row]
        scope = Scope.STRUCTURE.value if kind == "structure" else kind
        if self.do(swot.choose_scope, scope, structure_id) is not None:
            self.store_step(Step.GRID)
            self.reload()

    # Step 2: the grid --------------------------------------------------------------------
    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if self.step == Step.GRID:
            self.action_edit()
        elif self.step == Step.WEIGH:
            self.action_toggle_retained()

    def action_quadrant(self, quadrant: str) -> None:
        if quadrant == UNSORTED and not self.state.entries_of(self.analysis.id, UNSORTED):
            return
        self.quadrant = quadrant
        self.show_grid()
        self.show_detail()

    def action_cycle(self, delta: int) -> None:
        shown = [q for q in ORDER if q or self.state.entries_of(self.analysis.id, UNSORTED)]
        index = shown.index(self.quadrant) if self.quadrant in shown else 0
        self.action_quadrant(shown[(index + delta) % len(shown)])

    def action_column(self) -> None:
        """← / →: the other quadrant of the same row (forces ↔ weaknesses, opportunities ↔ threats)."""
        pairs = {"strength": "weakness", "weakness": "strength", "opportunity": "threat", "threat": "opportunity"}
        if self.quadrant in pairs:
            self.action_quadrant(pairs[self.quadrant])

    def action_structure(self, delta: int) -> None:
        self.marked.clear()
        self.do(swot.show_analysis, delta)

    def action_toggle_hidden(self) -> None:
        self.hidden = not self.hidden
        self.show_grid()

    def action_round(self) -> None:
        from workshop.rounds import rounds_of

        running = [r for r in rounds_of(self.project, self.workshop_id, self.item_id, owner=swot.CONTRIBUTE_OWNER) if not r.done]
        if running:
            self._run_contributions(running[0].id)
            return
        here = self.quadrant or Quadrant.STRENGTH.value
        choices = [
            (t("swot.screen.round_one", quadrant=quadrant_name(here)), here),
            (t("swot.screen.round_all"), ALL_QUADRANTS),
        ]

        def picked(quadrant: str | None) -> None:
            if quadrant is None:
                return
            started = self.app.attempt(swot.start_contribution_round, self.project, self.item_id, quadrant, self.hidden)
            if started is not None:
                self._run_contributions(started.id)

        self.app.push_screen(PickOneModal(t("swot.screen.round_pick"), choices), picked)

    def _run_contributions(self, round_id: int) -> None:
        self.reload()
        self.run_round(round_id, lambda _result: self._collect(round_id))

    def _collect(self, round_id: int) -> None:
        from workshop.rounds import get_round

        if get_round(self.project, round_id).done:
            self.app.attempt(swot.collect_contributions, self.project, self.item_id, round_id)
        self.reload()

    def action_reveal(self) -> None:
        self.do(swot.reveal, self.quadrant)

    def action_reveal_all(self) -> None:
        self.do(swot.reveal, None)

    def action_add(self) -> None:
        quadrant = self.quadrant or Quadrant.STRENGTH.value

        def save(text: str) -> Entry:
            return swot.add_entry(self.project, self.item_id, quadrant, text)

        def added(entry: Entry | None) -> None:
            self.reload()
            if entry is not None:
                self.query_one(QuadrantGrid).panel(quadrant).select(entry.id)
                self.show_detail()

        prompt = t("swot.screen.add_prompt", quadrant=quadrant_name(quadrant), subject=swot.subject(self.project, self.analysis))
        self.app.push_screen(PromptModal(prompt, save=save), added)

    def action_edit(self) -> None:
        entry = self._visible()
        if entry is None:
            return

        def save(text: str) -> object:
            return swot.edit_entry(self.project, self.item_id, entry.id, text)

        self.app.push_screen(PromptModal(t("swot.screen.edit_prompt"), value=entry.text, save=save), lambda _done: self.reload())

    def action_move(self) -> None:
        entry = self._visible()
        if entry is None:
            return
        choices = [(quadrant_name(q.value), q.value) for q in QUADRANTS if q.value != entry.quadrant]

        def picked(quadrant: str | None) -> None:
            if quadrant is not None:
                self.do(swot.move_entry, entry.id, quadrant)
                self.quadrant = quadrant if self.quadrant == UNSORTED and not self.state.entries_of(self.analysis.id, UNSORTED) else self.quadrant
                self.show_grid()

        self.app.push_screen(PickOneModal(t("swot.screen.move_pick", text=entry.text), choices), picked)

    def action_mark(self) -> None:
        entry = self._visible()
        if entry is not None:
            self.marked ^= {entry.id}
            self.show_grid()

    def action_merge(self) -> None:
        chosen = [e for e in self.state.entries if e.id in self.marked]
        if len(chosen) < 2:
            self.notify(t("swot.error.merge_needs_two"), markup=False, severity="warning")
            return
        ids = [e.id for e in chosen]

        def merged(done: object) -> None:
            self.reload()
            if done is not None:
                self.marked.clear()
                self.show_grid()

        def save(text: str) -> object:
            return swot.merge_entries(self.project, self.item_id, ids, text)

        def picked(text: str | None) -> None:
            if text == OTHER_TEXT:
                self.app.push_screen(PromptModal(t("swot.screen.merge_prompt", count=len(ids)), value=chosen[0].text, save=save), merged)
            elif text is not None:
                merged(self.do(swot.merge_entries, ids, text))

        choices = [(e.text, e.text) for e in chosen] + [(t("swot.screen.merge_other"), OTHER_TEXT)]
        self.app.push_screen(PickOneModal(t("swot.screen.merge_pick", count=len(ids)), choices), picked)

    def action_remove(self) -> None:
        entry = self._visible()
        if entry is None:
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.do(swot.remove_entry, entry.id)

        self.app.push_screen(ConfirmModal(t("swot.screen.remove_confirm", text=entry.text), t("swot.key.remove")), confirmed)

    # Step 3: weighing --------------------------------------------------------------------
    def action_vote(self) -> None:
        from workshop.rounds import rounds_of

        running = [r for r in rounds_of(self.project, self.workshop_id, self.item_id, owner=swot.WEIGH_OWNER) if not r.done]
        if running:
            self._run_vote(running[0].id)
            return
        quadrant = self.quadrant
        if not quadrant:
            self.notify(t("swot.error.sort_first"), markup=False, severity="warning")
            return
        name = quadrant_name(quadrant).lower()
        choices = [(t("swot.screen.vote_secret"), True), (t("swot.screen.vote_open"), False)]

        def picked(secret: bool | None) -> None:
            if secret is None:
                return
            started = self.app.attempt(swot_weigh.start_weighing, self.project, self.item_id, quadrant, secret)
            if started is not None:
                self._run_vote(started.id)

        self.app.push_screen(PickOneModal(t("swot.screen.vote_pick", quadrant=name), choices), picked)

    def _run_vote(self, round_id: int) -> None:
        self.reload()
        self.run_round(round_id, lambda _result: self._weights(round_id))

    def _weights(self, round_id: int) -> None:
        from workshop.rounds import get_round

        if get_round(self.project, round_id).done:
            self.app.attempt(swot_weigh.collect_weights, self.project, self.item_id, round_id)
        self.reload()

    def action_toggle_retained(self) -> None:
        entry = self._visible()
        if entry is not None:
            self.do(swot_weigh.set_retained, entry.id, not entry.retained)
