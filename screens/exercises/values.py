"""The shared values exercise on the projected screen: propose, merge, vote, define."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable, Static

from exercises import values, values_exercise
from exercises.values import Step, ValuesState
from screens.exercises.stepped import SteppedExerciseScreen
from screens.modals.confirm import ConfirmModal
from screens.modals.pick_one import PickOneModal
from screens.modals.prompt import PromptModal
from screens.parameters import int_parameter
from workshop.errors import NotFound
from workshop.i18n import t

if TYPE_CHECKING:
    from workshop.project import Project

EARLY = frozenset({Step.CONTRIBUTE, Step.MERGE})
RETAIN = Binding.Group("values.key.retain_count", compact=True)
DEFINING = frozenset({Step.DEFINE, Step.DONE})
OTHER_LABEL = "\x00other"  # the choice "type another label" (no label can hold a NUL)


class ValuesScreen(SteppedExerciseScreen):
    exercise = values_exercise.EXERCISE
    steps = tuple(s.value for s in values.STEPS)
    step_prefix = "values.step."
    BINDINGS = [
        # Priority: the table's own Enter would hide it from the key bar.
        Binding("enter", "open_row", "values.key.edit", priority=True),
        Binding("r", "round", "values.key.round"),
        Binding("h", "toggle_hidden", "values.key.hidden", show=False),
        Binding("a", "add", "values.key.add"),
        Binding("e", "edit", "values.key.edit", show=False),
        Binding("delete", "remove", "values.key.remove"),
        Binding("space", "mark", "values.key.mark"),
        Binding("space", "toggle_retained", "values.key.toggle"),
        Binding("m", "merge", "values.key.merge"),
        Binding("v", "vote", "values.key.vote"),
        Binding("plus,equals_sign", "retain(1)", "values.key.more", key_display="+", group=RETAIN),
        Binding("minus", "retain(-1)", "values.key.less", key_display="-", group=RETAIN),
        Binding("s", "divergence", "values.key.divergence"),
    ]
    STEP_ACTIONS = {
        "open_row": EARLY | DEFINING,
        "round": EARLY,
        "toggle_hidden": EARLY,
        "add": EARLY,
        "edit": EARLY,
        "remove": EARLY,
        "mark": EARLY,
        "merge": EARLY,
        "vote": frozenset({Step.MERGE, Step.VOTE}),
        "toggle_retained": frozenset({Step.VOTE}),
        "retain": frozenset({Step.VOTE}),
        "divergence": DEFINING,
    }

    def __init__(self, project: Project, workshop_id: int, item_id: int) -> None:
        super().__init__(project, workshop_id, item_id)
        self.state: ValuesState = values.state(project, item_id)
        self.marked: set[int] = set()
        self.hidden = True
        self.row_ids: list[int] = []

    def compose_body(self) -> ComposeResult:
        yield DataTable(id="values", cursor_type="row", zebra_stripes=True)
        yield Static(id="detail")

    # State ----------------------------------------------------------------------------
    @property
    def step(self) -> str:
        return self.state.step

    def store_step(self, step: str) -> None:
        saved = self.app.attempt(values.set_step, self.project, self.item_id, step)
        if saved is not None:
            self.state = saved

    def reload(self) -> None:
        self.state = values.state(self.project, self.item_id)
        self.marked &= {v.id for v in self.state.values}
        self.refresh_view()

    def hint(self) -> str:
        return t(f"values.screen.{self.step}_hint")

    # Display ---------------------------------------------------------------------------
    def show(self) -> None:
        table = self.query_one(DataTable)
        keep = table.cursor_row
        table.clear(columns=True)
        state = self.state
        ranks = values.ranks(state)
        if self.step in EARLY:
            self.add_columns(table, [(t("values.col.marked"), 2), (t("values.col.value"), 0), (t("values.col.sources"), 12)])
            shown = state.values
            for v in shown:
                table.add_row(Text("✓" if v.id in self.marked else ""), Text(v.label), Text(str(len(v.sources))))
            mode = t("values.screen.hidden_on" if self.hidden else "values.screen.hidden_off")
            self.set_status(t("values.screen.count", count=len(shown), marked=len(self.marked)) + " · " + mode)
        elif self.step == Step.VOTE:
            self.add_columns(
                table,
                [
                    (t("values.col.rank"), 5),
                    (t("values.col.value"), 0),
                    (t("values.col.points"), 7),
                    (t("values.col.voters"), 8),
                    (t("values.col.retained"), 8),
                ],
            )
            shown = values.ranked(state) if state.voted else state.values
            for v in shown:
                table.add_row(
                    Text(str(ranks[v.id]) if state.voted else ""),
                    Text(v.label),
                    Text(f"{v.points:g}" if state.voted else ""),
                    Text(str(v.voters) if state.voted else ""),
                    Text("★" if v.retained else ""),
                )
            retained = len(state.retained())
            status = t("values.screen.retained_count", count=retained)
            if state.voted and values.tie_at_cut(state, retained):
                status += " · " + t("values.screen.tie", count=retained)
            self.set_status(status)
        else:
            label = min(28, max((len(v.label) for v in state.values), default=10))
            self.add_columns(table, [(t("values.col.value"), label), (t("values.col.definition"), 0), (t("values.col.diverges"), 3)])
            shown = state.retained()
            for v in shown:
                table.add_row(Text(v.label), Text(v.definition or "…"), Text("≠" if v.divergences else ""))
            self.set_status(t("values.screen.retained_count", count=len(shown)))
        self.row_ids = [v.id for v in shown]
        if not shown:
            self.query_one("#detail", Static).update(Content(t("values.screen.empty")))
        elif 0 <= keep < len(shown):
            table.move_cursor(row=keep)
        self.show_detail()

    def show_detail(self) -> None:
        value = self.current()
        detail = self.query_one("#detail", Static)
        if value is None:
            return
        names = values.Names(self.project)
        lines = [Content(value.label).stylize("bold")]
        if self.step in DEFINING:
            if value.definition:
                lines.append(Content(value.definition))
            for sid, note in value.divergences.items():
                lines.append(Content(t("values.screen.divergence_line", structure=names.structure(int(sid)), note=note)))
        else:
            lines.append(Content(t("values.screen.proposers", names=names.proposers(value))))
        detail.update(Content("\n").join(lines))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail()
        self.refresh_bindings()

    # What the keys can do -------------------------------------------------------------
    def can(self, action: str, parameters: tuple[object, ...]) -> bool:
        state = self.state
        if action in ("open_row", "edit", "remove", "mark", "divergence", "toggle_retained"):
            return self.current() is not None and (action != "toggle_retained" or state.voted)
        if action == "merge":
            return len(self.marked) >= 2
        if action == "vote":
            return len(state.values) >= 2
        if action == "retain":
            count = len(state.retained()) + int_parameter(parameters)
            return state.voted and 0 <= count <= len(state.values)
        return True

    def binding_label(self, action: str) -> str | None:
        if action == "open_row" and self.step in DEFINING:
            return t("values.key.define")
        return None

    def action_open_row(self) -> None:
        if self.step in DEFINING:
            self.define()
        else:
            self.action_edit()

    def current(self) -> values.Value | None:
        row = self.query_one(DataTable).cursor_row
        if not 0 <= row < len(self.row_ids):
            return None
        try:
            return self.state.value(self.row_ids[row])
        except NotFound:  # removed meanwhile
            return None

    # Step 1: contributions ------------------------------------------------------------------
    def action_toggle_hidden(self) -> None:
        self.hidden = not self.hidden
        self.show()

    def action_round(self) -> None:
        from workshop.rounds import rounds_of

        running = [r for r in rounds_of(self.project, self.workshop_id, self.item_id, owner=values.CONTRIBUTE_OWNER) if not r.done]
        started = running[0] if running else self.app.attempt(values.start_contribution_round, self.project, self.item_id, self.hidden)
        if started is None:
            return
        self.reload()
        self.run_round(started.id, lambda _result: self._collect(started.id))

    def round_finished(self, round_id: int) -> None:
        from workshop.rounds import get_round

        if get_round(self.project, round_id).spec.owner == values.VOTE_OWNER:
            self._votes(round_id)
        else:
            self._collect(round_id)

    def _collect(self, round_id: int) -> None:
        from workshop.rounds import get_round

        if get_round(self.project, round_id).done:
            self.app.attempt(values.collect_contributions, self.project, self.item_id, round_id)
        self.reload()

    def action_add(self) -> None:
        def added(value: values.Value | None) -> None:
            if value is not None and self.step == Step.CONTRIBUTE:
                self.store_step(Step.MERGE)
            self.reload()

        def save(label: str) -> values.Value:
            return values.add_value(self.project, self.item_id, label)

        self.app.push_screen(PromptModal(t("values.screen.add_prompt"), save=save), added)

    # Step 2: merge ---------------------------------------------------------------------------
    def action_mark(self) -> None:
        value = self.current()
        if value is None:
            return
        self.marked ^= {value.id}
        self.show()
        self.refresh_bindings()  # M merges from two marked values on

    def action_merge(self) -> None:
        chosen = [v for v in self.state.values if v.id in self.marked]
        if len(chosen) < 2:
            self.notify(t("values.error.merge_needs_two"), markup=False, severity="warning")
            return
        ids = [v.id for v in chosen]

        def merged(value: values.Value | None) -> None:
            if value is not None:
                self.marked.clear()
            self.reload()

        def save(label: str) -> values.Value:
            return values.merge_values(self.project, self.item_id, ids, label)

        def picked(label: str | None) -> None:
            if label == OTHER_LABEL:
                question = t("values.screen.merge_prompt", count=len(ids))
                self.app.push_screen(PromptModal(question, value=chosen[0].label, save=save), merged)
            elif label is not None:
                merged(self.app.attempt(save, label))

        # Keep one of the marked labels, or type another one.
        choices = [(v.label, v.label) for v in chosen] + [(t("values.screen.merge_other"), OTHER_LABEL)]
        self.app.push_screen(PickOneModal(t("values.screen.merge_pick", count=len(ids)), choices), picked)

    def action_edit(self) -> None:
        value = self.current()
        if value is None:
            return

        def save(label: str) -> values.Value:
            return values.edit_value(self.project, self.item_id, value.id, label)

        self.app.push_screen(PromptModal(t("values.screen.edit_prompt"), value=value.label, save=save), lambda _done: self.reload())

    def action_remove(self) -> None:
        value = self.current()
        if value is None:
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.app.attempt(values.remove_value, self.project, self.item_id, value.id)
            self.reload()

        self.app.push_screen(ConfirmModal(t("values.screen.remove_confirm", label=value.label), t("values.key.remove")), confirmed)

    # Step 3: vote --------------------------------------------------------------------------------
    def action_vote(self) -> None:
        from workshop.rounds import get_round

        state = self.state
        running = get_round(self.project, state.vote_round) if state.vote_round else None
        if running is not None and not running.done:
            self.run_round(running.id, lambda _result: self._votes(running.id))
        elif running is not None and not state.voted:
            self._votes(running.id)
        elif running is not None:
            # The vote took place: a new one (after merging again, say) replaces its results.
            self.app.push_screen(ConfirmModal(t("values.screen.revote_confirm"), t("values.key.vote")), self._revote)
        else:
            self._revote(True)

    def _revote(self, yes: bool | None) -> None:
        if not yes:
            return
        started = self.app.attempt(values.start_vote, self.project, self.item_id)
        if started is None:
            return
        self.reload()
        round_id = started.id
        self.run_round(round_id, lambda _result: self._votes(round_id))

    def _votes(self, round_id: int) -> None:
        from workshop.rounds import get_round

        if get_round(self.project, round_id).done:
            self.app.attempt(values.collect_votes, self.project, self.item_id)
            state = values.state(self.project, self.item_id)
            if not state.retained():
                # A first proposal the facilitator adjusts with + and -: the top five (or all of them).
                self.app.attempt(values.retain_top, self.project, self.item_id, min(5, len(state.values)))
        self.reload()

    def action_retain(self, delta: int) -> None:
        count = max(0, min(len(self.state.values), len(self.state.retained()) + delta))
        self.app.attempt(values.retain_top, self.project, self.item_id, count)
        self.reload()

    def action_toggle_retained(self) -> None:
        value = self.current()
        if value is not None:
            self.app.attempt(values.set_retained, self.project, self.item_id, value.id, not value.retained)
            self.reload()

    # Step 4: define -------------------------------------------------------------------------------
    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if self.step in DEFINING:
            self.define()
        elif self.step in EARLY:
            self.action_edit()

    def define(self) -> None:
        value = self.current()
        if value is None:
            return

        def save(text: str) -> values.Value:
            return values.set_definition(self.project, self.item_id, value.id, text)

        prompt = PromptModal(t("values.screen.definition_prompt", label=value.label), value=value.definition, save=save)
        self.app.push_screen(prompt, lambda _done: self.reload())

    def action_divergence(self) -> None:
        value = self.current()
        if value is None:
            return
        choices = [(s.name, s.id) for s in self.project.structures()]

        def picked(structure_id: int | None) -> None:
            if structure_id is None:
                return
            name = self.project.structure(structure_id).name

            def save(text: str) -> values.Value:
                return values.set_divergence(self.project, self.item_id, value.id, structure_id, text)

            current = value.divergences.get(str(structure_id), "")
            prompt = PromptModal(t("values.screen.divergence_prompt", structure=name), value=current, save=save)
            self.app.push_screen(prompt, lambda _done: self.reload())

        self.app.push_screen(PickOneModal(t("values.screen.divergence_pick", label=value.label), choices), picked)
